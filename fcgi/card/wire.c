/*
 * The card protocol, the agent's side: see wire.h and docs/card.md.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "buf.h"
#include "wire.h"

#define SCHEME		"smime-card:"
#define CODE_HEX	32		/* 128 bits */
#define ANSWER_MAX	(256 * 1024)	/* the largest answer read */
#define TIMEOUT		60		/* seconds for one request */

const char *const wirerc_names[WIRE__MAX] = {
	"ok",		/* WIRE_OK */
	"refused",	/* WIRE_REFUSED */
	"network",	/* WIRE_NETWORK */
	"protocol",	/* WIRE_PROTOCOL */
};

static enum wirerc
fail(struct wire *w, enum wirerc rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum wirerc
fail(struct wire *w, enum wirerc rc, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(w->why, sizeof(w->why), fmt, ap);
	va_end(ap);
	return rc;
}

/* Whether a URL's host (between "//" and the next '/') is loopback. */
static int
loopback(const char *host, size_t len)
{
	static const char *const names[] = {
		"127.0.0.1", "localhost", "[::1]", NULL
	};
	size_t	 i, n;

	for (i = 0; names[i] != NULL; i++) {
		n = strlen(names[i]);
		if (len >= n && strncmp(host, names[i], n) == 0 &&
		    (len == n || host[n] == ':'))
			return 1;
	}
	return 0;
}

/*
 * Takes the link: "smime-card:" then an https URL (http only to a
 * loopback address, for a server on this machine) whose path ends in
 * /activation/card/{32 hex digits}, without query or fragment. Returns
 * 1, or 0 with w->why.
 */
int
wire_init(struct wire *w, const char *link, const char *cafile)
{
	const char	*u, *host, *path, *code;
	size_t		 n, i;

	memset(w, 0, sizeof(*w));
	w->cafile = cafile;
	u = strncmp(link, SCHEME, strlen(SCHEME)) == 0 ?
	    link + strlen(SCHEME) : link;
	if (strncmp(u, "https://", 8) == 0)
		host = u + 8;
	else if (strncmp(u, "http://", 7) == 0)
		host = u + 7;
	else
		return fail(w, WIRE_PROTOCOL, "not an smime-card link: %s",
		    link) == WIRE_OK;
	if ((path = strchr(host, '/')) == NULL || path == host)
		return fail(w, WIRE_PROTOCOL, "the link names no server "
		    "path: %s", link) == WIRE_OK;
	if (u[4] == ':' && !loopback(host, (size_t)(path - host)))
		return fail(w, WIRE_PROTOCOL, "the link is not https: "
		    "refused, the one-time code would travel in the "
		    "clear") == WIRE_OK;
	n = strlen(path);
	while (n > 0 && path[n - 1] == '/')
		n--;
	if (n < CODE_HEX + 1 || path[n - CODE_HEX - 1] != '/')
		return fail(w, WIRE_PROTOCOL, "the link holds no one-time "
		    "code: %s", link) == WIRE_OK;
	code = path + n - CODE_HEX;
	for (i = 0; i < CODE_HEX; i++)
		if (!isxdigit((unsigned char)code[i]))
			return fail(w, WIRE_PROTOCOL, "the link's one-time "
			    "code is malformed") == WIRE_OK;
	if ((size_t)(code - path) < strlen("/activation/card/") ||
	    strncmp(code - strlen("/activation/card/"), "/activation/card/",
	    strlen("/activation/card/")) != 0 ||
	    strpbrk(path, "?#") != NULL)
		return fail(w, WIRE_PROTOCOL, "not an smime-card link: %s",
		    link) == WIRE_OK;
	if ((size_t)(code + CODE_HEX - u) >= sizeof(w->url))
		return fail(w, WIRE_PROTOCOL, "the link is too long") ==
		    WIRE_OK;
	snprintf(w->url, sizeof(w->url), "%.*s", (int)(code + CODE_HEX - u),
	    u);
	return 1;
}

/* libcurl's sink: the answer, capped at ANSWER_MAX. */
static size_t
sink(char *p, size_t size, size_t n, void *arg)
{
	struct buf	*b = arg;

	if (b->len + size * n > ANSWER_MAX || !buf_add(b, p, size * n))
		return 0;
	return size * n;
}

/*
 * One request to the link: GET, or POST of the form `body` (urlencoded)
 * when it is set. The answer's status in *status, its body in `ans`.
 * Returns WIRE_OK or WIRE_NETWORK.
 */
static enum wirerc
request(struct wire *w, const char *body, long *status, struct buf *ans)
{
	struct curl_slist	*h = NULL;
	char			 err[CURL_ERROR_SIZE] = "";
	CURLcode		 cc = CURLE_OUT_OF_MEMORY;
	CURL			*c;

	buf_reset(ans);
	if ((c = curl_easy_init()) == NULL)
		return fail(w, WIRE_NETWORK, "cannot start an HTTP client");
	h = curl_slist_append(h, "Accept: application/xml");
	if (body != NULL)
		h = curl_slist_append(h, "Content-Type: "
		    "application/x-www-form-urlencoded");
	if (h == NULL ||
	    curl_easy_setopt(c, CURLOPT_URL, w->url) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https,http") !=
	    CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK ||
	    (w->cafile != NULL &&
	    curl_easy_setopt(c, CURLOPT_CAINFO, w->cafile) != CURLE_OK) ||
	    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)TIMEOUT) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_USERAGENT, "smime-card/"
	    PACKAGE_VERSION) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_WRITEDATA, ans) != CURLE_OK ||
	    (body != NULL && (curl_easy_setopt(c, CURLOPT_POSTFIELDS,
	    body) != CURLE_OK || curl_easy_setopt(c,
	    CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body)) !=
	    CURLE_OK)))
		goto out;
	cc = curl_easy_perform(c);
	if (cc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
out:
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	if (cc != CURLE_OK)
		return fail(w, WIRE_NETWORK, "cannot reach the server: %s",
		    *err ? err : curl_easy_strerror(cc));
	return WIRE_OK;
}

