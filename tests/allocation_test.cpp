// Tests for finsam/allocation.hpp: largest remainder (spec sections 7 and 12.8).
#define BOOST_TEST_MODULE allocation
#include <boost/test/unit_test.hpp>

#include <finsam/allocation.hpp>

#include <algorithm>
#include <random>

using namespace finsam;

namespace {
std::vector<std::int64_t> ore_of(const std::vector<Money>& parts) {
    std::vector<std::int64_t> v;
    for (Money m : parts) v.push_back(m.ore());
    return v;
}
using V = std::vector<std::int64_t>;
}  // namespace

BOOST_AUTO_TEST_SUITE(hand_checked)

BOOST_AUTO_TEST_CASE(sodra_dalarna_frame) {
    // 3 640 000 kr over 50/25/15/10 (shared/domain/001): 3 640 000 × 0.50 = 1 820 000,
    // × 0.25 = 910 000, × 0.15 = 546 000, × 0.10 = 364 000; no remainder.
    const auto parts = allocate(kr(3'640'000), {Rational(50), Rational(25), Rational(15), Rational(10)}, Unit::kr);
    BOOST_TEST(ore_of(parts) == (V{182'000'000, 91'000'000, 54'600'000, 36'400'000}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(three_equal_at_ore) {
    // 100 kr = 10 000 öre over 1/1/1: quotas 3 333.33… öre each, floors 3 333 × 3 = 9 999,
    // one öre left; remainders are equal, so the tie goes to the first: 33.34/33.33/33.33.
    const auto parts = allocate(kr(100), {Rational(1), Rational(1), Rational(1)}, Unit::ore);
    BOOST_TEST(ore_of(parts) == (V{3334, 3333, 3333}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(one_kr_three_ways_at_kr) {
    // 1 kr over 1/1/1 in whole kronor: quotas 1/3 each, floors 0, one kr left to the first.
    const auto parts = allocate(kr(1), {Rational(1), Rational(1), Rational(1)}, Unit::kr);
    BOOST_TEST(ore_of(parts) == (V{100, 0, 0}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(largest_remainder_wins) {
    // 10 kr over 1/2/3 (W = 6): quotas 10/6 = 1.67, 20/6 = 3.33, 30/6 = 5; floors 1/3/5 = 9;
    // remainders 4, 2, 0 (of 6): the one kr left goes to the first (remainder 4) → 2/3/5.
    const auto parts = allocate(kr(10), {Rational(1), Rational(2), Rational(3)}, Unit::kr);
    BOOST_TEST(ore_of(parts) == (V{200, 300, 500}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ties_go_to_the_earlier_member) {
    // 5 kr over 1/2/2/1 (W = 6): quotas 0.83, 1.67, 1.67, 0.83; floors 0/1/1/0 = 2, 3 left;
    // remainders 5, 4, 4, 5: first to members 0 and 3 (remainder 5, 0 listed first), then
    // member 1 beats member 2 on the tie of 4 → 1/2/1/1.
    const auto parts = allocate(kr(5), {Rational(1), Rational(2), Rational(2), Rational(1)}, Unit::kr);
    BOOST_TEST(ore_of(parts) == (V{100, 200, 100, 100}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(negative_amounts_mirror) {
    // −100 kr over 1/1/1 at öre is −split(100 kr) = −33.34/−33.33/−33.33.
    const auto parts = allocate(kr(-100), {Rational(1), Rational(1), Rational(1)}, Unit::ore);
    BOOST_TEST(ore_of(parts) == (V{-3334, -3333, -3333}), boost::test_tools::per_element());
    // −205 tkr over 50/50: −102 500 kr each.
    const auto fyren = allocate(Money::parse("-205", Unit::tkr), {Rational(1), Rational(1)}, Unit::kr);
    BOOST_TEST(ore_of(fyren) == (V{-10'250'000, -10'250'000}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(zero_weights_get_nothing) {
    // 7 kr over 0/1/0/1: quotas 0, 3.5, 0, 3.5; floors 3 + 3, one left, tie → member 1.
    const auto parts = allocate(kr(7), {Rational(0), Rational(1), Rational(0), Rational(1)}, Unit::kr);
    BOOST_TEST(ore_of(parts) == (V{0, 400, 0, 300}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(all_zero_weights) {
    BOOST_CHECK_EXCEPTION(allocate(kr(1), {Rational(0), Rational(0)}, Unit::kr), AllocationError,
                          [](const AllocationError& e) {
                              return std::string(e.what()) ==
                                     "cannot split a non-zero amount when every weight is zero";
                          });
    // Nothing to split: zero parts, no error.
    BOOST_TEST(ore_of(allocate(Money{}, {Rational(0), Rational(0)}, Unit::kr)) == (V{0, 0}),
               boost::test_tools::per_element());
    BOOST_CHECK_THROW(allocate(kr(1), {Rational(-1), Rational(2)}, Unit::kr), AllocationError);
}

BOOST_AUTO_TEST_CASE(sub_unit_rest) {
    // Spec 12.8: 10.75 kr in whole kronor over 1/1/1: 10 whole kr → quotas 3.33 each, floors 3,
    // one kr left to member 0 (tie); the 0.75 kr rest goes to the next in that order, member 1
    // → 4.00/3.75/3.00.
    const auto parts = allocate(Money::from_ore(1075), {Rational(1), Rational(1), Rational(1)}, Unit::kr);
    BOOST_TEST(ore_of(parts) == (V{400, 375, 300}), boost::test_tools::per_element());
    // 0.40 kr over 1/3 in kr: no whole kr; the rest goes to the member first in the order,
    // which with all remainders 0 is the first with a positive weight.
    const auto small = allocate(Money::from_ore(40), {Rational(0), Rational(1), Rational(3)}, Unit::kr);
    BOOST_TEST(ore_of(small) == (V{0, 40, 0}), boost::test_tools::per_element());
    // −10.75 kr mirrors 10.75 kr.
    const auto neg = allocate(Money::from_ore(-1075), {Rational(1), Rational(1), Rational(1)}, Unit::kr);
    BOOST_TEST(ore_of(neg) == (V{-400, -375, -300}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rational_weights) {
    // Weights 1/3 and 2/3 scale to 1 and 2: 10 kr → quotas 3.33, 6.67; floors 3 + 6,
    // remainders 1 and 2 (of 3): the left kr to member 1 → 3/7.
    const auto parts = allocate(kr(10), {Rational(1, 3), Rational(2, 3)}, Unit::kr);
    BOOST_TEST(ore_of(parts) == (V{300, 700}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(explained_steps) {
    // 10 kr over 1/2/3: the explanation records floors 1/3/5 and the one moved unit.
    const Rational w[] = {Rational(1), Rational(2), Rational(3)};
    const Allocation a = allocate_explained(kr(10), w, Unit::kr);
    BOOST_TEST(a.base_units == (V{1, 3, 5}), boost::test_tools::per_element());
    BOOST_TEST(a.extra_unit[0]);
    BOOST_TEST(!a.extra_unit[1]);
    BOOST_TEST(a.quota_units[0] == Rational(5, 3));
    BOOST_TEST(!a.rest_to.has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(properties)

// 100 000 random cases: parts sum to the whole; for whole-unit amounts each part is within one
// unit of its exact quota P·w/W; zero weights get nothing; the same inputs give the same parts.
BOOST_AUTO_TEST_CASE(random_cases) {
    std::mt19937_64 rng(20261123);
    const Unit units[] = {Unit::ore, Unit::kr};
    std::size_t checked = 0;
    for (int iter = 0; iter < 100'000; ++iter) {
        const std::size_t n = 1 + rng() % 8;
        std::vector<Rational> w(n);
        bool any = false;
        for (auto& x : w) {
            const auto kind = rng() % 4;
            x = kind == 0 ? Rational(0) : Rational(static_cast<long long>(rng() % 1000), static_cast<long long>(1 + rng() % 12));
            any = any || x > 0;
        }
        if (!any) w[rng() % n] = Rational(1);
        const Unit u = units[rng() % 2];
        // Amounts from a few öre up to 10^15 öre, either sign, whole units or not.
        const std::int64_t magnitude = static_cast<std::int64_t>(rng() % 1'000'000'000'000'000LL);
        std::int64_t ore = (rng() % 3 == 0) ? magnitude % 10'000 : magnitude;
        if (rng() % 2 == 0) ore = (ore / ore_per(u)) * ore_per(u);
        if (rng() % 4 == 0) ore = -ore;
        const Money p = Money::from_ore(ore);
        const auto parts = allocate(p, w, u);
        Money sum;
        Rational W = 0;
        for (const auto& x : w) W += x;
        for (std::size_t k = 0; k < n; ++k) {
            sum += parts[k];
            if (w[k] == 0) BOOST_REQUIRE(parts[k] == Money{});
            if (p.is_whole(u)) {
                const Rational quota = p.exact_ore() * w[k] / W;
                Rational diff = parts[k].exact_ore() - quota;
                if (diff < 0) diff = -diff;
                BOOST_REQUIRE(diff < ore_per(u));
            }
            BOOST_REQUIRE(parts[k].is_whole(u) || (!p.is_whole(u)));
        }
        BOOST_REQUIRE(sum == p);
        BOOST_REQUIRE(allocate(p, w, u) == parts);
        ++checked;
    }
    BOOST_TEST(checked == 100'000u);
}

BOOST_AUTO_TEST_SUITE_END()

// allocate() takes a 64/128-bit path where every weight is a whole number below 2^62 (and so
// is their sum); it must give exactly the parts of the exact path, allocate_explained(), on
// every kind of input: sub-unit rests, negative amounts, ties, huge weights and amounts.
BOOST_AUTO_TEST_CASE(integer_path_equals_the_exact_path) {
    std::mt19937_64 rng(15);
    const Unit units[] = {Unit::ore, Unit::kr, Unit::tkr};
    std::size_t integer_cases = 0;
    for (int iter = 0; iter < 100'000; ++iter) {
        const std::size_t n = 1 + rng() % 12;
        std::vector<Rational> w(n);
        const int regime = iter % 5;  // small ties, öre contributions, near 2^62, fractions; huge denominators
        for (auto& x : w) {
            switch (regime) {
                case 0: x = Rational(static_cast<long long>(rng() % 3)); break;
                case 1: x = Rational(static_cast<long long>(rng() % 10'000'000'000'000LL)); break;
                case 2: x = Rational(static_cast<long long>(rng() % (std::uint64_t{1} << 60))); break;
                case 4: x = Rational(BigInt(static_cast<long long>(rng() % 7)), BigInt(1) << (rng() % 70)); break;
                default: x = Rational(static_cast<long long>(rng() % 50), static_cast<long long>(1 + rng() % 7)); break;
            }
        }
        if (std::all_of(w.begin(), w.end(), [](const Rational& x) { return x == 0; })) w[0] = 1;
        const std::int64_t ore = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(Money::max_ore)) >> (rng() % 60);
        const Money p = Money::from_ore(rng() % 2 ? -ore : ore);
        const Unit u = units[rng() % 3];
        const auto fast = detail::allocate_int64(p, w, u);
        if (regime < 4) {
            Rational W = 0;
            for (const auto& x : w) W += x;
            if (W < Rational(BigInt(1) << 62)) BOOST_REQUIRE(fast.has_value());
        }
        if (fast) {
            ++integer_cases;
            BOOST_REQUIRE(*fast == allocate_explained(p, w, u).parts);
        }
    }
    BOOST_TEST(integer_cases > 60'000u);
    // where the path does not apply the exact one decides (and throws for all-zero weights)
    BOOST_TEST(!detail::allocate_int64(kr(1), std::vector<Rational>{Rational(BigInt(1), BigInt(1) << 63)}, Unit::kr).has_value());
    BOOST_TEST(!detail::allocate_int64(kr(1), std::vector<Rational>{Rational(0)}, Unit::kr).has_value());
    BOOST_CHECK_THROW(allocate(kr(1), std::vector<Rational>{Rational(0)}, Unit::kr), AllocationError);
}
