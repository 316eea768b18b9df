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

namespace finsam {
namespace {

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
u64 reciprocal(u64 d) { return d <= 1 ? ~u64{0} : static_cast<u64>((u128{1} << 64) / d); }

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

unsigned index_bits(std::size_t n) {
    unsigned b = 0;
    while ((std::size_t{1} << b) < n) ++b;
    return b;
}

u64 clamp_m64(u64 w, u64 W) {
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
Weights make_weights(const std::vector<i64>& values) {
    Weights wt;
    const std::size_t n = values.size();
    u64 g = 0;
    bool negative = false;
    for (i64 v : values) {
        if (v < 0) negative = true;
        else g = std::gcd(g, static_cast<u64>(v));
    }
    wt.w.assign(n, 0);
    u64 W = 0;
    bool over = false;
    if (!negative && g != 0)
        for (std::size_t k = 0; k < n; ++k) {
            wt.w[k] = static_cast<u64>(values[k]) / g;
            over |= __builtin_add_overflow(W, wt.w[k], &W);
        }
    wt.valid = !(negative || g == 0 || over || W >= (u64{1} << 63));
    if (!wt.valid) {
        wt.w.assign(n, 0);
        if (n) wt.w[0] = 1;
        W = 1;
    }
    wt.W = W;
    wt.m64.assign(n, 0);
    for (std::size_t k = 0; k < n; ++k) {
        wt.m64[k] = clamp_m64(wt.w[k], W);
        if (wt.w[k]) wt.idx.push_back(k);
    }
    const std::size_t np = wt.idx.size();  // ≥ 1 when n ≥ 1
    wt.vec.assign(16 * np + 8, 0);
    for (std::size_t j = 0; j < np; ++j) {
        const std::size_t k = wt.idx[j];
        for (std::size_t lane = 0; lane < 4; ++lane) {
            wt.vec[0 * np + 4 * j + lane] = static_cast<i64>(wt.w[k]);
            wt.vec[4 * np + 4 * j + lane] = static_cast<i64>(wt.w[k] >> 32);
            wt.vec[8 * np + 4 * j + lane] = static_cast<i64>(wt.m64[k] >> 32);
            wt.vec[12 * np + 4 * j + lane] = static_cast<i64>(np - 1 - j);  // ties to the member listed first
        }
    }
    for (std::size_t lane = 0; lane < 4; ++lane) {
        wt.vec[16 * np + lane] = static_cast<i64>(W);
        wt.vec[16 * np + 4 + lane] = wt.valid ? -1 : 0;
    }
    wt.simd = np >= 1 && np <= kSimdMembers && W < (u64{1} << (62 - index_bits(np)));
    return wt;
}

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

// ---- the scalar split (any |P| < 2^63) -----------------------------------------------------

/// Split P = Us·unit + Rs (same signs, |Rs| < unit) by largest remainder and add member k's
/// part to acc[k·kBlock]. Weights are read at w[k·stride], m64[k·stride].
inline void split_scalar(i64 Us, i64 Rs, const u64* w, const u64* m64, std::size_t stride, u64 W, std::size_t n,
                         u64 unit, i64* acc, u64* q, u64* r) {
    const bool neg = (Us | Rs) < 0;
    const u64 U = neg ? u64{0} - static_cast<u64>(Us) : static_cast<u64>(Us);
    const u64 R = neg ? u64{0} - static_cast<u64>(Rs) : static_cast<u64>(Rs);
    if (U == 0 && R == 0) return;
    u64 Q = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const u64 wk = w[k * stride];
        const u64 e = static_cast<u64>((static_cast<u128>(U) * m64[k * stride]) >> 64);
        const u64 rem = U * wk - e * W;  // exact: the true value is in [0, 2W)
        const u64 over = rem >= W ? 1 : 0;   // branch-free: taken about half the time
        q[k] = e + over;
        r[k] = rem - over * W;
        Q += q[k];
    }
    const u64 L = U - Q;
    for (std::size_t k = 0; k < n; ++k) {
        if (w[k * stride] == 0) continue;
        u64 rank = 0;  // members with a positive weight before k: larger remainder, or equal and listed first
        for (std::size_t j = 0; j < n; ++j)
            rank += (w[j * stride] != 0) & ((r[j] > r[k]) | ((r[j] == r[k]) & (j < k)));
        const u64 part = (q[k] + (rank < L ? 1 : 0)) * unit + (rank == L ? R : 0);
        acc[k * kBlock] += static_cast<i64>(neg ? u64{0} - part : part);
    }
}

// ---- AVX2 building blocks ------------------------------------------------------------------

#if FINSAM_SWEEP_X86
bool cpu_has_avx2() { return __builtin_cpu_supports("avx2"); }

using V = __m256i;
using D = __m256d;
constexpr i64 kMagicBits = 0x4338000000000000;      // the double 1.5·2^52
constexpr double kMagic = 6755399441055744.0;       // 1.5·2^52

FINSAM_AVX2_INLINE V vload(const i64* p) { return _mm256_loadu_si256(reinterpret_cast<const V*>(p)); }
FINSAM_AVX2_INLINE void vstore(i64* p, V v) { _mm256_storeu_si256(reinterpret_cast<V*>(p), v); }
FINSAM_AVX2_INLINE V vset(i64 x) { return _mm256_set1_epi64x(x); }
FINSAM_AVX2_INLINE V vzero() { return _mm256_setzero_si256(); }
/// |x| and the sign mask (−1 where x < 0).
FINSAM_AVX2_INLINE V vabs(V x, V& neg) {
    neg = _mm256_cmpgt_epi64(vzero(), x);
    return _mm256_sub_epi64(_mm256_xor_si256(x, neg), neg);
}
FINSAM_AVX2_INLINE V vsign(V x, V neg) { return _mm256_sub_epi64(_mm256_xor_si256(x, neg), neg); }
/// Whether every lane of x (≥ 0) is below `limit`.
FINSAM_AVX2_INLINE bool vbelow(V x, i64 limit) {
    const V c = _mm256_cmpgt_epi64(x, vset(limit - 1));
    return _mm256_testz_si256(c, c);
}
/// int64 → double, exact for |x| < 2^51.
FINSAM_AVX2_INLINE D vto_double(V x) {
    return _mm256_sub_pd(_mm256_castsi256_pd(_mm256_add_epi64(x, vset(kMagicBits))), _mm256_set1_pd(kMagic));
}
/// integral double → int64, exact for |d| < 2^51.
FINSAM_AVX2_INLINE V vto_int(D d) {
    return _mm256_sub_epi64(_mm256_castpd_si256(_mm256_add_pd(d, _mm256_set1_pd(kMagic))), vset(kMagicBits));
}
/// q·d mod 2^64 for 0 ≤ q < 2^64, 0 ≤ d < 2^32.
FINSAM_AVX2_INLINE V vmul_small(V q, V d) {
    return _mm256_add_epi64(_mm256_mul_epu32(q, d), _mm256_slli_epi64(_mm256_mul_epu32(_mm256_srli_epi64(q, 32), d), 32));
}

/// round(X / d) with MODE for 0 ≤ X < 2^51 and 1 ≤ d < 2^31 (inv = fl(1/d)); see the notes.
template <RoundingMode MODE>
FINSAM_AVX2_INLINE V vround_div(V X, V d, V dm1, D inv) {
    V q = vto_int(_mm256_floor_pd(_mm256_mul_pd(vto_double(X), inv)));  // within one of ⌊X/d⌋
    V r = _mm256_sub_epi64(X, vmul_small(q, d));                         // ∈ [−d, 2d), exact
    const V low = _mm256_cmpgt_epi64(vzero(), r);
    q = _mm256_add_epi64(q, low);
    r = _mm256_add_epi64(r, _mm256_and_si256(low, d));
    const V high = _mm256_cmpgt_epi64(r, dm1);
    q = _mm256_sub_epi64(q, high);
    r = _mm256_sub_epi64(r, _mm256_and_si256(high, d));
    const V r2 = _mm256_add_epi64(r, r);
    if constexpr (MODE == RoundingMode::half_up) q = _mm256_sub_epi64(q, _mm256_cmpgt_epi64(r2, dm1));
    if constexpr (MODE == RoundingMode::half_even) {
        const V odd = _mm256_cmpeq_epi64(_mm256_and_si256(q, vset(1)), vset(1));
        const V up = _mm256_or_si256(_mm256_cmpgt_epi64(r2, d), _mm256_and_si256(_mm256_cmpeq_epi64(r2, d), odd));
        q = _mm256_sub_epi64(q, up);
    }
    return q;
}

/// Split |P| = U·UNIT + R (U < 2^32, R < UNIT, sign mask neg) of the kStep lanes from lane l
/// (kGroups vectors, so that their dependency chains interleave) by largest remainder over the N
/// members taking part in `v`, adding member idx[k]'s parts to acc[idx[k]·kBlock + l …].
/// NARROW: W < 2^32 in every lane (so every w < 2^32): one multiply for U·w and for q̂·W.
template <std::size_t N, u64 UNIT, bool REST, bool NARROW>
FINSAM_AVX2_INLINE void vsplit(const V* U, const V* R, const V* neg, const WeightsView& v, std::size_t l, i64* acc) {
    constexpr unsigned B = [] {
        unsigned b = 0;
        while ((std::size_t{1} << b) < N) ++b;
        return b;
    }();
    constexpr std::size_t G = kGroups;
    V W[G], Wm1[G], W_hi[G], Q[G], q[N][G], key[N][G], rank[N][G];
    for (std::size_t g = 0; g < G; ++g) {
        W[g] = vload(v.W + (l + 4 * g) * v.ls);
        Wm1[g] = _mm256_sub_epi64(W[g], vset(1));
        W_hi[g] = _mm256_srli_epi64(W[g], 32);
        Q[g] = vzero();
    }
    for (std::size_t k = 0; k < N; ++k)
        for (std::size_t g = 0; g < G; ++g) {
            const std::size_t o = k * v.ms + (l + 4 * g) * v.ls;
            V est = _mm256_srli_epi64(_mm256_mul_epu32(U[g], vload(v.m32 + o)), 32);  // ⌊U·w/W⌋ or one less
            V uw = _mm256_mul_epu32(U[g], vload(v.w + o));
            V ew = _mm256_mul_epu32(est, W[g]);
            if constexpr (!NARROW) {
                uw = _mm256_add_epi64(uw, _mm256_slli_epi64(_mm256_mul_epu32(U[g], vload(v.w_hi + o)), 32));
                ew = _mm256_add_epi64(ew, _mm256_slli_epi64(_mm256_mul_epu32(est, W_hi[g]), 32));
            }
            V r = _mm256_sub_epi64(uw, ew);  // U·w − est·W ∈ [0, 2W), exact mod 2^64
            const V c = _mm256_cmpgt_epi64(r, Wm1[g]);
            est = _mm256_sub_epi64(est, c);
            r = _mm256_sub_epi64(r, _mm256_and_si256(c, W[g]));
            key[k][g] = _mm256_add_epi64(_mm256_slli_epi64(r, B), vload(v.bias + o));
            q[k][g] = est;
            Q[g] = _mm256_add_epi64(Q[g], est);
            rank[k][g] = vset(static_cast<i64>(N - 1 - k));
        }
    for (std::size_t j = 0; j < N; ++j)
        for (std::size_t k = j + 1; k < N; ++k)
            for (std::size_t g = 0; g < G; ++g) {
                const V c = _mm256_cmpgt_epi64(key[j][g], key[k][g]);  // j ranks before k: −1
                rank[k][g] = _mm256_sub_epi64(rank[k][g], c);
                rank[j][g] = _mm256_add_epi64(rank[j][g], c);
            }
    for (std::size_t g = 0; g < G; ++g) {
        const V L = _mm256_sub_epi64(U[g], Q[g]);
        for (std::size_t k = 0; k < N; ++k) {
            V x = _mm256_sub_epi64(q[k][g], _mm256_cmpgt_epi64(L, rank[k][g]));
            if constexpr (UNIT != 1) x = _mm256_mul_epu32(x, vset(static_cast<i64>(UNIT)));
            if constexpr (REST) x = _mm256_add_epi64(x, _mm256_and_si256(_mm256_cmpeq_epi64(rank[k][g], L), R[g]));
            i64* a = acc + v.idx[k] * kBlock + l + 4 * g;
            vstore(a, _mm256_add_epi64(vload(a), vsign(x, neg[g])));
        }
    }
}

/// vsplit of kStep lanes for the number of members taking part known at run time.
template <u64 UNIT, bool REST>
FINSAM_AVX2_INLINE void vsplit_step(const V* U, const V* R, const V* neg, const WeightsView& v, std::size_t l, i64* acc) {
    V any = vzero();
    for (std::size_t g = 0; g < kGroups; ++g) any = _mm256_or_si256(any, REST ? _mm256_or_si256(U[g], R[g]) : U[g]);
    if (_mm256_testz_si256(any, any)) return;
    if (v.count == 1) {  // one member takes all
        for (std::size_t g = 0; g < kGroups; ++g) {
            V x = U[g];
            if constexpr (UNIT != 1) x = _mm256_mul_epu32(x, vset(static_cast<i64>(UNIT)));
            if constexpr (REST) x = _mm256_add_epi64(x, R[g]);
            i64* a = acc + v.idx[0] * kBlock + l + 4 * g;
            vstore(a, _mm256_add_epi64(vload(a), vsign(x, neg[g])));
        }
        return;
    }
    V hi = vzero();
    for (std::size_t g = 0; g < kGroups; ++g) hi = _mm256_or_si256(hi, _mm256_srli_epi64(vload(v.W + (l + 4 * g) * v.ls), 32));
    const bool narrow = _mm256_testz_si256(hi, hi);
#define FINSAM_SWEEP_SPLIT(n)                                                                   \
    case n:                                                                                     \
        if (narrow) vsplit<n, UNIT, REST, true>(U, R, neg, v, l, acc);                          \
        else vsplit<n, UNIT, REST, false>(U, R, neg, v, l, acc);                                \
        return;
    switch (v.count) {
        FINSAM_SWEEP_SPLIT(2)
        FINSAM_SWEEP_SPLIT(3)
        FINSAM_SWEEP_SPLIT(4)
        FINSAM_SWEEP_SPLIT(5)
        FINSAM_SWEEP_SPLIT(6)
        FINSAM_SWEEP_SPLIT(7)
        FINSAM_SWEEP_SPLIT(8)
        default: break;
    }
#undef FINSAM_SWEEP_SPLIT
}
#else
bool cpu_has_avx2() { return false; }
#endif

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
    std::vector<i64> adjustment;         // [y·nm + k]
    i64 opening = 0;
};

std::optional<i64> to_i64(const BigInt& v) {
    if (v > std::numeric_limits<i64>::max() || v < -std::numeric_limits<i64>::max()) return std::nullopt;
    return static_cast<i64>(v);
}

/// Weights of rationals (integer_weights, gcd-reduced), or nullopt beyond int64.
std::optional<Weights> rational_weights(const std::vector<Rational>& ws) {
    const std::vector<BigInt> iw = detail::integer_weights(ws);
    BigInt g = 0;
    for (const auto& v : iw) g = boost::multiprecision::gcd(g, v);
    std::vector<i64> out;
    for (const auto& v : iw) {
        auto x = to_i64(g == 0 ? v : BigInt(v / g));
        if (!x) return std::nullopt;
        out.push_back(*x);
    }
    return make_weights(out);
}

void compile_step(Compiled& c, StepOp& op, const ChangeRule& rule, const Intervention& iv, std::size_t nm) {
    const BigInt vn = boost::multiprecision::numerator(rule.volume);
    const BigInt vd = boost::multiprecision::denominator(rule.volume);
    const BigInt delta = rule.delta.ore();
    BigInt a0, C, D;
    std::vector<std::pair<std::size_t, BigInt>> owners;
    if (rule.uprate == ChangeRule::Uprate::owner) {
        // 1 + rate/100 = (10000·W + Σ w_k·bp_k) / (10000·W), rate the weighted mean in percent
        std::vector<Rational> ws;
        std::vector<std::size_t> who;
        for (std::size_t k = 0; k < nm; ++k)
            if (iv.owner_weights[k] != 0) {
                ws.push_back(iv.owner_weights[k]);
                who.push_back(k);
            }
        const std::vector<BigInt> iw = detail::integer_weights(ws);
        BigInt W = 0;
        for (const auto& v : iw) W += v;
        a0 = vn * 10000 * W;
        for (std::size_t j = 0; j < who.size(); ++j) owners.emplace_back(who[j], vn * iw[j]);
        C = delta * vd * 10000 * W;
        D = vd * 10000 * W * c.u_amt;
    } else if (rule.uprate == ChangeRule::Uprate::percent) {
        const BigInt pn = boost::multiprecision::numerator(rule.uprate_percent);
        const BigInt pd = boost::multiprecision::denominator(rule.uprate_percent);
        a0 = vn * (100 * pd + pn);
        C = delta * vd * 100 * pd;
        D = vd * 100 * pd * c.u_amt;
    } else {
        a0 = vn;
        C = delta * vd;
        D = vd * c.u_amt;
    }
    BigInt g = boost::multiprecision::gcd(boost::multiprecision::gcd(a0, C), D);
    for (const auto& o : owners) g = boost::multiprecision::gcd(g, o.second);
    const auto a0i = to_i64(a0 / g), ci = to_i64(C / g), di = to_i64(D / g);
    bool ok = a0i && ci && di && *di >= 1 && *di <= (i64{1} << 62);
    BigInt bound = ok ? boost::multiprecision::abs(BigInt(*a0i)) : BigInt(0);
    for (const auto& [k, a] : owners) {
        const auto ai = to_i64(a / g);
        ok = ok && ai;
        if (ai) {
            op.owners.emplace_back(k, *ai);
            bound += boost::multiprecision::abs(BigInt(*ai)) * kSmallRate;
        }
    }
    if (!ok) {
        c.kernel = false;
        return;
    }
    op.a0 = *a0i;
    op.c = *ci;
    op.d = static_cast<u64>(*di);
    op.m = reciprocal(op.d);
    op.inv = 1.0 / static_cast<double>(op.d);
    op.simd = bound < (BigInt(1) << 31) && (op.c < 0 ? -op.c : op.c) < (i64{1} << 51) && op.d < (u64{1} << 31);
}

Compiled compile(const Plan& plan, const Result& r0) {
    Compiled c;
    c.nm = plan.members.size();
    c.ny = static_cast<std::size_t>(plan.year_count());
    c.ni = plan.interventions.size();
    c.mode = plan.rounding.mode;
    c.u_amt = static_cast<u64>(ore_per(plan.rounding.amounts));
    c.u_alloc = static_cast<u64>(ore_per(plan.rounding.allocation));
    c.opening = plan.equity.opening.ore();
    c.steps.assign(c.ni * c.ny, StepOp{});
    for (std::size_t i = 0; i < c.ni; ++i) {
        const Intervention& iv = plan.interventions[i];
        const InterventionResult& ir = r0.interventions[i];
        for (std::size_t si = 0; si < ir.steps.size(); ++si) {
            const AmountStep& st = ir.steps[si];
            if (st.year < plan.first_year) continue;
            const std::size_t y = static_cast<std::size_t>(st.year - plan.first_year);
            StepOp& op = c.steps[i * c.ny + y];
            switch (st.source) {
                case AmountStep::Source::inactive: op.kind = StepOp::Kind::zero; break;
                case AmountStep::Source::known:
                case AmountStep::Source::items:
                    op.kind = StepOp::Kind::known;
                    op.known = st.amount.ore();
                    break;
                case AmountStep::Source::computed:
                    op.kind = StepOp::Kind::computed;
                    compile_step(c, op, iv.change.at(st.year)->value, iv, c.nm);
                    if (y == 0) op.prev = si > 0 ? ir.steps[si - 1].amount.ore() : 0;
                    break;
            }
        }
        // frame part: round(amount · frame_part / (100 · u_alloc)), frame_part in 0..100
        const BigInt fpn = boost::multiprecision::numerator(ir.frame_part);
        const BigInt fpd = boost::multiprecision::denominator(ir.frame_part) * 100 * c.u_alloc;
        const BigInt g = boost::multiprecision::gcd(fpn, fpd);
        FrameOp f;
        const auto fn = to_i64(fpn / g), fd = to_i64(fpd / g);
        if (!fn || !fd || *fn < 0 || *fd > (i64{1} << 62)) {
            c.kernel = false;
        } else {
            f.fn = *fn;
            f.fd = static_cast<u64>(*fd);
            f.fm = reciprocal(f.fd);
            f.inv = 1.0 / static_cast<double>(f.fd);
            f.simd = f.fn < (i64{1} << 20) && f.fd < (u64{1} << 31);
        }
        c.frame_ops.push_back(f);
        std::optional<Weights> key;
        if (iv.key) {
            key = rational_weights(*iv.key);
            if (!key) c.kernel = false;
        }
        c.keys.push_back(key ? *key : make_weights(std::vector<i64>(c.nm, 0)));
    }
    c.cover.assign(c.ny, 0);
    c.frame.resize(c.ny);
    c.contributions.assign(c.ny, 0);
    c.shares.resize(c.ny);
    c.shares_zero.assign(c.ny, 0);
    c.use.assign(c.ny, 0);
    c.adjustment.assign(c.ny * c.nm, 0);
    for (std::size_t y = 0; y < c.ny; ++y) {
        for (std::size_t k = 0; k < c.nm; ++k) c.adjustment[y * c.nm + k] = r0.members[k].adjustment[y].ore();
        if (r0.frame_kinds[y] == "cover_costs") {
            c.cover[y] = 1;
            c.use[y] = r0.totals[y].equity_use.ore();
            std::vector<Rational> sh;
            Rational total = 0;
            for (std::size_t k = 0; k < c.nm; ++k) {
                sh.push_back(r0.members[k].stated_share[y].value_or(Rational(0)));
                total += sh.back();
            }
            c.shares_zero[y] = total == 0;
            std::optional<Weights> w = total == 0 ? make_weights(std::vector<i64>(c.nm, 0)) : rational_weights(sh);
            if (!w) c.kernel = false;
            c.shares[y] = w ? *w : make_weights(std::vector<i64>(c.nm, 0));
        } else {
            std::vector<i64> fc;
            for (std::size_t k = 0; k < c.nm; ++k) fc.push_back(r0.members[k].final_contribution[y].ore());
            c.frame[y] = make_weights(fc);
            c.contributions[y] = r0.totals[y].contributions.ore();
        }
    }
    return c;
}

// ---- one thread's work: blocks of scenarios --------------------------------------------------

struct Output {
    i64* cost_share;
    i64* costs;
};

class Worker {
public:
    Worker(const Compiled& c, const i64* rates, Output out, bool simd) : c_(c), rates_(rates), out_(out), simd_(simd) {
        rt_.assign(c.ny * c.nm * kBlock, 0);
        prev_.assign(c.ni * kBlock, 0);
        amt_.assign(c.ni * kBlock, 0);
        acc_.assign(c.nm * kBlock, 0);
        for (auto* v : {&fu_, &cu_, &cr_, &costs_, &abs_, &equity_, &contrib_}) v->assign(kBlock, 0);
        fin_.assign(c.nm * kBlock, 0);
        fail_.assign(kBlock, 0);
        q_.assign(c.nm, 0);
        r_.assign(c.nm, 0);
        lane_w_.resize(c.nm);
    }

