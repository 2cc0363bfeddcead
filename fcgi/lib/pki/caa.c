#include "config.h"

#include <sys/time.h>

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <ares.h>

#include "caa.h"
#include "log.h"

const char *const caa_result_names[CAA__MAX] = {
	"allowed",		/* CAA_ALLOWED */
	"forbidden",		/* CAA_FORBIDDEN */
	"lookup-failed",	/* CAA_LOOKUP_FAILED */
};

#define CAA_TYPE	257	/* RR type, RFC 8659 section 7.1 */
#define CLASS_IN	1
#define FLAG_CRITICAL	0x80	/* Issuer Critical, RFC 8659 4.1 */
#define FLAG_MISREAD	0x01	/* taken for it by many; see decide() */
#define MAX_LEVELS	128	/* 253 octets make 127 labels at most */

/*
 * ares_getsock()'s bit mask, read without its macros, which shift a
 * signed 1 into the sign bit for the 16th socket's "writable".
 */
#define SOCK_READABLE(bits, i)	(((unsigned)(bits) >> (i)) & 1u)
#define SOCK_WRITABLE(bits, i)	\
	(((unsigned)(bits) >> ((i) + ARES_GETSOCK_MAXNUM)) & 1u)

/*
 * Tags we know (RFC 8659 section 4.1: a critical property with any other
 * tag forbids issuance). Only issuemail is acted on; issue and issuewild
 * govern TLS certificates and do not restrict S/MIME (RFC 9495 section
 * 4); iodef asks for reports of refused requests, which we do not send.
 */
static const char *const known_tags[] = {
	"issuemail", "issue", "issuewild", "iodef",
};

/* One name asked about: the domain or one of its parents. */
struct level {
	const char	*name;		/* into the domain's copy */
	int		 done;		/* the callback ran */
	int		 status;	/* ARES_SUCCESS: caa is the RRset */
	struct ares_caa_reply *caa;	/* NULL: empty; ares_free_data() */
};

/* An account being written into the caller's buffer, cut short if long. */
struct acct {
	char	*buf;
	size_t	 sz;
	size_t	 len;
};

static int	 ares_ready;

