/*
 * Unit tests of request.c: percent-decoding, the urlencoded parser and
 * its field table (fieldmap/fielderr), the request line from FastCGI
 * parameters, response headers and cookies, and content negotiation.
 *
 * Encoding rules: WHATWG URL Standard, application/x-www-form-urlencoded
 * parsing; cookies: RFC 6265 section 4.1.1; media types: RFC 9110
 * section 12.5.1.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/wait.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "request.h"
#include "valid.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* A representative form. */
enum field {
	F_NAME,		/* valid_text, 64 */
	F_COUNT,	/* valid_uint, 18 */
	F_KIND,		/* valid_word, 16 */
	F_CSRF,		/* valid_token, 64 */
	F_NOTE,		/* default validator (valid_line), 8 */
	F__MAX
};

static const struct fieldspec fields[F__MAX] = {
	{ valid_text, "name", 64 },
	{ valid_uint, "count", 18 },
	{ valid_word, "kind", 16 },
	{ valid_token, "csrf", 64 },
	{ NULL, "note", 8 },
};

static int
setup(void **state)
{
	struct req	*r;

	if ((r = malloc(sizeof(*r))) == NULL ||
	    !req_init(r, fields, F__MAX))
		return -1;
	*state = r;
	return 0;
}

static int
teardown(void **state)
{
	req_free(*state);
	free(*state);
	return 0;
}

/* Parses a NUL-terminated body. */
static int
parse(struct req *r, const char *s)
{
	return req_parse_urlencoded(r, s, strlen(s));
}

/* The number of pairs on a fieldmap or fielderr list. */
static size_t
chain_len(const struct kv *kv)
{
	size_t	 n = 0;

	for (; kv != NULL; kv = kv->next)
		n++;
	return n;
}

/*
 * Checks the lists' invariants: each entry is filed under its field and
 * state, valid ones hold valsz == strlen(val) within the cap, and every
 * known pair is on exactly one list.
 */
static void
check_lists(const struct req *r)
{
	const struct kv	*kv;
	size_t		 f, on = 0, known = 0, i;

	for (f = 0; f < r->fieldsz; f++) {
		for (kv = r->fieldmap[f]; kv != NULL; kv = kv->next, on++) {
			assert_int_equal(kv->field, f);
			assert_int_equal(kv->state, KV_VALID);
			assert_int_equal(kv->err, KVERR_NONE);
			assert_int_equal(kv->valsz, strlen(kv->val));
			assert_true(kv->valsz <= r->fields[f].max);
			assert_string_equal(kv->key, r->fields[f].name);
		}
		for (kv = r->fielderr[f]; kv != NULL; kv = kv->next, on++) {
			assert_int_equal(kv->field, f);
			assert_int_equal(kv->state, KV_INVALID);
			assert_int_not_equal(kv->err, KVERR_NONE);
			assert_string_equal(kv->key, r->fields[f].name);
		}
	}
	for (i = 0; i < r->kvsz; i++)
		if (r->kvs[i].state != KV_UNKNOWN)
			known++;
	assert_int_equal(on, known);
}

/* -------------------------------------------------------- url_decode */

struct dec {
	const char	*in;
	int		 ok;
	const char	*out;
	size_t		 outlen;
};

static const struct dec decs[] = {
	{ "", 1, "", 0 },
	{ "abc", 1, "abc", 3 },
	{ "a+b", 1, "a b", 3 },
	{ "++", 1, "  ", 2 },
	{ "%20", 1, " ", 1 },
	{ "%2B", 1, "+", 1 },
	{ "%2b", 1, "+", 1 },
	{ "%41%42", 1, "AB", 2 },
	{ "%4a%4A", 1, "JJ", 2 },
	{ "%fF%Ff", 1, "\xff\xff", 2 },
	{ "%e2%82%ac", 1, "\xe2\x82\xac", 3 },
	{ "%C3%A9t%C3%A9", 1, "\xc3\xa9t\xc3\xa9", 5 },
	{ "%25", 1, "%", 1 },
	{ "%2541", 1, "%41", 3 },	/* decoded once only */
	{ "%26%3D", 1, "&=", 2 },
	{ "a=b&c", 1, "a=b&c", 5 },
	{ "%00", 1, "\0", 1 },
	{ "a%00b", 1, "a\0b", 3 },
	{ "%0D%0A", 1, "\r\n", 2 },
	/* Malformed escapes. */
	{ "%", 0, NULL, 0 },
	{ "%4", 0, NULL, 0 },
	{ "abc%4", 0, NULL, 0 },
	{ "abc%", 0, NULL, 0 },
	{ "%G1", 0, NULL, 0 },
	{ "%1G", 0, NULL, 0 },
	{ "%%41", 0, NULL, 0 },
	{ "% 41", 0, NULL, 0 },
	{ "%+1", 0, NULL, 0 },
	{ "%-1", 0, NULL, 0 },
	{ "%x1", 0, NULL, 0 },
	{ "%\xc3\xa9", 0, NULL, 0 },
	{ "ok%41%4", 0, NULL, 0 },
};