    /// Compute scenarios [s0, s0 + count), count ≤ kBlock; append those that need evaluate().
    void block(std::size_t s0, std::size_t count, std::vector<std::size_t>& fallback) {
        switch (c_.mode) {
            case RoundingMode::half_up: run<RoundingMode::half_up>(s0, count); break;
            case RoundingMode::half_even: run<RoundingMode::half_even>(s0, count); break;
            case RoundingMode::toward_zero: run<RoundingMode::toward_zero>(s0, count); break;
        }
        for (std::size_t l = 0; l < count; ++l)
            if (fail_[l]) fallback.push_back(s0 + l);
    }

private:
    const Compiled& c_;
    const i64* rates_;
    Output out_;
    bool simd_;
    bool small_rates_ = false;  // every rate of the block is below kSmallRate in magnitude
    std::vector<i64> rt_, prev_, amt_, acc_, fu_, cu_, cr_, costs_, abs_, equity_, contrib_, fin_;
    std::vector<unsigned char> fail_;
    std::vector<u64> q_, r_;
    LaneWeights lane_w_;
    bool lane_all_valid_ = false;
    std::size_t lanes_ = 0;  // count rounded up to a multiple of kStep

    template <RoundingMode MODE>
    void run(std::size_t s0, std::size_t count) {
        const std::size_t nm = c_.nm, ny = c_.ny;
        lanes_ = (count + kStep - 1) / kStep * kStep;
        std::fill(fail_.begin(), fail_.end(), 0);
        // rates, transposed to [y][m][lane]; padding lanes repeat the last scenario
        bool small = true;
        for (std::size_t l = 0; l < lanes_; ++l) {
            const i64* src = rates_ + (s0 + std::min(l, count - 1)) * nm * ny;
            for (std::size_t m = 0; m < nm; ++m)
                for (std::size_t y = 0; y < ny; ++y) {
                    const i64 v = src[m * ny + y];
                    rt_[(y * nm + m) * kBlock + l] = v;
                    small = small && v > -kSmallRate && v < kSmallRate;
                }
        }
        small_rates_ = small;
        std::fill(equity_.begin(), equity_.end(), c_.opening);
        for (std::size_t y = 0; y < ny; ++y) {
            // 1. amounts, and the year's costs
#if FINSAM_SWEEP_X86
            if (simd_) amounts_avx2<MODE>(y);
            else amounts<MODE>(y);
#else
            amounts<MODE>(y);
#endif
            // 2. the final contributions: fixed, or (cover_costs) costs − use split by the shares
            const Weights* frame_w = nullptr;
            if (c_.cover[y]) {
                cover_contributions(y);
            } else {
                frame_w = &c_.frame[y];
                std::fill(contrib_.begin(), contrib_.end(), c_.contributions[y]);
            }
            // 3. allocations
            std::fill(acc_.begin(), acc_.end(), 0);
            allocations<MODE>(frame_w);
            // 4. the result and the equity must stay in range (evaluate() checks them)
            for (std::size_t l = 0; l < lanes_; ++l) {
                i64 result;
                bool bad = __builtin_sub_overflow(contrib_[l], costs_[l], &result);
                bad |= __builtin_add_overflow(equity_[l], result, &equity_[l]);
                bad |= equity_[l] == std::numeric_limits<i64>::min();
                fail_[l] |= bad;
                if (bad) equity_[l] = 0;
            }
            write(s0, count, y);
        }
    }

