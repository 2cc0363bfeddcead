/*
 * Unit tests of mailbox.c: addresses as RFC 5321 mailboxes with
 * internationalized domains in A-label form, and the one-time tokens of
 * S/MIME BR 3.2.2.2.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#include "mailbox.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_valid_addresses(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
		const char	*display;
	} v[] = {
		{ "jan@example.com", "jan@example.com", "jan@example.com" },
		{ "  Jan.Kowalski@Example.COM ", "Jan.Kowalski@example.com",
		  "Jan.Kowalski@example.com" },
		{ "a+tag@sub.example.co.uk", "a+tag@sub.example.co.uk", NULL },
		{ "o'brien@example.ie", "o'brien@example.ie", NULL },
		{ "x!#$%&'*+-/=?^_`{|}~@example.org",
		  "x!#$%&'*+-/=?^_`{|}~@example.org", NULL },
		/* IDN: stored as A-labels, shown in Unicode. */
		{ "jan@b\xc3\xbc" "cher.example", "jan@xn--bcher-kva.example",
		  "jan@b\xc3\xbc" "cher.example" },
		{ "info@\xc5\xbc\xc3\xb3\xc5\x82w.pl", "info@xn--w-uga1v8h.pl",
		  "info@\xc5\xbc\xc3\xb3\xc5\x82w.pl" },
		/* UTS #46 maps upper case in Unicode labels too. */
		{ "a@B\xc3\x9c" "CHER.example", "a@xn--bcher-kva.example", NULL },
		{ "a@xn--bcher-kva.example", "a@xn--bcher-kva.example",
		  "a@b\xc3\xbc" "cher.example" },
		{ "a@a-b.example", "a@a-b.example", NULL },
		{ "a@123.example", "a@123.example", NULL },
	};
	char		 out[MAILBOX_MAX + 1], disp[512];
	const char	*why;
	size_t		 i;

	for (i = 0; i < NELEM(v); i++) {
		if (!mailbox_normalize(v[i].in, out, sizeof(out), disp,
		    sizeof(disp), &why))
			fail_msg("refused %s (%s)", v[i].in, why);
		assert_null(why);
		assert_string_equal(out, v[i].out);
		if (v[i].display != NULL)
			assert_string_equal(disp, v[i].display);
	}
}

static void
test_invalid_addresses(void **state)
{
	static const struct {
		const char	*in;
		const char	*why;
	} v[] = {
		{ "", "email.invalid" },
		{ "plainaddress", "email.invalid" },
		{ "@example.com", "email.invalid" },
		{ "jan@", "email.domain" },
		{ "a@@example.com", "email.invalid" },
		{ "a@b@example.com", "email.invalid" },
		{ "Jan <jan@example.com>", "email.invalid" },
		{ "\"Jan\" jan@example.com", "email.invalid" },
		{ "jan@example.com, eve@example.com", "email.invalid" },
		{ "jan@example.com;eve@example.com", "email.invalid" },
		{ ".jan@example.com", "email.invalid" },
		{ "jan.@example.com", "email.invalid" },
		{ "ja..n@example.com", "email.invalid" },
		{ "\"quoted\"@example.com", "email.invalid" },
		{ "j\xc3\xa1n@example.com", "email.invalid" },
		{ "jan@[192.0.2.1]", "email.invalid" },
		{ "jan@localhost", "email.domain" },
		{ "jan@example", "email.domain" },
		{ "jan@example.123", "email.domain" },
		{ "jan@-example.com", "email.domain" },
		{ "jan@example-.com", "email.domain" },
		{ "jan@exa_mple.com", "email.domain" },
		{ "jan@example..com", "email.domain" },
		{ "jan@.example.com", "email.domain" },
		{ "jan@example.com.", "email.domain" },
		{ "jan@xn--zz.example", "email.domain" },
		{ "jan@ex\xffmple.com", "email.domain" },
		{ "jan(comment)@example.com", "email.invalid" },
		/*
		 * An A-label of characters IDNA 2008 disallows (U+3238
		 * PARENTHESIZED IDEOGRAPH LABOR...): its Unicode form would
		 * be shown, yet it maps to another domain (found by
		 * fuzz_mailbox).
		 */
		{ "n@xn--w-g1uhva.pl", "email.domain" },
	};
	char		 out[MAILBOX_MAX + 1], disp[512];
	const char	*why;
	size_t		 i;

	for (i = 0; i < NELEM(v); i++) {
		if (mailbox_normalize(v[i].in, out, sizeof(out), disp,
		    sizeof(disp), &why))
			fail_msg("accepted %s as %s", v[i].in, out);
		if (strcmp(why, v[i].why) != 0)
			fail_msg("%s: %s, expected %s", v[i].in, why, v[i].why);
	}
}

