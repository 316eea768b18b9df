// libFuzzer target: any bytes through plan loading, validation, evaluation (with variants),
// result serialization, explain (with the follow-up's forecasts, months and cash), compare and the
// budget tables (Markdown, HTML, CSV; with actuals or liquidity, the follow-up and liquidity tables).
//
// What counts as a bug (the fuzzer aborts): a crash, a sanitizer report, a hang (libFuzzer's
// -timeout), an exception other than PlanError out of loading or evaluation (the CLI would
// print it without a pointer), a problem without a message or with a pointer that is not one,
// a message or pointer that is not valid UTF-8, a plan whose JSON does not read back as
// itself, an evaluated plan that breaks an invariant of tests/invariants.hpp, and budget tables
// that cannot be built for a valid plan.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "finsam/evaluate.hpp"
#include "finsam/explain.hpp"
#include "finsam/report.hpp"
#include "finsam/result_json.hpp"

#include "../tests/invariants.hpp"
#include "fuzz_checks.hpp"

namespace {

using finsam_fuzz::bug;
using finsam_fuzz::check_problems;

void check_result(const finsam::Plan& plan, const finsam::Result& r, const std::string& label) {
    for (const auto& v : finsam::test::check_invariants(plan, r)) bug(label + ": invariant broken: " + v);
    (void)finsam::result_json(r);
    for (const auto& w : r.warnings)
        if (w.message.empty() || (!w.path.empty() && w.path.front() != '/')) bug(label + ": malformed warning " + std::string(finsam::code_name(w.code)));
    // the budget tables in the default units and language, and in kr / mnkr in English
    finsam_fuzz::check_tables(label + ", a valid plan", [&](const finsam::TableOptions& o) { return finsam::build_tables(r, o); });
    // explain a few years, members and interventions (bounded: a plan may span 9999 years)
    const int years[] = {r.first_year, r.first_year + 1, r.last_year};
    for (int y : years) {
        if (y > r.last_year) continue;
        (void)finsam::explain(r, y, std::nullopt, std::nullopt);
        for (std::size_t k = 0; k < r.members.size() && k < 3; ++k) (void)finsam::explain(r, y, r.members[k].id, std::nullopt);
        for (std::size_t i = 0; i < r.interventions.size() && i < 3; ++i) {
            (void)finsam::explain(r, y, std::nullopt, r.interventions[i].id);
            if (!r.members.empty()) (void)finsam::explain(r, y, r.members.back().id, r.interventions[i].id);
        }
    }
    // the follow-up's explanations (spec 14): a forecast, a month's budget and a month's cash
    if (r.follow_up)
        for (std::size_t i = 0; i < r.interventions.size() && i < 3; ++i) (void)finsam::explain_forecast(r, r.interventions[i].id, finsam::Lang::en);
    for (int month : {1, 12})
        for (std::size_t i = 0; i < r.interventions.size() && i < 2; ++i)
            if (!r.interventions[i].months.empty()) (void)finsam::explain_month(r, r.interventions[i].id, r.first_year, month);
    if (r.liquidity) (void)finsam::explain_cash(r, r.last_year, 12);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    finsam::Plan plan;
    try {
        plan = finsam::load_plan_string(text);
    } catch (const finsam::PlanError& e) {
        check_problems(e);
        return 0;
    }
    // the plan as read, written and read again, is the same document (variants patch it)
    if (finsam::parse_json(finsam::dump(plan.source)) != plan.source) bug("the plan's JSON does not read back as itself");

    finsam::Evaluation ev;
    try {
        ev = finsam::evaluate_all(plan);
    } catch (const finsam::PlanError& e) {
        check_problems(e);
        return 0;
    }
    check_result(plan, ev.base, "base");
    for (const auto& [name, result] : ev.variants) check_result(finsam::variant_plan(plan, name), result, "variant " + name);
    (void)finsam::compare_json(ev);
    (void)finsam::to_markdown(finsam::build_comparison(ev));
    return 0;
}
