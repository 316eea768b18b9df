// finsam/sie.hpp — a streaming reader of SIE 4 accounting exports (and #PSALDO files, types 2–3).
//
// Design notes: Swedish accounting systems export their books as SIE files (spec section 15).
// The reader never holds the file: it reads it in fixed chunks, line by line, and hands each
// transaction row (#TRANS, #RTRANS) and each period balance row (#PSALDO) to a SieVisitor while
// the row's text is still in its line buffer. Memory is the chunk, one line's decoded fields and
// what the visitor keeps, whatever the size of the file. Problems (a malformed amount, an
// unbalanced voucher, an unterminated `{` …) are collected as (line, message) like a plan's
// problems, and thrown together as one SieError at the end: a visitor has then seen rows of a
// file that turned out to be invalid, and must drop what it built when read_sie throws.
//
// The text is CP437 (`#FORMAT PC8`), decoded by a table of the 128 upper code points, except
// that a file that is valid UTF-8 and contains a multi-byte sequence is read as UTF-8 (many
// exporters write UTF-8 and still say PC8). That needs the whole file before its first field is
// decoded, so a file is read twice: a first pass only checks the bytes (and stops at the first
// sequence that is not UTF-8), the second parses. Everything handed out is UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "finsam/error.hpp"
#include "finsam/money.hpp"

namespace finsam {

/// A calendar date as SIE writes it (YYYYMMDD); always a real date when the reader hands it out.
struct SieDate {
    int year = 0;   ///< 1..9999
    int month = 0;  ///< 1..12
    int day = 0;    ///< 1..31 (0 only in a default-constructed date)

    /// "2011-03-15".
    std::string iso() const;
    friend auto operator<=>(const SieDate&, const SieDate&) = default;
};

/// One object of a row's object list: dimension (1 kostnadsställe, 6 projekt, …) and object id.
struct SieObject {
    int dimension = 0;
    std::string_view id;  ///< valid during the visitor's call
};

/// One row handed to a SieVisitor. Its views are valid only during the call.
struct SieRow {
    enum class Kind {
        transaction,    ///< #TRANS or #RTRANS inside a voucher
        period_balance  ///< #PSALDO: the change of a month on an account (or an object of it)
    };
    Kind kind = Kind::transaction;
    std::size_t line = 0;  ///< 1-based line of the row in the file

    // The voucher (#VER) of a transaction; empty for a period balance.
    std::string_view series;        ///< verifikationsserie ("A"; may be empty)
    std::string_view number;        ///< verifikationsnummer as written ("12"; may be empty)
    SieDate voucher_date;           ///< verifikationsdatum
    std::string_view voucher_text;  ///< verifikationstext
    bool added = false;             ///< the row is a #RTRANS (added afterwards)

    /// The row's date: its transdat, else its voucher's date. For a period balance, day 0.
    SieDate date;
    /// The period balance's year index (#PSALDO årsnr: 0 this year, -1 the year before).
    int year_index = 0;

    std::string_view account;             ///< the account's digits as written ("6420")
    std::uint64_t account_number = 0;     ///< the same as a number, for ranges
    std::span<const SieObject> objects;   ///< ascending by dimension, each dimension once
    Money amount;                         ///< debit positive, credit negative
    std::string_view text;                ///< transtext (may be empty)
};

/// A fiscal year of #RAR: index (0 this year, -1 the year before …) and its first and last day.
struct SieFiscalYear {
    int index = 0;
    SieDate start, end;
    friend bool operator==(const SieFiscalYear&, const SieFiscalYear&) = default;
};

/// What the reader learnt about the file besides its rows.
struct SieSummary {
    std::string company;                    ///< #FNAMN
    std::string program;                    ///< #PROGRAM (name only)
    std::string format;                     ///< #FORMAT as written ("PC8")
    std::string sie_type;                   ///< #SIETYP as written ("4")
    bool utf8 = false;                      ///< true when the text was read as UTF-8, not CP437
    std::vector<SieFiscalYear> fiscal_years;  ///< #RAR, in file order
    std::optional<SieDate> extent;          ///< #OMFATTN: the books are complete up to this day
    std::size_t extent_line = 0;            ///< the line of #OMFATTN
    std::size_t vouchers = 0;               ///< #VER blocks read
    std::size_t transactions = 0;           ///< rows handed out as Kind::transaction
    std::size_t period_balances = 0;        ///< rows handed out as Kind::period_balance
    std::size_t removed = 0;                ///< #BTRANS rows (counted nothing)
    std::size_t lines = 0;                  ///< lines read
};

/// Receives the rows of a SIE file in file order.
class SieVisitor {
public:
    virtual ~SieVisitor() = default;
    /// One #TRANS/#RTRANS or #PSALDO row. Not called for a row with a problem of its own.
    virtual void row(const SieRow& row) = 0;
};

/// One problem of a SIE file: its 1-based line (0: the file as a whole) and what is wrong.
struct SieProblem {
    std::size_t line = 0;
    std::string message;
    friend bool operator==(const SieProblem&, const SieProblem&) = default;
};

/// An invalid SIE file: every problem found, in line order (at most max_sie_problems, then one
/// that counts the rest). Printed as FILE:LINE: message.
class SieError : public Error {
public:
    SieError(std::string file, std::vector<SieProblem> problems);
    /// The file as named to the reader.
    const std::string& file() const noexcept { return file_; }
    const std::vector<SieProblem>& problems() const noexcept { return problems_; }

private:
    std::string file_;
    std::vector<SieProblem> problems_;
};

/// Problems listed before the rest are only counted (so memory does not grow with a bad file).
inline constexpr std::size_t max_sie_problems = 1000;
/// Longest line read, in bytes; a longer one is a problem (no SIE record comes near it).
inline constexpr std::size_t max_sie_line = 100'000;

/// Read the SIE file at `path`, calling `visitor` for every row; throws SieError with every
/// problem (also when the file cannot be opened), after the visitor has seen the valid rows.
SieSummary read_sie_file(const std::string& path, SieVisitor& visitor);

/// The same for a file's bytes in memory; `name` is the file name used in problems.
SieSummary read_sie(std::string_view bytes, SieVisitor& visitor, const std::string& name = "<sie>");

/// CP437 → UTF-8 of one byte ≥ 0x80 (the table of the format's character set).
std::string_view cp437_utf8(unsigned char byte) noexcept;

/// True when `bytes` is valid UTF-8 (no overlong forms, surrogates or code points beyond U+10FFFF).
bool is_valid_utf8(std::string_view bytes) noexcept;

}  // namespace finsam
