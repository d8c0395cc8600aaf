#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

// Reported by lint/rebuild_refusal.cpp as the catalog is replayed: it builds the table the
// rebuild would create, from the table history defines. Registered here for its id, summary
// and documentation.
const RuleRegistrar kRule{{
    .id = "rebuild-refused",
    .summary = "a table rebuild apply would refuse, for the reason it names",
    .klass = StatementClass::Unsupported,
}};

}  // namespace
}  // namespace dsqlint::rules
