// Write a plan's budget tables as an Excel workbook with finsam::xlsx (the only part of finsam
// that needs libxlsxwriter), and name its sheets' tables.   workbook PLAN.json OUT.xlsx
#include <finsam/finsam.hpp>
#include <finsam/xlsx.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: workbook PLAN.json OUT.xlsx\n";
        return 2;
    }
    try {
        const finsam::BudgetTables tables = finsam::build_tables(finsam::evaluate(finsam::load_plan_file(argv[1])));
        finsam::write_xlsx(tables, argv[2]);
        std::cout << tables.tables.size() << " sheets:";
        for (const auto& t : tables.tables) std::cout << " " << t.id;
        std::cout << "\n";
    } catch (const finsam::PlanError& e) {
        for (const auto& p : e.problems()) std::cerr << argv[1] << ":" << p.path << ": " << p.message << "\n";
        return 2;
    } catch (const finsam::Error& e) {
        std::cerr << "workbook: " << e.what() << "\n";
        return 1;
    }
}
