// Sweeps: many uprating scenarios of one plan (see include/finsam/sweep.hpp).
//
// Design notes. The plan is evaluated once for scenario 0 (evaluate(), the reference); what
// does not depend on the rates is compiled from that evaluation into integer operations:
//   amount(Y)    = round((prev·A + C) / D) · u_amt   with A = a0 + Σ a_k·bp_k (owner rates),
//   frame units  = round(amount·fn / fd)               (fn/fd = frame_part / (100·u_alloc)),
//   case         = amount − frame units·u_alloc,
//   each split by largest remainder over int64 weights reduced by their gcd.
// Scenarios are processed in blocks of kBlock lanes laid out structure-of-arrays. Every
// integer step is checked (__builtin_*_overflow) or bounded: a lane whose amounts leave
// ±kAmountLimit, whose products overflow, or that evaluate() would reject (a frame part to split
// by negative final contributions, a case part without a key, …) is marked and recomputed by
// evaluate() on with_uprating(plan, its rates) — exact by construction, and the source of the
// error message when there is an error. Nothing ever wraps unnoticed.
//
// Exact division by a runtime constant d (1 ≤ d < 2^63) uses m = ⌊2^64/d⌋ (2^64 − 1 for d = 1):
// for a < 2^64, a·m/2^64 ∈ (a/d − 1, a/d], so q̂ = ⌊a·m/2^64⌋ ∈ {⌊a/d⌋ − 1, ⌊a/d⌋}; the
// remainder a − q̂·d ∈ [0, 2d) is exact in wrapping u64 arithmetic and one compare corrects q̂.
// Largest remainder uses the same idea per member with m_k = ⌊2^64·w_k/W⌋ (clamped), so
// q̂_k ∈ {⌊U·w_k/W⌋ − 1, ⌊U·w_k/W⌋} and r_k = U·w_k − q̂_k·W ∈ [0, 2W) is exact mod 2^64.
// The AVX2 kernel (four scenarios per instruction) needs U < 2^32 units and uses only the top
// 32 bits m_k >> 32 = ⌊2^32·w_k/W⌋: U·(2^64·w_k/W − (m_k >> 32)·2^32)/2^64 < U·2^32/2^64 < 1,
// so the same one-step correction holds with 32×32→64-bit multiplies (vpmuludq). Members are
// ranked by the key (r_k << b) + (n − 1 − k) (b bits hold the index, so ties go to the member
// listed first; W < 2^(62−b) keeps keys exact); zero weights get key −2^62 and rank last. A
// member gets one extra unit when its rank < L (the units left over, L < #positive weights)
// and the sub-unit rest (spec 12.8) when its rank = L.
#include "finsam/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <limits>
#include <mutex>
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
#else
#define FINSAM_SWEEP_X86 0
#endif

