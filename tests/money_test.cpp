// Tests for finsam/money.hpp: parsing, checked arithmetic, rounding modes.
#define BOOST_TEST_MODULE money
#include <boost/test/unit_test.hpp>

#include <finsam/money.hpp>

#include <limits>

using namespace finsam;

BOOST_AUTO_TEST_SUITE(parse)

BOOST_AUTO_TEST_CASE(units) {
    // 785 tkr = 785 × 1000 kr × 100 öre = 78 500 000 öre (Nya Vyer, Haninge 2005).
    BOOST_TEST(Money::parse("785", Unit::tkr).ore() == 78'500'000);
    // 3,64 Mkr = 3 640 000 kr = 364 000 000 öre (Södra Dalarna 2010 frame).
    BOOST_TEST(Money::parse("3.64", Unit::mnkr).ore() == 364'000'000);
    // −205 tkr = −20 500 000 öre (Fyren's reduction).
    BOOST_TEST(Money::parse("-205", Unit::tkr).ore() == -20'500'000);
    // 1.5 tkr = 1 500 kr = 150 000 öre; 0.01 kr = 1 öre.
    BOOST_TEST(Money::parse("1.5", Unit::tkr).ore() == 150'000);
    BOOST_TEST(Money::parse("0.01", Unit::kr).ore() == 1);
    // 0.00001 tkr = 0.01 kr = 1 öre: whole öre once scaled.
    BOOST_TEST(Money::parse("0.00001", Unit::tkr).ore() == 1);
}

BOOST_AUTO_TEST_CASE(not_whole_ore) {
    // 0.001 kr is a tenth of an öre.
    BOOST_CHECK_EXCEPTION((void)Money::parse("0.001", Unit::kr), ParseError, [](const ParseError& e) {
        return std::string(e.what()) == "amount is not a whole number of öre once scaled from kr";
    });
}

BOOST_AUTO_TEST_CASE(malformed) {
    for (const char* bad : {"", "-", "+5", "1e3", "1,5", " 1", "1 ", "1.", ".5", "1.2.3", "abc", "--1", "0x10"})
        BOOST_CHECK_THROW((void)Money::parse(bad, Unit::kr), ParseError);
    BOOST_CHECK_EXCEPTION((void)Money::parse("1,5", Unit::kr), ParseError, [](const ParseError& e) {
        return std::string(e.what()) ==
               "not a decimal number: \"1,5\"; write digits with an optional point, such as \"1.5\" or \"-205\"";
    });
}

BOOST_AUTO_TEST_CASE(range) {
    // 2^63 − 1 öre = 92 233 720 368 547 758.07 kr is the largest amount.
    BOOST_TEST(Money::parse("92233720368547758.07", Unit::kr).ore() == std::numeric_limits<std::int64_t>::max());
    BOOST_TEST(Money::parse("-92233720368547758.07", Unit::kr).ore() == -std::numeric_limits<std::int64_t>::max());
    // One öre more either way is an overflow, not a wrapped value.
    BOOST_CHECK_THROW((void)Money::parse("92233720368547758.08", Unit::kr), OverflowError);
    BOOST_CHECK_THROW((void)Money::parse("-92233720368547758.08", Unit::kr), OverflowError);
    BOOST_CHECK_THROW((void)Money::parse("99999999999999999999999999999", Unit::mnkr), OverflowError);
    BOOST_CHECK_THROW((void)Money::from_ore(std::numeric_limits<std::int64_t>::min()), OverflowError);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(arithmetic)

BOOST_AUTO_TEST_CASE(add_subtract) {
    // 785 + 7 064 = 7 849 tkr; 7 849 − 205 = 7 644 tkr.
    Money a = Money::parse("785", Unit::tkr) + Money::parse("7064", Unit::tkr);
    BOOST_TEST(a == Money::parse("7849", Unit::tkr));
    BOOST_TEST((a - Money::parse("205", Unit::tkr)) == Money::parse("7644", Unit::tkr));
    BOOST_TEST((-a).ore() == -784'900'000);
}

BOOST_AUTO_TEST_CASE(overflow_is_an_error) {
    const Money max = Money::from_ore(Money::max_ore);
    BOOST_CHECK_THROW(max + Money::from_ore(1), OverflowError);
    BOOST_CHECK_THROW(-max - Money::from_ore(1), OverflowError);
    BOOST_CHECK_THROW((void)max.multiplied(Rational(2), Unit::ore, RoundingMode::half_up), OverflowError);
    BOOST_CHECK_THROW((void)kr(std::numeric_limits<std::int64_t>::max() / 10), OverflowError);
    BOOST_TEST((max - max).ore() == 0);
}

BOOST_AUTO_TEST_CASE(scaling_by_rationals) {
    // 785 tkr uprated 3 %: 785 000 × 1.03 = 808 550 kr exactly.
    const Money nya_vyer = Money::parse("785", Unit::tkr);
    BOOST_TEST(nya_vyer.multiplied(Rate::percent("3").growth_factor(), Unit::kr, RoundingMode::half_up) ==
               kr(808'550));
    // 7 064 tkr uprated 1.5 %: 7 064 000 × 1.015 = 7 169 960 kr exactly.
    BOOST_TEST(Money::parse("7064", Unit::tkr)
                   .multiplied(Rate::percent("1.5").growth_factor(), Unit::kr, RoundingMode::half_up) ==
               kr(7'169'960));
    // 100 kr ÷ 3 = 33.333… → 33.33 kr at öre, 33 kr at kr.
    BOOST_TEST(kr(100).divided(Rational(3), Unit::ore, RoundingMode::half_up).ore() == 3333);
    BOOST_TEST(kr(100).divided(Rational(3), Unit::kr, RoundingMode::half_up) == kr(33));
    BOOST_CHECK_THROW((void)kr(1).divided(Rational(0), Unit::kr, RoundingMode::half_up), Error);
}

BOOST_AUTO_TEST_CASE(display) {
    BOOST_TEST(Money::parse("785", Unit::tkr).to_kr_string() == "785000.00");
    BOOST_TEST(Money::from_ore(-5).to_kr_string() == "-0.05");
    BOOST_TEST(Money::from_ore(0).to_kr_string() == "0.00");
    BOOST_TEST(Money::from_ore(Money::max_ore).to_kr_string() == "92233720368547758.07");
    BOOST_TEST(Money::from_ore(-Money::max_ore).to_kr_string() == "-92233720368547758.07");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rounding)

// Each mode at exactly .5 and just beside it, positive and negative.
BOOST_AUTO_TEST_CASE(modes_at_half) {
    using R = RoundingMode;
    auto r = [](int num, int den, R m) { return round_integer(Rational(num, den), m); };
    // 2.5: half_up → 3 (away from zero), half_even → 2, toward_zero → 2.
    BOOST_TEST(r(5, 2, R::half_up) == 3);
    BOOST_TEST(r(5, 2, R::half_even) == 2);
    BOOST_TEST(r(5, 2, R::toward_zero) == 2);
    // 3.5: half_even → 4.
    BOOST_TEST(r(7, 2, R::half_even) == 4);
    // −2.5: half_up → −3, half_even → −2, toward_zero → −2.
    BOOST_TEST(r(-5, 2, R::half_up) == -3);
    BOOST_TEST(r(-5, 2, R::half_even) == -2);
    BOOST_TEST(r(-5, 2, R::toward_zero) == -2);
    // −3.5 half_even → −4.
    BOOST_TEST(r(-7, 2, R::half_even) == -4);
    // 2.4 → 2 and 2.6 → 3 (toward_zero 2) in every mode that rounds to nearest.
    BOOST_TEST(r(12, 5, R::half_up) == 2);
    BOOST_TEST(r(13, 5, R::half_up) == 3);
    BOOST_TEST(r(13, 5, R::half_even) == 3);
    BOOST_TEST(r(13, 5, R::toward_zero) == 2);
    BOOST_TEST(r(-13, 5, R::toward_zero) == -2);
}

BOOST_AUTO_TEST_CASE(to_units) {
    using R = RoundingMode;
    // 1 234.50 kr to kr: half_up 1 235, half_even 1 234, toward_zero 1 234.
    const Rational x = Rational(123450);
    BOOST_TEST(Money::round(x, Unit::kr, R::half_up) == kr(1235));
    BOOST_TEST(Money::round(x, Unit::kr, R::half_even) == kr(1234));
    BOOST_TEST(Money::round(x, Unit::kr, R::toward_zero) == kr(1234));
    // 2 500 kr to tkr: half_up 3 tkr, half_even 2 tkr (2 is even), toward_zero 2 tkr.
    BOOST_TEST(Money::round(Rational(250000), Unit::tkr, R::half_up) == kr(3000));
    BOOST_TEST(Money::round(Rational(250000), Unit::tkr, R::half_even) == kr(2000));
    BOOST_TEST(Money::round(Rational(350000), Unit::tkr, R::half_even) == kr(4000));
    BOOST_TEST(Money::round(Rational(250000), Unit::tkr, R::toward_zero) == kr(2000));
    // 0.5 öre: half_up 1 öre, half_even 0, toward_zero 0; −0.5 öre half_up → −1 öre.
    BOOST_TEST(Money::round(Rational(1, 2), Unit::ore, R::half_up).ore() == 1);
    BOOST_TEST(Money::round(Rational(1, 2), Unit::ore, R::half_even).ore() == 0);
    BOOST_TEST(Money::round(Rational(-1, 2), Unit::ore, R::half_up).ore() == -1);
    BOOST_TEST(Money::round(Rational(-1, 2), Unit::ore, R::toward_zero).ore() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
