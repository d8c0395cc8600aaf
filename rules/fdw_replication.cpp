#include <string_view>

#include <fmt/format.h>

#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

/// The statement as written, and whether it only removes something that cannot exist on
/// DSQL (so apply may skip it).
struct Foreign {
  std::string_view what;  ///< empty when the statement is not this rule's
  bool removes = false;
};

Foreign classify(const Node* node) {
  switch (nodeTag(node)) {
    case T_CreateFdwStmt: return {"CREATE FOREIGN DATA WRAPPER"};
    case T_AlterFdwStmt: return {"ALTER FOREIGN DATA WRAPPER"};
    case T_CreateForeignServerStmt: return {"CREATE SERVER"};
    case T_AlterForeignServerStmt: return {"ALTER SERVER"};
    case T_CreateForeignTableStmt: return {"CREATE FOREIGN TABLE"};
    case T_CreateUserMappingStmt: return {"CREATE USER MAPPING"};
    case T_AlterUserMappingStmt: return {"ALTER USER MAPPING"};
    case T_ImportForeignSchemaStmt: return {"IMPORT FOREIGN SCHEMA"};
    case T_CreatePublicationStmt: return {"CREATE PUBLICATION"};
    case T_AlterPublicationStmt: return {"ALTER PUBLICATION"};
    case T_CreateSubscriptionStmt: return {"CREATE SUBSCRIPTION"};
    case T_AlterSubscriptionStmt: return {"ALTER SUBSCRIPTION"};
    case T_DropUserMappingStmt: return {"DROP USER MAPPING", true};
    case T_DropSubscriptionStmt: return {"DROP SUBSCRIPTION", true};
    case T_DropStmt:
      switch (reinterpret_cast<const DropStmt*>(node)->removeType) {
        case OBJECT_FDW: return {"DROP FOREIGN DATA WRAPPER", true};
        case OBJECT_FOREIGN_SERVER: return {"DROP SERVER", true};
        case OBJECT_FOREIGN_TABLE: return {"DROP FOREIGN TABLE", true};
        case OBJECT_PUBLICATION: return {"DROP PUBLICATION", true};
        default: return {};
      }
    default: return {};
  }
}

void check(const Statement& stmt, Context&, Findings& out) {
  if (!stmt.node()) return;
  const Foreign foreign = classify(stmt.node());
  if (foreign.what.empty()) return;
  if (foreign.removes) {
    out.report(stmt, StatementClass::Strip,
               fmt::format("DSQL has no foreign data wrappers or logical replication, so apply skips {}", foreign.what))
        .help("delete the statement: what it drops cannot exist on DSQL");
    return;
  }
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL rejects {}: it has no foreign data wrappers and no logical replication", foreign.what))
      .help("move data between databases outside SQL (AWS DMS, an export and import, or the application); "
            "DSQL replicates across Regions itself with multi-Region clusters");
}

const RuleRegistrar kRule{{
    .id = "fdw-replication",
    .summary = "foreign data wrappers, servers, foreign tables, user mappings, publications, subscriptions",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateFdwStmt, T_AlterFdwStmt, T_CreateForeignServerStmt, T_AlterForeignServerStmt,
              T_CreateForeignTableStmt, T_CreateUserMappingStmt, T_AlterUserMappingStmt, T_ImportForeignSchemaStmt,
              T_CreatePublicationStmt, T_AlterPublicationStmt, T_CreateSubscriptionStmt, T_AlterSubscriptionStmt,
              T_DropUserMappingStmt, T_DropSubscriptionStmt, T_DropStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
