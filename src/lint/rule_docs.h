#pragma once
#include <string_view>
#include <vector>

namespace dsqlint {

/// A rule's documentation, rules/<rule_id>.md, compiled in (cmake/embed_docs.cmake).
struct RuleDoc {
  std::string_view id;
  std::string_view markdown;
};

const std::vector<RuleDoc>& rule_docs();

}  // namespace dsqlint
