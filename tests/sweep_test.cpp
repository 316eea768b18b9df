// Tests for finsam/sweep.hpp: a sweep gives, scenario by scenario, exactly what evaluate()
// gives for the plan with that scenario's rates — on a hand-checked plan, on random plans
// (tests/reference/gen_plans.py, directory given after `--`) under every rounding mode and
// unit, and on plans that leave the kernel's bounds or overflow.
#define BOOST_TEST_MODULE sweep
#include <boost/test/unit_test.hpp>

#include <finsam/finsam.hpp>
#include <finsam/nlohmann.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace finsam;
using i64 = std::int64_t;

namespace {

/// What evaluate() gives scenario by scenario: the figures, or the first scenario it rejects.
struct Expected {
    std::vector<i64> cost_share, costs;
    std::optional<std::size_t> failing;
    std::vector<Problem> problems;
};

Expected expected_of(const Plan& plan, const std::vector<i64>& rates, std::size_t scenarios) {
    const std::size_t nm = plan.members.size(), ny = static_cast<std::size_t>(plan.year_count());
    Expected e;
    for (std::size_t s = 0; s < scenarios; ++s) {
        try {
            const Result r = evaluate(with_uprating(plan, std::span<const i64>(rates).subspan(s * nm * ny, nm * ny)));
            for (std::size_t y = 0; y < ny; ++y) {
                for (std::size_t k = 0; k < nm; ++k) e.cost_share.push_back(r.members[k].cost_share[y].ore());
                e.costs.push_back(r.totals[y].costs.ore());
            }
        } catch (const PlanError& err) {
            e.failing = s;
            for (const auto& p : err.problems()) e.problems.push_back({p.path, "scenario " + std::to_string(s) + ": " + p.message});
            return e;
        }
    }
    return e;
}

/// Totals over the random runs, so the tests can tell the kernel really ran.
struct Tally {
    std::size_t compared = 0, rejected = 0, kernel = 0, fallback = 0, simd_runs = 0;
};

/// Sweep with `options` (through sweep(), or a prepared Sweep when given) and compare with
/// evaluate(), errors included.
void check_sweep(const Plan& plan, const std::vector<i64>& rates, std::size_t scenarios, const Expected& e,
                 const SweepOptions& options, Tally& tally, const std::string& what, const Sweep* prepared = nullptr) {
    auto run = [&] { return prepared ? prepared->run(rates, scenarios, options) : sweep(plan, rates, scenarios, options); };
    BOOST_TEST_CONTEXT(what << " threads=" << options.threads << " simd=" << options.simd << " prepared=" << (prepared != nullptr)) {
        if (e.failing) {
            bool thrown = false;
            try {
                run();
            } catch (const PlanError& err) {
                thrown = true;
                BOOST_TEST(err.problems() == e.problems);
            }
            BOOST_TEST(thrown);
            ++tally.rejected;
            return;
        }
        const SweepResult r = run();
        BOOST_TEST(r.cost_share == e.cost_share);
        BOOST_TEST(r.costs == e.costs);
        BOOST_TEST(r.stats.kernel + r.stats.fallback == scenarios);
        tally.compared += scenarios;
        tally.kernel += r.stats.kernel;
        tally.fallback += r.stats.fallback;
        tally.simd_runs += r.stats.simd ? 1 : 0;
    }
}

std::vector<i64> random_rates(std::mt19937_64& rng, std::size_t n, int regime) {
    std::vector<i64> out(n);
    for (auto& v : out) {
        switch (regime) {
            case 0: v = std::uniform_int_distribution<i64>(-200, 800)(rng); break;      // −2 % … 8 %
            case 1: v = std::uniform_int_distribution<i64>(-10000, 0)(rng); break;      // −100 % … 0
            case 2: v = std::uniform_int_distribution<i64>(-30000, 30000)(rng); break;  // ±300 %: signs flip
            default:  // mostly ordinary, now and then enormous (overflow within a few years)
                v = std::uniform_int_distribution<int>(0, 40)(rng) == 0 ? std::uniform_int_distribution<i64>(-(i64{1} << 40), i64{1} << 40)(rng)
                                                                        : std::uniform_int_distribution<i64>(-500, 1500)(rng);
        }
    }
    return out;
}

/// The plan's own rates in whole basis points for every member and plan year (0 where a member
/// has none), or nullopt when some rate is not a whole basis point.
std::optional<std::vector<i64>> own_rates(const Plan& plan) {
    const std::size_t ny = static_cast<std::size_t>(plan.year_count());
    std::vector<i64> out;
    for (const auto& r : plan.uprating)
        for (std::size_t y = 0; y < ny; ++y) {
            const auto* e = r ? r->at(plan.first_year + static_cast<int>(y)) : nullptr;
            if (!e) {
                out.push_back(0);
                continue;
            }
            const Rational bp = e->value * 100;
            if (boost::multiprecision::denominator(bp) != 1) return std::nullopt;
            out.push_back(static_cast<i64>(boost::multiprecision::numerator(bp)));
        }
    return out;
}

std::string plans_dir() {
    const auto& m = boost::unit_test::framework::master_test_suite();
    for (int i = 1; i < m.argc; ++i)
        if (std::string(m.argv[i]).rfind("--", 0) != 0) return m.argv[i];
    return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(hand_checked)

// One intervention "x" owned by a (known 1 000 kr in 2004), frame part 20 %, key 1:1; the final
// frame is 600 : 400. Amounts in öre, allocation in kr, half_up. b's rates never matter.
const char* const plan_text = R"({"format": "finsam/1", "years": [2005, 2006],
  "rounding": {"amounts": "öre", "allocation": "kr", "mode": "half_up"},
  "members": [{"id": "a", "kind": "state"}, {"id": "b", "kind": "region"}],
  "shares": {"a": "60", "b": "40"}, "frame": {"total": 1000}, "uprating": {"a": "2"},
  "interventions": [{"id": "x", "owner": "a", "amounts": {"2004": 1000},
    "financing": {"frame_part": "20", "key": {"a": 1, "b": 1}}}]})";

