#include "catalog/render.h"

#include <algorithm>
#include <cctype>

#include "catalog/object_key.h"
#include "parse/deparse.h"
#include "parse/pg.h"

namespace dsqlint {

namespace {

/// A C string in the current parse memory, which the nodes built here live in.
char* copy(const std::string& text) { return pstrdup(text.c_str()); }

List* names(const std::vector<std::string>& values) {
  List* out = NIL;
  for (const std::string& value : values) out = lappend(out, makeString(copy(value)));
  return out;
}

RangeVar* relation(const std::string& schema, const std::string& name) {
  return makeRangeVar(copy(schema.empty() ? "public" : schema), copy(name), -1);
}

Node* relation_node(const std::string& schema, const std::string& name) {
  return reinterpret_cast<Node*>(relation(schema, name));
}

/// A relation from a catalog key.
RangeVar* relation(const std::string& key) { return relation(key_schema(key), std::string(key_name(key))); }

/// The parts of a qualified name kept as SQL (a collation, an operator class).
List* qualified(ParsedFile& arena, const std::string& sql) {
  Node* collate = parse_expression(arena, "NULL COLLATE " + sql);
  return collate && IsA(collate, CollateClause) ? castNode(CollateClause, collate)->collname : NIL;
}

/// A failure to rebuild a node from the model; caught by the render functions.
struct Unreadable {};

Node* expression(ParsedFile& arena, const std::string& sql) {
  Node* node = parse_expression(arena, sql);
  if (!node) throw Unreadable{};
  return node;
}

/// Whether the deparser writes the expression as an infix SQL form (x AT TIME ZONE y,
/// x IS NFC NORMALIZED, (a, b) OVERLAPS (c, d)) that only an a_expr may be: after DEFAULT
/// (a b_expr) it must stand in parentheses, which it does not add itself.
bool infix_function(const Node* node) {
  if (!IsA(node, FuncCall)) return false;
  const auto* call = castNode(FuncCall, const_cast<Node*>(node));
  if (call->funcformat != COERCE_SQL_SYNTAX || list_length(call->funcname) != 2) return false;
  const std::string_view name = strVal(lsecond(call->funcname));
  return name == "timezone" || name == "is_normalized" || name == "overlaps";
}

/// `sql` parsed for a place that takes a b_expr (a column's DEFAULT): an expression that
/// only an a_expr may be comes wrapped, so that the deparser puts it in parentheses.
Node* b_expression(ParsedFile& arena, const std::string& sql) {
  Node* node = expression(arena, sql);
  if (!infix_function(node)) return node;
  auto* wrapped = makeNode(A_Indirection);  // no indirection: "(" arg ")"
  wrapped->arg = node;
  return reinterpret_cast<Node*>(wrapped);
}

Constraint* constraint_node(ConstrType type) {
  auto* node = makeNode(Constraint);
  node->contype = type;
  node->location = -1;
  node->initially_valid = true;
  return node;
}

List* column_constraints(ParsedFile& arena, const ColumnModel& column) {
  List* out = NIL;
  if (column.not_null) out = lappend(out, constraint_node(CONSTR_NOTNULL));
  if (!column.default_sql.empty()) {
    Constraint* node = constraint_node(CONSTR_DEFAULT);
    node->raw_expr = b_expression(arena, column.default_sql);
    out = lappend(out, node);
  }
  if (column.identity != Identity::None) {
    Constraint* node = constraint_node(CONSTR_IDENTITY);
    node->generated_when = column.identity == Identity::Always ? 'a' : 'd';
    const std::string& options = column.extra->identity_options;
    node->options = options.empty() ? NIL : parse_sequence_options(arena, options);
    out = lappend(out, node);
  }
  if (!column.extra->generated_sql.empty()) {
    Constraint* node = constraint_node(CONSTR_GENERATED);
    node->generated_when = 'a';
    node->raw_expr = expression(arena, column.extra->generated_sql);
    out = lappend(out, node);
  }
  return out;
}

/// `type`: the column's type parsed already, or null to parse it here.
ColumnDef* column_node(ParsedFile& arena, const ColumnModel& column, TypeName* type) {
  auto* node = makeNode(ColumnDef);
  node->colname = copy(column.name);
  node->typeName = type ? type : parse_type(arena, column.type->sql);
  if (!node->typeName) throw Unreadable{};
  node->is_local = true;
  node->location = -1;
  if (!column.extra->collation.empty()) {
    auto* collate = makeNode(CollateClause);
    collate->collname = qualified(arena, column.extra->collation);
    collate->location = -1;
    node->collClause = collate;
  }
  if (!column.extra->storage.empty()) node->storage_name = copy(column.extra->storage);
  node->constraints = column_constraints(arena, column);
  return node;
}

ConstrType constr_type(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::PrimaryKey: return CONSTR_PRIMARY;
    case ConstraintKind::Unique: return CONSTR_UNIQUE;
    case ConstraintKind::ForeignKey: return CONSTR_FOREIGN;
    case ConstraintKind::Exclusion: return CONSTR_EXCLUSION;
    case ConstraintKind::Check: return CONSTR_CHECK;
  }
  return CONSTR_CHECK;
}

/// An EXCLUDE clause kept as SQL, parsed back into its node.
Constraint* exclusion_node(ParsedFile& arena, const std::string& clause) {
  const auto statement = parse_fragment(arena, "ALTER TABLE t ADD " + clause, 0);
  if (!statement || !statement->node || !IsA(statement->node, AlterTableStmt)) throw Unreadable{};
  const auto* command = castNode(AlterTableCmd, linitial(castNode(AlterTableStmt, statement->node)->cmds));
  return castNode(Constraint, command->def);
}

Constraint* table_constraint(ParsedFile& arena, const ConstraintModel& model, const std::string& name) {
  Constraint* node = model.kind == ConstraintKind::Exclusion ? exclusion_node(arena, model.expression_sql)
                                                              : constraint_node(constr_type(model.kind));
  node->conname = copy(name);
  node->deferrable = model.deferrable;
  node->initdeferred = model.initially_deferred;
  node->is_no_inherit = model.no_inherit;
  switch (model.kind) {
    case ConstraintKind::PrimaryKey:
    case ConstraintKind::Unique:
      node->keys = names(model.columns);
      node->including = names(model.include);
      node->nulls_not_distinct = model.nulls_not_distinct;
      break;
    case ConstraintKind::Check: node->raw_expr = expression(arena, model.expression_sql); break;
    case ConstraintKind::ForeignKey:
      node->pktable = relation(model.references->table);
      node->fk_attrs = names(model.columns);
      node->pk_attrs = names(model.references->columns);
      node->fk_matchtype = model.references->match;
      node->fk_upd_action = model.references->on_update;
      node->fk_del_action = model.references->on_delete;
      node->fk_del_set_cols = names(model.references->delete_set_columns);
      break;
    case ConstraintKind::Exclusion: break;
  }
  return node;
}

IndexElem* index_elem(ParsedFile& arena, const IndexKeyModel& key) {
  auto* elem = makeNode(IndexElem);
  if (!key.column.empty()) elem->name = copy(key.column);
  else elem->expr = expression(arena, key.extra->expression_sql);
  if (!key.extra->collation.empty()) elem->collation = qualified(arena, key.extra->collation);
  if (!key.extra->opclass.empty()) elem->opclass = qualified(arena, key.extra->opclass);
  elem->ordering = key.ordering == 'a' ? SORTBY_ASC : key.ordering == 'd' ? SORTBY_DESC : SORTBY_DEFAULT;
  elem->nulls_ordering = key.nulls == 'f'   ? SORTBY_NULLS_FIRST
                         : key.nulls == 'l' ? SORTBY_NULLS_LAST
                                            : SORTBY_NULLS_DEFAULT;
  return elem;
}

/// ALTER TABLE "schema"."table" ADD `constraint`.
Node* add_constraint_node(const std::string& schema, const std::string& table, Constraint* constraint) {
  auto* command = makeNode(AlterTableCmd);
  command->subtype = AT_AddConstraint;
  command->def = reinterpret_cast<Node*>(constraint);
  auto* alter = makeNode(AlterTableStmt);
  alter->relation = relation(schema, table);
  alter->objtype = OBJECT_TABLE;
  alter->cmds = list_make1(command);
  return reinterpret_cast<Node*>(alter);
}

/// Runs `build` in a fresh parse memory and deparses what it builds.
template <typename Build>
std::optional<std::string> rendered(Build&& build) {
  ParsedFile arena;
  try {
    return deparse(build(arena));
  } catch (const Unreadable&) {
    return std::nullopt;
  }
}

}  // namespace

