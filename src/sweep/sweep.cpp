// Sweeps: many uprating scenarios of one plan (see include/finsam/sweep.hpp).
//
// Design notes. The plan is evaluated once for scenario 0 (evaluate(), the reference); what
// does not depend on the rates is compiled from that evaluation into integer operations:
//   amount(Y)    = round((prev·A + C) / D) · u_amt   with A = a0 + Σ a_k·bp_k (owner rates),
//   frame units  = round(|amount|·fn / fd)             (fn/fd = frame_part / (100·u_alloc)),
//   case         = amount − frame units·u_alloc,
//   each split by largest remainder over int64 weights reduced by their gcd.
// Scenarios go in blocks of kBlock lanes, structure-of-arrays. Every integer step is checked
// (__builtin_*_overflow) or bounded: a lane whose amounts leave ±kAmountLimit, whose products
// would overflow, or that evaluate() would reject (a frame part to split by negative final
// contributions, a case part without a key, …) is marked and recomputed by evaluate() on
// with_uprating(plan, its rates) — exact by construction, and the source of the error
// message when there is an error. Nothing ever wraps unnoticed.
//
// Exact division by a runtime constant d (1 ≤ d < 2^63) uses m = ⌊2^64/d⌋ (2^64 − 1 for d = 1):
// for a < 2^64, a·m/2^64 ∈ (a/d − 1, a/d], so q̂ = ⌊a·m/2^64⌋ ∈ {⌊a/d⌋ − 1, ⌊a/d⌋}; the
// remainder a − q̂·d ∈ [0, 2d) is exact in wrapping u64 arithmetic and one compare corrects q̂.
// Largest remainder uses the same idea per member with m_k = ⌊2^64·w_k/W⌋ (clamped), so
// q̂_k ∈ {⌊U·w_k/W⌋ − 1, ⌊U·w_k/W⌋} and r_k = U·w_k − q̂_k·W ∈ [0, 2W) is exact mod 2^64.
//
// The AVX2 kernel computes four scenarios per instruction, all in int64 lanes, and works on
// kGroups such vectors at a time so that their long dependency chains overlap:
//  * splits need U < 2^32 units and use m_k >> 32 = ⌊2^32·w_k/W⌋: the estimate's error is
//    U·(2^64·w_k/W − (m_k >> 32)·2^32)/2^64 < U·2^32/2^64 < 1, so the same one-step correction
//    holds with 32×32→64-bit multiplies (vpmuludq; U·w and q̂·W exact mod 2^64 from two of
//    them each, or one when W < 2^32). Members are ranked by the key (r_k << b) + (n − 1 − k)
//    (b bits for the index: ties go to the member listed first; W < 2^(62−b) keeps keys exact);
//    zero weights get key −2^62 and rank last. A member gets one extra unit when its rank < L
//    (the units left over; L < #positive weights) and the sub-unit rest (spec 12.8) when its
//    rank = L.
//  * roundings of X/d (0 ≤ X < 2^51, d < 2^31) take q̂ = ⌊fl(fl(X)·fl(1/d))⌋: X is exact in a
//    double and the two roundings err by less than X/d·2^-52 < 1/2, so q̂ is within one of
//    ⌊X/d⌋; the exact int64 remainder X − q̂·d ∈ [−d, 2d) corrects it (the double only guesses,
//    every figure is decided in integers). Amount steps need |prev|, |A| < 2^31 (one signed
//    vpmuldq), |prev·A + C| < 2^51; frame steps |amount| < 2^30 and fn < 2^20.
// Lanes outside these bounds take the scalar code for that step; the tests compare both.
//
// The stage: compile.cpp (the compiler), kernel.cpp (scalar and AVX2 kernels), this file
// (with_uprating, threads, the fallback to evaluate(), the Sweep class); shared types in
// sweep_detail.hpp.
#include "finsam/sweep.hpp"

#include <exception>
#include <thread>

#include "sweep_detail.hpp"

