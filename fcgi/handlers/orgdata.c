/*
 * The orgdata handler: step 1 of the wizard, data verification.
 *
 *   GET  /data/{order}            start: saved data to reuse, or the form
 *                                 (?new=1 the form at once); the status
 *                                 once submitted
 *   POST /data/{order}            the form, or `profile`: the summary
 *   POST /data/{order}/submit     `statements`: submitted (or verified at
 *                                 once when verified data is reused)
 *   POST /data/{order}/documents  `document`: added while under verification
 *
 * Identity rules: S/MIME BR 3.2.3 (organization identity), 7.1.4.2.2
 * (organizationIdentifier), 3.2.3 / 4.2.1 (reuse for 825 days).
 */
#include "config.h"

#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "i18n.h"
#include "multipart.h"
#include "page.h"
#include "registry.h"
#include "request.h"
#include "server.h"
#include "valid.h"
#include "view.h"

enum field {
	FIELD_PROFILE,		/* id of saved, verified data to reuse */
	FIELD_ORGANIZATION,	/* legal name */
	FIELD_COUNTRY,		/* ISO 3166-1 alpha-2 */
	FIELD_STATE,		/* state or province */
	FIELD_LOCALITY,		/* locality */
	FIELD_METHOD,		/* registry or document */
	FIELD_REGISTRY_TYPE,	/* KRS REGON NIP VAT LEI OTHER */
	FIELD_REGISTRY_NUMBER,	/* the number in that registry */
	FIELD_DOCUMENT,		/* a PDF, JPEG or PNG file */
	FIELD_STATEMENTS,	/* the summary's statements, accepted */
	FIELD_NEW,		/* GET ?new=1: the form, not the start */
	FIELD__MAX
};

static int	 valid_country(struct kv *);
static int	 valid_regtype(struct kv *);
static int	 valid_document(struct kv *);

static const struct fieldspec fields[FIELD__MAX] = {
	{ valid_uint, "profile", 20 },			/* FIELD_PROFILE */
	{ valid_text, "organization", 256 },		/* FIELD_ORGANIZATION */
	{ valid_country, "country", 2 },		/* FIELD_COUNTRY */
	{ valid_text, "state", 128 },			/* FIELD_STATE */
	{ valid_text, "locality", 128 },		/* FIELD_LOCALITY */
	{ valid_word, "method", 16 },			/* FIELD_METHOD */
	{ valid_regtype, "registry_type", 8 },		/* FIELD_REGISTRY_TYPE */
	{ valid_registry_number, "registry_number", 64 }, /* FIELD_REGISTRY_NUMBER */
	{ valid_document, "document", 64 * 1024 * 1024 }, /* FIELD_DOCUMENT */
	{ valid_word, "statements", 8 },		/* FIELD_STATEMENTS */
	{ valid_word, "new", 1 },			/* FIELD_NEW */
};

static const char *const pages[] = {
	"orgdata-start", "orgdata-form", "orgdata-summary", "orgdata-success",
	"orgdata-status", "error", NULL
};

/* Two upper-case letters of an assigned ISO 3166-1 code. */
static int
valid_country(struct kv *kv)
{
	return valid_line(kv) && country_valid(kv->val);
}

static int
valid_regtype(struct kv *kv)
{
	enum regtype	 t;
	size_t		 i;

	if (!valid_line(kv) || !regtype_parse(kv->val, &t))
		return 0;
	for (i = 0; i < kv->valsz; i++)
		kv->val[i] = regtype_names[t][i];
	return 1;
}

/*
 * A file part: its type is judged by its bytes (PDF, JPEG or PNG), never
 * by its name. An empty part (no file chosen) is let through as absent.
 */
static int
valid_document(struct kv *kv)
{
	if (kv->filename == NULL)
		return 0;
	if (kv->valsz == 0)
		return 1;
	return filetype_sniff(kv->val, kv->valsz) != FILETYPE_UNKNOWN;
}

/* A document that was sent (an empty file part means none). */
static const struct kv *
document(const struct req *r)
{
	const struct kv	*kv = r->fieldmap[FIELD_DOCUMENT];

	return kv != NULL && kv->valsz > 0 ? kv : NULL;
}

struct profiles {
	struct ctx	*ctx;
	xmlNodePtr	 parent;
	int		 n;
};