std::optional<std::string> render_create_table(const TableModel& table, const TableRendering& rendering) {
  return rendered([&](ParsedFile& arena) {
    auto* create = makeNode(CreateStmt);
    create->relation = relation(table.schema, rendering.name.empty() ? table.name : rendering.name);
    if (rendering.unqualified) create->relation->schemaname = nullptr;
    // The columns' types in one parse: a parse each was most of the rendering.
    std::vector<std::string_view> type_sql;
    type_sql.reserve(table.columns.size());
    for (const ColumnModel& column : table.columns) type_sql.push_back(column.type->sql);
    const std::vector<TypeName*> types = parse_types(arena, type_sql);
    for (size_t i = 0; i < table.columns.size(); ++i)
      create->tableElts = lappend(create->tableElts, column_node(arena, table.columns[i], types[i]));
    for (const ConstraintModel& c : table.constraints) {
      if (rendering.include && !rendering.include(c)) continue;
      const std::string name = rendering.constraint_name ? rendering.constraint_name(c) : c.name;
      create->tableElts = lappend(create->tableElts, table_constraint(arena, c, name));
    }
    create->oncommit = ONCOMMIT_NOOP;
    create->if_not_exists = rendering.if_not_exists;
    return reinterpret_cast<Node*>(create);
  });
}

