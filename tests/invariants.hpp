// tests/invariants.hpp — properties every evaluated plan must have, whatever its figures.
//
// Design notes: check_invariants(plan, result) recomputes, with arbitrary-precision integers
// (so a check can never overflow or throw), the identities the spec promises and returns a
// description of each one that fails (empty: all hold). Used by tests/invariants_test.cpp over
// the examples and generated plans, and by the fuzz target on every plan it can evaluate.
//   - every intervention's frame part + case part = its amount, each part's split sums to it,
//     and each member's allocation = its frame share + its case share (spec 6, 7)
//   - the frame part is round(amount × frame_part / 100) in allocation units (12.9)
//   - members' cost shares sum to the year's costs; costs = Σ intervention amounts
//   - final contribution = preliminary contribution + Σ that year's adjustments (5)
//   - contributions = Σ final contributions; result = contributions + income − costs (12.15, 13)
//   - the preliminary contributions follow the frame: they sum to a `total`, equal a `members`
//     frame, sum to costs − income − equity used under `cover_costs` (5, 13)
//   - equity rolls forward exactly: opening, then end = start + result (8), where the plan
//     has `equity`; without it no chain is computed and both stay 0 (12.24)
//   - shares sum to exactly 100 where contributions are not 0 (12.15)
//   - the twelve months of a budget sum to the year's amount (14.1); every month's cash at the
//     end = the previous month's (the opening first) + in − out, in = Σ payments + Σ income,
//     out = Σ costs (14.4)
#pragma once

#include <string>
#include <vector>

#include <finsam/evaluate.hpp>

