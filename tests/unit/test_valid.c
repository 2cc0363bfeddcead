/*
 * Unit tests of valid.c: UTF-8 well-formedness (RFC 3629) and the field
 * validators, each as a table of accepted values (with what they
 * normalise to) and refused ones.
 *
 * The UTF-8 vectors follow RFC 3629 section 4 (the syntax of a UTF-8
 * character), Unicode 15 table 3-7 (well-formed byte sequences) and
 * Markus Kuhn's UTF-8 decoder stress test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"
#include "valid.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ UTF-8 */

struct u8 {
	const char	*s;
	size_t		 n;	/* 0: strlen(s) */
	const char	*what;
};

static const struct u8 u8_good[] = {
	{ "", 0, "empty" },
	{ "a", 0, "ASCII" },
	{ "\x01\x1f\x20\x7e\x7f", 0, "ASCII controls and DEL are UTF-8" },
	{ "\0", 1, "NUL is well-formed UTF-8 (refused elsewhere)" },
	{ "\xc2\x80", 0, "U+0080, smallest 2-byte" },
	{ "\xc3\xa9", 0, "U+00E9" },
	{ "\xdf\xbf", 0, "U+07FF, largest 2-byte" },
	{ "\xe0\xa0\x80", 0, "U+0800, smallest 3-byte" },
	{ "\xe2\x82\xac", 0, "U+20AC euro" },
	{ "\xed\x9f\xbf", 0, "U+D7FF, just below the surrogates" },
	{ "\xee\x80\x80", 0, "U+E000, just above the surrogates" },
	{ "\xef\xbf\xbd", 0, "U+FFFD" },
	{ "\xef\xbf\xbf", 0, "U+FFFF, largest 3-byte" },
	{ "\xf0\x90\x80\x80", 0, "U+10000, smallest 4-byte" },
	{ "\xf0\x9f\x98\x80", 0, "U+1F600 emoji" },
	{ "\xf4\x8f\xbf\xbf", 0, "U+10FFFF, largest code point" },
	{ "Za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87 g\xc4\x99\xc5\x9bl\xc4\x85 "
	    "ja\xc5\xba\xc5\x84", 0, "Polish pangram" },
	{ "a\xc3\xa9" "b\xe2\x82\xac" "c\xf0\x9f\x98\x80" "d", 0, "mixed" },
	{ "\xc3\xa9\xff", 2, "n stops before the bad byte" },
};

