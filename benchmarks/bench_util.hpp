// benchmarks/bench_util.hpp — what the benchmark programs share.
#pragma once

#include <ctime>

namespace finsam_bench {

/// CPU time of the process (all threads), in seconds.
inline double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace finsam_bench
