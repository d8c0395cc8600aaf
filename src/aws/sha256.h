#pragma once
#include <string>
#include <string_view>

namespace dsqlint {

/// SHA-256 of `bytes` as 64 lower-case hex digits (tracking hashes, SigV4).
std::string sha256_hex(std::string_view bytes);

}  // namespace dsqlint
