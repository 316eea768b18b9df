// The generic readers (see reader.hpp).
#include "reader.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace finsam::read {

bool is_year_key(std::string_view k) {
    if (k.empty() || k.size() > 4 || k.front() == '0') return false;
    for (char c : k)
        if (c < '0' || c > '9') return false;
    return true;
}

std::optional<YearMonth> parse_month(std::string_view k) {
    const auto dash = k.find('-');
    if (dash == std::string_view::npos || !is_year_key(k.substr(0, dash))) return std::nullopt;
    const std::string_view mm = k.substr(dash + 1);
    if (mm.size() != 2 || mm[0] < '0' || mm[0] > '1' || mm[1] < '0' || mm[1] > '9') return std::nullopt;
    const int month = (mm[0] - '0') * 10 + (mm[1] - '0');
    if (month < 1 || month > 12) return std::nullopt;
    return YearMonth{std::stoi(std::string(k.substr(0, dash))), month};
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw PlanError("", "cannot read the file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void Reader::format(const Node& root, std::string_view expected) {
    const std::string want(expected);
    if (const Node* f = required(root, "", "format", "\"format\": \"" + want + "\"")) {
        if (!f->is_string() || f->text() != want)
            error("/format", f->is_string() ? "unknown format \"" + sanitize_utf8(f->text()) + "\"; write \"" + want + "\""
                                            : "must be the string \"" + want + "\", not " + std::string(f->type_name()));
    }
}

std::optional<std::string> Reader::id(const Node& obj, const std::string& path, std::string_view what, std::string_view hint,
                                      std::set<std::string>& seen, std::string_view each) {
    static const std::regex id_re("[a-z0-9_-]+");
    const Node* id = required(obj, path, "id", "an id such as \"" + std::string(hint) + "\" ([a-z0-9_-]+)");
    if (!id) return std::nullopt;
    auto s = string(*id, path + "/id");
    if (s && !std::regex_match(*s, id_re)) {
        error(path + "/id", "\"" + sanitize_utf8(*s) + "\" is not a valid id; use lower-case letters, digits, _ and -");
        s.reset();
    } else if (s && !seen.insert(*s).second) {
        error(path + "/id", "duplicate " + std::string(what) + " id \"" + *s + "\"; give each " +
                                std::string(each.empty() ? what : each) + " its own id");
        s.reset();
    }
    return s;
}

std::optional<Unit> Reader::amount_unit_value(const Node& n, const std::string& path) {
    return enumeration<Unit>(n, path, {{"kr", Unit::kr}, {"tkr", Unit::tkr}, {"mnkr", Unit::mnkr}});
}

std::optional<Unit> Reader::allocation_unit(const Node& n, const std::string& path) {
    return enumeration<Unit>(n, path, {{"öre", Unit::ore}, {"kr", Unit::kr}});
}

std::optional<RoundingMode> Reader::rounding_mode(const Node& n, const std::string& path) {
    return enumeration<RoundingMode>(n, path, {{"half_up", RoundingMode::half_up},
                                               {"half_even", RoundingMode::half_even},
                                               {"toward_zero", RoundingMode::toward_zero}});
}

std::optional<BigInt> Reader::population(const Node& n, const std::string& path) {
    const bool digits = (n.is_integer_number() && n.text().front() != '-') || (n.is_string() && detail::is_digits(n.text()));
    if (!digits) {
        if (n.is_number() || n.is_string())
            error(path, "population must be a non-negative whole number such as 21583");
        else
            type_error(n, path, "a population (a non-negative integer)");
        return std::nullopt;
    }
    if (n.text().size() > 4000) {
        error(path, "population " + n.text().substr(0, 40) + "… has more than 4 000 digits; write the number of "
                    "inhabitants, such as 21583");
        return std::nullopt;
    }
    return detail::digits_to_int(n.text());
}

void Reader::type_error(const Node& n, const std::string& path, std::string_view expected) {
    error(path, "must be " + std::string(expected) + ", not " + std::string(n.type_name()));
}

bool Reader::object(const Node& n, const std::string& path, const std::vector<std::string_view>& allowed,
            std::string_view what) {
    if (!n.is_object()) {
        type_error(n, path, what);
        return false;
    }
    for (const auto& [k, v] : n.members()) {
        if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
        std::string msg = "unknown key \"" + sanitize_utf8(k) + "\"";
        const auto best = did_you_mean(k, allowed);
        if (is_year_key(k) && n.members().size() > 0)
            msg += "; a value written by year needs an object under every year key";
        else if (best) msg += "; did you mean \"" + *best + "\"?";
        else msg += "; expected " + join_keys(allowed);
        error(child(path, k), msg);
    }
    return true;
}

const Node* Reader::required(const Node& obj, const std::string& path, std::string_view key, std::string_view hint) {
    const Node* v = obj.find(key);
    if (!v) error(child(path, key), "missing; write " + std::string(hint));
    return v;
}

std::optional<std::string> Reader::string(const Node& n, const std::string& path, std::string_view what) {
    if (!n.is_string()) {
        type_error(n, path, what);
        return std::nullopt;
    }
    return n.text();
}

std::optional<Rational> Reader::rational(const Node& n, const std::string& path, bool fraction, std::string_view what) {
    try {
        if (n.is_number()) return parse_json_number(n.text());
        if (n.is_string()) return fraction ? parse_factor(n.text()) : parse_decimal(n.text());
        type_error(n, path, what);
    } catch (const OverflowError& e) {
        error(path, sanitize_utf8(e.what()) + "; no amount, share or rate needs such a number, so check it");
    } catch (const ParseError&) {
        const std::string& text = n.text();
        const std::string shown = detail::quoted(sanitize_utf8(text));
        const auto colon = what.find(": ");
        const std::string noun(what.substr(0, colon));
        const std::string how(colon == std::string_view::npos ? what : what.substr(colon + 2));
        const auto slash = text.find('/');
        if (fraction && slash != std::string::npos) {
            const std::string den = text.substr(slash + 1);
            const bool zero = !den.empty() && den.find_first_not_of("-0") == std::string::npos && den.find('0') != std::string::npos;
            error(path, shown + (zero ? " divides by zero" : " is not " + noun) + "; write " + how +
                            " (a fraction is two integers A/B with B ≠ 0)");
        } else {
            error(path, shown + " is not " + noun + "; write " + how +
                            " (digits with an optional decimal point: no +, exponent, spaces or decimal comma)");
        }
    }
    return std::nullopt;
}

std::optional<Rational> Reader::percent(const Node& n, const std::string& path) {
    return rational(n, path, false, "a percent: a number or a decimal string such as \"1.5\"");
}

std::optional<Rational> Reader::non_negative_percent(const Node& n, const std::string& path) {
    auto p = percent(n, path);
    if (p && *p < 0) {
        error(path, "must not be negative; write 0 or more");
        return std::nullopt;
    }
    return p;
}

std::optional<Rational> Reader::weight(const Node& n, const std::string& path) {
    auto w = rational(n, path, true, "a weight: a number, a decimal string or a fraction such as \"2/3\"");
    if (w && *w < 0) {
        error(path, "must not be negative; write a weight of 0 or more");
        return std::nullopt;
    }
    return w;
}

std::optional<Money> Reader::amount(const Node& n, const std::string& path) {
    auto v = rational(n, path, false, amount_hint);
    if (!v) return std::nullopt;
    const Rational ore = *v * ore_per(amount_unit);
    if (boost::multiprecision::denominator(ore) != 1) {
        error(path, detail::quoted(sanitize_utf8(n.text())) + " is not a whole number of öre once read in " +
                        std::string(unit_name(amount_unit)) + "; round it to at most " +
                        std::to_string(amount_unit == Unit::kr ? 2 : amount_unit == Unit::tkr ? 5 : 8) +
                        " decimals");
        return std::nullopt;
    }
    const BigInt o = boost::multiprecision::numerator(ore);
    if (o > Money::max_ore || o < -Money::max_ore) {
        error(path, "amount beyond ±(2^63 − 1) öre (±92 233 720 368 547 758.07 kr), larger than any budget; check its digits and the "
                    "plan's amount_unit");
        return std::nullopt;
    }
    const Money m = Money::from_ore(static_cast<std::int64_t>(o));
    if (n.is_string() && amount_unit != Unit::kr) {
        const std::string& t = n.text();
        const std::size_t point = t.find('.');
        const std::size_t first = !t.empty() && t[0] == '-' ? 1 : 0;
        if (point != std::string::npos && point > first && t.size() - point - 1 == 3)
            three_decimals.push_back({path, t, m});  // the syntax (-?DIGITS.DDD) was checked by rational()
    }
    return m;
}

std::optional<int> Reader::year(const Node& n, const std::string& path) {
    if (n.is_integer_number() && is_year_key(n.text())) return std::stoi(n.text());
    if (n.is_integer_number())
        error(path, "year " + (n.text().size() > 20 ? n.text().substr(0, 20) + "…" : n.text()) +
                        " is outside 1..9999; write a year such as 2005");
    else if (n.is_number() || n.is_string())
        error(path, "must be a year written as a JSON integer such as 2005, not " +
                        (n.is_string() ? "a string" : "\"" + n.text() + "\""));
    else
        type_error(n, path, "a year (a JSON integer such as 2005)");
    return std::nullopt;
}

std::optional<int> Reader::year_key(std::string_view k, const std::string& path) {
    if (is_year_key(k)) return std::stoi(std::string(k));
    error(path, "\"" + sanitize_utf8(k) + "\" is not a year; keys here are years such as \"2005\"");
    return std::nullopt;
}

std::optional<std::map<int, Money>> Reader::year_amounts(const Node& n, const std::string& path) {
    if (!n.is_object()) {
        type_error(n, path, "an object keyed by years, such as {\"2005\": \"785\"}");
        return std::nullopt;
    }
    std::map<int, Money> out;
    bool ok = true;
    for (const auto& [k, v] : n.members()) {
        const std::string p = child(path, k);
        auto y = year_key(k, p);
        auto a = amount(v, p);
        if (y && a) out[*y] = *a;
        else ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
}

std::optional<YearMonth> Reader::month_bound(const Node& n, const std::string& path, bool is_from) {
    if (n.is_number()) {
        auto y = year(n, path);
        if (!y) return std::nullopt;
        return YearMonth{*y, is_from ? 1 : 12};
    }
    if (n.is_string())
        if (auto m = parse_month(n.text())) return *m;
    if (n.is_string())
        error(path, "\"" + sanitize_utf8(n.text()) + "\" is not a month; write a month such as \"2011-07\" or a year such as 2011");
    else
        type_error(n, path, "a year such as 2011 or a month such as \"2011-07\"");
    return std::nullopt;
}
}  // namespace finsam::read
