/*
 * Unit tests of buf.c: the growable, always NUL-terminated byte buffer.
 *
 * The invariants from buf.h checked after every operation: `s` is never
 * NULL, s[len] is NUL, and either cap is 0 (s is the shared empty string)
 * or len < cap.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
check_invariants(const struct buf *b)
{
	assert_non_null(b->s);
	assert_int_equal(b->s[b->len], '\0');
	if (b->cap == 0)
		assert_int_equal(b->len, 0);
	else
		assert_true(b->len < b->cap);
}

static void
check_empty(const struct buf *b)
{
	check_invariants(b);
	assert_int_equal(b->len, 0);
	assert_string_equal(b->s, "");
}

static void
test_init_empty(void **state)
{
	struct buf	 b;

	memset(&b, 0xa5, sizeof(b));
	buf_init(&b);
	check_empty(&b);
	assert_int_equal(b.cap, 0);
}

static void
test_free_empty_twice(void **state)
{
	struct buf	 b;

	buf_init(&b);
	buf_free(&b);
	check_empty(&b);
	buf_free(&b);
	check_empty(&b);
	assert_int_equal(b.cap, 0);
}

static void
test_free_leaves_reusable(void **state)
{
	struct buf	 b;

	buf_init(&b);
	assert_true(buf_adds(&b, "something"));
	buf_free(&b);
	check_empty(&b);
	assert_int_equal(b.cap, 0);
	assert_true(buf_adds(&b, "again"));
	assert_string_equal(b.s, "again");
	buf_free(&b);
}

/* Appends of each kind and what the buffer holds after each. */
struct append {
	const char	*op;	/* "add", "adds" or "addc" */
	const char	*arg;	/* bytes (for addc: the first byte) */
	size_t		 n;	/* for add: how many bytes of arg */
	const char	*want;	/* content after the append */
	size_t		 wantlen;
};

static const struct append appends[] = {
	{ "adds", "", 0, "", 0 },
	{ "adds", "abc", 0, "abc", 3 },
	{ "add", "defXXX", 3, "abcdef", 6 },
	{ "add", "ignored", 0, "abcdef", 6 },
	{ "addc", "g", 0, "abcdefg", 7 },
	{ "addc", "\xff", 0, "abcdefg\xff", 8 },
	{ "add", "h\0i", 3, "abcdefg\xffh\0i", 11 },
	{ "adds", "j", 0, "abcdefg\xffh\0ij", 12 },
};

static void
test_append_sequence(void **state)
{
	struct buf	 b;
	size_t		 i;
	int		 rc;

	buf_init(&b);
	for (i = 0; i < NELEM(appends); i++) {
		const struct append	*a = &appends[i];

		if (strcmp(a->op, "add") == 0)
			rc = buf_add(&b, a->arg, a->n);
		else if (strcmp(a->op, "adds") == 0)
			rc = buf_adds(&b, a->arg);
		else
			rc = buf_addc(&b, (unsigned char)a->arg[0]);
		assert_int_equal(rc, 1);
		check_invariants(&b);
		assert_int_equal(b.len, a->wantlen);
		assert_memory_equal(b.s, a->want, a->wantlen + 1);
	}
	buf_free(&b);
}

static void
test_addc_nul(void **state)
{
	struct buf	 b;

	buf_init(&b);
	assert_true(buf_addc(&b, 'a'));
	assert_true(buf_addc(&b, '\0'));
	assert_true(buf_addc(&b, 'b'));
	check_invariants(&b);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.s, "a\0b", 4);
	buf_free(&b);
}

static void
test_large_append(void **state)
{
	struct buf	 b;
	char		*big;
	size_t		 i, n = 100000;

	assert_non_null(big = malloc(n));
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	buf_init(&b);
	assert_true(buf_adds(&b, "<"));
	assert_true(buf_add(&b, big, n));
	assert_true(buf_adds(&b, ">"));
	check_invariants(&b);
	assert_int_equal(b.len, n + 2);
	assert_int_equal(b.s[0], '<');
	assert_memory_equal(b.s + 1, big, n);
	assert_int_equal(b.s[n + 1], '>');
	free(big);
	buf_free(&b);
}

