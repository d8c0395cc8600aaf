#include "core/compiled_format.h"
#include "core/edits.h"
#include "lint/names.h"
#include "lint/not_valid_rewrite.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

/// Edits that turn the whole DO statement into the ALTER TABLE, NOT VALID.
std::vector<Edit> unwrap(const Statement& stmt, const DrizzleFkIdiom& idiom, const NotValidRewrite& rewrite) {
  if (idiom.in_file) {
    std::vector<Edit> edits{Edit{Span{stmt.span().begin, idiom.alter_span.begin}, ""}};
    edits.insert(edits.end(), rewrite.edits.begin(), rewrite.edits.end());
    edits.push_back(Edit{Span{idiom.alter_span.end, stmt.span().end}, ""});
    return edits;
  }
  // The body was a quoted string with escapes: its offsets are the ALTER's own.
  return {Edit{stmt.span(), apply_edits(idiom.alter_sql, 0, rewrite.edits)}};
}

void check(const Statement& stmt, Context& ctx, Findings& out) {
  const DrizzleFkIdiom& idiom = drizzle_fk_idiom(stmt, ctx);
  if (!idiom.matches) return;
  const std::string table = display_name(idiom.alter->relation);
  const Span at = idiom.in_file ? idiom.alter_span : stmt.span();
  if (!ctx.target.supports(Feature::ForeignKeys)) {
    out.report(stmt, StatementClass::Strip,
               compiled_format(
                   FMT_COMPILE("DSQL as of {} has no foreign keys; this DO block adding one to table {} is skipped"),
                   ctx.target.name, table))
        .at(at)
        .help("enforce the relationship in the application, or target DSQL from 2026-08-26 on");
    return;
  }
  const NotValidRewrite rewrite = not_valid_rewrite(idiom.alter, idiom.constraint, idiom.base, idiom.alter_span.end);
  out.report(stmt, StatementClass::Rewrite,
             compiled_format(
                 FMT_COMPILE("DSQL runs no DO blocks; this one only adds a foreign key to table {}"), table))
      .at(at)
      .help("run the ALTER TABLE on its own with NOT VALID, then ALTER TABLE ASYNC ... VALIDATE CONSTRAINT; "
            "apply does so and accepts an existing constraint (42710) when resuming")
      .fix(Applicability::Safe, "unwrap the DO block into ADD CONSTRAINT ... NOT VALID and an ASYNC validation",
           unwrap(stmt, idiom, rewrite), {rewrite.validate});
}

const RuleRegistrar kRule{{
    .id = "do-block-foreign-key",
    .summary = "Drizzle's DO block that adds a foreign key",
    .klass = StatementClass::Rewrite,
    .nodes = {T_DoStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
