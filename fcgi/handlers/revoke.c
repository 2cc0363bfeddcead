/*
 * Revocation, in the activation program:
 *
 *   POST /certificates/{order}/revoke   `reason`; without `confirm=1` the
 *                                       confirmation page, with it the
 *                                       revocation and a new CRL
 *
 * It lives beside issuance because a revocation publishes the new CRL in
 * the same request (S/MIME BR 4.9.7), and only this program's workers
 * hold a signer, the one process that can use the CA key.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/x509.h>

#include "activation.h"
#include "audit.h"
#include "buf.h"
#include "crl.h"
#include "db.h"
#include "issue.h"
#include "log.h"
#include "mail.h"
#include "page.h"
#include "request.h"
#include "server.h"
#include "signer.h"
#include "steps.h"
#include "view.h"

#define CRL_DAYS	7	/* nextUpdate after thisUpdate: BR 4.9.7 */
#define CRL_DUE_CHECK	30	/* seconds between a worker's due checks */

/* The time now as ISO 8601 UTC, into `buf`. */
static const char *
now_iso(char *buf, size_t bufsz)
{
	time_t		 t = time(NULL);
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(buf, bufsz, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}


/*
 * A new CRL of every revocation committed so far, signed by the signer
 * and written to SMIME_CRL_DIR/ca.crl (and the CA certificate beside it
 * as ca.cer, for the AIA URL). CRLs are made one at a time under the CRL
 * row's lock, numbers rising (RFC 5280 5.2.3). Returns 0 on failure.
 */
static int
crl_publish(struct ctx *ctx, struct req *r)
{
	struct crl_entry *e = NULL;
	struct buf	 req, der, why;
	const char	*dir = req_param(r, "SMIME_CRL_DIR");
	X509		*cacert;
	unsigned char	*cader = NULL;
	long long	 number, now = (long long)time(NULL);
	char		 details[64];
	size_t		 n = 0;
	int		 ok = 0, calen;

	buf_init(&req);
	buf_init(&der);
	buf_init(&why);
	if (dir == NULL || *dir == '\0') {
		log_warnx("SMIME_CRL_DIR is not set: no CRL");
		return 0;
	}
	if (!db_begin(ctx->db) || db_crl_next(ctx->db, &number) != DB_OK ||
	    db_revoked_entries(ctx->db, &e, &n) != DB_OK ||
	    !crl_request_encode(&req, number, now, now + CRL_DAYS * 86400,
	    e, n))
		goto out;
	if (!signer_sign_crl(&issuer.signer, &req, &der, &why)) {
		log_warnx("CRL %lld: signer: %s", number, why.s);
		goto out;
	}
	snprintf(details, sizeof(details), "number=%lld entries=%zu", number,
	    n);
	if (!crl_write_file(dir, "ca.crl", der.s, der.len) ||
	    !audit_add(ctx->db, ctx->acct.login, ctx->acct.role,
	    r->remote_addr, "crl-signed", 0, "crl", details) ||
	    !db_commit(ctx->db))
		goto out;
	if ((cacert = issue_ca(&issuer, ctx->set.ca_cert)) != NULL &&
	    (calen = i2d_X509(cacert, &cader)) > 0)
		crl_write_file(dir, "ca.cer", cader, (size_t)calen);
	ok = 1;
out:
	if (db_in_tx(ctx->db))
		db_rollback(ctx->db);
	OPENSSL_free(cader);
	free(e);
	buf_free(&req);
	buf_free(&der);
	buf_free(&why);
	return ok;
}

/*
 * After any request of this worker (it holds a signer): a CRL that is
 * due, because the one after a revocation failed here or in another
 * worker, is published now. Looked up at most every CRL_DUE_CHECK
 * seconds per worker; `smime-admin crl --watch` covers idle times.
 */
void
revoke_publish_due(struct ctx *ctx, struct req *r)
{
	static time_t	 last;
	time_t		 now = time(NULL);
	long long	 age;
	int		 due;

	if (ctx->db == NULL || db_in_tx(ctx->db) || now - last < CRL_DUE_CHECK)
		return;
	last = now;
	if (db_crl_due(ctx->db, &due, &age) != DB_OK || !due)
		return;
	log_info("a CRL has been due for %llds: publishing it", age);
	if (!crl_publish(ctx, r))
		log_warnx("the due CRL could not be published; it stays due");
}

static int
revoke_page(struct ctx *ctx, const char *name, const struct order *o,
    const char *reason, const char *comment, int op)
{
	struct cert	 c;
	struct buf	 der;
	xmlNodePtr	 rs, n;
	size_t		 i;
	int		 rc;

	page_rename(ctx->page, name);
	buf_init(&der);
	rc = db_cert_of_order(ctx->db, o->id, &c, &der) == DB_OK &&
	    view_order(ctx->page->root, o) != NULL &&
	    (n = view_cert(ctx->page->root, &c)) != NULL;
	buf_free(&der);
	if (!rc)
		return 0;
	/* A revoked certificate's last child is its <revoked>. */
	if (c.revoked[0] != '\0' && !page_attr(n->last, "reason", reason))
		return 0;
	if ((rs = page_add(ctx->page->root, "reasons", NULL)) == NULL)
		return 0;
	for (i = 0; crl_reason_name((int)i) != NULL; i++)
		if (crl_reason(crl_reason_name((int)i), op) > 0 &&
		    !page_attr(page_add(rs, "reason", NULL), "code",
		    crl_reason_name((int)i)))
			return 0;
	return page_attr(n = page_add(ctx->page->root, "revoke", NULL),
	    "reason", reason) && page_attr(n, "comment", comment);
}

/* The certificate-revoked mail of order `o`, queued in the transaction. */
static int
revoked_mail(struct ctx *ctx, const struct order *o, long long account,
    const char *serial, const char *reason)
{
	struct page	*mail;
	char		 link[600], when[32];
	int		 ok;

	snprintf(link, sizeof(link), "%s/certificates/%lld", ctx->set.base_url,
	    o->id);
	if ((mail = page_new("mail-certificate-revoked")) == NULL)
		return 0;
	ok = page_attr(page_add(mail->root, "brand", NULL), "name",
	    ctx->set.brand) &&
	    page_attr(page_add(mail->root, "order", NULL), "number",
	    o->number) &&
	    page_attr(mail->root->last, "product", o->product) &&
	    page_attr(mail->root->last, "product-code", o->product_code) &&
	    page_add(page_add(mail->root, "certificate", NULL), "serial",
	    serial) != NULL &&
	    page_attr(page_add(mail->root, "revoked", NULL), "reason",
	    reason) && page_attr(mail->root->last, "at", now_iso(when,
	    sizeof(when))) &&
	    page_add(mail->root, "link", link) != NULL &&
	    mail_queue(ctx, "certificate-revoked", account, o->id, mail,
	    NULL, 0);
	page_free(mail);
	return ok;
}

/*
 * POST /certificates/{order}/revoke: without confirm=1 (or without a
 * valid reason) the confirmation page; with them, the revocation, its
 * event, audit row and mail in one transaction, then a new CRL within the
 * same request. Customers revoke their own certificates, partners their
 * customers', operators any. Revoking for key compromise blocks the key.
 */
int
revoke_cert(struct ctx *ctx, struct req *r, long long id)
{
	struct order	 o;
	struct steps	 s;
	struct actor	 who;
	const char	*reason = req_field(r, FIELD_REASON);
	const char	*comment = req_field(r, FIELD_COMMENT);
	const char	*confirm = req_field(r, FIELD_CONFIRM);
	char		 serial[65], spki[65], obj[32], details[700];
	long long	 revoked;
	enum dbrc	 rc;
	int		 op = strcmp(ctx->acct.role, "operator") == 0, code = 500;
	int		 valid;

	rc = op ? db_order_any(ctx->db, id, &o) :
	    db_order_visible(ctx->db, &ctx->acct, id, &o);
	if (rc != DB_OK)
		return rc == DB_NOTFOUND ? 404 : 500;
	if (o.st.status == ORDER_REVOKED) {
		page_error(ctx->page, ctx->cat, NULL, "revoke.already");
		return 409;
	}
	if (!steps_allows(&o.st, EV_REVOKED)) {
		page_error(ctx->page, ctx->cat, NULL, "revoke.not-issued");
		return 409;
	}
	valid = crl_reason(reason, op) > 0;
	if (!valid || confirm == NULL ||
	    strcmp(confirm, "1") != 0) {
		if (confirm != NULL)
			page_error(ctx->page, ctx->cat, "reason",
			    "revoke.reason-required");
		return revoke_page(ctx, "certificate-revoke", &o,
		    valid ? reason : NULL, op ? comment : NULL, op) ?
		    (confirm != NULL ? 422 : 200) : 500;
	}
	if (!op)
		comment = NULL;
	if (!db_begin(ctx->db))
		return 500;
	rc = db_cert_lock(ctx->db, id, serial, sizeof(serial), spki,
	    sizeof(spki), &revoked);
	if (rc != DB_OK || revoked) {
		db_rollback(ctx->db);
		if (rc != DB_OK && rc != DB_NOTFOUND)
			return 500;
		page_error(ctx->page, ctx->cat, NULL, "revoke.already");
		return 409;
	}
	snprintf(obj, sizeof(obj), "order:%lld", id);
	snprintf(details, sizeof(details), "serial=%s reason=%s%s%s", serial,
	    reason, comment ? " comment=" : "", comment ? comment : "");
	server_actor(ctx, r, &who);
	/* The CRL is due from this commit until one that lists it is
	 * written, whoever writes it (008_crl_due.sql). */
	if (db_cert_revoke(ctx->db, id, reason, ctx->acct.login, comment) !=
	    DB_OK || db_crl_want(ctx->db) != DB_OK ||
	    (strcmp(reason, "keyCompromise") == 0 &&
	    db_key_block(ctx->db, spki, "keyCompromise") != DB_OK) ||
	    steps_apply(ctx->db, &who, id, EV_REVOKED, NULL, obj, details,
	    &s) != STEPS_OK)
		goto out;
	if (!revoked_mail(ctx, &o, s.account_id, serial, reason) ||
	    !db_commit(ctx->db))
		goto out;
	/* The CRL follows at once (BR 4.9.7); if it fails, the next will. */
	if (!crl_publish(ctx, r))
		page_error(ctx->page, ctx->cat, NULL, "revoke.crl-failed");
	if (db_order_any(ctx->db, id, &o) != DB_OK)
		goto out;
	code = revoke_page(ctx, "certificate-revoked", &o, reason, comment,
	    op) ? 200 : 500;
out:
	if (db_in_tx(ctx->db))
		db_rollback(ctx->db);
	return code;
}

