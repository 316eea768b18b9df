// Tests for finsam/json.hpp: exact numbers, strictness (problems at "" with line and column),
// merge patch, pointers.
#define BOOST_TEST_MODULE json
#include <boost/test/unit_test.hpp>

#include <finsam/json.hpp>
#include <finsam/nlohmann.hpp>

#include <string>

using namespace finsam;

namespace {
std::vector<Problem> problems(std::string_view text) {
    try {
        (void)parse_json(text);
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
    // at the root pointer like every JSON-level problem (spec 12.19); the key's pointer is in the message
    const auto p = problems(R"({"members": [{"id": "a", "id": "b"}]})");
    BOOST_REQUIRE(p.size() == 1u);
    BOOST_TEST(p[0].path == "");
    BOOST_TEST(p[0].message == "duplicate key \"id\" at line 1, column 26 (/members/0/id); each key may appear only once, so remove one of them");
}

BOOST_AUTO_TEST_CASE(syntax_errors_at_the_root) {
    for (const char* bad : {"", "{", "{\"a\": 1,}", "[1 2]", "{\"a\": NaN}", "{\"a\": Infinity}", "01", "{\"a\": 'x'}"}) {
        const auto p = problems(bad);
        BOOST_REQUIRE(p.size() == 1u);
        BOOST_TEST(p[0].path == "");
        BOOST_TEST(p[0].message.rfind("invalid JSON", 0) == 0u);
    }
    // a truncated file names where the unfinished string starts
    BOOST_TEST(problems("{\"format\": \"fins")[0].message == "invalid JSON at line 1, column 12: this string never ends; add its closing '\"'");
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
    // the 257th array opens at column 257; a JSON-level problem, at the root (spec 12.19)
    BOOST_TEST(p[0].message == "invalid JSON at line 1, column 257: nesting deeper than 256 levels of objects and arrays; a plan needs only a few");
    BOOST_TEST(p[0].path == "");
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
    BOOST_TEST(p[0].message.find("(/x~1y/k)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(from_nlohmann_values) {
    // A double 0.1 becomes its shortest text "0.1" (documented: pass exact values as strings).
    const Node n = from_nlohmann(nlohmann::json::parse(R"({"a": 0.1, "b": 7, "c": [true, null]})"));
    BOOST_TEST(dump(n) == R"({"a":0.1,"b":7,"c":[true,null]})");
}

namespace {

/// The problems parse_json reports for `text` (empty when it parses).
std::vector<Problem> problems_of(std::string_view text) {
    try {
        (void)parse_json(text);
    } catch (const PlanError& e) {
        return e.problems();
    }
    return {};
}

/// The single problem's message; fails the test when there is not exactly one, at "".
std::string message_of(std::string_view text) {
    const auto ps = problems_of(text);
    BOOST_REQUIRE_EQUAL(ps.size(), 1u);
    BOOST_TEST(ps.front().path == "");
    return ps.front().message;
}

}  // namespace

BOOST_AUTO_TEST_CASE(numbers_beyond_a_double_keep_their_text) {
    // The reader never converts a number: 0.1, 1e401 and a 40-digit integer keep their text,
    // so rate.hpp reads them exactly (and 1e401 becomes an error at its own pointer there).
    const Node n = parse_json(R"({"a": 0.1, "b": 1e401, "c": 1234567890123456789012345678901234567890, "d": -0, "e": 2.50E-3})");
    BOOST_TEST(n.find("a")->text() == "0.1");
    BOOST_TEST(n.find("b")->text() == "1e401");
    BOOST_TEST(n.find("c")->text() == "1234567890123456789012345678901234567890");
    BOOST_TEST(n.find("d")->text() == "-0");
    BOOST_TEST(n.find("e")->text() == "2.50E-3");
    BOOST_TEST(!n.find("e")->is_integer_number());
}

BOOST_AUTO_TEST_CASE(strings_and_escapes) {
    // "\u00e4" is ä (C3 A4 in UTF-8); the pair \ud83d\ude00 is U+1F600 (F0 9F 98 80).
    const Node n = parse_json(R"({"s": "S\u00f6dra \"D\"\\\/\n", "e": "\ud83d\ude00", "u": "Säter"})");
    BOOST_TEST(n.find("s")->text() == "S\xC3\xB6" "dra \"D\"\\/\n");
    BOOST_TEST(n.find("e")->text() == "\xF0\x9F\x98\x80");
    BOOST_TEST(n.find("u")->text() == "Säter");
    // object keys keep the document order
    const Node o = parse_json(R"({"z": 1, "a": [true, false, null], "m": {}})");
    BOOST_REQUIRE_EQUAL(o.members().size(), 3u);
    BOOST_TEST(o.members()[0].first == "z");
    BOOST_TEST(o.members()[1].second.items().size() == 3u);
    BOOST_TEST(o.members()[1].second.items()[2].is_null());
}

BOOST_AUTO_TEST_CASE(byte_order_mark_is_ignored) {
    // Editors on Windows save UTF-8 with a BOM (EF BB BF); a controller expects the file to read.
    BOOST_TEST(parse_json("\xEF\xBB\xBF{\"a\": 1}").find("a")->text() == "1");
    BOOST_TEST(message_of("\xEF\xBB\xBF") == "invalid JSON: the file is empty; a plan is a JSON object such as {\"format\": \"finsam/1\", …}");
}

BOOST_AUTO_TEST_CASE(syntax_problems_name_line_and_column) {
    BOOST_TEST(message_of("") == "invalid JSON: the file is empty; a plan is a JSON object such as {\"format\": \"finsam/1\", …}");
    BOOST_TEST(message_of("{\"a\": 1,\n}") == "invalid JSON at line 2, column 1: a trailing comma before '}'; remove the comma");
    BOOST_TEST(message_of("[1, 2,]") == "invalid JSON at line 1, column 7: a value is missing before ']' (a trailing comma?); remove the comma or add the value");
    BOOST_TEST(message_of("{\"a\": 1 \"b\": 2}") == "invalid JSON at line 1, column 9: a ',' is missing before this key; separate the members of an object with commas");
    BOOST_TEST(message_of("{\"a\": [1, 2") == "invalid JSON at line 1, column 12: the file ends in the middle of the JSON (is it truncated?); complete it or restore the whole file");
    BOOST_TEST(message_of("{\"a\": \"open") == "invalid JSON at line 1, column 7: this string never ends; add its closing '\"'");
    BOOST_TEST(message_of("{\"a\": NaN}") == "invalid JSON at line 1, column 7: NaN and infinities are not JSON numbers; write a number or a decimal string such as \"1.5\"");
    BOOST_TEST(message_of("{\"a\": -Infinity}") == "invalid JSON at line 1, column 7: NaN and infinities are not JSON numbers; write a number or a decimal string such as \"1.5\"");
    BOOST_TEST(message_of("{\"a\": 01}") == "invalid JSON at line 1, column 7: a JSON number has no leading zeros; write it without them (or as a string)");
    BOOST_TEST(message_of("{\"a\": +1}") == "invalid JSON at line 1, column 7: a JSON number starts with a digit or '-'; write it without '+' or add the leading 0, such as 0.5");
    BOOST_TEST(message_of("{\"a\": 1.}") == "invalid JSON at line 1, column 9: a digit must follow the decimal point, such as 1.0");
    BOOST_TEST(message_of("{} {}") == "invalid JSON at line 1, column 4: more after the end of the JSON value; a file holds one plan, so remove what follows");
    BOOST_TEST(message_of("{\"a\": tru}") == "invalid JSON at line 1, column 7: unexpected 't'; expected a value: an object {…}, an array […], a string \"…\", a number, true, false or null");
    BOOST_TEST(message_of("{\"a\": nullx}") == "invalid JSON at line 1, column 7: unexpected 'n'; expected a value: an object {…}, an array […], a string \"…\", a number, true, false or null");
    BOOST_TEST(message_of("{\"a\" 1}") == "invalid JSON at line 1, column 6: unexpected '1' after the key \"a\"; expected ':'");
    BOOST_TEST(message_of("{\"a\": \"x\\qy\"}") == "invalid JSON at line 1, column 9: unknown escape \\q in a string; write \\\\ for a backslash");
    BOOST_TEST(message_of("{\"a\": \"\\u12\"}") == "invalid JSON at line 1, column 8: \\u must be followed by four hex digits, such as \\u00e4");
}

BOOST_AUTO_TEST_CASE(utf8_and_surrogates) {
    // Columns count characters: in `{"ä": "x\xff"}` the bad byte is the 9th character.
    BOOST_TEST(message_of("{\"ä\": \"x\xFF\"}") == "invalid JSON at line 1, column 9: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
    BOOST_TEST(message_of("[\"\xC0\xAF\"]") == "invalid JSON at line 1, column 3: invalid UTF-8 (byte 0xC0); save the file as UTF-8");      // overlong '/'
    BOOST_TEST(message_of("[\"\xED\xA0\x80\"]") == "invalid JSON at line 1, column 3: invalid UTF-8 (byte 0xED); save the file as UTF-8");  // encoded U+D800
    BOOST_TEST(message_of("[\"\xF4\x90\x80\x80\"]") == "invalid JSON at line 1, column 3: invalid UTF-8 (byte 0xF4); save the file as UTF-8");  // beyond U+10FFFF
    BOOST_TEST(message_of("[\"\xE2\x82") == "invalid JSON at line 1, column 3: invalid UTF-8 (byte 0xE2); save the file as UTF-8");  // cut off
    BOOST_TEST(message_of("[\"\\ud800\"]") == "invalid JSON at line 1, column 3: a lone surrogate \\ud800 in a string; write the character itself or a complete surrogate pair");
    BOOST_TEST(message_of("[\"\\ud800\\u0041\"]") == "invalid JSON at line 1, column 3: a lone surrogate \\ud800 in a string; write the character itself or a complete surrogate pair");
    BOOST_TEST(message_of("[\"\\udc00\"]") == "invalid JSON at line 1, column 3: a lone surrogate \\udc00 in a string; write the character itself or a complete surrogate pair");
    BOOST_TEST(message_of("[\"a\tb\"]") == "invalid JSON at line 1, column 4: a control character (byte 0x09) inside a string; write it escaped, such as \\n for a line break");
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_all_reported) {
    // Both duplicates are found; the pointer is the root (spec 12.19), the message names the key's pointer.
    const auto ps = problems_of("{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}, \"a\": 3}");
    BOOST_REQUIRE_EQUAL(ps.size(), 2u);
    BOOST_TEST(ps[0].path == "");
    BOOST_TEST(ps[0].message == "duplicate key \"c\" at line 1, column 24 (/b/c); each key may appear only once, so remove one of them");
    BOOST_TEST(ps[1].message == "duplicate key \"a\" at line 1, column 33 (/a); each key may appear only once, so remove one of them");
}

BOOST_AUTO_TEST_CASE(nesting_is_limited) {
    // max_json_depth (256) levels read; one more is a problem, also far deeper ones (no stack overflow).
    const std::string ok = std::string(max_json_depth, '[') + std::string(max_json_depth, ']');
    BOOST_TEST(problems_of(ok).empty());
    const std::string deep = std::string(max_json_depth + 1, '[') + std::string(max_json_depth + 1, ']');
    BOOST_TEST(message_of(deep) == "invalid JSON at line 1, column 257: nesting deeper than 256 levels of objects and arrays; a plan needs only a few");
    const std::string very_deep(1'000'000, '[');
    BOOST_TEST(message_of(very_deep) == "invalid JSON at line 1, column 257: nesting deeper than 256 levels of objects and arrays; a plan needs only a few");
}
