#include "lint/serial_emulation.h"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/object_key.h"
#include "catalog/object_names.h"
#include "catalog/table_ops.h"
#include "lint/names.h"
#include "lint/state_helpers.h"

namespace dsqlint {

namespace {

using Kind = SchemaChange::Kind;

constexpr std::string_view kRule = "serial-type";

const ColumnModel* serial_column(const Catalog& catalog, const std::string& table, const std::string& column) {
  const TableModel* model = catalog.table(table);
  const ColumnModel* found = model ? model->column(column) : nullptr;
  return found && is_serial(found->type->name) ? found : nullptr;
}

/// The key of the sequence PostgreSQL made for the serial column: the name it was made with,
/// kept when the table or the column was renamed since; else after the names they have.
std::string sequence_key(const std::string& table, const ColumnModel& column) {
  const std::string& made = column.extra->serial_sequence;
  return object_key(key_schema(table), made.empty() ? make_object_name(key_name(table), column.name, "seq") : made);
}

void report(StatementResult& statement, StatementClass klass, std::string message, std::string help) {
  statement.findings.push_back(Finding{.rule = kRule,
                                       .klass = klass,
                                       .severity = default_severity(klass),
                                       .message = std::move(message),
                                       .help = std::move(help),
                                       .span = statement.span});
  statement.klass = std::max(statement.klass, klass);
}

/// Whether the statement also drops or sets the default of `column`: says what it becomes.
bool sets_default(const StatementResult& statement, const std::string& column) {
  return std::any_of(statement.changes.begin(), statement.changes.end(), [&](const SchemaChange& c) {
    return c.kind == Kind::SetColumnDefault && c.name == column;
  });
}

/// A serial retyped to a type no identity can have: PostgreSQL keeps its nextval(...)
/// default, DSQL's column (a rebuild's, or a fold's) gets none. Class OK: the statement's
/// class stays the rebuild's, or the fold's that settles it.
void warn_default_gone(StatementResult& statement, const SchemaChange& change, const std::string& sequence) {
  statement.findings.push_back(Finding{
      .rule = kRule,
      .klass = StatementClass::Ok,
      .severity = Severity::Warning,
      .message = fmt::format("column {} is an identity column on DSQL (apply made it of a serial), which a {} column "
                             "cannot be, so apply makes it with no default, where PostgreSQL keeps nextval('{}') as "
                             "its default",
                             change.name, change.column.type->sql, key_name(sequence)),
      .help = "give later rows a value for the column (SET DEFAULT, or the application), and say so by setting or "
              "dropping the default in this ALTER TABLE (ALTER COLUMN ... DROP DEFAULT, as Prisma does)",
      .span = statement.span});
}

}  // namespace

void SerialEmulation::before_rules(StatementResult& statement, const Catalog& catalog) {
  retyped_.clear();
  const auto drops_gone_sequence = [&](const SchemaChange& c) {
    if (c.kind != Kind::DropSequence) return false;  // asked of every statement: no key built for others
    const auto it = catalog.missing.find("sequence " + c.table);
    return it != catalog.missing.end() && !it->second.stripped;
  };
  const bool drops_gone_sequences =
      !statement.changes.empty() &&
      std::all_of(statement.changes.begin(), statement.changes.end(), drops_gone_sequence);
  if (drops_gone_sequences) {
    const Origin& gone = catalog.missing.at("sequence " + statement.changes.front().table);
    report(statement, StatementClass::Strip,
           fmt::format("sequence {} is gone on DSQL: it was the sequence of an identity column that apply made of a "
                       "serial, and went with the identity at {}; apply skips dropping it",
                       display_key(statement.changes.front().table), describe(gone)),
           "delete the statement, or write DROP SEQUENCE IF EXISTS");
    statement.rewritten.clear();
    statement.runs_as_written = false;
    return;
  }
  for (const SchemaChange& change : statement.changes) {
    if (change.kind != Kind::SetColumnDefault && change.kind != Kind::AlterColumnType) continue;
    const ColumnModel* serial = serial_column(catalog, change.table, change.name);
    if (!serial) continue;
    if (change.kind == Kind::AlterColumnType) {
      retyped_.push_back({change.table, change.name, sequence_key(change.table, *serial)});
      if (!is_integer_type(change.column.type->name) && !sets_default(statement, change.name))
        warn_default_gone(statement, change, sequence_key(change.table, *serial));
      continue;
    }
    if (!change.column.default_sql.empty()) continue;  // SET DEFAULT: PostgreSQL refuses it on an identity too
    retyped_.push_back({change.table, change.name, sequence_key(change.table, *serial)});
    if (statement.klass >= StatementClass::Recreation) continue;  // the rebuild creates the column without identity
    if (statement.changes.size() > 1) {
      report(statement, StatementClass::Unsupported,
             fmt::format("column {} is an identity column on DSQL (apply made it of a serial), which has no default to "
                         "drop, and this ALTER TABLE does more than drop it",
                         change.name),
             "drop the default in an ALTER TABLE of its own: apply runs that as DROP IDENTITY");
      continue;
    }
    report(statement, StatementClass::Rewrite,
           fmt::format("column {} is an identity column on DSQL (apply made it of a serial), and PostgreSQL refuses "
                       "DROP DEFAULT on one, so apply runs DROP IDENTITY, which drops its sequence too",
                       change.name),
           "write ALTER COLUMN ... DROP IDENTITY; a later DROP SEQUENCE of its sequence is then skipped");
    statement.rewritten = {fmt::format("ALTER TABLE {}.{} ALTER COLUMN {} DROP IDENTITY",
                                       quote_identifier(key_schema(change.table)),
                                       quote_identifier(key_name(change.table)), quote_identifier(change.name))};
    statement.runs_as_written = false;
  }
}

void SerialEmulation::end_identities(const StatementResult& statement, Catalog& catalog) {
  if (statement.klass >= StatementClass::Strip && statement.klass != StatementClass::Recreation) return;
  for (const Retyped& retyped : retyped_) {
    TableModel* table = catalog.table(retyped.table);
    ColumnModel* column = table ? table->column(retyped.column) : nullptr;
    if (!column || is_serial(column->type->name)) continue;  // still a serial: an identity on DSQL
    if (is_integer_type(column->type->name) && !statement.folded_into)  // an identity dropped: bigint, as DSQL made it
      column->type = bigint_type();
    catalog.missing["sequence " + retyped.sequence] =
        Origin{file_.source.path, statement.index, false};
  }
}

}  // namespace dsqlint
