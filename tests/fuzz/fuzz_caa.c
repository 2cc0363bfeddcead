/*
 * libFuzzer target for the CAA records of a mailbox's domain, as DNS
 * hands them over: caa_issuemail_parse() on a property value (RFC 9495
 * section 3), and caa_decide() on a whole Relevant RRset (RFC 8659
 * section 4.1, RFC 9495 section 4) with the account it writes for the
 * audit log.
 *
 * Input: a CAA RRset as c-ares gives it: records of one byte of flags,
 * one byte of tag length, the tag, one byte of value length, the value;
 * at most 4 KiB. The whole input is also parsed as one issuemail value.
 * Values and tags are passed without a terminating NUL so that any read
 * past their end is caught.
 *
 * Beyond memory errors, the target aborts when an invariant breaks: an
 * issuer-domain-name that is not inside the value or not dot-separated
 * LDH labels; a value whose verdict or name changes when white space is
 * added around it (the grammar allows it), or a name that does not parse
 * alone as itself; a decision that differs from the RFCs' (a critical
 * unknown tag forbids, no issuemail allows, else some well-formed
 * issuemail must name one of our issuer domain names, in any case); an
 * account that is empty, holds anything but printable ASCII, or
 * overflows the buffer it was given, however small.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ares.h>

#include "caa.h"

#define FUZZ_MAX_INPUT	4096
#define MAX_RECORDS	64

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const	 ids[] = {
	"ca.smime-activation.test", "Other-CA.Example", NULL
};

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
same(const unsigned char *s, size_t n, const char *c)
{
	size_t	 i;

	if (strlen(c) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lc(s[i]) != lc((unsigned char)c[i]))
			return 0;
	return 1;
}

static int
alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* Dot-separated labels of letters, digits and inner hyphens. */
static void
check_name(const unsigned char *s, size_t n)
{
	size_t	 i, label = 0;

	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			if (label == 0 || s[i - 1] == '-')
				abort();
			label = 0;
			continue;
		}
		if (!alnum(s[i]) && (s[i] != '-' || label == 0))
			abort();
		label++;
	}
}

/* One value through the parser, alone and padded. */
static int
check_value(const unsigned char *v, size_t n)
{
	const unsigned char	*idn, *idn2;
	unsigned char		*pad;
	size_t			 idnlen, idnlen2;
	int			 ok, ok2;

	ok = caa_issuemail_parse(v, n, &idn, &idnlen);
	if (ok != 0 && ok != 1)
		abort();
	if (idnlen > 0) {
		if (idn < v || idn + idnlen > v + n)
			abort();
		check_name(idn, idnlen);
		/* The name alone is itself. */
		if (!caa_issuemail_parse(idn, idnlen, &idn2, &idnlen2) ||
		    idn2 != idn || idnlen2 != idnlen)
			abort();
	}
	/* *WSP at both ends changes nothing. */
	if ((pad = malloc(n + 4)) == NULL)
		abort();
	memcpy(pad, " \t", 2);
	memcpy(pad + 2, v, n);
	memcpy(pad + 2 + n, "\t ", 2);
	ok2 = caa_issuemail_parse(pad, n + 4, &idn2, &idnlen2);
	if (ok2 != ok || (ok && (idnlen2 != idnlen ||
	    memcmp(idn2, idn, idnlen) != 0)))
		abort();
	free(pad);
	return ok && idnlen > 0 ? (same(idn, idnlen, ids[0]) ||
	    same(idn, idnlen, ids[1])) : 0;
}

/* An account: printable ASCII, NUL-terminated inside its buffer. */
static void
check_why(const char *why, size_t sz)
{
	size_t	 i;

	if (sz == 0)
		return;
	for (i = 0; i < sz && why[i] != '\0'; i++)
		if (why[i] < 0x20 || why[i] > 0x7e)
			abort();
	if (i == sz || (sz > 1 && i == 0))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t	 sizes[] = { CAA_WHY_MAX, 17, 1, 0 };
	struct ares_caa_reply	 rec[MAX_RECORDS];
	unsigned char		*copy[2 * MAX_RECORDS];
	char			*why;
	size_t			 off = 0, n = 0, nc = 0, i, k, tl, vl;
	int			 critical = 0, mail = 0, named = 0, known;
	enum caa_result		 want, got;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	check_value(data, size);

	memset(rec, 0, sizeof(rec));
	while (n < MAX_RECORDS && size - off >= 2) {
		rec[n].critical = data[off];
		tl = data[off + 1];
		off += 2;
		if (size - off < tl + 1)
			break;
		/* Each its own allocation: a read past it is caught. */
		if ((copy[nc] = malloc(tl ? tl : 1)) == NULL)
			abort();
		memcpy(copy[nc], data + off, tl);
		rec[n].property = copy[nc++];
		rec[n].plength = tl;
		off += tl;
		vl = data[off++];
		if (size - off < vl)
			vl = size - off;
		if ((copy[nc] = malloc(vl ? vl : 1)) == NULL)
			abort();
		memcpy(copy[nc], data + off, vl);
		rec[n].value = copy[nc++];
		rec[n].length = vl;
		off += vl;
		if (n > 0)
			rec[n - 1].next = &rec[n];
		n++;
	}

	/* The RFCs' decision, written out. */
	for (i = 0; i < n; i++) {
		known = same(rec[i].property, rec[i].plength, "issuemail") ||
		    same(rec[i].property, rec[i].plength, "issue") ||
		    same(rec[i].property, rec[i].plength, "issuewild") ||
		    same(rec[i].property, rec[i].plength, "iodef");
		if ((rec[i].critical & 0x81) && !known)
			critical = 1;
		if (same(rec[i].property, rec[i].plength, "issuemail")) {
			mail = 1;
			if (check_value(rec[i].value, rec[i].length))
				named = 1;
		}
	}
	want = critical ? CAA_FORBIDDEN : !mail || named ? CAA_ALLOWED :
	    CAA_FORBIDDEN;

	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		/* Exactly the size given: a write past it is caught. */
		if ((why = malloc(sizes[k] ? sizes[k] : 1)) == NULL)
			abort();
		got = caa_decide(n ? rec : NULL, "example.com", ids, why,
		    sizes[k]);
		if (got != want)
			abort();
		check_why(why, sizes[k]);
		free(why);
	}
	for (i = 0; i < nc; i++)
		free(copy[i]);
	return 0;
}
