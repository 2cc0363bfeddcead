/*
 * Typed queries of step 3: the activation draft, keys seen before, and
 * the certificates.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "crl.h"
#include "db.h"

/*
 * The activation draft of order `id`; the accepted CSR's DER into `csr`
 * (empty when none).
 */
enum dbrc
db_activation_get(struct db *db, long long id, struct activation *a,
    struct buf *csr)
{
	MYSQL_STMT	*st;

	memset(a, 0, sizeof(*a));
	if ((st = db_exec(db, STMT_ORDER_ACT_GET, "i", id)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "ssssisiB", a->cn,
	    sizeof(a->cn), a->include, sizeof(a->include), a->method,
	    sizeof(a->method), a->key, sizeof(a->key), &a->org_id, a->email,
	    sizeof(a->email), &a->email_age, csr));
}

static int
copy_order(void *dst, const struct order *o)
{
	memcpy(dst, o, sizeof(*o));
	return 1;
}

static enum dbrc
changed(enum dbrc rc)
{
	return rc == DB_NOTFOUND ? DB_OK : rc;
}

enum dbrc
db_activation_fields(struct db *db, long long id, const char *cn,
    const char *include)
{
	return changed(db_run(db, STMT_ORDER_ACT_FIELDS, NULL, "ssi", cn,
	    include, id));
}

enum dbrc
db_activation_method(struct db *db, long long id, const char *method,
    const char *key)
{
	return changed(db_run(db, STMT_ORDER_ACT_METHOD, NULL, "ssi", method,
	    key, id));
}

enum dbrc
db_activation_csr(struct db *db, long long id, const void *der, size_t len)
{
	return changed(db_run(db, STMT_ORDER_ACT_CSR, NULL, "bi", der, len,
	    id));
}

/*
 * How many of our certificates carry the key with SPKI hash `hex`, and
 * whether it is blocked (S/MIME BR 6.1.1.3: compromised keys refused).
 */
enum dbrc
db_key_seen(struct db *db, const char *hex, long long *used,
    long long *blocked)
{
	MYSQL_STMT	*st;
	int		 r = -1;

	if ((st = db_exec(db, STMT_KEY_SEEN, "ss", hex, hex)) == NULL)
		return DB_ERR;
	if (db_result(db, st, "ii", used, blocked))
		r = db_row(db, st);
	db_done(st);
	return r == 1 ? DB_OK : DB_ERR;
}

/*
 * Stores the certificate of order `order`: DB_DUP when the order already
 * has one (the unique key keeps issuance to once per order).
 */
enum dbrc
db_cert_add(struct db *db, long long order, const struct cert *c,
    const char *spki, const void *der, size_t len, long long not_before,
    long long not_after)
{
	return db_run(db, STMT_CERT_INSERT, NULL, "isssssbii", order,
	    c->serial, c->fingerprint, spki, c->subject, c->key_desc, der, len,
	    not_before, not_after);
}

enum dbrc
db_order_issued(struct db *db, long long order, const char *serial,
    const char *cn, long long not_after)
{
	return db_run(db, STMT_ORDER_ISSUED, NULL, "ssii", serial, cn,
	    not_after, order);
}

/* The certificate of order `order` and its DER (into `der`). */
enum dbrc
db_cert_of_order(struct db *db, long long order, struct cert *c,
    struct buf *der)
{
	MYSQL_STMT	*st;

	memset(c, 0, sizeof(*c));
	if ((st = db_exec(db, STMT_CERT_OF_ORDER, "i", order)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "sssssssB", c->serial,
	    sizeof(c->serial), c->fingerprint, sizeof(c->fingerprint),
	    c->subject, sizeof(c->subject), c->key_desc, sizeof(c->key_desc),
	    c->not_before, sizeof(c->not_before), c->not_after,
	    sizeof(c->not_after), c->revoked, sizeof(c->revoked), der));
}

/*
 * Locks the certificate of `order` for the transaction: its serial, the
 * SHA-256 of its key (hex), whether it is revoked.
 */
enum dbrc
db_cert_lock(struct db *db, long long order, char *serial, size_t serialsz,
    char *spki, size_t spkisz, long long *revoked)
{
	MYSQL_STMT	*st;

	if ((st = db_exec(db, STMT_CERT_LOCK, "i", order)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "ssi", serial, serialsz, spki,
	    spkisz, revoked));
}

/* Revokes; DB_NOTFOUND when it already was (revocation happens once). */
enum dbrc
db_cert_revoke(struct db *db, long long order, const char *reason,
    const char *by, const char *comment)
{
	return db_run(db, STMT_CERT_REVOKE, NULL, "sssi", reason, by, comment,
	    order);
}

