// bindings/core.hpp — what the register_<concept>.cpp files of finsam._core share.
//
// Design notes: a Python Plan is a handle on one immutable `Loaded`: the plan's exact JSON
// (canonical compact text, variants included), the typed plan and the evaluation of the base
// and every variant, made once at load time exactly as `finsam validate`/`finsam plan` do (an
// invalid variant makes the whole plan invalid, spec 12.18). A Python Result is a handle on the
// same `Loaded` plus a variant name, so results share one evaluation and cost nothing to make.
// Both pickle as (state version, plan JSON text, variant) through one helper (pickle.hpp).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pybind11/pybind11.h>

#include "finsam/allocation_model.hpp"
#include "finsam/evaluate.hpp"
#include "finsam/json.hpp"
#include "finsam/plan.hpp"
#include "finsam/report.hpp"

namespace finsam::python {

namespace py = pybind11;

/// A plan as loaded: exact JSON, typed plan, every evaluation.
struct Loaded {
    Node json;             ///< the whole document, variants included
    std::string text;      ///< dump(json): compact and exact
    Plan plan;
    Evaluation evaluation;
};

/// What a pickled Plan or Result holds (pickle.hpp adds the version number).
struct State {
    std::string plan_json;
    std::optional<std::string> variant;
};

/// Parse, load and evaluate plan text; throws PlanError with every problem, as the CLI prints them.
std::shared_ptr<const Loaded> load_text(std::string_view text);
/// The same for a parsed document.
std::shared_ptr<const Loaded> load_node(Node json);

/// The Python class `Plan`.
struct PlanHandle {
    std::shared_ptr<const Loaded> loaded;

    State state() const { return {loaded->text, std::nullopt}; }
    static PlanHandle from_state(const State& s) { return {load_text(s.plan_json)}; }
};

/// The Python class `Result`: the base (no variant) or one variant of a loaded plan.
struct ResultHandle {
    std::shared_ptr<const Loaded> loaded;
    std::optional<std::string> variant;
    const Result* result = nullptr;  ///< into loaded->evaluation

    /// The result of `variant` (nullopt: the base); PlanError at /variants for an unknown name.
    static ResultHandle of(std::shared_ptr<const Loaded> loaded, std::optional<std::string> variant);
    const Result& get() const noexcept { return *result; }

    State state() const { return {loaded->text, variant}; }
    static ResultHandle from_state(const State& s) { return of(load_text(s.plan_json), s.variant); }
};

/// The class `name` of finsam._errors, or nullptr (with no Python error set) if it cannot be imported.
py::object error_class(const char* name);
/// "sv" or "en" as a language; ValueError for anything else.
inline Lang parse_lang(const std::string& name) {
    if (name == "sv") return Lang::sv;
    if (name == "en") return Lang::en;
    throw py::value_error("unknown language '" + name + "'; write \"sv\" or \"en\"");
}

/// The Python class `Tables`: all tables of one document (a result's or an allocation's), with
/// the options they were built with (register_report.cpp).
struct TablesHandle {
    BudgetTables tables;

    /// Table `i`; IndexError if there is none.
    const Table& at(std::size_t i) const;
    /// The same document with only the tables at `indices` (for one table: a one-table document).
    TablesHandle subset(const std::vector<std::size_t>& indices) const;
};

/// Table options from the Python arguments (unit "kr"/"tkr"/"mnkr", lang "sv"/"en", decimals,
/// −1 the unit's default); ValueError for anything else.
TableOptions table_options(const std::string& unit, const std::string& lang, int decimals);

/// A finsam-allocation/1 model, read and distributed (register_allocation_model.cpp).
struct AllocationHandle {
    std::string text;  ///< the document as compact JSON text
    std::shared_ptr<const AllocationResult> result;

    State state() const { return {text, std::nullopt}; }
    static AllocationHandle from_state(const State& s);
};

void register_errors(py::module_& m);
void register_money(py::module_& m);
void register_plan(py::module_& m);
void register_result(py::module_& m);  // after register_plan: adds Plan.evaluate
void register_explain(py::module_& m);
void register_report(py::module_& m);
void register_sweep(py::module_& m);
void register_allocation_model(py::module_& m);  // after register_report: returns Tables
void register_sie(py::module_& m);  // SIE books (finsam::sie)

}  // namespace finsam::python
