/*
 * Unit tests of csrf.c: base64url, token issue and check, lifetime,
 * clock skew, tampering and malformed tokens.
 *
 * The known-answer token below was computed independently with Python:
 *   base64.urlsafe_b64encode(hmac.new(bytes(range(32)),
 *       b"csrf\0demo\0" b"6553f100", hashlib.sha256).digest()).rstrip(b"=")
 * The base64url vectors are RFC 4648 section 10 and section 9's example,
 * converted to the URL alphabet (section 5) without padding.
 *
 * The key is process-wide state: the first test runs before any key is
 * set, on purpose.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csrf.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define NOW	((time_t)1700000000)	/* 0x6553f100 */
#define KAT	"6553f100.eHMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvInA"
#define B64URL	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" \
		"0123456789-_"

static unsigned char	 key0[64];	/* 0, 1, 2, ... */

static int
group_setup(void **state)
{
	size_t	 i;

	for (i = 0; i < sizeof(key0); i++)
		key0[i] = (unsigned char)i;
	return 0;
}

/* Every test but the first starts with key0's first 32 bytes. */
static int
setup(void **state)
{
	return csrf_set_key(key0, 32) ? 0 : -1;
}

static void
test_no_key(void **state)
{
	char	 tok[CSRF_TOKEN_MAX];

	assert_int_equal(csrf_token("demo", NOW, tok, sizeof(tok)), 0);
	assert_int_equal(csrf_check("demo", KAT, NOW, CSRF_TTL), 0);
}

/* -------------------------------------------------------------- b64url */

static const struct {
	const char	*in;
	size_t		 n;
	const char	*out;
} b64s[] = {
	{ "", 0, "" },
	{ "f", 1, "Zg" },
	{ "fo", 2, "Zm8" },
	{ "foo", 3, "Zm9v" },
	{ "foob", 4, "Zm9vYg" },
	{ "fooba", 5, "Zm9vYmE" },
	{ "foobar", 6, "Zm9vYmFy" },
	{ "\x14\xfb\x9c\x03\xd9\x7e", 6, "FPucA9l-" },
	{ "\x14\xfb\x9c\x03\xd9", 5, "FPucA9k" },
	{ "\x14\xfb\x9c\x03", 4, "FPucAw" },
	{ "\xfb\xff", 2, "-_8" },
	{ "\xff\xff\xff", 3, "____" },
	{ "\xfb\xef\xbe", 3, "----" },
	{ "\0\0\0", 3, "AAAA" },
	{ "\0", 1, "AA" },
};

static void
test_b64url_vectors(void **state)
{
	char	 out[64];
	size_t	 i;

	for (i = 0; i < NELEM(b64s); i++) {
		memset(out, 'X', sizeof(out));
		assert_int_equal(b64url((const unsigned char *)b64s[i].in,
		    b64s[i].n, out, sizeof(out)), 1);
		assert_string_equal(out, b64s[i].out);
	}
}

static void
test_b64url_all_bytes(void **state)
{
	static const char	 want[] =
	    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
	char			 out[64];

	assert_int_equal(b64url(key0, 32, out, sizeof(out)), 1);
	assert_string_equal(out, want);
}

/* The output size needed is exactly ceil(4n/3) + 1 for the NUL. */
static void
test_b64url_outsz(void **state)
{
	char	 out[16];
	size_t	 n, need;

	for (n = 0; n <= 9; n++) {
		need = (n * 4 + 2) / 3 + 1;
		memset(out, 'X', sizeof(out));
		assert_int_equal(b64url((const unsigned char *)"abcdefghi", n,
		    out, need), 1);
		assert_int_equal(strlen(out), need - 1);
		assert_int_equal(b64url((const unsigned char *)"abcdefghi", n,
		    out, need - 1), 0);
	}
	assert_int_equal(b64url((const unsigned char *)"", 0, out, 0), 0);
}

/* ----------------------------------------------------------- csrf_key */

static void
test_key_too_short(void **state)
{
	char	 tok[CSRF_TOKEN_MAX];

	assert_int_equal(csrf_set_key(key0, 0), 0);
	assert_int_equal(csrf_set_key(key0, 1), 0);
	assert_int_equal(csrf_set_key(key0, CSRF_KEY_MIN - 1), 0);
	/* A refused key leaves the previous one in place. */
	assert_int_equal(csrf_token("demo", NOW, tok, sizeof(tok)), 1);
	assert_string_equal(tok, KAT);
	assert_int_equal(csrf_set_key(key0, CSRF_KEY_MIN), 1);
}

