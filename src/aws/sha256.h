#pragma once
#include <string>
#include <string_view>

namespace dsqlint {

/// SHA-256 of `bytes` as 64 lower-case hex digits (tracking hashes, SigV4).
std::string sha256_hex(std::string_view bytes);

/// HMAC-SHA256 of `data` under `key`, as 32 raw bytes (SigV4's key derivation chain).
std::string hmac_sha256(std::string_view key, std::string_view data);

/// `bytes` as lower-case hex digits.
std::string to_hex(std::string_view bytes);

}  // namespace dsqlint