/* No certificate for this key again (BR 6.1.1.3 and 4.9.1.1). */
enum dbrc
db_key_block(struct db *db, const char *spki, const char *reason)
{
	return changed(db_run(db, STMT_KEY_BLOCK, NULL, "ss", spki, reason));
}

/*
 * The next CRL number, taken under the CRL row's lock: CRLs are made one
 * at a time, each listing every revocation committed before it.
 */
enum dbrc
db_crl_next(struct db *db, long long *number)
{
	MYSQL_STMT	*st;
	int		 r = -1;

	if ((st = db_exec(db, STMT_CRL_NEXT_LOCK, "")) == NULL)
		return DB_ERR;
	if (db_result(db, st, "i", number))
		r = db_row(db, st);
	db_done(st);
	if (r != 1)
		return DB_ERR;
	return changed(db_run(db, STMT_CRL_NEXT_SET, NULL, "i", *number));
}

/*
 * Every revoked certificate as CRL entries, into a new array the caller
 * free()s. DB_ERR also for a stored reason a CRL may not carry.
 */
enum dbrc
db_revoked_entries(struct db *db, struct crl_entry **out, size_t *n)
{
	MYSQL_STMT		*st;
	struct crl_entry	*e = NULL, *ne;
	char			 serial[65], reason[33];
	long long		 at = 0;
	size_t			 cap = 0;
	enum dbrc		 rc = DB_ERR;
	int			 r;

	*out = NULL;
	*n = 0;
	if ((st = db_exec(db, STMT_REVOKED_ALL, "")) == NULL)
		return DB_ERR;
	if (!db_result(db, st, "sis", serial, sizeof(serial), &at, reason,
	    sizeof(reason)))
		goto out;
	while ((r = db_row(db, st)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((ne = reallocarray(e, cap, sizeof(*e))) == NULL)
				goto out;
			e = ne;
		}
		if (!crl_entry_set(&e[*n], serial, at, reason))
			goto out;
		(*n)++;
	}
	if (r == 0) {
		rc = DB_OK;
		*out = e;
		e = NULL;
	}
out:
	free(e);
	db_done(st);
	return rc;
}

/* Any order, for operators (no account scope). */
enum dbrc
db_order_any(struct db *db, long long id, struct order *o)
{
	struct order	*dst = o;
	enum dbrc	 rc;

	memset(o, 0, sizeof(*o));
	rc = db_each_order(db, db_exec(db, STMT_ORDER_ANY, "i", id),
	    copy_order, dst);
	return rc == DB_OK && o->id == 0 ? DB_NOTFOUND : rc;
}

/* The audit rows of an order, oldest first, as eight strings each. */
enum dbrc
db_audit_of_order(struct db *db, long long order,
    int (*cb)(void *, const char *const *), void *arg)
{
	MYSQL_STMT	*st;
	static char	 f[8][1024];
	const char	*v[8];
	enum dbrc	 rc = DB_ERR;
	int		 r, i;

	if ((st = db_exec(db, STMT_AUDIT_OF_ORDER, "i", order)) == NULL)
		return DB_ERR;
	if (!db_result(db, st, "ssssssss", f[0], sizeof(f[0]), f[1],
	    sizeof(f[1]), f[2], sizeof(f[2]), f[3], sizeof(f[3]), f[4],
	    sizeof(f[4]), f[5], sizeof(f[5]), f[6], sizeof(f[6]), f[7],
	    sizeof(f[7])))
		goto out;
	for (i = 0; i < 8; i++)
		v[i] = f[i];
	while ((r = db_row(db, st)) == 1)
		if (!cb(arg, v))
			goto out;
	if (r == 0)
		rc = DB_OK;
out:
	db_done(st);
	return rc;
}

/* Issued orders whose certificate ends within 30 days, or has ended. */
enum dbrc
db_expiry_due(struct db *db, int (*cb)(void *, const struct expiry *),
    void *arg)
{
	MYSQL_STMT	*st;
	struct expiry	 e;
	enum dbrc	 rc = DB_ERR;
	int		 r;

	if ((st = db_exec(db, STMT_EXPIRY_DUE, "")) == NULL)
		return DB_ERR;
	memset(&e, 0, sizeof(e));
	if (!db_result(db, st, "iisssii", &e.id, &e.account_id, e.number,
	    sizeof(e.number), e.product, sizeof(e.product), e.not_after,
	    sizeof(e.not_after), &e.notices, &e.seconds))
		goto out;
	while ((r = db_row(db, st)) == 1)
		if (!cb(arg, &e))
			goto out;
	if (r == 0)
		rc = DB_OK;
out:
	db_done(st);
	return rc;
}

enum dbrc
db_expiry_mark(struct db *db, long long order, long long bits)
{
	return changed(db_run(db, STMT_EXPIRY_MARK, NULL, "ii", bits, order));
}
