#pragma once
#include <string>

#include "core/exit_code.h"

namespace dsqlint {

/// `dsqlint rules`: the catalogue, one rule a line (id, class, targets, summary), then the
/// allow-list of statement kinds; `kinds` prints only the allow-list.
ExitCode run_rules(bool json, bool kinds);

/// `dsqlint explain RULE`: the rule's documentation; a "did you mean" for a near miss.
ExitCode run_explain(const std::string& id);

}  // namespace dsqlint
