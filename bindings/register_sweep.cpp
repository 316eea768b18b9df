// Sweeps: finsam._core.sweep — many uprating scenarios of a plan at once (finsam/sweep.hpp).
//
// Design notes: each loaded plan is prepared for sweeps once (finsam::Sweep: checked and
// compiled) and kept in a small cache that holds the plan only weakly, so repeated calls on one
// plan cost only the sweep itself. The rates are read in place from a C-contiguous int64 array
// (scenarios, members, years); the figures are written straight into two new numpy arrays; the
// GIL is released for everything in between, the cache lookup included (so no thread ever
// waits for the cache's lock while holding the GIL).
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <tuple>
#include <string>
#include <utility>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "core.hpp"
#include "finsam/sweep.hpp"

namespace finsam::python {

namespace {

/// The prepared sweep of a loaded plan (made on first use). Call without the GIL.
std::shared_ptr<const Sweep> prepared(const std::shared_ptr<const Loaded>& loaded) {
    static std::mutex mutex;
    static std::map<const Loaded*, std::pair<std::weak_ptr<const Loaded>, std::shared_ptr<const Sweep>>> cache;
    std::lock_guard<std::mutex> lock(mutex);
    for (auto it = cache.begin(); it != cache.end();)  // forget the sweeps of plans that are gone
        it = it->second.first.expired() ? cache.erase(it) : std::next(it);
    auto& entry = cache[loaded.get()];  // a live entry at this address is this plan's
    if (!entry.second) entry = {loaded, std::make_shared<const Sweep>(loaded->plan)};
    return entry.second;
}

}  // namespace

void register_sweep(py::module_& m) {
    m.def(
        "sweep",
        [](const PlanHandle& h, const py::array_t<std::int64_t, py::array::c_style>& rates, unsigned threads, bool simd,
           std::size_t first_scenario) {
            const Plan& plan = h.loaded->plan;
            const std::size_t nm = plan.members.size(), ny = static_cast<std::size_t>(plan.year_count());
            if (rates.ndim() != 3 || static_cast<std::size_t>(rates.shape(1)) != nm || static_cast<std::size_t>(rates.shape(2)) != ny) {
                std::string shape;
                for (py::ssize_t d = 0; d < rates.ndim(); ++d) shape += (d ? ", " : "") + std::to_string(rates.shape(d));
                if (rates.ndim() == 1) shape += ",";
                throw py::value_error("rates must have the shape (scenarios, members, years) = (S, " + std::to_string(nm) + ", " +
                                      std::to_string(ny) + ") for this plan, not (" + shape + ")");
            }
            const auto scenarios = static_cast<std::size_t>(rates.shape(0));
            py::array_t<std::int64_t> cost_share({scenarios, ny, nm});
            py::array_t<std::int64_t> costs({scenarios, ny});
            const std::span<const std::int64_t> in(rates.data(), scenarios * nm * ny);
            const std::span<std::int64_t> out_cs(cost_share.mutable_data(), scenarios * ny * nm);
            const std::span<std::int64_t> out_costs(costs.mutable_data(), scenarios * ny);
            SweepStats stats;
            double seconds = 0;  // the C++ sweep alone (for the benchmark: what the call adds)
            {
                py::gil_scoped_release nogil;
                const auto t0 = std::chrono::steady_clock::now();
                stats = prepared(h.loaded)->run_into(in, scenarios, out_cs, out_costs, {threads, simd, first_scenario});
                seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            }
            py::dict info;
            info["kernel"] = stats.kernel;
            info["fallback"] = stats.fallback;
            info["simd"] = stats.simd;
            info["threads"] = stats.threads;
            info["seconds"] = seconds;
            return std::make_tuple(std::move(cost_share), std::move(costs), std::move(info));
        },
        py::arg("plan"), py::arg("rates"), py::arg("threads") = 0, py::arg("simd") = true, py::arg("first_scenario") = 0,
        "Sweep uprating scenarios: rates int64 (scenarios, members, years) in basis points. Returns (cost_share "
        "(scenarios, years, members), costs (scenarios, years), stats), figures in öre; stats: kernel and fallback "
        "scenario counts, simd, threads, seconds (the C++ sweep alone, without the GIL). threads 0: every core. "
        "Raises finsam.PlanError (messages 'scenario S: …', numbered from first_scenario).");
}

}  // namespace finsam::python
