// Reading a SIE file: lines → fields → vouchers and rows, with every problem at its line.
//
// Design notes: a Parser sees one line at a time (a driver below cuts the file into lines,
// from memory or from a file read in fixed chunks). A line is trimmed of blanks (space, tab,
// CR) and is then empty (ignored), `{`, `}` or `#LABEL fields…`; anything else is a problem.
// Only the labels the reader uses are split into fields; other labels (#KONTO, #IB, #RES,
// #KSUMMA, #PBUDGET and whatever a newer exporter writes) are skipped unread. Fields are views
// into the line; a field is decoded (`\"` → `"`, CP437 → UTF-8) only when used, into an
// arena reserved once for the longest line, so views handed to the visitor stay valid during
// the call and a row costs no allocation. A voucher is checked as it goes: its rows' sum is
// kept in öre and compared with 0 at its `}`, so nothing of a voucher is held but its header.
// The row right after an #RTRANS is compared with it: an identical #TRANS is the copy the
// format writes for older readers and is not counted again.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>

#include "detail.hpp"
#include "finsam/json.hpp"

namespace finsam {

std::string SieDate::iso() const {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

namespace {

std::string summary_of(const std::string& file, const std::vector<SieProblem>& problems) {
    if (problems.empty()) return "invalid SIE file " + file;
    const SieProblem& p = problems.front();
    std::string s = file + (p.line ? ":" + std::to_string(p.line) : "") + ": " + p.message;
    if (problems.size() > 1)
        s += " (and " + std::to_string(problems.size() - 1) + " more problem" + (problems.size() > 2 ? "s" : "") + ")";
    return s;
}

constexpr bool blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

bool all_digits(std::string_view s) noexcept {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int digits_value(std::string_view s) noexcept {  // s: all digits, at most 9 of them
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

bool leap(int y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in(int y, int m) noexcept {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/// YYYYMMDD, a real calendar date of years 1..9999.
std::optional<SieDate> parse_date(std::string_view s) noexcept {
    if (s.size() != 8 || !all_digits(s)) return std::nullopt;
    const SieDate d{digits_value(s.substr(0, 4)), digits_value(s.substr(4, 2)), digits_value(s.substr(6, 2))};
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in(d.year, d.month)) return std::nullopt;
    return d;
}

/// YYYYMM of #PSALDO.
std::optional<SieDate> parse_period(std::string_view s) noexcept {
    if (s.size() != 6 || !all_digits(s)) return std::nullopt;
    const SieDate d{digits_value(s.substr(0, 4)), digits_value(s.substr(4, 2)), 0};
    if (d.year < 1 || d.month < 1 || d.month > 12) return std::nullopt;
    return d;
}

enum class AmountStatus { ok, comma, decimals, syntax, range };

/// `-?DIGITS(.D|.DD)?` in kronor → öre.
AmountStatus parse_amount(std::string_view s, std::int64_t& ore) noexcept {
    const bool neg = !s.empty() && s.front() == '-';
    if (neg) s.remove_prefix(1);
    const auto dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    const std::string_view frac = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    if (!all_digits(whole) || (dot != std::string_view::npos && !all_digits(frac))) {
        const auto comma = s.find(',');
        if (comma != std::string_view::npos && s.find(',', comma + 1) == std::string_view::npos && dot == std::string_view::npos &&
            all_digits(s.substr(0, comma)) && all_digits(s.substr(comma + 1)))
            return AmountStatus::comma;
        return AmountStatus::syntax;
    }
    if (frac.size() > 2) return AmountStatus::decimals;
    std::uint64_t v = 0;
    for (char c : whole) {
        if (v > (std::numeric_limits<std::uint64_t>::max() - 9) / 10) return AmountStatus::range;
        v = v * 10 + static_cast<unsigned>(c - '0');
    }
    if (v > static_cast<std::uint64_t>(Money::max_ore) / 100) return AmountStatus::range;
    v *= 100;
    if (frac.size() >= 1) v += 10u * static_cast<unsigned>(frac[0] - '0');
    if (frac.size() == 2) v += static_cast<unsigned>(frac[1] - '0');
    if (v > static_cast<std::uint64_t>(Money::max_ore)) return AmountStatus::range;
    ore = neg ? -static_cast<std::int64_t>(v) : static_cast<std::int64_t>(v);
    return AmountStatus::ok;
}

/// One field of a line: a word, a quoted text, or an object list (its items in Parser::items_).
struct Field {
    std::string_view raw;  ///< between the quotes (escapes not yet resolved), or the word
    bool quoted = false;
    bool escaped = false;  ///< holds \" (only in a quoted field)
    bool list = false;
    std::uint32_t first = 0, count = 0;  ///< the list's items
};

enum class Label { ver, trans, rtrans, btrans, psaldo, omfattn, rar, fnamn, program, format, sietyp, other };

Label label_of(std::string_view name) noexcept {
    char up[8];
    if (name.size() > sizeof up) return Label::other;
    for (std::size_t i = 0; i < name.size(); ++i) up[i] = (name[i] >= 'a' && name[i] <= 'z') ? static_cast<char>(name[i] - 32) : name[i];
    const std::string_view u(up, name.size());
    if (u == "TRANS") return Label::trans;
    if (u == "VER") return Label::ver;
    if (u == "RTRANS") return Label::rtrans;
    if (u == "BTRANS") return Label::btrans;
    if (u == "PSALDO") return Label::psaldo;
    if (u == "OMFATTN") return Label::omfattn;
    if (u == "RAR") return Label::rar;
    if (u == "FNAMN") return Label::fnamn;
    if (u == "PROGRAM") return Label::program;
    if (u == "FORMAT") return Label::format;
    if (u == "SIETYP") return Label::sietyp;
    return Label::other;
}

class Parser {
public:
    Parser(SieVisitor& visitor, SieSummary& summary) : visitor_(visitor), summary_(summary) {
        arena_.reserve(3 * max_sie_line + 64);  // a CP437 byte becomes at most 3 UTF-8 bytes
        fields_.reserve(16);
        items_.reserve(16);
        objects_.reserve(8);
    }

    void line(std::string_view s, std::size_t n) {
        s = trim(s);
        if (s.empty()) return;
        if (pending_ver_ && s != "{") {
            problem(ver_line_, voucher_name() + " is not followed by a { line; a voucher's rows stand between { and } on "
                                                "the lines after its #VER");
            pending_ver_ = false;
        }
        if (s == "{") return open(n);
        if (s == "}") return close(n);
        if (s.front() != '#' || s.size() < 2 || blank(s[1])) {
            problem(n, shown(s) + " is not a SIE line: every line is a #LABEL line, { or }");
            return;
        }
        std::size_t end = 1;
        while (end < s.size() && !blank(s[end])) ++end;
        const Label label = label_of(s.substr(1, end - 1));
        if (label == Label::other) return;  // read and not used
        arena_.clear();
        const std::string_view rest = s.substr(end);
        switch (label) {
            case Label::trans: return transaction(label, "#TRANS", rest, n);
            case Label::rtrans: return transaction(label, "#RTRANS", rest, n);
            case Label::btrans: return transaction(label, "#BTRANS", rest, n);
            case Label::ver: return voucher(rest, n);
            case Label::psaldo: return period_balance(rest, n);
            case Label::omfattn: return extent(rest, n);
            case Label::rar: return fiscal_year(rest, n);
            case Label::fnamn: return header(rest, n, "#FNAMN", "the company's name", summary_.company);
            case Label::program: return header(rest, n, "#PROGRAM", "the program's name", summary_.program);
            case Label::format: return header(rest, n, "#FORMAT", "the character set (PC8)", summary_.format);
            case Label::sietyp: return header(rest, n, "#SIETYP", "the file's type (4)", summary_.sie_type);
            case Label::other: return;
        }
    }

    void too_long(std::size_t n) {
        problem(n, "line longer than " + std::to_string(max_sie_line) + " bytes; a SIE line holds one record");
        if (in_voucher_) tainted_ = true;
    }

    /// At the end of the file: vouchers left open.
    void finish() {
        if (pending_ver_) {
            problem(ver_line_, voucher_name() + " is not followed by a { line; a voucher's rows stand between { and } on the "
                                                "lines after its #VER");
            pending_ver_ = false;
        }
        if (in_voucher_) unclosed();
    }

    /// Every problem, in line order (then the count of those not listed).
    std::vector<SieProblem> take_problems() {
        std::stable_sort(problems_.begin(), problems_.end(), [](const SieProblem& a, const SieProblem& b) { return a.line < b.line; });
        if (unlisted_)
            problems_.push_back({first_unlisted_, std::to_string(unlisted_) + " more problem" + (unlisted_ > 1 ? "s" : "") +
                                                      " from this line on (the first " + std::to_string(max_sie_problems) +
                                                      " are listed)"});
        return std::move(problems_);
    }

    void utf8(bool on) noexcept { utf8_ = on; }

private:
    void problem(std::size_t line, std::string message) {
        if (problems_.size() < max_sie_problems) {
            problems_.push_back({line, std::move(message)});
        } else {
            if (!unlisted_ || line < first_unlisted_) first_unlisted_ = line;
            ++unlisted_;
        }
    }
    bool failed() const noexcept { return !problems_.empty() || unlisted_; }

    // ---- fields ----------------------------------------------------------------------------

    /// Split `s` into fields (and object list items); false after a problem.
    bool tokenize(std::string_view s, std::size_t n) {
        fields_.clear();
        items_.clear();
        std::size_t i = 0;
        const std::size_t e = s.size();
        auto word = [&](bool in_list) {
            const std::size_t b = i;
            while (i < e && !blank(s[i]) && !(in_list && (s[i] == '}' || s[i] == '{' || s[i] == '"'))) ++i;
            Field f;
            f.raw = s.substr(b, i - b);
            return f;
        };
        auto quoted = [&](Field& f) {
            const std::size_t b = ++i;  // after the opening quote
            while (i < e && s[i] != '"') {
                if (s[i] == '\\' && i + 1 < e && s[i + 1] == '"') f.escaped = true, ++i;
                ++i;
            }
            if (i >= e) {
                problem(n, "a quoted field is not closed: the line ends before the \" that closes " + shown(s.substr(b - 1), false));
                return false;
            }
            f.raw = s.substr(b, i - b);
            f.quoted = true;
            ++i;  // the closing quote
            return true;
        };
        while (true) {
            while (i < e && blank(s[i])) ++i;
            if (i >= e) return true;
            if (s[i] == '"') {
                Field f;
                if (!quoted(f)) return false;
                fields_.push_back(f);
            } else if (s[i] == '{') {
                const std::size_t open_at = i++;
                Field list;
                list.list = true;
                list.first = static_cast<std::uint32_t>(items_.size());
                while (true) {
                    while (i < e && blank(s[i])) ++i;
                    if (i >= e) {
                        problem(n, "unterminated {: the object list " + shown(s.substr(open_at), false) +
                                       " has no closing }; write it as {1 \"K1\" 6 \"101\"}, or {} for none");
                        return false;
                    }
                    if (s[i] == '}') {
                        ++i;
                        break;
                    }
                    if (s[i] == '{') {
                        problem(n, "a { inside the object list " + shown(s.substr(open_at, i + 1 - open_at), false) +
                                       "; an object list is {DIMENSION \"OBJECT\" …} and holds no other list");
                        return false;
                    }
                    Field item;
                    if (s[i] == '"') {
                        if (!quoted(item)) return false;
                    } else {
                        item = word(true);
                    }
                    items_.push_back(item);
                }
                list.count = static_cast<std::uint32_t>(items_.size() - list.first);
                list.raw = s.substr(open_at, i - open_at);
                fields_.push_back(list);
            } else if (s[i] == '}') {
                problem(n, "a } without its {: " + shown(trim(s.substr(0, i + 1)), false) + "; an object list is written {1 \"K1\"}");
                return false;
            } else {
                fields_.push_back(word(false));
            }
        }
    }

    /// The field decoded to UTF-8 (a view into the line or the arena).
    std::string_view text(const Field& f) {
        if (!f.escaped && (utf8_ || detail::is_ascii(f.raw))) return f.raw;
        const std::size_t at = arena_.size();
        for (std::size_t i = 0; i < f.raw.size(); ++i) {
            const char c = f.raw[i];
            if (c == '\\' && f.escaped && i + 1 < f.raw.size() && f.raw[i + 1] == '"') {
                arena_ += '"';
                ++i;
            } else if (!utf8_ && static_cast<unsigned char>(c) >= 0x80) {
                arena_.append(cp437_utf8(static_cast<unsigned char>(c)));
            } else {
                arena_ += c;
            }
        }
        return std::string_view(arena_).substr(at);
    }

    /// Raw bytes for a message: decoded, made printable, cut after 40 characters, in quotes
    /// (`quote`) or as they stand (object lists and texts that hold quotes themselves).
    std::string shown(std::string_view raw, bool quote = true) const {
        std::string decoded;
        if (utf8_) decoded = raw;
        else detail::append_cp437(decoded, raw);
        std::string s = sanitize_utf8(decoded);
        std::size_t chars = 0, cut = s.size();
        for (std::size_t i = 0; i < s.size(); ++i)
            if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++chars > 40) {
                cut = i;
                break;
            }
        const std::string q = quote ? "\"" : "";
        return q + s.substr(0, cut) + (cut < s.size() ? "…" : "") + q;
    }

    /// The field at `i`, or nullptr (and a problem when it is an object list where a value belongs).
    const Field* value(std::size_t i, std::size_t n, std::string_view what, bool& ok) {
        if (i >= fields_.size()) return nullptr;
        if (fields_[i].list) {
            problem(n, "an object list " + shown(fields_[i].raw, false) + " where " + std::string(what) + " belongs");
            ok = false;
            return nullptr;
        }
        return &fields_[i];
    }

    std::optional<SieDate> date(const Field& f, std::size_t n) {
        auto d = parse_date(f.raw);
        if (!d) problem(n, "date " + shown(f.raw) + " is not a date; write YYYYMMDD, a real calendar date such as 20110131");
        return d;
    }

    bool account(const Field& f, std::size_t n, std::string_view& text_out, std::uint64_t& number) {
        if (!all_digits(f.raw) || f.raw.size() > 18) {
            problem(n, "account " + shown(f.raw) + " is not an account number; write its digits, such as 1930");
            return false;
        }
        number = 0;
        for (char c : f.raw) number = number * 10 + static_cast<unsigned>(c - '0');
        text_out = f.raw;
        return true;
    }

    bool amount(const Field& f, std::size_t n, Money& out) {
        std::int64_t ore = 0;
        switch (parse_amount(f.raw, ore)) {
            case AmountStatus::ok: out = Money::from_ore(ore); return true;
            case AmountStatus::comma: {
                std::string fixed(f.raw);
                fixed[fixed.find(',')] = '.';
                problem(n, "amount " + shown(f.raw) + " has a decimal comma; write " + fixed + " (a decimal point)");
                return false;
            }
            case AmountStatus::decimals:
                problem(n, "amount " + shown(f.raw) + " has more than two decimals; SIE amounts are kronor with at most two "
                                                      "decimals (öre)");
                return false;
            case AmountStatus::range:
                problem(n, "amount " + shown(f.raw) + " is beyond ±92 233 720 368 547 758.07 kr; check its digits");
                return false;
            case AmountStatus::syntax: break;
        }
        problem(n, "amount " + shown(f.raw) + " is not an amount; write digits with an optional decimal point and at most two "
                                              "decimals, such as -1.85 (no +, exponent, spaces or decimal comma)");
        return false;
    }

    /// The object list `f` into objects_, ascending by dimension; false after a problem.
    bool objects(const Field& f, std::size_t n) {
        objects_.clear();
        if (f.count % 2 != 0) {
            problem(n, "the object list " + shown(f.raw, false) + " is not pairs of dimension and object; write {1 \"K1\" 6 \"101\"}");
            return false;
        }
        bool ok = true;
        for (std::uint32_t k = f.first; k < f.first + f.count; k += 2) {
            const Field& dim = items_[k];
            if (!all_digits(dim.raw) || dim.raw.size() > 9) {
                problem(n, "dimension " + shown(dim.raw) + " in the object list " + shown(f.raw, false) +
                               " is not a number; write the dimension's number before each object, such as {1 \"K1\"}");
                ok = false;
                continue;
            }
            objects_.push_back({digits_value(dim.raw), text(items_[k + 1])});
        }
        // by dimension (sorting, not pairwise comparison: a long list must not cost its square)
        std::stable_sort(objects_.begin(), objects_.end(), [](const SieObject& a, const SieObject& b) { return a.dimension < b.dimension; });
        for (std::size_t i = 1; i < objects_.size(); ++i)
            if (objects_[i].dimension == objects_[i - 1].dimension && (i < 2 || objects_[i - 2].dimension != objects_[i].dimension)) {
                problem(n, "dimension " + std::to_string(objects_[i].dimension) + " appears twice in the object list " +
                               shown(f.raw, false) + "; a row has at most one object per dimension");
                ok = false;
            }
        return ok;
    }

    // ---- records ---------------------------------------------------------------------------

    std::string voucher_name() const {
        std::string id = series_;
        if (!number_.empty()) id += (id.empty() ? "" : " ") + number_;
        return id.empty() ? "the voucher at line " + std::to_string(ver_line_) : "voucher " + sanitize_utf8(id);
    }

    void unclosed() {
        problem(brace_line_, "the { of " + voucher_name() + " is not closed by a } line");
        in_voucher_ = false;
    }

    void voucher(std::string_view rest, std::size_t n) {
        if (in_voucher_) unclosed();
        pending_ver_ = true;
        ver_line_ = n;
        series_.clear(), number_.clear(), voucher_text_.clear();
        voucher_date_.reset();
        if (!tokenize(rest, n)) return;
        bool ok = true;
        if (const Field* f = value(0, n, "the voucher series", ok)) series_ = text(*f);
        if (const Field* f = value(1, n, "the voucher number", ok)) number_ = text(*f);
        const Field* d = value(2, n, "the voucher date", ok);
        if (const Field* f = value(3, n, "the voucher text", ok)) voucher_text_ = text(*f);
        if (d && !d->raw.empty()) voucher_date_ = date(*d, n);
        else if (ok) problem(n, "#VER needs a date after its series and number; write such as #VER A 1 20110131 \"text\"");
    }

    void open(std::size_t n) {
        if (pending_ver_) {
            pending_ver_ = false;
            in_voucher_ = true;
            brace_line_ = n;
            sum_ = 0;
            tainted_ = !voucher_date_;
            copy_.pending = false;
            return;
        }
        if (in_voucher_) {
            problem(n, "a { inside a voucher: the } of " + voucher_name() + " (its { at line " + std::to_string(brace_line_) +
                           ") is missing");
            return;
        }
        problem(n, "a { line must follow a #VER line (a voucher's rows stand between { and })");
    }

    void close(std::size_t n) {
        if (!in_voucher_) {
            problem(n, "a } line without a voucher to close");
            return;
        }
        in_voucher_ = false;
        ++summary_.vouchers;
        if (!tainted_ && sum_ != 0)
            problem(ver_line_, voucher_name() + " does not balance: its rows sum to " + Money::from_ore(sum_).to_kr_string() +
                                   " kr; debit and credit must be equal (the rows of a voucher sum to 0)");
    }

    struct RowFields {
        std::string_view account;
        std::uint64_t account_number = 0;
        Money amount;
        std::optional<SieDate> date;
        std::string_view text;
    };

    /// account {objects} amount (shared by #TRANS-like rows and #PSALDO from field `at`).
    bool row_fields(const char* label, std::size_t at, std::size_t n, RowFields& r, const char* example) {
        bool ok = true;
        const Field* acc = value(at, n, "the account", ok);
        if (!acc && ok) {
            problem(n, std::string(label) + " needs an account, an object list and an amount, such as " + example);
            return false;
        }
        if (acc && !account(*acc, n, r.account, r.account_number)) ok = false;
        if (at + 1 >= fields_.size()) {
            problem(n, std::string(label) + " needs an object list and an amount after the account, such as " + example);
            return false;
        }
        if (!fields_[at + 1].list) {
            problem(n, std::string(label) + " expects an object list after the account, not " + shown(fields_[at + 1].raw) +
                           "; write {} for a row without objects, such as " + example);
            return false;
        }
        if (!objects(fields_[at + 1], n)) ok = false;
        bool amount_ok = true;
        const Field* am = value(at + 2, n, "the amount", amount_ok);
        if (!am) {
            if (amount_ok) problem(n, std::string(label) + " needs an amount after the object list, such as " + example);
            return false;
        }
        if (!amount(*am, n, r.amount)) ok = false;
        return ok;
    }

    void taint() noexcept {
        if (in_voucher_) tainted_ = true;
    }

    void transaction(Label kind, const char* label, std::string_view rest, std::size_t n) {
        const bool copy_candidate = copy_.pending;
        copy_.pending = false;
        if (!in_voucher_) {
            problem(n, std::string(label) + " outside a voucher; a voucher's rows stand between the { and } lines after its #VER");
            return;
        }
        if (!tokenize(rest, n)) return taint();
        RowFields r;
        static constexpr const char* example = "#TRANS 1930 {} -100.00";
        bool ok = row_fields(label, 0, n, r, example);
        if (const Field* d = value(3, n, "the transaction date", ok); d && !d->raw.empty()) {
            r.date = date(*d, n);
            if (!r.date) ok = false;
        }
        if (const Field* t = value(4, n, "the transaction text", ok)) r.text = text(*t);
        if (!ok) return taint();
        if (!r.date) r.date = voucher_date_;
        if (kind == Label::btrans) {
            ++summary_.removed;
            return;
        }
        if (kind == Label::trans && copy_candidate && copy_.account == r.account && copy_.amount == r.amount &&
            copy_.date == r.date && same_objects(copy_.objects)) {
            return;  // the #TRANS copy of the #RTRANS before it
        }
        if (__builtin_add_overflow(sum_, r.amount.ore(), &sum_)) {
            problem(ver_line_, "the rows of " + voucher_name() + " sum beyond ±92 233 720 368 547 758.07 kr; check their amounts");
            tainted_ = true;
        }
        if (kind == Label::rtrans) {
            copy_.pending = true;
            copy_.account = r.account;
            copy_.amount = r.amount;
            copy_.date = r.date;
            copy_.objects.clear();
            for (const auto& o : objects_) copy_.objects.emplace_back(o.dimension, std::string(o.id));
        }
        ++summary_.transactions;
        if (tainted_ || failed()) return;
        SieRow row;
        row.kind = SieRow::Kind::transaction;
        row.line = n;
        row.series = series_;
        row.number = number_;
        row.voucher_date = *voucher_date_;
        row.voucher_text = voucher_text_;
        row.added = kind == Label::rtrans;
        row.date = *r.date;
        row.account = r.account;
        row.account_number = r.account_number;
        row.objects = objects_;
        row.amount = r.amount;
        row.text = r.text;
        visitor_.row(row);
    }

    bool same_objects(const std::vector<std::pair<int, std::string>>& other) const {
        if (other.size() != objects_.size()) return false;
        for (std::size_t i = 0; i < other.size(); ++i)
            if (other[i].first != objects_[i].dimension || other[i].second != objects_[i].id) return false;
        return true;
    }

    std::optional<int> year_index(const Field& f, std::size_t n) {
        std::string_view s = f.raw;
        const bool neg = !s.empty() && s.front() == '-';
        if (neg) s.remove_prefix(1);
        if (!all_digits(s) || s.size() > 3) {
            problem(n, "year index " + shown(f.raw) + " is not a year index; write 0 for this year, -1 for the year before");
            return std::nullopt;
        }
        return neg ? -digits_value(s) : digits_value(s);
    }

    void period_balance(std::string_view rest, std::size_t n) {
        if (!tokenize(rest, n)) return;
        static constexpr const char* example = "#PSALDO 0 201101 4010 {} 1200.00";
        bool ok = true;
        const Field* idx = value(0, n, "the year index", ok);
        const Field* per = value(1, n, "the period", ok);
        if (!ok) return;
        if (!idx || !per) {
            problem(n, std::string("#PSALDO needs a year index, a period, an account, an object list and an amount, such as ") + example);
            return;
        }
        const auto index = year_index(*idx, n);
        const auto period = parse_period(per->raw);
        if (!period) problem(n, "period " + shown(per->raw) + " is not a month; write YYYYMM, such as 201103");
        RowFields r;
        if (!row_fields("#PSALDO", 2, n, r, example) || !index || !period) return;
        ++summary_.period_balances;
        if (failed()) return;
        SieRow row;
        row.kind = SieRow::Kind::period_balance;
        row.line = n;
        row.date = *period;
        row.year_index = *index;
        row.account = r.account;
        row.account_number = r.account_number;
        row.objects = objects_;
        row.amount = r.amount;
        visitor_.row(row);
    }

    void extent(std::string_view rest, std::size_t n) {
        if (!tokenize(rest, n)) return;
        bool ok = true;
        const Field* d = value(0, n, "the date", ok);
        if (!ok) return;
        if (!d || d->raw.empty()) {
            problem(n, "#OMFATTN needs the date the books are complete to, such as #OMFATTN 20110831");
            return;
        }
        const auto day = date(*d, n);
        if (!day) return;
        if (summary_.extent) {
            problem(n, "#OMFATTN given twice (first at line " + std::to_string(summary_.extent_line) + "); a file has one extent");
            return;
        }
        summary_.extent = day;
        summary_.extent_line = n;
    }

    void fiscal_year(std::string_view rest, std::size_t n) {
        if (!tokenize(rest, n)) return;
        bool ok = true;
        const Field* idx = value(0, n, "the year index", ok);
        const Field* from = value(1, n, "the first day", ok);
        const Field* to = value(2, n, "the last day", ok);
        if (!ok) return;
        if (!idx || !from || !to) {
            problem(n, "#RAR needs a year index, its first and its last day, such as #RAR 0 20110101 20111231");
            return;
        }
        const auto index = year_index(*idx, n);
        const auto start = date(*from, n);
        const auto end = date(*to, n);
        if (!index || !start || !end) return;
        if (*end < *start) {
            problem(n, "#RAR " + std::to_string(*index) + " ends (" + end->iso() + ") before it starts (" + start->iso() + ")");
            return;
        }
        for (const auto& y : summary_.fiscal_years)
            if (y.index == *index) {
                problem(n, "#RAR " + std::to_string(*index) + " given twice; each year index once");
                return;
            }
        summary_.fiscal_years.push_back({*index, *start, *end});
    }

    void header(std::string_view rest, std::size_t n, const char* label, const char* what, std::string& out) {
        if (!tokenize(rest, n)) return;
        bool ok = true;
        const Field* f = value(0, n, what, ok);
        if (!ok) return;
        if (!f) {
            problem(n, std::string(label) + " needs " + what);
            return;
        }
        out = text(*f);
    }

    SieVisitor& visitor_;
    SieSummary& summary_;
    bool utf8_ = false;

    std::vector<SieProblem> problems_;
    std::size_t unlisted_ = 0, first_unlisted_ = 0;

    std::string arena_;
    std::vector<Field> fields_, items_;
    std::vector<SieObject> objects_;

    // the voucher being read
    bool pending_ver_ = false, in_voucher_ = false, tainted_ = false;
    std::size_t ver_line_ = 0, brace_line_ = 0;
    std::string series_, number_, voucher_text_;
    std::optional<SieDate> voucher_date_;
    std::int64_t sum_ = 0;

    struct {
        bool pending = false;
        std::string account;
        Money amount;
        std::optional<SieDate> date;
        std::vector<std::pair<int, std::string>> objects;
    } copy_;  // the last #RTRANS, until the next row
};

constexpr bool end_blank(char c) noexcept { return blank(c) || c == '\n' || c == '\x1A'; }

constexpr std::string_view bom = "\xEF\xBB\xBF";

/// Cut `bytes` into lines for `parser`.
void split_lines(std::string_view bytes, Parser& parser, SieSummary& summary) {
    std::size_t n = 1, start = 0;
    while (start < bytes.size()) {
        const void* nl = std::memchr(bytes.data() + start, '\n', bytes.size() - start);
        const std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - bytes.data()) : bytes.size();
        if (end - start > max_sie_line) parser.too_long(n);
        else parser.line(bytes.substr(start, end - start), n);
        summary.lines = n;
        ++n;
        start = end + 1;
    }
}

class File {
public:
    explicit File(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
    ~File() {
        if (fd_ >= 0) ::close(fd_);
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    int fd() const noexcept { return fd_; }

    /// Read up to `n` bytes at `offset`; the count read (short only at the end of the file).
    std::size_t read_at(std::uint64_t offset, char* out, std::size_t n) const {
        std::size_t got = 0;
        while (got < n) {
            const ssize_t r = ::pread(fd_, out + got, n - got, static_cast<off_t>(offset + got));
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) throw Error(std::string("cannot read: ") + std::strerror(errno));
            if (r == 0) break;
            got += static_cast<std::size_t>(r);
        }
        return got;
    }

private:
    int fd_;
};

constexpr std::size_t chunk = std::size_t{1} << 20;
static_assert(chunk > 2 * max_sie_line);

}  // namespace

SieError::SieError(std::string file, std::vector<SieProblem> problems)
    : Error(summary_of(file, problems)), file_(std::move(file)), problems_(std::move(problems)) {}

SieSummary read_sie(std::string_view bytes, SieVisitor& visitor, const std::string& name) {
    SieSummary summary;
    Parser parser(visitor, summary);
    if (bytes.substr(0, 3) == bom) bytes.remove_prefix(3);
    while (!bytes.empty() && end_blank(bytes.back())) bytes.remove_suffix(1);  // a final Ctrl-Z (and blanks)
    summary.utf8 = is_valid_utf8(bytes) && !detail::is_ascii(bytes);
    parser.utf8(summary.utf8);
    split_lines(bytes, parser, summary);
    parser.finish();
    auto problems = parser.take_problems();
    if (!problems.empty()) throw SieError(name, std::move(problems));
    return summary;
}

SieSummary read_sie_file(const std::string& path, SieVisitor& visitor) {
    SieSummary summary;
    Parser parser(visitor, summary);
    const File file(path);
    struct stat st{};
    if (file.fd() < 0 || ::fstat(file.fd(), &st) != 0)
        throw SieError(path, {{0, std::string("cannot open the file: ") + std::strerror(errno)}});
    if (!S_ISREG(st.st_mode)) throw SieError(path, {{0, "not a regular file; give the path of a SIE file"}});
    std::vector<char> buf(chunk);
    try {
        // Where the text ends: before a final Ctrl-Z and the blanks around it.
        std::uint64_t end = static_cast<std::uint64_t>(st.st_size);
        while (end > 0) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(end, 4096));
            const std::size_t got = file.read_at(end - n, buf.data(), n);
            if (got < n) end = end - n + got;  // the file shrank meanwhile
            std::size_t k = got;
            while (k > 0 && end_blank(buf[k - 1])) --k;
            if (k > 0) {
                end -= got - k;
                break;
            }
            end -= got;
            if (got == 0) break;
        }
        std::uint64_t begin = 0;
        if (end >= 3 && file.read_at(0, buf.data(), 3) == 3 && std::string_view(buf.data(), 3) == bom) begin = 3;

        // First pass: UTF-8 or CP437.
        detail::Utf8Scanner scanner;
        bool ascii = true;
        for (std::uint64_t off = begin; off < end && !scanner.failed();) {
            const std::size_t got = file.read_at(off, buf.data(), static_cast<std::size_t>(std::min<std::uint64_t>(chunk, end - off)));
            if (got == 0) break;
            scanner.feed({buf.data(), got});
            off += got;
        }
        ascii = !scanner.multibyte() && !scanner.failed();
        summary.utf8 = scanner.valid() && !ascii;
        parser.utf8(summary.utf8);

        // Second pass: lines, in chunks; a line longer than max_sie_line is skipped to its end.
        std::size_t len = 0, n = 1;
        bool skipping = false;
        for (std::uint64_t off = begin;;) {
            const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size() - len, end - off));
            const std::size_t got = want ? file.read_at(off, buf.data() + len, want) : 0;
            off += got;
            len += got;
            const bool last = off >= end || got < want;
            std::size_t start = 0;
            while (const void* nl = std::memchr(buf.data() + start, '\n', len - start)) {
                const std::size_t e = static_cast<std::size_t>(static_cast<const char*>(nl) - buf.data());
                if (skipping) skipping = false;
                else if (e - start > max_sie_line) parser.too_long(n);
                else parser.line({buf.data() + start, e - start}, n);
                summary.lines = n++;
                start = e + 1;
            }
            if (last) {
                if (start < len) {
                    if (!skipping && len - start > max_sie_line) parser.too_long(n);
                    else if (!skipping) parser.line({buf.data() + start, len - start}, n);
                    summary.lines = n;
                }
                break;
            }
            if (len - start > max_sie_line) {
                if (!skipping) parser.too_long(n);
                skipping = true;
                start = len;
            }
            std::memmove(buf.data(), buf.data() + start, len - start);
            len -= start;
        }
    } catch (const SieError&) {
        throw;
    } catch (const Error& e) {
        throw SieError(path, {{0, e.what()}});
    }
    parser.finish();
    auto problems = parser.take_problems();
    if (!problems.empty()) throw SieError(path, std::move(problems));
    return summary;
}

}  // namespace finsam
