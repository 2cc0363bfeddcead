/*
 * Typed queries of step 1: organization data, documents, the operators'
 * queue; the order row lock every step change starts with; the outbox.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "buf.h"
#include "db.h"
#include "dbcols.h"
#include "log.h"

static int
bind_org(struct db *db, MYSQL_STMT *st, struct org *g, struct dbstatus *raw)
{
	return db_result(db, st, "iissssssssssssss", &g->id, &g->account_id,
	    g->login, sizeof(g->login), g->name, sizeof(g->name),
	    g->country, sizeof(g->country), g->state, sizeof(g->state),
	    g->locality, sizeof(g->locality), g->method, sizeof(g->method),
	    g->registry_type, sizeof(g->registry_type),
	    g->registry_number, sizeof(g->registry_number),
	    g->org_identifier, sizeof(g->org_identifier),
	    raw->v[0], sizeof(raw->v[0]), g->reason, sizeof(g->reason),
	    g->submitted, sizeof(g->submitted), g->decided, sizeof(g->decided),
	    g->decided_by, sizeof(g->decided_by));
}

struct orgrow {
	struct org	 g;
	struct dbstatus	 raw;
	org_cb		 cb;
	void		*arg;
};

static int
org_row(void *arg)
{
	struct orgrow	*r = arg;

	if (!org_status_parse(r->raw.v[0], &r->g.status)) {
		log_warnx("organization %lld: unknown status %s", r->g.id,
		    r->raw.v[0]);
		return 0;
	}
	return r->cb(r->arg, &r->g);
}

static enum dbrc
each_org(struct db *db, MYSQL_STMT *st, org_cb cb, void *arg)
{
	struct orgrow	 r;

	memset(&r, 0, sizeof(r));
	r.cb = cb;
	r.arg = arg;
	return db_each(db, st, st != NULL && bind_org(db, st, &r.g, &r.raw),
	    org_row, &r);
}

static int
copy_org(void *arg, const struct org *g)
{
	memcpy(arg, g, sizeof(*g));
	return 1;
}

DB_STMT(org_insert,
    "INSERT INTO organizations (account_id, name, country, state, "
    "locality, method, registry_type, registry_number, org_identifier) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

/*
 * A new draft of organization data (g->id is ignored); its id in *id.
 * Empty registry fields are stored as NULL.
 */
enum dbrc
db_org_add(struct db *db, const struct org *g, long long *id)
{
	unsigned long long	 nid;
	enum dbrc		 rc;

	rc = db_run(db, &sql_org_insert, &nid, "issssssss", g->account_id,
	    g->name, g->country, g->state, g->locality, g->method,
	    g->registry_type[0] ? g->registry_type : NULL,
	    g->registry_number[0] ? g->registry_number : NULL,
	    g->org_identifier[0] ? g->org_identifier : NULL);
	*id = (long long)nid;
	return rc;
}

DB_STMT(org_get,
    "SELECT " ORG_COLS "FROM organizations g "
    "JOIN accounts a ON a.id = g.account_id WHERE g.id = ?");

/* Organization data `id`. DB_NOTFOUND when there is none. */
enum dbrc
db_org_get(struct db *db, long long id, struct org *g)
{
	enum dbrc	 rc;

	memset(g, 0, sizeof(*g));
	rc = each_org(db, db_exec(db, &sql_org_get, "i", id), copy_org, g);
	return rc == DB_OK && g->id == 0 ? DB_NOTFOUND : rc;
}

DB_STMT(orgs_reusable,
    "SELECT " ORG_COLS "FROM organizations g "
    "JOIN accounts a ON a.id = g.account_id WHERE g.account_id = ? AND "
    "g.status = 'verified' AND g.decided_at > NOW() - INTERVAL 825 DAY "
    "ORDER BY g.id DESC LIMIT 20");

/* The account's verified data still fresh enough to reuse (825 days). */
enum dbrc
db_orgs_reusable(struct db *db, long long account, org_cb cb, void *arg)
{
	return each_org(db, db_exec(db, &sql_orgs_reusable, "i", account),
	    cb, arg);
}

