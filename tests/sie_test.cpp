// Tests for finsam/sie.hpp: the SIE reader on files written the way exporters write them (one
// case per quirk), its problems with their lines, CP437, and the file driver's chunking.
#define BOOST_TEST_MODULE sie
#include <boost/test/unit_test.hpp>

#include <finsam/sie.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using Lines = std::vector<std::string>;

namespace {

/// Every row as one line: "LINE DATE ACCOUNT {OBJECTS} AMOUNT [SERIES NUMBER] TEXT".
struct Collect : finsam::SieVisitor {
    Lines rows;
    void row(const finsam::SieRow& r) override {
        std::string objs;
        for (const auto& o : r.objects) objs += (objs.empty() ? "" : " ") + std::to_string(o.dimension) + ":" + std::string(o.id);
        std::string s = std::to_string(r.line) + " ";
        if (r.kind == finsam::SieRow::Kind::period_balance)
            s += "P" + std::to_string(r.year_index) + " " + std::to_string(r.date.year) + "-" + std::to_string(r.date.month);
        else
            s += r.date.iso();
        s += " " + std::string(r.account) + " {" + objs + "} " + r.amount.to_kr_string();
        if (r.kind == finsam::SieRow::Kind::transaction)
            s += " [" + std::string(r.series) + " " + std::string(r.number) + (r.added ? " added" : "") + "] " + std::string(r.text);
        rows.push_back(s);
    }
};

finsam::SieSummary read(const std::string& text, Collect& c) { return finsam::read_sie(text, c, "books.se"); }

Lines rows_of(const std::string& text) {
    Collect c;
    read(text, c);
    return c.rows;
}

/// "LINE: message" of every problem (empty when the file is valid).
Lines problems_of(const std::string& text) {
    Collect c;
    try {
        read(text, c);
    } catch (const finsam::SieError& e) {
        Lines out;
        for (const auto& p : e.problems()) out.push_back(std::to_string(p.line) + ": " + p.message);
        return out;
    }
    return {};
}

const std::string head = "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#FNAMN \"Test\"\n";  // lines 1-4

}  // namespace

BOOST_AUTO_TEST_CASE(vouchers_and_rows) {
    Collect c;
    const auto s = read(head +
                            "#RAR 0 20110101 20111231\n"                         // 5
                            "#VER A 1 20110115 \"Lokalhyra januari\" 20110120\n"  // 6
                            "{\n"                                                // 7
                            "\t#TRANS 5010 {} 12500.00\n"                        // 8
                            "\t#TRANS 1930 {} -12500.00\n"                       // 9
                            "}\n",
                        c);
    BOOST_TEST(c.rows == (Lines{"8 2011-01-15 5010 {} 12500.00 [A 1] ", "9 2011-01-15 1930 {} -12500.00 [A 1] "}),
               boost::test_tools::per_element());
    BOOST_TEST(s.company == "Test");
    BOOST_TEST(s.format == "PC8");
    BOOST_TEST(s.sie_type == "4");
    BOOST_TEST(s.vouchers == 1u);
    BOOST_TEST(s.transactions == 2u);
    BOOST_TEST(s.lines == 10u);
    BOOST_TEST((s.fiscal_years == std::vector<finsam::SieFiscalYear>{{0, {2011, 1, 1}, {2011, 12, 31}}}));
    BOOST_TEST(!s.extent.has_value());
}

BOOST_AUTO_TEST_CASE(cp437_swedish_letters) {
    // å ä ö Å Ä Ö are 0x86 0x84 0x94 0x8F 0x8E 0x99 in CP437 (and é 0x82)
    Collect c;
    const auto s = read("#FORMAT PC8\n#FNAMN \"S\x94" "dra Dalarnas samordningsf\x94rbund\"\n"
                        "#VER A 1 20110115 \"Hyra\"\n{\n"
                        "#TRANS 5010 {1 \"\x8F" "\x8E" "\x99\"} 100.00 \"\" \"M\x86l \x84ta \x82n\"\n"
                        "#TRANS 1930 {} -100.00\n}\n",
                        c);
    BOOST_TEST(s.company == "Södra Dalarnas samordningsförbund");
    BOOST_TEST(!s.utf8);
    BOOST_TEST(c.rows.at(0) == "5 2011-01-15 5010 {1:ÅÄÖ} 100.00 [A 1] Mål äta én");
}

