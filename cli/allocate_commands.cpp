// `finsam allocate`, and `validate` and `explain --forbund` of an allocation file: a
// finsam-allocation/1 model in, the state's distribution among förbund out (exit status 0, or
// 2 for an invalid file or a usage error).
#include <iostream>

#include "cli.hpp"
#include "finsam/allocation_model.hpp"
#include "finsam/result_json.hpp"
#include "finsam/xlsx.hpp"

namespace finsam::cli {

int run_allocate_command(const Args& a) {
    if (a.file.empty()) throw UsageError("'finsam " + a.command + "' needs an allocation FILE");
    if (a.command == "allocate") check_options(a, {"--format", "--unit", "--lang", "-o"});
    if (a.command == "validate") check_options(a, {"--format"});
    if (a.command == "explain") check_options(a, {"--forbund", "--format", "--lang"});
    const std::string tables = a.command == "allocate" ? table_format(a) : "";
    const bool as_json = tables.empty() && json_format(a);
    const TableOptions options = table_options(a);
    check_declared_format(a, true);

    AllocationResult r;
    try {
        r = distribute(load_allocation_model_file(a.file));
    } catch (const PlanError& e) {
        return report_problems(a.file, e.problems(), as_json);
    }
    if (a.command == "validate") return 0;
    if (a.command == "explain") {
        try {
            const Explanation e = explain(r, a.options.at("--forbund"), options.lang);
            if (as_json) std::cout << e.json << "\n";
            else std::cout << e.text;
        } catch (const Error& e) {
            std::cerr << "finsam explain: " << sanitize_utf8(e.what()) << "\n";
            return 2;
        }
        return 0;
    }
    if (!tables.empty()) return write_tables(a, tables, build_tables(r, options));
    std::cout << result_json(r) << "\n";
    return 0;
}

int run_validate_or_explain(const Args& a) {
    const bool allocation = a.command == "explain" ? a.options.count("--forbund") > 0
                                                   : !a.file.empty() && declared_format(a.file) == allocation_format;
    return allocation ? run_allocate_command(a) : run_plan_command(a);
}

}  // namespace finsam::cli
