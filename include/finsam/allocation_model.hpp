// finsam/allocation_model.hpp — the state's distribution among förbund (`finsam-allocation/1`).
//
// Design notes (spec section 18). Försäkringskassan shares the state's FINSAM money among all
// förbund: a base amount each, the rest by weights w_k = (support weight/100)·S_k/ΣS +
// (population weight/100)·P_k/ΣP, where S_k is the förbund's försörjningsmått and P_k its
// population aged 16–64 (its own figures or the sums over its areas). A förbund with `previous`
// and a decrease cap may not fall below floor_k = previous_k·(1 − cap/100): starting with no
// förbund capped, each round shares the pool R = total − Σ_{capped} floor − (uncapped)·base by
// the uncapped förbund's weights, a_k = base + R·w_k/Σ_{uncapped} w; every uncapped förbund
// strictly below its floor joins the capped at its floor, all of a round at once; the rounds
// stop when none joins. The exact a_k sum to the total, which is then split by largest
// remainder (allocation.hpp) with weights a_k in the allocation unit, in file order.
//
// Exactness and speed: the rounds run on integers. With D the denominator of (1 − cap/100) in
// öre and v_k integer weights proportional to w_k, "a_k < floor_k" is R·v_k < (floor_k − base)·V
// (V the uncapped weight sum), all scaled by D. A round's joiners are the uncapped förbund whose
// threshold (floor_k − base)/v_k exceeds R/V, and R/V falls from round to round, so the
// candidates are sorted by threshold once and each round takes a prefix of the rest: every
// round is kept (its pool and weight sum; explain recomputes any a_k of any round from them)
// and 10 000 förbund take O(n log n) operations however many rounds the cap needs.
//
// Errors (PlanError, with the figures in the message): reading, as for plans (every problem at
// its pointer); computing, at `/base` when n·base exceeds the total, at `/decrease_cap_percent`
// when the floors make the pool negative, at `/forbund` when a pool is left that no weight can
// take (every förbund capped, or the uncapped have weight 0), or the support or the population
// sums to 0 while its weight is positive, at `/total` when the frame it implies (2 × total)
// is beyond ±(2^63 − 1) öre.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "finsam/allocation.hpp"
#include "finsam/explain.hpp"
#include "finsam/json.hpp"
#include "finsam/money.hpp"
#include "finsam/rate.hpp"
#include "finsam/report.hpp"

