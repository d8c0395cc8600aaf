#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "catalog/schema.h"

// The schema model as bytes, for the history cache: a compact binary form that loads in a
// few milliseconds. `stamp` (the tool version) is part of it: bytes written by another
// version, or damaged ones, decode to nothing and the history is replayed instead.
namespace dsqlint {

std::string encode_catalog(const Catalog& catalog, std::string_view stamp);

/// The catalog `bytes` hold, reverse indexes included; nullopt when they are damaged (a
/// checksum covers them), truncated or were written with another stamp. Its tables are
/// read from the bytes when first looked up.
std::optional<Catalog> decode_catalog(std::string bytes, std::string_view stamp);

/// One table as encode_catalog wrote it, for Catalog::table().
TableModel decode_table(std::string_view bytes);

}  // namespace dsqlint