static void
test_url_decode(void **state)
{
	char	 s[64];
	size_t	 i, len;
	int	 rc;

	for (i = 0; i < NELEM(decs); i++) {
		memset(s, 'X', sizeof(s));
		len = strlen(decs[i].in);
		memcpy(s, decs[i].in, len);
		rc = url_decode(s, &len);
		if (rc != decs[i].ok)
			fail_msg("url_decode(\"%s\") returned %d", decs[i].in,
			    rc);
		if (!rc)
			continue;
		if (len != decs[i].outlen)
			fail_msg("url_decode(\"%s\"): length %zu, not %zu",
			    decs[i].in, len, decs[i].outlen);
		assert_memory_equal(s, decs[i].out, len);
		assert_int_equal(s[len], '\0');
	}
}

/* A '%' at the very end must not read past the length it was given. */
static void
test_url_decode_bounds(void **state)
{
	char	*s;
	size_t	 len;

	/* Exactly the bytes, then a NUL: nothing beyond is touched. */
	s = malloc(3);
	assert_non_null(s);
	memcpy(s, "a%", 2);
	s[2] = '\0';
	len = 2;
	assert_int_equal(url_decode(s, &len), 0);
	free(s);

	/* Hex digits after the length are not part of the input. */
	s = strdup("%41%42");
	assert_non_null(s);
	len = 4;
	assert_int_equal(url_decode(s, &len), 0);
	free(s);
}

/* -------------------------------------------- req_parse_urlencoded */

static void
test_form_basic(void **state)
{
	struct req	*r = *state;

	assert_int_equal(parse(r, "name=Acme+Sp.+z+o.o.&count=12&kind=org"
	    "&csrf=6553f100.AbC-_&note=n%C3%B3te"), 200);
	assert_int_equal(r->kvsz, 5);
	assert_string_equal(req_field(r, F_NAME), "Acme Sp. z o.o.");
	assert_string_equal(req_field(r, F_COUNT), "12");
	assert_string_equal(req_field(r, F_KIND), "org");
	assert_string_equal(req_field(r, F_CSRF), "6553f100.AbC-_");
	assert_string_equal(req_field(r, F_NOTE), "n\xc3\xb3te");
	assert_null(req_field(r, F__MAX));
	assert_null(req_field(r, (size_t)-1));
	for (size_t f = 0; f < F__MAX; f++)
		assert_null(r->fielderr[f]);
	check_lists(r);
}

static void
test_form_empty(void **state)
{
	struct req	*r = *state;

	assert_int_equal(req_parse_urlencoded(r, "", 0), 200);
	assert_int_equal(parse(r, "&"), 200);
	assert_int_equal(parse(r, "&&&&"), 200);
	assert_int_equal(r->kvsz, 0);
	assert_null(req_field(r, F_NAME));
}

static void
test_form_empty_pairs(void **state)
{
	struct req	*r = *state;

	assert_int_equal(parse(r, "&&name=X&&&count=1&&"), 200);
	assert_int_equal(r->kvsz, 2);
	assert_string_equal(req_field(r, F_NAME), "X");
	assert_string_equal(req_field(r, F_COUNT), "1");
	check_lists(r);
}

/* Repeated fields: both lists keep the pairs in the order they came. */
static void
test_form_repeated(void **state)
{
	struct req	*r = *state;
	const struct kv	*kv;

	assert_int_equal(parse(r, "kind=a&name=X&kind=b&kind=BAD&note=1"
	    "&kind=c&kind=a%20b&kind=d"), 200);
	kv = r->fieldmap[F_KIND];
	assert_non_null(kv);
	assert_string_equal(kv->val, "a");
	assert_string_equal((kv = kv->next)->val, "b");
	assert_string_equal((kv = kv->next)->val, "c");
	assert_string_equal((kv = kv->next)->val, "d");
	assert_null(kv->next);
	kv = r->fielderr[F_KIND];
	assert_non_null(kv);
	assert_string_equal(kv->val, "BAD");
	assert_int_equal(kv->err, KVERR_VALUE);
	assert_string_equal((kv = kv->next)->val, "a b");
	assert_null(kv->next);
	/* The first valid one is the field's value. */
	assert_string_equal(req_field(r, F_KIND), "a");
	assert_int_equal(chain_len(r->fieldmap[F_NAME]), 1);
	assert_int_equal(chain_len(r->fieldmap[F_NOTE]), 1);
	check_lists(r);
}

/* A second call (the query, then the body) appends and refiles. */
static void
test_form_two_calls(void **state)
{
	struct req	*r = *state;
	const struct kv	*kv;

	assert_int_equal(parse(r, "kind=q1&kind=q2"), 200);
	assert_int_equal(parse(r, "kind=b1"), 200);
	assert_int_equal(r->kvsz, 3);
	kv = r->fieldmap[F_KIND];
	assert_string_equal(kv->val, "q1");
	assert_string_equal(kv->next->val, "q2");
	assert_string_equal(kv->next->next->val, "b1");
	assert_null(kv->next->next->next);
	check_lists(r);
}

