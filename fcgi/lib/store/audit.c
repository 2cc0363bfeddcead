#include "config.h"

#include <stddef.h>

#include "audit.h"
#include "db.h"

DB_STMT(audit_insert,
    "INSERT INTO audit (actor, role, remote_addr, action, order_id, "
    "object, details) VALUES (?, ?, ?, ?, ?, ?, ?)");

/*
 * Records that `actor` (with `role`, from `addr`) did `action`, on order
 * `order` when > 0, on `object` and with free `details` when not NULL.
 * Must run inside the caller's transaction. Returns 0 on failure: the
 * caller rolls back and answers 500.
 */
int
audit_add(struct db *db, const char *actor, const char *role,
    const char *addr, const char *action, long long order,
    const char *object, const char *details)
{
	if (order > 0)
		return db_run(db, &sql_audit_insert, NULL, "ssssiss", actor,
		    role, addr, action, order, object, details) == DB_OK;
	return db_run(db, &sql_audit_insert, NULL, "ssssss" "s", actor, role,
	    addr, action, (const char *)NULL, object, details) == DB_OK;
}

DB_STMT(audit_insert_pair,
    "INSERT INTO audit (actor, role, remote_addr, action, order_id, "
    "object, details) VALUES (?, ?, ?, ?, ?, ?, ?), "
    "(?, ?, ?, ?, ?, ?, ?)");

/*
 * Two audit_add() rows of the same actor, order (> 0) and object in one
 * statement, `action1` first: one round trip where a state change
 * records two things. Returns 0 on failure, as audit_add().
 */
int
audit_add_pair(struct db *db, const char *actor, const char *role,
    const char *addr, long long order, const char *object,
    const char *action1, const char *details1, const char *action2,
    const char *details2)
{
	return db_run(db, &sql_audit_insert_pair, NULL, "ssssiss" "ssssiss",
	    actor, role, addr, action1, order, object, details1, actor, role,
	    addr, action2, order, object, details2) == DB_OK;
}
