#pragma once
#include <string>

#include "core/exit_code.h"

namespace dsqlint {

/// `dsqlint rules`: the catalogue, one rule a line (id, class, targets, summary).
ExitCode run_rules(bool json);

/// `dsqlint explain RULE`: the rule's documentation; a "did you mean" for a near miss.
ExitCode run_explain(const std::string& id);

}  // namespace dsqlint
