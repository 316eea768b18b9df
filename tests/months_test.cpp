// Tests for finsam/months.hpp: profiles and the monthly budget (spec 14.1, 14.6.4), with the
// largest-remainder splits worked out by hand in the comments.
#define BOOST_TEST_MODULE months
#include <boost/test/unit_test.hpp>

#include <random>

#include "test_util.hpp"

using namespace finsam;
using finsam_test::problems_of;
using Lines = std::vector<std::string>;

namespace {

Months kr_months(std::initializer_list<std::int64_t> kronor) {
    Months m{};
    std::size_t k = 0;
    for (auto v : kronor) m[k++] = kr(v);
    return m;
}

std::string plan(const std::string& interventions, const std::string& extra = "") {
    return R"({"format": "finsam/1", "years": [2011, 2012],
      "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}],
      "shares": {"fk": "50", "region": "50"}, "frame": {"total": "1000000"},
      "interventions": [)" +
           interventions + "]" + extra + "}";
}

Result eval(const std::string& text) { return evaluate(load_plan_string(text)); }

}  // namespace

BOOST_AUTO_TEST_CASE(even_split_by_largest_remainder) {
    // 1 000 kr / 12 = 83 r 4: every month 83, the 4 units left over go to the largest
    // remainders, all equal (1 000 mod 12 = 4), so to the earliest months: Jan–Apr 84.
    const Months m = split_months(kr(1000), Profile::even_months(), Unit::kr);
    BOOST_TEST((m == kr_months({84, 84, 84, 84, 83, 83, 83, 83, 83, 83, 83, 83})));
    BOOST_TEST(sum_months(m) == kr(1000));
    BOOST_TEST(sum_months(m, 1, 4) == kr(336));
}

BOOST_AUTO_TEST_CASE(sub_unit_rest_and_negative_amounts) {
    // 1 000.50 kr in kr units: 1 000 units as above, the 0.50 kr rest to the month that would
    // have got the next unit: May (12.8).
    const Months m = split_months(Money::parse("1000.50", Unit::kr), Profile::even_months(), Unit::kr);
    BOOST_TEST(m[3] == kr(84));
    BOOST_TEST(m[4] == Money::parse("83.50", Unit::kr));
    BOOST_TEST(m[5] == kr(83));
    // −1 000 is −split(1 000)
    const Months n = split_months(kr(-1000), Profile::even_months(), Unit::kr);
    BOOST_TEST(n[0] == kr(-84));
    BOOST_TEST(n[11] == kr(-83));
    // weights 1, 2, 0 … 0, 1 of 1 000: 250, 500, 0…, 250
    Profile p;
    p.weights[0] = 1, p.weights[1] = 2, p.weights[11] = 1;
    BOOST_TEST((split_months(kr(1000), p, Unit::kr) == kr_months({250, 500, 0, 0, 0, 0, 0, 0, 0, 0, 0, 250})));
    // all-zero weights: an error for a non-zero amount, twelve zeros for 0
    BOOST_CHECK_THROW(split_months(kr(1), Profile{}, Unit::kr), AllocationError);
    BOOST_TEST((split_months(Money{}, Profile{}, Unit::kr) == Months{}));
}

BOOST_AUTO_TEST_CASE(months_always_sum_to_the_amount) {
    std::mt19937_64 rng(15);
    for (int n = 0; n < 2000; ++n) {
        Profile p;
        for (auto& w : p.weights) w = Rational(static_cast<long long>(rng() % 4), static_cast<long long>(1 + rng() % 3));
        if (p.all_zero()) p.weights[rng() % 12] = 1;
        const Money a = Money::from_ore(static_cast<std::int64_t>(rng() % 100'000'000'000) - 50'000'000'000);
        const Unit u = n % 2 ? Unit::kr : Unit::ore;
        const Months m = split_months(a, p, u);
        BOOST_TEST(sum_months(m) == a);
        for (std::size_t k = 0; k < 12; ++k)
            if (p.weights[k] == 0) BOOST_TEST(m[k] == Money{});
    }
}

BOOST_AUTO_TEST_CASE(profiles_of_items_interventions_and_the_plan) {
    // top-level profile: 2011 even, 2012 the second half only.
    // "a" 1 200 kr, no profile: the plan's → 2011: 100 a month; 2012 (1 200, uprate none):
    //   Jul–Dec 200 each.
    // "b" with its own profile [0,0,1,…,1] (March–December, 10 months): 1 000 → 100 each.
    // "c" items: "x" 600 without a profile (→ c's: [1,1,1,1,1,1,0,…]: Jan–Jun 100),
    //   "y" 24 with [2,0,…,0,1] (→ 16 in Jan, 8 in Dec); c's months: Jan 116, Feb–Jun 100, Dec 8.
    //   2012: c is inactive: twelve zeros.
    const Result r = eval(plan(R"({"id": "a", "amounts": {"2011": "1200"}, "change": {"uprate": "none"}},
        {"id": "b", "amounts": {"2011": "1000"}, "change": {"uprate": "none"}, "profile": [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]},
        {"id": "c", "active": {"to": 2011}, "profile": ["1", "1", "1", "1", "1", "1", 0, 0, 0, 0, 0, 0],
         "items": [{"name": "x", "amounts": {"2011": "600"}},
                   {"name": "y", "amounts": {"2011": "24"}, "profile": [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]}]})",
                               R"(, "profile": {"2011": "even", "2012": [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]})"));
    const auto& a = r.interventions[0].months;
    BOOST_TEST((a[0].months == kr_months({100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100})));
    BOOST_TEST((a[1].months == kr_months({0, 0, 0, 0, 0, 0, 200, 200, 200, 200, 200, 200})));
    BOOST_TEST(a[1].splits.at(0).profile_path == "/profile/2012");
    BOOST_TEST((r.interventions[1].months[0].months == kr_months({0, 0, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100})));
    BOOST_TEST(r.interventions[1].months[0].splits.at(0).profile_path == "/interventions/1/profile");
    const auto& c = r.interventions[2].months;
    BOOST_TEST((c[0].months == kr_months({116, 100, 100, 100, 100, 100, 0, 0, 0, 0, 0, 8})));
    BOOST_TEST(c[0].splits.size() == 2u);
    BOOST_TEST(c[0].splits[0].item == "x");
    BOOST_TEST(c[0].splits[0].profile_path == "/interventions/2/profile");
    BOOST_TEST(c[0].splits[1].profile_path == "/interventions/2/items/1/profile");
    BOOST_TEST((c[1].months == Months{}));
}

