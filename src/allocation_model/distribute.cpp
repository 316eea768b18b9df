// The state's distribution among förbund: the rounds of the decrease cap and the rounding
// (spec 18; the method is in the design notes of include/finsam/allocation_model.hpp).
#include <algorithm>
#include <numeric>

#include "finsam/allocation_model.hpp"
#include "text.hpp"

namespace finsam {
namespace {

/// An exact amount in öre for a message: "1638000.00 kr".
std::string kr_text(const Rational& ore) { return allocation_text::kronor(ore) + " kr"; }

std::string kr_text(Money m) { return m.to_kr_string() + " kr"; }

/// "\"a\", \"b\" and 3 more" for a message.
std::string id_list(const std::vector<ForbundAllocation>& fb, const std::vector<std::size_t>& ks) {
    std::string s;
    const std::size_t shown = std::min<std::size_t>(ks.size(), 3);
    for (std::size_t i = 0; i < shown; ++i) {
        if (i) s += i + 1 == ks.size() ? " and " : ", ";
        s += "\"" + fb[ks[i]].id + "\"";
    }
    if (ks.size() > shown) s += " and " + std::to_string(ks.size() - shown) + " more";
    return s;
}

std::string count_text(std::size_t n) { return std::to_string(n) + " förbund"; }

/// The inputs the rounds need, on integers (see the design notes).
class Rounds {
public:
    Rounds(const AllocationModel& model, AllocationResult& result) : m(model), r(result) {}

    const AllocationModel& m;
    AllocationResult& r;
    BigInt D = 1;                 // denominator of (1 − cap/100)
    BigInt keep_num = 1;          // its numerator: floor_k = previous_k·keep_num/D (öre)
    std::vector<BigInt> v;        // integer weights ∝ w_k
    std::vector<BigInt> F;        // D·floor_k, where the cap applies
    BigInt Db;                    // D·base

    void run() {
        const std::size_t n = r.forbund.size();
        if (m.decrease_cap_percent) {
            const Rational keep = 1 - *m.decrease_cap_percent / 100;
            D = boost::multiprecision::denominator(keep);
            keep_num = boost::multiprecision::numerator(keep);
        }
        Db = D * m.base.ore();
        std::vector<Rational> w;
        w.reserve(n);
        for (const auto& f : r.forbund) w.push_back(f.weight);
        v = detail::integer_weights(w);

        // the förbund that can join the capped: a floor above the base (below it, a_k ≥ base ≥ floor)
        std::vector<std::size_t> candidates;
        F.assign(n, BigInt(0));
        for (std::size_t k = 0; k < n; ++k) {
            auto& f = r.forbund[k];
            if (!m.decrease_cap_percent || !f.previous || f.exempt_from_cap) continue;
            F[k] = BigInt(f.previous->ore()) * keep_num;
            f.floor = Rational(F[k], D);
            if (F[k] > Db) candidates.push_back(k);
        }
        // by threshold (floor − base)/v descending: weight 0 first (its a_k is the base whatever the pool)
        std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t i, std::size_t j) {
            if (v[j] == 0) return false;
            if (v[i] == 0) return true;
            return (F[i] - Db) * v[j] > (F[j] - Db) * v[i];
        });

        BigInt R = D * m.total.ore() - BigInt(n) * Db;  // D·pool
        if (R < 0)
            throw PlanError("/base", "the base of " + kr_text(m.base) + " for each of the " + count_text(n) + " is " +
                                         kr_text(Rational(BigInt(n) * m.base.ore())) + ", more than the total of " +
                                         kr_text(m.total) + "; lower the base or raise the total");
        BigInt V = std::accumulate(v.begin(), v.end(), BigInt(0));
        Rational W = std::accumulate(w.begin(), w.end(), Rational(0));
        std::size_t uncapped = n, next = 0;
        Rational floors = 0;  // Σ floor over the capped
        while (true) {
            r.rounds.push_back(CapRound{Rational(R, D), W, uncapped, {}});
            // A pool with no weight to take it (spec 18's error at /forbund) cannot arise here: the
            // weights start positive (ΣS, ΣP > 0 where their weight is, checked before), and a round
            // that caps the last weighted förbund leaves R < 0 (each joiner's floor − base exceeds
            // its share R·v_k/V of the pool, so together they exceed R) — the negative pool below.
            // Every förbund capped is that case too. The check stays, so no pool is ever dropped.
            if (V == 0 && R != 0) no_weight_left(Rational(R, D), uncapped);
            std::vector<std::size_t> joined;
            while (next < candidates.size()) {
                const std::size_t k = candidates[next];
                if (V != 0 && !(R * v[k] < (F[k] - Db) * V)) break;
                joined.push_back(k);
                ++next;
            }
            if (joined.empty()) break;
            for (std::size_t k : joined) {
                r.forbund[k].capped_in = r.rounds.size() - 1;
                R -= F[k] - Db;
                V -= v[k];
                W -= w[k];
                floors += *r.forbund[k].floor;
                --uncapped;
            }
            std::sort(joined.begin(), joined.end());
            r.rounds.back().joined = joined;
            if (R < 0) negative_pool(Rational(R, D), floors, n - uncapped, uncapped, joined);
        }
        for (std::size_t k = 0; k < n; ++k) {
            auto& f = r.forbund[k];
            if (f.capped()) f.exact = *f.floor;
            else f.exact = Rational(m.base.ore()) + (V == 0 ? Rational(0) : Rational(R * v[k], D * V));
        }
    }

