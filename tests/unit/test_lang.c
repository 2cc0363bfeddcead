/*
 * lang.c: the language of a request from the allowed list, the cookie
 * and Accept-Language.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "lang.h"

static void
test_pick_vectors(void **state)
{
	static const struct {
		const char	*langs, *deflt, *cookie, *accept, *want;
	} v[] = {
		{ "en pl", "en", NULL, NULL, "en" },
		{ "en pl", "en", NULL, "pl-PL,pl;q=0.9,en;q=0.8", "pl" },
		{ "en pl", "en", NULL, "de-DE,de;q=0.9,pl;q=0.5", "pl" },
		{ "en pl", "en", NULL, "en;q=0.4, PL;q=0.6", "pl" },
		{ "en pl", "en", NULL, "pl;q=0, en;q=0.1", "en" },
		{ "en pl", "pl", NULL, "de, fr", "pl" },
		{ "en pl", "en", NULL, "*", "en" },
		{ "en pl", "en", "pl", "en", "pl" },
		{ "en pl", "en", "de", "pl", "pl" },
		{ "en", "en", "pl", "pl", "en" },
		{ "", "pl", "en", "en", "pl" },
		{ NULL, "en", "pl", "pl", "en" },
		{ "en,pl", "en", NULL, "pl", "pl" },
		{ "en pl", "en", NULL, "plx, en-GB", "en" },
		{ "en pl", "en", NULL, ";;;,,q=", "en" },
	};
	char	 out[16];
	size_t	 i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_true(lang_pick(v[i].langs, v[i].deflt, v[i].cookie,
		    v[i].accept, out, sizeof(out)));
		if (strcmp(out, v[i].want) != 0)
			fail_msg("vector %zu: %s, expected %s", i, out,
			    v[i].want);
	}
}

static void
test_cookie(void **state)
{
	char	 out[16];

	assert_true(lang_cookie("a=b; smime_lang=pl; c=d", out, sizeof(out)));
	assert_string_equal(out, "pl");
	assert_true(lang_cookie("smime_lang=en", out, sizeof(out)));
	assert_string_equal(out, "en");
	assert_false(lang_cookie("smime_lang=../x", out, sizeof(out)));
	assert_false(lang_cookie("smime_lang=", out, sizeof(out)));
	assert_false(lang_cookie("xsmime_lang=pl", out, sizeof(out)));
	assert_false(lang_cookie(NULL, out, sizeof(out)));
	assert_false(lang_cookie("smime_lang=abcdefghij", out, sizeof(out)));
	assert_true(lang_allowed("en pl", "pl"));
	assert_false(lang_allowed("en pl", "p"));
	assert_false(lang_allowed("en pl", "de"));
	assert_false(lang_allowed("en pl", "PL"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pick_vectors),
		cmocka_unit_test(test_cookie),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
