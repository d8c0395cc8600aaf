/* Collects the TypeName and IndexElem nodes of a raw statement: the places a type is
 * named (columns, casts, defaults, USING, function signatures, domains) and an index key's
 * operator class. Statement nodes the expression walker does not know are opened here;
 * an unknown node raises elog(ERROR), caught by dsqlint_walk_caught. */
#include "walk_caught.h"

#include "nodes/parsenodes.h"

static bool visit(Node *node, List **out);

static void visit_list(List *list, List **out)
{
	ListCell *cell;

	foreach(cell, list)
		visit(lfirst(cell), out);
}

static bool visit(Node *node, List **out)
{
	if (node == NULL)
		return false;
	switch (nodeTag(node))
	{
		case T_TypeName:
			*out = lappend(*out, node);
			break;				/* its modifiers are expressions too */
		case T_IndexElem:
			*out = lappend(*out, node);
			return visit(((IndexElem *) node)->expr, out);
		case T_ColumnDef:
			{
				ColumnDef  *column = (ColumnDef *) node;

				visit((Node *) column->typeName, out);
				visit(column->raw_default, out);
				visit_list(column->constraints, out);
				return false;
			}
		case T_Constraint:
			return visit(((Constraint *) node)->raw_expr, out);
		case T_CreateStmt:
			visit_list(((CreateStmt *) node)->tableElts, out);
			return false;
		case T_AlterTableStmt:
			visit_list(((AlterTableStmt *) node)->cmds, out);
			return false;
		case T_AlterTableCmd:
			return visit(((AlterTableCmd *) node)->def, out);
		case T_IndexStmt:
			visit_list(((IndexStmt *) node)->indexParams, out);
			return visit(((IndexStmt *) node)->whereClause, out);
		case T_ViewStmt:
			return visit(((ViewStmt *) node)->query, out);
		case T_CreateDomainStmt:
			visit((Node *) ((CreateDomainStmt *) node)->typeName, out);
			visit_list(((CreateDomainStmt *) node)->constraints, out);
			return false;
		case T_CreateFunctionStmt:
			{
				CreateFunctionStmt *function = (CreateFunctionStmt *) node;
				ListCell   *cell;

				foreach(cell, function->parameters)
				{
					FunctionParameter *parameter = lfirst_node(FunctionParameter, cell);

					visit((Node *) parameter->argType, out);
					visit(parameter->defexpr, out);
				}
				return visit((Node *) function->returnType, out);
			}
		case T_DropStmt:
		case T_RenameStmt:
		case T_AlterEnumStmt:
		case T_CreateEnumStmt:
		case T_CommentStmt:
		case T_GrantStmt:
			return false;		/* they name a type as an object, not as a type */
		default:
			break;
	}
	return raw_expression_tree_walker(node, visit, out);
}

bool dsqlint_collect_type_names(Node *node, List **out)
{
	return dsqlint_walk_caught(node, (tree_walker_callback) visit, out);
}
