// allocation_bench — times `finsam allocate` on a finsam-allocation/1 file, stage by stage, as
// benchmarks/allocation_bench.py drives it (a measurement, not a timed test):
//
//   allocation_bench MODEL.json [--repeat N]
//
// Prints one JSON object a line per stage — parse (JSON text → Node), load (Node → model),
// distribute (the rounds of the cap and the rounding), json (the result JSON as text), all
// (the four together, what `finsam allocate FILE` does after reading the file) — with the best
// wall-clock and CPU seconds of N runs, the number of förbund and the rounds of the cap.
#include <finsam/allocation_model.hpp>
#include <finsam/result_json.hpp>

#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>

#include "bench_util.hpp"

namespace {

using finsam_bench::cpu_seconds;

/// Best (wall, cpu) seconds of `repeat` runs of `f`.
std::pair<double, double> best(int repeat, const std::function<void()>& f) {
    double wall = 1e300, cpu = 1e300;
    for (int i = 0; i < repeat; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpu_seconds();
        f();
        const double c = cpu_seconds() - c0;
        const double w = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (w < wall) wall = w, cpu = c;
    }
    return {wall, cpu};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: allocation_bench MODEL.json [--repeat N]\n";
        return 64;
    }
    int repeat = 5;
    for (int i = 2; i + 1 < argc; i += 2)
        if (std::strcmp(argv[i], "--repeat") == 0) repeat = std::stoi(argv[i + 1]);
    std::ifstream in(argv[1], std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    try {
        finsam::Node node;
        finsam::AllocationModel model;
        finsam::AllocationResult result;
        std::string json;
        const auto report = [&](const char* stage, std::pair<double, double> t) {
            std::cout << "{\"stage\": \"" << stage << "\", \"seconds\": " << t.first << ", \"cpu_seconds\": " << t.second
                      << ", \"forbund\": " << model.forbund.size() << ", \"rounds\": " << result.rounds.size() << "}\n";
        };
        const auto parse = best(repeat, [&] { node = finsam::parse_json(text); });
        const auto load = best(repeat, [&] { model = finsam::load_allocation_model(node); });
        const auto distribute = best(repeat, [&] { result = finsam::distribute(model); });
        const auto to_json = best(repeat, [&] { json = finsam::result_json(result); });
        const auto all = best(repeat, [&] {
            result = finsam::distribute(finsam::load_allocation_model(finsam::parse_json(text)));
            json = finsam::result_json(result);
        });
        report("parse", parse);
        report("load", load);
        report("distribute", distribute);
        report("json", to_json);
        report("all", all);
    } catch (const finsam::PlanError& e) {
        std::cerr << "allocation_bench: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
