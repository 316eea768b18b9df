// finsam/xlsx.hpp — the budget tables as an Excel workbook (CMake target finsam::xlsx).
//
// Design notes: Excel output is its own library, finsam::xlsx, because it needs libxlsxwriter
// (Debian libxlsxwriter-dev); a program that does not write workbooks links finsam::finsam and
// needs neither. With an installed finsam: find_package(finsam REQUIRED COMPONENTS xlsx).
#pragma once

#include <string>

#include "finsam/report.hpp"

namespace finsam {

/// Write an XLSX workbook (libxlsxwriter): one sheet per table, numbers as numbers with a
/// `#,##0` number format (shown "# ##0" by Swedish Excel), each Summa a formula over its rows.
/// Throws Error if the file cannot be written.
void write_xlsx(const BudgetTables& tables, const std::string& path);

}  // namespace finsam
