// finsam/json.hpp — the plan's JSON as read: a small document tree that keeps numbers exact.
//
// Design notes: nlohmann::json stores a number with a fraction as a double, which would make
// 0.1 mean 0.1000000000000000055…, and its lexer rejects a valid number beyond the range of a
// double (1e401, a 400-digit integer) as a syntax error; the spec says a JSON number means the
// decimal it is written as, and a number too large is an error at its own pointer. So plans are
// read by finsam's own strict RFC 8259 reader (src/read/json.cpp) into `Node`, a tree that keeps each
// number's source text (parsed exactly later, see rate.hpp). The reader rejects duplicate keys,
// nesting deeper than max_json_depth, invalid UTF-8, lone surrogates, NaN and comments, each
// with the line and column and what to write instead; a leading UTF-8 byte order mark is
// ignored. Problems of the JSON itself are at the root pointer "" (spec 12.19). Node is also
// how the Plan keeps its source; nothing here needs nlohmann/json.hpp (the bridge for callers
// holding nlohmann values is finsam/nlohmann.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "finsam/error.hpp"

namespace finsam {

/// One JSON value with exact number text and object keys in document order.
class Node {
public:
    enum class Type { null, boolean, number, string, array, object };

    Node() = default;
    static Node null() { return Node(); }
    static Node boolean(bool b) { Node n; n.type_ = Type::boolean; n.bool_ = b; return n; }
    /// A number from its JSON text, e.g. "1.5", "-2e3".
    static Node number(std::string text) { Node n; n.type_ = Type::number; n.text_ = std::move(text); return n; }
    static Node string(std::string s) { Node n; n.type_ = Type::string; n.text_ = std::move(s); return n; }
    static Node array() { Node n; n.type_ = Type::array; return n; }
    static Node object() { Node n; n.type_ = Type::object; return n; }

    Type type() const noexcept { return type_; }
    bool is_null() const noexcept { return type_ == Type::null; }
    bool is_bool() const noexcept { return type_ == Type::boolean; }
    bool is_number() const noexcept { return type_ == Type::number; }
    bool is_string() const noexcept { return type_ == Type::string; }
    bool is_array() const noexcept { return type_ == Type::array; }
    bool is_object() const noexcept { return type_ == Type::object; }

    bool as_bool() const noexcept { return bool_; }
    /// Number text or string value.
    const std::string& text() const noexcept { return text_; }
    /// True for a JSON number written without fraction or exponent.
    bool is_integer_number() const noexcept {
        return is_number() && text_.find_first_of(".eE") == std::string::npos;
    }

    const std::vector<Node>& items() const noexcept { return items_; }
    std::vector<Node>& items() noexcept { return items_; }
    const std::vector<std::pair<std::string, Node>>& members() const noexcept { return members_; }
    std::vector<std::pair<std::string, Node>>& members() noexcept { return members_; }

    /// The member named `key`, or nullptr.
    const Node* find(std::string_view key) const noexcept {
        for (const auto& [k, v] : members_)
            if (k == key) return &v;
        return nullptr;
    }
    /// Set (replace or append) a member.
    void set(const std::string& key, Node value) {
        for (auto& [k, v] : members_)
            if (k == key) { v = std::move(value); return; }
        members_.emplace_back(key, std::move(value));
    }
    /// Remove a member if present.
    void erase(std::string_view key) {
        std::erase_if(members_, [&](const auto& kv) { return kv.first == key; });
    }

    /// "an object", "a string", … for messages.
    std::string_view type_name() const noexcept;

    friend bool operator==(const Node&, const Node&) = default;

private:
    Type type_ = Type::null;
    bool bool_ = false;
    std::string text_;
    std::vector<Node> items_;
    std::vector<std::pair<std::string, Node>> members_;
};

/// Deepest nesting of arrays and objects accepted.
inline constexpr std::size_t max_json_depth = 256;

/// Parse JSON text strictly; throws PlanError (every problem at pointer "") on any problem.
[[nodiscard]] Node parse_json(std::string_view text);

/// Serialize exactly (numbers as written), compact.
[[nodiscard]] std::string dump(const Node& n);

/// Apply a JSON Merge Patch (RFC 7386) to `target` in place.
void merge_patch(Node& target, const Node& patch);

/// Escape one reference token of a JSON pointer (RFC 6901): "~" → "~0", "/" → "~1".
[[nodiscard]] std::string pointer_escape(std::string_view token);

/// Replace bytes that are not valid UTF-8 by U+FFFD so a message can always be printed.
[[nodiscard]] std::string sanitize_utf8(std::string_view s);

}  // namespace finsam
