// finsam/member.hpp — the förbund's members (huvudmän) and their months of membership.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "finsam/dated.hpp"
#include "finsam/rate.hpp"

namespace finsam {

/// Kind of member; the law on financial coordination gives state 50 %, region 25 %,
/// municipalities 25 % together; `other` has no share under the law rule.
enum class MemberKind { state, region, municipality, other };

/// The kind as written in plans.
constexpr std::string_view kind_name(MemberKind k) noexcept {
    switch (k) {
        case MemberKind::state: return "state";
        case MemberKind::region: return "region";
        case MemberKind::municipality: return "municipality";
        case MemberKind::other: return "other";
    }
    return "?";
}

/// A calendar month, for membership bounds ("2011-07").
struct YearMonth {
    int year = 0;
    int month = 1;  ///< 1..12
    /// Months since year 0, for comparisons.
    constexpr int index() const noexcept { return year * 12 + (month - 1); }
    friend constexpr auto operator<=>(const YearMonth&, const YearMonth&) = default;
};

/// Member — huvudman: Försäkringskassan, a region, a municipality, or another party.
struct Member {
    std::string id;                            ///< `[a-z0-9_-]+`, unique
    std::string name;                          ///< display name (defaults to the id)
    MemberKind kind = MemberKind::other;
    std::optional<Dated<BigInt>> population;  ///< for the "population" municipal key (no upper bound, spec 12.23)
    std::optional<YearMonth> from;             ///< member from this month's start (inclusive)
    std::optional<YearMonth> to;               ///< member to this month's end (inclusive)
    std::string path;                          ///< JSON pointer, "/members/i"

    /// Whether this is a member in `month` (1..12) of `year`.
    constexpr bool is_member(int year, int month) const noexcept {
        const YearMonth ym{year, month};
        return (!from || *from <= ym) && (!to || ym <= *to);
    }
    /// Whether this is a member in any month of `year`.
    constexpr bool is_member_in(int year) const noexcept {
        for (int m = 1; m <= 12; ++m)
            if (is_member(year, m)) return true;
        return false;
    }
};

}  // namespace finsam
