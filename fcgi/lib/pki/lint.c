#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "buf.h"
#include "lint.h"
#include "log.h"
#include "profile.h"
#include "registry.h"
#include "valid.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define DER(s)		(const unsigned char *)(s), sizeof(s) - 1
#define SHOWSZ		200	/* a value shown in a finding */
#define OIDSZ		80	/* a dotted OID */

/* Key families: what a key or a signature algorithm belongs to. */
enum fam {
	FAM_NONE,
	FAM_RSA,
	FAM_P256,
	FAM_P384,
	FAM_P521,
	FAM_ED25519,
	FAM_ED448,
	FAM__MAX
};

static const char *const fam_names[FAM__MAX] = {
	"unsupported",		/* FAM_NONE */
	"RSA",			/* FAM_RSA */
	"ECDSA P-256",		/* FAM_P256 */
	"ECDSA P-384",		/* FAM_P384 */
	"ECDSA P-521",		/* FAM_P521 */
	"Ed25519",		/* FAM_ED25519 */
	"Ed448",		/* FAM_ED448 */
};

struct algid {
	const unsigned char	*der;
	size_t			 len;
	enum fam		 fam;
};

/* BR 7.1.3.1: the only SubjectPublicKeyInfo AlgorithmIdentifiers. */
static const struct algid spki_algs[] = {
	{ DER("\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00"),
	  FAM_RSA },
	{ DER("\x30\x13\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06\x08\x2a\x86"
	  "\x48\xce\x3d\x03\x01\x07"), FAM_P256 },
	{ DER("\x30\x10\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06\x05\x2b\x81"
	  "\x04\x00\x22"), FAM_P384 },
	{ DER("\x30\x10\x06\x07\x2a\x86\x48\xce\x3d\x02\x01\x06\x05\x2b\x81"
	  "\x04\x00\x23"), FAM_P521 },
	{ DER("\x30\x05\x06\x03\x2b\x65\x70"), FAM_ED25519 },
	{ DER("\x30\x05\x06\x03\x2b\x65\x71"), FAM_ED448 },
};

/*
 * BR 7.1.3.2: the only signature AlgorithmIdentifiers, each tied to the
 * family of the signing key: RSA PKCS#1 v1.5 (NULL parameters) or PSS
 * with SHA-256/384/512, ECDSA with the curve's hash (no parameters),
 * EdDSA (no parameters).
 */
static const struct algid sig_algs[] = {
	{ DER("\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0b\x05\x00"),
	  FAM_RSA },
	{ DER("\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0c\x05\x00"),
	  FAM_RSA },
	{ DER("\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0d\x05\x00"),
	  FAM_RSA },
	{ DER("\x30\x41\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a\x30\x34\xa0"
	  "\x0f\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00"
	  "\xa1\x1c\x30\x1a\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x08\x30"
	  "\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\xa2\x03"
	  "\x02\x01\x20"), FAM_RSA },
	{ DER("\x30\x41\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a\x30\x34\xa0"
	  "\x0f\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x02\x05\x00"
	  "\xa1\x1c\x30\x1a\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x08\x30"
	  "\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x02\x05\x00\xa2\x03"
	  "\x02\x01\x30"), FAM_RSA },
	{ DER("\x30\x41\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a\x30\x34\xa0"
	  "\x0f\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x03\x05\x00"
	  "\xa1\x1c\x30\x1a\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x08\x30"
	  "\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x03\x05\x00\xa2\x03"
	  "\x02\x01\x40"), FAM_RSA },
	{ DER("\x30\x0a\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x02"), FAM_P256 },
	{ DER("\x30\x0a\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x03"), FAM_P384 },
	{ DER("\x30\x0a\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x04"), FAM_P521 },
	{ DER("\x30\x05\x06\x03\x2b\x65\x70"), FAM_ED25519 },
	{ DER("\x30\x05\x06\x03\x2b\x65\x71"), FAM_ED448 },
};

/* One run of lint_cert(). */
struct lint {
	X509				*x;
	const struct lint_expect	*e;
	const struct profile_subject	*s;
	const struct profile_ca		*ca;
	struct buf			*out;
	const char			*rule;	/* the rule running */
	int				 n;	/* findings so far */
	int				 err;	/* memory or OpenSSL */
	enum fam			 keyfam;	/* the certificate's */
	enum fam			 cafam;		/* the CA's */
	X509_NAME			*subj;
	GENERAL_NAMES			*san;		/* or NULL */
	int				 san_crit;	/* -1: absent */
};

static void	 finding(struct lint *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * Appends "rule: detail\n" for the rule running and counts it. A full
 * buffer marks the run failed.
 */
static void
finding(struct lint *l, const char *fmt, ...)
{
	va_list	 ap;
	int	 ok;

	l->n++;
	va_start(ap, fmt);
	ok = buf_printf(l->out, "%s: ", l->rule) &&
	    buf_vprintf(l->out, fmt, ap) && buf_addc(l->out, '\n');
	va_end(ap);
	if (!ok)
		l->err = 1;
}

/*
 * Writes `n` bytes for a finding: printable ASCII as is, every other byte
 * (and the backslash) as \xNN, cut with "..." to fit `outsz`. Returns out.
 */
static const char *
show(const void *p, size_t n, char *out, size_t outsz)
{
	const unsigned char	*b = p;
	size_t			 i, o = 0;

	for (i = 0; i < n; i++) {
		if (o + 8 >= outsz) {
			memcpy(out + o, "...", 4);
			return out;
		}
		if (b[i] >= 0x20 && b[i] < 0x7f && b[i] != '\\')
			out[o++] = (char)b[i];
		else
			o += (size_t)snprintf(out + o, outsz - o, "\\x%02x",
			    b[i]);
	}
	out[o] = '\0';
	return out;
}

/* show() of an ASN1_STRING. */
static const char *
show_str(const ASN1_STRING *s, char *out, size_t outsz)
{
	return show(ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s),
	    out, outsz);
}

/* show() of bytes as colon-separated hex (key identifiers). */
static const char *
show_hex(const ASN1_STRING *s, char *out, size_t outsz)
{
	const unsigned char	*b = ASN1_STRING_get0_data(s);
	int			 i, n = ASN1_STRING_length(s);
	size_t			 o = 0;

	out[0] = '\0';
	for (i = 0; i < n && o + 4 < outsz; i++)
		o += (size_t)snprintf(out + o, outsz - o, "%s%02X",
		    i ? ":" : "", b[i]);
	return out;
}

/* The dotted form of an OID, or its name when `names`. */
static const char *
oid(const ASN1_OBJECT *o, int names, char *out, size_t outsz)
{
	if (o == NULL || OBJ_obj2txt(out, (int)outsz, o, !names) <= 0)
		snprintf(out, outsz, "(unreadable OID)");
	return out;
}

/* Whether the string's bytes are exactly the C string `v`. */
static int
str_eq(const ASN1_STRING *s, const char *v)
{
	size_t	 n = strlen(v);

	return (size_t)ASN1_STRING_length(s) == n &&
	    memcmp(ASN1_STRING_get0_data(s), v, n) == 0;
}

/* Whether two strings hold the same bytes, whatever their types. */
static int
str_same(const ASN1_STRING *a, const ASN1_STRING *b)
{
	return ASN1_STRING_length(a) == ASN1_STRING_length(b) &&
	    memcmp(ASN1_STRING_get0_data(a), ASN1_STRING_get0_data(b),
	    (size_t)ASN1_STRING_length(a)) == 0;
}

/*
 * Whether two mailboxes are the same: local parts byte for byte (RFC 5321
 * 2.4 leaves their case to the receiving host), domains without regard to
 * ASCII case.
 */
static int
mailbox_eq(const unsigned char *a, size_t an, const unsigned char *b,
    size_t bn)
{
	const unsigned char	*at, *bt;

	if (an != bn || (at = memchr(a, '@', an)) == NULL ||
	    (bt = memchr(b, '@', bn)) == NULL || at - a != bt - b)
		return 0;
	return memcmp(a, b, (size_t)(at - a)) == 0 &&
	    strncasecmp((const char *)at, (const char *)bt,
	    an - (size_t)(at - a)) == 0 && memchr(a, '\0', an) == NULL &&
	    memchr(b, '\0', bn) == NULL;
}

/* mailbox_eq() of an ASN1_STRING and a C string. */
static int
mailbox_is(const ASN1_STRING *s, const char *v)
{
	return mailbox_eq(ASN1_STRING_get0_data(s),
	    (size_t)ASN1_STRING_length(s), (const unsigned char *)v,
	    strlen(v));
}

/*
 * Printable ASCII without space (0x21 to 0x7e), `n` bytes: what a URI or
 * an ASCII mailbox is made of.
 */
static int
graphic(const unsigned char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (p[i] <= 0x20 || p[i] >= 0x7f)
			return 0;
	return 1;
}

/*
 * Whether `s` is an http:// URI with a host (https:// too when `https`).
 * The scheme is compared without regard to case (RFC 3986 3.1).
 */
static int
http_uri(const ASN1_STRING *s, int https)
{
	const char	*p = (const char *)ASN1_STRING_get0_data(s);
	size_t		 n = (size_t)ASN1_STRING_length(s), skip;

	if (n > 7 && strncasecmp(p, "http://", 7) == 0)
		skip = 7;
	else if (https && n > 8 && strncasecmp(p, "https://", 8) == 0)
		skip = 8;
	else
		return 0;
	return graphic((const unsigned char *)p, n) && p[skip] != '/';
}

