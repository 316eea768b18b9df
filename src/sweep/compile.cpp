// The sweep compiler: what does not depend on the rates, from scenario 0's evaluation, as
// integer operations for the kernel (see sweep.cpp for the design).
#include "sweep_detail.hpp"

namespace finsam::sweep_detail {

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
    c.has_equity = plan.equity.given;
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
    c.income.assign(c.ny, 0);
    c.adjustment.assign(c.ny * c.nm, 0);
    for (std::size_t y = 0; y < c.ny; ++y) {
        for (std::size_t k = 0; k < c.nm; ++k) c.adjustment[y * c.nm + k] = r0.members[k].adjustment[y].ore();
        c.income[y] = r0.totals[y].income.ore();
        if (r0.frame_kinds[y] == FrameKind::cover_costs) {
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

}  // namespace finsam::sweep_detail
