#pragma once
#include <string>

#include "lint/linter.h"
#include "lint/replay.h"

namespace dsqlint {

/// The catalog after `sql`, linted and replayed as one file of the default target.
inline Catalog replayed(const std::string& sql) {
  FileResult file = lint_statements(make_source("history.sql", sql), TargetProfile{});
  Catalog catalog;
  replay(catalog, file, TargetProfile{});
  return catalog;
}

}  // namespace dsqlint
