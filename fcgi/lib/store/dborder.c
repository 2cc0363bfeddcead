/*
 * Typed queries on accounts, orders and events.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "dbcols.h"
#include "log.h"

DB_STMT(account_by_login,
    "SELECT id, role, name, IFNULL(partner_id, 0), rev FROM accounts "
    "WHERE login = ? AND disabled = 0");

/*
 * The account of `login` (enabled only).
 * Returns DB_OK, DB_NOTFOUND (the caller answers 403) or DB_ERR.
 */
enum dbrc
db_account_get(struct db *db, const char *login, struct account *a)
{
	MYSQL_STMT	*st;
	int		 rc;

	memset(a, 0, sizeof(*a));
	if ((st = db_exec(db, &sql_account_by_login, "s", login)) == NULL)
		return DB_ERR;
	if (!db_result(db, st, "issii", &a->id, a->role, sizeof(a->role),
	    a->name, sizeof(a->name), &a->partner_id, &a->rev)) {
		db_done(st);
		return DB_ERR;
	}
	rc = db_row(db, st);
	db_done(st);
	if (rc < 0)
		return DB_ERR;
	snprintf(a->login, sizeof(a->login), "%s", login);
	return rc == 1 ? DB_OK : DB_NOTFOUND;
}

/* The partner whose customers' orders `a` may see, or -1 for none. */
static long long
partner_scope(const struct account *a)
{
	return strcmp(a->role, "partner") == 0 && a->partner_id > 0 ?
	    a->partner_id : -1;
}

static int
bind_order(struct db *db, MYSQL_STMT *st, struct order *o,
    struct dbstatus *raw)
{
	return db_result(db, st, "isssssssssssi", &o->id,
	    o->number, sizeof(o->number), o->product, sizeof(o->product),
	    o->product_code, sizeof(o->product_code),
	    raw->v[0], sizeof(raw->v[0]), raw->v[1], sizeof(raw->v[1]),
	    raw->v[2], sizeof(raw->v[2]), raw->v[3], sizeof(raw->v[3]),
	    o->common_name, sizeof(o->common_name),
	    o->not_after, sizeof(o->not_after),
	    o->created, sizeof(o->created), o->customer, sizeof(o->customer),
	    &o->validity_days);
}

/*
 * The statuses of a fetched order row as enums. Returns 0 (logged) for a
 * value the schema does not have.
 */
static int
order_statuses(struct order *o, const struct dbstatus *raw)
{
	if (order_status_parse(raw->v[0], &o->st.status) &&
	    step_status_parse(raw->v[1], &o->st.data) &&
	    step_status_parse(raw->v[2], &o->st.email) &&
	    step_status_parse(raw->v[3], &o->st.activation))
		return 1;
	log_warnx("order %lld: unknown status %s/%s/%s/%s", o->id, raw->v[0],
	    raw->v[1], raw->v[2], raw->v[3]);
	return 0;
}

/*
 * Feeds every row of an executed order listing (ORDER_COLS) to `cb`, and
 * releases the statement. A NULL statement (failed execution) is DB_ERR.
 */
struct orderrow {
	struct order	 o;
	struct dbstatus	 raw;
	order_cb	 cb;
	void		*arg;
};

static int
order_row(void *arg)
{
	struct orderrow	*r = arg;

	return order_statuses(&r->o, &r->raw) && r->cb(r->arg, &r->o);
}

enum dbrc
db_each_order(struct db *db, MYSQL_STMT *st, order_cb cb, void *arg)
{
	struct orderrow	 r;

	memset(&r, 0, sizeof(r));
	r.cb = cb;
	r.arg = arg;
	return db_each(db, st, st != NULL && bind_order(db, st, &r.o, &r.raw),
	    order_row, &r);
}

DB_STMT(orders_visible,
    "SELECT " ORDER_COLS ORDER_FROM "WHERE " ORDER_VISIBLE
    "ORDER BY o.id DESC LIMIT ?");
DB_STMT(orders_by_status,
    "SELECT " ORDER_COLS ORDER_FROM "WHERE " ORDER_VISIBLE
    "AND o.status = ? ORDER BY o.id DESC LIMIT ?");

/*
 * The orders `a` may see, newest first, at most `limit`, optionally only
 * those with order status `status` (NULL or "" for all).
 */