namespace finsam::test {

namespace detail_inv {

inline BigInt big(Money m) { return BigInt(m.ore()); }
inline std::string text(const BigInt& ore) { return decimal_text(ore, 2); }

}  // namespace detail_inv

/// Every invariant that `result` (the evaluation of `plan`) breaks, described; empty when all hold.
inline std::vector<std::string> check_invariants(const Plan& plan, const Result& r) {
    using detail_inv::big;
    using detail_inv::text;
    std::vector<std::string> bad;
    const std::size_t nm = r.members.size();
    const auto ny = static_cast<std::size_t>(r.year_count());
    auto fail = [&](int year, const std::string& what, const BigInt& got, const BigInt& want) {
        bad.push_back(std::to_string(year) + ": " + what + " is " + text(got) + ", expected " + text(want));
    };
    if (nm != plan.members.size()) bad.push_back("the result has " + std::to_string(nm) + " members, the plan " + std::to_string(plan.members.size()));
    if (r.interventions.size() != plan.interventions.size()) bad.push_back("the result lacks interventions");
    if (r.totals.size() != ny) bad.push_back("the result lacks years");
    if (!bad.empty()) return bad;

    for (std::size_t yi = 0; yi < ny; ++yi) {
        const int y = r.first_year + static_cast<int>(yi);
        const YearTotals& t = r.totals[yi];
        BigInt costs = 0;
        std::vector<BigInt> cost_share(nm, BigInt(0));
        for (std::size_t i = 0; i < r.interventions.size(); ++i) {
            const InterventionResult& iv = r.interventions[i];
            const std::string name = "\"" + iv.id + "\"";
            const BigInt amount = big(iv.amount[yi]);
            costs += amount;
            if (!plan.interventions[i].is_active(y) && amount != 0) fail(y, name + " (not active) amount", amount, 0);
            if (big(iv.frame_amount[yi]) + big(iv.case_amount[yi]) != amount)
                fail(y, name + " frame part + case part", big(iv.frame_amount[yi]) + big(iv.case_amount[yi]), amount);
            // 12.9: the frame part is round(amount × frame_part / 100) in allocation units
            const Money frame = Money::round(iv.amount[yi].exact_ore() * iv.frame_part / 100, r.rounding.allocation, r.rounding.mode);
            if (frame != iv.frame_amount[yi]) fail(y, name + " frame part", big(iv.frame_amount[yi]), big(frame));
            BigInt sum_alloc = 0;
            for (const auto* part : {&iv.frame_allocation[yi], &iv.case_allocation[yi]}) {
                const Money whole = part == &iv.frame_allocation[yi] ? iv.frame_amount[yi] : iv.case_amount[yi];
                const char* label = part == &iv.frame_allocation[yi] ? " frame part's split" : " case part's split";
                if (part->parts.empty()) {
                    if (whole != Money{}) fail(y, name + label + " (missing)", 0, big(whole));
                    continue;
                }
                if (part->parts.size() != nm) {
                    bad.push_back(std::to_string(y) + ": " + name + label + " has the wrong number of parts");
                    continue;
                }
                BigInt s = 0;
                for (const Money& m : part->parts) {
                    s += big(m);
                    // every part has the sign of the whole (a negative amount is −split(−P))
                    if ((whole > Money{} && m < Money{}) || (whole < Money{} && m > Money{}))
                        fail(y, name + label + " has a part of the other sign", big(m), 0);
                }
                if (s != big(whole)) fail(y, name + label + " sums", s, big(whole));
            }
            for (std::size_t k = 0; k < nm; ++k) {
                BigInt want = 0;
                if (!iv.frame_allocation[yi].parts.empty()) want += big(iv.frame_allocation[yi].parts[k]);
                if (!iv.case_allocation[yi].parts.empty()) want += big(iv.case_allocation[yi].parts[k]);
                const BigInt got = big(iv.allocation[yi][k]);
                if (got != want) fail(y, name + " allocation to \"" + r.members[k].id + "\"", got, want);
                sum_alloc += got;
                cost_share[k] += got;
            }
            if (sum_alloc != amount) fail(y, name + " Σ allocations", sum_alloc, amount);
        }
        if (big(t.costs) != costs) fail(y, "costs", big(t.costs), costs);

        BigInt sum_cost_share = 0, finals = 0, preliminary = 0;
        for (std::size_t k = 0; k < nm; ++k) {
            const MemberResult& m = r.members[k];
            if (big(m.cost_share[yi]) != cost_share[k]) fail(y, "cost share of \"" + m.id + "\"", big(m.cost_share[yi]), cost_share[k]);
            sum_cost_share += big(m.cost_share[yi]);
            BigInt adj = 0;
            for (const auto& a : plan.adjustments)
                if (a.year == y && a.member == k) adj += big(a.amount);
            if (big(m.adjustment[yi]) != adj) fail(y, "adjustment of \"" + m.id + "\"", big(m.adjustment[yi]), adj);
            if (big(m.final_contribution[yi]) != big(m.contribution[yi]) + adj)
                fail(y, "final contribution of \"" + m.id + "\"", big(m.final_contribution[yi]), big(m.contribution[yi]) + adj);
            finals += big(m.final_contribution[yi]);
            preliminary += big(m.contribution[yi]);
        }
        if (sum_cost_share != big(t.costs)) fail(y, "Σ cost shares", sum_cost_share, big(t.costs));
        if (big(t.contributions) != finals) fail(y, "contributions", big(t.contributions), finals);
        if (big(t.result) != big(t.contributions) + big(t.income) - big(t.costs))
            fail(y, "result", big(t.result), big(t.contributions) + big(t.income) - big(t.costs));

        // the preliminary contributions follow the year's frame entry (spec 5)
        if (const auto* fe = plan.frame.at(y)) {
            const FrameEntry& f = fe->value;
            if (f.kind == FrameEntry::Kind::total && preliminary != big(f.amount)) fail(y, "Σ contributions (frame total)", preliminary, big(f.amount));
            if (f.kind == FrameEntry::Kind::cover_costs && preliminary != big(t.costs) - big(t.income) - big(t.equity_use))
                fail(y, "Σ contributions (cover_costs)", preliminary, big(t.costs) - big(t.income) - big(t.equity_use));
            if (f.kind == FrameEntry::Kind::members)
                for (std::size_t k = 0; k < nm; ++k)
                    if (r.members[k].contribution[yi] != f.member_amounts[k])
                        fail(y, "contribution of \"" + r.members[k].id + "\" (members frame)", big(r.members[k].contribution[yi]), big(f.member_amounts[k]));
        }

        // equity rolls forward exactly from the opening (spec 8); no chain without `equity` (12.24)
        if (!plan.equity.given) {
            if (t.equity_start != Money{} || t.equity_end != Money{}) fail(y, "equity without an equity block", big(t.equity_end), 0);
        } else {
            const BigInt start = yi == 0 ? big(plan.equity.opening) : big(r.totals[yi - 1].equity_end);
            if (big(t.equity_start) != start) fail(y, "equity at the start", big(t.equity_start), start);
            if (big(t.equity_end) != big(t.equity_start) + big(t.result))
                fail(y, "equity at the end", big(t.equity_end), big(t.equity_start) + big(t.result));
        }

        // shares: 100 × final / Σ finals, so they sum to exactly 100 (or are all 0)
        Rational shares = 0;
        for (const auto& m : r.members) shares += m.share[yi];
        if (shares != (finals == 0 ? 0 : 100)) bad.push_back(std::to_string(y) + ": shares sum to " + shares.str() + ", not " + (finals == 0 ? "0" : "100"));

        // the months of every budget sum to the year's amount (14.1)
        for (const auto& ir : r.interventions) {
            if (ir.months.empty()) continue;
            BigInt sum = 0;
            for (Money m : ir.months[yi].months) sum += big(m);
            if (sum != big(ir.amount[yi])) fail(y, "Σ months of \"" + ir.id + "\"", sum, big(ir.amount[yi]));
        }
    }
    // the cash chain (14.4)
    if (r.liquidity) {
        BigInt cash = big(r.liquidity->opening);
        for (std::size_t yi = 0; yi < r.liquidity->months.size(); ++yi)
            for (const CashMonth& cm : r.liquidity->months[yi]) {
                const int y = r.first_year + static_cast<int>(yi);
                BigInt in = 0, out = 0;
                for (Money m : cm.payments) in += big(m);
                for (Money m : cm.income) in += big(m);
                for (Money m : cm.costs) out += big(m);
                if (big(cm.in) != in) fail(y, "cash in of a month", big(cm.in), in);
                if (big(cm.out) != out) fail(y, "cash out of a month", big(cm.out), out);
                cash += big(cm.in) - big(cm.out);
                if (big(cm.cash_end) != cash) fail(y, "cash at a month's end", big(cm.cash_end), cash);
                cash = big(cm.cash_end);
            }
    }
    return bad;
}

}  // namespace finsam::test
