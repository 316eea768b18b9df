// What the files of the report stage share (internal: not installed).
#pragma once

#include <string>
#include <string_view>

#include "finsam/report.hpp"

namespace finsam::report_detail {

/// A group of Kostnader per insats: "Insatser", "Projekt", "Administration" (en: "Interventions", …).
std::string group_label(InterventionKind kind, Lang lang);

/// The years of the tables, "2005" or "2005–2007" with `dash` between them.
std::string years_text(const BudgetTables& tables, std::string_view dash);

/// Put each warning of `result` under the table it concerns, worded in the tables' language
/// (warnings.cpp: the lookup and the templates).
void place_warnings(const Result& result, BudgetTables& tables);

}  // namespace finsam::report_detail
