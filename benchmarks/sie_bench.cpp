// The SIE reader benchmark: read a SIE file with finsam::read_sie_file and a visitor that only
// sums the rows (so the figure is the reader's own), or with --plan map it through the plan's
// accounting block (finsam::read_actuals: reader and mapping), best of N runs. Prints one JSON
// line: {"rows", "seconds", "cpu_seconds", "rows_per_second", "peak_rss_kib", "sum_ore"}.
//
//     sie_bench FILE [--repeat N] [--plan PLAN]
//
// Peak memory is the process's maximum resident set (VmHWM), which includes the program and its
// libraries: run it on files of different sizes to see that it does not grow with them.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <ctime>
#include <string>

#include "bench_util.hpp"
#include "finsam/sie_actuals.hpp"

namespace {
struct Sum : finsam::SieVisitor {
    std::size_t rows = 0;
    std::int64_t ore = 0, objects = 0;
    void row(const finsam::SieRow& r) override {
        ++rows;
        ore += r.amount.ore() % 1000;  // wraps never: |x % 1000| < 1000 per row
        objects += static_cast<std::int64_t>(r.objects.size());
    }
};
}  // namespace

using finsam_bench::cpu_seconds;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: sie_bench FILE [--repeat N] [--plan PLAN]\n");
        return 2;
    }
    int repeat = 5;
    std::optional<finsam::Plan> plan;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::stoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--plan") == 0) plan = finsam::load_plan_file(argv[i + 1]);
    }
    double best = 1e300, best_cpu = 0;
    Sum last;
    for (int i = 0; i < repeat; ++i) {
        Sum sum;
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpu_seconds();
        try {
            if (plan) {
                const finsam::BookedActuals a = finsam::read_actuals(*plan, std::string(argv[1]), finsam::YearMonth{2011, 12});
                sum.rows = a.summary.transactions;
                for (const auto* lines : {&a.costs, &a.contributions})
                    if (*lines)
                        for (const auto& l : **lines)
                            for (const auto& [m, amount] : l.months) sum.ore += amount.ore() % 1000;
            } else {
                finsam::read_sie_file(argv[1], sum);
            }
        } catch (const finsam::SieError& e) {
            std::fprintf(stderr, "%s\n", e.what());
            return 2;
        }
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (wall < best) best = wall, best_cpu = cpu_seconds() - c0;
        last = sum;
    }
    std::printf("{\"rows\": %zu, \"seconds\": %.6f, \"cpu_seconds\": %.6f, \"rows_per_second\": %.0f, \"peak_rss_kib\": %ld, "
                "\"sum_ore\": %lld}\n",
                last.rows, best, best_cpu, static_cast<double>(last.rows) / best, finsam_bench::peak_rss_kib(), static_cast<long long>(last.ore));
    return 0;
}