BOOST_AUTO_TEST_CASE(cp437_table) {
    // spot checks of the hand-written table against the code page (tests/python/test_sie.py
    // compares all 128 entries with Python's cp437 codec)
    BOOST_TEST(finsam::cp437_utf8(0x80) == "Ç");
    BOOST_TEST(finsam::cp437_utf8(0x86) == "å");
    BOOST_TEST(finsam::cp437_utf8(0x9E) == "₧");
    BOOST_TEST(finsam::cp437_utf8(0xE1) == "ß");
    BOOST_TEST(finsam::cp437_utf8(0xFF) == "\u00A0");
    BOOST_TEST(finsam::cp437_utf8(0x41).empty());
}

BOOST_AUTO_TEST_CASE(utf8_file_that_says_pc8) {
    // many exporters write UTF-8 and keep #FORMAT PC8: valid UTF-8 with a multi-byte sequence
    Collect c;
    const auto s = read("#FORMAT PC8\n#FNAMN \"Södra Dalarna\"\n#VER \"\" \"\" 20110301 \"Återbetalning\"\n{\n"
                        "#TRANS 3010 {1 \"Hälsa\"} -455000.00\n#TRANS 1930 {} 455000.00\n}\n",
                        c);
    BOOST_TEST(s.utf8);
    BOOST_TEST(s.company == "Södra Dalarna");
    BOOST_TEST(c.rows.at(0) == "5 2011-03-01 3010 {1:Hälsa} -455000.00 [ ] ");
}

BOOST_AUTO_TEST_CASE(one_invalid_byte_makes_the_file_cp437) {
    // "ö" as UTF-8 (C3 B6) in one place and a lone CP437 0x94 in another: not valid UTF-8, so
    // every byte is CP437 (C3 is ├ and B6 is ╢)
    Collect c;
    const auto s = read("#FNAMN \"S\xC3\xB6" "dra\"\n#PROGRAM \"F\x94rb\"\n", c);
    BOOST_TEST(!s.utf8);
    BOOST_TEST(s.company == "S├╢dra");
    BOOST_TEST(s.program == "Förb");
}

BOOST_AUTO_TEST_CASE(crlf_bom_and_final_ctrl_z) {
    const std::string file = "\xEF\xBB\xBF#FLAGGA 0\r\n#VER A 1 20110115\r\n{\r\n#TRANS 5010 {} 1.50\r\n#TRANS 1930 {} -1.50\r\n}\r\n\x1A";
    BOOST_TEST(rows_of(file) == (Lines{"4 2011-01-15 5010 {} 1.50 [A 1] ", "5 2011-01-15 1930 {} -1.50 [A 1] "}),
               boost::test_tools::per_element());
    // a Ctrl-Z right after the last }, without a newline
    BOOST_TEST(rows_of("#VER A 1 20110115\n{\n#TRANS 5010 {} 1\n#TRANS 1930 {} -1\n}\x1A").size() == 2u);
    // blank and indented lines
    BOOST_TEST(rows_of("\n#VER A 1 20110115\n\n  {\n   #TRANS 5010 {} 1\n\n#TRANS 1930 {} -1\n  }  \n\n").size() == 2u);
}

