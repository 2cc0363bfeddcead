/*
 * The operator handler: the verification queue of step 1.
 *
 *   GET  /operator/                                queue, oldest first
 *   GET  /operator/organizations/{id}              data, documents, orders
 *   GET  /operator/documents/{id}                  a document, as attachment
 *   POST /operator/organizations/{id}/approve
 *   POST /operator/organizations/{id}/reject       `reason`
 *   GET  /operator/orders/{id}/audit               the order's audit trail
 *
 * Operators only. A decision is taken once (S/MIME BR 3.2.3), recorded
 * in the audit trail with the operator and address (5.4.1), shown to the
 * customer as an event and sent as a mail through the outbox.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "buf.h"
#include "db.h"
#include "mail.h"
#include "multipart.h"
#include "page.h"
#include "registry.h"
#include "request.h"
#include "server.h"
#include "valid.h"
#include "view.h"

#define QUEUE_MAX	200
#define ORDERS_MAX	64

enum field {
	FIELD_REASON,	/* why the data is rejected, shown to the customer */
	FIELD_REGISTRY_TYPE,	/* approve, document data: the registry */
	FIELD_REGISTRY_NUMBER,	/* and the number, from the document */
	FIELD__MAX
};

static const struct fieldspec fields[FIELD__MAX] = {
	{ valid_multiline, "reason", 1000 },	/* FIELD_REASON */
	{ valid_line, "registry_type", 8 },	/* FIELD_REGISTRY_TYPE */
	{ valid_line, "registry_number", 64 },	/* FIELD_REGISTRY_NUMBER */
};

static const char *const pages[] = {
	"operator-queue", "operator-organization", "operator-audit", "error",
	"mail-data-verified", "mail-data-rejected", NULL
};

struct view {
	struct ctx	*ctx;
	xmlNodePtr	 parent;
	int		 docs;
};

/* Each <organization> with its orders (//organization[@id] of DESIGN.md). */
static int
add_org(void *arg, const struct org *g)
{
	struct view	*v = arg;

	return view_org(v->ctx->db, v->ctx->cat, v->parent, g,
	    VIEW_ORDERS | (v->docs ? VIEW_DOCS : 0)) != NULL;
}

static int
queue(struct ctx *ctx)
{
	struct view	 v = { ctx, NULL, 0 };

	page_rename(ctx->page, "operator-queue");
	if ((v.parent = page_add(ctx->page->root, "organizations", NULL)) == NULL)
		return 500;
	return db_org_queue(ctx->db, QUEUE_MAX, add_org, &v) == DB_OK ?
	    200 : 500;
}

static int	add_audit(void *, const char *const *);

/*
 * <history> of organization `id`: every audit row about it, oldest
 * first: submissions, decisions with their operator and reason, the
 * orders they moved. Returns 200 or 500.
 */
static int
history(struct ctx *ctx, long long id)
{
	xmlNodePtr	 h;
	char		 obj[40];

	snprintf(obj, sizeof(obj), "organization:%lld", id);
	if ((h = page_add(ctx->page->root, "history", NULL)) == NULL)
		return 500;
	return db_audit_of_object(ctx->db, obj, add_audit, h) == DB_OK ?
	    200 : 500;
}

static int
organization(struct ctx *ctx, long long id)
{
	struct view	 v = { ctx, NULL, 1 };
	struct org	 g;
	enum dbrc	 rc;

	if ((rc = db_org_get(ctx->db, id, &g)) != DB_OK)
		return rc == DB_NOTFOUND ? 404 : 500;
	/* A draft is the customer's own until submitted. */
	if (g.status == ORG_DRAFT)
		return 404;
	page_rename(ctx->page, "operator-organization");
	v.parent = ctx->page->root;
	if (!add_org(&v, &g))
		return 500;
	return history(ctx, id);
}

/*
 * The document's bytes as an attachment of its checked type; nosniff
 * (sent with every response) keeps browsers from guessing otherwise.
 */