/*
 * An ASCII mailbox: printable, one '@' with something on both sides
 * (RFC 5280 4.2.1.6: an RFC 5321 Mailbox).
 */
static int
mailbox_syntax(const ASN1_STRING *s)
{
	const unsigned char	*p = ASN1_STRING_get0_data(s), *at;
	size_t			 n = (size_t)ASN1_STRING_length(s);

	return n >= 3 && n <= 254 && graphic(p, n) &&
	    (at = memchr(p, '@', n)) != NULL && at != p && at != p + n - 1 &&
	    memchr(at + 1, '@', n - (size_t)(at - p) - 1) == NULL;
}

/* The DER of an AlgorithmIdentifier into `der`; its length or -1. */
static int
algor_der(const X509_ALGOR *a, unsigned char *der, size_t sz)
{
	unsigned char	*p = der;
	int		 len;

	if (a == NULL || (len = i2d_X509_ALGOR(a, NULL)) <= 0 ||
	    (size_t)len > sz || i2d_X509_ALGOR(a, &p) != len)
		return -1;
	return len;
}

/* The family of an AlgorithmIdentifier in `t`, FAM_NONE if absent. */
static enum fam
algor_fam(const X509_ALGOR *a, const struct algid *t, size_t nt)
{
	unsigned char	 der[128];
	int		 len;
	size_t		 i;

	if ((len = algor_der(a, der, sizeof(der))) < 0)
		return FAM_NONE;
	for (i = 0; i < nt; i++)
		if ((size_t)len == t[i].len && memcmp(der, t[i].der, t[i].len)
		    == 0)
			return t[i].fam;
	return FAM_NONE;
}

/* The BR 7.1.3.1 family of a SubjectPublicKeyInfo. */
static enum fam
spki_fam(const X509_PUBKEY *pk)
{
	X509_ALGOR	*a;

	if (pk == NULL || !X509_PUBKEY_get0_param(NULL, NULL, NULL, &a, pk))
		return FAM_NONE;
	return algor_fam(a, spki_algs, NELEM(spki_algs));
}

/*
 * The first instance of extension `nid` decoded (the caller frees it),
 * its criticality in *crit, -1 when absent. An extension present but not
 * decodable is a finding of the rule running; NULL then.
 */
static void *
ext_get(struct lint *l, int nid, const char *what, int *crit)
{
	void	*v;
	int	 idx = -1;

	ERR_set_mark();
	v = X509_get_ext_d2i(l->x, nid, crit, &idx);
	ERR_pop_to_mark();
	if (v == NULL && *crit >= 0)
		finding(l, "%s cannot be decoded (RFC 5280 4.2)", what);
	return v;
}

/* The first value of subject attribute `nid` and how many there are. */
static const ASN1_STRING *
subject_get(const X509_NAME *n, int nid, int *count)
{
	const ASN1_STRING	*v = NULL;
	int			 i = -1;

	*count = 0;
	while ((i = X509_NAME_get_index_by_NID(n, nid, i)) >= 0) {
		if (v == NULL)
			v = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, i));
		(*count)++;
	}
	return v;
}

/* Whether the subjectAltName lists mailbox `v` as an rfc822Name. */
static int
san_has(const struct lint *l, const ASN1_STRING *v)
{
	const GENERAL_NAME	*g;
	int			 i;

	for (i = 0; l->san != NULL && i < sk_GENERAL_NAME_num(l->san); i++) {
		g = sk_GENERAL_NAME_value(l->san, i);
		if (g->type == GEN_EMAIL && mailbox_eq(
		    ASN1_STRING_get0_data(g->d.rfc822Name),
		    (size_t)ASN1_STRING_length(g->d.rfc822Name),
		    ASN1_STRING_get0_data(v), (size_t)ASN1_STRING_length(v)))
			return 1;
	}
	return 0;
}

/*
 * version-3. BR 7.1.1: "Certificates SHALL be of type X.509 v3."
 */
static void
r_version(struct lint *l)
{
	long	 v = X509_get_version(l->x);

	if (v != X509_VERSION_3)
		finding(l, "version %ld; certificates SHALL be X.509 v3 "
		    "(BR 7.1.1)", v + 1);
}

/* The number of significant bits of a serial's magnitude. */
static int
serial_bits(const ASN1_INTEGER *s)
{
	const unsigned char	*p = ASN1_STRING_get0_data(s);
	int			 n = ASN1_STRING_length(s), i = 0, bits;
	unsigned int		 b;

	while (i < n && p[i] == 0)
		i++;
	if (i == n)
		return 0;
	for (bits = 8, b = p[i]; !(b & 0x80); bits--)
		b <<= 1;
	return (n - i - 1) * 8 + bits;
}

/*
 * serial-positive. BR 7.1: serial numbers "greater than zero (0)"; RFC
 * 5280 4.1.2.2: "a positive integer".
 */
static void
r_serial_positive(struct lint *l)
{
	const ASN1_INTEGER	*s = X509_get0_serialNumber(l->x);

	if (ASN1_STRING_type(s) == V_ASN1_NEG_INTEGER)
		finding(l, "serial number is negative (BR 7.1, RFC 5280 "
		    "4.1.2.2)");
	else if (serial_bits(s) == 0)
		finding(l, "serial number is zero; SHALL be greater than zero "
		    "(BR 7.1)");
}

/*
 * serial-entropy. BR 7.1: "less than 2^159 containing at least 64 bits of
 * output from a CSPRNG". Randomness cannot be seen in one serial; a
 * serial under eight bytes cannot hold 64 random bits, and is refused.
 */
static void
r_serial_entropy(struct lint *l)
{
	const ASN1_INTEGER	*s = X509_get0_serialNumber(l->x);
	int			 bits = serial_bits(s);

	if (ASN1_STRING_type(s) == V_ASN1_NEG_INTEGER || bits == 0)
		return;				/* serial-positive's */
	if ((bits + 7) / 8 < 8)
		finding(l, "serial number has %d significant bytes; 64 bits "
		    "from a CSPRNG need 8 or more (BR 7.1)", (bits + 7) / 8);
	if (bits > 159)
		finding(l, "serial number has %d bits; SHALL be less than "
		    "2^159 (BR 7.1)", bits);
}

/*
 * signature-algorithm. BR 7.1.3.2: the AlgorithmIdentifier is one of the
 * listed encodings byte for byte, and one for the signing key: ECDSA's
 * hash is the curve's (7.1.3.2.2). RFC 5280 4.1.1.2: signatureAlgorithm
 * equals the TBS signature field. The certificate linted is signed with a
 * throwaway key of the CA's type, so the family checked is the CA's.
 */
static void
r_signature_algorithm(struct lint *l)
{
	const X509_ALGOR	*in = X509_get0_tbs_sigalg(l->x), *outer;
	const ASN1_BIT_STRING	*sig;
	const ASN1_OBJECT	*o = NULL;
	unsigned char		 a[128], b[128];
	int			 alen, blen;
	enum fam		 f;
	char			 t[OIDSZ];

	X509_get0_signature(&sig, &outer, l->x);
	if (outer != NULL)
		X509_ALGOR_get0(&o, NULL, NULL, outer);
	if (o == NULL || OBJ_obj2nid(o) == NID_undef || sig == NULL ||
	    ASN1_STRING_length(sig) == 0) {
		finding(l, "the certificate is not signed; lint the TBS signed "
		    "with a throwaway key of the CA's type (BR 4.3.1.2)");
		return;
	}
	alen = algor_der(in, a, sizeof(a));
	blen = algor_der(outer, b, sizeof(b));
	if (alen < 0 || alen != blen || memcmp(a, b, (size_t)alen) != 0)
		finding(l, "signatureAlgorithm differs from the TBS signature "
		    "field (RFC 5280 4.1.1.2)");
	X509_ALGOR_get0(&o, NULL, NULL, in);
	if ((f = algor_fam(in, sig_algs, NELEM(sig_algs))) == FAM_NONE)
		finding(l, "%s is not encoded as any AlgorithmIdentifier of BR "
		    "7.1.3.2", oid(o, 1, t, sizeof(t)));
	else if (l->cafam == FAM_NONE)
		finding(l, "the CA's key is not one of BR 7.1.3.1");
	else if (f != l->cafam)
		finding(l, "%s does not fit the CA's %s key (BR 7.1.3.2)",
		    oid(o, 1, t, sizeof(t)), fam_names[l->cafam]);
}

/*
 * issuer-matches-ca. BR 7.1.4.1: the issuer is "byte-for-byte identical"
 * with the Issuing CA's subject.
 */
static void
r_issuer_matches_ca(struct lint *l)
{
	const unsigned char	*a, *b;
	size_t			 alen, blen;

	if (!X509_NAME_get0_der(X509_get_issuer_name(l->x), &a, &alen) ||
	    !X509_NAME_get0_der(X509_get_subject_name(l->ca->cert), &b,
	    &blen)) {
		l->err = 1;
		return;
	}
	if (alen != blen || memcmp(a, b, alen) != 0)
		finding(l, "issuer is not byte for byte the CA's subject "
		    "(BR 7.1.4.1)");
}

/*
 * RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050,
 * both in Zulu with seconds (4.1.2.5.1, 4.1.2.5.2).
 */
