// finsam/accounting.hpp — the plan's `accounting` block: which accounts and objects of the books
// belong to which intervention, member and income line (spec section 15).
//
// Design notes: the block is read with the rest of the plan (every problem at its JSON pointer,
// every `to` checked against the plan's ids) but used only when actuals are read from SIE books
// (finsam/sie_actuals.hpp, target finsam::sie): the core evaluates no accounting. Rules are
// kept in the order written; the first rule that matches a row takes it, costs before
// contributions before income.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace finsam {

/// An inclusive range of account numbers: "4000-7999", or one account "6420" (6420–6420).
struct AccountRange {
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    constexpr bool contains(std::uint64_t account) const noexcept { return first <= account && account <= last; }
    friend bool operator==(const AccountRange&, const AccountRange&) = default;
};

/// What a rule's rows are: costs of an intervention, contributions (payments) of a member, or
/// other income.
enum class AccountingKind { costs, contributions, income };

/// The key of the block a kind is written under: "costs", "contributions", "income".
constexpr const char* accounting_key(AccountingKind k) noexcept {
    switch (k) {
        case AccountingKind::costs: return "costs";
        case AccountingKind::contributions: return "contributions";
        case AccountingKind::income: return "income";
    }
    return "?";
}

/// One rule: rows on these accounts (and, with `dimension`, carrying `object` in it) go to `to`.
struct AccountingRule {
    std::vector<AccountRange> accounts;  ///< never empty
    std::optional<int> dimension;        ///< with `object`: 1 kostnadsställe, 6 projekt, …
    std::string object;                  ///< the object id in `dimension` (only with a dimension)
    std::string to;                      ///< an intervention, member or income id (by kind)
    std::string path;                    ///< "/accounting/costs/0"

    /// Whether `account` is one of the rule's accounts.
    bool covers(std::uint64_t account) const noexcept {
        for (const auto& r : accounts)
            if (r.contains(account)) return true;
        return false;
    }
};

/// The `accounting` block: the rules of each kind, present when the plan writes the key.
struct Accounting {
    std::optional<std::vector<AccountingRule>> costs;
    std::optional<std::vector<AccountingRule>> contributions;
    std::optional<std::vector<AccountingRule>> income;

    /// The rules of `kind` (nullptr when the block has no such key).
    const std::vector<AccountingRule>* rules(AccountingKind kind) const noexcept {
        const auto& r = kind == AccountingKind::costs ? costs : kind == AccountingKind::contributions ? contributions : income;
        return r ? &*r : nullptr;
    }
};

}  // namespace finsam
