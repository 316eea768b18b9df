// finsam/sweep.hpp — many uprating scenarios of one plan at once, exactly.
//
// Design notes: a sweep evaluates a plan once per scenario, each scenario giving every member
// its own uprating rate (in basis points, 150 = 1.50 %) for each plan year in place of the
// plan's `uprating`; years before the first keep the plan's own rates. Per scenario, year and
// member it returns the cost share (Σ allocations, öre) and per scenario and year the total
// costs (öre): exactly the figures evaluate() gives for with_uprating(plan, that scenario's
// rates), change rules, rounding, frame part, largest remainder and the sub-unit rest rule
// included. Nothing of the plan is refused:
//   * the plan is first evaluated for scenario 0; what does not depend on the rates (known
//     amounts, the chains before the first year, frames, shares, adjustments, keys) is taken
//     from that evaluation, and its problems are the sweep's (prefixed `scenario 0: `);
//   * a batch kernel then computes the scenarios in blocks, structure-of-arrays, with int64
//     arithmetic whose bounds are checked (an AVX2 kernel splits several scenarios at once
//     where the CPU has it); `cover_costs` frames are recomputed per scenario, so their final
//     contributions — the frame part's weights — vary per scenario;
//   * a scenario that leaves the kernel's bounds (amounts near 2^60 öre, rates or factors so
//     large that a product could overflow) or that evaluate() would reject is evaluated by
//     evaluate() itself, so its figures are exact by construction and its problems are
//     thrown as PlanError with messages prefixed `scenario S: ` (the lowest failing S).
// Other income (spec 13) is part of the figures: it enters each year's result and lowers a
// `cover_costs` frame, in the kernel as in evaluate(). What only the follow-up reads —
// profiles, actuals and liquidity (spec 14) — changes no cost share and no cost: sweeping the
// rates leaves what was booked untouched, so a sweep evaluates the plan without those keys
// (a forecast or a month never makes a scenario fail); its figures are exactly those of
// evaluate(with_uprating(plan, rates)), whose Result also carries the follow-up.
// Exactness of the kernel (reciprocal estimates corrected by an exact remainder) is argued in
// src/sweep/ next to each step and checked against evaluate() on random plans by the tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "finsam/plan.hpp"

namespace finsam {

/// How a sweep runs.
struct SweepOptions {
    unsigned threads = 1;            ///< worker threads; 0 means one per hardware thread
    bool simd = true;                ///< use the AVX2 kernel where the CPU supports it
    std::size_t first_scenario = 0;  ///< error messages number scenarios from this (a chunk of a larger sweep)
};

/// How the scenarios of a sweep were computed.
struct SweepStats {
    std::size_t kernel = 0;    ///< scenarios computed by the batch kernel
    std::size_t fallback = 0;  ///< scenarios computed by evaluate() (beyond the kernel's bounds)
    bool simd = false;         ///< whether the AVX2 kernel ran
    unsigned threads = 1;      ///< threads used
};

/// Figures of a sweep, row-major: cost_share[(s·years + y)·members + m], costs[s·years + y].
struct SweepResult {
    std::size_t scenarios = 0, years = 0, members = 0;
    std::vector<std::int64_t> cost_share;  ///< öre: Σ allocations of member m in year y of scenario s
    std::vector<std::int64_t> costs;       ///< öre: total costs of year y of scenario s
    SweepStats stats;

    /// Cost share of member `m` in year index `y` of scenario `s`, in öre.
    std::int64_t cost_share_at(std::size_t s, std::size_t y, std::size_t m) const {
        return cost_share[(s * years + y) * members + m];
    }
    /// Total costs of year index `y` of scenario `s`, in öre.
    std::int64_t costs_at(std::size_t s, std::size_t y) const { return costs[s * years + y]; }
};

/// The plan with each member's uprating rate for each plan year replaced by
/// `rates_bp[m·years + y]` basis points (members × years, row-major; years from the first);
/// years before the first keep the plan's rates.
[[nodiscard]] Plan with_uprating(const Plan& plan, std::span<const std::int64_t> rates_bp);

/// Sweep `scenarios` scenarios: `rates_bp[(s·members + m)·years + y]` is member m's rate in
/// year index y of scenario s, in basis points. Throws PlanError (problems prefixed
/// `scenario S: `) when evaluate() rejects a scenario, finsam::Error on a wrong shape.
[[nodiscard]] SweepResult sweep(const Plan& plan, std::span<const std::int64_t> rates_bp, std::size_t scenarios,
                                const SweepOptions& options = {});

/// As sweep(), writing into caller-owned arrays of scenarios·years·members and
/// scenarios·years int64 (for bindings that hand out their own buffers).
SweepStats sweep_into(const Plan& plan, std::span<const std::int64_t> rates_bp, std::size_t scenarios,
                      std::span<std::int64_t> cost_share, std::span<std::int64_t> costs,
                      const SweepOptions& options = {});

/// A plan prepared for many sweeps: checked and compiled once (by evaluating it with every rate
/// 0), then run() as often as needed, from any thread. Where the plan cannot be evaluated with
/// rates of 0, each run() prepares itself from its own scenario 0, as sweep() does. Results
/// and errors are those of sweep().
class Sweep {
public:
    /// Prepare `plan` (copied).
    explicit Sweep(const Plan& plan);
    ~Sweep();
    Sweep(Sweep&&) noexcept;
    Sweep& operator=(Sweep&&) noexcept;

    /// The prepared plan.
    const Plan& plan() const noexcept;
    /// Whether the compilation was done once, in the constructor.
    bool prepared() const noexcept;

    /// As sweep(plan(), rates_bp, scenarios, options).
    [[nodiscard]] SweepResult run(std::span<const std::int64_t> rates_bp, std::size_t scenarios, const SweepOptions& options = {}) const;
    /// As sweep_into(plan(), …).
    SweepStats run_into(std::span<const std::int64_t> rates_bp, std::size_t scenarios, std::span<std::int64_t> cost_share,
                        std::span<std::int64_t> costs, const SweepOptions& options = {}) const;

private:
    struct Impl;
    std::unique_ptr<const Impl> impl_;
};

}  // namespace finsam
