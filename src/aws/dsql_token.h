#pragma once
#include <chrono>
#include <string>
#include <string_view>

#include "aws/sigv4.h"

namespace dsqlint {

/// The password for an Aurora DSQL connection: a SigV4 query-presigned GET of
/// https://<endpoint>/?Action=DbConnectAdmin (for the user admin) or DbConnect (any other
/// user), service "dsql", without the "https://": byte-equal to what botocore's
/// generate_db_connect_admin_auth_token / generate_db_connect_auth_token return.
std::string dsql_auth_token(const std::string& endpoint, const std::string& region, bool admin,
                            const AwsCredentials& credentials, std::chrono::system_clock::time_point now,
                            int expires_seconds = 900);

/// The region of a DSQL endpoint `<id>.dsql.<region>.on.aws`; empty for any other host.
std::string region_from_endpoint(std::string_view endpoint);

}  // namespace dsqlint
