// REVOKE in the model, as PostgreSQL revokes: what a rebuild gives back afterwards.
#include <gtest/gtest.h>

#include "catalog/grants.h"

namespace dsqlint {
namespace {

GrantModel grant(std::string privileges, std::vector<std::string> columns = {}, std::string grantee = "app") {
  return GrantModel{std::move(privileges), std::move(grantee), false, std::move(columns)};
}

std::string held(const std::vector<GrantModel>& grants) {
  std::string out;
  for (const GrantModel& g : grants) {
    out += (out.empty() ? "" : "; ") + g.grantee + " " + g.privileges + (g.with_grant_option ? " +option" : "");
    for (const std::string& c : g.columns) out += " " + c;
  }
  return out;
}

TEST(Grants, RevokeTakesTheNamedPrivilegesOnly) {
  std::vector<GrantModel> grants{grant("SELECT, INSERT"), grant("SELECT", {}, "other")};
  revoke(grants, grant("INSERT"));
  EXPECT_EQ(held(grants), "app SELECT; other SELECT");
  revoke(grants, grant("SELECT"));
  EXPECT_EQ(held(grants), "other SELECT");
}

TEST(Grants, AllIsEveryPrivilege) {
  std::vector<GrantModel> grants{grant("ALL")};
  revoke(grants, grant("DELETE, TRUNCATE"));
  EXPECT_EQ(held(grants), "app SELECT, INSERT, UPDATE, REFERENCES, TRIGGER");
  revoke(grants, grant("ALL"));
  EXPECT_EQ(held(grants), "");
}

TEST(Grants, ColumnRevokesTakeColumnsAndTableRevokesTakeColumnGrants) {
  std::vector<GrantModel> grants{grant("SELECT"), grant("UPDATE", {"name", "secret"}), grant("INSERT", {"name"})};
  revoke(grants, grant("UPDATE", {"secret"}));
  EXPECT_EQ(held(grants), "app SELECT; app UPDATE name; app INSERT name");
  revoke(grants, grant("SELECT", {"name"}));  // no column grant of SELECT: the table-wide one stays
  EXPECT_EQ(held(grants), "app SELECT; app UPDATE name; app INSERT name");
  revoke(grants, grant("INSERT"));  // a table-wide revoke takes the column grants too
  EXPECT_EQ(held(grants), "app SELECT; app UPDATE name");
}

TEST(Grants, GrantOptionForKeepsThePrivileges) {
  std::vector<GrantModel> grants{GrantModel{"SELECT", "app", true, {}}};
  revoke(grants, GrantModel{"SELECT", "app", true, {}});
  EXPECT_EQ(held(grants), "app SELECT");
}

}  // namespace
}  // namespace dsqlint
