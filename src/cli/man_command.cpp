#include "cli/man_command.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "core/finding.h"
#include "lint/rule.h"

namespace dsqlint {

namespace {

/// Text for roff: backslashes and hyphens escaped, a leading '.' or '\'' made literal.
std::string roff(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  if (out.starts_with('.') || out.starts_with('\'')) out.insert(0, "\\&");
  return out;
}

bool visible(const CLI::App* app) { return !app->get_group().empty(); }

std::string usage(const CLI::App& command) {
  std::string out = fmt::format(".B dsqlint {}\n", roff(command.get_name()));
  if (!command.get_options([](const CLI::Option* o) { return o->nonpositional(); }).empty()) out += "[\\fIoptions\\fR]\n";
  for (const CLI::Option* option : command.get_options([](const CLI::Option* o) { return !o->nonpositional(); })) {
    const std::string name = roff(option->get_name(true));
    const bool many = option->get_items_expected_max() > 1;
    out += option->get_required() ? fmt::format("\\fI{}\\fR{}\n", name, many ? "..." : "")
                                  : fmt::format("[\\fI{}\\fR{}]\n", name, many ? "..." : "");
  }
  return out;
}

std::string options(const CLI::App& command) {
  std::string out;
  for (const CLI::Option* option : command.get_options()) {
    if (!option->nonpositional() || option->get_name() == "--help" || option->get_group().empty()) continue;
    out += ".TP\n";
    out += fmt::format(".B {}\n", roff(option->get_name(false, true)));
    std::string text = option->get_description();
    if (!option->get_default_str().empty()) text += fmt::format(" (default: {})", option->get_default_str());
    out += roff(text) + "\n";
  }
  return out;
}

std::string commands(const CLI::App& app) {
  std::string out = ".SH COMMANDS\n";
  for (const CLI::App* command : app.get_subcommands([](const CLI::App* sub) { return visible(sub); })) {
    out += fmt::format(".SS {}\n", roff(command->get_name()));
    out += usage(*command) + ".br\n" + roff(command->get_description()) + ".\n";
    out += options(*command);
  }
  return out;
}

std::string rule_catalogue() {
  std::string out =
      ".SH RULES\n"
      "Each finding names one rule. The class says what \\fBdsqlint apply\\fR does with the statement;\n"
      "\\fBdsqlint explain\\fR \\fIRULE\\fR prints a rule's full documentation;\n"
      "\\fBdsqlint rules \\-\\-kinds\\fR prints the allow\\-list: every statement kind of PostgreSQL 16\n"
      "and what DSQL does with it.\n";
  for (const Rule* rule : all_rules()) {
    out += fmt::format(".TP\n.B {}\n", roff(rule->id));
    out += fmt::format("{} ({}, {})\n", roff(rule->summary), class_name(rule->klass),
                       severity_name(default_severity(rule->klass)));
  }
  return out;
}

constexpr std::string_view kHead = R"(.SH DESCRIPTION
dsqlint reads PostgreSQL migrations with PostgreSQL's own parser (libpg_query), gives every
statement one class \(em what Amazon Aurora DSQL does with it and what \fBdsqlint apply\fR runs \(em
and explains each finding with a rule id, a \fIpath\fR:\fIline\fR:\fIcolumn\fR location and the remedy.
Drizzle Kit folders (\fB\-\-> statement\-breakpoint\fR, \fBmeta/_journal.json\fR) work as they are.
A folder is read in journal order when it has one, in name order otherwise; \fB\-\fR reads standard input.
.PP
\fBdsqlint fix\fR rewrites files in place with the safe fixes of every finding (\fB\-\-unsafe\-fixes\fR
adds the unsafe ones), inserting follow\-up statements after the fixed one, and keeps byte order marks
and CRLF line ends. \fB\-\-diff\fR prints the change as a unified diff instead.
)";

constexpr std::string_view kTail = R"(.SH EXIT STATUS
.TP
.B 0
nothing at or above \fB\-\-fail\-on\fR (for \fBfix \-\-diff\fR: nothing to change)
.TP
.B 1
findings at or above \fB\-\-fail\-on\fR; syntax errors are findings (for \fBfix \-\-diff\fR: there are changes)
.TP
.B 2
usage or input error: unknown option or target, missing path, unreadable, binary, empty or non\-UTF\-8 file
.SH FILES
.TP
.I share/doc/dsqlint/rules/*.md
the documentation of every rule, under the installation prefix (also built into the binary)
.SH EXAMPLES
.nf
dsqlint check \-\-fail\-on error migrations
dsqlint check \-\-format json \-o report.json drizzle
dsqlint fix \-\-diff migrations
cat 0001.sql | dsqlint fix \- \-\-stdin\-filename migrations/0001.sql
.fi
.PP
A pre\-commit hook (\fB.pre\-commit\-config.yaml\fR), with dsqlint installed on the PATH:
.PP
.nf
repos:
  \- repo: local
    hooks:
      \- id: dsqlint
        name: dsqlint
        entry: dsqlint check
        language: system
        files: \e.sql$
.fi
.SH SEE ALSO
.BR pre\-commit (1),
.BR psql (1)
)";

}  // namespace

std::string man_page(const CLI::App& app) {
  std::string out = fmt::format(".TH DSQLINT 1 \"\" \"dsqlint {}\" \"User Commands\"\n", DSQLINT_VERSION);
  out += ".SH NAME\ndsqlint \\- make PostgreSQL migrations safe to run on Amazon Aurora DSQL\n";
  out += ".SH SYNOPSIS\n.B dsqlint\n\\fICOMMAND\\fR [\\fIoptions\\fR] [\\fIPATH\\fR...]\n.br\n.B dsqlint\n\\-\\-version\n";
  out += kHead;
  out += commands(app);
  out += rule_catalogue();
  out += kTail;
  return out;
}

ExitCode run_man(const CLI::App& app) {
  std::cout << man_page(app);
  return std::cout ? ExitCode::kClean : ExitCode::kUsage;
}

}  // namespace dsqlint
