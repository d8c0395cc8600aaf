#pragma once
#include <string>

#include "core/exit_code.h"

namespace CLI {
class App;
}

namespace dsqlint {

/// The manual page dsqlint(1) in roff, built from the command line as `app` declares it
/// (every visible subcommand and option) and from the rule registry (id, class, summary),
/// so it cannot drift from the binary. The build writes it to dsqlint.1.
std::string man_page(const CLI::App& app);

/// Runs the hidden `dsqlint man`: prints man_page(app) to standard output.
ExitCode run_man(const CLI::App& app);

}  // namespace dsqlint
