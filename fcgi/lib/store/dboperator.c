/*
 * What operators see beyond the queue: every order (listed, filtered by
 * status, searched also by organization name), and the audit rows of
 * one object, such as an organization's decisions.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "dbcols.h"
#include "log.h"

/* Whether account `a` sees every order. */
int
db_sees_all(const struct account *a)
{
	return strcmp(a->role, "operator") == 0;
}

DB_STMT(orders_all,
    "SELECT " ORDER_COLS ORDER_FROM "ORDER BY o.id DESC LIMIT ?");
DB_STMT(orders_all_by_status,
    "SELECT " ORDER_COLS ORDER_FROM "WHERE o.status = ? "
    "ORDER BY o.id DESC LIMIT ?");

/*
 * Every order, newest first, at most `limit`, optionally only those in
 * order status `status` (NULL or "" for all).
 */
enum dbrc
db_orders_all(struct db *db, const char *status, int limit, order_cb cb,
    void *arg)
{
	MYSQL_STMT	*st;

	if (status == NULL || *status == '\0')
		st = db_exec(db, &sql_orders_all, "i", (long long)limit);
	else
		st = db_exec(db, &sql_orders_all_by_status, "si", status,
		    (long long)limit);
	return db_each_order(db, st, cb, arg);
}

DB_STMT(orders_all_search,
    "SELECT " ORDER_COLS ORDER_FROM
    "WHERE o.number = ? OR o.serial = ? OR o.common_name LIKE ? "
    "OR o.email LIKE ? OR o.email_draft LIKE ? OR a.login = ? "
    "OR o.organization_id IN (SELECT g.id FROM organizations g "
    "WHERE g.name LIKE ? OR g.registry_number = ?) "
    "ORDER BY o.id DESC LIMIT ?");

/*
 * Search among every order: an exact order number, serial (`serial`,
 * normalised), account login or registration number, or a part of the
 * common name, of the e-mail address (verified or entered) or of the
 * organization's name (`like`, a LIKE pattern).
 */
enum dbrc
db_orders_all_search(struct db *db, const char *q, const char *serial,
    const char *like, int limit, order_cb cb, void *arg)
{
	return db_each_order(db, db_exec(db, &sql_orders_all_search,
	    "ssssssssi", q, serial, like, like, like, q, like, q,
	    (long long)limit), cb, arg);
}

DB_STMT(audit_of_object,
    "SELECT id, DATE_FORMAT(at, '%Y-%m-%dT%H:%i:%s.%fZ'), actor, role, "
    "remote_addr, action, IFNULL(object, ''), IFNULL(details, '') "
    "FROM audit WHERE object = ? ORDER BY id");

/*
 * The audit rows about `object` (e.g. "organization:12"), oldest first,
 * as eight strings each: id, time, actor, role, address, action, object,
 * details. Returns DB_OK or DB_ERR.
 */
enum dbrc
db_audit_of_object(struct db *db, const char *object,
    int (*cb)(void *, const char *const *), void *arg)
{
	return db_audit_rows(db, db_exec(db, &sql_audit_of_object, "s",
	    object), cb, arg);
}

DB_STMT(org_set_registry,
    "UPDATE organizations SET registry_type = ?, registry_number = ?, "
    "org_identifier = ? WHERE id = ? AND status = 'submitted'");

/*
 * The registration number an operator confirmed or entered for submitted
 * data `org`, with its organizationIdentifier. Part of the caller's
 * transaction. Returns DB_OK, DB_NOTFOUND (decided meanwhile, or the same
 * values) or DB_ERR.
 */
enum dbrc
db_org_set_registry(struct db *db, long long org, const char *type,
    const char *number, const char *orgid)
{
	return db_run(db, &sql_org_set_registry, NULL, "sssi", type, number,
	    orgid, org);
}
