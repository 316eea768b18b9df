// finsam/intervention.hpp — interventions (insatser) and how their amounts change year by year.
//
// Design notes (spec section 6, 12.10–12.12): a year's amount is known (written in `amounts`,
// or the sum of its items) or follows from the previous year's by the year's change rule,
//     amount(Y) = round(amount(Y−1) × volume × (1 + uprate/100) + delta),
// rounded once to `rounding.amounts` with `rounding.mode`. Outside `active` the amount is 0
// and nothing is carried forward. The owner's rate is the weighted mean of its owners' rates.
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "finsam/dated.hpp"
#include "finsam/money.hpp"
#include "finsam/months.hpp"
#include "finsam/rate.hpp"

namespace finsam {

/// Kind of intervention; reports group by it.
enum class InterventionKind {
    insats,         ///< an ongoing intervention (default)
    project,        ///< projekt, time-limited
    administration  ///< kansli, styrelse, the förbund's own administration
};

/// The kind as written in plans.
constexpr std::string_view kind_name(InterventionKind k) noexcept {
    switch (k) {
        case InterventionKind::insats: return "insats";
        case InterventionKind::project: return "project";
        case InterventionKind::administration: return "administration";
    }
    return "?";
}

/// Change rule — förändring/uppräkning of one year.
struct ChangeRule {
    enum class Uprate { owner, none, percent };
    Uprate uprate = Uprate::owner;
    Rational uprate_percent = 0;  ///< for Uprate::percent
    Rational volume = 1;          ///< volume factor (600/400 for 400 → 600 cases)
    Money delta;                  ///< fixed change, added after scaling
    std::string path;             ///< JSON pointer of the rule
};

/// One step of the amount chain.
[[nodiscard]] inline Rational changed_amount_exact(Money previous, const ChangeRule& rule, const Rational& uprate_percent) {
    return previous.exact_ore() * rule.volume * Rate::from_percent(uprate_percent).growth_factor() + rule.delta.exact_ore();
}

/// A line of a bottom-up budget (such as one course of a training plan).
struct Item {
    std::string name;
    std::map<int, Money> amounts;  ///< exact years
    std::optional<Dated<Profile>> profile;  ///< its months (default: the intervention's, 14.1)
    std::string path;              ///< "/interventions/i/items/k"
};

/// Intervention — insats: a funded activity with a yearly budget.
struct Intervention {
    std::string id;
    std::string name;
    InterventionKind kind = InterventionKind::insats;
    std::vector<Rational> owner_weights;  ///< by member index; empty when no owner
    std::string owner_path;               ///< "/interventions/i/owner"
    std::map<int, Money> amounts;         ///< known amounts, exact years
    std::vector<Item> items;
    Dated<ChangeRule> change;             ///< default: uprate by the owner's rate
    std::optional<int> active_from, active_to;
    std::optional<Rational> frame_part;   ///< percent; nullopt: the plan's default
    std::optional<std::vector<Rational>> key;  ///< case-part weights by member index
    std::map<int, Money> checks;          ///< published amounts to compare with
    std::optional<Dated<Profile>> profile;  ///< its months (default: the plan's, 14.1)
    std::string path;                     ///< "/interventions/i"

    /// Whether the intervention runs in `year`.
    bool is_active(int year) const noexcept {
        return (!active_from || *active_from <= year) && (!active_to || year <= *active_to);
    }
    /// Whether some item lists `year`.
    bool has_items_in(int year) const {
        for (const auto& it : items)
            if (it.amounts.count(year)) return true;
        return false;
    }
    /// The year its amount chain starts for plan years from `first_year` (spec 12.10): the first
    /// year, or the latest earlier known amount from which an unbroken chain of active years
    /// reaches it; years before that are never computed.
    int chain_start(int first_year) const {
        auto has_known = [&](int y) { return is_active(y) && (amounts.count(y) || has_items_in(y)); };
        int earliest = first_year;
        for (const auto& [y, a] : amounts) earliest = std::min(earliest, y);
        for (const auto& it : items)
            for (const auto& [y, a] : it.amounts) earliest = std::min(earliest, y);
        if (is_active(first_year) && !has_known(first_year))
            for (int y = first_year - 1; y >= earliest && is_active(y); --y)
                if (has_known(y)) return y;
        return first_year;
    }
};

}  // namespace finsam
