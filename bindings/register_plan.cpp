// Plan: loading, the plan's exact JSON and patches (JSON Merge Patch, lists by id) (Plan.evaluate is in register_result.cpp).
#include <vector>

#include <pybind11/stl.h>

#include "core.hpp"
#include "pickle.hpp"

namespace finsam::python {

std::shared_ptr<const Loaded> load_node(Node json) {
    auto l = std::make_shared<Loaded>();
    l->text = dump(json);
    l->plan = load_plan(json);
    l->evaluation = evaluate_all(l->plan);
    l->json = std::move(json);
    return l;
}

std::shared_ptr<const Loaded> load_text(std::string_view text) { return load_node(parse_json(text)); }

void register_plan(py::module_& m) {
    m.attr("MAX_JSON_DEPTH") = max_json_depth;
    py::class_<PlanHandle> cls(m, "Plan", "A finsam/1 plan, read, checked and evaluated (its base and every variant).");
    cls
        .def_static("load_text", [](const py::bytes& text) {
                std::string s = text;
                py::gil_scoped_release nogil;
                return PlanHandle{load_text(s)};
            }, py::arg("text"), "Load plan JSON text (UTF-8 bytes); raises finsam.PlanError with every problem.")
        .def_property_readonly("name", [](const PlanHandle& h) { return h.loaded->plan.name; }, "The plan's name.")
        .def_property_readonly("years", [](const PlanHandle& h) {
                std::vector<int> ys;
                for (int y = h.loaded->plan.first_year; y <= h.loaded->plan.last_year; ++y) ys.push_back(y);
                return ys;
            }, "The years first..last.")
        .def_property_readonly("variants", [](const PlanHandle& h) {
                std::vector<std::string> names;
                for (const auto& [n, p] : h.loaded->plan.variants) names.push_back(n);
                return names;
            }, "The variants' names, in file order.")
        .def_property_readonly("members", [](const PlanHandle& h) {
                std::vector<std::tuple<std::string, std::string, std::string>> out;
                for (const auto& mb : h.loaded->plan.members) out.emplace_back(mb.id, mb.name, std::string(kind_name(mb.kind)));
                return out;
            }, "(id, name, kind) of each member of the base plan, in plan order.")
        .def_property_readonly("interventions", [](const PlanHandle& h) {
                std::vector<std::tuple<std::string, std::string, std::string>> out;
                for (const auto& iv : h.loaded->plan.interventions) out.emplace_back(iv.id, iv.name, std::string(kind_name(iv.kind)));
                return out;
            }, "(id, name, kind) of each intervention of the base plan, in plan order.")
        .def_property_readonly("json", [](const PlanHandle& h) { return h.loaded->text; },
                               "The plan as compact JSON text, numbers exactly as written, variants included.")
        .def("patch", [](const PlanHandle& h, const py::bytes& patch_text) {
                std::string s = patch_text;
                py::gil_scoped_release nogil;
                Node patch;
                try {
                    patch = parse_json(s);
                } catch (const PlanError& e) {
                    std::vector<Problem> ps;
                    for (const auto& p : e.problems()) ps.push_back({p.path, "patch: " + p.message});
                    throw PlanError(std::move(ps));
                }
                Node doc = h.loaded->json;
                patch_plan(doc, patch);
                return PlanHandle{load_node(std::move(doc))};
            }, py::arg("patch"), "A new plan: this one with a patch applied (UTF-8 JSON bytes): JSON Merge Patch (RFC 7386), members, interventions and income by id where written as objects (spec 16).");
    add_pickle(cls);
}

}  // namespace finsam::python
