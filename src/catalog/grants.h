#pragma once
#include <vector>

#include "catalog/schema.h"

namespace dsqlint {

/// REVOKE, as PostgreSQL does it on a table or view: the privileges it names (ALL: every
/// one) leave the grantee's table-wide grants, and its column grants of those privileges;
/// a REVOKE on columns takes those columns only; GRANT OPTION FOR leaves the privileges
/// and takes the option. What the grantee holds otherwise stays (a rebuild gives it back).
void revoke(std::vector<GrantModel>& grants, const GrantModel& revoked);

}  // namespace dsqlint