static const struct u8 u8_bad[] = {
	/* Overlong forms. */
	{ "\xc0\x80", 0, "overlong NUL (2)" },
	{ "\xc0\xaf", 0, "overlong '/' (2)" },
	{ "\xc1\xbf", 0, "overlong U+007F (2)" },
	{ "\xe0\x80\x80", 0, "overlong NUL (3)" },
	{ "\xe0\x80\xaf", 0, "overlong '/' (3)" },
	{ "\xe0\x9f\xbf", 0, "overlong U+07FF (3)" },
	{ "\xf0\x80\x80\x80", 0, "overlong NUL (4)" },
	{ "\xf0\x80\x80\xaf", 0, "overlong '/' (4)" },
	{ "\xf0\x8f\xbf\xbf", 0, "overlong U+FFFF (4)" },
	{ "\xf8\x80\x80\x80\xaf", 0, "overlong '/' (5)" },
	{ "\xfc\x80\x80\x80\x80\xaf", 0, "overlong '/' (6)" },
	/* UTF-16 surrogates. */
	{ "\xed\xa0\x80", 0, "U+D800" },
	{ "\xed\xad\xbf", 0, "U+DB7F" },
	{ "\xed\xb0\x80", 0, "U+DC00" },
	{ "\xed\xbf\xbf", 0, "U+DFFF" },
	{ "\xed\xa0\xbd\xed\xb8\x80", 0, "CESU-8 pair for U+1F600" },
	/* Beyond U+10FFFF. */
	{ "\xf4\x90\x80\x80", 0, "U+110000" },
	{ "\xf4\xbf\xbf\xbf", 0, "U+13FFFF" },
	{ "\xf5\x80\x80\x80", 0, "lead F5" },
	{ "\xf7\xbf\xbf\xbf", 0, "U+1FFFFF" },
	{ "\xf8\x88\x80\x80\x80", 0, "5-byte form" },
	{ "\xfc\x84\x80\x80\x80\x80", 0, "6-byte form" },
	{ "\xfe", 0, "byte FE" },
	{ "\xff", 0, "byte FF" },
	{ "\xfe\xfe\xff\xff", 0, "FE FE FF FF" },
	/* Truncated sequences. */
	{ "\xc3", 0, "2-byte, lead only" },
	{ "\xe2\x82", 0, "3-byte, one short" },
	{ "\xe2", 0, "3-byte, lead only" },
	{ "\xf0\x9f\x98", 0, "4-byte, one short" },
	{ "\xf0\x9f", 0, "4-byte, two short" },
	{ "\xf0", 0, "4-byte, lead only" },
	{ "abc\xc3", 0, "truncated at the end" },
	{ "\xe2\x82\xac", 2, "n cuts a sequence" },
	{ "\xc3" "a", 0, "2-byte, ASCII for a continuation" },
	{ "\xe2\x82" "a", 0, "3-byte, ASCII third byte" },
	{ "\xf0\x9f\x98" "a", 0, "4-byte, ASCII fourth byte" },
	/* Continuation bytes out of place. */
	{ "\x80", 0, "lone continuation 80" },
	{ "\xbf", 0, "lone continuation BF" },
	{ "a\x80" "b", 0, "continuation between ASCII" },
	{ "\xc3\xa9\xa9", 0, "one continuation too many" },
	{ "\xc3\xc3", 0, "lead where a continuation must be" },
	{ "\xe2\x28\xa1", 0, "bad second byte" },
	{ "\xe2\x82\x28", 0, "bad third byte" },
	{ "\xf0\x28\x8c\xbc", 0, "bad second byte (4)" },
	{ "\xf0\x90\x28\xbc", 0, "bad third byte (4)" },
	{ "\xf0\x90\x8c\x28", 0, "bad fourth byte (4)" },
	/* Latin-1, as a browser with the wrong charset would send. */
	{ "Gda\xf1sk", 0, "Latin-2 n-acute" },
	{ "caf\xe9", 0, "Latin-1 e-acute at the end" },
};

static void
test_utf8_good(void **state)
{
	size_t	 i, n;

	for (i = 0; i < NELEM(u8_good); i++) {
		n = u8_good[i].n ? u8_good[i].n : strlen(u8_good[i].s);
		if (utf8_valid(u8_good[i].s, n) != 1)
			fail_msg("refused valid UTF-8: %s", u8_good[i].what);
	}
}

static void
test_utf8_bad(void **state)
{
	size_t	 i, n;

	for (i = 0; i < NELEM(u8_bad); i++) {
		n = u8_bad[i].n ? u8_bad[i].n : strlen(u8_bad[i].s);
		if (utf8_valid(u8_bad[i].s, n) != 0)
			fail_msg("accepted invalid UTF-8: %s", u8_bad[i].what);
	}
}

/*
 * Every 2-, 3- and 4-byte sequence with a valid lead and continuation
 * bytes is accepted exactly when it decodes to a scalar value of its own
 * length's range that is not a surrogate: an exhaustive check against an
 * independent decoder.
 */
static int
ref_valid(const unsigned char *p, size_t n)
{
	uint32_t	 c;
	size_t		 k;

	if (n == 2)
		c = p[0] & 0x1f;
	else if (n == 3)
		c = p[0] & 0x0f;
	else
		c = p[0] & 0x07;
	for (k = 1; k < n; k++)
		c = c << 6 | (p[k] & 0x3f);
	if (n == 2 && (p[0] & 0xe0) != 0xc0)
		return 0;
	if (n == 3 && (p[0] & 0xf0) != 0xe0)
		return 0;
	if (n == 4 && (p[0] & 0xf8) != 0xf0)
		return 0;
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && c < 0x10000))
		return 0;
	return !(c >= 0xd800 && c <= 0xdfff) && c <= 0x10ffff;
}