static int
add_profile(void *arg, const struct org *g)
{
	struct profiles	*p = arg;

	p->n++;
	return view_org(p->ctx->db, p->ctx->cat, p->parent, g, 0) != NULL;
}

/*
 * The order `id` as its account (or the account's partner) sees it, into
 * the page. Returns 200, 404 or 500.
 */
static int
load_order(struct ctx *ctx, long long id, struct order *o)
{
	enum dbrc	 rc;

	if ((rc = db_order_visible(ctx->db, &ctx->acct, id, o)) != DB_OK)
		return rc == DB_NOTFOUND ? 404 : 500;
	return view_order(ctx->page->root, o) != NULL ? 200 : 500;
}

/*
 * The countries of one catalogue, in the order of their names: sorted
 * once per process and catalogue, where the stylesheet sorted them for
 * every form (a tenth of the form's rendering in a profile).
 */
struct countries {
	const struct catalog	*cat;
	const char		**code;
	const char		**name;
	size_t			 n;
	struct countries	*next;
};

static locale_t	 collation;	/* of the list being sorted, or 0 */

static int
country_cmp(const void *a, const void *b)
{
	const char *const	*x = a, *const *y = b;

	return collation != (locale_t)0 ? strcoll_l(*x, *y, collation) :
	    strcmp(*x, *y);
}

/*
 * The collation of language `lang` as xsl:sort lang="…" finds it in
 * libxslt: ll_RR.UTF-8, RR the language's usual region; (locale_t)0
 * where the system lacks it, for code point order, as libxslt falls back.
 */
static locale_t
collation_of(const char *lang)
{
	static const char *const regions[] = {
		"en", "US", "cs", "CZ", "da", "DK", "el", "GR", "et", "EE",
		"nb", "NO", "sl", "SI", "sv", "SE", "uk", "UA", NULL
	};
	char		 name[32], region[3];
	size_t		 i;

	if (strlen(lang) != 2)
		return (locale_t)0;
	region[0] = (char)toupper((unsigned char)lang[0]);
	region[1] = (char)toupper((unsigned char)lang[1]);
	region[2] = '\0';
	for (i = 0; regions[i] != NULL; i += 2)
		if (strcmp(regions[i], lang) == 0)
			memcpy(region, regions[i + 1], sizeof(region));
	snprintf(name, sizeof(name), "%s_%s.UTF-8", lang, region);
	return newlocale(LC_COLLATE_MASK, name, (locale_t)0);
}

/*
 * The countries of catalogue `cat` (language `lang`) by name. Names are
 * sorted with their codes beside them: pairs in one array, the name
 * first. NULL when memory runs out.
 */
static const struct countries *
countries_sorted(const struct catalog *cat, const char *lang)
{
	static struct countries	*all;
	struct countries	*c;
	const char *const	*cc;
	const char		**pairs;
	char			 key[16];
	size_t			 i, n;

	for (c = all; c != NULL; c = c->next)
		if (c->cat == cat)
			return c;
	for (n = 0, cc = country_codes(); *cc != NULL; cc++)
		n++;
	if ((c = calloc(1, sizeof(*c))) == NULL ||
	    (pairs = calloc(2 * n, sizeof(*pairs))) == NULL) {
		free(c);
		return NULL;
	}
	for (i = 0, cc = country_codes(); i < n; i++, cc++) {
		snprintf(key, sizeof(key), "country.%s", *cc);
		pairs[2 * i] = i18n_msg(cat, key);
		if (pairs[2 * i] == NULL)
			pairs[2 * i] = *cc;
		pairs[2 * i + 1] = *cc;
	}
	collation = collation_of(lang);
	qsort(pairs, n, 2 * sizeof(*pairs), country_cmp);
	if (collation != (locale_t)0)
		freelocale(collation);
	collation = (locale_t)0;
	c->cat = cat;
	c->name = pairs;
	c->code = pairs + 1;
	c->n = n;
	c->next = all;
	all = c;
	return c;
}

/*
 * The form's values as typed (valid or not), so a refused form comes
 * back as it was, and the list of countries, by name.
 */