static void
acct_printf(struct acct *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
acct_printf(struct acct *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	if (a->sz == 0 || a->len + 1 >= a->sz)
		return;
	va_start(ap, fmt);
	n = vsnprintf(a->buf + a->len, a->sz - a->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		a->buf[a->len] = '\0';
	else if ((size_t)n >= a->sz - a->len)
		a->len = a->sz - 1;
	else
		a->len += (size_t)n;
}

/*
 * Appends bytes that came from DNS, between double quotes, with quotes,
 * backslashes and anything but printable ASCII written as escapes: the
 * account goes into a line-oriented log.
 */
static void
acct_quoted(struct acct *a, const unsigned char *s, size_t n)
{
	size_t	 i;

	acct_printf(a, "\"");
	for (i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			acct_printf(a, "\\%c", s[i]);
		else if (s[i] < 0x20 || s[i] > 0x7e)
			acct_printf(a, "\\x%02x", s[i]);
		else
			acct_printf(a, "%c", s[i]);
	}
	acct_printf(a, "\"");
}

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * Whether the counted string `s` equals the C string `c`, ASCII letters
 * compared without case (not strncasecmp(3): no locale may change how
 * "ISSUEMAIL" compares).
 */
static int
eq_nocase(const unsigned char *s, size_t n, const char *c)
{
	size_t	 i;

	if (strlen(c) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower(s[i]) != lower((unsigned char)c[i]))
			return 0;
	return 1;
}

static int
alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static size_t
skip_wsp(const unsigned char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/*
 * RFC 8659 section 4.2: label = (ALPHA / DIGIT) *( *("-") (ALPHA /
 * DIGIT) ), the form of both a label of issuer-domain-name and a
 * parameter's tag. Returns the index after it, or `i` when none starts
 * there.
 */
static size_t
ldh_label(const unsigned char *s, size_t i, size_t n)
{
	size_t	 end;

	if (i >= n || !alnum(s[i]))
		return i;
	end = ++i;
	while (i < n && (alnum(s[i]) || s[i] == '-')) {
		if (alnum(s[i]))
			end = i + 1;
		i++;
	}
	return end;
}

/*
 * Parses an issuemail value by the grammar of RFC 9495 section 3, which
 * is that of issue values in RFC 8659 section 4.2:
 *
 *   issuemail-value = *WSP [issuer-domain-name *WSP]
 *                     [";" *WSP [parameters *WSP]]
 *   parameters = (parameter *WSP ";" *WSP parameters) / parameter
 *   parameter = tag *WSP "=" *WSP value
 *   value = *(%x21-3A / %x3C-7E)
 *
 * The `n` bytes at `s` are the value as DNS gave it (no NUL needed).
 * Sets *idn and *idnlen to the issuer-domain-name, empty when there is
 * none. Returns 1 if the value follows the grammar, 0 if it does not;
 * RFC 9495 section 4 then has the property name no one. Parameters are
 * otherwise not interpreted: none is defined for us.
 */
int
caa_issuemail_parse(const unsigned char *s, size_t n,
    const unsigned char **idn, size_t *idnlen)
{
	size_t	 i, j, start;

	*idn = s;
	*idnlen = 0;
	i = skip_wsp(s, 0, n);
	start = i;
	if ((j = ldh_label(s, i, n)) > i) {
		i = j;
		while (i < n && s[i] == '.') {
			if ((j = ldh_label(s, i + 1, n)) == i + 1)
				return 0;
			i = j;
		}
		*idn = s + start;
		*idnlen = i - start;
		i = skip_wsp(s, i, n);
	}
	if (i == n)
		return 1;
	if (s[i] != ';')
		return 0;
	i = skip_wsp(s, i + 1, n);
	if (i == n)
		return 1;
	for (;;) {
		/* parameter = tag *WSP "=" *WSP value */
		if ((j = ldh_label(s, i, n)) == i)
			return 0;
		i = skip_wsp(s, j, n);
		if (i == n || s[i] != '=')
			return 0;
		i = skip_wsp(s, i + 1, n);
		while (i < n && s[i] >= 0x21 && s[i] <= 0x7e && s[i] != ';')
			i++;
		i = skip_wsp(s, i, n);
		if (i == n)
			return 1;
		/* Another parameter must follow a ';': none may trail. */
		if (s[i] != ';')
			return 0;
		i = skip_wsp(s, i + 1, n);
	}
}

/* The name of a failed lookup's status, for the account. */
static const char *
status_name(int status)
{
	switch (status) {
	case ARES_ESERVFAIL:
		return "SERVFAIL";
	case ARES_EREFUSED:
		return "REFUSED";
	case ARES_EFORMERR:
		return "FORMERR";
	case ARES_ENOTIMP:
		return "NOTIMP";
	case ARES_ETIMEOUT:
	case ARES_ECANCELLED:	/* our deadline passed */
		return "timeout";
	case ARES_ECONNREFUSED:
		return "connection refused";
	case ARES_EBADRESP:
		return "malformed reply or CAA record";
	default:
		return ares_strerror(status);
	}
}

/*
 * c-ares calls this once per query: with the answer, or with why there is
 * none (ARES_EDESTRUCTION and ARES_ECANCELLED included). NXDOMAIN and an
 * answer without CAA records (NODATA, or a CNAME whose target has none)
 * are the empty RRset: RFC 8659 section 3 then goes up a level.
 */
static void
query_done(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct level	*l = arg;

	(void)timeouts;
	l->done = 1;
	switch (status) {
	case ARES_SUCCESS:
		/* All the CAA records of the answer, after any CNAMEs. */
		status = ares_parse_caa_reply(abuf, alen, &l->caa);
		if (status == ARES_ENODATA)
			status = ARES_SUCCESS;
		break;
	case ARES_ENODATA:
	case ARES_ENOTFOUND:
		status = ARES_SUCCESS;
		break;
	default:
		break;
	}
	l->status = status;
}

/*
 * RFC 8659 section 3: the Relevant RRset is that of the first level, from
 * the domain up, whose RRset is not empty. A failed lookup below it may
 * hide records, so it decides instead (fail closed), and one above it
 * does not matter. Returns the index of the first level that is not
 * empty, with *failed set when that is because its lookup failed; `n`
 * when every level is empty; -1 while a level up to there is unanswered.
 */
static int
relevant(const struct level *lv, int n, int *failed)
{
	int	 i;

	*failed = 0;
	for (i = 0; i < n; i++) {
		if (!lv[i].done)
			return -1;
		if (lv[i].status != ARES_SUCCESS) {
			*failed = 1;
			return i;
		}
		if (lv[i].caa != NULL)
			return i;
	}
	return n;
}

/*
 * Runs c-ares's event loop until relevant() can decide or `deadline`
 * (CLOCK_MONOTONIC milliseconds) passes; then cancels what is still
 * asked, which completes those levels with ARES_ECANCELLED. Returns 1, or
 * 0 when poll(2) fails.
 */
static int
run(ares_channel ch, struct level *lv, int n, long long deadline)
{
	ares_socket_t	 socks[ARES_GETSOCK_MAXNUM];
	struct pollfd	 pfd[ARES_GETSOCK_MAXNUM];
	struct timeval	 maxtv, tvbuf, *tv;
	long long	 left;
	int		 bits, i, np, ready, failed, ms;

	while (relevant(lv, n, &failed) == -1) {
		if ((left = deadline - now_ms()) <= 0) {
			ares_cancel(ch);
			break;
		}
		bits = ares_getsock(ch, socks, ARES_GETSOCK_MAXNUM);
		for (np = 0, i = 0; i < ARES_GETSOCK_MAXNUM; i++) {
			if (!SOCK_READABLE(bits, i) && !SOCK_WRITABLE(bits, i))
				continue;
			pfd[np].fd = socks[i];
			pfd[np].events = 0;
			pfd[np].revents = 0;
			if (SOCK_READABLE(bits, i))
				pfd[np].events |= POLLIN;
			if (SOCK_WRITABLE(bits, i))
				pfd[np].events |= POLLOUT;
			np++;
		}
		maxtv.tv_sec = left / 1000;
		maxtv.tv_usec = (left % 1000) * 1000;
		tv = ares_timeout(ch, &maxtv, &tvbuf);
		/* Rounded up: a wait of 0 ms until a retry would spin. */
		ms = (int)(tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000);
		if ((ready = poll(pfd, (nfds_t)np, ms)) == -1) {
			if (errno == EINTR)
				continue;
			log_warn("caa: poll");
			ares_cancel(ch);
			return 0;
		}
		if (ready == 0) {
			/* Retries and timeouts only. */
			ares_process_fd(ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
			continue;
		}
		for (i = 0; i < np; i++) {
			if (pfd[i].revents == 0)
				continue;
			ares_process_fd(ch,
			    (pfd[i].revents & (POLLIN | POLLERR | POLLHUP)) ?
			    pfd[i].fd : ARES_SOCKET_BAD,
			    (pfd[i].revents & POLLOUT) ?
			    pfd[i].fd : ARES_SOCKET_BAD);
		}
	}
	return 1;
}

/*
 * Decides on the Relevant RRset `set`, found at `where`, and writes the
 * account. The order is that of the RFCs: a critical unknown property
 * forbids whatever else the set says (RFC 8659 section 4.1); then RFC
 * 9495 section 4.
 */
static enum caa_result
decide(const struct ares_caa_reply *set, const char *where,
    const char *const *ids, struct acct *a)
{
	const struct ares_caa_reply	*p;
	const unsigned char		*idn;
	size_t				 idnlen, k;
	int				 known, nmail = 0, ok;
	const char *const		*id;

	for (p = set; p != NULL; p = p->next) {
		/*
		 * c-ares (1.18) hands over the whole flags octet in
		 * `critical`. The Issuer Critical Flag is its bit 0, of
		 * value 128 (RFC 8659 section 4.1); but enough zones set the
		 * bit of value 1 meaning "critical" (RFC 6844 was read that
		 * way) that we take it as critical too, as Let's Encrypt's
		 * Boulder does: the error, if any, is to refuse.
		 */
		if (!(p->critical & (FLAG_CRITICAL | FLAG_MISREAD)))
			continue;
		known = 0;
		for (k = 0; k < sizeof(known_tags) / sizeof(known_tags[0]); k++)
			if (eq_nocase(p->property, p->plength, known_tags[k]))
				known = 1;
		if (!known) {
			acct_printf(a, "critical unknown tag ");
			acct_quoted(a, p->property, p->plength);
			acct_printf(a, " at %s", where);
			return CAA_FORBIDDEN;
		}
	}

	for (p = set; p != NULL; p = p->next) {
		if (!eq_nocase(p->property, p->plength, "issuemail"))
			continue;
		nmail++;
		ok = caa_issuemail_parse(p->value, p->length, &idn, &idnlen);
		if (!ok || idnlen == 0)
			continue;
		for (id = ids; id != NULL && *id != NULL; id++)
			if (eq_nocase(idn, idnlen, *id)) {
				acct_printf(a, "issuemail ");
				acct_quoted(a, p->value, p->length);
				acct_printf(a, " at %s names %s", where, *id);
				return CAA_ALLOWED;
			}
	}
	if (nmail == 0) {
		acct_printf(a, "CAA at %s has no issuemail property", where);
		return CAA_ALLOWED;
	}

	/* Forbidden: say what was there, and which values did not parse. */
	acct_printf(a, "issuemail ");
	k = 0;
	for (p = set; p != NULL; p = p->next) {
		if (!eq_nocase(p->property, p->plength, "issuemail"))
			continue;
		if (k++ > 0)
			acct_printf(a, ", ");
		acct_quoted(a, p->value, p->length);
		if (!caa_issuemail_parse(p->value, p->length, &idn, &idnlen))
			acct_printf(a, " (malformed)");
	}
	acct_printf(a, " at %s does not name us", where);
	return CAA_FORBIDDEN;
}

/*
 * decide() for callers outside: the decision on the Relevant RRset `set`
 * found at `where` for the CA whose issuer domain names are `ids`, with
 * its account written into `why` as caa_check() does. Returns
 * CAA_ALLOWED or CAA_FORBIDDEN.
 */
enum caa_result
caa_decide(const struct ares_caa_reply *set, const char *where,
    const char *const *ids, char *why, size_t whysz)
{
	struct acct	 a;

	a.buf = why;
	a.sz = why == NULL ? 0 : whysz;
	a.len = 0;
	if (a.sz > 0)
		a.buf[0] = '\0';
	return decide(set, where, ids, &a);
}

/*
 * Copies the domain into `buf` without a final dot and checks that it is
 * a host name DNS can be asked about: letters, digits and hyphens in
 * labels of 1 to 63 octets, 253 octets at most. Fills lv[] with each
 * level, the domain first, the top-level domain last. Returns the number
 * of levels, 0 if the name is not acceptable.
 */
static int
levels(const char *domain, char *buf, size_t bufsz, struct level *lv)
{
	size_t	 len, i, label = 0;
	int	 n = 0;

	len = strlen(domain);
	if (len > 0 && domain[len - 1] == '.')
		len--;
	if (len == 0 || len > 253 || len >= bufsz)
		return 0;
	memcpy(buf, domain, len);
	buf[len] = '\0';
	for (i = 0; i <= len; i++) {
		if (i == len || buf[i] == '.') {
			if (label == 0 || label > 63 || buf[i - 1] == '-')
				return 0;
			label = 0;
			continue;
		}
		if (label == 0) {
			if (buf[i] == '-' || n == MAX_LEVELS)
				return 0;
			lv[n++].name = buf + i;
		}
		if (!alnum((unsigned char)buf[i]) && buf[i] != '-')
			return 0;
		label++;
	}
	return n;
}

/*
 * Checks whether the CA whose issuer domain names are `ids` (NULL
 * terminated; NULL or empty names no one) may issue a certificate for
 * mailboxes at `domain` (ASCII, A-labels, a final dot allowed), by RFC
 * 9495 section 4. Asks the DNS server `server` ("127.0.0.1",
 * "127.0.0.1:5353", "[::1]:53", a comma-separated list of those, or NULL
 * for the resolvers of /etc/resolv.conf).
 *
 * Every level from the domain up to its top-level domain is asked at
 * once; the check ends as soon as the answers decide, and at the latest
 * after `timeout_ms` milliseconds, which is thus the bound on each query
 * and on the whole check. Within it c-ares sends a query that goes
 * unanswered twice to each server: the first try waits timeout_ms / 3,
 * the second twice that (c-ares doubles it), so that with one server both
 * fit and with three each is tried once.
 *
 * Writes a one-line account into `why` (NUL-terminated, cut short to
 * `whysz`; nothing when whysz is 0), for the audit log.
 *
 * Returns CAA_ALLOWED, CAA_FORBIDDEN, or CAA_LOOKUP_FAILED when DNS did
 * not answer usefully, the domain is not a host name or c-ares could not
 * be set up (logged); the caller must then not issue. Allocates nothing
 * that outlives the call.
 */
enum caa_result
caa_check(const char *domain, const char *const *ids, const char *server,
    int timeout_ms, char *why, size_t whysz)
{
	struct ares_options	 opts;
	struct acct		 a;
	struct level		 lv[MAX_LEVELS];
	char			 name[256];
	ares_channel		 ch = NULL;
	enum caa_result		 rc = CAA_LOOKUP_FAILED;
	int			 n = 0, i, r, failed, optmask;

	a.buf = why;
	a.sz = why == NULL ? 0 : whysz;
	a.len = 0;
	if (a.sz > 0)
		a.buf[0] = '\0';
	memset(lv, 0, sizeof(lv));

	if (domain == NULL ||
	    (n = levels(domain, name, sizeof(name), lv)) == 0) {
		acct_printf(&a, "not a domain name: ");
		if (domain != NULL)
			acct_quoted(&a, (const unsigned char *)domain,
			    strlen(domain));
		n = 0;
		goto out;
	}
	if (timeout_ms < 3)
		timeout_ms = 3;

	if (!ares_ready) {
		r = ares_library_init(ARES_LIB_INIT_ALL);
		if (r != ARES_SUCCESS) {
			log_warnx("caa: ares_library_init: %s",
			    ares_strerror(r));
			acct_printf(&a, "c-ares: %s", ares_strerror(r));
			goto out;
		}
		ares_ready = 1;
	}

	/*
	 * No search list, no HOSTALIASES, DNS only ("b"): the name asked
	 * is exactly the level's. EDNS with 1232 octets keeps big RRsets
	 * off TCP; c-ares retries over TCP when an answer is truncated.
	 * NOCHECKRESP hands us SERVFAIL, REFUSED and NOTIMP as they are:
	 * without it c-ares 1.18 tries the next server and, when none is
	 * left, reports all three as ARES_ECONNREFUSED, which would make
	 * the audit log say "connection refused" for a SERVFAIL. The cost
	 * is that a SERVFAIL is not asked again of another resolver; the
	 * check fails closed and the caller tries again later.
	 */
	memset(&opts, 0, sizeof(opts));
	opts.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES |
	    ARES_FLAG_EDNS | ARES_FLAG_NOCHECKRESP;
	opts.timeout = timeout_ms / 3;
	opts.tries = 2;
	opts.lookups = (char *)"b";
	opts.ednspsz = 1232;
	optmask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES |
	    ARES_OPT_LOOKUPS | ARES_OPT_EDNSPSZ;
	if ((r = ares_init_options(&ch, &opts, optmask)) != ARES_SUCCESS) {
		log_warnx("caa: ares_init_options: %s", ares_strerror(r));
		acct_printf(&a, "c-ares: %s", ares_strerror(r));
		ch = NULL;
		goto out;
	}
	if (server != NULL &&
	    (r = ares_set_servers_ports_csv(ch, server)) != ARES_SUCCESS) {
		log_warnx("caa: ares_set_servers_ports_csv \"%s\": %s",
		    server, ares_strerror(r));
		acct_printf(&a, "bad DNS server ");
		acct_quoted(&a, (const unsigned char *)server, strlen(server));
		goto out;
	}

	/* RFC 8659 section 3: every level up to, not including, the root. */
	for (i = 0; i < n; i++)
		ares_query(ch, lv[i].name, CLASS_IN, CAA_TYPE, query_done,
		    &lv[i]);
	if (!run(ch, lv, n, now_ms() + timeout_ms)) {
		acct_printf(&a, "lookup of CAA at %s failed: poll", lv[0].name);
		goto out;
	}

	i = relevant(lv, n, &failed);
	if (i == -1) {
		/* ares_cancel() completes every query: cannot happen. */
		acct_printf(&a, "lookup of CAA at %s failed: unanswered",
		    lv[0].name);
	} else if (failed)
		acct_printf(&a, "lookup of CAA at %s failed: %s", lv[i].name,
		    status_name(lv[i].status));
	else if (i == n) {
		acct_printf(&a, "no CAA records from %s up to %s", lv[0].name,
		    lv[n - 1].name);
		rc = CAA_ALLOWED;
	} else
		rc = decide(lv[i].caa, lv[i].name, ids, &a);

out:
	/* Completes what is still asked with ARES_EDESTRUCTION. */
	if (ch != NULL)
		ares_destroy(ch);
	for (i = 0; i < n; i++)
		if (lv[i].caa != NULL)
			ares_free_data(lv[i].caa);
	return rc;
}
