/*
 * Typed queries of step 3: the activation draft, keys seen before, and
 * the certificates.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
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
	int		 r = -1;

	memset(a, 0, sizeof(*a));
	if ((st = db_exec(db, STMT_ORDER_ACT_GET, "i", id)) == NULL)
		return DB_ERR;
	if (db_result(db, st, "ssssisiB", a->cn, sizeof(a->cn), a->include,
	    sizeof(a->include), a->method, sizeof(a->method), a->key,
	    sizeof(a->key), &a->org_id, a->email, sizeof(a->email),
	    &a->email_age, csr))
		r = db_row(db, st);
	db_done(st);
	return r < 0 ? DB_ERR : r == 0 ? DB_NOTFOUND : DB_OK;
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
	int		 r = -1;

	memset(c, 0, sizeof(*c));
	if ((st = db_exec(db, STMT_CERT_OF_ORDER, "i", order)) == NULL)
		return DB_ERR;
	if (db_result(db, st, "sssssssB", c->serial, sizeof(c->serial),
	    c->fingerprint, sizeof(c->fingerprint), c->subject,
	    sizeof(c->subject), c->key_desc, sizeof(c->key_desc),
	    c->not_before, sizeof(c->not_before), c->not_after,
	    sizeof(c->not_after), c->revoked, sizeof(c->revoked), der))
		r = db_row(db, st);
	db_done(st);
	return r < 0 ? DB_ERR : r == 0 ? DB_NOTFOUND : DB_OK;
}
