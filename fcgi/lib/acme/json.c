/*
 * The strict, bounded JSON parser: see json.h for what it accepts.
 *
 * Recursive descent; the recursion is bounded by the depth cap, which is
 * checked before each descent, so the stack used is bounded too.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json.h"

const char *const json_type_names[JSON__MAX] = {
	"null",		/* JSON_NULL */
	"false",	/* JSON_FALSE */
	"true",		/* JSON_TRUE */
	"number",	/* JSON_NUMBER */
	"string",	/* JSON_STRING */
	"array",	/* JSON_ARRAY */
	"object",	/* JSON_OBJECT */
};

const char *const json_err_names[JSON_ERR__MAX] = {
	"ok",		/* JSON_OK */
	"syntax",	/* JSON_ESYNTAX */
	"size",		/* JSON_ESIZE */
	"depth",	/* JSON_EDEPTH */
	"duplicate",	/* JSON_EDUP */
	"utf8",		/* JSON_EUTF8 */
	"nomem",	/* JSON_ENOMEM */
};

struct parser {
	const unsigned char		*p;	/* next byte */
	const unsigned char		*end;	/* one past the last */
	const struct json_limits	*lim;
	size_t				 values;
	enum json_err			 err;
};

static struct json	*value(struct parser *, size_t);

static int
fail(struct parser *ps, enum json_err e)
{
	if (ps->err == JSON_OK)
		ps->err = e;
	return 0;
}

/* RFC 8259 section 2: the four white-space bytes, nothing else. */
static void
skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static int
hex4(const unsigned char *s, unsigned *out)
{
	unsigned	 v = 0;
	int		 i;

	for (i = 0; i < 4; i++) {
		v <<= 4;
		if (s[i] >= '0' && s[i] <= '9')
			v |= s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f')
			v |= s[i] - 'a' + 10;
		else if (s[i] >= 'A' && s[i] <= 'F')
			v |= s[i] - 'A' + 10;
		else
			return 0;
	}
	*out = v;
	return 1;
}

static int
put_utf8(struct buf *b, unsigned cp)
{
	unsigned char	 u[4];
	size_t		 n;

	if (cp < 0x80) {
		u[0] = cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = 0xc0 | (cp >> 6);
		u[1] = 0x80 | (cp & 0x3f);
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = 0xe0 | (cp >> 12);
		u[1] = 0x80 | ((cp >> 6) & 0x3f);
		u[2] = 0x80 | (cp & 0x3f);
		n = 3;
	} else {
		u[0] = 0xf0 | (cp >> 18);
		u[1] = 0x80 | ((cp >> 12) & 0x3f);
		u[2] = 0x80 | ((cp >> 6) & 0x3f);
		u[3] = 0x80 | (cp & 0x3f);
		n = 4;
	}
	return buf_add(b, u, n);
}

/*
 * The length of the well-formed UTF-8 sequence at s (at most `left`
 * bytes), or 0: overlong forms, surrogates and code points past U+10FFFF
 * are not well-formed (RFC 3629 section 4).
 */
