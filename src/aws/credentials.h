#pragma once
#include "aws/sigv4.h"
#include "core/result.h"

namespace dsqlint {

/// AWS credentials in the order AWS's SDKs look for them, as far as dsqlint goes:
///  1. the environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN;
///  2. the shared files for AWS_PROFILE (else AWS_DEFAULT_PROFILE, else "default"): static
///     keys and a session token in the credentials file (AWS_SHARED_CREDENTIALS_FILE, else
///     ~/.aws/credentials), then in the config file (AWS_CONFIG_FILE, else ~/.aws/config,
///     section "[profile NAME]"), or that profile's credential_process (its JSON output);
///  3. the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or
///     _FULL_URI, with AWS_CONTAINER_AUTHORIZATION_TOKEN or _TOKEN_FILE): ECS, CodeBuild,
///     EKS Pod Identity;
///  4. EC2 instance metadata, IMDSv2 (AWS_EC2_METADATA_SERVICE_ENDPOINT; skipped when
///     AWS_EC2_METADATA_DISABLED=true).
/// The error lists what was tried and why each gave nothing.
Result<AwsCredentials> resolve_credentials();

}  // namespace dsqlint
