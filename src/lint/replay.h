#pragma once
#include "catalog/schema.h"
#include "lint/file_result.h"
#include "lint/target.h"

namespace dsqlint {

/// Replays a linted file into the catalog, statement by statement in apply order: first
/// the rules that need history see each schema change against the catalog as earlier
/// statements left it (their findings may raise the statement's class), then the change
/// is applied, unless the statement is stripped. RECREATION statements get the table's
/// definition as the catalog knew it.
void replay(Catalog& catalog, FileResult& file, const TargetProfile& target);

/// Applies one change to the catalog; a creation whose statement does not run
/// (`origin.stripped`) is recorded as missing, or not at all.
void apply_change(Catalog& catalog, const SchemaChange& change, const Origin& origin);
/// The same, moving a CREATE TABLE's `created` into the catalog rather than copying it:
/// for the change's last reader (replay), as nothing reads `created` once it is applied.
void apply_change(Catalog& catalog, SchemaChange&& change, const Origin& origin);

}  // namespace dsqlint
