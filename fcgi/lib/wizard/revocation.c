/*
 * Revocation, shared by the wizard's revoke page and ACME revokeCert
 * (see revocation.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/x509.h>

#include "audit.h"
#include "buf.h"
#include "crl.h"
#include "db.h"
#include "issue.h"
#include "log.h"
#include "mail.h"
#include "page.h"
#include "revocation.h"
#include "server.h"
#include "signer.h"
#include "steps.h"

#define CRL_DAYS	7	/* nextUpdate after thisUpdate: BR 4.9.7 */

const char *const revokerc_names[REVOKE__MAX] = {
	"ok",			/* REVOKE_OK */
	"already",		/* REVOKE_ALREADY */
	"not-issued",		/* REVOKE_NOT_ISSUED */
	"error",		/* REVOKE_ERR */
};

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
 * of `iss` and written to `dir`/ca.crl (and the CA certificate beside it
 * as ca.cer, for the AIA URL); its audit row names `who`. CRLs are made
 * one at a time under the CRL row's lock, numbers rising (RFC 5280
 * 5.2.3). Returns 0 on failure (logged): the CRL stays due.
 */
int
revocation_crl_publish(struct ctx *ctx, struct issuer *iss, const char *dir,
    const struct actor *who)
{
	struct crl_entry *e = NULL;
	struct buf	 req, der, why;
	X509		*cacert;
	unsigned char	*cader = NULL;
	long long	 number, now = (long long)time(NULL);
	char		 details[64];
	size_t		 n = 0;
	int		 ok = 0, calen;

	if (dir == NULL || *dir == '\0') {
		log_warnx("SMIME_CRL_DIR is not set: no CRL");
		return 0;
	}
	buf_init(&req);
	buf_init(&der);
	buf_init(&why);
	if (!db_begin(ctx->db) || db_crl_next(ctx->db, &number) != DB_OK ||
	    db_revoked_entries(ctx->db, &e, &n) != DB_OK ||
	    !crl_request_encode(&req, number, now, now + CRL_DAYS * 86400,
	    e, n))
		goto out;
	if (!signer_sign_crl(&iss->signer, &req, &der, &why)) {
		log_warnx("CRL %lld: signer: %s", number, why.s);
		goto out;
	}
	snprintf(details, sizeof(details), "number=%lld entries=%zu", number,
	    n);
	if (!crl_write_file(dir, "ca.crl", der.s, der.len) ||
	    !audit_add(ctx->db, who->login, who->role, who->addr,
	    "crl-signed", 0, "crl", details) ||
	    !db_commit(ctx->db))
		goto out;
	if ((cacert = issue_ca(iss, ctx->set.ca_cert)) != NULL &&
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
 * Revokes the certificate of order `o` for `reason` (a name crl_reason()
 * knows; the caller checked who may give it), with the operator's
 * `comment` or NULL, as `who`: in one transaction the certificate row,
 * the CRL marked due until a CRL lists it, the key blocked for
 * keyCompromise, the order's EV_REVOKED step (its event and audit row)
 * and the customer's mail. The serial goes into `serial`. The caller
 * publishes the CRL after (revocation_crl_publish()). Returns
 * REVOKE_OK, REVOKE_ALREADY or REVOKE_NOT_ISSUED (nothing written), or
 * REVOKE_ERR (rolled back: 500).
 */
enum revokerc
revocation_apply(struct ctx *ctx, const struct actor *who,
    const struct order *o, const char *reason, const char *comment,
    char *serial, size_t serialsz)
{
	struct steps	 s;
	char		 spki[65], obj[32], details[700];
	long long	 revoked;
	enum dbrc	 rc;
	enum stepsrc	 sr;
	enum revokerc	 ret = REVOKE_ERR;

	if (!db_begin(ctx->db))
		return REVOKE_ERR;
	rc = db_cert_lock(ctx->db, o->id, serial, serialsz, spki,
	    sizeof(spki), &revoked);
	if (rc == DB_NOTFOUND) {
		ret = REVOKE_NOT_ISSUED;
		goto out;
	}
	if (rc != DB_OK)
		goto out;
	if (revoked) {
		ret = REVOKE_ALREADY;
		goto out;
	}
	snprintf(obj, sizeof(obj), "order:%lld", o->id);
	snprintf(details, sizeof(details), "serial=%s reason=%s%s%s", serial,
	    reason, comment ? " comment=" : "", comment ? comment : "");
	/* The CRL is due from this commit until one that lists it is
	 * written, whoever writes it (008_crl_due.sql). */
	if (db_cert_revoke(ctx->db, o->id, reason, who->login, comment) !=
	    DB_OK || db_crl_want(ctx->db) != DB_OK ||
	    (strcmp(reason, "keyCompromise") == 0 &&
	    db_key_block(ctx->db, spki, "keyCompromise") != DB_OK))
		goto out;
	sr = steps_apply(ctx->db, who, o->id, EV_REVOKED, NULL, obj, details,
	    &s);
	if (sr == STEPS_REFUSED) {
		ret = REVOKE_NOT_ISSUED;
		goto out;
	}
	if (sr != STEPS_OK ||
	    !revoked_mail(ctx, o, s.account_id, serial, reason) ||
	    !db_commit(ctx->db))
		goto out;
	log_info("order %lld: revoked serial %s (%s) by %s", o->id, serial,
	    reason, who->login);
	ret = REVOKE_OK;
out:
	if (db_in_tx(ctx->db))
		db_rollback(ctx->db);
	return ret;
}
