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

/// The password for an RDS/Aurora PostgreSQL IAM connection (aurora-serverless-v2): a SigV4
/// query-presigned GET of https://<host>:<port>/?Action=connect&DBUser=<user>, service
/// "rds-db", without the "https://": byte-equal to botocore's rds generate_db_auth_token.
std::string rds_auth_token(const std::string& host, int port, const std::string& user, const std::string& region,
                           const AwsCredentials& credentials, std::chrono::system_clock::time_point now);

/// The region of an RDS host `<name>.<id>.<region>.rds.amazonaws.com`; empty otherwise.
std::string region_from_rds_host(std::string_view host);

/// The region of a DSQL endpoint `<id>.dsql.<region>.on.aws`; empty for any other host.
std::string region_from_endpoint(std::string_view endpoint);

}  // namespace dsqlint
