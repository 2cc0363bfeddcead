/*
 * The responder loop shared by every handler, and the worker supervisor.
 */
#include "config.h"

#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "buf.h"
#include "cache.h"
#include "csrf.h"
#include "db.h"
#include "host.h"
#include "i18n.h"
#include "lang.h"
#include "log.h"
#include "page.h"
#include "request.h"
#include "sandbox.h"
#include "server.h"

#ifndef SMIME_DATADIR
#define SMIME_DATADIR	"/usr/local/share/smime-activation"
#endif

#define MAX_WORKERS	64

static volatile sig_atomic_t	 stopping;	/* SIGTERM seen */
static volatile sig_atomic_t	 busy;		/* a worker is in a request */
static int			 page_cache = 1;	/* SMIME_PAGE_CACHE */
static responder		 respond;	/* server_run_with()'s */

/* CSRF tokens are issued per ten minutes, so a cached page's is reused. */
#define BODY_KEEP	(256 * 1024)	/* bytes of page buffer kept */
#define CSRF_STEP	600

static const char *
status_text(int code)
{
	switch (code) {
	case 200: return "OK";
	case 201: return "Created";
	case 302: return "Found";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return code >= 500 ? "Internal Server Error" : "Error";
	}
}

static const char *
param(FCGX_Request *fr, const char *name, const char *def)
{
	const char	*v = FCGX_GetParam(name, fr->envp);

	return v != NULL && *v != '\0' ? v : def;
}

/*
 * Reads the SMIME_* parameters nginx passes with every request.
 */
static void
settings_read(struct settings *s, FCGX_Request *fr)
{
	const char	*v;
	char		*end;
	unsigned long	 n;

	s->db = param(fr, "SMIME_DB", "socket=/run/mysqld/mysqld.sock "
	    "database=smime user=smime");
	s->xslt = param(fr, "SMIME_XSLT_DIR", SMIME_DATADIR "/xslt");
	s->theme = param(fr, "SMIME_THEME", "default");
	s->lang = param(fr, "SMIME_LANG", "en");
	s->langs = param(fr, "SMIME_LANGS", "");
	s->brand = param(fr, "SMIME_BRAND", "S/MIME activation");
	s->partner = param(fr, "SMIME_PARTNER", NULL);
	s->support = param(fr, "SMIME_SUPPORT_URL", NULL);
	s->help = param(fr, "SMIME_HELP_URL", NULL);
	s->base_url = param(fr, "SMIME_BASE_URL", "");
	s->csrf_secret = param(fr, "SMIME_CSRF_SECRET_FILE",
	    "/etc/smime-activation/csrf.key");
	s->mail_from = param(fr, "SMIME_MAIL_FROM", "no-reply@localhost");
	/* The sender's name: the brand's name unless set. */
	s->mail_from_name = param(fr, "SMIME_MAIL_FROM_NAME", s->brand);
	s->mail_footer = param(fr, "SMIME_MAIL_FOOTER", NULL);
	s->ca_cert = param(fr, "SMIME_CA_CERT",
	    "/etc/smime-activation/ca.pem");
	s->ca_chain = param(fr, "SMIME_CA_CHAIN",
	    "/etc/smime-activation/chain.pem");
	s->crl_url = param(fr, "SMIME_CA_CRL_URL", NULL);
	s->aia_url = param(fr, "SMIME_CA_AIA_URL", NULL);
	s->dns = param(fr, "SMIME_DNS_SERVER", NULL);
	s->caa_ids = param(fr, "SMIME_CAA_IDENTITIES", NULL);
	s->weak_keys = param(fr, "SMIME_WEAK_KEYS_DIR", "");
	s->max_upload = 10 * 1024 * 1024;
	if ((v = param(fr, "SMIME_MAX_UPLOAD", NULL)) != NULL) {
		n = strtoul(v, &end, 10);
		if (*end == '\0' && n > 0)
			s->max_upload = n;
	}
	s->max_body = REQ_DEF_BODY;
	if ((v = param(fr, "SMIME_MAX_BODY", NULL)) != NULL) {
		n = strtoul(v, &end, 10);
		if (*end == '\0' && n > 0)
			s->max_body = n;
	}
}

/* The account of the request as the actor of a state change's audit row. */
void
server_actor(const struct ctx *ctx, const struct req *r, struct actor *who)
{
	who->login = ctx->acct.login;
	who->role = ctx->acct.role;
	who->addr = r->remote_addr;
}