static int
document(struct ctx *ctx, struct req *r, long long id, struct buf *data)
{
	char		 name[256], type[8], disp[400];
	long long	 org;
	enum dbrc	 rc;
	size_t		 i, t;

	if ((rc = db_doc_get(ctx->db, id, &org, name, sizeof(name), type,
	    sizeof(type), data)) != DB_OK)
		return rc == DB_NOTFOUND ? 404 : 500;
	for (t = 0; t < FILETYPE__MAX; t++)
		if (strcmp(filetype_names[t], type) == 0)
			break;
	if (t == FILETYPE__MAX || t == FILETYPE_UNKNOWN)
		return 500;
	/* The stored name, reduced to safe ASCII for the header. */
	for (i = 0; name[i] != '\0'; i++)
		if ((unsigned char)name[i] < 0x20 || (unsigned char)name[i] > 0x7e ||
		    name[i] == '"' || name[i] == '\\' || name[i] == ';')
			name[i] = '_';
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", name);
	if (!req_header(r, "Content-Disposition", disp))
		return 500;
	ctx->raw = data;
	ctx->raw_type = filetype_mimes[t];
	return 200;
}

struct decided {
	long long	 ids[ORDERS_MAX];
	char		 numbers[ORDERS_MAX][33];
	char		 products[ORDERS_MAX][129];
	char		 codes[ORDERS_MAX][33];	/* the products' */
	int		 n;
};

static int
collect(void *arg, const struct order *o)
{
	struct decided	*d = arg;

	if (d->n == ORDERS_MAX || o->st.data != STEP_SUBMITTED)
		return d->n < ORDERS_MAX;
	d->ids[d->n] = o->id;
	snprintf(d->numbers[d->n], sizeof(d->numbers[0]), "%s", o->number);
	snprintf(d->products[d->n], sizeof(d->products[0]), "%s", o->product);
	snprintf(d->codes[d->n], sizeof(d->codes[0]), "%s", o->product_code);
	d->n++;
	return 1;
}

/*
 * The mail that tells the customer of a decision about order `i` of `d`.
 */
static int
notify(struct ctx *ctx, const char *kind, long long account,
    const struct decided *d, int i, const struct org *g, const char *reason)
{
	long long	 order = d->ids[i];
	struct page	*p;
	xmlNodePtr	 n;
	char		 link[512];
	int		 rc;

	if ((p = page_new(kind)) == NULL)
		return 0;
	snprintf(link, sizeof(link), "%s/data/%lld", ctx->set.base_url, order);
	rc = page_attr(page_add(p->root, "brand", NULL), "name",
	    ctx->set.brand) &&
	    (n = page_add(p->root, "order", NULL)) != NULL &&
	    page_attrf(n, "id", "%lld", order) &&
	    page_attr(n, "number", d->numbers[i]) &&
	    page_attr(n, "product", d->products[i]) &&
	    page_attr(n, "product-code", d->codes[i]) &&
	    page_add(p->root, "organization", g->name) != NULL &&
	    (reason == NULL || page_add(p->root, "reason", reason) != NULL) &&
	    page_add(p->root, "link", link) != NULL &&
	    mail_queue(ctx, kind, account, order, p, NULL, 0);
	page_free(p);
	return rc;
}

/*
 * The registration number of data verified by document, as the operator
 * confirms or enters it on approval: checked like the customer's against
 * its registry and the organization's country, it becomes the
 * organizationIdentifier the certificate carries (S/MIME BR 7.1.4.2.2),
 * so it is required when the customer gave none. Updates *g. Returns
 * 200, or 422 with the field's error on the page (what was typed kept).
 */
