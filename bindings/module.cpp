// finsam._core: the compiled part of the Python package `finsam`. One register_<concept>.cpp
// per concept; the Pythonic API (DataFrames, plots, pickling of the wrappers) is python/finsam/.
#include "core.hpp"
#include "finsam/version.hpp"
#include "pickle.hpp"

PYBIND11_MODULE(_core, m) {
    using namespace finsam::python;
    m.doc() = "finsam's compiled core: exact plan evaluation in integer öre (use the package `finsam`).";
    m.attr("__version__") = std::string(finsam::version());
    m.attr("PLAN_FORMAT") = std::string(finsam::plan_format);
    m.attr("RESULT_FORMAT") = std::string(finsam::result_format);
    m.attr("PICKLE_STATE_VERSION") = pickle_state_version;
    register_errors(m);
    register_money(m);
    register_plan(m);
    register_result(m);
    register_explain(m);
    register_report(m);
    register_sweep(m);
    register_allocation_model(m);
    register_sie(m);
}
