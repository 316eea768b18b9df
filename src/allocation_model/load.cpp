// Reading a `finsam-allocation/1` file (spec 18) with the generic readers of src/read: every
// problem at its JSON pointer, unknown keys with a "did you mean", amounts, percents and
// populations read exactly as a plan reads them.
#include <algorithm>
#include <set>

#include "../read/reader.hpp"
#include "finsam/allocation_model.hpp"

namespace finsam {
namespace {

class AllocationLoader : public read::Reader {
public:
    AllocationModel model;

    void load(const Node& root) {
        if (!root.is_object()) {
            type_error(root, "", "an object (a finsam-allocation/1 file)");
            return;
        }
        object(root, "", {"format", "name", "note", "year", "amount_unit", "total", "base", "weights", "decrease_cap_percent",
                          "rounding", "forbund"});
        format(root, allocation_format);
        if (const Node* n = root.find("name"))
            if (auto s = string(*n, "/name")) model.name = *s;
        if (const Node* n = root.find("note"))
            if (auto s = string(*n, "/note")) model.note = *s;
        if (const Node* n = root.find("amount_unit"))
            if (auto u = amount_unit_value(*n, "/amount_unit")) model.amount_unit = amount_unit = *u;
        if (const Node* n = required(root, "", "year", "the year of the distribution, such as 2016"))
            if (auto y = year(*n, "/year")) model.year = *y;
        if (const Node* n = required(root, "", "total", "the state's money to share, such as \"339000000\""))
            if (auto a = non_negative_amount(*n, "/total")) model.total = *a;
        if (const Node* n = required(root, "", "base", "the base amount of every förbund, such as \"400000\""))
            if (auto a = non_negative_amount(*n, "/base")) model.base = *a;
        if (const Node* n = root.find("weights")) load_weights(*n);
        if (const Node* n = root.find("decrease_cap_percent")) {
            auto p = percent(*n, "/decrease_cap_percent");
            if (p && (*p < 0 || *p > 100)) error("/decrease_cap_percent", "must be within 0..100 (the largest decrease in percent)");
            else if (p) model.decrease_cap_percent = *p;
        }
        if (const Node* n = root.find("rounding")) {
            if (object(*n, "/rounding", {"allocation", "mode"})) {
                if (const Node* v = n->find("allocation"))
                    if (auto u = allocation_unit(*v, "/rounding/allocation")) model.allocation_unit = *u;
                if (const Node* v = n->find("mode"))
                    if (auto m = rounding_mode(*v, "/rounding/mode")) model.mode = *m;
            }
        }
        if (const Node* n = required(root, "", "forbund", "a non-empty array of förbund")) load_forbund(*n);
    }

private:
    std::set<std::string> forbund_ids, area_ids;

    std::optional<Money> non_negative_amount(const Node& n, const std::string& path) {
        auto a = amount(n, path);
        if (a && *a < Money{}) {
            error(path, "must not be negative; write 0 or more");
            return std::nullopt;
        }
        return a;
    }

    void load_weights(const Node& n) {
        if (!object(n, "/weights", {"support", "population"}, "an object such as {\"support\": \"75\", \"population\": \"25\"}"))
            return;
        model.support_weight = model.population_weight = 0;
        bool ok = true;
        for (auto [key, target] : {std::pair{"support", &model.support_weight}, std::pair{"population", &model.population_weight}}) {
            if (const Node* v = n.find(key)) {
                if (auto p = non_negative_percent(*v, child("/weights", key))) *target = *p;
                else ok = false;
            }
        }
        // a misspelt key is reported by object(); the sum would only repeat it
        const bool all_known = std::all_of(n.members().begin(), n.members().end(),
                                           [](const auto& kv) { return kv.first == "support" || kv.first == "population"; });
        if (ok && all_known && model.support_weight + model.population_weight != 100)
            error("/weights", "weights sum to " + rational_text(model.support_weight + model.population_weight) +
                                  ", not 100; adjust them so they sum to exactly 100 (the model's are 75 and 25)");
    }

