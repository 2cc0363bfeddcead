/*
 * Unit tests of cache.c: the per-process page cache, bounded in entries,
 * bytes and age, least recently used out first.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "cache.h"

static int
teardown(void **state)
{
	cache_clear();
	return 0;
}

static void
test_hit_and_miss(void **state)
{
	const char	*body;
	size_t		 len;
	int		 kind;

	assert_false(cache_get("k", 100, &body, &len, &kind));
	assert_true(cache_put("k", 100, "<p>x</p>", 8, 1));
	assert_true(cache_get("k", 101, &body, &len, &kind));
	assert_int_equal(len, 8);
	assert_memory_equal(body, "<p>x</p>", 8);
	assert_int_equal(kind, 1);
	assert_false(cache_get("K", 101, &body, &len, &kind));
}

static void
test_replace_same_key(void **state)
{
	const char	*body;
	size_t		 len;
	int		 kind;

	assert_true(cache_put("k", 100, "old", 3, 0));
	assert_true(cache_put("k", 100, "newer", 5, 0));
	assert_true(cache_get("k", 100, &body, &len, &kind));
	assert_int_equal(len, 5);
	assert_memory_equal(body, "newer", 5);
}

static void
test_expires(void **state)
{
	const char	*body;
	size_t		 len;
	int		 kind;

	assert_true(cache_put("k", 1000, "v", 1, 0));
	assert_true(cache_get("k", 1000 + CACHE_AGE, &body, &len, &kind));
	assert_false(cache_get("k", 1000 + CACHE_AGE + 1, &body, &len, &kind));
	/* Dropped on expiry: not found even with an earlier clock. */
	assert_false(cache_get("k", 1000, &body, &len, &kind));
	/* A clock that went back does not serve the future's page. */
	assert_true(cache_put("j", 2000, "v", 1, 0));
	assert_false(cache_get("j", 1999, &body, &len, &kind));
}

static void
test_entry_bound_lru(void **state)
{
	const char	*body;
	size_t		 len;
	int		 kind, i;
	char		 key[32];

	for (i = 0; i < CACHE_ENTRIES; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		assert_true(cache_put(key, 100, "v", 1, 0));
	}
	/* Touch the oldest, so the second oldest goes first. */
	assert_true(cache_get("k0", 100, &body, &len, &kind));
	assert_true(cache_put("extra", 100, "v", 1, 0));
	assert_true(cache_get("k0", 100, &body, &len, &kind));
	assert_false(cache_get("k1", 100, &body, &len, &kind));
	assert_true(cache_get("extra", 100, &body, &len, &kind));
}

static void
test_byte_bound(void **state)
{
	static char	 big[CACHE_BYTES / 5];
	const char	*body;
	size_t		 len;
	int		 kind, i, found = 0;
	char		 key[32];

	memset(big, 'x', sizeof(big));
	for (i = 0; i < 10; i++) {
		snprintf(key, sizeof(key), "b%d", i);
		assert_true(cache_put(key, 100, big, sizeof(big), 0));
	}
	for (i = 0; i < 10; i++) {
		snprintf(key, sizeof(key), "b%d", i);
		found += cache_get(key, 100, &body, &len, &kind);
	}
	/* At most what fits in the budget, and the newest of them. */
	assert_true(found <= 5);
	assert_true(cache_get("b9", 100, &body, &len, &kind));
	/* A body over a quarter of the budget is not kept at all. */
	{
		static char	 huge[CACHE_BYTES / 4 + 1];

		assert_false(cache_put("huge", 100, huge, sizeof(huge), 0));
		assert_false(cache_get("huge", 100, &body, &len, &kind));
	}
}

static void
test_empty_body(void **state)
{
	const char	*body;
	size_t		 len;
	int		 kind;

	assert_true(cache_put("e", 100, "", 0, 0));
	assert_true(cache_get("e", 100, &body, &len, &kind));
	assert_int_equal(len, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_hit_and_miss, teardown),
		cmocka_unit_test_teardown(test_replace_same_key, teardown),
		cmocka_unit_test_teardown(test_expires, teardown),
		cmocka_unit_test_teardown(test_entry_bound_lru, teardown),
		cmocka_unit_test_teardown(test_byte_bound, teardown),
		cmocka_unit_test_teardown(test_empty_body, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
