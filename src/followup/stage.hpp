// src/followup/stage.hpp — the follow-up stage: months, follow-up and liquidity (internal).
//
// Design notes: this stage runs inside evaluate() after the plan's own figures (amounts,
// contributions, allocations, totals) and adds to the Result what section 14 asks for: the
// monthly budget of every intervention and year (months.cpp), the follow-up of year F
// through month T with forecasts, their allocation and the forecast equity (follow_up.cpp),
// and the cash month by month (liquidity.cpp). It reads the Plan and the Result built so far
// and writes only its own parts of the Result, so the tables, `explain` and Python find
// everything there. Problems go to the Collector evaluate() keeps for its own; the
// follow-up and liquidity run for the years whose figures are known (spec 14.6.4).
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "finsam/evaluate.hpp"
#include "finsam/months.hpp"

namespace finsam::detail {

/// "WHAT would be beyond ±(2^63 − 1) öre …": every computed amount out of range (spec 12.2).
std::string overflow_message(const std::string& what);

/// The equity warnings of spec 12.16 for `equity_end` of `year` (`contributions`: the year's
/// final contributions): `equity_negative`, `equity_above_guideline`; with `forecast`, the
/// forecast equity's `forecast_equity_negative`, `forecast_equity_above_guideline` (14.3).
std::vector<Warning> equity_warnings(const Equity& equity, int year, Money equity_end, Money contributions, bool forecast);

}  // namespace finsam::detail

namespace finsam::followup {

/// A year as text, for pointers ("/income/0/amounts/2011").
inline std::string ys(int y) { return std::to_string(y); }
/// An amount in a message: "1 234,50 kr".
inline std::string kr(Money m) { return m.to_kr_string() + " kr"; }

/// Problems (deduplicated, in the order found) and warnings of one evaluation: evaluate()
/// keeps one and hands it to this stage. The duplicates go by a set: a plan over 9 999 years
/// can have tens of thousands of problems.
class Collector {
public:
    explicit Collector(Result& result) : result_(result) {}

    void problem(std::string path, std::string message) {
        Problem p{std::move(path), std::move(message)};
        if (seen_.insert({p.path, p.message}).second) problems_.push_back(std::move(p));
    }
    /// A warning record with its code, pointer, English message, subject and year; the caller
    /// adds its figures.
    Warning& warn(WarningCode code, std::string path, std::string message, WarningSubject subject, int year) {
        Warning w;
        w.code = code;
        w.path = std::move(path);
        w.message = std::move(message);
        w.subject = subject;
        w.year = year;
        result_.warnings.push_back(std::move(w));
        return result_.warnings.back();
    }
    /// Run `f`; an overflow becomes a problem at `path` ("WHAT would be beyond …").
    bool guarded(const std::string& path, const std::string& what, const std::function<void()>& f) {
        try {
            f();
            return true;
        } catch (const OverflowError&) {
            problem(path, detail::overflow_message(what));
            return false;
        }
    }
    bool ok() const noexcept { return problems_.empty(); }
    std::vector<Problem>& problems() noexcept { return problems_; }

private:
    Result& result_;
    std::vector<Problem> problems_;
    std::set<std::pair<std::string, std::string>> seen_;
};

/// A profile as it applies in one year, with where it was read ("" for the default "even").
struct AppliedProfile {
    Profile profile;
    std::string path;
};

/// The profile of `year` from the first level of `chain` that is written (an item's, an
/// intervention's, the plan's), else "even". A dated level without a key ≤ `year` is a
/// problem at that profile (no fallback, 14.6.4): nullopt. `what` names the split for the message.
std::optional<AppliedProfile> applied_profile(std::initializer_list<const std::optional<Dated<Profile>>*> chain, int year,
                                              const std::string& what, Collector& c);

/// Spread a booked year (or a forecast's difference) over the months by `profile`: as
/// split_months, except that all-zero weights put the whole amount in December (14.2, 14.4).
Months spread_months(Money amount, const Profile& profile, Unit unit);

/// The monthly budget of every intervention in every plan year whose amount is known
/// (`amount_ok[i][yi]`), into InterventionResult::months (spec 14.1). Returns, by year index,
/// whether every intervention's months of that year are known.
std::vector<bool> monthly_budgets(const Plan& plan, Result& result, const std::vector<std::vector<bool>>& amount_ok, Collector& c);

/// The follow-up of year F (spec 14.3), into Result::follow_up. Needs the monthly budgets and
/// the figures of F; runs beside problems of other years, so its own are listed with them
/// (spec 14.6.4: every problem, e.g. a profile a year key is spread by).
void follow_up(const Plan& plan, Result& result, Collector& c);

/// The liquidity plan (spec 14.4), into Result::liquidity. Each year whose figures are known
/// (`usable`, by year index) and, for F, whose follow-up is complete is split into months, so
/// its problems (payment schedules, profiles) are listed beside those of other years; the cash
/// is chained and Result::liquidity set only when there was no problem at all.
void liquidity(const Plan& plan, Result& result, Collector& c, const std::vector<bool>& usable);

}  // namespace finsam::followup
