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

BOOST_AUTO_TEST_CASE(percent_of_and_as_a_percent) {
    // 20 % of 1 000 = 200; 1/4 as a percent is 25; 150 basis points are 1.5 %;
    // 2 502 of 7 506 is 100 × 2502/7506 = 100/3 %.
    BOOST_TEST(Rate::percent("20").of(1000) == Rational(200));
    BOOST_TEST(Rate::percent("2.25").of(Rational(475'000'00)) == Rational(1'068'750));  // 475 000 kr × 2.25 % in öre
    BOOST_TEST(Rate::ratio(1, 4).in_percent() == Rational(25));
    BOOST_TEST(Rate::ratio(2502, 7506).in_percent() == Rational(100, 3));
    BOOST_TEST(Rate::from_basis_points(150).in_percent() == Rational(3, 2));
    BOOST_TEST(Rate::from_basis_points(-100).growth_factor() == Rational(99, 100));
}

BOOST_AUTO_TEST_CASE(decimal_text_writes_every_decimal) {
    using Zeros = DecimalStyle::Zeros;
    // öre as kronor: 78 500 000 öre = 785 000.00 kr; −5 öre = −0.05 kr
    BOOST_TEST(decimal_text(std::int64_t{78'500'000}, 2) == "785000.00");
    BOOST_TEST(decimal_text(std::int64_t{-5}, 2) == "-0.05");
    BOOST_TEST(decimal_text(std::int64_t{0}, 2) == "0.00");
    // the range of Money: −(2^63 − 1) öre; and the one beyond it, which only BigInt and int64 can hold
    BOOST_TEST(decimal_text(std::int64_t{-9'223'372'036'854'775'807}, 2) == "-92233720368547758.07");
    BOOST_TEST(decimal_text(std::numeric_limits<std::int64_t>::min(), 2) == "-92233720368547758.08");
    BOOST_TEST(decimal_text(BigInt("-18000000000000000000"), 2) == "-180000000000000000.00");
    // Swedish text: groups of three with a space, decimal comma, U+2212; 7 062 437 öre in tkr (5 decimals)
    const DecimalStyle sv{"\xE2\x88\x92", ",", " ", Zeros::trim};
    BOOST_TEST(decimal_text(std::int64_t{706'243'700}, 5, sv) == "7 062,437");
    BOOST_TEST(decimal_text(std::int64_t{-15'050'000}, 5, sv) == "\xE2\x88\x92" "150,5");
    // whole numbers lose the point when trimmed; "unless whole" keeps two öre digits otherwise
    BOOST_TEST(decimal_text(std::int64_t{100'000'000}, 5, sv) == "1 000");
    const DecimalStyle kr{"-", ".", ",", Zeros::unless_whole};
    BOOST_TEST(decimal_text(std::int64_t{123'450}, 2, kr) == "1,234.50");
    BOOST_TEST(decimal_text(std::int64_t{123'400}, 2, kr) == "1,234");
    // a rational rounded first: 100/3 = 33.3333333… → 33.333333 (half up, six decimals);
    // −1/8 = −0.125 → −0.13 half up, −0.12 half even, −0.12 toward zero
    const DecimalStyle trim{"-", ".", "", Zeros::trim};
    BOOST_TEST(decimal_text(Rational(100, 3), 6, RoundingMode::half_up, trim) == "33.333333");
    BOOST_TEST(decimal_text(Rational(15), 6, RoundingMode::half_up, trim) == "15");
    BOOST_TEST(decimal_text(Rational(-1, 8), 2, RoundingMode::half_up) == "-0.13");
    BOOST_TEST(decimal_text(Rational(-1, 8), 2, RoundingMode::half_even) == "-0.12");
    BOOST_TEST(decimal_text(Rational(-1, 8), 2, RoundingMode::toward_zero) == "-0.12");
    // rounded to zero there is no sign: −1/10^7 to six decimals is 0
    BOOST_TEST(decimal_text(Rational(-1, 10'000'000), 6, RoundingMode::half_up, trim) == "0");
    // exact text of a rational uses it too: 99.5, −205, 1/3
    BOOST_TEST(rational_text(Rational(199, 2)) == "99.5");
    BOOST_TEST(rational_text(Rational(-205)) == "-205");
    BOOST_TEST(rational_text(Rational(1, 3)) == "1/3");
}