DB_STMT(org_queue,
    "SELECT " ORG_COLS "FROM organizations g "
    "JOIN accounts a ON a.id = g.account_id WHERE g.status = 'submitted' "
    "ORDER BY g.submitted_at, g.id LIMIT ?");

/* Submitted data awaiting an operator, oldest first. */
enum dbrc
db_org_queue(struct db *db, int limit, org_cb cb, void *arg)
{
	return each_org(db, db_exec(db, &sql_org_queue, "i", (long long)limit),
	    cb, arg);
}

DB_STMT(org_submit,
    "UPDATE organizations SET status = 'submitted', "
    "submitted_at = NOW(6) WHERE id = ? AND status = 'draft'");

/* Draft -> submitted. DB_NOTFOUND when it was not a draft. */
enum dbrc
db_org_submit(struct db *db, long long id)
{
	return db_run(db, &sql_org_submit, NULL, "i", id);
}

DB_STMT(org_decide,
    "UPDATE organizations SET status = ?, reason = ?, "
    "decided_at = NOW(6), decided_by = ? "
    "WHERE id = ? AND status = 'submitted'");

/*
 * Submitted -> `status` (verified or rejected) with the operator's
 * `reason` (NULL for none). DB_NOTFOUND when it was not submitted, so
 * that a decision is taken once.
 */
enum dbrc
db_org_decide(struct db *db, long long id, enum org_status status,
    const char *reason, const char *operator)
{
	return db_run(db, &sql_org_decide, NULL, "sssi",
	    org_status_names[status], reason, operator, id);
}

DB_STMT(order_lock,
    "SELECT step_data, step_email, step_activation, status, "
    "IFNULL(organization_id, 0), account_id, IFNULL(email_draft, ''), "
    "IFNULL(email, ''), IFNULL(DATE_FORMAT(email_validated_at, "
    "'%Y-%m-%dT%H:%i:%sZ'), '') FROM orders WHERE id = ? FOR UPDATE");

/*
 * Locks order `id` for the rest of the transaction and reads its steps.
 */
enum dbrc
db_order_lock(struct db *db, long long id, struct steps *s)
{
	MYSQL_STMT	*st;
	struct dbstatus	 raw;
	enum dbrc	 rc;

	memset(s, 0, sizeof(*s));
	memset(&raw, 0, sizeof(raw));
	if ((st = db_exec(db, &sql_order_lock, "i", id)) == NULL)
		return DB_ERR;
	rc = db_one(db, st, db_result(db, st, "ssssiisss", raw.v[0],
	    sizeof(raw.v[0]), raw.v[1], sizeof(raw.v[1]), raw.v[2],
	    sizeof(raw.v[2]), raw.v[3], sizeof(raw.v[3]), &s->org_id,
	    &s->account_id, s->email_draft, sizeof(s->email_draft),
	    s->email_addr, sizeof(s->email_addr), s->email_validated,
	    sizeof(s->email_validated)));
	if (rc == DB_OK && (!step_status_parse(raw.v[0], &s->st.data) ||
	    !step_status_parse(raw.v[1], &s->st.email) ||
	    !step_status_parse(raw.v[2], &s->st.activation) ||
	    !order_status_parse(raw.v[3], &s->st.status))) {
		log_warnx("order %lld: unknown status %s/%s/%s/%s", id,
		    raw.v[0], raw.v[1], raw.v[2], raw.v[3]);
		return DB_ERR;
	}
	return rc;
}

DB_STMT(order_set_org,
    "UPDATE orders SET organization_id = ? WHERE id = ?");

