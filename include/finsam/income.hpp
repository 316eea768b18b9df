// finsam/income.hpp — other income (övriga intäkter): ESF money, interest, grants (spec 13).
//
// Design notes: other income is neither part of the frame nor allocated to the members; it
// only enters the year's result, result(Y) = final contributions + income − costs, and lowers
// what a `cover_costs` frame asks of the members (costs − income − equity used). Amounts are
// keyed by exact years: no carrying forward, no uprating; a year without a key is 0.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "finsam/money.hpp"

namespace finsam {

/// An income line — intäktsrad: money that comes in beside the members' contributions.
struct IncomeLine {
    std::string id;                ///< `[a-z0-9_-]+`, unique among income lines
    std::string name;              ///< display name (defaults to the id)
    std::map<int, Money> amounts;  ///< exact years; may be negative
    std::string path;              ///< "/income/i"

    /// The amount of `year` (0 where no key is written).
    Money amount(int year) const {
        auto f = amounts.find(year);
        return f == amounts.end() ? Money{} : f->second;
    }
};

/// One income line's amounts in the plan years.
struct IncomeResult {
    std::string id, name;
    std::vector<Money> amount;  ///< by year index
};

}  // namespace finsam