static void
test_key_lengths(void **state)
{
	unsigned char	 big[100];
	char		 t32[CSRF_TOKEN_MAX], t33[CSRF_TOKEN_MAX];
	char		 t64[CSRF_TOKEN_MAX], t100[CSRF_TOKEN_MAX];

	memset(big, 0, sizeof(big));
	memcpy(big, key0, 64);
	assert_int_equal(csrf_set_key(key0, 32), 1);
	assert_true(csrf_token("demo", NOW, t32, sizeof(t32)));
	assert_int_equal(csrf_set_key(key0, 33), 1);
	assert_true(csrf_token("demo", NOW, t33, sizeof(t33)));
	assert_int_equal(csrf_set_key(key0, 64), 1);
	assert_true(csrf_token("demo", NOW, t64, sizeof(t64)));
	/* Over 64 bytes, the first 64 are used. */
	assert_int_equal(csrf_set_key(big, sizeof(big)), 1);
	assert_true(csrf_token("demo", NOW, t100, sizeof(t100)));
	assert_string_not_equal(t32, t33);
	assert_string_not_equal(t33, t64);
	assert_string_equal(t64, t100);
	/* A token of another key is refused. */
	assert_int_equal(csrf_check("demo", t32, NOW, CSRF_TTL), 0);
	assert_int_equal(csrf_check("demo", t64, NOW, CSRF_TTL), 1);
}

/* ------------------------------------------------------- issue, check */

static void
test_known_answer(void **state)
{
	char	 tok[CSRF_TOKEN_MAX];

	assert_int_equal(csrf_token("demo", NOW, tok, sizeof(tok)), 1);
	assert_string_equal(tok, KAT);
	assert_int_equal(csrf_check("demo", KAT, NOW, CSRF_TTL), 1);
}

static void
test_round_trip(void **state)
{
	static const char *const subjects[] = {
		"demo", "a", "", "jan.kowalski@example.com",
		"za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87", "with space", "x.y",
	};
	static const time_t	 times[] = {
		0, 1, NOW, (time_t)0x7fffffff, (time_t)4102444800LL,
	};
	char			 tok[CSRF_TOKEN_MAX];
	const char		*dot;
	size_t			 i, j;

	for (i = 0; i < NELEM(subjects); i++)
		for (j = 0; j < NELEM(times); j++) {
			assert_int_equal(csrf_token(subjects[i], times[j], tok,
			    sizeof(tok)), 1);
			assert_true(strlen(tok) < CSRF_TOKEN_MAX);
			assert_non_null(dot = strchr(tok, '.'));
			assert_int_equal(strspn(tok, "0123456789abcdef"),
			    (size_t)(dot - tok));
			assert_int_equal(strlen(dot + 1), 43);
			assert_int_equal(strspn(dot + 1, B64URL), 43);
			assert_int_equal(csrf_check(subjects[i], tok, times[j],
			    CSRF_TTL), 1);
			assert_int_equal(csrf_check(subjects[i], tok,
			    times[j] + 1000, CSRF_TTL), 1);
		}
}

static void
test_wrong_subject(void **state)
{
	static const char *const others[] = {
		"Demo", "demo ", " demo", "dem", "demo2", "", "demo\n",
		"6553f100",
	};
	char	 tok[CSRF_TOKEN_MAX];
	size_t	 i;

	assert_true(csrf_token("demo", NOW, tok, sizeof(tok)));
	for (i = 0; i < NELEM(others); i++)
		if (csrf_check(others[i], tok, NOW, CSRF_TTL) != 0)
			fail_msg("token of \"demo\" accepted for \"%s\"",
			    others[i]);
	/* A longer subject with the same prefix has its own MAC. */
	assert_true(csrf_token("demo6", NOW, tok, sizeof(tok)));
	assert_int_equal(csrf_check("demo", tok, NOW, CSRF_TTL), 0);
}

