/*
 * libFuzzer target for the strict JSON parser and the writer:
 * json_parse() under the ACME limits and under tight ones, then what it
 * accepts written back with jsonw and parsed again.
 *
 * Input: any bytes, at most 64 KiB (JSON_ACME_LIMITS' size), passed
 * without a terminating NUL so that a read past the end is caught.
 *
 * Beyond memory errors, the target aborts when an invariant breaks: an
 * error outside the enum or JSON_OK with no tree; a tree deeper, larger
 * or with longer strings than the limits; a string whose length is not
 * its strlen (a NUL inside); a member name twice in one object; the
 * writer failing on a tree, or its output not parsing back to the same
 * tree.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "jsonw.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static size_t
check(const struct json *v, const struct json_limits *l, size_t depth)
{
	const struct json	*c, *o;
	size_t			 n = 1, kids = 0;

	if (v->type >= JSON__MAX)
		abort();
	if ((v->type == JSON_STRING || v->type == JSON_NUMBER) &&
	    (v->str == NULL || strlen(v->str) != v->len || v->len > l->string))
		abort();
	if (v->type != JSON_ARRAY && v->type != JSON_OBJECT) {
		if (v->child != NULL)
			abort();
		return 1;
	}
	if (depth + 1 > l->depth)
		abort();
	for (c = v->child; c != NULL; c = c->next, kids++) {
		if ((v->type == JSON_OBJECT) != (c->name != NULL))
			abort();
		if (c->name != NULL && strlen(c->name) > l->string)
			abort();
		if (v->type == JSON_OBJECT)
			for (o = v->child; o != c; o = o->next)
				if (strcmp(o->name, c->name) == 0)
					abort();
		n += check(c, l, depth + 1);
	}
	if (kids != v->n)
		abort();
	return n;
}

static void
emit(struct jsonw *w, const struct json *v)
{
	const struct json	*c;

	switch (v->type) {
	case JSON_NULL:
		jsonw_null(w, v->name);
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		jsonw_bool(w, v->name, v->type == JSON_TRUE);
		break;
	case JSON_STRING:
		jsonw_strn(w, v->name, v->str, v->len);
		break;
	case JSON_NUMBER:
		/* The number as written: a string round trip keeps its text. */
		jsonw_strn(w, v->name, v->str, v->len);
		break;
	default:
		jsonw_open(w, v->name, v->type == JSON_OBJECT ? '{' : '[');
		for (c = v->child; c != NULL; c = c->next)
			emit(w, c);
		jsonw_close(w);
		break;
	}
}

static int
same(const struct json *a, const struct json *b)
{
	const struct json	*x, *y;

	if (a->type != b->type && !(a->type == JSON_NUMBER &&
	    b->type == JSON_STRING))
		return 0;
	if ((a->name == NULL) != (b->name == NULL) ||
	    (a->name != NULL && strcmp(a->name, b->name) != 0))
		return 0;
	if (a->str != NULL && (a->len != b->len ||
	    memcmp(a->str, b->str, a->len) != 0))
		return 0;
	for (x = a->child, y = b->child; x != NULL && y != NULL;
	    x = x->next, y = y->next)
		if (!same(x, y))
			return 0;
	return x == NULL && y == NULL;
}

static void
one(const uint8_t *data, size_t size, const struct json_limits *l)
{
	struct json_limits	 wide = { 1 << 20, 32, 1 << 16, 1 << 20 };
	struct json		*v, *back;
	struct jsonw		 w;
	struct buf		 b;
	enum json_err		 e = JSON_ERR__MAX;

	v = json_parse(data, size, l, &e);
	if (e >= JSON_ERR__MAX || (v == NULL) != (e != JSON_OK))
		abort();
	if (v == NULL)
		return;
	if (check(v, l, 0) > l->values)
		abort();
	buf_init(&b);
	jsonw_init(&w, &b);
	emit(&w, v);
	if (l->depth < JSONW_DEPTH && !jsonw_done(&w))
		abort();
	if (jsonw_done(&w)) {
		if ((back = json_parse(b.s, b.len, &wide, &e)) == NULL ||
		    !same(v, back))
			abort();
		json_free(back);
	}
	buf_free(&b);
	json_free(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct json_limits	 acme = JSON_ACME_LIMITS;
	static const struct json_limits	 tight = { 256, 3, 16, 32 };
	uint8_t				*copy;

	if (size > acme.size)
		return 0;
	/* An exact-size copy: ASan sees a read one byte past the end. */
	if ((copy = malloc(size ? size : 1)) == NULL)
		abort();
	memcpy(copy, data, size);
	one(copy, size, &acme);
	one(copy, size, &tight);
	free(copy);
	return 0;
}
