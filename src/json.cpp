// Reading plan JSON with exact numbers (see include/finsam/json.hpp).
#include "finsam/json.hpp"

#include <cctype>
#include <cmath>
#include <memory>
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

// SAX handler building a Node tree; duplicate keys and excessive depth are problems.
class Builder : public nlohmann::json_sax<nlohmann::json> {
public:
    std::vector<Problem> problems;
    Node root;
    /// Numbers too large for a double, replaced by "0" before lexing: occurrence index → text.
    std::vector<std::pair<std::size_t, std::string>> big_numbers;

    bool null() override { return put(Node::null()); }
    bool boolean(bool b) override { return put(Node::boolean(b)); }
    bool number_integer(number_integer_t v) override { return number(std::to_string(v)); }
    bool number_unsigned(number_unsigned_t v) override { return number(std::to_string(v)); }
    bool number_float(number_float_t, const string_t& text) override { return number(text); }
    bool string(string_t& s) override { return put(Node::string(std::move(s))); }
    bool binary(binary_t&) override { return put(Node::null()); }  // not produced by JSON text

    bool start_object(std::size_t) override { return open(Node::object()); }
    bool key(string_t& k) override {
        Frame& f = stack_.back();
        if (!f.keys.insert(k).second) {
            problems.push_back({f.path + "/" + pointer_escape(k),
                                "duplicate key \"" + sanitize_utf8(k) + "\"; each key may appear only once"});
            f.skip_next = true;
        }
        f.pending_key = std::move(k);
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(Node::array()); }
    bool end_array() override { return close(); }

    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
        std::string what = ex.what();
        const auto close_bracket = what.find("] ");
        if (what.rfind("[json.exception.", 0) == 0 && close_bracket != std::string::npos) what = what.substr(close_bracket + 2);
        problems.push_back({"", "invalid JSON: " + sanitize_utf8(what)});
        return false;
    }

private:
    std::size_t numbers_seen_ = 0;
    std::size_t next_big_ = 0;

    bool number(std::string text) {
        if (next_big_ < big_numbers.size() && big_numbers[next_big_].first == numbers_seen_)
            text = big_numbers[next_big_++].second;
        ++numbers_seen_;
        return put(Node::number(std::move(text)));
    }

    struct Frame {
        Node node;
        std::string path;
        std::set<std::string> keys;
        std::string pending_key;
        bool skip_next = false;
    };
    std::vector<Frame> stack_;

    std::string child_path() const {
        const Frame& f = stack_.back();
        if (f.node.is_object()) return f.path + "/" + pointer_escape(f.pending_key);
        return f.path + "/" + std::to_string(f.node.items().size());
    }

    bool put(Node n) {
        if (stack_.empty()) {
            root = std::move(n);
            return true;
        }
        Frame& f = stack_.back();
        if (f.node.is_array()) {
            f.node.items().push_back(std::move(n));
        } else if (f.skip_next) {
            f.skip_next = false;
        } else {
            f.node.members().emplace_back(std::move(f.pending_key), std::move(n));
        }
        return true;
    }
    bool open(Node n) {
        if (stack_.size() >= max_json_depth) {
            problems.push_back({stack_.empty() ? "" : child_path(),
                                "nesting deeper than " + std::to_string(max_json_depth) + " levels"});
            return false;
        }
        std::string path = stack_.empty() ? "" : child_path();
        stack_.push_back({std::move(n), std::move(path), {}, {}, false});
        return true;
    }
    bool close() {
        Node n = std::move(stack_.back().node);
        stack_.pop_back();
        return put(std::move(n));
    }
};

std::string number_text(double d) {
    // shortest text that reads back as the same double (nlohmann's dump uses that)
    return nlohmann::json(d).dump();
}

