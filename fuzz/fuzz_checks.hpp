// fuzz/fuzz_checks.hpp — what the fuzz targets (fuzz_plan.cpp, fuzz_allocation.cpp) count as a
// bug in the problems of an input they refuse, and bug() that every target (fuzz_sie.cpp too)
// aborts with.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "finsam/error.hpp"
#include "finsam/json.hpp"
#include "finsam/report.hpp"
#include "finsam/result_json.hpp"

namespace finsam_fuzz {

[[noreturn]] inline void bug(const std::string& what) {
    std::fprintf(stderr, "finsam_fuzz: %s\n", what.c_str());
    std::abort();
}

inline bool valid_utf8(std::string_view s) {
    // sanitize_utf8 replaces an invalid byte by U+FFFD (EF BF BD) and a control character by \xNN:
    // compare ignoring the latter by checking the replacement character does not appear anew.
    const std::string t = finsam::sanitize_utf8(s);
    std::size_t in_s = 0, in_t = 0;
    for (std::size_t p = s.find("\xEF\xBF\xBD"); p != std::string_view::npos; p = s.find("\xEF\xBF\xBD", p + 1)) ++in_s;
    for (std::size_t p = t.find("\xEF\xBF\xBD"); p != std::string::npos; p = t.find("\xEF\xBF\xBD", p + 1)) ++in_t;
    return in_s == in_t;
}

inline void check_problems(const finsam::PlanError& e) {
    if (e.problems().empty()) bug("PlanError without problems");
    for (const auto& p : e.problems()) {
        if (p.message.empty()) bug("a problem without a message at " + p.path);
        if (!p.path.empty() && p.path.front() != '/') bug("not a JSON pointer: " + p.path);
        if (!valid_utf8(p.path) || !valid_utf8(p.message)) bug("a problem that is not UTF-8: " + p.path + ": " + p.message);
    }
    (void)finsam::errors_json(e.problems());
}

/// Budget tables of a valid input in the default unit and language, in kr in English and in
/// mnkr, rendered as Markdown, HTML and CSV: `build(options)` makes them; any exception is a bug.
template <class Build>
void check_tables(const std::string& what, Build build) {
    finsam::TableOptions options[3];
    options[1].unit = finsam::Unit::kr;
    options[1].lang = finsam::Lang::en;
    options[2].unit = finsam::Unit::mnkr;
    for (const auto& o : options) {
        try {
            const finsam::BudgetTables tables = build(o);
            (void)finsam::to_markdown(tables);
            (void)finsam::to_html(tables);
            (void)finsam::to_csv(tables);
        } catch (const std::exception& e) {
            bug("budget tables of " + what + ": " + e.what());
        }
    }
}

}  // namespace finsam_fuzz
