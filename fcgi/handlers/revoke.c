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
#include "revocation.h"
#include "server.h"
#include "signer.h"
#include "steps.h"
#include "view.h"

#define CRL_DUE_CHECK	30	/* seconds between a worker's due checks */

/* A new CRL (revocation_crl_publish()) with this request's actor. */
static int
crl_publish(struct ctx *ctx, struct req *r)
{
	struct actor	 who;

	server_actor(ctx, r, &who);
	return revocation_crl_publish(ctx, &issuer, req_param(r,
	    "SMIME_CRL_DIR"), &who);
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
	struct actor	 who;
	const char	*reason = req_field(r, FIELD_REASON);
	const char	*comment = req_field(r, FIELD_COMMENT);
	const char	*confirm = req_field(r, FIELD_CONFIRM);
	char		 serial[65];
	enum dbrc	 rc;
	int		 op = strcmp(ctx->acct.role, "operator") == 0;
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
	server_actor(ctx, r, &who);
	switch (revocation_apply(ctx, &who, &o, reason, comment, serial,
	    sizeof(serial))) {
	case REVOKE_OK:
		break;
	case REVOKE_ALREADY:
		page_error(ctx->page, ctx->cat, NULL, "revoke.already");
		return 409;
	case REVOKE_NOT_ISSUED:
		page_error(ctx->page, ctx->cat, NULL, "revoke.not-issued");
		return 409;
	default:
		return 500;
	}
	/* The CRL follows at once (BR 4.9.7); if it fails, the next will. */
	if (!crl_publish(ctx, r))
		page_error(ctx->page, ctx->cat, NULL, "revoke.crl-failed");
	if (db_order_any(ctx->db, id, &o) != DB_OK)
		return 500;
	return revoke_page(ctx, "certificate-revoked", &o, reason, comment,
	    op) ? 200 : 500;
}

