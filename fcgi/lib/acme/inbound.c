/*
 * The inbound endpoint of email-reply-00: see inbound.h.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "db.h"
#include "dbacme.h"
#include "inbound.h"
#include "log.h"
#include "reply.h"
#include "steps.h"

const char *const inbound_names[INBOUND__MAX] = {
	"valid",	/* INBOUND_VALID */
	"invalid",	/* INBOUND_INVALID */
	"ignored",	/* INBOUND_IGNORED */
	"tempfail",	/* INBOUND_TEMPFAIL */
};

/* Keeps the message with its verdict; 0 when the database fails. */
static int
keep(struct db *db, long long order, const struct reply *r, const void *msg,
    size_t len, const char *dkim, const char *verdict)
{
	return db_acme_reply_add(db, order, r->sha256, dkim, verdict, msg,
	    len) == DB_OK;
}

/*
 * The challenge of `o` is invalid with ACME error `type` (RFC 8555 6.7)
 * and `detail`, the reply kept; all in one transaction.
 */
static enum inbound
invalid(struct db *db, const struct acme_order *o, const struct reply *r,
    const void *msg, size_t len, const char *dkim, const char *type,
    const char *detail, char *why, size_t whysz)
{
	char	 err[256];

	snprintf(err, sizeof(err), "%s %s", type, detail);
	snprintf(why, whysz, "%s", err);
	if (!db_begin(db))
		return INBOUND_TEMPFAIL;
	if (db_acme_order_chall(db, o->id, "invalid", err) != DB_OK ||
	    !keep(db, o->id, r, msg, len, dkim, err) || !db_commit(db)) {
		db_rollback(db);
		return INBOUND_TEMPFAIL;
	}
	return INBOUND_INVALID;
}

/*
 * Processes one reply (`len` bytes) with DNS server `dns` for DKIM.
 * Writes a one-line verdict to `why`. Returns what became of the
 * challenge; INBOUND_TEMPFAIL asks the MTA to deliver again later.
 */
enum inbound
inbound_process(struct db *db, const void *msg, size_t len, const char *dns,
    char *why, size_t whysz)
{
	struct reply		 r;
	struct acme_order	 o;
	struct acme_acct	 a;
	struct actor		 who;
	struct buf		 jwk;
	enum replyerr		 pe;
	char			 dkim[256], details[768], actor[300], obj[64];
	enum inbound		 rc = INBOUND_TEMPFAIL;

	buf_init(&jwk);
	snprintf(why, whysz, "not processed");
	if ((pe = reply_parse(&r, msg, len)) != REPLY_OK) {
		snprintf(why, whysz, "not a challenge reply: %s",
		    replyerr_names[pe]);
		if (pe == REPLY_NOMEM)
			goto out;
		rc = keep(db, 0, &r, msg, len > REPLY_MAX ? 0 : len, "-",
		    why) ? INBOUND_IGNORED : INBOUND_TEMPFAIL;
		goto out;
	}
	switch (db_acme_order_by_token(db, r.token1, &o)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		snprintf(why, whysz, "no challenge has this token");
		rc = keep(db, 0, &r, msg, len, "-", why) ? INBOUND_IGNORED :
		    INBOUND_TEMPFAIL;
		goto out;
	default:
		goto out;
	}
	if (strcmp(o.chall_status, "pending") != 0 &&
	    strcmp(o.chall_status, "processing") != 0) {
		snprintf(why, whysz, "the challenge is %s already",
		    o.chall_status);
		rc = keep(db, o.id, &r, msg, len, "-", why) ?
		    INBOUND_IGNORED : INBOUND_TEMPFAIL;
		goto out;
	}
	if (o.expired) {
		rc = invalid(db, &o, &r, msg, len, "-", "unauthorized",
		    "the challenge expired before the reply", why, whysz);
		goto out;
	}
	/* RFC 8823 section 3: the reply comes from the mailbox validated. */
	if (strcasecmp(r.from, o.mailbox) != 0) {
		rc = invalid(db, &o, &r, msg, len, "-", "unauthorized",
		    "the reply is not from the mailbox", why, whysz);
		goto out;
	}
	switch (reply_dkim(&r, dns, dkim, sizeof(dkim))) {
	case RDKIM_PASS:
		break;
	case RDKIM_TEMPFAIL:
		snprintf(why, whysz, "%s: try again", dkim);
		goto out;
	default:
		rc = invalid(db, &o, &r, msg, len, dkim, "unauthorized",
		    "the reply has no valid DKIM signature of its domain",
		    why, whysz);
		goto out;
	}
	if (db_acme_acct_get(db, o.acct_id, &a, &jwk) != DB_OK)
		goto out;
	if (!reply_digest_ok(&r, o.token2, a.thumbprint)) {
		rc = invalid(db, &o, &r, msg, len, dkim, "incorrectResponse",
		    "the response is not the key authorization's digest",
		    why, whysz);
		goto out;
	}

	/* Valid: the challenge, the wizard's step, the audit, the evidence. */
	snprintf(actor, sizeof(actor), "mailbox:%s", o.mailbox);
	snprintf(obj, sizeof(obj), "acme-order:%lld", o.id);
	snprintf(details, sizeof(details), "method=RFC 8823 email-reply-00; "
	    "address=%s; %s; reply sha256=%s", o.mailbox, dkim, r.sha256);
	who.login = actor;
	who.role = "mailbox";
	who.addr = "";
	if (!db_begin(db))
		goto out;
	if (db_acme_order_chall(db, o.id, "valid", NULL) != DB_OK ||
	    db_order_email_verified(db, o.order_id, o.mailbox) != DB_OK ||
	    steps_apply(db, &who, o.order_id, EV_EMAIL_VERIFIED, NULL, obj,
	    details, NULL) != STEPS_OK ||
	    !keep(db, o.id, &r, msg, len, dkim, "valid") || !db_commit(db)) {
		db_rollback(db);
		goto out;
	}
	snprintf(why, whysz, "%s", dkim);
	rc = INBOUND_VALID;
out:
	buf_free(&jwk);
	reply_free(&r);
	return rc;
}
