/*
 * The partner handler: the partner panel, and orders for customers.
 *
 *   GET  /partner/                      the panel: customers, orders
 *                                       (`status` filter, `q` search)
 *   GET  /partner/orders/new            the new order form
 *   POST /partner/orders                `product`, and `customer` (a
 *                                       customer's login) or
 *                                       `customer_email` and
 *                                       `customer_name` (a new one):
 *                                       the order, then step 1 for it
 *   GET  /partner/invitations/{token}   no login: the invited customer's
 *                                       page and a button
 *   POST /partner/invitations/{token}   no login: the invitation accepted
 *
 * Partners act on their customers' orders in the wizard itself (the
 * orgdata, email and activation handlers admit them, audited as the
 * partner); here they find those orders and create new ones. A partner
 * never sees another partner's customers: every query is scoped by the
 * partner's id, and a customer who is not its own is 404.
 *
 * The reference manual: "As the partner, you start the process through
 * partner panel from the Dashboard by choosing the product you want to
 * order. After choosing the product type and providing the order
 * details, you will be able to provide the data used in the first step."
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "mailbox.h"
#include "page.h"
#include "request.h"
#include "server.h"
#include "valid.h"
#include "view.h"

#define PANEL_ORDERS	200
#define PANEL_CUSTOMERS	500

enum field {
	FIELD_STATUS,		/* panel: order status filter */
	FIELD_Q,		/* panel: search */
	FIELD_PRODUCT,		/* new order: the product's code */
	FIELD_CUSTOMER,		/* new order: an existing customer's login */
	FIELD_CUSTOMER_EMAIL,	/* new order: a new customer's address */
	FIELD_CUSTOMER_NAME,	/* new order: a new customer's name */
	FIELD__MAX
};

static const struct fieldspec fields[FIELD__MAX] = {
	{ valid_word, "status", 16 },			/* FIELD_STATUS */
	{ valid_line, "q", 128 },			/* FIELD_Q */
	{ valid_word, "product", 32 },			/* FIELD_PRODUCT */
	{ valid_line, "customer", 128 },		/* FIELD_CUSTOMER */
	{ valid_mailbox, "customer_email", MAILBOX_MAX }, /* FIELD_CUSTOMER_EMAIL */
	{ valid_text, "customer_name", 256 },		/* FIELD_CUSTOMER_NAME */
};

static const char *const pages[] = {
	"partner-panel", "partner-order-new", "partner-invitation",
	"mail-partner-invitation", "error", NULL
};

/* The invitation pages need no login: the token is the credential. */
static int
anonymous(const char *path)
{
	return strncmp(path, "/partner/invitations/", 21) == 0;
}

static int
add_customer(void *parent, const struct customer *c)
{
	xmlNodePtr	 n;

	return (n = page_add(parent, "customer", NULL)) != NULL &&
	    page_attr(n, "login", c->login) && page_attr(n, "name", c->name) &&
	    page_attr(n, "email", c->email) &&
	    page_attrf(n, "orders", "%lld", c->orders) &&
	    page_attrf(n, "open", "%lld", c->open);
}

static int
add_product(void *parent, const struct product *p)
{
	xmlNodePtr	 n;

	return (n = page_add(parent, "product", NULL)) != NULL &&
	    page_attr(n, "code", p->code) && page_attr(n, "name", p->name) &&
	    page_attrf(n, "days", "%lld", p->validity_days);
}

/* <partner code name>, the partner the account acts for. 0: none. */
static int
view_partner(struct ctx *ctx, struct partner *p)
{
	xmlNodePtr	 n;

	if (ctx->acct.partner_id <= 0 ||
	    db_partner_get(ctx->db, ctx->acct.partner_id, p) != DB_OK) {
		log_warnx("partner account %s has no partner", ctx->acct.login);
		return 0;
	}
	return (n = page_add(ctx->page->root, "partner", NULL)) != NULL &&
	    page_attr(n, "code", p->code) && page_attr(n, "name", p->name);
}

/*
 * GET /partner/: the partner's customers (what waits on them) and their
 * orders with the three steps, filtered by order status and searched by
 * order number, serial, common name, e-mail or customer.
 */
