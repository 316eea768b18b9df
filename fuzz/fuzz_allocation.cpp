// libFuzzer target: any bytes through reading a finsam-allocation/1 model, the distribution,
// its result JSON, tables (Markdown, HTML, CSV) and explanations.
//
// What counts as a bug (the fuzzer aborts), besides those of fuzz_checks.hpp for a refused
// input: an exception other than PlanError out of reading or distributing; a distribution whose
// exact a_k do not sum to the total, whose allocations do not sum to it or stray from a_k by a
// whole allocation unit (and the total's sub-unit rest) or more, a capped förbund not at its floor or an uncapped one below it,
// a frame that is not 2 × the allocation; rounds that differ from the spec's rounds done
// literally on rationals (for up to 64 förbund); tables or explanations that cannot be made.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "finsam/allocation_model.hpp"
#include "finsam/result_json.hpp"
#include "fuzz_checks.hpp"

namespace {

using finsam::Money;
using finsam::Rational;
using finsam_fuzz::bug;

/// The spec's rounds, literally: the exact a_k of every förbund.
std::vector<Rational> literal_rounds(const finsam::AllocationResult& r) {
    const std::size_t n = r.forbund.size();
    std::vector<bool> capped(n, false);
    std::vector<Rational> a(n);
    while (true) {
        Rational pool = r.total.exact_ore(), weights = 0;
        for (std::size_t k = 0; k < n; ++k) {
            if (capped[k]) pool -= *r.forbund[k].floor;
            else pool -= r.base.exact_ore(), weights += r.forbund[k].weight;
        }
        std::vector<std::size_t> join;
        for (std::size_t k = 0; k < n; ++k) {
            if (capped[k]) continue;
            a[k] = r.base.exact_ore() + (weights == 0 ? Rational(0) : pool * r.forbund[k].weight / weights);
            if (r.forbund[k].floor && a[k] < *r.forbund[k].floor) join.push_back(k);
        }
        if (join.empty()) return a;
        for (std::size_t k : join) capped[k] = true, a[k] = *r.forbund[k].floor;
    }
}

void check(const finsam::AllocationResult& r) {
    Rational exact_sum = 0;
    Money sum;
    // a_k is split as whole units plus the total's sub-unit rest (spec 12.8): within a unit and that rest
    const Rational reach = finsam::ore_per(r.allocation_unit) + r.rounding.rest.ore();
    for (const auto& f : r.forbund) {
        exact_sum += f.exact;
        sum += f.allocation;
        const Rational off = f.allocation.exact_ore() - f.exact;
        if (off <= -reach || off >= reach) bug(f.id + ": the allocation strays a whole unit from its exact a_k");
        if (f.capped() && (!f.floor || f.exact != *f.floor)) bug(f.id + ": capped but not at its floor");
        if (!f.capped() && f.floor && f.exact < *f.floor) bug(f.id + ": below its floor and not capped");
        if (f.implied_frame != f.allocation + f.allocation || f.frame_state != f.allocation ||
            f.frame_region + f.frame_municipalities != f.allocation)
            bug(f.id + ": the implied frame is not 2 × the allocation");
    }
    if (exact_sum != r.total.exact_ore()) bug("the exact a_k do not sum to the total");
    if (sum != r.total) bug("the allocations do not sum to the total");
    if (r.rounds.empty() || !r.rounds.back().joined.empty()) bug("the rounds do not end with a round that caps none");
    if (r.forbund.size() <= 64) {
        const auto a = literal_rounds(r);
        for (std::size_t k = 0; k < a.size(); ++k)
            if (a[k] != r.forbund[k].exact) bug(r.forbund[k].id + ": the rounds differ from the spec's rounds done literally");
    }
    (void)finsam::result_json(r);
    finsam_fuzz::check_tables("a valid allocation", [&](const finsam::TableOptions& o) { return finsam::build_tables(r, o); });
    (void)finsam::explain(r, r.forbund.front().id);
    (void)finsam::explain(r, r.forbund.back().id, finsam::Lang::en);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    finsam::AllocationResult r;
    try {
        r = finsam::distribute(finsam::load_allocation_model_string(text));
    } catch (const finsam::PlanError& e) {
        finsam_fuzz::check_problems(e);
        return 0;
    }
    check(r);
    return 0;
}
