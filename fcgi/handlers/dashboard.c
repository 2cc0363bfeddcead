/*
 * The dashboard handler: the customer's home page, the certificates
 * list, search, and the details of one order.
 *
 *   GET /                         dashboard
 *   GET /certificates[?status=]   list
 *   GET /search[?q=]              search
 *   GET /certificates/{order}     details
 */
#include "config.h"

#include <string.h>

#include "db.h"
#include "page.h"
#include "request.h"
#include "server.h"
#include "valid.h"
#include "view.h"

#define DASHBOARD_ORDERS	20
#define LIST_ORDERS		200
#define EVENTS			10

enum field {
	FIELD_STATUS,	/* certificates list filter */
	FIELD_Q,	/* search query */
	FIELD__MAX
};

static const struct fieldspec fields[FIELD__MAX] = {
	{ valid_word, "status", 16 },	/* FIELD_STATUS */
	{ valid_search, "q", 256 },	/* FIELD_Q */
};

static const char *const order_statuses[] = {
	"waiting", "verification", "issued", "revoked", "expired",
	"rejected", NULL
};

static const char *const pages[] = {
	"dashboard", "certificates", "search", "certificate", "error", NULL
};

static int
dashboard(struct ctx *ctx)
{
	xmlNodePtr	 events, orders;

	page_rename(ctx->page, "dashboard");
	events = page_add(ctx->page->root, "events", NULL);
	orders = page_add(ctx->page->root, "orders", NULL);
	if (events == NULL || orders == NULL)
		return 500;
	if (db_events_visible(ctx->db, &ctx->acct, EVENTS, view_event_cb,
	    events) != DB_OK ||
	    db_orders_visible(ctx->db, &ctx->acct, NULL, DASHBOARD_ORDERS,
	    view_order_cb, orders) != DB_OK)
		return 500;
	return 200;
}

static int
certificates(struct ctx *ctx, struct req *r)
{
	const char	*status = req_field(r, FIELD_STATUS);
	xmlNodePtr	 filter, orders;
	size_t		 i;

	page_rename(ctx->page, "certificates");
	if (status != NULL && *status != '\0') {
		for (i = 0; order_statuses[i] != NULL; i++)
			if (strcmp(status, order_statuses[i]) == 0)
				break;
		if (order_statuses[i] == NULL) {
			page_error(ctx->page, ctx->cat, "status",
			    "field.invalid");
			status = NULL;
		}
	} else if (r->fielderr[FIELD_STATUS] != NULL)
		page_error(ctx->page, ctx->cat, "status", "field.invalid");
	filter = page_add(ctx->page->root, "filter", NULL);
	page_attr(filter, "status", status ? status : "");
	if ((orders = page_add(ctx->page->root, "orders", NULL)) == NULL)
		return 500;
	if (db_orders_visible(ctx->db, &ctx->acct, status, LIST_ORDERS,
	    view_order_cb, orders) != DB_OK)
		return 500;
	return 200;
}

static int
search(struct ctx *ctx, struct req *r)
{
	const char	*q = req_field(r, FIELD_Q);
	xmlNodePtr	 orders;

	page_rename(ctx->page, "search");
	if (r->fielderr[FIELD_Q] != NULL) {
		page_error(ctx->page, ctx->cat, "q",
		    r->fielderr[FIELD_Q]->err == KVERR_TOOLONG ?
		    "field.too-long" : "field.invalid");
		return 200;
	}
	if (q == NULL || *q == '\0')
		return 200;
	if (page_add(ctx->page->root, "query", q) == NULL ||
	    (orders = page_add(ctx->page->root, "orders", NULL)) == NULL)
		return 500;
	if (db_orders_search(ctx->db, &ctx->acct, q, LIST_ORDERS, view_order_cb,
	    orders) != DB_OK)
		return 500;
	return 200;
}

static int
details(struct ctx *ctx, long long id)
{
	struct order	 o;
	xmlNodePtr	 events;
	enum dbrc	 rc;

	if ((rc = db_order_visible(ctx->db, &ctx->acct, id, &o)) != DB_OK)
		return rc == DB_NOTFOUND ? 404 : 500;
	page_rename(ctx->page, "certificate");
	if (view_order(ctx->page->root, &o) == NULL ||
	    (events = page_add(ctx->page->root, "events", NULL)) == NULL)
		return 500;
	if (db_events_of_order(ctx->db, id, LIST_ORDERS, view_event_cb,
	    events) != DB_OK)
		return 500;
	return 200;
}

static int
handle(struct ctx *ctx, struct req *r)
{
	long long	 id;
	const char	*rest;

	if (r->method == METHOD_POST)
		return 405;
	if (strcmp(r->path, "/") == 0)
		return dashboard(ctx);
	if (strcmp(r->path, "/certificates") == 0)
		return certificates(ctx, r);
	if (strcmp(r->path, "/search") == 0)
		return search(ctx, r);
	if (path_id(r->path, "/certificates/", &id, &rest) &&
	    (*rest == '\0' || strcmp(rest, "/") == 0))
		return details(ctx, id);
	return 404;
}

static const struct handler dashboard_handler = {
	"dashboard", fields, FIELD__MAX, pages,
	"customer partner operator", NULL, 1, handle
};

int
main(void)
{
	return server_run(&dashboard_handler);
}
