#ifndef METROPOLE_SQLITE_READ_SUPPORT_H
#define METROPOLE_SQLITE_READ_SUPPORT_H

/// Turns on SQLite's query planner stability guarantee for a connection of the bundled SQLite
/// (sqlite-nio's copy, whose symbols carry the prefix sqlite_nio_). Without it, a statement whose
/// bound values could change its plan (LIMIT, OFFSET, IN lists) is compiled again on every run,
/// which defeats keeping statements prepared. Returns SQLite's result code.
int metropole_sqlite_enable_stable_plans(void *connection);

#endif