    /// Amounts of year y for every lane, the year's costs, and the bound on Σ|amounts|.
    template <RoundingMode MODE>
    void amounts(std::size_t y) {
        const std::size_t nm = c_.nm, ny = c_.ny;
        std::fill(costs_.begin(), costs_.end(), 0);
        std::fill(abs_.begin(), abs_.end(), 0);
        for (std::size_t i = 0; i < c_.ni; ++i) {
            const StepOp& op = c_.steps[i * ny + y];
            i64* a = amt_.data() + i * kBlock;
            i64* p = prev_.data() + i * kBlock;
            switch (op.kind) {
                case StepOp::Kind::zero: std::fill(a, a + lanes_, 0); break;
                case StepOp::Kind::known: std::fill(a, a + lanes_, op.known); break;
                case StepOp::Kind::computed:
                    if (y == 0) std::fill(p, p + lanes_, op.prev);
                    computed<MODE>(op, p, a, rt_.data() + y * nm * kBlock, 0, lanes_);
                    break;
            }
            for (std::size_t l = 0; l < lanes_; ++l) {
                const i64 v = a[l];
                const bool out = v > kAmountLimit || v < -kAmountLimit;
                const i64 ok = out ? 0 : v;
                a[l] = ok;
                abs_[l] += ok < 0 ? -ok : ok;  // both terms ≤ 2^60 (abs_ is clamped): no overflow
                const bool over = out || abs_[l] > kAmountLimit;
                fail_[l] |= over;
                abs_[l] = over ? 0 : abs_[l];
                // |costs| ≤ Σ|amounts| ≤ 2^60 while the lane is good; a failed lane may wrap (unsigned)
                costs_[l] = static_cast<i64>(static_cast<u64>(costs_[l]) + static_cast<u64>(ok));
            }
            std::copy(a, a + lanes_, p);
        }
    }

