// Warnings in the budget tables: under which table each goes and how it reads in Swedish and
// English — a lookup by (code, subject) and a template, from the warning's record alone.
//
// Design notes: a row of `wordings` names the table a warning goes under ("items": the
// intervention's items table if it has one, else Kostnader per insats) and its sentence in
// each language. In a template, {name} is a figure of the record (figure() below: amounts in
// the tables' unit with as many decimals as they need, percentages exact to six decimals) and
// [ … ] is written only when every figure inside it is there; a figure outside brackets that
// the record lacks is a bug (Error). A list figure ({costs_by_kind}, {members}) writes each
// element with its own template from `lists`. To word a new code: add its row(s) here, and a
// placeholder to figure() if it brings a new figure (docs/errors-and-warnings.md).
#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "report_detail.hpp"

namespace finsam::report_detail {
namespace {

/// Where a warning goes and what it says.
struct Wording {
    WarningCode code;
    WarningSubject subject;
    std::string_view table;  ///< a table id, or "items": the intervention's items table, else "costs"
    std::string_view sv, en;
};

// clang-format off
constexpr Wording wordings[] = {
    {WarningCode::stated_total_mismatch, WarningSubject::costs, "costs",
     "Kostnaderna {year}: angivet {stated}, beräknat {computed}, skillnad (angivet − beräknat) {difference}.[ Beräknat per slag: {costs_by_kind}.]",
     "The costs {year}: stated {stated}, computed {computed}, difference (stated − computed) {difference}.[ Computed by kind: {costs_by_kind}.]"},
    {WarningCode::stated_total_mismatch, WarningSubject::costs_of_kind, "costs",
     "Kostnaderna för {kind} {year}: angivet {stated}, beräknat {computed}, skillnad (angivet − beräknat) {difference}.",
     "The costs of {kind} {year}: stated {stated}, computed {computed}, difference (stated − computed) {difference}."},
    {WarningCode::stated_total_mismatch, WarningSubject::contributions, "financing",
     "Bidragen {year}: angivet {stated}, beräknat {computed}, skillnad (angivet − beräknat) {difference}.",
     "The contributions {year}: stated {stated}, computed {computed}, difference (stated − computed) {difference}."},
    {WarningCode::stated_total_mismatch, WarningSubject::result, "result",
     "Årets resultat {year}: angivet {stated}, beräknat {computed}, skillnad (angivet − beräknat) {difference}.",
     "The result {year}: stated {stated}, computed {computed}, difference (stated − computed) {difference}."},
    {WarningCode::stated_total_mismatch, WarningSubject::equity_end, "result",
     "Eget kapital vid årets slut {year}: angivet {stated}, beräknat {computed}, skillnad (angivet − beräknat) {difference}.",
     "The equity at the end of the year {year}: stated {stated}, computed {computed}, difference (stated − computed) {difference}."},
    {WarningCode::stated_total_mismatch, WarningSubject::intervention, "costs",
     "{intervention} {year}: angivet {stated}, beräknat {computed}, skillnad (angivet − beräknat) {difference}.",
     "{intervention} {year}: stated {stated}, computed {computed}, difference (stated − computed) {difference}."},
    {WarningCode::items_sum_mismatch, WarningSubject::intervention, "items",
     "{intervention} {year}: angivet {stated}, beräknat {computed}, skillnad (angivet − beräknat) {difference}.",
     "{intervention} {year}: stated {stated}, computed {computed}, difference (stated − computed) {difference}."},
    {WarningCode::items_sum_mismatch, WarningSubject::intervention_items, "items",
     "{intervention} {year}: angivet belopp {stated}, delposterna summerar till {computed}, skillnad {difference}; delposternas summa används.",
     "{intervention} {year}: stated amount {stated}, the items sum to {computed}, difference {difference}; the items' sum is used."},
    {WarningCode::shares_differ_from_frame, WarningSubject::frame, "financing",
     "{year}: ramens bidrag skiljer sig från andelarna: {members}.",
     "{year}: the frame's contributions differ from the shares: {members}."},
    {WarningCode::equity_negative, WarningSubject::equity, "result",
     "Eget kapital vid slutet av {year} är {equity_end}, under 0.",
     "Equity at the end of {year} is {equity_end}, below 0."},
    {WarningCode::equity_above_guideline, WarningSubject::equity, "result",
     "Eget kapital vid slutet av {year} är {equity_end}, över riktvärdet {guideline_percent} av bidragen ({guideline}).",
     "Equity at the end of {year} is {equity_end}, above the guideline of {guideline_percent} of the contributions ({guideline})."},
    {WarningCode::stated_total_mismatch, WarningSubject::income, "result",
     "Övriga intäkter {year}: angivet {stated}, beräknat {computed}, skillnad (angivet − beräknat) {difference}.",
     "Other income {year}: stated {stated}, computed {computed}, difference (stated − computed) {difference}."},
    {WarningCode::forecast_above_budget, WarningSubject::follow_up, "followup",
     "{intervention} {year}: prognosen {forecast} är över budgeten {budget}, skillnad (prognos − budget) {difference}.",
     "{intervention} {year}: the forecast {forecast} is above the budget of {budget}, difference (forecast − budget) {difference}."},
    {WarningCode::budget_exhausted, WarningSubject::follow_up, "followup",
     "{intervention} {year}: utfallet t.o.m. {month} är {actual}, mer än hela årets budget {budget}, skillnad (utfall − budget) {difference}.",
     "{intervention} {year}: booked through {month} {actual}, more than the whole year's budget of {budget}, difference (actual − budget) {difference}."},
    {WarningCode::forecast_equity_negative, WarningSubject::equity, "followup",
     "Prognosen för eget kapital vid slutet av {year} är {equity_end}, under 0.",
     "The forecast equity at the end of {year} is {equity_end}, below 0."},
    {WarningCode::forecast_equity_above_guideline, WarningSubject::equity, "followup",
     "Prognosen för eget kapital vid slutet av {year} är {equity_end}, över riktvärdet {guideline_percent} av bidragen ({guideline}).",
     "The forecast equity at the end of {year} is {equity_end}, above the guideline of {guideline_percent} of the contributions ({guideline})."},
    {WarningCode::cash_below_minimum, WarningSubject::liquidity, "liquidity",
     "Likviditeten {year}: kassan vid slutet av {month} är {cash}, under miniminivån {minimum}; årets lägsta kassa är {lowest} ({lowest_month}).",
     "Liquidity {year}: the cash at the end of {month} is {cash}, below the minimum of {minimum}; the year's lowest cash is {lowest} ({lowest_month})."},
#define FINSAM_THOUSANDS(subject, table)                                                                                       \
    {WarningCode::possible_thousands_separator, WarningSubject::subject, table,                                                \
     "Beloppet \"{written}\" är {stated}[; om {meant} avsågs, skriv \"{instead}\"] (i en plan är punkten ett decimaltecken, "    \
     "aldrig en tusentalsavgränsare).",                                                                                         \
     "The amount \"{written}\" is {stated}[; if {meant} was meant, write \"{instead}\"] (in a plan a point is a decimal point, " \
     "never a thousands separator)."}
    FINSAM_THOUSANDS(frame, "financing"),
    FINSAM_THOUSANDS(adjustment, "financing"),
    FINSAM_THOUSANDS(intervention, "costs"),
    FINSAM_THOUSANDS(intervention_items, "items"),
    FINSAM_THOUSANDS(costs, "costs"),
    FINSAM_THOUSANDS(costs_of_kind, "costs"),
    FINSAM_THOUSANDS(contributions, "financing"),
    FINSAM_THOUSANDS(result, "result"),
    FINSAM_THOUSANDS(equity_end, "result"),
    FINSAM_THOUSANDS(equity, "result"),
#undef FINSAM_THOUSANDS
};

/// How one element of a list figure reads, and what comes between two elements.
struct ListWording {
    std::string_view name, sv, en, separator;
};

constexpr ListWording lists[] = {
    {"costs_by_kind", "{kind} {amount}", "{kind} {amount}", ", "},
    {"members", "{member} betalar {pays}, andelen ger {by_share}", "{member} pays {pays}, its share gives {by_share}", "; "},
};
// clang-format on

using Lookup = std::function<std::optional<std::string>(std::string_view)>;

/// `text` with its {placeholders} filled by `lookup`; a [ … ] segment only when all of its are there.
std::string fill(std::string_view text, const Lookup& lookup, WarningCode code) {
    std::string out, segment;
    bool in_segment = false, segment_complete = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        std::string& to = in_segment ? segment : out;
        if (c == '[') {
            in_segment = true;
            segment.clear();
            segment_complete = true;
        } else if (c == ']') {
            if (segment_complete) out += segment;
            in_segment = false;
        } else if (c == '{') {
            const std::size_t end = text.find('}', i);
            const std::string_view name = text.substr(i + 1, end - i - 1);
            if (auto value = lookup(name)) {
                to += *value;
            } else if (in_segment) {
                segment_complete = false;
            } else {
                throw Error("warning " + std::string(code_name(code)) + " has no figure {" + std::string(name) + "} to be worded with");
            }
            i = end;
        } else {
            to += c;
        }
    }
    return out;
}

class Worder {
public:
    Worder(const Result& r, const TableOptions& o) : r_(r), o_(o) {}

