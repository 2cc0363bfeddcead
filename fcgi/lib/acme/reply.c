/*
 * email-reply-00 challenge replies: see reply.h.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <sys/types.h>

#include <opendkim/dkim.h>

#include "b64u.h"
#include "buf.h"
#include "dnstxt.h"
#include "log.h"
#include "mailbox.h"
#include "reply.h"

const char *const replyerr_names[REPLY__MAX] = {
	"ok",		/* REPLY_OK */
	"too-big",	/* REPLY_TOOBIG */
	"malformed",	/* REPLY_MALFORMED */
	"from",		/* REPLY_FROM */
	"subject",	/* REPLY_SUBJECT */
	"response",	/* REPLY_RESPONSE */
	"nomem",	/* REPLY_NOMEM */
};

const char *const reply_dkim_names[RDKIM__MAX] = {
	"pass",		/* RDKIM_PASS */
	"none",		/* RDKIM_NONE */
	"fail",		/* RDKIM_FAIL */
	"tempfail",	/* RDKIM_TEMPFAIL */
};

#define LINE_MAX_OCTETS	998	/* RFC 5322 2.1.1, without the CRLF */
#define DKIM_TIMEOUT_MS	5000

static int
b64u_char(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

void
reply_free(struct reply *r)
{
	buf_free(&r->msg);
	memset(r, 0, sizeof(*r));
	buf_init(&r->msg);
}

/*
 * The mailbox of a From field's value `v` (`n` bytes, unfolded): a bare
 * address or one in angle brackets after a display name. Two addresses,
 * groups and comments are refused. Returns 1 with r->from set.
 */
static int
from_mailbox(struct reply *r, const char *v, size_t n)
{
	char		 addr[MAILBOX_MAX + 1], disp[1024];
	const char	*lt, *gt, *why, *s = v, *e = v + n;

	if (memchr(v, ',', n) != NULL || memchr(v, ';', n) != NULL ||
	    memchr(v, '(', n) != NULL)
		return 0;
	if ((lt = memchr(v, '<', n)) != NULL) {
		if ((gt = memchr(lt, '>', e - lt)) == NULL ||
		    memchr(lt + 1, '<', e - lt - 1) != NULL)
			return 0;
		for (s = gt + 1; s < e; s++)
			if (*s != ' ' && *s != '\t')
				return 0;
		s = lt + 1;
		e = gt;
	}
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e == s || (size_t)(e - s) > MAILBOX_MAX)
		return 0;
	memcpy(addr, s, e - s);
	addr[e - s] = '\0';
	return mailbox_normalize(addr, r->from, sizeof(r->from), disp,
	    sizeof(disp), &why);
}

/* token-part1 from the Subject's value: "ACME: " then 22 characters. */
static int
subject_token(struct reply *r, const char *v, size_t n)
{
	const char	*p, *e = v + n;
	size_t		 i;

	for (p = v; p + 6 + 22 <= e; p++) {
		if (memcmp(p, "ACME: ", 6) != 0)
			continue;
		p += 6;
		for (i = 0; i < 22; i++)
			if (!b64u_char((unsigned char)p[i]))
				return 0;
		if (p + 22 < e && p[22] != ' ' && p[22] != '\t')
			return 0;
		memcpy(r->token1, p, 22);
		r->token1[22] = '\0';
		return 1;
	}
	return 0;
}

/*
 * The response between the BEGIN and END lines of the body: one line of
 * 43 base64url characters (SHA-256), blank lines around it allowed.
 */
