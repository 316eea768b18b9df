// The `finsam` command line: plan, validate, explain, compare.
//
// Exit status: 0 success; 2 for an invalid plan, unreadable input or a usage error. Problems
// are printed on stdout as FILE:POINTER: message (or as {"errors": …} with --format json);
// warnings go to stderr as FILE:POINTER: warning: message and into the result JSON.
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "finsam/evaluate.hpp"
#include "finsam/explain.hpp"
#include "finsam/report.hpp"
#include "finsam/result_json.hpp"
#include "finsam/version.hpp"

namespace {

const char* const usage = R"(usage:
  finsam plan FILE [--variant NAME] [--format json|md|html|csv|xlsx] [--unit kr|tkr|mnkr] [--lang sv|en] [-o OUT]
  finsam validate FILE [--format json]
  finsam explain FILE --year Y [--member M] [--intervention I] [--variant NAME] [--format json]
  finsam compare FILE [--format json]
  finsam --version | --help

plan      evaluate FILE (a finsam/1 plan) and print the result: JSON (default), or the budget
          tables as Markdown, HTML, CSV (one file per table into the directory -o DIR, or all
          on stdout) or XLSX (needs -o FILE); tables in --unit (default tkr), --lang (default sv)
validate  print every problem of FILE as FILE:POINTER: message; nothing when it is valid
explain   show how a figure of year Y was derived: a member's cost share, an intervention's amount
compare   evaluate the plan and each variant; print the differences per member and year
Exit status: 0 ok, 2 invalid plan or usage error.
)";

struct Args {
    std::string command, file;
    std::map<std::string, std::string> options;
};

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

Args parse_args(int argc, char** argv) {
    Args a;
    std::vector<std::string> positional;
    static const std::vector<std::string> with_value = {"--variant", "--format", "--year", "--member", "--intervention",
                                                        "--unit", "--lang", "-o"};
    for (int i = 1; i < argc; ++i) {
        std::string s = argv[i];
        if (s.rfind("--", 0) == 0 && s.find('=') != std::string::npos) {
            a.options[s.substr(0, s.find('='))] = s.substr(s.find('=') + 1);
        } else if (std::find(with_value.begin(), with_value.end(), s) != with_value.end()) {
            if (i + 1 >= argc) throw UsageError("option " + s + " needs a value");
            a.options[s] = argv[++i];
        } else if (s == "--help" || s == "-h" || s == "--version") {
            a.options[s] = "";
        } else if (s.size() > 1 && s[0] == '-') {
            throw UsageError("unknown option " + s);
        } else {
            positional.push_back(s);
        }
    }
    if (!positional.empty()) a.command = positional[0];
    if (positional.size() > 1) a.file = positional[1];
    if (positional.size() > 2) throw UsageError("unexpected argument " + positional[2]);
    return a;
}

void check_options(const Args& a, const std::vector<std::string>& allowed) {
    for (const auto& [k, v] : a.options)
        if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
            throw UsageError("option " + k + " does not apply to 'finsam " + a.command + "'");
}

/// The table format of `finsam plan`, or "" for the result JSON.
std::string table_format(const Args& a) {
    auto f = a.options.find("--format");
    if (f == a.options.end() || f->second == "json" || f->second == "text") {
        for (const char* o : {"--unit", "--lang"})
            if (a.options.count(o)) throw UsageError(std::string("option ") + o + " applies to the table formats md, html, csv and xlsx");
        return "";
    }
    if (f->second == "md" || f->second == "html" || f->second == "csv" || f->second == "xlsx") return f->second;
    throw UsageError("unknown format '" + f->second + "' (plan writes json, md, html, csv or xlsx)");
}

finsam::TableOptions table_options(const Args& a) {
    finsam::TableOptions o;
    if (auto u = a.options.find("--unit"); u != a.options.end()) {
        if (u->second == "kr") o.unit = finsam::Unit::kr;
        else if (u->second == "tkr") o.unit = finsam::Unit::tkr;
        else if (u->second == "mnkr") o.unit = finsam::Unit::mnkr;
        else throw UsageError("--unit must be kr, tkr or mnkr");
    }
    if (auto l = a.options.find("--lang"); l != a.options.end()) {
        if (l->second == "sv") o.lang = finsam::Lang::sv;
        else if (l->second == "en") o.lang = finsam::Lang::en;
        else throw UsageError("--lang must be sv or en");
    }
    return o;
}

void write_file(const std::string& path, const std::string& content) {
    std::ofstream f(path, std::ios::binary);
    f << content;
    f.close();
    if (!f) throw finsam::Error("cannot write " + path);
}

/// `finsam plan` with a table format: the tables to stdout, a file or (CSV) a directory.
int print_tables(const Args& a, const std::string& format, const finsam::Result& r, const finsam::Plan& plan) {
    std::optional<finsam::Plan> variant;
    const finsam::Plan* p = &plan;
    if (auto v = a.options.find("--variant"); v != a.options.end()) p = &variant.emplace(finsam::variant_plan(plan, v->second));
    const finsam::BudgetTables tables = finsam::build_tables(r, table_options(a), p);
    const auto out = a.options.find("-o");
    if (format == "xlsx") {
        finsam::write_xlsx(tables, out->second);
    } else if (format == "csv") {
        const auto files = finsam::to_csv(tables);
        if (out != a.options.end()) {
            std::filesystem::create_directories(out->second);
            for (const auto& f : files) write_file((std::filesystem::path(out->second) / f.name).string(), f.content);
        } else {
            for (std::size_t i = 0; i < files.size(); ++i) {
                std::string content = files[i].content;
                if (content.rfind("\xEF\xBB\xBF", 0) == 0) content.erase(0, 3);  // no byte order marks inside a stream
                std::cout << (i ? "\n" : "") << "=== " << files[i].name << ": " << files[i].title << " ===\n" << content;
            }
        }
    } else {
        const std::string text = format == "md" ? finsam::to_markdown(tables) : finsam::to_html(tables);
        if (out != a.options.end()) write_file(out->second, text);
        else std::cout << text;
    }
    return 0;
}

