// Tests for finsam/allocation_model.hpp: the state's distribution among förbund (spec 18) —
// the rounds of the decrease cap, the rounding, the result JSON, explain, the tables (golden
// files), and reading the format with every problem at its pointer.
//
// Every expected number is worked out by hand in the comment next to it; the example file's
// figures are worked out in examples/README.md, section 5.
#define BOOST_TEST_MODULE allocation_model
#include <boost/test/unit_test.hpp>

#include <finsam/allocation_model.hpp>
#include <finsam/result_json.hpp>

#include <nlohmann/json.hpp>

#include <random>

#include "table_checks.hpp"

using namespace finsam;
using finsam_test::check_invariants;
using finsam_test::golden;

namespace {

const std::string source_dir = FINSAM_SOURCE_DIR;
const std::string example = source_dir + "/examples/statens-fordelning-2016.json";

Rational q(long long num, long long den = 1) { return Rational(num, den); }

/// JSON text (the result, an explanation) as a tree to look into.
nlohmann::ordered_json tree(const std::string& text) { return nlohmann::ordered_json::parse(text); }

struct Spec {
    const char* id;
    long long support_kr;
    long long population;
    std::optional<long long> previous_kr;
    bool exempt = false;
};

AllocationModel model(long long total_kr, long long base_kr, std::optional<Rational> cap, std::vector<Spec> specs) {
    AllocationModel m;
    m.year = 2016;
    m.total = kr(total_kr);
    m.base = kr(base_kr);
    m.decrease_cap_percent = cap;
    for (const Spec& s : specs) {
        Forbund f;
        f.id = f.name = s.id;
        f.support = kr(s.support_kr);
        f.population = s.population;
        if (s.previous_kr) f.previous = kr(*s.previous_kr);
        f.exempt_from_cap = s.exempt;
        m.forbund.push_back(f);
    }
    return m;
}

/// A, B, C, D with support 400, 300, 200, 100 mn kr and population 40, 30, 20, 10 thousand, so
/// w = 0.4, 0.3, 0.2, 0.1; total 10 000 000 kr, base 400 000 kr, cap 10 %. A is exempt.
AllocationModel four() {
    return model(10'000'000, 400'000, q(10),
                 {{"a", 400'000'000, 40'000, 3'000'000, true}, {"b", 300'000'000, 30'000, 3'000'000},
                  {"c", 200'000'000, 20'000, 2'200'000}, {"d", 100'000'000, 10'000, 2'000'000}});
}

std::vector<Problem> problems_of(const AllocationModel& m) {
    try {
        (void)distribute(m);
    } catch (const PlanError& e) {
        return e.problems();
    }
    return {};
}

std::vector<Problem> load_problems(const std::string& text) {
    try {
        (void)distribute(load_allocation_model_string(text));
    } catch (const PlanError& e) {
        return e.problems();
    }
    return {};
}

std::vector<long long> kronor(const AllocationResult& r) {
    std::vector<long long> v;
    for (const auto& f : r.forbund) v.push_back(f.allocation.ore() / 100);
    return v;
}
using L = std::vector<long long>;

/// The spec's rounds literally, on rationals: every förbund's a_k and the round it was capped in.
std::pair<std::vector<Rational>, std::vector<int>> literal(const AllocationModel& m) {
    const std::size_t n = m.forbund.size();
    Rational S = 0, P = 0;
    for (const auto& f : m.forbund) S += f.support.exact_ore(), P += Rational(f.population);
    std::vector<Rational> w(n), a(n), floor(n);
    std::vector<bool> has_floor(n);
    std::vector<int> round_of(n, -1);
    for (std::size_t k = 0; k < n; ++k) {
        const auto& f = m.forbund[k];
        w[k] = (S == 0 ? Rational(0) : m.support_weight / 100 * f.support.exact_ore() / S) +
               (P == 0 ? Rational(0) : m.population_weight / 100 * Rational(f.population) / P);
        has_floor[k] = m.decrease_cap_percent && f.previous && !f.exempt_from_cap;
        if (has_floor[k]) floor[k] = f.previous->exact_ore() * (1 - *m.decrease_cap_percent / 100);
    }
    for (int round = 0;; ++round) {
        Rational R = m.total.exact_ore(), W = 0;
        for (std::size_t k = 0; k < n; ++k) {
            if (round_of[k] >= 0) R -= floor[k];
            else R -= m.base.exact_ore(), W += w[k];
        }
        std::vector<std::size_t> join;
        for (std::size_t k = 0; k < n; ++k) {
            if (round_of[k] >= 0) continue;
            a[k] = m.base.exact_ore() + (W == 0 ? Rational(0) : R * w[k] / W);
            if (has_floor[k] && a[k] < floor[k]) join.push_back(k);
        }
        if (join.empty()) break;
        for (std::size_t k : join) round_of[k] = round, a[k] = floor[k];
    }
    return {a, round_of};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(computation)

BOOST_AUTO_TEST_CASE(four_forbund_cap_in_two_rounds) {
    const AllocationResult r = distribute(four());
    // round 1: R = 10 000 000 − 4 × 400 000 = 8 400 000, W = 1;
    //   a = 400 000 + 8 400 000 × (0.4, 0.3, 0.2, 0.1) = 3 760 000, 2 920 000, 2 080 000, 1 240 000;
    //   d's floor 2 000 000 × 0.9 = 1 800 000 > 1 240 000: d is capped; c's 1 980 000 ≤ 2 080 000.
    // round 2: R = 10 000 000 − 1 800 000 − 3 × 400 000 = 7 000 000, W = 0.9;
    //   c: 400 000 + 7 000 000 × 0.2/0.9 = 1 955 555.56 < 1 980 000: capped.
    // round 3: R = 10 000 000 − 1 800 000 − 1 980 000 − 2 × 400 000 = 5 420 000, W = 0.7;
    //   a: 400 000 + 5 420 000 × 4/7 = 24 480 000/7 = 3 497 142.857…, b: 400 000 + 5 420 000 × 3/7
    //   = 19 060 000/7 = 2 722 857.142… ≥ b's floor 2 700 000: the rounds end.
    BOOST_TEST_REQUIRE(r.rounds.size() == 3u);
    BOOST_TEST(r.rounds[0].pool == q(840'000'000));  // öre
    BOOST_TEST(r.rounds[0].weight_sum == q(1));
    BOOST_TEST(r.rounds[0].joined == (std::vector<std::size_t>{3}), boost::test_tools::per_element());
    BOOST_TEST(r.rounds[1].pool == q(700'000'000));
    BOOST_TEST(r.rounds[1].weight_sum == q(9, 10));
    BOOST_TEST(r.rounds[1].uncapped == 3u);
    BOOST_TEST(r.rounds[1].joined == (std::vector<std::size_t>{2}), boost::test_tools::per_element());
    BOOST_TEST(r.rounds[2].pool == q(542'000'000));
    BOOST_TEST(r.rounds[2].weight_sum == q(7, 10));
    BOOST_TEST(r.rounds[2].joined.empty());
    BOOST_TEST(r.forbund[0].exact == q(2'448'000'000, 7));  // 24 480 000/7 kr in öre
    BOOST_TEST(r.forbund[1].exact == q(1'906'000'000, 7));
    BOOST_TEST(r.forbund[2].exact == q(198'000'000));
    BOOST_TEST(r.forbund[3].exact == q(180'000'000));
    BOOST_TEST((r.forbund[2].capped_in == std::optional<std::size_t>(1)));
    BOOST_TEST((r.forbund[3].capped_in == std::optional<std::size_t>(0)));
    BOOST_TEST(!r.forbund[0].capped());
    BOOST_TEST(!r.forbund[0].floor);  // exempt
    // largest remainder in kr: 3 497 142 (.857) + 2 722 857 (.143) + 1 980 000 + 1 800 000 =
    // 9 999 999; the krona left goes to the largest remainder, a's .857.
    BOOST_TEST(kronor(r) == (L{3'497'143, 2'722'857, 1'980'000, 1'800'000}), boost::test_tools::per_element());
    BOOST_TEST(r.rounding.extra_unit[0]);
    // change: a 3 497 143 − 3 000 000 = 497 143 = 16.5714333…%; b −277 143 = −9.2381 %; c, d −10 %
    BOOST_TEST((r.forbund[0].change == kr(497'143)));
    BOOST_TEST(*r.forbund[0].change_percent == q(497'143, 30'000));
    BOOST_TEST(format_percent(*r.forbund[0].change_percent) == "16.571433");
    BOOST_TEST(format_percent(*r.forbund[1].change_percent) == "-9.2381");
    BOOST_TEST(format_percent(*r.forbund[2].change_percent) == "-10");
    // frame: 2 × 3 497 143 = 6 994 286; the allocation in two halves, the odd krona to the region
    BOOST_TEST(r.forbund[0].implied_frame == kr(6'994'286));
    BOOST_TEST(r.forbund[0].frame_state == kr(3'497'143));
    BOOST_TEST(r.forbund[0].frame_region == kr(1'748'572));
    BOOST_TEST(r.forbund[0].frame_municipalities == kr(1'748'571));
}

BOOST_AUTO_TEST_CASE(weight_parts) {
    const AllocationResult r = distribute(four());
    // b: 0.75 × 300/1000 = 0.225, 0.25 × 30 000/100 000 = 0.075, w = 0.3
    BOOST_TEST(r.forbund[1].support_part == q(225, 1000));
    BOOST_TEST(r.forbund[1].population_part == q(75, 1000));
    BOOST_TEST(r.forbund[1].weight == q(3, 10));
    BOOST_TEST(r.support_sum == kr(1'000'000'000));
    BOOST_TEST(r.population_sum == BigInt(100'000));
}

BOOST_AUTO_TEST_CASE(without_a_cap_one_round) {
    AllocationModel m = four();
    m.decrease_cap_percent.reset();
    const AllocationResult r = distribute(m);
    // a = 400 000 + 8 400 000 × w: 3 760 000, 2 920 000, 2 080 000, 1 240 000, all whole kronor
    BOOST_TEST(r.rounds.size() == 1u);
    BOOST_TEST(kronor(r) == (L{3'760'000, 2'920'000, 2'080'000, 1'240'000}), boost::test_tools::per_element());
    BOOST_TEST(!r.forbund[3].floor);
}

BOOST_AUTO_TEST_CASE(exempt_and_previous_zero) {
    // d exempt: its 1 240 000 stays (−38 %); c's floor 1 980 000 ≤ 2 080 000: nobody is capped.
    AllocationModel m = four();
    m.forbund[3].exempt_from_cap = true;
    const AllocationResult r = distribute(m);
    BOOST_TEST(r.rounds.size() == 1u);
    BOOST_TEST(r.forbund[3].allocation == kr(1'240'000));
    // previous 0: a change (the whole allocation) but no change_percent
    m.forbund[3].previous = Money{};
    const AllocationResult z = distribute(m);
    BOOST_TEST((z.forbund[3].change == kr(1'240'000)));
    BOOST_TEST(!z.forbund[3].change_percent);
    const auto j = tree(result_json(z))["forbund"][3];
    BOOST_TEST(j["change"] == "1240000.00");
    BOOST_TEST(!j.contains("change_percent"));
}

BOOST_AUTO_TEST_CASE(a_floor_met_exactly_is_not_capped) {
    // A cap of 38 %: d's floor 2 000 000 × 0.62 = 1 240 000 equals its round-1 a = 400 000 +
    // 8 400 000 × 0.1. Not strictly below: d is not capped (c: 2 200 000 × 0.62 = 1 364 000 and
    // b: 1 860 000 are far below their a).
    AllocationModel m = four();
    m.decrease_cap_percent = q(38);
    const AllocationResult r = distribute(m);
    BOOST_TEST(!r.forbund[3].capped());
    BOOST_TEST(r.forbund[3].allocation == kr(1'240'000));
    BOOST_TEST(r.rounds.size() == 1u);
}

BOOST_AUTO_TEST_CASE(all_below_in_a_round_join_at_once) {
    // Two equal förbund and a large one: e, f with w = 0.1 each, g with 0.8; total 10 000 000,
    // base 0: round 1 a = 1 000 000, 1 000 000, 8 000 000. e and f have previous 1 200 000, floor
    // 1 080 000 > 1 000 000: both join in round 1; then g gets 10 000 000 − 2 160 000 = 7 840 000.
    const AllocationResult r = distribute(model(10'000'000, 0, q(10),
                                                {{"e", 100, 10, 1'200'000}, {"f", 100, 10, 1'200'000}, {"g", 800, 80, 8'000'000}}));
    BOOST_TEST(r.rounds.size() == 2u);
    BOOST_TEST(r.rounds[0].joined == (std::vector<std::size_t>{0, 1}), boost::test_tools::per_element());
    BOOST_TEST(kronor(r) == (L{1'080'000, 1'080'000, 7'840'000}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(weight_zero_gets_the_base) {
    // h has no support and no population: a = base; the pool goes to i alone.
    const AllocationResult r = distribute(model(1'000'000, 100'000, std::nullopt, {{"h", 0, 0, {}}, {"i", 5, 5, {}}}));
    BOOST_TEST(kronor(r) == (L{100'000, 900'000}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(population_weight_zero_needs_no_population) {
    AllocationModel m = model(900, 0, std::nullopt, {{"j", 1, 0, {}}, {"k", 2, 0, {}}});
    m.support_weight = 100;
    m.population_weight = 0;
    // 900 × 1/3, 900 × 2/3 = 300, 600
    BOOST_TEST(kronor(distribute(m)) == (L{300, 600}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ore_total_with_kr_allocation) {
    // total 1 000.50 kr by thirds (w = 1/3 each, base 0): 333.50 kr each exactly; whole kronor:
    // 1 000 split 333.33…: 333 + 333 + 333 + 1 krona to the first (equal remainders, 12.8), then
    // the 0.50 kr rest to the next in the same order, the second.
    AllocationModel m = model(0, 0, std::nullopt, {{"l", 1, 1, {}}, {"m", 1, 1, {}}, {"n", 1, 1, {}}});
    m.total = Money::from_ore(100'050);
    const AllocationResult r = distribute(m);
    BOOST_TEST(r.forbund[0].allocation == Money::from_ore(33'400));
    BOOST_TEST(r.forbund[1].allocation == Money::from_ore(33'350));
    BOOST_TEST(r.forbund[2].allocation == Money::from_ore(33'300));
    // the frame's quarters of 333.50 kr: 333 kr in two halves, 167 / 166, the 0.50 kr to the next: the municipalities
    BOOST_TEST(r.forbund[1].frame_region == Money::from_ore(16'700));
    BOOST_TEST(r.forbund[1].frame_municipalities == Money::from_ore(16'650));
}

BOOST_AUTO_TEST_CASE(the_literal_rounds_agree_on_random_models) {
    // The integer rounds with sorted thresholds against the spec's rounds done literally on
    // rationals, on 3 000 random models of 1–9 förbund with small figures (many ties, many caps).
    std::mt19937_64 rng(17);
    auto pick = [&](long long lo, long long hi) { return std::uniform_int_distribution<long long>(lo, hi)(rng); };
    int capped_models = 0, multi_round = 0;
    for (int t = 0; t < 3000; ++t) {
        std::vector<Spec> specs;
        const int n = static_cast<int>(pick(1, 9));
        static const char* ids[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
        for (int k = 0; k < n; ++k)
            specs.push_back({ids[k], pick(0, 20), pick(0, 20), pick(0, 3) ? std::optional<long long>(pick(0, 400)) : std::nullopt,
                             pick(0, 5) == 0});
        AllocationModel m = model(pick(0, 1000), pick(0, 40), pick(0, 4) ? std::optional<Rational>(q(pick(0, 60), pick(1, 3))) : std::nullopt,
                                  specs);
        m.support_weight = q(pick(0, 4) * 25);
        m.population_weight = 100 - m.support_weight;
        AllocationResult r;
        try {
            r = distribute(m);
        } catch (const PlanError&) {
            continue;  // /base, /decrease_cap_percent or a sum of 0 with a positive weight
        }
        const auto [a, rounds] = literal(m);
        Money sum;
        for (int k = 0; k < n; ++k) {
            BOOST_TEST(r.forbund[k].exact == a[k], "model " << t << " förbund " << k);
            BOOST_TEST((r.forbund[k].capped_in ? static_cast<int>(*r.forbund[k].capped_in) : -1) == rounds[k], "model " << t);
            sum += r.forbund[k].allocation;
        }
        BOOST_TEST(sum == m.total);
        bool any = false;
        for (const auto& f : r.forbund) any = any || f.capped();
        capped_models += any;
        multi_round += r.rounds.size() > 2;
    }
    BOOST_TEST(capped_models > 300);  // the comparison covers caps, and caps over several rounds
    BOOST_TEST(multi_round > 20);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(errors)

BOOST_AUTO_TEST_CASE(base_above_the_total) {
    // 3 × 400 000 = 1 200 000 > 1 000 000
    const auto ps = problems_of(model(1'000'000, 400'000, std::nullopt, {{"a", 1, 1, {}}, {"b", 1, 1, {}}, {"c", 1, 1, {}}}));
    BOOST_TEST_REQUIRE(ps.size() == 1u);
    BOOST_TEST(ps[0].path == "/base");
    BOOST_TEST(ps[0].message == "the base of 400000.00 kr for each of the 3 förbund is 1200000.00 kr, more than the total of "
                                "1000000.00 kr; lower the base or raise the total");
}

BOOST_AUTO_TEST_CASE(the_pool_becomes_negative) {
    // a: w = 1/2 → 500 000 < floor 2 000 000 × 0.9 = 1 800 000, capped in round 1; the pool
    // becomes 1 000 000 − 1 800 000 − 1 × 0 = −800 000.
    const auto ps = problems_of(model(1'000'000, 0, q(10), {{"a", 1, 1, 2'000'000}, {"b", 1, 1, {}}}));
    BOOST_TEST_REQUIRE(ps.size() == 1u);
    BOOST_TEST(ps[0].path == "/decrease_cap_percent");
    BOOST_TEST(ps[0].message == "with a decrease cap of 10 %, round 1 caps \"a\"; then the floors of the 1 förbund capped "
                                "(1800000.00 kr) and the base of the other 1 (1 × 0.00 kr) exceed the total of 1000000.00 kr by "
                                "800000.00 kr; lower decrease_cap_percent, exempt a förbund from the cap or raise the total");
}

BOOST_AUTO_TEST_CASE(every_forbund_capped_is_a_negative_pool) {
    // Every förbund below its floor: their floors exceed the total (the exact a sum to it), so
    // it is the negative pool at /decrease_cap_percent. 4 × 1 000 000 × 0.9 = 3 600 000 > 1 000 000.
    const auto ps = problems_of(model(1'000'000, 0, q(10), {{"a", 1, 1, 1'000'000}, {"b", 1, 1, 1'000'000},
                                                            {"c", 1, 1, 1'000'000}, {"d", 1, 1, 1'000'000}}));
    BOOST_TEST_REQUIRE(ps.size() == 1u);
    BOOST_TEST(ps[0].path == "/decrease_cap_percent");
    BOOST_TEST(ps[0].message.find("round 1 caps \"a\", \"b\", \"c\" and 1 more; then the floors of the 4 förbund capped (3600000.00 kr)") !=
               std::string::npos, ps[0].message);
}

BOOST_AUTO_TEST_CASE(a_sum_of_zero_with_a_positive_weight) {
    const auto ps = problems_of(model(1'000, 0, std::nullopt, {{"a", 0, 0, {}}, {"b", 0, 0, {}}}));
    BOOST_TEST_REQUIRE(ps.size() == 2u);
    BOOST_TEST(ps[0].path == "/forbund");
    BOOST_TEST(ps[0].message == "the förbund's support sums to 0 while weights.support is 75 %; give support figures or set "
                                "weights.support to 0");
    BOOST_TEST(ps[1].message == "the förbund's population sums to 0 while weights.population is 25 %; give population figures or "
                                "set weights.population to 0");
}

BOOST_AUTO_TEST_CASE(the_implied_frame_beyond_the_range) {
    AllocationModel m = model(0, 0, std::nullopt, {{"a", 1, 1, {}}});
    m.total = Money::from_ore(Money::max_ore / 2 + 1);
    const auto ps = problems_of(m);
    BOOST_TEST_REQUIRE(ps.size() == 1u);
    BOOST_TEST(ps[0].path == "/total");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(the_example)

BOOST_AUTO_TEST_CASE(figures_of_examples_readme_section_4) {
    const AllocationResult r = distribute(load_allocation_model_file(example));
    BOOST_TEST(r.name == "Statens fördelning 2016 – illustrativt exempel");
    BOOST_TEST(r.support_sum == kr(15'000'000'000));
    BOOST_TEST(r.population_sum == BigInt(600'000));
    // 5.1: sundsvall-timra 1 875 000 000 + 72 000: 3/32 + 3/100 = 495/4000
    BOOST_TEST(r.forbund[0].support == kr(1'875'000'000));
    BOOST_TEST(r.forbund[0].population == BigInt(72'000));
    BOOST_TEST(r.forbund[0].weight == q(495, 4000));
    // 5.2: R₁ = 43 200 000, W₁ = 1, sodra-dalarna and gotland; R₂ = 37 880 000, W₂ = 22/25,
    // ostersund-krokom; R₃ = 34 428 000, W₃ = 4/5, nobody.
    BOOST_TEST_REQUIRE(r.rounds.size() == 3u);
    BOOST_TEST(r.rounds[0].pool == q(4'320'000'000));
    BOOST_TEST(r.rounds[0].joined == (std::vector<std::size_t>{3, 5}), boost::test_tools::per_element());
    BOOST_TEST(r.rounds[1].pool == q(3'788'000'000));
    BOOST_TEST(r.rounds[1].weight_sum == q(22, 25));
    BOOST_TEST(r.rounds[1].joined == (std::vector<std::size_t>{9}), boost::test_tools::per_element());
    BOOST_TEST(r.rounds[2].pool == q(3'442'800'000));
    BOOST_TEST(r.rounds[2].weight_sum == q(4, 5));
    BOOST_TEST(r.rounds[2].joined.empty());
    // 5.2: exact a (sundsvall-timra 5 725 581.25 kr) and the allocations after largest remainder
    BOOST_TEST(r.forbund[0].exact == q(572'558'125));
    BOOST_TEST(kronor(r) == (L{5'725'581, 4'294'668, 4'811'088, 2'970'000, 4'875'640, 3'150'000, 2'670'096, 2'777'684, 5'585'717,
                               3'852'000, 4'617'430, 2'670'096}),
               boost::test_tools::per_element());
    // 5.3: changes, the six-decimal percentages, capped, frames
    BOOST_TEST((r.forbund[0].change == kr(425'581)));
    BOOST_TEST(format_percent(*r.forbund[0].change_percent) == "8.02983");
    BOOST_TEST(format_percent(*r.forbund[2].change_percent) == "2.363574");
    BOOST_TEST(format_percent(*r.forbund[7].change_percent) == "-18.303412");
    BOOST_TEST(!r.forbund[7].capped());  // exempt
    BOOST_TEST(!r.forbund[11].previous);
    BOOST_TEST(r.previous_sum() == kr(45'530'000));
    BOOST_TEST(r.forbund[8].implied_frame == kr(11'171'434));
    BOOST_TEST(r.forbund[8].frame_region == kr(2'792'859));
    BOOST_TEST(r.forbund[8].frame_municipalities == kr(2'792'858));
    Money change, region, municipalities;
    for (const auto& f : r.forbund) {
        if (f.change) change += *f.change;
        region += f.frame_region;
        municipalities += f.frame_municipalities;
    }
    BOOST_TEST(change == kr(-200'096));
    BOOST_TEST(region == kr(24'000'001));
    BOOST_TEST(municipalities == kr(23'999'999));
}

BOOST_AUTO_TEST_CASE(the_result_json) {
    const auto j = tree(result_json(distribute(load_allocation_model_file(example))));
    BOOST_TEST(j["format"] == "finsam-allocation-result/1");
    BOOST_TEST(j["year"] == 2016);
    BOOST_TEST(j["total"] == "48000000.00");
    const auto& first = j["forbund"][0];
    BOOST_TEST(first.dump() == R"({"id":"sundsvall-timra","name":"Samordningsförbundet Sundsvall–Timrå","allocation":"5725581.00",)"
                               R"("previous":"5300000.00","change":"425581.00","change_percent":"8.02983","capped":false,)"
                               R"("implied_frame":"11451162.00"})");
    // no previous: neither previous, change nor change_percent
    BOOST_TEST(j["forbund"][11].dump() == R"({"id":"ystad-osterlen","name":"Samordningsförbundet Ystad–Österlen",)"
                                          R"("allocation":"2670096.00","capped":false,"implied_frame":"5340192.00"})");
    BOOST_TEST(j["forbund"][3]["capped"] == true);
    BOOST_TEST(j["forbund"][3]["change_percent"] == "-10");
}

BOOST_AUTO_TEST_CASE(explain_one_forbund) {
    const AllocationResult r = distribute(load_allocation_model_file(example));
    const Explanation e = explain(r, "ostersund-krokom");
    // round 1: 400 000 + 43 200 000 × 0.08 / 1 = 3 856 000 ≥ 3 852 000; round 2: 400 000 +
    // 37 880 000 × 0.08 / 0.88 = 3 843 636.36… < 3 852 000: capped
    BOOST_TEST(e.text.find("  omgång 1: R = 43 200 000 kr, 12 ej begränsade med vikten 1: a = 400 000 kr + 43 200 000 kr × 0,08 / 1 "
                           "= 3 856 000 kr ≥ golvet 3 852 000 kr\n") != std::string::npos, e.text);
    BOOST_TEST(e.text.find("  omgång 2: R = 37 880 000 kr, 10 ej begränsade med vikten 0,88: a = 400 000 kr + 37 880 000 kr × 0,08 / "
                           "0,88 ≈ 3 843 636,36 kr < golvet 3 852 000 kr: begränsas\n") != std::string::npos, e.text);
    BOOST_TEST(e.text.find("Tilldelning 3 852 000 kr; föregående år 4 280 000 kr; förändring −428 000 kr (−10 %)") != std::string::npos,
               e.text);
    const auto data = tree(e.json);
    BOOST_TEST(data["rounds"].size() == 2u);
    BOOST_TEST(data["rounds"][1]["exact"] == "42280000/11");  // 400 000 + 75 760 000/22 = 84 560 000/22
    BOOST_TEST(data["floor"] == "3852000.00");
    // gavle: the tie of halves that did not get a krona
    const Explanation g = explain(r, "gavle", Lang::en);
    BOOST_TEST(g.text.find("exact 5,585,717.50 kr → 5,585,717 kr = 5,585,717 kr") != std::string::npos, g.text);
    // the remainders: norra-bohuslan .75, then vastra-skaraborg, kalmar and gavle .5 in file
    // order; 48 000 000 − 47 999 997 = 3 kronor left: gavle is 4th and gets none
    BOOST_TEST(g.text.find("  the remainder 0.5 kr comes 4th of 12; 3 kr were left after the whole ones and went to the 3 largest "
                           "remainders: none to this förbund\n") != std::string::npos, g.text);
    const auto gr = tree(g.json)["rounding"];
    BOOST_TEST(gr["extra_unit"] == false);
    BOOST_TEST(gr["remainder"] == "0.5");
    BOOST_TEST(gr["place"] == 4);
    BOOST_TEST(gr["units_left"] == 3);
    // vastra-skaraborg: .5 as well, 2nd (after norra-bohuslan's .75), so it gets one
    const Explanation v = explain(r, "vastra-skaraborg");
    BOOST_TEST(v.text.find("exakt 4 294 667,50 kr → 4 294 667 kr + 1 från största resten = 4 294 668 kr\n  resten 0,5 kr kommer på "
                           "plats 2 av 12; 3 kr blev över efter de hela och gick till de 3 största resterna: en till förbundet\n") !=
                   std::string::npos,
               v.text);
    // a capped förbund has a remainder of 0: no such line
    BOOST_TEST(e.text.find("resten ") == std::string::npos, e.text);
    BOOST_CHECK_THROW(explain(r, "nope"), Error);
}

BOOST_AUTO_TEST_CASE(tables_add_up) {
    const AllocationResult r = distribute(load_allocation_model_file(example));
    for (Unit u : {Unit::kr, Unit::tkr, Unit::mnkr})
        for (Lang l : {Lang::sv, Lang::en}) {
            TableOptions o;
            o.unit = u;
            o.lang = l;
            check_invariants(build_tables(r, o));
        }
    // tkr: the ordinary roundings 5 726, 4 295, 4 811, 2 970, 4 876, 3 150, 2 670, 2 778, 5 586,
    // 3 852, 4 617, 2 670 sum to 48 001, not the 48 000 of the Summa. Controlled rounding takes
    // the floors (sum 47 996) and raises the 4 largest remainders: gavle .717, norra-bohuslan
    // .684, vastra-skaraborg .668, ostra-sodertorn .640; sundsvall-timra's .581 stays down:
    // 5 725, moved (marked *, its exact value in the footnote).
    const BudgetTables bt = build_tables(r);
    const Table& t = bt.tables.at(0);
    std::vector<long long> shown;
    for (std::size_t k = 0; k < 12; ++k) shown.push_back(t.rows[k].cells[5].shown);
    BOOST_TEST(shown == (L{5'725, 4'295, 4'811, 2'970, 4'876, 3'150, 2'670, 2'778, 5'586, 3'852, 4'617, 2'670}),
               boost::test_tools::per_element());
    BOOST_TEST(t.rows[0].cells[5].moved);
    BOOST_TEST(!t.rows[4].cells[5].moved);
    BOOST_TEST(t.rows[12].cells[5].shown == 48'000);
}

BOOST_AUTO_TEST_CASE(golden_tables) {
    const AllocationResult r = distribute(load_allocation_model_file(example));
    for (Lang l : {Lang::sv, Lang::en}) {
        TableOptions o;
        o.lang = l;
        const BudgetTables bt = build_tables(r, o);
        const std::string base = std::string("fordelning") + (l == Lang::sv ? ".sv" : ".en");
        golden(base + ".md", to_markdown(bt));
        golden(base + ".html", to_html(bt));
        for (const auto& f : to_csv(bt)) golden(base + ".csv/" + f.name, f.content);
    }
    TableOptions kr_options;
    kr_options.unit = Unit::kr;
    golden("fordelning.sv.kr.md", to_markdown(build_tables(r, kr_options)));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(reading)

BOOST_AUTO_TEST_CASE(defaults_and_areas) {
    const AllocationModel m = load_allocation_model_string(R"({"format": "finsam-allocation/1", "year": 2016,
        "total": "339000000", "base": "400000",
        "forbund": [{"id": "sodra-dalarna", "name": "Södra Dalarnas samordningsförbund", "previous": "1820000",
                     "areas": [{"id": "avesta", "support": "412000000", "population": 13300},
                               {"id": "hedemora", "support": 287000000, "population": "9100"}]},
                    {"id": "samspelet", "support": "1530000000", "population": 48200, "previous": "4891000"}]})");
    BOOST_TEST(m.year == 2016);
    BOOST_TEST(m.support_weight == q(75));  // weights default to 75/25
    BOOST_TEST(m.population_weight == q(25));
    BOOST_TEST(!m.decrease_cap_percent);    // no cap unless given
    BOOST_TEST((m.allocation_unit == Unit::kr && m.mode == RoundingMode::half_up));
    BOOST_TEST_REQUIRE(m.forbund.size() == 2u);
    // the sums over the areas: 412 000 000 + 287 000 000 = 699 000 000 kr; 13 300 + 9 100 = 22 400
    BOOST_TEST(m.forbund[0].support == kr(699'000'000));
    BOOST_TEST(m.forbund[0].population == BigInt(22'400));
    BOOST_TEST(m.forbund[0].areas.at(1).name == "hedemora");  // a name defaults to the id
    BOOST_TEST(m.forbund[1].name == "samspelet");
    BOOST_TEST(!m.forbund[1].exempt_from_cap);
}

BOOST_AUTO_TEST_CASE(amounts_in_the_files_unit) {
    // tkr: total 48 000 tkr = 48 000 000 kr, base 400 tkr; weights 100/0 need no population sum
    const AllocationModel m = load_allocation_model_string(R"({"format": "finsam-allocation/1", "year": 2016,
        "amount_unit": "tkr", "total": "48000", "base": "400.5", "weights": {"support": "100"},
        "decrease_cap_percent": 12.5, "rounding": {"allocation": "öre", "mode": "half_even"},
        "forbund": [{"id": "a", "support": "1", "population": 0, "exempt_from_cap": true}]})");
    BOOST_TEST((m.total == kr(48'000'000)));
    BOOST_TEST((m.base == kr(400'500)));
    BOOST_TEST(m.population_weight == q(0));  // a weight not given is 0; they sum to 100
    BOOST_TEST(*m.decrease_cap_percent == q(25, 2));
    BOOST_TEST((m.allocation_unit == Unit::ore && m.mode == RoundingMode::half_even));
    BOOST_TEST(m.forbund[0].exempt_from_cap);
    BOOST_TEST(kronor(distribute(m)) == (L{48'000'000}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_problem_at_its_pointer) {
    const auto ps = load_problems(R"({"format": "finsam-allocation/1", "year": 2016, "total": "1e3", "base": "-1",
        "weights": {"support": "75", "population": "20"}, "forbund": [{"id": "a", "support": "1", "population": 1,
        "areas": [{"id": "x", "support": "1", "population": 1}]}, {"id": "a", "suport": "1", "population": 1}]})");
    std::vector<std::string> paths;
    for (const auto& p : ps) paths.push_back(p.path);
    // "1e3" is not a decimal string (an exponent only in a JSON number); −1 is negative; 75 + 20 ≠ 100;
    // support and population beside areas; a misspelt key, a duplicate id and the support it misses
    BOOST_TEST(paths == (std::vector<std::string>{"/total", "/base", "/weights", "/forbund/0/support", "/forbund/0/population",
                                                  "/forbund/1/suport", "/forbund/1/id", "/forbund/1/support"}),
               boost::test_tools::per_element());
    BOOST_TEST(ps[5].message == "unknown key \"suport\"; did you mean \"support\"?");
}

BOOST_AUTO_TEST_SUITE_END()
