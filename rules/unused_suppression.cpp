#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

// Reported by lint/suppressions.cpp, which reads the comments; registered here for its
// id, summary and documentation.
const RuleRegistrar kRule{{
    .id = "unused-suppression",
    .summary = "a dsqlint-ignore comment that hides nothing or names no rule",
    .klass = StatementClass::Ok,
    .targets = Targets::All,
}};

}  // namespace
}  // namespace dsqlint::rules
