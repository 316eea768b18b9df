// finsam/frame.hpp — the financial frame (finansiell ram) and its year-end adjustments.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "finsam/money.hpp"

namespace finsam {

/// How a year's frame is given (spec section 5).
enum class FrameKind {
    total,       ///< {"total": A}: members pay A in proportion to their shares
    state,       ///< {"state": A}: the state's amount; total = A × Σshares / Σstate shares
    members,     ///< {"members": {...}}: each member's contribution as decided
    cover_costs  ///< {"cover_costs": true}: total = costs − equity used
};

/// The kind as written in plans: "total", "state", "members", "cover_costs".
constexpr std::string_view frame_kind_name(FrameKind kind) noexcept {
    switch (kind) {
        case FrameKind::total: return "total";
        case FrameKind::state: return "state";
        case FrameKind::members: return "members";
        case FrameKind::cover_costs: return "cover_costs";
    }
    return "?";
}

/// One year's frame entry (spec section 5).
struct FrameEntry {
    using Kind = FrameKind;
    Kind kind = Kind::cover_costs;
    Money amount;                       ///< for total and state
    std::vector<Money> member_amounts;  ///< for members, by member index (0 when not listed)
    std::string path;                   ///< JSON pointer of the entry

    /// Whether this frame needs the members' shares to be split.
    bool needs_shares() const noexcept { return kind != Kind::members; }
};

/// Adjustment — justering: a change to a member's contribution that gives the final frame.
struct Adjustment {
    int year = 0;
    std::size_t member = 0;  ///< member index
    Money amount;
    std::string note;
    std::string path;        ///< "/adjustments/i"
};

}  // namespace finsam
