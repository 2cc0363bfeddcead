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
 * One request: GET `url` + `suffix`, or POST `body` when it is set.
 * The answer's status in *status, its body in `ans`. Returns WIRE_OK or
 * WIRE_NETWORK.
 */
static enum wirerc
request(struct wire *w, const char *suffix, const void *body, size_t len,
    long *status, struct buf *ans)
{
	struct curl_slist	*h = NULL;
	char			 url[1200], err[CURL_ERROR_SIZE] = "";
	CURLcode		 cc = CURLE_OUT_OF_MEMORY;
	CURL			*c;

	buf_reset(ans);
	snprintf(url, sizeof(url), "%s%s", w->url, suffix);
	if ((c = curl_easy_init()) == NULL)
		return fail(w, WIRE_NETWORK, "cannot start an HTTP client");
	h = curl_slist_append(h, "Accept: application/xml");
	if (body != NULL)
		h = curl_slist_append(h, "Content-Type: application/pkcs10");
	if (h == NULL ||
	    curl_easy_setopt(c, CURLOPT_URL, url) != CURLE_OK ||
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
	    CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len) != CURLE_OK)))
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

/*
 * The answer as an XML document whose root is `want`; a refusal (any
 * status but 200 with <refusal>) fills w->refusal and w->why. Returns
 * WIRE_OK with *docp (the caller frees it), WIRE_REFUSED or
 * WIRE_PROTOCOL.
 */
static enum wirerc
answer(struct wire *w, long status, const struct buf *ans, const char *want,
    xmlDocPtr *docp)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	xmlChar		*text;
	enum wirerc	 rc;

	*docp = NULL;
	doc = xmlReadMemory(ans->s, (int)ans->len, "answer.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (root != NULL && xmlStrcmp(root->name,
	    (const xmlChar *)"refusal") == 0 && status >= 400) {
		attr(root, "code", w->refusal, sizeof(w->refusal));
		text = xmlNodeGetContent(root);
		rc = fail(w, WIRE_REFUSED, "%s", text != NULL && *text ?
		    (const char *)text : w->refusal);
		xmlFree(text);
		xmlFreeDoc(doc);
		return rc;
	}
	if (status != 200 || root == NULL ||
	    xmlStrcmp(root->name, (const xmlChar *)want) != 0) {
		xmlFreeDoc(doc);
		if (status == 429)
			return fail(w, WIRE_REFUSED, "the server is busy with "
			    "too many requests: try again in a minute");
		return fail(w, WIRE_PROTOCOL, "the server's answer (HTTP "
		    "%ld) is not a card protocol answer: is the link "
		    "right?", status);
	}
	*docp = doc;
	return WIRE_OK;
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
	if ((rc = request(w, "", NULL, 0, &status, &ans)) != WIRE_OK ||
	    (rc = answer(w, status, &ans, "card", &doc)) != WIRE_OK)
		goto out;
	root = xmlDocGetRootElement(doc);
	attr(root, "purpose", ci->purpose, sizeof(ci->purpose));
	attr(root, "order", ci->order, sizeof(ci->order));
	attr(root, "key", ci->key, sizeof(ci->key));
	attr(root, "expires", ci->expires, sizeof(ci->expires));
	if (*ci->purpose == '\0' || *ci->key == '\0')
		rc = fail(w, WIRE_PROTOCOL, "the server's answer names no "
		    "purpose or key");
out:
	xmlFreeDoc(doc);
	buf_free(&ans);
	return rc;
}

/* POST {url}/csr: the server's summary of what it accepted, in `said`. */
enum wirerc
wire_post_csr(struct wire *w, const unsigned char *der, size_t len,
    char *said, size_t saidsz)
{
	struct buf	 ans;
	xmlDocPtr	 doc = NULL;
	xmlChar		*text;
	long		 status = 0;
	enum wirerc	 rc;

	buf_init(&ans);
	if ((rc = request(w, "/csr", der, len, &status, &ans)) != WIRE_OK ||
	    (rc = answer(w, status, &ans, "accepted", &doc)) != WIRE_OK)
		goto out;
	text = xmlNodeGetContent(xmlDocGetRootElement(doc));
	snprintf(said, saidsz, "%s", text != NULL ? (const char *)text : "");
	xmlFree(text);
out:
	xmlFreeDoc(doc);
	buf_free(&ans);
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

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(c->name, (const xmlChar *)name) == 0)
			break;
	if (c == NULL || (text = xmlNodeGetContent(c)) == NULL)
		return NULL;
	if ((b = BIO_new_mem_buf(text, -1)) != NULL)
		x = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	xmlFree(text);
	ERR_clear_error();
	return x;
}

/*
 * GET {url}/certificate: the certificate and the issuing CA's, the
 * first checked signed by the second. The caller frees both.
 */
enum wirerc
wire_certificate(struct wire *w, X509 **cert, X509 **ca)
{
	struct buf	 ans;
	xmlDocPtr	 doc = NULL;
	long		 status = 0;
	enum wirerc	 rc;

	*cert = *ca = NULL;
	buf_init(&ans);
	if ((rc = request(w, "/certificate", NULL, 0, &status, &ans)) !=
	    WIRE_OK ||
	    (rc = answer(w, status, &ans, "certificate", &doc)) != WIRE_OK)
		goto out;
	*cert = pem_child(xmlDocGetRootElement(doc), "cert");
	*ca = pem_child(xmlDocGetRootElement(doc), "ca");
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
	return rc;
}