std::optional<std::string> render_create_index(const IndexModel& index, const std::string& schema,
                                               const std::string& table, const std::string& name, bool async) {
  auto sql = rendered([&](ParsedFile& arena) {
    auto* node = makeNode(IndexStmt);
    node->idxname = copy(name);
    node->relation = relation(schema, table);
    const IndexExtras& extra = *index.extra;
    node->accessMethod = extra.method.empty() ? nullptr : copy(extra.method);  // none: the default, no USING
    for (const IndexKeyModel& key : index.keys) node->indexParams = lappend(node->indexParams, index_elem(arena, key));
    for (const std::string& column : extra.include)
      node->indexIncludingParams = lappend(node->indexIncludingParams, index_elem(arena, IndexKeyModel{.column = column}));
    if (!extra.predicate_sql.empty()) node->whereClause = expression(arena, extra.predicate_sql);
    node->unique = index.unique;
    node->nulls_not_distinct = index.nulls_not_distinct;
    return reinterpret_cast<Node*>(node);
  });
  // DSQL's ASYNC is no PostgreSQL syntax: it follows INDEX in what the deparser printed.
  if (sql && async) sql->insert(sql->find("INDEX ") + 6, "ASYNC ");
  return sql;
}

std::optional<std::string> render_add_constraint(const ConstraintModel& constraint, const std::string& schema,
                                                 const std::string& table, bool not_valid) {
  return rendered([&](ParsedFile& arena) {
    Constraint* node = table_constraint(arena, constraint, constraint.name);
    node->skip_validation = not_valid;
    node->initially_valid = !not_valid;
    return add_constraint_node(schema, table, node);
  });
}

std::optional<std::string> render_add_key_using_index(const ConstraintModel& constraint, const std::string& schema,
                                                      const std::string& table, const std::string& index) {
  return rendered([&](ParsedFile&) {
    Constraint* node = constraint_node(constr_type(constraint.kind));
    node->conname = copy(constraint.name);
    node->indexname = copy(index);  // the index holds the columns, INCLUDE and NULLS NOT DISTINCT
    node->deferrable = constraint.deferrable;
    node->initdeferred = constraint.initially_deferred;
    return add_constraint_node(schema, table, node);
  });
}

std::optional<std::string> render_create_view(const ViewModel& view) {
  return rendered([&](ParsedFile& arena) {
    const auto query = parse_fragment(arena, view.query_sql, 0);
    if (!query || !query->node) throw Unreadable{};
    auto* node = makeNode(ViewStmt);
    node->view = relation(view.schema, view.name);
    node->aliases = names(view.column_names);
    node->query = query->node;
    return reinterpret_cast<Node*>(node);
  });
}