static void
test_form_unknown_ignored(void **state)
{
	struct req	*r = *state;
	size_t		 f;

	assert_int_equal(parse(r, "foo=bar&NAME=upper&name=X&names=Y"
	    "&%6Eame=Z&baz"), 200);
	assert_int_equal(r->kvsz, 6);
	assert_int_equal(r->kvs[0].state, KV_UNKNOWN);
	assert_int_equal(r->kvs[1].state, KV_UNKNOWN);	/* names are exact */
	assert_int_equal(r->kvs[3].state, KV_UNKNOWN);
	assert_int_equal(r->kvs[5].state, KV_UNKNOWN);
	/* Names are percent-decoded too: "%6Eame" is "name". */
	assert_int_equal(chain_len(r->fieldmap[F_NAME]), 2);
	assert_string_equal(r->fieldmap[F_NAME]->val, "X");
	assert_string_equal(r->fieldmap[F_NAME]->next->val, "Z");
	for (f = 0; f < F__MAX; f++)
		assert_null(r->fielderr[f]);
	for (f = 0; f < F__MAX; f++)
		if (f != F_NAME)
			assert_null(r->fieldmap[f]);
	check_lists(r);
}

/* A name without '=' is a pair with an empty value. */
static void
test_form_key_without_value(void **state)
{
	struct req	*r = *state;

	assert_int_equal(parse(r, "note&name&kind="), 200);
	assert_int_equal(r->kvsz, 3);
	assert_string_equal(req_field(r, F_NOTE), "");
	assert_int_equal(r->fieldmap[F_NOTE]->valsz, 0);
	/* valid_text refuses an empty name: kept as an error. */
	assert_null(req_field(r, F_NAME));
	assert_non_null(r->fielderr[F_NAME]);
	assert_int_equal(r->fielderr[F_NAME]->err, KVERR_VALUE);
	assert_string_equal(r->fielderr[F_NAME]->val, "");
	/* valid_word accepts the empty word. */
	assert_string_equal(req_field(r, F_KIND), "");
	check_lists(r);
}

/* Only the first '=' separates; the others belong to the value. */
static void
test_form_equals_in_value(void **state)
{
	struct req	*r = *state;

	assert_int_equal(parse(r, "note=a=b=&name==x"), 200);
	assert_string_equal(req_field(r, F_NOTE), "a=b=");
	assert_string_equal(req_field(r, F_NAME), "=x");
	check_lists(r);
}

/* The length given is the end: bytes after it are not read. */
static void
test_form_length_bound(void **state)
{
	struct req	*r = *state;
	static const char	 body[] = "name=abc&count=1";

	assert_int_equal(req_parse_urlencoded(r, body, 8), 200);
	assert_int_equal(r->kvsz, 1);
	assert_string_equal(req_field(r, F_NAME), "abc");
	assert_null(req_field(r, F_COUNT));
}

/* Validators normalise: the stored value and its length follow. */
static void
test_form_trimmed(void **state)
{
	struct req	*r = *state;

	assert_int_equal(parse(r, "name=++Acme%09%0D%0A&count=+7+"), 200);
	assert_string_equal(req_field(r, F_NAME), "Acme");
	assert_int_equal(r->fieldmap[F_NAME]->valsz, 4);
	assert_string_equal(req_field(r, F_COUNT), "7");
	assert_int_equal(r->fieldmap[F_COUNT]->valsz, 1);
	check_lists(r);
}

/* Values filed as errors, each with its reason. */
struct bad {
	const char	*body;
	enum field	 f;
	enum kverr	 err;
};

static const struct bad bads[] = {
	/* Longer than the cap (note: 8 bytes, counted decoded). */
	{ "note=123456789", F_NOTE, KVERR_TOOLONG },
	{ "note=%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9", F_NOTE, KVERR_TOOLONG },
	{ "count=1234567890123456789", F_COUNT, KVERR_TOOLONG },
	{ "kind=aaaaaaaaaaaaaaaaa", F_KIND, KVERR_TOOLONG },
	/* Not UTF-8, or a NUL. */
	{ "name=%C3", F_NAME, KVERR_ENCODING },
	{ "name=%FF", F_NAME, KVERR_ENCODING },
	{ "name=caf%E9", F_NAME, KVERR_ENCODING },
	{ "name=%C0%AF", F_NAME, KVERR_ENCODING },
	{ "name=%ED%A0%80", F_NAME, KVERR_ENCODING },
	{ "name=%F4%90%80%80", F_NAME, KVERR_ENCODING },
	{ "name=a%00b", F_NAME, KVERR_ENCODING },
	{ "note=%00", F_NOTE, KVERR_ENCODING },
	{ "csrf=abc%00", F_CSRF, KVERR_ENCODING },
	/* Malformed escapes in a value. */
	{ "name=%4", F_NAME, KVERR_ENCODING },
	{ "name=100%", F_NAME, KVERR_ENCODING },
	{ "name=%zz", F_NAME, KVERR_ENCODING },
	{ "note=ok%4", F_NOTE, KVERR_ENCODING },
	{ "count=1%", F_COUNT, KVERR_ENCODING },
	/* Refused by the validator. */
	{ "name=.", F_NAME, KVERR_VALUE },
	{ "name=+-+", F_NAME, KVERR_VALUE },
	{ "name=a%0Ab", F_NAME, KVERR_VALUE },
	{ "name=%1B%5B31m", F_NAME, KVERR_VALUE },
	{ "count=abc", F_COUNT, KVERR_VALUE },
	{ "count=-1", F_COUNT, KVERR_VALUE },
	{ "count=007", F_COUNT, KVERR_VALUE },
	{ "kind=ABC", F_KIND, KVERR_VALUE },
	{ "kind=a/b", F_KIND, KVERR_VALUE },
	{ "csrf=a+b", F_CSRF, KVERR_VALUE },
	{ "csrf=", F_CSRF, KVERR_VALUE },
	{ "note=a%09b", F_NOTE, KVERR_VALUE },
	{ "note=%7F", F_NOTE, KVERR_VALUE },
};

