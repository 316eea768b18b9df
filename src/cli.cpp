// The `finsam` command line: plan, validate, explain, compare.
//
// Exit status: 0 success; 2 for an invalid plan, unreadable input or a usage error. Problems
// are printed on stdout as FILE:POINTER: message (or as {"errors": …} with --format json);
// warnings go to stderr as FILE:POINTER: warning: message and into the result JSON.
#include <exception>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "finsam/evaluate.hpp"
#include "finsam/explain.hpp"
#include "finsam/result_json.hpp"
#include "finsam/version.hpp"

namespace {

const char* const usage = R"(usage:
  finsam plan FILE [--variant NAME] [--format json]
  finsam validate FILE [--format json]
  finsam explain FILE --year Y [--member M] [--intervention I] [--variant NAME] [--format json]
  finsam compare FILE [--format json]
  finsam --version | --help

plan      evaluate FILE (a finsam/1 plan) and print the result
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
    if (a.command == "plan") check_options(a, {"--variant", "--format"});
    if (a.command == "validate") check_options(a, {"--format"});
    if (a.command == "explain") check_options(a, {"--variant", "--format", "--year", "--member", "--intervention"});
    if (a.command == "compare") check_options(a, {"--format"});
    const bool as_json = json_format(a);

    finsam::Evaluation ev;
    try {
        const finsam::Plan plan = finsam::load_plan_file(a.file);
        ev = finsam::evaluate_all(plan);
    } catch (const finsam::PlanError& e) {
        return report_problems(a.file, e.problems(), as_json);
    }

    if (a.command == "validate") return 0;

    const finsam::Result* r = &ev.base;
    if (auto v = a.options.find("--variant"); v != a.options.end()) {
        r = ev.find(v->second);
        if (!r || v->second.empty()) {
            std::string names;
            for (const auto& [n, res] : ev.variants) names += (names.empty() ? "" : ", ") + n;
            return report_problems(a.file, {{"/variants", "no variant \"" + v->second + "\"" +
                                                              (names.empty() ? "; the plan has no variants" : "; the variants are " + names)}},
                                   as_json);
        }
    }
    print_warnings(a.file, *r);

    if (a.command == "plan") {
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
