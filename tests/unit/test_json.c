/*
 * Unit tests of json.c and jsonw.c: the strict, bounded JSON parser and
 * the writer. Tables of accepted and refused texts with the error each
 * refusal must name; the limits at their edges; the writer's output read
 * back by the parser.
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
#include "json.h"
#include "jsonw.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct json_limits	 lim = JSON_ACME_LIMITS;

static struct json *
parse(const char *s, enum json_err *e)
{
	return json_parse(s, strlen(s), &lim, e);
}

static void
test_accepts(void **state)
{
	static const struct {
		const char	*text;
		enum json_type	 type;
	} ok[] = {
		{ "{}", JSON_OBJECT },
		{ " \t\r\n[ ]\n", JSON_ARRAY },
		{ "null", JSON_NULL },
		{ "true", JSON_TRUE },
		{ "false", JSON_FALSE },
		{ "0", JSON_NUMBER },
		{ "-0.5e+10", JSON_NUMBER },
		{ "12E3", JSON_NUMBER },
		{ "\"\"", JSON_STRING },
		{ "\"\\u00e9\\ud83d\\ude00 \\\"\\\\\\/\\b\\f\\n\\r\\t\"",
		    JSON_STRING },
		{ "\"z\xc3\xb3\xc5\x82w \xf0\x9f\x98\x80\"", JSON_STRING },
		{ "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}", JSON_OBJECT },
		{ "{\"a\":1,\"A\":2}", JSON_OBJECT },
	};
	struct json	*v;
	enum json_err	 e;
	size_t		 i;

	for (i = 0; i < NELEM(ok); i++) {
		v = parse(ok[i].text, &e);
		if (v == NULL)
			fail_msg("refused %s: %s", ok[i].text, json_err_names[e]);
		assert_int_equal(e, JSON_OK);
		assert_int_equal(v->type, ok[i].type);
		json_free(v);
	}
}

static void
test_refuses(void **state)
{
	static const struct {
		const char	*text;
		enum json_err	 err;
	} bad[] = {
		{ "", JSON_ESYNTAX },
		{ " ", JSON_ESYNTAX },
		{ "{", JSON_ESYNTAX },
		{ "{}}", JSON_ESYNTAX },
		{ "{} {}", JSON_ESYNTAX },
		{ "[1,]", JSON_ESYNTAX },
		{ "{\"a\":1,}", JSON_ESYNTAX },
		{ "{'a':1}", JSON_ESYNTAX },
		{ "{a:1}", JSON_ESYNTAX },
		{ "[01]", JSON_ESYNTAX },
		{ "[1.]", JSON_ESYNTAX },
		{ "[.5]", JSON_ESYNTAX },
		{ "[+1]", JSON_ESYNTAX },
		{ "[1e]", JSON_ESYNTAX },
		{ "[NaN]", JSON_ESYNTAX },
		{ "[Infinity]", JSON_ESYNTAX },
		{ "[tru]", JSON_ESYNTAX },
		{ "[nul]", JSON_ESYNTAX },
		{ "/* c */ {}", JSON_ESYNTAX },
		{ "\"\\x41\"", JSON_ESYNTAX },
		{ "\"\\u12\"", JSON_ESYNTAX },
		{ "\"tab\there\"", JSON_ESYNTAX },
		{ "\"open", JSON_ESYNTAX },
		{ "\xef\xbb\xbf{}", JSON_ESYNTAX },	/* a BOM */
		{ "\"\\u0000\"", JSON_EUTF8 },
		{ "\"\\ud800\"", JSON_EUTF8 },
		{ "\"\\udc00\"", JSON_EUTF8 },
		{ "\"\\ud800\\u0041\"", JSON_EUTF8 },
		{ "\"\xc0\xaf\"", JSON_EUTF8 },		/* overlong '/' */
		{ "\"\xed\xa0\x80\"", JSON_EUTF8 },	/* UTF-8 surrogate */
		{ "\"\xf4\x90\x80\x80\"", JSON_EUTF8 },	/* past U+10FFFF */
		{ "\"\xe2\x82\"", JSON_EUTF8 },		/* truncated */
		{ "\"\xff\"", JSON_EUTF8 },
		{ "{\"a\":1,\"a\":2}", JSON_EDUP },
		{ "{\"x\":{\"a\":1,\"b\":{},\"a\":[]}}", JSON_EDUP },
		{ "{\"\\u0061\":1,\"a\":2}", JSON_EDUP },	/* the same, escaped */
	};
	struct json	*v;
	enum json_err	 e;
	size_t		 i;

	for (i = 0; i < NELEM(bad); i++) {
		v = parse(bad[i].text, &e);
		if (v != NULL || e != bad[i].err)
			fail_msg("%s: got %s, want %s", bad[i].text,
			    v ? "accepted" : json_err_names[e],
			    json_err_names[bad[i].err]);
	}
	/* A NUL byte inside the input is no JSON, wherever it is. */
	v = json_parse("{\"a\":\"b\0\"}", 10, &lim, &e);
	assert_null(v);
	assert_int_equal(e, JSON_ESYNTAX);
	v = json_parse("{}\0", 3, &lim, &e);
	assert_null(v);
	assert_int_equal(e, JSON_ESYNTAX);
}

