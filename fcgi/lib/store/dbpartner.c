/*
 * Typed queries of the partner panel: the partner, its customers, the
 * products it may order, and the invitations of new customers.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

DB_STMT(partner_get,
    "SELECT id, code, name FROM partners WHERE id = ?");

/* Partner `id`. Returns DB_OK, DB_NOTFOUND or DB_ERR. */
enum dbrc
db_partner_get(struct db *db, long long id, struct partner *p)
{
	MYSQL_STMT	*st;

	memset(p, 0, sizeof(*p));
	if ((st = db_exec(db, &sql_partner_get, "i", id)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "iss", &p->id, p->code,
	    sizeof(p->code), p->name, sizeof(p->name)));
}

DB_STMT(partner_customers,
    "SELECT a.id, a.login, a.name, IFNULL(a.email, ''), COUNT(o.id), "
    "IFNULL(SUM(o.status IN ('waiting', 'verification')), 0) "
    "FROM accounts a LEFT JOIN orders o ON o.account_id = a.id "
    "WHERE a.partner_id = ? AND a.role = 'customer' "
    "AND (? = '' OR a.login LIKE ? OR a.name LIKE ? OR a.email LIKE ?) "
    "GROUP BY a.id ORDER BY a.name, a.login LIMIT ?");

struct customerrow {
	struct customer	 c;
	customer_cb	 cb;
	void		*arg;
};

static int
customer_row(void *arg)
{
	struct customerrow	*r = arg;

	return r->cb(r->arg, &r->c);
}

/*
 * The customers of partner `partner`, by name, at most `limit`, those
 * whose login, name or e-mail contains `q` when it is not empty.
 */
enum dbrc
db_partner_customers(struct db *db, long long partner, const char *q,
    int limit, customer_cb cb, void *arg)
{
	struct customerrow	 r;
	struct customer		*c = &r.c;
	MYSQL_STMT		*st;
	char			 like[300];

	memset(&r, 0, sizeof(r));
	r.cb = cb;
	r.arg = arg;
	snprintf(like, sizeof(like), "%%%s%%", q);
	if ((st = db_exec(db, &sql_partner_customers, "issssi", partner, q,
	    like, like, like, (long long)limit)) == NULL)
		return DB_ERR;
	return db_each(db, st, db_result(db, st, "isssii", &c->id, c->login,
	    sizeof(c->login), c->name, sizeof(c->name), c->email,
	    sizeof(c->email), &c->orders, &c->open), customer_row, &r);
}

DB_STMT(partner_customer,
    "SELECT id, name, IFNULL(email, '') FROM accounts "
    "WHERE login = ? AND partner_id = ? AND role = 'customer' "
    "AND disabled = 0");

/*
 * Customer `login` of partner `partner`: another partner's customer, or
 * anyone else, is DB_NOTFOUND.
 */
enum dbrc
db_partner_customer(struct db *db, long long partner, const char *login,
    struct customer *c)
{
	MYSQL_STMT	*st;

	memset(c, 0, sizeof(*c));
	if ((st = db_exec(db, &sql_partner_customer, "si", login,
	    partner)) == NULL)
		return DB_ERR;
	snprintf(c->login, sizeof(c->login), "%s", login);
	return db_one(db, st, db_result(db, st, "iss", &c->id, c->name,
	    sizeof(c->name), c->email, sizeof(c->email)));
}

DB_STMT(customer_insert,
    "INSERT INTO accounts (login, name, role, partner_id, email) "
    "VALUES (?, ?, 'customer', ?, ?)");

/*
 * A new customer of partner `partner` who logs in as `login`, with its
 * notification address. DB_DUP when the login is taken.
 */
enum dbrc
db_partner_customer_add(struct db *db, long long partner, const char *login,
    const char *name, const char *email, long long *id)
{
	unsigned long long	 aid = 0;
	enum dbrc		 rc;

	rc = db_run(db, &sql_customer_insert, &aid, "ssis", login, name,
	    partner, email);
	*id = (long long)aid;
	return rc;
}

DB_STMT(products_active,
    "SELECT code, name, validity_days FROM products WHERE active = 1 "
    "ORDER BY validity_days, code");

struct productrow {
	struct product	 p;
	product_cb	 cb;
	void		*arg;
};

static int
product_row(void *arg)
{
	struct productrow	*r = arg;

	return r->cb(r->arg, &r->p);
}

/* The products that can be ordered, shortest validity first. */
enum dbrc
db_products(struct db *db, product_cb cb, void *arg)
{
	struct productrow	 r;
	struct product		*p = &r.p;
	MYSQL_STMT		*st;

	memset(&r, 0, sizeof(r));
	r.cb = cb;
	r.arg = arg;
	if ((st = db_exec(db, &sql_products_active, "")) == NULL)
		return DB_ERR;
	return db_each(db, st, db_result(db, st, "ssi", p->code,
	    sizeof(p->code), p->name, sizeof(p->name), &p->validity_days),
	    product_row, &r);
}

DB_STMT(invitation_insert,
    "INSERT INTO invitations (account_id, partner_id, order_id, "
    "token_hash, expires_at) VALUES (?, ?, ?, ?, NOW(6) + INTERVAL 7 DAY)");

