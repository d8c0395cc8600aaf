// The libcurl functions dsqlint calls, defined here to call libcurl's own once it is opened:
// the binary does not link libcurl, so commands that make no HTTP request do not load it.
#include "aws/libcurl_lazy.h"

#include <curl/curl.h>

#include <cstdarg>

namespace dsqlint {

LazyLibrary& libcurl_library() {
  static LazyLibrary library("libcurl.so.4", "libcurl4", "reaching AWS endpoints over HTTP");
  return library;
}

}  // namespace dsqlint

#define FORWARD(result, name, params, args) DSQLINT_FORWARD(dsqlint::libcurl_library(), result, name, params, args)

FORWARD(CURLcode, curl_global_init, (long flags), (flags))
FORWARD(CURL*, curl_easy_init, (), ())
FORWARD(CURLcode, curl_easy_perform, (CURL * curl), (curl))
FORWARD(void, curl_easy_cleanup, (CURL * curl), (curl))
FORWARD(const char*, curl_easy_strerror, (CURLcode code), (code))
FORWARD(curl_slist*, curl_slist_append, (curl_slist * list, const char* text), (list, text))
FORWARD(void, curl_slist_free_all, (curl_slist * list), (list))

extern "C" CURLcode curl_easy_setopt(CURL* curl, CURLoption option, ...) {
  static const auto real =
      reinterpret_cast<decltype(&curl_easy_setopt)>(dsqlint::libcurl_library().symbol("curl_easy_setopt"));
  // One argument, whose type the option's number range gives, as libcurl itself reads it.
  va_list args;
  va_start(args, option);
  CURLcode code;
  if (option < CURLOPTTYPE_OBJECTPOINT) code = real(curl, option, va_arg(args, long));
  else if (option >= CURLOPTTYPE_OFF_T && option < CURLOPTTYPE_BLOB) code = real(curl, option, va_arg(args, curl_off_t));
  else code = real(curl, option, va_arg(args, void*));  // objects, callbacks, blobs
  va_end(args);
  return code;
}

extern "C" CURLcode curl_easy_getinfo(CURL* curl, CURLINFO info, ...) {
  static const auto real =
      reinterpret_cast<decltype(&curl_easy_getinfo)>(dsqlint::libcurl_library().symbol("curl_easy_getinfo"));
  va_list args;
  va_start(args, info);
  CURLcode code = real(curl, info, va_arg(args, void*));  // every CURLINFO takes a pointer to its result
  va_end(args);
  return code;
}
