// Budget tables (report.hpp): build_tables for a Result, the table model as plain Python values
// for python/finsam/_tables.py, and the C++ renderers (Markdown, HTML, XLSX).
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <pybind11/stl.h>

#include "core.hpp"
#include "finsam/rate.hpp"
#include "finsam/report.hpp"
#include "finsam/xlsx.hpp"

namespace finsam::python {

namespace {

Unit display_unit(const std::string& name) {
    if (name == "kr") return Unit::kr;
    if (name == "tkr") return Unit::tkr;
    if (name == "mnkr") return Unit::mnkr;
    throw py::value_error("unknown table unit '" + name + "'; write \"kr\", \"tkr\" or \"mnkr\"");
}

const char* row_kind(RowKind k) {
    switch (k) {
        case RowKind::data: return "data";
        case RowKind::group: return "group";
        case RowKind::summa: return "summa";
        case RowKind::part: return "part";
    }
    return "?";
}

const char* cell_kind(Cell::Kind k) {
    switch (k) {
        case Cell::Kind::empty: return "empty";
        case Cell::Kind::text: return "text";
        case Cell::Kind::amount: return "amount";
        case Cell::Kind::percent: return "percent";
    }
    return "?";
}

const char* column_kind(Column::Kind k) {
    switch (k) {
        case Column::Kind::label: return "label";
        case Column::Kind::amount: return "amount";
        case Column::Kind::percent: return "percent";
    }
    return "?";
}

using CellTuple = std::tuple<std::string, std::string, std::int64_t, std::string, std::int64_t, bool, std::string>;

/// (kind, text, exact öre, exact percent, shown, moved, shown text) of a cell.
CellTuple cell_tuple(const Cell& c, const TableOptions& o) {
    return {cell_kind(c.kind), c.text, c.amount.ore(), rational_text(c.percent), c.shown, c.moved,
            cell_text(c, o, NumberStyle::text)};
}

}  // namespace

const Table& TablesHandle::at(std::size_t i) const {
    if (i >= tables.tables.size()) throw py::index_error("no table " + std::to_string(i));
    return tables.tables[i];
}

TablesHandle TablesHandle::subset(const std::vector<std::size_t>& indices) const {
    TablesHandle out;
    out.tables = tables;
    out.tables.tables.clear();
    for (std::size_t i : indices) out.tables.tables.push_back(at(i));
    return out;
}

TableOptions table_options(const std::string& unit, const std::string& lang, int decimals) {
    TableOptions o;
    o.unit = display_unit(unit);
    o.lang = parse_lang(lang);
    o.decimals = decimals;
    o.effective_decimals();  // checks the decimals
    return o;
}

void register_report(py::module_& m) {
    py::class_<TablesHandle> cls(m, "Tables", "The budget tables of a result (report.hpp), as shown in one unit and language.");
    cls
        .def_property_readonly("name", [](const TablesHandle& h) { return h.tables.name; }, "The plan's (or allocation's) name.")
        .def_property_readonly("unit", [](const TablesHandle& h) { return std::string(unit_name(h.tables.options.unit)); },
                               "The display unit: kr, tkr or mnkr.")
        .def_property_readonly("lang", [](const TablesHandle& h) { return std::string(h.tables.options.lang == Lang::sv ? "sv" : "en"); },
                               "The language: sv or en.")
        .def_property_readonly("decimals", [](const TablesHandle& h) { return h.tables.options.effective_decimals(); },
                               "Decimals shown (a shown amount is shown / 10**decimals in the unit).")
        .def_property_readonly("ids", [](const TablesHandle& h) {
                std::vector<std::string> ids;
                for (const auto& t : h.tables.tables) ids.push_back(t.id);
                return ids;
            }, "The tables' ids in order: financing, costs, distribution, result, final_frame, items-<id> (a "
               "plan's); allocation, implied_frame (an allocation's).")
        .def("title", [](const TablesHandle& h, std::size_t i) { return h.at(i).title; }, py::arg("index"),
             "The title of table `index`.")
        .def("columns", [](const TablesHandle& h, std::size_t i) {
                std::vector<std::tuple<std::string, std::string>> out;
                for (const auto& c : h.at(i).columns) out.emplace_back(c.header, column_kind(c.kind));
                return out;
            }, py::arg("index"), "(header, kind) of each column of table `index`; kind is label, amount or percent.")
        .def("rows", [](const TablesHandle& h, std::size_t i) {
                std::vector<std::tuple<std::string, std::vector<CellTuple>>> out;
                for (const auto& r : h.at(i).rows) {
                    std::vector<CellTuple> cells;
                    for (const auto& c : r.cells) cells.push_back(cell_tuple(c, h.tables.options));
                    out.emplace_back(row_kind(r.kind), std::move(cells));
                }
                return out;
            }, py::arg("index"),
            "(row kind, cells) of each row of table `index`; a cell is (kind, text, exact öre, exact percent, "
            "shown, moved, shown text), shown in display steps (amounts) or tenths of a percent.")
        .def("footnotes", [](const TablesHandle& h, std::size_t i) { return h.at(i).footnotes; },
             py::arg("index"), "The footnotes of table `index` (moved cells' exact values, adjustment notes).")
        .def("warnings", [](const TablesHandle& h, std::size_t i) {
                std::vector<std::tuple<std::string, std::string, std::string>> out;
                for (const auto& w : h.at(i).warnings) out.emplace_back(code_name(w.code), w.path, w.message);
                return out;
            }, py::arg("index"), "(code, JSON pointer, message) of the warnings of table `index`, in its language.")
        .def("subset", &TablesHandle::subset, py::arg("indices"), "A document of only the tables at `indices`, numbered from 1.")
        .def("to_markdown", [](const TablesHandle& h) { return to_markdown(h.tables); }, "All tables as Markdown, as `finsam plan --format md`.")
        .def("to_html", [](const TablesHandle& h) { return to_html(h.tables); },
             "All tables as one standalone HTML page, as `finsam plan --format html`.")
        .def("write_xlsx", [](const TablesHandle& h, const std::string& path) {
                py::gil_scoped_release nogil;
                write_xlsx(h.tables, path);
            }, py::arg("path"), "Write an XLSX workbook, one sheet per table, as `finsam plan --format xlsx -o PATH`.");

    m.def("build_tables", [](const ResultHandle& r, const std::string& unit, const std::string& lang, int decimals) {
            return TablesHandle{build_tables(r.get(), table_options(unit, lang, decimals))};
        }, py::arg("result"), py::arg("unit") = "tkr", py::arg("lang") = "sv", py::arg("decimals") = -1,
        "The budget tables of a result, as `finsam plan FILE [--variant NAME] --format md|html|xlsx --unit U --lang L` builds them.");
    m.def("build_comparison", [](const PlanHandle& p, std::optional<std::vector<std::string>> variants, const std::string& unit,
                                 const std::string& lang, int decimals) {
            const TableOptions o = table_options(unit, lang, decimals);
            if (variants)
                for (const auto& name : *variants) (void)ResultHandle::of(p.loaded, name);  // PlanError for an unknown name
            return TablesHandle{build_comparison(p.loaded->evaluation, o, variants ? *variants : std::vector<std::string>{})};
        }, py::arg("plan"), py::arg("variants") = py::none(), py::arg("unit") = "tkr", py::arg("lang") = "sv", py::arg("decimals") = -1,
        "The comparison tables of the variants (all, or those named) against the base plan, as `finsam compare FILE "
        "--format md|html|xlsx --unit U --lang L` builds them.");
}

}  // namespace finsam::python