/* Changing any one character of the MAC, or of the time, is refused. */
static void
test_tampered(void **state)
{
	char	 tok[CSRF_TOKEN_MAX], t[CSRF_TOKEN_MAX];
	size_t	 i, len, k;
	char	*dot;

	assert_true(csrf_token("demo", NOW, tok, sizeof(tok)));
	len = strlen(tok);
	dot = strchr(tok, '.');
	for (i = 0; i < len; i++) {
		if (tok + i == dot)
			continue;
		/* Three substitutes: neighbours in the alphabet and a
		 * character of the other case. */
		for (k = 0; k < 3; k++) {
			memcpy(t, tok, len + 1);
			if (k == 0)
				t[i] = t[i] == 'A' ? 'B' : 'A';
			else if (k == 1)
				t[i] = t[i] == '_' ? '-' : '_';
			else
				t[i] = t[i] == '0' ? '1' : '0';
			if (strcmp(t, tok) == 0)
				continue;
			if (csrf_check("demo", t, NOW, CSRF_TTL) != 0)
				fail_msg("tampered token accepted: %s", t);
		}
	}
	/* Truncated and extended. */
	memcpy(t, tok, len + 1);
	t[len - 1] = '\0';
	assert_int_equal(csrf_check("demo", t, NOW, CSRF_TTL), 0);
	memcpy(t, tok, len + 1);
	t[len] = 'A';
	t[len + 1] = '\0';
	assert_int_equal(csrf_check("demo", t, NOW, CSRF_TTL), 0);
	/* Upper-case hex of the same time: another string, another MAC. */
	memcpy(t, tok, len + 1);
	for (i = 0; i < (size_t)(dot - tok); i++)
		if (t[i] >= 'a' && t[i] <= 'f')
			t[i] = (char)(t[i] - 'a' + 'A');
	assert_int_equal(csrf_check("demo", t, NOW, CSRF_TTL), 0);
	/* Leading zero, leading white space: the same time, another MAC. */
	snprintf(t, sizeof(t), "0%s", tok);
	assert_int_equal(csrf_check("demo", t, NOW, CSRF_TTL), 0);
	snprintf(t, sizeof(t), "\t%s", tok);
	assert_int_equal(csrf_check("demo", t, NOW, CSRF_TTL), 0);
}

static void
test_expired(void **state)
{
	char	 tok[CSRF_TOKEN_MAX];

	assert_true(csrf_token("demo", NOW, tok, sizeof(tok)));
	assert_int_equal(csrf_check("demo", tok, NOW + CSRF_TTL, CSRF_TTL), 1);
	assert_int_equal(csrf_check("demo", tok, NOW + CSRF_TTL + 1,
	    CSRF_TTL), 0);
	assert_int_equal(csrf_check("demo", tok, NOW + 10 * CSRF_TTL,
	    CSRF_TTL), 0);
	/* The ttl is the caller's. */
	assert_int_equal(csrf_check("demo", tok, NOW + 60, 60), 1);
	assert_int_equal(csrf_check("demo", tok, NOW + 61, 60), 0);
	assert_int_equal(csrf_check("demo", tok, NOW, 0), 1);
	assert_int_equal(csrf_check("demo", tok, NOW + 1, 0), 0);
}

/* Issued in the future: a minute of skew between processes, no more. */
static void
test_future(void **state)
{
	char	 tok[CSRF_TOKEN_MAX];

	assert_true(csrf_token("demo", NOW + 60, tok, sizeof(tok)));
	assert_int_equal(csrf_check("demo", tok, NOW, CSRF_TTL), 1);
	assert_true(csrf_token("demo", NOW + 61, tok, sizeof(tok)));
	assert_int_equal(csrf_check("demo", tok, NOW, CSRF_TTL), 0);
	assert_true(csrf_token("demo", NOW + 3600, tok, sizeof(tok)));
	assert_int_equal(csrf_check("demo", tok, NOW, CSRF_TTL), 0);
	assert_int_equal(csrf_check("demo", tok, NOW + 3600, CSRF_TTL), 1);
	/* Far future, near the top of the type. */
	assert_true(csrf_token("demo", (time_t)0x7fffffffffffffffLL, tok,
	    sizeof(tok)));
	assert_int_equal(csrf_check("demo", tok, NOW, CSRF_TTL), 0);
}

