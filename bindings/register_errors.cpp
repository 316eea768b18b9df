// finsam.PlanError and finsam.Error from the C++ exceptions.
//
// The exception classes are Python classes (python/finsam/_errors.py), so that they pickle and
// can be raised from Python code too; the translator imports them when it first needs them.
#include <exception>

#include "core.hpp"

namespace finsam::python {

py::object error_class(const char* name) {
    try {
        return py::module_::import("finsam._errors").attr(name);
    } catch (py::error_already_set&) {
        return py::object();
    }
}

void register_errors(py::module_&) {
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const finsam::PlanError& e) {
            py::object cls = error_class("PlanError");
            if (!cls) {
                PyErr_SetString(PyExc_ValueError, sanitize_utf8(e.what()).c_str());
                return;
            }
            py::list problems;
            for (const auto& pr : e.problems())
                problems.append(py::make_tuple(sanitize_utf8(pr.path), sanitize_utf8(pr.message)));
            try {
                py::object exc = cls(problems);
                PyErr_SetObject(cls.ptr(), exc.ptr());
            } catch (py::error_already_set& err) {
                err.restore();
            }
        } catch (const finsam::Error& e) {
            py::object cls = error_class("Error");
            PyErr_SetString(cls ? cls.ptr() : PyExc_ValueError, sanitize_utf8(e.what()).c_str());
        }
    });
}

}  // namespace finsam::python