/* printf: formats and their expansions, appended one after another. */
struct fmt {
	int		 num;
	const char	*str;
	const char	*want;	/* what "%d:%s;" appends */
};

static const struct fmt fmts[] = {
	{ 0, "", "0:;" },
	{ -1, "x", "-1:x;" },
	{ 2147483647, "%s%n", "2147483647:%s%n;" },
	{ 42, "zażółć", "42:zażółć;" },
};

static void
test_printf_table(void **state)
{
	struct buf	 b;
	char		 want[256] = "";
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < NELEM(fmts); i++) {
		assert_true(buf_printf(&b, "%d:%s;", fmts[i].num, fmts[i].str));
		strcat(want, fmts[i].want);
		check_invariants(&b);
		assert_string_equal(b.s, want);
		assert_int_equal(b.len, strlen(want));
	}
	buf_free(&b);
}

static void
test_printf_empty_format(void **state)
{
	struct buf	 b;

	buf_init(&b);
	assert_true(buf_printf(&b, "%s", ""));
	check_empty(&b);
	assert_true(buf_adds(&b, "x"));
	assert_true(buf_printf(&b, "%s", ""));
	assert_string_equal(b.s, "x");
	assert_int_equal(b.len, 1);
	buf_free(&b);
}

/*
 * Printing across the initial allocation and several doublings: the
 * content must be exact at every step, whatever the growth policy.
 */
static void
test_printf_growth(void **state)
{
	struct buf	 b;
	size_t		 i, lastcap = 0, grows = 0;
	char		 line[32];

	buf_init(&b);
	for (i = 0; i < 2000; i++) {
		assert_true(buf_printf(&b, "%05zu,", i));
		check_invariants(&b);
		assert_int_equal(b.len, (i + 1) * 6);
		if (b.cap != lastcap) {
			grows++;
			lastcap = b.cap;
		}
	}
	/* 12000 bytes: several reallocations, each at least doubling. */
	assert_true(grows >= 3);
	assert_true(grows <= 16);
	for (i = 0; i < 2000; i++) {
		snprintf(line, sizeof(line), "%05zu,", i);
		assert_memory_equal(b.s + i * 6, line, 6);
	}
	buf_free(&b);
}

static void
test_printf_one_big(void **state)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	assert_true(buf_adds(&b, "head:"));
	assert_true(buf_printf(&b, "%*s|", 50000, "x"));
	check_invariants(&b);
	assert_int_equal(b.len, 5 + 50000 + 1);
	assert_memory_equal(b.s, "head:", 5);
	for (i = 5; i < 5 + 49999; i++)
		assert_int_equal(b.s[i], ' ');
	assert_memory_equal(b.s + 5 + 49999, "x|", 3);
	buf_free(&b);
}