static void
test_form_field_errors(void **state)
{
	struct req	 r;
	size_t		 i, f;

	for (i = 0; i < NELEM(bads); i++) {
		assert_true(req_init(&r, fields, F__MAX));
		if (parse(&r, bads[i].body) != 200)
			fail_msg("\"%s\": not 200", bads[i].body);
		if (r.fielderr[bads[i].f] == NULL ||
		    r.fielderr[bads[i].f]->err != bads[i].err)
			fail_msg("\"%s\": not filed as %s (got %s)",
			    bads[i].body, kverr_names[bads[i].err],
			    r.fielderr[bads[i].f] == NULL ? "no error" :
			    kverr_names[r.fielderr[bads[i].f]->err]);
		for (f = 0; f < F__MAX; f++)
			if (r.fieldmap[f] != NULL)
				fail_msg("\"%s\": field %zu valid",
				    bads[i].body, f);
		check_lists(&r);
		req_free(&r);
	}
}

/* At the cap exactly is still valid. */
static void
test_form_at_cap(void **state)
{
	struct req	*r = *state;

	assert_int_equal(parse(r, "note=12345678&note=%41%41%41%41%41%41%41%41"
	    "&note=%C3%A9%C3%A9%C3%A9%C3%A9"), 200);
	assert_int_equal(chain_len(r->fieldmap[F_NOTE]), 3);
	assert_string_equal(r->fieldmap[F_NOTE]->next->val, "AAAAAAAA");
	assert_null(r->fielderr[F_NOTE]);
	check_lists(r);
}

/*
 * An undecodable value is kept "so the form can be shown again with what
 * was typed" (request.h): the person typed "a%41%4", and that is what
 * the form must show, not a half-decoded mixture.
 */
static void
test_form_bad_escape_kept_as_typed(void **state)
{
	struct req	*r = *state;

	assert_int_equal(parse(r, "note=a%41%4"), 200);
	assert_non_null(r->fielderr[F_NOTE]);
	assert_int_equal(r->fielderr[F_NOTE]->err, KVERR_ENCODING);
	assert_string_equal(r->fielderr[F_NOTE]->val, "a%41%4");
}

/* Unknown fields with broken values are ignored, not errors. */
static void
test_form_unknown_bad_value(void **state)
{
	struct req	*r = *state;
	size_t		 f;

	assert_int_equal(parse(r, "x=%ZZ&y=%FF&z=%00&name=ok"), 200);
	assert_string_equal(req_field(r, F_NAME), "ok");
	for (f = 0; f < F__MAX; f++)
		assert_null(r->fielderr[f]);
	check_lists(r);
}

static char *
pairs(size_t n, const char *pair)
{
	char	*s;
	size_t	 i, pl = strlen(pair);

	s = malloc(n * (pl + 1) + 1);
	assert_non_null(s);
	for (i = 0; i < n; i++) {
		memcpy(s + i * (pl + 1), pair, pl);
		s[i * (pl + 1) + pl] = '&';
	}
	s[n * (pl + 1)] = '\0';
	return s;
}

static void
test_form_max_pairs(void **state)
{
	struct req	 r;
	char		*s;

	/* REQ_MAX_PAIRS are fine. */
	s = pairs(REQ_MAX_PAIRS, "kind=a");
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(parse(&r, s), 200);
	assert_int_equal(r.kvsz, REQ_MAX_PAIRS);
	assert_int_equal(chain_len(r.fieldmap[F_KIND]), REQ_MAX_PAIRS);
	req_free(&r);
	free(s);

	/* One more is 413, unknown names and empty values included. */
	s = pairs(REQ_MAX_PAIRS + 1, "x");
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(parse(&r, s), 413);
	assert_true(r.kvsz <= REQ_MAX_PAIRS);
	req_free(&r);
	free(s);

	/* Empty pairs do not count. */
	s = pairs(REQ_MAX_PAIRS * 4, "");
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(parse(&r, s), 200);
	assert_int_equal(r.kvsz, 0);
	req_free(&r);
	free(s);

	/* The cap holds across the query and the body. */
	s = pairs(REQ_MAX_PAIRS / 2 + 1, "kind=a");
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(parse(&r, s), 200);
	assert_int_equal(parse(&r, s), 413);
	req_free(&r);
	free(s);
}

/* Names that are refused outright: 400. */
static const char *const bad_keys[] = {
	"=value",
	"=",
	"==",
	"%=1",
	"a%4=1",
	"a%=1",
	"%zz=1",
	"%G0=1",
	"a%00b=1",
	"%00=1",
	"%00",
	"name=ok&%=1",
};

