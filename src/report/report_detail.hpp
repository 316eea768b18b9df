// What the files of the report stage share (internal: not installed).
#pragma once

#include <string>

#include "finsam/report.hpp"

namespace finsam::report_detail {

/// A group of Kostnader per insats: "Insatser", "Projekt", "Administration" (en: "Interventions", …).
std::string group_label(InterventionKind kind, Lang lang);

/// A month's name: "januari" … "december" (en: "January" … "December").
inline std::string month_name(int month, Lang lang) {
    static const char* const sv[] = {"januari", "februari", "mars", "april", "maj", "juni",
                                     "juli", "augusti", "september", "oktober", "november", "december"};
    static const char* const en[] = {"January", "February", "March", "April", "May", "June",
                                     "July", "August", "September", "October", "November", "December"};
    if (month < 1 || month > 12) return "?";
    return (lang == Lang::sv ? sv : en)[month - 1];
}

/// Put each warning of `result` under the table it concerns, worded in the tables' language
/// (warnings.cpp: the lookup and the templates).
void place_warnings(const Result& result, BudgetTables& tables);

}  // namespace finsam::report_detail
