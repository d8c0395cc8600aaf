#pragma once
#include <string>

#include <fmt/compile.h>
#include <fmt/format.h>

namespace dsqlint {

/// fmt::format for a format string compiled with FMT_COMPILE, into one allocation:
/// fmt::format itself appends a compiled format's pieces to a std::string one by one, which
/// grows it two or three times for a message.
template <typename CompiledFormat, typename... Args>
std::string compiled_format(const CompiledFormat& format, const Args&... args) {
  fmt::memory_buffer buffer;
  fmt::format_to(fmt::appender(buffer), format, args...);
  return std::string(buffer.data(), buffer.size());
}

}  // namespace dsqlint
