#pragma once
#include <string>
#include <vector>

#include "lint/file_result.h"
#include "plan/plan.h"

namespace dsqlint {

/// Makes `step` the rebuild of the table a RECREATION statement changes, from the
/// catalog's definition; a step the rebuild cannot express becomes Refuse with the reason.
void plan_recreation(Step& step, const FileResult& file, const StatementResult& statement, Provider provider);

/// The rebuild's phases as `dsqlint plan` prints them.
std::vector<std::string> describe_recreation(const Step& step);

}  // namespace dsqlint