static int
document_registry(struct ctx *ctx, struct req *r, struct org *g)
{
	const char	*type = req_field(r, FIELD_REGISTRY_TYPE);
	const char	*number = req_field(r, FIELD_REGISTRY_NUMBER);
	const char	*field;
	char		 num[sizeof(g->registry_number)];
	char		 orgid[sizeof(g->org_identifier)], key[64];
	xmlNodePtr	 form;
	size_t		 i;

	if (strcmp(g->method, "document") != 0)
		return 200;
	if (r->fielderr[FIELD_REGISTRY_TYPE] == NULL &&
	    r->fielderr[FIELD_REGISTRY_NUMBER] == NULL &&
	    (number == NULL || *number == '\0') && g->org_identifier[0] != '\0')
		return 200;	/* the customer's number, confirmed */
	if (r->fielderr[FIELD_REGISTRY_TYPE] != NULL ||
	    r->fielderr[FIELD_REGISTRY_NUMBER] != NULL) {
		field = r->fielderr[FIELD_REGISTRY_TYPE] != NULL ?
		    "registry_type" : "registry_number";
		snprintf(key, sizeof(key), "field.invalid");
	} else if (number == NULL || *number == '\0') {
		field = "registry_number";
		snprintf(key, sizeof(key), "operator.registry.required");
	} else if (registry_field_check(type, g->country, number, num,
	    sizeof(num), orgid, sizeof(orgid), &field, key, sizeof(key))) {
		snprintf(g->registry_type, sizeof(g->registry_type), "%s",
		    type);
		for (i = 0; g->registry_type[i] != '\0'; i++)
			if (g->registry_type[i] >= 'a' &&
			    g->registry_type[i] <= 'z')
				g->registry_type[i] -= 'a' - 'A';
		snprintf(g->registry_number, sizeof(g->registry_number), "%s",
		    num);
		snprintf(g->org_identifier, sizeof(g->org_identifier), "%s",
		    orgid);
		return 200;
	}
	page_error(ctx->page, ctx->cat, field, key);
	/* What was typed comes back in the form. */
	if ((form = page_add(ctx->page->root, "form", NULL)) == NULL)
		return 500;
	for (i = FIELD_REGISTRY_TYPE; i <= FIELD_REGISTRY_NUMBER; i++) {
		const struct kv	*kv = r->fieldmap[i] ? r->fieldmap[i] :
		    r->fielderr[i];

		if (kv != NULL && !page_attr(page_add(form, "value", kv->val),
		    "name", fields[i].name))
			return 500;
	}
	return 422;
}

/*
 * Approves or rejects submitted data `id`, once: the data, every order it
 * was submitted for, their events, the audit trail and the mails, in one
 * transaction.
 */
static int
decide(struct ctx *ctx, struct req *r, long long id, int approve)
{
	struct decided	 d;
	struct org	 g;
	struct steps	 s;
	struct actor	 who;
	const char	*reason = req_field(r, FIELD_REASON);
	const char	*action;
	char		 obj[32];
	enum dbrc	 rc;
	int		 i, code;

	if (!approve && (reason == NULL || !text_meaningful(reason))) {
		page_error(ctx->page, ctx->cat, "reason",
		    r->fielderr[FIELD_REASON] ? "field.too-long" :
		    "field.required");
		/* What was typed comes back in the form. */
		if (r->fielderr[FIELD_REASON] != NULL &&
		    !page_attr(page_add(page_add(ctx->page->root, "form", NULL),
		    "value", r->fielderr[FIELD_REASON]->val), "name", "reason"))
			return 500;
		i = organization(ctx, id);
		return i == 200 ? 422 : i;
	}
	if ((rc = db_org_get(ctx->db, id, &g)) != DB_OK)
		return rc == DB_NOTFOUND ? 404 : 500;
	if (approve && (i = document_registry(ctx, r, &g)) != 200)
		return i == 422 && (i = organization(ctx, id)) == 200 ? 422 : i;
	memset(&d, 0, sizeof(d));
	if (!db_begin(ctx->db))
		return 500;
	if (approve && strcmp(g.method, "document") == 0 &&
	    db_org_set_registry(ctx->db, id, g.registry_type,
	    g.registry_number, g.org_identifier) == DB_ERR) {
		db_rollback(ctx->db);
		return 500;
	}
	rc = db_org_decide(ctx->db, id, approve ? ORG_VERIFIED : ORG_REJECTED,
	    approve ? NULL : reason, ctx->acct.login);
	if (rc == DB_NOTFOUND) {
		db_rollback(ctx->db);
		page_error(ctx->page, ctx->cat, NULL, "operator.decided");
		return (code = organization(ctx, id)) == 200 ? 409 : code;
	}
	if (rc != DB_OK || db_orders_of_org(ctx->db, id, collect, &d) != DB_OK)
		return 500;
	/* Every order the data was submitted for moves with it. */
	server_actor(ctx, r, &who);
	snprintf(obj, sizeof(obj), "organization:%lld", id);
	action = approve ? "organization-approve" : "organization-reject";
	for (i = 0; i < d.n; i++)
		if (steps_apply(ctx->db, &who, d.ids[i], approve ?
		    EV_DATA_VERIFIED : EV_DATA_REJECTED, action, obj, approve ?
		    g.org_identifier : reason, &s) != STEPS_OK ||
		    !notify(ctx, approve ? "data-verified" : "data-rejected",
		    s.account_id, &d, i, &g, reason))
			return 500;
	if ((d.n == 0 && !audit_add(ctx->db, who.login, who.role, who.addr,
	    action, 0, obj, approve ? g.org_identifier : reason)) ||
	    !db_commit(ctx->db))
		return 500;
	/* After a POST, the page to land on: see other (PRG). */
	if (!req_header(r, "Location", "/operator/"))
		return 500;
	return 303;
}

