#pragma once
#include <string>
#include <string_view>

#include "core/result.h"

namespace dsqlint {

/// DSQL features that arrived during 2026 (dsql-reference.md §0). Rules ask the target
/// whether a feature exists instead of comparing dates themselves.
enum class Feature {
  NumericIndexKeys,      ///< 2026-02-03
  Sequences,             ///< 2026-02-13: identity columns and CREATE SEQUENCE
  Json,                  ///< 2026-05-04
  Jsonb,                 ///< 2026-06-08
  AlterColumnDefaults,   ///< 2026-07-06: SET/DROP DEFAULT, DROP NOT NULL, DROP CONSTRAINT ...
  NotValidConstraints,   ///< 2026-08-03: ADD ... NOT VALID and ALTER TABLE ASYNC ... VALIDATE
  DropColumn,            ///< 2026-08-03
  ExpressionIndexes,     ///< 2026-08-13
  ForeignKeys,           ///< 2026-08-26
  Statistics,            ///< 2026-08-27
  PartialIndexes,        ///< 2026-09-15
};

enum class Engine { Dsql, Postgres };

/// What the migrations must run on: `dsql` (newest documented DSQL), `dsql:YYYY-MM-DD`
/// (DSQL as of that day) or `postgres` (PostgreSQL 16: Aurora Serverless v2, Neon).
struct TargetProfile {
  Engine engine = Engine::Dsql;
  int date = 99991231;  ///< yyyymmdd; features released after it are off
  std::string name = "dsql";

  bool is_dsql() const { return engine == Engine::Dsql; }
  /// Whether DSQL (as of `date`) has the feature; PostgreSQL has every feature.
  bool supports(Feature feature) const;
};

Result<TargetProfile> parse_target(std::string_view text);

/// The day a feature arrived on DSQL, as "YYYY-MM-DD" (for messages and docs).
std::string_view feature_date(Feature feature);

}  // namespace dsqlint
