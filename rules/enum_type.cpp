#include "lint/rule.h"

// Reported by replay itself (lint/enum_emulation.cpp): emulating an enum needs the schema
// model, which knows the types earlier files created and the columns that use them.
namespace dsqlint::rules {
namespace {

const RuleRegistrar kRule{{
    .id = "enum-type",
    .summary = "an enum type (CREATE TYPE ... AS ENUM, its columns, casts and ALTER TYPE), emulated by CHECKs on text",
    .klass = StatementClass::Rewrite,
}};

}  // namespace
}  // namespace dsqlint::rules
