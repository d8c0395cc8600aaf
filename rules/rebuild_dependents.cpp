#include <optional>

#include "core/compiled_format.h"
#include "catalog/dependents.h"
#include "lint/file_result.h"
#include "lint/rule.h"
#include "lint/state_helpers.h"

namespace dsqlint::rules {
namespace {

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return out;
}

void check(const SchemaChange& change, const StateContext& ctx, Findings& out) {
  // Once per statement: its first change names the table it rebuilds.
  if (ctx.statement.klass != StatementClass::Recreation || &change != &ctx.statement.changes.front()) return;
  std::optional<TableDependents> found;  // replay finds them once for a RECREATION's rules and itself
  const TableDependents& dependents = ctx.dependents ? *ctx.dependents : found.emplace(dependents_of(ctx.catalog, change.table));
  if (dependents.empty()) return;
  std::vector<std::string> keys, holders, views;
  for (const auto& [holder, key] : dependents.keys) {
    keys.push_back(display_key(holder) + "." + key.name);
    if (holders.empty() || holders.back() != display_key(holder)) holders.push_back(display_key(holder));
  }
  for (const ViewModel& view : dependents.views) views.push_back(display_key(view.key()));
  std::string what;
  if (!keys.empty()) what = compiled_format(FMT_COMPILE("foreign key{} {}"), keys.size() > 1 ? "s" : "", listed(keys));
  if (!views.empty())
    what += compiled_format(FMT_COMPILE("{}read by view{} {}"), what.empty() ? "" : ", and is ",
                            views.size() > 1 ? "s" : "", listed(views));
  out.report(change.span, StatementClass::Ok,
             compiled_format(FMT_COMPILE("table {} that apply rebuilds is {}{}"), display_key(change.table),
                             keys.empty() ? "" : "referenced by ", what))
      .help(keys.empty()
                ? "apply drops the views just before the swap and creates them again right after it"
                : compiled_format(
                      FMT_COMPILE("apply drops the keys just before the swap and adds them back right after it (NOT VALID, "
                                  "then validated){}; until then nothing checks rows written to {}: stop writes to them "
                                  "during the rebuild"),
                      views.empty() ? "" : ", and recreates the views", listed(holders)));
}

const RuleRegistrar kRule{{
    .id = "rebuild-dependents",
    .summary = "a table apply rebuilds is referenced by other tables' foreign keys or read by views",
    .klass = StatementClass::Ok,
    .targets = Targets::Dsql,
    .state = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