    void write(std::size_t s0, std::size_t count, std::size_t y) {
        const std::size_t nm = c_.nm, ny = c_.ny;
        for (std::size_t l = 0; l < count; ++l) {
            i64* cs = out_.cost_share + ((s0 + l) * ny + y) * nm;
            for (std::size_t k = 0; k < nm; ++k) cs[k] = acc_[k * kBlock + l];
            out_.costs[(s0 + l) * ny + y] = costs_[l];
        }
    }

    /// Computed amounts of lanes [l0, l1): round((prev·A + c) / d) · u_amt, every step checked.
    template <RoundingMode MODE>
    void computed(const StepOp& op, const i64* prev, i64* out, const i64* rt, std::size_t l0, std::size_t l1) {
        for (std::size_t l = l0; l < l1; ++l) {
            bool bad = false;
            i64 A = op.a0;
            for (const auto& [k, a] : op.owners) {
                i64 t;
                bad |= __builtin_mul_overflow(a, rt[k * kBlock + l], &t);
                bad |= __builtin_add_overflow(A, t, &A);
            }
            i64 N;
            bad |= __builtin_mul_overflow(prev[l], A, &N);
            bad |= __builtin_add_overflow(N, op.c, &N);
            const i64 q = round_div<MODE>(N, op.d, op.m, bad);
            i64 v;
            bad |= __builtin_mul_overflow(q, static_cast<i64>(c_.u_amt), &v);
            fail_[l] |= bad;
            out[l] = bad ? 0 : v;
        }
    }