BOOST_AUTO_TEST_CASE(two_scenarios_by_hand) {
    const Plan plan = load_plan_string(plan_text);
    // rates[s][member][year]: scenario 0 a 1.50 %, 2.50 %; scenario 1 a −2.55 %, 10 %.
    const std::vector<i64> rates = {150, 250, 5000, -5000, -255, 1000, 0, 99999};
    const SweepResult r = sweep(plan, rates, 2);
    BOOST_REQUIRE(r.scenarios == 2u && r.years == 2u && r.members == 2u);
    // Scenario 0, 2005: 1 000 × 1.015 = 1 015.00; frame 203 kr: 121.8 | 81.2 → 121 + 81, the
    // left krona to a (remainder .8) → 122 | 81; case 812 → 406 | 406. a 528, b 487.
    BOOST_TEST(r.cost_share_at(0, 0, 0) == 52800);
    BOOST_TEST(r.cost_share_at(0, 0, 1) == 48700);
    BOOST_TEST(r.costs_at(0, 0) == 101500);
    // 2006: 1 015 × 1.025 = 1 040.375 → 1 040.38; frame 208.076 → 208 kr: 124.8 | 83.2 →
    // 125 | 83; case 832.38: 416 | 416 and the 0.38 rest to a (tie, listed first).
    // a 125 + 416.38 = 541.38, b 83 + 416 = 499.
    BOOST_TEST(r.cost_share_at(0, 1, 0) == 54138);
    BOOST_TEST(r.cost_share_at(0, 1, 1) == 49900);
    BOOST_TEST(r.costs_at(0, 1) == 104038);
    // Scenario 1, 2005: 1 000 × 0.9745 = 974.50; frame 194.90 → 195 kr: 117 | 78 exactly;
    // case 779.50: 779 kr → 389.5 | 389.5 → 389 + 389, the left krona to a (tie) → 390 | 389,
    // the 0.50 rest to the next in that order, b → 389.50. a 507, b 467.50.
    BOOST_TEST(r.cost_share_at(1, 0, 0) == 50700);
    BOOST_TEST(r.cost_share_at(1, 0, 1) == 46750);
    BOOST_TEST(r.costs_at(1, 0) == 97450);
    // 2006: 974.50 × 1.10 = 1 071.95; frame 214.39 → 214 kr: 128.4 | 85.6 → 128 + 85, the left
    // krona to b (.6) → 128 | 86; case 857.95: 857 kr → 428.5 | 428.5 → 429 | 428 (tie to a),
    // rest 0.95 to b. a 128 + 429 = 557, b 86 + 428.95 = 514.95.
    BOOST_TEST(r.cost_share_at(1, 1, 0) == 55700);
    BOOST_TEST(r.cost_share_at(1, 1, 1) == 51495);
    BOOST_TEST(r.costs_at(1, 1) == 107195);
    BOOST_TEST(r.stats.kernel == 2u);
    BOOST_TEST(r.stats.fallback == 0u);
}

