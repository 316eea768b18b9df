// finsam/nlohmann.hpp — the bridge for programs that hold nlohmann::json values.
//
// Design notes: finsam's own headers do not include <nlohmann/json.hpp>: plans are read by
// finsam's exact JSON reader into Node (json.hpp), and results, problems, explanations and
// comparisons are written as JSON text (result_json.hpp, explain.hpp). A program that already
// works with nlohmann::json includes this header and links nlohmann_json itself; everything
// here is inline, built on those text functions, so it compiles against the program's own
// nlohmann and nothing of it is in libfinsam.
#pragma once

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "finsam/error.hpp"
#include "finsam/explain.hpp"
#include "finsam/json.hpp"
#include "finsam/plan.hpp"
#include "finsam/result.hpp"
#include "finsam/result_json.hpp"

namespace finsam {

namespace detail {

inline Node from_nlohmann_depth(const nlohmann::json& j, std::size_t depth) {
    if (depth > max_json_depth)
        throw PlanError("", "nesting deeper than " + std::to_string(max_json_depth) +
                                " levels of objects and arrays; a plan needs only a few");
    using T = nlohmann::json::value_t;
    switch (j.type()) {
        case T::null: return Node::null();
        case T::boolean: return Node::boolean(j.get<bool>());
        case T::number_integer: return Node::number(std::to_string(j.get<std::int64_t>()));
        case T::number_unsigned: return Node::number(std::to_string(j.get<std::uint64_t>()));
        case T::number_float: {
            const double d = j.get<double>();
            if (!std::isfinite(d)) throw PlanError("", "NaN and infinities are not JSON numbers");
            return Node::number(nlohmann::json(d).dump());  // the shortest text that reads back as d
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

}  // namespace detail

/// Convert from nlohmann::json. Numbers with a fraction become their shortest round-trip text
/// (the double 0.1 becomes "0.1"): pass plans as text or strings where that matters.
[[nodiscard]] inline Node from_nlohmann(const nlohmann::json& j) { return detail::from_nlohmann_depth(j, 0); }

/// Convert to nlohmann::ordered_json; numbers become integers where they are, else doubles
/// (lossy: use for display only, never for figures).
[[nodiscard]] inline nlohmann::ordered_json to_nlohmann(const Node& n) {
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

/// Read a plan from an nlohmann::json value (numbers with fractions: see from_nlohmann).
[[nodiscard]] inline Plan load_plan(const nlohmann::json& json) { return load_plan(from_nlohmann(json)); }

/// The result JSON `finsam-result/1` (result_json()) as a tree.
[[nodiscard]] inline nlohmann::ordered_json to_json(const Result& result) { return nlohmann::ordered_json::parse(result_json(result)); }

/// Problems as {"errors": [{"path": …, "message": …}, …]} (errors_json()) as a tree.
[[nodiscard]] inline nlohmann::ordered_json errors_to_json(const std::vector<Problem>& problems) {
    return nlohmann::ordered_json::parse(errors_json(problems));
}

/// The differences between the base and each variant (compare_json()) as a tree.
[[nodiscard]] inline nlohmann::ordered_json compare(const Evaluation& evaluation) { return nlohmann::ordered_json::parse(compare_json(evaluation)); }

/// An explanation's steps (Explanation::json) as a tree.
[[nodiscard]] inline nlohmann::ordered_json explanation_data(const Explanation& explanation) {
    return nlohmann::ordered_json::parse(explanation.json);
}

/// Serialize as finsam prints JSON: 2-space indentation, UTF-8 kept, invalid bytes replaced.
[[nodiscard]] inline std::string dump_json(const nlohmann::ordered_json& j) {
    return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace finsam
