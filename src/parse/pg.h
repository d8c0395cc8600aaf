#pragma once
// The one place that includes PostgreSQL's node headers: typed access to the raw parse tree
// that libpg_query 16 builds (castNode, lfirst, IndexStmt...), from the headers of the
// vendored copy in third_party/libpg_query, so tree and structs come from one PostgreSQL.
// Include this after every standard header. tests/parse/selfcheck_test.cpp checks the
// layout against libpg_query's own JSON output.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

extern "C" {
#include <postgres.h>
#include <nodes/parsenodes.h>
#include <nodes/pg_list.h>
#include <nodes/value.h>
#include <nodes/makefuncs.h>
}

// c.h and port.h redefine these as macros; C++ code wants the library functions.
#undef printf
#undef fprintf
#undef sprintf
#undef snprintf
#undef vsnprintf
#undef vfprintf
#undef strerror
#undef gettext
#undef dgettext
#undef ngettext
#undef dngettext
#undef Max
#undef Min
#undef Abs
