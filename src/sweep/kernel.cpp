// The sweep kernel: blocks of scenarios in int64 lanes, the scalar split and the AVX2 kernel
// (see sweep.cpp for the design and the bounds that make every step exact).
#include "sweep_detail.hpp"

namespace finsam::sweep_detail {
namespace {

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
#endif

// ---- one thread's work: blocks of scenarios --------------------------------------------------

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
            // 2. the final contributions: fixed, or (cover_costs) costs − income − use split by the shares
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
            // 4. the result and, where the plan has equity, the equity must stay in range (as
            //    evaluate() checks them; without `equity` there is no equity chain: spec 12.24)
            for (std::size_t l = 0; l < lanes_; ++l) {
                i64 result;  // (contributions + income) − costs, each step checked as evaluate() does
                bool bad = __builtin_add_overflow(contrib_[l], c_.income[y], &result);
                bad |= __builtin_sub_overflow(result, costs_[l], &result);
                if (c_.has_equity) {
                    bad |= __builtin_add_overflow(equity_[l], result, &equity_[l]);
                    bad |= equity_[l] == std::numeric_limits<i64>::min();
                }
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
            i64 total;  // (costs − income) − use, each step checked as evaluate() does
            bool bad = __builtin_sub_overflow(costs_[l], c_.income[y], &total);
            bad |= __builtin_sub_overflow(total, c_.use[y], &total);
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

#if FINSAM_SWEEP_X86
bool cpu_has_avx2() { return __builtin_cpu_supports("avx2"); }
#else
bool cpu_has_avx2() { return false; }
#endif

void run_kernel(const Compiled& c, const i64* rates, Output out, bool simd, std::size_t begin, std::size_t end,
                std::vector<std::size_t>& fallback) {
    Worker w(c, rates, out, simd);
    for (std::size_t s = begin; s < end; s += kBlock) w.block(s, std::min(kBlock, end - s), fallback);
}

}  // namespace finsam::sweep_detail
