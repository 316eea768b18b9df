// What the files of the report stage share (internal: not installed).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "finsam/report.hpp"

namespace finsam::report_detail {

/// A group of Kostnader per insats: "Insatser", "Projekt", "Administration" (en: "Interventions", …).
std::string group_label(InterventionKind kind, Lang lang);

/// The years of the tables, "2005" or "2005–2007" with `dash` between them.
std::string years_text(const BudgetTables& tables, std::string_view dash);

/// Put each warning of `result` under the table it concerns, worded in the tables' language
/// (warnings.cpp: the lookup and the templates).
void place_warnings(const Result& result, BudgetTables& tables);

/// Shown values in display steps, exactly as build_tables() shows them: the year totals of
/// Resultat och eget kapital, each member's final contribution (Finansiering) and cost share
/// (the Summa row of Fördelning per huvudman, computed the same way for every year).
struct ShownFigures {
    int first_year = 0;
    std::vector<std::int64_t> contributions, costs, result, equity_end;   ///< by year index
    std::vector<std::int64_t> income;  ///< other income (spec 13) by year index: 0 without income lines
    std::vector<std::vector<std::int64_t>> final_contribution, cost_share;  ///< [member][year index]
};

/// The shown figures of `result` in `options`' unit.
ShownFigures shown_figures(const Result& result, const TableOptions& options);

/// The ordinary rounding a shown figure is compared with: to the nearest step, halves as the
/// plan's rounding mode takes them (half_up or half_even). A plan that truncates its amounts
/// (toward_zero) still shows its figures rounded to the nearest step, halves away from zero.
inline RoundingMode display_mode(RoundingMode plan_mode) {
    return plan_mode == RoundingMode::toward_zero ? RoundingMode::half_up : plan_mode;
}

/// The footnote "* Avrundad åt andra hållet …" listing every moved cell of `t` with its exact
/// value, first among the footnotes (nothing when no cell moved); `with_group` names a data
/// row's group heading too ("Bidrag per huvudman: Avesta kommun, Grundplan: …").
void add_rounding_footnote(Table& t, const TableOptions& options, bool with_group);

}  // namespace finsam::report_detail
