// src/read/reader.hpp — the generic readers every input format shares (internal).
//
// Design notes: a Reader turns JSON nodes (json.hpp) into typed values and collects every
// problem with its JSON pointer instead of stopping at the first: each reader takes the node
// and its pointer, reports what is wrong and what to write there, and returns nullopt when the
// value cannot be used. Unknown keys get a "did you mean" (edit distance). The rules of one
// format (a plan's members, frames, interventions …) live in a class derived from Reader
// (load_plan.cpp); other formats (an allocation file, the accounting block) derive their own.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "finsam/dated.hpp"
#include "finsam/error.hpp"
#include "finsam/json.hpp"
#include "finsam/member.hpp"
#include "finsam/money.hpp"
#include "finsam/rate.hpp"
#include "finsam/suggest.hpp"

namespace finsam::read {

/// What an amount is, for messages.
inline constexpr const char* amount_hint = "an amount: a JSON number or a decimal string such as \"785\" or \"-205\"";

using finsam::edit_distance;  // "did you mean" (finsam/suggest.hpp)
using finsam::join_keys;
/// A year key: 1..9999 without leading zeros (spec 12.1).
bool is_year_key(std::string_view k);
/// A month "YYYY-MM" (the year as a year key, the month 01..12), or nullopt.
std::optional<YearMonth> parse_month(std::string_view k);

/// The bytes of a file; PlanError at the root pointer when it cannot be read.
std::string read_file(const std::string& path);

/// Reads typed values out of JSON nodes, collecting problems (see the design notes).
class Reader {
public:
    std::vector<Problem> problems;
    Unit amount_unit = Unit::kr;  ///< the unit amounts are written in

    /// An amount written as a decimal string with exactly three decimals while amounts are not
    /// in kr ("7.064" in tkr is 7,064 tkr, but Swedish documents write 7 064 so; spec 14.6.3):
    /// where and how, for the possible_thousands_separator warning. Never a JSON number.
    struct ThreeDecimals {
        std::string path, text;
        Money amount;
    };
    std::vector<ThreeDecimals> three_decimals;

    void error(const std::string& path, std::string message) { problems.push_back({path, std::move(message)}); }

    static std::string child(const std::string& path, std::string_view key) { return path + "/" + pointer_escape(key); }
    static std::string child(const std::string& path, std::size_t index) { return path + "/" + std::to_string(index); }

    void type_error(const Node& n, const std::string& path, std::string_view expected);
    /// An object whose keys are all in `allowed`; reports unknown keys (with a suggestion).
    bool object(const Node& n, const std::string& path, const std::vector<std::string_view>& allowed,
                std::string_view what = "an object");
    const Node* required(const Node& obj, const std::string& path, std::string_view key, std::string_view hint);
    std::optional<std::string> string(const Node& n, const std::string& path, std::string_view what = "a string");
    /// An exact number: a JSON number, or a decimal string (and "A/B" when `fraction`).
    /// `what` is e.g. "an amount: a JSON number or a decimal string such as \"785\"".
    std::optional<Rational> rational(const Node& n, const std::string& path, bool fraction, std::string_view what);
    std::optional<Rational> percent(const Node& n, const std::string& path);
    std::optional<Rational> non_negative_percent(const Node& n, const std::string& path);
    std::optional<Rational> weight(const Node& n, const std::string& path);
    std::optional<Money> amount(const Node& n, const std::string& path);
    /// The root's `format`, which must be exactly `expected` ("finsam/1").
    void format(const Node& root, std::string_view expected);
    /// The required `id` of the object `obj` at `path`: [a-z0-9_-]+, not yet in `seen` (then
    /// added); `what` names the thing for the messages ("member"), `hint` is an example id,
    /// `each` the thing of "give each … its own id" when not `what` ("income line").
    std::optional<std::string> id(const Node& obj, const std::string& path, std::string_view what, std::string_view hint,
                                  std::set<std::string>& seen, std::string_view each = {});
    /// `amount_unit`: "kr", "tkr" or "mnkr".
    std::optional<Unit> amount_unit_value(const Node& n, const std::string& path);
    /// `rounding.allocation`: "öre" or "kr".
    std::optional<Unit> allocation_unit(const Node& n, const std::string& path);
    /// `rounding.mode`: "half_up", "half_even" or "toward_zero".
    std::optional<RoundingMode> rounding_mode(const Node& n, const std::string& path);
    /// A population: a non-negative integer of any size, a JSON integer or a digit string (spec
    /// 12.1, 12.23; the number text itself is bounded at 4 000 digits like every number).
    std::optional<BigInt> population(const Node& n, const std::string& path);
    /// A year written as a JSON integer 1..9999.
    std::optional<int> year(const Node& n, const std::string& path);
    std::optional<int> year_key(std::string_view k, const std::string& path);
    /// Amounts keyed by exact years.
    std::optional<std::map<int, Money>> year_amounts(const Node& n, const std::string& path);
    std::optional<YearMonth> month_bound(const Node& n, const std::string& path, bool is_from);

    template <class E>
    std::optional<E> enumeration(const Node& n, const std::string& path,
                                 const std::vector<std::pair<std::string_view, E>>& values) {
        std::vector<std::string_view> names;
        for (const auto& [s, e] : values) names.push_back(s);
        if (n.is_string())
            for (const auto& [s, e] : values)
                if (n.text() == s) return e;
        if (n.is_string())
            error(path, "unknown value \"" + sanitize_utf8(n.text()) + "\"; write " + join_keys(names));
        else
            type_error(n, path, "one of " + join_keys(names));
        return std::nullopt;
    }

    /// A scalar dated value: one value, or an object keyed by years (spec 1, 12.3).
    template <class T, class F>
    std::optional<Dated<T>> dated_scalar(const Node& n, const std::string& path, F read) {
        if (!n.is_object()) {
            auto v = read(n, path);
            if (!v) return std::nullopt;
            return Dated<T>::constant(std::move(*v), path);
        }
        std::vector<typename Dated<T>::Entry> entries;
        bool ok = true;
        for (const auto& [k, v] : n.members()) {
            const std::string p = child(path, k);
            auto y = year_key(k, p);
            auto val = read(v, p);
            if (!y || !val) {
                ok = false;
                continue;
            }
            entries.push_back({*y, std::move(*val), p});
        }
        if (!ok) return std::nullopt;
        return Dated<T>::by_year(std::move(entries), path);
    }

    /// An object-valued dated thing (shares, frame, change): dated iff every key is a year and
    /// every value an object (spec 12.3).
    static bool is_dated_object(const Node& n) {
        if (!n.is_object()) return false;
        for (const auto& [k, v] : n.members())
            if (!is_year_key(k) || !v.is_object()) return false;
        return true;
    }

    template <class T, class F>
    std::optional<Dated<T>> dated_object(const Node& n, const std::string& path, F read) {
        if (!is_dated_object(n)) {
            auto v = read(n, path);
            if (!v) return std::nullopt;
            return Dated<T>::constant(std::move(*v), path);
        }
        std::vector<typename Dated<T>::Entry> entries;
        bool ok = true;
        for (const auto& [k, v] : n.members()) {
            const std::string p = child(path, k);
            auto val = read(v, p);
            if (!val) {
                ok = false;
                continue;
            }
            entries.push_back({std::stoi(k), std::move(*val), p});
        }
        if (!ok) return std::nullopt;
        return Dated<T>::by_year(std::move(entries), path);
    }
};

}  // namespace finsam::read
