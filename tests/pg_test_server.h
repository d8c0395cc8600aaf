#pragma once
#include <string>

#include "apply/local_server.h"

namespace dsqlint::testing {

/// The PostgreSQL server shared by every test of this test binary: started on first use,
/// stopped and removed when the binary exits. Throws when it cannot start, which fails
/// the calling test with the reason: CI installs postgresql-15, so this is never a skip.
LocalServer& test_server();

/// Creates an empty database `<prefix>_<n>` on test_server() and returns its conninfo;
/// throws on failure like test_server().
std::string fresh_database(const std::string& prefix);

}  // namespace dsqlint::testing
