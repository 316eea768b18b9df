// `finsam explain` for the year after the plan (see include/finsam/explain.hpp): a forecast,
// a month's budget, a month's cash. Swedish by default, English with Lang::en; the JSON data
// has the same steps with language-independent keys.
//
// Design notes: everything is read from the Result (the follow-up, the monthly budgets with
// the profiles they were split by, the liquidity months with their parts). A split is shown
// by redoing it with allocate_explained() on the same amount, weights and unit — the same
// function the evaluation's split agrees with (allocation_test checks allocate() against it) —
// so the quota, the whole units and the unit moved by the largest remainder can be written out.
#include <sstream>

#include "explain_detail.hpp"
#include "finsam/explain.hpp"
#include "finsam/json.hpp"
#include "finsam/result_json.hpp"
#include "../json_tree.hpp"

namespace finsam {
namespace {

using J = detail::JsonTree;
using explain_detail::approx;


std::string month_word(int month, Lang lang) { return std::string(month_name(month, lang)); }

class Explainer {
public:
    Explainer(const Result& r, Lang lang) : r_(r), lang_(lang), w_{lang} {}

    /// An amount and a plain decimal as the language writes them ("1 931 785,00 kr" in Swedish).
    std::string kr(Money m) const { return w_.kr(m); }
    std::string num(const std::string& text) const { return w_.num(text); }

    const char* tr(const char* sv, const char* en) const { return lang_ == Lang::sv ? sv : en; }

    std::size_t intervention(const std::string& id) const {
        for (std::size_t i = 0; i < r_.interventions.size(); ++i)
            if (r_.interventions[i].id == id) return i;
        throw Error("no intervention \"" + sanitize_utf8(id) + "\"");
    }
    std::size_t year_index(int year) const {
        if (year < r_.first_year || year > r_.last_year)
            throw Error("year " + std::to_string(year) + " is outside the plan's years " + std::to_string(r_.first_year) + "–" +
                        std::to_string(r_.last_year));
        return r_.year_index(year);
    }
    static void check_month(int month) {
        if (month < 1 || month > 12) throw Error("month " + std::to_string(month) + " is not a month 1–12");
    }

    /// One part of a largest-remainder split as a line: "W × w / ΣW = quota unit → n whole
    /// [+ 1 by the largest remainder] [+ rest] = part", and the same as JSON.
    J part_line(const Allocation& a, std::size_t k, Money amount, const Rational& weight, const Rational& total, std::ostream& os,
                const std::string& label) const {
        J j = J::object();
        j["weight"] = rational_text(weight);
        j["weight_total"] = rational_text(total);
        if (a.parts.empty()) {  // nothing to split
            j["part"] = "0.00";
            os << label << ": " << kr(Money{}) << "\n";
            return j;
        }
        j["quota_units"] = rational_text(a.quota_units[k]);
        j["base_units"] = a.base_units[k];
        j["extra_unit"] = static_cast<bool>(a.extra_unit[k]);
        j["sub_unit_rest"] = a.rest_to == k ? a.rest.to_kr_string() : "0.00";
        j["part"] = a.parts[k].to_kr_string();
        const std::string quota = approx(a.quota_units[k]);
        os << label << ": " << kr(a.negative ? -amount : amount) << " × " << num(rational_text(weight)) << " / " << num(rational_text(total))
           << (quota.rfind("≈", 0) == 0 ? " " : " = ") << num(quota) << " " << unit_name(a.unit)
           << (a.negative ? tr(" (av det negerade beloppet)", " (of the negated amount)") : "") << " → " << num(std::to_string(a.base_units[k]))
           << tr(" hela", " whole");
        if (a.extra_unit[k]) os << tr(" + 1 efter största rest", " + 1 moved by the largest remainder");
        if (a.rest_to == k) os << " + " << kr(a.rest) << tr(" (rest under en enhet)", " sub-unit rest");
        os << " = " << kr(a.parts[k]) << "\n";
        return j;
    }

