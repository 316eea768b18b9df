// Explain and compare: how a figure was derived, and the differences between variants.
#include <vector>

#include <pybind11/stl.h>

#include "core.hpp"
#include "finsam/explain.hpp"
#include "finsam/result_json.hpp"

namespace finsam::python {

void register_explain(py::module_& m) {
    m.def("explain", [](const ResultHandle& r, int year, std::optional<std::string> member, std::optional<std::string> intervention,
                        const std::string& lang) {
            const Explanation e = explain(r.get(), year, member, intervention, parse_lang(lang));
            return std::make_pair(e.text, e.json);
        }, py::arg("result"), py::arg("year"), py::arg("member") = py::none(), py::arg("intervention") = py::none(),
        py::arg("lang") = "sv",
        "(text, JSON text) of `finsam explain --lang LANG`: a member's cost share, an intervention's amount and split, or "
        "the year's frame and totals. Raises finsam.Error for an unknown year, member or intervention.");
    m.def("explain_forecast", [](const ResultHandle& r, const std::string& intervention, const std::string& lang) {
            const Explanation e = explain_forecast(r.get(), intervention, parse_lang(lang));
            return std::make_pair(e.text, e.json);
        }, py::arg("result"), py::arg("intervention"), py::arg("lang") = "sv",
        "(text, JSON text) of `finsam explain --forecast I`: the forecast's rule, arithmetic and split.");
    m.def("explain_month", [](const ResultHandle& r, const std::string& intervention, int year, int month, const std::string& lang) {
            const Explanation e = explain_month(r.get(), intervention, year, month, parse_lang(lang));
            return std::make_pair(e.text, e.json);
        }, py::arg("result"), py::arg("intervention"), py::arg("year"), py::arg("month"), py::arg("lang") = "sv",
        "(text, JSON text) of `finsam explain --year Y --month M --intervention I`: a month's budget (its profile split).");
    m.def("explain_cash", [](const ResultHandle& r, int year, int month, const std::string& lang) {
            const Explanation e = explain_cash(r.get(), year, month, parse_lang(lang));
            return std::make_pair(e.text, e.json);
        }, py::arg("result"), py::arg("year"), py::arg("month"), py::arg("lang") = "sv",
        "(text, JSON text) of `finsam explain --year Y --month M`: a month's cash.");
    m.def("compare", [](const PlanHandle& p, std::optional<std::vector<std::string>> variants) {
            const Evaluation& all = p.loaded->evaluation;
            if (!variants) return compare_json(all);
            Evaluation chosen;
            chosen.base = all.base;
            for (const auto& name : *variants) {
                const ResultHandle r = ResultHandle::of(p.loaded, name);  // PlanError for an unknown name
                chosen.variants.emplace_back(name, r.get());
            }
            return compare_json(chosen);
        }, py::arg("plan"), py::arg("variants") = py::none(),
        "The JSON text of `finsam compare --format json`, for all variants (None) or the named ones in that order.");
}

}  // namespace finsam::python