    [[noreturn]] void no_weight_left(const Rational& pool, std::size_t uncapped) const {
        throw PlanError("/forbund", "no weight is left for the pool of " + kr_text(pool) + ": the " + count_text(uncapped) +
                                        " not capped have no support and no population; give them support or population figures");
    }

    [[noreturn]] void negative_pool(const Rational& pool, const Rational& floors, std::size_t capped, std::size_t uncapped,
                                    const std::vector<std::size_t>& joined) const {
        throw PlanError("/decrease_cap_percent",
                        "with a decrease cap of " + rational_text(*m.decrease_cap_percent) + " %, round " +
                            std::to_string(r.rounds.size()) + " caps " + id_list(r.forbund, joined) +
                            "; then the floors of the " + count_text(capped) + " capped (" + kr_text(floors) + ")" +
                            (uncapped == 0 ? std::string()
                                           : " and the base of the other " + std::to_string(uncapped) + " (" +
                                                 std::to_string(uncapped) + " × " + kr_text(m.base) + ")") +
                            " exceed the total of " + kr_text(m.total) + " by " +
                            kr_text(Rational(-pool)) +
                            "; lower decrease_cap_percent, exempt a förbund from the cap or raise the total");
    }
};

}  // namespace

std::optional<std::size_t> AllocationResult::index(std::string_view id) const {
    for (std::size_t k = 0; k < forbund.size(); ++k)
        if (forbund[k].id == id) return k;
    return std::nullopt;
}

Money AllocationResult::previous_sum() const {
    Money s;
    for (const auto& f : forbund)
        if (f.previous) s += *f.previous;
    return s;
}

AllocationResult distribute(const AllocationModel& m) {
    if (m.forbund.empty()) throw PlanError("/forbund", "must list at least one förbund");
    AllocationResult r;
    r.name = m.name;
    r.note = m.note;
    r.year = m.year;
    r.total = m.total;
    r.base = m.base;
    r.support_weight = m.support_weight;
    r.population_weight = m.population_weight;
    r.decrease_cap_percent = m.decrease_cap_percent;
    r.allocation_unit = m.allocation_unit;
    r.mode = m.mode;
    r.forbund.reserve(m.forbund.size());
    for (const auto& f : m.forbund) {
        ForbundAllocation a;
        static_cast<Forbund&>(a) = f;
        r.forbund.push_back(std::move(a));
    }

    std::vector<Problem> problems;
    bool support_summed = true;
    if (m.total.ore() > Money::max_ore / 2)
        problems.push_back({"/total", "the frame the total implies (2 × " + kr_text(m.total) +
                                          ") is beyond ±(2^63 − 1) öre; check the total and amount_unit"});
    try {
        for (const auto& f : m.forbund) r.support_sum += f.support;
    } catch (const OverflowError&) {
        support_summed = false;
        problems.push_back({"/forbund", "the förbund's support sums to beyond ±(2^63 − 1) öre; check the figures and amount_unit"});
    }
    try {
        (void)r.previous_sum();
    } catch (const OverflowError&) {
        problems.push_back({"/forbund", "the förbund's previous allocations sum to beyond ±(2^63 − 1) öre; check the figures and amount_unit"});
    }
    for (const auto& f : m.forbund) r.population_sum += f.population;
    if (m.support_weight > 0 && r.support_sum == Money{} && support_summed)
        problems.push_back({"/forbund", "the förbund's support sums to 0 while weights.support is " + rational_text(m.support_weight) +
                                            " %; give support figures or set weights.support to 0"});
    if (m.population_weight > 0 && r.population_sum == 0)
        problems.push_back({"/forbund", "the förbund's population sums to 0 while weights.population is " +
                                            rational_text(m.population_weight) + " %; give population figures or set weights.population to 0"});
    if (!problems.empty()) throw PlanError(std::move(problems));

    for (auto& f : r.forbund) {
        if (r.support_sum != Money{}) f.support_part = m.support_weight / 100 * Rational(f.support.ore(), r.support_sum.ore());
        if (r.population_sum != 0) f.population_part = m.population_weight / 100 * Rational(f.population, r.population_sum);
        f.weight = f.support_part + f.population_part;
    }
    Rounds(m, r).run();

    std::vector<Rational> exact;
    exact.reserve(r.forbund.size());
    for (const auto& f : r.forbund) exact.push_back(f.exact);
    r.rounding = allocate_explained(m.total, exact, m.allocation_unit);
    for (std::size_t k = 0; k < r.forbund.size(); ++k) {
        auto& f = r.forbund[k];
        f.allocation = r.rounding.parts[k];
        if (f.previous) {
            f.change = f.allocation - *f.previous;
            if (*f.previous != Money{}) f.change_percent = Rational(100) * f.change->exact_ore() / f.previous->exact_ore();
        }
        // the state pays its allocation, half the frame; the region and the municipalities match
        // it, a quarter each: the allocation split in two by largest remainder (the region first)
        f.implied_frame = f.allocation + f.allocation;
        f.frame_state = f.allocation;
        const auto halves = allocate(f.allocation, {Rational(1), Rational(1)}, m.allocation_unit);
        f.frame_region = halves[0];
        f.frame_municipalities = halves[1];
    }
    return r;
}

}  // namespace finsam