enum dbrc
db_orders_visible(struct db *db, const struct account *a, const char *status,
    int limit, order_cb cb, void *arg)
{
	MYSQL_STMT	*st;

	if (db_sees_all(a))
		return db_orders_all(db, status, limit, cb, arg);
	if (status == NULL || *status == '\0')
		st = db_exec(db, &sql_orders_visible, "iii", a->id,
		    partner_scope(a), (long long)limit);
	else
		st = db_exec(db, &sql_orders_by_status, "iisi", a->id,
		    partner_scope(a), status, (long long)limit);
	return db_each_order(db, st, cb, arg);
}

/*
 * Appends `s` to `out` with LIKE's wildcards escaped, between '%'s.
 */
static void
like_pattern(char *out, size_t outsz, const char *s)
{
	size_t	 o = 0;

	out[o++] = '%';
	for (; *s != '\0' && o + 4 < outsz; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			out[o++] = '\\';
		out[o++] = *s;
	}
	out[o++] = '%';
	out[o] = '\0';
}

DB_STMT(orders_search,
    "SELECT " ORDER_COLS ORDER_FROM "WHERE " ORDER_VISIBLE
    "AND (o.number = ? OR o.serial = ? OR o.common_name LIKE ? "
    "OR o.email LIKE ?) ORDER BY o.id DESC LIMIT ?");

/*
 * Search among the orders `a` may see: an exact order number or serial,
 * or a part of the common name or e-mail address (operators: see
 * db_orders_all_search()).
 */
enum dbrc
db_orders_search(struct db *db, const struct account *a, const char *q,
    int limit, order_cb cb, void *arg)
{
	char		 like[600];
	char		 serial[130];
	const char	*p;
	size_t		 i;

	like_pattern(like, sizeof(like), q);
	/* Serials are stored in lower-case hex; accept colons and case. */
	for (i = 0, p = q; *p != '\0' && i + 1 < sizeof(serial); p++)
		if (*p != ':')
			serial[i++] = (char)(*p >= 'A' && *p <= 'F' ?
			    *p - 'A' + 'a' : *p);
	serial[i] = '\0';
	if (db_sees_all(a))
		return db_orders_all_search(db, q, serial, like, limit, cb,
		    arg);
	return db_each_order(db, db_exec(db, &sql_orders_search, "iissssi",
	    a->id, partner_scope(a), q, serial, like, like, (long long)limit),
	    cb, arg);
}

DB_STMT(order_visible,
    "SELECT " ORDER_COLS ORDER_FROM "WHERE o.id = ? AND " ORDER_VISIBLE);

/*
 * Order `id` when `a` may see it. Returns DB_OK, DB_NOTFOUND (404) or DB_ERR.
 */
enum dbrc
db_order_visible(struct db *db, const struct account *a, long long id,
    struct order *o)
{
	MYSQL_STMT	*st;
	struct dbstatus	 raw;
	enum dbrc	 rc;

	if (db_sees_all(a))
		return db_order_any(db, id, o);
	memset(o, 0, sizeof(*o));
	if ((st = db_exec(db, &sql_order_visible, "iii", id, a->id,
	    partner_scope(a))) == NULL)
		return DB_ERR;
	rc = db_one(db, st, bind_order(db, st, o, &raw));
	return rc == DB_OK && !order_statuses(o, &raw) ? DB_ERR : rc;
}

struct eventrow {
	struct event	 e;
	event_cb	 cb;
	void		*arg;
};

static int
event_row(void *arg)
{
	struct eventrow	*r = arg;

	return r->cb(r->arg, &r->e);
}

static enum dbrc
each_event(struct db *db, MYSQL_STMT *st, event_cb cb, void *arg)
{
	struct eventrow	 r;
	struct event	*e = &r.e;

	memset(&r, 0, sizeof(r));
	r.cb = cb;
	r.arg = arg;
	return db_each(db, st, st != NULL && db_result(db, st, "ssisss",
	    e->type, sizeof(e->type), e->created, sizeof(e->created),
	    &e->order_id, e->number, sizeof(e->number), e->product,
	    sizeof(e->product), e->product_code, sizeof(e->product_code)),
	    event_row, &r);
}

/* Its own events, and a partner's customers' (by their orders): a
 * union, so that each half uses its index. */
