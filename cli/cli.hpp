// cli/cli.hpp — what the commands of the `finsam` command line share: the parsed arguments,
// usage errors, options common to several commands, and how problems, warnings and tables
// are printed. Each command group lives in a file of its own (plan_commands.cpp: plan,
// validate, explain, compare; allocate_commands.cpp: allocate, and validate and explain of an
// allocation file) and is listed in main.cpp's command table.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "finsam/evaluate.hpp"
#include "finsam/report.hpp"
#include "finsam/sie_actuals.hpp"

namespace finsam::cli {

/// The command line: the command, its FILE and its options (--name → value).
struct Args {
    std::string command, file;
    std::map<std::string, std::string> options;
};

/// A usage error: printed with the usage text, exit status 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Parse argv; options that take a value are listed in common.cpp. An unknown option is a
/// UsageError with the nearest known one (`--varaint`: did you mean "--variant"?).
Args parse_args(int argc, char** argv);
/// "; did you mean \"X\"?" for the candidate nearest to `word` (finsam/suggest.hpp), or "".
std::string suggest(std::string_view word, const std::vector<std::string_view>& candidates);
/// A UsageError for any option of `a` not in `allowed`.
void check_options(const Args& a, const std::vector<std::string>& allowed);
/// --unit and --lang as table options.
TableOptions table_options(const Args& a);
/// The table format asked for with --format (md, html, csv, xlsx), or "" for JSON or text;
/// checks before anything is read that --unit, --lang and -o go with a table format, that xlsx
/// has -o and that the unit and language are known.
std::string table_format(const Args& a);
/// --format json (true), text or absent (false); anything else is a usage error.
bool json_format(const Args& a);
/// Write a file or throw Error.
void write_file(const std::string& path, const std::string& content);
/// Print tables in `format` (md, html, csv, xlsx) to stdout, the file -o or (CSV) the directory -o.
int write_tables(const Args& a, const std::string& format, const BudgetTables& tables);
/// A UsageError when FILE declares the `format` of the other kind of file than the command
/// reads (a plan given to `finsam allocate`, an allocation model to `finsam plan`).
void check_declared_format(const Args& a, bool allocation);
/// Print problems as FILE:POINTER: message (or {"errors": …}); returns exit status 2.
int report_problems(const std::string& file, const std::vector<Problem>& problems, bool as_json);
/// Print a result's warnings on stderr as FILE:POINTER: warning: message [code].
void print_warnings(const std::string& file, const Result& r);
/// Print the base plan's warnings, then each named variant's that the base does not have, as
/// "FILE (variant NAME):POINTER: warning: …" (`names` empty: every variant).
void print_all_warnings(const std::string& file, const Evaluation& ev, const std::vector<std::string>& names = {});

/// `finsam plan|validate|explain|compare FILE …` (plan_commands.cpp).
int run_plan_command(const Args& a);
/// `finsam allocate FILE …`, and `validate`/`explain` of a finsam-allocation/1 file (allocate_commands.cpp).
int run_allocate_command(const Args& a);
/// `finsam validate|explain FILE …`: of an allocation file (explain with --forbund), else of a plan.
int run_validate_or_explain(const Args& a);

// ---- actuals from SIE books (actuals_commands.cpp) -------------------------------------------

/// `finsam actuals PLAN --sie BOOKS.se [--through YYYY-MM] [-o FILE]`.
int run_actuals_command(const Args& a);
/// --sie BOOKS.se and --through YYYY-MM.
struct BooksOptions {
    std::string path;
    std::optional<YearMonth> through;
};
/// --sie and --through of `a`: nullopt without --sie (--through alone is a usage error).
std::optional<BooksOptions> books_options(const Args& a);
/// `finsam plan|explain|compare PLAN --sie BOOKS.se`: the plan with the books' actuals in place
/// of its own (with_actuals), the warnings about the books printed; throws PlanError, SieError.
Plan plan_with_books(const BooksOptions& books, const Plan& plan);
/// --through YYYY-MM, or a UsageError.
YearMonth through_option(const std::string& text);
/// Print a SIE file's problems as FILE:LINE: message on stdout; returns exit status 2.
int report_sie_problems(const SieError& e);
/// Print the warnings about the books on stderr as FILE:LINE: warning: message [code].
void print_books_warnings(const std::string& file, const BookedActuals& actuals);

}  // namespace finsam::cli
