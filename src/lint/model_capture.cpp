#include "lint/model_capture.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "catalog/object_key.h"
#include "lint/names.h"
#include "lint/rule_helpers.h"
#include "parse/deparse.h"
#include "parse/references.h"

namespace dsqlint {

namespace {

constexpr char kIdentityAlways = 'a';  // ATTRIBUTE_IDENTITY_ALWAYS (catalog/pg_attribute.h)

int32_t integer_typmod(const TypeName* type, int position) {
  if (!type || list_length(type->typmods) <= position) return -1;
  const Node* node = static_cast<const Node*>(list_nth(type->typmods, position));
  if (!node || nodeTag(node) != T_A_Const) return -1;
  const auto* constant = reinterpret_cast<const A_Const*>(node);
  return !constant->isnull && nodeTag(&constant->val) == T_Integer ? constant->val.ival.ival : -1;
}

/// The bytes a key of this type declares: fixed widths, or the length of varchar(n)/char(n).
int32_t declared_width(const std::string& type, const TypeName* type_name_node) {
  // Every column asks: a short scan of names compares lengths first, a map compares text.
  static constexpr std::pair<std::string_view, int32_t> kFixed[] = {
      {"bool", 1},        {"int2", 2},    {"int4", 4},      {"int8", 8},       {"float4", 4},    {"float8", 8},
      {"serial", 4},      {"serial4", 4}, {"bigserial", 8}, {"serial8", 8},    {"smallserial", 2},
      {"serial2", 2},     {"uuid", 16},   {"date", 4},      {"time", 8},       {"timestamp", 8}, {"timestamptz", 8},
      {"oid", 4}};
  for (const auto& [name, width] : kFixed)
    if (name == type) return width;
  if (type == "varchar" || type == "bpchar") return integer_typmod(type_name_node, 0);
  return -1;
}

/// A qualified name (COLLATE "de_DE", pg_catalog."C") as SQL, each part quoted.
std::string qualified_sql(const List* names) {
  std::string out;
  const ListCell* cell;
  foreach (cell, names) out += (out.empty() ? "" : ".") + quote_identifier(strVal(lfirst(cell)));
  return out;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

ConstraintKind kind_of(ConstrType type) {
  switch (type) {
    case CONSTR_PRIMARY: return ConstraintKind::PrimaryKey;
    case CONSTR_UNIQUE: return ConstraintKind::Unique;
    case CONSTR_FOREIGN: return ConstraintKind::ForeignKey;
    case CONSTR_EXCLUSION: return ConstraintKind::Exclusion;
    default: return ConstraintKind::Check;
  }
}

/// An EXCLUDE clause as SQL: ALTER TABLE t ADD <clause>, deparsed, without its head.
std::string constraint_clause_sql(const Constraint* constraint) {
  auto* command = makeNode(AlterTableCmd);
  command->subtype = AT_AddConstraint;
  command->def = reinterpret_cast<Node*>(const_cast<Constraint*>(constraint));
  auto* alter = makeNode(AlterTableStmt);
  alter->relation = makeRangeVar(nullptr, const_cast<char*>("t"), -1);
  alter->objtype = OBJECT_TABLE;
  alter->cmds = list_make1(command);
  const std::string text = deparse(reinterpret_cast<Node*>(alter)).value_or("");
  constexpr std::string_view head = "ALTER TABLE t ADD ";
  return text.starts_with(head) ? text.substr(head.size()) : "";
}

}  // namespace

std::string relation_key(const char* schema, const char* name) {
  return object_key(schema ? schema : "public", name ? name : "");
}

std::string relation_key(const RangeVar* relation) {
  return relation ? relation_key(relation->schemaname, relation->relname) : std::string();
}

std::string names_key(const List* names) {
  if (!names) return "";
  const int n = list_length(names);
  const char* name = strVal(llast(names));
  const char* schema = n >= 2 ? strVal(list_nth(names, n - 2)) : nullptr;
  return relation_key(schema, name);
}

std::vector<std::string> string_list(const List* list) {
  std::vector<std::string> out;
  const ListCell* cell;
  foreach (cell, list) out.emplace_back(strVal(lfirst(cell)));
  return out;
}

std::string collation_sql(const CollateClause* collate) { return collate ? qualified_sql(collate->collname) : ""; }

TypeRef column_type(const TypeName* type) {
  const auto read = [type] {
    ColumnType out{.name = type_name(type), .sql = type_sql(type)};
    out.width = declared_width(out.name, type);
    return TypeRef(out);
  };
  // Migrations use few types for many columns: each is read once per thread.
  thread_local std::unordered_map<std::string, TypeRef> known;
  thread_local std::string key;
  if (!type || !type_key(type, key)) return read();
  if (const auto it = known.find(key); it != known.end()) return it->second;
  const TypeRef out = read();
  if (known.size() < 4096) known.emplace(key, out);
  return out;
}

std::vector<std::string> nextval_sequences(const Node* expr) {
  if (!expr || nodeTag(expr) != T_FuncCall) return {};
  const auto* call = reinterpret_cast<const FuncCall*>(expr);
  if (std::string_view(strVal(llast(call->funcname))) != "nextval" || list_length(call->args) != 1) return {};
  const Node* arg = static_cast<const Node*>(linitial(call->args));
  if (arg && nodeTag(arg) == T_TypeCast) arg = reinterpret_cast<const TypeCast*>(arg)->arg;
  if (!arg || nodeTag(arg) != T_A_Const) return {};
  const auto* constant = reinterpret_cast<const A_Const*>(arg);
  if (constant->isnull || nodeTag(&constant->val) != T_String) return {};
  // regclass input: unquoted parts fold to lower case, quoted parts keep theirs.
  std::string text = constant->val.sval.sval, schema, name;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    else if (c == '.' && !quoted) schema = std::move(name), name.clear();
    else name += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return {relation_key(schema.empty() ? nullptr : schema.c_str(), name.c_str())};
}

ConstraintModel constraint_model(const Constraint* constraint, const char* column, bool created,
                                 const RangeVar* table) {
  ConstraintModel out{.name = constraint->conname ? constraint->conname : "", .kind = kind_of(constraint->contype)};
  const std::vector<std::string> own = column ? std::vector<std::string>{column} : std::vector<std::string>{};
  switch (constraint->contype) {
    case CONSTR_PRIMARY:
    case CONSTR_UNIQUE:
      out.columns = constraint->keys ? string_list(constraint->keys) : own;
      out.include = string_list(constraint->including);
      out.nulls_not_distinct = constraint->nulls_not_distinct;
      break;
    case CONSTR_CHECK: out.expression_sql = own_expression_sql(constraint->raw_expr, table); break;
    case CONSTR_FOREIGN:
      out.columns = constraint->fk_attrs ? string_list(constraint->fk_attrs) : own;
      out.references = ForeignKeyModel{.table = relation_key(constraint->pktable),
                                       .columns = string_list(constraint->pk_attrs),
                                       .match = constraint->fk_matchtype ? constraint->fk_matchtype : 's',
                                       .on_update = constraint->fk_upd_action ? constraint->fk_upd_action : 'a',
                                       .on_delete = constraint->fk_del_action ? constraint->fk_del_action : 'a',
                                       .delete_set_columns = string_list(constraint->fk_del_set_cols)};
      break;
    case CONSTR_EXCLUSION: out.expression_sql = constraint_clause_sql(constraint); break;
    default: break;
  }
  out.valid = created || !constraint->skip_validation;
  out.deferrable = constraint->deferrable;
  out.initially_deferred = constraint->initdeferred;
  out.no_inherit = constraint->is_no_inherit;
  return out;
}

bool apply_constraint_attribute(const Constraint* attribute, ConstraintModel& previous) {
  switch (attribute->contype) {
    case CONSTR_ATTR_DEFERRABLE: previous.deferrable = true; return true;
    case CONSTR_ATTR_NOT_DEFERRABLE: previous.deferrable = false; return true;
    case CONSTR_ATTR_DEFERRED: previous.initially_deferred = true; return true;
    case CONSTR_ATTR_IMMEDIATE: previous.initially_deferred = false; return true;
    default: return false;
  }
}

ColumnModel column_model(const ColumnDef* def, std::vector<ConstraintModel>& constraints, const RangeVar* table) {
  ColumnModel column;
  read_column(def, constraints, table, column);
  return column;
}

void read_column(const ColumnDef* def, std::vector<ConstraintModel>& constraints, const RangeVar* table,
                 ColumnModel& column) {
  column.name = def->colname ? def->colname : "";
  column.type = column_type(def->typeName);
  if (def->collClause) column.extra.edit().collation = collation_sql(def->collClause);
  if (def->storage_name) column.extra.edit().storage = lower(def->storage_name);
  const size_t first = constraints.size();
  for (const Constraint* c : list_nodes<Constraint>(def->constraints, T_Constraint)) {
    switch (c->contype) {
      case CONSTR_NULL: column.not_null = false; break;
      case CONSTR_NOTNULL: column.not_null = true; break;
      case CONSTR_DEFAULT:
        column.default_sql = expression_sql(c->raw_expr);
        column.extra.set(&ColumnExtras::sequences, nextval_sequences(c->raw_expr));
        break;
      case CONSTR_IDENTITY:
        column.identity = c->generated_when == kIdentityAlways ? Identity::Always : Identity::ByDefault;
        column.extra.set(&ColumnExtras::identity_options, sequence_options_sql(c->options));
        column.not_null = true;
        break;
      case CONSTR_GENERATED: column.extra.edit().generated_sql = own_expression_sql(c->raw_expr, table); break;
      default:
        if (constraints.size() > first && apply_constraint_attribute(c, constraints.back())) break;
        if (c->contype == CONSTR_PRIMARY) column.not_null = true;
        constraints.push_back(constraint_model(c, def->colname, false, table));
    }
  }
}

IndexModel index_model(const IndexStmt* index) {
  IndexModel out{.name = index->idxname ? index->idxname : "",
                 .unique = index->unique,
                 .nulls_not_distinct = index->nulls_not_distinct};
  IndexExtras extra;
  if (index->accessMethod && std::string_view(index->accessMethod) != "btree") extra.method = index->accessMethod;
  for (const IndexElem* elem : list_nodes<IndexElem>(index->indexParams, T_IndexElem)) {
    IndexKeyModel key{.column = elem->name ? elem->name : ""};
    key.extra.set(&IndexKeyExtras::expression_sql, own_expression_sql(elem->expr, index->relation));
    if (elem->collation) key.extra.edit().collation = qualified_sql(elem->collation);
    if (elem->opclass) key.extra.edit().opclass = qualified_sql(elem->opclass);
    key.ordering = elem->ordering == SORTBY_ASC ? 'a' : elem->ordering == SORTBY_DESC ? 'd' : 0;
    key.nulls = elem->nulls_ordering == SORTBY_NULLS_FIRST ? 'f' : elem->nulls_ordering == SORTBY_NULLS_LAST ? 'l' : 0;
    out.keys.push_back(std::move(key));
  }
  for (const IndexElem* elem : list_nodes<IndexElem>(index->indexIncludingParams, T_IndexElem))
    if (elem->name) extra.include.emplace_back(elem->name);
  extra.predicate_sql = own_expression_sql(index->whereClause, index->relation);
  if (!extra.empty()) out.extra = std::move(extra);
  return out;
}

ViewModel view_model(const ViewStmt* view) {
  ViewModel out{.schema = view->view->schemaname ? view->view->schemaname : "public", .name = view->view->relname};
  out.query_sql = deparse(view->query).value_or("");
  for (const std::string& alias : string_list(view->aliases)) out.column_names.push_back(alias);
  for (std::string& key : referenced_relations(view->query)) out.reads.insert(std::move(key));
  return out;
}

}  // namespace dsqlint
