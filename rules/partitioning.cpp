#include <fmt/format.h>

#include "lint/names.h"
#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

void check(const Statement& stmt, Context&, Findings& out) {
  const auto* create = stmt.as<CreateStmt>();
  if (!create || !create->relation) return;
  const std::string table = display_name(create->relation);
  if (create->partbound) {
    out.report(stmt, StatementClass::Unsupported,
               fmt::format("DSQL has no partitioning and rejects table {} as PARTITION OF another table", table))
        .at(stmt.word_or_start("PARTITION"))
        .help("keep the rows in the one parent table (DSQL distributes storage by primary key itself), or create an "
              "ordinary table with its own columns if it must stay separate");
    return;
  }
  if (!create->partspec) return;
  const auto keyword = stmt.find_word("PARTITION");
  out.report(stmt, StatementClass::Unsupported,
             fmt::format("DSQL has no partitioning and rejects the PARTITION BY clause of table {}", table))
      .at(keyword ? keyword->span : stmt.word_or_start("CREATE"))
      .help("delete PARTITION BY and drop the PARTITION OF tables: DSQL spreads storage by primary key itself. "
            "Check first that nothing relies on the partitions (data placement, dropping a partition to delete old "
            "rows, per-partition indexes), since that is lost");
}

const RuleRegistrar kRule{{
    .id = "partitioning",
    .summary = "CREATE TABLE ... PARTITION BY / PARTITION OF",
    .klass = StatementClass::Unsupported,
    .nodes = {T_CreateStmt},
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