static int
body_response(struct reply *r)
{
	const char	*p = r->msg.s + r->body, *end = r->msg.s + r->msg.len;
	const char	*nl, *s, *e;
	int		 state = 0;	/* 0 before BEGIN, 1 inside, 2 got it */

	for (; p < end; p = nl + 2) {
		if ((nl = strstr(p, "\r\n")) == NULL)
			nl = end;
		s = p;
		e = nl;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (state == 0) {
			if (e - s == 29 &&
			    memcmp(s, "-----BEGIN ACME RESPONSE-----", 29) == 0)
				state = 1;
		} else if (e == s)
			continue;
		else if (e - s == 27 &&
		    memcmp(s, "-----END ACME RESPONSE-----", 27) == 0)
			return state == 2;
		else if (state == 1 && e - s == 43) {
			for (; s < e; s++)
				if (!b64u_char((unsigned char)*s))
					return 0;
			memcpy(r->response, e - 43, 43);
			r->response[43] = '\0';
			state = 2;
		} else
			return 0;
		if (nl == end)
			break;
	}
	return 0;
}

/*
 * Parses `len` bytes of a reply into `r` (see reply.h). Line ends are
 * made CRLF (a pipe transport hands LF). Returns REPLY_OK, or the first
 * rule broken; `r` is to be freed with reply_free() either way.
 */
enum replyerr
reply_parse(struct reply *r, const void *data, size_t len)
{
	const unsigned char	*in = data;
	unsigned char		 md[32];
	const char		*p, *nl, *colon, *hend;
	struct buf		 field;
	size_t			 i, line = 0, nfrom = 0, nsubj = 0, vlen;
	enum replyerr		 rc = REPLY_MALFORMED;

	memset(r, 0, sizeof(*r));
	buf_init(&r->msg);
	buf_init(&field);
	if (len > REPLY_MAX)
		return REPLY_TOOBIG;
	if (EVP_Digest(data, len, md, NULL, EVP_sha256(), NULL) != 1)
		return REPLY_NOMEM;
	for (i = 0; i < sizeof(md); i++)
		snprintf(r->sha256 + 2 * i, 3, "%02x", md[i]);
	if (!buf_grow(&r->msg, len + len / 8 + 2))
		return REPLY_NOMEM;
	for (i = 0; i < len; i++) {
		if (in[i] == '\0')
			return REPLY_MALFORMED;
		if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
			if (!buf_addc(&r->msg, '\r'))
				return REPLY_NOMEM;
		}
		if (in[i] == '\r' && (i + 1 >= len || in[i + 1] != '\n'))
			return REPLY_MALFORMED;
		if (!buf_addc(&r->msg, in[i]))
			return REPLY_NOMEM;
		line = in[i] == '\n' ? 0 : line + 1;
		if (line > LINE_MAX_OCTETS + 1)
			return REPLY_TOOBIG;
	}
	if ((hend = strstr(r->msg.s, "\r\n\r\n")) == NULL)
		return REPLY_MALFORMED;
	r->body = hend + 4 - r->msg.s;

	/* Each header field, unfolded into `field`. */
	for (p = r->msg.s; p < hend + 2; p = nl + 2) {
		nl = strstr(p, "\r\n");
		buf_reset(&field);
		if (!buf_add(&field, p, nl - p)) {
			rc = REPLY_NOMEM;
			goto out;
		}
		while (nl[2] == ' ' || nl[2] == '\t') {
			p = nl + 2;
			nl = strstr(p, "\r\n");
			if (!buf_add(&field, p, nl - p)) {
				rc = REPLY_NOMEM;
				goto out;
			}
		}
		if ((colon = memchr(field.s, ':', field.len)) == NULL ||
		    colon == field.s)
			goto out;
		for (i = 0; field.s + i < colon; i++)
			if (field.s[i] <= ' ' || field.s[i] > '~')
				goto out;
		vlen = field.len - (colon + 1 - field.s);
		if (colon - field.s == 4 &&
		    strncasecmp(field.s, "From", 4) == 0) {
			if (nfrom++ > 0 || !from_mailbox(r, colon + 1, vlen)) {
				rc = REPLY_FROM;
				goto out;
			}
		} else if (colon - field.s == 7 &&
		    strncasecmp(field.s, "Subject", 7) == 0) {
			if (nsubj++ > 0 || !subject_token(r, colon + 1, vlen)) {
				rc = REPLY_SUBJECT;
				goto out;
			}
		}
	}
	if (nfrom != 1) {
		rc = REPLY_FROM;
		goto out;
	}
	if (nsubj != 1) {
		rc = REPLY_SUBJECT;
		goto out;
	}
	if (!body_response(r)) {
		rc = REPLY_RESPONSE;
		goto out;
	}
	rc = REPLY_OK;
