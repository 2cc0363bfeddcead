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
#include "dbcols.h"

DB_STMT(order_act_get,
    "SELECT IFNULL(act_cn, ''), IFNULL(act_include, ''), "
    "IFNULL(act_method, ''), IFNULL(act_key, ''), "
    "IFNULL(organization_id, 0), IFNULL(email, ''), "
    "IFNULL(TIMESTAMPDIFF(DAY, email_validated_at, NOW(6)), -1), "
    "account_id, act_csr FROM orders WHERE id = ?");

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
	if ((st = db_exec(db, &sql_order_act_get, "i", id)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "ssssisiiB", a->cn,
	    sizeof(a->cn), a->include, sizeof(a->include), a->method,
	    sizeof(a->method), a->key, sizeof(a->key), &a->org_id, a->email,
	    sizeof(a->email), &a->email_age, &a->account_id, csr));
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

DB_STMT(order_act_fields,
    "UPDATE orders SET act_cn = ?, act_include = ? WHERE id = ?");

enum dbrc
db_activation_fields(struct db *db, long long id, const char *cn,
    const char *include)
{
	return changed(db_run(db, &sql_order_act_fields, NULL, "ssi", cn,
	    include, id));
}

DB_STMT(order_act_method,
    "UPDATE orders SET act_method = ?, act_key = ? WHERE id = ?");

enum dbrc
db_activation_method(struct db *db, long long id, const char *method,
    const char *key)
{
	return changed(db_run(db, &sql_order_act_method, NULL, "ssi", method,
	    key, id));
}

DB_STMT(order_act_csr,
    "UPDATE orders SET act_csr = ? WHERE id = ?");

enum dbrc
db_activation_csr(struct db *db, long long id, const void *der, size_t len)
{
	return changed(db_run(db, &sql_order_act_csr, NULL, "bi", der, len,
	    id));
}

DB_STMT(key_seen,
    "SELECT (SELECT COUNT(*) FROM certificates WHERE spki_sha256 = ?), "
    "(SELECT COUNT(*) FROM blocked_keys WHERE spki_sha256 = ?)");

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

	if ((st = db_exec(db, &sql_key_seen, "ss", hex, hex)) == NULL)
		return DB_ERR;
	if (db_result(db, st, "ii", used, blocked))
		r = db_row(db, st);
	db_done(st);
	return r == 1 ? DB_OK : DB_ERR;
}

DB_STMT(cert_insert,
    "INSERT INTO certificates (order_id, serial, fingerprint, "
    "spki_sha256, subject, key_desc, der, not_before, not_after) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?))");

/*
 * Stores the certificate of order `order`: DB_DUP when the order already
 * has one (the unique key keeps issuance to once per order).
 */
enum dbrc
db_cert_add(struct db *db, long long order, const struct cert *c,
    const char *spki, const void *der, size_t len, long long not_before,
    long long not_after)
{
	return db_run(db, &sql_cert_insert, NULL, "isssssbii", order,
	    c->serial, c->fingerprint, spki, c->subject, c->key_desc, der, len,
	    not_before, not_after);
}

DB_STMT(order_issued,
    "UPDATE orders SET "
    "serial = ?, common_name = ?, not_after = FROM_UNIXTIME(?) "
    "WHERE id = ?");

enum dbrc
db_order_issued(struct db *db, long long order, const char *serial,
    const char *cn, long long not_after)
{
	return db_run(db, &sql_order_issued, NULL, "ssii", serial, cn,
	    not_after, order);
}

DB_STMT(order_issue,
    "UPDATE orders SET status = ?, step_data = ?, step_email = ?, "
    "step_activation = ?, serial = ?, common_name = ?, "
    "not_after = FROM_UNIXTIME(?) WHERE id = ? AND status = ? AND "
    "step_data = ? AND step_email = ? AND step_activation = ?");