static void
test_utf8_exhaustive(void **state)
{
	unsigned char	 s[4];
	unsigned int	 a, b, c;
	size_t		 accepted = 0;

	/* 2 bytes: every lead, every continuation. */
	for (a = 0xc0; a <= 0xff; a++)
		for (b = 0x80; b <= 0xbf; b++) {
			s[0] = (unsigned char)a;
			s[1] = (unsigned char)b;
			if (utf8_valid((char *)s, 2) != ref_valid(s, 2))
				fail_msg("2-byte %02x %02x", a, b);
			accepted += ref_valid(s, 2);
		}
	/* 3 and 4 bytes: every lead, the first continuation in full, the
	 * others at their extremes. */
	for (a = 0xe0; a <= 0xff; a++)
		for (b = 0x80; b <= 0xbf; b++)
			for (c = 0; c < 4; c++) {
				s[0] = (unsigned char)a;
				s[1] = (unsigned char)b;
				s[2] = c & 1 ? 0xbf : 0x80;
				s[3] = c & 2 ? 0xbf : 0x80;
				if (a < 0xf0 &&
				    utf8_valid((char *)s, 3) != ref_valid(s, 3))
					fail_msg("3-byte %02x %02x %02x", a, b,
					    s[2]);
				if (a >= 0xf0 &&
				    utf8_valid((char *)s, 4) != ref_valid(s, 4))
					fail_msg("4-byte %02x %02x %02x %02x",
					    a, b, s[2], s[3]);
			}
	/* 0xc2..0xdf × 64 continuations. */
	assert_int_equal(accepted, 30 * 64);
}

/* ------------------------------------------------------- validators */

/* A pair as the parser hands it to a validator: a malloc'ed copy. */
static struct kv *
kv_new(const char *s, size_t n)
{
	struct kv	*kv;

	kv = calloc(1, sizeof(*kv));
	assert_non_null(kv);
	kv->key = strdup("k");
	kv->val = malloc(n + 1);
	assert_non_null(kv->key);
	assert_non_null(kv->val);
	memcpy(kv->val, s, n);
	kv->val[n] = '\0';
	kv->valsz = n;
	return kv;
}

static void
kv_free(struct kv *kv)
{
	free(kv->key);
	free(kv->val);
	free(kv);
}

struct vec {
	const char	*in;
	const char	*out;	/* accepted: the value after it (NULL: refused) */
};

/*
 * Runs validator `v` over a table: accepted values must come out as
 * `out`, with valsz matching, never longer than they went in.
 */
static void
run_table(const char *name, int (*v)(struct kv *), const struct vec *t,
    size_t n)
{
	struct kv	*kv;
	size_t		 i, inlen;
	int		 rc;

	for (i = 0; i < n; i++) {
		inlen = strlen(t[i].in);
		kv = kv_new(t[i].in, inlen);
		rc = v(kv);
		if (t[i].out == NULL && rc != 0)
			fail_msg("%s accepted \"%s\" as \"%s\"", name, t[i].in,
			    kv->val);
		if (t[i].out != NULL) {
			if (rc != 1)
				fail_msg("%s refused \"%s\"", name, t[i].in);
			if (strcmp(kv->val, t[i].out) != 0)
				fail_msg("%s: \"%s\" became \"%s\", not \"%s\"",
				    name, t[i].in, kv->val, t[i].out);
			if (kv->valsz != strlen(kv->val))
				fail_msg("%s: \"%s\": valsz %zu for %zu bytes",
				    name, t[i].in, kv->valsz, strlen(kv->val));
			assert_true(kv->valsz <= inlen);
		}
		kv_free(kv);
	}
}

