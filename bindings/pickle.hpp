// bindings/pickle.hpp — the one pickle helper of every bound class (as boost-histogram has).
//
// Design notes: the state is a tuple (version, plan JSON text, variant or None). Unpickling
// loads and evaluates the plan again, so a state written by one finsam reads in another as long
// as the plan format does; the version number is checked first so that a future change of the
// state layout fails with a clear message instead of a wrong object.
#pragma once

#include <string>

#include <pybind11/pybind11.h>

#include "core.hpp"

namespace finsam::python {

/// Version of the pickled state (version, plan JSON text, variant or None).
inline constexpr int pickle_state_version = 1;

/// Make the bound class `cls` picklable: T has `State T::state() const` and
/// `static T T::from_state(const State&)`. Besides __getstate__/__setstate__ it defines
/// __reduce__ as (copyreg.__newobj__, (cls,), state), what protocol 2 does by itself, so that
/// protocols 0 and 1 work too (they would otherwise try object.__new__ on a pybind11 class).
template <class T, class... Options>
void add_pickle(py::class_<T, Options...>& cls) {
    cls.def(py::pickle(
        [](const T& self) {
            const State s = self.state();
            return py::make_tuple(pickle_state_version, py::str(s.plan_json),
                                  s.variant ? py::object(py::str(*s.variant)) : py::object(py::none()));
        },
        [](const py::tuple& t) {
            if (t.size() < 1 || !py::isinstance<py::int_>(t[0]))
                throw py::value_error("finsam: not a pickled finsam state");
            if (!py::int_(pickle_state_version).equal(t[0]))
                throw py::value_error("finsam: cannot read pickled state version " + py::repr(t[0]).cast<std::string>() +
                                      "; this finsam reads version " + std::to_string(pickle_state_version));
            if (t.size() != 3 || !py::isinstance<py::str>(t[1]) || !(t[2].is_none() || py::isinstance<py::str>(t[2])))
                throw py::value_error("finsam: malformed pickled state (expected (version, plan JSON, variant or None))");
            State s{t[1].cast<std::string>(), std::nullopt};
            if (!t[2].is_none()) s.variant = t[2].cast<std::string>();
            return T::from_state(s);
        }));
    cls.def("__reduce__", [](const py::object& self) {
        return py::make_tuple(py::module_::import("copyreg").attr("__newobj__"), py::make_tuple(py::type::of(self)),
                              self.attr("__getstate__")());
    });
}

}  // namespace finsam::python
