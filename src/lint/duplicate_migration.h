#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "catalog/schema.h"
#include "lint/file_result.h"

namespace dsqlint {

/// What apply identifies a migration by, cheaply: the size and a 64-bit hash (16 bytes) of the content
/// as apply hashes it (a leading BOM dropped, CRLF and CR read as LF). Two files with the
/// same key have, for all practical purposes, the same content.
std::string content_key(std::string_view text);

/// Whether two files belong to one migrations folder, which apply takes as one.
using SameFolder = std::function<bool(const std::string&, const std::string&)>;

/// Before the file is replayed: reports `duplicate-migration` on its first statement when
/// an earlier file of its migrations folder had its content (apply refuses such a folder),
/// and records the content. A file without statements is never a duplicate: apply runs
/// nothing of it. `same_folder` is asked only of files with one content.
void check_duplicate_migration(Catalog& catalog, FileResult& file, const SameFolder& same_folder);

}  // namespace dsqlint