static void
time_form(struct lint *l, const char *what, const ASN1_TIME *t)
{
	struct tm		 tm;
	const unsigned char	*p = ASN1_STRING_get0_data(t);
	int			 n = ASN1_STRING_length(t), year;

	if (!ASN1_TIME_to_tm(t, &tm)) {
		finding(l, "%s cannot be read (RFC 5280 4.1.2.5)", what);
		return;
	}
	year = tm.tm_year + 1900;
	if (year < 2050 ? ASN1_STRING_type(t) != V_ASN1_UTCTIME || n != 13 :
	    ASN1_STRING_type(t) != V_ASN1_GENERALIZEDTIME || n != 15)
		finding(l, "%s is not encoded as RFC 5280 4.1.2.5 requires "
		    "(UTCTime through 2049, else GeneralizedTime)", what);
	else if (p[n - 1] != 'Z')
		finding(l, "%s is not in Zulu time (RFC 5280 4.1.2.5)", what);
}

/*
 * validity. RFC 5280 4.1.2.5: the period runs from notBefore through
 * notAfter, both included, so it lasts (notAfter - notBefore + 1)
 * seconds. BR 6.3.2: a day is 86,400 seconds and any part of a further
 * one counts as a day; at most 825 days for strict and multipurpose. The
 * count must also be the `days` the certificate was built for.
 */
static void
r_validity(struct lint *l)
{
	const ASN1_TIME	*nb = X509_get0_notBefore(l->x);
	const ASN1_TIME	*na = X509_get0_notAfter(l->x);
	long long	 period, days;
	int		 pday, psec;

	time_form(l, "notBefore", nb);
	time_form(l, "notAfter", na);
	if (!ASN1_TIME_diff(&pday, &psec, nb, na)) {
		finding(l, "the validity period cannot be computed");
		return;
	}
	period = (long long)pday * 86400 + psec + 1;
	if (period <= 0) {
		finding(l, "notAfter is before notBefore (RFC 5280 4.1.2.5)");
		return;
	}
	days = (period + 86399) / 86400;
	if (days > PROFILE_DAYS_MAX)
		finding(l, "validity period of %lld s is %lld days; at most %d "
		    "(BR 6.3.2)", period, days, PROFILE_DAYS_MAX);
	if (days != l->e->days)
		finding(l, "validity period of %lld s is %lld days, not the %d "
		    "expected (BR 6.3.2 day count)", period, days, l->e->days);
}

/* The subject attributes this profile issues, with their encodings. */
static const struct attr {
	int		 nid;
	const char	*name;
	unsigned long	 types;		/* B_ASN1_* allowed */
	int		 ub;		/* RFC 5280 bound, 0: none */
} attrs[] = {
	{ NID_countryName, "countryName", B_ASN1_PRINTABLESTRING, 2 },
	{ NID_stateOrProvinceName, "stateOrProvinceName",
	  B_ASN1_UTF8STRING | B_ASN1_PRINTABLESTRING, 128 },
	{ NID_localityName, "localityName",
	  B_ASN1_UTF8STRING | B_ASN1_PRINTABLESTRING, 128 },
	{ NID_organizationName, "organizationName",
	  B_ASN1_UTF8STRING | B_ASN1_PRINTABLESTRING, 64 },
	{ NID_organizationIdentifier, "organizationIdentifier",
	  B_ASN1_UTF8STRING | B_ASN1_PRINTABLESTRING, 0 },
	{ NID_commonName, "commonName",
	  B_ASN1_UTF8STRING | B_ASN1_PRINTABLESTRING, 64 },
	{ NID_pkcs9_emailAddress, "emailAddress", B_ASN1_IA5STRING, 255 },
};

/*
 * Why attribute `nid`, not among attrs[], is refused: BR 7.1.4.2.4 for
 * the Organization-validated profile; the MAYs this profile has no
 * verified source for fall under BR 7.1.2.4 (2).
 */
static const char *
attr_refusal(int nid, enum profile_kind kind)
{
	switch (nid) {
	case NID_givenName:
	case NID_surname:
	case NID_pseudonym:
	case NID_title:
		return "SHALL NOT be present (BR 7.1.4.2.4)";
	case NID_streetAddress:
	case NID_postalCode:
		if (kind == PROFILE_STRICT)
			return "SHALL NOT be present in the strict generation "
			    "(BR 7.1.4.2.4)";
		return "has no verified source in this profile (BR 7.1.2.4)";
	case NID_organizationalUnitName:
	case NID_serialNumber:
		return "has no verified source in this profile (BR 7.1.2.4)";
	default:
		return "SHALL NOT be present: other attributes (BR 7.1.4.2.4)";
	}
}

/*
 * Whether `v` (NUL-terminated, no NUL inside) only stands for a missing
 * value: BR 7.1.4.2 names ".", "-" and " " (text_meaningful() adds "_"
 * and the no-break space), "and/or any other indication that the value
 * is absent, incomplete, or not applicable": a few such words too.
 */
static int
metadata_only(const char *v)
{
	static const char *const words[] = {
		"n/a", "n.a.", "na", "none", "null", "nil", "unknown",
		"not applicable", "not available", "tbd", "?",
	};
	size_t	 i;

	if (!text_meaningful(v))
		return 1;
	for (i = 0; i < NELEM(words); i++)
		if (strcasecmp(v, words[i]) == 0)
			return 1;
	return 0;
}

/* X.680 PrintableString: letters, digits, space and '()+,-./:=? */
static int
printable_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr(" '()+,-./:=?", c)
	    != NULL);
}

/* The attribute value checks of subject-attributes, for one value. */
static void
attr_value(struct lint *l, const struct attr *a, const ASN1_STRING *v)
{
	const unsigned char	*p = ASN1_STRING_get0_data(v);
	int			 n = ASN1_STRING_length(v), i, chars = 0;
	char			 t[SHOWSZ], c[256];

	if (!(ASN1_tag2bit(ASN1_STRING_type(v)) & a->types)) {
		finding(l, "%s \"%s\" has string type %s, not one RFC 5280 "
		    "4.1.2.6 and this profile use", a->name,
		    show_str(v, t, sizeof(t)),
		    ASN1_tag2str(ASN1_STRING_type(v)));
		return;
	}
	if (memchr(p, '\0', (size_t)n) != NULL ||
	    (ASN1_STRING_type(v) == V_ASN1_UTF8STRING &&
	    !utf8_valid((const char *)p, (size_t)n))) {
		finding(l, "%s \"%s\" is not well-formed text", a->name,
		    show_str(v, t, sizeof(t)));
		return;
	}
	for (i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f || (p[i] == 0xc2 && i + 1 < n &&
		    p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)) {
			finding(l, "%s \"%s\" holds a control character",
			    a->name, show_str(v, t, sizeof(t)));
			return;
		}
		if ((ASN1_STRING_type(v) == V_ASN1_IA5STRING && p[i] >= 0x80) ||
		    (ASN1_STRING_type(v) == V_ASN1_PRINTABLESTRING &&
		    !printable_char(p[i]))) {
			finding(l, "%s \"%s\" holds characters its string "
			    "type does not allow", a->name,
			    show_str(v, t, sizeof(t)));
			return;
		}
		if ((p[i] & 0xc0) != 0x80)
			chars++;
	}
	memcpy(c, p, (size_t)n < sizeof(c) ? (size_t)n : sizeof(c) - 1);
	c[(size_t)n < sizeof(c) ? (size_t)n : sizeof(c) - 1] = '\0';
	if (metadata_only(c))
		finding(l, "%s \"%s\" only stands for a missing value "
		    "(BR 7.1.4.2)", a->name, show_str(v, t, sizeof(t)));
	if (a->ub != 0 && chars > a->ub)
		finding(l, "%s has %d characters; RFC 5280 allows %d "
		    "(BR 7.1.4.2.2 (a) Note)", a->name, chars, a->ub);
}

/*
 * The verified value of one attribute: `want` NULL means it must be
 * absent (BR 7.1.2.4 (2): nothing unverified), else present and equal.
 * organizationName and organizationIdentifier are required apart.
 */
static void
attr_expect(struct lint *l, int nid, const char *name, const char *want)
{
	const ASN1_STRING	*v;
	int			 count;
	char			 t[SHOWSZ], u[SHOWSZ];

	v = subject_get(l->subj, nid, &count);
	if (v == NULL && want != NULL && nid != NID_organizationName &&
	    nid != NID_organizationIdentifier)
		finding(l, "%s is missing; the verified value is \"%s\"", name,
		    show(want, strlen(want), t, sizeof(t)));
	else if (v != NULL && want == NULL)
		finding(l, "%s \"%s\" is not among the verified data "
		    "(BR 7.1.2.4 (2))", name, show_str(v, t, sizeof(t)));
	else if (v != NULL && !str_eq(v, want))
		finding(l, "%s is \"%s\"; the verified value is \"%s\" "
		    "(BR 7.1.4.2.2, 3.2.3)", name, show_str(v, t, sizeof(t)),
		    show(want, strlen(want), u, sizeof(u)));
}

/*
 * subject-attributes. BR 7.1.4.2.4 (which attributes an
 * Organization-validated subject may hold; O and organizationIdentifier
 * SHALL), 7.1.4.2.2 (k), (l) (L and ST only with C), (n) (C an ISO
 * 3166-1 code or XX), 7.1.4.2 (no metadata-only values), RFC 5280
 * 4.1.2.6 and Appendix A (types, upper bounds), and the values: those
 * verified, nothing else. commonName and emailAddress values are the cn
 * and email-attr rules'.
 */