namespace finsam {

using namespace sweep_detail;


Plan with_uprating(const Plan& plan, std::span<const std::int64_t> rates_bp) {
    const std::size_t nm = plan.members.size();
    const std::size_t ny = static_cast<std::size_t>(plan.year_count());
    if (rates_bp.size() != nm * ny)
        throw Error("with_uprating: " + std::to_string(rates_bp.size()) + " rates given; the plan has " + std::to_string(nm) +
                    " members × " + std::to_string(ny) + " years");
    Plan p = plan;
    for (std::size_t m = 0; m < nm; ++m) {
        const auto& old = plan.uprating[m];
        const std::string path = old ? old->path() : "/uprating/" + plan.members[m].id;
        std::vector<Dated<Rational>::Entry> entries;
        if (old)  // an undated rate (key 0) keeps applying to every year before the first
            for (const auto& e : old->entries())
                if (!old->is_dated() || e.year < plan.first_year) entries.push_back(e);
        for (std::size_t y = 0; y < ny; ++y) {
            const int year = plan.first_year + static_cast<int>(y);
            entries.push_back({year, Rate::from_basis_points(rates_bp[m * ny + y]).in_percent(), path + "/" + std::to_string(year)});
        }
        p.uprating[m] = Dated<Rational>::by_year(std::move(entries), path);
    }
    return p;
}

namespace sweep_detail {

const Plan& figures_plan(const Plan& plan, std::optional<Plan>& storage) {
    if (!plan.uses_months()) return plan;
    storage = plan;
    storage->profile.reset();
    storage->actuals.reset();
    storage->liquidity.reset();
    for (auto& iv : storage->interventions) {
        iv.profile.reset();
        for (auto& it : iv.items) it.profile.reset();
    }
    return *storage;
}

}  // namespace sweep_detail

namespace {

void check_shapes(const Plan& plan, std::size_t rates, std::size_t scenarios, std::size_t cost_share, std::size_t costs) {
    const std::size_t nm = plan.members.size();
    const std::size_t ny = static_cast<std::size_t>(plan.year_count());
    if (rates != scenarios * nm * ny)
        throw Error("sweep: rates have " + std::to_string(rates) + " values; expected scenarios × members × years = " +
                    std::to_string(scenarios) + " × " + std::to_string(nm) + " × " + std::to_string(ny));
    if (cost_share != scenarios * ny * nm || costs != scenarios * ny)
        throw Error("sweep: output arrays must hold scenarios × years × members and scenarios × years values");
}

std::vector<Problem> prefixed(std::size_t s, const std::vector<Problem>& ps) {
    std::vector<Problem> out;
    for (const auto& p : ps) out.push_back({p.path, "scenario " + std::to_string(s) + ": " + p.message});
    return out;
}

/// Run the compiled plan over every scenario (r0: scenario 0's evaluation, if at hand).
SweepStats run_compiled(const Plan& plan, const Compiled& c, const Result* r0, std::span<const std::int64_t> rates_bp,
                        std::size_t scenarios, std::span<std::int64_t> cost_share, std::span<std::int64_t> costs,
                        const SweepOptions& options) {
    const std::size_t nm = plan.members.size();
    const std::size_t ny = static_cast<std::size_t>(plan.year_count());
    auto scenario_rates = [&](std::size_t s) { return rates_bp.subspan(s * nm * ny, nm * ny); };
    SweepStats stats;
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    const std::size_t blocks = (scenarios + kBlock - 1) / kBlock;
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, blocks));
    stats.threads = threads;
    stats.simd = c.kernel && options.simd && cpu_has_avx2();

    // Each thread takes a contiguous range of whole blocks; fallback scenarios are evaluated by
    // the same thread in ascending order, stopping at its first rejected scenario.
    struct Failure {
        std::size_t scenario;
        std::vector<Problem> problems;
    };
    std::vector<std::optional<Failure>> failures(threads);
    std::vector<std::size_t> fallback_count(threads, 0);
    std::vector<std::exception_ptr> errors(threads);
    auto work = [&](unsigned t) {
        try {
            const std::size_t b0 = blocks * t / threads, b1 = blocks * (t + 1) / threads;
            const std::size_t begin = b0 * kBlock, end = std::min(scenarios, b1 * kBlock);
            std::vector<std::size_t> fallback;
            if (c.kernel) {
                run_kernel(c, rates_bp.data(), Output{cost_share.data(), costs.data()}, stats.simd, begin, end, fallback);
            } else {
                for (std::size_t s = begin; s < end; ++s) fallback.push_back(s);
            }
            fallback_count[t] = fallback.size();
            for (std::size_t s : fallback) {
                try {
                    const Result r = s == 0 && r0 ? *r0 : evaluate(with_uprating(plan, scenario_rates(s)));
                    for (std::size_t y = 0; y < ny; ++y) {
                        for (std::size_t k = 0; k < nm; ++k) cost_share[(s * ny + y) * nm + k] = r.members[k].cost_share[y].ore();
                        costs[s * ny + y] = r.totals[y].costs.ore();
                    }
                } catch (const PlanError& e) {
                    failures[t] = Failure{s, e.problems()};
                    return;
                }
            }
        } catch (...) {
            errors[t] = std::current_exception();
        }
    };
    if (threads == 1) {
        work(0);
    } else {
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
        for (auto& th : pool) th.join();
    }
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
    for (const auto& f : failures)
        if (f) throw PlanError(prefixed(options.first_scenario + f->scenario, f->problems));  // threads hold ascending ranges
    for (std::size_t n : fallback_count) stats.fallback += n;
    stats.kernel = scenarios - stats.fallback;
    return stats;
}

}  // namespace