    void cover_contributions(std::size_t y) {
        const std::size_t nm = c_.nm;
        const Weights& sh = c_.shares[y];
        std::fill(fin_.begin(), fin_.end(), 0);
        lane_all_valid_ = true;
        for (std::size_t l = 0; l < lanes_; ++l) {
            i64 total;
            bool bad = __builtin_sub_overflow(costs_[l], c_.use[y], &total);
            bad |= total == std::numeric_limits<i64>::min();
            if (!bad && total != 0 && (c_.shares_zero[y] || !sh.valid)) bad = true;  // evaluate(): cannot be split
            if (bad) total = 0;
            const i64 u = static_cast<i64>(c_.u_alloc);
            split_scalar(total / u, total % u, sh.w.data(), sh.m64.data(), 1, sh.W, nm, c_.u_alloc, fin_.data() + l, q_.data(),
                         r_.data());
            i64 sum = 0;
            for (std::size_t k = 0; k < nm; ++k) {
                i64& f = fin_[k * kBlock + l];
                bad |= __builtin_add_overflow(f, c_.adjustment[y * nm + k], &f);
                bad |= __builtin_add_overflow(sum, f, &sum);
            }
            bad |= sum == std::numeric_limits<i64>::min();
            if (bad) {
                for (std::size_t k = 0; k < nm; ++k) fin_[k * kBlock + l] = 0;
                sum = 0;
            }
            contrib_[l] = sum;
            bad |= !lane_w_.set(l, fin_.data() + l);
            fail_[l] |= bad;
            lane_all_valid_ = lane_all_valid_ && lane_w_.valid[l];
        }
    }

