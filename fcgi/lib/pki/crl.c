/*
 * CRL requests (web side to signer) and CRL building (in the signer).
 * The wire format is described in crl.h.
 */
#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "buf.h"
#include "crl.h"
#include "hex.h"
#include "log.h"

#define HEAD_LEN	(1 + 8 + 8 + 8 + 4)
#define ENTRY_MIN	(1 + 1 + 8 + 1)

/* 9999-12-31T23:59:59Z: the last second a GeneralizedTime can hold. */
#define TIME_MAX	253402300799LL

/*
 * The reasons we put in a CRL (RFC 5280 5.3.1). S/MIME BR 7.2.2 forbids
 * unspecified (0) and, for strict certificates, certificateHold (6);
 * removeFromCRL (8) belongs to delta CRLs, which we do not issue, and
 * aACompromise (10) and cACompromise (2) to other kinds of certificate.
 */
static int
reason_ok(int r)
{
	switch (r) {
	case CRL_REASON_KEY_COMPROMISE:
	case CRL_REASON_AFFILIATION_CHANGED:
	case CRL_REASON_SUPERSEDED:
	case CRL_REASON_CESSATION_OF_OPERATION:
	case CRL_REASON_PRIVILEGE_WITHDRAWN:
		return 1;
	default:
		return 0;
	}
}


/*
 * The significant digits of a serial: `s` without its leading zeros.
 * Returns NULL unless `s` is 1 to 64 lower-case hex digits, NUL-ended
 * within its 65 bytes, and not zero.
 */
static const char *
serial_digits(const char *s)
{
	size_t	 i;

	for (i = 0; i < 65 && s[i] != '\0'; i++)
		if (hex_value((unsigned char)s[i]) == -1 ||
		    (s[i] >= 'A' && s[i] <= 'F'))
			return NULL;
	if (i == 0 || i == 65)
		return NULL;
	while (*s == '0')
		s++;
	return *s == '\0' ? NULL : s;
}

/* Numeric order of two valid serials. */
static int
serial_cmp(const void *a, const void *b)
{
	const char	*x, *y;
	size_t		 lx, ly;

	x = serial_digits((*(const struct crl_entry * const *)a)->serial);
	y = serial_digits((*(const struct crl_entry * const *)b)->serial);
	lx = strlen(x);
	ly = strlen(y);
	if (lx != ly)
		return lx < ly ? -1 : 1;
	return strcmp(x, y);
}

/*
 * Checks everything a CRL request must satisfy: the number is not
 * negative; thisUpdate is a real time and nextUpdate follows it by at
 * most 10 days (BR 4.9.7); each entry has a valid, distinct serial, a
 * revocation time not after thisUpdate, and an allowed reason
 * (BR 7.2.2).
 * Returns NULL when all is well, else the reason (a static string).
 */
const char *
crl_check(long long number, long long this_update, long long next_update,
    const struct crl_entry *e, size_t n)
{
	const struct crl_entry	**sorted = NULL;
	const char		 *why = NULL;
	size_t			  i;

	if (number < 0)
		return "negative CRL number";
	if (this_update <= 0 || this_update > TIME_MAX ||
	    next_update <= 0 || next_update > TIME_MAX)
		return "update time out of range";
	if (next_update <= this_update)
		return "nextUpdate not after thisUpdate";
	if (next_update - this_update > CRL_MAX_SPAN)
		return "nextUpdate more than 10 days after thisUpdate";
	if (n > CRL_MAX_ENTRIES)
		return "too many entries";
	for (i = 0; i < n; i++) {
		if (serial_digits(e[i].serial) == NULL)
			return "invalid serial";
		if (e[i].revoked_at <= 0 || e[i].revoked_at > this_update)
			return "revocation time out of range";
		if (e[i].reason == CRL_REASON_UNSPECIFIED)
			return "reason unspecified is not allowed";
		if (e[i].reason == CRL_REASON_CERTIFICATE_HOLD)
			return "reason certificateHold is not allowed";
		if (!reason_ok(e[i].reason))
			return "reason not allowed";
	}
	if (n < 2)
		return NULL;

	/* A serial listed twice: some bug upstream; refuse rather than pick. */
	if ((sorted = calloc(n, sizeof(*sorted))) == NULL)
		return "out of memory";
	for (i = 0; i < n; i++)
		sorted[i] = &e[i];
	qsort(sorted, n, sizeof(*sorted), serial_cmp);
	for (i = 1; i < n && why == NULL; i++)
		if (serial_cmp(&sorted[i - 1], &sorted[i]) == 0)
			why = "serial listed twice";
	free(sorted);
	return why;
}