/* 64 octets of local part at most, 254 in all, 63 per label. */
static void
test_lengths(void **state)
{
	char		 in[600], out[MAILBOX_MAX + 1], disp[512];
	const char	*why;

	memset(in, 'a', 64);
	strcpy(in + 64, "@example.com");
	assert_true(mailbox_normalize(in, out, sizeof(out), disp, sizeof(disp),
	    &why));
	memset(in, 'a', 65);
	strcpy(in + 65, "@example.com");
	assert_false(mailbox_normalize(in, out, sizeof(out), disp,
	    sizeof(disp), &why));
	assert_string_equal(why, "email.invalid");

	/* A label of 63 is fine, of 64 not. */
	strcpy(in, "a@");
	memset(in + 2, 'b', 63);
	strcpy(in + 65, ".example");
	assert_true(mailbox_normalize(in, out, sizeof(out), disp, sizeof(disp),
	    &why));
	memset(in + 2, 'b', 64);
	strcpy(in + 66, ".example");
	assert_false(mailbox_normalize(in, out, sizeof(out), disp,
	    sizeof(disp), &why));

	/* 64 + 1 + 189 = 254 fits; 255 does not. */
	memset(in, 'a', 64);
	in[64] = '@';
	memset(in + 65, 'b', 60); in[125] = '.';
	memset(in + 126, 'c', 60); in[186] = '.';
	memset(in + 187, 'd', 60); in[247] = '.';
	memcpy(in + 248, "exampl", 6);
	in[254] = '\0';
	assert_int_equal(strlen(in), 254);
	assert_true(mailbox_normalize(in, out, sizeof(out), disp, sizeof(disp),
	    &why));
	memcpy(in + 248, "example", 7);
	in[255] = '\0';
	assert_false(mailbox_normalize(in, out, sizeof(out), disp,
	    sizeof(disp), &why));
	assert_string_equal(why, "email.too-long");
}

static void
test_display(void **state)
{
	char	 out[512];

	mailbox_display("jan@xn--bcher-kva.example", out, sizeof(out));
	assert_string_equal(out, "jan@b\xc3\xbc" "cher.example");
	mailbox_display("jan@example.com", out, sizeof(out));
	assert_string_equal(out, "jan@example.com");
	mailbox_display("broken@xn--zz.example", out, sizeof(out));
	assert_string_equal(out, "broken@xn--zz.example");
}

/* 128 random bits as 22 base64url characters, hashed with SHA-256. */
static void
test_tokens(void **state)
{
	char		 a[TOKEN_LEN + 1], b[TOKEN_LEN + 1], small[8];
	unsigned char	 ha[TOKEN_HASH], hb[TOKEN_HASH], h[TOKEN_HASH];
	unsigned int	 n;

	assert_true(token_new(a, sizeof(a), ha));
	assert_true(token_new(b, sizeof(b), hb));
	assert_int_equal(strlen(a), TOKEN_LEN);
	assert_true(token_wellformed(a));
	assert_string_not_equal(a, b);
	assert_memory_not_equal(ha, hb, TOKEN_HASH);
	/* The stored hash is the SHA-256 of the token's text. */
	assert_int_equal(EVP_Digest(a, strlen(a), h, &n, EVP_sha256(), NULL), 1);
	assert_memory_equal(h, ha, TOKEN_HASH);
	assert_true(token_hash(a, h));
	assert_memory_equal(h, ha, TOKEN_HASH);
	assert_false(token_new(small, sizeof(small), h));
}

static void
test_token_wellformed(void **state)
{
	assert_true(token_wellformed("AAAAAAAAAAAAAAAAAAAAAA"));
	assert_true(token_wellformed("abcdefghij-_0123456789"));
	assert_false(token_wellformed(""));
	assert_false(token_wellformed("AAAAAAAAAAAAAAAAAAAAA"));
	assert_false(token_wellformed("AAAAAAAAAAAAAAAAAAAAAAA"));
	assert_false(token_wellformed("AAAAAAAAAAAAAAAAAAAAA="));
	assert_false(token_wellformed("AAAAAAAAAAAAAAAAAAAAA/"));
	assert_false(token_wellformed("../../../../etc/passwd"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_addresses),
		cmocka_unit_test(test_invalid_addresses),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_display),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_token_wellformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
