// Tests for finsam/json.hpp: exact numbers, strictness, merge patch, pointers.
#define BOOST_TEST_MODULE json
#include <boost/test/unit_test.hpp>

#include <finsam/json.hpp>

using namespace finsam;

namespace {
std::vector<Problem> problems(std::string_view text) {
    try {
        parse_json(text);
    } catch (const PlanError& e) {
        return e.problems();
    }
    return {};
}
}  // namespace

BOOST_AUTO_TEST_CASE(numbers_keep_their_text) {
    const Node n = parse_json(R"({"a": 1.5, "b": 0.1, "c": 1e3, "d": -7, "e": 123456789012345678901234567890})");
    BOOST_TEST(n.find("a")->text() == "1.5");
    BOOST_TEST(n.find("b")->text() == "0.1");
    BOOST_TEST(n.find("c")->text() == "1e3");
    BOOST_TEST(n.find("d")->text() == "-7");
    BOOST_TEST(n.find("d")->is_integer_number());
    BOOST_TEST(n.find("e")->text() == "123456789012345678901234567890");
    BOOST_TEST(!n.find("a")->is_integer_number());
    BOOST_TEST(dump(n) == R"({"a":1.5,"b":0.1,"c":1e3,"d":-7,"e":123456789012345678901234567890})");
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_errors) {
    const auto p = problems(R"({"members": [{"id": "a", "id": "b"}]})");
    BOOST_REQUIRE(p.size() == 1u);
    BOOST_TEST(p[0].path == "/members/0/id");
    BOOST_TEST(p[0].message == "duplicate key \"id\"; each key may appear only once");
}

BOOST_AUTO_TEST_CASE(syntax_errors_at_the_root) {
    for (const char* bad : {"", "{", "{\"a\": 1,}", "[1 2]", "{\"a\": NaN}", "{\"a\": Infinity}", "01", "{\"a\": 'x'}"}) {
        const auto p = problems(bad);
        BOOST_REQUIRE(p.size() == 1u);
        BOOST_TEST(p[0].path == "");
        BOOST_TEST(p[0].message.rfind("invalid JSON: ", 0) == 0u);
    }
    // a truncated file names where it ended
    BOOST_TEST(problems("{\"format\": \"fins")[0].message ==
               "invalid JSON: parse error at line 1, column 17: syntax error while parsing value - invalid string: "
               "missing closing quote; last read: '\"fins'");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_and_lone_surrogates) {
    const std::string bad_utf8 = std::string("{\"name\": \"a") + '\xff' + "b\"}";
    auto p = problems(bad_utf8);
    BOOST_REQUIRE(p.size() == 1u);
    BOOST_TEST(p[0].path == "");
    // the message itself is valid UTF-8 (the bad byte is replaced)
    BOOST_TEST(p[0].message == sanitize_utf8(p[0].message));
    p = problems(R"({"name": "\ud800"})");
    BOOST_REQUIRE(p.size() == 1u);
    BOOST_TEST(p[0].message.find("surrogate") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused_not_recursed) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const auto p = problems(deep);
    BOOST_REQUIRE(p.size() == 1u);
    BOOST_TEST(p[0].message == "nesting deeper than 256 levels");
    // the 257th array is item 0 of 256 nested arrays
    std::string where;
    for (int i = 0; i < 256; ++i) where += "/0";
    BOOST_TEST(p[0].path == where);
    // 256 levels are fine
    BOOST_TEST(problems(std::string(256, '[') + std::string(256, ']')).empty());
}

BOOST_AUTO_TEST_CASE(merge_patch_rfc7386) {
    // RFC 7386 examples: replace, add, remove with null, arrays replaced whole.
    Node t = parse_json(R"({"a": "b", "c": {"d": "e", "f": "g"}, "arr": [1, 2]})");
    merge_patch(t, parse_json(R"({"a": "z", "c": {"f": null}, "arr": [3], "n": {"x": null, "y": 1}})"));
    BOOST_TEST(dump(t) == R"({"a":"z","c":{"d":"e"},"arr":[3],"n":{"y":1}})");
    Node u = parse_json(R"({"a": 1})");
    merge_patch(u, parse_json("[1]"));
    BOOST_TEST(dump(u) == "[1]");
}

BOOST_AUTO_TEST_CASE(pointer_escaping) {
    BOOST_TEST(pointer_escape("a/b~c") == "a~1b~0c");
    const auto p = problems(R"({"x/y": {"k": 1, "k": 2}})");
    BOOST_REQUIRE(p.size() == 1u);
    BOOST_TEST(p[0].path == "/x~1y/k");
}

BOOST_AUTO_TEST_CASE(from_nlohmann_values) {
    // A double 0.1 becomes its shortest text "0.1" (documented: pass exact values as strings).
    const Node n = from_nlohmann(nlohmann::json::parse(R"({"a": 0.1, "b": 7, "c": [true, null]})"));
    BOOST_TEST(dump(n) == R"({"a":0.1,"b":7,"c":[true,null]})");
}