static int
form_page(struct ctx *ctx, struct req *r, const struct org *prefill)
{
	static const size_t	 keep[] = { FIELD_ORGANIZATION, FIELD_COUNTRY,
	    FIELD_STATE, FIELD_LOCALITY, FIELD_METHOD, FIELD_REGISTRY_TYPE,
	    FIELD_REGISTRY_NUMBER };
	const struct countries	*c;
	const char		*v;
	const struct kv		*kv;
	xmlNodePtr		 form, countries, n;
	size_t			 i;

	page_rename(ctx->page, "orgdata-form");
	if ((form = page_add(ctx->page->root, "form", NULL)) == NULL)
		return 0;
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		kv = r->fieldmap[keep[i]] ? r->fieldmap[keep[i]] :
		    r->fielderr[keep[i]];
		v = kv ? kv->val : NULL;
		if (v == NULL && prefill != NULL)
			switch (keep[i]) {
			case FIELD_ORGANIZATION: v = prefill->name; break;
			case FIELD_COUNTRY: v = prefill->country; break;
			case FIELD_STATE: v = prefill->state; break;
			case FIELD_LOCALITY: v = prefill->locality; break;
			case FIELD_METHOD: v = prefill->method; break;
			case FIELD_REGISTRY_TYPE: v = prefill->registry_type; break;
			case FIELD_REGISTRY_NUMBER:
				v = prefill->registry_number;
				break;
			}
		if (v != NULL && !page_attr(page_add(form, "value", v), "name",
		    fields[keep[i]].name))
			return 0;
	}
	if ((c = countries_sorted(ctx->cat, ctx->set.lang)) == NULL ||
	    (countries = page_add(ctx->page->root, "countries", NULL)) == NULL)
		return 0;
	for (i = 0; i < c->n; i++)
		if ((n = page_add(countries, "country", c->name[2 * i])) ==
		    NULL || !page_attr(n, "code", c->code[2 * i]))
			return 0;
	return 1;
}

/*
 * The errors every form has alike: fields present but invalid, and the
 * required ones missing, each named on the page and marked in bad[].
 * Returns their number.
 */
static int
field_errors(struct ctx *ctx, struct req *r, int bad[FIELD__MAX])
{
	static const size_t	 required[] = { FIELD_ORGANIZATION,
	    FIELD_COUNTRY, FIELD_STATE, FIELD_LOCALITY, FIELD_METHOD };
	size_t			 i;
	int			 errs = 0;

	memset(bad, 0, FIELD__MAX * sizeof(bad[0]));
	for (i = 0; i < FIELD__MAX; i++)
		if (r->fielderr[i] != NULL) {
			page_error(ctx->page, ctx->cat, fields[i].name,
			    r->fielderr[i]->err == KVERR_TOOLONG ?
			    "field.too-long" : i == FIELD_DOCUMENT ?
			    "document.type" : "field.invalid");
			bad[i] = 1;
			errs++;
		}
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!bad[required[i]] && (r->fieldmap[required[i]] == NULL ||
		    r->fieldmap[required[i]]->valsz == 0)) {
			page_error(ctx->page, ctx->cat, fields[required[i]].name,
			    "field.required");
			bad[required[i]] = 1;
			errs++;
		}
	return errs;
}

/*
 * Names every field error at once: those the parser found, the missing
 * required fields, and the rules that tie fields together (a method's
 * own fields, a registration number checked against its registry and
 * the country), each field named once. With the document method the
 * registration number is optional; when given it is checked the same
 * way and becomes the organizationIdentifier. Returns the number of
 * errors; with none, *g holds the data.
 */