    template <RoundingMode MODE>
    void allocations(const Weights* frame_w) {
#if FINSAM_SWEEP_X86
        if (simd_ && c_.nm <= kSimdMembers) {
            if (c_.u_alloc == 1) allocations_avx2<MODE, 1>(frame_w);
            else allocations_avx2<MODE, 100>(frame_w);
            return;
        }
#endif
        for (std::size_t i = 0; i < c_.ni; ++i) {
            if (c_.u_alloc == 1) parts<MODE, 1>(i, frame_w, 0, lanes_);
            else parts<MODE, 100>(i, frame_w, 0, lanes_);
        }
    }

    /// Frame and case parts of intervention i for lanes [l0, l1), split and added to acc_.
    template <RoundingMode MODE, u64 UNIT>
    void parts(std::size_t i, const Weights* frame_w, std::size_t l0, std::size_t l1) {
        const std::size_t n = c_.nm;
        const i64* a = amt_.data() + i * kBlock;
        const FrameOp& f = c_.frame_ops[i];
        const Weights& key = c_.keys[i];
        for (std::size_t l = l0; l < l1; ++l) {
            bool bad = false;
            i64 N;
            bad |= __builtin_mul_overflow(a[l], f.fn, &N);
            const i64 fu = round_div<MODE>(N, f.fd, f.fm, bad);
            // |frame| ≤ |amount| + UNIT ≤ 2^60 + 100 and |case| ≤ 2·2^60 + 100: no overflow
            const i64 frame = bad ? 0 : fu * static_cast<i64>(UNIT);
            const i64 cs = a[l] - frame;
            if (frame != 0 && !(frame_w ? frame_w->valid : lane_w_.valid[l] != 0)) bad = true;  // negative or zero final frame
            if (cs != 0 && !key.valid) bad = true;                                                // no key, or all weights 0
            if (bad) {
                fail_[l] = 1;
                continue;
            }
            if (frame_w)
                split_scalar(fu, 0, frame_w->w.data(), frame_w->m64.data(), 1, frame_w->W, n, UNIT, acc_.data() + l, q_.data(),
                             r_.data());
            else
                split_scalar(fu, 0, lane_w_.w.data() + l, lane_w_.m64.data() + l, kBlock, static_cast<u64>(lane_w_.W[l]), n, UNIT,
                             acc_.data() + l, q_.data(), r_.data());
            split_scalar(cs / static_cast<i64>(UNIT), cs % static_cast<i64>(UNIT), key.w.data(), key.m64.data(), 1, key.W, n, UNIT,
                         acc_.data() + l, q_.data(), r_.data());
        }
    }

#if FINSAM_SWEEP_X86
    /// Amounts of year y, kStep lanes at a time, with the costs and the bound on Σ|amounts|;
    /// computed amounts beyond the kernel's bounds go to computed().
    template <RoundingMode MODE>
    FINSAM_AVX2 void amounts_avx2(std::size_t y) {
        const std::size_t nm = c_.nm, ny = c_.ny;
        const i64* rt = rt_.data() + y * nm * kBlock;
        const V limit = vset(kAmountLimit);
        for (std::size_t l = 0; l < lanes_; l += kStep) {
            V costs[kGroups], sum[kGroups], over[kGroups];
            for (std::size_t g = 0; g < kGroups; ++g) costs[g] = sum[g] = over[g] = vzero();
            for (std::size_t i = 0; i < c_.ni; ++i) {
                const StepOp& op = c_.steps[i * ny + y];
                i64* pa = amt_.data() + i * kBlock;
                i64* pp = prev_.data() + i * kBlock;
                V a[kGroups];
                for (std::size_t g = 0; g < kGroups; ++g) a[g] = op.kind == StepOp::Kind::known ? vset(op.known) : vzero();
                if (op.kind == StepOp::Kind::computed) {
                    V P[kGroups];
                    for (std::size_t g = 0; g < kGroups; ++g) P[g] = y == 0 ? vset(op.prev) : vload(pp + l + 4 * g);
                    if (!(op.simd && small_rates_ && computed_group<MODE>(op, P, rt + l, a))) {
                        for (std::size_t g = 0; g < kGroups; ++g) vstore(pp + l + 4 * g, P[g]);
                        computed<MODE>(op, pp, pa, rt, l, l + kStep);
                        for (std::size_t g = 0; g < kGroups; ++g) a[g] = vload(pa + l + 4 * g);
                    }
                }
                for (std::size_t g = 0; g < kGroups; ++g) {
                    V neg;
                    V m = vabs(a[g], neg);
                    const V out = _mm256_cmpgt_epi64(m, limit);
                    if (!_mm256_testz_si256(out, out)) {
                        mark(out, l + 4 * g);
                        a[g] = _mm256_andnot_si256(out, a[g]);
                        m = _mm256_andnot_si256(out, m);
                    }
                    vstore(pa + l + 4 * g, a[g]);
                    vstore(pp + l + 4 * g, a[g]);
                    sum[g] = _mm256_add_epi64(sum[g], m);  // both ≤ 2^60: no overflow
                    const V big = _mm256_cmpgt_epi64(sum[g], limit);
                    over[g] = _mm256_or_si256(over[g], big);
                    sum[g] = _mm256_andnot_si256(big, sum[g]);
                    costs[g] = _mm256_add_epi64(costs[g], a[g]);  // wraps only in a lane that has failed
                }
            }
            for (std::size_t g = 0; g < kGroups; ++g) {
                if (!_mm256_testz_si256(over[g], over[g])) mark(over[g], l + 4 * g);
                vstore(costs_.data() + l + 4 * g, costs[g]);
            }
        }
    }

