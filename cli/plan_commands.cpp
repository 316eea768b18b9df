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
    if (a.command == "plan") check_options(a, {"--variant", "--format", "--unit", "--lang", "-o", "--sie", "--through"});
    if (a.command == "validate") check_options(a, {"--format"});
    if (a.command == "explain")
        check_options(a, {"--variant", "--format", "--year", "--member", "--intervention", "--month", "--forecast", "--lang", "--sie",
                          "--through"});
    if (a.command == "compare") check_options(a, {"--variant", "--format", "--unit", "--lang", "-o", "--sie", "--through"});
    const std::optional<BooksOptions> books = books_options(a);
    // the table format (compare's default: Markdown), with -o and the table options checked
    const std::string tables = a.command == "plan" || a.command == "compare" ? table_format(a) : "";
    if (a.command == "explain") (void)explain_lang(a);  // usage errors before the plan is read
    const bool as_json = tables.empty() && json_format(a);
    check_declared_format(a, false);

    Evaluation ev;
    Plan plan;
    try {
        plan = load_plan_file(a.file);
        if (books) plan = plan_with_books(*books, plan);
        ev = evaluate_all(plan);
    } catch (const PlanError& e) {
        return report_problems(a.file, e.problems(), as_json);
    } catch (const SieError& e) {
        return report_sie_problems(e);
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
    std::optional<std::string> member, intervention;
    if (auto m = a.options.find("--member"); m != a.options.end()) member = m->second;
    if (auto i = a.options.find("--intervention"); i != a.options.end()) intervention = i->second;
    const Lang lang = explain_lang(a);
    auto number = [&](const char* option, const char* what) {
        auto o = a.options.find(option);
        if (o == a.options.end()) return std::optional<int>();
        try {
            std::size_t pos = 0;
            const int v = std::stoi(o->second, &pos);
            if (pos != o->second.size()) throw std::invalid_argument(option);
            return std::optional<int>(v);
        } catch (const std::exception&) {
            throw UsageError(std::string(option) + " must be " + what);
        }
    };
    const std::optional<int> month = number("--month", "a month 1–12 such as 3");
    auto forecast = a.options.find("--forecast");
    if (forecast != a.options.end() && (month || member || intervention))
        throw UsageError("--forecast I explains the forecast of intervention I in the follow-up year; give it alone");
    const std::optional<int> year = number("--year", "a year such as 2005");
    if (!year && forecast == a.options.end()) throw UsageError("'finsam explain' needs --year Y (or --forecast I)");
    if (month && member) throw UsageError("--month explains a month's budget (with --intervention) or its cash (alone), not a member's part");
    try {
        const Explanation e = forecast != a.options.end() ? explain_forecast(*r, forecast->second, lang)
                              : month && intervention     ? explain_month(*r, *intervention, *year, *month, lang)
                              : month                     ? explain_cash(*r, *year, *month, lang)
                                                          : explain(*r, *year, member, intervention, lang);
        if (as_json) std::cout << e.json << "\n";
        else std::cout << e.text;
    } catch (const Error& e) {
        std::cerr << "finsam explain: " << e.what() << "\n";
        return 2;
    }
    return 0;
}

}  // namespace finsam::cli
