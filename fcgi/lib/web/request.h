/*
 * One HTTP request as nginx hands it over FastCGI, and the response being
 * built for it.
 *
 * Input validation is declared per field (a table of struct fieldspec) and
 * runs before a handler sees anything: the parser caps the body before
 * reading it, percent-decodes, checks lengths, runs each field's validator
 * and files every pair under fieldmap[] (valid) or fielderr[] (present but
 * invalid, kept so the form can be shown again with what was typed).
 *
 * Ownership: struct req owns everything allocated for the request; a
 * handler never frees what it gets from it. req_free() releases it all.
 */
#ifndef SMIME_REQUEST_H
#define SMIME_REQUEST_H

#include <stddef.h>

#include "buf.h"

struct FCGX_Request;

enum method {
	METHOD_GET,	/* GET */
	METHOD_HEAD,	/* HEAD */
	METHOD_POST,	/* POST */
	METHOD_OTHER,	/* anything else: answered with 405 */
	METHOD__MAX
};

extern const char *const method_names[METHOD__MAX];

enum kvstate {
	KV_UNKNOWN,	/* no fieldspec has this name: ignored */
	KV_VALID,	/* passed its length cap and validator */
	KV_INVALID,	/* too long, not decodable, or refused by validator */
	KV__MAX
};

enum kverr {
	KVERR_NONE,	/* valid */
	KVERR_ENCODING,	/* bad percent-encoding, NUL byte or not UTF-8 */
	KVERR_TOOLONG,	/* longer than the field's cap */
	KVERR_VALUE,	/* refused by the validator */
	KVERR__MAX
};

extern const char *const kverr_names[KVERR__MAX];

struct kv {
	char		*key;	/* decoded, NUL-terminated */
	char		*val;	/* decoded, NUL-terminated (validators may replace) */
	size_t		 valsz;	/* bytes in val */
	char		*filename;	/* multipart file part: its name, else NULL */
	char		*ctype;		/* multipart part's Content-Type, or NULL */
	size_t		 field;	/* index in the fieldspec table when known */
	enum kvstate	 state;
	enum kverr	 err;
	struct kv	*next;	/* the next pair of the same field and state */
};

/*
 * A validator checks (and may normalise) a decoded value: in place, or
 * by replacing `val` with a new allocation (freeing the old one; NFC may
 * lengthen a value). Returns 1 when the value is acceptable.
 */
typedef int	(*validator)(struct kv *);

struct fieldspec {
	validator	 valid;	/* NULL: any UTF-8 text without controls */
	const char	*name;	/* the form field's name */
	size_t		 max;	/* longest accepted value in bytes */
};

/* Limits of the parser, whatever the fields say. */
#define REQ_MAX_QUERY	8192	/* bytes of QUERY_STRING */
#define REQ_MAX_PAIRS	256	/* key=value pairs in query and body */
#define REQ_MAX_KEY	64	/* bytes of a field name */
#define REQ_DEF_BODY	(64 * 1024)	/* default urlencoded body cap */

struct header {
	char	*name;
	char	*value;
};

struct req {
	/* Input. Pointers into FastCGI's parameters live as long as the request. */
	struct FCGX_Request	*fr;
	enum method		 method;
	const char		*path;		/* DOCUMENT_URI, no query */
	const char		*query;		/* QUERY_STRING, may be "" */
	const char		*ctype;		/* CONTENT_TYPE or "" */
	const char		*remote_user;	/* REMOTE_USER or NULL */
	const char		*remote_addr;	/* REMOTE_ADDR or "" */
	const char		*accept;	/* HTTP_ACCEPT or "" */
	size_t			 bodymax;	/* cap on the body */
	char			*body;		/* raw body, NUL-terminated */
	size_t			 bodysz;

	const struct fieldspec	*fields;
	size_t			 fieldsz;
	struct kv		*kvs;		/* every pair, query first */
	size_t			 kvsz;
	struct kv		**fieldmap;	/* [fieldsz]: first valid pair */
	struct kv		**fielderr;	/* [fieldsz]: first invalid pair */

	/* Output. */
	int			 status;	/* HTTP status to send */
	struct header		*headers;	/* extra response headers */
	size_t			 headersz;
	long long		 start;		/* microseconds, for the log */
};

int	 req_init(struct req *, const struct fieldspec *, size_t);
void	 req_free(struct req *);
int	 req_parse(struct req *, struct FCGX_Request *, size_t);
int	 req_parse_urlencoded(struct req *, const char *, size_t);
int	 req_parse_multipart(struct req *, const char *, size_t, const char *);
int	 req_add_pair(struct req *, char *, char *, size_t, char *, char *);
void	 req_file(struct req *);
int	 req_parse_env(struct req *, const char *const *);
const char *req_param(const struct req *, const char *);
const char *req_field(const struct req *, size_t);
int	 req_header(struct req *, const char *, const char *);
int	 req_cookie(struct req *, const char *, const char *, long, int);
int	 req_wants_xml(const struct req *);

int	 url_decode(char *, size_t *);
long long now_usec(void);

#endif
