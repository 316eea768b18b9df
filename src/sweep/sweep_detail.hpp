// src/sweep/sweep_detail.hpp — what the sweep compiler (compile.cpp), its kernel (kernel.cpp)
// and its driver (sweep.cpp) share: integer types, exact division by a reciprocal, weights
// prepared for largest remainder, and the compiled plan. Internal; see sweep.cpp for the design.
#pragma once

#include "finsam/sweep.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "finsam/allocation.hpp"
#include "finsam/evaluate.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define FINSAM_SWEEP_X86 1
#include <immintrin.h>
#define FINSAM_AVX2 __attribute__((target("avx2")))
#define FINSAM_AVX2_INLINE __attribute__((target("avx2"), always_inline)) inline
#else
#define FINSAM_SWEEP_X86 0
#endif


namespace finsam::sweep_detail {

using i64 = std::int64_t;
using u64 = std::uint64_t;
__extension__ typedef unsigned __int128 u128;

constexpr std::size_t kBlock = 64;              // scenarios per block (a multiple of kStep)
constexpr i64 kAmountLimit = i64{1} << 60;       // |amount| and Σ|amounts| of a year, in öre
constexpr std::size_t kSimdMembers = 8;          // the AVX2 kernel is instantiated for 1…8 members
constexpr i64 kZeroWeightKey = -(i64{1} << 62);  // rank key of a zero weight: below every other
constexpr i64 kSmallRate = i64{1} << 20;         // |bp| below this lets amount steps use the kernel
constexpr std::size_t kGroups = 2;               // AVX2 vectors (of four lanes) per step: independent chains
constexpr std::size_t kStep = 4 * kGroups;       // lanes per step of the AVX2 kernel

// ---- exact integer division by a precomputed reciprocal ------------------------------------

/// ⌊2^64 / d⌋ for d ≥ 2; 2^64 − 1 for d = 1 (see the design notes).
inline u64 reciprocal(u64 d) { return d <= 1 ? ~u64{0} : static_cast<u64>((u128{1} << 64) / d); }

/// q = ⌊a / d⌋ and r = a − q·d for a < 2^64, 1 ≤ d < 2^63, m = reciprocal(d).
inline u64 divmod(u64 a, u64 d, u64 m, u64& r) {
    u64 q = static_cast<u64>((static_cast<u128>(a) * m) >> 64);
    r = a - q * d;
    const u64 over = r >= d ? 1 : 0;  // branch-free: the correction is taken about half the time
    r -= over * d;
    return q + over;
}

/// n / d rounded to an integer with MODE (d > 0); `bad` is set when the result is beyond int64.
template <RoundingMode MODE>
inline i64 round_div(i64 n, u64 d, u64 m, bool& bad) {
    const bool neg = n < 0;
    const u64 a = neg ? u64{0} - static_cast<u64>(n) : static_cast<u64>(n);
    u64 r;
    u64 q = divmod(a, d, m, r);
    if constexpr (MODE == RoundingMode::half_up) q += (r >= d - r) ? 1 : 0;  // 2r ≥ d, halves away from 0
    if constexpr (MODE == RoundingMode::half_even) q += ((r > d - r) | ((r == d - r) & (q & 1))) ? 1 : 0;
    bad |= q > static_cast<u64>(std::numeric_limits<i64>::max());
    return static_cast<i64>(neg ? u64{0} - q : q);
}

inline unsigned index_bits(std::size_t n) {
    unsigned b = 0;
    while ((std::size_t{1} << b) < n) ++b;
    return b;
}

inline u64 clamp_m64(u64 w, u64 W) {
    if (w >= W) return ~u64{0};
    return static_cast<u64>((static_cast<u128>(w) << 64) / W);
}

// ---- weights prepared for largest remainder ---------------------------------------------

/// A view of weights for the AVX2 kernel: the j-th member taking part, member idx[j], has its
/// values for the group of lanes starting at lane l at p + j·ms + l·ls (ls = 0 for weights
/// shared by every lane). Shared weights list only the members with a positive weight.
struct WeightsView {
    const i64 *w, *w_hi, *m32, *bias;  // by member taking part
    const i64 *W, *valid;              // W and −1 (valid) / 0 (invalid) by lane
    const std::size_t* idx;            // member index of each member taking part
    std::size_t count = 0;             // members taking part
    std::size_t ms = 0, ls = 0;
    bool simd = false;       // the kernel's bounds hold for every lane
    bool all_valid = false;  // every lane's weights can split an amount ≠ 0
};

/// One set of non-negative int64 weights (reduced by their gcd), with the kernels' constants.
struct Weights {
    bool valid = false;     // Σw > 0 and no weight negative: an amount ≠ 0 can be split
    std::vector<u64> w;     // by member
    std::vector<u64> m64;   // ⌊2^64·w_k/W⌋, clamped to 2^64 − 1
    u64 W = 1;
    bool simd = false;      // the AVX2 kernel's bounds hold (≤ kSimdMembers, W < 2^(62−b))
    std::vector<std::size_t> idx;  // the members with a positive weight
    std::vector<i64> vec;   // broadcast for the kernel, by member in idx: w, w_hi, m32, bias
                            // (4·|idx| each), then W and valid (4 each)

