#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "lint/replay.h"
#include "lint/schema_changes.h"
#include "lint/statement.h"
#include "plan/recreation_spec.h"

namespace dsqlint {
namespace {

/// The table that `history` (CREATE TABLE, CREATE INDEX, ALTER ...) leaves in the catalog,
/// built the way check builds it for apply.
TableModel table_of(const std::string& history, const std::string& key = "public.items") {
  const SourceFile file = make_source("history.sql", history);
  const ParsedFile parsed = parse_file(file);
  Catalog catalog;
  for (size_t i = 0; i < parsed.statements.size(); ++i) {
    const Statement statement(parsed.statements[i], file, static_cast<uint32_t>(i + 1));
    for (const SchemaChange& change : schema_changes(statement))
      apply_change(catalog, change, Origin{file.path, static_cast<uint32_t>(i + 1)});
  }
  const TableModel* table = catalog.table(key);
  if (!table) throw std::runtime_error("no table " + key);
  return *table;
}

const char* const kItems =
    "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, price numeric(10,2) NOT NULL DEFAULT 0 "
    "CHECK (price >= 0), note varchar(20) COLLATE \"C\");\n"
    "CREATE INDEX ASYNC items_price_idx ON items (price) WHERE price > 0;\n"
    "CREATE UNIQUE INDEX ASYNC ON items (lower(name));";

RecreationSpec spec_of(const std::string& history, const std::string& alter, bool dsql = false,
                       const std::string& key = "public.items") {
  auto spec = recreation_spec(table_of(history, key), alter, "ab12cd34_3", dsql);
  if (!spec) throw std::runtime_error(spec.error().message);
  return std::move(*spec);
}

std::string error_of(const std::string& history, const std::string& alter) {
  auto spec = recreation_spec(table_of(history), alter, "s1", false);
  return spec ? "" : spec.error().message;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(RecreationSpec, ColumnTypeWithoutUsingCastsTheOldValue) {
  const RecreationSpec spec = spec_of(kItems, "ALTER TABLE items ALTER COLUMN price SET DATA TYPE numeric(18,4)");
  EXPECT_EQ(spec.schema, "public");
  EXPECT_EQ(spec.new_table, "items__mantle_new_ab12cd34_3");
  EXPECT_EQ(spec.old_table, "items__mantle_old_ab12cd34_3");
  EXPECT_EQ(spec.key_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(spec.conflict_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(spec.insert_columns, (std::vector<std::string>{"id", "name", "price", "note"}));
  EXPECT_EQ(spec.select_expressions, (std::vector<std::string>{"\"id\"", "\"name\"", "\"price\"::numeric(18, 4)", "\"note\""}));
  // Rendered from the model by PostgreSQL's deparser: identifiers quoted only where needed,
  // and without the COLLATE that DSQL has not (column-collate took it out of the CREATE TABLE).
  EXPECT_EQ(spec.create_sql,
            "CREATE TABLE public.items__mantle_new_ab12cd34_3 (id bigint NOT NULL, name text NOT NULL, price numeric(18, 4) "
            "NOT NULL DEFAULT 0, note varchar(20), CONSTRAINT items_pkey__mantle_0_ab12cd34_3 PRIMARY KEY "
            "(id), CONSTRAINT items_price_check CHECK (price >= 0))");
  // The primary key gets a temporary name (index names are per schema) and its own back at the end.
  ASSERT_EQ(spec.constraints.size(), 1u);
  EXPECT_EQ(spec.constraints[0].final_name, "items_pkey");
  EXPECT_EQ(spec.constraints[0].temp_name, "items_pkey__mantle_0_ab12cd34_3");
  ASSERT_EQ(spec.indexes.size(), 2u);
  EXPECT_EQ(spec.indexes[0].final_name, "items_price_idx");
  EXPECT_EQ(spec.indexes[0].sql, "CREATE INDEX " + spec.indexes[0].temp_name +
                                     " ON public.items__mantle_new_ab12cd34_3 (price) WHERE price > 0");
  EXPECT_EQ(spec.indexes[1].final_name, "items_lower_idx");
  EXPECT_TRUE(spec.indexes[1].sql.starts_with("CREATE UNIQUE INDEX items_lower_idx__mantle_")) << spec.indexes[1].sql;
  EXPECT_TRUE(contains(spec.indexes[1].sql, "(lower(name))")) << spec.indexes[1].sql;
  EXPECT_EQ(spec.changes, std::vector<std::string>{"column price: type numeric(18, 4)"});
}

TEST(RecreationSpec, DsqlBuildsIndexesAsync) {
  const RecreationSpec spec = spec_of(kItems, "ALTER TABLE items ALTER price TYPE numeric(18,4)", true);
  EXPECT_TRUE(spec.dsql);
  EXPECT_TRUE(spec.indexes[0].sql.starts_with("CREATE INDEX ASYNC items_price_idx__mantle_")) << spec.indexes[0].sql;
  EXPECT_TRUE(spec.indexes[1].sql.starts_with("CREATE UNIQUE INDEX ASYNC ")) << spec.indexes[1].sql;
}

TEST(RecreationSpec, ColumnTypeWithUsingCopiesTheExpression) {
  const RecreationSpec spec =
      spec_of(kItems, "ALTER TABLE items ALTER COLUMN note TYPE integer USING nullif(trim(note), '')::integer");
  EXPECT_EQ(spec.select_expressions[3], "(CAST(NULLIF(TRIM (BOTH  FROM note), '') AS int))");
  EXPECT_TRUE(contains(spec.create_sql, "note int,")) << spec.create_sql;
  EXPECT_FALSE(contains(spec.create_sql, "COLLATE")) << "the new type takes its default collation";
}

TEST(RecreationSpec, NotNullIsSetAndDropped) {
  RecreationSpec spec = spec_of(kItems, "ALTER TABLE items ALTER COLUMN note SET NOT NULL");
  EXPECT_TRUE(contains(spec.create_sql, "note varchar(20) NOT NULL,")) << spec.create_sql;
  spec = spec_of(kItems, "ALTER TABLE items ALTER COLUMN name DROP NOT NULL");
  EXPECT_TRUE(contains(spec.create_sql, "name text,")) << spec.create_sql;
  EXPECT_TRUE(contains(error_of(kItems, "ALTER TABLE items ALTER COLUMN id DROP NOT NULL"), "primary key"));
}

TEST(RecreationSpec, DefaultsAreSetAndDropped) {
  RecreationSpec spec = spec_of(kItems, "ALTER TABLE items ALTER COLUMN price SET DEFAULT 1.5 * 2");
  EXPECT_TRUE(contains(spec.create_sql, "price numeric(10, 2) NOT NULL DEFAULT 1.5 * 2,")) << spec.create_sql;
  EXPECT_TRUE(contains(spec.create_sql, "CONSTRAINT items_price_check CHECK (price >= 0)")) << spec.create_sql;
  spec = spec_of(kItems, "ALTER TABLE items ALTER COLUMN price DROP DEFAULT");
  EXPECT_FALSE(contains(spec.create_sql, "DEFAULT")) << spec.create_sql;
  EXPECT_EQ(spec.select_expressions[2], "\"price\"");
}

TEST(RecreationSpec, DefaultThatOnlyAnExpressionMayBeKeepsItsParentheses) {
  // DEFAULT takes a b_expr: "DEFAULT now() AT TIME ZONE 'utc'" is a syntax error (Drizzle
  // writes the parentheses; the deparser does not).
  const std::string events = "CREATE TABLE events (id int PRIMARY KEY, at timestamp DEFAULT (now() AT TIME ZONE 'utc') "
                             "NOT NULL, n text);";
  std::string sql = spec_of(events, "ALTER TABLE events ALTER n SET NOT NULL", false, "public.events").create_sql;
  EXPECT_TRUE(contains(sql, "DEFAULT (now() AT TIME ZONE 'utc')")) << sql;
  sql = spec_of(events, "ALTER TABLE events ALTER at SET DEFAULT now() AT TIME ZONE 'UTC', ALTER n SET NOT NULL", false,
                "public.events")
            .create_sql;
  EXPECT_TRUE(contains(sql, "DEFAULT (now() AT TIME ZONE 'UTC')")) << sql;
  sql = spec_of(kItems, "ALTER TABLE items ALTER COLUMN price SET DEFAULT 1.5 * 2").create_sql;
  EXPECT_TRUE(contains(sql, "DEFAULT 1.5 * 2,")) << "an operator needs no parentheses: " << sql;
}

TEST(RecreationSpec, SeveralSubcommandsInOneStatement) {
  const RecreationSpec spec = spec_of(kItems,
                                      "ALTER TABLE ONLY public.items ALTER COLUMN price TYPE numeric(18,4), "
                                      "ALTER COLUMN note SET DEFAULT 'n/a', ALTER COLUMN note SET NOT NULL, "
                                      "DROP CONSTRAINT items_price_check, ADD COLUMN added int NOT NULL DEFAULT 7, "
                                      "ADD CONSTRAINT name_short CHECK (length(name) < 100)");
  EXPECT_EQ(spec.changes.size(), 6u);
  EXPECT_FALSE(contains(spec.create_sql, "items_price_check")) << spec.create_sql;
  EXPECT_TRUE(contains(spec.create_sql, "note varchar(20) NOT NULL DEFAULT 'n/a',")) << spec.create_sql;
  EXPECT_TRUE(contains(spec.create_sql, "added int NOT NULL DEFAULT 7")) << spec.create_sql;
  EXPECT_TRUE(contains(spec.create_sql, "CONSTRAINT name_short CHECK (length(name) < 100)")) << spec.create_sql;
  // The added column is not copied: rows get its default, as ADD COLUMN gives them.
  EXPECT_EQ(spec.insert_columns, (std::vector<std::string>{"id", "name", "price", "note"}));
}

TEST(RecreationSpec, DropConstraintFindsNamedAndDefaultNamedConstraints) {
  const std::string history = "CREATE TABLE items (id int PRIMARY KEY, a int CONSTRAINT a_small CHECK (a < 10), b int UNIQUE);";
  EXPECT_FALSE(contains(spec_of(history, "ALTER TABLE items DROP CONSTRAINT a_small").create_sql, "a_small"));
  const RecreationSpec unique = spec_of(history, "ALTER TABLE items DROP CONSTRAINT items_b_key");
  EXPECT_FALSE(contains(unique.create_sql, "UNIQUE")) << unique.create_sql;
  EXPECT_EQ(unique.constraints.size(), 1u);
  EXPECT_TRUE(spec_of(history, "ALTER TABLE items DROP CONSTRAINT IF EXISTS nope").changes.empty());
  const RecreationSpec keyless = spec_of(history, "ALTER TABLE items DROP CONSTRAINT items_pkey");
  EXPECT_EQ(keyless.key_columns, std::vector<std::string>{"id"});  // the old table still has it
  EXPECT_TRUE(keyless.conflict_columns.empty());
  EXPECT_TRUE(contains(error_of(history, "ALTER TABLE items DROP CONSTRAINT nope"), "constraint nope is not in table items"));
}

TEST(RecreationSpec, AddPrimaryKeyGivesTheCopyItsKey) {
  const std::string history = "CREATE TABLE items (code text NOT NULL, qty int);";
  EXPECT_TRUE(contains(error_of(history, "ALTER TABLE items ALTER COLUMN qty TYPE bigint"), "has no primary key"));
  const RecreationSpec spec = spec_of(history, "ALTER TABLE items ADD PRIMARY KEY (code)");
  EXPECT_EQ(spec.key_columns, std::vector<std::string>{"code"});
  ASSERT_EQ(spec.constraints.size(), 1u);
  EXPECT_EQ(spec.constraints[0].final_name, "items_pkey");
  EXPECT_TRUE(contains(spec.create_sql, "CONSTRAINT " + spec.constraints[0].temp_name + " PRIMARY KEY (code)"))
      << spec.create_sql;
  EXPECT_TRUE(contains(error_of("CREATE TABLE items (id int PRIMARY KEY);", "ALTER TABLE items ADD PRIMARY KEY (id)"),
                       "primary key already"));
}

TEST(RecreationSpec, UniqueEqualToThePrimaryKeyIsMadeFromAnIndex) {
  // Prisma 6: a many-to-many table's unique index (a UNIQUE constraint once folded into the
  // CREATE TABLE) gets a primary key on the same columns. PostgreSQL's CREATE TABLE would
  // not create that UNIQUE beside the primary key, so it comes from an index built after the copy.
  const std::string history = "CREATE TABLE \"_PostToTag\" (\"A\" text NOT NULL, \"B\" text NOT NULL);\n"
                              "ALTER TABLE \"_PostToTag\" ADD CONSTRAINT \"_PostToTag_AB_unique\" UNIQUE (\"A\", \"B\");";
  const RecreationSpec spec =
      spec_of(history, "ALTER TABLE \"_PostToTag\" ADD CONSTRAINT \"_PostToTag_AB_pkey\" PRIMARY KEY (\"A\", \"B\")",
              true, "public._PostToTag");
  EXPECT_EQ(spec.create_sql,
            "CREATE TABLE public.\"_PostToTag__mantle_new_ab12cd34_3\" (\"A\" text NOT NULL, \"B\" text NOT NULL, "
            "CONSTRAINT \"_PostToTag_AB_pkey__mantle_1_ab12cd34_3\" PRIMARY KEY (\"A\", \"B\"))");
  ASSERT_EQ(spec.indexes.size(), 1u);
  const RecreatedIndex& index = spec.indexes[0];
  EXPECT_EQ(index.temp_name, "_PostToTag_AB_unique__mantle_0_ab12cd34_3");
  EXPECT_EQ(index.final_name, "_PostToTag_AB_unique");
  EXPECT_EQ(index.sql, "CREATE UNIQUE INDEX ASYNC \"_PostToTag_AB_unique__mantle_0_ab12cd34_3\" ON "
                       "public.\"_PostToTag__mantle_new_ab12cd34_3\" (\"A\", \"B\")");
  EXPECT_EQ(index.attach_sql, "ALTER TABLE public.\"_PostToTag__mantle_new_ab12cd34_3\" ADD CONSTRAINT "
                              "\"_PostToTag_AB_unique__mantle_0_ab12cd34_3\" UNIQUE USING INDEX "
                              "\"_PostToTag_AB_unique__mantle_0_ab12cd34_3\"");
  // The constraint's rename at the end renames its index too.
  ASSERT_EQ(spec.constraints.size(), 2u);
  EXPECT_EQ(spec.constraints[0].temp_name, index.temp_name);
  EXPECT_EQ(spec.constraints[0].final_name, "_PostToTag_AB_unique");
  const std::vector<std::string> plan = describe(spec);
  EXPECT_TRUE(std::any_of(plan.begin(), plan.end(), [&](const std::string& line) {
    return contains(line, index.sql + "; CALL sys.wait_for_job(job_id); check the index is valid; " + index.attach_sql);
  }));
  EXPECT_TRUE(std::none_of(plan.begin(), plan.end(), [](const std::string& line) { return contains(line, "ALTER INDEX"); }));
}

TEST(RecreationSpec, OnlyAUniqueWithTheSameIndexIsMadeFromAnIndex) {
  // A second UNIQUE on the same columns (ALTER TABLE ADD keeps both) is as redundant to
  // CREATE TABLE as one equal to the primary key; other column orders, INCLUDE or NULLS NOT
  // DISTINCT make another index, which CREATE TABLE keeps.
  const std::string history = "CREATE TABLE items (id int PRIMARY KEY, a int, b int, CONSTRAINT u UNIQUE (a, b));\n"
                              "ALTER TABLE items ADD CONSTRAINT u_again UNIQUE (a, b);\n"
                              "ALTER TABLE items ADD CONSTRAINT u_ba UNIQUE (b, a);\n"
                              "ALTER TABLE items ADD CONSTRAINT u_nnd UNIQUE NULLS NOT DISTINCT (a, b);\n"
                              "ALTER TABLE items ADD CONSTRAINT u_inc UNIQUE (a, b) INCLUDE (id);\n"
                              "ALTER TABLE items ADD CONSTRAINT u_id UNIQUE (id);";
  const RecreationSpec spec = spec_of(history, "ALTER TABLE items ALTER b TYPE bigint");
  for (const char* kept : {"CONSTRAINT u__", "CONSTRAINT u_ba__", "CONSTRAINT u_nnd__", "CONSTRAINT u_inc__"})
    EXPECT_TRUE(contains(spec.create_sql, kept)) << kept << ": " << spec.create_sql;
  ASSERT_EQ(spec.indexes.size(), 2u);
  EXPECT_EQ(spec.indexes[0].final_name, "u_again");
  EXPECT_TRUE(contains(spec.indexes[0].sql, "CREATE UNIQUE INDEX u_again__mantle_")) << spec.indexes[0].sql;
  EXPECT_EQ(spec.indexes[1].final_name, "u_id");
  EXPECT_TRUE(contains(spec.indexes[1].attach_sql, "UNIQUE USING INDEX u_id__mantle_")) << spec.indexes[1].attach_sql;
}

TEST(RecreationSpec, WeirdIdentifiersAreQuoted) {
  const std::string history = "CREATE TABLE \"we\"\"ird\" (\"select\" int PRIMARY KEY, \"Mixed Case\" text);";
  const RecreationSpec spec =
      spec_of(history, "ALTER TABLE \"we\"\"ird\" ALTER COLUMN \"Mixed Case\" TYPE varchar(10)", false, "public.we\"ird");
  EXPECT_EQ(spec.table, "we\"ird");
  EXPECT_EQ(spec.new_table, "we\"ird__mantle_new_ab12cd34_3");
  EXPECT_TRUE(spec.create_sql.starts_with("CREATE TABLE public.\"we\"\"ird__mantle_new_ab12cd34_3\" (")) << spec.create_sql;
  EXPECT_TRUE(contains(spec.create_sql, "\"select\" int NOT NULL, \"Mixed Case\" varchar(10)")) << spec.create_sql;
  EXPECT_EQ(spec.select_expressions, (std::vector<std::string>{"\"select\"", "\"Mixed Case\"::varchar(10)"}));
  EXPECT_TRUE(contains(spec.create_sql, "CONSTRAINT \"we\"\"ird_pkey__mantle_0_ab12cd34_3\" PRIMARY KEY (\"select\")"))
      << spec.create_sql;
  EXPECT_EQ(spec.constraints[0].final_name, "we\"ird_pkey");
  for (const std::string& line : describe(spec)) EXPECT_FALSE(line.empty());
}

TEST(RecreationSpec, HelperNamesFitIdentifiers) {
  const std::string table(60, 'x');
  const RecreationSpec spec = spec_of("CREATE TABLE " + table + " (id int PRIMARY KEY, v int);",
                                      "ALTER TABLE " + table + " ALTER v TYPE bigint", false, "public." + table);
  EXPECT_EQ(spec.new_table.size(), 63u);
  EXPECT_TRUE(spec.new_table.ends_with("__mantle_new_ab12cd34_3"));
  EXPECT_NE(spec.new_table, spec.old_table);
  EXPECT_LE(spec.constraints[0].temp_name.size(), 63u);
  EXPECT_EQ(object_name("items", "", "pkey"), "items_pkey");
  EXPECT_EQ(object_name(table, "", "pkey"), table.substr(0, 58) + "_pkey");
  EXPECT_EQ(object_name(table, "abc", "key"), table.substr(0, 55) + "_abc_key");
  // A multibyte character is never cut in half.
  EXPECT_EQ(object_name(std::string(56, 'a') + "\xC3\xA9\xC3\xA9", "", "pkey"), std::string(56, 'a') + "\xC3\xA9_pkey");
  EXPECT_EQ(object_name(std::string(57, 'a') + "\xC3\xA9\xC3\xA9", "", "pkey"), std::string(57, 'a') + "_pkey");
}

TEST(RecreationSpec, SerialAndIdentityColumnsKeepTheirValues) {
  const std::string history =
      "CREATE TABLE items (id bigserial PRIMARY KEY, n int GENERATED ALWAYS AS IDENTITY, v text);";
  const RecreationSpec spec = spec_of(history, "ALTER TABLE items ALTER v SET NOT NULL");
  EXPECT_TRUE(contains(spec.create_sql, "id bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY (CACHE 1 )")) << spec.create_sql;
  // DSQL takes no identity without CACHE: CACHE 1 is PostgreSQL's default, so it is spelled out.
  // And no identity but bigint: apply ran the CREATE TABLE with n bigint (identity-non-bigint).
  EXPECT_TRUE(contains(spec.create_sql, "n bigint NOT NULL GENERATED ALWAYS AS IDENTITY (CACHE 1 )")) << spec.create_sql;
  // serial ran as a bigint identity (serial-type): a value past 2^31 must fit the new table.
  const std::string serial = spec_of("CREATE TABLE items (id serial PRIMARY KEY, v text);",
                                     "ALTER TABLE items ALTER v SET NOT NULL").create_sql;
  EXPECT_TRUE(contains(serial, "id bigint NOT NULL GENERATED BY DEFAULT AS IDENTITY (CACHE 1 )")) << serial;
  const std::string started = spec_of("CREATE TABLE items (id int GENERATED BY DEFAULT AS IDENTITY (START WITH 5) PRIMARY KEY);",
                                      "ALTER TABLE items ALTER id TYPE bigint").create_sql;
  EXPECT_TRUE(contains(started, "GENERATED BY DEFAULT AS IDENTITY (START 5 CACHE 1 )")) << started;
  EXPECT_EQ(spec.identity_columns, (std::vector<std::string>{"id", "n"}));
  EXPECT_TRUE(spec.overriding_system_value);
}

TEST(RecreationSpec, IdentityLeavesItsSequenceNameToTheNewTable) {
  // Drizzle names the identity's sequence; the old table holds that name until the swap.
  const std::string drizzle =
      "CREATE TABLE t (id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name \"t_id_seq\" INCREMENT BY 1 "
      "MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1), v varchar(10));";
  const std::string sql = spec_of(drizzle, "ALTER TABLE t ALTER v TYPE varchar(20)", false, "public.t").create_sql;
  EXPECT_FALSE(contains(sql, "t_id_seq")) << sql;
  EXPECT_FALSE(contains(sql, "SEQUENCE NAME")) << sql;
  EXPECT_TRUE(contains(sql, "id bigint NOT NULL GENERATED ALWAYS AS IDENTITY (INCREMENT 1 MINVALUE 1 MAXVALUE 2147483647 "
                            "START 1 CACHE 1 )"))
      << sql;
}

TEST(RecreationSpec, IndexesComeBackAsDsqlBuiltThem) {
  // The first CREATE INDEX ran rewritten: without USING btree, ASC/DESC, operator class and
  // COLLATE (DSQL refuses them on index keys). The rebuild must not bring them back.
  const std::string words =
      "CREATE TABLE words (id int PRIMARY KEY, word text NOT NULL, rank int);\n"
      "CREATE INDEX ASYNC words_rank_idx ON words USING btree (rank DESC NULLS LAST);\n"
      "CREATE INDEX ASYNC words_word_idx ON words USING btree (word text_pattern_ops);\n"
      "CREATE INDEX ASYNC words_word_c_idx ON words (word COLLATE \"C\");";
  const RecreationSpec spec = spec_of(words, "ALTER TABLE words ALTER rank TYPE bigint", true, "public.words");
  ASSERT_EQ(spec.indexes.size(), 3u);
  EXPECT_TRUE(contains(spec.indexes[0].sql, "ON public.words__mantle_new_ab12cd34_3 (rank NULLS LAST)")) << spec.indexes[0].sql;
  EXPECT_TRUE(contains(spec.indexes[1].sql, "ON public.words__mantle_new_ab12cd34_3 (word)")) << spec.indexes[1].sql;
  EXPECT_TRUE(contains(spec.indexes[2].sql, "ON public.words__mantle_new_ab12cd34_3 (word)")) << spec.indexes[2].sql;
  for (const RecreatedIndex& index : spec.indexes) {
    EXPECT_TRUE(contains(index.sql, "CREATE INDEX ASYNC")) << index.sql;
    EXPECT_FALSE(contains(index.sql, "USING")) << index.sql;
  }
}

TEST(RecreationSpec, DroppedColumnIsLeftOutOfTheNewTableAndTheCopy) {
  // Prisma writes DROP COLUMN and ADD COLUMN ... NOT NULL DEFAULT in one ALTER TABLE.
  const RecreationSpec spec =
      spec_of(kItems, "ALTER TABLE items DROP COLUMN note, ADD COLUMN views integer NOT NULL DEFAULT 0");
  EXPECT_FALSE(contains(spec.create_sql, "note")) << spec.create_sql;
  EXPECT_TRUE(contains(spec.create_sql, "views int NOT NULL DEFAULT 0")) << spec.create_sql;
  EXPECT_EQ(spec.insert_columns, (std::vector<std::string>{"id", "name", "price"}));
  EXPECT_EQ(spec_of(kItems, "ALTER TABLE items DROP COLUMN IF EXISTS gone, ALTER note TYPE text").insert_columns.size(), 4u);
  EXPECT_TRUE(contains(error_of(kItems, "ALTER TABLE items DROP COLUMN gone, ALTER note TYPE text"), "column gone"));
}

TEST(RecreationSpec, DroppedColumnTakesItsKeysAlong) {
  // As in PostgreSQL: a UNIQUE (or the primary key) on the column goes with it. Apply
  // refused this, while check passed it.
  const std::string history = std::string(kItems) + "\nALTER TABLE items ADD COLUMN code text UNIQUE;";
  const RecreationSpec spec = spec_of(history, "ALTER TABLE items DROP COLUMN code, ALTER note TYPE text");
  EXPECT_FALSE(contains(spec.create_sql, "code")) << spec.create_sql;
  EXPECT_FALSE(contains(spec.create_sql, "UNIQUE")) << spec.create_sql;
  const RecreationSpec keyless = spec_of(kItems, "ALTER TABLE items DROP COLUMN id, ALTER note TYPE text");
  EXPECT_FALSE(contains(keyless.create_sql, "PRIMARY KEY")) << keyless.create_sql;
  EXPECT_EQ(keyless.key_columns, std::vector<std::string>{"id"});  // the copy walks the old table's key
}

TEST(RecreationSpec, ForeignKeyOnADroppedColumnIsRefusedAsPostgresRefusesIt) {
  const std::string history = std::string(kItems) + "\nALTER TABLE items ADD COLUMN code text UNIQUE;";
  TableDependents dependents;
  ConstraintModel key{.name = "orders_code_fk", .kind = ConstraintKind::ForeignKey, .columns = {"item_code"}};
  key.references.edit() = ForeignKeyModel{.table = "public.items", .columns = {"code"}};
  dependents.keys.emplace_back("public.orders", key);
  const auto spec =
      recreation_spec(table_of(history), "ALTER TABLE items DROP COLUMN code, ALTER note TYPE text", "s1", true, dependents);
  ASSERT_FALSE(spec);
  EXPECT_TRUE(contains(spec.error().message, "orders_code_fk")) << spec.error().message;
  EXPECT_TRUE(recreation_spec(table_of(history), "ALTER TABLE items ALTER note TYPE text", "s1", true, dependents));
}

TEST(RecreationSpec, ViewOnADroppedColumnIsRefusedBeforeAnythingChanges) {
  // The rebuild re-created the view after the swap, which failed (42703) with the view gone.
  TableDependents dependents;
  dependents.views.push_back(ViewModel{.schema = "public", .name = "item_notes", .query_sql = "SELECT id, note FROM items"});
  const auto spec = recreation_spec(table_of(kItems), "ALTER TABLE items DROP COLUMN note, ALTER name TYPE varchar(9)",
                                    "s1", true, dependents);
  ASSERT_FALSE(spec);
  EXPECT_TRUE(contains(spec.error().message, "view item_notes reads column note")) << spec.error().message;
  EXPECT_TRUE(recreation_spec(table_of(kItems), "ALTER TABLE items DROP COLUMN price, ALTER name TYPE varchar(9)", "s1",
                              true, dependents));
}

TEST(RecreationSpec, ChangesItCannotExpressAreRefused) {
  EXPECT_TRUE(contains(error_of(kItems, "ALTER TABLE items RENAME COLUMN name TO title"), "ALTER TABLE"));
  EXPECT_TRUE(contains(error_of(kItems, "ALTER TABLE items ALTER COLUMN missing TYPE int"), "column missing"));
  EXPECT_TRUE(contains(error_of(kItems, "ALTER TABLE items ALTER note TYPE text, OWNER TO app"), "OWNER TO"));
  EXPECT_TRUE(contains(error_of(kItems, "CREATE TABLE x (id int)"), "only ALTER TABLE"));
  EXPECT_FALSE(recreation_spec(table_of(kItems), "ALTER TABLE items ALTER note DROP DEFAULT", "bad suffix!", false));
}

TEST(RecreationSpec, IndexAndConstraintCommentsAreGivenToTheObjectsTheyWillBe) {
  // Keys and indexes still have their temporary names when the comments are given (the old
  // table holds the real ones until it is dropped); a comment follows its object's rename.
  const std::string history = std::string(kItems) +
                              "\nCOMMENT ON INDEX items_price_idx IS 'cheap first';\n"
                              "COMMENT ON CONSTRAINT items_pkey ON items IS 'the key';\n"
                              "COMMENT ON CONSTRAINT items_price_check ON items IS 'no refunds';\n"
                              "ALTER TABLE items ADD CONSTRAINT items_note_check CHECK (note <> '');\n"
                              "COMMENT ON CONSTRAINT items_note_check ON items IS 'dropped by the rebuild';\n";
  TableDependents dependents;
  ConstraintModel inbound{.name = "lines_item_fk", .kind = ConstraintKind::ForeignKey, .columns = {"item_id"}};
  inbound.references = ForeignKeyModel{.table = "public.items"};
  inbound.comment = std::string("the item of a line");
  dependents.keys.emplace_back("public.lines", inbound);
  const auto spec = recreation_spec(table_of(history),
                                    "ALTER TABLE items ALTER price TYPE numeric(18,4), DROP CONSTRAINT items_note_check",
                                    "ab12cd34_3", true, dependents);
  ASSERT_TRUE(spec) << spec.error().message;
  std::string grants;
  for (const std::string& sql : spec->grants) grants += sql + "\n";
  EXPECT_TRUE(contains(grants, "COMMENT ON INDEX public.items_price_idx__mantle_1_ab12cd34_3 IS 'cheap first'")) << grants;
  EXPECT_TRUE(contains(grants, "COMMENT ON CONSTRAINT items_pkey__mantle_0_ab12cd34_3 ON public.items IS 'the key'"))
      << grants;
  EXPECT_TRUE(contains(grants, "COMMENT ON CONSTRAINT items_price_check ON public.items IS 'no refunds'")) << grants;
  EXPECT_TRUE(contains(grants, "COMMENT ON CONSTRAINT lines_item_fk ON public.lines IS 'the item of a line'")) << grants;
  EXPECT_FALSE(contains(grants, "dropped by the rebuild")) << grants;
  const std::vector<std::string> steps = describe(*spec);
  EXPECT_NE(std::find(steps.begin(), steps.end(),
                      "COMMENT ON INDEX public.items_price_idx__mantle_1_ab12cd34_3 IS 'cheap first'"),
            steps.end());
}

}  // namespace
}  // namespace dsqlint
