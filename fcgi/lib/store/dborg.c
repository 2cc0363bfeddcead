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

static enum dbrc
each_org(struct db *db, MYSQL_STMT *st, org_cb cb, void *arg)
{
	struct org	 g;
	struct dbstatus	 raw;
	enum dbrc	 rc = DB_ERR;
	int		 r;

	if (st == NULL)
		return DB_ERR;
	memset(&g, 0, sizeof(g));
	memset(&raw, 0, sizeof(raw));
	if (!bind_org(db, st, &g, &raw))
		goto out;
	while ((r = db_row(db, st)) == 1) {
		if (!org_status_parse(raw.v[0], &g.status)) {
			log_warnx("organization %lld: unknown status %s", g.id,
			    raw.v[0]);
			goto out;
		}
		if (!cb(arg, &g))
			goto out;
	}
	if (r == 0)
		rc = DB_OK;
out:
	db_done(st);
	return rc;
}

static int
copy_org(void *arg, const struct org *g)
{
	memcpy(arg, g, sizeof(*g));
	return 1;
}

/*
 * A new draft of organization data (g->id is ignored); its id in *id.
 * Empty registry fields are stored as NULL.
 */
enum dbrc
db_org_add(struct db *db, const struct org *g, long long *id)
{
	unsigned long long	 nid;
	enum dbrc		 rc;

	rc = db_run(db, STMT_ORG_INSERT, &nid, "issssssss", g->account_id,
	    g->name, g->country, g->state, g->locality, g->method,
	    g->registry_type[0] ? g->registry_type : NULL,
	    g->registry_number[0] ? g->registry_number : NULL,
	    g->org_identifier[0] ? g->org_identifier : NULL);
	*id = (long long)nid;
	return rc;
}

/* Organization data `id`. DB_NOTFOUND when there is none. */
enum dbrc
db_org_get(struct db *db, long long id, struct org *g)
{
	enum dbrc	 rc;

	memset(g, 0, sizeof(*g));
	rc = each_org(db, db_exec(db, STMT_ORG_GET, "i", id), copy_org, g);
	return rc == DB_OK && g->id == 0 ? DB_NOTFOUND : rc;
}

/* The account's verified data still fresh enough to reuse (825 days). */
enum dbrc
db_orgs_reusable(struct db *db, long long account, org_cb cb, void *arg)
{
	return each_org(db, db_exec(db, STMT_ORGS_REUSABLE, "i", account),
	    cb, arg);
}

/* Submitted data awaiting an operator, oldest first. */
enum dbrc
db_org_queue(struct db *db, int limit, org_cb cb, void *arg)
{
	return each_org(db, db_exec(db, STMT_ORG_QUEUE, "i", (long long)limit),
	    cb, arg);
}

/* Draft -> submitted. DB_NOTFOUND when it was not a draft. */
enum dbrc
db_org_submit(struct db *db, long long id)
{
	return db_run(db, STMT_ORG_SUBMIT, NULL, "i", id);
}

/*
 * Submitted -> `status` (verified or rejected) with the operator's
 * `reason` (NULL for none). DB_NOTFOUND when it was not submitted, so
 * that a decision is taken once.
 */
enum dbrc
db_org_decide(struct db *db, long long id, enum org_status status,
    const char *reason, const char *operator)
{
	return db_run(db, STMT_ORG_DECIDE, NULL, "sssi",
	    org_status_names[status], reason, operator, id);
}

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
	if ((st = db_exec(db, STMT_ORDER_LOCK, "i", id)) == NULL)
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