static int
vwrap(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

static void
test_vprintf(void **state)
{
	struct buf	 b;

	buf_init(&b);
	assert_true(vwrap(&b, "%s-%u-%c", "a", 7u, 'z'));
	assert_string_equal(b.s, "a-7-z");
	assert_int_equal(b.len, 5);
	buf_free(&b);
}

static void
test_detach_ownership(void **state)
{
	struct buf	 b;
	char		*s, *before;
	size_t		 len = 12345;

	buf_init(&b);
	assert_true(buf_adds(&b, "owned"));
	before = b.s;
	s = buf_detach(&b, &len);
	/* The caller gets the very allocation, and the buffer lets go. */
	assert_ptr_equal(s, before);
	assert_int_equal(len, 5);
	assert_string_equal(s, "owned");
	check_empty(&b);
	assert_int_equal(b.cap, 0);
	assert_ptr_not_equal(b.s, s);
	/* The buffer is reusable and does not share with what it gave. */
	assert_true(buf_adds(&b, "fresh"));
	assert_string_equal(s, "owned");
	assert_string_equal(b.s, "fresh");
	free(s);
	buf_free(&b);
}

static void
test_detach_empty(void **state)
{
	struct buf	 b;
	char		*s;
	size_t		 len = 99;

	buf_init(&b);
	s = buf_detach(&b, &len);
	/* Even empty, the result is the caller's to free(): never the
	 * buffer's static "". */
	assert_non_null(s);
	assert_int_equal(len, 0);
	assert_string_equal(s, "");
	check_empty(&b);
	assert_ptr_not_equal(s, b.s);
	free(s);
}

static void
test_detach_null_len(void **state)
{
	struct buf	 b;
	char		*s;

	buf_init(&b);
	assert_true(buf_add(&b, "a\0b", 3));
	s = buf_detach(&b, NULL);
	assert_non_null(s);
	assert_memory_equal(s, "a\0b", 4);
	check_empty(&b);
	free(s);
}

static void
test_reset_keeps_allocation(void **state)
{
	struct buf	 b;
	char		*before;
	size_t		 cap;

	buf_init(&b);
	assert_true(buf_printf(&b, "%0200d", 1));
	before = b.s;
	cap = b.cap;
	buf_reset(&b);
	check_empty(&b);
	assert_ptr_equal(b.s, before);
	assert_int_equal(b.cap, cap);
	assert_true(buf_adds(&b, "short"));
	assert_ptr_equal(b.s, before);
	assert_string_equal(b.s, "short");
	assert_int_equal(b.len, 5);
	buf_free(&b);
}

static void
test_reset_empty(void **state)
{
	struct buf	 b;

	buf_init(&b);
	buf_reset(&b);
	check_empty(&b);
	assert_int_equal(b.cap, 0);
	buf_reset(&b);
	check_empty(&b);
	assert_true(buf_adds(&b, "x"));
	assert_string_equal(b.s, "x");
	buf_free(&b);
}

/*
 * Two fresh buffers must not share bytes: writing through one (after an
 * append) leaves the other's empty string alone.
 */
static void
test_empty_not_shared_after_append(void **state)
{
	struct buf	 a, b;

	buf_init(&a);
	buf_init(&b);
	assert_true(buf_adds(&a, "A"));
	check_empty(&b);
	buf_reset(&a);
	check_empty(&b);
	assert_true(buf_addc(&a, 'z'));
	check_empty(&b);
	assert_string_equal(a.s, "z");
	buf_free(&a);
	buf_free(&b);
}

static void
test_grow(void **state)
{
	struct buf	 b;
	char		*before;

	buf_init(&b);
	assert_true(buf_grow(&b, 0));
	check_empty(&b);
	assert_true(b.cap >= 1);
	assert_true(buf_grow(&b, 1000));
	assert_true(b.cap >= 1001);
	check_empty(&b);
	/* Room already there: no reallocation. */
	before = b.s;
	assert_true(buf_add(&b, "0123456789", 10));
	assert_ptr_equal(b.s, before);
	buf_free(&b);
}

/* Sizes that overflow size_t are refused and the content kept. */
static void
test_grow_overflow(void **state)
{
	struct buf	 b;

	buf_init(&b);
	assert_true(buf_adds(&b, "keep"));
	assert_false(buf_grow(&b, SIZE_MAX));
	assert_false(buf_grow(&b, SIZE_MAX - 4));
	assert_false(buf_add(&b, "x", SIZE_MAX));
	check_invariants(&b);
	assert_string_equal(b.s, "keep");
	assert_int_equal(b.len, 4);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_empty),
		cmocka_unit_test(test_free_empty_twice),
		cmocka_unit_test(test_free_leaves_reusable),
		cmocka_unit_test(test_append_sequence),
		cmocka_unit_test(test_addc_nul),
		cmocka_unit_test(test_large_append),
		cmocka_unit_test(test_printf_table),
		cmocka_unit_test(test_printf_empty_format),
		cmocka_unit_test(test_printf_growth),
		cmocka_unit_test(test_printf_one_big),
		cmocka_unit_test(test_vprintf),
		cmocka_unit_test(test_detach_ownership),
		cmocka_unit_test(test_detach_empty),
		cmocka_unit_test(test_detach_null_len),
		cmocka_unit_test(test_reset_keeps_allocation),
		cmocka_unit_test(test_reset_empty),
		cmocka_unit_test(test_empty_not_shared_after_append),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_grow_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
