// The libpq functions dsqlint calls, defined here to call libpq's own once it is opened:
// the binary does not link libpq, so commands that never connect do not load it.
#include "apply/libpq_lazy.h"

#include <libpq-fe.h>

namespace dsqlint {

LazyLibrary& libpq_library() {
  static LazyLibrary library("libpq.so.5", "libpq5", "connecting to PostgreSQL");
  return library;
}

}  // namespace dsqlint

#define FORWARD(result, name, params, args) DSQLINT_FORWARD(dsqlint::libpq_library(), result, name, params, args)

FORWARD(PGconn*, PQconnectdbParams, (const char* const* keywords, const char* const* values, int expand_dbname),
        (keywords, values, expand_dbname))
FORWARD(PQconninfoOption*, PQconninfoParse, (const char* conninfo, char** errmsg), (conninfo, errmsg))
FORWARD(void, PQconninfoFree, (PQconninfoOption * options), (options))
FORWARD(ConnStatusType, PQstatus, (const PGconn* conn), (conn))
FORWARD(char*, PQerrorMessage, (const PGconn* conn), (conn))
FORWARD(int, PQbackendPID, (const PGconn* conn), (conn))
FORWARD(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn * conn, PQnoticeProcessor processor, void* arg),
        (conn, processor, arg))
FORWARD(void, PQfinish, (PGconn * conn), (conn))
FORWARD(int, PQsendQuery, (PGconn * conn, const char* query), (conn, query))
FORWARD(int, PQsendQueryParams,
        (PGconn * conn, const char* command, int count, const Oid* types, const char* const* values, const int* lengths,
         const int* formats, int result_format),
        (conn, command, count, types, values, lengths, formats, result_format))
FORWARD(PGresult*, PQgetResult, (PGconn * conn), (conn))
FORWARD(int, PQputCopyEnd, (PGconn * conn, const char* errormsg), (conn, errormsg))
FORWARD(int, PQgetCopyData, (PGconn * conn, char** buffer, int async), (conn, buffer, async))
FORWARD(ExecStatusType, PQresultStatus, (const PGresult* result), (result))
FORWARD(char*, PQresultErrorMessage, (const PGresult* result), (result))
FORWARD(char*, PQresultErrorField, (const PGresult* result, int field), (result, field))
FORWARD(char*, PQcmdTuples, (PGresult * result), (result))
FORWARD(int, PQntuples, (const PGresult* result), (result))
FORWARD(int, PQnfields, (const PGresult* result), (result))
FORWARD(char*, PQgetvalue, (const PGresult* result, int row, int column), (result, row, column))
FORWARD(int, PQgetlength, (const PGresult* result, int row, int column), (result, row, column))
FORWARD(int, PQgetisnull, (const PGresult* result, int row, int column), (result, row, column))
FORWARD(void, PQclear, (PGresult * result), (result))
FORWARD(void, PQfreemem, (void* pointer), (pointer))
