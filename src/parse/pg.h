#pragma once
// The one place that includes PostgreSQL's server headers: typed access to the raw parse
// tree that libpg_query 15 builds (castNode, lfirst, IndexStmt...). Include this after
// every standard header. The node layout is checked against libpg_query's own JSON output
// by tests/parse/selfcheck_test.cpp.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

extern "C" {
#include <postgres.h>
#include <nodes/parsenodes.h>
#include <nodes/pg_list.h>
#include <nodes/value.h>
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
