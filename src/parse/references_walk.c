/* Collects the column and relation references of a raw parse tree with PostgreSQL's own
 * walker; also the caught walk every walker of src/parse runs through (walk_caught.h). */
#include "walk_caught.h"

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

bool dsqlint_walk_caught(Node *node, tree_walker_callback walker, void *context)
{
	bool ok = true;
	MemoryContext caller = CurrentMemoryContext;

	PG_TRY();
	{
		walker(node, context);
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

bool dsqlint_collect_references(Node *node, List **refs)
{
	return dsqlint_walk_caught(node, (tree_walker_callback) collect, refs);
}
