// The state's distribution among förbund (allocation_model.hpp): a finsam-allocation/1 model
// read and distributed once, its figures as plain Python values for python/finsam/_allocation.py,
// its tables (the class Tables of register_report.cpp) and explanations.
//
// Amounts are integer öre; exact rationals (weights, percentages, the exact a_k in öre) are
// their text ("0.12375", "42280000/11"), which fractions.Fraction reads exactly.
#include <pybind11/stl.h>

#include "core.hpp"
#include "finsam/result_json.hpp"
#include "pickle.hpp"

namespace finsam::python {

namespace {

py::object ore_or_none(const std::optional<Money>& m) { return m ? py::object(py::int_(m->ore())) : py::object(py::none()); }
py::object text_or_none(const std::optional<Rational>& q) { return q ? py::object(py::str(rational_text(*q))) : py::object(py::none()); }

AllocationHandle load(std::string text) {
    AllocationHandle h;
    {
        py::gil_scoped_release nogil;
        const Node json = parse_json(text);
        h.result = std::make_shared<const AllocationResult>(distribute(load_allocation_model(json)));
        h.text = dump(json);
    }
    return h;
}

}  // namespace

AllocationHandle AllocationHandle::from_state(const State& s) { return load(s.plan_json); }

void register_allocation_model(py::module_& m) {
    m.attr("ALLOCATION_FORMAT") = std::string(allocation_format);
    m.attr("ALLOCATION_RESULT_FORMAT") = std::string(allocation_result_format);
    py::class_<AllocationHandle> cls(m, "Allocation",
                                     "A finsam-allocation/1 model, read, checked and distributed (`finsam allocate`).");
    cls.def_static("load_text", [](const py::bytes& text) { return load(text); }, py::arg("text"),
                   "Read and distribute allocation JSON text (UTF-8 bytes); raises finsam.PlanError with every problem.")
        .def_property_readonly("json", [](const AllocationHandle& h) { return h.text; }, "The model as compact JSON text.")
        .def_property_readonly("result_json", [](const AllocationHandle& h) { return result_json(*h.result); },
                               "The result JSON (finsam-allocation-result/1), as `finsam allocate` prints it.")
        .def_property_readonly("model", [](const AllocationHandle& h) {
                const AllocationResult& r = *h.result;
                py::dict d;
                d["name"] = r.name;
                d["note"] = r.note;
                d["year"] = r.year;
                d["total"] = r.total.ore();
                d["base"] = r.base.ore();
                d["support_weight"] = rational_text(r.support_weight);
                d["population_weight"] = rational_text(r.population_weight);
                d["decrease_cap_percent"] = text_or_none(r.decrease_cap_percent);
                d["allocation_unit"] = std::string(unit_name(r.allocation_unit));
                d["mode"] = std::string(mode_name(r.mode));
                d["support_sum"] = r.support_sum.ore();
                d["population_sum"] = py::int_(py::str(r.population_sum.str()));
                return d;
            }, "The model's figures: name, note, year, total and base (öre), the weights and the cap (percent text), "
               "allocation_unit, mode, support_sum (öre) and population_sum.")
        .def_property_readonly("forbund", [](const AllocationHandle& h) {
                py::list out;
                for (const auto& f : h.result->forbund) {
                    py::dict d;
                    d["id"] = f.id;
                    d["name"] = f.name;
                    d["support"] = f.support.ore();
                    d["population"] = py::int_(py::str(f.population.str()));
                    d["previous"] = ore_or_none(f.previous);
                    d["exempt_from_cap"] = f.exempt_from_cap;
                    d["support_part"] = rational_text(f.support_part);
                    d["population_part"] = rational_text(f.population_part);
                    d["weight"] = rational_text(f.weight);
                    d["floor"] = text_or_none(f.floor);
                    d["capped_in"] = f.capped_in ? py::object(py::int_(*f.capped_in + 1)) : py::object(py::none());
                    d["exact"] = rational_text(f.exact);
                    d["allocation"] = f.allocation.ore();
                    d["change"] = ore_or_none(f.change);
                    d["change_percent"] = text_or_none(f.change_percent);
                    d["implied_frame"] = f.implied_frame.ore();
                    d["frame_state"] = f.frame_state.ore();
                    d["frame_region"] = f.frame_region.ore();
                    d["frame_municipalities"] = f.frame_municipalities.ore();
                    py::list areas;
                    for (const auto& a : f.areas)
                        areas.append(py::make_tuple(a.id, a.name, a.support.ore(), py::int_(py::str(a.population.str()))));
                    d["areas"] = areas;
                    out.append(d);
                }
                return out;
            }, "One dict per förbund, in file order: its figures (amounts in öre; floor and exact in öre as rational "
               "text; weights and change_percent as rational text; capped_in the round from 1, or None).")
        .def_property_readonly("rounds", [](const AllocationHandle& h) {
                std::vector<std::tuple<std::string, std::string, std::size_t, std::vector<std::string>>> out;
                for (const auto& round : h.result->rounds) {
                    std::vector<std::string> ids;
                    for (std::size_t k : round.joined) ids.push_back(h.result->forbund[k].id);
                    out.emplace_back(rational_text(round.pool), rational_text(round.weight_sum), round.uncapped, std::move(ids));
                }
                return out;
            }, "(pool in öre, weight sum, förbund not capped, ids capped in it) of each round of the cap.")
        .def("explain", [](const AllocationHandle& h, const std::string& id, const std::string& lang) {
                const Explanation e = explain(*h.result, id, parse_lang(lang));
                return std::make_pair(e.text, e.json);
            }, py::arg("forbund"), py::arg("lang") = "sv",
            "(text, JSON text) of `finsam explain FILE --forbund ID`; raises finsam.Error for an unknown id.")
        .def("tables", [](const AllocationHandle& h, const std::string& unit, const std::string& lang, int decimals) {
                return TablesHandle{build_tables(*h.result, table_options(unit, lang, decimals))};
            }, py::arg("unit") = "tkr", py::arg("lang") = "sv", py::arg("decimals") = -1,
            "The tables of `finsam allocate --format md|html|xlsx --unit U --lang L`: allocation, implied_frame.");
    add_pickle(cls);
}

}  // namespace finsam::python
