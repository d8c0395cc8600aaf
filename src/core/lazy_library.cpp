#include "core/lazy_library.h"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>

#include "core/exit_code.h"

namespace dsqlint {

void LazyLibrary::load() {
  std::call_once(opened_, [this] {
    handle_ = dlopen(soname_, RTLD_NOW | RTLD_GLOBAL);
    if (!handle_) fail(dlerror());
  });
}

void* LazyLibrary::symbol(const char* name) {
  load();
  dlerror();
  void* address = dlsym(handle_, name);
  if (!address) fail(dlerror());
  return address;
}

void LazyLibrary::fail(const char* what) const {
  std::fflush(stdout);
  std::fprintf(stderr, "dsqlint: %s needs %s, which could not be loaded: %s; install it (Debian: apt install %s)\n",
               needed_for_, soname_, what ? what : "unknown error", package_);
  std::exit(static_cast<int>(ExitCode::kUsage));
}

}  // namespace dsqlint
