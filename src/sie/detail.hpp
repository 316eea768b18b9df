// src/sie/detail.hpp — what the files of the SIE reader share (not installed).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "finsam/sie.hpp"

namespace finsam::detail {

/// Append `bytes` read as CP437 to `out` as UTF-8.
void append_cp437(std::string& out, std::string_view bytes);

/// True when every byte is below 0x80.
bool is_ascii(std::string_view bytes) noexcept;

/// Checks UTF-8 fed in pieces (a sequence may be cut between two pieces); stops at the first
/// byte that cannot be UTF-8.
class Utf8Scanner {
public:
    void feed(std::string_view bytes) noexcept;
    /// No invalid byte so far (call after the last piece: a cut sequence at the end is invalid).
    bool valid() const noexcept { return !invalid_ && need_ == 0; }
    /// Invalid already: no further piece can make it valid.
    bool failed() const noexcept { return invalid_; }
    /// A multi-byte sequence was seen.
    bool multibyte() const noexcept { return multibyte_; }

private:
    unsigned need_ = 0;  // continuation bytes still expected
    unsigned char lo_ = 0x80, hi_ = 0xBF;
    bool invalid_ = false, multibyte_ = false;
};

}  // namespace finsam::detail