static void
r_subject_attributes(struct lint *l)
{
	const X509_NAME_ENTRY	*ne;
	const ASN1_STRING	*c;
	int			 i, cnt, nid, set, prev = -1;
	int			 count[NELEM(attrs)];
	size_t			 k;
	char			 t[OIDSZ], u[SHOWSZ];

	memset(count, 0, sizeof(count));
	cnt = X509_NAME_entry_count(l->subj);
	for (i = 0; i < cnt; i++) {
		ne = X509_NAME_get_entry(l->subj, i);
		nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(ne));
		if ((set = X509_NAME_ENTRY_set(ne)) == prev)
			finding(l, "a multi-valued RDN; this profile puts one "
			    "attribute in each");
		prev = set;
		for (k = 0; k < NELEM(attrs); k++)
			if (attrs[k].nid == nid)
				break;
		if (k == NELEM(attrs)) {
			finding(l, "%s %s", oid(X509_NAME_ENTRY_get_object(ne),
			    1, t, sizeof(t)), attr_refusal(nid, l->e->kind));
			continue;
		}
		count[k]++;
		attr_value(l, &attrs[k], X509_NAME_ENTRY_get_data(ne));
	}
	for (k = 0; k < NELEM(attrs); k++)
		if (count[k] > 1)
			finding(l, "%d %s attributes; this profile has one at "
			    "most (BR 7.1.4.2.2)", count[k], attrs[k].name);
	if (X509_NAME_get_index_by_NID(l->subj, NID_organizationName, -1) < 0)
		finding(l, "organizationName SHALL be present (BR 7.1.4.2.4)");
	if (X509_NAME_get_index_by_NID(l->subj, NID_organizationIdentifier,
	    -1) < 0)
		finding(l, "organizationIdentifier SHALL be present "
		    "(BR 7.1.4.2.4)");
	c = subject_get(l->subj, NID_countryName, &cnt);
	if (c == NULL && (X509_NAME_get_index_by_NID(l->subj,
	    NID_localityName, -1) >= 0 || X509_NAME_get_index_by_NID(l->subj,
	    NID_stateOrProvinceName, -1) >= 0))
		finding(l, "localityName or stateOrProvinceName without "
		    "countryName (BR 7.1.4.2.2 (k), (l))");
	if (c != NULL && (ASN1_STRING_length(c) != 2 ||
	    memchr(ASN1_STRING_get0_data(c), '\0', 2) != NULL ||
	    (!country_valid((const char *)ASN1_STRING_get0_data(c)) &&
	    !str_eq(c, "XX"))))
		finding(l, "countryName \"%s\" is not an ISO 3166-1 code "
		    "(BR 7.1.4.2.2 (n))", show_str(c, u, sizeof(u)));
	attr_expect(l, NID_countryName, "countryName", l->s->country);
	attr_expect(l, NID_stateOrProvinceName, "stateOrProvinceName",
	    l->s->state);
	attr_expect(l, NID_localityName, "localityName", l->s->locality);
	attr_expect(l, NID_organizationName, "organizationName",
	    l->s->organization);
	attr_expect(l, NID_organizationIdentifier, "organizationIdentifier",
	    l->s->org_identifier);
}

/*
 * ISO 7064 MOD 97-10 over an LEI's 20 characters (ISO 17442): letters
 * count as 10 to 35; the remainder of the whole number is 1.
 */
static int
lei_ok(const char *p, size_t n)
{
	unsigned int	 r = 0;
	size_t		 i;

	if (n != 20)
		return 0;
	for (i = 0; i < n; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			r = (r * 10 + (unsigned int)(p[i] - '0')) % 97;
		else if (p[i] >= 'A' && p[i] <= 'Z')
			r = (r * 100 + (unsigned int)(p[i] - 'A' + 10)) % 97;
		else
			return 0;
	}
	return r == 1;
}

/*
 * org-identifier. BR 7.1.4.2.2 (d): a 3-letter Registration Scheme, a
 * 2-letter country ("XG" for global schemes), for NTR (and GOV, Note 2)
 * optionally "+" and an ISO 3166-2 subdivision of up to three letters or
 * digits, then "-" and the Registration Reference (GOV and INT may end
 * without one). Appendix A.1: the schemes NTR, VAT, PSD and LEI (Note 2
 * adds GOV and INT), and the scheme's country equals subject:countryName
 * except for LEI and INT; LEI is 20 characters with ISO 7064 check
 * digits. VAT numbers carry the EU VAT prefix, so Greece is "EL" and
 * Northern Ireland "XI" (registry.c); they stand for GR and GB.
 */
static void
r_org_identifier(struct lint *l)
{
	static const char *const schemes[] = {
		"NTR", "VAT", "PSD", "LEI", "GOV", "INT",
	};
	const ASN1_STRING	*v, *c;
	const char		*p, *ref;
	char			 s[256], cc[3], t[SHOWSZ];
	size_t			 n, i;
	int			 count, sub;

	if ((v = subject_get(l->subj, NID_organizationIdentifier, &count))
	    == NULL)
		return;				/* subject-attributes' */
	if (ASN1_STRING_type(v) != V_ASN1_UTF8STRING &&
	    ASN1_STRING_type(v) != V_ASN1_PRINTABLESTRING)
		finding(l, "organizationIdentifier SHALL be a PrintableString "
		    "or UTF8String (BR 7.1.4.2.2 (d))");
	n = (size_t)ASN1_STRING_length(v);
	if (n >= sizeof(s) || !graphic(ASN1_STRING_get0_data(v), n)) {
		finding(l, "organizationIdentifier \"%s\" is not a scheme, a "
		    "country and a reference in ASCII (BR 7.1.4.2.2 (d))",
		    show_str(v, t, sizeof(t)));
		return;
	}
	memcpy(s, ASN1_STRING_get0_data(v), n);
	s[n] = '\0';
	show(s, n, t, sizeof(t));
	for (i = 0; i < 5 && s[i] >= 'A' && s[i] <= 'Z'; i++)
		continue;
	if (i < 5) {
		finding(l, "organizationIdentifier \"%s\" does not start with "
		    "a 3-letter scheme and a 2-letter country (BR 7.1.4.2.2 "
		    "(d))", t);
		return;
	}
	for (i = 0; i < NELEM(schemes); i++)
		if (strncmp(s, schemes[i], 3) == 0)
			break;
	if (i == NELEM(schemes)) {
		finding(l, "organizationIdentifier \"%s\": scheme %.3s is not "
		    "NTR, VAT, PSD, LEI (BR Appendix A.1), GOV or INT "
		    "(7.1.4.2.2 (d) Note 2)", t, s);
		return;
	}
	memcpy(cc, s + 3, 2);
	cc[2] = '\0';
	p = s + 5;
	if (*p == '+') {
		for (sub = 0; sub < 4 && ((p[1 + sub] >= 'A' &&
		    p[1 + sub] <= 'Z') || (p[1 + sub] >= '0' &&
		    p[1 + sub] <= '9')); sub++)
			continue;
		if ((strncmp(s, "NTR", 3) != 0 && strncmp(s, "GOV", 3) != 0) ||
		    sub < 1 || sub > 3)
			finding(l, "organizationIdentifier \"%s\": a "
			    "subdivision is only for NTR and GOV, 1 to 3 "
			    "letters or digits (BR 7.1.4.2.2 (d))", t);
		p += 1 + sub;
	}
	ref = NULL;
	if (*p == '-' && p[1] != '\0')
		ref = p + 1;
	else if (*p != '\0' || (strncmp(s, "GOV", 3) != 0 &&
	    strncmp(s, "INT", 3) != 0))
		finding(l, "organizationIdentifier \"%s\" has no \"-\" and "
		    "Registration Reference after the scheme and country "
		    "(BR 7.1.4.2.2 (d))", t);
	if (strncmp(s, "LEI", 3) == 0 || strncmp(s, "INT", 3) == 0) {
		if (strcmp(cc, "XG") != 0)
			finding(l, "organizationIdentifier \"%s\": %.3s takes "
			    "the country XG (BR 7.1.4.2.2 (d))", t, s);
		if (strncmp(s, "LEI", 3) == 0 && ref != NULL &&
		    !lei_ok(ref, strlen(ref)))
			finding(l, "organizationIdentifier \"%s\": not an LEI "
			    "of 20 characters with valid check digits "
			    "(ISO 17442, BR Appendix A.1)", t);
		return;
	}
	/* The country of the VAT prefix stands for its ISO code. */
	if (strncmp(s, "VAT", 3) == 0 && strcmp(cc, "EL") == 0)
		memcpy(cc, "GR", 3);
	else if (strncmp(s, "VAT", 3) == 0 && strcmp(cc, "XI") == 0)
		memcpy(cc, "GB", 3);
	else if (!country_valid(cc))
		finding(l, "organizationIdentifier \"%s\": %s is not an ISO "
		    "3166-1 country (BR 7.1.4.2.2 (d))", t, cc);
	if ((c = subject_get(l->subj, NID_countryName, &count)) != NULL &&
	    !str_eq(c, cc))
		finding(l, "organizationIdentifier \"%s\": the scheme's "
		    "country is not countryName %s (BR Appendix A.1)", t,
		    show_str(c, s, sizeof(s)));
}

/*
 * cn. BR 7.1.4.2.2 (a): an Organization-validated commonName holds the
 * subject:organizationName or a Mailbox Address of the subjectAltName;
 * and here the one the customer chose (or none).
 */
