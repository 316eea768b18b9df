// Tests for finsam/warning.hpp: the codes, their names, and that docs/errors-and-warnings.md
// documents every code the C++ can emit.
#define BOOST_TEST_MODULE warning
#include <boost/test/unit_test.hpp>

#include <finsam/warning.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

using namespace finsam;

BOOST_AUTO_TEST_CASE(codes_have_distinct_names) {
    std::set<std::string_view> names;
    for (WarningCode c : warning_codes) {
        BOOST_TEST(code_name(c) != "?");
        names.insert(code_name(c));
    }
    BOOST_TEST(names.size() == std::size(warning_codes));
    BOOST_TEST(code_name(WarningCode::equity_negative) == "equity_negative");
    // a code compares equal to its name (as tests and callers check them), and prints as it
    BOOST_TEST(WarningCode::items_sum_mismatch == "items_sum_mismatch");
    BOOST_TEST(!(WarningCode::items_sum_mismatch == "stated_total_mismatch"));
    std::ostringstream os;
    os << WarningCode::shares_differ_from_frame;
    BOOST_TEST(os.str() == "shares_differ_from_frame");
}

BOOST_AUTO_TEST_CASE(every_code_is_documented) {
    std::ifstream f(std::string(FINSAM_SOURCE_DIR) + "/docs/errors-and-warnings.md");
    BOOST_REQUIRE(f.good());
    std::stringstream doc;
    doc << f.rdbuf();
    for (WarningCode c : warning_codes)
        BOOST_TEST(doc.str().find("\n### `" + std::string(code_name(c)) + "`\n") != std::string::npos,
                   "docs/errors-and-warnings.md has no section \"### `" << code_name(c) << "`\"");
}
