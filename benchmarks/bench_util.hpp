// benchmarks/bench_util.hpp — what the benchmark programs share.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace finsam_bench {

/// CPU time of the process (all threads), in seconds.
inline double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// Peak resident memory of this process image in KiB (VmHWM of /proc/self/status), or -1.
/// Not getrusage's ru_maxrss: Linux carries that across exec, so a program started by a larger
/// parent (a Python driver) would report the parent's peak.
inline long peak_rss_kib() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long kib = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, "VmHWM:", 6) == 0) kib = std::strtol(line + 6, nullptr, 10);
    std::fclose(f);
    return kib;
}

}  // namespace finsam_bench
