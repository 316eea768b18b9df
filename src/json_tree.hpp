// JSON output trees inside the library: the result JSON, explain and compare are built as
// nlohmann::ordered_json (keys in the order written) and handed out as text, so that no public
// header needs <nlohmann/json.hpp> (the tree itself: finsam/nlohmann.hpp). Internal: not installed.
#pragma once

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace finsam::detail {

using JsonTree = nlohmann::ordered_json;

/// Append to an object whose keys are distinct by construction (years, member ids), without the
/// linear search of ordered_map's operator[] (quadratic over 9 999 years).
inline void append(JsonTree& obj, std::string key, JsonTree value) {
    using Container = JsonTree::object_t::Container;
    static_cast<Container&>(obj.get_ref<JsonTree::object_t&>()).emplace_back(std::move(key), std::move(value));
}

/// As finsam prints JSON: 2-space indentation, UTF-8 kept, invalid bytes replaced by U+FFFD.
inline std::string dump_pretty(const JsonTree& j) { return j.dump(2, ' ', false, JsonTree::error_handler_t::replace); }

}  // namespace finsam::detail
