#include "CSQLiteReadSupport.h"

// Declared here rather than through sqlite-nio's header, which is not a product of that package;
// the definition is linked in with sqlite-nio. The call is variadic, which Swift cannot make.
int sqlite_nio_sqlite3_db_config(void *connection, int option, ...);

// SQLITE_DBCONFIG_ENABLE_QPSG in sqlite3.h.
#define METROPOLE_DBCONFIG_ENABLE_QPSG 1007

int metropole_sqlite_enable_stable_plans(void *connection) {
    int enabled = 0;
    return sqlite_nio_sqlite3_db_config(connection, METROPOLE_DBCONFIG_ENABLE_QPSG, 1, &enabled);
}