/*
 * Moves order `order` from the steps `from` to the steps `to` and sets
 * its serial, common name and end, in one statement that also locks the
 * row for the transaction: DB_NOTFOUND, with nothing changed, when the
 * order's steps are not `from` any more (someone else moved it).
 */
enum dbrc
db_order_issue(struct db *db, long long order, const struct stepstate *from,
    const struct stepstate *to, const char *serial, const char *cn,
    long long not_after)
{
	return db_run(db, &sql_order_issue, NULL, "ssssssii" "ssss",
	    order_status_names[to->status], step_status_names[to->data],
	    step_status_names[to->email], step_status_names[to->activation],
	    serial, cn, not_after, order, order_status_names[from->status],
	    step_status_names[from->data], step_status_names[from->email],
	    step_status_names[from->activation]);
}

DB_STMT(cert_of_order,
    "SELECT serial, fingerprint, subject, key_desc, "
    "DATE_FORMAT(not_before, '%Y-%m-%dT%H:%i:%sZ'), "
    "DATE_FORMAT(not_after, '%Y-%m-%dT%H:%i:%sZ'), "
    "IFNULL(DATE_FORMAT(revoked_at, '%Y-%m-%dT%H:%i:%sZ'), ''), der "
    "FROM certificates WHERE order_id = ?");

/* The certificate of order `order` and its DER (into `der`). */
enum dbrc
db_cert_of_order(struct db *db, long long order, struct cert *c,
    struct buf *der)
{
	MYSQL_STMT	*st;

	memset(c, 0, sizeof(*c));
	if ((st = db_exec(db, &sql_cert_of_order, "i", order)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "sssssssB", c->serial,
	    sizeof(c->serial), c->fingerprint, sizeof(c->fingerprint),
	    c->subject, sizeof(c->subject), c->key_desc, sizeof(c->key_desc),
	    c->not_before, sizeof(c->not_before), c->not_after,
	    sizeof(c->not_after), c->revoked, sizeof(c->revoked), der));
}

DB_STMT(cert_lock,
    "SELECT serial, spki_sha256, revoked_at IS NOT NULL FROM certificates "
    "WHERE order_id = ? FOR UPDATE");

/*
 * Locks the certificate of `order` for the transaction: its serial, the
 * SHA-256 of its key (hex), whether it is revoked.
 */
enum dbrc
db_cert_lock(struct db *db, long long order, char *serial, size_t serialsz,
    char *spki, size_t spkisz, long long *revoked)
{
	MYSQL_STMT	*st;

	if ((st = db_exec(db, &sql_cert_lock, "i", order)) == NULL)
		return DB_ERR;
	return db_one(db, st, db_result(db, st, "ssi", serial, serialsz, spki,
	    spkisz, revoked));
}

DB_STMT(cert_revoke,
    "UPDATE certificates SET revoked_at = NOW(6), revocation_reason = ?, "
    "revoked_by = ?, revocation_comment = ? "
    "WHERE order_id = ? AND revoked_at IS NULL");

/* Revokes; DB_NOTFOUND when it already was (revocation happens once). */
enum dbrc
db_cert_revoke(struct db *db, long long order, const char *reason,
    const char *by, const char *comment)
{
	return db_run(db, &sql_cert_revoke, NULL, "sssi", reason, by, comment,
	    order);
}

DB_STMT(key_block,
    "INSERT IGNORE INTO blocked_keys (spki_sha256, reason) VALUES (?, ?)");

/* No certificate for this key again (BR 6.1.1.3 and 4.9.1.1). */
enum dbrc
db_key_block(struct db *db, const char *spki, const char *reason)
{
	return changed(db_run(db, &sql_key_block, NULL, "ss", spki, reason));
}

DB_STMT(crl_next_lock,
    "SELECT number + 1, wanted FROM crl_state WHERE id = 1 FOR UPDATE");
