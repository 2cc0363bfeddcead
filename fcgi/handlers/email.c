/*
 * The email handler: step 2 of the wizard, control of the mailbox
 * (S/MIME BR 3.2.2.2).
 *
 *   GET  /email/{order}               the form (?edit=1), or the status
 *   POST /email/{order}               `email`: the summary
 *   POST /email/{order}/submit        queue the mail with a one-time link
 *   POST /email/{order}/resend        a new link (1 a minute, 10 a day)
 *   GET  /email/confirm/{token}       no login: the address and a button
 *   POST /email/confirm/{token}       no login: confirms
 *
 * The link's token is 128 bits from the CSPRNG, stored only as its
 * SHA-256, valid 24 hours, used once; each mail has its own. GET never
 * changes anything, since mail scanners follow links.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "mail.h"
#include "mailbox.h"
#include "page.h"
#include "request.h"
#include "server.h"
#include "valid.h"
#include "view.h"

#define RESEND_MINUTE	1	/* links an order may get in a minute */
#define RESEND_DAY	10	/* and in a day */

enum field {
	FIELD_EMAIL,	/* the address to include */
	FIELD_EDIT,	/* GET ?edit=1: the form even when submitted */
	FIELD__MAX
};

static const struct fieldspec fields[FIELD__MAX] = {
	{ valid_mailbox, "email", 320 },	/* FIELD_EMAIL */
	{ valid_word, "edit", 1 },		/* FIELD_EDIT */
};

static const char *const pages[] = {
	"email-form", "email-summary", "email-sent", "email-status",
	"email-confirm", "email-confirmed", "email-link", "error",
	"mail-email-verify", "mail-email-verify-html", NULL
};

/* The confirmation pages need no login: the token is the credential. */
static int
anonymous(const char *path)
{
	return strncmp(path, "/email/confirm/", 15) == 0;
}

static int
add_mailbox(xmlNodePtr parent, const char *address)
{
	char	 display[512];

	mailbox_display(address, display, sizeof(display));
	return page_attr(page_add(parent, "mailbox", NULL), "address",
	    address) && page_attr(parent->last, "display", display);
}

/*
 * The order `id` as the account sees it, into the page, and its steps
 * (read, not locked). Returns 200, 404 or 500.
 */
static int
load(struct ctx *ctx, long long id, struct order *o, struct steps *s)
{
	enum dbrc	 rc;

	if ((rc = db_order_visible(ctx->db, &ctx->acct, id, o)) != DB_OK)
		return rc == DB_NOTFOUND ? 404 : 500;
	if (view_order(ctx->page->root, o) == NULL ||
	    db_order_lock(ctx->db, id, s) != DB_OK)
		return 500;
	return 200;
}

static int
form(struct ctx *ctx, const char *value)
{
	page_rename(ctx->page, "email-form");
	if (value != NULL && !page_attr(page_add(page_add(ctx->page->root,
	    "form", NULL), "value", value), "name", "email"))
		return 500;
	return 200;
}

/* The latest link's times, into the page. */
static int
validation(struct ctx *ctx, long long id)
{
	char		 sent[24], expires[24];
	xmlNodePtr	 n;
	enum dbrc	 rc;

	if ((rc = db_token_latest(ctx->db, id, sent, sizeof(sent), expires,
	    sizeof(expires))) == DB_NOTFOUND)
		return 1;
	return rc == DB_OK &&
	    (n = page_add(ctx->page->root, "validation", NULL)) != NULL &&
	    page_attr(n, "sent", sent) && page_attr(n, "expires", expires);
}