    /// kStep lanes' computed amounts round((P·A + c) / d) · u_amt; false beyond the kernel's bounds.
    template <RoundingMode MODE>
    FINSAM_AVX2_INLINE bool computed_group(const StepOp& op, const V* P, const i64* rt, V* amount) {
        V sp[kGroups], X[kGroups], neg[kGroups], q[kGroups];
        V big = vzero();
        for (std::size_t g = 0; g < kGroups; ++g) big = _mm256_or_si256(big, vabs(P[g], sp[g]));
        if (!vbelow(big, i64{1} << 31)) return false;
        for (std::size_t g = 0; g < kGroups; ++g) {
            V A = vset(op.a0);  // |A| < 2^31: op.simd and small rates
            for (const auto& [k, a] : op.owners)
                A = _mm256_add_epi64(A, _mm256_mul_epi32(vset(a), vload(rt + k * kBlock + 4 * g)));
            X[g] = vabs(_mm256_add_epi64(_mm256_mul_epi32(P[g], A), vset(op.c)), neg[g]);  // |P·A| < 2^62, |c| < 2^51
        }
        big = vzero();
        for (std::size_t g = 0; g < kGroups; ++g) big = _mm256_or_si256(big, X[g]);
        if (!vbelow(big, i64{1} << 51)) return false;
        const V d = vset(static_cast<i64>(op.d)), dm1 = vset(static_cast<i64>(op.d) - 1);
        const D inv = _mm256_set1_pd(op.inv);
        big = vzero();
        for (std::size_t g = 0; g < kGroups; ++g) {
            q[g] = vround_div<MODE>(X[g], d, dm1, inv);
            big = _mm256_or_si256(big, q[g]);
        }
        if (!vbelow(big, i64{1} << 31)) return false;
        for (std::size_t g = 0; g < kGroups; ++g) amount[g] = vsign(_mm256_mul_epu32(q[g], vset(static_cast<i64>(c_.u_amt))), neg[g]);
        return true;
    }