BOOST_AUTO_TEST_CASE(with_uprating_keeps_earlier_years) {
    // Dated plan rates {"2003": 10, "2005": 3}; known 1 000 kr in 2003, years 2005–2005. 2004 keeps
    // the plan's 10 % (1 100 kr); 2005 takes the scenario's 1.00 % instead of 3 %: 1 111 kr.
    const Plan plan = load_plan_string(R"({"format": "finsam/1", "years": [2005, 2005],
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": "100"}, "uprating": {"a": {"2003": 10, "2005": 3}},
      "interventions": [{"id": "x", "owner": "a", "amounts": {"2003": 1000}}]})");
    const std::vector<i64> rates = {100};
    const Result r = evaluate(with_uprating(plan, rates));
    BOOST_TEST(r.interventions[0].amount[0].ore() == 111100);
    BOOST_TEST(sweep(plan, rates, 1).costs_at(0, 0) == 111100);
}

BOOST_AUTO_TEST_CASE(with_uprating_keeps_an_undated_rate_before_the_first_year) {
    // Undated plan rate 10 %: 2003 1 000 kr → 2004 1 100 kr (the plan's rate) → 2005 at the
    // scenario's 1 %: 1 111 kr.
    const Plan plan = load_plan_string(R"({"format": "finsam/1", "years": [2005, 2005],
      "members": [{"id": "a", "kind": "other"}], "shares": {"a": "100"}, "uprating": {"a": "10"},
      "interventions": [{"id": "x", "owner": "a", "amounts": {"2003": 1000}}]})");
    const std::vector<i64> rates = {100};
    BOOST_TEST(evaluate(with_uprating(plan, rates)).interventions[0].amount[0].ore() == 111100);
    BOOST_TEST(sweep(plan, rates, 1).costs_at(0, 0) == 111100);
}

BOOST_AUTO_TEST_CASE(wrong_shapes_are_errors) {
    const Plan plan = load_plan_string(plan_text);
    const std::vector<i64> rates(7, 0);
    BOOST_CHECK_EXCEPTION(sweep(plan, rates, 2), Error, [](const Error& e) {
        return std::string(e.what()) == "sweep: rates have 7 values; expected scenarios × members × years = 2 × 2 × 2";
    });
    BOOST_TEST(sweep(plan, std::vector<i64>{}, 0).cost_share.empty());
}

