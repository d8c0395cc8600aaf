#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "cli/check_command.h"
#include "lint/linter.h"
#include "lint/replay.h"
#include "plan/recreation_spec.h"

namespace dsqlint {
namespace {

namespace fs = std::filesystem;

/// Lints files written to a scratch folder, in name order, as `check` does.
std::vector<FileResult> check_folder(const std::vector<std::pair<std::string, std::string>>& files, unsigned jobs = 1) {
  const fs::path dir = fs::temp_directory_path() / ("dsqlint-catalog-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
  std::vector<FileResult> out;
  check_inputs({dir.string()}, "", TargetProfile{}, jobs, [&](FileResult&& file) { out.push_back(std::move(file)); });
  fs::remove_all(dir);
  return out;
}

bool fired(const StatementResult& statement, std::string_view rule) {
  for (const Finding& finding : statement.findings)
    if (finding.rule == rule) return true;
  return false;
}

TEST(CatalogReplay, HistoryCarriesAcrossFilesInApplyOrder) {
  for (unsigned jobs : {1u, 2u}) {
    const auto results = check_folder({
        {"0001_create.sql", "CREATE TABLE \"events\" (\"id\" uuid PRIMARY KEY, \"payload\" text);"},
        {"0002_retype.sql", "ALTER TABLE \"events\" ALTER COLUMN \"payload\" TYPE jsonb USING \"payload\"::jsonb;"},
        {"0003_index.sql", "CREATE INDEX ASYNC \"events_payload_idx\" ON \"events\" (\"payload\");"},
        {"0004_rename.sql", "ALTER TABLE \"events\" RENAME TO \"log\";\nALTER TABLE \"log\" DROP COLUMN \"id\";"},
    }, jobs);
    ASSERT_EQ(results.size(), 4u);
    // 0002 rebuilds the table: the finding carries the definition that 0001 created.
    const StatementResult& retype = results[1].statements.at(0);
    EXPECT_EQ(retype.klass, StatementClass::Recreation);
    ASSERT_TRUE(retype.table_definition);
    EXPECT_EQ(retype.table_definition->columns.at(1).type->name, "text");
    EXPECT_EQ(retype.table_definition->origin.statement, 1u);
    // 0003 sees the type 0002 gave the column.
    EXPECT_TRUE(fired(results[2].statements.at(0), "index-key-type")) << "jobs=" << jobs;
    EXPECT_FALSE(results[2].statements.at(0).table_is_new) << "the table comes from another file";
    // 0004 renames, and the primary key follows the table to its new name.
    EXPECT_TRUE(fired(results[3].statements.at(1), "alter-drop-column"));
  }
}

TEST(CatalogReplay, TableCreatedInTheSameFileIsNew) {
  const FileResult result = lint_file(make_source("new.sql",
                                                  "CREATE TABLE t (id uuid PRIMARY KEY, a text);\n"
                                                  "CREATE INDEX ASYNC t_a ON t (a);\n"
                                                  "CREATE INDEX ASYNC u_a ON u (a);\n"),
                                      TargetProfile{});
  EXPECT_TRUE(result.statements.at(1).table_is_new);
  EXPECT_FALSE(result.statements.at(2).table_is_new) << "u is not known to history";
}

TEST(CatalogReplay, DroppedTablesAndIndexesLeaveTheCatalog) {
  std::string sql = "CREATE TABLE t (id uuid PRIMARY KEY, a int);\n";
  for (int i = 0; i < 23; ++i) sql += "CREATE INDEX ASYNC i" + std::to_string(i) + " ON t (a);\n";
  sql += "DROP TABLE t;\nCREATE TABLE t (id uuid PRIMARY KEY, a int);\nCREATE INDEX ASYNC again ON t (a);\n";
  const FileResult result = lint_file(make_source("drop.sql", sql), TargetProfile{});
  for (const StatementResult& statement : result.statements)
    EXPECT_FALSE(fired(statement, "index-quota")) << "statement " << statement.index;
}


/// The table that RECREATION statement `index` (1-based) of `sql` rebuilds, as the
/// catalog hands it to apply: the definition every earlier statement left.
TableModel rebuilt_table(const std::string& sql, uint32_t index) {
  const FileResult result = lint_file(make_source("history.sql", sql), TargetProfile{});
  const StatementResult& statement = result.statements.at(index - 1);
  EXPECT_EQ(statement.klass, StatementClass::Recreation) << statement.index;
  if (!statement.table_definition) throw std::runtime_error("no table definition for statement " + std::to_string(index));
  return *statement.table_definition;
}

/// Each column as "name type [NOT NULL] [DEFAULT expression] [COLLATE c]", from the model.
std::vector<std::string> columns(const TableModel& table) {
  std::vector<std::string> out;
  for (const ColumnModel& column : table.columns) {
    std::string text = column.name + " " + column.type->sql;
    if (column.not_null) text += " NOT NULL";
    if (!column.default_sql.empty()) text += " DEFAULT " + column.default_sql;
    if (!column.extra->collation.empty()) text += " COLLATE " + column.extra->collation;
    out.push_back(std::move(text));
  }
  return out;
}

/// Each constraint as "name kind columns [expression] [-> table]".
std::vector<std::string> constraints(const TableModel& table) {
  std::vector<std::string> out;
  for (const ConstraintModel& c : table.constraints) {
    static const char* const kinds[] = {"pk", "unique", "check", "fk", "exclude"};
    std::string text = c.name + " " + kinds[static_cast<int>(c.kind)];
    for (const std::string& column : c.columns) text += " " + column;
    if (!c.expression_sql.empty()) text += " " + c.expression_sql;
    if (c.kind == ConstraintKind::ForeignKey) text += " -> " + c.references->table;
    out.push_back(std::move(text));
  }
  return out;
}

TEST(CatalogReplay, SetAndDropNotNullChangeTheColumn) {
  const TableModel table = rebuilt_table(
      "CREATE TABLE t (id uuid PRIMARY KEY, a int NULL, b text NOT NULL, c int);\n"
      "INSERT INTO t VALUES (gen_random_uuid(), 1, 'b', 2);\n"  // holds rows: nothing folds into the CREATE
      "ALTER TABLE t ALTER COLUMN a SET NOT NULL;\n"  // itself a RECREATION: the catalog follows it too
      "ALTER TABLE t ALTER COLUMN b DROP NOT NULL, ALTER COLUMN c SET NOT NULL;\n"
      "ALTER TABLE t ALTER COLUMN c TYPE bigint;\n",
      5);
  EXPECT_EQ(columns(table), (std::vector<std::string>{"id uuid NOT NULL", "a int NOT NULL", "b text", "c int NOT NULL"}));
}

TEST(CatalogReplay, SetAndDropDefaultChangeTheColumn) {
  const std::string history =
      "CREATE TABLE t (id uuid PRIMARY KEY, a text DEFAULT 'x' NOT NULL, b int, c bool, n int);\n"
      "INSERT INTO t (id) VALUES (gen_random_uuid());\n"
      "ALTER TABLE t ALTER COLUMN a SET DEFAULT 'y', ALTER COLUMN b SET DEFAULT 1 + 2;\n"
      "ALTER TABLE t ALTER COLUMN c SET DEFAULT true AND false;\n"
      "ALTER TABLE t ALTER COLUMN n TYPE bigint;\n"
      "ALTER TABLE t ALTER COLUMN a DROP DEFAULT;\n"
      "ALTER TABLE t ALTER COLUMN n TYPE int;\n";
  EXPECT_EQ(columns(rebuilt_table(history, 5)),
            (std::vector<std::string>{"id uuid NOT NULL", "a text NOT NULL DEFAULT 'y'", "b int DEFAULT 1 + 2",
                                      "c bool DEFAULT true AND false", "n int"}));
  EXPECT_EQ(columns(rebuilt_table(history, 7)).at(1), "a text NOT NULL");
}

TEST(CatalogReplay, DroppedConstraintsLeaveTheTable) {
  const TableModel table = rebuilt_table(
      "CREATE TABLE u (id int PRIMARY KEY);\n"
      "CREATE TABLE t (id uuid PRIMARY KEY, a int CHECK (a > 0) CHECK (a < 9), b int CONSTRAINT b_fk REFERENCES u (id) "
      "DEFERRABLE, c int, CONSTRAINT c_positive CHECK (c > 0), CHECK (a <> c), FOREIGN KEY (c) REFERENCES u (id));\n"
      "ALTER TABLE t DROP CONSTRAINT t_a_check;\n"  // unnamed: the name PostgreSQL gave it
      "ALTER TABLE t DROP CONSTRAINT b_fk, DROP CONSTRAINT c_positive;\n"
      "ALTER TABLE t DROP CONSTRAINT t_check, DROP CONSTRAINT t_c_fkey;\n"
      "ALTER TABLE t ALTER COLUMN c TYPE bigint;\n",
      6);
  // The unnamed check left behind keeps the name it has in PostgreSQL, not the one it would get now.
  EXPECT_EQ(constraints(table), (std::vector<std::string>{"t_pkey pk id", "t_a_check1 check a < 9"}));
  EXPECT_EQ(columns(table), (std::vector<std::string>{"id uuid NOT NULL", "a int", "b int", "c int"}));
}

TEST(CatalogReplay, DroppedPrimaryKeyLeavesItsColumnsNotNull) {
  const TableModel table = rebuilt_table(
      "CREATE TABLE t (id int, code text, PRIMARY KEY (id));\n"
      "ALTER TABLE t DROP CONSTRAINT t_pkey, ADD PRIMARY KEY (code);\n"
      "ALTER TABLE t ALTER COLUMN code TYPE varchar(20);\n",
      3);
  EXPECT_EQ(columns(table), (std::vector<std::string>{"id int NOT NULL", "code text NOT NULL"}));
  EXPECT_EQ(constraints(table), std::vector<std::string>{"t_pkey pk code"});
}

TEST(CatalogReplay, CreateTableLeavesOutAUniqueThatAnotherKeyBuilds) {
  // As PostgreSQL does without a word: one index for the same columns (in the same order),
  // the primary key's first, and the name of the one left out goes to a key that has none.
  const TableModel t = rebuilt_table(
      "CREATE TABLE t (id int PRIMARY KEY UNIQUE, a int, b int, CONSTRAINT ab UNIQUE (a, b), "
      "CONSTRAINT ab_again UNIQUE (a, b), CONSTRAINT ba UNIQUE (b, a));\n"
      "INSERT INTO t VALUES (1, 1, 1);\n"
      "ALTER TABLE t ALTER COLUMN a TYPE bigint;\n",
      3);
  EXPECT_EQ(constraints(t), (std::vector<std::string>{"t_pkey pk id", "ab unique a b", "ba unique b a"}));
  const TableModel s = rebuilt_table(
      "CREATE TABLE s (id int PRIMARY KEY, v int, CONSTRAINT s_named UNIQUE (id));\n"
      "INSERT INTO s VALUES (1, 1);\n"
      "ALTER TABLE s ALTER COLUMN v TYPE bigint;\n",
      3);
  EXPECT_EQ(constraints(s), std::vector<std::string>{"s_named pk id"});
}

TEST(CatalogReplay, FoldLeavesAUniqueEqualToAnotherKeyInItsOwnStatement) {
  // Folded into the CREATE TABLE, the UNIQUE would not be created; the DROP INDEX that
  // Prisma 6 writes after the primary key would then find nothing to drop.
  const FileResult result = lint_file(make_source("0000_init.sql",
                                                  "CREATE TABLE \"_PostToTag\" (\"A\" text NOT NULL, \"B\" text NOT NULL);\n"
                                                  "CREATE UNIQUE INDEX \"_PostToTag_AB_unique\" ON \"_PostToTag\"(\"A\", \"B\");\n"
                                                  "ALTER TABLE \"_PostToTag\" ADD CONSTRAINT \"_PostToTag_AB_pkey\" "
                                                  "PRIMARY KEY (\"A\", \"B\");\n"
                                                  "CREATE TABLE t (id int PRIMARY KEY, v int);\n"
                                                  "CREATE UNIQUE INDEX t_id_key ON t (id);\n"),
                                      TargetProfile{});
  ASSERT_EQ(result.statements.size(), 5u);
  EXPECT_EQ(result.statements[1].folded_into, 1u) << "no key yet: the unique index folds";
  EXPECT_EQ(result.statements[2].folded_into, 0u);
  EXPECT_EQ(result.statements[2].klass, StatementClass::Recreation);
  EXPECT_EQ(result.statements[4].folded_into, 0u);
  EXPECT_EQ(result.statements[4].klass, StatementClass::Index);
}

TEST(CatalogReplay, ColumnTypeChangeKeepsTheRestOfTheColumn) {
  const TableModel table = rebuilt_table(
      "CREATE TABLE t (id int PRIMARY KEY, note varchar(10) COLLATE \"C\" NOT NULL DEFAULT 'n', code text);\n"
      "ALTER TABLE t ALTER COLUMN note TYPE text;\n"  // the collation goes, as in PostgreSQL
      "ALTER TABLE t ALTER COLUMN code TYPE varchar(5) COLLATE \"C\" USING left(code, 5);\n"
      "ALTER TABLE t ALTER COLUMN id TYPE bigint;\n",
      4);
  EXPECT_EQ(columns(table), (std::vector<std::string>{"id int NOT NULL", "note text NOT NULL DEFAULT 'n'",
                                                      "code varchar(5) COLLATE \"C\""}));
  EXPECT_EQ(table.column("code")->type->width, 5);
}

TEST(CatalogReplay, RenamedColumnsAndTablesRebuildUnderTheirNewNames) {
  const std::string history =
      "CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE CHECK (a > 0), parent int REFERENCES t (id));\n"
      "CREATE INDEX ON t (a) WHERE a > 1;\n"
      "ALTER TABLE t RENAME COLUMN a TO b;\n"
      "ALTER TABLE t RENAME TO s;\n"
      "ALTER TABLE s ALTER COLUMN b SET NOT NULL;\n";
  const TableModel table = rebuilt_table(history, 5);
  EXPECT_EQ(table.name, "s");
  EXPECT_EQ(constraints(table), (std::vector<std::string>{"t_pkey pk id", "t_a_key unique b", "t_a_check check b > 0",
                                                          "t_parent_fkey fk parent -> public.s"}));
  ASSERT_EQ(table.indexes.size(), 1u);
  EXPECT_EQ(table.indexes[0].name, "t_a_idx");
  EXPECT_EQ(table.indexes[0].columns(), std::vector<std::string>{"b"});
  EXPECT_EQ(table.indexes[0].extra->predicate_sql, "b > 1");
  // The rebuild keeps every name PostgreSQL gave, though they no longer match the table.
  const auto spec = recreation_spec(table, "ALTER TABLE s ALTER COLUMN b SET NOT NULL", "s1", false);
  ASSERT_TRUE(spec) << spec.error().message;
  EXPECT_NE(spec->create_sql.find("CONSTRAINT t_a_check CHECK (b > 0)"), std::string::npos) << spec->create_sql;
  EXPECT_NE(spec->create_sql.find("b int NOT NULL"), std::string::npos) << spec->create_sql;
  // The self-reference follows the rename, and is added to the new table after the copy.
  EXPECT_EQ(spec->create_sql.find("REFERENCES"), std::string::npos) << spec->create_sql;
  ASSERT_EQ(spec->own_keys.size(), 1u);
  EXPECT_EQ(spec->own_keys[0].add_sql, "ALTER TABLE public.s__mantle_new_s1 ADD CONSTRAINT t_parent_fkey FOREIGN KEY "
                                       "(parent) REFERENCES public.s__mantle_new_s1 (id) NOT VALID");
  EXPECT_EQ(spec->indexes.at(0).final_name, "t_a_idx");
  EXPECT_NE(spec->indexes.at(0).sql.find("(b) WHERE b > 1"), std::string::npos) << spec->indexes.at(0).sql;
}

TEST(CatalogReplay, AddedColumnKeysAreConstraints) {
  const TableModel table = rebuilt_table(
      "CREATE TABLE t (id int PRIMARY KEY, x int, CHECK (id > x));\n"
      "INSERT INTO t VALUES (1, 0);\n"
      "ALTER TABLE t ADD COLUMN c int UNIQUE CHECK (c > id);\n"
      "ALTER TABLE t ALTER COLUMN c TYPE bigint;\n",
      4);
  // PostgreSQL named the new check past the table's own t_check.
  EXPECT_EQ(constraints(table), (std::vector<std::string>{"t_pkey pk id", "t_check check id > x", "t_c_key unique c",
                                                          "t_check1 check c > id"}));
  EXPECT_EQ(table.keys().size(), 2u);
}

/// The catalog after every statement of `sql`, applied in order as file `path`.
Catalog replayed(const std::string& path, const std::string& sql) {
  Catalog catalog;
  const FileResult result = lint_statements(make_source(path, sql), TargetProfile{});
  for (const StatementResult& statement : result.statements)
    for (const SchemaChange& change : statement.changes) apply_change(catalog, change, Origin{path, statement.index});
  return catalog;
}

TEST(CatalogReplay, ReverseIndexesFollowDropsAndRenames) {
  Catalog catalog = replayed("r.sql",
                             "CREATE TABLE a (id int PRIMARY KEY);\n"
                             "CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));\n"
                             "CREATE INDEX b_a ON b (a_id);\n"
                             "CREATE VIEW v AS SELECT b.id, a.id AS a FROM b JOIN a ON a.id = b.a_id;\n"
                             "CREATE VIEW w AS SELECT * FROM v;\n"
                             "ALTER TABLE a RENAME TO a2;\n"
                             "ALTER TABLE a2 RENAME COLUMN id TO key;\n");
  EXPECT_EQ(catalog.referenced_by.at("public.a2"), std::set<std::string>{"public.b"});
  EXPECT_EQ(catalog.table("public.b")->constraints.at(1).references->table, "public.a2");
  EXPECT_EQ(catalog.table("public.b")->constraints.at(1).references->columns, std::vector<std::string>{"key"});
  EXPECT_EQ(catalog.index_owner.at("public.b_a"), "public.b");
  EXPECT_EQ(catalog.index_owner.at("public.a_pkey"), "public.a2");
  EXPECT_EQ(catalog.read_by.at("public.a2"), std::set<std::string>{"public.v"});
  EXPECT_EQ(catalog.views.at("public.v").query_sql,
            "SELECT b.id, a2.key AS a FROM b JOIN a2 ON a2.key = b.a_id");
  // Dropping the table drops the foreign key that points at it and the views that read it.
  SchemaChange drop{.kind = SchemaChange::Kind::DropTable, .table = "public.a2"};
  apply_change(catalog, drop, Origin{"r.sql", 8});
  EXPECT_TRUE(catalog.table("public.b")->constraints.size() == 1u);
  EXPECT_FALSE(catalog.referenced_by.contains("public.a2"));
  EXPECT_TRUE(catalog.views.empty()) << "v read a2, and w read v";
  EXPECT_FALSE(catalog.index_owner.contains("public.a_pkey"));
  EXPECT_EQ(catalog.index_owner.at("public.b_a"), "public.b") << "the referencing table keeps its indexes";
  EXPECT_EQ(catalog.index_owner.at("public.b_pkey"), "public.b");
}

TEST(CatalogReplay, RenamedTableKeepsASchemaWhoseNameHoldsADot) {
  // A schema whose name holds a dot is quoted in keys: "a.b".u, never a.b.u or a.u.
  Catalog catalog = replayed("d.sql",
                             "CREATE SCHEMA \"a.b\";\n"
                             "CREATE TABLE \"a.b\".t (id int PRIMARY KEY);\n"
                             "CREATE TABLE \"a.b\".r (t_id int REFERENCES \"a.b\".t (id));\n"
                             "ALTER TABLE \"a.b\".t RENAME TO u;\n");
  ASSERT_NE(catalog.table("\"a.b\".u"), nullptr);
  EXPECT_EQ(catalog.table("\"a.b\".u")->schema, "a.b");
  EXPECT_EQ(catalog.table("a.u"), nullptr);
  EXPECT_EQ(catalog.table("a.b.u"), nullptr);
  EXPECT_EQ(catalog.index_owner.at("\"a.b\".t_pkey"), "\"a.b\".u");
  EXPECT_EQ(catalog.referenced_by.at("\"a.b\".u"), std::set<std::string>{"\"a.b\".r"});
  EXPECT_EQ(catalog.table("\"a.b\".r")->constraints.at(0).references->table, "\"a.b\".u");
}

TEST(CatalogReplay, DottedSchemaAndDottedTableAreTwoTables) {
  // "a.b".c and a."b.c" once shared the key a.b.c: the second CREATE TABLE looked like a
  // table that exists, and the index landed on whichever the key found.
  Catalog catalog = replayed("d.sql",
                             "CREATE SCHEMA \"a.b\";\n"
                             "CREATE SCHEMA a;\n"
                             "CREATE TABLE \"a.b\".c (id int PRIMARY KEY);\n"
                             "CREATE TABLE a.\"b.c\" (id int PRIMARY KEY, x int);\n"
                             "CREATE INDEX ASYNC x_idx ON a.\"b.c\" (x);\n");
  ASSERT_NE(catalog.table("\"a.b\".c"), nullptr);
  ASSERT_NE(catalog.table("a.b.c"), nullptr);
  EXPECT_EQ(catalog.table("\"a.b\".c")->columns.size(), 1u);
  EXPECT_EQ(catalog.table("a.b.c")->schema, "a");
  EXPECT_EQ(catalog.table("a.b.c")->name, "b.c");
  EXPECT_EQ(catalog.index_owner.at("a.x_idx"), "a.b.c");
  EXPECT_TRUE(catalog.table("\"a.b\".c")->indexes.empty());
}

TEST(CatalogReplay, ReverseIndexesFollowAddedConstraints) {
  Catalog catalog = replayed("c.sql",
                             "CREATE TABLE a (id int PRIMARY KEY);\n"
                             "CREATE TABLE b (id int, a_id int);\n"
                             "ALTER TABLE b ADD CONSTRAINT b_a_fk FOREIGN KEY (a_id) REFERENCES a (id);\n"
                             "ALTER TABLE b ADD UNIQUE (a_id);\n"
                             "ALTER TABLE b ADD CONSTRAINT b_pk PRIMARY KEY (id);\n"
                             "ALTER TABLE b ADD CONSTRAINT b_positive CHECK (id > 0);\n");
  EXPECT_EQ(catalog.referenced_by.at("public.a"), std::set<std::string>{"public.b"});
  EXPECT_EQ(catalog.index_owner.at("public.b_a_id_key"), "public.b") << "an unnamed key takes PostgreSQL's name";
  EXPECT_EQ(catalog.index_owner.at("public.b_pk"), "public.b");
  EXPECT_FALSE(catalog.index_owner.contains("public.b_positive")) << "a CHECK has no index";
  EXPECT_FALSE(catalog.index_owner.contains("public.b_a_fk")) << "nor has a foreign key";
  // The added foreign key goes with the table it points at; the dropped key leaves its index.
  apply_change(catalog, SchemaChange{.kind = SchemaChange::Kind::DropTable, .table = "public.a"}, Origin{"c.sql", 7});
  ASSERT_NE(catalog.table("public.b"), nullptr);
  EXPECT_EQ(catalog.table("public.b")->constraint("b_a_fk"), nullptr);
  EXPECT_FALSE(catalog.referenced_by.contains("public.a"));
  apply_change(catalog, SchemaChange{.kind = SchemaChange::Kind::DropConstraint, .table = "public.b", .name = "b_pk"},
               Origin{"c.sql", 8});
  EXPECT_FALSE(catalog.index_owner.contains("public.b_pk"));
  EXPECT_EQ(catalog.index_owner.at("public.b_a_id_key"), "public.b");
}

// The help of a statement folded into its CREATE TABLE promises what `fix` does: it moves the
// change into the file's CREATE TABLE, except where the table has an emulated enum column.
TEST(CatalogReplay, FoldedStatementHelpSaysWhetherFixMovesIt) {
  const auto fold = [](const std::string& status_type) {
    return lint_file(make_source("0000_init.sql",
                                 "CREATE TYPE \"status\" AS ENUM('active', 'archived');\n"
                                 "CREATE TABLE \"users\" (\"id\" uuid PRIMARY KEY NOT NULL);\n"
                                 "CREATE TABLE \"posts\" (\"id\" uuid PRIMARY KEY NOT NULL, \"user_id\" uuid NOT NULL, "
                                 "\"state\" " + status_type + " NOT NULL);\n"
                                 "ALTER TABLE \"posts\" ADD CONSTRAINT \"posts_user_fk\" FOREIGN KEY (\"user_id\") "
                                 "REFERENCES \"users\"(\"id\");\n"),
                     TargetProfile{});
  };
  const auto fold_finding = [](const StatementResult& statement) -> const Finding& {
    for (const Finding& finding : statement.findings)
      if (finding.rule == "fold-into-create-table") return finding;
    ADD_FAILURE() << "statement " << statement.index << " was not folded";
    static const Finding none;
    return none;
  };
  const FileResult plain = fold("text");
  ASSERT_EQ(plain.statements.size(), 4u);
  EXPECT_EQ(plain.statements[3].folded_into, 3u);
  EXPECT_EQ(fold_finding(plain.statements[2]).fixes.size(), 1u);
  EXPECT_NE(fold_finding(plain.statements[3]).help.find("`dsqlint fix` moves the change"), std::string::npos);

  const FileResult emulated = fold("\"status\"");
  ASSERT_EQ(emulated.statements.size(), 4u);
  EXPECT_EQ(emulated.statements[3].folded_into, 3u) << "apply still folds it";
  EXPECT_TRUE(fold_finding(emulated.statements[2]).fixes.empty());
  EXPECT_NE(fold_finding(emulated.statements[3]).help.find("`dsqlint fix` leaves it here"), std::string::npos)
      << fold_finding(emulated.statements[3]).help;
}

TEST(CatalogReplay, ViewStarIsTheColumnsTheTablesHadWhenTheViewWasCreated) {
  // PostgreSQL expands * at CREATE VIEW: a column added later is not the view's, and a
  // rebuild that creates the view again must not make it so.
  Catalog catalog = replayed("v.sql",
                             "CREATE TABLE p (id int PRIMARY KEY, name text);\n"
                             "CREATE TABLE q (p_id int, note text);\n"
                             "CREATE VIEW star AS SELECT * FROM p;\n"
                             "CREATE VIEW joined AS SELECT x.*, q.note FROM p AS x JOIN q ON q.p_id = x.id;\n"
                             "CREATE VIEW counted AS SELECT count(*) AS n FROM p;\n"
                             "CREATE VIEW over_view AS SELECT * FROM star;\n"
                             "ALTER TABLE p ADD COLUMN stock int;\n");
  EXPECT_EQ(catalog.views.at("public.star").query_sql, "SELECT p.id, p.name FROM p");
  EXPECT_EQ(catalog.views.at("public.joined").query_sql,
            "SELECT x.id, x.name, q.note FROM p x JOIN q ON q.p_id = x.id");
  EXPECT_EQ(catalog.views.at("public.counted").query_sql, "SELECT count(*) AS n FROM p") << "no star to expand";
  EXPECT_EQ(catalog.views.at("public.over_view").query_sql, "SELECT * FROM star") << "a view's columns are unknown";
}

}  // namespace
}  // namespace dsqlint