static void
test_depth(void **state)
{
	struct json_limits	 l = lim;
	char			 s[64];
	struct json		*v;
	enum json_err		 e;
	size_t			 d;

	/* Exactly the cap parses; one more is refused with EDEPTH. */
	for (d = 1; d <= l.depth + 1; d++) {
		memset(s, '[', d);
		memset(s + d, ']', d);
		s[2 * d] = '\0';
		v = json_parse(s, 2 * d, &l, &e);
		if (d <= l.depth) {
			assert_non_null(v);
			json_free(v);
		} else {
			assert_null(v);
			assert_int_equal(e, JSON_EDEPTH);
		}
	}
	/* Deep nesting far past the cap stops early, without recursion. */
	{
		size_t	 n = 1000000;
		char	*deep = malloc(n);

		assert_non_null(deep);
		memset(deep, '[', n);
		l.size = n;
		v = json_parse(deep, n, &l, &e);
		assert_null(v);
		assert_int_equal(e, JSON_EDEPTH);
		free(deep);
	}
}

static void
test_sizes(void **state)
{
	struct json_limits	 l = { 64, 4, 5, 8 };
	struct json		*v;
	enum json_err		 e;
	char			 big[80];

	/* Input size. */
	memset(big, ' ', sizeof(big));
	big[0] = '1';
	assert_null(json_parse(big, 65, &l, &e));
	assert_int_equal(e, JSON_ESIZE);
	v = json_parse(big, 64, &l, &e);
	assert_non_null(v);
	json_free(v);
	/* Value count: 5 values parse, 6 do not. */
	v = json_parse("[1,2,3,4]", 9, &l, &e);
	assert_non_null(v);
	assert_int_equal(v->n, 4);
	json_free(v);
	assert_null(json_parse("[1,2,3,4,5]", 11, &l, &e));
	assert_int_equal(e, JSON_ESIZE);
	/* One string (decoded) and one name: 8 bytes, not 9. */
	v = json_parse("\"12345678\"", 10, &l, &e);
	assert_non_null(v);
	json_free(v);
	assert_null(json_parse("\"123456789\"", 11, &l, &e));
	assert_int_equal(e, JSON_ESIZE);
	assert_null(json_parse("{\"123456789\":1}", 15, &l, &e));
	assert_int_equal(e, JSON_ESIZE);
	/* Escapes count as what they decode to. */
	v = json_parse("\"\\u0041\\u0042\\u0043\\u0044\"", 26, &l, &e);
	assert_non_null(v);
	assert_string_equal(v->str, "ABCD");
	json_free(v);
	assert_null(json_parse("123456789", 9, &l, &e));
	assert_int_equal(e, JSON_ESIZE);
}