namespace finsam {
namespace {

using i64 = std::int64_t;
using u64 = std::uint64_t;
__extension__ typedef unsigned __int128 u128;

constexpr std::size_t kBlock = 64;              // scenarios per block (a multiple of 4)
constexpr i64 kAmountLimit = i64{1} << 60;       // |amount| and Σ|amounts| of a year, in öre
constexpr std::size_t kSimdMembers = 16;         // the AVX2 kernel keeps ≤ 16 members in registers
constexpr i64 kZeroWeightKey = -(i64{1} << 62);  // rank key of a zero weight: below every other

// ---- exact integer division by a precomputed reciprocal ------------------------------------

/// ⌊2^64 / d⌋ for d ≥ 2; 2^64 − 1 for d = 1 (see the design notes).
u64 reciprocal(u64 d) { return d <= 1 ? ~u64{0} : static_cast<u64>((u128{1} << 64) / d); }

/// q = ⌊a / d⌋ and r = a − q·d for a < 2^64, 1 ≤ d < 2^63, m = reciprocal(d).
inline u64 divmod(u64 a, u64 d, u64 m, u64& r) {
    u64 q = static_cast<u64>((static_cast<u128>(a) * m) >> 64);
    r = a - q * d;
    if (r >= d) {
        ++q;
        r -= d;
    }
    return q;
}

/// n / d rounded to an integer with MODE (d > 0); `bad` is set when the result is beyond int64.
template <RoundingMode MODE>
inline i64 round_div(i64 n, u64 d, u64 m, bool& bad) {
    const bool neg = n < 0;
    const u64 a = neg ? u64{0} - static_cast<u64>(n) : static_cast<u64>(n);
    u64 r;
    u64 q = divmod(a, d, m, r);
    if constexpr (MODE == RoundingMode::half_up) q += (r >= d - r) ? 1 : 0;  // 2r ≥ d, halves away from 0
    if constexpr (MODE == RoundingMode::half_even) q += (r > d - r || (r == d - r && (q & 1))) ? 1 : 0;
    bad |= q > static_cast<u64>(std::numeric_limits<i64>::max());
    return static_cast<i64>(neg ? u64{0} - q : q);
}

// ---- weights prepared for largest remainder ---------------------------------------------

/// One set of non-negative int64 weights (reduced by their gcd), with the kernels' constants.
struct Weights {
    bool valid = false;     // Σw > 0 and no weight negative: an amount ≠ 0 can be split
    std::vector<u64> w;     // by member
    std::vector<u64> m64;   // ⌊2^64·w_k/W⌋, clamped to 2^64 − 1
    std::vector<i64> bias;  // rank key offset: n − 1 − k, or kZeroWeightKey
    u64 W = 1;
    bool simd = false;      // the AVX2 kernel's bounds hold (n ≤ 16, W < 2^(62−b))
    bool narrow = false;    // W < 2^32: one multiply for U·w_k and q·W
};

unsigned index_bits(std::size_t n) {
    unsigned b = 0;
    while ((std::size_t{1} << b) < n) ++b;
    return b;
}

u64 clamp_m64(u64 w, u64 W) {
    if (w >= W) return ~u64{0};
    return static_cast<u64>((static_cast<u128>(w) << 64) / W);
}

/// Weights from int64 values; invalid (all-zero stand-ins) when some is negative or all are 0.
Weights make_weights(const std::vector<i64>& values) {
    Weights wt;
    const std::size_t n = values.size();
    wt.w.assign(n, 0);
    wt.m64.assign(n, 0);
    wt.bias.assign(n, kZeroWeightKey);
    u64 g = 0;
    bool negative = false;
    for (i64 v : values) {
        if (v < 0) negative = true;
        else g = std::gcd(g, static_cast<u64>(v));
    }
    u64 W = 0;
    bool over = false;
    if (!negative && g != 0)
        for (std::size_t k = 0; k < n; ++k) {
            wt.w[k] = static_cast<u64>(values[k]) / g;
            over |= __builtin_add_overflow(W, wt.w[k], &W);
        }
    if (negative || g == 0 || over || W >= (u64{1} << 63)) {
        // Stand-ins that split 0 into zeros; a lane with an amount ≠ 0 is sent to evaluate().
        wt.w.assign(n, 0);
        if (n) wt.w[0] = 1;
        wt.W = 1;
        if (n) wt.m64[0] = ~u64{0};
        if (n) wt.bias[0] = static_cast<i64>(n) - 1;
        wt.valid = false;
        wt.simd = n <= kSimdMembers;
        wt.narrow = true;
        return wt;
    }
    wt.valid = true;
    wt.W = W;
    for (std::size_t k = 0; k < n; ++k) {
        wt.m64[k] = clamp_m64(wt.w[k], W);
        wt.bias[k] = wt.w[k] ? static_cast<i64>(n - 1 - k) : kZeroWeightKey;
    }
    wt.simd = n <= kSimdMembers && W < (u64{1} << (62 - index_bits(n)));
    wt.narrow = W < (u64{1} << 32);
    return wt;
}

/// Per-lane weights (the final contributions of a cover_costs year), [k·kBlock + lane].
struct LaneWeights {
    std::vector<u64> w, m64, m32, W;
    std::vector<i64> bias;
    std::vector<unsigned char> valid, simd;
    void resize(std::size_t n) {
        w.assign(n * kBlock, 0);
        m64.assign(n * kBlock, 0);
        m32.assign(n * kBlock, 0);
        bias.assign(n * kBlock, 0);
        W.assign(kBlock, 1);
        valid.assign(kBlock, 0);
        simd.assign(kBlock, 0);
    }
    /// Set lane `l` from int64 values (not reduced: the kernels need no gcd).
    void set(std::size_t l, const i64* values, std::size_t n) {
        u64 Wsum = 0;
        bool bad = false;
        for (std::size_t k = 0; k < n; ++k) {
            bad |= values[k * kBlock] < 0;
            bad |= __builtin_add_overflow(Wsum, static_cast<u64>(values[k * kBlock]), &Wsum);
        }
        bad |= Wsum == 0 || Wsum >= (u64{1} << 63);
        valid[l] = !bad;
        if (bad) {  // stand-ins that split 0 into zeros
            for (std::size_t k = 0; k < n; ++k) {
                w[k * kBlock + l] = k == 0;
                m64[k * kBlock + l] = k == 0 ? ~u64{0} : 0;
                m32[k * kBlock + l] = m64[k * kBlock + l] >> 32;
                bias[k * kBlock + l] = k == 0 ? static_cast<i64>(n) - 1 : kZeroWeightKey;
            }
            W[l] = 1;
            simd[l] = n <= kSimdMembers;
            return;
        }
        W[l] = Wsum;
        for (std::size_t k = 0; k < n; ++k) {
            const u64 wk = static_cast<u64>(values[k * kBlock]);
            w[k * kBlock + l] = wk;
            m64[k * kBlock + l] = clamp_m64(wk, Wsum);
            m32[k * kBlock + l] = m64[k * kBlock + l] >> 32;
            bias[k * kBlock + l] = wk ? static_cast<i64>(n - 1 - k) : kZeroWeightKey;
        }
        simd[l] = n <= kSimdMembers && Wsum < (u64{1} << (62 - index_bits(n)));
    }
};

// ---- the scalar split (any |P| < 2^63; also the reference for the AVX2 kernel) -----------

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
        u64 e = static_cast<u64>((static_cast<u128>(U) * m64[k * stride]) >> 64);
        u64 rem = U * wk - e * W;  // exact: the true value is in [0, 2W)
        if (rem >= W) {
            ++e;
            rem -= W;
        }
        q[k] = e;
        r[k] = rem;
        Q += e;
    }
    const u64 L = U - Q;
    for (std::size_t k = 0; k < n; ++k) {
        if (w[k * stride] == 0) continue;
        u64 rank = 0;
        for (std::size_t j = 0; j < n; ++j)
            if (j != k && w[j * stride] != 0 && (r[j] > r[k] || (r[j] == r[k] && j < k))) ++rank;
        const u64 part = (q[k] + (rank < L ? 1 : 0)) * unit + (rank == L ? R : 0);
        acc[k * kBlock] += static_cast<i64>(neg ? u64{0} - part : part);
    }
}