static int
panel(struct ctx *ctx, struct req *r)
{
	struct partner	 p;
	const char	*status = req_field(r, FIELD_STATUS);
	const char	*q = req_field(r, FIELD_Q);
	enum order_status os;
	xmlNodePtr	 n;
	enum dbrc	 rc;

	page_rename(ctx->page, "partner-panel");
	if (!view_partner(ctx, &p))
		return 403;
	if (status != NULL && *status != '\0' &&
	    !order_status_parse(status, &os)) {
		page_error(ctx->page, ctx->cat, "status", "field.invalid");
		status = NULL;
	}
	if ((n = page_add(ctx->page->root, "filter", NULL)) == NULL ||
	    !page_attr(n, "status", status ? status : "") ||
	    !page_attr(n, "q", q ? q : ""))
		return 500;
	if ((n = page_add(ctx->page->root, "customers", NULL)) == NULL ||
	    db_partner_customers(ctx->db, p.id, q ? q : "", PANEL_CUSTOMERS,
	    (customer_cb)add_customer, n) != DB_OK)
		return 500;
	if ((n = page_add(ctx->page->root, "orders", NULL)) == NULL)
		return 500;
	rc = q != NULL && *q != '\0' ?
	    db_orders_search(ctx->db, &ctx->acct, q, PANEL_ORDERS,
	    view_order_cb, n) :
	    db_orders_visible(ctx->db, &ctx->acct, status, PANEL_ORDERS,
	    view_order_cb, n);
	return rc == DB_OK ? 200 : 500;
}

/* The new order form, with what was entered when it comes back. */
static int
order_form(struct ctx *ctx, struct req *r, int code)
{
	struct partner	 p;
	xmlNodePtr	 n;
	size_t		 i;

	page_rename(ctx->page, "partner-order-new");
	if (!view_partner(ctx, &p))
		return 403;
	if ((n = page_add(ctx->page->root, "products", NULL)) == NULL ||
	    db_products(ctx->db, (product_cb)add_product, n) != DB_OK ||
	    (n = page_add(ctx->page->root, "customers", NULL)) == NULL ||
	    db_partner_customers(ctx->db, p.id, "", PANEL_CUSTOMERS,
	    (customer_cb)add_customer, n) != DB_OK ||
	    (n = page_add(ctx->page->root, "form", NULL)) == NULL)
		return 500;
	for (i = FIELD_PRODUCT; i < FIELD__MAX; i++) {
		const struct kv	*kv = r->fieldmap[i] ? r->fieldmap[i] :
		    r->fielderr[i];

		if (kv != NULL && !page_attr(page_add(n, "value", kv->val),
		    "name", fields[i].name))
			return 500;
	}
	return code;
}

/*
 * The invitation of new customer `c` to order `order`: a one-time link
 * (128 bits, stored hashed, 7 days, single use) mailed through the
 * outbox in the caller's transaction. Returns 0 on failure.
 */
static int
invite(struct ctx *ctx, const struct partner *p, const struct customer *c,
    long long order, const struct order *o)
{
	struct page	*m;
	unsigned char	 hash[TOKEN_HASH];
	char		 tok[TOKEN_LEN + 1], link[600];
	xmlNodePtr	 n;
	int		 ok;

	if (!token_new(tok, sizeof(tok), hash) ||
	    db_invitation_add(ctx->db, c->id, p->id, order, hash,
	    sizeof(hash)) != DB_OK)
		return 0;
	snprintf(link, sizeof(link), "%s/partner/invitations/%s",
	    ctx->set.base_url, tok);
	if ((m = page_new("mail-partner-invitation")) == NULL)
		return 0;
	ok = page_attr(page_add(m->root, "brand", NULL), "name",
	    ctx->set.brand) &&
	    page_attr(page_add(m->root, "partner", NULL), "name", p->name) &&
	    (n = page_add(m->root, "customer", NULL)) != NULL &&
	    page_attr(n, "login", c->login) && page_attr(n, "name", c->name) &&
	    (n = page_add(m->root, "order", NULL)) != NULL &&
	    page_attr(n, "number", o->number) &&
	    page_attr(n, "product", o->product) &&
	    page_attr(n, "product-code", o->product_code) &&
	    page_add(m->root, "link", link) != NULL &&
	    mail_queue(ctx, "partner-invitation", c->id, order, m, c->email,
	    0);
	page_free(m);
	explicit_bzero(tok, sizeof(tok));
	explicit_bzero(link, sizeof(link));
	return ok;
}