    std::string word(const Wording& wording, const Warning& w) const {
        return fill(o_.lang == Lang::sv ? wording.sv : wording.en, [&](std::string_view name) { return figure(name, w); }, w.code);
    }

private:
    const Result& r_;
    const TableOptions& o_;

    std::string amount(Money m) const { return format_exact_amount(m, o_); }
    std::optional<std::string> amount(const std::optional<Money>& m) const {
        if (!m) return std::nullopt;
        return amount(*m);
    }

    /// A list figure: each element worded with its template, or nothing for an empty list.
    template <class T>
    std::optional<std::string> list(std::string_view name, const std::vector<T>& elements,
                                    const std::function<std::optional<std::string>(const T&, std::string_view)>& element_figure,
                                    WarningCode code) const {
        if (elements.empty()) return std::nullopt;
        const auto* lw = std::find_if(std::begin(lists), std::end(lists), [&](const ListWording& l) { return l.name == name; });
        std::string out;
        for (const T& e : elements) {
            if (!out.empty()) out += lw->separator;
            out += fill(o_.lang == Lang::sv ? lw->sv : lw->en, [&](std::string_view n) { return element_figure(e, n); }, code);
        }
        return out;
    }

    /// The figure `name` of `w` as text in the tables' language, or nullopt if `w` lacks it.
    std::optional<std::string> figure(std::string_view name, const Warning& w) const {
        if (name == "year") return w.year ? std::optional(std::to_string(*w.year)) : std::nullopt;
        if (name == "intervention")
            return w.intervention && *w.intervention < r_.interventions.size() ? std::optional(r_.interventions[*w.intervention].name)
                                                                                : std::nullopt;
        if (name == "stated") return amount(w.stated);
        if (name == "meant") return amount(w.meant);
        if (name == "written") return w.written;
        if (name == "instead") return w.instead;
        if (name == "kind") {
            if (!w.kind) return std::nullopt;
            std::string label = group_label(*w.kind, o_.lang);
            label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
            return label;
        }
        if (name == "computed") return amount(w.computed);
        if (name == "difference") return amount(w.difference);
        if (name == "equity_end") return amount(w.equity_end);
        if (name == "guideline") return amount(w.guideline);
        if (name == "budget") return amount(w.budget);
        if (name == "forecast") return amount(w.forecast);
        if (name == "actual") return amount(w.actual);
        if (name == "cash") return amount(w.cash);
        if (name == "minimum") return amount(w.minimum);
        if (name == "lowest") return amount(w.lowest);
        if (name == "month") return w.month ? std::optional(std::string(month_name(*w.month, o_.lang))) : std::nullopt;
        if (name == "lowest_month") return w.lowest_month ? std::optional(std::string(month_name(*w.lowest_month, o_.lang))) : std::nullopt;
        if (name == "guideline_percent")
            return w.guideline_percent ? std::optional(format_exact_percent(w.guideline_percent->in_percent(), o_)) : std::nullopt;
        if (name == "costs_by_kind")
            return list<KindCost>(name, w.costs_by_kind, [&](const KindCost& kc, std::string_view n) -> std::optional<std::string> {
                if (n == "kind") {
                    std::string label = group_label(kc.kind, o_.lang);
                    label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
                    return label;
                }
                if (n == "amount") return amount(kc.amount);
                return std::nullopt;
            }, w.code);
        if (name == "members")
            return list<MemberDifference>(name, w.members, [&](const MemberDifference& d, std::string_view n) -> std::optional<std::string> {
                if (n == "member") return d.member < r_.members.size() ? std::optional(r_.members[d.member].name) : std::nullopt;
                if (n == "pays") return amount(d.pays);
                if (n == "by_share") return amount(d.by_share);
                return std::nullopt;
            }, w.code);
        return std::nullopt;
    }
};

/// Whether intervention `i` has an items table (some item lists an amount in the plan's years).
bool has_items_table(const Result& r, std::size_t i) {
    if (i >= r.interventions.size()) return false;
    return std::any_of(r.interventions[i].items.begin(), r.interventions[i].items.end(), [](const ItemResult& it) {
        return std::any_of(it.amount.begin(), it.amount.end(), [](const auto& a) { return a.has_value(); });
    });
}

}  // namespace

void place_warnings(const Result& result, BudgetTables& tables) {
    const Worder worder(result, tables.options);
    for (const Warning& w : result.warnings) {
        const auto* wording = std::find_if(std::begin(wordings), std::end(wordings),
                                           [&](const Wording& x) { return x.code == w.code && x.subject == w.subject; });
        if (wording == std::end(wordings))
            throw Error("no wording for the warning " + std::string(code_name(w.code)) + " in the tables (src/report/warnings.cpp)");
        std::string id(wording->table);
        if (id == "items")
            id = w.intervention && has_items_table(result, *w.intervention) ? "items-" + result.interventions[*w.intervention].id : "costs";
        auto t = std::find_if(tables.tables.begin(), tables.tables.end(), [&](const Table& x) { return x.id == id; });
        if (t == tables.tables.end()) t = tables.tables.begin();
        Warning worded = w;
        worded.message = worder.word(*wording, w);
        t->warnings.push_back(std::move(worded));
    }
}

}  // namespace finsam::report_detail
