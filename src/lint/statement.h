#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "core/source_file.h"
#include "parse/lexer.h"
#include "parse/parsed_file.h"
#include "parse/pg.h"

namespace dsqlint {

/// The NodeTag of a parse-node type, so rules can write stmt.as<IndexStmt>().
template <typename T>
constexpr NodeTag tag_of();
#define DSQLINT_NODE_TAG(T) \
  template <>               \
  constexpr NodeTag tag_of<T>() { return T_##T; }
DSQLINT_NODE_TAG(AlterTableStmt)
DSQLINT_NODE_TAG(AlterEventTrigStmt)
DSQLINT_NODE_TAG(AlterExtensionStmt)
DSQLINT_NODE_TAG(AlterExtensionContentsStmt)
DSQLINT_NODE_TAG(CallStmt)
DSQLINT_NODE_TAG(CreateEventTrigStmt)
DSQLINT_NODE_TAG(CreateExtensionStmt)
DSQLINT_NODE_TAG(CreateFunctionStmt)
DSQLINT_NODE_TAG(CreatePolicyStmt)
DSQLINT_NODE_TAG(AlterPolicyStmt)
DSQLINT_NODE_TAG(CreateSeqStmt)
DSQLINT_NODE_TAG(AlterSeqStmt)
DSQLINT_NODE_TAG(CreateStmt)
DSQLINT_NODE_TAG(CreateTableAsStmt)
DSQLINT_NODE_TAG(CreateTrigStmt)
DSQLINT_NODE_TAG(DoStmt)
DSQLINT_NODE_TAG(DropStmt)
DSQLINT_NODE_TAG(IndexStmt)
DSQLINT_NODE_TAG(LoadStmt)
DSQLINT_NODE_TAG(RenameStmt)
DSQLINT_NODE_TAG(SelectStmt)
DSQLINT_NODE_TAG(TransactionStmt)
DSQLINT_NODE_TAG(TruncateStmt)
DSQLINT_NODE_TAG(ViewStmt)
DSQLINT_NODE_TAG(AlterDatabaseStmt)
DSQLINT_NODE_TAG(AlterDatabaseSetStmt)
DSQLINT_NODE_TAG(AlterDatabaseRefreshCollStmt)
DSQLINT_NODE_TAG(AlterEnumStmt)
DSQLINT_NODE_TAG(AlterSystemStmt)
DSQLINT_NODE_TAG(AlterTypeStmt)
DSQLINT_NODE_TAG(CompositeTypeStmt)
DSQLINT_NODE_TAG(CreateEnumStmt)
DSQLINT_NODE_TAG(CreateRangeStmt)
DSQLINT_NODE_TAG(CreatedbStmt)
DSQLINT_NODE_TAG(DefineStmt)
DSQLINT_NODE_TAG(DropdbStmt)
DSQLINT_NODE_TAG(ListenStmt)
DSQLINT_NODE_TAG(LockStmt)
DSQLINT_NODE_TAG(NotifyStmt)
DSQLINT_NODE_TAG(RefreshMatViewStmt)
DSQLINT_NODE_TAG(UnlistenStmt)
DSQLINT_NODE_TAG(VacuumStmt)
#undef DSQLINT_NODE_TAG

/// One statement as rules see it: its parse tree, its text and its place in the file.
class Statement {
 public:
  Statement(const ParsedStatement& parsed, const SourceFile& file, uint32_t index)
      : parsed_(parsed), file_(file), index_(index) {}

  uint32_t index() const { return index_; }  ///< 1-based position in the file
  SyntaxKind kind() const { return parsed_.kind; }
  const ParsedStatement& parsed() const { return parsed_; }
  const SourceFile& file() const { return file_; }
  Node* node() const { return parsed_.node; }
  Span span() const { return parsed_.span; }
  std::string_view text() const { return file_.slice(parsed_.span); }
  bool has_async_keyword() const { return parsed_.async_keyword.has_value(); }

  template <typename T>
  const T* as() const {
    return parsed_.node && nodeTag(parsed_.node) == tag_of<T>() ? reinterpret_cast<const T*>(parsed_.node) : nullptr;
  }

  /// File offset of a parse-node `location` (-1, unknown, maps to the statement start).
  uint32_t offset(int location) const {
    return location < 0 ? parsed_.span.begin : parsed_.base + static_cast<uint32_t>(location);
  }

  /// The statement's tokens without comments, lexed on the first call (several rules ask).
  const std::vector<Token>& tokens() const;
  /// The first unquoted word equal to `keyword` (upper case) at or after `from`.
  std::optional<Token> find_word(std::string_view keyword, uint32_t from = 0) const;
  /// The span of a word's token, or the statement's first token when it is absent.
  Span word_or_start(std::string_view keyword) const;

 private:
  const ParsedStatement& parsed_;
  const SourceFile& file_;
  uint32_t index_;
  mutable std::optional<std::vector<Token>> tokens_;
};

}  // namespace dsqlint