static int
check_form(struct ctx *ctx, struct req *r, struct org *g)
{
	const char		*method, *type, *number, *field;
	char			 key[64];
	int			 bad[FIELD__MAX];
	int			 errs, registry, doc;

	memset(g, 0, sizeof(*g));
	errs = field_errors(ctx, r, bad);
	method = bad[FIELD_METHOD] ? NULL : req_field(r, FIELD_METHOD);
	registry = method != NULL && strcmp(method, "registry") == 0;
	doc = method != NULL && strcmp(method, "document") == 0;
	if (method != NULL && !registry && !doc) {
		page_error(ctx->page, ctx->cat, "method", "field.invalid");
		bad[FIELD_METHOD] = 1;
		errs++;
	}
	if (doc && !bad[FIELD_DOCUMENT]) {
		if (document(r) == NULL) {
			page_error(ctx->page, ctx->cat, "document",
			    "document.required");
			errs++;
		} else if (document(r)->valsz > ctx->set.max_upload) {
			page_error(ctx->page, ctx->cat, "document",
			    "document.too-large");
			errs++;
		}
	}
	type = bad[FIELD_REGISTRY_TYPE] ? NULL :
	    req_field(r, FIELD_REGISTRY_TYPE);
	number = bad[FIELD_REGISTRY_NUMBER] ? NULL :
	    req_field(r, FIELD_REGISTRY_NUMBER);
	/* The registry's fields: required by that method, optional (but
	 * checked alike when a number is given) with a document. */
	if ((registry || (doc && number != NULL && *number != '\0')) &&
	    !bad[FIELD_REGISTRY_TYPE] && !bad[FIELD_REGISTRY_NUMBER] &&
	    !registry_field_check(type, bad[FIELD_COUNTRY] ? "" :
	    req_field(r, FIELD_COUNTRY), number, g->registry_number,
	    sizeof(g->registry_number), g->org_identifier,
	    sizeof(g->org_identifier), &field, key, sizeof(key))) {
		/* A number can only be judged against a known country. */
		if (!(bad[FIELD_COUNTRY] && strcmp(field,
		    "registry_number") == 0 && strcmp(key,
		    "field.required") != 0)) {
			page_error(ctx->page, ctx->cat, field, key);
			errs++;
		}
	}
	if (errs > 0)
		return errs;
	g->account_id = ctx->acct.id;
	snprintf(g->name, sizeof(g->name), "%s", req_field(r, FIELD_ORGANIZATION));
	snprintf(g->country, sizeof(g->country), "%s", req_field(r, FIELD_COUNTRY));
	snprintf(g->state, sizeof(g->state), "%s", req_field(r, FIELD_STATE));
	snprintf(g->locality, sizeof(g->locality), "%s",
	    req_field(r, FIELD_LOCALITY));
	snprintf(g->method, sizeof(g->method), "%s", method);
	if (g->org_identifier[0] != '\0')
		snprintf(g->registry_type, sizeof(g->registry_type), "%s",
		    type);
	else
		g->registry_number[0] = '\0';
	return 0;
}

static int
audit(struct ctx *ctx, struct req *r, const char *action, long long order,
    long long org, const char *details)
{
	char	 obj[32];

	snprintf(obj, sizeof(obj), "organization:%lld", org);
	return audit_add(ctx->db, ctx->acct.login, ctx->acct.role,
	    r->remote_addr, action, order, obj, details);
}

/* Stores the uploaded document of organization `org`. */
static int
store_document(struct ctx *ctx, struct req *r, long long order, long long org)
{
	const struct kv	*kv = document(r);
	enum filetype	 t;
	char		 name[256];

	t = filetype_sniff(kv->val, kv->valsz);
	/* Keep a printable name only: the bytes decide the type anyway. */
	snprintf(name, sizeof(name), "%s",
	    kv->filename[0] && utf8_valid(kv->filename, strlen(kv->filename)) ?
	    kv->filename : "document");
	return db_doc_add(ctx->db, org, ctx->acct.id, name, filetype_names[t],
	    kv->val, kv->valsz) == DB_OK &&
	    audit(ctx, r, "document-add", order, org, name);
}

/*
 * POST /data/{order}: saves the form as a draft (or links reused data)
 * and answers with the summary; a refused form comes back with every
 * error named (422).
 */
