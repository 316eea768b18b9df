// followup_bench — times the evaluation of a plan with a follow-up and a liquidity plan, as
// benchmarks/bench.py drives it (the workload is benchmarks/workload.py's followup_plan):
//
//   followup_bench PLAN.json [--repeat N]
//
// Prints one JSON object a line, best of N runs each: reading the plan (JSON text → Plan),
// evaluate() with the follow-up, the months and the liquidity (spec 14), evaluate() of the
// same plan without profiles, actuals and liquidity (the plan's own figures only), and the
// result JSON of the whole evaluation.
#include <finsam/finsam.hpp>

#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace {

template <class F>
double best_of(int repeat, F f) {
    double best = 1e300;
    for (int i = 0; i < repeat; ++i) {
        const auto t = std::chrono::steady_clock::now();
        f();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count());
    }
    return best;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: followup_bench PLAN.json [--repeat N]\n";
        return 64;
    }
    int repeat = 20;
    for (int i = 2; i + 1 < argc; i += 2)
        if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::stoi(argv[i + 1]);
    try {
        std::ifstream in(argv[1], std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        const finsam::Plan plan = finsam::load_plan_string(text);
        finsam::Plan plain = plan;
        plain.profile.reset();
        plain.actuals.reset();
        plain.liquidity.reset();
        for (auto& iv : plain.interventions) {
            iv.profile.reset();
            for (auto& it : iv.items) it.profile.reset();
        }
        const finsam::Result r = finsam::evaluate(plan);
        if (!r.follow_up || !r.liquidity) throw finsam::Error("the workload has no follow-up or no liquidity");
        std::size_t months = 0;
        for (const auto& iv : r.interventions) months += iv.months.size() * 12;
        auto line = [&](const char* name, double seconds) {
            std::cout << "{\"name\": \"" << name << "\", \"seconds\": " << seconds << ", \"interventions\": " << plan.interventions.size()
                      << ", \"years\": " << plan.year_count() << ", \"members\": " << plan.members.size()
                      << ", \"budget_months\": " << months << ", \"repeat\": " << repeat << "}\n";
        };
        line("read", best_of(repeat, [&] { (void)finsam::load_plan_string(text); }));
        line("evaluate_followup", best_of(repeat, [&] { (void)finsam::evaluate(plan); }));
        line("evaluate_plain", best_of(repeat, [&] { (void)finsam::evaluate(plain); }));
        line("result_json", best_of(repeat, [&] { (void)finsam::result_json(r); }));
    } catch (const finsam::PlanError& e) {
        for (const auto& p : e.problems()) std::cerr << p.path << ": " << p.message << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "followup_bench: " << e.what() << "\n";
        return 1;
    }
}
