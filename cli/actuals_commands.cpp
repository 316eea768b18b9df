// `finsam actuals PLAN --sie BOOKS.se [--through YYYY-MM] [-o FILE]`: the plan's actuals read
// from its SIE books through its `accounting` block (spec 15), printed as the `actuals` block
// of spec 14.2. Problems of the plan are printed as PLAN:POINTER: message, problems of the
// books as BOOKS:LINE: message (stdout, exit status 2); warnings (rows no rule takes, rows after
// the month read through) on stderr as BOOKS:LINE: warning: message [code]. `finsam plan`,
// `explain` and `compare` take --sie BOOKS.se [--through YYYY-MM] too: plan_with_books() puts
// the books' actuals in place of the plan's own before it is evaluated.
#include <algorithm>
#include <iostream>

#include "cli.hpp"
#include "finsam/sie_actuals.hpp"

namespace finsam::cli {

YearMonth through_option(const std::string& text) {
    const bool shape = text.size() == 7 && text[4] == '-' &&
                       std::all_of(text.begin(), text.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
    const int year = shape ? std::stoi(text.substr(0, 4)) : 0, month = shape ? std::stoi(text.substr(5, 2)) : 0;
    if (!shape || year < 1 || month < 1 || month > 12)
        throw UsageError("--through must be a month written YYYY-MM, such as 2011-08, not '" + sanitize_utf8(text) + "'");
    return {year, month};
}

int report_sie_problems(const SieError& e) {
    for (const auto& p : e.problems())
        std::cout << sanitize_utf8(e.file()) << (p.line ? ":" + std::to_string(p.line) : "") << ": " << sanitize_utf8(p.message)
                  << "\n";
    return 2;
}

void print_books_warnings(const std::string& file, const BookedActuals& actuals) {
    for (const auto& w : actuals.warnings)
        std::cerr << sanitize_utf8(file) << ":" << w.line << ": warning: " << sanitize_utf8(w.message) << " [" << w.code << "]\n";
}

std::optional<BooksOptions> books_options(const Args& a) {
    const auto sie = a.options.find("--sie");
    const auto t = a.options.find("--through");
    if (sie == a.options.end()) {
        if (a.command == "actuals") throw UsageError("'finsam actuals' needs --sie BOOKS.se, the SIE file of the books");
        if (t != a.options.end()) throw UsageError("option --through applies with --sie BOOKS.se, the month to read the books through");
        return std::nullopt;
    }
    if (sie->second.empty()) throw UsageError("--sie needs BOOKS.se, the SIE file of the books");
    BooksOptions o{sie->second, std::nullopt};
    if (t != a.options.end()) o.through = through_option(t->second);
    return o;
}

Plan plan_with_books(const BooksOptions& books, const Plan& plan) {
    const BookedActuals actuals = read_actuals(plan, books.path, books.through);
    print_books_warnings(books.path, actuals);
    return with_actuals(plan, actuals);
}

int run_actuals_command(const Args& a) {
    if (a.file.empty()) throw UsageError("'finsam actuals' needs a plan FILE");
    check_options(a, {"--sie", "--through", "-o"});
    const BooksOptions books = *books_options(a);

    Plan plan;
    try {
        plan = load_plan_file(a.file);
    } catch (const PlanError& e) {
        return report_problems(a.file, e.problems(), false);
    }
    BookedActuals actuals;
    try {
        actuals = read_actuals(plan, books.path, books.through);
    } catch (const PlanError& e) {
        return report_problems(a.file, e.problems(), false);
    } catch (const SieError& e) {
        return report_sie_problems(e);
    }
    print_books_warnings(books.path, actuals);
    const std::string text = actuals_json(actuals, plan.amount_unit) + "\n";
    if (auto o = a.options.find("-o"); o != a.options.end()) write_file(o->second, text);
    else std::cout << text;
    return 0;
}

}  // namespace finsam::cli