static void
put64(unsigned char *p, long long v)
{
	uint64_t	 u = (uint64_t)v;
	int		 i;

	for (i = 7; i >= 0; i--, u >>= 8)
		p[i] = (unsigned char)(u & 0xff);
}

static long long
get64(const unsigned char *p)
{
	uint64_t	 u = 0;
	int		 i;

	for (i = 0; i < 8; i++)
		u = (u << 8) | p[i];
	return (long long)u;
}

/*
 * Appends the request for a CRL numbered `number`, valid from
 * `this_update` to `next_update`, listing the `n` entries `e`, to `out`.
 * Returns 1, or 0 when the request is unacceptable (logged, with the
 * reason) or memory runs out; `out` may then hold part of it.
 */
int
crl_request_encode(struct buf *out, long long number, long long this_update,
    long long next_update, const struct crl_entry *e, size_t n)
{
	unsigned char	 head[HEAD_LEN], ent[1 + CRL_SERIAL_MAX + 8 + 1];
	const char	*why, *d;
	size_t		 i, len, nd, k;

	if ((why = crl_check(number, this_update, next_update, e, n)) != NULL) {
		log_warnx("CRL request: %s", why);
		return 0;
	}
	head[0] = CRL_REQUEST_VERSION;
	put64(head + 1, number);
	put64(head + 9, this_update);
	put64(head + 17, next_update);
	head[25] = (unsigned char)(n >> 24);
	head[26] = (unsigned char)(n >> 16);
	head[27] = (unsigned char)(n >> 8);
	head[28] = (unsigned char)n;
	if (!buf_add(out, head, sizeof(head)))
		return 0;
	for (i = 0; i < n; i++) {
		/* Significant digits, packed two to a byte, odd one first. */
		d = serial_digits(e[i].serial);
		nd = strlen(d);
		len = (nd + 1) / 2;
		ent[0] = (unsigned char)len;
		k = 1;
		if (nd % 2)
			ent[k++] = (unsigned char)hex_value((unsigned char)*d++);
		for (; *d != '\0'; d += 2)
			ent[k++] = (unsigned char)(hex_value((unsigned char)d[0])
			    << 4 | hex_value((unsigned char)d[1]));
		put64(ent + k, e[i].revoked_at);
		k += 8;
		ent[k++] = (unsigned char)e[i].reason;
		if (!buf_add(out, ent, k))
			return 0;
	}
	return 1;
}

/*
 * Decodes a request made by crl_request_encode() from the `len` bytes at
 * `p`, every length checked against what is left, then runs crl_check()
 * on it. Serials come back as two lower-case hex digits a byte (the form
 * BN_bn2hex() gives and the database stores, e.g. "0a1b"). On success
 * returns 1 and `*entries` is an array of `*n` entries the caller must
 * free() (NULL when there are none). On failure returns 0, sets
 * `*entries` to NULL and, when `why` is not NULL, points it at the
 * reason (a static string).
 */
int
crl_request_parse(const char *p, size_t len, long long *number,
    long long *this_update, long long *next_update,
    struct crl_entry **entries, size_t *n, const char **why)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*u = (const unsigned char *)p;
	const char		*reason = "truncated or malformed request";
	struct crl_entry	*e = NULL;
	size_t			 count, i, j, sl, off;

	*entries = NULL;
	*n = 0;
	if (len < HEAD_LEN || u[0] != CRL_REQUEST_VERSION)
		goto out;
	*number = get64(u + 1);
	*this_update = get64(u + 9);
	*next_update = get64(u + 17);
	count = (size_t)u[25] << 24 | (size_t)u[26] << 16 |
	    (size_t)u[27] << 8 | u[28];
	/* The count is checked against both the cap and what can follow. */
	if (count > CRL_MAX_ENTRIES) {
		reason = "too many entries";
		goto out;
	}
	if (count > (len - HEAD_LEN) / ENTRY_MIN)
		goto out;
	if (count > 0 && (e = calloc(count, sizeof(*e))) == NULL) {
		reason = "out of memory";
		goto out;
	}
	off = HEAD_LEN;
	for (i = 0; i < count; i++) {
		if (len - off < 1)
			goto out;
		sl = u[off++];
		if (sl == 0 || sl > CRL_SERIAL_MAX || len - off < sl + 8 + 1)
			goto out;
		/* Minimal encoding only: one serial, one byte string. */
		if (u[off] == 0)
			goto out;
		for (j = 0; j < sl; j++) {
			e[i].serial[2 * j] = hex[u[off + j] >> 4];
			e[i].serial[2 * j + 1] = hex[u[off + j] & 0xf];
		}
		e[i].serial[2 * sl] = '\0';
		off += sl;
		e[i].revoked_at = get64(u + off);
		off += 8;
		e[i].reason = u[off++];
	}
	if (off != len)
		goto out;
	if ((reason = crl_check(*number, *this_update, *next_update, e,
	    count)) != NULL)
		goto out;
	*entries = e;
	*n = count;
	return 1;
