// dsqlint rehearse: the folder applied the way DSQL will run it, on a throwaway server.
#include <iostream>

#include "apply/local_server.h"
#include "apply/runner.h"
#include "apply/schema_dump.h"
#include "cli/apply_command.h"

namespace dsqlint {

int run_rehearse(const std::string& folder) {
  auto plan = plan_folder(folder, Provider::DsqlLocal);
  if (!plan) {
    std::cerr << "dsqlint: " << plan.error().message << "\n";
    return static_cast<int>(ApplyExit::kUsage);
  }
  std::cout << "rehearse: starting a throwaway PostgreSQL server\n";
  auto server = LocalServer::start();
  if (!server) {
    std::cerr << "dsqlint: cannot start a local PostgreSQL server: " << server.error().message << "\n";
    return static_cast<int>(ApplyExit::kConnection);
  }
  auto database = server->create_database("rehearsal");
  if (!database) {
    std::cerr << "dsqlint: " << database.error().message << "\n";
    return static_cast<int>(ApplyExit::kConnection);
  }
  auto sessions = pg_sessions(*database);
  const ApplyExit code = apply_plan(*plan, *sessions, ApplyOptions{}, std::cout, std::cerr);
  if (auto session = sessions->open()) {
    std::cout << "\nschema after the rehearsal (DSQL rules enforced by dsql-local):\n" << dump_schema(**session);
  }
  std::cout << (code == ApplyExit::kDone ? "\nrehearsal: the folder applies as DSQL will run it\n"
                                         : "\nrehearsal: FAILED; see above\n")
            << "rehearse: server stopped and removed\n";
  return static_cast<int>(code);
}

}  // namespace dsqlint