std::optional<std::string> render_validate_constraint(const std::string& schema, const std::string& table,
                                                      const std::string& name, bool async) {
  auto sql = rendered([&](ParsedFile&) {
    auto* command = makeNode(AlterTableCmd);
    command->subtype = AT_ValidateConstraint;
    command->name = copy(name);
    auto* alter = makeNode(AlterTableStmt);
    alter->relation = relation(schema, table);
    alter->objtype = OBJECT_TABLE;
    alter->cmds = list_make1(command);
    return reinterpret_cast<Node*>(alter);
  });
  // DSQL's ASYNC is no PostgreSQL syntax: it follows ALTER TABLE in what the deparser printed.
  if (sql && async) sql->insert(std::string_view("ALTER TABLE ").size(), "ASYNC ");
  return sql;
}

std::optional<std::string> render_drop_constraint(const std::string& schema, const std::string& table,
                                                  const std::string& name) {
  return rendered([&](ParsedFile&) {
    auto* command = makeNode(AlterTableCmd);
    command->subtype = AT_DropConstraint;
    command->name = copy(name);
    command->behavior = DROP_RESTRICT;
    auto* alter = makeNode(AlterTableStmt);
    alter->relation = relation(schema, table);
    alter->objtype = OBJECT_TABLE;
    alter->cmds = list_make1(command);
    return reinterpret_cast<Node*>(alter);
  });
}

std::optional<std::string> render_grant(const GrantModel& grant, const std::string& schema, const std::string& relation) {
  return rendered([&](ParsedFile&) {
    auto* node = makeNode(GrantStmt);
    node->is_grant = true;
    node->targtype = ACL_TARGET_OBJECT;
    node->objtype = OBJECT_TABLE;
    node->objects = list_make1(relation_node(schema, relation));
    for (size_t from = 0; grant.privileges != "ALL" && from < grant.privileges.size();) {
      const size_t comma = std::min(grant.privileges.find(", ", from), grant.privileges.size());
      auto* privilege = makeNode(AccessPriv);
      std::string name = grant.privileges.substr(from, comma - from);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      privilege->priv_name = copy(name);
      privilege->cols = names(grant.columns);
      node->privileges = lappend(node->privileges, privilege);
      from = comma + 2;
    }
    auto* role = makeNode(RoleSpec);
    role->roletype = grant.grantee == "PUBLIC" ? ROLESPEC_PUBLIC : ROLESPEC_CSTRING;
    if (grant.grantee != "PUBLIC") role->rolename = copy(grant.grantee);
    role->location = -1;
    node->grantees = list_make1(role);
    node->grant_option = grant.with_grant_option;
    return reinterpret_cast<Node*>(node);
  });
}

namespace {

/// COMMENT ON `type` of the object `names` (schema first) IS `text`; empty text: IS NULL.
std::optional<std::string> rendered_comment(ObjectType type, const std::vector<std::string>& parts,
                                            const std::string& text) {
  return rendered([&](ParsedFile&) {
    auto* node = makeNode(CommentStmt);
    node->objtype = type;
    node->object = reinterpret_cast<Node*>(names(parts));
    node->comment = text.empty() ? nullptr : copy(text);
    return reinterpret_cast<Node*>(node);
  });
}

std::string schema_or_public(const std::string& schema) { return schema.empty() ? "public" : schema; }

}  // namespace

std::optional<std::string> render_comment(const std::string& schema, const std::string& relation, bool view,
                                          const std::string& column, const std::string& text) {
  std::vector<std::string> parts{schema_or_public(schema), relation};
  if (!column.empty()) parts.push_back(column);
  return rendered_comment(!column.empty() ? OBJECT_COLUMN : view ? OBJECT_VIEW : OBJECT_TABLE, parts, text);
}

std::optional<std::string> render_index_comment(const std::string& schema, const std::string& index,
                                                const std::string& text) {
  return rendered_comment(OBJECT_INDEX, {schema_or_public(schema), index}, text);
}

std::optional<std::string> render_constraint_comment(const std::string& schema, const std::string& table,
                                                     const std::string& constraint, const std::string& text) {
  return rendered_comment(OBJECT_TABCONSTRAINT, {schema_or_public(schema), table, constraint}, text);
}

}  // namespace dsqlint
