/*
 * Request parsing: FastCGI parameters, the query string and urlencoded
 * bodies, each capped before it is read and validated per declared field.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fcgiapp.h>

#include "buf.h"
#include "hex.h"
#include "request.h"
#include "valid.h"

const char *const method_names[METHOD__MAX] = {
	"GET",		/* METHOD_GET */
	"HEAD",		/* METHOD_HEAD */
	"POST",		/* METHOD_POST */
	"OTHER",	/* METHOD_OTHER */
};

const char *const kverr_names[KVERR__MAX] = {
	"none",		/* KVERR_NONE */
	"encoding",	/* KVERR_ENCODING */
	"too-long",	/* KVERR_TOOLONG */
	"value",	/* KVERR_VALUE */
};

long long
now_usec(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

/*
 * Prepares an empty request for the given field table.
 * Returns 0 when memory runs out (the request is then still safe to free).
 */
int
req_init(struct req *r, const struct fieldspec *fields, size_t fieldsz)
{
	memset(r, 0, sizeof(*r));
	r->fields = fields;
	r->fieldsz = fieldsz;
	r->path = r->query = r->ctype = r->remote_addr = r->accept = "";
	r->status = 200;
	r->bodymax = REQ_DEF_BODY;
	r->start = now_usec();
	if (fieldsz == 0)
		return 1;
	r->fieldmap = calloc(fieldsz, sizeof(*r->fieldmap));
	r->fielderr = calloc(fieldsz, sizeof(*r->fielderr));
	return r->fieldmap != NULL && r->fielderr != NULL;
}

void
req_free(struct req *r)
{
	size_t	 i;

	for (i = 0; i < r->kvsz; i++) {
		free(r->kvs[i].key);
		free(r->kvs[i].val);
		free(r->kvs[i].filename);
		free(r->kvs[i].ctype);
	}
	free(r->kvs);
	for (i = 0; i < r->headersz; i++) {
		free(r->headers[i].name);
		free(r->headers[i].value);
	}
	free(r->headers);
	free(r->fieldmap);
	free(r->fielderr);
	free(r->body);
	memset(r, 0, sizeof(*r));
}


/*
 * Decodes application/x-www-form-urlencoded text in place: '+' is a space
 * and %XX a byte. *len is the input length and becomes the output length;
 * the result is NUL-terminated (s must have room for len + 1 bytes).
 * Returns 0 on a malformed escape.
 */
int
url_decode(char *s, size_t *len)
{
	size_t	 i, o;
	int	 hi, lo;

	for (i = o = 0; i < *len; i++, o++) {
		if (s[i] == '+')
			s[o] = ' ';
		else if (s[i] == '%') {
			if (*len - i < 3 ||
			    (hi = hex_value((unsigned char)s[i + 1])) < 0 ||
			    (lo = hex_value((unsigned char)s[i + 2])) < 0)
				return 0;
			s[o] = (char)(hi << 4 | lo);
			i += 2;
		} else
			s[o] = s[i];
	}
	s[o] = '\0';
	*len = o;
	return 1;
}

static ssize_t
field_find(const struct req *r, const char *key)
{
	size_t	 i;

	for (i = 0; i < r->fieldsz; i++)
		if (strcmp(r->fields[i].name, key) == 0)
			return (ssize_t)i;
	return -1;
}

/*
 * Rebuilds fieldmap[] and fielderr[] from the pairs, in their order, so
 * that each list starts with the first pair of its field.
 */
void
req_file(struct req *r)
{
	struct kv	**tail;
	size_t		  i, f;

	for (f = 0; f < r->fieldsz; f++)
		r->fieldmap[f] = r->fielderr[f] = NULL;
	for (i = r->kvsz; i-- > 0; ) {
		if (r->kvs[i].state == KV_UNKNOWN)
			continue;
		f = r->kvs[i].field;
		tail = r->kvs[i].state == KV_VALID ?
		    &r->fieldmap[f] : &r->fielderr[f];
		r->kvs[i].next = *tail;
		*tail = &r->kvs[i];
	}
}

/*
 * Checks one decoded pair against its fieldspec.
 */
static void
kv_check(struct req *r, struct kv *kv)
{
	const struct fieldspec	*fs;
	ssize_t			 f;

	if ((f = field_find(r, kv->key)) < 0) {
		kv->state = KV_UNKNOWN;
		return;
	}
	fs = &r->fields[f];
	kv->field = (size_t)f;
	kv->state = KV_INVALID;
	if (kv->err != KVERR_NONE)
		return;
	if (kv->valsz > fs->max) {
		kv->err = KVERR_TOOLONG;
		return;
	}
	/* A file's bytes are binary: only its validator judges them. */
	if (kv->filename == NULL && (memchr(kv->val, '\0', kv->valsz) != NULL ||
	    !utf8_valid(kv->val, kv->valsz))) {
		kv->err = KVERR_ENCODING;
		return;
	}
	if (!(fs->valid ? fs->valid : valid_line)(kv)) {
		kv->err = KVERR_VALUE;
		return;
	}
	if (kv->filename == NULL)
		kv->valsz = strlen(kv->val);
	/* Normalisation may have lengthened it past the limit. */
	if (kv->valsz > fs->max) {
		kv->err = KVERR_TOOLONG;
		return;
	}
	kv->state = KV_VALID;
}

/*
 * Appends one decoded pair, taking ownership of `key`, `val` (valsz
 * bytes, NUL-terminated), `filename` and `ctype` (both may be NULL), and
 * checks it against the field table. Call req_file() once all are in.
 * Returns 200, 413 past REQ_MAX_PAIRS, or 500 when memory runs out; on
 * failure the strings are freed.
 */
int
req_add_pair(struct req *r, char *key, char *val, size_t valsz,
    char *filename, char *ctype)
{
	struct kv	*kv, *nkvs;

	if (r->kvsz == REQ_MAX_PAIRS ||
	    (nkvs = realloc(r->kvs, (r->kvsz + 1) * sizeof(*r->kvs))) == NULL) {
		free(key);
		free(val);
		free(filename);
		free(ctype);
		return r->kvsz == REQ_MAX_PAIRS ? 413 : 500;
	}
	r->kvs = nkvs;
	kv = &r->kvs[r->kvsz++];
	memset(kv, 0, sizeof(*kv));
	kv->key = key;
	kv->val = val;
	kv->valsz = valsz;
	kv->filename = filename;
	kv->ctype = ctype;
	kv_check(r, kv);
	return 200;
}

/*
 * Parses `len` bytes of urlencoded pairs (a query string or a body) and
 * appends them to the request's pairs.
 * Returns 200, 400 for a malformed name, 413 for too many pairs, or 500
 * when memory runs out.
 */
int
req_parse_urlencoded(struct req *r, const char *buf, size_t len)
{
	const char	*p, *end, *amp, *eq;
	char		*key, *val;
	size_t		 klen, vlen;
	int		 bad, code;

	for (p = buf, end = buf + len; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p)
			continue;
		if (r->kvsz == REQ_MAX_PAIRS)
			return 413;
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		klen = (size_t)(eq - p);
		vlen = eq == amp ? 0 : (size_t)(amp - eq - 1);
		if (klen == 0 || klen > REQ_MAX_KEY * 3)
			return 400;
		/* A name must decode cleanly; a value may fail and be shown.
		 * (Not strndup: the bytes may hold a NUL.) */
		if ((key = malloc(klen + 1)) == NULL)
			return 500;
		memcpy(key, p, klen);
		key[klen] = '\0';
		if (!url_decode(key, &klen) || klen > REQ_MAX_KEY ||
		    memchr(key, '\0', klen) != NULL) {
			free(key);
			return 400;
		}
		if ((val = malloc(vlen + 1)) == NULL) {
			free(key);
			return 500;
		}
		memcpy(val, eq == amp ? "" : eq + 1, vlen);
		val[vlen] = '\0';
		if ((bad = !url_decode(val, &vlen))) {
			/* Kept as typed, to be shown again beside its error. */
			memcpy(val, eq + 1, vlen);
			val[vlen] = '\0';
		}
		if ((code = req_add_pair(r, key, val, vlen, NULL, NULL)) != 200)
			return code;
		if (bad) {
			/* Shown as a field error when the field is known. */
			r->kvs[r->kvsz - 1].err = KVERR_ENCODING;
			if (r->kvs[r->kvsz - 1].state == KV_VALID)
				r->kvs[r->kvsz - 1].state = KV_INVALID;
		}
	}
	req_file(r);
	return 200;
}

