// `finsam plan`, `validate`, `explain` and `compare`: a plan file in, its result, problems,
// explanations or comparison out (exit status 0, or 2 for an invalid plan or a usage error).
#include <iostream>
#include <optional>

#include "cli.hpp"
#include "finsam/explain.hpp"
#include "finsam/result_json.hpp"

namespace finsam::cli {
namespace {

/// The table format of `finsam plan`, or "" for the result JSON.
std::string table_format(const Args& a) {
    auto f = a.options.find("--format");
    if (f == a.options.end() || f->second == "json" || f->second == "text") {
        for (const char* o : {"--unit", "--lang"})
            if (a.options.count(o)) throw UsageError(std::string("option ") + o + " applies to the table formats md, html, csv and xlsx");
        return "";
    }
    if (f->second == "md" || f->second == "html" || f->second == "csv" || f->second == "xlsx") return f->second;
    throw UsageError("unknown format '" + f->second + "' (plan writes json, md, html, csv or xlsx)");
}

}  // namespace

int run_plan_command(const Args& a) {
    if (a.file.empty()) throw UsageError("'finsam " + a.command + "' needs a plan FILE");
    if (a.command == "plan") check_options(a, {"--variant", "--format", "--unit", "--lang", "-o", "--sie", "--through"});
    if (a.command == "validate") check_options(a, {"--format"});
    if (a.command == "explain")
        check_options(a, {"--variant", "--format", "--year", "--member", "--intervention", "--month", "--forecast", "--lang", "--sie",
                          "--through"});
    if (a.command == "compare") check_options(a, {"--format", "--sie", "--through"});
    const std::optional<BooksOptions> books = books_options(a);
    const std::string tables = a.command == "plan" ? table_format(a) : "";
    if (tables == "xlsx" && !a.options.count("-o")) throw UsageError("--format xlsx needs -o FILE");
    if (tables.empty() && a.options.count("-o")) throw UsageError("option -o applies to the table formats md, html, csv and xlsx");
    if (!tables.empty()) (void)table_options(a);  // usage errors before the plan is read
    const bool as_json = tables.empty() && json_format(a);

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

    if (a.command == "validate") return 0;

    const Result* r = &ev.base;
    if (auto v = a.options.find("--variant"); v != a.options.end()) {
        r = ev.find(v->second);
        if (!r || v->second.empty()) {
            return report_problems(a.file, {unknown_variant(ev, v->second)},
                                   as_json);
        }
    }
    print_warnings(a.file, *r);

    if (a.command == "plan") {
        if (!tables.empty()) return write_tables(a, tables, build_tables(*r, table_options(a)));
        std::cout << result_json(*r) << "\n";
        return 0;
    }
    if (a.command == "compare") {
        for (const auto& [n, res] : ev.variants) print_warnings(a.file + " (variant " + n + ")", res);
        if (as_json) std::cout << compare_json(ev) << "\n";
        else std::cout << compare_text(ev);
        return 0;
    }
    // explain
    std::optional<std::string> member, intervention;
    if (auto m = a.options.find("--member"); m != a.options.end()) member = m->second;
    if (auto i = a.options.find("--intervention"); i != a.options.end()) intervention = i->second;
    Lang lang = Lang::sv;
    if (auto l = a.options.find("--lang"); l != a.options.end()) {
        if (l->second != "sv" && l->second != "en") throw UsageError("--lang must be sv or en");
        lang = l->second == "en" ? Lang::en : Lang::sv;
    }
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
                                                          : explain(*r, *year, member, intervention);
        if (as_json) std::cout << e.json << "\n";
        else std::cout << e.text;
    } catch (const Error& e) {
        std::cerr << "finsam explain: " << e.what() << "\n";
        return 2;
    }
    return 0;
}

}  // namespace finsam::cli
