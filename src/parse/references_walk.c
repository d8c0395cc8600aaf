/* Collects the column and relation references of a raw parse tree with PostgreSQL's own
 * walker, which reports a node it does not know with elog(ERROR): caught here, in C. */
#include "postgres.h"

#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "utils/memutils.h"

static bool collect(Node *node, List **refs)
{
	if (node == NULL)
		return false;
	if (IsA(node, ColumnRef) || IsA(node, RangeVar))
		*refs = lappend(*refs, node);
	return raw_expression_tree_walker(node, collect, refs);
}

bool dsqlint_collect_references(Node *node, List **refs)
{
	bool ok = true;
	MemoryContext caller = CurrentMemoryContext;

	PG_TRY();
	{
		collect(node, refs);
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(caller);
		FlushErrorState();
		ok = false;
	}
	PG_END_TRY();
	return ok;
}
