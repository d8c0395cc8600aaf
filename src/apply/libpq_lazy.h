#pragma once

#include "core/lazy_library.h"

namespace dsqlint {

/// libpq.so.5, opened when a command first connects (see LazyLibrary).
LazyLibrary& libpq_library();

}  // namespace dsqlint
