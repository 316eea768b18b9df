// finsam/dated.hpp — values that may change from year to year ("dated" in the spec, section 1).
//
// Design notes: a dated value is either one value for all years or entries keyed by year;
// the value for year Y is the entry under the greatest key ≤ Y. Each entry keeps the JSON
// pointer it was read from, so a problem found later (during evaluation) can name it.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace finsam {

/// A value for every year, or year-keyed entries where the greatest key ≤ Y applies.
template <class T>
class Dated {
public:
    /// One entry of a dated value.
    struct Entry {
        int year = 0;      ///< the key (0 when undated)
        T value{};
        std::string path;  ///< JSON pointer of this entry's value
    };

    Dated() = default;
    /// The same value in every year.
    static Dated constant(T value, std::string path) {
        Dated d;
        d.path_ = path;
        d.entries_.push_back({0, std::move(value), std::move(path)});
        return d;
    }
    /// Year-keyed entries (any order; kept sorted).
    static Dated by_year(std::vector<Entry> entries, std::string path) {
        Dated d;
        d.dated_ = true;
        d.path_ = std::move(path);
        d.entries_ = std::move(entries);
        std::sort(d.entries_.begin(), d.entries_.end(), [](const Entry& a, const Entry& b) { return a.year < b.year; });
        return d;
    }

    /// The entry that applies in `year`, or nullptr when a dated value has no key ≤ year.
    const Entry* at(int year) const noexcept {
        if (!dated_) return entries_.empty() ? nullptr : &entries_.front();
        const Entry* found = nullptr;
        for (const auto& e : entries_)
            if (e.year <= year) found = &e;
        return found;
    }
    bool is_dated() const noexcept { return dated_; }
    bool empty() const noexcept { return entries_.empty(); }
    /// JSON pointer of the whole value.
    const std::string& path() const noexcept { return path_; }
    const std::vector<Entry>& entries() const noexcept { return entries_; }

private:
    bool dated_ = false;
    std::string path_;
    std::vector<Entry> entries_;
};

}  // namespace finsam