BOOST_AUTO_TEST_CASE(rejected_scenario_names_itself) {
    // Frame 0 in 2006 (total dated) and a frame part to split there: evaluate() rejects any scenario
    // whose 2006 frame part is not 0. Rates −100 % in 2005 make the amount 0 from then on, so
    // scenario 0 (−100 %) is fine and scenario 1 (+1 %) is the first rejected one.
    const Plan plan = load_plan_string(R"({"format": "finsam/1", "years": [2005, 2006],
      "members": [{"id": "a", "kind": "state"}, {"id": "b", "kind": "region"}],
      "shares": {"a": "50", "b": "50"}, "frame": {"2005": {"total": 100}, "2006": {"total": 0}},
      "interventions": [{"id": "x", "owner": "a", "amounts": {"2004": 1000}, "financing": {"key": {"a": 1}}}]})");
    const std::vector<i64> rates = {-10000, 0, 0, 0, 100, 0, 0, 0, 100, 0, 0, 0};
    auto first_is_scenario_1 = [](const PlanError& e) {
        return e.problems().size() == 1u && e.problems()[0].path == "/frame/2006" &&
               e.problems()[0].message.rfind("scenario 1: 2006 has a final frame of 0", 0) == 0;
    };
    BOOST_CHECK_EXCEPTION(sweep(plan, rates, 3, {2, true}), PlanError, first_is_scenario_1);
    // With rates of 0 the plan cannot be evaluated, so a prepared sweep prepares each run itself.
    const Sweep prepared(plan);
    BOOST_TEST(!prepared.prepared());
    BOOST_CHECK_EXCEPTION(prepared.run(rates, 3), PlanError, first_is_scenario_1);
    // A chunk of a larger sweep numbers its scenarios from first_scenario: scenario 1 is 101.
    BOOST_CHECK_EXCEPTION(sweep(plan, rates, 3, {1, true, 100}), PlanError, [](const PlanError& e) {
        return e.problems()[0].message.rfind("scenario 101: 2006 has a final frame of 0", 0) == 0;
    });
    BOOST_TEST(prepared.run(std::span<const i64>(rates).first(4), 1).costs_at(0, 1) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(bounds)

// Intervention x owned by a, known in 2004; frame total 1 000 kr split 50/50; frame part 20 %,
// key a 1, b 3. AMOUNT is the 2004 amount in kr.
std::string big_plan(const std::string& amount, const std::string& extra = "") {
    return R"({"format": "finsam/1", "years": [2005, 2006], "rounding": {"amounts": "öre", "allocation": "kr", "mode": "half_even"},)" + extra + R"(
      "members": [{"id": "a", "kind": "state"}, {"id": "b", "kind": "region"}],
      "shares": {"a": "50", "b": "50"}, "frame": {"total": 1000}, "financing": {"frame_part": "20"},
      "interventions": [{"id": "x", "owner": "a", "amounts": {"2004": ")" + amount + R"("}, "financing": {"key": {"a": 1, "b": 3}}},
                        {"id": "y", "owner": "b", "amounts": {"2004": "1234.56"}, "financing": {"key": {"b": 1}}}]})";
}

BOOST_AUTO_TEST_CASE(wide_amounts_take_the_scalar_split) {
    // 3·10^10 kr = 3·10^12 öre: more than 2^32 units in a split (the AVX2 kernel's bound), far
    // below 2^60 öre: the kernel's scalar split, no fallback. 300 scenarios of −5 % … +5 %.
    const Plan plan = load_plan_string(big_plan("30000000000.01"));
    std::mt19937_64 rng(7);
    const std::size_t scenarios = 300;
    std::vector<i64> rates(scenarios * 4);
    for (auto& v : rates) v = std::uniform_int_distribution<i64>(-500, 500)(rng);
    const Expected e = expected_of(plan, rates, scenarios);
    BOOST_REQUIRE(!e.failing);
    const SweepResult r = sweep(plan, rates, scenarios, {2, true});
    BOOST_TEST(r.cost_share == e.cost_share);
    BOOST_TEST(r.costs == e.costs);
    BOOST_TEST(r.stats.kernel == scenarios);
}

BOOST_AUTO_TEST_CASE(without_equity_the_running_result_may_pass_the_limit) {
    // The same plan without `equity` (spec 12.24): +100 % in 2005 gives 8·10^18 öre of costs a
    // year, results of about −8·10^18 öre each, a running sum of −1.6·10^19 öre — no equity chain
    // is computed, so the scenario is valid, in evaluate() and in the sweep alike.
    const Plan plan = load_plan_string(big_plan("40000000000000000"));
    const std::vector<i64> rates = {10000, 0, 0, 0};
    const Expected e = expected_of(plan, rates, 1);
    BOOST_REQUIRE(!e.failing);
    const SweepResult r = sweep(plan, rates, 1, {1, true});
    BOOST_TEST(r.cost_share == e.cost_share);
    BOOST_TEST(r.costs_at(0, 0) == 8'000'000'000'000'123'456);  // 4·10^18 öre × 2 + y's 1 234.56 kr
}