out:
	buf_free(&field);
	return rc;
}

/*
 * Whether the response is base64url(SHA-256(token-part1 || token-part2
 * "." thumbprint)) (RFC 8823 section 3, RFC 8555 8.1), compared in
 * constant time.
 */
int
reply_digest_ok(const struct reply *r, const char *token2, const char *tp)
{
	unsigned char	 md[32];
	struct buf	 ka, want;
	int		 ok = 0;

	buf_init(&ka);
	buf_init(&want);
	if (!buf_adds(&ka, r->token1) || !buf_adds(&ka, token2) ||
	    !buf_addc(&ka, '.') || !buf_adds(&ka, tp))
		goto out;
	if (EVP_Digest(ka.s, ka.len, md, NULL, EVP_sha256(), NULL) != 1 ||
	    !b64u_encode(&want, md, sizeof(md)) || want.len != 43 ||
	    strlen(r->response) != 43)
		goto out;
	ok = CRYPTO_memcmp(want.s, r->response, 43) == 0;
out:
	buf_free(&ka);
	buf_free(&want);
	return ok;
}

struct lookup {
	const char	*dns;
	int		 tempfail;
};

/* OpenDKIM's key lookup: <selector>._domainkey.<domain> TXT via dnstxt. */
static DKIM_CBSTAT
key_lookup(DKIM *d, DKIM_SIGINFO *sig, u_char *buf, size_t buflen)
{
	struct lookup	*l = dkim_get_user_context(d);
	const char	*sel = (const char *)dkim_sig_getselector(sig);
	const char	*dom = (const char *)dkim_sig_getdomain(sig);
	char		 name[512];
	int		 n;

	if (sel == NULL || dom == NULL)
		return DKIM_CBSTAT_ERROR;
	n = snprintf(name, sizeof(name), "%s._domainkey.%s", sel, dom);
	if (n < 0 || (size_t)n >= sizeof(name))
		return DKIM_CBSTAT_ERROR;
	switch (dnstxt_get(name, l->dns, DKIM_TIMEOUT_MS, (char *)buf,
	    buflen)) {
	case DNSTXT_OK:
		return DKIM_CBSTAT_CONTINUE;
	case DNSTXT_NONE:
		return DKIM_CBSTAT_NOTFOUND;
	default:
		l->tempfail = 1;
		return DKIM_CBSTAT_TRYAGAIN;
	}
}

/* Whether signer domain `d` is `from`'s domain or a parent of it. */
static int
aligned(const char *d, const char *from)
{
	const char	*dom = strrchr(from, '@');
	size_t		 n = strlen(d), m;

	if (dom == NULL)
		return 0;
	dom++;
	m = strlen(dom);
	if (n == 0 || strchr(d, '.') == NULL)
		return 0;
	if (strcasecmp(d, dom) == 0)
		return 1;
	return m > n && dom[m - n - 1] == '.' && strcasecmp(dom + m - n, d) == 0;
}

/*
 * Verifies the DKIM signatures of `r` through DNS server `dns` (NULL:
 * the system's). Passes when one verifies, body hash included, and its
 * d= is aligned with the From domain. Writes a one-line account to
 * `why` for the evidence. Returns RDKIM_PASS, RDKIM_NONE, RDKIM_FAIL or
 * RDKIM_TEMPFAIL.
 */
