// Reading plan JSON with exact numbers (see include/finsam/json.hpp).
#include "finsam/json.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <memory>
#include <optional>
#include <cstring>
#include <set>

namespace finsam {

std::string_view Node::type_name() const noexcept {
    switch (type_) {
        case Type::null: return "null";
        case Type::boolean: return "a boolean";
        case Type::number: return "a number";
        case Type::string: return "a string";
        case Type::array: return "an array";
        case Type::object: return "an object";
    }
    return "a value";
}

std::string pointer_escape(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string sanitize_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = len > 0 && i + len <= s.size();
        for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) >> 6) == 0x2;
        if (ok && len > 1) {
            // reject overlong forms, surrogates and code points beyond U+10FFFF
            unsigned cp = c & (0x7F >> len);
            for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
            ok = !((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
                   (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF);
        }
        if (ok && (c >= 0x20 || c == '\t' || c == '\n')) {
            out.append(s.substr(i, len));
            i += len;
        } else if (ok) {  // other control characters: make them visible
            static const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xF];
            i += 1;
        } else {
            out += "\xEF\xBF\xBD";  // U+FFFD
            i += 1;
        }
    }
    return out;
}

namespace {

// A strict JSON reader (RFC 8259) building a Node tree. It keeps every number's text as written
// (nlohmann's lexer turns a number beyond the range of a double, such as 1e401 or a 400-digit
// integer, into a syntax error, where the spec wants an error at the number's pointer), and
// its messages say where the problem is and what to write instead. Problems of the JSON itself
// are at the root pointer "" (spec 12.19), with the line and column in the message; duplicate
// keys are all collected, any other problem stops the reading.
class JsonParser {
public:
    explicit JsonParser(std::string_view text) : s_(text) {}

    std::vector<Problem> problems;

    std::optional<Node> read() {
        if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // a UTF-8 byte order mark is ignored
        const std::size_t body = pos_;
        skip_space();
        if (pos_ == s_.size()) {
            fail(std::string(body == s_.size() ? "the file is empty" : "the file holds only white space") +
                 "; a plan is a JSON object such as {\"format\": \"finsam/1\", …}");
            return std::nullopt;
        }
        Node root;
        if (!value(root, "", 0)) return std::nullopt;
        skip_space();
        if (pos_ != s_.size()) {
            fail(pos_, "more after the end of the JSON value; a file holds one plan, so remove what follows");
            return std::nullopt;
        }
        if (!problems.empty()) return std::nullopt;
        return root;
    }

private:
    std::string_view s_;
    std::size_t pos_ = 0;

    void fail(std::string message) { problems.push_back({"", "invalid JSON: " + std::move(message)}); }
    void fail(std::size_t at, const std::string& message) { problems.push_back({"", "invalid JSON " + where(at) + ": " + message}); }

    /// "line L, column C" of the current position (columns count characters, from 1).
    std::string where(std::size_t at) const {
        std::size_t line = 1, col = 1;
        for (std::size_t i = 0; i < at && i < s_.size(); ++i) {
            const auto c = static_cast<unsigned char>(s_[i]);
            if (c == '\n') {
                ++line;
                col = 1;
            } else if ((c & 0xC0) != 0x80) {
                ++col;
            }
        }
        return "at line " + std::to_string(line) + ", column " + std::to_string(col);
    }

    /// The character at the current position, quoted for a message.
    std::string shown() const {
        if (pos_ >= s_.size()) return "the end of the file";
        const auto c = static_cast<unsigned char>(s_[pos_]);
        if (c < 0x20 || c >= 0x7F) {
            static const char* hex = "0123456789ABCDEF";
            return std::string("byte 0x") + hex[c >> 4] + hex[c & 0xF];
        }
        return "'" + std::string(1, static_cast<char>(c)) + "'";
    }