static const struct vec text_vecs[] = {
	{ "Acme", "Acme" },
	{ "  Acme  ", "Acme" },
	{ "\tAcme\r\n", "Acme" },
	{ " \t\r\n Acme Sp. z o.o. \n", "Acme Sp. z o.o." },
	{ "a", "a" },
	{ "a  b", "a  b" },
	{ "Tom & Jerry's \"Cheese\" Co.", "Tom & Jerry's \"Cheese\" Co." },
	{ "<script>alert(1)</script>", "<script>alert(1)</script>" },
	{ "Za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87", "Za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87" },
	{ "-a-", "-a-" },
	{ ".5", ".5" },
	{ "0", "0" },
	/* Meaningless: S/MIME BR 7.1.4.2. */
	{ "", NULL },
	{ " ", NULL },
	{ "   \t ", NULL },
	{ ".", NULL },
	{ "-", NULL },
	{ "_", NULL },
	{ " - ", NULL },
	{ " . ", NULL },
	{ "...", NULL },
	{ "---", NULL },
	{ "-.-", NULL },
	{ ". - _", NULL },
	/* Control characters inside a single line. */
	{ "a\tb", NULL },
	{ "a\nb", NULL },
	{ "a\rb", NULL },
	{ "a\x01" "b", NULL },
	{ "a\x1b[31mred", NULL },
	{ "a\x7f" "b", NULL },
	{ "\x1f", NULL },
	/* C1 controls, separators and bidirectional formatting (UTR #36). */
	{ "a\xc2\x80" "b", NULL },		/* U+0080 */
	{ "a\xc2\x85" "b", NULL },		/* U+0085 NEXT LINE */
	{ "a\xc2\x9f" "b", NULL },		/* U+009F */
	{ "Acme\xe2\x80\xa8" "Evil", NULL },	/* U+2028 LINE SEPARATOR */
	{ "Acme\xe2\x80\xa9" "Evil", NULL },	/* U+2029 PARAGRAPH SEPARATOR */
	{ "a\xe2\x80\xaa" "b", NULL },		/* U+202A LRE */
	{ "a\xe2\x80\xab" "b", NULL },		/* U+202B RLE */
	{ "a\xe2\x80\xac" "b", NULL },		/* U+202C PDF */
	{ "a\xe2\x80\xad" "b", NULL },		/* U+202D LRO */
	{ "gpj.\xe2\x80\xae" "exe", NULL },	/* U+202E RLO */
	{ "a\xe2\x81\xa6" "b", NULL },		/* U+2066 LRI */
	{ "a\xe2\x81\xa7" "b", NULL },		/* U+2067 RLI */
	{ "a\xe2\x81\xa8" "b", NULL },		/* U+2068 FSI */
	{ "a\xe2\x81\xa9" "b", NULL },		/* U+2069 PDI */
	/* Their neighbours are ordinary text. */
	{ "a\xc2\xa0" "b", "a\xc2\xa0" "b" },		/* U+00A0 */
	{ "a\xe2\x80\xa7" "b", "a\xe2\x80\xa7" "b" },	/* U+2027 */
	{ "a\xe2\x80\xaf" "b", "a\xe2\x80\xaf" "b" },	/* U+202F */
	{ "a\xe2\x81\xa5" "b", "a\xe2\x81\xa5" "b" },	/* U+2065 */
	{ "a\xe2\x81\xaa" "b", "a\xe2\x81\xaa" "b" },	/* U+206A */
	{ "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d" },
	/* Stored in NFC (UAX #15). */
	{ "Caf" "e\xcc\x81", "Caf\xc3\xa9" },		/* e + U+0301 */
	{ "Zo\xcc\x81\xc5\x82w", "Z\xc3\xb3\xc5\x82w" },	/* o + U+0301 */
	{ "\xe1\x84\x80\xe1\x85\xa1", "\xea\xb0\x80" },	/* Hangul jamo */
	{ "\xe2\x84\xa6", "\xce\xa9" },			/* OHM SIGN */
	{ "\xc3\xa9", "\xc3\xa9" },
};