static void
test_form_bad_key(void **state)
{
	struct req	 r;
	size_t		 i;
	int		 rc;

	for (i = 0; i < NELEM(bad_keys); i++) {
		assert_true(req_init(&r, fields, F__MAX));
		if ((rc = parse(&r, bad_keys[i])) != 400)
			fail_msg("\"%s\": %d, not 400", bad_keys[i], rc);
		req_free(&r);
	}
}

static void
test_form_key_length(void **state)
{
	struct req	 r;
	char		 key[REQ_MAX_KEY * 3 + 16];
	size_t		 i;

	/* REQ_MAX_KEY bytes of name: accepted (unknown). */
	memset(key, 'k', REQ_MAX_KEY);
	strcpy(key + REQ_MAX_KEY, "=1");
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(parse(&r, key), 200);
	assert_int_equal(r.kvsz, 1);
	req_free(&r);

	/* One more: 400, with or without a value. */
	memset(key, 'k', REQ_MAX_KEY + 1);
	strcpy(key + REQ_MAX_KEY + 1, "=1");
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(parse(&r, key), 400);
	req_free(&r);
	key[REQ_MAX_KEY + 1] = '\0';
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(parse(&r, key), 400);
	req_free(&r);

	/* The limit is on the decoded name: 64 "%41" is 64 bytes. */
	for (i = 0; i < REQ_MAX_KEY; i++)
		memcpy(key + i * 3, "%41", 3);
	strcpy(key + REQ_MAX_KEY * 3, "=1");
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(parse(&r, key), 200);
	req_free(&r);
}

static void
test_form_huge_key(void **state)
{
	struct req	 r;
	char		*s;
	size_t		 n = 60000;

	s = malloc(n + 3);
	assert_non_null(s);
	memset(s, 'a', n);
	memcpy(s + n, "=1", 3);
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(parse(&r, s), 400);
	req_free(&r);
	/* The same with escapes, so the raw length is three times. */
	memset(s, '%', n);
	for (size_t i = 0; i + 2 < n; i += 3)
		memcpy(s + i, "%41", 3);
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(parse(&r, s), 400);
	req_free(&r);
	free(s);
}

/* The default action for the signals cmocka catches. */
static void
child_signals(void)
{
	signal(SIGSEGV, SIG_DFL);
	signal(SIGBUS, SIG_DFL);
	signal(SIGILL, SIG_DFL);
	signal(SIGFPE, SIG_DFL);
	signal(SIGSYS, SIG_DFL);
}

/*
 * A raw NUL byte in a name (a body is bytes, not a C string). The name
 * is refused, and nothing is read or written past what was allocated
 * for it: each case runs in a child, so that heap corruption (which
 * glibc or AddressSanitizer turn into an abort) fails this test alone.
 */
static void
test_form_raw_nul_in_key(void **state)
{
	/* Before the NUL: plain, or an escape (so that decoding moves
	 * bytes down and writes, not only reads). */
	static const char *const heads[] = { "a", "%41" };
	static const size_t	 tails[] = { 1, 40, 180 };
	struct req		 r;
	char			 body[256];
	size_t			 h, i, hl, len;
	pid_t			 pid;
	int			 st, rc;

	for (h = 0; h < NELEM(heads); h++)
		for (i = 0; i < NELEM(tails); i++) {
			/* head, NUL, tails[i] bytes of 'b', "=1&note=x" */
			hl = strlen(heads[h]);
			memcpy(body, heads[h], hl);
			body[hl] = '\0';
			memset(body + hl + 1, 'b', tails[i]);
			memcpy(body + hl + 1 + tails[i], "=1&note=x", 9);
			len = hl + 1 + tails[i] + 9;
			fflush(NULL);
			if ((pid = fork()) == -1)
				fail_msg("fork");
			if (pid == 0) {
				/* A crash ends the child, not in cmocka's
				 * handler. */
				child_signals();
				if (!req_init(&r, fields, F__MAX))
					_exit(3);
				rc = req_parse_urlencoded(&r, body, len);
				req_free(&r);
				_exit(rc == 400 ? 0 : 64);
			}
			assert_int_equal(waitpid(pid, &st, 0), pid);
			if (WIFSIGNALED(st))
				fail_msg("name \"%s\\0\" + %zu bytes: killed by "
				    "signal %d (heap overflow in the name's "
				    "copy?)", heads[h], tails[i], WTERMSIG(st));
			if (WEXITSTATUS(st) == 64)
				fail_msg("name \"%s\\0\" + %zu bytes: not 400",
				    heads[h], tails[i]);
			if (WEXITSTATUS(st) != 0)
				fail_msg("name \"%s\\0\" + %zu bytes: the "
				    "parser crashed (exit %d, see the "
				    "sanitizer's report)", heads[h], tails[i],
				    WEXITSTATUS(st));
		}
}

/* A large value is bounded by its field's cap, not by the parser. */
static void
test_form_huge_value(void **state)
{
	struct req	 r;
	char		*s;
	size_t		 n = REQ_DEF_BODY - 16;

	s = malloc(n + 1);
	assert_non_null(s);
	memcpy(s, "name=", 5);
	memset(s + 5, 'v', n - 5);
	s[n] = '\0';
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(parse(&r, s), 200);
	assert_non_null(r.fielderr[F_NAME]);
	assert_int_equal(r.fielderr[F_NAME]->err, KVERR_TOOLONG);
	assert_null(req_field(&r, F_NAME));
	req_free(&r);
	free(s);
}