    WeightsView view() const {
        const std::size_t n = idx.size();
        const i64* p = vec.data();
        return {p, p + 4 * n, p + 8 * n, p + 12 * n, p + 16 * n, p + 16 * n + 4, idx.data(), n, 4, 0, simd, valid};
    }
};

/// Weights from int64 values; invalid (stand-ins that split 0 into zeros) when some is
/// negative or all are 0 — a lane with an amount ≠ 0 to split is then sent to evaluate().
/// Weights reduced by their gcd, with their reciprocals (compile.cpp).
Weights make_weights(const std::vector<i64>& values);


/// Per-lane weights (the final contributions of a cover_costs year), [k·kBlock + lane].
struct LaneWeights {
    std::size_t n = 0;
    std::vector<u64> w, m64;
    std::vector<i64> wv, w_hi, m32, bias, W, valid;
    std::vector<std::size_t> idx;  // every member (zero weights rank last by their key)
    void resize(std::size_t members) {
        n = members;
        idx.resize(n);
        std::iota(idx.begin(), idx.end(), std::size_t{0});
        for (auto* v : {&w, &m64}) v->assign(n * kBlock, 0);
        for (auto* v : {&wv, &w_hi, &m32, &bias}) v->assign(n * kBlock, 0);
        W.assign(kBlock, 1);
        valid.assign(kBlock, 0);
    }
    /// Set lane `l` from the int64 values at values[k·kBlock]. Returns false when the values
    /// are valid weights but too large for the kernel (W ≥ 2^(62−b)): the lane goes to evaluate().
    bool set(std::size_t l, const i64* values) {
        u64 Wsum = 0;
        bool bad = false;
        for (std::size_t k = 0; k < n; ++k) {
            bad |= values[k * kBlock] < 0;
            bad |= __builtin_add_overflow(Wsum, static_cast<u64>(values[k * kBlock]), &Wsum);
        }
        bad |= Wsum == 0;
        const bool wide = !bad && Wsum >= (u64{1} << (62 - index_bits(n)));
        valid[l] = bad || wide ? 0 : -1;
        if (bad || wide) Wsum = 1;
        W[l] = static_cast<i64>(Wsum);
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t o = k * kBlock + l;
            w[o] = bad || wide ? (k == 0 ? 1 : 0) : static_cast<u64>(values[k * kBlock]);
            m64[o] = clamp_m64(w[o], Wsum);
            wv[o] = static_cast<i64>(w[o]);
            w_hi[o] = static_cast<i64>(w[o] >> 32);
            m32[o] = static_cast<i64>(m64[o] >> 32);
            bias[o] = w[o] ? static_cast<i64>(n - 1 - k) : kZeroWeightKey;
        }
        return !wide;
    }
    WeightsView view(bool all_valid) const {
        return {wv.data(), w_hi.data(), m32.data(), bias.data(), W.data(), valid.data(), idx.data(), n, kBlock, 1, true, all_valid};
    }
};


// ---- the compiled plan --------------------------------------------------------------------

/// How one intervention's amount of one plan year comes about.
struct StepOp {
    enum class Kind { zero, known, computed };
    Kind kind = Kind::zero;
    i64 known = 0;
    // computed: amount = round((prev·A + c) / d) · u_amt, A = a0 + Σ a·bp[member]
    i64 a0 = 0, c = 0;
    std::vector<std::pair<std::size_t, i64>> owners;
    u64 d = 1, m = 0;
    double inv = 1;     // fl(1/d), for the kernel
    bool simd = false;  // |A| < 2^31 whenever |bp| < kSmallRate, |c| < 2^51, d < 2^31
    i64 prev = 0;       // the previous year's amount when this is the first plan year
};

/// The frame part of one intervention: frame units = round(|amount|·fn / fd), signed.
struct FrameOp {
    i64 fn = 0;
    u64 fd = 1, fm = 0;
    double inv = 1;
    bool simd = false;  // fn < 2^20, fd < 2^31
};

struct Compiled {
    std::size_t nm = 0, ny = 0, ni = 0;
    RoundingMode mode = RoundingMode::half_up;
    u64 u_amt = 100, u_alloc = 100;
    bool kernel = true;                  // false: every scenario goes to evaluate()
    std::vector<StepOp> steps;           // [iv·ny + y]
    std::vector<FrameOp> frame_ops;      // by intervention
    std::vector<Weights> keys;           // by intervention (valid false: no key or all zero)
    std::vector<unsigned char> cover;    // by year: cover_costs frame
    std::vector<Weights> frame;          // by year (non-cover_costs): the final contributions
    std::vector<i64> contributions;      // by year (non-cover_costs): Σ final contributions
    std::vector<Weights> shares;         // by year (cover_costs): the shares
    std::vector<unsigned char> shares_zero;  // by year (cover_costs): Σ shares = 0
    std::vector<i64> use;                // by year (cover_costs): equity used
    std::vector<i64> income;             // by year: other income (spec 13), in the result and in cover_costs
    std::vector<i64> adjustment;         // [y·nm + k]
    i64 opening = 0;
    bool has_equity = false;             // the plan has `equity`: the chain is checked
};

/// The plan without what only the follow-up reads (profiles, actuals, liquidity: spec 14).
/// They change no cost share and no cost, so a sweep evaluates the plan without them: its
/// figures are those of evaluate(with_uprating(plan, rates)), and no scenario fails on a
/// forecast or a month. A plan without them is returned as it is (no copy).
const Plan& figures_plan(const Plan& plan, std::optional<Plan>& storage);

/// Compile what does not depend on the rates from scenario 0's evaluation (compile.cpp).
Compiled compile(const Plan& plan, const Result& r0);

/// Whether this CPU runs the AVX2 kernel.
bool cpu_has_avx2();

/// Where the kernel writes: [scenario][year][member] cost shares and [scenario][year] costs.
struct Output {
    i64* cost_share;
    i64* costs;
};

/// Run the kernel over scenarios [begin, end) in blocks of kBlock (kernel.cpp); scenarios it
/// cannot decide (bounds, overflow, what evaluate() would reject) are appended to `fallback`.
void run_kernel(const Compiled& c, const i64* rates, Output out, bool simd, std::size_t begin, std::size_t end,
                std::vector<std::size_t>& fallback);

}  // namespace finsam::sweep_detail
