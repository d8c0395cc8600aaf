#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

// Reported by lint/duplicate_migration.cpp as the folder is replayed: it compares a file
// with the files before it, which no check of one statement sees. Registered here for its
// id, summary and documentation.
const RuleRegistrar kRule{{
    .id = "duplicate-migration",
    .summary = "a migration with the same content as an earlier one",
    .klass = StatementClass::Unsupported,
    .targets = Targets::All,
}};

}  // namespace
}  // namespace dsqlint::rules