out:
	free(e);
	if (why != NULL)
		*why = reason;
	return 0;
}

/*
 * crl_request_parse() without the reason.
 */
int
crl_request_decode(const char *p, size_t len, long long *number,
    long long *this_update, long long *next_update,
    struct crl_entry **entries, size_t *n)
{
	return crl_request_parse(p, len, number, this_update, next_update,
	    entries, n, NULL);
}

/*
 * One revoked entry: serial, revocation date and reasonCode (RFC 5280
 * 5.3.1; no invalidityDate, BR 7.2.2). Returns NULL on failure.
 */
static X509_REVOKED *
revoked_new(const struct crl_entry *e)
{
	X509_REVOKED	*r = NULL;
	BIGNUM		*bn = NULL;
	ASN1_INTEGER	*sn = NULL;
	ASN1_TIME	*t = NULL;
	ASN1_ENUMERATED	*rc = NULL;
	int		 ok = 0;

	if ((r = X509_REVOKED_new()) == NULL ||
	    BN_hex2bn(&bn, e->serial) == 0 ||
	    (sn = BN_to_ASN1_INTEGER(bn, NULL)) == NULL ||
	    !X509_REVOKED_set_serialNumber(r, sn) ||
	    (t = ASN1_TIME_set(NULL, (time_t)e->revoked_at)) == NULL ||
	    !X509_REVOKED_set_revocationDate(r, t) ||
	    (rc = ASN1_ENUMERATED_new()) == NULL ||
	    !ASN1_ENUMERATED_set(rc, e->reason) ||
	    X509_REVOKED_add1_ext_i2d(r, NID_crl_reason, rc, 0, 0) != 1)
		goto out;
	ok = 1;
out:
	BN_free(bn);
	ASN1_INTEGER_free(sn);
	ASN1_TIME_free(t);
	ASN1_ENUMERATED_free(rc);
	if (!ok) {
		X509_REVOKED_free(r);
		r = NULL;
	}
	return r;
}

/*
 * Builds a v2 CRL of the CA `ca`: issuer its subject, thisUpdate and
 * nextUpdate as given, the entries sorted by serial, each with its
 * reasonCode; the CRL number and an authorityKeyIdentifier holding the
 * CA's subjectKeyIdentifier (RFC 5280 5.2.1, 5.2.3; BR 7.2.2), both
 * non-critical. The request is checked with crl_check() first.
 * Returns the unsigned CRL, which the caller signs and frees, or NULL
 * (logged).
 */
