/* PostgreSQL's tree walkers report a node they do not know with elog(ERROR), a longjmp
 * that must not cross C++ frames: walks run through dsqlint_walk_caught, in C. */
#ifndef DSQLINT_WALK_CAUGHT_H
#define DSQLINT_WALK_CAUGHT_H

#include "postgres.h"

#include "nodes/nodeFuncs.h"

/* Runs `walker` over `node`; false when it raised an error (caught, its state flushed). */
bool dsqlint_walk_caught(Node *node, tree_walker_callback walker, void *context);

#endif