/*
 * Checks the new order form: the product, and either an existing
 * customer of the partner or a new customer's address and name. Every
 * problem is named at once. Returns the number of errors.
 */
static int
check_order(struct ctx *ctx, struct req *r, const struct partner *p,
    struct customer *c)
{
	const char	*login = req_field(r, FIELD_CUSTOMER);
	const char	*email = req_field(r, FIELD_CUSTOMER_EMAIL);
	const char	*name = req_field(r, FIELD_CUSTOMER_NAME);
	const char	*why;
	char		 display[512];
	size_t		 i;
	int		 errs = 0;
	enum dbrc	 rc;

	for (i = FIELD_PRODUCT; i < FIELD__MAX; i++)
		if (r->fielderr[i] != NULL) {
			page_error(ctx->page, ctx->cat, fields[i].name,
			    r->fielderr[i]->err == KVERR_TOOLONG ?
			    "field.too-long" : i == FIELD_CUSTOMER_EMAIL ?
			    "email.invalid" : "field.invalid");
			errs++;
		}
	if (req_field(r, FIELD_PRODUCT) == NULL &&
	    r->fielderr[FIELD_PRODUCT] == NULL) {
		page_error(ctx->page, ctx->cat, "product", "field.required");
		errs++;
	}
	memset(c, 0, sizeof(*c));
	if (login != NULL && *login != '\0') {
		if ((rc = db_partner_customer(ctx->db, p->id, login, c)) ==
		    DB_ERR)
			return -1;
		if (rc == DB_NOTFOUND) {
			page_error(ctx->page, ctx->cat, "customer",
			    "partner.no-customer");
			errs++;
		}
	} else if (email == NULL && r->fielderr[FIELD_CUSTOMER_EMAIL] == NULL) {
		page_error(ctx->page, ctx->cat, "customer",
		    "partner.customer-required");
		errs++;
	} else {
		if (name == NULL || !text_meaningful(name)) {
			page_error(ctx->page, ctx->cat, "customer_name",
			    "field.required");
			errs++;
		}
		/* Normalised as step 2 does (IDN domains as A-labels). */
		if (email != NULL && !mailbox_normalize(email, c->email,
		    sizeof(c->email), display, sizeof(display), &why)) {
			page_error(ctx->page, ctx->cat, "customer_email", why);
			errs++;
		}
		/* The address is the new account's login, as nginx knows it. */
		if (strlen(c->email) >= sizeof(c->login)) {
			page_error(ctx->page, ctx->cat, "customer_email",
			    "partner.login-long");
			errs++;
		} else
			memcpy(c->login, c->email, strlen(c->email) + 1);
		snprintf(c->name, sizeof(c->name), "%s", name ? name : "");
	}
	return errs;
}

/*
 * POST /partner/orders: a new order for a customer of the partner, a new
 * customer invited by mail when need be, in one transaction with its
 * event and audit rows. Answers 303 to step 1 of the new order (the
 * manual's flow), or for a script (Accept: application/xml) 201 with
 * the order's document.
 */
static int
new_order(struct ctx *ctx, struct req *r)
{
	struct partner	 p;
	struct customer	 c;
	struct order	 o;
	char		 loc[64], obj[32];
	long long	 id;
	enum dbrc	 rc;
	int		 errs, fresh;

	if (!view_partner(ctx, &p))
		return 403;
	if ((errs = check_order(ctx, r, &p, &c)) < 0)
		return 500;
	if (errs > 0)
		return order_form(ctx, r, 422);
	if (!db_begin(ctx->db))
		return 500;
	fresh = c.id == 0;
	if (fresh && (rc = db_partner_customer_add(ctx->db, p.id, c.login,
	    c.name, c.email, &c.id)) != DB_OK) {
		db_rollback(ctx->db);
		if (rc != DB_DUP)
			return 500;
		page_error(ctx->page, ctx->cat, "customer_email",
		    "partner.login-taken");
		return order_form(ctx, r, 409);
	}
	rc = db_order_add(ctx->db, c.login, req_field(r, FIELD_PRODUCT), &id);
	if (rc == DB_NOTFOUND) {
		db_rollback(ctx->db);
		page_error(ctx->page, ctx->cat, "product", "partner.no-product");
		return order_form(ctx, r, 422);
	}
	snprintf(obj, sizeof(obj), "account:%lld", c.id);
	if (rc != DB_OK || db_order_any(ctx->db, id, &o) != DB_OK ||
	    (fresh && (!audit_add(ctx->db, ctx->acct.login, ctx->acct.role,
	    r->remote_addr, "customer-created", id, obj, c.login) ||
	    !invite(ctx, &p, &c, id, &o))) ||
	    !audit_add(ctx->db, ctx->acct.login, ctx->acct.role,
	    r->remote_addr, "order-created", id, obj, o.product_code) ||
	    !db_commit(ctx->db))
		return 500;
	log_info("partner %s: order %lld for %s", p.code, id, c.login);
	page_rename(ctx->page, "partner-order-new");
	if (view_order(ctx->page->root, &o) == NULL)
		return 500;
	snprintf(loc, sizeof(loc), "/data/%lld", id);
	if (!req_header(r, "Location", loc))
		return 500;
	return strstr(r->accept, "application/xml") != NULL ? 201 : 303;
}

