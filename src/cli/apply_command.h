#pragma once
#include <string>

#include "core/result.h"
#include "plan/plan.h"

namespace dsqlint {

/// Where and how to connect, as Mantle's flags and environment give it.
struct ConnectionOptions {
  std::string provider;           ///< empty: inferred
  std::string connection_string;  ///< --connection-string, else DATABASE_URL
  std::string endpoint;           ///< --endpoint, else DSQL_ENDPOINT
  std::string region;             ///< --region, else AWS_REGION
  std::string ssl_root_cert;      ///< --ssl-root-cert, else PGSSLROOTCERT, else the system's CA bundle
  std::string user;               ///< --user: the database role; admin for an endpoint when empty
  bool iam = false;               ///< --iam: sign an RDS IAM token for the connection string (aurora-serverless-v2)
};

struct ApplyCommandOptions {
  std::string folder = "migrations";
  ConnectionOptions connection;
  bool no_lock = false;
  bool dry_run = false;
  bool allow_out_of_order = false;
  int lock_wait_seconds = 0;
  int lease_seconds = 300;
};

/// Reads and checks the folder for the provider's target and plans every file.
Result<Plan> plan_folder(const std::string& folder, Provider provider);

/// The libpq connection string: --connection-string / DATABASE_URL as given; for an
/// endpoint alone (--endpoint / DSQL_ENDPOINT), DSQL's admin user over TLS with an IAM
/// token signed now from the environment's AWS credentials (region: --region, AWS_REGION,
/// else the endpoint's), or PGPASSWORD when there are none. Contains secrets: print only
/// through mask_secrets.
Result<std::string> connection_target(const ConnectionOptions& options);

/// The provider to use: --provider, else inferred from the endpoint and connection string.
Result<Provider> resolve_provider(const ConnectionOptions& options);

int run_plan(const std::string& folder, const std::string& provider);
int run_apply(ApplyCommandOptions options);
int run_status(const std::string& folder, ConnectionOptions connection, bool json);
int run_unlock(ConnectionOptions connection, bool force);
/// Applies the folder with dsql-local to a throwaway server, prints the schema, removes it.
int run_rehearse(const std::string& folder);
/// Runs the permissions folder's files on the admin connection, each file once per content
/// (tracked by hash in __mantle_permissions); an edited file runs again.
int run_apply_permissions(const std::string& folder, const ConnectionOptions& options);
int run_rehash(const std::string& folder, const std::string& file, ConnectionOptions connection);

}  // namespace dsqlint