static void
test_lookups(void **state)
{
	static const char *const only[] = { "a", "b", "c", NULL };
	static const char *const fewer[] = { "a", NULL };
	struct json		*v;
	enum json_err		 e;
	int			 b = -5;

	v = parse("{\"a\":\"x\\u00e9\",\"b\":true,\"c\":[1,2],\"n\":-1.5}", &e);
	assert_non_null(v);
	assert_int_equal(v->n, 4);
	assert_string_equal(json_string(v, "a"), "x\xc3\xa9");
	assert_int_equal(json_get(v, "a")->len, 3);
	assert_null(json_string(v, "b"));
	assert_null(json_string(v, "missing"));
	assert_int_equal(json_bool(v, "b", &b), 1);
	assert_int_equal(b, 1);
	assert_int_equal(json_bool(v, "a", &b), 0);
	assert_int_equal(json_bool(v, "zz", &b), -1);
	assert_int_equal(json_get(v, "c")->n, 2);
	assert_string_equal(json_get(v, "n")->str, "-1.5");
	assert_null(json_get(json_get(v, "c"), "a"));
	assert_false(json_only(v, only));
	assert_false(json_only(v, fewer));
	json_free(v);
	v = parse("{\"b\":1,\"a\":2}", &e);
	assert_true(json_only(v, only));
	json_free(v);
	json_free(NULL);
}

static void
test_writer(void **state)
{
	struct buf	 b;
	struct jsonw	 w;
	struct json	*v;
	enum json_err	 e;
	static const char	 nasty[] = "q\"b\\s/\n\r\t\x01\x1f\x7f \xc5\x82";

	buf_init(&b);
	jsonw_init(&w, &b);
	jsonw_open(&w, NULL, '{');
	jsonw_str(&w, "type", "urn:ietf:params:acme:error:malformed");
	jsonw_str(&w, nasty, nasty);
	jsonw_int(&w, "n", -42);
	jsonw_bool(&w, "t", 1);
	jsonw_null(&w, "z");
	jsonw_open(&w, "list", '[');
	jsonw_str(&w, NULL, "a");
	jsonw_open(&w, NULL, '{');
	jsonw_close(&w);
	jsonw_int(&w, NULL, 7);
	jsonw_close(&w);
	jsonw_close(&w);
	assert_true(jsonw_done(&w));
	assert_string_equal(b.s, "{\"type\":\"urn:ietf:params:acme:error:"
	    "malformed\",\"q\\\"b\\\\s/\\n\\r\\t\\u0001\\u001f\\u007f "
	    "\xc5\x82\":\"q\\\"b\\\\s/\\n\\r\\t\\u0001\\u001f\\u007f "
	    "\xc5\x82\",\"n\":-42,\"t\":true,\"z\":null,\"list\":"
	    "[\"a\",{},7]}");
	/* What it writes reads back the same. */
	v = json_parse(b.s, b.len, &lim, &e);
	assert_non_null(v);
	assert_string_equal(json_string(v, nasty), nasty);
	assert_int_equal(json_get(v, "list")->n, 3);
	json_free(v);

	/* Misuse is sticky and reported. */
	buf_reset(&b);
	jsonw_init(&w, &b);
	jsonw_open(&w, NULL, '{');
	jsonw_str(&w, NULL, "no key in an object");
	jsonw_close(&w);
	assert_false(jsonw_done(&w));
	buf_reset(&b);
	jsonw_init(&w, &b);
	jsonw_open(&w, NULL, '[');
	jsonw_str(&w, "key", "in an array");
	assert_false(jsonw_done(&w));
	buf_reset(&b);
	jsonw_init(&w, &b);
	jsonw_open(&w, NULL, '[');
	assert_false(jsonw_done(&w));	/* left open */
	jsonw_close(&w);
	assert_true(jsonw_done(&w));
	jsonw_close(&w);
	assert_false(jsonw_done(&w));	/* closed once too often */
	buf_reset(&b);
	jsonw_init(&w, &b);
	assert_false(jsonw_done(&w));	/* nothing written */
	jsonw_int(&w, NULL, 1);
	jsonw_int(&w, NULL, 2);		/* two values at the top */
	assert_false(jsonw_done(&w));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepts),
		cmocka_unit_test(test_refuses),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_writer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
