#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

// Reported by lint/suppressions.cpp, which reads the comments; registered here for its
// id, summary and documentation.
const RuleRegistrar kRule{{
    .id = "suppression-without-reason",
    .summary = "a dsqlint-ignore comment without a reason or without a rule",
    .klass = StatementClass::Ok,
    .targets = Targets::All,
}};

}  // namespace
}  // namespace dsqlint::rules
