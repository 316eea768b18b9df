// Money: units and the exact kronor text of the result JSON.
#include <cstdint>
#include <string>

#include "core.hpp"
#include "finsam/money.hpp"

namespace finsam::python {

namespace {

Unit unit_of(const std::string& name) {
    if (name == "öre" || name == "ore") return Unit::ore;
    if (name == "kr") return Unit::kr;
    if (name == "tkr") return Unit::tkr;
    if (name == "mnkr") return Unit::mnkr;
    throw py::value_error("unknown unit '" + name + "'; write \"öre\", \"kr\", \"tkr\" or \"mnkr\"");
}

}  // namespace

void register_money(py::module_& m) {
    m.def("ore_per", [](const std::string& unit) { return ore_per(unit_of(unit)); }, py::arg("unit"),
          "Öre in one unit: ore_per('tkr') == 100000. Units: 'öre' (or 'ore'), 'kr', 'tkr', 'mnkr'.");
    m.def("format_kr", [](std::int64_t ore) { return Money::from_ore(ore).to_kr_string(); }, py::arg("ore"),
          "Kronor with two decimals, as in the result JSON: format_kr(78500000) == '785000.00'.");
    m.def("parse_amount", [](const std::string& text, const std::string& unit) { return Money::parse(text, unit_of(unit)).ore(); },
          py::arg("text"), py::arg("unit") = "kr",
          "Öre of a decimal amount written in `unit`: parse_amount('7.064', 'tkr') == 706400000. "
          "Raises finsam.Error if it is not a whole number of öre or beyond ±(2^63 − 1) öre.");
}

}  // namespace finsam::python