/* With no field table, everything is unknown and nothing breaks. */
static void
test_form_no_fields(void **state)
{
	struct req	 r;

	assert_true(req_init(&r, NULL, 0));
	assert_int_equal(parse(&r, "a=1&b=2&name=x"), 200);
	assert_int_equal(r.kvsz, 3);
	assert_null(req_field(&r, 0));
	req_free(&r);
}

/* ---------------------------------------------------- req_parse_env */

static void
test_env_methods(void **state)
{
	static const struct {
		const char	*m;
		int		 code;
		enum method	 method;
	} v[] = {
		{ "REQUEST_METHOD=GET", 200, METHOD_GET },
		{ "REQUEST_METHOD=HEAD", 200, METHOD_HEAD },
		{ "REQUEST_METHOD=POST", 200, METHOD_POST },
		{ "REQUEST_METHOD=PUT", 405, METHOD_OTHER },
		{ "REQUEST_METHOD=DELETE", 405, METHOD_OTHER },
		{ "REQUEST_METHOD=OPTIONS", 405, METHOD_OTHER },
		{ "REQUEST_METHOD=PATCH", 405, METHOD_OTHER },
		{ "REQUEST_METHOD=TRACE", 405, METHOD_OTHER },
		{ "REQUEST_METHOD=CONNECT", 405, METHOD_OTHER },
		{ "REQUEST_METHOD=get", 405, METHOD_OTHER },
		{ "REQUEST_METHOD=GETX", 405, METHOD_OTHER },
		{ "REQUEST_METHOD= GET", 405, METHOD_OTHER },
		{ "REQUEST_METHOD=", 405, METHOD_OTHER },
		{ "REQUEST_METHODX=GET", 405, METHOD_OTHER },
		{ "XREQUEST_METHOD=GET", 405, METHOD_OTHER },
		{ "OTHER=1", 405, METHOD_OTHER },
	};
	struct req	 r;
	const char	*env[4];
	size_t		 i;
	int		 rc;

	for (i = 0; i < NELEM(v); i++) {
		env[0] = "QUERY_STRING=kind=x";
		env[1] = v[i].m;
		env[2] = "DOCUMENT_URI=/p";
		env[3] = NULL;
		assert_true(req_init(&r, fields, F__MAX));
		if ((rc = req_parse_env(&r, env)) != v[i].code)
			fail_msg("%s: %d, not %d", v[i].m, rc, v[i].code);
		assert_int_equal(r.method, v[i].method);
		req_free(&r);
	}
}

static void
test_env_get_query(void **state)
{
	struct req	*r = *state;
	const char	*env[] = {
		"REQUEST_METHOD=GET",
		"QUERY_STRING=kind=issued&count=3&zz=1",
		"DOCUMENT_URI=/certificates",
		"SCRIPT_NAME=/ignored",
		"CONTENT_TYPE=text/plain",
		"REMOTE_USER=demo",
		"REMOTE_ADDR=192.0.2.1",
		"HTTP_ACCEPT=text/html",
		NULL
	};

	assert_int_equal(req_parse_env(r, env), 200);
	assert_int_equal(r->method, METHOD_GET);
	assert_string_equal(r->path, "/certificates");
	assert_string_equal(r->query, "kind=issued&count=3&zz=1");
	assert_string_equal(r->ctype, "text/plain");
	assert_string_equal(r->remote_user, "demo");
	assert_string_equal(r->remote_addr, "192.0.2.1");
	assert_string_equal(r->accept, "text/html");
	assert_string_equal(req_field(r, F_KIND), "issued");
	assert_string_equal(req_field(r, F_COUNT), "3");
	assert_int_equal(r->kvsz, 3);
}

static void
test_env_head_query(void **state)
{
	struct req	*r = *state;
	const char	*env[] = {
		"REQUEST_METHOD=HEAD", "QUERY_STRING=kind=a", NULL
	};

	assert_int_equal(req_parse_env(r, env), 200);
	assert_string_equal(req_field(r, F_KIND), "a");
}

static void
test_env_defaults(void **state)
{
	struct req	*r = *state;
	const char	*env[] = {
		"REQUEST_METHOD=GET", "SCRIPT_NAME=/s", "REMOTE_USER=", NULL
	};

	assert_int_equal(req_parse_env(r, env), 200);
	assert_string_equal(r->path, "/s");
	assert_string_equal(r->query, "");
	assert_string_equal(r->ctype, "");
	assert_string_equal(r->accept, "");
	assert_string_equal(r->remote_addr, "");
	/* An empty REMOTE_USER is no user. */
	assert_null(r->remote_user);
	assert_int_equal(r->kvsz, 0);
}

/* POST takes its fields from the body only; a token in the URL is not
 * taken for the form's. */