    Explanation forecast(const std::string& id) const {
        if (!r_.follow_up) throw Error("the plan has no actuals, so there is no forecast; add \"actuals\" to the plan");
        const FollowUp& fu = *r_.follow_up;
        const std::size_t i = intervention(id);
        const InterventionResult& ir = r_.interventions[i];
        const InterventionFollowUp& f = fu.interventions[i];
        const FollowUpFigures& g = f.figures;
        const std::size_t fyi = r_.year_index(fu.year);
        const std::string T = month_word(fu.through_month, lang_);
        std::ostringstream os;
        J data = J::object();
        data["intervention"] = ir.id;
        data["year"] = fu.year;
        data["through"] = month_key(fu.year, fu.through_month);
        data["rule"] = std::string(rule_name(f.rule));
        os << tr("Prognos ", "Forecast ") << fu.year << tr(" för ", " of ") << ir.name << " (" << ir.id << ")"
           << tr(", uppföljning t.o.m. ", ", followed up through ") << T << "\n";
        os << "  budget " << kr(g.budget) << tr(", budget t.o.m. ", ", budget through ") << T << " " << kr(g.budget_to_date)
           << tr(", utfall t.o.m. ", ", booked through ") << T << " " << kr(g.actual_to_date) << "\n";
        data["budget"] = g.budget.to_kr_string();
        data["budget_to_date"] = g.budget_to_date.to_kr_string();
        data["actual_to_date"] = g.actual_to_date.to_kr_string();
        const std::string rule = "\"" + std::string(rule_name(f.rule)) + "\"";
        if (fu.through_month == 12) {
            os << tr("  året är stängt (t.o.m. december): prognosen är utfallet ", "  the year is closed (through December): the forecast is what was booked, ")
               << kr(g.forecast) << tr(" (regeln ", " (the rule ") << rule << tr(" används inte)", " is not used)") << "\n";
            data["closed"] = true;
        } else if (f.rule == ForecastRule::Kind::budget) {
            os << tr("  regel \"budget\": utfall t.o.m. + (budget − budget t.o.m.) = ", "  rule \"budget\": booked to date + (budget − budget to date) = ")
               << num(g.actual_to_date.to_kr_string()) << " + (" << num(g.budget.to_kr_string()) << " − " << num(g.budget_to_date.to_kr_string()) << ") = "
               << kr(g.forecast) << "\n";
        } else if (f.rule == ForecastRule::Kind::run_rate) {
            const Rational exact = g.actual_to_date.exact_ore() * g.budget.exact_ore() / g.budget_to_date.exact_ore() / 100;
            const std::string q = approx(exact);
            os << tr("  regel \"run_rate\" (utfallstakt): utfall t.o.m. × budget / budget t.o.m. = ",
                     "  rule \"run_rate\": booked to date × budget / budget to date = ")
               << num(g.actual_to_date.to_kr_string()) << " × " << num(g.budget.to_kr_string()) << " / " << num(g.budget_to_date.to_kr_string())
               << (q.rfind("≈", 0) == 0 ? " " : " = ") << num(q) << tr(" kr → avrundat till ", " kr → rounded to ") << unit_name(r_.rounding.amounts)
               << " (" << mode_name(r_.rounding.mode) << "): " << kr(g.forecast) << "\n";
            data["exact_kr"] = rational_text(exact);
        } else {
            os << tr("  angivet belopp: ", "  an amount written in the plan: ") << kr(g.forecast) << "\n";
        }
        data["forecast"] = g.forecast.to_kr_string();
        os << tr("  avvikelse mot budget = budget − prognos = ", "  deviation = budget − forecast = ") << num(g.budget.to_kr_string()) << " − "
           << num(g.forecast.to_kr_string()) << " = " << kr(g.forecast_deviation) << "\n";
        data["forecast_deviation"] = g.forecast_deviation.to_kr_string();

        // the split among the members, as the amount's (frame part 100: the whole forecast)
        os << tr("Fördelning av prognosen ", "Split of the forecast ") << kr(g.forecast) << "\n";
        os << tr("  ramdel ", "  frame part ") << num(rational_text(ir.frame_part)) << " %"
           << (ir.frame_part == 100 ? tr(" (hela prognosen)", " (the whole forecast)") : "") << " = " << kr(f.frame_amount)
           << tr(", ärendedel ", ", case part ") << kr(f.case_amount) << "\n";
        std::vector<Rational> final_w;
        Rational final_total = 0;
        for (const auto& m : r_.members) {
            final_w.push_back(Rational(m.final_contribution[fyi].ore()));
            final_total += final_w.back();
        }
        const std::vector<Rational> key = ir.key.empty() ? std::vector<Rational>(r_.members.size(), Rational(0)) : ir.key;
        Rational key_total = 0;
        for (const auto& w : key) key_total += w;
        const Allocation fa = allocate_explained(f.frame_amount, final_w, r_.rounding.allocation);
        const Allocation ca = f.case_amount == Money{} ? Allocation{} : allocate_explained(f.case_amount, key, r_.rounding.allocation);
        J members = J::array();
        for (std::size_t k = 0; k < r_.members.size(); ++k) {
            const MemberResult& m = r_.members[k];
            os << "  " << m.name << " (" << m.id << ")\n";
            J jm = J::object();
            jm["member"] = m.id;
            // the frame part's weights are the final contributions in öre: shown in kr
            jm["frame"] = part_line(fa, k, f.frame_amount, final_w[k] / 100, final_total / 100, os,
                                    tr("    ramdel (efter slutliga bidrag)", "    frame part (by the final contributions)"));
            jm["case"] = part_line(ca, k, f.case_amount, key[k], key_total, os, tr("    ärendedel (efter nyckeln)", "    case part (by the key)"));
            jm["part"] = f.forecast_allocation[k].to_kr_string();
            os << "    → " << kr(f.forecast_allocation[k]) << "\n";
            members.push_back(std::move(jm));
        }
        data["allocation"] = std::move(members);
        return {os.str(), detail::dump_pretty(data)};
    }