bool json_format(const Args& a) {
    auto f = a.options.find("--format");
    if (f == a.options.end() || f->second == "text") return false;
    if (f->second == "json") return true;
    throw UsageError("unknown format '" + f->second + "' (this version writes json)");
}

int report_problems(const std::string& file, const std::vector<finsam::Problem>& problems, bool as_json) {
    if (as_json) {
        std::cout << finsam::dump_json(finsam::errors_to_json(problems)) << "\n";
    } else {
        for (const auto& p : problems)
            std::cout << finsam::sanitize_utf8(file) << ":" << finsam::sanitize_utf8(p.path) << ": "
                      << finsam::sanitize_utf8(p.message) << "\n";
    }
    return 2;
}

void print_warnings(const std::string& file, const finsam::Result& r) {
    for (const auto& w : r.warnings)
        std::cerr << finsam::sanitize_utf8(file) << ":" << w.path << ": warning: " << finsam::sanitize_utf8(w.message) << " ["
                  << w.code << "]\n";
}

int run(int argc, char** argv) {
    const Args a = parse_args(argc, argv);
    if (a.options.count("--help")) {
        std::cout << usage;
        return 0;
    }
    if (a.options.count("--version")) {
        std::cout << "finsam " << finsam::version() << " (reads " << finsam::plan_format << ")\n";
        return 0;
    }
    if (a.command.empty()) throw UsageError("no command");
    if (a.command != "plan" && a.command != "validate" && a.command != "explain" && a.command != "compare")
        throw UsageError("unknown command '" + a.command + "'");
    if (a.file.empty()) throw UsageError("'finsam " + a.command + "' needs a plan FILE");
    if (a.command == "plan") check_options(a, {"--variant", "--format", "--unit", "--lang", "-o"});
    if (a.command == "validate") check_options(a, {"--format"});
    if (a.command == "explain") check_options(a, {"--variant", "--format", "--year", "--member", "--intervention"});
    if (a.command == "compare") check_options(a, {"--format"});
    const std::string tables = a.command == "plan" ? table_format(a) : "";
    if (tables == "xlsx" && !a.options.count("-o")) throw UsageError("--format xlsx needs -o FILE");
    if (tables.empty() && a.options.count("-o")) throw UsageError("option -o applies to the table formats md, html, csv and xlsx");
    if (!tables.empty()) (void)table_options(a);  // usage errors before the plan is read
    const bool as_json = tables.empty() && json_format(a);

    finsam::Evaluation ev;
    finsam::Plan plan;
    try {
        plan = finsam::load_plan_file(a.file);
        ev = finsam::evaluate_all(plan);
    } catch (const finsam::PlanError& e) {
        return report_problems(a.file, e.problems(), as_json);
    }

    if (a.command == "validate") return 0;

    const finsam::Result* r = &ev.base;
    if (auto v = a.options.find("--variant"); v != a.options.end()) {
        r = ev.find(v->second);
        if (!r || v->second.empty()) {
            return report_problems(a.file, {finsam::unknown_variant(ev, v->second)},
                                   as_json);
        }
    }
    print_warnings(a.file, *r);

    if (a.command == "plan") {
        if (!tables.empty()) return print_tables(a, tables, *r, plan);
        std::cout << finsam::dump_json(finsam::to_json(*r)) << "\n";
        return 0;
    }
    if (a.command == "compare") {
        for (const auto& [n, res] : ev.variants) print_warnings(a.file + " (variant " + n + ")", res);
        if (as_json) std::cout << finsam::dump_json(finsam::compare(ev)) << "\n";
        else std::cout << finsam::compare_text(ev);
        return 0;
    }
    // explain
    auto y = a.options.find("--year");
    if (y == a.options.end()) throw UsageError("'finsam explain' needs --year Y");
    int year = 0;
    try {
        std::size_t pos = 0;
        year = std::stoi(y->second, &pos);
        if (pos != y->second.size()) throw std::invalid_argument("year");
    } catch (const std::exception&) {
        throw UsageError("--year must be a year such as 2005");
    }
    std::optional<std::string> member, intervention;
    if (auto m = a.options.find("--member"); m != a.options.end()) member = m->second;
    if (auto i = a.options.find("--intervention"); i != a.options.end()) intervention = i->second;
    try {
        const finsam::Explanation e = finsam::explain(*r, year, member, intervention);
        if (as_json) std::cout << finsam::dump_json(e.data) << "\n";
        else std::cout << e.text;
    } catch (const finsam::Error& e) {
        std::cerr << "finsam explain: " << e.what() << "\n";
        return 2;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const UsageError& e) {
        std::cerr << "finsam: " << e.what() << "\n\n" << usage;
        return 2;
    } catch (const std::bad_alloc&) {
        std::cerr << "finsam: out of memory\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "finsam: " << finsam::sanitize_utf8(e.what()) << "\n";
        return 2;
    }
}
