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

#include <stdio.h>
#include <string.h>

#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include "buf.h"
#include "log.h"
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
	struct cert	 c;
	struct buf	 der;
	xmlNodePtr	 events;
	enum dbrc	 rc;

	if ((rc = db_order_visible(ctx->db, &ctx->acct, id, &o)) != DB_OK)
		return rc == DB_NOTFOUND ? 404 : 500;
	page_rename(ctx->page, "certificate");
	if (view_order(ctx->page->root, &o) == NULL ||
	    (events = page_add(ctx->page->root, "events", NULL)) == NULL)
		return 500;
	buf_init(&der);
	rc = db_cert_of_order(ctx->db, id, &c, &der);
	buf_free(&der);
	if (rc == DB_ERR || (rc == DB_OK && !view_cert(ctx->page->root, &c)))
		return 500;
	if (db_events_of_order(ctx->db, id, LIST_ORDERS, view_event_cb,
	    events) != DB_OK)
		return 500;
	return 200;
}

/*
 * The PEM (or, read from `path`, PEM certificates) into `out`; a chain
 * file is read once per process.
 */
static int
read_chain(const char *path, STACK_OF(X509) **chain)
{
	static char		 loaded[1024];
	static STACK_OF(X509)	*cached;
	STACK_OF(X509_INFO)	*infos = NULL;
	X509_INFO		*xi;
	BIO			*bio;
	int			 i;

	if (cached != NULL && strcmp(loaded, path) == 0) {
		*chain = cached;
		return 1;
	}
	if ((bio = BIO_new_file(path, "r")) == NULL ||
	    (infos = PEM_X509_INFO_read_bio(bio, NULL, NULL, NULL)) == NULL) {
		log_ssl("SMIME_CA_CHAIN %s", path);
		BIO_free(bio);
		return 0;
	}
	BIO_free(bio);
	sk_X509_pop_free(cached, X509_free);
	cached = sk_X509_new_null();
	for (i = 0; i < sk_X509_INFO_num(infos); i++) {
		xi = sk_X509_INFO_value(infos, i);
		if (xi->x509 != NULL && sk_X509_push(cached, xi->x509))
			xi->x509 = NULL;
	}
	sk_X509_INFO_pop_free(infos, X509_INFO_free);
	snprintf(loaded, sizeof(loaded), "%s", path);
	*chain = cached;
	return 1;
}

/*
 * GET /certificates/{order}/cert.pem, cert.der, chain.pem, chain.p7b:
 * the issued certificate as a file of the right type and name.
 */
static int
download(struct ctx *ctx, struct req *r, long long id, const char *what)
{
	static struct buf	 body;
	struct order		 o;
	struct cert		 c;
	struct buf		 der;
	STACK_OF(X509)		*chain = NULL, *all = NULL;
	PKCS7			*p7 = NULL;
	X509			*x = NULL;
	BIO			*mem = NULL;
	BUF_MEM			*bm;
	const unsigned char	*p;
	unsigned char		*p7der = NULL;
	char			 disp[200];
	enum dbrc		 rc;
	int			 code = 500, i, n;

	buf_free(&body);
	buf_init(&der);
	if ((rc = db_order_visible(ctx->db, &ctx->acct, id, &o)) != DB_OK ||
	    (rc = db_cert_of_order(ctx->db, id, &c, &der)) != DB_OK) {
		code = rc == DB_NOTFOUND ? 404 : 500;
		goto out;
	}
	p = (const unsigned char *)der.s;
	if ((x = d2i_X509(NULL, &p, (long)der.len)) == NULL ||
	    (mem = BIO_new(BIO_s_mem())) == NULL)
		goto out;
	if (strcmp(what, "cert.der") == 0) {
		ctx->raw_type = "application/pkix-cert";
		if (!buf_add(&body, der.s, der.len))
			goto out;
	} else if (strcmp(what, "cert.pem") == 0 ||
	    strcmp(what, "chain.pem") == 0) {
		ctx->raw_type = "application/x-pem-file";
		if (!PEM_write_bio_X509(mem, x))
			goto out;
		if (what[1] == 'h') {
			if (!read_chain(ctx->set.ca_chain, &chain))
				goto out;
			for (i = 0; i < sk_X509_num(chain); i++)
				if (!PEM_write_bio_X509(mem,
				    sk_X509_value(chain, i)))
					goto out;
		}
		BIO_get_mem_ptr(mem, &bm);
		if (!buf_add(&body, bm->data, bm->length))
			goto out;
	} else if (strcmp(what, "chain.p7b") == 0) {
		/* PKCS #7 certs-only (RFC 2315 degenerate SignedData). */
		ctx->raw_type = "application/pkcs7-mime; smime-type=certs-only";
		if (!read_chain(ctx->set.ca_chain, &chain) ||
		    (all = sk_X509_new_null()) == NULL || !sk_X509_push(all, x))
			goto out;
		for (i = 0; i < sk_X509_num(chain); i++)
			if (!sk_X509_push(all, sk_X509_value(chain, i)))
				goto out;
		if ((p7 = PKCS7_sign(NULL, NULL, all, NULL, PKCS7_PARTIAL)) ==
		    NULL || (n = i2d_PKCS7(p7, &p7der)) <= 0 ||
		    !buf_add(&body, p7der, (size_t)n))
			goto out;
	} else {
		code = 404;
		goto out;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"smime-%s-%s\"",
	    c.serial, what);
	if (!req_header(r, "Content-Disposition", disp))
		goto out;
	ctx->raw = &body;
	code = 200;
out:
	if (code != 200)
		ctx->raw_type = NULL;
	BIO_free(mem);
	X509_free(x);
	sk_X509_free(all);
	PKCS7_free(p7);
	OPENSSL_free(p7der);
	buf_free(&der);
	return code;
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
	if (path_id(r->path, "/certificates/", &id, &rest) && *rest == '/' &&
	    strchr(rest + 1, '/') == NULL)
		return download(ctx, r, id, rest + 1);
	return 404;
}

static const struct handler dashboard_handler = {
	"dashboard", fields, FIELD__MAX, pages,
	"customer partner operator", NULL, 1, handle, NULL
};

int
main(void)
{
	return server_run(&dashboard_handler);
}
