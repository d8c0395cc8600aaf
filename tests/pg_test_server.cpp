#include "pg_test_server.h"

#include <cctype>
#include <optional>
#include <stdexcept>
#include <utility>

namespace dsqlint::testing {
namespace {

/// One start attempt per binary; a failure is remembered so later tests fail fast.
struct SharedServer {
  bool tried = false;
  std::optional<LocalServer> server;
  std::string error;
};

SharedServer& shared_server() {
  static SharedServer shared;  // destroyed at exit, which stops the server
  return shared;
}

/// A lower-case identifier made of the letters, digits and underscores of `prefix`.
std::string identifier(const std::string& prefix) {
  std::string name;
  for (char c : prefix.substr(0, 40)) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : '_';
  }
  return name.empty() ? "test" : name;
}

}  // namespace

LocalServer& test_server() {
  SharedServer& shared = shared_server();
  if (!shared.tried) {
    shared.tried = true;
    Result<LocalServer> started = LocalServer::start();
    if (started) shared.server.emplace(std::move(*started));
    else shared.error = started.error().message;
  }
  if (!shared.server) throw std::runtime_error("cannot start the test PostgreSQL server: " + shared.error);
  return *shared.server;
}

std::string fresh_database(const std::string& prefix) {
  static int counter = 0;
  const std::string name = identifier(prefix) + "_" + std::to_string(++counter);
  Result<std::string> conninfo = test_server().create_database(name);
  if (!conninfo) throw std::runtime_error(conninfo.error().message);
  return *conninfo;
}

}  // namespace dsqlint::testing
