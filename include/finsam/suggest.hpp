// finsam/suggest.hpp — "did you mean": the nearest known name to a misspelt one.
//
// Unknown keys in a plan, unknown ids on the command line (`--member Grums`) and in Python
// (`result.explain(2011, member="Avesta")`) all get the same suggestion: a known name that
// differs only in case, else the nearest within a few edits (optimal string alignment: a
// transposition counts as one edit; about one edit per four characters).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finsam {

/// Optimal string alignment distance (a transposition counts as one edit).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// "\"a\", \"b\" or \"c\"".
std::string join_keys(const std::vector<std::string_view>& keys);

/// The candidate `word` was probably meant as: one equal but for case, else the nearest within
/// max(1, (length + 2) / 4) edits (the first of equals); nullopt if none is that near.
std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

/// What to say about an unknown `word` of the kind `what` ("member", "intervention"):
/// `no member "Grums"; did you mean "grums"?`, or the list of those there are.
std::string unknown_name(std::string_view what, std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace finsam
