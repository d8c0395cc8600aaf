#pragma once
#include <string>
#include <vector>

#include "parse/parsed_file.h"

namespace dsqlint {

/// A file's text made ready for libpg_query, with what had to be taken out of it.
/// Every change keeps byte offsets: removed text becomes spaces.
struct PreparedText {
  std::string text;                       ///< masked copy, same length as the source
  std::vector<Span> async_keywords;       ///< DSQL ASYNC keywords blanked out
  std::vector<ParsedStatement> extra;     ///< AWS IAM statements and psql meta-commands
};

/// Blanks Drizzle breakpoints (into ';'), psql meta-commands, DSQL's ASYNC keyword and
/// AWS IAM statements. The lexer runs only when the text holds a backslash, "async" or "aws".
PreparedText prepare_text(const SourceFile& file);

}  // namespace dsqlint
