/*
 * Typed queries of the ACME server: nonces, external account binding
 * keys, ACME accounts.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "db.h"

static enum dbrc
changed(enum dbrc rc)
{
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

/* A new EAB key `kid` with MAC key `mac` for our account `account`. */
enum dbrc
db_acme_eab_add(struct db *db, const char *kid, const void *mac, size_t len,
    long long account)
{
	return db_run(db, STMT_ACME_EAB_INSERT, NULL, "sbi", kid, mac, len,
	    account);
}

/* The EAB key `kid`; e->mac must point at a buffer for the MAC key. */
enum dbrc
db_acme_eab_get(struct db *db, const char *kid, struct acme_eab *e)
{
	MYSQL_STMT	*st;

	e->id = e->account_id = e->used = 0;
	if ((st = db_exec(db, STMT_ACME_EAB_GET, "s", kid)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "iiiB", &e->id,
	    &e->account_id, &e->used, e->mac));
}

/*
 * Marks EAB key `id` used: DB_NOTFOUND when another request used it
 * first (the key binds one account).
 */
enum dbrc
db_acme_eab_use(struct db *db, long long id)
{
	return db_run(db, STMT_ACME_EAB_USE, NULL, "i", id);
}

/*
 * A new ACME account from `a` (thumbprint, account_id, contact) with its
 * JWK text and EAB key; its id into *id. DB_DUP when the key has one.
 */
enum dbrc
db_acme_acct_add(struct db *db, const struct acme_acct *a, const char *jwk,
    long long eab, long long *id)
{
	unsigned long long	 nid = 0;
	enum dbrc		 rc;

	rc = db_run(db, STMT_ACME_ACCT_INSERT, &nid, "ssiis", a->thumbprint,
	    jwk, eab, a->account_id, a->contact);
	*id = (long long)nid;
	return rc;
}

/* The id of the ACME account whose key has thumbprint `tp`. */
enum dbrc
db_acme_acct_by_thumb(struct db *db, const char *tp, long long *id)
{
	MYSQL_STMT	*st;

	*id = 0;
	if ((st = db_exec(db, STMT_ACME_ACCT_BY_THUMB, "s", tp)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "i", id));
}

/* ACME account `id` and its JWK text (into `jwk`). */
enum dbrc
db_acme_acct_get(struct db *db, long long id, struct acme_acct *a,
    struct buf *jwk)
{
	MYSQL_STMT	*st;

	memset(a, 0, sizeof(*a));
	if ((st = db_exec(db, STMT_ACME_ACCT_GET, "i", id)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "iissssiBs", &a->id,
	    &a->account_id, a->thumbprint, sizeof(a->thumbprint), a->status,
	    sizeof(a->status), a->contact, sizeof(a->contact), a->created,
	    sizeof(a->created), &a->disabled, jwk, a->login,
	    sizeof(a->login)));
}

enum dbrc
db_acme_acct_set_contact(struct db *db, long long id, const char *contact)
{
	return changed(db_run(db, STMT_ACME_ACCT_SET_CONTACT, NULL, "si",
	    contact, id));
}

enum dbrc
db_acme_acct_set_status(struct db *db, long long id, const char *status)
{
	return changed(db_run(db, STMT_ACME_ACCT_SET_STATUS, NULL, "si",
	    status, id));
}

/* The new key of account `id`: DB_DUP when another account has it. */
enum dbrc
db_acme_acct_set_key(struct db *db, long long id, const char *tp,
    const char *jwk)
{
	return changed(db_run(db, STMT_ACME_ACCT_SET_KEY, NULL, "ssi", tp,
	    jwk, id));
}

/* Records a nonce just issued; DB_DUP on the (2^-128) collision. */
enum dbrc
db_acme_nonce_add(struct db *db, const char *nonce)
{
	return db_run(db, STMT_ACME_NONCE_INSERT, NULL, "s", nonce);
}

/*
 * Uses the nonce `nonce` issued less than `ttl` seconds ago: the row is
 * deleted, so a second use finds nothing. Returns DB_OK when it was
 * valid, DB_NOTFOUND when unknown, used or too old, DB_ERR.
 */
enum dbrc
db_acme_nonce_take(struct db *db, const char *nonce, int ttl)
{
	return db_run(db, STMT_ACME_NONCE_TAKE, NULL, "si", nonce,
	    (long long)ttl);
}

