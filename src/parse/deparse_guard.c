/* PostgreSQL's deparser reports what it cannot print with elog(ERROR), a longjmp: catch it
 * here, in C, where no C++ frame lies between PG_TRY and the deparser. */
#include "postgres.h"

#include "nodes/parsenodes.h"
#include "postgres_deparse.h"
#include "utils/memutils.h"

#include <stdlib.h>
#include <string.h>

char *dsqlint_deparse(Node *statement)
{
	char *out = NULL;
	MemoryContext caller = CurrentMemoryContext;

	PG_TRY();
	{
		RawStmt *raw = makeNode(RawStmt);
		StringInfoData str;

		raw->stmt = statement;
		initStringInfo(&str);
		deparseRawStmt(&str, raw);
		out = strdup(str.data);
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(caller);
		FlushErrorState();
		out = NULL;
	}
	PG_END_TRY();
	return out;
}