    void load_forbund(const Node& n) {
        if (!n.is_array()) {
            type_error(n, "/forbund", "a non-empty array of förbund");
            return;
        }
        if (n.items().empty()) {
            error("/forbund", "must list at least one förbund");
            return;
        }
        for (std::size_t i = 0; i < n.items().size(); ++i) {
            const Node& v = n.items()[i];
            const std::string path = child("/forbund", i);
            if (!object(v, path, {"id", "name", "support", "population", "previous", "exempt_from_cap", "areas"})) continue;
            Forbund f;
            f.path = path;
            bool ok = true;
            if (auto s = id(v, path, "förbund", "sodra-dalarna", forbund_ids)) f.id = *s;
            else ok = false;
            f.name = f.id;
            if (const Node* x = v.find("name"))
                if (auto s = string(*x, path + "/name")) f.name = *s;
            if (const Node* x = v.find("previous")) {
                if (auto a = non_negative_amount(*x, path + "/previous")) f.previous = *a;
                else ok = false;
            }
            if (const Node* x = v.find("exempt_from_cap")) {
                if (x->is_bool()) f.exempt_from_cap = x->as_bool();
                else type_error(*x, path + "/exempt_from_cap", "true or false");
            }
            if (const Node* areas = v.find("areas")) {
                for (const char* key : {"support", "population"})
                    if (v.find(key))
                        error(child(path, key), std::string("give ") + key + " either for the förbund or in its areas, not both; "
                                                "remove it or the areas");
                ok = load_areas(*areas, f) && ok;
            } else {
                const Node* s = required(v, path, "support", "the förbund's försörjningsmått as an amount, or its \"areas\"");
                const Node* p = required(v, path, "population", "the förbund's population aged 16–64, or its \"areas\"");
                if (s) {
                    if (auto a = non_negative_amount(*s, path + "/support")) f.support = *a;
                    else ok = false;
                }
                if (p) {
                    if (auto x = population(*p, path + "/population")) f.population = *x;
                    else ok = false;
                }
                ok = ok && s && p;
            }
            if (ok) model.forbund.push_back(std::move(f));
        }
    }

    bool load_areas(const Node& n, Forbund& f) {
        const std::string path = f.path + "/areas";
        if (!n.is_array()) {
            type_error(n, path, "an array of areas such as [{\"id\": \"avesta\", \"support\": \"412000000\", \"population\": 13300}]");
            return false;
        }
        if (n.items().empty()) {
            error(path, "must list at least one area, or give support and population for the förbund itself");
            return false;
        }
        bool ok = true;
        for (std::size_t i = 0; i < n.items().size(); ++i) {
            const Node& v = n.items()[i];
            const std::string ap = child(path, i);
            if (!object(v, ap, {"id", "name", "support", "population"})) {
                ok = false;
                continue;
            }
            AllocationArea a;
            a.path = ap;
            bool area_ok = true;
            if (auto s = id(v, ap, "area", "avesta", area_ids)) a.id = *s;
            else area_ok = false;
            a.name = a.id;
            if (const Node* x = v.find("name"))
                if (auto s = string(*x, ap + "/name")) a.name = *s;
            if (const Node* x = required(v, ap, "support", "the area's försörjningsmått as an amount, such as \"412000000\"")) {
                if (auto m = non_negative_amount(*x, ap + "/support")) a.support = *m;
                else area_ok = false;
            } else {
                area_ok = false;
            }
            if (const Node* x = required(v, ap, "population", "the area's population aged 16–64, such as 13300")) {
                if (auto p = population(*x, ap + "/population")) a.population = *p;
                else area_ok = false;
            } else {
                area_ok = false;
            }
            if (!area_ok) {
                ok = false;
                continue;
            }
            try {
                f.support += a.support;
            } catch (const OverflowError&) {
                error(path, "the areas' support sums to beyond ±(2^63 − 1) öre; check the figures and amount_unit");
                return false;
            }
            f.population += a.population;
            f.areas.push_back(std::move(a));
        }
        return ok;
    }
};

}  // namespace

AllocationModel load_allocation_model(const Node& json) {
    AllocationLoader l;
    l.load(json);
    if (!l.problems.empty()) throw PlanError(std::move(l.problems));
    return std::move(l.model);
}

AllocationModel load_allocation_model_string(std::string_view text) { return load_allocation_model(parse_json(text)); }

AllocationModel load_allocation_model_file(const std::string& path) { return load_allocation_model_string(read::read_file(path)); }

std::string declared_format(const std::string& path) {
    try {
        const Node root = parse_json(read::read_file(path));
        const Node* f = root.find("format");
        return f && f->is_string() ? f->text() : std::string();
    } catch (const PlanError&) {
        return {};  // unreadable or not JSON: the reader reports it
    }
}

}  // namespace finsam