// ---- the AVX2 kernel: four scenarios at once -----------------------------------------------

#if FINSAM_SWEEP_X86
bool cpu_has_avx2() { return __builtin_cpu_supports("avx2"); }

/// Split lanes [0, lanes) (a multiple of 4): P = U·UNIT + R; weights shared (PERLANE false)
/// or per lane. Groups beyond the kernel's bounds go through split_scalar.
template <u64 UNIT, bool REST, bool PERLANE, bool NARROW>
FINSAM_AVX2 void split_avx2(const i64* Us, const i64* Rs, std::size_t lanes, const Weights* cw, const LaneWeights* lw,
                            std::size_t n, unsigned bits, i64* acc, u64* q_scratch, u64* r_scratch) {
    const __m256i zero = _mm256_setzero_si256();
    const __m256i one = _mm256_set1_epi64x(1);
    const __m256i lo32 = _mm256_set1_epi64x(0xffffffffLL);
    const __m128i shift = _mm_cvtsi32_si128(static_cast<int>(bits));
    __m256i cw_lo[kSimdMembers], cw_hi[kSimdMembers], cm[kSimdMembers], cbias[kSimdMembers];
    __m256i cW = one, cW_lo = one, cW_hi = zero, cWm1 = zero;
    if constexpr (!PERLANE) {
        for (std::size_t k = 0; k < n; ++k) {
            cw_lo[k] = _mm256_set1_epi64x(static_cast<i64>(cw->w[k] & 0xffffffffu));
            cw_hi[k] = _mm256_set1_epi64x(static_cast<i64>(cw->w[k] >> 32));
            cm[k] = _mm256_set1_epi64x(static_cast<i64>(cw->m64[k] >> 32));
            cbias[k] = _mm256_set1_epi64x(cw->bias[k]);
        }
        cW = _mm256_set1_epi64x(static_cast<i64>(cw->W));
        cW_lo = _mm256_and_si256(cW, lo32);
        cW_hi = _mm256_srli_epi64(cW, 32);
        cWm1 = _mm256_sub_epi64(cW, one);
    }
    __m256i q[kSimdMembers], key[kSimdMembers], rank[kSimdMembers];
    for (std::size_t l = 0; l < lanes; l += 4) {
        __m256i U = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(Us + l));
        __m256i R = zero;
        if constexpr (REST) R = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(Rs + l));
        const __m256i neg = _mm256_cmpgt_epi64(zero, REST ? _mm256_or_si256(U, R) : U);
        U = _mm256_sub_epi64(_mm256_xor_si256(U, neg), neg);
        if constexpr (REST) R = _mm256_sub_epi64(_mm256_xor_si256(R, neg), neg);
        const __m256i any = REST ? _mm256_or_si256(U, R) : U;
        if (_mm256_testz_si256(any, any)) continue;  // all four amounts are 0
        bool fits = _mm256_testz_si256(_mm256_cmpgt_epi64(U, lo32), _mm256_cmpgt_epi64(U, lo32));
        if constexpr (PERLANE) fits = fits && lw->simd[l] && lw->simd[l + 1] && lw->simd[l + 2] && lw->simd[l + 3];
        if (!fits) {  // |U| ≥ 2^32 or wide weights: the scalar split, lane by lane
            for (std::size_t j = l; j < l + 4; ++j) {
                if constexpr (PERLANE)
                    split_scalar(Us[j], REST ? Rs[j] : 0, lw->w.data() + j, lw->m64.data() + j, kBlock, lw->W[j], n, UNIT,
                                 acc + j, q_scratch, r_scratch);
                else
                    split_scalar(Us[j], REST ? Rs[j] : 0, cw->w.data(), cw->m64.data(), 1, cw->W, n, UNIT, acc + j, q_scratch,
                                 r_scratch);
            }
            continue;
        }
        __m256i W = cW, W_lo = cW_lo, W_hi = cW_hi, Wm1 = cWm1;
        if constexpr (PERLANE) {
            W = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(lw->W.data() + l));
            W_lo = _mm256_and_si256(W, lo32);
            W_hi = _mm256_srli_epi64(W, 32);
            Wm1 = _mm256_sub_epi64(W, one);
        }
        __m256i Q = zero;
        for (std::size_t k = 0; k < n; ++k) {
            __m256i m, w_lo, w_hi, bias;
            if constexpr (PERLANE) {
                const std::size_t o = k * kBlock + l;
                m = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(lw->m32.data() + o));
                const __m256i w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(lw->w.data() + o));
                w_lo = _mm256_and_si256(w, lo32);
                w_hi = _mm256_srli_epi64(w, 32);
                bias = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(lw->bias.data() + o));
            } else {
                m = cm[k];
                w_lo = cw_lo[k];
                w_hi = cw_hi[k];
                bias = cbias[k];
            }
            __m256i est = _mm256_srli_epi64(_mm256_mul_epu32(U, m), 32);  // ⌊U·w/W⌋ or one less
            __m256i uw = _mm256_mul_epu32(U, w_lo);
            __m256i ew = _mm256_mul_epu32(est, W_lo);
            if constexpr (!NARROW) {
                uw = _mm256_add_epi64(uw, _mm256_slli_epi64(_mm256_mul_epu32(U, w_hi), 32));
                ew = _mm256_add_epi64(ew, _mm256_slli_epi64(_mm256_mul_epu32(est, W_hi), 32));
            }
            __m256i r = _mm256_sub_epi64(uw, ew);  // U·w − est·W ∈ [0, 2W), exact mod 2^64
            const __m256i c = _mm256_cmpgt_epi64(r, Wm1);
            est = _mm256_sub_epi64(est, c);
            r = _mm256_sub_epi64(r, _mm256_and_si256(c, W));
            key[k] = _mm256_add_epi64(_mm256_sll_epi64(r, shift), bias);
            q[k] = est;
            Q = _mm256_add_epi64(Q, est);
            rank[k] = _mm256_set1_epi64x(static_cast<i64>(n - 1 - k));
        }
        const __m256i L = _mm256_sub_epi64(U, Q);
        for (std::size_t j = 0; j < n; ++j)
            for (std::size_t k = j + 1; k < n; ++k) {
                const __m256i g = _mm256_cmpgt_epi64(key[j], key[k]);  // j before k: −1
                rank[k] = _mm256_sub_epi64(rank[k], g);
                rank[j] = _mm256_add_epi64(rank[j], g);
            }
        for (std::size_t k = 0; k < n; ++k) {
            __m256i x = _mm256_sub_epi64(q[k], _mm256_cmpgt_epi64(L, rank[k]));
            if constexpr (UNIT != 1) x = _mm256_mul_epu32(x, _mm256_set1_epi64x(static_cast<i64>(UNIT)));
            if constexpr (REST) x = _mm256_add_epi64(x, _mm256_and_si256(_mm256_cmpeq_epi64(rank[k], L), R));
            x = _mm256_sub_epi64(_mm256_xor_si256(x, neg), neg);
            __m256i* a = reinterpret_cast<__m256i*>(acc + k * kBlock + l);
            _mm256_storeu_si256(a, _mm256_add_epi64(_mm256_loadu_si256(a), x));
        }
    }
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
    i64 prev = 0;  // the previous year's amount when this is the first plan year
};

