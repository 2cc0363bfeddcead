/*
 * host.c: which accounts a host bound to a partner serves.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "host.h"

static void
test_vectors(void **state)
{
	static const struct {
		const char	*bound, *role, *partner;
		int		 want;
	} v[] = {
		/* The installation's own host: everyone. */
		{ NULL, "customer", NULL, 1 },
		{ "", "customer", "harbor", 1 },
		{ "", "partner", "harbor", 1 },
		{ "", "operator", NULL, 1 },
		{ NULL, "operator", NULL, 1 },
		/* A partner's host: its accounts and customers only. */
		{ "harbor", "customer", "harbor", 1 },
		{ "harbor", "partner", "harbor", 1 },
		{ "harbor", "customer", "other", 0 },
		{ "harbor", "partner", "other", 0 },
		{ "harbor", "customer", NULL, 0 },
		{ "harbor", "customer", "", 0 },
		{ "harbor", "partner", NULL, 0 },
		{ "harbor", "operator", NULL, 0 },
		{ "harbor", "operator", "harbor", 0 },
		{ "harbor", NULL, "harbor", 0 },
		{ "harbor", "admin", "harbor", 0 },
		/* Codes match whole and exactly. */
		{ "harbor", "customer", "harbo", 0 },
		{ "harbor", "customer", "harbor2", 0 },
		{ "harbor", "customer", "Harbor", 0 },
	};
	size_t	 i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (host_admits(v[i].bound, v[i].role, v[i].partner) !=
		    v[i].want)
			fail_msg("vector %zu: expected %d", i, v[i].want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