enum reply_dkim
reply_dkim(const struct reply *r, const char *dns, char *why, size_t whysz)
{
	static DKIM_LIB	*lib;
	DKIM		*d = NULL;
	DKIM_SIGINFO	**sigs = NULL;
	DKIM_STAT	 st;
	struct lookup	 l;
	const char	*p, *nl, *hend;
	const char	*dom;
	enum reply_dkim	 rc = RDKIM_FAIL;
	int		 nsigs = 0, i;
	unsigned int	 flags;

	snprintf(why, whysz, "no verdict");
	if (lib == NULL) {
		if ((lib = dkim_init(NULL, NULL)) == NULL) {
			log_warnx("dkim_init failed");
			snprintf(why, whysz, "DKIM library unavailable");
			return RDKIM_TEMPFAIL;
		}
		flags = DKIM_LIBFLAGS_FIXCRLF;
		dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_FLAGS, &flags,
		    sizeof(flags));
		dkim_set_key_lookup(lib, key_lookup);
	}
	l.dns = dns;
	l.tempfail = 0;
	if ((d = dkim_verify(lib, (const u_char *)"reply", NULL, &st)) ==
	    NULL) {
		snprintf(why, whysz, "dkim_verify: %d", st);
		return RDKIM_TEMPFAIL;
	}
	dkim_set_user_context(d, &l);
	hend = r->msg.s + r->body - 2;
	for (p = r->msg.s; p < hend; p = nl + 2) {
		nl = strstr(p, "\r\n");
		while (nl + 2 < hend && (nl[2] == ' ' || nl[2] == '\t'))
			nl = strstr(nl + 2, "\r\n");
		if (dkim_header(d, (u_char *)p, nl - p) != DKIM_STAT_OK) {
			snprintf(why, whysz, "a header DKIM cannot take");
			goto out;
		}
	}
	if ((st = dkim_eoh(d)) == DKIM_STAT_NOSIG) {
		snprintf(why, whysz, "no DKIM signature");
		rc = RDKIM_NONE;
		goto out;
	}
	if (dkim_body(d, (u_char *)r->msg.s + r->body,
	    r->msg.len - r->body) != DKIM_STAT_OK)
		goto out;
	st = dkim_eom(d, NULL);
	if (dkim_getsiglist(d, &sigs, &nsigs) != DKIM_STAT_OK)
		nsigs = 0;
	for (i = 0; i < nsigs; i++) {
		dom = (const char *)dkim_sig_getdomain(sigs[i]);
		if ((dkim_sig_getflags(sigs[i]) & DKIM_SIGFLAG_PASSED) &&
		    dkim_sig_getbh(sigs[i]) == DKIM_SIGBH_MATCH &&
		    dom != NULL && aligned(dom, r->from)) {
			snprintf(why, whysz, "DKIM pass: d=%s s=%s", dom,
			    (const char *)dkim_sig_getselector(sigs[i]));
			rc = RDKIM_PASS;
			goto out;
		}
	}
	if (l.tempfail) {
		snprintf(why, whysz, "DKIM key lookup failed");
		rc = RDKIM_TEMPFAIL;
	} else if (nsigs > 0) {
		dom = (const char *)dkim_sig_getdomain(sigs[0]);
		snprintf(why, whysz, "DKIM fail: d=%s: %s (status %d)",
		    dom ? dom : "?", dkim_sig_geterrorstr(
		    dkim_sig_geterror(sigs[0])) ? dkim_sig_geterrorstr(
		    dkim_sig_geterror(sigs[0])) : "not aligned", st);
	} else
		snprintf(why, whysz, "DKIM fail (status %d)", st);
out:
	/* The account goes into the evidence: no control characters. */
	for (i = 0; why[i] != '\0'; i++)
		if ((unsigned char)why[i] < 0x20 || why[i] == 0x7f)
			why[i] = '?';
	dkim_free(d);
	return rc;
}