X509_CRL *
crl_build(X509 *ca, long long number, long long this_update,
    long long next_update, const struct crl_entry *e, size_t n)
{
	X509_CRL			*crl = NULL;
	X509_REVOKED			*r;
	ASN1_TIME			*t = NULL;
	ASN1_INTEGER			*num = NULL;
	AUTHORITY_KEYID			*akid = NULL;
	const ASN1_OCTET_STRING		*skid;
	const char			*why, *step;
	size_t				 i;
	int				 ok = 0;

	if ((why = crl_check(number, this_update, next_update, e, n)) != NULL) {
		log_warnx("CRL: %s", why);
		return NULL;
	}
	step = "CA without a subjectKeyIdentifier";
	if ((skid = X509_get0_subject_key_id(ca)) == NULL)
		goto out;
	step = "CRL header";
	if ((crl = X509_CRL_new()) == NULL ||
	    !X509_CRL_set_version(crl, X509_CRL_VERSION_2) ||
	    !X509_CRL_set_issuer_name(crl, X509_get_subject_name(ca)) ||
	    (t = ASN1_TIME_set(NULL, (time_t)this_update)) == NULL ||
	    !X509_CRL_set1_lastUpdate(crl, t) ||
	    ASN1_TIME_set(t, (time_t)next_update) == NULL ||
	    !X509_CRL_set1_nextUpdate(crl, t))
		goto out;
	step = "CRL number";
	if ((num = ASN1_INTEGER_new()) == NULL ||
	    !ASN1_INTEGER_set_int64(num, number) ||
	    X509_CRL_add1_ext_i2d(crl, NID_crl_number, num, 0, 0) != 1)
		goto out;
	step = "authorityKeyIdentifier";
	if ((akid = AUTHORITY_KEYID_new()) == NULL ||
	    (akid->keyid = ASN1_OCTET_STRING_dup(skid)) == NULL ||
	    X509_CRL_add1_ext_i2d(crl, NID_authority_key_identifier, akid,
	    0, 0) != 1)
		goto out;
	step = "revoked entry";
	for (i = 0; i < n; i++) {
		if ((r = revoked_new(&e[i])) == NULL)
			goto out;
		if (!X509_CRL_add0_revoked(crl, r)) {
			X509_REVOKED_free(r);
			goto out;
		}
	}
	/* RFC 5280 does not require an order; ours is by serial, stable. */
	step = "sorting";
	if (!X509_CRL_sort(crl))
		goto out;
	ok = 1;
out:
	if (!ok) {
		log_ssl("CRL: %s", step);
		X509_CRL_free(crl);
		crl = NULL;
	}
	ASN1_TIME_free(t);
	ASN1_INTEGER_free(num);
	AUTHORITY_KEYID_free(akid);
	return crl;
}

/*
 * Revocation reasons people may give (RFC 5280 5.3.1): customers the
 * first four (S/MIME BR 4.9.1.1), operators also privilegeWithdrawn.
 * Never unspecified, never certificateHold.
 */
static const struct {
	const char	*name;
	int		 code;
	int		 operator_only;
} reasons[] = {
	{ "keyCompromise", CRL_REASON_KEY_COMPROMISE, 0 },
	{ "affiliationChanged", CRL_REASON_AFFILIATION_CHANGED, 0 },
	{ "superseded", CRL_REASON_SUPERSEDED, 0 },
	{ "cessationOfOperation", CRL_REASON_CESSATION_OF_OPERATION, 0 },
	{ "privilegeWithdrawn", CRL_REASON_PRIVILEGE_WITHDRAWN, 1 },
};

/*
 * The reason code of `name` that someone (an operator when `op`) may
 * give, or -1.
 */
int
crl_reason(const char *name, int op)
{
	size_t	 i;

	for (i = 0; name != NULL && i < sizeof(reasons) / sizeof(reasons[0]);
	    i++)
		if (strcmp(reasons[i].name, name) == 0 &&
		    (op || !reasons[i].operator_only))
			return reasons[i].code;
	return -1;
}

/* The name of the i-th reason, for listing them; NULL past the end. */
const char *
crl_reason_name(int i)
{
	return i >= 0 && (size_t)i < sizeof(reasons) / sizeof(reasons[0]) ?
	    reasons[i].name : NULL;
}

/*
 * Fills an entry from a stored revocation: the serial as stored (hex,
 * maybe with leading zeros), the time, the reason's name.
 * Returns 0 for a reason a CRL may not carry.
 */
int
crl_entry_set(struct crl_entry *e, const char *serial, long long at,
    const char *reason)
{
	size_t	 i = 0;

	while (serial[i] == '0' && serial[i + 1] != '\0')
		i++;
	snprintf(e->serial, sizeof(e->serial), "%s", serial + i);
	e->revoked_at = at;
	e->reason = crl_reason(reason, 1);
	return e->reason > 0;
}

/*
 * Writes `len` bytes to `dir`/`name` atomically: a temporary file in the
 * same folder, synced, then renamed over the old one, so a reader (nginx)
 * never sees half a CRL. Returns 0 on failure (logged).
 */
int
crl_write_file(const char *dir, const char *name, const void *p, size_t len)
{
	char	 tmp[4200], path[4200];
	int	 fd, ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s/.%s.%ld", dir, name, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1) {
		log_warn("%s", tmp);
		return 0;
	}
	ok = write(fd, p, len) == (ssize_t)len && fsync(fd) == 0;
	if (close(fd) != 0 || !ok || rename(tmp, path) != 0) {
		log_warn("%s", path);
		unlink(tmp);
		return 0;
	}
	return 1;
}
