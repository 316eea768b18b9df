// Tests for finsam/report.hpp: controlled rounding, number formats, the six budget tables and
// the golden files of every text format on both examples.
//
// The golden files under tests/golden/ are the renderers' output; after a deliberate change,
// regenerate them with FINSAM_UPDATE_GOLDEN=1 ./build/tests/report_test and review the diff.
#define BOOST_TEST_MODULE report
#include <boost/test/unit_test.hpp>

#include <finsam/evaluate.hpp>
#include <finsam/report.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "table_checks.hpp"

using namespace finsam;
using finsam_test::check_invariants;
using finsam_test::golden;

namespace {

const std::string source_dir = FINSAM_SOURCE_DIR;

Rational q(long long num, long long den = 1) { return Rational(num, den); }

std::vector<long long> ints(const std::vector<BigInt>& v) {
    std::vector<long long> out;
    for (const auto& x : v) out.push_back(static_cast<long long>(x));
    return out;
}
using L = std::vector<long long>;

struct Loaded {
    Plan plan;
    Result result;
};
Loaded load(const std::string& relative) {
    Loaded l{load_plan_file(source_dir + "/" + relative), {}};
    l.result = evaluate(l.plan);
    return l;
}

const Table& table(const BudgetTables& bt, const std::string& id) {
    for (const auto& t : bt.tables)
        if (t.id == id) return t;
    throw std::runtime_error("no table " + id);
}
const Row& row(const Table& t, const std::string& label) {
    for (const auto& r : t.rows)
        if (!r.cells.empty() && r.cells[0].text == label) return r;
    throw std::runtime_error("no row " + label + " in " + t.id);
}
std::size_t col(const Table& t, const std::string& header) {
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        if (t.columns[c].header == header) return c;
    throw std::runtime_error("no column " + header + " in " + t.id);
}
const Cell& cell(const Table& t, const std::string& r, const std::string& c) { return row(t, r).cells[col(t, c)]; }

/// check_invariants() on the comparison of `ev` in every unit and language.
void check_comparison_invariants(const Evaluation& ev) {
    for (Unit u : {Unit::kr, Unit::tkr, Unit::mnkr})
        for (Lang l : {Lang::sv, Lang::en}) {
            TableOptions o;
            o.unit = u;
            o.lang = l;
            BOOST_TEST_CONTEXT(unit_name(u)) { check_invariants(build_comparison(ev, o)); }
        }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(controlled_rounding)

BOOST_AUTO_TEST_CASE(one_column_is_largest_remainder) {
    // 14 124,873 + 7 062,437 + 7 062,437 tkr (Haninge 2006, README 1.8): total 28 249,747 → 28 250;
    // floors 14 124 + 7 062 + 7 062 = 28 248, two steps to give: the largest remainder ,873 (fk)
    // and then the tie ,437/,437 to the one listed first (region): 14 125 / 7 063 / 7 062.
    RoundingProblem p;
    p.row_sums_shown = false;
    p.cells = {{q(14124873, 1000)}, {q(7062437, 1000)}, {q(7062437, 1000)}};
    const RoundedMatrix r = controlled_round(p);
    BOOST_TEST(ints({r.cells[0][0], r.cells[1][0], r.cells[2][0]}) == (L{14125, 7063, 7062}), boost::test_tools::per_element());
    BOOST_TEST(static_cast<long long>(r.total) == 28250);
    BOOST_TEST(static_cast<long long>(r.column_sums[0]) == 28250);
}

BOOST_AUTO_TEST_CASE(halves_tie_to_the_first) {
    // 1,5 + 1,5 + 1,5 = 4,5 → 5 (half up); floors 1 + 1 + 1 = 3, two steps; equal remainders,
    // so the first two go up: 2 / 2 / 1.
    RoundingProblem p;
    p.row_sums_shown = false;
    p.cells = {{q(3, 2)}, {q(3, 2)}, {q(3, 2)}};
    const RoundedMatrix r = controlled_round(p);
    BOOST_TEST(ints({r.cells[0][0], r.cells[1][0], r.cells[2][0]}) == (L{2, 2, 1}), boost::test_tools::per_element());
    // half_even: 4,5 → 4, one step, to the first: 2 / 1 / 1
    p.mode = RoundingMode::half_even;
    const RoundedMatrix e = controlled_round(p);
    BOOST_TEST(ints({e.cells[0][0], e.cells[1][0], e.cells[2][0]}) == (L{2, 1, 1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(both_ways_where_separate_rounding_fails) {
    // [[0, ,5], [,5, 0]]: every row and column sum is ,5, the total 1. Rounding the row sums
    // and the column sums each by largest remainder gives rows 1/0 and columns 1/0, which no
    // choice of cells meets (cell (0,0) is 0 exactly). Controlled: one cell goes up, the first
    // listed that can (0,1); rows 1/0, columns 0/1, all within one step, total 1.
    RoundingProblem p;
    p.cells = {{q(0), q(1, 2)}, {q(1, 2), q(0)}};
    const RoundedMatrix r = controlled_round(p);
    BOOST_TEST(ints(r.cells[0]) == (L{0, 1}), boost::test_tools::per_element());
    BOOST_TEST(ints(r.cells[1]) == (L{0, 0}), boost::test_tools::per_element());
    BOOST_TEST(ints(r.row_sums) == (L{1, 0}), boost::test_tools::per_element());
    BOOST_TEST(ints(r.column_sums) == (L{0, 1}), boost::test_tools::per_element());
    BOOST_TEST(static_cast<long long>(r.total) == 1);
}

BOOST_AUTO_TEST_CASE(sums_before_cells) {
    // [[,4, ,4], [,4, ,4]]: total 1,6 → 2; row sums ,8/,8 and column sums ,8/,8 would each
    // round to 1. Two cells go up, one per row and one per column, which keeps every sum at
    // its ordinary rounding 1 ((0,0), (0,1) would give rows 2/0); of the two diagonals the one
    // first in reading order, (0,0), (1,1).
    RoundingProblem p;
    p.cells = {{q(2, 5), q(2, 5)}, {q(2, 5), q(2, 5)}};
    const RoundedMatrix r = controlled_round(p);
    BOOST_TEST(ints(r.cells[0]) == (L{1, 0}), boost::test_tools::per_element());
    BOOST_TEST(ints(r.cells[1]) == (L{0, 1}), boost::test_tools::per_element());
    BOOST_TEST(ints(r.row_sums) == (L{1, 1}), boost::test_tools::per_element());
    BOOST_TEST(ints(r.column_sums) == (L{1, 1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(negative_values_and_fixed_sums) {
    // Preliminary/adjustment of the test plan tests/report/plans/adjusted.json in tkr:
    // fk 500,001 / 0, region 250 / −150,5, kommun 250 / 0; finals 500,001 / 99,5 / 250, total
    // 849,501 → 850. Floors 500 + 250 + 250 + 0 − 151 + 0 = 849: one step. Up on fk's 500,001
    // would make fk 501 and the preliminary sum 1 001 (both ,999 away); up on −150,5 (to −150)
    // moves sums by ,5 only: region's final 100 (its ordinary rounding of 99,5), adjustments −150.
    RoundingProblem p;
    p.cells = {{q(500001, 1000), q(0)}, {q(250), q(-1505, 10)}, {q(250), q(0)}};
    const RoundedMatrix r = controlled_round(p);
    BOOST_TEST(ints(r.row_sums) == (L{500, 100, 250}), boost::test_tools::per_element());
    BOOST_TEST(ints(r.column_sums) == (L{1000, -150}), boost::test_tools::per_element());
    BOOST_TEST(static_cast<long long>(r.total) == 850);

    // Fixed sums: row sums 3 and 1 of [[1,5, 1,5], [,5, ,5]] (total 4): floors 1 + 1 and
    // 0 + 0, so one cell of each row goes up.
    RoundingProblem f;
    f.cells = {{q(3, 2), q(3, 2)}, {q(1, 2), q(1, 2)}};
    f.fixed_row_sums = {BigInt(3), BigInt(1)};
    const RoundedMatrix fr = controlled_round(f);
    BOOST_TEST(ints(fr.row_sums) == (L{3, 1}), boost::test_tools::per_element());
    BOOST_TEST(static_cast<long long>(fr.total) == 4);
    // column sums are 2 exactly, so one up in each column: (0,0) and (1,1), the first in
    // reading order of the two diagonals
    BOOST_TEST(ints(fr.column_sums) == (L{2, 2}), boost::test_tools::per_element());
    BOOST_TEST(ints(fr.cells[0]) == (L{2, 1}), boost::test_tools::per_element());
    BOOST_TEST(ints(fr.cells[1]) == (L{0, 1}), boost::test_tools::per_element());

    // A fixed sum no rounding reaches: 1,5 + 1,5 can show 2, 3 or 4, never 5.
    RoundingProblem bad;
    bad.cells = {{q(3, 2), q(3, 2)}};
    bad.fixed_row_sums = {BigInt(5)};
    bad.fixed_total = BigInt(5);
    BOOST_CHECK_THROW(controlled_round(bad), Error);
}

BOOST_AUTO_TEST_CASE(random_tables_keep_every_promise) {
    // 300 random matrices: each cell is its floor or ceiling, exact cells never move, the
    // total is the ordinary rounding, and with free sums every row and column sum is within
    // one step of its exact sum.
    std::mt19937 rng(20240601);
    std::uniform_int_distribution<int> dim(1, 6), val(-3000, 9000), den_pick(0, 3);
    const long long dens[] = {1, 2, 10, 1000};
    for (int round = 0; round < 300; ++round) {
        RoundingProblem p;
        const int n = dim(rng), m = dim(rng);
        const long long den = dens[den_pick(rng)];
        p.cells.assign(static_cast<std::size_t>(n), std::vector<Rational>(static_cast<std::size_t>(m)));
        for (auto& r : p.cells)
            for (auto& c : r) c = q(val(rng), den);
        const RoundedMatrix r = controlled_round(p);
        Rational total = 0;
        for (std::size_t i = 0; i < p.cells.size(); ++i) {
            Rational rs = 0;
            for (std::size_t j = 0; j < p.cells[i].size(); ++j) {
                const Rational d = Rational(r.cells[i][j]) - p.cells[i][j];
                BOOST_TEST((d > -1 && d < 1));
                if (boost::multiprecision::denominator(p.cells[i][j]) == 1) BOOST_TEST(d == 0);
                rs += p.cells[i][j];
            }
            const Rational dr = Rational(r.row_sums[i]) - rs;
            BOOST_TEST((dr > -1 && dr < 1), "row " << i << " of round " << round);
            total += rs;
        }
        for (std::size_t j = 0; j < r.column_sums.size(); ++j) {
            Rational cs = 0;
            for (const auto& row : p.cells) cs += row[j];
            const Rational dc = Rational(r.column_sums[j]) - cs;
            BOOST_TEST((dc > -1 && dc < 1), "column " << j << " of round " << round);
        }
        BOOST_TEST(r.total == round_integer(total, RoundingMode::half_up));
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(number_text)

BOOST_AUTO_TEST_CASE(swedish_and_english) {
    TableOptions sv;  // tkr, sv
    TableOptions en;
    en.lang = Lang::en;
    BOOST_TEST(format_shown_amount(1234567, sv, NumberStyle::text) == "1 234 567");
    BOOST_TEST(format_shown_amount(-2639, sv, NumberStyle::text) == "\xE2\x88\x92" "2 639");
    BOOST_TEST(format_shown_amount(-2639, sv, NumberStyle::csv) == "-2639");
    BOOST_TEST(format_shown_amount(1234567, en, NumberStyle::text) == "1,234,567");
    BOOST_TEST(format_shown_amount(-2639, en, NumberStyle::csv) == "-2639");
    BOOST_TEST(format_shown_amount(0, sv, NumberStyle::text) == "0");
    BOOST_TEST(format_shown_percent(15, sv, NumberStyle::text) == "1,5 %");
    BOOST_TEST(format_shown_percent(15, en, NumberStyle::text) == "1.5%");
    BOOST_TEST(format_shown_percent(-1000, sv, NumberStyle::csv) == "-100,0");
    BOOST_TEST(format_shown_percent(5, en, NumberStyle::csv) == "0.5");
    TableOptions mn;
    mn.unit = Unit::mnkr;  // one decimal by default: a step is 0,1 mnkr = 100 000 kr
    BOOST_TEST(mn.step_ore() == 10'000'000);
    BOOST_TEST(format_shown_amount(276, mn, NumberStyle::text) == "27,6");
    BOOST_TEST(format_shown_amount(12345, mn, NumberStyle::text) == "1 234,5");
    BOOST_TEST(format_shown_amount(276, mn, NumberStyle::csv) == "27,6");
    // exact amounts: 7 062 437 kr = 7 062,437 tkr; 1 234,50 kr keeps two decimals in kr
    BOOST_TEST(format_exact_amount(kr(7'062'437), sv) == "7 062,437 tkr");
    BOOST_TEST(format_exact_amount(kr(7'062'437), en) == "7,062.437 tkr");
    TableOptions k;
    k.unit = Unit::kr;
    BOOST_TEST(format_exact_amount(Money::from_ore(123450), k) == "1 234,50 kr");
    BOOST_TEST(format_exact_amount(kr(-150'500), sv) == "\xE2\x88\x92" "150,5 tkr");
    // 100 × 1/3 = 33,333333… % to six decimals; 12,5 % keeps one
    BOOST_TEST(format_exact_percent(Rational(100, 3), sv) == "33,333333 %");
    BOOST_TEST(format_exact_percent(Rational(-25, 2), en) == "-12.5%");
    TableOptions bad;
    bad.unit = Unit::tkr;
    bad.decimals = 6;  // 1 tkr = 100 000 öre: at most 5 decimals
    BOOST_CHECK_THROW(bad.step_ore(), Error);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(tables)

BOOST_AUTO_TEST_CASE(haninge_in_tkr) {
    const Loaded h = load("examples/socsam-haninge-2005.json");
    const BudgetTables bt = build_tables(h.result);
    std::vector<std::string> ids;
    for (const auto& t : bt.tables) ids.push_back(t.id);
    // no adjustments: no Slutlig ram; Utbildning has items
    BOOST_TEST(ids == (std::vector<std::string>{"financing", "costs", "distribution", "result", "items-utbildning"}),
               boost::test_tools::per_element());

    const Table& fin = table(bt, "financing");
    // 2006 (README 1.8): 14 124 873 / 7 062 437 / 7 062 437 kr → 14 125 / 7 063* / 7 062, Summa 28 250
    BOOST_TEST(cell(fin, "Försäkringskassan", "Plan 2006").shown == 14125);
    BOOST_TEST(cell(fin, "Stockholms läns landsting (BKV)", "Plan 2006").shown == 7063);
    BOOST_TEST(cell(fin, "Stockholms läns landsting (BKV)", "Plan 2006").moved);
    BOOST_TEST(cell(fin, "Haninge kommun", "Plan 2006").shown == 7062);
    BOOST_TEST(cell(fin, "Summa", "Plan 2006").shown == 28250);
    BOOST_TEST(cell(fin, "Summa", "Andel").shown == 1000);  // 100,0 %

    const Table& costs = table(bt, "costs");
    // 2005 (README 1.3): insatser 24 981, administration 2 659, Summa 27 640 tkr
    BOOST_TEST(cell(costs, "Summa insatser", "Budget 2005").shown == 24981);
    BOOST_TEST(cell(costs, "Summa administration", "Budget 2005").shown == 2659);
    BOOST_TEST(cell(costs, "Summa", "Budget 2005").shown == 27640);
    // 2006: Af-rehabilitering 566 500 kr shows 566* so that the insatser sum 25 520,948 → 25 521
    BOOST_TEST(cell(costs, "Utökat uppdrag Af-rehabilitering", "Plan 2006").shown == 566);
    BOOST_TEST(cell(costs, "Utökat uppdrag Af-rehabilitering", "Plan 2006").moved);
    BOOST_TEST(cell(costs, "Summa insatser", "Plan 2006").shown == 25521);
    // Fyren 2006: 485 688 / 475 000 − 1 = 2,25 % → 2,3 % (half up)
    BOOST_TEST(cell(costs, "Fyren", "Förändring 2006").shown == 23);
    // the insatser's published 25 001 tkr: 25 001 − 24 981 = 20 tkr, under Kostnader per insats
    BOOST_TEST(costs.warnings.size() == 1u);
    BOOST_TEST(costs.warnings[0].code == "stated_total_mismatch");
    BOOST_TEST(costs.warnings[0].message.find("skillnad (angivet \xE2\x88\x92 beräknat) 20 tkr") != std::string::npos,
               costs.warnings[0].message);

    const Table& dist = table(bt, "distribution");
    // cost shares 2005 (README 1.5): 7 907 600 / 10 368 000 / 9 364 400 kr → 7 908 / 10 368 / 9 364
    BOOST_TEST(cell(dist, "Summa", "Försäkringskassan").shown == 7908);
    BOOST_TEST(cell(dist, "Summa", "Stockholms läns landsting (BKV)").shown == 10368);
    BOOST_TEST(cell(dist, "Summa", "Haninge kommun").shown == 9364);
    BOOST_TEST(cell(dist, "Summa", "Summa").shown == 27640);
    // Nya Vyer: 78 500 / 39 250 / 667 250 kr → 79 / 39 / 667 (ordinary rounding adds up to 785)
    BOOST_TEST(cell(dist, "Nya Vyer", "Försäkringskassan").shown == 79);
    BOOST_TEST(cell(dist, "Nya Vyer", "Haninge kommun").shown == 667);
    // frame parts 7 655 200 kr and case parts 19 984 800 kr (README 1.5) → 7 655 / 19 985
    BOOST_TEST(cell(dist, "varav ramdel (efter slutlig ram)", "Summa").shown == 7655);
    BOOST_TEST(cell(dist, "varav särskild del (efter insatsens nyckel)", "Summa").shown == 19985);

    const Table& res = table(bt, "result");
    BOOST_TEST(cell(res, "Årets resultat", "Plan 2007").shown == 0);  // cover_costs: contributions = costs
    BOOST_TEST(cell(res, "Eget kapital vid årets slut", "Plan 2007").shown == 0);

    const Table& items = table(bt, "items-utbildning");
    BOOST_TEST(cell(items, "Summa", "Budget 2005").shown == 285);  // 10 + 50 + 20 + 75 + 10 + 20 + 100
    check_invariants(bt);
}

BOOST_AUTO_TEST_CASE(dalarna_equity_is_a_running_sum) {
    const Loaded d = load("examples/sodra-dalarna-2011.json");
    const BudgetTables bt = build_tables(d.result);
    const Table& res = table(bt, "result");
    // contributions 3 640 tkr each year; costs 3 470 / 3 602,5 / 3 625,563 tkr (README 2.x);
    // results 170 / 37,5 / 14,437; equity 170 / 207,5 / 221,937 tkr. The headline figures show
    // their ordinary rounding: results 170 / 38 / 14, equity 170 / 208 / 222; so the costs of
    // 2012 show 3 640 − 38 = 3 602* (3 602,5 rounded down), in Kostnader per insats too.
    BOOST_TEST(cell(res, "Kostnader", "Plan 2012").shown == 3602);
    BOOST_TEST(cell(res, "Kostnader", "Plan 2012").moved);
    BOOST_TEST(cell(res, "Årets resultat", "Plan 2012").shown == 38);
    BOOST_TEST(!cell(res, "Årets resultat", "Plan 2012").moved);
    BOOST_TEST(cell(res, "Eget kapital vid årets slut", "Plan 2012").shown == 208);
    BOOST_TEST(cell(res, "Eget kapital vid årets början", "Plan 2013").shown == 208);
    BOOST_TEST(cell(res, "Eget kapital vid årets slut", "Plan 2013").shown == 222);  // 221,937
    BOOST_TEST(!cell(res, "Eget kapital vid årets slut", "Plan 2013").moved);
    BOOST_TEST(cell(table(bt, "costs"), "Summa", "Plan 2012").shown == 3602);
    BOOST_TEST(cell(table(bt, "costs"), "Summa", "Plan 2012").moved);
    // the administration's 922,5 tkr takes the step down: 2 680 + 0 + 922 = 3 602
    BOOST_TEST(cell(table(bt, "costs"), "Summa administration", "Plan 2012").shown == 922);
    check_invariants(bt);

    // in mnkr (one decimal): contributions 3,64, costs 3,47, result 0,17, equity 0,17 / 0,2075 /
    // 0,221937. Result and equity show 0,2 (not 0,1* for 0,2075, beyond its neighbours); the
    // contributions of 2011 take the step instead: 3,7* − 3,5 = 0,2 (3,64 is 0,06 from 3,7,
    // nearer than the costs' 3,47 from 3,4), and Avesta's 0,546 shows 0,6* in Finansiering.
    TableOptions o;
    o.unit = Unit::mnkr;
    const BudgetTables mn = build_tables(d.result, o);
    const Table& mres = table(mn, "result");
    BOOST_TEST(cell(mres, "Bidrag från huvudmännen", "Budget 2011").shown == 37);
    BOOST_TEST(cell(mres, "Bidrag från huvudmännen", "Budget 2011").moved);
    BOOST_TEST(cell(mres, "Kostnader", "Budget 2011").shown == 35);
    BOOST_TEST(cell(mres, "Årets resultat", "Budget 2011").shown == 2);
    for (const char* y : {"Budget 2011", "Plan 2012", "Plan 2013"}) {
        BOOST_TEST(cell(mres, "Eget kapital vid årets slut", y).shown == 2);
        BOOST_TEST(!cell(mres, "Eget kapital vid årets slut", y).moved);
    }
    BOOST_TEST(cell(table(mn, "financing"), "Avesta kommun", "Budget 2011").shown == 6);
    BOOST_TEST(cell(table(mn, "financing"), "Summa", "Budget 2011").shown == 37);
    check_invariants(mn);
}

BOOST_AUTO_TEST_CASE(a_summa_is_its_nearest_rounding_also_when_the_plan_truncates) {
    // costs 1 028 + 333,333 − 12,5 tkr = 1 348,833 tkr in a plan that truncates its amounts
    // (toward_zero): shown figures are still compared with the nearest rounding. Floors
    // 1 028 + 333 − 13 = 1 348; the Summa 1 349 needs one step, the largest remainder (,5 of
    // −12,5): −12* (nearest is −13, halves away from zero), and the Summa 1 349 is no star.
    const Plan plan = load_plan_string(R"({"format": "finsam/1", "amount_unit": "tkr", "years": [2011, 2011],
        "rounding": {"amounts": "öre", "allocation": "öre", "mode": "toward_zero"},
        "members": [{"id": "a", "name": "A", "kind": "state"}], "shares": {"a": "100"},
        "interventions": [{"id": "x", "amounts": {"2011": "1028"}}, {"id": "y", "amounts": {"2011": "333.333"}},
                          {"id": "z", "amounts": {"2011": "-12.5"}}]})");
    const BudgetTables bt = build_tables(evaluate(plan), {});
    const Table& costs = table(bt, "costs");
    BOOST_TEST(cell(costs, "Summa", "Budget 2011").shown == 1349);
    BOOST_TEST(!cell(costs, "Summa", "Budget 2011").moved);
    BOOST_TEST(cell(costs, "z", "Budget 2011").shown == -12);
    BOOST_TEST(cell(costs, "z", "Budget 2011").moved);
    BOOST_TEST(costs.footnotes.at(0).find("z, Budget 2011: \xE2\x88\x92" "12,5 tkr") != std::string::npos, costs.footnotes.at(0));
    check_invariants(bt);
}

BOOST_AUTO_TEST_CASE(year_headings_say_budget_and_plan) {
    const Loaded h = load("examples/socsam-haninge-2005.json");
    for (Lang l : {Lang::sv, Lang::en}) {
        TableOptions o;
        o.lang = l;
        const BudgetTables bt = build_tables(h.result, o);
        std::vector<std::string> heads;
        for (const auto& c : table(bt, "costs").columns) heads.push_back(c.header);
        const std::string change = l == Lang::sv ? "Förändring " : "Change ";
        BOOST_TEST(heads == (std::vector<std::string>{l == Lang::sv ? "Insats" : "Intervention", "Budget 2005", "Plan 2006",
                                                      "Plan 2007", change + "2006", change + "2007"}),
                   boost::test_tools::per_element());
        BOOST_TEST(table(bt, "result").columns.at(1).header == "Budget 2005");
        BOOST_TEST(table(bt, "financing").columns.at(4).header == "Plan 2007");
        BOOST_TEST(table(bt, "items-utbildning").columns.at(1).header == "Budget 2005");
    }
}

BOOST_AUTO_TEST_CASE(random_plans_show_every_figure_within_one_step) {
    // 150 random plans (1–4 members, 1–6 interventions of every kind with öre amounts, positive
    // and negative, 1–6 years, equity with an öre opening, frames by total or cover_costs, every
    // rounding mode) in every unit: every shown amount within one step of its exact value and
    // starred exactly when it is not the nearest, every sum adding up, and the equity chain
    // (start of a year = end of the year before) unbroken.
    std::mt19937 rng(14);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    auto ore = [&](long long lo, long long hi) {
        const long long v = std::uniform_int_distribution<long long>(lo, hi)(rng);
        return std::string(v < 0 ? "-" : "") + std::to_string(std::llabs(v) / 100) + "." +
               (std::llabs(v) % 100 < 10 ? "0" : "") + std::to_string(std::llabs(v) % 100);
    };
    const char* kinds[] = {"insats", "project", "administration"};
    const char* modes[] = {"half_up", "half_even", "toward_zero"};
    for (int round = 0; round < 150; ++round) {
        const int nm = pick(1, 4), ni = pick(1, 6), years = pick(1, 6);
        const RoundingMode mode = static_cast<RoundingMode>(pick(0, 2));
        std::string j = R"({"format": "finsam/1", "years": [2020, )" + std::to_string(2019 + years) + R"(], "rounding": {"amounts": "öre", "allocation": "öre", "mode": ")" +
                        modes[static_cast<int>(mode)] + R"("}, "members": [)";
        for (int k = 0; k < nm; ++k) j += std::string(k ? ", " : "") + R"({"id": "m)" + std::to_string(k) + R"(", "kind": "other"})";
        j += R"(], "shares": {)";
        for (int k = 0; k < nm; ++k) j += std::string(k ? ", " : "") + "\"m" + std::to_string(k) + "\": \"" + (k ? "1" : std::to_string(101 - nm)) + "\"";
        j += "}, ";
        if (pick(0, 1)) j += R"("frame": {"2020": {"total": ")" + ore(100000, 90000000) + R"("}}, )";
        j += R"("equity": {"opening": ")" + ore(-5000000, 5000000) + R"("}, "interventions": [)";
        for (int i = 0; i < ni; ++i)
            j += std::string(i ? ", " : "") + R"({"id": "i)" + std::to_string(i) + R"(", "kind": ")" + kinds[pick(0, 2)] +
                 R"(", "amounts": {"2020": ")" + (i == 0 ? ore(5000000, 30000000) : ore(-500000, 3000000)) + R"("}, "change": {"uprate": ")" + std::to_string(pick(-3, 9)) +
                 "." + std::to_string(pick(0, 99)) + R"("}, "owner": "m0"})";
        j += "]}";
        const Plan plan = load_plan_string(j);
        const Result r = evaluate(plan);
        for (Unit u : {Unit::kr, Unit::tkr, Unit::mnkr}) {
            TableOptions o;
            o.unit = u;
            const BudgetTables bt = build_tables(r, o);
            BOOST_TEST_CONTEXT("round " << round << " in " << unit_name(u) << ": " << j) {
                check_invariants(bt, mode == RoundingMode::half_even ? RoundingMode::half_even : RoundingMode::half_up);
                const Table& res = table(bt, "result");
                const Row& start = row(res, "Eget kapital vid årets början");
                const Row& end = row(res, "Eget kapital vid årets slut");
                for (std::size_t c = 2; c < res.columns.size(); ++c) BOOST_TEST(start.cells[c].shown == end.cells[c - 1].shown);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(adjustments_give_final_frame_columns_and_table) {
    const Loaded a = load("tests/report/plans/adjusted.json");
    const BudgetTables bt = build_tables(a.result);
    const Table& fin = table(bt, "financing");
    // 2020 (see negative_values_and_fixed_sums): preliminary 500 / 250 / 250 (1 000), region's
    // adjustment −150,5 shows −150*, finals 500 / 100 / 250 (850); 2021 has no adjustment.
    BOOST_TEST(cell(fin, "Regionen", "Preliminär 2020").shown == 250);
    BOOST_TEST(cell(fin, "Regionen", "Justering 2020").shown == -150);
    BOOST_TEST(cell(fin, "Regionen", "Justering 2020").moved);
    BOOST_TEST(cell(fin, "Regionen", "Slutlig 2020").shown == 100);
    BOOST_TEST(cell(fin, "Summa", "Slutlig 2020").shown == 850);
    BOOST_TEST(cell(fin, "Summa", "Plan 2021").shown == 1000);
    // shares of the final frame 2020: 500 001 / 849 501 = 58,858 %, 99 500 / 849 501 = 11,713 %,
    // 250 000 / 849 501 = 29,429 % → tenths 588,58 / 117,13 / 294,29: floors 999, one to fk → 58,9 / 11,7 / 29,4
    BOOST_TEST(cell(fin, "Försäkringskassan", "Andel 2020").shown == 589);
    BOOST_TEST(cell(fin, "Regionen", "Andel 2020").shown == 117);
    BOOST_TEST(cell(fin, "Kommunen", "Andel 2020").shown == 294);
    // the stated contributions 2021: 1 000 000 − 1 000 001 = −1 kr = −0,001 tkr
    BOOST_TEST(fin.warnings.size() == 1u);
    BOOST_TEST(fin.warnings[0].path == "/checks/2021/contributions");

    const Table& ff = table(bt, "final_frame");
    BOOST_TEST(cell(ff, "Regionen", "Slutlig ram").shown == 100);
    // −150 500 / 250 000 = −60,2 %
    BOOST_TEST(cell(ff, "Regionen", "Förändring").shown == -602);
    BOOST_TEST(ff.footnotes.back() == "Justering 2020, Regionen, \xE2\x88\x92" "150,5 tkr: Regionen minskar sitt bidrag");

    // warnings under the tables they concern
    BOOST_TEST(table(bt, "items-utb").warnings.size() == 1u);
    BOOST_TEST(table(bt, "items-utb").warnings[0].code == "items_sum_mismatch");
    BOOST_TEST(table(bt, "result").warnings.size() == 2u);  // equity below 0 (2020), above 4 % (2021)
    BOOST_TEST(table(bt, "costs").warnings.empty());
    check_invariants(bt);
}

BOOST_AUTO_TEST_CASE(every_example_variant_unit_and_language_adds_up) {
    for (const char* file : {"examples/socsam-haninge-2005.json", "examples/sodra-dalarna-2011.json", "examples/sodra-dalarna-2011-uppfoljning.json",
                             "tests/report/plans/adjusted.json"}) {
        const Plan plan = load_plan_file(source_dir + "/" + file);
        const Evaluation ev = evaluate_all(plan);
        std::vector<const Result*> results{&ev.base};
        for (const auto& [name, r] : ev.variants) results.push_back(&r);
        for (const Result* r : results)
            for (Unit u : {Unit::kr, Unit::tkr, Unit::mnkr})
                for (Lang l : {Lang::sv, Lang::en}) {
                    TableOptions o;
                    o.unit = u;
                    o.lang = l;
                    const BudgetTables bt = build_tables(*r, o);
                    BOOST_TEST_CONTEXT(file << " " << r->name << " " << unit_name(u)) { check_invariants(bt); }
                }
    }
}

BOOST_AUTO_TEST_CASE(the_result_alone_words_its_warnings) {
    // Haninge 2005 (README 1.6): the insatser's published Summa 25 001 tkr against 24 981 tkr.
    const Loaded h = load("examples/socsam-haninge-2005.json");
    BOOST_TEST(table(build_tables(h.result), "costs").warnings.at(0).message ==
               "Kostnaderna för insatser 2005: angivet 25 001 tkr, beräknat 24 981 tkr, skillnad (angivet \xE2\x88\x92 beräknat) 20 tkr.");
    TableOptions en;
    en.lang = Lang::en;
    BOOST_TEST(table(build_tables(h.result, en), "costs").warnings.at(0).message ==
               "The costs of interventions 2005: stated 25,001 tkr, computed 24,981 tkr, difference (stated \xE2\x88\x92 computed) 20 tkr.");
    // The same plan checking all its costs against 25 001 tkr, as it used to: stated 25 001 tkr,
    // computed 27 640 tkr, difference −2 639 tkr; insatser 24 981 tkr, administration 2 659 tkr.
    // The result JSON keeps the English message.
    Node doc = h.plan.source;
    patch_plan(doc, parse_json(R"({"checks": {"2005": {"costs": "25001"}}})"));
    const Plan all_costs = load_plan(doc);
    const Result all = evaluate(all_costs);
    const BudgetTables bt = build_tables(all);
    BOOST_TEST(table(bt, "costs").warnings.at(0).message ==
               "Kostnaderna 2005: angivet 25 001 tkr, beräknat 27 640 tkr, skillnad (angivet \xE2\x88\x92 beräknat) \xE2\x88\x92"
               "2 639 tkr. Beräknat per slag: insatser 24 981 tkr, administration 2 659 tkr.");
    BOOST_TEST(all.warnings.at(0).message ==
               "2005 costs: stated 25001000.00 kr, computed 27640000.00 kr (insats 24981000.00, administration 2659000.00), "
               "difference -2639000.00 kr (stated \xE2\x88\x92 computed)");
}

BOOST_AUTO_TEST_CASE(warnings_are_worded_from_their_records_alone) {
    // tests/report/plans/adjusted.json, worked out by hand:
    // 2020: the frame 1 000 001 kr gives fk 500 001, region 250 000 − 150 500 = 99 500, kommun
    //   250 000 (final 849 501); costs 700 000 + 45 000 (Utbildning's items, not its stated
    //   50 000: difference 5 000) + 149 501 = 894 501; result −45 000 = equity at the end.
    // 2021: contributions 1 000 001 (stated 1 000 000: difference −1 kr); costs 714 000 + 45 000
    //   + 149 501 = 908 501; result 91 500; equity −45 000 + 91 500 = 46 500, above 4 % of
    //   1 000 001 = 40 000,04 kr.
    Loaded a = load("tests/report/plans/adjusted.json");
    auto texts = [](const Table& t) {
        std::vector<std::string> v;
        for (const auto& w : t.warnings) v.push_back(w.message);
        return v;
    };
    using S = std::vector<std::string>;
    const S financing_sv{"Bidragen 2021: angivet 1 000 tkr, beräknat 1 000,001 tkr, skillnad (angivet \xE2\x88\x92 beräknat) \xE2\x88\x92" "0,001 tkr."};
    const S items_sv{"Utbildning 2020: angivet belopp 50 tkr, delposterna summerar till 45 tkr, skillnad 5 tkr; delposternas summa används."};
    const S result_sv{"Eget kapital vid slutet av 2020 är \xE2\x88\x92" "45 tkr, under 0.",
                      "Eget kapital vid slutet av 2021 är 46,5 tkr, över riktvärdet 4 % av bidragen (40,00004 tkr)."};
    // the record, not its English message or its pointer, is what the tables read
    for (auto& w : a.result.warnings) {
        w.message = "not read";
        w.path = "/not/read";
    }
    const BudgetTables sv = build_tables(a.result);
    BOOST_TEST(texts(table(sv, "financing")) == financing_sv, boost::test_tools::per_element());
    BOOST_TEST(texts(table(sv, "items-utb")) == items_sv, boost::test_tools::per_element());
    BOOST_TEST(texts(table(sv, "result")) == result_sv, boost::test_tools::per_element());
    TableOptions en;
    en.lang = Lang::en;
    const BudgetTables e = build_tables(a.result, en);
    BOOST_TEST(texts(table(e, "financing")) ==
                   (S{"The contributions 2021: stated 1,000 tkr, computed 1,000.001 tkr, difference (stated \xE2\x88\x92 computed) -0.001 tkr."}),
               boost::test_tools::per_element());
    BOOST_TEST(texts(table(e, "items-utb")) ==
                   (S{"Utbildning 2020: stated amount 50 tkr, the items sum to 45 tkr, difference 5 tkr; the items' sum is used."}),
               boost::test_tools::per_element());
    BOOST_TEST(texts(table(e, "result")) == (S{"Equity at the end of 2020 is -45 tkr, below 0.",
                                               "Equity at the end of 2021 is 46.5 tkr, above the guideline of 4% of the contributions (40.00004 tkr)."}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_code_and_subject_has_a_wording) {
    // Records made by hand on the adjusted plan's result (members fk, region, kommun;
    // interventions team, utb, kansli), one per row of src/report/warnings.cpp, in kr.
    Loaded a = load("tests/report/plans/adjusted.json");
    a.result.warnings.clear();
    auto add = [&](WarningCode code, WarningSubject subject) -> Warning& {
        Warning w;
        w.code = code;
        w.subject = subject;
        w.year = 2021;
        a.result.warnings.push_back(w);
        return a.result.warnings.back();
    };
    auto mismatch = [](Warning& w, std::int64_t stated, std::int64_t computed) {
        w.stated = kr(stated);
        w.computed = kr(computed);
        w.difference = kr(stated - computed);
    };
    // costs with the costs by kind: 900 000 stated, 908 501 computed (759 000 insatser + 149 501 administration)
    Warning& costs = add(WarningCode::stated_total_mismatch, WarningSubject::costs);
    mismatch(costs, 900'000, 908'501);
    costs.costs_by_kind = {{InterventionKind::insats, kr(759'000)}, {InterventionKind::administration, kr(149'501)}};
    mismatch(add(WarningCode::stated_total_mismatch, WarningSubject::result), 90'000, 91'500);
    mismatch(add(WarningCode::stated_total_mismatch, WarningSubject::equity_end), 46'000, 46'500);
    Warning& team = add(WarningCode::stated_total_mismatch, WarningSubject::intervention);
    team.intervention = 0;
    mismatch(team, 714'001, 714'000);
    Warning& utb = add(WarningCode::items_sum_mismatch, WarningSubject::intervention);
    utb.intervention = 1;
    mismatch(utb, 50'000, 45'000);
    Warning& frame = add(WarningCode::shares_differ_from_frame, WarningSubject::frame);
    frame.members = {{1, kr(300'000), kr(250'000)}, {2, kr(200'000), kr(250'000)}};
    TableOptions o;
    o.unit = Unit::kr;
    const BudgetTables bt = build_tables(a.result, o);
    auto message = [&](const char* id, std::size_t i) { return table(bt, id).warnings.at(i).message; };
    const std::string minus = "\xE2\x88\x92";
    BOOST_TEST(message("costs", 0) == "Kostnaderna 2021: angivet 900 000 kr, beräknat 908 501 kr, skillnad (angivet " + minus +
                                          " beräknat) " + minus + "8 501 kr. Beräknat per slag: insatser 759 000 kr, administration 149 501 kr.");
    BOOST_TEST(message("result", 0) == "Årets resultat 2021: angivet 90 000 kr, beräknat 91 500 kr, skillnad (angivet " + minus +
                                           " beräknat) " + minus + "1 500 kr.");
    BOOST_TEST(message("result", 1) == "Eget kapital vid årets slut 2021: angivet 46 000 kr, beräknat 46 500 kr, skillnad (angivet " +
                                           minus + " beräknat) " + minus + "500 kr.");
    BOOST_TEST(message("costs", 1) == "Team 2021: angivet 714 001 kr, beräknat 714 000 kr, skillnad (angivet " + minus + " beräknat) 1 kr.");
    BOOST_TEST(message("items-utb", 0) == "Utbildning 2021: angivet 50 000 kr, beräknat 45 000 kr, skillnad (angivet " + minus +
                                              " beräknat) 5 000 kr.");
    BOOST_TEST(message("financing", 0) == "2021: ramens bidrag skiljer sig från andelarna: Regionen betalar 300 000 kr, andelen ger "
                                          "250 000 kr; Kommunen betalar 200 000 kr, andelen ger 250 000 kr.");
    // without the costs by kind, the sentence ends after the difference
    a.result.warnings.resize(1);
    a.result.warnings[0].costs_by_kind.clear();
    BOOST_TEST(table(build_tables(a.result, o), "costs").warnings.at(0).message ==
               "Kostnaderna 2021: angivet 900 000 kr, beräknat 908 501 kr, skillnad (angivet " + minus + " beräknat) " + minus + "8 501 kr.");
    // a figure the wording needs and the record lacks is a bug, not a sentence with a hole
    a.result.warnings[0].computed.reset();
    BOOST_CHECK_THROW(build_tables(a.result, o), Error);
}

BOOST_AUTO_TEST_CASE(costs_of_a_kind_and_thousands_separators_are_worded) {
    // Records made by hand on the adjusted plan's result (interventions team, utb, kansli), in tkr.
    Loaded a = load("tests/report/plans/adjusted.json");
    a.result.warnings.clear();
    Warning kind;
    kind.code = WarningCode::stated_total_mismatch;
    kind.subject = WarningSubject::costs_of_kind;
    kind.year = 2021;
    kind.kind = InterventionKind::administration;
    kind.stated = kr(150'000);
    kind.computed = kr(149'501);
    kind.difference = kr(499);
    a.result.warnings.push_back(kind);
    // "7.064" read as 7 064 kr; meant 7 064 000 kr; one record per subject of the rows
    const std::pair<WarningSubject, std::string> where[] = {
        {WarningSubject::intervention, "costs"},          {WarningSubject::intervention_items, "items-utb"},
        {WarningSubject::frame, "financing"},             {WarningSubject::adjustment, "financing"},
        {WarningSubject::costs, "costs"},                 {WarningSubject::costs_of_kind, "costs"},
        {WarningSubject::contributions, "financing"},     {WarningSubject::result, "result"},
        {WarningSubject::equity_end, "result"},           {WarningSubject::equity, "result"}};
    for (const auto& [subject, table_id] : where) {
        Warning w;
        w.code = WarningCode::possible_thousands_separator;
        w.subject = subject;
        w.intervention = 1;  // utb, which has an items table
        w.written = "7.064";
        w.stated = kr(7'064);
        w.meant = kr(7'064'000);
        w.instead = "7064";
        a.result.warnings.push_back(w);
    }
    const BudgetTables bt = build_tables(a.result);
    const std::string minus = "\xE2\x88\x92";
    BOOST_TEST(table(bt, "costs").warnings.at(0).message ==
               "Kostnaderna för administration 2021: angivet 150 tkr, beräknat 149,501 tkr, skillnad (angivet " + minus +
                   " beräknat) 0,499 tkr.");
    const std::string thousands = "Beloppet \"7.064\" är 7,064 tkr; om 7 064 tkr avsågs, skriv \"7064\" (i en plan är punkten ett "
                                  "decimaltecken, aldrig en tusentalsavgränsare).";
    std::map<std::string, std::size_t> count;
    for (const auto& [subject, table_id] : where) ++count[table_id];
    ++count["costs"];  // the costs of a kind
    for (const auto& [id, n] : count) BOOST_TEST(table(bt, id).warnings.size() == n, id);
    BOOST_TEST(table(bt, "financing").warnings.at(0).message == thousands);
    // without `meant` (beyond the range of Money) the alternative is left out
    a.result.warnings.resize(2);
    a.result.warnings[1].meant.reset();
    a.result.warnings[1].instead.reset();
    TableOptions en;
    en.lang = Lang::en;
    BOOST_TEST(table(build_tables(a.result, en), "costs").warnings.at(1).message ==
               "The amount \"7.064\" is 7.064 tkr (in a plan a point is a decimal point, never a thousands separator).");
}

BOOST_AUTO_TEST_CASE(comparison_of_the_dalarna_scenarios) {
    const Plan plan = load_plan_file(source_dir + "/examples/sodra-dalarna-2011.json");
    const Evaluation ev = evaluate_all(plan);
    const BudgetTables bt = build_comparison(ev);
    BOOST_TEST(bt.comparison);
    BOOST_TEST(bt.tables.size() == 6u);  // 2 variants × 3 years
    const Table& t = bt.tables.at(0);
    BOOST_TEST(t.id == "compare-state-plus-50-2011");
    BOOST_TEST(t.title == "Scenario: state-plus-50 jämfört med grundplanen, budget 2011 (tkr)");
    // the state pays 2 730 000 kr = 50 %: frame 5 460 tkr (base 3 640); costs 3 470 + 1 500 (the
    // stödteam added by id) = 4 970; result 490 against 170, +320
    BOOST_TEST(cell(t, "Bidrag från huvudmännen", "Scenario").shown == 5460);
    BOOST_TEST(cell(t, "Kostnader", "Grundplan").shown == 3470);
    BOOST_TEST(cell(t, "Kostnader", "Scenario").shown == 4970);
    BOOST_TEST(cell(t, "Årets resultat", "Skillnad").shown == 320);
    // 2012: the base shows what its own tables show (costs 3 602*, result 38, equity 208)
    const Table& t12 = bt.tables.at(1);
    BOOST_TEST(cell(t12, "Kostnader", "Grundplan").shown == 3602);
    BOOST_TEST(cell(t12, "Årets resultat", "Grundplan").shown == 38);
    BOOST_TEST(cell(t12, "Eget kapital vid årets slut", "Grundplan").shown == 208);
    // sater-joins 2011: Säter (from July) pays 104 088 kr ≈ 104 tkr, 0 in the base plan; listed by name
    const Table& s = bt.tables.at(3);
    const Row* sater = nullptr;
    for (const auto& r : s.rows)
        if (r.cells[0].text == "Säters kommun") {
            sater = &r;
            break;  // the first: Bidrag per huvudman
        }
    BOOST_REQUIRE(sater);
    BOOST_TEST(sater->cells[1].shown == 0);
    BOOST_TEST(sater->cells[2].shown == 104);
    BOOST_TEST(sater->cells[3].shown == 104);
    check_comparison_invariants(ev);
    // one variant, by name; an unknown one with a suggestion
    BOOST_TEST(build_comparison(ev, {}, {"sater-joins"}).tables.size() == 3u);
    BOOST_CHECK_EXCEPTION(build_comparison(ev, {}, {"sater"}), Error, [](const Error& e) {
        return std::string(e.what()) == "no variant \"sater\"; variants are \"state-plus-50\" or \"sater-joins\"";
    });
    BOOST_CHECK_EXCEPTION(build_comparison(ev, {}, {"Sater-joins"}), Error, [](const Error& e) {
        return std::string(e.what()) == "no variant \"Sater-joins\"; did you mean \"sater-joins\"?";
    });
}

BOOST_AUTO_TEST_CASE(liquidity_cash_is_its_exact_value_rounded) {
    // Södra Dalarna's follow-up, tkr: the cash column is the headline (issue 14), each month's
    // cash its exact value at its ordinary rounding; in and out yield so that the chain holds.
    const Loaded x = load("examples/sodra-dalarna-2011-uppfoljning.json");
    const BudgetTables bt = build_tables(x.result, {});
    const Table& m = table(bt, "liquidity");
    // September 2011: exact 665 188 kr → 665 (the rounded opening plus the shown flows gave 667);
    // August 915 395 → 915, so in − out = 665 − 915 = −250: in 25 500 → 26 and out 275 707 → 276
    BOOST_TEST(cell(m, "september 2011", "Kassa vid månadens slut").shown == 665);
    BOOST_TEST(!cell(m, "september 2011", "Kassa vid månadens slut").moved);
    BOOST_TEST(cell(m, "september 2011", "In").shown == 26);
    BOOST_TEST(cell(m, "september 2011", "Ut").shown == 276);
    // July: June 673 695 → 674, July 1 101 295 → 1 101, a change of 427 = in − out with out
    // 254 900 → 255: in 682 500 shows 682 (moved down from its ordinary 683)
    BOOST_TEST(cell(m, "juli 2011", "Kassa vid månadens slut").shown == 1101);
    BOOST_TEST(cell(m, "juli 2011", "In").shown == 682);
    BOOST_TEST(cell(m, "juli 2011", "In").moved);
    // the quarter: Q2 674, Q3 665 (665 188 kr), in 844 500 → 844*, out 853 007 → 853: 674 + 844 − 853 = 665
    const Table& q = table(bt, "liquidity_quarters");
    BOOST_TEST(cell(q, "2011 kv 3", "Kassa vid kvartalets slut").shown == 665);
    BOOST_TEST(cell(q, "2011 kv 3", "In").shown == 844);
    BOOST_TEST(cell(q, "2011 kv 3", "Ut").shown == 853);
    // no month breaks the chain here, so no footnote says so
    for (const auto& f : m.footnotes) BOOST_TEST(f.find("följer inte") == std::string::npos);
    check_invariants(bt);
}

BOOST_AUTO_TEST_CASE(follow_up_in_mnkr_keeps_every_figure_within_a_step) {
    // Södra Dalarna 2011 through August in mnkr (a step 0,1 mnkr = 100 000 kr).
    const Loaded x = load("examples/sodra-dalarna-2011-uppfoljning.json");
    TableOptions o;
    o.unit = Unit::mnkr;
    const BudgetTables bt = build_tables(x.result, o);
    const Table& t = table(bt, "followup");
    const std::string sf = "Utvidgad arbetsmarknad/sociala företag: introduktions- och fortsättningskurser";
    // the deviation: budget to date 60 000 kr (0,6 steps → 1) − actual 67 400 (0,674 steps, shown
    // 0* for the column's Summa) = −7 400 kr (−0,074 steps) shows 0; the shown 1 − 0 = 1 would be
    // more than a step off (and of the wrong sign), so the row relation yields
    BOOST_TEST(cell(t, sf, "Budget t.o.m. augusti").shown == 1);
    BOOST_TEST(cell(t, sf, "Utfall t.o.m. augusti").shown == 0);
    BOOST_TEST(cell(t, sf, "Avvikelse").shown == 0);
    BOOST_TEST(cell(t, sf, "Avvikelse").sum_of.empty());
    // the column adds up instead: Summa insatser 221 712 kr → 2 = 2 (SHP 229 112 kr) + 0 + 0 (none)
    BOOST_TEST(cell(t, "Summa insatser", "Avvikelse").shown == 2);
    BOOST_TEST(cell(t, "Summa insatser", "Avvikelse").sum_of.size() == 3u);
    // Summa intäkter in the forecast: exact 3,8949 mnkr; the contributions show 1,8 + 0,9 +
    // 0,6* + 0,4 = 3,7 (3,64), so the other income (ESF 0,25 and interest 0,0049) must show 0,2:
    // ESF 0,2* (its ordinary rounding is 0,3), Summa 3,9, result 3,9 − 3,1 = 0,8 (0,819067)
    BOOST_TEST(cell(t, "Summa intäkter", "Prognos 2011").shown == 39);
    BOOST_TEST(cell(t, "ESF-rådet (Europeiska socialfonden): medfinansiering av Sammanhangsplatser", "Prognos 2011").shown == 2);
    BOOST_TEST(cell(t, "ESF-rådet (Europeiska socialfonden): medfinansiering av Sammanhangsplatser", "Prognos 2011").moved);
    BOOST_TEST(cell(t, "Årets resultat", "Prognos 2011").shown == 8);
    // the result table's forecast column shows the same other income and result
    const Table& r = table(bt, "result");
    BOOST_TEST(cell(r, "Övriga intäkter", "Prognos 2011").shown == 2);
    BOOST_TEST(cell(r, "Årets resultat", "Prognos 2011").shown == 8);
    BOOST_TEST(t.footnotes.back().find(sf + ", Avvikelse") != std::string::npos);
    check_invariants(bt);
}

BOOST_AUTO_TEST_CASE(liquidity_chain_yields_where_the_sums_cannot_hold) {
    // Made-up cash in tkr: opening 0; 600 kr in in January, March and May, 600 kr out in
    // February, April and June, nothing else. The cash (0,6; 0; 0,6; 0; 0,6; 0 tkr) shows
    // 1, 0, 1, 0, 1, 0. With the chain each in would show 1 and each out 0: Σ in 3 for an exact
    // 1,8 and Σ out 0 for 1,8, both more than a step off. So the chain yields in 2011: in and out
    // are rounded as a table of their own (Σ in 2 and Σ out 2, each 1,8 rounded) and the months
    // whose cash does not follow are named in a footnote; the cash stays 1, 0, 1, 0, 1, 0.
    Loaded x = load("examples/sodra-dalarna-2011-uppfoljning.json");
    LiquidityResult& l = *x.result.liquidity;
    l.opening = Money{};
    const Money six = Money::from_ore(60000);
    for (std::size_t y = 0; y < l.months.size(); ++y) {
        for (std::size_t m = 0; m < 12; ++m) {
            CashMonth& c = l.months[y][m];
            const bool in_month = y == 0 && m < 6 && m % 2 == 0, out_month = y == 0 && m < 6 && m % 2 == 1;
            c.in = in_month ? six : Money{};
            c.out = out_month ? six : Money{};
            c.cash_end = y == 0 && m < 6 && in_month ? six : Money{};
        }
        for (std::size_t q = 0; q < 4; ++q) l.quarters[y][q] = {y == 0 && q < 2 ? Money::from_ore(q == 0 ? 120000 : 60000) : Money{},
                                                                y == 0 && q < 2 ? Money::from_ore(q == 0 ? 60000 : 120000) : Money{},
                                                                y == 0 && q == 0 ? six : Money{}};
    }
    const BudgetTables bt = build_tables(x.result, {});
    const Table& t = table(bt, "liquidity");
    const char* months[] = {"januari 2011", "februari 2011", "mars 2011", "april 2011", "maj 2011", "juni 2011"};
    for (std::size_t m = 0; m < 6; ++m) BOOST_TEST(cell(t, months[m], "Kassa vid månadens slut").shown == (m % 2 == 0 ? 1 : 0));
    BOOST_TEST(cell(t, "Summa 2011", "In").shown == 2);
    BOOST_TEST(cell(t, "Summa 2011", "Ut").shown == 2);
    // in and out as a table of their own: Σ in 1,8 → 2 and Σ out 1,8 → 2 (their ordinary
    // rounding), so two of the three in go up (ties to the first: January, March) and one out
    // goes down to 0 (February, the first): in 1, 0, 1, 0, 0, 0 and out 0, 0, 0, 1, 0, 1.
    // The chain: January 0 + 1 − 0 = 1 holds, February 1 + 0 − 0 = 1 ≠ 0, March 0 + 1 = 1,
    // April 1 − 1 = 0, May 0 + 0 ≠ 1, June 1 − 1 = 0: February and May are named
    BOOST_TEST(cell(t, "maj 2011", "In").shown == 0);
    BOOST_TEST(cell(t, "februari 2011", "Ut").shown == 0);
    BOOST_TEST(t.footnotes.back() ==
               "Kassan är det exakta beloppet avrundat och följer inte av föregående kassa + in − ut i: februari 2011, maj 2011 "
               "(årets summor av in och ut hade annars hamnat mer än ett steg från de exakta).");
    for (std::size_t m = 0; m < 6; ++m) BOOST_TEST(cell(t, months[m], "Kassa vid månadens slut").sum_of.empty() == (m == 1 || m == 4));
    check_invariants(bt);
}

BOOST_AUTO_TEST_CASE(comparison_shows_other_income) {
    // ESF-rådet pays 30 600 kr in 2020 and 30 400 kr in 2021; the scenario drops 2021's.
    const Plan plan = load_plan_file(source_dir + "/tests/report/plans/income-scenario.json");
    const Evaluation ev = evaluate_all(plan);
    const BudgetTables bt = build_comparison(ev);
    BOOST_TEST(bt.tables.size() == 2u);  // 1 variant × 2 years
    // 2020, both sides: contributions 400 tkr + income 30,6 → 31 − costs 380 = result 50,6 → 51
    const Table& t20 = bt.tables.at(0);
    BOOST_TEST(cell(t20, "Övriga intäkter", "Grundplan").shown == 31);
    BOOST_TEST(cell(t20, "Övriga intäkter", "Skillnad").shown == 0);
    BOOST_TEST(cell(t20, "Årets resultat", "Scenario").shown == 51);
    // 2021: base income 30,4 → 30, result 400 + 30 − 380 = 50 (exact 50,4); the scenario has
    // no income: result 20; difference −30 (exact −30,4). Equity: base 50,6 + 50,4 = 101,
    // scenario 50,6 + 20 = 70,6 → 71 (51 + 20)
    const Table& t21 = bt.tables.at(1);
    BOOST_TEST(cell(t21, "Övriga intäkter", "Grundplan").shown == 30);
    BOOST_TEST(cell(t21, "Övriga intäkter", "Scenario").shown == 0);
    BOOST_TEST(cell(t21, "Övriga intäkter", "Skillnad").shown == -30);
    BOOST_TEST(cell(t21, "Årets resultat", "Grundplan").shown == 50);
    BOOST_TEST(cell(t21, "Årets resultat", "Scenario").shown == 20);
    BOOST_TEST(cell(t21, "Eget kapital vid årets slut", "Scenario").shown == 71);
    // the row order: costs, contributions, income, result
    BOOST_TEST(t21.rows.at(2).cells[0].text == "Övriga intäkter");
    BOOST_TEST(t21.rows.at(3).cells[0].text == "Årets resultat");
    TableOptions en;
    en.lang = Lang::en;
    BOOST_TEST(cell(build_comparison(ev, en).tables.at(1), "Other income", "Difference").shown == -30);
    check_comparison_invariants(ev);
    // a plan without income has no income row
    const Evaluation dalarna = evaluate_all(load_plan_file(source_dir + "/examples/sodra-dalarna-2011.json"));
    const BudgetTables without = build_comparison(dalarna);
    for (const auto& r : without.tables.at(0).rows) BOOST_TEST(r.cells[0].text != "Övriga intäkter");
    golden("compare-income.sv.md", to_markdown(bt));
    golden("compare-income.en.md", to_markdown(build_comparison(ev, en)));
    for (const auto& f : to_csv(bt)) golden("compare-income.sv.csv/" + f.name, f.content);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(golden_files)

BOOST_AUTO_TEST_CASE(both_examples_every_text_format) {
    const std::pair<const char*, const char*> examples[] = {{"haninge", "examples/socsam-haninge-2005.json"},
                                                            {"dalarna", "examples/sodra-dalarna-2011.json"},
                                                            {"uppfoljning", "examples/sodra-dalarna-2011-uppfoljning.json"}};
    for (const auto& [name, file] : examples) {
        const Loaded x = load(file);
        for (Lang l : {Lang::sv, Lang::en}) {
            TableOptions o;
            o.lang = l;
            const BudgetTables bt = build_tables(x.result, o);
            const std::string base = std::string(name) + (l == Lang::sv ? ".sv" : ".en");
            golden(base + ".md", to_markdown(bt));
            golden(base + ".html", to_html(bt));
            for (const auto& f : to_csv(bt)) golden(base + ".csv/" + f.name, f.content);
        }
    }
    // other units: Dalarna in kr and in mnkr, Markdown; the follow-up in mnkr
    const Loaded d = load("examples/sodra-dalarna-2011.json");
    for (Unit u : {Unit::kr, Unit::mnkr}) {
        TableOptions o;
        o.unit = u;
        golden("dalarna.sv." + std::string(unit_name(u)) + ".md", to_markdown(build_tables(d.result, o)));
    }
    TableOptions mnkr;
    mnkr.unit = Unit::mnkr;
    golden("uppfoljning.sv.mnkr.md", to_markdown(build_tables(load("examples/sodra-dalarna-2011-uppfoljning.json").result, mnkr)));
}

BOOST_AUTO_TEST_SUITE_END()