static void
test_garbage(void **state)
{
	static const char *const v[] = {
		"", ".", "zz.", "zz", "6553f100", "6553f100.", ".abc",
		"..", "6553f100..", "-1.abc", "+1.abc", " 1.abc",
		"0x6553f100.eHMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvInA",
		"-6553f100.eHMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvInA",
		"6553f100.eHMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvIn",
		"6553f100.eHMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvInA.",
		"6553f100.eHMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvInA=",
		"6553f100.eHMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvInA ",
		"6553f100 .eHMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvInA",
		"6553g100.eHMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvInA",
		"00000000000000000006553f100.eHMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvInA",
		"ffffffffffffffffffff.eHMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvInA",
		"10000000000000000.eHMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvInA",
		"8000000000000000.eHMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvInA",
		"6553f100.\xc3\xa9HMv9GQ1Tm8AhCLPs5MiE6xkIO6zkZ54AXwUFYOvIn",
	};
	size_t	 i;

	assert_int_equal(csrf_check("demo", NULL, NOW, CSRF_TTL), 0);
	for (i = 0; i < NELEM(v); i++)
		if (csrf_check("demo", v[i], NOW, CSRF_TTL) != 0)
			fail_msg("garbage accepted: \"%s\"", v[i]);
	/* The control: the genuine token is accepted. */
	assert_int_equal(csrf_check("demo", KAT, NOW, CSRF_TTL), 1);
}

static void
test_huge(void **state)
{
	char	*s;
	size_t	 n = 100000;

	s = malloc(n + 1);
	assert_non_null(s);
	memset(s, 'A', n);
	s[n] = '\0';
	assert_int_equal(csrf_check("demo", s, NOW, CSRF_TTL), 0);
	memcpy(s, "6553f100.", 9);
	assert_int_equal(csrf_check("demo", s, NOW, CSRF_TTL), 0);
	/* The genuine MAC, then more. */
	memcpy(s + 9, &KAT[9], strlen(KAT) - 9);
	assert_int_equal(csrf_check("demo", s, NOW, CSRF_TTL), 0);
	memset(s, '6', n);
	s[n - 50] = '.';
	assert_int_equal(csrf_check("demo", s, NOW, CSRF_TTL), 0);
	/* A huge subject cannot be MACed: no token, no check. */
	assert_int_equal(csrf_check(s, KAT, NOW, CSRF_TTL), 0);
	free(s);
}

static void
test_token_buffer(void **state)
{
	char	 tok[CSRF_TOKEN_MAX], small[20];
	char	 subj[600];

	/* Too small a buffer is a failure, not a truncated token. */
	assert_int_equal(csrf_token("demo", NOW, small, sizeof(small)), 0);
	assert_int_equal(csrf_token("demo", NOW, tok, strlen(KAT)), 0);
	assert_int_equal(csrf_token("demo", NOW, tok, strlen(KAT) + 1), 1);
	assert_string_equal(tok, KAT);
	/* A subject too long to MAC. */
	memset(subj, 'a', sizeof(subj) - 1);
	subj[sizeof(subj) - 1] = '\0';
	assert_int_equal(csrf_token(subj, NOW, tok, sizeof(tok)), 0);
	/* The longest subject that fits: 512 - 6 - 8 bytes with an 8-digit
	 * time. */
	subj[499] = '\0';
	assert_int_equal(csrf_token(subj, NOW, tok, sizeof(tok)), 0);
	subj[498] = '\0';
	assert_int_equal(csrf_token(subj, NOW, tok, sizeof(tok)), 1);
	assert_int_equal(csrf_check(subj, tok, NOW, CSRF_TTL), 1);
}

#define T(f)	cmocka_unit_test_setup(f, setup)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_key),	/* first: no key yet */
		cmocka_unit_test(test_b64url_vectors),
		cmocka_unit_test(test_b64url_all_bytes),
		cmocka_unit_test(test_b64url_outsz),
		T(test_key_too_short),
		T(test_key_lengths),
		T(test_known_answer),
		T(test_round_trip),
		T(test_wrong_subject),
		T(test_tampered),
		T(test_expired),
		T(test_future),
		T(test_garbage),
		T(test_huge),
		T(test_token_buffer),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