static const char *
env_get(const char *const *envp, const char *name)
{
	size_t	 n = strlen(name);

	for (; envp != NULL && *envp != NULL; envp++)
		if (strncmp(*envp, name, n) == 0 && (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

/*
 * Looks up a FastCGI parameter (or, in tests, an environment string).
 */
const char *
req_param(const struct req *r, const char *name)
{
	return r->fr == NULL ? NULL :
	    env_get((const char *const *)r->fr->envp, name);
}

/*
 * Reads the request line's parts from the parameters and, for GET and
 * HEAD, parses the query string. POST fields come only from the body, so
 * a token in a URL is never taken for a form's.
 * Returns 200, or the status that refuses the request (405, 414, 400, 413).
 */
int
req_parse_env(struct req *r, const char *const *envp)
{
	const char	*v;
	size_t		 qlen;
	int		 m;

	r->method = METHOD_OTHER;
	if ((v = env_get(envp, "REQUEST_METHOD")) != NULL)
		for (m = 0; m < METHOD_OTHER; m++)
			if (strcmp(v, method_names[m]) == 0)
				r->method = (enum method)m;
	if ((v = env_get(envp, "DOCUMENT_URI")) != NULL ||
	    (v = env_get(envp, "SCRIPT_NAME")) != NULL)
		r->path = v;
	if ((v = env_get(envp, "QUERY_STRING")) != NULL)
		r->query = v;
	if ((v = env_get(envp, "CONTENT_TYPE")) != NULL)
		r->ctype = v;
	if ((v = env_get(envp, "REMOTE_USER")) != NULL && *v != '\0')
		r->remote_user = v;
	if ((v = env_get(envp, "REMOTE_ADDR")) != NULL)
		r->remote_addr = v;
	if ((v = env_get(envp, "HTTP_ACCEPT")) != NULL)
		r->accept = v;
	if (r->method == METHOD_OTHER)
		return 405;
	if ((qlen = strlen(r->query)) > REQ_MAX_QUERY)
		return 414;
	if (r->method == METHOD_POST)
		return 200;
	return req_parse_urlencoded(r, r->query, qlen);
}

/*
 * Parses a whole request from nginx: parameters, then for POST the body,
 * refused with 413 before reading when CONTENT_LENGTH exceeds `bodymax`.
 * Returns the status to go on with (200) or to answer with.
 */
int
req_parse(struct req *r, struct FCGX_Request *fr, size_t bodymax)
{
	const char	*v;
	char		*end;
	unsigned long long len;
	int		 code, n;
	size_t		 got;

	r->fr = fr;
	r->bodymax = bodymax;
	if ((code = req_parse_env(r, (const char *const *)fr->envp)) != 200)
		return code;
	if (r->method != METHOD_POST)
		return 200;
	v = env_get((const char *const *)fr->envp, "CONTENT_LENGTH");
	if (v == NULL || *v == '\0')
		return 200;
	errno = 0;
	len = strtoull(v, &end, 10);
	if (*end != '\0' || errno != 0 || *v == '-')
		return 400;
	if (len > bodymax)
		return 413;
	if ((r->body = malloc(len + 1)) == NULL)
		return 500;
	for (got = 0; got < len; got += (size_t)n)
		if ((n = FCGX_GetStr(r->body + got, (int)(len - got),
		    fr->in)) <= 0)
			return 400;
	r->body[len] = '\0';
	r->bodysz = len;
	if (len == 0)
		return 200;
	if (strncasecmp(r->ctype, "application/x-www-form-urlencoded",
	    33) == 0)
		return req_parse_urlencoded(r, r->body, r->bodysz);
	if (strncasecmp(r->ctype, "multipart/form-data", 19) == 0)
		return req_parse_multipart(r, r->body, r->bodysz, r->ctype);
	return 415;
}

/*
 * The first valid value of field `f`, or NULL when absent or invalid.
 */
const char *
req_field(const struct req *r, size_t f)
{
	return f < r->fieldsz && r->fieldmap[f] != NULL ?
	    r->fieldmap[f]->val : NULL;
}

/*
 * Adds a response header. Names and values are copied; a value with a
 * CR or LF is refused (header injection). Returns 0 on refusal or when
 * memory runs out.
 */
int
req_header(struct req *r, const char *name, const char *value)
{
	struct header	*h;

	if (strpbrk(value, "\r\n") != NULL || strpbrk(name, "\r\n: ") != NULL)
		return 0;
	if ((h = realloc(r->headers, (r->headersz + 1) * sizeof(*h))) == NULL)
		return 0;
	r->headers = h;
	h = &r->headers[r->headersz];
	h->name = strdup(name);
	h->value = strdup(value);
	if (h->name == NULL || h->value == NULL) {
		free(h->name);
		free(h->value);
		return 0;
	}
	r->headersz++;
	return 1;
}

/*
 * Sets a cookie for the whole site, HttpOnly when asked, always
 * SameSite=Lax; maxage < 0 makes a session cookie, 0 deletes it.
 * Values are limited to cookie-octets (RFC 6265 4.1.1).
 */
int
req_cookie(struct req *r, const char *name, const char *value, long maxage,
    int httponly)
{
	struct buf	 b;
	const char	*p;
	int		 rc;

	for (p = value; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || *p == '"' || *p == ',' ||
		    *p == ';' || *p == '\\' || (unsigned char)*p >= 0x7f)
			return 0;
	buf_init(&b);
	rc = buf_printf(&b, "%s=%s; Path=/; SameSite=Lax%s", name, value,
	    httponly ? "; HttpOnly" : "");
	if (rc && maxage >= 0)
		rc = buf_printf(&b, "; Max-Age=%ld", maxage);
	if (rc)
		rc = req_header(r, "Set-Cookie", b.s);
	buf_free(&b);
	return rc;
}

/*
 * Whether the client asked for the page document itself: its Accept
 * names application/xml or text/xml with a non-zero quality, and no
 * text/html (which every browser lists). Media types compare without
 * regard to case (RFC 9110 8.3.1).
 */
int
req_wants_xml(const struct req *r)
{
	const char	*p = r->accept, *end, *q;
	size_t		 n;
	int		 xml = 0, html = 0, zero;

	for (; *p != '\0'; p = *end ? end + 1 : end) {
		while (*p == ' ' || *p == '\t')
			p++;
		end = p + strcspn(p, ",");
		n = strcspn(p, ";, \t");
		/* "q=0" (or 0.0, 0.00 …) refuses the type. */
		zero = 0;
		for (q = p + n; q < end; q++)
			if ((q[0] == 'q' || q[0] == 'Q') && q[1] == '=' &&
			    q[2] == '0' && strspn(q + 3, ".0") ==
			    strcspn(q + 3, ", \t;"))
				zero = 1;
		if (zero)
			continue;
		if ((n == 15 && strncasecmp(p, "application/xml", 15) == 0) ||
		    (n == 8 && strncasecmp(p, "text/xml", 8) == 0))
			xml = 1;
		else if (n == 9 && strncasecmp(p, "text/html", 9) == 0)
			html = 1;
	}
	return xml && !html;
}
