// Tests for finsam/rate.hpp: exact parsing of decimals, JSON numbers and fractions.
#define BOOST_TEST_MODULE rate
#include <boost/test/unit_test.hpp>

#include <finsam/rate.hpp>

using namespace finsam;

BOOST_AUTO_TEST_CASE(decimals_are_exact) {
    // "1.5" is exactly 15/10 = 3/2, never the double nearest to it.
    BOOST_TEST(parse_decimal("1.5") == Rational(3, 2));
    // "0.1" is exactly 1/10 (the double would be 0.1000000000000000055…).
    BOOST_TEST(parse_decimal("0.1") == Rational(1, 10));
    BOOST_TEST(parse_decimal("-205") == Rational(-205));
    BOOST_TEST(parse_decimal("007.50") == Rational(15, 2));
    BOOST_TEST(parse_decimal("33.333333") == Rational(33333333, 1000000));
}

BOOST_AUTO_TEST_CASE(percent_rates) {
    // 1.5 % = 1.5/100 = 3/200; growth factor 1 + 3/200 = 203/200.
    const Rate r = Rate::percent("1.5");
    BOOST_TEST(r.in_percent() == Rational(3, 2));
    BOOST_TEST(r.fraction() == Rational(3, 200));
    BOOST_TEST(r.growth_factor() == Rational(203, 200));
    BOOST_TEST(Rate::percent("-1").growth_factor() == Rational(99, 100));
}

BOOST_AUTO_TEST_CASE(fractions) {
    // The volume change 400 → 600 of the long-term sick listing: 600/400 = 3/2.
    BOOST_TEST(parse_factor("600/400") == Rational(3, 2));
    BOOST_TEST(parse_factor("-1/3") == Rational(-1, 3));
    BOOST_TEST(parse_factor("2.5") == Rational(5, 2));
    // both integers may carry a sign (spec 12.23): −1/−2 = 1/2, 1/−2 = −1/2, −6/−4 = 3/2
    BOOST_TEST(parse_factor("-1/-2") == Rational(1, 2));
    BOOST_TEST(parse_factor("1/-2") == Rational(-1, 2));
    BOOST_TEST(parse_factor("-6/-4") == Rational(3, 2));
    BOOST_CHECK_THROW(parse_factor("1/-0"), ParseError);
    BOOST_CHECK_EXCEPTION(parse_factor("1/0"), ParseError,
                          [](const ParseError& e) { return std::string(e.what()) == "fraction \"1/0\" divides by zero"; });
    for (const char* bad : {"1/", "/2", "1.5/2", "a/b", "1//2", "1/2/3", "1/ 2"})
        BOOST_CHECK_THROW(parse_factor(bad), ParseError);
}

BOOST_AUTO_TEST_CASE(json_numbers) {
    // 1e3 = 1000; 1.5E-2 = 0.015 = 3/200; -2e+1 = −20.
    BOOST_TEST(parse_json_number("1e3") == Rational(1000));
    BOOST_TEST(parse_json_number("1.5E-2") == Rational(3, 200));
    BOOST_TEST(parse_json_number("-2e+1") == Rational(-20));
    BOOST_TEST(parse_json_number("1e400") == Rational(detail::pow10(400)));
    BOOST_TEST(parse_json_number("1e0000000000000000000400") == Rational(detail::pow10(400)));
    BOOST_CHECK_EXCEPTION(parse_json_number("1e401"), OverflowError, [](const OverflowError& e) {
        return std::string(e.what()) == "number \"1e401\" has an exponent beyond ±400";
    });
    BOOST_CHECK_THROW(parse_json_number("1e-401"), OverflowError);
    BOOST_CHECK_THROW(parse_json_number("1e99999999999999999999999"), OverflowError);
    BOOST_CHECK_THROW(parse_json_number("1e"), ParseError);
}
