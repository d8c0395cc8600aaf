#include "plan/recreation_step.h"

#include "plan/planner.h"
#include "plan/recreation_spec.h"

namespace dsqlint {

void plan_recreation(Step& step, const FileResult& file, const StatementResult& statement, Provider provider) {
  if (!statement.table_definition) {
    step.kind = StepKind::Refuse;
    step.note = "cannot rebuild the table: its definition is unknown (created outside these migrations)";
    return;
  }
  // The suffix names the helper tables per migration and statement, so a rerun finds them.
  const std::string suffix = normalized_sha256(file.source.text).substr(0, 8) + "_" + std::to_string(statement.index);
  const std::string& alter = statement.extra->recreation_sql.empty() ? step.sql : statement.extra->recreation_sql;
  auto spec = recreation_spec(*statement.table_definition, alter, suffix, provider == Provider::AuroraDsql,
                              statement.extra->dependents);
  if (!spec) {
    step.kind = StepKind::Refuse;
    step.note = "cannot rebuild the table: " + spec.error().message;
    return;
  }
  step.recreation = std::make_shared<const RecreationSpec>(std::move(*spec));
}

std::vector<std::string> describe_recreation(const Step& step) {
  return step.recreation ? describe(*step.recreation) : std::vector<std::string>{};
}

}  // namespace dsqlint