    /// Allocations of the year, kStep lanes at a time: frame step, then both splits.
    template <RoundingMode MODE, u64 UNIT>
    FINSAM_AVX2 void allocations_avx2(const Weights* frame_w) {
        const WeightsView fw = frame_w ? frame_w->view() : lane_w_.view(lane_all_valid_);
        i64* acc = acc_.data();
        for (std::size_t i = 0; i < c_.ni; ++i) {
            const FrameOp& f = c_.frame_ops[i];
            const Weights& key = c_.keys[i];
            const WeightsView kw = key.view();
            const bool simd = f.simd && fw.simd && kw.simd;
            const V fn = vset(f.fn), fd = vset(static_cast<i64>(f.fd)), fdm1 = vset(static_cast<i64>(f.fd) - 1);
            const D finv = _mm256_set1_pd(f.inv);
            const i64* amt = amt_.data() + i * kBlock;
            for (std::size_t l = 0; l < lanes_; l += kStep) {
                V a[kGroups], A[kGroups], neg_a[kGroups];
                V any = vzero();
                for (std::size_t g = 0; g < kGroups; ++g) {
                    a[g] = vload(amt + l + 4 * g);
                    A[g] = vabs(a[g], neg_a[g]);
                    any = _mm256_or_si256(any, A[g]);
                }
                if (_mm256_testz_si256(any, any)) continue;
                if (!simd || !vbelow(any, i64{1} << 30)) {  // |a| < 2^30 in every lane, or the scalar split
                    parts<MODE, UNIT>(i, frame_w, l, l + kStep);
                    continue;
                }
                // frame units q = round(|a|·fn / fd) ≤ |a| + 1 < 2^31 (fn/fd ≤ 1/UNIT); |a − frame| < 2^32
                V q[kGroups], C[kGroups], neg_c[kGroups], CU[kGroups], CR[kGroups];
                for (std::size_t g = 0; g < kGroups; ++g)
                    q[g] = vround_div<MODE>(f.fn == 1 ? A[g] : _mm256_mul_epu32(A[g], fn), fd, fdm1, finv);
                if (!fw.all_valid)  // a frame part ≠ 0 with a negative or zero final frame: evaluate()
                    for (std::size_t g = 0; g < kGroups; ++g) {
                        const V bad = _mm256_andnot_si256(_mm256_cmpeq_epi64(q[g], vzero()),
                                                          _mm256_cmpeq_epi64(vload(fw.valid + (l + 4 * g) * fw.ls), vzero()));
                        if (!_mm256_testz_si256(bad, bad)) {
                            mark(bad, l + 4 * g);
                            q[g] = _mm256_andnot_si256(bad, q[g]);
                        }
                    }
                for (std::size_t g = 0; g < kGroups; ++g) {
                    const V frame = vsign(UNIT == 1 ? q[g] : _mm256_mul_epu32(q[g], vset(static_cast<i64>(UNIT))), neg_a[g]);
                    C[g] = vabs(_mm256_sub_epi64(a[g], frame), neg_c[g]);
                    if (!key.valid && !_mm256_testz_si256(C[g], C[g])) {  // a case part ≠ 0 without a key: evaluate()
                        mark(_mm256_xor_si256(_mm256_cmpeq_epi64(C[g], vzero()), vset(-1)), l + 4 * g);
                        C[g] = vzero();
                    }
                    CU[g] = C[g];
                    CR[g] = vzero();
                    if constexpr (UNIT == 100) {  // ⌊C/100⌋ = ⌊C·2748779070 / 2^38⌋ for C < 2^32
                        CU[g] = _mm256_srli_epi64(_mm256_mul_epu32(C[g], vset(2748779070)), 38);
                        CR[g] = _mm256_sub_epi64(C[g], _mm256_mul_epu32(CU[g], vset(100)));
                    }
                }
                V none[kGroups];
                for (std::size_t g = 0; g < kGroups; ++g) none[g] = vzero();
                vsplit_step<UNIT, false>(q, none, neg_a, fw, l, acc);
                vsplit_step<UNIT, UNIT != 1>(CU, CR, neg_c, kw, l, acc);
            }
        }
    }

    FINSAM_AVX2 void mark(V bad, std::size_t l) {
        alignas(32) i64 m[4];
        _mm256_store_si256(reinterpret_cast<V*>(m), bad);
        for (std::size_t j = 0; j < 4; ++j)
            if (m[j]) fail_[l + j] = 1;
    }
#endif
};

}  // namespace

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
            entries.push_back({year, Rational(rates_bp[m * ny + y], 100), path + "/" + std::to_string(year)});
        }
        p.uprating[m] = Dated<Rational>::by_year(std::move(entries), path);
    }
    return p;
}

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
                Worker w(c, rates_bp.data(), Output{cost_share.data(), costs.data()}, stats.simd);
                for (std::size_t s = begin; s < end; s += kBlock) w.block(s, std::min(kBlock, end - s), fallback);
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

SweepStats sweep_into(const Plan& plan, std::span<const std::int64_t> rates_bp, std::size_t scenarios,
                      std::span<std::int64_t> cost_share, std::span<std::int64_t> costs, const SweepOptions& options) {
    check_shapes(plan, rates_bp.size(), scenarios, cost_share.size(), costs.size());
    if (scenarios == 0) return {};
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
    std::optional<Compiled> compiled;
};

Sweep::Sweep(const Plan& plan) {
    auto impl = std::make_unique<Impl>();
    impl->plan = plan;
    // Everything compile() takes from an evaluation is independent of the rates, and every
    // problem that depends on them is caught per scenario by the kernel: any rates will do.
    const std::vector<std::int64_t> zeros(plan.members.size() * static_cast<std::size_t>(plan.year_count()), 0);
    try {
        impl->compiled = compile(impl->plan, evaluate(with_uprating(impl->plan, zeros)));
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
    return run_compiled(impl_->plan, *impl_->compiled, nullptr, rates_bp, scenarios, cost_share, costs, options);
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