/* Deletes up to 100 nonces older than `ttl` seconds. */
enum dbrc
db_acme_nonce_prune(struct db *db, int ttl)
{
	enum dbrc	 rc;

	rc = db_run(db, STMT_ACME_NONCE_PRUNE, NULL, "i", (long long)ttl);
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

/*
 * A new ACME order from `o` (acct_id, order_id, mailbox, token1,
 * token2), expiring in `ttl` seconds; its id into *id.
 */
enum dbrc
db_acme_order_add(struct db *db, const struct acme_order *o, int ttl,
    long long *id)
{
	unsigned long long	 nid = 0;
	enum dbrc		 rc;

	rc = db_run(db, STMT_ACME_ORDER_INSERT, &nid, "iisssi", o->acct_id,
	    o->order_id, o->mailbox, o->token1, o->token2, (long long)ttl);
	*id = (long long)nid;
	return rc;
}

static enum dbrc
order_row(struct db *db, MYSQL_STMT *st, struct acme_order *o)
{
	return db_one(db, st, db_result(db, st, "iiisssssssisssi", &o->id,
	    &o->acct_id, &o->order_id, o->mailbox, sizeof(o->mailbox),
	    o->token1, sizeof(o->token1), o->token2, sizeof(o->token2),
	    o->chall_status, sizeof(o->chall_status), o->chall_error,
	    sizeof(o->chall_error), o->validated, sizeof(o->validated),
	    o->expires, sizeof(o->expires), &o->expired, o->step_email,
	    sizeof(o->step_email), o->step_activation,
	    sizeof(o->step_activation), o->status, sizeof(o->status),
	    &o->has_csr));
}

/* ACME order `id` with its wizard order's state. */
enum dbrc
db_acme_order_get(struct db *db, long long id, struct acme_order *o)
{
	MYSQL_STMT	*st;

	memset(o, 0, sizeof(*o));
	if ((st = db_exec(db, STMT_ACME_ORDER_GET, "i", id)) == NULL)
		return DB_ERR;
	return order_row(db, st, o);
}

/* The ACME order whose challenge mail carried token-part1 `token1`. */
enum dbrc
db_acme_order_by_token(struct db *db, const char *token1,
    struct acme_order *o)
{
	MYSQL_STMT	*st;

	memset(o, 0, sizeof(*o));
	if ((st = db_exec(db, STMT_ACME_ORDER_BY_TOKEN, "s", token1)) == NULL)
		return DB_ERR;
	return order_row(db, st, o);
}

/* Sets the challenge's status (and error, or NULL) of ACME order `id`. */
enum dbrc
db_acme_order_chall(struct db *db, long long id, const char *status,
    const char *error)
{
	return changed(db_run(db, STMT_ACME_ORDER_CHALL, NULL, "sssi", status,
	    error, status, id));
}

/*
 * Orders of ACME account `acct` in the last hour, and for mailbox `mbox`
 * in the last day: what the rate limits count.
 */
enum dbrc
db_acme_order_counts(struct db *db, long long acct, const char *mbox,
    long long *per_acct, long long *per_mbox)
{
	MYSQL_STMT	*st;

	*per_acct = *per_mbox = 0;
	if ((st = db_exec(db, STMT_ACME_ORDER_COUNTS, "is", acct, mbox)) ==
	    NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "ii", per_acct, per_mbox));
}

/* Keeps a challenge reply as evidence (order 0: matched none). */
enum dbrc
db_acme_reply_add(struct db *db, long long order, const char *sha256,
    const char *dkim, const char *verdict, const void *msg, size_t len)
{
	return db_run(db, STMT_ACME_REPLY_INSERT, NULL, "isssb", order, sha256,
	    dkim, verdict, msg, len);
}

/*
 * The rows of listing `sid` (STMT_ACME_EAB_OF_ACCOUNT for account `id`;
 * STMT_ACME_ACCTS_ALL, STMT_ACME_ORDERS_ALL for ACME account `id`, or
 * all with 0), each handed to `cb` as an array of strings.
 */
enum dbrc
db_acme_list(struct db *db, enum stmt sid, long long id,
    int (*cb)(void *, const char *const *), void *arg)
{
	char		 f[9][1025];
	const char	*v[9];
	MYSQL_STMT	*st;
	int		 r, i, n;

	switch (sid) {
	case STMT_ACME_EAB_OF_ACCOUNT:
		n = 5;
		st = db_exec(db, sid, "i", id);
		break;
	case STMT_ACME_ACCTS_ALL:
		n = 7;
		st = db_exec(db, sid, "ii", id, id);
		break;
	case STMT_ACME_ORDERS_ALL:
		n = 9;
		st = db_exec(db, sid, "ii", id, id);
		break;
	default:
		return DB_ERR;
	}
	if (st == NULL)
		return DB_ERR;
	for (i = 0; i < 9; i++)
		v[i] = f[i];
	if (!db_result(db, st, "sssssssss" + (9 - n), f[0], sizeof(f[0]),
	    f[1], sizeof(f[1]), f[2], sizeof(f[2]), f[3], sizeof(f[3]), f[4],
	    sizeof(f[4]), f[5], sizeof(f[5]), f[6], sizeof(f[6]), f[7],
	    sizeof(f[7]), f[8], sizeof(f[8]))) {
		db_done(st);
		return DB_ERR;
	}
	while ((r = db_row(db, st)) == 1)
		if (!cb(arg, v)) {
			r = -1;
			break;
		}
	db_done(st);
	return r == 0 ? DB_OK : DB_ERR;
}