static int
get_step(struct ctx *ctx, struct req *r, long long id)
{
	struct order	 o;
	struct steps	 s;
	int		 code;

	if ((code = load(ctx, id, &o, &s)) != 200)
		return code;
	if (s.st.email == STEP_UNAVAILABLE) {
		page_error(ctx->page, ctx->cat, NULL, "email.unavailable");
		return 409;
	}
	if (s.st.email == STEP_VERIFIED) {
		page_rename(ctx->page, "email-status");
		return add_mailbox(ctx->page->root, s.email_addr) &&
		    page_attr(page_add(ctx->page->root, "verified", NULL), "at",
		    s.email_validated) && validation(ctx, id) ? 200 : 500;
	}
	if (s.st.email == STEP_SUBMITTED && req_field(r, FIELD_EDIT) == NULL) {
		page_rename(ctx->page, "email-status");
		return add_mailbox(ctx->page->root, s.email_draft) &&
		    validation(ctx, id) ? 200 : 500;
	}
	return form(ctx, s.email_draft[0] ? s.email_draft : NULL);
}

/*
 * POST /email/{order}: the address, checked and normalised, kept as the
 * order's draft; the summary.
 */
static int
post_address(struct ctx *ctx, struct req *r, long long id)
{
	struct order	 o;
	struct steps	 s;
	const struct kv	*kv;
	const char	*why;
	char		 addr[MAILBOX_MAX + 1], display[512];
	int		 code;

	if ((code = load(ctx, id, &o, &s)) != 200)
		return code;
	if (!steps_allows(&s.st, EV_EMAIL_SUBMITTED)) {
		page_error(ctx->page, ctx->cat, NULL,
		    s.st.email == STEP_UNAVAILABLE ? "email.unavailable" :
		    "email.closed");
		return 409;
	}
	kv = r->fieldmap[FIELD_EMAIL] ? r->fieldmap[FIELD_EMAIL] :
	    r->fielderr[FIELD_EMAIL];
	if (kv == NULL || kv->valsz == 0) {
		page_error(ctx->page, ctx->cat, "email", "field.required");
		return form(ctx, NULL) == 200 ? 422 : 500;
	}
	if (r->fielderr[FIELD_EMAIL] != NULL) {
		page_error(ctx->page, ctx->cat, "email",
		    kv->err == KVERR_TOOLONG ? "email.too-long" :
		    "email.invalid");
		return form(ctx, kv->val) == 200 ? 422 : 500;
	}
	if (!mailbox_normalize(kv->val, addr, sizeof(addr), display,
	    sizeof(display), &why)) {
		page_error(ctx->page, ctx->cat, "email", why);
		return form(ctx, kv->val) == 200 ? 422 : 500;
	}
	if (db_order_set_email_draft(ctx->db, id, addr) != DB_OK)
		return 500;
	page_rename(ctx->page, "email-summary");
	return add_mailbox(ctx->page->root, addr) ? 200 : 500;
}

/*
 * A new link for the order's draft address: the token, its mail in the
 * outbox, the step "submitted", the event and the audit row, all in the
 * caller's transaction. Returns 200, 429 (limits) or 500.
 */
static int
send_link(struct ctx *ctx, struct req *r, long long id, struct steps *s,
    const struct order *o, const char *action)
{
	struct page	*p;
	xmlNodePtr	 n;
	unsigned char	 hash[TOKEN_HASH];
	struct actor	 who;
	char		 tok[TOKEN_LEN + 1], link[600];
	char		 sent[24], expires[24];
	long long	 minute, day;
	int		 ok;

	if (db_token_counts(ctx->db, id, &minute, &day) != DB_OK)
		return 500;
	if (minute >= RESEND_MINUTE || day >= RESEND_DAY) {
		page_error(ctx->page, ctx->cat, NULL, day >= RESEND_DAY ?
		    "email.resend-day" : "email.resend-minute");
		return 429;
	}
	if (!token_new(tok, sizeof(tok), hash) ||
	    db_token_add(ctx->db, id, s->email_draft, hash) != DB_OK)
		return 500;
	snprintf(link, sizeof(link), "%s/email/confirm/%s", ctx->set.base_url,
	    tok);
	if ((p = page_new("mail-email-verify")) == NULL)
		return 500;
	ok = page_attr(page_add(p->root, "brand", NULL), "name",
	    ctx->set.brand) &&
	    (n = page_add(p->root, "order", NULL)) != NULL &&
	    page_attr(n, "number", o->number) &&
	    page_attr(n, "product", o->product) &&
	    page_attr(n, "product-code", o->product_code) &&
	    add_mailbox(p->root, s->email_draft) &&
	    page_add(p->root, "link", link) != NULL &&
	    db_token_latest(ctx->db, id, sent, sizeof(sent), expires,
	    sizeof(expires)) == DB_OK &&
	    page_add(p->root, "expires", expires) != NULL &&
	    mail_queue(ctx, "email-verify", s->account_id, id, p,
	    s->email_draft, 1);
	page_free(p);
	explicit_bzero(tok, sizeof(tok));
	explicit_bzero(link, sizeof(link));
	if (!ok)
		return 500;
	server_actor(ctx, r, &who);
	return steps_apply(ctx->db, &who, id, EV_EMAIL_SUBMITTED, action, NULL,
	    s->email_draft, s) == STEPS_OK ? 200 : 500;
}