    Explanation month(const std::string& id, int year, int month) const {
        check_month(month);
        const std::size_t yi = year_index(year);
        const std::size_t i = intervention(id);
        const InterventionResult& ir = r_.interventions[i];
        if (ir.months.empty())
            throw Error("the plan has no monthly budgets (they come with a profile, actuals or liquidity); add \"profile\": \"even\"");
        const MonthlyBudget& mb = ir.months[yi];
        const auto mi = static_cast<std::size_t>(month - 1);
        std::ostringstream os;
        J data = J::object();
        data["intervention"] = ir.id;
        data["year"] = year;
        data["month"] = month;
        os << tr("Budget för ", "Budget of ") << ir.name << " (" << ir.id << "), " << month_word(month, lang_) << " " << year << "\n";
        if (mb.splits.empty()) os << tr("  inte aktiv ", "  not active in ") << year << ": " << kr(Money{}) << "\n";
        J splits = J::array();
        for (const MonthSplit& s : mb.splits) {
            J js = J::object();
            if (!s.item.empty()) js["item"] = s.item;
            js["amount"] = s.amount.to_kr_string();
            os << "  " << (s.item.empty() ? std::string(tr("årets belopp", "the year's amount")) : std::string(tr("delpost \"", "item \"")) + s.item + "\"")
               << " " << kr(s.amount);
            if (s.amount == Money{}) {
                os << tr(": inget att fördela\n", ": nothing to split\n");
                js["part"] = "0.00";
                splits.push_back(std::move(js));
                continue;
            }
            std::string weights, weights_text;  // the JSON's "1, 2.5", the text's "1; 2,5" in Swedish
            Rational total = 0;
            for (const auto& w : s.profile.weights) {
                weights += (weights.empty() ? "" : ", ") + rational_text(w);
                weights_text += (weights_text.empty() ? "" : tr("; ", ", ")) + num(rational_text(w));
                total += w;
            }
            js["profile"] = s.profile.even ? J("even") : J(weights);
            js["profile_path"] = s.profile_path;
            os << tr(" fördelat efter profilen ", " split by the profile ")
               << (s.profile.even ? std::string("\"even\"") : "[" + weights_text + "]")
               << (s.profile_path.empty() ? std::string(tr(" (standard)", " (the default)")) : " (" + s.profile_path + ")") << "\n";
            const Allocation a = split_months_explained(s.amount, s.profile, r_.rounding.allocation);
            js["split"] = part_line(a, mi, s.amount, s.profile.weights[mi], total, os, "    " + month_word(month, lang_));
            splits.push_back(std::move(js));
        }
        data["splits"] = std::move(splits);
        data["budget"] = mb.months[mi].to_kr_string();
        os << tr("  månadens budget ", "  the month's budget ") << kr(mb.months[mi]) << tr(" (årets månader summerar till ", " (the year's months sum to ")
           << kr(ir.amount[yi]) << ")\n";
        if (r_.follow_up && r_.follow_up->year == year) {
            const InterventionFollowUp& f = r_.follow_up->interventions[i];
            if (month <= r_.follow_up->through_month) {
                os << tr("  utfall ", "  booked ") << kr(f.actual_months[mi])
                   << (f.booked_as_year ? tr(" (helårsutfallet fördelat efter insatsens profil)", " (the whole year's actual spread by the intervention's profile)")
                                        : "")
                   << "\n";
                data["actual"] = f.actual_months[mi].to_kr_string();
            } else {
                os << tr("  månaden är inte stängd (uppföljning t.o.m. ", "  the month is not closed (followed up through ")
                   << month_word(r_.follow_up->through_month, lang_) << ")\n";
            }
        }
        return {os.str(), detail::dump_pretty(data)};
    }