DB_STMT(events_visible,
    "SELECT x.type, DATE_FORMAT(x.created_at, '%Y-%m-%dT%H:%i:%sZ'), "
    "IFNULL(x.order_id, 0), IFNULL(o.number, ''), IFNULL(p.name, ''), "
    "IFNULL(p.code, '') "
    "FROM ((SELECT e.id, e.type, e.created_at, e.order_id FROM events e "
    "WHERE e.account_id = ? ORDER BY e.id DESC LIMIT ?) UNION "
    "(SELECT e.id, e.type, e.created_at, e.order_id FROM orders po "
    "JOIN events e ON e.order_id = po.id WHERE po.partner_id = ? "
    "ORDER BY e.id DESC LIMIT ?)) x "
    "LEFT JOIN orders o ON o.id = x.order_id "
    "LEFT JOIN products p ON p.id = o.product_id "
    "ORDER BY x.id DESC LIMIT ?");

/*
 * The latest events `a` may see, newest first: its own, and for a
 * partner also those of its customers' orders.
 */
enum dbrc
db_events_visible(struct db *db, const struct account *a, int limit,
    event_cb cb, void *arg)
{
	return each_event(db, db_exec(db, &sql_events_visible, "iiiii", a->id,
	    (long long)limit, partner_scope(a), (long long)limit,
	    (long long)limit), cb, arg);
}

DB_STMT(events_of_order,
    "SELECT e.type, DATE_FORMAT(e.created_at, '%Y-%m-%dT%H:%i:%sZ'), "
    "e.order_id, o.number, p.name, p.code "
    "FROM events e JOIN orders o ON o.id = e.order_id "
    "JOIN products p ON p.id = o.product_id "
    "WHERE e.order_id = ? ORDER BY e.id DESC LIMIT ?");

/* The events of one order (visibility checked by the caller). */
enum dbrc
db_events_of_order(struct db *db, long long order, int limit, event_cb cb,
    void *arg)
{
	return each_event(db, db_exec(db, &sql_events_of_order, "ii", order,
	    (long long)limit), cb, arg);
}

DB_STMT(event_insert,
    "INSERT INTO events (account_id, order_id, type) VALUES (?, ?, ?)");

/*
 * Records an event for `account`, about `order` when > 0. Part of the
 * caller's transaction.
 */
enum dbrc
db_event_add(struct db *db, long long account, long long order,
    const char *type)
{
	MYSQL_STMT	*st;

	st = order > 0 ?
	    db_exec(db, &sql_event_insert, "iis", account, order, type) :
	    db_exec(db, &sql_event_insert, "iss", account, NULL, type);
	return st == NULL ? DB_ERR : DB_OK;
}

static long long
lookup_id(struct db *db, MYSQL_STMT *st, enum dbrc *rc)
{
	long long	 id = 0;
	int		 r;

	*rc = DB_ERR;
	if (st == NULL)
		return 0;
	if (db_result(db, st, "i", &id) && (r = db_row(db, st)) >= 0)
		*rc = r == 1 ? DB_OK : DB_NOTFOUND;
	db_done(st);
	return id;
}

DB_STMT(product_first,
    "SELECT id FROM products WHERE active = 1 ORDER BY id LIMIT 1");
DB_STMT(product_by_code,
    "SELECT id FROM products WHERE code = ? AND active = 1");
DB_STMT(order_insert,
    "INSERT INTO orders (number, product_id, account_id, partner_id) "
    "VALUES (CONCAT('ORDER/', LPAD(NEXTVAL(order_number), 10, '0'), "
    "'/dk'), ?, ?, ?)");

/*
 * A new order of product `product` (a code, or NULL for the first
 * active product) for account `login`, tied to the account's partner.
 * Stores the new order's id in *id, and writes its order-created event.
 * The caller holds the transaction.
 */
enum dbrc
db_order_add(struct db *db, const char *login, const char *product,
    long long *id)
{
	struct account		 a;
	enum dbrc		 rc;
	long long		 pid;
	unsigned long long	 oid;

	if ((rc = db_account_get(db, login, &a)) != DB_OK)
		return rc;
	pid = product == NULL ?
	    lookup_id(db, db_exec(db, &sql_product_first, ""), &rc) :
	    lookup_id(db, db_exec(db, &sql_product_by_code, "s", product), &rc);
	if (rc != DB_OK)
		return rc;
	rc = a.partner_id > 0 ?
	    db_run(db, &sql_order_insert, &oid, "iii", pid, a.id, a.partner_id) :
	    db_run(db, &sql_order_insert, &oid, "iis", pid, a.id, NULL);
	if (rc != DB_OK)
		return rc;
	*id = (long long)oid;
	return db_event_add(db, a.id, *id, "order-created");
}