static int
add_audit(void *parent, const char *const *f)
{
	xmlNodePtr	 n;

	return (n = page_add(parent, "entry", f[7])) != NULL &&
	    page_attr(n, "id", f[0]) && page_attr(n, "at", f[1]) &&
	    page_attr(n, "actor", f[2]) && page_attr(n, "role", f[3]) &&
	    page_attr(n, "addr", f[4]) && page_attr(n, "action", f[5]) &&
	    page_attr(n, "object", f[6]);
}

/*
 * GET /operator/orders/{id}/audit: the order's audit trail in order,
 * with actor, time, address and details (S/MIME BR 5.4.1).
 */
static int
audit_trail(struct ctx *ctx, long long id)
{
	struct order	 o;
	xmlNodePtr	 a;
	enum dbrc	 rc;

	if ((rc = db_order_any(ctx->db, id, &o)) != DB_OK)
		return rc == DB_NOTFOUND ? 404 : 500;
	page_rename(ctx->page, "operator-audit");
	if (view_order(ctx->page->root, &o) == NULL ||
	    (a = page_add(ctx->page->root, "audit", NULL)) == NULL)
		return 500;
	return db_audit_of_order(ctx->db, id, add_audit, a) == DB_OK ?
	    200 : 500;
}

static int
handle(struct ctx *ctx, struct req *r)
{
	static struct buf	 data;	/* a document's bytes */
	long long		 id;
	const char		*rest;

	/* The last request's document is not kept in memory. */
	buf_free(&data);
	if (r->method == METHOD_POST) {
		if (!path_id(r->path, "/operator/organizations/", &id, &rest))
			return 404;
		if (strcmp(rest, "/approve") == 0)
			return decide(ctx, r, id, 1);
		if (strcmp(rest, "/reject") == 0)
			return decide(ctx, r, id, 0);
		return 404;
	}
	if (strcmp(r->path, "/operator/") == 0 ||
	    strcmp(r->path, "/operator") == 0)
		return queue(ctx);
	if (path_id(r->path, "/operator/organizations/", &id, &rest) &&
	    *rest == '\0')
		return organization(ctx, id);
	if (path_id(r->path, "/operator/documents/", &id, &rest) && *rest == '\0')
		return document(ctx, r, id, &data);
	if (path_id(r->path, "/operator/orders/", &id, &rest) &&
	    strcmp(rest, "/audit") == 0)
		return audit_trail(ctx, id);
	return 404;
}

static const struct handler operator_handler = {
	"operator", fields, FIELD__MAX, pages, "operator", NULL, 0, handle,
	NULL
};

int
main(void)
{
	return server_run(&operator_handler);
}
