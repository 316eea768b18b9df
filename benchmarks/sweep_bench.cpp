// sweep_bench — times finsam::sweep on a plan and a rates file (int64, scenarios × members ×
// years, native byte order), as benchmarks/bench.py drives it:
//
//   sweep_bench PLAN.json RATES.bin SCENARIOS [--out COST_SHARE.bin] [--repeat N] [--only NAME]
//
// Prints one JSON object a line per configuration: the plain scalar kernel on 1 thread, the
// AVX2 kernel on 1 and 2 threads, each through sweep() and through a prepared finsam::Sweep
// (best of N runs each), with seconds and cells per second
// (cells = scenarios × years × interventions × members) and the CPU time of the best run. --out
// writes the cost shares (scenarios × years × members int64) and the costs (scenarios × years)
// of the last run, so the baselines can be compared with them.
#include <finsam/finsam.hpp>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bench_util.hpp"

using finsam_bench::cpu_seconds;

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: sweep_bench PLAN.json RATES.bin SCENARIOS [--out FILE] [--repeat N]\n";
        return 64;
    }
    const std::string plan_path = argv[1], rates_path = argv[2];
    const std::size_t scenarios = std::stoul(argv[3]);
    std::string out_path, only;
    int repeat = 5;
    for (int i = 4; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--out") == 0) out_path = argv[i + 1];
        else if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::stoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--only") == 0) only = argv[i + 1];
    }
    try {
        const finsam::Plan plan = finsam::load_plan_file(plan_path);
        const std::size_t nm = plan.members.size(), ny = static_cast<std::size_t>(plan.year_count());
        std::vector<std::int64_t> rates(scenarios * nm * ny);
        std::ifstream in(rates_path, std::ios::binary);
        in.read(reinterpret_cast<char*>(rates.data()), static_cast<std::streamsize>(rates.size() * sizeof(std::int64_t)));
        if (!in) throw finsam::Error("cannot read " + std::to_string(rates.size()) + " rates from " + rates_path);
        const double cells = static_cast<double>(scenarios * ny * nm * plan.interventions.size());

        struct Config {
            const char* name;
            finsam::SweepOptions options;
            bool prepared;  // through a finsam::Sweep made once, outside the timing
        };
        const Config configs[] = {{"cpp_scalar_1thread", {1, false}, false}, {"cpp_1thread", {1, true}, false},
                                  {"cpp_2threads", {2, true}, false},        {"prepared_1thread", {1, true}, true},
                                  {"prepared_2threads", {2, true}, true}};
        const finsam::Sweep prepared(plan);
        finsam::SweepResult last;
        for (const auto& c : configs) {
            if (!only.empty() && only != c.name) continue;
            double best = 1e300, best_cpu = 1e300;
            for (int r = 0; r < repeat; ++r) {
                const double c0 = cpu_seconds();
                const auto t0 = std::chrono::steady_clock::now();
                finsam::SweepResult res =
                    c.prepared ? prepared.run(rates, scenarios, c.options) : finsam::sweep(plan, rates, scenarios, c.options);
                const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
                best = std::min(best, s);
                best_cpu = std::min(best_cpu, cpu_seconds() - c0);
                last = std::move(res);
            }
            std::printf("{\"name\": \"%s\", \"seconds\": %.6f, \"cpu_seconds\": %.6f, \"cells\": %.0f, \"cells_per_s\": %.4e, "
                        "\"threads\": %u, \"simd\": %s, \"kernel_scenarios\": %zu, \"fallback_scenarios\": %zu}\n",
                        c.name, best, best_cpu, cells, cells / best, last.stats.threads, last.stats.simd ? "true" : "false",
                        last.stats.kernel, last.stats.fallback);
            std::fflush(stdout);
        }
        if (!out_path.empty()) {
            std::ofstream out(out_path, std::ios::binary);
            out.write(reinterpret_cast<const char*>(last.cost_share.data()),
                      static_cast<std::streamsize>(last.cost_share.size() * sizeof(std::int64_t)));
            out.write(reinterpret_cast<const char*>(last.costs.data()),
                      static_cast<std::streamsize>(last.costs.size() * sizeof(std::int64_t)));
        }
    } catch (const std::exception& e) {
        std::cerr << "sweep_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
