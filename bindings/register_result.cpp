// Result: Plan.evaluate, and the evaluated plan or variant as plain lists of integer öre for
// the Python layer (python/finsam/_result.py builds the DataFrames) and as the result JSON of
// `finsam plan`. Registered after Plan, so that signatures name both classes.
#include <cstdint>
#include <vector>

#include <pybind11/stl.h>

#include "core.hpp"
#include "finsam/rate.hpp"
#include "finsam/result_json.hpp"
#include "pickle.hpp"

namespace finsam::python {

ResultHandle ResultHandle::of(std::shared_ptr<const Loaded> loaded, std::optional<std::string> variant) {
    const Evaluation& ev = loaded->evaluation;
    const Result* r = variant ? (variant->empty() ? nullptr : ev.find(*variant)) : &ev.base;
    if (!r) {
        // the same message as `finsam plan FILE --variant NAME`
        throw PlanError(std::vector<Problem>{unknown_variant(ev, *variant)});
    }
    return ResultHandle{std::move(loaded), std::move(variant), r};
}

namespace {

using Table = std::vector<std::vector<std::int64_t>>;

std::vector<std::int64_t> ores(const std::vector<Money>& v) {
    std::vector<std::int64_t> out;
    out.reserve(v.size());
    for (Money x : v) out.push_back(x.ore());
    return out;
}

Table member_figure(const Result& r, const std::string& field) {
    std::vector<Money> MemberResult::*f = nullptr;
    if (field == "contribution") f = &MemberResult::contribution;
    else if (field == "adjustment") f = &MemberResult::adjustment;
    else if (field == "final_contribution") f = &MemberResult::final_contribution;
    else if (field == "cost_share") f = &MemberResult::cost_share;
    else throw py::value_error("unknown member figure '" + field + "'; one of contribution, adjustment, final_contribution, cost_share");
    Table t;
    for (const auto& m : r.members) t.push_back(ores(m.*f));
    return t;
}

Table intervention_figure(const Result& r, const std::string& field) {
    std::vector<Money> InterventionResult::*f = nullptr;
    if (field == "amount") f = &InterventionResult::amount;
    else if (field == "frame_amount") f = &InterventionResult::frame_amount;
    else if (field == "case_amount") f = &InterventionResult::case_amount;
    else throw py::value_error("unknown intervention figure '" + field + "'; one of amount, frame_amount, case_amount");
    Table t;
    for (const auto& iv : r.interventions) t.push_back(ores(iv.*f));
    return t;
}

std::vector<std::int64_t> year_figure(const Result& r, const std::string& field) {
    Money YearTotals::*f = nullptr;
    if (field == "costs") f = &YearTotals::costs;
    else if (field == "contributions") f = &YearTotals::contributions;
    else if (field == "result") f = &YearTotals::result;
    else if (field == "income") f = &YearTotals::income;
    else if (field == "equity_start") f = &YearTotals::equity_start;
    else if (field == "equity_end") f = &YearTotals::equity_end;
    else if (field == "equity_use") f = &YearTotals::equity_use;
    else throw py::value_error("unknown year figure '" + field + "'; one of costs, contributions, income, result, equity_start, equity_end, equity_use");
    std::vector<std::int64_t> out;
    for (const auto& t : r.totals) out.push_back((t.*f).ore());
    return out;
}

}  // namespace

void register_result(py::module_& m) {
    py::class_<ResultHandle> cls(m, "Result", "An evaluated plan (its base or one variant); figures in integer öre.");
    cls
        .def_property_readonly("name", [](const ResultHandle& h) { return h.get().name; }, "The plan's name.")
        .def_property_readonly("variant", [](const ResultHandle& h) { return h.variant; },
                               "The variant's name, or None for the base plan.")
        .def_property_readonly("plan", [](const ResultHandle& h) { return PlanHandle{h.loaded}; },
                               "The plan (with all its variants) this result belongs to.")
        .def_property_readonly("years", [](const ResultHandle& h) {
                std::vector<int> ys;
                for (int y = h.get().first_year; y <= h.get().last_year; ++y) ys.push_back(y);
                return ys;
            }, "The years first..last.")
        .def_property_readonly("has_equity", [](const ResultHandle& h) { return h.get().has_equity; },
                               "True when the plan gives `equity` (the totals then have equity_end).")
        .def_property_readonly("members", [](const ResultHandle& h) {
                std::vector<std::tuple<std::string, std::string, std::string>> out;
                for (const auto& mr : h.get().members) out.emplace_back(mr.id, mr.name, std::string(kind_name(mr.kind)));
                return out;
            }, "(id, name, kind) of each member, in plan order.")
        .def_property_readonly("interventions", [](const ResultHandle& h) {
                std::vector<std::tuple<std::string, std::string, std::string>> out;
                for (const auto& iv : h.get().interventions) out.emplace_back(iv.id, iv.name, std::string(kind_name(iv.kind)));
                return out;
            }, "(id, name, kind) of each intervention, in plan order.")
        .def("member_figure", [](const ResultHandle& h, const std::string& f) { return member_figure(h.get(), f); },
             py::arg("field"), "[member][year] öre of contribution, adjustment, final_contribution or cost_share.")
        .def("intervention_figure", [](const ResultHandle& h, const std::string& f) { return intervention_figure(h.get(), f); },
             py::arg("field"), "[intervention][year] öre of amount, frame_amount or case_amount.")
        .def("year_figure", [](const ResultHandle& h, const std::string& f) { return year_figure(h.get(), f); },
             py::arg("field"), "[year] öre of costs, contributions, result, equity_start, equity_end or equity_use.")
        .def("allocation", [](const ResultHandle& h) {
                std::vector<Table> out;
                for (const auto& iv : h.get().interventions) {
                    Table t;
                    for (const auto& year : iv.allocation) t.push_back(ores(year));
                    out.push_back(std::move(t));
                }
                return out;
            }, "[intervention][year][member] öre: each member's part (frame part + case part).")
        .def("shares", [](const ResultHandle& h) {
                std::vector<std::vector<std::string>> out;
                for (const auto& mr : h.get().members) {
                    std::vector<std::string> row;
                    for (const auto& s : mr.share) row.push_back(rational_text(s));
                    out.push_back(std::move(row));
                }
                return out;
            }, "[member][year] each member's exact percent of the final frame, as text ('50', '2.5', '136250/47647').")
        .def_property_readonly("frame_kinds", [](const ResultHandle& h) {
                std::vector<std::string> out;
                for (FrameKind k : h.get().frame_kinds) out.emplace_back(frame_kind_name(k));
                return out;
            },
                               "[year] the frame's kind: total, state, members or cover_costs.")
        .def_property_readonly("warnings", [](const ResultHandle& h) {
                std::vector<std::tuple<std::string, std::string, std::string>> out;
                for (const auto& w : h.get().warnings) out.emplace_back(code_name(w.code), w.path, sanitize_utf8(w.message));
                return out;
            }, "(code, JSON pointer, message) of each warning.")
        .def_property_readonly("has_income", [](const ResultHandle& h) { return h.get().has_income; },
                               "Whether the plan has `income` (spec 13): the totals then show it.")
        .def("income", [](const ResultHandle& h) {
                std::vector<std::tuple<std::string, std::string, std::vector<std::int64_t>>> out;
                for (const auto& l : h.get().income) out.emplace_back(l.id, sanitize_utf8(l.name), ores(l.amount));
                return out;
            }, "(id, name, [year] öre) of each income line.")
        .def("monthly_budget", [](const ResultHandle& h) {
                std::vector<std::vector<std::vector<std::int64_t>>> out;
                for (const auto& iv : h.get().interventions) {
                    std::vector<std::vector<std::int64_t>> years;
                    for (const auto& mb : iv.months) years.push_back(ores(std::vector<Money>(mb.months.begin(), mb.months.end())));
                    out.push_back(std::move(years));
                }
                return out;
            }, "[intervention][year][month] öre: the monthly budgets (spec 14.1); empty lists when the plan has none.")
        .def("liquidity_sources", [](const ResultHandle& h) {
                std::vector<std::vector<std::string>> out;
                if (!h.get().liquidity) return out;
                static const char* const names[] = {"plan", "actual", "forecast"};
                for (const auto& year : h.get().liquidity->months) {
                    std::vector<std::string> row;
                    for (const auto& c : year) row.emplace_back(names[static_cast<int>(c.source)]);
                    out.push_back(std::move(row));
                }
                return out;
            }, "[year][month] where each month of the liquidity plan comes from: plan, actual or forecast.")
        .def("liquidity_bounds", [](const ResultHandle& h) {
                if (!h.get().liquidity) throw Error("the plan has no liquidity plan");
                return std::make_pair(h.get().liquidity->opening.ore(), h.get().liquidity->minimum.ore());
            }, "(opening, minimum) öre of the liquidity plan.")
        .def("to_json", [](const ResultHandle& h) { return result_json(h.get()); },
             "The result JSON `finsam-result/1`, the text `finsam plan FILE --format json` prints.");
    add_pickle(cls);

    py::reinterpret_borrow<py::class_<PlanHandle>>(m.attr("Plan"))
        .def("evaluate", [](const PlanHandle& h, std::optional<std::string> variant) {
                return ResultHandle::of(h.loaded, std::move(variant));
            }, py::arg("variant") = py::none(), "The result of the base plan (None) or of a variant.");
}

}  // namespace finsam::python