DB_STMT(crl_next_set,
    /* The CRL lists every revocation counted in `wanted`: not due.
     * Only from the number read: see db_crl_next(). */
    "UPDATE crl_state SET number = ?, this_update = NOW(6), "
    "published = ?, due_since = NULL WHERE id = 1 AND number = ? - 1");

/*
 * The next CRL number, taken under the CRL row's lock: CRLs are made one
 * at a time, each listing every revocation committed before it. The CRL
 * stops being due when the caller's transaction commits (008_crl_due.sql):
 * revocations that commit later make it due again.
 *
 * The lock orders CRL makers on one server only; on a Galera cluster
 * two nodes may both read number N. The UPDATE moves the number only
 * from N to N + 1, so one of them changes nothing here (DB_NOTFOUND) or
 * loses at COMMIT (a deadlock error): a number is never taken twice and
 * never goes back. DB_NOTFOUND also when the row is missing.
 */
enum dbrc
db_crl_next(struct db *db, long long *number)
{
	MYSQL_STMT	*st;
	long long	 wanted = 0;
	int		 r = -1;

	if ((st = db_exec(db, &sql_crl_next_lock, "")) == NULL)
		return DB_ERR;
	if (db_result(db, st, "ii", number, &wanted))
		r = db_row(db, st);
	db_done(st);
	if (r != 1)
		return DB_ERR;
	return db_run(db, &sql_crl_next_set, NULL, "iii", *number, wanted,
	    *number);
}

DB_STMT(crl_want,
    "UPDATE crl_state SET wanted = wanted + 1, "
    "due_since = IFNULL(due_since, NOW(6)) WHERE id = 1");

/*
 * Marks a CRL due, inside the transaction of the revocation that needs
 * it: whatever happens to the CRL published after it, the mark stays
 * until a CRL that lists the revocation is written.
 */
enum dbrc
db_crl_want(struct db *db)
{
	return changed(db_run(db, &sql_crl_want, NULL, ""));
}

DB_STMT(crl_due,
    "SELECT wanted > published, "
    "IFNULL(TIMESTAMPDIFF(SECOND, due_since, NOW(6)), 0) "
    "FROM crl_state WHERE id = 1");

/*
 * Whether a CRL is due (*due), and for how many seconds (*age).
 */
enum dbrc
db_crl_due(struct db *db, int *due, long long *age)
{
	MYSQL_STMT	*st;
	long long	 d = 0;
	int		 r = -1;

	*due = 0;
	*age = 0;
	if ((st = db_exec(db, &sql_crl_due, "")) == NULL)
		return DB_ERR;
	if (db_result(db, st, "ii", &d, age))
		r = db_row(db, st);
	db_done(st);
	if (r != 1)
		return DB_ERR;
	*due = d != 0;
	return DB_OK;
}

DB_STMT(revoked_all,
    "SELECT serial, UNIX_TIMESTAMP(revoked_at), revocation_reason "
    "FROM certificates WHERE revoked_at IS NOT NULL ORDER BY id");

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
	if ((st = db_exec(db, &sql_revoked_all, "")) == NULL)
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

DB_STMT(order_any,
    "SELECT " ORDER_COLS ORDER_FROM "WHERE o.id = ?");

/* Any order, for operators (no account scope). */
enum dbrc
db_order_any(struct db *db, long long id, struct order *o)
{
	struct order	*dst = o;
	enum dbrc	 rc;

	memset(o, 0, sizeof(*o));
	rc = db_each_order(db, db_exec(db, &sql_order_any, "i", id),
	    copy_order, dst);
	return rc == DB_OK && o->id == 0 ? DB_NOTFOUND : rc;
}

DB_STMT(audit_of_order,
    "SELECT id, DATE_FORMAT(at, '%Y-%m-%dT%H:%i:%s.%fZ'), actor, role, "
    "remote_addr, action, IFNULL(object, ''), IFNULL(details, '') "
    "FROM audit WHERE order_id = ? ORDER BY id");