static void
test_valid_text(void **state)
{
	run_table("valid_text", valid_text, text_vecs, NELEM(text_vecs));
}

static const struct vec line_vecs[] = {
	{ "", "" },
	{ "   ", "" },
	{ "-", "-" },
	{ " x ", "x" },
	{ "a\tb", NULL },
	{ "a\nb", NULL },
	{ "\x7f", NULL },
};

static void
test_valid_line(void **state)
{
	run_table("valid_line", valid_line, line_vecs, NELEM(line_vecs));
}

static const struct vec multiline_vecs[] = {
	{ "", "" },
	{ "a\r\nb\tc", "a\r\nb\tc" },
	{ "\n\n para \n\n", "para" },
	{ "a\x0b" "b", NULL },
	{ "a\x0c" "b", NULL },
	{ "a\x7f", NULL },
	{ "a\x1b", NULL },
	{ "a\xc2\x85" "b", NULL },
	{ "a\xe2\x80\xa8" "b", NULL },
	{ "a\xe2\x80\xa9" "b", NULL },
	{ "a\xe2\x80\xae" "b", NULL },
	{ "a\xe2\x81\xa6" "b", NULL },
	{ "a\ne\xcc\x81", "a\n\xc3\xa9" },
};

static void
test_valid_multiline(void **state)
{
	run_table("valid_multiline", valid_multiline, multiline_vecs,
	    NELEM(multiline_vecs));
}

static const struct vec uint_vecs[] = {
	{ "0", "0" },
	{ "1", "1" },
	{ "42", "42" },
	{ " 42 ", "42" },
	{ "\t7\n", "7" },
	{ "100", "100" },
	{ "999999999999999999", "999999999999999999" },	/* 18 digits */
	{ "123456789012345678", "123456789012345678" },
	{ "", NULL },
	{ " ", NULL },
	{ "00", NULL },
	{ "01", NULL },
	{ "007", NULL },
	{ "-1", NULL },
	{ "-0", NULL },
	{ "+1", NULL },
	{ "1.0", NULL },
	{ "1e3", NULL },
	{ "0x10", NULL },
	{ "4 2", NULL },
	{ "12a", NULL },
	{ "a12", NULL },
	{ "1000000000000000000", NULL },	/* 19 digits */
	{ "9223372036854775808", NULL },	/* 2^63 */
	{ "18446744073709551616", NULL },	/* 2^64 */
	{ "\xd9\xa1", NULL },			/* ARABIC-INDIC DIGIT ONE */
	{ "\xef\xbc\x91", NULL },		/* FULLWIDTH DIGIT ONE */
};

static void
test_valid_uint(void **state)
{
	run_table("valid_uint", valid_uint, uint_vecs, NELEM(uint_vecs));
}

static const struct vec word_vecs[] = {
	{ "org", "org" },
	{ "smime-org-730", "smime-org-730" },
	{ "a_b", "a_b" },
	{ "0", "0" },
	{ " issued ", "issued" },
	{ "", "" },	/* empty: the handler's list decides */
	{ "Org", NULL },
	{ "ORG", NULL },
	{ "a b", NULL },
	{ "a.b", NULL },
	{ "a/b", NULL },
	{ "a+b", NULL },
	{ "a%20b", NULL },
	{ "../etc", NULL },
	{ "za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87", NULL },
	{ "a\tb", NULL },
};

static void
test_valid_word(void **state)
{
	run_table("valid_word", valid_word, word_vecs, NELEM(word_vecs));
}

static const struct vec token_vecs[] = {
	{ "abc", "abc" },
	{ "ABCxyz019-_.", "ABCxyz019-_." },
	{ "6553f100.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_x",
	    "6553f100.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_x" },
	{ ".", "." },
	{ "", NULL },
	{ " abc", NULL },	/* tokens are not trimmed */
	{ "abc ", NULL },
	{ "abc\n", NULL },
	{ "a b", NULL },
	{ "a+b", NULL },
	{ "a/b", NULL },
	{ "a=", NULL },
	{ "a%41", NULL },
	{ "a\xc3\xa9", NULL },
	{ "a;b", NULL },
};