/*
 * Parses "/prefix/<id>[/rest]": stores the id and a pointer to what
 * follows it ("" or "/rest"). Returns 0 when the path does not match.
 */
int
path_id(const char *path, const char *prefix, long long *id,
    const char **rest)
{
	size_t		 n = strlen(prefix);
	long long	 v = 0;
	const char	*p;

	if (strncmp(path, prefix, n) != 0)
		return 0;
	for (p = path + n; *p >= '0' && *p <= '9'; p++) {
		if (v > 99999999999999LL || (p == path + n && *p == '0'))
			return 0;
		v = v * 10 + (*p - '0');
	}
	if (p == path + n || (*p != '\0' && *p != '/'))
		return 0;
	*id = v;
	if (rest != NULL)
		*rest = p;
	return 1;
}

static int
role_allowed(const char *roles, const char *role)
{
	const char	*p;
	size_t		 n = strlen(role);

	if (roles == NULL)
		return 1;
	for (p = roles; (p = strstr(p, role)) != NULL; p += n)
		if ((p == roles || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/*
 * The subject a form's token is bound to: the account, or for pages
 * reached without login, the path (whose token is the credential).
 */
static const char *
csrf_subject(const struct ctx *ctx, const struct req *r)
{
	return ctx->acct.id != 0 ? ctx->acct.login : r->path;
}

/*
 * Whether a POST carries a valid token in its body's `csrf` field.
 */
int
server_csrf_ok(struct ctx *ctx, struct req *r)
{
	size_t	 i;

	for (i = 0; i < r->kvsz; i++)
		if (strcmp(r->kvs[i].key, "csrf") == 0)
			return csrf_check(csrf_subject(ctx, r), r->kvs[i].val,
			    time(NULL), CSRF_TTL);
	return 0;
}

/*
 * <langs> with a <lang code> per language the server block allows, for
 * the header's switch; none when it allows only one.
 */
static int
add_langs(struct ctx *ctx)
{
	const char	*p = ctx->set.langs, *end;
	char		 one[LANG_MAX + 1];
	xmlNodePtr	 n = NULL;
	size_t		 len;

	while (*p != '\0') {
		p += strspn(p, " ,");
		end = p + strcspn(p, " ,");
		len = (size_t)(end - p);
		if (len > 0 && len < sizeof(one)) {
			memcpy(one, p, len);
			one[len] = '\0';
			if (lang_allowed(ctx->set.langs, one)) {
				if (n == NULL && (n = page_add(ctx->page->root,
				    "langs", NULL)) == NULL)
					return 0;
				if (!page_attr(page_add(n, "lang", NULL), "code",
				    one))
					return 0;
			}
		}
		p = end;
	}
	if (n != NULL && n->children == n->last) {
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
	return 1;
}

/*
 * Whether the host of the request serves the account that asks (see
 * host.h): 200, or 404 for an account of another partner, of none, or
 * an operator on a partner's host, answered as if nothing were there.
 */
static int
host_check(struct ctx *ctx)
{
	struct partner	 p;
	const char	*code = NULL;
	enum dbrc	 rc;

	if (ctx->set.partner == NULL)
		return 200;
	if (ctx->acct.partner_id != 0) {
		rc = db_partner_get(ctx->db, ctx->acct.partner_id, &p);
		if (rc == DB_OK)
			code = p.code;
		else if (rc != DB_NOTFOUND)
			return 503;
	}
	if (host_admits(ctx->set.partner, ctx->acct.role, code))
		return 200;
	log_warnx("account %.64s is not of partner %.32s of this host",
	    ctx->acct.login, ctx->set.partner);
	/* The page of the answer shows nothing of the account. */
	memset(&ctx->acct, 0, sizeof(ctx->acct));
	return 404;
}

/*
 * Everything that happens before a handler's flow: resources for the
 * current settings, identity, the host's partner and role, CSRF on
 * every POST, and the common part of the page. Returns 200 to go on, or
 * the status to answer with (the page then shows the error).
 */
static int
front_line(struct ctx *ctx, struct req *r, int parsed)
{
	enum dbrc	 rc;
	int		 anonymous, code;
	xmlNodePtr	 n;

	page_attr(ctx->page->root, "lang", ctx->set.lang);
	page_attr(ctx->page->root, "theme", ctx->set.theme);
	page_attr(ctx->page->root, "path", r->path);
	if (!add_langs(ctx))
		return 500;
	if ((n = page_add(ctx->page->root, "brand", NULL)) == NULL)
		return 500;
	page_attr(n, "name", ctx->set.brand);
	page_attr(n, "support", ctx->set.support);
	page_attr(n, "help", ctx->set.help);
	if (parsed != 200)
		return parsed;

	if (ctx->db == NULL ||
	    strcmp(db_conninfo(ctx->db), ctx->set.db) != 0) {
		db_close(ctx->db);
		if ((ctx->db = db_open(ctx->set.db)) == NULL) {
			/* No server would do: perhaps one is back soon. */
			if (!req_header(r, "Retry-After", "5"))
				log_warnx("Retry-After: no memory");
			return 503;
		}
	}
	db_mark(ctx->db);
	anonymous = ctx->h->anonymous != NULL && ctx->h->anonymous(r->path);
	if (!anonymous) {
		if (r->remote_user == NULL)
			return 403;
		rc = db_account_get(ctx->db, r->remote_user, &ctx->acct);
		if (rc == DB_NOTFOUND) {
			log_warnx("REMOTE_USER %.64s has no account",
			    r->remote_user);
			return 403;
		}
		if (rc != DB_OK)
			return 503;
		if ((code = host_check(ctx)) != 200)
			return code;
		if ((n = page_add(ctx->page->root, "account", NULL)) == NULL)
			return 500;
		page_attr(n, "login", ctx->acct.login);
		page_attr(n, "role", ctx->acct.role);
		page_attr(n, "name", ctx->acct.name);
		if (!role_allowed(ctx->h->roles, ctx->acct.role))
			return 403;
	}
	if (!csrf_load(ctx->set.csrf_secret))
		return 500;
	if (r->method == METHOD_POST && !server_csrf_ok(ctx, r)) {
		page_error(ctx->page, ctx->cat, NULL, "error.csrf");
		return 403;
	}
	if (!csrf_token(csrf_subject(ctx, r), time(NULL) / CSRF_STEP * CSRF_STEP,
	    ctx->csrf, sizeof(ctx->csrf)))
		return 500;
	if (page_add(ctx->page->root, "csrf", ctx->csrf) == NULL)
		return 500;
	return 200;
}

static int
has_page_error(const struct page *p)
{
	xmlNodePtr	 n;

	for (n = p->root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, BAD_CAST "error") &&
		    !xmlHasProp(n, BAD_CAST "field"))
			return 1;
	return 0;
}

/*
 * Makes the body for status `code`: the page document as XML when the
 * client asks for it, else the page rendered to HTML; an error page when
 * the flow failed. Sets *xml. Returns the final status (500 when
 * rendering fails).
 */
static int
produce(struct ctx *ctx, struct req *r, int code, struct buf *body, int *xml)
{
	char	 key[24];

	*xml = 0;
	if (code >= 400 && ctx->page != NULL &&
	    strcmp(ctx->page->name, "error") == 0 &&
	    !has_page_error(ctx->page)) {
		snprintf(key, sizeof(key), "error.%d", code);
		page_error(ctx->page, ctx->cat, NULL, key);
	}
	if (code == 200 && ctx->raw_type != NULL) {
		*xml = 2;
		return buf_add(body, ctx->raw->s, ctx->raw->len) ? 200 : 500;
	}
	if (ctx->page != NULL)
		page_attrf(ctx->page->root, "status", "%d", code);
	if (code == 302 || code == 303 || ctx->page == NULL)
		return code == 200 ? 500 : code;
	if (req_wants_xml(r)) {
		*xml = 1;
		if (!page_xml(ctx->page, body))
			code = 500;
	} else {
		lang_localize(ctx->page, ctx->cat);
		if (!render_page(ctx->page, ctx->set.xslt, ctx->set.theme,
		    ctx->set.lang, body))
			code = 500;
	}
	return code;
}

/*
 * Sends status, headers (those every page carries, then the request's
 * own) and the body.
 */
static void
send(struct req *r, int code, int xml, const char *body, size_t len,
    const char *rawtype)
{
	struct buf	 head;
	size_t		 i;
	FCGX_Stream	*out = r->fr->out;

	if (code >= 500 && len == 0) {
		xml = -1;
		body = "Internal error.\n";
		len = strlen(body);
	}
	/* libfcgi's printf lacks %zu: the head is formatted here, sent once. */
	buf_init(&head);
	buf_printf(&head, "Status: %d %s\r\n", code, status_text(code));
	if (code != 302 && code != 303)
		buf_printf(&head, "Content-Type: %s\r\nContent-Length: %zu\r\n",
		    xml < 0 ? "text/plain; charset=utf-8" : xml == 2 ? rawtype :
		    xml ?
		    "application/xml; charset=utf-8" : "text/html; charset=utf-8",
		    len);
	buf_adds(&head, "Cache-Control: no-store\r\n"
	    "Vary: Accept\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: no-referrer\r\n"
	    "Content-Security-Policy: default-src 'none'; style-src 'self'; "
	    "img-src 'self' data:; form-action 'self'; base-uri 'none'; "
	    "frame-ancestors 'none'\r\n");
	for (i = 0; i < r->headersz; i++)
		buf_printf(&head, "%s: %s\r\n", r->headers[i].name,
		    r->headers[i].value);
	if (!buf_adds(&head, "\r\n")) {
		/* Out of memory for the head: the smallest valid answer. */
		FCGX_PutS("Status: 500 Internal Server Error\r\n\r\n", out);
	} else {
		FCGX_PutStr(head.s, (int)head.len, out);
		if (r->method != METHOD_HEAD && len > 0)
			FCGX_PutStr(body, (int)len, out);
	}
	buf_free(&head);
}

/*
 * The cache key of a GET page of a cacheable handler: everything the
 * page is built from. Returns 0 (no caching) when it would not fit.
 */
static int
cache_key(const struct ctx *ctx, const struct req *r, time_t now,
    char *key, size_t keysz)
{
	int	 n;

	n = snprintf(key, keysz, "%lld|%lld|%lld|%d|%s|%s|%s|%s|%s|%s|%s|%s?%s",
	    ctx->acct.id, ctx->acct.rev, (long long)(now / CSRF_STEP),
	    req_wants_xml(r), ctx->set.theme, ctx->set.lang, ctx->set.xslt,
	    ctx->set.brand, ctx->set.support ? ctx->set.support : "",
	    ctx->set.help ? ctx->set.help : "",
	    ctx->set.base_url, r->path, r->query);
	return n > 0 && (size_t)n < keysz;
}

/* The SMIME_* parameters of request `fr`, for a handler's own protocol. */
void
server_settings(struct settings *s, FCGX_Request *fr)
{
	settings_read(s, fr);
}

/*
 * How often a request runs whose transaction the database threw away
 * whole (a deadlock, Galera's certification, a node that died before
 * COMMIT): the first time and two more.
 */
#define SERVE_TRIES	3

/*
 * Forgets what a run of the flow made, for the next run: the page, the
 * response headers and file, the account. The parsed request stays.
 */
static void
unmake(struct ctx *ctx, struct req *r)
{
	size_t	 i;

	page_free(ctx->page);
	ctx->page = NULL;
	for (i = 0; i < r->headersz; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	free(r->headers);
	r->headers = NULL;
	r->headersz = 0;
	ctx->raw_type = NULL;
	memset(&ctx->acct, 0, sizeof(ctx->acct));
	ctx->csrf[0] = '\0';
}

/*
 * One request, start to end.
 */
static void
serve(struct ctx *ctx, FCGX_Request *fr)
{
	/* Kept from request to request, up to BODY_KEEP bytes: growing it
	 * anew for each page, block by larger block, and freeing it cost
	 * 2.5 % of an uncached dashboard. */
	static struct buf body;
	struct req	 r;
	const char	*hit;
	char		 key[1024], chosen[LANG_MAX + 1];
	size_t		 hitlen;
	time_t		 now = time(NULL);
	int		 code, parsed, xml, cached, tries;

	settings_read(&ctx->set, fr);
	/* The cookie of the header's switch, else the browser's choice. */
	if (!lang_cookie(FCGX_GetParam("HTTP_COOKIE", fr->envp), chosen,
	    sizeof(chosen)))
		chosen[0] = '\0';
	if (lang_pick(ctx->set.langs, ctx->set.lang, chosen,
	    FCGX_GetParam("HTTP_ACCEPT_LANGUAGE", fr->envp), ctx->lang,
	    sizeof(ctx->lang)))
		ctx->set.lang = ctx->lang;
	memset(&ctx->acct, 0, sizeof(ctx->acct));
	ctx->csrf[0] = '\0';
	ctx->raw_type = NULL;
	ctx->cat = i18n_get(ctx->set.xslt, ctx->set.theme, ctx->set.lang);
	if (body.s == NULL || body.cap > BODY_KEEP)
		buf_free(&body);
	buf_reset(&body);
	if (!req_init(&r, ctx->h->fields, ctx->h->fieldsz))
		parsed = 500;
	else
		parsed = req_parse(&r, fr, ctx->set.max_body);
	r.fr = fr;
	if (ctx->cat == NULL) {
		log_warnx("SMIME_THEME or SMIME_LANG: bad value");
		parsed = 500;
	}
	for (tries = 1;; tries++) {
		cached = 0;
		if ((ctx->page = page_new("error")) == NULL)
			code = 500;
		else
			code = front_line(ctx, &r, parsed);
		if (code == 200 && page_cache && ctx->h->cacheable &&
		    ctx->acct.id != 0 &&
		    (r.method == METHOD_GET || r.method == METHOD_HEAD) &&
		    cache_key(ctx, &r, now, key, sizeof(key))) {
			cached = 1;
			if (cache_get(key, now, &hit, &hitlen, &xml)) {
				send(&r, 200, xml, hit, hitlen, NULL);
				goto done;
			}
		}
		if (code == 200)
			code = ctx->h->handle(ctx, &r);
		if (ctx->db != NULL && db_in_tx(ctx->db)) {
			/* A flow that failed midway leaves nothing
			 * half-written. */
			db_rollback(ctx->db);
		}
		/* Nothing of this run was kept: it may run again whole,
		 * on the next server if the connection was lost. */
		if (code < 500 || ctx->db == NULL || !db_retry(ctx->db))
			break;
		if (tries == SERVE_TRIES) {
			log_warnx("database refused the work %d times",
			    tries);
			break;
		}
		log_info("database transaction lost; running the request "
		    "again (%d of %d)", tries + 1, SERVE_TRIES);
		unmake(ctx, &r);
	}
	if (code >= 500 && ctx->db != NULL && ctx->page != NULL &&
	    (db_retry(ctx->db) || db_busy(ctx->db))) {
		/* Lost every time, or after a part was kept: nothing is
		 * half-written, and the client may try again shortly. */
		page_rename(ctx->page, "error");
		if (!req_header(&r, "Retry-After", "1"))
			log_warnx("Retry-After: no memory");
		code = 503;
	}
	code = produce(ctx, &r, code, &body, &xml);
	send(&r, code, xml, body.s, body.len, ctx->raw_type);
	if (cached && code == 200 && r.headersz == 0)
		cache_put(key, now, body.s, body.len, xml);
done:
	log_request(ctx->h->name, method_names[r.method], r.path, code,
	    now_usec() - r.start);
	page_free(ctx->page);
	ctx->page = NULL;
	req_free(&r);
}

static void
on_worker_signal(int sig)
{
	if (!busy)
		_exit(0);
	stopping = 1;
}

static void
on_parent_signal(int sig)
{
	stopping = 1;
}

static void
set_signal(int sig, void (*fn)(int))
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

/*
 * A worker: accepts on fd 0 until told to stop. Its database connection
 * is its own, opened on the first request after the fork.
 */
static void
worker(const struct handler *h)
{
	struct ctx	 ctx;
	FCGX_Request	 fr;

	prctl(PR_SET_PDEATHSIG, SIGTERM);
	set_signal(SIGTERM, on_worker_signal);
	set_signal(SIGINT, on_worker_signal);
	memset(&ctx, 0, sizeof(ctx));
	ctx.h = h;
	if (getppid() == 1)
		_exit(0);
	if (h->worker_init != NULL && !h->worker_init()) {
		log_warnx("worker set-up failed");
		_exit(1);
	}
	/* Set up: from here on, only what serving needs (sandbox.h). */
	if (!sandbox_enter())
		_exit(1);
	FCGX_InitRequest(&fr, 0, 0);
	while (!stopping) {
		busy = 0;
		if (FCGX_Accept_r(&fr) < 0)
			break;
		busy = 1;
		if (respond == NULL || !respond(&ctx, &fr))
			serve(&ctx, &fr);
		FCGX_Finish_r(&fr);
	}
	db_close(ctx.db);
	render_free();
	_exit(0);
}

static pid_t
spawn(const struct handler *h)
{
	pid_t	 pid;

	if ((pid = fork()) == -1)
		log_warn("fork");
	else if (pid == 0)
		worker(h);
	return pid;
}

/*
 * Compiles the handler's pages for every theme of the list `themes` and
 * every language of `langs` (words separated by spaces or commas: the
 * brands of all the server blocks the handler serves), so that each is
 * compiled once, before the fork, and a broken one stops the handler at
 * start-up. Returns 0 if any fails (logged).
 */
static int
preload(const char *dir, const char *themes, const char *langs,
    const char *const *pages)
{
	const char	*t, *l;
	char		 theme[33], lang[9];
	size_t		 tn, ln;
	int		 ok = 1;

	for (t = themes; *(t += strspn(t, " ,")) != '\0'; t += tn) {
		tn = strcspn(t, " ,");
		snprintf(theme, sizeof(theme), "%.*s", (int)tn, t);
		for (l = langs; *(l += strspn(l, " ,")) != '\0'; l += ln) {
			ln = strcspn(l, " ,");
			snprintf(lang, sizeof(lang), "%.*s", (int)ln, l);
			if (tn >= sizeof(theme) || ln >= sizeof(lang) ||
			    !render_preload(dir, theme, lang, pages)) {
				log_warnx("theme %.32s, language %.8s: "
				    "stylesheets do not compile", theme, lang);
				ok = 0;
			}
		}
	}
	return ok;
}

/*
 * server_run() for a handler with a protocol of its own: `fn` sees each
 * request first (see responder in server.h).
 */
int
server_run_with(const struct handler *h, responder fn)
{
	respond = fn;
	return server_run(h);
}

/*
 * The handler program's whole life: set up, preload stylesheets named by
 * the environment's SMIME_XSLT_DIR (if set) for the themes and languages
 * of SMIME_THEME and SMIME_LANG (lists), fork workers, supervise.
 */
int
server_run(const struct handler *h)
{
	pid_t		 kids[MAX_WORKERS], pid;
	const char	*v, *dir, *theme, *lang;
	int		 n = 2, i, alive, status;
	time_t		 last = 0;

	log_init(h->name);
	signal(SIGPIPE, SIG_IGN);
	if (!render_init()) {
		log_warnx("cannot set up XSLT");
		return EXIT_FAILURE;
	}
	if (FCGX_Init() != 0) {
		log_warnx("FCGX_Init failed");
		return EXIT_FAILURE;
	}
	if ((v = getenv("SMIME_WORKERS")) != NULL)
		n = atoi(v);
	if ((v = getenv("SMIME_PAGE_CACHE")) != NULL && strcmp(v, "0") == 0)
		page_cache = 0;
	if (n < 1 || n > MAX_WORKERS) {
		log_warnx("SMIME_WORKERS: 1 to %d", MAX_WORKERS);
		return EXIT_FAILURE;
	}
	/* Compiled before the fork, stylesheets are shared by the workers. */
	theme = getenv("SMIME_THEME");
	lang = getenv("SMIME_LANG");
	if ((dir = getenv("SMIME_XSLT_DIR")) != NULL && h->pages != NULL &&
	    !preload(dir, theme ? theme : "default", lang ? lang : "en",
	    h->pages)) {
		log_warnx("%s: stylesheets do not compile", dir);
		return EXIT_FAILURE;
	}
	set_signal(SIGTERM, on_parent_signal);
	set_signal(SIGINT, on_parent_signal);
	for (i = 0; i < n; i++)
		kids[i] = spawn(h);
	log_info("serving with %d workers", n);
	while (!stopping) {
		if ((pid = wait(&status)) == -1) {
			if (errno != EINTR)
				sleep(1);
			continue;
		}
		for (i = 0; i < n; i++) {
			if (kids[i] != pid || stopping)
				continue;
			log_warnx("worker %ld ended (status %d); restarting",
			    (long)pid, status);
			/* A worker that dies at once would spin: pace it. */
			if (time(NULL) - last < 1)
				sleep(1);
			last = time(NULL);
			kids[i] = spawn(h);
		}
	}
	for (i = 0; i < n; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGTERM);
	/* Each worker finishes its request; give them ten seconds. */
	for (i = 0; i < 100; i++) {
		for (alive = 0, pid = 0; pid != -1; )
			if ((pid = waitpid(-1, &status, WNOHANG)) == 0) {
				alive = 1;
				break;
			}
		if (!alive)
			break;
		usleep(100000);
	}
	if (alive)
		for (i = 0; i < n; i++)
			if (kids[i] > 0)
				kill(kids[i], SIGKILL);
	log_info("stopped");
	return EXIT_SUCCESS;
}