enum dbrc
db_order_set_org(struct db *db, long long order, long long org)
{
	enum dbrc	 rc;

	rc = db_run(db, STMT_ORDER_SET_ORG, NULL, "ii", org, order);
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

/* Writes an order's status and step statuses as given. */
enum dbrc
db_order_set_steps(struct db *db, long long order, const struct steps *s)
{
	enum dbrc	 rc;

	rc = db_run(db, STMT_ORDER_SET_STEPS, NULL, "ssssi",
	    order_status_names[s->st.status], step_status_names[s->st.data],
	    step_status_names[s->st.email],
	    step_status_names[s->st.activation], order);
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

/* The orders that organization data `org` was submitted for. */
enum dbrc
db_orders_of_org(struct db *db, long long org, order_cb cb, void *arg)
{
	return db_each_order(db, db_exec(db, STMT_ORDERS_OF_ORG, "i", org), cb,
	    arg);
}

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
	return db_run(db, STMT_DOC_INSERT, NULL, "iississb", org, account,
	    filename, type, (long long)len, hex, data, len) == DB_OK ?
	    DB_OK : DB_ERR;
}

enum dbrc
db_docs_of_org(struct db *db, long long org, doc_cb cb, void *arg)
{
	MYSQL_STMT	*st;
	struct doc	 d;
	enum dbrc	 rc = DB_ERR;
	int		 r;

	if ((st = db_exec(db, STMT_DOCS_OF_ORG, "i", org)) == NULL)
		return DB_ERR;
	memset(&d, 0, sizeof(d));
	if (!db_result(db, st, "ississ", &d.id, d.filename, sizeof(d.filename),
	    d.type, sizeof(d.type), &d.size, d.sha256, sizeof(d.sha256),
	    d.created, sizeof(d.created)))
		goto out;
	while ((r = db_row(db, st)) == 1)
		if (!cb(arg, &d))
			goto out;
	if (r == 0)
		rc = DB_OK;
out:
	db_done(st);
	return rc;
}

/*
 * Document `id`: its organization, name, type and bytes (into `data`).
 */
enum dbrc
db_doc_get(struct db *db, long long id, long long *org, char *name,
    size_t namesz, char *type, size_t typesz, struct buf *data)
{
	MYSQL_STMT	*st;

	if ((st = db_exec(db, STMT_DOC_GET, "i", id)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "issB", org, name, namesz, type,
	    typesz, data));
}

/* The notification address and name of an account ("" when none). */
enum dbrc
db_account_email(struct db *db, long long account, char *email,
    size_t emailsz, char *name, size_t namesz)
{
	MYSQL_STMT	*st;

	if ((st = db_exec(db, STMT_ACCOUNT_EMAIL, "i", account)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "ss", email, emailsz, name,
	    namesz));
}

/* Queues a whole RFC 5322 message for the mailer. */
enum dbrc
db_outbox_add(struct db *db, const char *kind, long long order,
    const char *from, const char *rcpt, const char *message)
{
	return db_run(db, STMT_OUTBOX_INSERT, NULL, "sisss", kind, order, from,
	    rcpt, message);
}

/* Sets (or with NULL clears) the notification address of `login`. */
enum dbrc
db_account_set_email(struct db *db, const char *login, const char *email)
{
	enum dbrc	 rc;

	rc = db_run(db, STMT_ACCOUNT_SET_EMAIL, NULL, "ss", email, login);
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

/* Sets the address entered for an order (NULL clears it). */
enum dbrc
db_order_set_email_draft(struct db *db, long long order, const char *addr)
{
	enum dbrc	 rc;

	rc = db_run(db, STMT_ORDER_SET_EMAIL_DRAFT, NULL, "si", addr, order);
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

/* Records the verified address and the time of its validation. */
enum dbrc
db_order_email_verified(struct db *db, long long order, const char *addr)
{
	return db_run(db, STMT_ORDER_EMAIL_VERIFIED, NULL, "si", addr, order);
}

/* Stores a token's hash for `addr`, valid 24 hours from now. */
enum dbrc
db_token_add(struct db *db, long long order, const char *addr,
    const unsigned char *hash)
{
	return db_run(db, STMT_TOKEN_INSERT, NULL, "isb", order, addr, hash,
	    (size_t)32);
}

/* How many tokens order `order` got in the last minute and day. */
enum dbrc
db_token_counts(struct db *db, long long order, long long *minute,
    long long *day)
{
	MYSQL_STMT	*st;
	int		 r = -1;

	if ((st = db_exec(db, STMT_TOKEN_COUNTS, "i", order)) == NULL)
		return DB_ERR;
	if (db_result(db, st, "ii", minute, day))
		r = db_row(db, st);
	db_done(st);
	return r == 1 ? DB_OK : DB_ERR;
}

/* When the latest token of `order` was made and when it expires. */
enum dbrc
db_token_latest(struct db *db, long long order, char *sent, size_t sentsz,
    char *expires, size_t expsz)
{
	MYSQL_STMT	*st;

	if ((st = db_exec(db, STMT_TOKEN_LATEST, "i", order)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "ss", sent, sentsz, expires,
	    expsz));
}

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
	if ((st = db_exec(db, lock ? STMT_TOKEN_LOCK : STMT_TOKEN_GET, "b",
	    hash, (size_t)32)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "iisiisssi", &t->id,
	    &t->order_id, t->address, sizeof(t->address), &t->used, &t->expired,
	    t->number, sizeof(t->number), t->product, sizeof(t->product),
	    t->expires, sizeof(t->expires), &t->account_id));
}

/* Marks token `id` used from `addr`; DB_NOTFOUND when it already was. */
enum dbrc
db_token_use(struct db *db, long long id, const char *addr)
{
	return db_run(db, STMT_TOKEN_USE, NULL, "si", addr, id);
}