/* The value of attribute `name` of `n`, into `out`. */
static void
attr(xmlNodePtr n, const char *name, char *out, size_t outsz)
{
	xmlChar	*v = xmlGetProp(n, (const xmlChar *)name);

	snprintf(out, outsz, "%s", v != NULL ? (const char *)v : "");
	xmlFree(v);
}

/* The first child element of `n` named `name`, or NULL. */
static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	xmlNodePtr	 c;

	for (c = n != NULL ? n->children : NULL; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(c->name, (const xmlChar *)name) == 0)
			return c;
	return NULL;
}

/*
 * The answer, a page document (<page> with the element `want`); a
 * refusal (a status of 400 or more with <refusal code="…">) fills
 * w->refusal and w->why. Returns WIRE_OK with *docp and *nodep (the
 * caller frees the document), WIRE_REFUSED or WIRE_PROTOCOL.
 */
static enum wirerc
answer(struct wire *w, long status, const struct buf *ans, const char *want,
    xmlDocPtr *docp, xmlNodePtr *nodep)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, n;
	xmlChar		*text;
	enum wirerc	 rc;

	*docp = NULL;
	*nodep = NULL;
	doc = xmlReadMemory(ans->s, (int)ans->len, "answer.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (root != NULL && xmlStrcmp(root->name, (const xmlChar *)"page"))
		root = NULL;
	if (status >= 400 && (n = child(root, "refusal")) != NULL) {
		attr(n, "code", w->refusal, sizeof(w->refusal));
		text = xmlNodeGetContent(n);
		rc = fail(w, WIRE_REFUSED, "%s", text != NULL && *text ?
		    (const char *)text : w->refusal);
		xmlFree(text);
		xmlFreeDoc(doc);
		return rc;
	}
	if (status != 200 || (n = child(root, want)) == NULL) {
		xmlFreeDoc(doc);
		if (status == 429)
			return fail(w, WIRE_REFUSED, "the server is busy with "
			    "too many requests: try again in a minute");
		return fail(w, WIRE_PROTOCOL, "the server's answer (HTTP "
		    "%ld) is not a card protocol answer: is the link "
		    "right?", status);
	}
	if ((text = xmlNodeGetContent(child(root, "csrf"))) != NULL) {
		snprintf(w->csrf, sizeof(w->csrf), "%s", (const char *)text);
		xmlFree(text);
	}
	*docp = doc;
	*nodep = n;
	return WIRE_OK;
}

/*
 * The form of a POST: the page's csrf token, then `name`=`value` when
 * `name` is set, urlencoded, into `out`. Returns 0 when memory ran out.
 */
static int
form(struct wire *w, const char *name, const char *value, struct buf *out)
{
	char	*a, *b = NULL;
	int	 ok;

	if ((a = curl_easy_escape(NULL, w->csrf, 0)) == NULL ||
	    (name != NULL && (b = curl_easy_escape(NULL, value, 0)) == NULL)) {
		curl_free(a);
		return 0;
	}
	ok = buf_printf(out, "csrf=%s%s%s%s%s", a, name ? "&" : "",
	    name ? name : "", name ? "=" : "", b ? b : "");
	curl_free(a);
	curl_free(b);
	return ok;
}

