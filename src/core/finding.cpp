#include "core/finding.h"

namespace dsqlint {

std::string_view class_name(StatementClass c) {
  switch (c) {
    case StatementClass::Ok: return "OK";
    case StatementClass::Index: return "INDEX";
    case StatementClass::Rewrite: return "REWRITE";
    case StatementClass::Recreation: return "RECREATION";
    case StatementClass::Strip: return "STRIP";
    case StatementClass::Unsupported: return "UNSUPPORTED";
  }
  return "?";
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "?";
}

std::string_view applicability_name(Applicability a) {
  switch (a) {
    case Applicability::Safe: return "safe";
    case Applicability::Unsafe: return "unsafe";
    case Applicability::DisplayOnly: return "display-only";
  }
  return "?";
}

Severity default_severity(StatementClass c) {
  switch (c) {
    case StatementClass::Ok:
    case StatementClass::Index: return Severity::Info;
    case StatementClass::Rewrite:
    case StatementClass::Recreation:
    case StatementClass::Strip: return Severity::Warning;
    case StatementClass::Unsupported: return Severity::Error;
  }
  return Severity::Error;
}

}  // namespace dsqlint
