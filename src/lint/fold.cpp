#include "lint/fold.h"

#include <algorithm>
#include <utility>

#include "catalog/object_key.h"
#include "catalog/render.h"
#include "catalog/table_ops.h"
#include "lint/linter.h"
#include "lint/replay.h"
#include "parse/deparse.h"
#include "parse/parsed_file.h"
#include "parse/pg.h"

namespace dsqlint {

namespace {

using Kind = SchemaChange::Kind;

constexpr std::string_view kRule = "fold-into-create-table";

/// The help of a statement folded away: `fix` moves it into the CREATE TABLE only when the
/// table has no emulated enum column (update_create says why).
std::string folded_help(bool fixable) {
  return fixable ? "apply runs nothing for this statement; `dsqlint fix` moves the change into the CREATE TABLE"
                 : "apply runs nothing for this statement; `dsqlint fix` leaves it here, since the CREATE TABLE "
                   "it folds into has an emulated enum column, whose CHECK the file does not spell out";
}

/// The rules whose findings a fold settles: they flag an ALTER that DSQL cannot run on an
/// existing table, which the CREATE TABLE of the still empty table can say instead.
bool settled_by_fold(std::string_view rule) {
  static const std::set<std::string_view> rules = {
      "alter-add-primary-key", "alter-add-unique",         "alter-set-not-null",     "alter-drop-not-null",
      "alter-set-drop-default", "alter-column-type",       "add-column-with-constraint", "serial-in-add-column",
      "fk-add-without-not-valid", "check-add-without-not-valid", "alter-drop-column", "alter-drop-constraint",
      "identity-cache-missing", "create-index-sync",       "create-index-concurrently", "if-not-exists-invalid-index",
      "do-block-foreign-key", "index-using-method", "enum-type", "rebuild-without-key"};
  return rules.contains(rule);
}

/// A CREATE UNIQUE INDEX that a UNIQUE constraint of the same name can stand for: plain
/// columns, no predicate, the default method (Drizzle writes USING btree).
bool plain_unique_index(const IndexModel& index) {
  if (!index.unique || !index.extra->predicate_sql.empty() || index.name.empty()) return false;
  if (!index.extra->method.empty() && index.extra->method != "btree") return false;
  return std::all_of(index.keys.begin(), index.keys.end(), [](const IndexKeyModel& key) {
    return !key.column.empty() && key.extra->empty() && !key.ordering && !key.nulls;
  });
}

/// Whether a USING expression only casts the column to its new type.
bool only_casts(const std::string& using_sql, const std::string& column) {
  if (using_sql.empty()) return true;
  ParsedFile arena;
  const Node* expression = parse_expression(arena, using_sql);
  if (!expression || !IsA(expression, TypeCast)) return false;
  const Node* argument = castNode(TypeCast, const_cast<Node*>(expression))->arg;
  if (!argument || !IsA(argument, ColumnRef)) return false;
  const List* fields = castNode(ColumnRef, const_cast<Node*>(argument))->fields;
  return list_length(fields) == 1 && IsA(linitial(fields), String) && column == strVal(linitial(fields));
}

/// A folded CREATE UNIQUE INDEX becomes a UNIQUE constraint of the same name: no index job.
void index_to_constraint(TableModel& table, const std::string& name) {
  const IndexModel* index = table.index(name);
  if (!index) return;
  table.constraints.push_back(ConstraintModel{.name = name, .kind = ConstraintKind::Unique, .columns = index->columns(),
                                              .include = index->extra->include,
                                              .nulls_not_distinct = index->nulls_not_distinct});
  drop_index(table, name);
}

bool only_indexes(const StatementResult& statement) {
  return std::all_of(statement.changes.begin(), statement.changes.end(),
                     [](const SchemaChange& change) { return change.kind == Kind::CreateIndex; });
}

std::string listed(const std::vector<uint32_t>& indexes) {
  std::string out;
  for (size_t i = 0; i < indexes.size(); ++i)
    out += (i == 0 ? "" : i + 1 == indexes.size() ? " and " : ", ") + std::to_string(indexes[i]);
  return out;
}

}  // namespace

const std::vector<const std::string*>& TableFolding::touched(const StatementResult& statement, const Catalog& catalog) {
  std::vector<const std::string*>& tables = touched_;
  tables.clear();
  const auto add = [&tables](const std::string& table) {
    if (std::none_of(tables.begin(), tables.end(), [&](const std::string* seen) { return *seen == table; }))
      tables.push_back(&table);
  };
  for (const SchemaChange& change : statement.changes) {
    if (change.kind == Kind::RenameIndex || change.kind == Kind::DropIndex || change.kind == Kind::CommentIndex) {
      if (const auto owner = catalog.index_owner.find(change.name); owner != catalog.index_owner.end())
        add(owner->second);
    } else if (!change.table.empty()) {
      add(change.table);
    }
  }
  return tables;
}

bool TableFolding::foldable(const StatementResult& statement, const std::string& table, const Window& window,
                            const Catalog& catalog) {
  // Only what DSQL refuses of an ALTER on an existing table (even in one statement) folds away.
  if (statement.parse_error || statement.klass == StatementClass::Strip) return false;
  for (const Finding& finding : statement.findings)
    if (finding.klass > StatementClass::Ok && !settled_by_fold(finding.rule)) return false;
  const StatementResult& create = file_.statements[window.create];
  // Made by the file after the CREATE TABLE: what the CREATE TABLE cannot name.
  const auto made_later = [&](const Origin* origin) {
    return origin && origin->path == file_.source.path && origin->statement > create.index;
  };
  for (const SchemaChange& change : statement.changes) {
    // A sequence its default draws from, or a domain that is its type (pg_dump writes
    // CREATE TABLE, then CREATE SEQUENCE, then SET DEFAULT nextval(...)).
    for (const std::string& sequence : change.column.extra->sequences) {
      const auto made = catalog.sequences.find(sequence);
      if (made_later(made == catalog.sequences.end() ? nullptr : &made->second)) return false;
    }
    // The type's name is kept without its schema: a domain of that name in any schema.
    for (const auto& [key, domain] : catalog.domains)
      if (key_name(key) == change.column.type->name && made_later(&domain.origin)) return false;
    switch (change.kind) {
      case Kind::AddConstraint: {
        if (!change.name.empty() || change.constraint.kind == ConstraintKind::Exclusion) return false;
        if (change.constraint.kind != ConstraintKind::ForeignKey || change.constraint.references->table == table) break;
        // The table it references must exist where the CREATE TABLE runs.
        const TableModel* target = catalog.table(change.constraint.references->table);
        if (!target || (target->origin.path == file_.source.path && target->origin.statement > create.index)) return false;
        break;
      }
      case Kind::AlterColumnType:
        if (!only_casts(change.expression_sql, change.name) || !catalog.table(table)->indexes.empty()) return false;
        break;
      case Kind::CreateIndex:
        if (!plain_unique_index(change.index)) return false;
        break;
      case Kind::DropColumn:
      case Kind::RenameColumn:
        // An index built since the CREATE TABLE (it runs as written) may use the column.
        if (!catalog.table(table)->indexes.empty()) return false;
        break;
      case Kind::SetNotNull:
      case Kind::DropNotNull:
      case Kind::SetColumnDefault:
      case Kind::AddColumn:
      case Kind::SetIdentity: break;
      default: return false;
    }
  }
  // The folded definition must run on the target as it is: try it on a copy.
  Catalog scratch;
  scratch.add_table(*catalog.table(table));
  for (const SchemaChange& change : statement.changes) {
    apply_change(scratch, change, Origin{file_.source.path, statement.index});
    if (change.kind == Kind::CreateIndex) index_to_constraint(*scratch.table(table), change.index.name);
  }
  (void)window;
  const TableModel* changed = scratch.table(table);
  // A UNIQUE whose index another key builds (Prisma's unique index, then a primary key on
  // the same columns) would not be created by the CREATE TABLE: it stays a statement.
  if (changed && std::any_of(changed->constraints.begin(), changed->constraints.end(),
                             [&](const ConstraintModel& c) { return created_instead(*changed, c) != nullptr; }))
    return false;
  // The catalog's table is this copy once the statement is applied: after_apply renders it so.
  folded_steps_ = changed ? folded_sql(*changed, create) : std::nullopt;
  return folded_steps_.has_value();
}

std::optional<std::vector<std::string>> TableFolding::folded_sql(const TableModel& table,
                                                                 const StatementResult& create) const {
  // Without IF NOT EXISTS: on a table that exists already, the folded changes would be
  // skipped without a word; failing with 42P07 is the honest outcome.
  const auto sql = render_create_table(table, {.unqualified = create.changes.front().unqualified});
  if (!sql) return std::nullopt;
  // Linted as any CREATE TABLE is: what DSQL would refuse in it cannot be folded.
  const FileResult linted = lint_statements(make_source(file_.source.path, *sql), target_);
  if (linted.statements.size() != 1 || linted.statements[0].klass > StatementClass::Rewrite) return std::nullopt;
  const StatementResult& rendered = linted.statements[0];
  return rendered.rewritten.empty() ? std::vector<std::string>{*sql} : rendered.rewritten;
}

void TableFolding::drop_folded_index(StatementResult& statement, const Catalog& catalog) {
  for (SchemaChange& change : statement.changes) {
    if (change.kind != Kind::DropIndex) continue;
    const auto owner = catalog.index_owner.find(change.name);
    const TableModel* table = owner == catalog.index_owner.end() ? nullptr : catalog.table(owner->second);
    const std::string name(key_name(change.name));
    const ConstraintModel* key = table ? table->constraint(name) : nullptr;
    if (!key || !key->is_key() || table->index(name)) continue;
    const auto sql = render_drop_constraint(table->schema, table->name, name);
    if (!sql) continue;
    change = SchemaChange{.kind = Kind::DropConstraint, .table = table->key(), .name = name, .span = change.span};
    statement.findings.push_back(Finding{
        .rule = kRule,
        .klass = StatementClass::Rewrite,
        .severity = default_severity(StatementClass::Rewrite),
        .message = "index " + name + " is the UNIQUE constraint " + name + " of table " + table->name +
                   " (its CREATE UNIQUE INDEX was folded into CREATE TABLE), so apply drops the constraint",
        .help = "write ALTER TABLE ... DROP CONSTRAINT " + name,
        .span = statement.span});
    statement.klass = std::max(statement.klass, StatementClass::Rewrite);
    statement.rewritten = {*sql};
    statement.runs_as_written = false;
  }
}

void TableFolding::fold(StatementResult& statement, const std::string& table, Window& window) {
  const StatementResult& create = file_.statements[window.create];
  // What the statement would have needed (a rebuild, and the keys it carries) no longer applies.
  std::erase_if(statement.findings, [](const Finding& finding) {
    return finding.klass > StatementClass::Ok || settled_by_fold(finding.rule) || finding.rule == "rebuild-dependents";
  });
  statement.findings.push_back(Finding{
      .rule = kRule,
      .klass = StatementClass::Rewrite,
      .severity = default_severity(StatementClass::Rewrite),
      .message = "folded into CREATE TABLE " + std::string(key_name(table)) + " (statement " +
                 std::to_string(create.index) + "), which creates the table with this change while it is still empty",
      .help = folded_help(true),
      .span = statement.span});
  statement.klass = StatementClass::Rewrite;
  statement.rewritten.clear();
  statement.runs_as_written = false;
  statement.folded_into = create.index;
  window.folded.push_back(statement.index);
}

void TableFolding::before_apply(StatementResult& statement, const Catalog& catalog) {
  opening_.clear();
  folding_.clear();
  drop_folded_index(statement, catalog);
  if (statement.writes == "*") open_.clear();
  else if (!statement.writes.empty()) open_.erase(statement.writes);
  end_read_folds(statement);
  const bool runs = !statement.parse_error && statement.klass <= StatementClass::Rewrite;
  if (!statement.changes.empty() && statement.changes.front().kind == Kind::CreateTable) {
    const std::string& table = statement.changes.front().table;
    open_.erase(table);
    if (runs && !catalog.table(table) && statement.changes.size() == 1) opening_ = table;
    return;
  }
  if (open_.empty()) return;  // no fold to join or end
  // pg_dump's ALTER TABLE ... OWNER TO between a CREATE TABLE and its keys: it runs as
  // written, and the definition it does not change may still be folded.
  if (!statement.changes.empty() && std::all_of(statement.changes.begin(), statement.changes.end(),
                                                [](const SchemaChange& c) { return c.kind == Kind::SetOwner; }))
    return;
  const std::vector<const std::string*>& tables = touched(statement, catalog);
  if (tables.size() == 1) return join_or_end(statement, catalog, *tables.front());
  // Anything else that touches a table ends its fold: what runs next sees the table as created.
  if (statement.klass != StatementClass::Strip)
    for (const std::string* table : tables) open_.erase(*table);
}

void TableFolding::join_or_end(StatementResult& statement, const Catalog& catalog, const std::string& table) {
  const auto window = open_.find(table);  // found once: the fold is joined or ended through it
  if (window == open_.end()) return;
  if (foldable(statement, window->first, window->second, catalog)) {
    fold(statement, window->first, window->second);
    folding_ = window->first;
    return;
  }
  // Another index on the still empty table is built as written, at once: the fold goes on.
  if (only_indexes(statement) && statement.klass <= StatementClass::Index) return note_empty(statement, window->first);
  if (statement.klass != StatementClass::Strip) open_.erase(window);
}

void TableFolding::end_read_folds(const StatementResult& statement) {
  for (const std::string& read : statement.extra->reads) open_.erase(read);
  for (const SchemaChange& change : statement.changes) {
    if (change.kind == Kind::CreateView)
      for (const std::string& read : change.view->reads) open_.erase(read);
    if (change.kind == Kind::CreateTable)
      for (const auto& [source, options] : change.like) open_.erase(source);
  }
}

void TableFolding::note_empty(StatementResult& statement, const std::string& table) {
  statement.findings.push_back(Finding{
      .rule = kRule,
      .klass = StatementClass::Ok,
      .severity = Severity::Info,
      .message = "table " + std::string(key_name(table)) +
                 " was created by this file and nothing has written rows to it, so this index is built at once",
      .span = statement.span});
}

void TableFolding::after_apply(const StatementResult& statement, Catalog& catalog) {
  if (!opening_.empty() && catalog.table(opening_))
    open_[opening_] = Window{.create = static_cast<size_t>(&statement - file_.statements.data())};
  if (folding_.empty()) return;
  for (const SchemaChange& change : statement.changes)
    if (change.kind == Kind::CreateIndex)
      if (TableModel* table = catalog.table(folding_)) index_to_constraint(*table, change.index.name);
  if (const auto window = open_.find(folding_); window != open_.end()) update_create(folding_, window->second, catalog);
}

void TableFolding::update_create(const std::string& table, const Window& window, const Catalog& catalog) {
  const TableModel* model = catalog.table(table);
  StatementResult& create = file_.statements[window.create];
  const auto steps = std::exchange(folded_steps_, std::nullopt);
  if (!model || !steps) return;
  std::erase_if(create.findings, [](const Finding& finding) { return finding.rule == kRule; });
  // An emulated enum's CHECK stays apply's business: written into the file, it would part
  // the file from the ORM's schema, which declares the enum.
  const bool emulates = std::any_of(model->constraints.begin(), model->constraints.end(),
                                    [](const ConstraintModel& c) { return !c.emulates.empty(); });
  Fix fix{.applicability = Applicability::Safe, .description = "fold the later changes into the CREATE TABLE"};
  fix.edits.push_back(Edit{create.span, steps->front()});
  fix.followups.assign(steps->begin() + 1, steps->end());
  for (StatementResult& folded : file_.statements) {
    if (folded.folded_into != create.index) continue;
    fix.edits.push_back(Edit{folded.span, "/* folded into CREATE TABLE " + model->name + " above by dsqlint fix */"});
    for (Finding& finding : folded.findings)
      if (finding.rule == kRule) finding.help = folded_help(!emulates);
  }
  create.findings.push_back(Finding{
      .rule = kRule,
      .klass = StatementClass::Rewrite,
      .severity = default_severity(StatementClass::Rewrite),
      .message = "CREATE TABLE " + model->name + " also holds the changes of statement" +
                 (window.folded.size() > 1 ? "s " : " ") + listed(window.folded) +
                 ", folded while the table is empty",
      .help = std::string("apply creates the table as it is after those statements, which then run as nothing") +
              (create.changes.front().replace ? "; without IF NOT EXISTS, so a table that exists already is "
                                                 "an error rather than a change silently skipped"
                                               : ""),
      .span = create.span,
      .fixes = emulates ? std::vector<Fix>{} : std::vector<Fix>{std::move(fix)}});
  create.klass = std::max(create.klass, StatementClass::Rewrite);
  create.rewritten = *steps;
  create.runs_as_written = false;
}

}  // namespace dsqlint