/* GET {url}: what the code is for. */
enum wirerc
wire_info(struct wire *w, struct cardinfo *ci)
{
	struct buf	 ans;
	xmlDocPtr	 doc = NULL;
	xmlNodePtr	 root;
	long		 status = 0;
	enum wirerc	 rc;

	memset(ci, 0, sizeof(*ci));
	buf_init(&ans);
	if ((rc = request(w, NULL, &status, &ans)) != WIRE_OK ||
	    (rc = answer(w, status, &ans, "card", &doc, &root)) != WIRE_OK)
		goto out;
	attr(root, "purpose", ci->purpose, sizeof(ci->purpose));
	attr(root, "order", ci->order, sizeof(ci->order));
	attr(root, "key", ci->key, sizeof(ci->key));
	attr(root, "expires", ci->expires, sizeof(ci->expires));
	if (*ci->purpose == '\0' || *ci->key == '\0' || *w->csrf == '\0')
		rc = fail(w, WIRE_PROTOCOL, "the server's answer names no "
		    "purpose, key or form token");
out:
	xmlFreeDoc(doc);
	buf_free(&ans);
	return rc;
}

/*
 * POST {url} with the CSR (PEM): the server's summary of what it
 * accepted into `said`.
 */
enum wirerc
wire_post_csr(struct wire *w, const char *pem, char *said, size_t saidsz)
{
	struct buf	 ans, body;
	xmlDocPtr	 doc = NULL;
	xmlNodePtr	 n;
	xmlChar		*text;
	long		 status = 0;
	enum wirerc	 rc;

	buf_init(&ans);
	buf_init(&body);
	if (!form(w, "csr", pem, &body)) {
		rc = fail(w, WIRE_NETWORK, "out of memory");
		goto out;
	}
	if ((rc = request(w, body.s, &status, &ans)) != WIRE_OK ||
	    (rc = answer(w, status, &ans, "accepted", &doc, &n)) != WIRE_OK)
		goto out;
	text = xmlNodeGetContent(n);
	snprintf(said, saidsz, "%s", text != NULL ? (const char *)text : "");
	xmlFree(text);
out:
	xmlFreeDoc(doc);
	buf_free(&ans);
	buf_free(&body);
	return rc;
}

/* The PEM text of child `name` of `n` as an X509, or NULL. */
static X509 *
pem_child(xmlNodePtr n, const char *name)
{
	xmlNodePtr	 c;
	xmlChar		*text;
	BIO		*b;
	X509		*x = NULL;

	if ((c = child(n, name)) == NULL ||
	    (text = xmlNodeGetContent(c)) == NULL)
		return NULL;
	if ((b = BIO_new_mem_buf(text, -1)) != NULL)
		x = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	xmlFree(text);
	ERR_clear_error();
	return x;
}

/*
 * POST {url} with the form token alone: the certificate and the
 * issuing CA's, the first checked signed by the second. The caller
 * frees both.
 */
enum wirerc
wire_certificate(struct wire *w, X509 **cert, X509 **ca)
{
	struct buf	 ans, body;
	xmlDocPtr	 doc = NULL;
	xmlNodePtr	 n;
	long		 status = 0;
	enum wirerc	 rc;

	*cert = *ca = NULL;
	buf_init(&ans);
	buf_init(&body);
	if (!form(w, NULL, NULL, &body)) {
		rc = fail(w, WIRE_NETWORK, "out of memory");
		goto out;
	}
	if ((rc = request(w, body.s, &status, &ans)) != WIRE_OK ||
	    (rc = answer(w, status, &ans, "certificate", &doc, &n)) != WIRE_OK)
		goto out;
	*cert = pem_child(n, "cert");
	*ca = pem_child(n, "ca");
	if (*cert == NULL || *ca == NULL) {
		rc = fail(w, WIRE_PROTOCOL, "the server's answer holds no "
		    "certificate and CA certificate");
		goto out;
	}
	if (X509_check_issued(*ca, *cert) != X509_V_OK ||
	    X509_verify(*cert, X509_get0_pubkey(*ca)) != 1) {
		ERR_clear_error();
		rc = fail(w, WIRE_PROTOCOL, "the certificate is not signed "
		    "by the CA certificate sent with it");
		goto out;
	}
	rc = WIRE_OK;
out:
	if (rc != WIRE_OK) {
		X509_free(*cert);
		X509_free(*ca);
		*cert = *ca = NULL;
	}
	xmlFreeDoc(doc);
	buf_free(&ans);
	buf_free(&body);
	return rc;
}
