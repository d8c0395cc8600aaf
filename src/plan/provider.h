#pragma once
#include <string>
#include <string_view>

#include "core/result.h"
#include "lint/target.h"
#include "plan/plan.h"

namespace dsqlint {

/// "aurora-dsql", "aurora-serverless-v2", "neon", "postgres", "dsql-local".
std::string_view provider_name(Provider provider);
Result<Provider> parse_provider(std::string_view name);

/// Mantle's inference when --provider is not given: an endpoint (DSQL_ENDPOINT) means
/// aurora-dsql; a connection string (DATABASE_URL) means neon when its host is Neon's,
/// aurora-serverless-v2 when it is an RDS host, postgres otherwise; nothing means
/// aurora-dsql, the target dsqlint exists for.
Provider infer_provider(const std::string& endpoint, const std::string& connection_string);

/// DSQL's rules for aurora-dsql and dsql-local, PostgreSQL's for the others.
TargetProfile target_for(Provider provider);

inline bool is_dsql(Provider provider) { return provider == Provider::AuroraDsql || provider == Provider::DsqlLocal; }

}  // namespace dsqlint
