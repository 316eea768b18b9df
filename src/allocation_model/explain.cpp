// `finsam explain FILE --forbund ID`: how one förbund got its allocation — its weight parts,
// every round of the decrease cap as it saw it, the largest-remainder rounding, the change and
// the frame the allocation implies. Swedish by default; the data is the same in either language.
#include <sstream>

#include "../json_tree.hpp"
#include "finsam/allocation_model.hpp"
#include "finsam/result_json.hpp"
#include "text.hpp"

namespace finsam {
namespace {

using J = detail::JsonTree;

class Explainer {
public:
    Explainer(const AllocationResult& r, std::size_t k, Lang lang)
        : r_(r), k_(k), f_(r.forbund[k]), lang_(lang), kr_{Unit::kr, -1, lang} {}

    Explanation run() {
        os_ << f_.name << " (" << f_.id << ")" << tr(": statens fördelning ", ": the state's distribution ") << r_.year << "\n\n";
        data_["forbund"] = f_.id;
        data_["name"] = f_.name;
        data_["year"] = r_.year;
        weight();
        rounds();
        rounding();
        outcome();
        return {os_.str(), detail::dump_pretty(data_)};
    }

private:
    const AllocationResult& r_;
    std::size_t k_;
    const ForbundAllocation& f_;
    Lang lang_;
    TableOptions kr_;
    std::ostringstream os_;
    J data_ = J::object();

    std::string tr(const std::string& sv, const std::string& en) const { return lang_ == Lang::sv ? sv : en; }
    std::string money(Money m) const { return format_exact_amount(m, kr_); }
    /// An exact amount in öre: "5 725 581,25 kr", or "≈ 3 843 636,36 kr" where it is not whole
    /// öre (the exact value is in the data).
    std::string money(const Rational& ore) const {
        if (boost::multiprecision::denominator(ore) == 1) return money(Money::from_exact_ore(ore));
        return "≈ " + money(Money::round(ore, Unit::ore, RoundingMode::half_up));
    }
    /// A rational as a decimal with the language's decimal sign ("0,12375"), else "A/B".
    std::string decimal(const Rational& q) const {
        std::string s = rational_text(q);
        if (lang_ == Lang::sv)
            for (char& c : s)
                if (c == '.') c = ',';
        return s;
    }
    std::string count(const BigInt& v) const {
        if (v <= Money::max_ore) return format_shown_amount(static_cast<std::int64_t>(v), TableOptions{Unit::kr, 0, lang_}, NumberStyle::text);
        return v.str();
    }
    std::string pct(const Rational& q) const { return format_exact_percent(q, kr_); }

    void weight() {
        os_ << tr("Vikt\n", "Weight\n");
        os_ << tr("  försörjningsmått: ", "  support: ") << pct(r_.support_weight) << " × " << money(f_.support) << " / "
            << money(r_.support_sum) << " = " << decimal(f_.support_part) << "\n";
        os_ << tr("  befolkning 16–64 år: ", "  population aged 16–64: ") << pct(r_.population_weight) << " × " << count(f_.population)
            << " / " << count(r_.population_sum) << " = " << decimal(f_.population_part) << "\n";
        os_ << tr("  vikt w = ", "  weight w = ") << decimal(f_.support_part) << " + " << decimal(f_.population_part) << " = "
            << decimal(f_.weight) << " (" << pct(f_.weight * 100) << ")\n";
        for (const auto& a : f_.areas)
            os_ << "    " << a.name << ": " << tr("försörjningsmått ", "support ") << money(a.support) << tr(", befolkning ", ", population ")
                << count(a.population) << "\n";
        J areas = J::array();
        for (const auto& a : f_.areas)
            areas.push_back({{"id", a.id}, {"name", a.name}, {"support", a.support.to_kr_string()}, {"population", a.population.str()}});
        data_["support"] = {{"amount", f_.support.to_kr_string()}, {"sum", r_.support_sum.to_kr_string()},
                            {"weight_percent", rational_text(r_.support_weight)}, {"part", rational_text(f_.support_part)}};
        data_["population"] = {{"value", f_.population.str()}, {"sum", r_.population_sum.str()},
                               {"weight_percent", rational_text(r_.population_weight)}, {"part", rational_text(f_.population_part)}};
        data_["areas"] = std::move(areas);
        data_["weight"] = rational_text(f_.weight);
    }

