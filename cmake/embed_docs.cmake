# Writes OUT: a C++ table of (rule id, markdown) built from the rule docs in DOCS.
# The id is the file name with '_' turned into '-' (rules/create_index_sync.md -> create-index-sync).
set(body "#include \"lint/rule_docs.h\"\n\nnamespace dsqlint {\n\nconst std::vector<RuleDoc>& rule_docs() {\n  static const std::vector<RuleDoc> docs = {\n")
foreach(doc IN LISTS DOCS)
  get_filename_component(stem ${doc} NAME_WE)
  string(REPLACE "_" "-" id ${stem})
  file(READ ${doc} text)
  string(APPEND body "    {\"${id}\", R\"dsqlint_doc(${text})dsqlint_doc\"},\n")
endforeach()
string(APPEND body "  };\n  return docs;\n}\n\n}  // namespace dsqlint\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
