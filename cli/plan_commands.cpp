// `finsam plan`, `validate`, `explain` and `compare`: a plan file in, its result, problems,
// explanations or comparison out (exit status 0, or 2 for an invalid plan or a usage error).
#include <iostream>
#include <optional>

#include "cli.hpp"
#include "finsam/explain.hpp"
#include "finsam/result_json.hpp"

namespace finsam::cli {
namespace {

/// --lang of `finsam explain` (Swedish by default).
Lang explain_lang(const Args& a) { return table_options(a).lang; }

}  // namespace

int run_plan_command(const Args& a) {
    if (a.file.empty()) throw UsageError("'finsam " + a.command + "' needs a plan FILE");
    if (a.command == "plan") check_options(a, {"--variant", "--format", "--unit", "--lang", "-o"});
    if (a.command == "validate") check_options(a, {"--format"});
    if (a.command == "explain") check_options(a, {"--variant", "--format", "--year", "--member", "--intervention", "--lang"});
    if (a.command == "compare") check_options(a, {"--variant", "--format", "--unit", "--lang", "-o"});
    // the table format (compare's default: Markdown), with -o and the table options checked
    const std::string tables = a.command == "plan" || a.command == "compare" ? table_format(a) : "";
    if (a.command == "explain") (void)explain_lang(a);  // usage errors before the plan is read
    const bool as_json = tables.empty() && json_format(a);
    check_declared_format(a, false);

    Evaluation ev;
    Plan plan;
    try {
        plan = load_plan_file(a.file);
        ev = evaluate_all(plan);
    } catch (const PlanError& e) {
        return report_problems(a.file, e.problems(), as_json);
    }

    if (a.command == "validate") {  // valid: only the warnings, on stderr (spec 17)
        print_all_warnings(a.file, ev);
        return 0;
    }

    const Result* r = &ev.base;
    if (auto v = a.options.find("--variant"); v != a.options.end()) {
        r = ev.find(v->second);
        if (!r || v->second.empty()) {
            return report_problems(a.file, {unknown_variant(ev, v->second)},
                                   as_json);
        }
    }
    if (a.command == "compare") {
        std::vector<std::string> names;
        if (auto v = a.options.find("--variant"); v != a.options.end()) names.push_back(v->second);
        else
            for (const auto& [n, res] : ev.variants) names.push_back(n);
        print_all_warnings(a.file, ev, names);
        if (!tables.empty()) return write_tables(a, tables, build_comparison(ev, table_options(a), names));
        Evaluation chosen;
        chosen.base = ev.base;
        for (const auto& n : names) chosen.variants.emplace_back(n, *ev.find(n));
        std::cout << compare_json(chosen) << "\n";
        return 0;
    }
    print_warnings(a.file, *r);

    if (a.command == "plan") {
        if (!tables.empty()) return write_tables(a, tables, build_tables(*r, table_options(a)));
        std::cout << result_json(*r) << "\n";
        return 0;
    }
    // explain
    auto y = a.options.find("--year");
    if (y == a.options.end()) throw UsageError("'finsam explain' needs --year Y");
    int year = 0;
    try {
        std::size_t pos = 0;
        year = std::stoi(y->second, &pos);
        if (pos != y->second.size()) throw std::invalid_argument("year");
    } catch (const std::exception&) {
        throw UsageError("--year must be a year such as 2005");
    }
    std::optional<std::string> member, intervention;
    if (auto m = a.options.find("--member"); m != a.options.end()) member = m->second;
    if (auto i = a.options.find("--intervention"); i != a.options.end()) intervention = i->second;
    try {
        const Explanation e = explain(*r, year, member, intervention, explain_lang(a));
        if (as_json) std::cout << e.json << "\n";
        else std::cout << e.text;
    } catch (const Error& e) {
        std::cerr << "finsam explain: " << e.what() << "\n";
        return 2;
    }
    return 0;
}

}  // namespace finsam::cli