namespace finsam {

/// The file format this version reads for the state's distribution.
inline constexpr std::string_view allocation_format = "finsam-allocation/1";
/// The result format `finsam allocate` writes.
inline constexpr std::string_view allocation_result_format = "finsam-allocation-result/1";

/// An area (municipality) of a förbund; the förbund's figures are the sums over its areas.
struct AllocationArea {
    std::string id;
    std::string name;              ///< the id when not given
    Money support;                 ///< försörjningsmått
    BigInt population = 0;         ///< population aged 16–64
    std::string path;              ///< "/forbund/0/areas/1"
};

/// One förbund of the model, as read.
struct Forbund {
    std::string id;
    std::string name;               ///< the id when not given
    Money support;                  ///< S_k: its own figure or the sum over its areas
    BigInt population = 0;          ///< P_k: its own figure or the sum over its areas
    std::optional<Money> previous;  ///< last year's allocation
    bool exempt_from_cap = false;   ///< its equity is above a reasonable level: no floor
    std::vector<AllocationArea> areas;
    std::string path;               ///< "/forbund/3"
};

/// A `finsam-allocation/1` file, read and checked.
struct AllocationModel {
    std::string name;                 ///< optional (an extension: spec 18 is silent)
    std::string note;                 ///< optional free text (an extension)
    int year = 0;
    Unit amount_unit = Unit::kr;
    Money total;                      ///< the state's money to share
    Money base;                       ///< the base amount per förbund
    Rational support_weight = 75;     ///< percent of the pool by försörjningsmått
    Rational population_weight = 25;  ///< percent of the pool by population
    std::optional<Rational> decrease_cap_percent;  ///< no cap when absent
    Unit allocation_unit = Unit::kr;  ///< `rounding.allocation`: "öre" or "kr"
    RoundingMode mode = RoundingMode::half_up;  ///< `rounding.mode`: the tables' ordinary rounding
    std::vector<Forbund> forbund;
};

/// Read a `finsam-allocation/1` document; throws PlanError with every problem.
AllocationModel load_allocation_model(const Node& json);
/// Read one from JSON text.
AllocationModel load_allocation_model_string(std::string_view text);
/// Read one from a file.
AllocationModel load_allocation_model_file(const std::string& path);
/// The `format` a JSON file's root declares ("finsam/1", "finsam-allocation/1"), or "" when the
/// file cannot be read, is not JSON or declares none (the command line tells plans and
/// allocation models apart by this).
std::string declared_format(const std::string& path);

/// One round of the decrease cap.
struct CapRound {
    Rational pool;                     ///< R at the round's start, in öre
    Rational weight_sum;               ///< Σ w_j over the förbund not capped at its start
    std::size_t uncapped = 0;          ///< how many förbund were not capped at its start
    std::vector<std::size_t> joined;   ///< the förbund that joined the capped in it (file order)
};

/// One förbund's allocation, with every step that produced it.
struct ForbundAllocation : Forbund {
    Rational support_part;           ///< (support weight/100)·S_k/ΣS
    Rational population_part;        ///< (population weight/100)·P_k/ΣP
    Rational weight;                 ///< w_k = support_part + population_part
    std::optional<Rational> floor;   ///< previous·(1 − cap/100) in öre, where the cap applies
    std::optional<std::size_t> capped_in;  ///< the round (from 0) it was capped in
    Rational exact;                  ///< a_k in öre, before rounding
    Money allocation;                ///< after largest remainder; the allocations sum to the total
    std::optional<Money> change;     ///< allocation − previous, where previous is given
    std::optional<Rational> change_percent;  ///< 100·change/previous, where previous ≠ 0
    Money implied_frame;             ///< 2 × allocation: the frame when region and municipalities match
    Money frame_state;               ///< the state's half: the allocation itself
    Money frame_region, frame_municipalities;  ///< a quarter each: the allocation split in two (section 7, region first)

    /// Held at its floor by the decrease cap.
    bool capped() const noexcept { return capped_in.has_value(); }
};

/// The state's distribution among förbund: the result of distribute().
struct AllocationResult {
    std::string name, note;
    int year = 0;
    Money total, base;
    Rational support_weight, population_weight;
    std::optional<Rational> decrease_cap_percent;
    Unit allocation_unit = Unit::kr;
    RoundingMode mode = RoundingMode::half_up;
    Money support_sum;          ///< ΣS
    BigInt population_sum = 0;  ///< ΣP
    std::vector<ForbundAllocation> forbund;  ///< in file order
    std::vector<CapRound> rounds;  ///< every round of the cap; the last has no joiners
    Allocation rounding;        ///< the largest-remainder split of the total by the a_k

    /// Index of a förbund id, or nullopt.
    std::optional<std::size_t> index(std::string_view id) const;
    /// The sum of `previous` over the förbund that give it.
    Money previous_sum() const;
};

/// Compute the distribution exactly (see the design notes); throws PlanError at /base,
/// /decrease_cap_percent, /forbund or /total when the figures admit none.
[[nodiscard]] AllocationResult distribute(const AllocationModel& model);

/// The result as `finsam-allocation-result/1` JSON (spec 18; amounts as in section 10), indented
/// by two spaces: the text `finsam allocate FILE` prints (without the last newline).
[[nodiscard]] std::string result_json(const AllocationResult& result);

/// The tables of `finsam allocate --format md|html|csv|xlsx`: the distribution (weight parts,
/// previous, allocation, change, capped) and the frame it implies (state, region,
/// municipalities), each with a Summa row that adds up (controlled rounding, report.hpp).
BudgetTables build_tables(const AllocationResult& result, const TableOptions& options = {});

/// How förbund `id` got its allocation: its weight parts, every round of the cap, the
/// rounding; Swedish by default (the JSON is the same in either language). Throws Error for an
/// unknown id.
[[nodiscard]] Explanation explain(const AllocationResult& result, std::string_view id, Lang lang = Lang::sv);

}  // namespace finsam