enum dbrc
db_order_set_org(struct db *db, long long order, long long org)
{
	enum dbrc	 rc;

	rc = db_run(db, &sql_order_set_org, NULL, "ii", org, order);
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

DB_STMT(order_set_steps,
    "UPDATE orders SET status = ?, step_data = ?, step_email = ?, "
    "step_activation = ? WHERE id = ?");

/* Writes an order's status and step statuses as given. */
enum dbrc
db_order_set_steps(struct db *db, long long order, const struct steps *s)
{
	enum dbrc	 rc;

	rc = db_run(db, &sql_order_set_steps, NULL, "ssssi",
	    order_status_names[s->st.status], step_status_names[s->st.data],
	    step_status_names[s->st.email],
	    step_status_names[s->st.activation], order);
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

DB_STMT(orders_of_org,
    "SELECT " ORDER_COLS ORDER_FROM "WHERE o.organization_id = ? "
    "ORDER BY o.id");

/* The orders that organization data `org` was submitted for. */
enum dbrc
db_orders_of_org(struct db *db, long long org, order_cb cb, void *arg)
{
	return db_each_order(db, db_exec(db, &sql_orders_of_org, "i", org), cb,
	    arg);
}

DB_STMT(doc_insert,
    "INSERT INTO documents (organization_id, account_id, filename, type, "
    "size, sha256, data) VALUES (?, ?, ?, ?, ?, ?, ?)");

/*
 * Stores a document of organization `org` uploaded by `account`: its
 * name, checked type, size and SHA-256 with the bytes.
 */
enum dbrc
db_doc_add(struct db *db, long long org, long long account,
    const char *filename, const char *type, const void *data, size_t len)
{
	unsigned char	 md[32];
	char		 hex[65];
	size_t		 i;

	if (EVP_Digest(data, len, md, NULL, EVP_sha256(), NULL) != 1)
		return DB_ERR;
	for (i = 0; i < sizeof(md); i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return db_run(db, &sql_doc_insert, NULL, "iississb", org, account,
	    filename, type, (long long)len, hex, data, len) == DB_OK ?
	    DB_OK : DB_ERR;
}

DB_STMT(docs_of_org,
    "SELECT id, filename, type, size, sha256, "
    "DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ') FROM documents "
    "WHERE organization_id = ? ORDER BY id");

struct docrow {
	struct doc	 d;
	doc_cb		 cb;
	void		*arg;
};

static int
doc_row(void *arg)
{
	struct docrow	*r = arg;

	return r->cb(r->arg, &r->d);
}

/* The documents of organization data `org`, oldest first. */
enum dbrc
db_docs_of_org(struct db *db, long long org, doc_cb cb, void *arg)
{
	struct docrow	 r;
	struct doc	*d = &r.d;
	MYSQL_STMT	*st;

	memset(&r, 0, sizeof(r));
	r.cb = cb;
	r.arg = arg;
	if ((st = db_exec(db, &sql_docs_of_org, "i", org)) == NULL)
		return DB_ERR;
	return db_each(db, st, db_result(db, st, "ississ", &d->id,
	    d->filename, sizeof(d->filename), d->type, sizeof(d->type),
	    &d->size, d->sha256, sizeof(d->sha256), d->created,
	    sizeof(d->created)), doc_row, &r);
}

DB_STMT(doc_get,
    "SELECT organization_id, filename, type, data FROM documents "
    "WHERE id = ?");

/*
 * Document `id`: its organization, name, type and bytes (into `data`).
 */
enum dbrc
db_doc_get(struct db *db, long long id, long long *org, char *name,
    size_t namesz, char *type, size_t typesz, struct buf *data)
{
	MYSQL_STMT	*st;

	if ((st = db_exec(db, &sql_doc_get, "i", id)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "issB", org, name, namesz, type,
	    typesz, data));
}

DB_STMT(account_email,
    "SELECT IFNULL(email, ''), name FROM accounts WHERE id = ?");

/* The notification address and name of an account ("" when none). */
enum dbrc
db_account_email(struct db *db, long long account, char *email,
    size_t emailsz, char *name, size_t namesz)
{
	MYSQL_STMT	*st;

	if ((st = db_exec(db, &sql_account_email, "i", account)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "ss", email, emailsz, name,
	    namesz));
}

DB_STMT(account_set_email,
    "UPDATE accounts SET email = ? WHERE login = ?");

/* Sets (or with NULL clears) the notification address of `login`. */
enum dbrc
db_account_set_email(struct db *db, const char *login, const char *email)
{
	enum dbrc	 rc;

	rc = db_run(db, &sql_account_set_email, NULL, "ss", email, login);
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

DB_STMT(order_set_email_draft,
    "UPDATE orders SET email_draft = ? WHERE id = ?");

/* Sets the address entered for an order (NULL clears it). */
enum dbrc
db_order_set_email_draft(struct db *db, long long order, const char *addr)
{
	enum dbrc	 rc;

	rc = db_run(db, &sql_order_set_email_draft, NULL, "si", addr, order);
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

DB_STMT(order_email_verified,
    "UPDATE orders SET email = ?, email_validated_at = NOW(6) "
    "WHERE id = ?");

/* Records the verified address and the time of its validation. */
enum dbrc
db_order_email_verified(struct db *db, long long order, const char *addr)
{
	return db_run(db, &sql_order_email_verified, NULL, "si", addr, order);
}

DB_STMT(token_insert,
    "INSERT INTO email_tokens (order_id, address, token_sha256, "
    "expires_at) VALUES (?, ?, ?, NOW(6) + INTERVAL 24 HOUR)");

/* Stores a token's hash for `addr`, valid 24 hours from now. */
enum dbrc
db_token_add(struct db *db, long long order, const char *addr,
    const unsigned char *hash)
{
	return db_run(db, &sql_token_insert, NULL, "isb", order, addr, hash,
	    (size_t)32);
}

DB_STMT(token_counts,
    "SELECT IFNULL(SUM(created_at > NOW(6) - INTERVAL 1 MINUTE), 0), "
    "IFNULL(SUM(created_at > NOW(6) - INTERVAL 1 DAY), 0) "
    "FROM email_tokens WHERE order_id = ?");

/* How many tokens order `order` got in the last minute and day. */
enum dbrc
db_token_counts(struct db *db, long long order, long long *minute,
    long long *day)
{
	MYSQL_STMT	*st;
	int		 r = -1;

	if ((st = db_exec(db, &sql_token_counts, "i", order)) == NULL)
		return DB_ERR;
	if (db_result(db, st, "ii", minute, day))
		r = db_row(db, st);
	db_done(st);
	return r == 1 ? DB_OK : DB_ERR;
}

DB_STMT(token_latest,
    "SELECT DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ'), "
    "DATE_FORMAT(expires_at, '%Y-%m-%dT%H:%i:%sZ') FROM email_tokens "
    "WHERE order_id = ? ORDER BY id DESC LIMIT 1");

/* When the latest token of `order` was made and when it expires. */
enum dbrc
db_token_latest(struct db *db, long long order, char *sent, size_t sentsz,
    char *expires, size_t expsz)
{
	MYSQL_STMT	*st;

	if ((st = db_exec(db, &sql_token_latest, "i", order)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "ss", sent, sentsz, expires,
	    expsz));
}

DB_STMT(token_lock,
    "SELECT " TOKEN_COLS "FROM email_tokens t "
    "JOIN orders o ON o.id = t.order_id "
    "JOIN products p ON p.id = o.product_id WHERE t.token_sha256 = ? "
    "FOR UPDATE");
DB_STMT(token_get,
    "SELECT " TOKEN_COLS "FROM email_tokens t "
    "JOIN orders o ON o.id = t.order_id "
    "JOIN products p ON p.id = o.product_id WHERE t.token_sha256 = ?");

/*
 * The token whose SHA-256 is `hash`, locked for the transaction when
 * `lock`. DB_NOTFOUND when no token has it.
 */
enum dbrc
db_token_get(struct db *db, const unsigned char *hash, int lock,
    struct token *t)
{
	MYSQL_STMT	*st;

	memset(t, 0, sizeof(*t));
	if ((st = db_exec(db, lock ? &sql_token_lock : &sql_token_get, "b",
	    hash, (size_t)32)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "iisiissssi", &t->id,
	    &t->order_id, t->address, sizeof(t->address), &t->used, &t->expired,
	    t->number, sizeof(t->number), t->product, sizeof(t->product),
	    t->product_code, sizeof(t->product_code), t->expires,
	    sizeof(t->expires), &t->account_id));
}

DB_STMT(token_use,
    "UPDATE email_tokens SET used_at = NOW(6), used_from = ? "
    "WHERE id = ? AND used_at IS NULL");

/* Marks token `id` used from `addr`; DB_NOTFOUND when it already was. */
enum dbrc
db_token_use(struct db *db, long long id, const char *addr)
{
	return db_run(db, &sql_token_use, NULL, "si", addr, id);
}
