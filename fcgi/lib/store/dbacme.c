/*
 * Typed queries of the ACME server: nonces, external account binding
 * keys, ACME accounts.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "db.h"
#include "dbacme.h"

#define ACME_ORDER_COLS \
	"c.id, c.acme_account_id, c.order_id, c.mailbox, c.token1, c.token2, " \
	"c.chall_status, IFNULL(c.chall_error, ''), " \
	"IFNULL(DATE_FORMAT(c.validated_at, '%Y-%m-%dT%H:%i:%sZ'), ''), " \
	"DATE_FORMAT(c.expires_at, '%Y-%m-%dT%H:%i:%sZ'), " \
	"c.expires_at <= NOW(6), o.step_email, o.step_activation, o.status, " \
	"o.act_csr IS NOT NULL " \
	"FROM acme_orders c JOIN orders o ON o.id = c.order_id "

DB_STMT(acme_nonce_insert,
    "INSERT INTO acme_nonces (nonce) VALUES (?)");
DB_STMT(acme_nonce_take,
    "DELETE FROM acme_nonces WHERE nonce = ? "
    "AND created_at > NOW(6) - INTERVAL ? SECOND");
DB_STMT(acme_nonce_prune,
    "DELETE FROM acme_nonces WHERE created_at <= NOW(6) - INTERVAL ? "
    "SECOND LIMIT 100");
DB_STMT(acme_eab_insert,
    "INSERT INTO acme_eab (kid, mac_key, account_id) VALUES (?, ?, ?)");
DB_STMT(acme_eab_get,
    "SELECT id, account_id, used_at IS NOT NULL, mac_key FROM acme_eab "
    "WHERE kid = ?");
DB_STMT(acme_eab_use,
    "UPDATE acme_eab SET used_at = NOW(6) WHERE id = ? "
    "AND used_at IS NULL");
DB_STMT(acme_acct_insert,
    "INSERT INTO acme_accounts (thumbprint, jwk, eab_id, account_id, "
    "contact) VALUES (?, ?, ?, ?, ?)");
DB_STMT(acme_acct_by_thumb,
    "SELECT id FROM acme_accounts WHERE thumbprint = ?");
DB_STMT(acme_acct_get,
    "SELECT c.id, c.account_id, c.thumbprint, c.status, c.contact, "
    "DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ'), a.disabled, c.jwk, "
    "a.login FROM acme_accounts c JOIN accounts a ON a.id = c.account_id "
    "WHERE c.id = ?");
DB_STMT(acme_acct_set_contact,
    "UPDATE acme_accounts SET contact = ? WHERE id = ?");
DB_STMT(acme_acct_set_status,
    "UPDATE acme_accounts SET status = ? WHERE id = ?");
DB_STMT(acme_acct_set_key,
    "UPDATE acme_accounts SET thumbprint = ?, jwk = ? WHERE id = ?");
DB_STMT(acme_order_insert,
    "INSERT INTO acme_orders (acme_account_id, order_id, mailbox, token1, "
    "token2, expires_at) VALUES (?, ?, ?, ?, ?, NOW(6) + INTERVAL ? "
    "SECOND)");
DB_STMT(acme_order_get,
    "SELECT " ACME_ORDER_COLS "WHERE c.id = ?");
DB_STMT(acme_order_by_token,
    "SELECT " ACME_ORDER_COLS "WHERE c.token1 = ?");
DB_STMT(acme_order_chall,
    "UPDATE acme_orders SET chall_status = ?, chall_error = ?, "
    "validated_at = IF(? = 'valid', NOW(6), validated_at) WHERE id = ?");
DB_STMT(acme_order_counts,
    "SELECT (SELECT COUNT(*) FROM acme_orders WHERE acme_account_id = ? "
    "AND created_at > NOW(6) - INTERVAL 1 HOUR), "
    "(SELECT COUNT(*) FROM acme_orders WHERE mailbox = ? "
    "AND created_at > NOW(6) - INTERVAL 1 DAY)");
DB_STMT(acme_reply_insert,
    "INSERT INTO acme_replies (acme_order_id, sha256, dkim, verdict, "
    "message) VALUES (NULLIF(?, 0), ?, ?, ?, ?)");
DB_STMT(acme_eab_of_account,
    "SELECT e.kid, DATE_FORMAT(e.created_at, '%Y-%m-%dT%H:%i:%sZ'), "
    "IFNULL(DATE_FORMAT(e.used_at, '%Y-%m-%dT%H:%i:%sZ'), ''), "
    "IFNULL(c.id, ''), IFNULL(c.status, '') FROM acme_eab e "
    "LEFT JOIN acme_accounts c ON c.eab_id = e.id "
    "WHERE e.account_id = ? ORDER BY e.id DESC LIMIT 100");
DB_STMT(acme_accts_all,
    "SELECT c.id, a.login, c.status, c.thumbprint, c.contact, "
    "DATE_FORMAT(c.created_at, '%Y-%m-%dT%H:%i:%sZ'), "
    "(SELECT COUNT(*) FROM acme_orders x WHERE x.acme_account_id = c.id) "
    "FROM acme_accounts c JOIN accounts a ON a.id = c.account_id "
    "WHERE ? = 0 OR c.id = ? ORDER BY c.id DESC LIMIT 200");
DB_STMT(acme_orders_all,
    "SELECT x.id, x.acme_account_id, x.mailbox, x.chall_status, "
    "IFNULL(x.chall_error, ''), o.id, o.number, o.status, "
    "DATE_FORMAT(x.created_at, '%Y-%m-%dT%H:%i:%sZ') "
    "FROM acme_orders x JOIN orders o ON o.id = x.order_id "
    "WHERE ? = 0 OR x.acme_account_id = ? ORDER BY x.id DESC LIMIT 200");
DB_STMT(acme_cert_find,
    "SELECT c.order_id, IFNULL(x.acme_account_id, 0), IFNULL(o.email, ''), "
    "c.der FROM certificates c JOIN orders o ON o.id = c.order_id "
    "LEFT JOIN acme_orders x ON x.order_id = c.order_id WHERE c.serial = ?");
DB_STMT(acme_authz_held,
    "SELECT COUNT(*) FROM acme_orders WHERE acme_account_id = ? "
    "AND mailbox = ? AND chall_status = 'valid' AND expires_at > NOW(6)");

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
	return db_run(db, &sql_acme_eab_insert, NULL, "sbi", kid, mac, len,
	    account);
}

/* The EAB key `kid`; e->mac must point at a buffer for the MAC key. */
enum dbrc
db_acme_eab_get(struct db *db, const char *kid, struct acme_eab *e)
{
	MYSQL_STMT	*st;

	e->id = e->account_id = e->used = 0;
	if ((st = db_exec(db, &sql_acme_eab_get, "s", kid)) == NULL)
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
	return db_run(db, &sql_acme_eab_use, NULL, "i", id);
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

	rc = db_run(db, &sql_acme_acct_insert, &nid, "ssiis", a->thumbprint,
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
	if ((st = db_exec(db, &sql_acme_acct_by_thumb, "s", tp)) == NULL)
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
	if ((st = db_exec(db, &sql_acme_acct_get, "i", id)) == NULL)
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
	return changed(db_run(db, &sql_acme_acct_set_contact, NULL, "si",
	    contact, id));
}

enum dbrc
db_acme_acct_set_status(struct db *db, long long id, const char *status)
{
	return changed(db_run(db, &sql_acme_acct_set_status, NULL, "si",
	    status, id));
}

/* The new key of account `id`: DB_DUP when another account has it. */
enum dbrc
db_acme_acct_set_key(struct db *db, long long id, const char *tp,
    const char *jwk)
{
	return changed(db_run(db, &sql_acme_acct_set_key, NULL, "ssi", tp,
	    jwk, id));
}

/* Records a nonce just issued; DB_DUP on the (2^-128) collision. */
enum dbrc
db_acme_nonce_add(struct db *db, const char *nonce)
{
	return db_run(db, &sql_acme_nonce_insert, NULL, "s", nonce);
}

/*
 * Uses the nonce `nonce` issued less than `ttl` seconds ago: the row is
 * deleted, so a second use finds nothing. Returns DB_OK when it was
 * valid, DB_NOTFOUND when unknown, used or too old, DB_ERR.
 */
enum dbrc
db_acme_nonce_take(struct db *db, const char *nonce, int ttl)
{
	return db_run(db, &sql_acme_nonce_take, NULL, "si", nonce,
	    (long long)ttl);
}

/* Deletes up to 100 nonces older than `ttl` seconds. */
enum dbrc
db_acme_nonce_prune(struct db *db, int ttl)
{
	enum dbrc	 rc;

	rc = db_run(db, &sql_acme_nonce_prune, NULL, "i", (long long)ttl);
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

	rc = db_run(db, &sql_acme_order_insert, &nid, "iisssi", o->acct_id,
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
	if ((st = db_exec(db, &sql_acme_order_get, "i", id)) == NULL)
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
	if ((st = db_exec(db, &sql_acme_order_by_token, "s", token1)) == NULL)
		return DB_ERR;
	return order_row(db, st, o);
}

/* Sets the challenge's status (and error, or NULL) of ACME order `id`. */
enum dbrc
db_acme_order_chall(struct db *db, long long id, const char *status,
    const char *error)
{
	return changed(db_run(db, &sql_acme_order_chall, NULL, "sssi", status,
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
	if ((st = db_exec(db, &sql_acme_order_counts, "is", acct, mbox)) ==
	    NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "ii", per_acct, per_mbox));
}

/* Keeps a challenge reply as evidence (order 0: matched none). */
enum dbrc
db_acme_reply_add(struct db *db, long long order, const char *sha256,
    const char *dkim, const char *verdict, const void *msg, size_t len)
{
	return db_run(db, &sql_acme_reply_insert, NULL, "isssb", order, sha256,
	    dkim, verdict, msg, len);
}

/*
 * The rows of listing `which` (ACME_LIST_EAB: the keys of our account
 * `id`; ACME_LIST_ACCOUNTS, ACME_LIST_ORDERS: of ACME account `id`, or
 * all with 0), each handed to `cb` as an array of strings.
 */
enum dbrc
db_acme_list(struct db *db, enum acme_list which, long long id,
    int (*cb)(void *, const char *const *), void *arg)
{
	char		 f[9][1025];
	const char	*v[9];
	MYSQL_STMT	*st;
	int		 r, i, n;

	switch (which) {
	case ACME_LIST_EAB:
		n = 5;
		st = db_exec(db, &sql_acme_eab_of_account, "i", id);
		break;
	case ACME_LIST_ACCOUNTS:
		n = 7;
		st = db_exec(db, &sql_acme_accts_all, "ii", id, id);
		break;
	case ACME_LIST_ORDERS:
		n = 9;
		st = db_exec(db, &sql_acme_orders_all, "ii", id, id);
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

/*
 * The certificate with serial `serial` (lower-case hex, as stored): its
 * order, the ACME account whose order it is (0: issued by the wizard),
 * its mailbox, and its DER (into c->der), for revokeCert to compare with
 * what it got.
 */
enum dbrc
db_acme_cert_find(struct db *db, const char *serial, struct acme_cert *c)
{
	MYSQL_STMT	*st;

	c->order_id = c->acct_id = 0;
	c->mailbox[0] = '\0';
	if ((st = db_exec(db, &sql_acme_cert_find, "s", serial)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "iisB", &c->order_id,
	    &c->acct_id, c->mailbox, sizeof(c->mailbox), c->der));
}

/*
 * Whether ACME account `acct` holds a valid, unexpired authorization for
 * `mailbox` (RFC 8555 7.6: such an account may revoke its certificates):
 * *held is 1 or 0.
 */
enum dbrc
db_acme_authz_held(struct db *db, long long acct, const char *mailbox,
    int *held)
{
	MYSQL_STMT	*st;
	long long	 n = 0;
	enum dbrc	 rc;

	*held = 0;
	if ((st = db_exec(db, &sql_acme_authz_held, "is", acct,
	    mailbox)) == NULL)
		return DB_ERR;
	rc = db_one(db, st, db_result(db, st, "i", &n));
	*held = n > 0;
	return rc;
}