static void
r_cn(struct lint *l)
{
	const ASN1_STRING	*v, *o;
	const char		*want = NULL;
	int			 count;
	char			 t[SHOWSZ];

	v = subject_get(l->subj, NID_commonName, &count);
	if (l->s->cn == CN_EMAIL)
		want = l->s->email;
	else if (l->s->cn == CN_ORGANIZATION)
		want = l->s->organization;
	if (v == NULL) {
		if (want != NULL)
			finding(l, "commonName is missing; the customer chose "
			    "the %s", cn_choice_names[l->s->cn]);
		return;
	}
	o = subject_get(l->subj, NID_organizationName, &count);
	if ((o == NULL || !str_same(v, o)) && !san_has(l, v))
		finding(l, "commonName \"%s\" is neither the organizationName "
		    "nor a mailbox of the subjectAltName (BR 7.1.4.2.2 (a))",
		    show_str(v, t, sizeof(t)));
	if (want == NULL)
		finding(l, "commonName \"%s\" is present; the customer chose "
		    "none", show_str(v, t, sizeof(t)));
	else if (l->s->cn == CN_EMAIL ? !mailbox_is(v, want) :
	    !str_eq(v, want))
		finding(l, "commonName \"%s\" is not the %s the customer chose",
		    show_str(v, t, sizeof(t)), cn_choice_names[l->s->cn]);
}

/*
 * email-attr. BR 7.1.4.2.2 (h): emailAddress holds a single verified
 * Mailbox Address; 7.1.4.2.1: every mailbox of the subject is repeated
 * in the subjectAltName. Present exactly when the customer chose it.
 */
static void
r_email_attr(struct lint *l)
{
	const ASN1_STRING	*v;
	int			 count;
	char			 t[SHOWSZ];

	if ((v = subject_get(l->subj, NID_pkcs9_emailAddress, &count))
	    == NULL) {
		if (l->s->include_email_attr)
			finding(l, "emailAddress is missing; the customer "
			    "chose to include it");
		return;
	}
	show_str(v, t, sizeof(t));
	if (!l->s->include_email_attr)
		finding(l, "emailAddress %s is present; the customer chose not "
		    "to include it", t);
	if (!san_has(l, v))
		finding(l, "emailAddress %s is not repeated in the "
		    "subjectAltName (BR 7.1.4.2.1)", t);
	if (!mailbox_is(v, l->s->email))
		finding(l, "emailAddress %s is not the verified mailbox "
		    "(BR 7.1.4.2.2 (h), 3.2.2)", t);
}

/* The name of a GeneralName type, for findings. */
static const char *
gen_type_name(int type)
{
	switch (type) {
	case GEN_OTHERNAME:
		return "otherName";
	case GEN_EMAIL:
		return "rfc822Name";
	case GEN_DNS:
		return "dNSName";
	case GEN_X400:
		return "x400Address";
	case GEN_DIRNAME:
		return "directoryName";
	case GEN_EDIPARTY:
		return "ediPartyName";
	case GEN_URI:
		return "uniformResourceIdentifier";
	case GEN_IPADD:
		return "iPAddress";
	case GEN_RID:
		return "registeredID";
	default:
		return "unknown GeneralName";
	}
}

/*
 * san. BR 7.1.2.3 (h): SHALL be present, SHOULD NOT be critical unless
 * the subject is empty (RFC 5280 4.2.1.6: then it MUST be). 7.1.4.2.1:
 * rfc822Name or SmtpUTF8Mailbox entries; other otherNames only outside
 * strict, and here none, as nothing else is verified; no other types.
 * 7.1.4.2: only verified mailboxes: exactly the one verified, once.
 */
static void
r_san(struct lint *l)
{
	const GENERAL_NAME	*g;
	int			 i, found = 0, empty;
	char			 t[SHOWSZ], u[OIDSZ];

	if (l->san_crit == -1) {
		finding(l, "subjectAltName SHALL be present (BR 7.1.2.3 (h))");
		return;
	}
	if (l->san == NULL) {
		finding(l, "subjectAltName cannot be decoded (RFC 5280 4.2)");
		return;
	}
	empty = X509_NAME_entry_count(l->subj) == 0;
	if (l->san_crit && !empty)
		finding(l, "subjectAltName is critical with a subject; SHOULD "
		    "NOT be (BR 7.1.2.3 (h))");
	else if (!l->san_crit && empty)
		finding(l, "subjectAltName is not critical with an empty "
		    "subject (RFC 5280 4.2.1.6)");
	for (i = 0; i < sk_GENERAL_NAME_num(l->san); i++) {
		g = sk_GENERAL_NAME_value(l->san, i);
		if (g->type == GEN_EMAIL) {
			show_str(g->d.rfc822Name, t, sizeof(t));
			if (!mailbox_syntax(g->d.rfc822Name))
				finding(l, "rfc822Name %s is not a mailbox "
				    "(RFC 5280 4.2.1.6)", t);
			else if (mailbox_is(g->d.rfc822Name, l->s->email))
				found++;
			else
				finding(l, "rfc822Name %s is not the verified "
				    "mailbox (BR 7.1.4.2, 3.2.2)", t);
		} else if (g->type == GEN_OTHERNAME &&
		    OBJ_obj2nid(g->d.otherName->type_id) ==
		    NID_id_on_SmtpUTF8Mailbox)
			finding(l, "an SmtpUTF8Mailbox otherName; this profile "
			    "issues its ASCII mailbox as rfc822Name (RFC 9598 "
			    "3, BR 7.1.4.2.1)");
		else if (g->type == GEN_OTHERNAME)
			finding(l, "otherName %s %s",
			    oid(g->d.otherName->type_id, 1, u, sizeof(u)),
			    l->e->kind == PROFILE_STRICT ?
			    "is not allowed in the strict generation "
			    "(BR 7.1.4.2.1)" : "has no verified source in "
			    "this profile (BR 7.1.4.2.1)");
		else
			finding(l, "a %s entry; only mailboxes are allowed "
			    "(BR 7.1.4.2.1)", gen_type_name(g->type));
	}
	if (found == 0)
		finding(l, "the verified mailbox %s is not an rfc822Name "
		    "(BR 7.1.4.2.1)", show(l->s->email, strlen(l->s->email),
		    t, sizeof(t)));
	else if (found > 1)
		finding(l, "the verified mailbox is listed %d times", found);
}

/* "digitalSignature, keyAgreement" for keyUsage bits `bits`. */
static const char *
ku_names(unsigned int bits, char *out, size_t outsz)
{
	static const char *const names[] = {
		"digitalSignature", "nonRepudiation", "keyEncipherment",
		"dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign",
		"encipherOnly", "decipherOnly",
	};
	size_t	 i, o = 0;

	out[0] = '\0';
	for (i = 0; i < NELEM(names); i++)
		if (bits & (1U << i) && o < outsz)
			o += (size_t)snprintf(out + o, outsz - o, "%s%s",
			    o ? ", " : "", names[i]);
	if (bits >> NELEM(names) && o < outsz)
		snprintf(out + o, outsz - o, "%sundefined bits", o ? ", " : "");
	return out;
}

/*
 * key-usage. BR 7.1.2.3 (e): SHALL be present, SHOULD be critical (this
 * profile: is); the bits by key type, dual use here: rsaEncryption
 * digitalSignature + keyEncipherment, id-ecPublicKey digitalSignature +
 * keyAgreement, EdDSA digitalSignature; "Other bit positions SHALL NOT be
 * set". nonRepudiation, which BR allows, this profile does not assert.
 */
static void
r_key_usage(struct lint *l)
{
	ASN1_BIT_STRING	*ku;
	unsigned int	 bits = 0, want;
	int		 crit, i;
	char		 t[SHOWSZ], u[SHOWSZ];

	if ((ku = ext_get(l, NID_key_usage, "keyUsage", &crit)) == NULL) {
		if (crit == -1)
			finding(l, "keyUsage SHALL be present "
			    "(BR 7.1.2.3 (e))");
		return;
	}
	if (!crit)
		finding(l, "keyUsage is not critical (BR 7.1.2.3 (e): SHOULD; "
		    "this profile marks it critical)");
	for (i = 0; i < ASN1_STRING_length(ku) * 8 && i < 32; i++)
		if (ASN1_BIT_STRING_get_bit(ku, i))
			bits |= 1U << i;
	switch (l->keyfam) {
	case FAM_RSA:
		want = 1U << 0 | 1U << 2;
		break;
	case FAM_P256:
	case FAM_P384:
	case FAM_P521:
		want = 1U << 0 | 1U << 4;
		break;
	case FAM_ED25519:
	case FAM_ED448:
		want = 1U << 0;
		break;
	case FAM_NONE:
	case FAM__MAX:
	default:
		goto out;			/* key's */
	}
	if (bits != want)
		finding(l, "keyUsage is {%s}; %s keys get {%s} (BR 7.1.2.3 "
		    "(e))", ku_names(bits, t, sizeof(t)),
		    fam_names[l->keyfam], ku_names(want, u, sizeof(u)));
out:
	ASN1_BIT_STRING_free(ku);
}

/*
 * eku. BR 7.1.2.3 (f): SHALL be present with id-kp-emailProtection;
 * serverAuth, codeSigning, timeStamping and anyExtendedKeyUsage SHALL
 * NOT; strict: nothing else. Multipurpose: this profile adds clientAuth
 * and nothing else (from 2027-07-01 the only other value allowed, ballot
 * SMC018). Not critical, as the profile makes it.
 */
