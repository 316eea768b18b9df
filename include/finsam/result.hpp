// finsam/result.hpp — an evaluated plan: amounts, contributions, allocations, totals, warnings.
//
// Design notes: the Result is what every output reads — the result JSON, explain, compare,
// the budget tables — and all they read: an output never reaches back into the Plan. Whatever
// an output needs of the plan (names, kinds, the adjustments' notes, the figures a warning is
// about) the evaluator copies into the Result. This header therefore does not include plan.hpp.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "finsam/allocation.hpp"
#include "finsam/followup.hpp"
#include "finsam/frame.hpp"
#include "finsam/income.hpp"
#include "finsam/intervention.hpp"
#include "finsam/liquidity.hpp"
#include "finsam/member.hpp"
#include "finsam/money.hpp"
#include "finsam/months.hpp"
#include "finsam/rate.hpp"
#include "finsam/warning.hpp"

namespace finsam {

/// How one year's amount of an intervention came about.
struct AmountStep {
    enum class Source { inactive, known, items, computed };
    int year = 0;
    Source source = Source::inactive;
    Money amount;
    // for Source::computed:
    Money previous;
    Rational volume = 1;
    Rational uprate_percent = 0;
    std::string uprate_from;  ///< "owner (region 1.5 %)", "none", "percent"
    Money delta;
    Rational exact = 0;       ///< before rounding, in öre
    std::string rule_path;
};

/// One item of a bottom-up budget (such as a course of a training plan), by year.
struct ItemResult {
    std::string name;
    std::vector<std::optional<Money>> amount;  ///< by year index; nullopt where the item lists no amount
};

/// One intervention's figures.
struct InterventionResult {
    std::string id, name;
    InterventionKind kind = InterventionKind::insats;
    std::vector<Money> amount;                    ///< by year index
    std::vector<Money> frame_amount, case_amount; ///< by year index
    std::vector<Allocation> frame_allocation, case_allocation;  ///< by year index
    std::vector<std::vector<Money>> allocation;   ///< [year][member], frame + case
    std::vector<AmountStep> steps;                ///< the chain, earliest year first
    std::vector<ItemResult> items;                ///< its items, if it has any
    Rational frame_part = 100;
    std::vector<Rational> key;                    ///< case-part weights (empty: no key)
    std::vector<MonthlyBudget> months;            ///< by year index (14.1); empty when the plan needs no months
};

/// One member's figures.
struct MemberResult {
    std::string id, name;
    MemberKind kind = MemberKind::other;
    std::vector<Rational> share;           ///< % of the final frame (exact), by year index
    std::vector<std::optional<Rational>> stated_share;  ///< from `shares` where computed
    std::vector<Money> contribution;       ///< preliminary
    std::vector<Money> adjustment;
    std::vector<Money> final_contribution;
    std::vector<Money> cost_share;         ///< Σ allocations
};

/// Totals of one year.
struct YearTotals {
    Money costs, contributions, income, result;
    Money equity_start, equity_end, equity_use;
};

/// The evaluated plan.
struct Result {
    std::string name;
    std::string variant;  ///< the variant's name (its key in `variants`); "" for the base plan
    int first_year = 0, last_year = 0;
    bool has_equity = false;
    bool has_adjustments = false;
    Rounding rounding;
    std::vector<MemberResult> members;
    std::vector<InterventionResult> interventions;
    std::vector<YearTotals> totals;   ///< by year index
    std::vector<Warning> warnings;
    std::vector<FrameKind> frame_kinds;    ///< by year index: how the year's frame is given
    std::vector<Adjustment> adjustments;   ///< the plan's adjustments, as written (notes included)
    bool has_income = false;               ///< the plan has `income`: totals show it (spec 13)
    std::vector<IncomeResult> income;      ///< other income, in plan order
    std::optional<FollowUp> follow_up;     ///< with actuals: the follow-up of year F (14.3)
    std::optional<LiquidityResult> liquidity;  ///< with `liquidity`: cash by month (14.4)

    int year_count() const noexcept { return last_year - first_year + 1; }
    std::size_t year_index(int year) const noexcept { return static_cast<std::size_t>(year - first_year); }
};

/// The results of a plan's base and every variant (spec 12.18), variants in file order.
struct Evaluation {
    Result base;
    std::vector<std::pair<std::string, Result>> variants;
    /// The result of variant `name`, or the base for an empty name; nullptr if unknown.
    const Result* find(std::string_view name) const {
        if (name.empty()) return &base;
        for (const auto& [n, r] : variants)
            if (n == name) return &r;
        return nullptr;
    }
};

}  // namespace finsam
