#pragma once
#include <string>
#include <vector>

#include "catalog/schema.h"
#include "lint/file_result.h"
#include "lint/target.h"

namespace dsqlint {

/// A column holding an emulated enum: its table and its CHECK.
struct EnumColumn {
  const TableModel* table;
  const ConstraintModel* check;
};

/// Enums on DSQL, which has no CREATE TYPE (rules/enum_type.md says why this form): each
/// column of an enum type is text with a CHECK that allows the type's values, named
/// <table>_<column>_check. CREATE TYPE runs nothing and the model keeps the type; every
/// later statement that names it is rewritten: columns and casts become text, CREATE TABLE
/// and ADD COLUMN get the CHECK, ALTER TYPE replaces the CHECKs, and a change of a column
/// to another enum (Prisma's replacement) first checks that no row holds a removed value.
class EnumEmulation {
 public:
  EnumEmulation(FileResult& file, const TargetProfile& target) : file_(file), target_(target) {}

  /// Rewrites `statement` if it creates, changes or uses an emulated type; before the
  /// state rules and folding see it, so they see text columns and their CHECKs.
  void before_rules(StatementResult& statement, const Catalog& catalog);

 private:
  void create_type(StatementResult& statement, const SchemaChange& change);
  void add_value(StatementResult& statement, const SchemaChange& change, const Catalog& catalog);
  void rename_value(StatementResult& statement, const SchemaChange& change, const Catalog& catalog);
  void rename_in_rows(StatementResult& statement, const SchemaChange& change, const EmulatedTypeModel& type,
                      const std::vector<EnumColumn>& columns);
  void retype(StatementResult& statement, const Catalog& catalog);

  FileResult& file_;
  const TargetProfile& target_;
};

}  // namespace dsqlint
