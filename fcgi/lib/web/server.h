/*
 * The FastCGI responder every handler runs: settings from nginx's
 * fastcgi_param, the front line (method, identity, CSRF), the handler's
 * flow, then the page sent as HTML or XML, and one log line.
 *
 * Process model: the program gets its listening socket as fd 0 (from
 * spawn-fcgi, or a systemd socket unit), forks SMIME_WORKERS workers (2
 * by default) that accept on it, restarts a worker that dies, and on
 * SIGTERM or SIGINT stops them (each finishes the request it is in) and
 * exits.
 */
#ifndef SMIME_SERVER_H
#define SMIME_SERVER_H

#include <stddef.h>

#include "db.h"
#include "request.h"

struct catalog;
struct page;

/* Settings, per request, from fastcgi_param SMIME_* (see README). */
struct settings {
	const char	*db;		/* SMIME_DB conninfo */
	const char	*xslt;		/* SMIME_XSLT_DIR */
	const char	*theme;		/* SMIME_THEME */
	const char	*lang;		/* the request's: see lang.h */
	const char	*langs;		/* SMIME_LANGS: allowed, or "" */
	const char	*brand;		/* SMIME_BRAND */
	const char	*partner;	/* SMIME_PARTNER: host's partner, or NULL */
	const char	*support;	/* SMIME_SUPPORT_URL */
	const char	*help;		/* SMIME_HELP_URL */
	const char	*base_url;	/* SMIME_BASE_URL */
	const char	*csrf_secret;	/* SMIME_CSRF_SECRET_FILE */
	const char	*mail_from;	/* SMIME_MAIL_FROM */
	const char	*mail_from_name;	/* SMIME_MAIL_FROM_NAME */
	const char	*mail_footer;	/* SMIME_MAIL_FOOTER */
	const char	*ca_cert;	/* SMIME_CA_CERT: the issuing CA, PEM */
	const char	*ca_chain;	/* SMIME_CA_CHAIN: issuing CA and up, PEM */
	const char	*crl_url;	/* SMIME_CA_CRL_URL */
	const char	*aia_url;	/* SMIME_CA_AIA_URL */
	const char	*dns;		/* SMIME_DNS_SERVER, for CAA */
	const char	*caa_ids;	/* SMIME_CAA_IDENTITIES */
	const char	*weak_keys;	/* SMIME_WEAK_KEYS_DIR, "": built-in */
	size_t		 max_upload;	/* SMIME_MAX_UPLOAD */
	size_t		 max_body;	/* SMIME_MAX_BODY */
};

struct ctx {
	const struct handler	*h;
	struct settings		 set;
	struct db		*db;		/* persistent, per process */
	struct catalog		*cat;		/* texts of theme and language */
	struct account		 acct;		/* who asks; id 0: anonymous */
	struct page		*page;		/* the response's document */
	char			 csrf[64];	/* token for this page's forms */
	char			 lang[16];	/* the request's language */
	/* A response that is a file, not a page: its type and bytes. */
	const char		*raw_type;
	struct buf		*raw;
};

struct handler {
	const char		 *name;		/* for logs: "dashboard" */
	const struct fieldspec	 *fields;
	size_t			  fieldsz;
	const char *const	 *pages;	/* stylesheets to preload */
	const char		 *roles;	/* allowed roles, space-separated */
	/* Whether a path needs no login (its credential is in it), or NULL. */
	int			(*anonymous)(const char *);
	/* Whether its GET pages depend only on the account's data (and
	 * accounts.rev), so that rendered pages may be cached. */
	int			  cacheable;
	/* The flow: builds ctx->page and returns the HTTP status. */
	int			(*handle)(struct ctx *, struct req *);
	/* Run in each worker after its fork, before the first request
	 * (NULL: none); returns 0 to end the worker. */
	int			(*worker_init)(void);
};

/* A protocol of its own: answers a request whole and returns 1, or
 * returns 0 to leave it to the page flow. */
typedef int	(*responder)(struct ctx *, struct FCGX_Request *);

int	 server_run(const struct handler *);
int	 server_run_with(const struct handler *, responder);
void	 server_settings(struct settings *, struct FCGX_Request *);
void	 server_actor(const struct ctx *, const struct req *, struct actor *);
int	 server_csrf_ok(struct ctx *, struct req *);
int	 path_id(const char *, const char *, long long *, const char **);

#endif