BOOST_AUTO_TEST_CASE(empty_transdat_text_and_a_quantity) {
    // #TRANS 1920 {} -1.85 "" "" 0: empty transaction date (the voucher's) and text, quantity 0
    BOOST_TEST(rows_of("#VER B 7 20110228 \"Bankavgift\"\n{\n#TRANS 1920 {} -1.85 \"\" \"\" 0\n#TRANS 6570 {} 1.85 \"\" \"Avgift\" 0 \"anna\"\n}\n") ==
                   (Lines{"3 2011-02-28 1920 {} -1.85 [B 7] ", "4 2011-02-28 6570 {} 1.85 [B 7] Avgift"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(transdat_in_another_month) {
    // a January invoice booked on a voucher of 3 February: the row's month is January
    BOOST_TEST(rows_of("#VER A 9 20110203\n{\n#TRANS 5010 {} 800.00 20110131 \"Januari\"\n#TRANS 2440 {} -800.00\n}\n") ==
                   (Lines{"3 2011-01-31 5010 {} 800.00 [A 9] Januari", "4 2011-02-03 2440 {} -800.00 [A 9] "}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(rtrans_with_its_copy_counts_once) {
    // an added row (#RTRANS) is followed by the same row as #TRANS for older readers
    Collect c;
    const auto s = read("#VER A 3 20110310\n{\n#TRANS 5010 {} 200.00\n#TRANS 1930 {} -200.00\n"
                        "#RTRANS 5010 {1 \"K1\"} 50.00 20110310 \"Tillagd\" 0 \"eva\"\n"
                        "#TRANS 5010 {1 \"K1\"} 50.00 20110310 \"Tillagd\" 0 \"eva\"\n"
                        "#RTRANS 1930 {} -50.00\n#TRANS 1930 {} -50.00\n}\n",
                        c);
    BOOST_TEST(c.rows == (Lines{"3 2011-03-10 5010 {} 200.00 [A 3] ", "4 2011-03-10 1930 {} -200.00 [A 3] ",
                                "5 2011-03-10 5010 {1:K1} 50.00 [A 3 added] Tillagd", "7 2011-03-10 1930 {} -50.00 [A 3 added] "}),
               boost::test_tools::per_element());
    BOOST_TEST(s.transactions == 4u);  // 2 + 2 #RTRANS; the copies are not rows
    // an #RTRANS without a copy (an exporter that leaves it out) is one row, and the next #TRANS
    // that differs is a row of its own: 10 + 15 − 25 = 0 balances
    BOOST_TEST(rows_of("#VER A 4 20110310\n{\n#RTRANS 5010 {} 10.00\n#TRANS 5010 {} 15.00\n#TRANS 1930 {} -25.00\n}\n").size() == 3u);
}

BOOST_AUTO_TEST_CASE(btrans_counts_nothing) {
    // a removed row stands in the voucher with the row that replaced it; only the latter counts
    // and balances: 300 − 300 = 0 without the removed 250
    Collect c;
    const auto s = read("#VER A 5 20110405\n{\n#BTRANS 5010 {} 250.00 20110405 \"Fel belopp\" 0 \"eva\"\n"
                        "#TRANS 5010 {} 300.00\n#TRANS 1930 {} -300.00\n}\n",
                        c);
    BOOST_TEST(c.rows.size() == 2u);
    BOOST_TEST(s.removed == 1u);
}

BOOST_AUTO_TEST_CASE(fiscal_years_and_ignored_labels) {
    Collect c;
    const auto s = read("#RAR 0 20110101 20111231\n#RAR -1 20100101 20101231\n#KSUMMA\n#KONTO 5010 \"Lokalhyra\"\n"
                        "#IB 0 1930 125000.00\n#RES 0 5010 12500.00\n#PBUDGET 0 201101 5010 {} 1000.00\n"
                        "#OMFATTN 20110831\n#NYETIKETT {oavslutad \"och\n#VER A 1 20100520\n{\n#TRANS 5010 {} 5\n"
                        "#TRANS 1930 {} -5\n}\n#KSUMMA 1234567890\n",
                        c);
    BOOST_TEST((s.fiscal_years ==
                std::vector<finsam::SieFiscalYear>{{0, {2011, 1, 1}, {2011, 12, 31}}, {-1, {2010, 1, 1}, {2010, 12, 31}}}));
    BOOST_TEST(s.extent->iso() == "2011-08-31");
    BOOST_TEST(s.extent_line == 8u);
    BOOST_TEST(c.rows.at(0) == "12 2010-05-20 5010 {} 5.00 [A 1] ");  // a row of the year before is read
}

BOOST_AUTO_TEST_CASE(dimensions_one_and_six) {
    // kostnadsställe (1) and projekt (6), written in either order, handed out by dimension
    BOOST_TEST(rows_of("#DIM 1 \"Kostnadsställe\"\n#DIM 6 \"Projekt\"\n#VER A 1 20110115\n{\n"
                       "#TRANS 5010 {6 \"101\" 1 \"KANS\"} 100\n#TRANS 5010 {1 KANS} 50\n#TRANS 1930 {} -150\n}\n") ==
                   (Lines{"5 2011-01-15 5010 {1:KANS 6:101} 100.00 [A 1] ", "6 2011-01-15 5010 {1:KANS} 50.00 [A 1] ",
                          "7 2011-01-15 1930 {} -150.00 [A 1] "}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(quotes_and_escapes) {
    Collect c;
    const auto s = read("#FNAMN \"Bolaget \\\"Bästa\\\" AB\"\n#VER A 1 20110115 \"a\\\"b\"\n{\n"
                        "#TRANS 5010 {1 \"K \\\"1\\\"\"} 1 \"\" \"med \\\"citat\\\"\"\n#TRANS 1930 {} -1\n}\n",
                        c);
    BOOST_TEST(s.company == "Bolaget \"Bästa\" AB");
    BOOST_TEST(c.rows.at(0) == "4 2011-01-15 5010 {1:K \"1\"} 1.00 [A 1] med \"citat\"");
}

BOOST_AUTO_TEST_CASE(period_balances) {
    // a type 3 file: #PSALDO rows on accounts and on objects of them; no #VER
    Collect c;
    const auto s = read("#SIETYP 3\n#PSALDO 0 201101 5010 {} 12500.00\n#PSALDO 0 201101 5010 {1 \"KANS\"} 2500.00 3\n"
                        "#PSALDO -1 201012 5010 {} 9000\n",
                        c);
    BOOST_TEST(c.rows == (Lines{"2 P0 2011-1 5010 {} 12500.00", "3 P0 2011-1 5010 {1:KANS} 2500.00", "4 P-1 2010-12 5010 {} 9000.00"}),
               boost::test_tools::per_element());
    BOOST_TEST(s.period_balances == 3u);
    BOOST_TEST(s.vouchers == 0u);
}

BOOST_AUTO_TEST_CASE(amounts) {
    const auto one = [](const std::string& amount) {
        return "#VER A 1 20110101\n{\n#TRANS 5010 {} " + amount + "\n#TRANS 1930 {} " +
               (amount.front() == '-' ? amount.substr(1) : "-" + amount) + "\n}\n";
    };
    BOOST_TEST(rows_of(one("1997")).at(0) == "3 2011-01-01 5010 {} 1997.00 [A 1] ");
    BOOST_TEST(rows_of(one("-1.8")).at(0) == "3 2011-01-01 5010 {} -1.80 [A 1] ");
    BOOST_TEST(rows_of(one("0012.05")).at(0) == "3 2011-01-01 5010 {} 12.05 [A 1] ");
    BOOST_TEST(rows_of(one("92233720368547758.07")).at(0) == "3 2011-01-01 5010 {} 92233720368547758.07 [A 1] ");
    BOOST_TEST(problems_of(one("1234,50")).at(0) == "3: amount \"1234,50\" has a decimal comma; write 1234.50 (a decimal point)");
    BOOST_TEST(problems_of(one("1.005")).at(0) ==
               "3: amount \"1.005\" has more than two decimals; SIE amounts are kronor with at most two decimals (öre)");
    for (const char* bad : {"+5", "1e3", "1.", ".5", "--1", "0x10", "1.2.3"})
        BOOST_TEST(problems_of(one(bad)).at(0).find("is not an amount") != std::string::npos, bad);
    BOOST_TEST(problems_of(one("92233720368547758.08")).at(0) ==
               "3: amount \"92233720368547758.08\" is beyond ±92 233 720 368 547 758.07 kr; check its digits");
    BOOST_TEST(problems_of(one("99999999999999999999999")).at(0).find("is beyond") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(dates) {
    const auto row_dated = [](const std::string& date) {
        return "#VER A 1 20120101\n{\n#TRANS 5010 {} 1 " + date + "\n#TRANS 1930 {} -1\n}\n";
    };
    BOOST_TEST(rows_of(row_dated("20120229")).at(0) == "3 2012-02-29 5010 {} 1.00 [A 1] ");  // a leap day
    for (const char* bad : {"20110229", "20110431", "20111301", "00000101", "2011-01-31", "201101", "20110100"})
        BOOST_TEST(problems_of(row_dated(bad)) ==
                       (Lines{"3: date \"" + std::string(bad) + "\" is not a date; write YYYYMMDD, a real calendar date such as 20110131"}),
                   boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(voucher_problems) {
    BOOST_TEST(problems_of("#VER A 12 20110115\n{\n#TRANS 5010 {} 100.00\n#TRANS 1930 {} -99.99\n}\n") ==
                   (Lines{"1: voucher A 12 does not balance: its rows sum to 0.01 kr; debit and credit must be equal (the rows of a "
                          "voucher sum to 0)"}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of("#VER A 1 20110115\n{\n#TRANS 5010 {} 1\n#TRANS 1930 {} -1\n#VER A 2 20110116\n{\n#TRANS 5010 {} 2\n"
                           "#TRANS 1930 {} -2\n") ==
                   (Lines{"2: the { of voucher A 1 is not closed by a } line", "6: the { of voucher A 2 is not closed by a } line"}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of("#VER A 1 20110115\n#TRANS 5010 {} 1\n") ==
                   (Lines{"1: voucher A 1 is not followed by a { line; a voucher's rows stand between { and } on the lines after its #VER",
                          "2: #TRANS outside a voucher; a voucher's rows stand between the { and } lines after its #VER"}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of("{\n}\n") == (Lines{"1: a { line must follow a #VER line (a voucher's rows stand between { and })",
                                               "2: a } line without a voucher to close"}),
               boost::test_tools::per_element());
    BOOST_TEST(problems_of("#VER A 1\n{\n}\n") ==
                   (Lines{"1: #VER needs a date after its series and number; write such as #VER A 1 20110131 \"text\""}));
    // a row with a problem leaves its voucher's balance unchecked (no second problem)
    BOOST_TEST(problems_of("#VER A 1 20110101\n{\n#TRANS 5010 {} 1,5\n#TRANS 1930 {} -1.50\n}\n").size() == 1u);
}

BOOST_AUTO_TEST_CASE(field_problems) {
    const auto in_voucher = [](const std::string& row) { return "#VER A 1 20110101\n{\n" + row + "\n}\n"; };
    BOOST_TEST(problems_of(in_voucher("#TRANS 5010 {1 \"K1\" 6} 1")) ==
               (Lines{"3: the object list {1 \"K1\" 6} is not pairs of dimension and object; write {1 \"K1\" 6 \"101\"}"}));
    BOOST_TEST(problems_of(in_voucher("#TRANS 5010 {1 \"K1\" 1 \"K2\"} 1")) ==
               (Lines{"3: dimension 1 appears twice in the object list {1 \"K1\" 1 \"K2\"}; a row has at most one object per "
                      "dimension"}));
    BOOST_TEST(problems_of(in_voucher("#TRANS 5010 {K1 \"x\"} 1")) ==
               (Lines{"3: dimension \"K1\" in the object list {K1 \"x\"} is not a number; write the dimension's number "
                      "before each object, such as {1 \"K1\"}"}));
    BOOST_TEST(problems_of(in_voucher("#TRANS 5010 {1 \"K1\" 1")) ==
               (Lines{"3: unterminated {: the object list {1 \"K1\" 1 has no closing }; write it as {1 \"K1\" 6 \"101\"}, or {} "
                      "for none"}));
    BOOST_TEST(problems_of(in_voucher("#TRANS 5010 {} 1 20110101 \"utan slut")) ==
               (Lines{"3: a quoted field is not closed: the line ends before the \" that closes \"utan slut"}));
    BOOST_TEST(problems_of(in_voucher("#TRANS 5010 1")) ==
               (Lines{"3: #TRANS expects an object list after the account, not \"1\"; write {} for a row without objects, such as "
                      "#TRANS 1930 {} -100.00"}));
    BOOST_TEST(problems_of(in_voucher("#TRANS 5010 {}")) ==
               (Lines{"3: #TRANS needs an amount after the object list, such as #TRANS 1930 {} -100.00"}));
    BOOST_TEST(problems_of(in_voucher("#TRANS")) ==
               (Lines{"3: #TRANS needs an account, an object list and an amount, such as #TRANS 1930 {} -100.00"}));
    BOOST_TEST(problems_of(in_voucher("#TRANS 50A0 {} 1")) ==
               (Lines{"3: account \"50A0\" is not an account number; write its digits, such as 1930"}));
    BOOST_TEST(problems_of(in_voucher("TRANS 5010 {} 1")) ==
               (Lines{"3: \"TRANS 5010 {} 1\" is not a SIE line: every line is a #LABEL line, { or }"}));
    BOOST_TEST(problems_of(in_voucher("#TRANS 5010 {} } 1")) ==
               (Lines{"3: a } without its {: 5010 {} }; an object list is written {1 \"K1\"}"}));
}

BOOST_AUTO_TEST_CASE(problems_are_all_listed_in_line_order) {
    // the unbalanced voucher (line 1) is found at its } (line 5), after the row problem of line 6
    BOOST_TEST(problems_of("#VER A 1 20110101\n{\n#TRANS 5010 {} 1\n#TRANS 1930 {} -2\n}\n#OMFATTN 2011\n") ==
                   (Lines{"1: voucher A 1 does not balance: its rows sum to -1.00 kr; debit and credit must be equal (the rows of a "
                          "voucher sum to 0)",
                          "6: date \"2011\" is not a date; write YYYYMMDD, a real calendar date such as 20110131"}),
               boost::test_tools::per_element());
    // beyond max_sie_problems, the rest are counted in one last problem
    std::string many;
    for (int i = 0; i < 1500; ++i) many += "x\n";
    const Lines p = problems_of(many);
    BOOST_TEST(p.size() == finsam::max_sie_problems + 1);
    BOOST_TEST(p.back() == "1001: 500 more problems from this line on (the first 1000 are listed)");
}

BOOST_AUTO_TEST_CASE(no_rows_are_handed_out_after_a_problem) {
    Collect c;
    BOOST_CHECK_THROW(read("#OMFATTN 2011\n#VER A 1 20110101\n{\n#TRANS 5010 {} 1\n#TRANS 1930 {} -1\n}\n", c), finsam::SieError);
    BOOST_TEST(c.rows.empty());
}

BOOST_AUTO_TEST_CASE(file_driver_agrees_with_memory) {
    // a file of several chunks (1 MiB each), CRLF, CP437, with an over-long line in the middle:
    // the file driver must cut lines across chunk boundaries exactly as the memory driver does
    std::string text = "#FNAMN \"F\x94rbundet\"\r\n";
    for (int v = 1; v <= 30000; ++v) {
        text += "#VER A " + std::to_string(v) + " 20110" + std::to_string(1 + v % 9) + "15 \"Verifikation " + std::to_string(v) + "\"\r\n{\r\n";
        text += "#TRANS 5010 {1 \"K" + std::to_string(v % 7) + "\"} " + std::to_string(v) + ".25 \"\" \"r\x84" "d\"\r\n";
        text += "#TRANS 1930 {} -" + std::to_string(v) + ".25\r\n}\r\n";
        if (v == 15000) text += "#KONTO 1 \"" + std::string(finsam::max_sie_line + 10, 'x') + "\"\r\n";
    }
    text += "\x1A";
    const auto path = std::filesystem::temp_directory_path() / "finsam_sie_test_chunks.se";
    std::ofstream(path, std::ios::binary) << text;
    Collect from_file, from_memory;
    Lines file_problems, memory_problems;
    try {
        finsam::read_sie_file(path.string(), from_file);
    } catch (const finsam::SieError& e) {
        for (const auto& p : e.problems()) file_problems.push_back(std::to_string(p.line) + ": " + p.message);
    }
    try {
        finsam::read_sie(text, from_memory);
    } catch (const finsam::SieError& e) {
        for (const auto& p : e.problems()) memory_problems.push_back(std::to_string(p.line) + ": " + p.message);
    }
    std::filesystem::remove(path);
    // the over-long #KONTO comes after voucher 15000 (5 lines each, after line 1): line 75002
    BOOST_TEST(file_problems == (Lines{"75002: line longer than 100000 bytes; a SIE line holds one record"}));
    BOOST_TEST(memory_problems == file_problems);
    // rows of the vouchers before the problem were handed out, the same from both drivers
    BOOST_TEST(from_file.rows.size() == 30000u);
    BOOST_TEST(from_file.rows == from_memory.rows);
    BOOST_TEST(from_file.rows.at(0) == "4 2011-02-15 5010 {1:K1} 1.25 [A 1] räd");
}

BOOST_AUTO_TEST_CASE(file_that_cannot_be_read) {
    Collect c;
    try {
        finsam::read_sie_file("/nonexistent/books.se", c);
        BOOST_FAIL("no error");
    } catch (const finsam::SieError& e) {
        BOOST_TEST(e.problems().size() == 1u);
        BOOST_TEST(e.problems()[0].line == 0u);
        BOOST_TEST(e.problems()[0].message == "cannot open the file: No such file or directory");
        BOOST_TEST(std::string(e.what()) == "/nonexistent/books.se: cannot open the file: No such file or directory");
    }
}

BOOST_AUTO_TEST_CASE(long_object_lists_cost_no_square) {
    // 200 rows of 6 000 objects each (a line of 75 kB, 1 200 000 pairs): read by sorting, in
    // linear-log time; a pairwise check of dimensions would take 200 × 6 000² / 2 = 3.6·10^9
    // comparisons (the ctest timeout catches that)
    std::string list = "{";
    for (int d = 6000; d >= 1; --d) list += std::to_string(d) + " \"o" + std::to_string(d) + "\" ";
    list += "}";
    std::string text = "#VER A 1 20110101\n{\n";
    for (int i = 0; i < 100; ++i) text += "#TRANS 5010 " + list + " 1\n#TRANS 1930 " + list + " -1\n";
    text += "}\n";
    struct Count : finsam::SieVisitor {
        std::size_t rows = 0, first_dimension = 0, last_dimension = 0;
        void row(const finsam::SieRow& r) override {
            ++rows;
            first_dimension = static_cast<std::size_t>(r.objects.front().dimension);
            last_dimension = static_cast<std::size_t>(r.objects.back().dimension);
        }
    } c;
    finsam::read_sie(text, c);
    BOOST_TEST(c.rows == 200u);
    BOOST_TEST(c.first_dimension == 1u);  // by ascending dimension, as written backwards
    BOOST_TEST(c.last_dimension == 6000u);
}
