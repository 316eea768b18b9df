// finsam/actuals.hpp — what has been booked (utfall): costs, payments received, income.
//
// Design notes (spec 14.2, 14.6.5): `through` is the last month whose books are closed; its
// year is the follow-up year F, and a year is closed when `through` is its December or later.
// Each intervention, member and income line may have entries by month ("2011-03") or, for a
// closed year, by year ("2010", the whole year's actual). What is not written was not booked:
// a month without an entry is 0. Everything here has been checked by the reader: months after
// `through`, year keys of open years, a year written both ways and unknown ids are errors
// there, so a loaded Actuals is consistent with its own `through`.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "finsam/member.hpp"
#include "finsam/money.hpp"
#include "finsam/months.hpp"

namespace finsam {

/// The entries booked on one intervention, member or income line.
struct Booked {
    std::map<int, Money> whole_year;  ///< year keys: the whole year's actual (closed years only)
    std::map<int, Months> by_month;   ///< month keys, by year; months without an entry are 0
    std::string path;                 ///< "/actuals/costs/ID"

    /// Whether `year` has any entry (a year key or a month key).
    bool has_year(int year) const { return whole_year.count(year) || by_month.count(year); }
    /// The booked total of `year` (0 without entries); OverflowError beyond the range.
    Money total(int year) const {
        if (auto w = whole_year.find(year); w != whole_year.end()) return w->second;
        if (auto m = by_month.find(year); m != by_month.end()) return sum_months(m->second);
        return Money{};
    }
    /// Months 1..`through_month` of `year` written by month (0 without entries).
    Money to_month(int year, int through_month) const {
        if (auto w = whole_year.find(year); w != whole_year.end()) return through_month == 12 ? w->second : Money{};
        if (auto m = by_month.find(year); m != by_month.end()) return sum_months(m->second, 1, through_month);
        return Money{};
    }
};

/// The whole-year forecast rule of one intervention (spec 14.3).
struct ForecastRule {
    enum class Kind {
        budget,    ///< "budget": actual to date + the budget still to come (the default)
        run_rate,  ///< "run_rate": actual to date × budget / budget to date
        amount     ///< an amount written in the plan ("explicit" in the result)
    };
    Kind kind = Kind::budget;
    Money amount;      ///< for Kind::amount
    std::string path;  ///< "/actuals/forecast/ID" ("" for the default)
};

/// The rule's name in the result JSON: "budget", "run_rate", "explicit".
constexpr std::string_view rule_name(ForecastRule::Kind k) noexcept {
    switch (k) {
        case ForecastRule::Kind::budget: return "budget";
        case ForecastRule::Kind::run_rate: return "run_rate";
        case ForecastRule::Kind::amount: return "explicit";
    }
    return "?";
}

/// Actuals — utfall (spec 14.2).
struct Actuals {
    YearMonth through;                          ///< the last closed month
    std::vector<std::optional<Booked>> costs;   ///< by intervention index
    bool contributions_given = false;           ///< `contributions` present (also as {})
    std::vector<std::optional<Booked>> contributions;  ///< by member index
    std::vector<std::optional<Booked>> income;  ///< by income line index
    std::vector<ForecastRule> forecast;         ///< by intervention index (default: budget)

    /// The follow-up year F.
    int year() const noexcept { return through.year; }
    /// Whether `year`'s books are closed (through is its December or later).
    bool closed(int year) const noexcept { return through.year > year || (through.year == year && through.month == 12); }
    /// Whether any of costs, contributions and income has a key in `year` (spec 14.6.10).
    bool has_entry(int year) const {
        for (const auto* side : {&costs, &contributions, &income})
            for (const auto& b : *side)
                if (b && b->has_year(year)) return true;
        return false;
    }
};

}  // namespace finsam