static void
r_eku(struct lint *l)
{
	EXTENDED_KEY_USAGE	*eku;
	const ASN1_OBJECT	*o;
	int			 crit, i, nid, email = 0, client = 0;
	char			 t[OIDSZ];

	if ((eku = ext_get(l, NID_ext_key_usage, "extKeyUsage", &crit)) ==
	    NULL) {
		if (crit == -1)
			finding(l, "extKeyUsage SHALL be present (BR 7.1.2.3 "
			    "(f))");
		return;
	}
	if (crit)
		finding(l, "extKeyUsage is critical; this profile does not "
		    "mark it so");
	for (i = 0; i < sk_ASN1_OBJECT_num(eku); i++) {
		o = sk_ASN1_OBJECT_value(eku, i);
		nid = OBJ_obj2nid(o);
		oid(o, 1, t, sizeof(t));
		if (nid == NID_email_protect)
			email++;
		else if (nid == NID_client_auth &&
		    l->e->kind == PROFILE_MULTIPURPOSE)
			client++;
		else if (nid == NID_server_auth || nid == NID_code_sign ||
		    nid == NID_time_stamp || nid == NID_anyExtendedKeyUsage)
			finding(l, "%s SHALL NOT be present (BR 7.1.2.3 (f))",
			    t);
		else if (l->e->kind == PROFILE_STRICT)
			finding(l, "%s: other values SHALL NOT be present in "
			    "the strict generation (BR 7.1.2.3 (f))", t);
		else
			finding(l, "%s is not issued by this profile (only "
			    "clientAuth besides emailProtection; SMC018)", t);
	}
	if (email == 0)
		finding(l, "emailProtection SHALL be present (BR 7.1.2.3 (f))");
	if (email > 1 || client > 1)
		finding(l, "a purpose is listed twice");
	EXTENDED_KEY_USAGE_free(eku);
}

/*
 * basic-constraints. BR 7.1.2.3 (d): MAY be present (this profile leaves
 * it out, as the references do); cA SHALL NOT be true, pathLenConstraint
 * SHALL NOT be present.
 */
static void
r_basic_constraints(struct lint *l)
{
	BASIC_CONSTRAINTS	*bc;
	int			 crit;

	if ((bc = ext_get(l, NID_basic_constraints, "basicConstraints",
	    &crit)) == NULL)
		return;
	if (bc->ca)
		finding(l, "cA is true; SHALL NOT be for a subscriber "
		    "(BR 7.1.2.3 (d))");
	if (bc->pathlen != NULL)
		finding(l, "pathLenConstraint SHALL NOT be present "
		    "(BR 7.1.2.3 (d))");
	BASIC_CONSTRAINTS_free(bc);
}

/*
 * aki. BR 7.1.2.3 (g): SHALL be present, not critical, keyIdentifier
 * present, authorityCertIssuer and authorityCertSerialNumber absent; the
 * keyIdentifier is the Issuing CA's subjectKeyIdentifier (7.1.2.2 (i)).
 */
static void
r_aki(struct lint *l)
{
	AUTHORITY_KEYID		*a;
	const ASN1_OCTET_STRING	*caski;
	int			 crit;
	char			 t[SHOWSZ], u[SHOWSZ];

	if ((a = ext_get(l, NID_authority_key_identifier,
	    "authorityKeyIdentifier", &crit)) == NULL) {
		if (crit == -1)
			finding(l, "authorityKeyIdentifier SHALL be present "
			    "(BR 7.1.2.3 (g))");
		return;
	}
	if (crit)
		finding(l, "authorityKeyIdentifier SHALL NOT be critical "
		    "(BR 7.1.2.3 (g))");
	if (a->issuer != NULL || a->serial != NULL)
		finding(l, "authorityCertIssuer and authorityCertSerialNumber "
		    "SHALL NOT be present (BR 7.1.2.3 (g))");
	if (a->keyid == NULL)
		finding(l, "keyIdentifier SHALL be present (BR 7.1.2.3 (g))");
	else if ((caski = X509_get0_subject_key_id(l->ca->cert)) == NULL)
		finding(l, "the CA certificate has no subjectKeyIdentifier to "
		    "match (BR 7.1.2.2 (i))");
	else if (ASN1_OCTET_STRING_cmp(a->keyid, caski) != 0)
		finding(l, "keyIdentifier %s is not the CA's "
		    "subjectKeyIdentifier %s (BR 7.1.2.2 (i))",
		    show_hex(a->keyid, t, sizeof(t)),
		    show_hex(caski, u, sizeof(u)));
	AUTHORITY_KEYID_free(a);
}

/*
 * Whether `id` is derived from the key bits `k`: RFC 5280 4.2.1.2 method
 * (1), the SHA-1, or (2), 0100 and its low 60 bits; RFC 7093 section 2
 * methods 1 to 3, the leftmost 160 bits of SHA-256, SHA-384, SHA-512.
 */
static int
ski_derived(struct lint *l, const ASN1_OCTET_STRING *id,
    const ASN1_BIT_STRING *k)
{
	const EVP_MD	*mds[4];
	unsigned char	 md[EVP_MAX_MD_SIZE], m2[8];
	const unsigned char *p = ASN1_STRING_get0_data(id);
	unsigned int	 mdlen;
	int		 n = ASN1_STRING_length(id);
	size_t		 i;

	mds[0] = EVP_sha1();
	mds[1] = EVP_sha256();
	mds[2] = EVP_sha384();
	mds[3] = EVP_sha512();
	for (i = 0; i < NELEM(mds); i++) {
		if (!EVP_Digest(ASN1_STRING_get0_data(k),
		    (size_t)ASN1_STRING_length(k), md, &mdlen, mds[i], NULL)) {
			l->err = 1;
			return 1;
		}
		if (n == 20 && memcmp(p, md, 20) == 0)
			return 1;
		if (i == 0) {
			m2[0] = 0x40 | (md[12] & 0x0f);
			memcpy(m2 + 1, md + 13, 7);
			if (n == 8 && memcmp(p, m2, 8) == 0)
				return 1;
		}
	}
	return 0;
}

/*
 * ski. BR 7.1.2.3 (n): SHOULD be present (this profile: is), SHALL NOT
 * be critical, SHOULD be derived from the public key.
 */
static void
r_ski(struct lint *l)
{
	ASN1_OCTET_STRING	*id;
	int			 crit;

	if ((id = ext_get(l, NID_subject_key_identifier,
	    "subjectKeyIdentifier", &crit)) == NULL) {
		if (crit == -1)
			finding(l, "subjectKeyIdentifier is missing "
			    "(BR 7.1.2.3 (n): SHOULD; this profile includes "
			    "it)");
		return;
	}
	if (crit)
		finding(l, "subjectKeyIdentifier SHALL NOT be critical "
		    "(BR 7.1.2.3 (n))");
	if (!ski_derived(l, id, X509_get0_pubkey_bitstr(l->x)))
		finding(l, "subjectKeyIdentifier is not derived from the "
		    "public key (BR 7.1.2.3 (n), RFC 5280 4.2.1.2, RFC 7093)");
	ASN1_OCTET_STRING_free(id);
}

/*
 * crl-dp. BR 7.1.2.3 (b): SHALL be present, SHOULD NOT be critical, a
 * distributionPoint whose fullName is a URI of the CA's CRL; strict and
 * multipurpose: every URI HTTP. Here exactly the configured URL, in one
 * fullName, without reasons or cRLIssuer (RFC 5280 4.2.1.13).
 */
static void
r_crl_dp(struct lint *l)
{
	CRL_DIST_POINTS		*dps;
	const DIST_POINT	*dp;
	const GENERAL_NAMES	*names;
	const GENERAL_NAME	*g;
	int			 crit, i, j, conf = 0;
	char			 t[SHOWSZ], u[SHOWSZ];

	if ((dps = ext_get(l, NID_crl_distribution_points,
	    "cRLDistributionPoints", &crit)) == NULL) {
		if (crit == -1)
			finding(l, "cRLDistributionPoints SHALL be present "
			    "(BR 7.1.2.3 (b))");
		return;
	}
	show(l->ca->crl_url, strlen(l->ca->crl_url), u, sizeof(u));
	if (crit)
		finding(l, "cRLDistributionPoints is critical; SHOULD NOT be "
		    "(BR 7.1.2.3 (b))");
	for (i = 0; i < sk_DIST_POINT_num(dps); i++) {
		dp = sk_DIST_POINT_value(dps, i);
		if (dp->reasons != NULL || dp->CRLissuer != NULL)
			finding(l, "reasons or cRLIssuer present; the CA's CRL "
			    "is complete and its own (RFC 5280 4.2.1.13)");
		if (dp->distpoint == NULL || dp->distpoint->type != 0) {
			finding(l, "a distributionPoint without a fullName "
			    "(BR 7.1.2.3 (b))");
			continue;
		}
		names = dp->distpoint->name.fullname;
		for (j = 0; j < sk_GENERAL_NAME_num(names); j++) {
			g = sk_GENERAL_NAME_value(names, j);
			if (g->type != GEN_URI) {
				finding(l, "a %s in fullName; only URIs "
				    "(BR 7.1.2.3 (b))", gen_type_name(g->type));
				continue;
			}
			show_str(g->d.uniformResourceIdentifier, t, sizeof(t));
			if (!http_uri(g->d.uniformResourceIdentifier, 0))
				finding(l, "%s is not an HTTP URI; every URI "
				    "SHALL have the scheme HTTP "
				    "(BR 7.1.2.3 (b))", t);
			else if (str_eq(g->d.uniformResourceIdentifier,
			    l->ca->crl_url))
				conf++;
			else
				finding(l, "%s is not the CA's CRL %s", t, u);
		}
	}
	if (conf == 0)
		finding(l, "the CA's CRL %s is missing (BR 7.1.2.3 (b))", u);
	else if (conf > 1)
		finding(l, "the CA's CRL is listed %d times", conf);
	CRL_DIST_POINTS_free(dps);
}