BOOST_AUTO_TEST_CASE(no_profile_no_months) {
    // a plan without profile, actuals or liquidity computes no months
    const Result r = eval(plan(R"({"id": "a", "amounts": {"2011": "1200"}, "change": {"uprate": "none"}})"));
    BOOST_TEST(r.interventions[0].months.empty());
}

BOOST_AUTO_TEST_CASE(a_profile_is_needed_only_where_a_non_zero_amount_is_split) {
    // "z" is 0 in 2011 and inactive in 2012: its all-zero profile is never used; the plan's
    // dated profile has no key for 2011, but "z" takes its own.
    const Result r = eval(plan(R"({"id": "z", "amounts": {"2011": "0"}, "active": {"to": 2011}, "profile": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]})",
                               R"(, "profile": {"2012": "even"})"));
    BOOST_TEST((r.interventions[0].months[0].months == Months{}));
}

BOOST_AUTO_TEST_CASE(profile_problems_at_their_pointers) {
    // all zero with an amount: at the profile that applies (a dated one: its year entry);
    // a dated profile without a key ≤ Y: at the profile, no fallback to the plan's.
    const auto p = problems_of(plan(R"({"id": "a", "amounts": {"2011": "1200"}, "change": {"uprate": "none"},
                                       "profile": {"2011": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "2012": "even"}},
                                      {"id": "b", "amounts": {"2012": "10"}, "active": {"from": 2012}, "profile": {"2013": "even"}},
                                      {"id": "c", "active": {"to": 2011}, "items": [{"name": "i", "amounts": {"2011": "5"}, "profile": {"2012": "even"}}]})",
                                    R"(, "profile": "even")"));
    BOOST_TEST(p == (Lines{"/interventions/0/profile/2011: every weight is 0, so \"a\" in 2011 (1200.00 kr) cannot be split over the "
                           "months; give a month a weight above 0",
                           "/interventions/1/profile: no profile for 2012, needed to split \"b\" in 2012 (10.00 kr) over the months; add "
                           "a year key ≤ 2012 such as \"2012\": \"even\"",
                           "/interventions/2/items/0/profile: no profile for 2011, needed to split item \"i\" of \"c\" in 2011 (5.00 kr) over "
                           "the months; add a year key ≤ 2011 such as \"2011\": \"even\""}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(profile_syntax) {
    const auto p = problems_of(plan(R"({"id": "a", "amounts": {"2011": "1"}, "profile": [1, 1, 1]},
        {"id": "b", "amounts": {"2011": "1"}, "profile": [1, -1, "1/2", "x", 1, 1, 1, 1, 1, 1, 1, true]},
        {"id": "c", "amounts": {"2011": "1"}, "profile": "flat"},
        {"id": "d", "amounts": {"2011": "1"}, "profile": 12},
        {"id": "e", "amounts": {"2011": "1"}, "profile": {"2011x": "even"}})"));
    BOOST_TEST(p == (Lines{"/interventions/0/profile: has 3 weights; write twelve, one for each month January … December",
                           "/interventions/1/profile/1: must not be negative; write a weight of 0 or more",
                           "/interventions/1/profile/2: \"1/2\" is not a weight; write a number or a decimal string such as \"1.5\" "
                           "(digits with an optional decimal point: no +, exponent, spaces or decimal comma)",
                           "/interventions/1/profile/3: \"x\" is not a weight; write a number or a decimal string such as \"1.5\" "
                           "(digits with an optional decimal point: no +, exponent, spaces or decimal comma)",
                           "/interventions/1/profile/11: must be a weight: a number or a decimal string such as \"1.5\", not a boolean",
                           "/interventions/2/profile: unknown profile \"flat\"; write \"even\" or twelve weights for January … December "
                           "such as [1, 1, 1, 1, 1, 1, 0, 0.5, 1, 1, 1, 1]",
                           "/interventions/3/profile: must be \"even\" or twelve weights for January … December such as [1, 1, 1, 1, 1, 1, "
                           "0, 0.5, 1, 1, 1, 1], not a number",
                           "/interventions/4/profile/2011x: \"2011x\" is not a year; keys here are years such as \"2005\""}),
               boost::test_tools::per_element());
}
