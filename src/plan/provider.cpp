#include "plan/provider.h"

#include <array>
#include <utility>

#include "cli/suggest.h"

namespace dsqlint {

namespace {

constexpr std::array<std::pair<std::string_view, Provider>, 5> kProviders{{
    {"aurora-dsql", Provider::AuroraDsql},
    {"aurora-serverless-v2", Provider::AuroraServerlessV2},
    {"neon", Provider::Neon},
    {"postgres", Provider::Postgres},
    {"dsql-local", Provider::DsqlLocal},
}};

/// The host of a postgres:// URI or of a key=value "host=" setting.
std::string host_of(const std::string& conninfo) {
  if (const size_t scheme = conninfo.find("://"); scheme != std::string::npos) {
    size_t begin = conninfo.find('@', scheme);
    const size_t slash = conninfo.find('/', scheme + 3);
    if (begin == std::string::npos || (slash != std::string::npos && begin > slash)) begin = scheme + 2;
    const size_t end = conninfo.find_first_of(":/?", begin + 1);
    return conninfo.substr(begin + 1, end == std::string::npos ? std::string::npos : end - begin - 1);
  }
  const size_t at = conninfo.find("host=");
  if (at == std::string::npos) return "";
  const size_t end = conninfo.find(' ', at);
  return conninfo.substr(at + 5, end == std::string::npos ? std::string::npos : end - at - 5);
}

}  // namespace

std::string_view provider_name(Provider provider) {
  for (const auto& [name, value] : kProviders)
    if (value == provider) return name;
  return "postgres";
}

Result<Provider> parse_provider(std::string_view name) {
  std::vector<std::string_view> names;
  for (const auto& [known, value] : kProviders) {
    if (known == name) return value;
    names.push_back(known);
  }
  std::string message = "unknown provider '" + std::string(name) + "'";
  if (const auto near = closest(name, names)) message += "; did you mean '" + std::string(*near) + "'?";
  return Error{message + " (aurora-dsql, aurora-serverless-v2, neon, postgres, dsql-local)"};
}

Provider infer_provider(const std::string& endpoint, const std::string& connection_string) {
  if (!endpoint.empty()) return Provider::AuroraDsql;
  if (connection_string.empty()) return Provider::AuroraDsql;
  const std::string host = host_of(connection_string);
  if (host.find(".dsql.") != std::string::npos) return Provider::AuroraDsql;
  if (host.find("neon.tech") != std::string::npos) return Provider::Neon;
  if (host.find(".rds.amazonaws.com") != std::string::npos) return Provider::AuroraServerlessV2;
  return Provider::Postgres;
}

TargetProfile target_for(Provider provider) {
  return *parse_target(is_dsql(provider) ? "dsql" : "postgres");
}

}  // namespace dsqlint
