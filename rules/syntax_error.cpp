#include "lint/rule.h"

namespace dsqlint::rules {
namespace {

/// The token at the error position, so editors underline the word, not one byte.
Span error_token(const Statement& stmt) {
  const uint32_t at = stmt.parsed().error_offset;
  Lexer lexer(stmt.file().text, at, std::max(at, stmt.span().end));
  const Token token = lexer.next();
  return token.kind == TokenKind::End || token.span.begin != at ? Span{at, at} : token.span;
}

void check(const Statement& stmt, Context&, Findings& out) {
  out.report(stmt, StatementClass::Unsupported, stmt.parsed().error)
      .at(error_token(stmt))
      .help("fix the SQL; DSQL reads statements as PostgreSQL 16 does, plus its own ASYNC and AWS IAM forms");
}

const RuleRegistrar kRule{{
    .id = "syntax-error",
    .summary = "statement that does not parse",
    .klass = StatementClass::Unsupported,
    .syntax = SyntaxKind::SyntaxError,
    .targets = Targets::All,
    .check = &check,
}};

}  // namespace
}  // namespace dsqlint::rules