struct auditrow {
	const char	*v[8];
	int		(*cb)(void *, const char *const *);
	void		*arg;
};

static int
audit_row(void *arg)
{
	struct auditrow	*r = arg;

	return r->cb(r->arg, r->v);
}

/*
 * Feeds every row of an executed audit listing (id, time, actor, role,
 * address, action, object, details) to `cb` as eight strings, and
 * releases the statement. A NULL statement is DB_ERR.
 */
enum dbrc
db_audit_rows(struct db *db, MYSQL_STMT *st,
    int (*cb)(void *, const char *const *), void *arg)
{
	static char	 f[8][1024];
	struct auditrow	 r;
	int		 i;

	if (st == NULL)
		return DB_ERR;
	for (i = 0; i < 8; i++)
		r.v[i] = f[i];
	r.cb = cb;
	r.arg = arg;
	return db_each(db, st, db_result(db, st, "ssssssss", f[0],
	    sizeof(f[0]), f[1], sizeof(f[1]), f[2], sizeof(f[2]), f[3],
	    sizeof(f[3]), f[4], sizeof(f[4]), f[5], sizeof(f[5]), f[6],
	    sizeof(f[6]), f[7], sizeof(f[7])), audit_row, &r);
}

/* The audit rows of an order, oldest first, as eight strings each. */
enum dbrc
db_audit_of_order(struct db *db, long long order,
    int (*cb)(void *, const char *const *), void *arg)
{
	return db_audit_rows(db, db_exec(db, &sql_audit_of_order, "i", order),
	    cb, arg);
}

DB_STMT(expiry_due,
    "SELECT o.id, o.account_id, o.number, p.name, p.code, "
    "DATE_FORMAT(o.not_after, '%Y-%m-%dT%H:%i:%sZ'), o.expiry_notices, "
    "TIMESTAMPDIFF(SECOND, NOW(), o.not_after) FROM orders o "
    "JOIN products p ON p.id = o.product_id WHERE o.status = 'issued' "
    "AND o.not_after <= NOW() + INTERVAL 30 DAY ORDER BY o.id");

struct expiryrow {
	struct expiry	 e;
	int		(*cb)(void *, const struct expiry *);
	void		*arg;
};

static int
expiry_row(void *arg)
{
	struct expiryrow *r = arg;

	return r->cb(r->arg, &r->e);
}

/* Issued orders whose certificate ends within 30 days, or has ended. */
enum dbrc
db_expiry_due(struct db *db, int (*cb)(void *, const struct expiry *),
    void *arg)
{
	struct expiryrow r;
	struct expiry	*e = &r.e;
	MYSQL_STMT	*st;

	memset(&r, 0, sizeof(r));
	r.cb = cb;
	r.arg = arg;
	if ((st = db_exec(db, &sql_expiry_due, "")) == NULL)
		return DB_ERR;
	return db_each(db, st, db_result(db, st, "iissssii", &e->id,
	    &e->account_id, e->number, sizeof(e->number), e->product,
	    sizeof(e->product), e->product_code, sizeof(e->product_code),
	    e->not_after, sizeof(e->not_after),
	    &e->notices, &e->seconds), expiry_row, &r);
}

DB_STMT(expiry_mark,
    "UPDATE orders SET expiry_notices = expiry_notices | ? "
    "WHERE id = ? AND expiry_notices & ? = 0");

/*
 * Records notice `bit` of order `order` (and the others of `bits`), only
 * if `bit` was not recorded yet: two expiry jobs at once (two hosts, or
 * two nodes of a cluster, where the order's row lock would not stop the
 * other) send each notice once. DB_NOTFOUND when it was recorded.
 */
enum dbrc
db_expiry_mark(struct db *db, long long order, long long bits, long long bit)
{
	return db_run(db, &sql_expiry_mark, NULL, "iii", bits, order, bit);
}
