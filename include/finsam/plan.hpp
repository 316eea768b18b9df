// finsam/plan.hpp — a `finsam/1` plan, read and checked, and the functions that read it.
//
// Design notes: loading turns the JSON (read exactly, see json.hpp) into typed values and
// collects every structural problem with its JSON pointer — wrong types, unknown keys,
// missing required keys, malformed numbers, unknown member ids, shares not summing to 100 —
// before anything is computed. Problems that only show when a year is computed (a missing
// rate, a key that is needed) are found by evaluate() (evaluate.hpp). `source` keeps the
// plan as read (without `variants`), so variants can be applied as JSON Merge Patches.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "finsam/accounting.hpp"
#include "finsam/dated.hpp"
#include "finsam/actuals.hpp"
#include "finsam/frame.hpp"
#include "finsam/income.hpp"
#include "finsam/intervention.hpp"
#include "finsam/json.hpp"
#include "finsam/liquidity.hpp"
#include "finsam/member.hpp"
#include "finsam/money.hpp"
#include "finsam/months.hpp"
#include "finsam/shares.hpp"
#include "finsam/warning.hpp"

namespace finsam {

/// Equity — eget kapital (spec section 8).
struct Equity {
    bool given = false;                      ///< `equity` present: results show equity_end
    Money opening;                           ///< at the start of the first year
    std::optional<Dated<Money>> use;         ///< equity used in cover_costs years
    std::optional<Rational> guideline_percent;
};

/// Published totals of one year to compare with (spec 12.17, 17).
struct YearChecks {
    std::optional<Money> costs, contributions, result, equity_end, income;
    /// `"costs": {"insats": …}`: the published costs of some kinds of intervention, in the
    /// order insats, project, administration (instead of `costs`).
    std::vector<std::pair<InterventionKind, Money>> costs_by_kind;
    std::string path;  ///< "/checks/YEAR"
};

/// A plan — verksamhetsplanens budget: members, shares, frame, interventions, adjustments.
struct Plan {
    std::string name;
    Unit amount_unit = Unit::kr;
    int first_year = 0;  ///< the budget year
    int last_year = 0;   ///< the last preliminary planning year
    Rounding rounding;
    std::vector<Member> members;
    std::optional<Dated<SharesEntry>> shares;
    Dated<FrameEntry> frame;
    std::vector<std::optional<Dated<Rational>>> uprating;  ///< by member index, percent
    Rational frame_part = 100;                            ///< default financing.frame_part
    std::vector<Intervention> interventions;
    std::vector<Adjustment> adjustments;
    Equity equity;
    std::map<int, YearChecks> checks;
    bool has_income = false;                 ///< `income` present (also as [])
    std::vector<IncomeLine> income;          ///< other income (spec 13)
    std::optional<Dated<Profile>> profile;   ///< the default profile of every intervention (14.1)
    std::optional<Actuals> actuals;          ///< what has been booked (14.2)
    std::optional<LiquidityPlan> liquidity;  ///< the liquidity plan (14.4)
    std::vector<Warning> warnings;  ///< found while reading (possible_thousands_separator); the result carries them
    std::optional<Accounting> accounting;    ///< accounts → ids, for actuals from SIE books (15)
    std::vector<std::pair<std::string, Node>> variants;  ///< name → merge patch, in file order
    Node source;                                         ///< the plan as read, without `variants`

    /// Whether monthly budgets are computed: the plan has a profile (anywhere), actuals or
    /// liquidity (spec 14.6.4).
    bool uses_months() const {
        if (profile || actuals || liquidity) return true;
        for (const auto& iv : interventions) {
            if (iv.profile) return true;
            for (const auto& it : iv.items)
                if (it.profile) return true;
        }
        return false;
    }
    /// Number of years first..last.
    int year_count() const noexcept { return last_year - first_year + 1; }
    /// Index of a member id, or nullopt.
    std::optional<std::size_t> member_index(std::string_view id) const {
        for (std::size_t i = 0; i < members.size(); ++i)
            if (members[i].id == id) return i;
        return std::nullopt;
    }
    /// Index of an income line id, or nullopt.
    std::optional<std::size_t> income_index(std::string_view id) const {
        for (std::size_t i = 0; i < income.size(); ++i)
            if (income[i].id == id) return i;
        return std::nullopt;
    }
    /// Index of an intervention id, or nullopt.
    std::optional<std::size_t> intervention_index(std::string_view id) const {
        for (std::size_t i = 0; i < interventions.size(); ++i)
            if (interventions[i].id == id) return i;
        return std::nullopt;
    }
};

/// Read a plan from parsed JSON; throws PlanError with every structural problem.
[[nodiscard]] Plan load_plan(const Node& json);
/// Read a plan from JSON text.
[[nodiscard]] Plan load_plan_string(std::string_view text);
/// Read a plan from a file.
[[nodiscard]] Plan load_plan_file(const std::string& path);

/// Apply a variant patch to a plan document (spec 9, 16): a JSON Merge Patch (RFC 7386), except
/// that the top-level `members`, `interventions` and `income` may be written as an object keyed
/// by id, merged entry by entry: an existing id keeps its place and is merge-patched (`null`
/// removes it), a new id is appended as `{"id": KEY}` merge-patched with its value, in the
/// patch's order. Written as an array, they replace the list whole, as in RFC 7386.
void patch_plan(Node& plan, const Node& patch);

/// The plan of variant `name`: the source patched with the variant's patch (patch_plan).
/// Problems carry the message prefix `variant "NAME": `.
[[nodiscard]] Plan variant_plan(const Plan& plan, std::string_view name);

}  // namespace finsam