Node from_nlohmann_depth(const nlohmann::json& j, std::size_t depth) {
    if (depth > max_json_depth)
        throw PlanError("", "nesting deeper than " + std::to_string(max_json_depth) + " levels");
    using T = nlohmann::json::value_t;
    switch (j.type()) {
        case T::null: return Node::null();
        case T::boolean: return Node::boolean(j.get<bool>());
        case T::number_integer: return Node::number(std::to_string(j.get<std::int64_t>()));
        case T::number_unsigned: return Node::number(std::to_string(j.get<std::uint64_t>()));
        case T::number_float: {
            const double d = j.get<double>();
            if (!std::isfinite(d)) throw PlanError("", "NaN and infinities are not JSON numbers");
            return Node::number(number_text(d));
        }
        case T::string: return Node::string(j.get<std::string>());
        case T::array: {
            Node n = Node::array();
            for (const auto& e : j) n.items().push_back(from_nlohmann_depth(e, depth + 1));
            return n;
        }
        case T::object: {
            Node n = Node::object();
            for (const auto& [k, v] : j.items()) n.members().emplace_back(k, from_nlohmann_depth(v, depth + 1));
            return n;
        }
        default: throw PlanError("", "binary values are not JSON");
    }
}

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

/// nlohmann's parser refuses numbers beyond the range of a double ("number overflow"), but the
/// spec reads numbers exactly up to an exponent of ±400 and reports larger ones at their own
/// pointer. So number tokens whose magnitude could exceed a double are replaced by "0" before
/// parsing, and the Builder puts their text back in document order.
std::string protect_big_numbers(std::string_view text, std::vector<std::pair<std::size_t, std::string>>& big) {
    std::string out;
    bool in_string = false;
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (in_string) {
            out += c;
            if (c == '\\' && i + 1 < text.size()) {
                out += text[i + 1];
                i += 2;
                continue;
            }
            if (c == '"') in_string = false;
            ++i;
            continue;
        }
        if (c == '"') {
            in_string = true;
            out += c;
            ++i;
            continue;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t j = i;
            while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '-' || text[j] == '+' ||
                                       text[j] == '.' || text[j] == 'e' || text[j] == 'E'))
                ++j;
            const std::string_view tok = text.substr(i, j - i);
            // decimal magnitude: integer digits (without leading zeros) + exponent
            std::size_t k = tok.front() == '-' ? 1 : 0;
            while (k < tok.size() && tok[k] == '0') ++k;
            long long int_digits = 0;
            while (k < tok.size() && std::isdigit(static_cast<unsigned char>(tok[k]))) ++k, ++int_digits;
            long long exp = 0;
            const auto e = tok.find_first_of("eE");
            bool exp_huge = false;
            if (e != std::string_view::npos) {
                std::size_t p = e + 1;
                const bool neg = p < tok.size() && tok[p] == '-';
                if (p < tok.size() && (tok[p] == '-' || tok[p] == '+')) ++p;
                while (p < tok.size() && tok[p] == '0') ++p;
                if (tok.size() - p > 6) exp_huge = !neg;
                else if (p < tok.size()) exp = std::stoll(std::string(tok.substr(p)));
                if (neg) exp = -exp;
            }
            if (exp_huge || int_digits + exp > 300) {
                big.emplace_back(count, std::string(tok));
                out += "0";
            } else {
                out.append(tok);
            }
            ++count;
            i = j;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

Node parse_json(std::string_view raw) {
    Builder b;
    const std::string text = protect_big_numbers(raw, b.big_numbers);
    const bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &b, nlohmann::json::input_format_t::json, true);
    if (!ok || !b.problems.empty()) {
        if (b.problems.empty()) b.problems.push_back({"", "invalid JSON"});
        throw PlanError(std::move(b.problems));
    }
    return std::move(b.root);
}

Node from_nlohmann(const nlohmann::json& j) { return from_nlohmann_depth(j, 0); }

nlohmann::ordered_json to_nlohmann(const Node& n) {
    using J = nlohmann::ordered_json;
    switch (n.type()) {
        case Node::Type::null: return nullptr;
        case Node::Type::boolean: return n.as_bool();
        case Node::Type::number: {
            if (n.is_integer_number()) {
                try {
                    if (n.text().front() == '-') return std::stoll(n.text());
                    return std::stoull(n.text());
                } catch (const std::exception&) {
                }
            }
            return std::strtod(n.text().c_str(), nullptr);
        }
        case Node::Type::string: return n.text();
        case Node::Type::array: {
            J a = J::array();
            for (const auto& e : n.items()) a.push_back(to_nlohmann(e));
            return a;
        }
        case Node::Type::object: {
            J o = J::object();
            for (const auto& [k, v] : n.members()) o[k] = to_nlohmann(v);
            return o;
        }
    }
    return nullptr;
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
