// "Did you mean" (see include/finsam/suggest.hpp).
#include "finsam/suggest.hpp"

#include <algorithm>
#include <cctype>

#include "finsam/json.hpp"

namespace finsam {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

std::string join_keys(const std::vector<std::string_view>& keys) {
    std::string s;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i) s += i + 1 == keys.size() ? " or " : ", ";
        s += '"';
        s += keys[i];
        s += '"';
    }
    return s;
}

std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates) {
    if (word.size() > 64) return std::nullopt;  // no quadratic work on a huge key
    const std::string w = lower(word);
    for (auto c : candidates)
        if (c.size() == word.size() && lower(c) == w) return std::string(c);
    std::optional<std::string> best;
    std::size_t best_d = std::max<std::size_t>(1, (word.size() + 2) / 4) + 1;  // suggest within this many edits
    for (auto c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_d) best_d = d, best = std::string(c);
    }
    return best;
}

std::string unknown_name(std::string_view what, std::string_view word, const std::vector<std::string_view>& candidates) {
    std::string msg = "no " + std::string(what) + " \"" + sanitize_utf8(word) + "\"";
    if (auto s = did_you_mean(word, candidates)) return msg + "; did you mean \"" + *s + "\"?";
    if (candidates.empty()) return msg;
    return msg + "; " + std::string(what) + (candidates.size() == 1 ? " is " : "s are ") + join_keys(candidates);
}

}  // namespace finsam
