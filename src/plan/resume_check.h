#pragma once
#include "lint/schema_changes.h"
#include "plan/plan.h"

namespace dsqlint {

/// Fills the step's `already_done_codes` and `verify_sql` from what the statement does
/// (runner-research.md §4.7): a 42P07 counts as done only for a CREATE whose relation
/// now exists, a 42701 only for an ADD COLUMN whose column exists, and so on.
void add_resume_check(Step& step, const SchemaChange& change);

/// The index a CREATE INDEX (or an ADD UNIQUE / PRIMARY KEY rewritten into one) builds:
/// its table, its name when the statement gives one, and its key.
BuiltIndex built_index(const SchemaChange& change);

/// The index as a quoted name in its table's schema ("public"."t_a_idx"); "" when unnamed.
std::string quoted_index_name(const BuiltIndex& index);

}  // namespace dsqlint