    std::string names(const std::vector<std::size_t>& ks) const {
        std::string s;
        for (std::size_t i = 0; i < ks.size(); ++i) s += (i ? ", " : "") + r_.forbund[ks[i]].id;
        return s;
    }

    void rounds() {
        const Money base = r_.base;
        os_ << "\n";
        if (!r_.decrease_cap_percent) os_ << tr("Ingen begränsning av minskningen.\n", "No cap on decreases.\n");
        else if (!f_.previous) os_ << tr("Begränsning: inget föregående år, inget golv.\n", "Cap: no previous year, no floor.\n");
        else if (f_.exempt_from_cap) os_ << tr("Begränsning: undantagen, inget golv.\n", "Cap: exempt, no floor.\n");
        else
            os_ << tr("Begränsning: föregående år ", "Cap: previous year ") << money(*f_.previous) << tr(", minskning högst ", ", a decrease of at most ")
                << pct(*r_.decrease_cap_percent) << tr(": golv ", ": floor ") << money(*f_.floor) << "\n";
        os_ << tr("Omgångar: pott R = total − de begränsades golv − grundbelopp för de övriga; a = grundbelopp + R × w / "
                  "summan av de ej begränsades vikter\n",
                  "Rounds: pool R = total − the floors of the capped − the base of the others; a = base + R × w / the "
                  "weight sum of the uncapped\n");
        J rounds = J::array();
        for (std::size_t i = 0; i < r_.rounds.size(); ++i) {
            const CapRound& round = r_.rounds[i];
            J j = {{"round", i + 1}, {"pool", allocation_text::kronor(round.pool)}, {"weight_sum", rational_text(round.weight_sum)},
                   {"uncapped", round.uncapped}};
            os_ << tr("  omgång ", "  round ") << i + 1 << ": R = " << money(round.pool) << ", " << round.uncapped
                << tr(" ej begränsade med vikten ", " uncapped with weight ") << decimal(round.weight_sum);
            if (round.weight_sum != 0) {
                const Rational a = Rational(base.ore()) + round.pool * f_.weight / round.weight_sum;
                j["exact"] = allocation_text::kronor(a);
                const std::string shown = money(a);
                os_ << ": a = " << money(base) << " + " << money(round.pool) << " × " << decimal(f_.weight) << " / "
                    << decimal(round.weight_sum) << (shown.rfind("≈", 0) == 0 ? " " : " = ") << shown;
                if (f_.capped_in == i) os_ << tr(" < golvet ", " < the floor ") << money(*f_.floor) << tr(": begränsas", ": capped");
                else if (f_.floor) os_ << (a < *f_.floor ? " < " : " ≥ ") << tr("golvet ", "the floor ") << money(*f_.floor);
            }
            J joined = J::array();
            for (std::size_t x : round.joined) joined.push_back(r_.forbund[x].id);
            j["joined"] = std::move(joined);
            os_ << "\n";
            if (!round.joined.empty())
                os_ << tr("    begränsas i omgången: ", "    capped in this round: ") << names(round.joined) << "\n";
            else
                os_ << tr("    inga fler begränsas: omgångarna slutar\n", "    no more are capped: the rounds end\n");
            rounds.push_back(std::move(j));
            if (f_.capped_in == i) {
                os_ << tr("  → a = golvet ", "  → a = the floor ") << money(*f_.floor) << "\n";
                break;
            }
        }
        data_["previous"] = f_.previous ? J(f_.previous->to_kr_string()) : J(nullptr);
        data_["floor"] = f_.floor ? J(allocation_text::kronor(*f_.floor)) : J(nullptr);
        data_["rounds"] = std::move(rounds);
        data_["capped"] = f_.capped();
        data_["exact"] = allocation_text::kronor(f_.exact);
    }