    Explanation cash(int year, int month) const {
        check_month(month);
        if (!r_.liquidity) throw Error("the plan has no liquidity plan; add \"liquidity\": {\"opening\": AMOUNT}");
        const std::size_t yi = year_index(year);
        const LiquidityResult& l = *r_.liquidity;
        const auto mi = static_cast<std::size_t>(month - 1);
        const CashMonth& c = l.months[yi][mi];
        const Money before = yi == 0 && mi == 0 ? l.opening : (mi == 0 ? l.months[yi - 1][11].cash_end : l.months[yi][mi - 1].cash_end);
        std::ostringstream os;
        J data = J::object();
        data["year"] = year;
        data["month"] = month;
        static const char* const sources[] = {"plan", "actual", "forecast"};
        data["source"] = sources[static_cast<int>(c.source)];
        os << tr("Kassa ", "Cash ") << month_word(month, lang_) << " " << year << " (";
        switch (c.source) {
            case CashSource::plan: os << tr("budget", "the plan"); break;
            case CashSource::actual:
                os << tr("utfall", "booked") << (c.payments_actual ? "" : tr("; inbetalningarna enligt plan", "; payments as planned"));
                break;
            case CashSource::forecast: os << tr("budget och prognos", "the plan and the forecast"); break;
        }
        os << ")\n";
        os << (yi == 0 && mi == 0 ? tr("  ingående kassa ", "  opening cash ") : tr("  kassa vid föregående månads slut ", "  cash at the end of the month before "))
           << kr(before) << "\n";
        data["cash_before"] = before.to_kr_string();
        os << tr("  in\n", "  in\n");
        J payments = J::object(), income = J::object(), costs = J::object();
        for (std::size_t k = 0; k < r_.members.size(); ++k) {
            os << "    " << r_.members[k].name << " (" << r_.members[k].id << ") " << kr(c.payments[k])
               << (c.payments_actual ? tr(" betalt", " paid") : tr(" enligt betalningsplanen", " by the payment schedule")) << "\n";
            payments[r_.members[k].id] = c.payments[k].to_kr_string();
        }
        for (std::size_t j = 0; j < r_.income.size(); ++j) {
            os << "    " << r_.income[j].name << " (" << r_.income[j].id << ") " << kr(c.income[j])
               << (c.source == CashSource::actual ? tr(" bokfört", " booked") : tr(" (årets belopp / 12)", " (the year's amount / 12)")) << "\n";
            income[r_.income[j].id] = c.income[j].to_kr_string();
        }
        os << tr("    summa in ", "    total in ") << kr(c.in) << "\n";
        os << tr("  ut\n", "  out\n");
        for (std::size_t i = 0; i < r_.interventions.size(); ++i) {
            os << "    " << r_.interventions[i].name << " (" << r_.interventions[i].id << ") " << kr(c.costs[i]);
            if (c.source == CashSource::forecast && c.forecast_part[i] != Money{})
                os << tr(" = budget ", " = budget ") << kr(c.costs[i] - c.forecast_part[i])
                   << tr(" + prognosens skillnad ", " + the forecast's difference ") << kr(c.forecast_part[i]);
            else if (c.source == CashSource::actual)
                os << tr(" bokfört", " booked");
            os << "\n";
            costs[r_.interventions[i].id] = c.costs[i].to_kr_string();
        }
        os << tr("    summa ut ", "    total out ") << kr(c.out) << "\n";
        os << tr("  kassa vid månadens slut = ", "  cash at the end of the month = ") << num(before.to_kr_string()) << " + " << num(c.in.to_kr_string())
           << " − " << num(c.out.to_kr_string()) << " = " << kr(c.cash_end);
        if (c.cash_end < l.minimum) os << tr(", under miniminivån ", ", below the minimum of ") << kr(l.minimum);
        os << "\n";
        data["in"] = J{{"payments", payments}, {"income", income}, {"total", c.in.to_kr_string()}};
        data["out"] = J{{"costs", costs}, {"total", c.out.to_kr_string()}};
        data["cash_end"] = c.cash_end.to_kr_string();
        data["minimum"] = l.minimum.to_kr_string();
        data["below_minimum"] = c.cash_end < l.minimum;
        return {os.str(), detail::dump_pretty(data)};
    }

private:
    const Result& r_;
    Lang lang_;
    explain_detail::Words w_;
};

}  // namespace

Explanation explain_forecast(const Result& result, const std::string& intervention, Lang lang) {
    return Explainer(result, lang).forecast(intervention);
}

Explanation explain_month(const Result& result, const std::string& intervention, int year, int month, Lang lang) {
    return Explainer(result, lang).month(intervention, year, month);
}

Explanation explain_cash(const Result& result, int year, int month, Lang lang) {
    return Explainer(result, lang).cash(year, month);
}

}  // namespace finsam