static int
post_form(struct ctx *ctx, struct req *r, long long id)
{
	struct order	 o;
	struct org	 g;
	struct steps	 s;
	long long	 org;
	const char	*profile = req_field(r, FIELD_PROFILE);
	int		 code;

	if ((code = load_order(ctx, id, &o)) != 200)
		return code;
	if (!steps_allows(&o.st, EV_DATA_SUBMITTED)) {
		page_error(ctx->page, ctx->cat, NULL, "orgdata.closed");
		return 409;
	}
	if (profile != NULL) {
		/* Reuse: the account's own verified data, still fresh. */
		if (db_org_get(ctx->db, strtoll(profile, NULL, 10), &g) != DB_OK ||
		    g.account_id != ctx->acct.id ||
		    g.status != ORG_VERIFIED) {
			page_error(ctx->page, ctx->cat, "profile",
			    "field.invalid");
			return form_page(ctx, r, NULL) ? 422 : 500;
		}
		org = g.id;
		if (!db_begin(ctx->db))
			return 500;
	} else {
		if (check_form(ctx, r, &g) > 0)
			return form_page(ctx, r, NULL) ? 422 : 500;
		if (!db_begin(ctx->db) || db_org_add(ctx->db, &g, &org) != DB_OK)
			return 500;
		if (document(r) != NULL && !store_document(ctx, r, id, org))
			return 500;
		if (!audit(ctx, r, "organization-draft", id, org, g.name))
			return 500;
	}
	/* The order must still be open to data when the draft is tied to it. */
	if (db_order_lock(ctx->db, id, &s) != DB_OK ||
	    !steps_allows(&s.st, EV_DATA_SUBMITTED))
		return 409;
	if (db_order_set_org(ctx->db, id, org) != DB_OK || !db_commit(ctx->db))
		return 500;
	if (db_org_get(ctx->db, org, &g) != DB_OK)
		return 500;
	page_rename(ctx->page, "orgdata-summary");
	return view_org(ctx->db, ctx->cat, ctx->page->root, &g, VIEW_DOCS) != NULL ? 200 : 500;
}

/*
 * POST /data/{order}/submit: the draft goes to the operators; reused
 * verified data verifies the step at once. A second submit changes
 * nothing and shows the same success page.
 */
static int
post_submit(struct ctx *ctx, struct req *r, long long id)
{
	struct order	 o;
	struct org	 g;
	struct steps	 s;
	struct actor	 who;
	const char	*stm = req_field(r, FIELD_STATEMENTS);
	char		 obj[32];
	enum stepsrc	 rc;
	int		 code;

	if ((code = load_order(ctx, id, &o)) != 200)
		return code;
	if (!db_begin(ctx->db) || db_order_lock(ctx->db, id, &s) != DB_OK)
		return 500;
	if (s.st.data == STEP_SUBMITTED || s.st.data == STEP_VERIFIED) {
		db_rollback(ctx->db);
		page_rename(ctx->page, "orgdata-success");
		page_attr(ctx->page->root, "outcome",
		    step_status_names[s.st.data]);
		return 200;
	}
	if (s.org_id == 0 || db_org_get(ctx->db, s.org_id, &g) != DB_OK) {
		db_rollback(ctx->db);
		page_error(ctx->page, ctx->cat, NULL, "orgdata.no-draft");
		return 409;
	}
	if (stm == NULL || (strcmp(stm, "1") != 0 && strcmp(stm, "yes") != 0)) {
		db_rollback(ctx->db);
		page_rename(ctx->page, "orgdata-summary");
		page_error(ctx->page, ctx->cat, "statements", "orgdata.statements");
		return view_org(ctx->db, ctx->cat, ctx->page->root, &g, VIEW_DOCS) ? 422 : 500;
	}
	server_actor(ctx, r, &who);
	snprintf(obj, sizeof(obj), "organization:%lld", g.id);
	if (g.status == ORG_VERIFIED)
		rc = steps_apply(ctx->db, &who, id, EV_DATA_REUSED,
		    "organization-reuse", obj, g.decided, &s);
	else if (g.status == ORG_DRAFT)
		rc = db_org_submit(ctx->db, g.id) != DB_OK ? STEPS_ERR :
		    steps_apply(ctx->db, &who, id, EV_DATA_SUBMITTED,
		    "organization-submit", obj, g.name, &s);
	else
		rc = STEPS_REFUSED;
	if (rc == STEPS_ERR)
		return 500;
	if (rc == STEPS_REFUSED) {
		db_rollback(ctx->db);
		page_error(ctx->page, ctx->cat, NULL, "orgdata.no-draft");
		return 409;
	}
	if (!db_commit(ctx->db) || !view_order_steps(ctx->page->root, &s.st))
		return 500;
	page_rename(ctx->page, "orgdata-success");
	page_attr(ctx->page->root, "outcome", g.status == ORG_VERIFIED ?
	    "verified" : "submitted");
	return 200;
}

/*
 * POST /data/{order}/documents: another document while the data is
 * under verification.
 */