BOOST_AUTO_TEST_CASE(amounts_beyond_2_60_ore_go_to_evaluate_and_overflow_is_an_error) {
    // 4·10^16 kr = 4·10^18 öre (2^60 ≈ 1.15·10^18): evaluate() computes these scenarios.
    // With "equity": {} the equity chain is computed and checked (without it, spec 12.24, it is not).
    const Plan plan = load_plan_string(big_plan("40000000000000000", R"("equity": {},)"));
    const Sweep prepared(plan);
    BOOST_TEST(prepared.prepared());
    // rates[s] = {a 2005, a 2006, b 2005, b 2006}. Scenario 0: 0 % → 4·10^18 öre both years;
    // equity 1 000 kr − 8·10^18 öre after 2006 stays above −(2^63 − 1) ≈ −9.22·10^18.
    std::vector<i64> rates = {0, 0, 0, 0};
    const Expected e0 = expected_of(plan, rates, 1);
    BOOST_REQUIRE(!e0.failing);
    const SweepResult r0 = prepared.run(rates, 1);
    BOOST_TEST(r0.cost_share == e0.cost_share);
    BOOST_TEST(r0.costs_at(0, 1) == 4'000'000'000'000'123'456);  // 4·10^18 öre + 1 234.56 kr
    BOOST_TEST(r0.stats.fallback == 1u);
    // Scenario 1: +100 % in 2005 → 8·10^18 öre a year; the equity at the end of 2006 would be
    // about −1.6·10^19 öre: evaluate() rejects it, and so does the sweep, naming scenario 1.
    // Scenario 2: +100 % both years → 1.6·10^19 öre in 2006, an amount beyond the limit.
    rates.insert(rates.end(), {10000, 0, 0, 0, 10000, 10000, 0, 0});
    const Expected e = expected_of(plan, rates, 3);
    BOOST_REQUIRE(e.failing && *e.failing == 1u);
    BOOST_REQUIRE(!e.problems.empty());
    BOOST_TEST(e.problems[0].path == "/equity");
    BOOST_TEST(e.problems[0].message.rfind("scenario 1: the equity at the end of 2006 would be beyond", 0) == 0);
    for (const SweepOptions o : {SweepOptions{1, true}, SweepOptions{2, false}}) {
        BOOST_CHECK_EXCEPTION(sweep(plan, rates, 3, o), PlanError, [&](const PlanError& err) { return err.problems() == e.problems; });
        BOOST_CHECK_EXCEPTION(prepared.run(rates, 3, o), PlanError, [&](const PlanError& err) { return err.problems() == e.problems; });
    }
    // Scenario 2 alone: the amount of x in 2006.
    const std::vector<i64> r2 = {10000, 10000, 0, 0};
    const Expected e2 = expected_of(plan, r2, 1);
    BOOST_REQUIRE(e2.failing && !e2.problems.empty());
    BOOST_TEST(e2.problems[0].message.rfind("scenario 0: the amount of \"x\" in 2006 would be beyond", 0) == 0);
    BOOST_CHECK_EXCEPTION(prepared.run(r2, 1), PlanError, [&](const PlanError& err) { return err.problems() == e2.problems; });
}

