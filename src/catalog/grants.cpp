#include "catalog/grants.h"

#include <algorithm>
#include <string>

namespace dsqlint {

namespace {

/// A table's privileges (PostgreSQL 16), what ALL stands for.
const std::vector<std::string> kAll = {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"};

/// "SELECT, INSERT" as a list; ALL as every privilege.
std::vector<std::string> privileges_of(const std::string& sql) {
  if (sql == "ALL") return kAll;
  std::vector<std::string> out;
  for (size_t from = 0; from < sql.size();) {
    const size_t comma = std::min(sql.find(", ", from), sql.size());
    out.push_back(sql.substr(from, comma - from));
    from = comma + 2;
  }
  return out;
}

std::string joined(const std::vector<std::string>& privileges) {
  if (privileges == kAll) return "ALL";
  std::string out;
  for (const std::string& privilege : privileges) out += (out.empty() ? "" : ", ") + privilege;
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

void revoke(std::vector<GrantModel>& grants, const GrantModel& revoked) {
  const std::vector<std::string> taken = privileges_of(revoked.privileges);
  for (GrantModel& grant : grants) {
    if (grant.grantee != revoked.grantee) continue;
    std::vector<std::string> held = privileges_of(grant.privileges);
    const bool touched = std::any_of(held.begin(), held.end(), [&](const std::string& p) { return contains(taken, p); });
    if (!touched) continue;
    if (revoked.with_grant_option) {  // GRANT OPTION FOR: the privileges stay
      grant.with_grant_option = false;
      continue;
    }
    if (!revoked.columns.empty()) {  // REVOKE SELECT (a) takes column a of a column grant only
      if (grant.columns.empty()) continue;
      std::erase_if(grant.columns, [&](const std::string& c) { return contains(revoked.columns, c); });
      if (grant.columns.empty()) grant.privileges.clear();
      continue;
    }
    std::erase_if(held, [&](const std::string& p) { return contains(taken, p); });
    grant.privileges = joined(held);
  }
  std::erase_if(grants, [](const GrantModel& g) { return g.privileges.empty(); });
}

}  // namespace dsqlint
