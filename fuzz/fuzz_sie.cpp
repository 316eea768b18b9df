// libFuzzer target: any bytes through the SIE reader (finsam/sie.hpp) and the mapping of a
// fixed plan's accounting block into actuals (finsam/sie_actuals.hpp), with and without a
// month to read through.
//
// What counts as a bug (the fuzzer aborts): a crash, a sanitizer report, a hang (libFuzzer's
// -timeout) or memory beyond -rss_limit_mb; an exception other than SieError out of reading
// (or from the mapping); a SieError without problems, a problem without a message, on a line the input does
// not have, not in line order, or not valid UTF-8; a row handed out whose text is not UTF-8,
// whose date is not a calendar date, whose objects are not by ascending dimension, each once,
// whose account is not digits or whose amount is beyond ±(2^63 − 1) öre; a valid file whose
// rows do not sum to 0 over its balanced vouchers; and actuals JSON that cannot be written.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "finsam/sie_actuals.hpp"
#include "fuzz_checks.hpp"

namespace {

using finsam_fuzz::bug;

bool calendar(const finsam::SieDate& d, bool day) {
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12) return false;
    if (!day) return d.day == 0;
    const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    return d.day >= 1 && d.day <= (d.month == 2 && !leap ? 28 : days[d.month - 1]);
}

struct Check : finsam::SieVisitor {
    std::int64_t sum = 0;  // of transactions (every voucher balances in a valid file)
    std::size_t rows = 0;
    void row(const finsam::SieRow& r) override {
        ++rows;
        const bool tx = r.kind == finsam::SieRow::Kind::transaction;
        for (std::string_view s : {r.series, r.number, r.voucher_text, r.text, r.account})
            if (!finsam::is_valid_utf8(s)) bug("a row's text is not UTF-8");
        if (r.account.empty() || r.account.find_first_not_of("0123456789") != std::string_view::npos) bug("account not digits");
        if (!calendar(r.date, tx) || (tx && !calendar(r.voucher_date, true))) bug("not a calendar date: " + r.date.iso());
        for (std::size_t i = 0; i < r.objects.size(); ++i) {
            if (!finsam::is_valid_utf8(r.objects[i].id)) bug("an object id is not UTF-8");
            if (i && r.objects[i - 1].dimension >= r.objects[i].dimension) bug("objects not by ascending dimension");
        }
        if (r.amount.ore() < -finsam::Money::max_ore) bug("amount out of range");
        if (tx && __builtin_add_overflow(sum, r.amount.ore(), &sum)) sum = 0;  // a sum too large for the check itself
    }
};

std::size_t lines_of(std::string_view s) {
    std::size_t n = 1;
    for (char c : s) n += c == '\n';
    return n;
}

void check_error(const finsam::SieError& e, std::string_view input) {
    if (e.problems().empty()) bug("SieError without problems");
    const std::size_t lines = lines_of(input);
    std::size_t last = 0;
    for (const auto& p : e.problems()) {
        if (p.message.empty()) bug("a problem without a message");
        if (!finsam::is_valid_utf8(p.message)) bug("a problem that is not UTF-8: " + p.message);
        if (p.line > lines) bug("a problem on line " + std::to_string(p.line) + " of " + std::to_string(lines));
        if (p.line < last && p.message.find("more problem") == std::string::npos) bug("problems not in line order");
        last = p.line;
    }
}

const finsam::Plan& plan() {
    static const finsam::Plan p = finsam::load_plan_string(R"({"format": "finsam/1", "years": [2011, 2012],
      "members": [{"id": "fk", "kind": "state"}, {"id": "region", "kind": "region"}],
      "shares": {"fk": "50", "region": "50"},
      "interventions": [{"id": "shp", "amounts": {"2011": "1000"}, "change": {"uprate": "none"}},
                        {"id": "kansli", "amounts": {"2011": "500"}, "change": {"uprate": "none"}}],
      "accounting": {"costs": [{"accounts": "4000-7999", "dimension": 6, "object": "101", "to": "shp"},
                               {"accounts": "4000-7999", "dimension": 1, "object": "KANS", "to": "kansli"},
                               {"accounts": ["6420", "5000-5999"], "to": "kansli"}],
                     "contributions": [{"accounts": "3010", "to": "fk"}, {"accounts": "3020-3029", "to": "region"}]}})");
    return p;
}

void map(std::string_view input, std::optional<finsam::YearMonth> through) {
    try {
        const finsam::BookedActuals a = finsam::read_actuals(plan(), input, "fuzz.se", through);
        (void)finsam::actuals_json(a, finsam::Unit::kr);
        (void)finsam::actuals_json(a, finsam::Unit::tkr);
        for (const auto& w : a.warnings)
            if (w.message.empty() || !finsam::is_valid_utf8(w.message)) bug("a warning without a UTF-8 message");
    } catch (const finsam::SieError& e) {
        check_error(e, input);
    } catch (const finsam::PlanError&) {
        bug("PlanError from a plan with an accounting block");
    } catch (const std::exception& e) {  // a given month is a plan year: no other error is expected
        bug(std::string("unexpected error: ") + e.what());
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    Check check;
    try {
        const finsam::SieSummary s = finsam::read_sie(input, check, "fuzz.se");
        if (check.sum != 0) bug("the rows of a valid file do not sum to 0");
        if (check.rows != s.transactions + s.period_balances) bug("rows handed out differ from the counts");
    } catch (const finsam::SieError& e) {
        check_error(e, input);
    } catch (const std::exception& e) {
        bug(std::string("not a SieError: ") + e.what());
    }
    map(input, std::nullopt);
    map(input, finsam::YearMonth{2011, 12});
    return 0;
}
