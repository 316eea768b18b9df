// finsam/months.hpp — the months of a budget (periodisering): profiles and monthly splits.
//
// Design notes (spec 14.1, 14.6.4): a profile is twelve non-negative weights, January first;
// "even" is twelve equal weights. A year's amount is split over the months by largest
// remainder (section 7) with the twelve months as the members in calendar order (ties to the
// earlier month), in the allocation unit, the sub-unit rest going to the month that would have
// got the next unit (12.8): the twelve months always sum exactly to the amount. Which profile
// splits what: an intervention with items in a year splits each item by the item's profile
// (else the intervention's, else the plan's, else even) and sums the months; otherwise its
// amount by its own profile (else the plan's, else even). A dated profile without a key ≤ Y
// is an error at that profile, never a fallback to the next level. A booked year (an actual
// written under a year key) is spread the same way but with the intervention's own profile,
// and all-zero weights put it in December instead of failing (14.2, 14.6.6).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "finsam/allocation.hpp"
#include "finsam/money.hpp"
#include "finsam/rate.hpp"

namespace finsam {

/// Twelve amounts, January first.
using Months = std::array<Money, 12>;

/// A profile — periodiseringsprofil: twelve non-negative weights, January first.
struct Profile {
    std::array<Rational, 12> weights{};  ///< ≥ 0 each
    bool even = false;                   ///< written as "even" (twelve equal weights)

    /// Twelve equal weights.
    static Profile even_months() {
        Profile p;
        p.even = true;
        p.weights.fill(Rational(1));
        return p;
    }
    /// Whether every weight is 0 (a non-zero amount cannot be split by it).
    bool all_zero() const {
        for (const auto& w : weights)
            if (w != 0) return false;
        return true;
    }
};

/// Split `amount` over the twelve months by `profile` (spec 14.1) in `unit`. AllocationError
/// when the amount is not 0 and every weight is.
inline Allocation split_months_explained(Money amount, const Profile& profile, Unit unit) {
    return allocate_explained(amount, std::span<const Rational>(profile.weights), unit);
}

/// The twelve months of `amount` split by `profile` (spec 14.1); they sum to `amount`.
inline Months split_months(Money amount, const Profile& profile, Unit unit) {
    const std::vector<Money> parts = allocate(amount, std::span<const Rational>(profile.weights), unit);
    Months m{};
    for (std::size_t k = 0; k < 12; ++k) m[k] = parts[k];
    return m;
}

/// Sum of months `first`..`last` (1-based, inclusive); OverflowError beyond the range.
inline Money sum_months(const Months& m, int first = 1, int last = 12) {
    Money s;
    for (int k = first; k <= last; ++k) s += m[static_cast<std::size_t>(k - 1)];
    return s;
}

/// One split that went into a monthly budget: an item's amount, or the intervention's own.
struct MonthSplit {
    std::string item;          ///< the item's name; empty for the intervention's own amount
    Money amount;              ///< the year's amount split
    Profile profile;           ///< the weights used
    std::string profile_path;  ///< JSON pointer of the profile used; "" for the default "even"
    Months months{};           ///< the split; sums to `amount`
};

/// The monthly budget of one intervention in one year.
struct MonthlyBudget {
    Months months{};                 ///< sums to the year's amount
    std::vector<MonthSplit> splits;  ///< the intervention's own amount, or one per item listing the year
};

/// "2011-03".
inline std::string month_key(int year, int month) {
    return std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month);
}

}  // namespace finsam