    /// The typographic quote (“ ” ‘ ’ „ « ») at `at`, as its UTF-8 text, or "".
    std::string typographic_quote(std::size_t at) const {
        for (const char* q : {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9E", "\xC2\xAB", "\xC2\xBB"})
            if (s_.compare(at, std::strlen(q), q) == 0) return q;
        return "";
    }

    /// The first typographic quote in [from, to), or "".
    std::string typographic_quote_between(std::size_t from, std::size_t to) const {
        for (std::size_t i = from; i < to && i < s_.size(); ++i)
            if (std::string q = typographic_quote(i); !q.empty()) return q;
        return "";
    }

    static std::string typographic_quote_in(const std::string& text, std::size_t at) {
        for (const char* q : {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99"})
            if (text.compare(at, std::strlen(q), q) == 0) return q;
        return "";
    }

    /// After a string value at `value_at` that holds a typographic quote, something other than
    /// ',' or the end of its object or array: `"finsam/1”, "years": …` is a string closed with ”
    /// that ran on to the next straight quote. Reports that and returns true.
    bool closed_by_typographic_quote(std::size_t value_at) {
        if (s_[value_at] != '"') return false;
        const std::string q = typographic_quote_between(value_at, pos_);
        if (q.empty()) return false;
        fail(value_at, "this string contains a typographic quote " + q + " (as a word processor writes it), which is not a "
                       "JSON quote, so it runs on to the next straight quote; " + straight_quotes);
        return true;
    }

    /// The message for typographic quotes, as a word processor writes them (spec issue 14).
    static std::string smart_quotes(const std::string& q) {
        return "a typographic quote " + q + " (as a word processor writes it) is not a JSON quote; " + straight_quotes;
    }
    static constexpr const char* straight_quotes =
        "write straight double quotes \"…\" (turn off smart quotes, or replace every “ ” ‘ ’ with \")";

    void skip_space() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
    }

    bool at_end() {
        if (pos_ < s_.size()) return false;
        fail(pos_, "the file ends in the middle of the JSON (is it truncated?); complete it or restore the whole file");
        return true;
    }

    /// A value that is not valid JSON where one is expected; says what was found.
    void bad_value() {
        const std::string_view rest = s_.substr(pos_);
        auto starts = [&](std::string_view w) { return rest.substr(0, w.size()) == w; };
        if (starts("NaN") || starts("Infinity") || starts("-Infinity") || starts("+Infinity"))
            fail(pos_, "NaN and infinities are not JSON numbers; write a number or a decimal string such as \"1.5\"");
        else if (starts("//") || starts("/*"))
            fail(pos_, "comments are not allowed in JSON; remove the comment");
        else if (starts("'"))
            fail(pos_, "strings must be in double quotes \"…\", not single quotes");
        else if (const std::string q = typographic_quote(pos_); !q.empty())
            fail(pos_, smart_quotes(q));
        else if (starts("]") || starts("}"))
            fail(pos_, "a value is missing before " + shown() + " (a trailing comma?); remove the comma or add the value");
        else if (starts("+") || starts("."))
            fail(pos_, "a JSON number starts with a digit or '-'; write it without '+' or add the leading 0, such as 0.5");
        else
            fail(pos_, "unexpected " + shown() + "; expected a value: an object {…}, an array […], a string \"…\", a number, true, false or null");
    }

    bool value(Node& out, const std::string& path, std::size_t depth) {
        if (at_end()) return false;
        const char c = s_[pos_];
        if (c == '{' || c == '[') {
            if (depth >= max_json_depth) {
                fail(pos_, "nesting deeper than " + std::to_string(max_json_depth) +
                     " levels of objects and arrays; a plan needs only a few");
                return false;
            }
            return c == '{' ? object(out, path, depth) : array(out, path, depth);
        }
        if (c == '"') {
            std::string str;
            if (!string(str)) return false;
            out = Node::string(std::move(str));
            return true;
        }
        if (c == '-' || (c >= '0' && c <= '9')) return number(out);
        for (std::string_view word : {"true", "false", "null"}) {
            if (s_.substr(pos_, word.size()) == word) {
                const std::size_t end = pos_ + word.size();
                if (end < s_.size() && std::isalnum(static_cast<unsigned char>(s_[end]))) break;
                out = word == "null" ? Node::null() : Node::boolean(word == "true");
                pos_ = end;
                return true;
            }
        }
        bad_value();
        return false;
    }

    bool object(Node& out, const std::string& path, std::size_t depth) {
        out = Node::object();
        ++pos_;  // {
        std::set<std::string> keys;
        skip_space();
        if (at_end()) return false;
        if (s_[pos_] == '}') {
            ++pos_;
            return true;
        }
        for (;;) {
            skip_space();
            if (at_end()) return false;
            if (s_[pos_] != '"') {
                if (s_[pos_] == '}')
                    fail(pos_, "a trailing comma before '}'; remove the comma");
                else if (s_[pos_] == '\'')
                    fail(pos_, "keys must be in double quotes \"…\", not single quotes");
                else if (const std::string q = typographic_quote(pos_); !q.empty())
                    fail(pos_, smart_quotes(q));
                else if (s_.substr(pos_, 2) == "//" || s_.substr(pos_, 2) == "/*")
                    fail(pos_, "comments are not allowed in JSON; remove the comment");
                else
                    fail(pos_, "unexpected " + shown() + "; expected a key in double quotes, such as \"name\"");
                return false;
            }
            const std::size_t key_at = pos_;
            std::string key;
            if (!string(key)) return false;
            skip_space();
            if (at_end()) return false;
            if (s_[pos_] != ':') {
                // "name”: a key opened with a straight quote and closed with a typographic one runs on
                std::string q;
                for (std::size_t i = 0; i < key.size() && q.empty(); ++i) q = typographic_quote_in(key, i);
                fail(pos_, q.empty() ? "unexpected " + shown() + " after the key \"" + sanitize_utf8(key) + "\"; expected ':'"
                                     : "the key \"" + sanitize_utf8(key) + "\" contains a typographic quote " + q +
                                           " (as a word processor writes it), which is not a JSON quote; " + straight_quotes);
                return false;
            }
            ++pos_;
            skip_space();
            const std::string child = path + "/" + pointer_escape(key);
            const std::string key_text = sanitize_utf8(key);
            const std::size_t value_at = pos_;
            Node v;
            if (!value(v, child, depth + 1)) return false;
            if (!keys.insert(key).second)
                problems.push_back({"", "duplicate key \"" + sanitize_utf8(key) + "\" " + where(key_at) + " (" +
                                            sanitize_utf8(child) + "); each key may appear only once, so remove one of them"});
            else
                out.members().emplace_back(std::move(key), std::move(v));
            skip_space();
            if (at_end()) return false;
            if (s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (s_[pos_] == '}') {
                ++pos_;
                return true;
            }
            if (closed_by_typographic_quote(value_at)) return false;
            if (s_[pos_] == '"')
                fail(pos_, "a ',' is missing before this key; separate the members of an object with commas");
            else
                fail(pos_, "unexpected " + shown() + "; expected ',' or '}' after the value of \"" + key_text + "\"");
            return false;
        }
    }

    bool array(Node& out, const std::string& path, std::size_t depth) {
        out = Node::array();
        ++pos_;  // [
        skip_space();
        if (at_end()) return false;
        if (s_[pos_] == ']') {
            ++pos_;
            return true;
        }
        for (;;) {
            skip_space();
            const std::size_t value_at = pos_;
            Node v;
            if (!value(v, path + "/" + std::to_string(out.items().size()), depth + 1)) return false;
            out.items().push_back(std::move(v));
            skip_space();
            if (at_end()) return false;
            if (s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (s_[pos_] == ']') {
                ++pos_;
                return true;
            }
            if (closed_by_typographic_quote(value_at)) return false;
            fail(pos_, "unexpected " + shown() + "; expected ',' or ']' in an array");
            return false;
        }
    }

    /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, kept as written.
    bool number(Node& out) {
        const std::size_t start = pos_;
        auto digits = [&] {
            const std::size_t from = pos_;
            while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
            return pos_ - from;
        };
        if (s_[pos_] == '-') ++pos_;
        if (pos_ < s_.size() && s_.substr(pos_, 8) == "Infinity") {
            pos_ = start;
            bad_value();
            return false;
        }
        const std::size_t int_at = pos_;
        const std::size_t n = digits();
        if (n == 0) {
            fail(pos_, "a digit must follow '-' in a number");
            return false;
        }
        if (n > 1 && s_[int_at] == '0') {
            fail(int_at, "a JSON number has no leading zeros; write it without them (or as a string)");
            return false;
        }
        if (pos_ < s_.size() && s_[pos_] == '.') {
            ++pos_;
            if (digits() == 0) {
                fail(pos_, "a digit must follow the decimal point, such as 1.0");
                return false;
            }
        }
        if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
            if (digits() == 0) {
                fail(pos_, "a digit must follow the exponent's 'e', such as 1e3");
                return false;
            }
        }
        out = Node::number(std::string(s_.substr(start, pos_ - start)));
        return true;
    }

    /// A string with its escapes decoded; its bytes must be UTF-8 and it holds no lone surrogate.
    bool string(std::string& out) {
        const std::size_t start = pos_;
        ++pos_;  // "
        for (;;) {
            if (pos_ >= s_.size()) {
                const std::string q = typographic_quote_between(start, pos_);
                fail(start, q.empty() ? std::string("this string never ends; add its closing '\"'")
                                      : "this string never ends: it seems to be closed with a typographic quote " + q +
                                            " (as a word processor writes it), which is not a JSON quote; " + straight_quotes);
                return false;
            }
            const auto c = static_cast<unsigned char>(s_[pos_]);
            if (c == '"') {
                ++pos_;
                return true;
            }
            if (c == '\\') {
                if (!escape(out)) return false;
                continue;
            }
            if (c < 0x20) {
                // a string closed with a typographic quote runs on into the next line
                const std::string q = c == '\n' || c == '\r' ? typographic_quote_between(start, pos_) : "";
                if (!q.empty())
                    fail(start, "this string runs on past the end of its line: it seems to be closed with a typographic quote " + q +
                                    " (as a word processor writes it), which is not a JSON quote; " + straight_quotes);
                else
                    fail(pos_, "a control character (" + shown() + ") inside a string; write it escaped, such as \\n for a line break");
                return false;
            }
            if (c < 0x80) {
                out += static_cast<char>(c);
                ++pos_;
                continue;
            }
            const std::size_t len = utf8_length(pos_);
            if (len == 0) {
                fail(pos_, "invalid UTF-8 (" + shown() + "); save the file as UTF-8");
                return false;
            }
            out.append(s_.substr(pos_, len));
            pos_ += len;
        }
    }

    /// Length of the well-formed UTF-8 sequence at `at` (2..4), or 0 (overlong, surrogate, > U+10FFFF, cut).
    std::size_t utf8_length(std::size_t at) const {
        const auto b = [&](std::size_t k) { return at + k < s_.size() ? static_cast<unsigned char>(s_[at + k]) : 0u; };
        const unsigned c = b(0);
        auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return b(k) >= lo && b(k) <= hi; };
        if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
        if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
        if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
        if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;  // not U+D800..U+DFFF
        if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
        if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
        if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
        return 0;
    }

    bool hex4(unsigned& v) {
        v = 0;
        for (int i = 0; i < 4; ++i) {
            if (pos_ >= s_.size()) return false;
            const char h = s_[pos_];
            v <<= 4;
            if (h >= '0' && h <= '9') v |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f') v |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') v |= static_cast<unsigned>(h - 'A' + 10);
            else return false;
            ++pos_;
        }
        return true;
    }

    bool escape(std::string& out) {
        const std::size_t at = pos_;
        ++pos_;  // backslash
        if (pos_ >= s_.size()) return !at_end();
        const char e = s_[pos_++];
        switch (e) {
            case '"': out += '"'; return true;
            case '\\': out += '\\'; return true;
            case '/': out += '/'; return true;
            case 'b': out += '\b'; return true;
            case 'f': out += '\f'; return true;
            case 'n': out += '\n'; return true;
            case 'r': out += '\r'; return true;
            case 't': out += '\t'; return true;
            case 'u': break;
            default:
                --pos_;
                fail(at, "unknown escape \\" + (static_cast<unsigned char>(e) < 0x80 && e >= 0x20 ? std::string(1, e) : shown()) +
                     " in a string; write \\\\ for a backslash");
                return false;
        }
        unsigned cp = 0;
        if (!hex4(cp)) {
            fail(at, "\\u must be followed by four hex digits, such as \\u00e4");
            return false;
        }
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail(at, "a lone surrogate \\u" + hex(cp) + " in a string; write the character itself or a complete surrogate pair");
            return false;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned lo = 0;
            if (s_.substr(pos_, 2) != "\\u" || (pos_ += 2, !hex4(lo)) || lo < 0xDC00 || lo > 0xDFFF) {
                fail(at, "a lone surrogate \\u" + hex(cp) + " in a string; write the character itself or a complete surrogate pair");
                return false;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        append_utf8(out, cp);
        return true;
    }

    static std::string hex(unsigned v) {
        static const char* digits = "0123456789abcdef";
        std::string h(4, '0');
        for (int i = 3; i >= 0; --i, v >>= 4) h[static_cast<std::size_t>(i)] = digits[v & 0xF];
        return h;
    }

    static void append_utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
};

void dump_to(const Node& n, std::string& out) {
    switch (n.type()) {
        case Node::Type::null: out += "null"; break;
        case Node::Type::boolean: out += n.as_bool() ? "true" : "false"; break;
        case Node::Type::number: out += n.text(); break;
        case Node::Type::string: out += nlohmann::json(n.text()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); break;
        case Node::Type::array: {
            out += '[';
            bool first = true;
            for (const auto& e : n.items()) {
                if (!first) out += ',';
                first = false;
                dump_to(e, out);
            }
            out += ']';
            break;
        }
        case Node::Type::object: {
            out += '{';
            bool first = true;
            for (const auto& [k, v] : n.members()) {
                if (!first) out += ',';
                first = false;
                out += nlohmann::json(k).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                out += ':';
                dump_to(v, out);
            }
            out += '}';
            break;
        }
    }
}

}  // namespace

Node parse_json(std::string_view text) {
    JsonParser r(text);
    auto root = r.read();
    if (!root) throw PlanError(std::move(r.problems));
    return std::move(*root);
}

std::string dump(const Node& n) {
    std::string out;
    dump_to(n, out);
    return out;
}

void merge_patch(Node& target, const Node& patch) {
    if (!patch.is_object()) {
        target = patch;
        return;
    }
    if (!target.is_object()) target = Node::object();
    for (const auto& [k, v] : patch.members()) {
        if (v.is_null()) {
            target.erase(k);
        } else {
            Node* existing = nullptr;
            for (auto& [tk, tv] : target.members())
                if (tk == k) existing = &tv;
            if (existing) {
                merge_patch(*existing, v);
            } else {
                Node fresh;
                merge_patch(fresh, v);
                target.members().emplace_back(k, std::move(fresh));
            }
        }
    }
}

}  // namespace finsam