/*
 * POST /email/{order}/submit and /resend.
 */
static int
post_send(struct ctx *ctx, struct req *r, long long id, int resend)
{
	struct order	 o;
	struct steps	 s;
	int		 code;

	if ((code = load(ctx, id, &o, &s)) != 200)
		return code;
	if (!db_begin(ctx->db) || db_order_lock(ctx->db, id, &s) != DB_OK)
		return 500;
	if (s.email_draft[0] == '\0' ||
	    (resend && s.st.email != STEP_SUBMITTED) ||
	    !steps_allows(&s.st, EV_EMAIL_SUBMITTED)) {
		db_rollback(ctx->db);
		page_error(ctx->page, ctx->cat, NULL,
		    s.st.email == STEP_UNAVAILABLE ? "email.unavailable" :
		    "email.closed");
		return 409;
	}
	code = send_link(ctx, r, id, &s, &o, resend ? "email-resend" :
	    "email-submit");
	if (code != 200) {
		db_rollback(ctx->db);
		if (code == 429) {
			/* The status page, with the limit as its alert. */
			page_rename(ctx->page, "email-status");
			if (!add_mailbox(ctx->page->root, s.email_draft) ||
			    !validation(ctx, id))
				return 500;
		}
		return code;
	}
	if (!db_commit(ctx->db) || !view_order_steps(ctx->page->root, &s.st))
		return 500;
	page_rename(ctx->page, "email-sent");
	page_attr(ctx->page->root, "outcome", resend ? "resent" : "sent");
	return add_mailbox(ctx->page->root, s.email_draft) &&
	    validation(ctx, id) ? 200 : 500;
}

/* The mailbox and <order id number product product-code> of token `t`. */
static int
confirm_order(struct ctx *ctx, const struct token *t)
{
	xmlNodePtr	 n;

	return add_mailbox(ctx->page->root, t->address) &&
	    (n = page_add(ctx->page->root, "order", NULL)) != NULL &&
	    page_attrf(n, "id", "%lld", t->order_id) &&
	    page_attr(n, "number", t->number) &&
	    page_attr(n, "product", t->product) &&
	    page_attr(n, "product-code", t->product_code);
}

/*
 * The token of a confirmation path, checked: 200 with *t filled, or the
 * page for an invalid (404), used or expired (410) link. A token that
 * never existed and a mistyped one look the same.
 */
static int
token(struct ctx *ctx, const char *tok, int lock, struct token *t)
{
	unsigned char	 hash[TOKEN_HASH];
	enum dbrc	 rc;

	page_rename(ctx->page, "email-link");
	if (!token_wellformed(tok) || !token_hash(tok, hash)) {
		page_attr(ctx->page->root, "state", "invalid");
		return 404;
	}
	if ((rc = db_token_get(ctx->db, hash, lock, t)) == DB_ERR)
		return 500;
	if (rc == DB_NOTFOUND) {
		page_attr(ctx->page->root, "state", "invalid");
		return 404;
	}
	if (t->used || t->expired) {
		/* Say which order and mailbox, and where to go on from here:
		 * the link holder is the mailbox's owner. */
		page_attr(ctx->page->root, "state", t->used ? "used" : "expired");
		if (!confirm_order(ctx, t))
			return 500;
		return 410;
	}
	return 200;
}

