#include "lint/rule.h"

// Reported by replay itself (lint/fold.cpp), which alone sees the table a file created and
// the statements since: folding needs the schema model, statement by statement.
namespace dsqlint::rules {
namespace {

const RuleRegistrar kRule{{
    .id = "fold-into-create-table",
    .summary = "a change to a table the same file created, while it is still empty, folded into its CREATE TABLE",
    .klass = StatementClass::Rewrite,
}};

}  // namespace
}  // namespace dsqlint::rules
