// The `finsam` command line: the usage text, the table of commands and main().
//
// Exit status: 0 success; 2 for an invalid plan or allocation file, unreadable input or a
// usage error. Problems are printed on stdout as FILE:POINTER: message (or as {"errors": …}
// with --format json); warnings go to stderr as FILE:POINTER: warning: message and into the
// result JSON.
#include <iostream>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "finsam/error.hpp"
#include "finsam/plan.hpp"
#include "finsam/version.hpp"

namespace {

using namespace finsam::cli;

const char* const usage = R"(usage:
  finsam plan FILE [--variant NAME] [--format json|md|html|csv|xlsx] [--unit kr|tkr|mnkr] [--lang sv|en] [-o OUT]
  finsam validate FILE [--format json]
  finsam explain FILE --year Y [--member M] [--intervention I] [--variant NAME] [--lang sv|en] [--format json]
  finsam explain FILE --year Y --month M [--intervention I] [--lang sv|en] [--variant NAME] [--format json]
  finsam explain FILE --forecast I [--lang sv|en] [--variant NAME] [--format json]
  finsam compare FILE [--variant NAME] [--format md|html|csv|xlsx|json] [--unit kr|tkr|mnkr] [--lang sv|en] [-o OUT]
  finsam actuals FILE --sie BOOKS.se [--through YYYY-MM] [-o OUT]
  plan, explain and compare also take [--sie BOOKS.se [--through YYYY-MM]]
  finsam allocate FILE [--format json|md|html|csv|xlsx] [--unit kr|tkr|mnkr] [--lang sv|en] [-o OUT]
  finsam explain FILE --forbund ID [--lang sv|en] [--format json]
  finsam --version | --help

plan      evaluate FILE (a finsam/1 plan) and print the result: JSON (default), or the budget
          tables as Markdown, HTML, CSV (one file per table into the directory -o DIR, or all
          on stdout) or XLSX (needs -o FILE); tables in --unit (default tkr), --lang (default sv)
validate  print every problem of FILE as FILE:POINTER: message; nothing when it is valid
explain   show how a figure of year Y was derived: a member's cost share, an intervention's amount;
          with --month M (1–12) an intervention's budget that month (its profile split) or,
          without --intervention, the month's cash; --forecast I the follow-up forecast of I
          (in Swedish; --lang en for English)
compare   each variant (or --variant NAME) against the base plan, year by year: costs, contributions,
          result, equity and each member's contribution and cost share; Markdown tables by default,
          or HTML, CSV, XLSX as for plan, or the differences as JSON
actuals   read the books (a SIE 4 file) through the plan's accounting block and print the
          actuals block (JSON) through --through (default: the file's #OMFATTN month)
--sie     (plan, explain, compare) evaluate with the actuals of the books in place of the
          plan's own: through, and each kind the accounting block maps; forecast rules kept
allocate  share the state's money among förbund by FILE (a finsam-allocation/1 model): the result
          JSON (default), or its tables as for plan (--unit default tkr, --lang default sv);
          validate FILE checks such a file too, and explain FILE --forbund ID shows how one
          förbund got its allocation (its weight, the rounds of the cap, the rounding)
Exit status: 0 ok, 2 invalid plan, invalid books, invalid allocation file or usage error.
)";

/// The commands: a name and the function that runs it (a command group in a file of its own).
struct Command {
    std::string_view name;
    int (*run)(const Args&);
};
constexpr Command commands[] = {
    {"plan", run_plan_command},
    {"validate", run_validate_or_explain},
    {"explain", run_validate_or_explain},
    {"compare", run_plan_command},
    {"actuals", run_actuals_command},
    {"allocate", run_allocate_command},
};

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
    for (const Command& c : commands)
        if (c.name == a.command) return c.run(a);
    std::vector<std::string_view> names;
    for (const Command& c : commands) names.push_back(c.name);
    throw UsageError("unknown command '" + a.command + "'" + suggest(a.command, names));
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