static int
confirm_page(struct ctx *ctx, const struct token *t, const char *name)
{
	xmlNodePtr	 n;

	page_rename(ctx->page, name);
	return add_mailbox(ctx->page->root, t->address) &&
	    (n = page_add(ctx->page->root, "order", NULL)) != NULL &&
	    page_attr(n, "number", t->number) &&
	    page_attr(n, "product", t->product) &&
	    page_attr(n, "product-code", t->product_code) ? 200 : 500;
}

/*
 * POST /email/confirm/{token}: the mailbox is proved. The token is used
 * up, the order records the address and when it was validated (BR
 * 4.2.1: used for issuance within 30 days), step 3 opens; the audit row
 * names the method, the address and where the confirmation came from.
 */
static int
confirm(struct ctx *ctx, struct req *r, const char *tok)
{
	struct token	 t;
	struct actor	 who;
	char		 actor[300], details[400], obj[32];
	enum stepsrc	 rc;
	enum dbrc	 used;
	int		 code;

	if (!db_begin(ctx->db))
		return 500;
	if ((code = token(ctx, tok, 1, &t)) != 200) {
		db_rollback(ctx->db);
		return code;
	}
	snprintf(actor, sizeof(actor), "mailbox:%s", t.address);
	snprintf(obj, sizeof(obj), "email-token:%lld", t.id);
	snprintf(details, sizeof(details), "method=S/MIME BR 3.2.2.2 random "
	    "value in a mailed link; address=%s", t.address);
	who.login = actor;
	who.role = "mailbox";
	who.addr = r->remote_addr;
	/*
	 * The row lock taken above stops a second confirmation on this
	 * server, not on another node of a Galera cluster: the UPDATE is
	 * conditional, and one that changed nothing lost the race.
	 */
	if ((used = db_token_use(ctx->db, t.id, r->remote_addr)) ==
	    DB_NOTFOUND) {
		db_rollback(ctx->db);
		code = token(ctx, tok, 0, &t);
		return code == 200 ? 409 : code;
	}
	if (used != DB_OK ||
	    db_order_email_verified(ctx->db, t.order_id, t.address) != DB_OK)
		return 500;
	if ((rc = steps_apply(ctx->db, &who, t.order_id, EV_EMAIL_VERIFIED,
	    NULL, obj, details, NULL)) == STEPS_REFUSED) {
		db_rollback(ctx->db);
		page_error(ctx->page, ctx->cat, NULL, "email.closed");
		return 409;
	}
	if (rc != STEPS_OK || !db_commit(ctx->db))
		return 500;
	return confirm_page(ctx, &t, "email-confirmed");
}

static int
handle(struct ctx *ctx, struct req *r)
{
	struct token	 t;
	long long	 id;
	const char	*rest;
	int		 code;

	if (anonymous(r->path)) {
		if (r->method == METHOD_POST)
			return confirm(ctx, r, r->path + 15);
		if ((code = token(ctx, r->path + 15, 0, &t)) != 200)
			return code;
		return confirm_page(ctx, &t, "email-confirm");
	}
	if (!path_id(r->path, "/email/", &id, &rest))
		return 404;
	if (r->method == METHOD_POST) {
		if (*rest == '\0')
			return post_address(ctx, r, id);
		if (strcmp(rest, "/submit") == 0)
			return post_send(ctx, r, id, 0);
		if (strcmp(rest, "/resend") == 0)
			return post_send(ctx, r, id, 1);
		return 404;
	}
	if (*rest == '\0' || strcmp(rest, "/") == 0)
		return get_step(ctx, r, id);
	return 404;
}

static const struct handler email_handler = {
	"email", fields, FIELD__MAX, pages, "customer partner", anonymous, 0,
	handle, NULL
};

int
main(void)
{
	return server_run(&email_handler);
}