BOOST_AUTO_TEST_CASE(enormous_rates_are_checked_not_wrapped) {
    // Rates of ±2^62 bp make A = 10 000 + bp and prev·A overflow int64 in the kernel: those
    // scenarios go to evaluate(), which rejects them (the amount is beyond the limit).
    const Plan plan = load_plan_string(big_plan("1000"));
    const std::vector<i64> rates = {i64{1} << 62, 0, 0, 0};
    const Expected e = expected_of(plan, rates, 1);
    BOOST_REQUIRE(e.failing);
    BOOST_CHECK_EXCEPTION(sweep(plan, rates, 1), PlanError, [&](const PlanError& err) { return err.problems() == e.problems; });
    // −10 000 bp (−100 %) is fine: the amount becomes 0.
    const std::vector<i64> zero = {-10000, 5, 0, 0};
    const SweepResult r = sweep(plan, zero, 1);
    BOOST_TEST(r.costs_at(0, 0) == 123456);  // only y (1 234.56 kr, b's rate 0 %)
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(against_evaluate)

BOOST_AUTO_TEST_CASE(random_plans_every_rounding) {
    const std::string dir = plans_dir();
    BOOST_REQUIRE_MESSAGE(!dir.empty() && std::filesystem::is_directory(dir), "pass the generated plans' directory after --");
    std::vector<std::filesystem::path> files;
    for (const auto& f : std::filesystem::directory_iterator(dir))
        if (f.path().extension() == ".json") files.push_back(f.path());
    std::sort(files.begin(), files.end());
    BOOST_REQUIRE(files.size() >= 10u);
    std::mt19937_64 rng(6);
    Tally tally;
    std::size_t own_checked = 0;
    const Unit units[] = {Unit::ore, Unit::kr, Unit::tkr};
    const RoundingMode modes[] = {RoundingMode::half_up, RoundingMode::half_even, RoundingMode::toward_zero};
    std::size_t run = 0;
    for (const auto& file : files) {
        const Plan base = load_plan_file(file.string());
        const std::size_t nm = base.members.size(), ny = static_cast<std::size_t>(base.year_count());
        if (auto own = own_rates(base)) {  // with_uprating(plan, the plan's own rates) is the plan itself
            ++own_checked;
            BOOST_TEST_CONTEXT(file.filename().string() << " with its own rates") {
                std::optional<Result> a, b;
                try {
                    a = evaluate(base);
                } catch (const PlanError&) {
                }
                try {
                    b = evaluate(with_uprating(base, *own));
                } catch (const PlanError&) {
                }
                BOOST_TEST(a.has_value() == b.has_value());
                if (a && b) BOOST_TEST(to_json(*a).dump() == to_json(*b).dump());
            }
        }
        for (int variant = 0; variant < 3; ++variant, ++run) {
            Plan plan = base;
            if (variant > 0) {  // every mode and unit in turn, as the plans themselves vary only by chance
                plan.rounding.mode = modes[run % 3];
                plan.rounding.amounts = units[(run / 3) % 3];
                plan.rounding.allocation = (run / 9) % 2 ? Unit::kr : Unit::ore;
            }
            const std::size_t scenarios = variant == 0 ? 70 : 9;  // 70: a second, partly filled block
            const std::vector<i64> rates = random_rates(rng, scenarios * nm * ny, static_cast<int>(run % 4));
            const Expected e = expected_of(plan, rates, scenarios);
            const std::string what = file.filename().string() + " variant " + std::to_string(variant);
            check_sweep(plan, rates, scenarios, e, {1, true}, tally, what);
            check_sweep(plan, rates, scenarios, e, {2, false}, tally, what);
            const Sweep prepared(plan);
            check_sweep(plan, rates, scenarios, e, {2, true}, tally, what, &prepared);
        }
    }
    BOOST_TEST_MESSAGE("compared " << tally.compared << " scenarios (" << tally.kernel << " by the kernel, " << tally.fallback
                                   << " by evaluate()), " << tally.rejected << " rejected runs");
    // The kernel, not the fallback, must carry the comparison, and rejections must be checked too.
    BOOST_TEST(tally.kernel * 10 >= tally.compared * 8);
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) BOOST_TEST(tally.simd_runs > 0u);
#endif
    BOOST_TEST(tally.rejected > 0u);
    BOOST_TEST(own_checked * 2 >= files.size());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(year_after_the_plan)

// Law shares, cover_costs (the default) with other income: each year's frame is costs −
// income, so the final contributions — the frame part's weights — change with the rates and
// the income. x (region's rate, known 100 000 in 2010, frame part 100) has a profile and
// actuals through February 2011 with a run-rate forecast; y (kommun's rate, frame part 20,
// key kommun and fk) is known in 2011. Liquidity with quarterly payments.
const char* const income_plan = R"({"format": "finsam/1", "years": [2011, 2013],
  "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}, {"id": "kommun", "kind": "municipality"}],
  "shares": {"rule": "law"}, "uprating": {"region": "1.5", "kommun": "3"},
  "income": [{"id": "esf", "amounts": {"2011": "5000", "2012": "20000.55"}}],
  "equity": {"opening": "1000"},
  "interventions": [
    {"id": "x", "owner": "region", "amounts": {"2010": "100000"}, "profile": [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]},
    {"id": "y", "owner": "kommun", "amounts": {"2011": "40000"}, "financing": {"frame_part": "20", "key": {"kommun": 1, "fk": 1}}}],
  "actuals": {"through": "2011-03", "costs": {"x": {"2011-03": "9000"}}, "forecast": {"x": "run_rate"}},
  "liquidity": {"opening": "0"}})";