static void
test_env_post_ignores_query(void **state)
{
	struct req	*r = *state;
	const char	*env[] = {
		"REQUEST_METHOD=POST",
		"QUERY_STRING=csrf=fromurl&name=FromURL",
		"CONTENT_TYPE=application/x-www-form-urlencoded",
		NULL
	};

	assert_int_equal(req_parse_env(r, env), 200);
	assert_int_equal(r->method, METHOD_POST);
	assert_int_equal(r->kvsz, 0);
	assert_null(req_field(r, F_CSRF));
	assert_null(req_field(r, F_NAME));
	assert_int_equal(parse(r, "name=FromBody"), 200);
	assert_string_equal(req_field(r, F_NAME), "FromBody");
	assert_null(req_field(r, F_CSRF));
	assert_int_equal(r->kvsz, 1);
}

static char *
query_env(size_t n)
{
	char	*s;

	s = malloc(strlen("QUERY_STRING=") + n + 1);
	assert_non_null(s);
	strcpy(s, "QUERY_STRING=x=");
	memset(s + strlen("QUERY_STRING=x="), 'a', n - 2);
	s[strlen("QUERY_STRING=") + n] = '\0';
	return s;
}

static void
test_env_query_limit(void **state)
{
	struct req	 r;
	const char	*env[3];
	char		*q;

	env[0] = "REQUEST_METHOD=GET";
	env[2] = NULL;

	q = query_env(REQ_MAX_QUERY);
	env[1] = q;
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(req_parse_env(&r, env), 200);
	assert_int_equal(strlen(r.query), REQ_MAX_QUERY);
	req_free(&r);
	free(q);

	q = query_env(REQ_MAX_QUERY + 1);
	env[1] = q;
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(req_parse_env(&r, env), 414);
	assert_int_equal(r.kvsz, 0);
	req_free(&r);
	free(q);
}

static void
test_env_query_errors(void **state)
{
	struct req	 r;
	const char	*env[3];
	char		*q, *s;

	env[0] = "REQUEST_METHOD=GET";
	env[1] = "QUERY_STRING=%zz=1";
	env[2] = NULL;
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(req_parse_env(&r, env), 400);
	req_free(&r);

	s = pairs(REQ_MAX_PAIRS + 1, "x");
	q = malloc(strlen(s) + 16);
	assert_non_null(q);
	sprintf(q, "QUERY_STRING=%s", s);
	env[1] = q;
	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(req_parse_env(&r, env), 413);
	req_free(&r);
	free(q);
	free(s);
}

static void
test_env_null(void **state)
{
	struct req	*r = *state;

	assert_int_equal(req_parse_env(r, NULL), 405);
	assert_null(req_param(r, "REQUEST_METHOD"));
}

/* -------------------------------------------------------- req_header */

static void
test_header_ok(void **state)
{
	struct req	*r = *state;
	char		 v[] = "DENY";

	assert_int_equal(req_header(r, "X-Frame-Options", v), 1);
	v[0] = 'X';	/* copied, not kept */
	assert_int_equal(req_header(r, "Location", "/orders?id=1&x=%0A"), 1);
	assert_int_equal(r->headersz, 2);
	assert_string_equal(r->headers[0].name, "X-Frame-Options");
	assert_string_equal(r->headers[0].value, "DENY");
	assert_string_equal(r->headers[1].value, "/orders?id=1&x=%0A");
}

static void
test_header_refused(void **state)
{
	static const struct {
		const char	*name;
		const char	*value;
	} v[] = {
		{ "Location", "/\r\nSet-Cookie: sid=evil" },
		{ "Location", "/\nSet-Cookie: sid=evil" },
		{ "Location", "/\r" },
		{ "Location", "\n" },
		{ "X-A\r\nX-B", "1" },
		{ "X-A\n", "1" },
		{ "X-A\r", "1" },
		{ "X-A: 1\r\nX-B", "2" },
		{ "X:A", "1" },
		{ "X A", "1" },
	};
	struct req	*r = *state;
	size_t		 i;

	for (i = 0; i < NELEM(v); i++)
		if (req_header(r, v[i].name, v[i].value) != 0)
			fail_msg("header %zu accepted", i);
	assert_int_equal(r->headersz, 0);
}

/* -------------------------------------------------------- req_cookie */

static void
test_cookie_ok(void **state)
{
	static const struct {
		const char	*name;
		const char	*value;
		long		 maxage;
		int		 httponly;
		const char	*want;
	} v[] = {
		{ "sid", "abc123", -1, 1,
		    "sid=abc123; Path=/; SameSite=Lax; HttpOnly" },
		{ "sid", "", 0, 1,
		    "sid=; Path=/; SameSite=Lax; HttpOnly; Max-Age=0" },
		{ "lang", "pl", 31536000, 0,
		    "lang=pl; Path=/; SameSite=Lax; Max-Age=31536000" },
		{ "t", "6553f100.AbC-_=!#$%&'()*+/:<=>?@[]^`{|}~", -1, 0,
		    "t=6553f100.AbC-_=!#$%&'()*+/:<=>?@[]^`{|}~; Path=/; "
		    "SameSite=Lax" },
	};
	struct req	*r = *state;
	size_t		 i;

	for (i = 0; i < NELEM(v); i++) {
		assert_int_equal(req_cookie(r, v[i].name, v[i].value,
		    v[i].maxage, v[i].httponly), 1);
		assert_int_equal(r->headersz, i + 1);
		assert_string_equal(r->headers[i].name, "Set-Cookie");
		assert_string_equal(r->headers[i].value, v[i].want);
	}
}