    void rounding() {
        const Allocation& a = r_.rounding;
        const std::string unit(unit_name(a.unit));
        // Its remainder, the units left when everyone had their whole units, and its place among
        // the remainders (larger first, a tie to the one listed first): it gets a unit when its
        // place is within the units left.
        const Rational remainder = a.quota_units[k_] - a.base_units[k_];
        std::size_t left = 0, place = 1;
        for (std::size_t j = 0; j < a.quota_units.size(); ++j) {
            if (a.extra_unit[j]) ++left;
            const Rational rj = a.quota_units[j] - a.base_units[j];
            if (j != k_ && (rj > remainder || (rj == remainder && j < k_))) ++place;
        }
        os_ << "\n" << tr("Avrundning (största rest av totalen ", "Rounding (largest remainder of the total ") << money(r_.total)
            << tr(" i hela ", " in whole ") << unit << tr(", lika rester till den som står först", ", ties to the one listed first")
            << "): " << tr("exakt ", "exact ") << money(f_.exact) << " → " << count(BigInt(a.base_units[k_])) << " " << unit;
        if (a.extra_unit[k_]) os_ << tr(" + 1 från största resten", " + 1 by the largest remainder");
        if (a.rest_to == k_) os_ << " + " << money(a.rest) << tr(" (rest under en enhet)", " (sub-unit rest)");
        os_ << " = " << money(f_.allocation) << "\n";
        if (remainder != 0 || a.extra_unit[k_]) {
            os_ << "  " << tr("resten ", "the remainder ") << decimal(remainder) << " " << unit << tr(" kommer på plats ", " comes ")
                << place << (lang_ == Lang::sv ? " av " : ordinal_suffix(place) + " of ") << a.quota_units.size() << "; "
                << left << " " << unit << tr(" blev över efter de hela och gick till de ", " were left after the whole ones and went to the ")
                << left << tr(" största resterna", " largest remainders")
                << (a.extra_unit[k_] ? tr(": en till förbundet", ": one to this förbund") : tr(": ingen till förbundet", ": none to this förbund"))
                << "\n";
        }
        data_["rounding"] = {{"unit", unit}, {"quota_units", rational_text(a.quota_units[k_])}, {"base_units", a.base_units[k_]},
                             {"remainder", rational_text(remainder)}, {"place", place}, {"units_left", left},
                             {"extra_unit", static_cast<bool>(a.extra_unit[k_])},
                             {"sub_unit_rest", a.rest_to == k_ ? a.rest.to_kr_string() : "0.00"}};
    }

    static std::string ordinal_suffix(std::size_t n) {
        if (n % 100 >= 11 && n % 100 <= 13) return "th";
        return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    }

    void outcome() {
        os_ << "\n" << tr("Tilldelning ", "Allocation ") << money(f_.allocation);
        if (f_.previous) {
            os_ << tr("; föregående år ", "; previous year ") << money(*f_.previous) << tr("; förändring ", "; change ") << money(*f_.change);
            if (f_.change_percent) os_ << " (" << pct(*f_.change_percent) << ")";
        }
        os_ << "\n" << tr("Ram som tilldelningen ger ", "The frame it implies ") << money(f_.implied_frame) << tr(": staten ", ": the state ")
            << money(f_.frame_state) << tr(", regionen ", ", the region ") << money(f_.frame_region)
            << tr(", kommunerna ", ", the municipalities ") << money(f_.frame_municipalities) << "\n";
        data_["allocation"] = f_.allocation.to_kr_string();
        data_["change"] = f_.change ? J(f_.change->to_kr_string()) : J(nullptr);
        data_["change_percent"] = f_.change_percent ? J(format_percent(*f_.change_percent)) : J(nullptr);
        data_["implied_frame"] = {{"state", f_.frame_state.to_kr_string()}, {"region", f_.frame_region.to_kr_string()},
                                  {"municipalities", f_.frame_municipalities.to_kr_string()},
                                  {"total", f_.implied_frame.to_kr_string()}};
    }
};

}  // namespace

Explanation explain(const AllocationResult& result, std::string_view id, Lang lang) {
    const auto k = result.index(id);
    if (!k) {
        std::string ids;
        for (std::size_t i = 0; i < result.forbund.size() && i < 20; ++i) ids += (i ? ", " : "") + result.forbund[i].id;
        if (result.forbund.size() > 20) ids += ", …";
        throw Error("no förbund \"" + sanitize_utf8(id) + "\"; the förbund are " + ids);
    }
    return Explainer(result, *k, lang).run();
}

}  // namespace finsam
