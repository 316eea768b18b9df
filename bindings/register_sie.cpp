// SIE books: finsam._core.read_sie (the rows of a SIE file as columns) and read_actuals (a
// plan's actuals read through its accounting block), and finsam.SieError (finsam/sie.hpp,
// finsam/sie_actuals.hpp; the pure-Python side is python/finsam/_sie.py).
//
// Design notes: the rows are turned into columns as the reader hands them out (strings into
// Python lists, numbers into C++ vectors that become numpy arrays at the end), so the file is
// never held twice. A file with vouchers gives its transactions, a file without any #VER its
// period balances (spec 15), so both are gathered and one is chosen at the end.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "core.hpp"
#include "finsam/sie_actuals.hpp"

namespace finsam::python {

namespace {

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) noexcept {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

py::str str(std::string_view s) { return py::str(s.data(), s.size()); }

/// One Python object per distinct text: a column of a million rows holds a few hundred
/// accounts, series, months and object lists, so each is made once and shared.
class Interned {
public:
    template <class Make>
    const py::object& get(std::string_view key, Make make) {
        auto it = map_.find(key);
        if (it == map_.end()) it = map_.emplace(std::string(key), make()).first;
        return it->second;
    }
    const py::object& get(std::string_view s) {
        return get(s, [&] { return py::object(str(s)); });
    }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, py::object, Hash, std::equal_to<>> map_;
};

/// The rows of one sort as columns.
struct Columns {
    py::list series, number, account, objects, text, voucher_text, month;
    std::vector<std::int64_t> amount, date, line;
    std::vector<std::uint8_t> added;
    Interned interned;       // series, accounts, months, short texts
    Interned object_lists;   // by their text
    std::string key;         // scratch
    py::object last_number, last_voucher_text;  // of the voucher being read: its rows share them
    std::string last_number_text, last_voucher_text_text;

    /// The same Python string as for the row before when the text is the same.
    static const py::object& same(py::object& last, std::string& last_text, std::string_view s) {
        if (!last || s != last_text) {
            last = str(s);
            last_text = s;
        }
        return last;
    }

    void add(const SieRow& r) {
        const bool tx = r.kind == SieRow::Kind::transaction;
        series.append(tx ? interned.get(r.series) : py::none());
        number.append(tx ? same(last_number, last_number_text, r.number) : py::none());
        account.append(interned.get(r.account));
        key.clear();
        for (const auto& o : r.objects) key += std::to_string(o.dimension) + '\x1f' + std::string(o.id) + '\x1e';
        objects.append(object_lists.get(key, [&] {
            py::tuple objs(r.objects.size());
            for (std::size_t i = 0; i < r.objects.size(); ++i) objs[i] = py::make_tuple(r.objects[i].dimension, str(r.objects[i].id));
            return py::object(std::move(objs));
        }));
        text.append(tx ? (r.text.size() <= 16 ? interned.get(r.text) : py::object(str(r.text))) : py::none());
        voucher_text.append(tx ? same(last_voucher_text, last_voucher_text_text, r.voucher_text) : py::none());
        char m[16];
        std::snprintf(m, sizeof m, "%04d-%02d", r.date.year, r.date.month);
        month.append(interned.get(m));
        amount.push_back(r.amount.ore());
        date.push_back(tx ? days_from_civil(r.date.year, r.date.month, r.date.day) : std::numeric_limits<std::int64_t>::min());
        line.push_back(static_cast<std::int64_t>(r.line));
        added.push_back(r.added);
    }

    py::dict to_dict() const {
        py::dict d;
        d["series"] = series;
        d["number"] = number;
        d["date"] = py::array_t<std::int64_t>(static_cast<py::ssize_t>(date.size()), date.data());
        d["account"] = account;
        d["objects"] = objects;
        d["amount"] = py::array_t<std::int64_t>(static_cast<py::ssize_t>(amount.size()), amount.data());
        d["text"] = text;
        d["voucher_text"] = voucher_text;
        d["month"] = month;
        d["line"] = py::array_t<std::int64_t>(static_cast<py::ssize_t>(line.size()), line.data());
        d["added"] = py::array_t<bool>(static_cast<py::ssize_t>(added.size()), reinterpret_cast<const bool*>(added.data()));
        return d;
    }
};

struct Gather : SieVisitor {
    Columns transactions, balances;
    void row(const SieRow& r) override { (r.kind == SieRow::Kind::transaction ? transactions : balances).add(r); }
};

py::object date_or_none(const std::optional<SieDate>& d) {
    if (!d) return py::none();
    return py::make_tuple(d->year, d->month, d->day);
}

py::dict summary_dict(const SieSummary& s) {
    py::dict d;
    d["company"] = s.company;
    d["program"] = s.program;
    d["format"] = s.format;
    d["sie_type"] = s.sie_type;
    d["utf8"] = s.utf8;
    py::list years;
    for (const auto& y : s.fiscal_years)
        years.append(py::make_tuple(y.index, date_or_none(y.start), date_or_none(y.end)));
    d["fiscal_years"] = years;
    d["extent"] = date_or_none(s.extent);
    d["vouchers"] = s.vouchers;
    d["removed"] = s.removed;
    return d;
}

std::optional<YearMonth> year_month(const std::optional<std::pair<int, int>>& m) {
    if (!m) return std::nullopt;
    return YearMonth{m->first, m->second};
}

/// The warnings about the books as tuples (code, line, message, account, objects, sum öre, rows).
py::list warnings_list(const BookedActuals& a) {
    py::list warnings;
    for (const auto& w : a.warnings)
        warnings.append(py::make_tuple(w.code, w.line, sanitize_utf8(w.message), w.account, w.objects, w.sum.ore(), w.rows));
    return warnings;
}

py::object error_class_or_value_error(const char* name) {
    py::object cls = error_class(name);
    return cls ? cls : py::reinterpret_borrow<py::object>(PyExc_ValueError);
}

}  // namespace

void register_sie(py::module_& m) {
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const SieError& e) {
            py::object cls = error_class_or_value_error("SieError");
            py::list problems;
            for (const auto& pr : e.problems()) problems.append(py::make_tuple(pr.line, sanitize_utf8(pr.message)));
            try {
                py::object exc = cls.ptr() == PyExc_ValueError ? cls(sanitize_utf8(e.what())) : cls(problems, sanitize_utf8(e.file()));
                PyErr_SetObject(cls.ptr(), exc.ptr());
            } catch (py::error_already_set& err) {
                err.restore();
            }
        }
    });

    m.def(
        "read_sie",
        [](const std::string& path) {
            Gather g;
            const SieSummary s = read_sie_file(path, g);
            py::dict out;
            const bool balances = s.vouchers == 0;
            out["rows"] = (balances ? g.balances : g.transactions).to_dict();
            out["kind"] = balances ? "period_balances" : "transactions";
            out["summary"] = summary_dict(s);
            return out;
        },
        py::arg("path"),
        "Read a SIE file: {'rows': columns, 'kind': 'transactions' | 'period_balances', 'summary': {...}}; dates as days "
        "since 1970-01-01 (INT64_MIN for none), amounts in öre. Raises finsam.SieError with every problem.");

    m.def(
        "read_actuals",
        [](const PlanHandle& h, const std::string& path, std::optional<std::pair<int, int>> through) {
            BookedActuals a;
            {
                py::gil_scoped_release nogil;
                a = read_actuals(h.loaded->plan, path, year_month(through));
            }
            return py::make_tuple(actuals_json(a, h.loaded->plan.amount_unit), warnings_list(a), summary_dict(a.summary));
        },
        py::arg("plan"), py::arg("path"), py::arg("through") = py::none(),
        "The plan's actuals read from the SIE file through its accounting block: (actuals block JSON, [(code, line, "
        "message, account, objects, sum öre, rows)], summary).");

    m.def(
        "with_actuals",
        [](const PlanHandle& h, const std::string& path, std::optional<std::pair<int, int>> through) {
            BookedActuals a;
            std::shared_ptr<const Loaded> loaded;
            {
                py::gil_scoped_release nogil;
                a = read_actuals(h.loaded->plan, path, year_month(through));
                try {
                    loaded = load_node(with_actuals(h.loaded->json, a, h.loaded->plan.amount_unit));
                } catch (const PlanError& e) {
                    throw books_plan_error(e);
                }
            }
            return py::make_tuple(PlanHandle{std::move(loaded)}, warnings_list(a));
        },
        py::arg("plan"), py::arg("path"), py::arg("through") = py::none(),
        "The plan with the actuals of the SIE file in place of its own (finsam/sie_actuals.hpp with_actuals), loaded and "
        "evaluated: (Plan, [(code, line, message, account, objects, sum öre, rows)]).");
}

}  // namespace finsam::python