static int
post_document(struct ctx *ctx, struct req *r, long long id)
{
	struct order	 o;
	struct steps	 s;
	struct org	 g;
	int		 code;

	if ((code = load_order(ctx, id, &o)) != 200)
		return code;
	if (r->fielderr[FIELD_DOCUMENT] != NULL || document(r) == NULL ||
	    document(r)->valsz > ctx->set.max_upload) {
		page_error(ctx->page, ctx->cat, "document",
		    r->fielderr[FIELD_DOCUMENT] ? "document.type" :
		    document(r) ? "document.too-large" : "document.required");
		code = 422;
	} else if (!db_begin(ctx->db) || db_order_lock(ctx->db, id, &s) != DB_OK)
		return 500;
	else if (s.st.data != STEP_SUBMITTED || s.org_id == 0) {
		db_rollback(ctx->db);
		page_error(ctx->page, ctx->cat, NULL, "orgdata.closed");
		return 409;
	} else if (!store_document(ctx, r, id, s.org_id) || !db_commit(ctx->db))
		return 500;
	else
		code = 200;
	/* The status page again, with the documents as they are now. */
	page_rename(ctx->page, "orgdata-status");
	if (db_order_lock(ctx->db, id, &s) != DB_OK)
		return 500;
	if (s.org_id != 0 && (db_org_get(ctx->db, s.org_id, &g) != DB_OK ||
	    view_org(ctx->db, ctx->cat, ctx->page->root, &g, VIEW_DOCS) == NULL))
		return 500;
	if (code == 200)
		page_attr(ctx->page->root, "outcome", "document-added");
	return code;
}

/*
 * GET /data/{order}: what the step shows depends on where it stands.
 */
static int
get_step(struct ctx *ctx, struct req *r, long long id)
{
	struct order	 o;
	struct org	 g;
	struct profiles	 p;
	struct steps	 s;
	int		 code, have = 0;

	if ((code = load_order(ctx, id, &o)) != 200)
		return code;
	if (db_order_lock(ctx->db, id, &s) != DB_OK)
		return 500;
	if (s.org_id != 0) {
		if (db_org_get(ctx->db, s.org_id, &g) != DB_OK)
			return 500;
		have = 1;
	}
	if (o.st.data == STEP_SUBMITTED || o.st.data == STEP_VERIFIED) {
		page_rename(ctx->page, "orgdata-status");
		return have && view_org(ctx->db, ctx->cat, ctx->page->root, &g, VIEW_DOCS) == NULL ?
		    500 : 200;
	}
	if (o.st.data != STEP_AWAITING && o.st.data != STEP_REJECTED)
		return 404;
	/* Rejected: the form again, filled with what was refused and why. */
	if (have && o.st.data == STEP_REJECTED) {
		if (view_org(ctx->db, ctx->cat, ctx->page->root, &g, VIEW_DOCS) == NULL)
			return 500;
		return form_page(ctx, r, &g) ? 200 : 500;
	}
	/* Back from the summary: the draft again, to correct. */
	if (have && g.status == ORG_DRAFT &&
	    req_field(r, FIELD_NEW) != NULL)
		return form_page(ctx, r, &g) ? 200 : 500;
	if (req_field(r, FIELD_NEW) == NULL) {
		p.ctx = ctx;
		p.n = 0;
		if ((p.parent = page_add(ctx->page->root, "profiles", NULL)) == NULL ||
		    db_orgs_reusable(ctx->db, ctx->acct.id, add_profile, &p) != DB_OK)
			return 500;
		if (p.n > 0) {
			page_rename(ctx->page, "orgdata-start");
			return 200;
		}
	}
	return form_page(ctx, r, NULL) ? 200 : 500;
}

static int
handle(struct ctx *ctx, struct req *r)
{
	long long	 id;
	const char	*rest;

	if (!path_id(r->path, "/data/", &id, &rest))
		return 404;
	if (r->method == METHOD_POST) {
		if (*rest == '\0')
			return post_form(ctx, r, id);
		if (strcmp(rest, "/submit") == 0)
			return post_submit(ctx, r, id);
		if (strcmp(rest, "/documents") == 0)
			return post_document(ctx, r, id);
		return 404;
	}
	if (*rest == '\0' || strcmp(rest, "/") == 0)
		return get_step(ctx, r, id);
	return 404;
}

static const struct handler orgdata_handler = {
	"orgdata", fields, FIELD__MAX, pages, "customer partner", NULL, 0,
	handle, NULL
};

int
main(void)
{
	return server_run(&orgdata_handler);
}
