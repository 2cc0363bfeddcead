/*
 * Unit tests of cardcode.c, the card agent's one-time codes: the key
 * parameters accepted, a code's hash (either case in, refusals of what is
 * not 32 hex digits), and a code's derivation from its salt.
 *
 * The known answers were computed independently with Python, from the
 * key bytes(range(32)) and salt "00112233445566778899aabbccddeeff":
 *   tok = "0." + base64.urlsafe_b64encode(hmac.new(key, b"csrf\0"
 *       b"card-code:" + salt + b"\0" b"0", hashlib.sha256).digest())
 *       .rstrip(b"=")
 *   code = hashlib.sha256(tok).hexdigest()[:32]
 *   hash = hashlib.sha256(code).digest()
 *
 * The key is process-wide: the first test runs before it is set.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "cardcode.h"
#include "csrf.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define SALT	"00112233445566778899aabbccddeeff"
#define CODE	"ccc86a0df4fa82e13b9bd18af3032257"
#define HASH	"ba26dbe502af6cf2f1cf6943b1cc8eed" \
		"2d903df15b5c8feb2956a0c245e33951"

static void
hex(const unsigned char *p, size_t n, char *out)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", p[i]);
}

static void
test_no_key(void **state)
{
	char	 code[CARD_CODE_HEX + 1];

	(void)state;
	assert_int_equal(cardcode_of(SALT, code), 0);
}

static void
test_keys(void **state)
{
	static const char *const good[] = {
		"rsa2048", "rsa3072", "rsa4096", "p256", "p384"
	};
	static const char *const bad[] = {
		"", "rsa1024", "rsa8192", "RSA2048", "p521", "ed25519",
		"rsa2048 ", "p256\n", "p"
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(good); i++)
		assert_true(cardcode_key_valid(good[i]));
	for (i = 0; i < NELEM(bad); i++)
		assert_false(cardcode_key_valid(bad[i]));
	assert_false(cardcode_key_valid(NULL));
}

static void
test_hash(void **state)
{
	static const char *const bad[] = {
		"", "ccc86a0df4fa82e13b9bd18af303225",
		"ccc86a0df4fa82e13b9bd18af30322577",
		"ccc86a0df4fa82e13b9bd18af303225g",
		"ccc86a0df4fa82e13b9bd18af303225 ",
		"../../../../../../../../../../..",
		"ccc86a0df4fa82e13b9bd18af3032257/csr",
	};
	unsigned char	 h[32], h2[32];
	char		 text[65];
	size_t		 i;

	(void)state;
	assert_true(cardcode_hash(CODE, h));
	hex(h, sizeof(h), text);
	assert_string_equal(text, HASH);
	assert_true(cardcode_hash("CCC86A0DF4FA82E13B9BD18AF3032257", h2));
	assert_memory_equal(h, h2, sizeof(h));
	for (i = 0; i < NELEM(bad); i++)
		assert_false(cardcode_hash(bad[i], h));
}

static void
test_derive(void **state)
{
	unsigned char	 key[32];
	char		 code[CARD_CODE_HEX + 1], other[CARD_CODE_HEX + 1];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(key); i++)
		key[i] = (unsigned char)i;
	assert_true(csrf_set_key(key, sizeof(key)));
	assert_true(cardcode_of(SALT, code));
	assert_string_equal(code, CODE);
	/* The database gives the salt in upper case: the same code. */
	assert_true(cardcode_of("00112233445566778899AABBCCDDEEFF", other));
	assert_string_equal(other, CODE);
	assert_true(cardcode_of("00112233445566778899aabbccddeef0", other));
	assert_string_not_equal(other, CODE);
	/* Another key: another code for the same salt. */
	key[0] ^= 1;
	assert_true(csrf_set_key(key, sizeof(key)));
	assert_true(cardcode_of(SALT, other));
	assert_string_not_equal(other, CODE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_key),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_derive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
