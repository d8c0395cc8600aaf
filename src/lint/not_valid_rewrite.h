#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "parse/pg.h"

namespace dsqlint {

/// How DSQL adds a CHECK or FOREIGN KEY to an existing table: the constraint added
/// NOT VALID (named, so it can be referred to), then validated by an ASYNC job.
struct NotValidRewrite {
  std::vector<Edit> edits;  ///< in the coordinates of the ALTER TABLE's node locations
  std::string validate;     ///< ALTER TABLE ASYNC ... VALIDATE CONSTRAINT ...
};

/// `statement_end` is where the ALTER TABLE's text ends, in the same coordinates.
NotValidRewrite not_valid_rewrite(const AlterTableStmt* alter, const Constraint* constraint, uint32_t base,
                                  uint32_t statement_end);

class Findings;
class Statement;

/// Reports a constraint that DSQL accepts on an existing table only NOT VALID, in an
/// ALTER TABLE of its own: REWRITE to the two steps, or UNSUPPORTED when `alter` does
/// more. `what` names it ("a foreign key"); `clause` shows its form in the split advice.
void report_not_valid(const Statement& stmt, const AlterTableStmt* alter, const Constraint* constraint,
                      std::string_view what, std::string_view clause, Span at, Findings& out);

/// The constraints of type `type` that an ALTER TABLE adds (ADD [CONSTRAINT] ...).
std::vector<const Constraint*> added_constraints(const AlterTableStmt* alter, ConstrType type);

}  // namespace dsqlint