static void
test_valid_token(void **state)
{
	run_table("valid_token", valid_token, token_vecs, NELEM(token_vecs));
}

static void
test_valid_search(void **state)
{
	static const struct vec	 v[] = {
		{ "", "" },
		{ "  kowalski  ", "kowalski" },
		{ "\"</q><script>\" & co", "\"</q><script>\" & co" },
		{ "a\nb", NULL },
		{ "a\xe2\x80\xae" "b", NULL },
		{ "e\xcc\x81", "\xc3\xa9" },
	};

	run_table("valid_search", valid_search, v, NELEM(v));
}

static void
test_text_meaningful(void **state)
{
	static const struct {
		const char	*s;
		int		 want;
	} v[] = {
		{ "", 0 }, { " ", 0 }, { ".", 0 }, { "-", 0 }, { "_", 0 },
		{ " .-_ ", 0 }, { "a", 1 }, { " a ", 1 }, { "-a", 1 },
		{ "0", 1 }, { "\xc3\xa9", 1 }, { "?", 1 },
	};
	size_t	 i;

	for (i = 0; i < NELEM(v); i++)
		if (text_meaningful(v[i].s) != v[i].want)
			fail_msg("text_meaningful(\"%s\") != %d", v[i].s,
			    v[i].want);
}

/*
 * NFC may lengthen a value: U+0958 DEVANAGARI LETTER QA is a composition
 * exclusion, so its NFC is its decomposition, U+0915 U+093C (3 bytes
 * become 6). The value is reallocated, valsz follows.
 */
static void
test_nfc_longer(void **state)
{
	struct kv	*kv;

	kv = kv_new("\xe0\xa5\x98", 3);
	assert_int_equal(valid_text(kv), 1);
	assert_int_equal(kv->valsz, 6);
	assert_string_equal(kv->val, "\xe0\xa4\x95\xe0\xa4\xbc");
	kv_free(kv);
}

/*
 * Validators also see values with a NUL inside (a multipart file part
 * skips the parser's NUL check; only its validator judges it). A NUL is
 * neither white space to trim nor a letter of a word or a token.
 */
static void
test_embedded_nul(void **state)
{
	static const struct {
		int		(*v)(struct kv *);
		const char	*name;
	} vs[] = {
		{ valid_word, "valid_word" },
		{ valid_token, "valid_token" },
		{ valid_uint, "valid_uint" },
		{ valid_line, "valid_line" },
		{ valid_text, "valid_text" },
	};
	static const struct {
		const char	*s;
		size_t		 n;
		const char	*shown;
	} ins[] = {
		{ "ab\0cd", 5, "ab\\0cd" },
		{ "12\0", 3, "12\\0" },
		{ "\0", 1, "\\0" },
	};
	struct kv	*kv;
	size_t		 i, j, bad = 0;

	for (i = 0; i < NELEM(vs); i++)
		for (j = 0; j < NELEM(ins); j++) {
			kv = kv_new(ins[j].s, ins[j].n);
			if (vs[i].v(kv) != 0) {
				print_message("%s accepted \"%s\" as %zu "
				    "bytes\n", vs[i].name, ins[j].shown,
				    kv->valsz);
				bad++;
			}
			kv_free(kv);
		}
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_good),
		cmocka_unit_test(test_utf8_bad),
		cmocka_unit_test(test_utf8_exhaustive),
		cmocka_unit_test(test_valid_text),
		cmocka_unit_test(test_valid_line),
		cmocka_unit_test(test_valid_multiline),
		cmocka_unit_test(test_nfc_longer),
		cmocka_unit_test(test_valid_uint),
		cmocka_unit_test(test_valid_word),
		cmocka_unit_test(test_valid_token),
		cmocka_unit_test(test_valid_search),
		cmocka_unit_test(test_text_meaningful),
		cmocka_unit_test(test_embedded_nul),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
