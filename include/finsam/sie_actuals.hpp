// finsam/sie_actuals.hpp — actuals (utfall) straight from the books: a SIE file's rows mapped by
// the plan's `accounting` block into the `actuals` block of spec 14.2 (target finsam::sie).
//
// Design notes: the mapping is a SieVisitor that adds each row into a cell (kind, id, month) as
// it is read, so memory grows with the months and ids that have rows, never with the file. A
// cost row adds its amount, a contribution or income row the negated amount (credit is income).
// Because #OMFATTN may stand anywhere in the file, `through` is applied at the end: cells of
// later months are left out and their rows counted in a warning. Rows of every year up to
// `through` are kept (years before the plan's are history). A file without any #VER is read by
// its #PSALDO rows instead (spec 15): a rule with an object takes rows with that object, one
// without takes the account totals `{}`.
//
// Rows on 4000–7999 (costs) and 3000–3999 (income) that no rule takes are listed in warnings
// `unmapped_costs` / `unmapped_income`, one per (account, objects) with its sum. With period
// balances an account's total `{}` and its object rows are the same money twice, so there the
// rows left over are the totals no rule takes less the object rows some rule takes (what of
// the account is not accounted for), and object rows only where the account has no total.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "finsam/accounting.hpp"
#include "finsam/member.hpp"
#include "finsam/money.hpp"
#include "finsam/plan.hpp"
#include "finsam/sie.hpp"

namespace finsam {

/// A warning about the books read through the accounting block.
struct BooksWarning {
    std::string code;       ///< "unmapped_costs", "unmapped_income" or "rows_after_through"
    std::size_t line = 0;   ///< the line in the SIE file of the first row concerned
    std::string message;    ///< what and what to do, in one line
    std::string account;    ///< unmapped: the account ("5410")
    std::string objects;    ///< unmapped: its objects as SIE writes them ("{1 \"KANS\"}", "{}")
    Money sum;              ///< unmapped: the rows' sum as booked (debit positive)
    std::size_t rows = 0;   ///< how many rows
};

/// The actual of one intervention, member or income line, by month.
struct BookedLine {
    std::string id;
    std::map<YearMonth, Money> months;  ///< as the plan counts it: costs debit, income credit
};

/// The actuals of a plan read from its books.
struct BookedActuals {
    YearMonth through;  ///< the last month read (--through, else #OMFATTN's month)
    /// By kind, present where the accounting block has that key; ids with rows only, in the
    /// plan's order.
    std::optional<std::vector<BookedLine>> costs, contributions, income;
    std::vector<BooksWarning> warnings;
    SieSummary summary;                 ///< what the reader learnt about the file
    bool from_period_balances = false;  ///< read by #PSALDO (the file has no #VER)
};

/// Read the SIE file at `path` and map its rows by `plan.accounting`. `through` defaults to the
/// month of #OMFATTN. Throws PlanError (/accounting) when the plan has none, SieError with every
/// problem of the file (and "no through" or a through outside the plan's years), Error for a
/// given `through` outside the plan's years.
BookedActuals read_actuals(const Plan& plan, const std::string& path, std::optional<YearMonth> through = std::nullopt);

/// The same for a SIE file's bytes; `name` names it in problems.
BookedActuals read_actuals(const Plan& plan, std::string_view bytes, const std::string& name,
                           std::optional<YearMonth> through = std::nullopt);

/// The plan document `document` (a finsam/1 plan, variants included) with the books' actuals in
/// place of its own (spec 15, `finsam plan PLAN --sie BOOKS.se`): `actuals.through` and each
/// kind the accounting block maps (costs, contributions, income: the keys `actuals` holds) are
/// the books'; what else the plan's own `actuals` block holds (its `forecast` rules, a kind the
/// accounting block does not map) is kept. Amounts in `unit`, the plan's amount unit.
[[nodiscard]] Node with_actuals(Node document, const BookedActuals& actuals, Unit unit);

/// The plan read again with the books' actuals in place of its own (the document is the plan's
/// source with its variants). Throws PlanError whose messages begin "with the actuals of the
/// books: " (a problem the books' figures cause in the plan, such as a month of a kept kind
/// after the books' through).
[[nodiscard]] Plan with_actuals(const Plan& plan, const BookedActuals& actuals);

/// The problems of a plan read with the books' actuals, each message beginning "with the
/// actuals of the books: " (for callers that load the document of with_actuals themselves).
[[nodiscard]] PlanError books_plan_error(const PlanError& e);

/// "2011-08".
std::string month_text(YearMonth m);

/// An amount in `unit` with every decimal the unit has in öre ("150.00" kr, "0.15000" tkr):
/// exact, and never three decimals (which a tkr plan would read as a thousands separator).
std::string amount_in_unit(Money amount, Unit unit);

/// The `actuals` block of spec 14.2 as JSON text, {"through", "costs", "contributions",
/// "income"}, amounts in `unit` (the plan's amount_unit), indented by two spaces: what
/// `finsam actuals` prints (without the last newline). To put it into a plan, read it with
/// parse_json (finsam/json.hpp) and set it as the document's "actuals".
[[nodiscard]] std::string actuals_json(const BookedActuals& actuals, Unit unit);

}  // namespace finsam