/*
 * aia. BR 7.1.2.3 (c): SHALL NOT be critical; id-ad-caIssuers SHOULD and
 * id-ad-ocsp MAY be present; strict and multipurpose: every accessMethod
 * an HTTP URI. Here exactly the CA's configured URLs, nothing else; no
 * extension when neither is configured.
 */
static void
r_aia(struct lint *l)
{
	AUTHORITY_INFO_ACCESS		*aia;
	const ACCESS_DESCRIPTION	*ad;
	const char			*want, *what;
	int				 crit, i, nid, cai = 0, ocsp = 0;
	char				 t[SHOWSZ], u[OIDSZ];

	if ((aia = ext_get(l, NID_info_access, "authorityInfoAccess",
	    &crit)) == NULL) {
		if (crit == -1 && l->ca->aia_url != NULL)
			finding(l, "caIssuers %s is missing (BR 7.1.2.3 (c): "
			    "SHOULD)", show(l->ca->aia_url,
			    strlen(l->ca->aia_url), t, sizeof(t)));
		if (crit == -1 && l->ca->ocsp_url != NULL)
			finding(l, "OCSP %s is missing", show(l->ca->ocsp_url,
			    strlen(l->ca->ocsp_url), t, sizeof(t)));
		return;
	}
	if (crit)
		finding(l, "authorityInfoAccess SHALL NOT be critical "
		    "(BR 7.1.2.3 (c))");
	for (i = 0; i < sk_ACCESS_DESCRIPTION_num(aia); i++) {
		ad = sk_ACCESS_DESCRIPTION_value(aia, i);
		nid = OBJ_obj2nid(ad->method);
		if (nid == NID_ad_ca_issuers) {
			want = l->ca->aia_url;
			what = "caIssuers";
		} else if (nid == NID_ad_OCSP) {
			want = l->ca->ocsp_url;
			what = "OCSP";
		} else {
			finding(l, "accessMethod %s is not issued by this "
			    "profile (BR 7.1.2.3 (c))",
			    oid(ad->method, 1, u, sizeof(u)));
			continue;
		}
		if (ad->location->type != GEN_URI) {
			finding(l, "%s location is a %s, not a URI "
			    "(BR 7.1.2.3 (c))", what,
			    gen_type_name(ad->location->type));
			continue;
		}
		show_str(ad->location->d.uniformResourceIdentifier, t,
		    sizeof(t));
		if (!http_uri(ad->location->d.uniformResourceIdentifier, 0))
			finding(l, "%s %s is not an HTTP URI; every "
			    "accessMethod SHALL have the scheme HTTP "
			    "(BR 7.1.2.3 (c))", what, t);
		else if (want == NULL)
			finding(l, "%s %s is present; none is configured", what,
			    t);
		else if (!str_eq(ad->location->d.uniformResourceIdentifier,
		    want))
			finding(l, "%s %s is not the configured one", what, t);
		else if (nid == NID_ad_ca_issuers)
			cai++;
		else
			ocsp++;
	}
	if (l->ca->aia_url != NULL && cai != 1)
		finding(l, "caIssuers %s appears %d times, not once",
		    show(l->ca->aia_url, strlen(l->ca->aia_url), t, sizeof(t)),
		    cai);
	if (l->ca->ocsp_url != NULL && ocsp != 1)
		finding(l, "OCSP %s appears %d times, not once",
		    show(l->ca->ocsp_url, strlen(l->ca->ocsp_url), t,
		    sizeof(t)), ocsp);
	AUTHORITY_INFO_ACCESS_free(aia);
}

/*
 * The qualifiers of one policy. BR 7.1.2.3 (a): an id-qt-cps qualifier
 * holds an HTTP or HTTPS URL (here the CA's configured one); an
 * id-qt-unotice holds explicitText and no noticeRef. RFC 5280 4.2.1.4
 * defines no other qualifier. Returns how many CPS qualifiers there are.
 */
static int
policy_qualifiers(struct lint *l, const STACK_OF(POLICYQUALINFO) *qs)
{
	const POLICYQUALINFO	*q;
	int			 i, cps = 0;
	char			 t[SHOWSZ];

	for (i = 0; i < sk_POLICYQUALINFO_num(qs); i++) {
		q = sk_POLICYQUALINFO_value(qs, i);
		switch (OBJ_obj2nid(q->pqualid)) {
		case NID_id_qt_cps:
			show_str(q->d.cpsuri, t, sizeof(t));
			if (!http_uri(q->d.cpsuri, 1))
				finding(l, "CPS qualifier %s is not an HTTP or "
				    "HTTPS URL (BR 7.1.2.3 (a))", t);
			else if (l->ca->cps_url == NULL)
				finding(l, "CPS qualifier %s is present; none "
				    "is configured", t);
			else if (!str_eq(q->d.cpsuri, l->ca->cps_url))
				finding(l, "CPS qualifier %s is not the "
				    "configured one", t);
			else
				cps++;
			break;
		case NID_id_qt_unotice:
			if (q->d.usernotice->noticeref != NULL)
				finding(l, "userNotice has a noticeRef; SHALL "
				    "NOT (BR 7.1.2.3 (a))");
			if (q->d.usernotice->exptext == NULL)
				finding(l, "userNotice without explicitText; "
				    "SHALL contain it (BR 7.1.2.3 (a))");
			break;
		default:
			finding(l, "policy qualifier %s is not one of RFC 5280 "
			    "4.2.1.4", oid(q->pqualid, 1, t, sizeof(t)));
			break;
		}
	}
	return cps;
}

/*
 * policies. BR 7.1.2.3 (a): SHALL be present, SHOULD NOT be critical,
 * exactly one reserved identifier of 7.1.6.1, here that of the kind; no
 * legacy generation (7.1.6.1: none since 2025-07-15); other identifiers
 * only as the CA documents (none configured here); RFC 5280 4.2.1.4: no
 * OID twice; anyPolicy is for CAs.
 */
static void
r_policies(struct lint *l)
{
	static const char	 reserved[] = "2.23.140.1.5.";
	CERTIFICATEPOLICIES	*cp;
	const POLICYINFO	*pi;
	const char		*want = profile_policy_oids[l->e->kind];
	int			 crit, i, j, nres = 0, nwant = 0, cps = 0;
	size_t			 len;
	char			 t[OIDSZ];

	if ((cp = ext_get(l, NID_certificate_policies, "certificatePolicies",
	    &crit)) == NULL) {
		if (crit == -1)
			finding(l, "certificatePolicies SHALL be present "
			    "(BR 7.1.2.3 (a))");
		return;
	}
	if (crit)
		finding(l, "certificatePolicies is critical; SHOULD NOT be "
		    "(BR 7.1.2.3 (a))");
	for (i = 0; i < sk_POLICYINFO_num(cp); i++) {
		pi = sk_POLICYINFO_value(cp, i);
		oid(pi->policyid, 0, t, sizeof(t));
		for (j = 0; j < i; j++)
			if (OBJ_cmp(pi->policyid,
			    sk_POLICYINFO_value(cp, j)->policyid) == 0)
				break;
		if (j < i)
			finding(l, "policy %s appears twice (RFC 5280 4.2.1.4)",
			    t);
		len = strlen(t);
		if (strncmp(t, reserved, sizeof(reserved) - 1) == 0) {
			nres++;
			if (len > 2 && strcmp(t + len - 2, ".1") == 0)
				finding(l, "%s is a legacy generation policy; "
				    "SHALL NOT be issued since 2025-07-15 "
				    "(BR 7.1.6.1)", t);
			else if (strcmp(t, want) == 0)
				nwant++;
			else
				finding(l, "%s is not the %s "
				    "Organization-validated policy %s "
				    "(BR 7.1.6.1)", t,
				    profile_kind_names[l->e->kind], want);
		} else if (OBJ_obj2nid(pi->policyid) == NID_any_policy)
			finding(l, "anyPolicy is not for subscriber "
			    "certificates (BR 7.1.2.3 (a))");
		else
			finding(l, "policy %s is not configured for this "
			    "profile (BR 7.1.2.3 (a): only those the CA "
			    "documents)", t);
		cps += policy_qualifiers(l, pi->qualifiers);
	}
	if (nres != 1)
		finding(l, "%d reserved S/MIME policy identifiers; exactly one "
		    "SHALL be included (BR 7.1.2.3 (a))", nres);
	if (nwant == 0)
		finding(l, "the %s policy %s is missing (BR 7.1.6.1)",
		    profile_kind_names[l->e->kind], want);
	if (l->ca->cps_url != NULL && cps != 1)
		finding(l, "the configured CPS qualifier appears %d times, not "
		    "once", cps);
	CERTIFICATEPOLICIES_free(cp);
}

/* Whether extension `nid` is one this profile issues (or allows). */
static int
profile_ext(int nid)
{
	switch (nid) {
	case NID_key_usage:
	case NID_ext_key_usage:
	case NID_certificate_policies:
	case NID_subject_alt_name:
	case NID_crl_distribution_points:
	case NID_info_access:
	case NID_subject_key_identifier:
	case NID_authority_key_identifier:
	case NID_basic_constraints:		/* BR 7.1.2.3 (d): MAY */
		return 1;
	default:
		return 0;
	}
}

/*
 * no-unknown-critical-extensions. RFC 5280 4.2: a relying party rejects
 * a certificate with a critical extension it does not know; BR 7.1.2.4:
 * nothing beyond what 7.1.2.3 specifies. Criticality of the profile's
 * own extensions is their rules' business.
 */
