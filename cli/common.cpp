// What the commands share (see cli.hpp).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli.hpp"
#include "finsam/allocation_model.hpp"
#include "finsam/result_json.hpp"
#include "finsam/suggest.hpp"
#include "finsam/version.hpp"
#include "finsam/xlsx.hpp"

namespace finsam::cli {

std::string suggest(std::string_view word, const std::vector<std::string_view>& candidates) {
    const auto near = did_you_mean(word, candidates);
    return near ? "; did you mean \"" + *near + "\"?" : "";
}

Args parse_args(int argc, char** argv) {
    Args a;
    std::vector<std::string> positional;
    static const std::vector<std::string_view> with_value = {"--variant", "--format", "--year", "--member", "--intervention",
                                                             "--month", "--forecast", "--forbund", "--unit", "--lang", "-o",
                                                             "--sie", "--through"};
    static const std::vector<std::string_view> flags = {"--help", "-h", "--version"};
    auto known = [](std::string_view o, const std::vector<std::string_view>& in) {
        return std::find(in.begin(), in.end(), o) != in.end();
    };
    auto unknown = [&](const std::string& o) {
        std::vector<std::string_view> all(with_value.begin(), with_value.end());
        all.insert(all.end(), flags.begin(), flags.end());
        return UsageError("unknown option " + o + suggest(o, all));
    };
    for (int i = 1; i < argc; ++i) {
        std::string s = argv[i];
        if (s.rfind("--", 0) == 0 && s.find('=') != std::string::npos) {
            const std::string name = s.substr(0, s.find('='));
            if (!known(name, with_value)) throw unknown(name);
            a.options[name] = s.substr(s.find('=') + 1);
        } else if (known(s, with_value)) {
            if (i + 1 >= argc) throw UsageError("option " + s + " needs a value");
            a.options[s] = argv[++i];
        } else if (known(s, flags)) {
            a.options[s == "-h" ? "--help" : s] = "";
        } else if (s.size() > 1 && s[0] == '-') {
            throw unknown(s);
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

TableOptions table_options(const Args& a) {
    TableOptions o;
    if (auto u = a.options.find("--unit"); u != a.options.end()) {
        if (u->second == "kr") o.unit = Unit::kr;
        else if (u->second == "tkr") o.unit = Unit::tkr;
        else if (u->second == "mnkr") o.unit = Unit::mnkr;
        else throw UsageError("--unit must be kr, tkr or mnkr" + suggest(u->second, {"kr", "tkr", "mnkr"}));
    }
    if (auto l = a.options.find("--lang"); l != a.options.end()) {
        if (l->second == "sv") o.lang = Lang::sv;
        else if (l->second == "en") o.lang = Lang::en;
        else throw UsageError("--lang must be sv or en" + suggest(l->second, {"sv", "en"}));
    }
    return o;
}

std::string table_format(const Args& a) {
    auto f = a.options.find("--format");
    std::string format;
    if (a.command == "compare" && (f == a.options.end() || f->second == "text")) {
        format = "md";  // compare's default: its tables as Markdown
    } else if (f != a.options.end() && f->second != "json" && f->second != "text") {
        if (f->second != "md" && f->second != "html" && f->second != "csv" && f->second != "xlsx") {
            std::string message = "unknown format '";  // appended, not a chain of +: GCC 12 warns falsely (-Wrestrict)
            message += f->second;
            message += "' (";
            message += a.command;
            message += " writes json, md, html, csv or xlsx)";
            message += suggest(f->second, {"json", "md", "html", "csv", "xlsx"});
            throw UsageError(message);
        }
        format = f->second;
    }
    if (format.empty()) {
        for (const char* o : {"--unit", "--lang"})
            if (a.options.count(o)) throw UsageError(std::string("option ") + o + " applies to the table formats md, html, csv and xlsx");
        if (a.options.count("-o")) throw UsageError("option -o applies to the table formats md, html, csv and xlsx");
        return format;
    }
    if (format == "xlsx" && !a.options.count("-o")) throw UsageError("--format xlsx needs -o FILE");
    (void)table_options(a);  // usage errors before the file is read
    return format;
}

bool json_format(const Args& a) {
    auto f = a.options.find("--format");
    if (f == a.options.end() || f->second == "text") return false;
    if (f->second == "json") return true;
    throw UsageError("unknown format '" + f->second + "' (this version writes json)");
}

void write_file(const std::string& path, const std::string& content) {
    std::ofstream f(path, std::ios::binary);
    f << content;
    f.close();
    if (!f) throw Error("cannot write " + path);
}

int write_tables(const Args& a, const std::string& format, const BudgetTables& tables) {
    const auto out = a.options.find("-o");
    if (format == "xlsx") {
        write_xlsx(tables, out->second);
    } else if (format == "csv") {
        const auto files = to_csv(tables);
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
        const std::string text = format == "md" ? to_markdown(tables) : to_html(tables);
        if (out != a.options.end()) write_file(out->second, text);
        else std::cout << text;
    }
    return 0;
}

void check_declared_format(const Args& a, bool allocation) {
    const std::string format = declared_format(a.file);
    if (allocation && format == plan_format)
        throw UsageError(a.file + " is a finsam/1 plan: " +
                         (a.command == "explain" ? std::string("explain its figures with --year Y [--member M] [--intervention I]")
                                                 : "use 'finsam plan'"));
    if (!allocation && format == allocation_format)
        throw UsageError(a.file + " is a finsam-allocation/1 model: " +
                         (a.command == "explain" ? std::string("explain one förbund with --forbund ID") : "use 'finsam allocate'"));
}

int report_problems(const std::string& file, const std::vector<Problem>& problems, bool as_json) {
    if (as_json) {
        std::cout << errors_json(problems) << "\n";
    } else {
        for (const auto& p : problems)
            std::cout << sanitize_utf8(file) << ":" << sanitize_utf8(p.path) << ": "
                      << sanitize_utf8(p.message) << "\n";
    }
    return 2;
}

void print_warnings(const std::string& file, const Result& r) {
    for (const auto& w : r.warnings)
        std::cerr << sanitize_utf8(file) << ":" << w.path << ": warning: " << sanitize_utf8(w.message) << " ["
                  << w.code << "]\n";
}

void print_all_warnings(const std::string& file, const Evaluation& ev, const std::vector<std::string>& names) {
    print_warnings(file, ev.base);
    for (const auto& [n, res] : ev.variants) {
        if (!names.empty() && std::find(names.begin(), names.end(), n) == names.end()) continue;
        Result own = res;  // only what the base plan does not warn about already
        std::erase_if(own.warnings, [&](const Warning& w) {
            return std::any_of(ev.base.warnings.begin(), ev.base.warnings.end(),
                               [&](const Warning& b) { return b.code == w.code && b.path == w.path && b.message == w.message; });
        });
        print_warnings(file + " (variant " + n + ")", own);
    }
}

}  // namespace finsam::cli
