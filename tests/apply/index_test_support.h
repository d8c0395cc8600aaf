#pragma once
// A users table with duplicate e-mail addresses, for the tests of index steps: a unique
// index over it fails to build, as on DSQL, and leaves an INVALID index where the build
// was concurrent.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "apply_test_support.h"
#include "../pg_test_server.h"

namespace dsqlint::testing {

/// A fresh database whose users table (0001_users.sql, applied) holds rows 1..3, rows 1
/// and 3 with the same email; `provider` applies every folder of the test.
struct UsersWithDuplicates {
  UsersWithDuplicates(const std::string& name, std::string provider_name)
      : folder(name), db(fresh_database(name)), provider(std::move(provider_name)) {
    folder.write("0001_users.sql",
                 {R"(CREATE TABLE "users" ("id" integer PRIMARY KEY NOT NULL, "email" text NOT NULL, "name" text))"});
    const ProcessResult created = apply();
    EXPECT_EQ(created.exit_code, 0) << created.output();
    db.exec("INSERT INTO users VALUES (1, 'a@example.com', 'Ann'), (2, 'b@example.com', 'Bob'), "
            "(3, 'a@example.com', 'Ann')");
  }

  ProcessResult apply(const std::vector<std::string>& extra = {}) {
    return run_dsqlint_with(apply_args(folder, db, provider, extra));
  }
  void remove_duplicates() { db.exec("DELETE FROM users WHERE id = 3"); }

  /// "t <oid>" for a valid index, "f <oid>" for an INVALID one, "" when there is none.
  std::string index(const std::string& name) {
    return db.row("SELECT CASE WHEN indisvalid AND indisready THEN 't' ELSE 'f' END, indexrelid FROM pg_index "
                  "WHERE indexrelid = to_regclass('" + name + "')");
  }
  /// Makes index `name` INVALID, as a failed build leaves it (the test connects as superuser).
  void invalidate(const std::string& name) {
    db.exec("UPDATE pg_index SET indisvalid = false WHERE indexrelid = '" + name + "'::regclass");
  }
  /// "<rows> <state>" of the file in __mantle_migrations: "1 applied" when recorded once.
  std::string recorded(const std::string& file) {
    return db.row("SELECT count(*), max(state) FROM __mantle_migrations WHERE filename = '" + file + "'");
  }
  /// The states of the file's step rows, in step order ("" when none is recorded).
  std::string steps(const std::string& file) {
    return db.row("SELECT coalesce(string_agg(s.state, ',' ORDER BY s.step_index), '') FROM __mantle_migration_steps s "
                  "JOIN __mantle_migrations m USING (migration_sha256) WHERE m.filename = '" + file + "'");
  }
  /// The names of the users table's indexes, sorted.
  std::string indexes() {
    return db.row("SELECT string_agg(indexrelid::regclass::text, ',' ORDER BY indexrelid::regclass::text) "
                  "FROM pg_index WHERE indrelid = 'users'::regclass");
  }

  MigrationFolder folder;
  Db db;
  std::string provider;
};

}  // namespace dsqlint::testing