/*
 * The invitation of a token path: 200 with *v filled, or 404 (unknown),
 * 410 (accepted or expired), each with its page.
 */
static int
invitation(struct ctx *ctx, const char *tok, int lock, struct invitation *v)
{
	unsigned char	 hash[TOKEN_HASH];
	xmlNodePtr	 n;
	enum dbrc	 rc;

	page_rename(ctx->page, "partner-invitation");
	if (!token_wellformed(tok) || !token_hash(tok, hash) ||
	    (rc = db_invitation_get(ctx->db, hash, sizeof(hash), lock, v)) ==
	    DB_NOTFOUND) {
		page_attr(ctx->page->root, "state", "invalid");
		return 404;
	}
	if (rc != DB_OK)
		return 500;
	if ((n = page_add(ctx->page->root, "invitation", NULL)) == NULL ||
	    !page_attr(n, "login", v->login) || !page_attr(n, "name", v->name) ||
	    !page_attr(n, "partner", v->partner) ||
	    !page_attr(n, "order", v->number) ||
	    !page_attr(n, "expires", v->expires))
		return 500;
	if (v->accepted || v->expired) {
		page_attr(ctx->page->root, "state", v->accepted ? "used" :
		    "expired");
		return 410;
	}
	page_attr(ctx->page->root, "state", "open");
	return 200;
}

/*
 * POST /partner/invitations/{token}: the customer accepts; the page then
 * says how to log in (the installation's nginx authentication decides).
 */
static int
accept_invitation(struct ctx *ctx, struct req *r, const char *tok)
{
	struct invitation v;
	char		 obj[32], actor[160];
	int		 code;

	if (!db_begin(ctx->db))
		return 500;
	if ((code = invitation(ctx, tok, 1, &v)) != 200) {
		db_rollback(ctx->db);
		return code;
	}
	snprintf(obj, sizeof(obj), "invitation:%lld", v.id);
	snprintf(actor, sizeof(actor), "invitation:%s", v.login);
	if (db_invitation_accept(ctx->db, v.id, r->remote_addr) != DB_OK ||
	    db_event_add(ctx->db, v.account_id, v.order_id,
	    "invitation-accepted") != DB_OK ||
	    !audit_add(ctx->db, actor, "customer", r->remote_addr,
	    "invitation-accepted", v.order_id, obj, v.login) ||
	    !db_commit(ctx->db))
		return 500;
	page_attr(ctx->page->root, "state", "accepted");
	return 200;
}

static int
handle(struct ctx *ctx, struct req *r)
{
	struct invitation v;

	if (anonymous(r->path)) {
		if (r->method == METHOD_POST)
			return accept_invitation(ctx, r, r->path + 21);
		return invitation(ctx, r->path + 21, 0, &v);
	}
	if (strcmp(ctx->acct.role, "partner") != 0)
		return 403;
	if (r->method == METHOD_POST)
		return strcmp(r->path, "/partner/orders") == 0 ?
		    new_order(ctx, r) : 404;
	if (strcmp(r->path, "/partner/") == 0 ||
	    strcmp(r->path, "/partner") == 0)
		return panel(ctx, r);
	if (strcmp(r->path, "/partner/orders/new") == 0)
		return order_form(ctx, r, 200);
	return 404;
}

static const struct handler partner_handler = {
	"partner", fields, FIELD__MAX, pages, "partner", anonymous, 0,
	handle, NULL
};

int
main(void)
{
	return server_run(&partner_handler);
}