static void
r_no_unknown_critical(struct lint *l)
{
	X509_EXTENSION	*ex;
	int		 i;
	char		 t[OIDSZ];

	for (i = 0; i < X509_get_ext_count(l->x); i++) {
		ex = X509_get_ext(l->x, i);
		if (X509_EXTENSION_get_critical(ex) &&
		    !profile_ext(OBJ_obj2nid(X509_EXTENSION_get_object(ex))))
			finding(l, "critical extension %s is not one of this "
			    "profile (RFC 5280 4.2, BR 7.1.2.4)",
			    oid(X509_EXTENSION_get_object(ex), 1, t,
			    sizeof(t)));
	}
}

/*
 * extensions-known. BR 7.1.2.4: no extension beyond those of 7.1.2.3
 * unless the CA has a documented reason (this profile has none);
 * subjectDirectoryAttributes (7.1.2.3 (j)) and the Adobe extensions
 * ((m)) are prohibited in the strict generation.
 */
static void
r_extensions_known(struct lint *l)
{
	X509_EXTENSION	*ex;
	const char	*why;
	int		 i, nid;
	char		 t[OIDSZ], u[OIDSZ];

	for (i = 0; i < X509_get_ext_count(l->x); i++) {
		ex = X509_get_ext(l->x, i);
		nid = OBJ_obj2nid(X509_EXTENSION_get_object(ex));
		if (profile_ext(nid))
			continue;
		oid(X509_EXTENSION_get_object(ex), 0, u, sizeof(u));
		if (nid == NID_subject_directory_attributes)
			why = "is prohibited in the strict and multipurpose "
			    "generations (BR 7.1.2.3 (j))";
		else if (strncmp(u, "1.2.840.113583.1.1.9.", 21) == 0 &&
		    l->e->kind == PROFILE_STRICT)
			why = "is prohibited in the strict generation "
			    "(BR 7.1.2.3 (m))";
		else
			why = "is not issued by this profile (BR 7.1.2.4)";
		finding(l, "extension %s %s", oid(X509_EXTENSION_get_object(ex),
		    1, t, sizeof(t)), why);
	}
}

/*
 * extension-unique. RFC 5280 4.2: "A certificate MUST NOT include more
 * than one instance of a particular extension."
 */
static void
r_extension_unique(struct lint *l)
{
	const ASN1_OBJECT	*o;
	int			 i, j;
	char			 t[OIDSZ];

	for (i = 0; i < X509_get_ext_count(l->x); i++) {
		o = X509_EXTENSION_get_object(X509_get_ext(l->x, i));
		for (j = 0; j < i; j++)
			if (OBJ_cmp(o, X509_EXTENSION_get_object(
			    X509_get_ext(l->x, j))) == 0)
				break;
		if (j < i)
			finding(l, "extension %s appears more than once "
			    "(RFC 5280 4.2)", oid(o, 1, t, sizeof(t)));
	}
}

/*
 * key. The SubjectPublicKeyInfo is the request's, byte for byte; its
 * AlgorithmIdentifier one of BR 7.1.3.1 exactly; an RSA modulus of 2048
 * bits or more and a multiple of 8 (6.1.5), an odd exponent of 3 or more
 * (6.1.6). Point validity, weak keys and the like are the request
 * check's; the key read here is the request's (the one the built
 * certificate has only as bytes).
 */
static void
r_key(struct lint *l)
{
	X509_PUBKEY	*pk = X509_get_X509_PUBKEY(l->x);
	unsigned char	*a = NULL, *b = NULL;
	int		 alen, blen, bits;
	EVP_PKEY	*k;
	BIGNUM		*e = NULL;

	if (l->keyfam == FAM_NONE)
		finding(l, "the SubjectPublicKeyInfo AlgorithmIdentifier is "
		    "not one of BR 7.1.3.1 byte for byte");
	if ((alen = i2d_X509_PUBKEY(pk, &a)) <= 0 ||
	    (blen = i2d_X509_PUBKEY(l->e->spki, &b)) <= 0) {
		l->err = 1;
		goto out;
	}
	if (alen != blen || memcmp(a, b, (size_t)alen) != 0) {
		finding(l, "the SubjectPublicKeyInfo is not the request's");
		goto out;
	}
	if (l->keyfam != FAM_RSA)
		goto out;
	ERR_set_mark();
	if ((k = X509_PUBKEY_get0(l->e->spki)) == NULL ||
	    !EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_E, &e)) {
		ERR_pop_to_mark();
		finding(l, "the RSA key cannot be read");
		goto out;
	}
	ERR_pop_to_mark();
	bits = EVP_PKEY_get_bits(k);
	if (bits < 2048 || bits % 8 != 0)
		finding(l, "RSA modulus of %d bits; SHALL be 2048 or more "
		    "and a multiple of 8 (BR 6.1.5)", bits);
	if (BN_is_negative(e) || !BN_is_odd(e) || BN_is_one(e))
		finding(l, "RSA exponent SHALL be odd and 3 or more "
		    "(BR 6.1.6)");
out:
	BN_free(e);
	OPENSSL_free(a);
	OPENSSL_free(b);
}

/* The rules in the order they run; their names are stable. */
static const struct rule {
	const char	*name;
	void		(*fn)(struct lint *);
} rules[] = {
	{ "version-3", r_version },
	{ "serial-positive", r_serial_positive },
	{ "serial-entropy", r_serial_entropy },
	{ "signature-algorithm", r_signature_algorithm },
	{ "issuer-matches-ca", r_issuer_matches_ca },
	{ "validity", r_validity },
	{ "subject-attributes", r_subject_attributes },
	{ "org-identifier", r_org_identifier },
	{ "cn", r_cn },
	{ "email-attr", r_email_attr },
	{ "san", r_san },
	{ "key-usage", r_key_usage },
	{ "eku", r_eku },
	{ "basic-constraints", r_basic_constraints },
	{ "aki", r_aki },
	{ "ski", r_ski },
	{ "crl-dp", r_crl_dp },
	{ "aia", r_aia },
	{ "policies", r_policies },
	{ "no-unknown-critical-extensions", r_no_unknown_critical },
	{ "extensions-known", r_extensions_known },
	{ "extension-unique", r_extension_unique },
	{ "key", r_key },
};

/*
 * The name of rule `i` (0, 1, ...), NULL past the last: for tests and
 * documentation. Static.
 */
const char *
lint_rule_name(size_t i)
{
	return i < NELEM(rules) ? rules[i].name : NULL;
}

/*
 * Lints certificate `x` against the profile and `e` (see lint.h). The
 * expectation needs its subject with organization, org_identifier and
 * email, its CA with cert and crl_url, and spki. Appends one line per
 * finding to `out` and returns how many (0: fit to sign), or -1 when the
 * expectation is incomplete, memory runs out or OpenSSL fails (logged):
 * then do not issue, a 500.
 */
int
lint_cert(X509 *x, const struct lint_expect *e, struct buf *out)
{
	struct lint	 l;
	size_t		 i;
	int		 idx = -1;

	if (x == NULL || e == NULL || out == NULL || e->subject == NULL ||
	    e->ca == NULL || e->ca->cert == NULL || e->ca->crl_url == NULL ||
	    e->spki == NULL || (unsigned int)e->kind >= PROFILE__MAX ||
	    e->subject->organization == NULL ||
	    e->subject->org_identifier == NULL || e->subject->email == NULL ||
	    (unsigned int)e->subject->cn >= CN__MAX) {
		log_warnx("lint_cert: incomplete expectation");
		return -1;
	}
	memset(&l, 0, sizeof(l));
	l.x = x;
	l.e = e;
	l.s = e->subject;
	l.ca = e->ca;
	l.out = out;
	l.subj = X509_get_subject_name(x);
	l.keyfam = spki_fam(X509_get_X509_PUBKEY(x));
	l.cafam = spki_fam(X509_get_X509_PUBKEY(e->ca->cert));
	/* Several rules look up the mailboxes; san reports on it. */
	ERR_set_mark();
	l.san = X509_get_ext_d2i(x, NID_subject_alt_name, &l.san_crit, &idx);
	ERR_pop_to_mark();
	for (i = 0; i < NELEM(rules) && !l.err; i++) {
		l.rule = rules[i].name;
		rules[i].fn(&l);
	}
	GENERAL_NAMES_free(l.san);
	if (l.err) {
		log_ssl("lint_cert: rule %s", l.rule);
		return -1;
	}
	return l.n;
}

/*
 * A throwaway key of the CA key's type (RSA-2048 for any RSA CA key, as
 * the signature's AlgorithmIdentifier does not depend on the size; the
 * same curve for EC; Ed25519, Ed448) to sign the TBS with before lint_cert()
 * (BR 4.3.1.2). Generating one costs milliseconds (RSA: tens of them):
 * make it once per process. Returns the key (EVP_PKEY_free()) or NULL.
 */
EVP_PKEY *
lint_key_new(const EVP_PKEY *ca)
{
	EVP_PKEY	*k = NULL;
	char		 group[64];

	if (ca == NULL)
		return NULL;
	switch (EVP_PKEY_get_base_id(ca)) {
	case EVP_PKEY_RSA:
		k = EVP_RSA_gen(2048);
		break;
	case EVP_PKEY_EC:
		if (EVP_PKEY_get_group_name(ca, group, sizeof(group), NULL))
			k = EVP_EC_gen(group);
		break;
	case EVP_PKEY_ED25519:
		k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
		break;
	case EVP_PKEY_ED448:
		k = EVP_PKEY_Q_keygen(NULL, NULL, "ED448");
		break;
	default:
		break;
	}
	if (k == NULL)
		log_ssl("lint_key_new");
	return k;
}
