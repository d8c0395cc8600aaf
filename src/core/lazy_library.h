#pragma once

#include <mutex>

namespace dsqlint {

/// A shared library opened on first use, for the commands that need it: check, fix and the
/// rules never connect anywhere, and the dynamic loader's work for libpq and libcurl (two
/// dozen libraries: Kerberos, LDAP, GnuTLS, ...) cost more than checking a small folder.
/// lambda-package's bundled loader finds `lib/<soname>` through its --library-path.
class LazyLibrary {
 public:
  /// `package`: the Debian package that installs it; `needed_for`: what cannot run without it.
  LazyLibrary(const char* soname, const char* package, const char* needed_for)
      : soname_(soname), package_(package), needed_for_(needed_for) {}

  /// Opens the library now; a missing one ends the process with exit code 2 and a message
  /// naming the package to install.
  void load();
  /// The address of `name`, the library opened first; missing: as load().
  void* symbol(const char* name);

 private:
  [[noreturn]] void fail(const char* what) const;

  const char* soname_;
  const char* package_;
  const char* needed_for_;
  std::once_flag opened_;
  void* handle_ = nullptr;
};

}  // namespace dsqlint

/// Defines `name`, which the library's own header declares extern "C", to call the library's
/// function, found once. A signature that differs from the header's does not compile.
#define DSQLINT_FORWARD(library, result, name, params, args)                              \
  extern "C" result name params {                                                         \
    static const auto real = reinterpret_cast<decltype(&name)>((library).symbol(#name)); \
    return real args;                                                                     \
  }