struct Compiled {
    std::size_t nm = 0, ny = 0, ni = 0;
    RoundingMode mode = RoundingMode::half_up;
    u64 u_amt = 100, u_alloc = 100;
    bool kernel = true;  // false: every scenario goes to evaluate() (a constant beyond int64)
    std::vector<StepOp> steps;  // [iv·ny + y]
    // frame part: frame units = round(amount·fn / fd)
    std::vector<i64> fn;
    std::vector<u64> fd, fm;
    std::vector<Weights> keys;           // by intervention (valid false: no key or all zero)
    std::vector<unsigned char> cover;    // by year: cover_costs frame
    std::vector<Weights> frame;          // by year (non-cover_costs): the final contributions
    std::vector<i64> contributions;      // by year (non-cover_costs): Σ final contributions
    std::vector<Weights> shares;         // by year (cover_costs): the shares
    std::vector<unsigned char> shares_zero;  // by year (cover_costs): Σ shares = 0
    std::vector<i64> use;                // by year (cover_costs): equity used
    std::vector<i64> adjustment;         // [y·nm + k]
    i64 opening = 0;
    unsigned bits = 0;
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
    auto a0i = to_i64(a0 / g), ci = to_i64(C / g), di = to_i64(D / g);
    bool ok = a0i && ci && di && *di >= 1 && *di <= (i64{1} << 62);
    for (const auto& [k, a] : owners) {
        auto ai = to_i64(a / g);
        ok = ok && ai;
        if (ai) op.owners.emplace_back(k, *ai);
    }
    if (!ok) {
        c.kernel = false;
        return;
    }
    op.a0 = *a0i;
    op.c = *ci;
    op.d = static_cast<u64>(*di);
    op.m = reciprocal(op.d);
}