static void
test_cookie_refused(void **state)
{
	static const char *const v[] = {
		" ", "a b", "a\tb", "a\"b", "\"quoted\"", "a,b", "a;b",
		"a; Domain=evil.example", "a\\b", "a\x7f", "\x01", "\x1f",
		"caf\xc3\xa9", "\xff", "a\r\nSet-Cookie: x=y", "a\n",
	};
	struct req	*r = *state;
	size_t		 i;

	for (i = 0; i < NELEM(v); i++)
		if (req_cookie(r, "sid", v[i], -1, 1) != 0)
			fail_msg("cookie value %zu accepted", i);
	assert_int_equal(r->headersz, 0);
}

/* ---------------------------------------------------- req_wants_xml */

static void
test_wants_xml(void **state)
{
	static const struct {
		const char	*accept;
		int		 want;
	} v[] = {
		/* Firefox 120 */
		{ "text/html,application/xhtml+xml,application/xml;q=0.9,"
		    "image/avif,image/webp,*/*;q=0.8", 0 },
		/* Chrome 119 */
		{ "text/html,application/xhtml+xml,application/xml;q=0.9,"
		    "image/avif,image/webp,image/apng,*/*;q=0.8,"
		    "application/signed-exchange;v=b3;q=0.7", 0 },
		/* Safari 17 */
		{ "text/html,application/xhtml+xml,application/xml;q=0.9,"
		    "*/*;q=0.8", 0 },
		/* curl, wget, fetch() */
		{ "*/*", 0 },
		{ "", 0 },
		{ "text/html", 0 },
		{ "application/xhtml+xml", 0 },
		{ "application/json", 0 },
		/* Partners asking for the document. */
		{ "application/xml", 1 },
		{ "text/xml", 1 },
		{ "application/xml, */*;q=0.1", 1 },
		{ "application/xml;charset=utf-8", 1 },
		{ "text/xml, application/xml", 1 },
		{ "application/xml, text/html", 0 },
	};
	struct req	 r;
	size_t		 i;

	for (i = 0; i < NELEM(v); i++) {
		assert_true(req_init(&r, NULL, 0));
		r.accept = v[i].accept;
		if (req_wants_xml(&r) != v[i].want)
			fail_msg("Accept \"%s\": %d", v[i].accept, !v[i].want);
		req_free(&r);
	}
}

/* --------------------------------------------------------- req_init */

static void
test_init_free(void **state)
{
	struct req	 r;

	assert_true(req_init(&r, fields, F__MAX));
	assert_int_equal(r.status, 200);
	assert_int_equal(r.bodymax, REQ_DEF_BODY);
	assert_string_equal(r.query, "");
	assert_string_equal(r.path, "");
	assert_null(r.remote_user);
	assert_non_null(r.fieldmap);
	assert_non_null(r.fielderr);
	assert_int_equal(r.kvsz, 0);
	req_free(&r);
	assert_null(r.kvs);
	assert_null(r.fieldmap);
	/* Freeing twice is harmless: req_free() leaves it zeroed. */
	req_free(&r);
}

static void
test_names(void **state)
{
	size_t	 i;

	for (i = 0; i < METHOD__MAX; i++)
		assert_non_null(method_names[i]);
	for (i = 0; i < KVERR__MAX; i++)
		assert_non_null(kverr_names[i]);
	assert_string_equal(method_names[METHOD_POST], "POST");
	assert_string_equal(kverr_names[KVERR_TOOLONG], "too-long");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_decode),
		cmocka_unit_test(test_url_decode_bounds),
		T(test_form_basic),
		T(test_form_empty),
		T(test_form_empty_pairs),
		T(test_form_repeated),
		T(test_form_two_calls),
		T(test_form_unknown_ignored),
		T(test_form_key_without_value),
		T(test_form_equals_in_value),
		T(test_form_length_bound),
		T(test_form_trimmed),
		cmocka_unit_test(test_form_field_errors),
		T(test_form_at_cap),
		T(test_form_bad_escape_kept_as_typed),
		T(test_form_unknown_bad_value),
		cmocka_unit_test(test_form_max_pairs),
		cmocka_unit_test(test_form_bad_key),
		cmocka_unit_test(test_form_key_length),
		cmocka_unit_test(test_form_huge_key),
		cmocka_unit_test(test_form_raw_nul_in_key),
		cmocka_unit_test(test_form_huge_value),
		cmocka_unit_test(test_form_no_fields),
		cmocka_unit_test(test_env_methods),
		T(test_env_get_query),
		T(test_env_head_query),
		T(test_env_defaults),
		T(test_env_post_ignores_query),
		cmocka_unit_test(test_env_query_limit),
		cmocka_unit_test(test_env_query_errors),
		T(test_env_null),
		T(test_header_ok),
		T(test_header_refused),
		T(test_cookie_ok),
		T(test_cookie_refused),
		cmocka_unit_test(test_wants_xml),
		cmocka_unit_test(test_init_free),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