BOOST_AUTO_TEST_CASE(income_in_the_kernel_and_actuals_untouched) {
    const Plan plan = load_plan_string(income_plan);
    Plan bare = plan;  // the same plan without what only the follow-up reads
    bare.actuals.reset();
    bare.liquidity.reset();
    bare.interventions[0].profile.reset();
    std::mt19937_64 rng(15);
    Tally tally;
    for (int regime = 0; regime < 4; ++regime) {
        const std::vector<i64> rates = random_rates(rng, 70 * 3 * 3, regime == 1 ? 2 : regime);
        // the plan's figures do not depend on its actuals: the sweep of the plan is that of
        // the bare plan, scenario by scenario exactly what evaluate() gives
        const Expected e = expected_of(bare, rates, 70);
        check_sweep(plan, rates, 70, e, {1, true}, tally, "with actuals, regime " + std::to_string(regime));
        check_sweep(bare, rates, 70, e, {2, false}, tally, "bare, regime " + std::to_string(regime));
        const Sweep prepared(plan);
        BOOST_TEST(prepared.plan().actuals.has_value());  // the prepared plan is the plan as given
        check_sweep(plan, rates, 70, e, {2, true}, tally, "prepared, regime " + std::to_string(regime), &prepared);
    }
    BOOST_TEST(tally.kernel > 0u);
    // ordinary rates: evaluate() of the whole plan (follow-up included) gives the same figures
    const std::vector<i64> ordinary = random_rates(rng, 20 * 3 * 3, 0);
    const Expected full = expected_of(plan, ordinary, 20);
    BOOST_TEST(!full.failing.has_value());
    check_sweep(plan, ordinary, 20, full, {1, true}, tally, "ordinary rates, the whole plan");
    // region at −100 % in 2011 makes x 0 in 2011: its run-rate forecast has nothing budgeted to
    // date, so evaluate() rejects the plan — the sweep still gives the plan's figures
    std::vector<i64> minus100(9, 0);
    minus100[3] = -10000;  // member 1 (region), year 0
    BOOST_CHECK_THROW(evaluate(with_uprating(plan, minus100)), PlanError);
    const SweepResult r = sweep(plan, minus100, 1);
    const Result b = evaluate(with_uprating(bare, minus100));
    BOOST_TEST(r.costs_at(0, 0) == b.totals[0].costs.ore());
    // y alone in 2011: 40 000 kr (frame 40 000 − 5 000 = 35 000)
    BOOST_TEST(r.costs_at(0, 0) == 4'000'000);
    for (std::size_t k = 0; k < 3; ++k) BOOST_TEST(r.cost_share_at(0, 0, k) == b.members[k].cost_share[0].ore());
}

BOOST_AUTO_TEST_CASE(income_by_hand) {
    // All rates 0: x 100 000, y 40 000 every year. 2011: frame = 140 000 − 5 000 = 135 000 →
    // fk 67 500, region 33 750, kommun 33 750. x all in the frame part: 50 000, 25 000, 25 000.
    // y: frame part 8 000 → 4 000, 2 000, 2 000; case 32 000 → kommun 16 000, fk 16 000.
    // Cost shares 2011: fk 70 000, region 27 000, kommun 43 000.
    // 2012: frame = 140 000 − 20 000.55 = 119 999.45 (an öre frame: the 0.45 rest goes by
    // 12.8); the sweep agrees with evaluate() on every share:
    const Plan plan = load_plan_string(income_plan);
    const std::vector<i64> zeros(9, 0);
    const SweepResult r = sweep(plan, zeros, 1);
    BOOST_TEST(r.cost_share_at(0, 0, 0) == 7'000'000);
    BOOST_TEST(r.cost_share_at(0, 0, 1) == 2'700'000);
    BOOST_TEST(r.cost_share_at(0, 0, 2) == 4'300'000);
    const Result e = evaluate(with_uprating(plan, zeros));
    for (std::size_t k = 0; k < 3; ++k) BOOST_TEST(r.cost_share_at(0, 1, k) == e.members[k].cost_share[1].ore());
    BOOST_TEST(e.totals[1].contributions == Money::parse("119999.45", Unit::kr));
}

BOOST_AUTO_TEST_SUITE_END()
