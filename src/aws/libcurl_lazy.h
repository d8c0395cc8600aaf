#pragma once

#include "core/lazy_library.h"

namespace dsqlint {

/// libcurl.so.4, opened on the first HTTP request (see LazyLibrary).
LazyLibrary& libcurl_library();

}  // namespace dsqlint