SweepStats sweep_into(const Plan& original, std::span<const std::int64_t> rates_bp, std::size_t scenarios,
                      std::span<std::int64_t> cost_share, std::span<std::int64_t> costs, const SweepOptions& options) {
    check_shapes(original, rates_bp.size(), scenarios, cost_share.size(), costs.size());
    if (scenarios == 0) return {};
    std::optional<Plan> storage;
    const Plan& plan = figures_plan(original, storage);
    const std::size_t n = plan.members.size() * static_cast<std::size_t>(plan.year_count());
    Result r0;
    try {
        r0 = evaluate(with_uprating(plan, rates_bp.subspan(0, n)));
    } catch (const PlanError& e) {
        throw PlanError(prefixed(options.first_scenario, e.problems()));
    }
    return run_compiled(plan, compile(plan, r0), &r0, rates_bp, scenarios, cost_share, costs, options);
}

struct Sweep::Impl {
    Plan plan;
    std::optional<Plan> storage;  // the plan without profiles, actuals and liquidity, where it has them
    const Plan* figures = nullptr;
    std::optional<Compiled> compiled;
};

Sweep::Sweep(const Plan& plan) {
    auto impl = std::make_unique<Impl>();
    impl->plan = plan;
    impl->figures = &figures_plan(impl->plan, impl->storage);
    // Everything compile() takes from an evaluation is independent of the rates, and every
    // problem that depends on them is caught per scenario by the kernel: any rates will do.
    const std::vector<std::int64_t> zeros(plan.members.size() * static_cast<std::size_t>(plan.year_count()), 0);
    try {
        impl->compiled = compile(*impl->figures, evaluate(with_uprating(*impl->figures, zeros)));
    } catch (const PlanError&) {
        // not with rates of 0: each run() prepares itself from its own scenario 0
    }
    impl_ = std::move(impl);
}

Sweep::~Sweep() = default;
Sweep::Sweep(Sweep&&) noexcept = default;
Sweep& Sweep::operator=(Sweep&&) noexcept = default;

const Plan& Sweep::plan() const noexcept { return impl_->plan; }
bool Sweep::prepared() const noexcept { return impl_->compiled.has_value(); }

SweepStats Sweep::run_into(std::span<const std::int64_t> rates_bp, std::size_t scenarios, std::span<std::int64_t> cost_share,
                           std::span<std::int64_t> costs, const SweepOptions& options) const {
    if (!impl_->compiled) return sweep_into(impl_->plan, rates_bp, scenarios, cost_share, costs, options);
    check_shapes(impl_->plan, rates_bp.size(), scenarios, cost_share.size(), costs.size());
    if (scenarios == 0) return {};
    return run_compiled(*impl_->figures, *impl_->compiled, nullptr, rates_bp, scenarios, cost_share, costs, options);
}

SweepResult Sweep::run(std::span<const std::int64_t> rates_bp, std::size_t scenarios, const SweepOptions& options) const {
    SweepResult r;
    r.scenarios = scenarios;
    r.years = static_cast<std::size_t>(impl_->plan.year_count());
    r.members = impl_->plan.members.size();
    r.cost_share.assign(scenarios * r.years * r.members, 0);
    r.costs.assign(scenarios * r.years, 0);
    r.stats = run_into(rates_bp, scenarios, r.cost_share, r.costs, options);
    return r;
}

SweepResult sweep(const Plan& plan, std::span<const std::int64_t> rates_bp, std::size_t scenarios,
                  const SweepOptions& options) {
    SweepResult r;
    r.scenarios = scenarios;
    r.years = static_cast<std::size_t>(plan.year_count());
    r.members = plan.members.size();
    r.cost_share.assign(scenarios * r.years * r.members, 0);
    r.costs.assign(scenarios * r.years, 0);
    r.stats = sweep_into(plan, rates_bp, scenarios, r.cost_share, r.costs, options);
    return r;
}

}  // namespace finsam