static size_t
utf8_seq(const unsigned char *s, size_t left)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return left >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		if (left < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if (s[0] == 0xe0 && s[1] < 0xa0)
			return 0;
		if (s[0] == 0xed && s[1] >= 0xa0)
			return 0;
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		if (left < 4 || (s[1] & 0xc0) != 0x80 ||
		    (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		if (s[0] == 0xf0 && s[1] < 0x90)
			return 0;
		if (s[0] == 0xf4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

/*
 * A string, the opening quote at ps->p, decoded into a new allocation
 * (*out, *len). Returns 1, or 0 with ps->err set.
 */
static int
string(struct parser *ps, char **out, size_t *len)
{
	struct buf	 b;
	unsigned	 cp, lo;
	size_t		 n;
	unsigned char	 c;

	buf_init(&b);
	ps->p++;
	for (;;) {
		if (ps->p >= ps->end)
			goto bad;
		if (b.len > ps->lim->string) {
			fail(ps, JSON_ESIZE);
			goto out;
		}
		c = *ps->p;
		if (c == '"') {
			ps->p++;
			break;
		}
		if (c < 0x20)
			goto bad;
		if (c != '\\') {
			if ((n = utf8_seq(ps->p, ps->end - ps->p)) == 0) {
				fail(ps, JSON_EUTF8);
				goto out;
			}
			if (!buf_add(&b, ps->p, n))
				goto nomem;
			ps->p += n;
			continue;
		}
		if (ps->end - ps->p < 2)
			goto bad;
		c = ps->p[1];
		ps->p += 2;
		switch (c) {
		case '"': case '\\': case '/':
			cp = c;
			break;
		case 'b': cp = '\b'; break;
		case 'f': cp = '\f'; break;
		case 'n': cp = '\n'; break;
		case 'r': cp = '\r'; break;
		case 't': cp = '\t'; break;
		case 'u':
			if (ps->end - ps->p < 4 || !hex4(ps->p, &cp))
				goto bad;
			ps->p += 4;
			if (cp >= 0xdc00 && cp <= 0xdfff) {
				fail(ps, JSON_EUTF8);
				goto out;
			}
			if (cp >= 0xd800 && cp <= 0xdbff) {
				/* A high surrogate needs its low half next. */
				if (ps->end - ps->p < 6 || ps->p[0] != '\\' ||
				    ps->p[1] != 'u' || !hex4(ps->p + 2, &lo) ||
				    lo < 0xdc00 || lo > 0xdfff) {
					fail(ps, JSON_EUTF8);
					goto out;
				}
				ps->p += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
			}
			if (cp == 0) {
				fail(ps, JSON_EUTF8);
				goto out;
			}
			break;
		default:
			goto bad;
		}
		if (!put_utf8(&b, cp))
			goto nomem;
	}
	if (b.len > ps->lim->string) {
		fail(ps, JSON_ESIZE);
		goto out;
	}
	/* An empty string still gets its own allocation. */
	if ((*out = buf_detach(&b, len)) == NULL)
		goto nomem;
	return 1;
bad:
	fail(ps, JSON_ESYNTAX);
	goto out;
nomem:
	fail(ps, JSON_ENOMEM);
out:
	buf_free(&b);
	return 0;
}

/* RFC 8259 section 6: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static int
number(struct parser *ps, struct json *v)
{
	const unsigned char	*s = ps->p;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end)
		return fail(ps, JSON_ESYNTAX);
	if (*ps->p == '0')
		ps->p++;
	else if (*ps->p >= '1' && *ps->p <= '9')
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	else
		return fail(ps, JSON_ESYNTAX);
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, JSON_ESYNTAX);
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, JSON_ESYNTAX);
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	if ((size_t)(ps->p - s) > ps->lim->string)
		return fail(ps, JSON_ESIZE);
	if ((v->str = malloc(ps->p - s + 1)) == NULL)
		return fail(ps, JSON_ENOMEM);
	memcpy(v->str, s, ps->p - s);
	v->str[ps->p - s] = '\0';
	v->len = ps->p - s;
	return 1;
}

static int
literal(struct parser *ps, const char *word)
{
	size_t	 n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, JSON_ESYNTAX);
	ps->p += n;
	return 1;
}

/*
 * The members or elements of an object or array, the bracket at ps->p;
 * `depth` is that of the container itself.
 */
static int
container(struct parser *ps, struct json *v, size_t depth)
{
	struct json	*c, **tail = &v->child, *o;
	char		*name = NULL;
	size_t		 len;
	int		 close = v->type == JSON_OBJECT ? '}' : ']';

	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return 1;
	}
	for (;;) {
		skip_ws(ps);
		if (v->type == JSON_OBJECT) {
			if (ps->p >= ps->end || *ps->p != '"')
				return fail(ps, JSON_ESYNTAX);
			if (!string(ps, &name, &len))
				return 0;
			for (o = v->child; o != NULL; o = o->next)
				if (strcmp(o->name, name) == 0) {
					free(name);
					return fail(ps, JSON_EDUP);
				}
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				free(name);
				return fail(ps, JSON_ESYNTAX);
			}
			ps->p++;
		}
		if ((c = value(ps, depth)) == NULL) {
			free(name);
			return 0;
		}
		c->name = name;
		name = NULL;
		*tail = c;
		tail = &c->next;
		v->n++;
		skip_ws(ps);
		if (ps->p >= ps->end)
			return fail(ps, JSON_ESYNTAX);
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p == close) {
			ps->p++;
			return 1;
		}
		return fail(ps, JSON_ESYNTAX);
	}
}

/*
 * One value at ps->p, inside `depth` containers. Returns a new node, or
 * NULL with ps->err set.
 */
static struct json *
value(struct parser *ps, size_t depth)
{
	struct json	*v;
	int		 ok;

	skip_ws(ps);
	if (ps->p >= ps->end) {
		fail(ps, JSON_ESYNTAX);
		return NULL;
	}
	if (++ps->values > ps->lim->values) {
		fail(ps, JSON_ESIZE);
		return NULL;
	}
	if ((v = calloc(1, sizeof(*v))) == NULL) {
		fail(ps, JSON_ENOMEM);
		return NULL;
	}
	switch (*ps->p) {
	case '{':
	case '[':
		v->type = *ps->p == '{' ? JSON_OBJECT : JSON_ARRAY;
		if (depth + 1 > ps->lim->depth)
			ok = fail(ps, JSON_EDEPTH);
		else
			ok = container(ps, v, depth + 1);
		break;
	case '"':
		v->type = JSON_STRING;
		ok = string(ps, &v->str, &v->len);
		break;
	case 't':
		v->type = JSON_TRUE;
		ok = literal(ps, "true");
		break;
	case 'f':
		v->type = JSON_FALSE;
		ok = literal(ps, "false");
		break;
	case 'n':
		v->type = JSON_NULL;
		ok = literal(ps, "null");
		break;
	default:
		v->type = JSON_NUMBER;
		ok = number(ps, v);
		break;
	}
	if (!ok) {
		json_free(v);
		return NULL;
	}
	return v;
}

/*
 * Parses `len` bytes (no NUL needed) under the limits `lim`. Returns the
 * tree (the caller frees it with json_free()), or NULL with *err saying
 * why; JSON_ENOMEM is the caller's 500, anything else its 400.
 */
struct json *
json_parse(const void *data, size_t len, const struct json_limits *lim,
    enum json_err *err)
{
	struct parser	 ps;
	struct json	*v;

	memset(&ps, 0, sizeof(ps));
	ps.p = data;
	ps.end = ps.p + len;
	ps.lim = lim;
	ps.err = JSON_OK;
	if (len > lim->size) {
		*err = JSON_ESIZE;
		return NULL;
	}
	if ((v = value(&ps, 0)) != NULL) {
		skip_ws(&ps);
		if (ps.p != ps.end) {
			json_free(v);
			v = NULL;
			fail(&ps, JSON_ESYNTAX);
		}
	}
	*err = ps.err;
	return v;
}

/* Frees a tree; NULL is fine. */
void
json_free(struct json *v)
{
	struct json	*c, *next;

	if (v == NULL)
		return;
	for (c = v->child; c != NULL; c = next) {
		next = c->next;
		json_free(c);
	}
	free(v->name);
	free(v->str);
	free(v);
}

/* The member `name` of object `o`, or NULL (also when o is no object). */
const struct json *
json_get(const struct json *o, const char *name)
{
	const struct json	*c;

	if (o == NULL || o->type != JSON_OBJECT)
		return NULL;
	for (c = o->child; c != NULL; c = c->next)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* The string member `name` of `o`, or NULL when absent or not a string. */
const char *
json_string(const struct json *o, const char *name)
{
	const struct json	*v;

	if ((v = json_get(o, name)) == NULL || v->type != JSON_STRING)
		return NULL;
	return v->str;
}

/*
 * The boolean member `name` of `o` into *out: returns 1 when it is a
 * boolean, -1 when absent (*out untouched), 0 when of another type.
 */
int
json_bool(const struct json *o, const char *name, int *out)
{
	const struct json	*v;

	if ((v = json_get(o, name)) == NULL)
		return -1;
	if (v->type != JSON_TRUE && v->type != JSON_FALSE)
		return 0;
	*out = v->type == JSON_TRUE;
	return 1;
}

/*
 * Whether object `o` has no member outside the NULL-terminated list
 * `names`. Returns 1 or 0 (also for a non-object).
 */
int
json_only(const struct json *o, const char *const *names)
{
	const struct json	*c;
	size_t			 i;

	if (o == NULL || o->type != JSON_OBJECT)
		return 0;
	for (c = o->child; c != NULL; c = c->next) {
		for (i = 0; names[i] != NULL; i++)
			if (strcmp(c->name, names[i]) == 0)
				break;
		if (names[i] == NULL)
			return 0;
	}
	return 1;
}
