#include "lint/drizzle_fk_idiom.h"

#include "lint/rule.h"

namespace dsqlint {

namespace {

/// The one ADD CONSTRAINT ... FOREIGN KEY of an ALTER TABLE with no other subcommand.
const Constraint* single_foreign_key(const AlterTableStmt* alter) {
  if (list_length(alter->cmds) != 1) return nullptr;
  const auto* command = linitial_node(AlterTableCmd, alter->cmds);
  if (command->subtype != AT_AddConstraint || !command->def || !IsA(command->def, Constraint)) return nullptr;
  const auto* constraint = castNode(Constraint, command->def);
  return constraint->contype == CONSTR_FOREIGN ? constraint : nullptr;
}

DrizzleFkIdiom read_idiom(const Statement& statement, Context& context) {
  DrizzleFkIdiom idiom;
  idiom.alter_span = statement.span();
  const DoBlock block = read_do_block(context.parsed, context.file, statement.parsed());
  if (block.language != "plpgsql") {
    idiom.reason = "its language is " + block.language;
    return idiom;
  }
  if (!block.parsed) {
    idiom.reason = "its body is not valid PL/pgSQL (" + block.error + ")";
    return idiom;
  }
  if (!block.only_sql || block.sql.size() != 1) {
    idiom.reason = "it runs procedural code";
    return idiom;
  }
  const auto& conditions = block.exception_conditions;
  if (conditions.size() != 1 || conditions.front() != "duplicate_object" || !block.handlers_do_nothing) {
    idiom.reason = "its exception handling is not Drizzle's WHEN duplicate_object THEN null";
    return idiom;
  }
  const DoBlockSql& sql = block.sql.front();
  const auto inner = parse_fragment(context.parsed, sql.text, sql.offset);
  if (!inner || !IsA(inner->node, AlterTableStmt)) {
    idiom.reason = "the statement inside is not an ALTER TABLE";
    return idiom;
  }
  idiom.alter = castNode(AlterTableStmt, inner->node);
  idiom.constraint = single_foreign_key(idiom.alter);
  if (!idiom.constraint) {
    idiom.reason = "the ALTER TABLE inside does more than add one foreign key";
    return idiom;
  }
  idiom.matches = true;
  idiom.alter_sql = sql.text;
  idiom.alter_span = inner->span;
  idiom.in_file = sql.offset != 0;
  idiom.base = inner->base;
  return idiom;
}

}  // namespace

const DrizzleFkIdiom& drizzle_fk_idiom(const Statement& statement, Context& context) {
  auto& cache = context.fk_idiom_cache;
  if (!cache || cache->first != statement.index()) cache.emplace(statement.index(), read_idiom(statement, context));
  return cache->second;
}

std::string default_fk_name(const AlterTableStmt* alter, const Constraint* constraint) {
  std::string name = alter->relation && alter->relation->relname ? alter->relation->relname : "";
  ListCell* cell;
  foreach (cell, constraint->fk_attrs) name += std::string("_") + strVal(lfirst(cell));
  name += "_fkey";
  if (name.size() > 63) name = name.substr(0, 63 - 5) + "_fkey";
  return name;
}

}  // namespace dsqlint