/* An invitation of customer `account` to order `order`, by its hash. */
enum dbrc
db_invitation_add(struct db *db, long long account, long long partner,
    long long order, const unsigned char *hash, size_t hashlen)
{
	return db_run(db, &sql_invitation_insert, NULL, "iiib", account,
	    partner, order, hash, hashlen);
}

DB_STMT(invitation_get,
    "SELECT i.id, i.account_id, a.login, a.name, p.name, o.id, o.number, "
    "i.accepted_at IS NOT NULL, i.expires_at <= NOW(6), "
    "DATE_FORMAT(i.expires_at, '%Y-%m-%dT%H:%i:%sZ') "
    "FROM invitations i JOIN accounts a ON a.id = i.account_id "
    "JOIN partners p ON p.id = i.partner_id "
    "JOIN orders o ON o.id = i.order_id WHERE i.token_hash = ?");
DB_STMT(invitation_lock,
    "SELECT i.id, i.account_id, a.login, a.name, p.name, o.id, o.number, "
    "i.accepted_at IS NOT NULL, i.expires_at <= NOW(6), "
    "DATE_FORMAT(i.expires_at, '%Y-%m-%dT%H:%i:%sZ') "
    "FROM invitations i JOIN accounts a ON a.id = i.account_id "
    "JOIN partners p ON p.id = i.partner_id "
    "JOIN orders o ON o.id = i.order_id WHERE i.token_hash = ? FOR UPDATE");

/*
 * The invitation whose token hashes to `hash`, locked for the rest of
 * the transaction when `lock`. DB_NOTFOUND for an unknown token.
 */
enum dbrc
db_invitation_get(struct db *db, const unsigned char *hash, size_t hashlen,
    int lock, struct invitation *v)
{
	MYSQL_STMT	*st;

	memset(v, 0, sizeof(*v));
	if ((st = db_exec(db, lock ? &sql_invitation_lock :
	    &sql_invitation_get, "b", hash, hashlen)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "iisssisiis", &v->id,
	    &v->account_id, v->login, sizeof(v->login), v->name,
	    sizeof(v->name), v->partner, sizeof(v->partner), &v->order_id,
	    v->number, sizeof(v->number), &v->accepted, &v->expired,
	    v->expires, sizeof(v->expires)));
}

DB_STMT(invitation_accept,
    "UPDATE invitations SET accepted_at = NOW(6), accepted_addr = ? "
    "WHERE id = ? AND accepted_at IS NULL");

/* Invitation `id` accepted from `addr`: DB_NOTFOUND if it was already. */
enum dbrc
db_invitation_accept(struct db *db, long long id, const char *addr)
{
	return db_run(db, &sql_invitation_accept, NULL, "si", addr, id);
}

DB_STMT(partner_by_code_row,
    "SELECT id, code, name FROM partners WHERE code = ?");

/* Partner `code`. Returns DB_OK, DB_NOTFOUND or DB_ERR. */
enum dbrc
db_partner_by_code(struct db *db, const char *code, struct partner *p)
{
	MYSQL_STMT	*st;

	memset(p, 0, sizeof(*p));
	if ((st = db_exec(db, &sql_partner_by_code_row, "s", code)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "iss", &p->id, p->code,
	    sizeof(p->code), p->name, sizeof(p->name)));
}

DB_STMT(partner_add,
    "INSERT INTO partners (code, name) VALUES (?, ?)");

/* A new partner. DB_DUP when the code is taken. */
enum dbrc
db_partner_add(struct db *db, const char *code, const char *name)
{
	return db_run(db, &sql_partner_add, NULL, "ss", code, name);
}

DB_STMT(partner_set_name,
    "UPDATE partners SET name = ? WHERE code = ?");

/* Renames partner `code`: DB_NOTFOUND when there is none (or no change). */
enum dbrc
db_partner_set_name(struct db *db, const char *code, const char *name)
{
	return db_run(db, &sql_partner_set_name, NULL, "ss", name, code);
}

DB_STMT(partners_all,
    "SELECT p.id, p.code, p.name, "
    "(SELECT COUNT(*) FROM accounts a WHERE a.partner_id = p.id "
    "AND a.role = 'customer'), "
    "(SELECT COUNT(*) FROM orders o WHERE o.partner_id = p.id) "
    "FROM partners p ORDER BY p.code");

struct partnerrow {
	struct partner	 p;
	long long	 customers, orders;
	int		(*cb)(void *, const struct partner *, long long,
			    long long);
	void		*arg;
};

static int
partner_row(void *arg)
{
	struct partnerrow	*r = arg;

	return r->cb(r->arg, &r->p, r->customers, r->orders);
}

/* Every partner by code, with its numbers of customers and orders. */
enum dbrc
db_partners(struct db *db, int (*cb)(void *, const struct partner *,
    long long, long long), void *arg)
{
	struct partnerrow	 r;
	MYSQL_STMT		*st;

	memset(&r, 0, sizeof(r));
	r.cb = cb;
	r.arg = arg;
	if ((st = db_exec(db, &sql_partners_all, "")) == NULL)
		return DB_ERR;
	return db_each(db, st, db_result(db, st, "issii", &r.p.id, r.p.code,
	    sizeof(r.p.code), r.p.name, sizeof(r.p.name), &r.customers,
	    &r.orders), partner_row, &r);
}