Compiled compile(const Plan& plan, const Result& r0) {
    Compiled c;
    c.nm = plan.members.size();
    c.ny = static_cast<std::size_t>(plan.year_count());
    c.ni = plan.interventions.size();
    c.mode = plan.rounding.mode;
    c.u_amt = static_cast<u64>(ore_per(plan.rounding.amounts));
    c.u_alloc = static_cast<u64>(ore_per(plan.rounding.allocation));
    c.bits = index_bits(c.nm);
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
        // frame part: round(amount · frame_part / (100 · u_alloc))
        const BigInt fpn = boost::multiprecision::numerator(ir.frame_part);
        const BigInt fpd = boost::multiprecision::denominator(ir.frame_part) * 100 * c.u_alloc;
        const BigInt g = boost::multiprecision::gcd(fpn, fpd);
        auto fn = to_i64(fpn / g), fd = to_i64(fpd / g);
        if (!fn || !fd || *fd > (i64{1} << 62)) {
            c.kernel = false;
            fn = 0;
            fd = 1;
        }
        c.fn.push_back(*fn);
        c.fd.push_back(static_cast<u64>(*fd));
        c.fm.push_back(reciprocal(static_cast<u64>(*fd)));
        if (iv.key) {
            auto w = rational_weights(*iv.key);
            if (!w) c.kernel = false;
            c.keys.push_back(w ? *w : make_weights(std::vector<i64>(c.nm, 0)));
        } else {
            c.keys.push_back(make_weights(std::vector<i64>(c.nm, 0)));
        }
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
            auto w = total == 0 ? std::optional<Weights>(make_weights(std::vector<i64>(c.nm, 0))) : rational_weights(sh);
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
    Worker(const Compiled& c, const i64* rates, Output out, bool simd)
        : c_(c), rates_(rates), out_(out), simd_(simd) {
        rt_.assign(c.ny * c.nm * kBlock, 0);
        prev_.assign(c.ni * kBlock, 0);
        amt_.assign(c.ni * kBlock, 0);
        acc_.assign(c.nm * kBlock, 0);
        fu_.assign(kBlock, 0);
        cu_.assign(kBlock, 0);
        cr_.assign(kBlock, 0);
        costs_.assign(kBlock, 0);
        abs_.assign(kBlock, 0);
        equity_.assign(kBlock, 0);
        contrib_.assign(kBlock, 0);
        fin_.assign(c.nm * kBlock, 0);
        fail_.assign(kBlock, 0);
        q_.assign(c.nm, 0);
        r_.assign(c.nm, 0);
        lane_w_.resize(c.nm);
    }

    /// Compute scenarios [s0, s0 + count); returns the lanes that need evaluate().
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
    std::vector<i64> rt_, prev_, amt_, acc_, fu_, cu_, cr_, costs_, abs_, equity_, contrib_, fin_;
    std::vector<unsigned char> fail_;
    std::vector<u64> q_, r_;
    LaneWeights lane_w_;
    std::size_t lanes_ = 0;  // count rounded up to a multiple of 4

    template <RoundingMode MODE>
    void run(std::size_t s0, std::size_t count) {
        const std::size_t nm = c_.nm, ny = c_.ny, ni = c_.ni;
        lanes_ = (count + 3) & ~std::size_t{3};
        std::fill(fail_.begin(), fail_.end(), 0);
        // rates, transposed to [y][m][lane]; padding lanes repeat the last scenario
        for (std::size_t l = 0; l < lanes_; ++l) {
            const i64* src = rates_ + (s0 + std::min(l, count - 1)) * nm * ny;
            for (std::size_t m = 0; m < nm; ++m)
                for (std::size_t y = 0; y < ny; ++y) rt_[(y * nm + m) * kBlock + l] = src[m * ny + y];
        }
        std::fill(equity_.begin(), equity_.end(), c_.opening);
        for (std::size_t y = 0; y < ny; ++y) {
            // 1. amounts
            std::fill(costs_.begin(), costs_.end(), 0);
            std::fill(abs_.begin(), abs_.end(), 0);
            for (std::size_t i = 0; i < ni; ++i) {
                const StepOp& op = c_.steps[i * ny + y];
                i64* a = amt_.data() + i * kBlock;
                i64* p = prev_.data() + i * kBlock;
                switch (op.kind) {
                    case StepOp::Kind::zero: std::fill(a, a + lanes_, 0); break;
                    case StepOp::Kind::known: std::fill(a, a + lanes_, op.known); break;
                    case StepOp::Kind::computed:
                        if (y == 0) std::fill(p, p + lanes_, op.prev);
                        computed<MODE>(op, p, a, rt_.data() + y * nm * kBlock);
                        break;
                }
                for (std::size_t l = 0; l < lanes_; ++l) {
                    const i64 v = a[l];
                    const i64 mag = v < 0 ? -v : v;  // |v| ≤ 2^60 (known amounts are checked below)
                    if (v > kAmountLimit || v < -kAmountLimit) {
                        fail_[l] = 1;
                        a[l] = 0;
                        continue;
                    }
                    abs_[l] += mag;  // both ≤ 2^60 (abs_ is clamped below): no overflow
                    if (abs_[l] > kAmountLimit) {
                        fail_[l] = 1;
                        abs_[l] = kAmountLimit;
                    }
                    costs_[l] += v;
                }
                std::copy(a, a + lanes_, p);
            }
            // 2. final contributions of a cover_costs year: split (costs − use) by the shares
            const Weights* frame_w = nullptr;
            if (c_.cover[y]) {
                cover_contributions(y);
            } else {
                frame_w = &c_.frame[y];
                std::fill(contrib_.begin(), contrib_.end(), c_.contributions[y]);
            }
            // 3. allocations
            std::fill(acc_.begin(), acc_.end(), 0);
            for (std::size_t i = 0; i < ni; ++i) {
                if (c_.u_alloc == 1) parts<MODE, 1>(i, frame_w);
                else parts<MODE, 100>(i, frame_w);
            }
            // 4. totals: result and equity must stay in range (evaluate() checks them)
            for (std::size_t l = 0; l < lanes_; ++l) {
                i64 result;
                bool bad = __builtin_sub_overflow(contrib_[l], costs_[l], &result);
                bad |= __builtin_add_overflow(equity_[l], result, &equity_[l]);
                bad |= equity_[l] == std::numeric_limits<i64>::min();
                if (bad) {
                    fail_[l] = 1;
                    equity_[l] = 0;
                }
            }
            write(s0, count, y);
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

    template <RoundingMode MODE>
    void computed(const StepOp& op, const i64* prev, i64* out, const i64* rt) {
        for (std::size_t l = 0; l < lanes_; ++l) {
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
            if (bad) {
                fail_[l] = 1;
                v = 0;
            }
            out[l] = v;
        }
    }

    void cover_contributions(std::size_t y) {
        const std::size_t nm = c_.nm;
        const Weights& sh = c_.shares[y];
        std::fill(fin_.begin(), fin_.end(), 0);
        for (std::size_t l = 0; l < lanes_; ++l) {
            i64 total;
            bool bad = __builtin_sub_overflow(costs_[l], c_.use[y], &total);
            bad |= total == std::numeric_limits<i64>::min();
            if (!bad && total != 0 && (c_.shares_zero[y] || !sh.valid)) bad = true;  // evaluate(): cannot be split
            if (bad) {
                fail_[l] = 1;
                total = 0;
            }
            const i64 u = static_cast<i64>(c_.u_alloc);
            split_scalar(total / u, total % u, sh.w.data(), sh.m64.data(), 1, sh.W, nm, c_.u_alloc, fin_.data() + l,
                         q_.data(), r_.data());
            i64 sum = 0;
            for (std::size_t k = 0; k < nm; ++k) {
                i64& f = fin_[k * kBlock + l];
                bad |= __builtin_add_overflow(f, c_.adjustment[y * nm + k], &f);
                bad |= __builtin_add_overflow(sum, f, &sum);
            }
            bad |= sum == std::numeric_limits<i64>::min();
            if (bad) {
                fail_[l] = 1;
                for (std::size_t k = 0; k < nm; ++k) fin_[k * kBlock + l] = 0;
                sum = 0;
            }
            contrib_[l] = sum;
            lane_w_.set(l, fin_.data() + l, nm);
        }
    }

    /// Frame and case parts of intervention i in this year, split and added to acc_.
    template <RoundingMode MODE, u64 UNIT>
    void parts(std::size_t i, const Weights* frame_w) {
        const i64* a = amt_.data() + i * kBlock;
        const i64 fn = c_.fn[i];
        const u64 fd = c_.fd[i], fm = c_.fm[i];
        const Weights& key = c_.keys[i];
        const bool frame_ok = frame_w ? frame_w->valid : true;
        bool any_frame = false, any_case = false, any_rest = false;
        for (std::size_t l = 0; l < lanes_; ++l) {
            bool bad = false;
            i64 N;
            bad |= __builtin_mul_overflow(a[l], fn, &N);
            i64 fu = round_div<MODE>(N, fd, fm, bad);
            // |frame| ≤ |amount| + UNIT ≤ 2^60 + 100 and |case| ≤ 2·2^60 + 100: no overflow
            const i64 frame = bad ? 0 : fu * static_cast<i64>(UNIT);
            const i64 cs = a[l] - frame;
            if (!(frame_w ? frame_ok : lane_w_.valid[l]) && frame != 0) bad = true;  // negative or zero final frame
            if (!key.valid && cs != 0) bad = true;                                   // no key, or all weights 0
            if (bad) {
                fail_[l] = 1;
                fu_[l] = cu_[l] = cr_[l] = 0;
                continue;
            }
            fu_[l] = fu;
            cu_[l] = cs / static_cast<i64>(UNIT);
            cr_[l] = cs % static_cast<i64>(UNIT);
            any_frame |= fu != 0;
            any_case |= cs != 0;
            any_rest |= cr_[l] != 0;
        }
        if (any_frame) {
            if (frame_w) split<UNIT, false, false>(fu_.data(), nullptr, frame_w);
            else split<UNIT, false, true>(fu_.data(), nullptr, nullptr);
        }
        if (any_case) {
            if (any_rest) split<UNIT, true, false>(cu_.data(), cr_.data(), &key);
            else split<UNIT, false, false>(cu_.data(), nullptr, &key);
        }
    }

    template <u64 UNIT, bool REST, bool PERLANE>
    void split(const i64* U, const i64* R, const Weights* w) {
        const std::size_t n = c_.nm;
#if FINSAM_SWEEP_X86
        if (simd_ && (PERLANE || w->simd)) {
            if (PERLANE || !w->narrow)
                split_avx2<UNIT, REST, PERLANE, false>(U, R, lanes_, w, &lane_w_, n, c_.bits, acc_.data(), q_.data(), r_.data());
            else
                split_avx2<UNIT, REST, PERLANE, true>(U, R, lanes_, w, &lane_w_, n, c_.bits, acc_.data(), q_.data(), r_.data());
            return;
        }
#endif
        for (std::size_t l = 0; l < lanes_; ++l) {
            if constexpr (PERLANE)
                split_scalar(U[l], REST ? R[l] : 0, lane_w_.w.data() + l, lane_w_.m64.data() + l, kBlock, lane_w_.W[l], n, UNIT,
                             acc_.data() + l, q_.data(), r_.data());
            else
                split_scalar(U[l], REST ? R[l] : 0, w->w.data(), w->m64.data(), 1, w->W, n, UNIT, acc_.data() + l, q_.data(),
                             r_.data());
        }
    }
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
        if (old)
            for (const auto& e : old->entries())
                if (!old->is_dated() || e.year < plan.first_year) entries.push_back(e);
        if (old && !old->is_dated() && !entries.empty()) entries.front().year = plan.first_year - 1;
        for (std::size_t y = 0; y < ny; ++y) {
            const int year = plan.first_year + static_cast<int>(y);
            entries.push_back({year, Rational(rates_bp[m * ny + y], 100), path + "/" + std::to_string(year)});
        }
        p.uprating[m] = Dated<Rational>::by_year(std::move(entries), path);
    }
    return p;
}

SweepStats sweep_into(const Plan& plan, std::span<const std::int64_t> rates_bp, std::size_t scenarios,
                      std::span<std::int64_t> cost_share, std::span<std::int64_t> costs, const SweepOptions& options) {
    const std::size_t nm = plan.members.size();
    const std::size_t ny = static_cast<std::size_t>(plan.year_count());
    if (rates_bp.size() != scenarios * nm * ny)
        throw Error("sweep: rates have " + std::to_string(rates_bp.size()) + " values; expected scenarios × members × years = " +
                    std::to_string(scenarios) + " × " + std::to_string(nm) + " × " + std::to_string(ny));
    if (cost_share.size() != scenarios * ny * nm || costs.size() != scenarios * ny)
        throw Error("sweep: output arrays must hold scenarios × years × members and scenarios × years values");
    SweepStats stats;
    if (scenarios == 0) return stats;

    auto scenario_rates = [&](std::size_t s) { return rates_bp.subspan(s * nm * ny, nm * ny); };
    auto prefixed = [](std::size_t s, const std::vector<Problem>& ps) {
        std::vector<Problem> out;
        for (const auto& p : ps) out.push_back({p.path, "scenario " + std::to_string(s) + ": " + p.message});
        return out;
    };
    Result r0;
    try {
        r0 = evaluate(with_uprating(plan, scenario_rates(0)));
    } catch (const PlanError& e) {
        throw PlanError(prefixed(0, e.problems()));
    }
    const Compiled c = compile(plan, r0);

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
                    const Result r = s == 0 ? r0 : evaluate(with_uprating(plan, scenario_rates(s)));
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
        if (f) throw PlanError(prefixed(f->scenario, f->problems));  // threads hold ascending ranges
    for (std::size_t n : fallback_count) stats.fallback += n;
    stats.kernel = scenarios - stats.fallback;
    return stats;
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
