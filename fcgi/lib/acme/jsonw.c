/*
 * The JSON writer: see jsonw.h.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "jsonw.h"

void
jsonw_init(struct jsonw *w, struct buf *b)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
}

/*
 * Appends `s` (`n` bytes) to `b` as a quoted JSON string: the quote, the
 * backslash and every control character escaped; other bytes, UTF-8
 * included, as they are. Returns 1, or 0 when memory runs out.
 */
int
jsonw_escape(struct buf *b, const char *s, size_t n)
{
	size_t		 i;
	unsigned char	 c;

	if (!buf_addc(b, '"'))
		return 0;
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		switch (c) {
		case '"':
			if (!buf_adds(b, "\\\""))
				return 0;
			break;
		case '\\':
			if (!buf_adds(b, "\\\\"))
				return 0;
			break;
		case '\n':
			if (!buf_adds(b, "\\n"))
				return 0;
			break;
		case '\r':
			if (!buf_adds(b, "\\r"))
				return 0;
			break;
		case '\t':
			if (!buf_adds(b, "\\t"))
				return 0;
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				if (!buf_printf(b, "\\u%04x", c))
					return 0;
			} else if (!buf_addc(b, c))
				return 0;
		}
	}
	return buf_addc(b, '"');
}

/*
 * What every value starts with: the comma after a sibling, and the key
 * inside an object (none in an array or at the top).
 */
static int
prefix(struct jsonw *w, const char *key)
{
	if (w->err)
		return 0;
	if (w->depth == 0) {
		/* One value at the top, without a key. */
		if (key != NULL || w->b->len != 0 || w->more[0])
			goto misuse;
	} else {
		if ((w->kind[w->depth - 1] == '{') != (key != NULL))
			goto misuse;
		if (w->more[w->depth] && !buf_addc(w->b, ','))
			goto nomem;
	}
	w->more[w->depth] = 1;
	if (key != NULL && (!jsonw_escape(w->b, key, strlen(key)) ||
	    !buf_addc(w->b, ':')))
		goto nomem;
	return 1;
misuse:
nomem:
	w->err = 1;
	return 0;
}

/* Opens an object (`c` '{') or an array ('['), named `key` in an object. */
void
jsonw_open(struct jsonw *w, const char *key, int c)
{
	if (!prefix(w, key))
		return;
	if ((c != '{' && c != '[') || w->depth + 1 >= JSONW_DEPTH) {
		w->err = 1;
		return;
	}
	if (!buf_addc(w->b, c)) {
		w->err = 1;
		return;
	}
	w->kind[w->depth++] = c;
	w->more[w->depth] = 0;
}

void
jsonw_close(struct jsonw *w)
{
	if (w->err)
		return;
	if (w->depth == 0) {
		w->err = 1;
		return;
	}
	w->depth--;
	if (!buf_addc(w->b, w->kind[w->depth] == '{' ? '}' : ']'))
		w->err = 1;
}

void
jsonw_strn(struct jsonw *w, const char *key, const char *s, size_t n)
{
	if (prefix(w, key) && !jsonw_escape(w->b, s, n))
		w->err = 1;
}

void
jsonw_str(struct jsonw *w, const char *key, const char *s)
{
	jsonw_strn(w, key, s, strlen(s));
}

void
jsonw_int(struct jsonw *w, const char *key, long long v)
{
	if (prefix(w, key) && !buf_printf(w->b, "%lld", v))
		w->err = 1;
}

void
jsonw_bool(struct jsonw *w, const char *key, int v)
{
	if (prefix(w, key) && !buf_adds(w->b, v ? "true" : "false"))
		w->err = 1;
}

void
jsonw_null(struct jsonw *w, const char *key)
{
	if (prefix(w, key) && !buf_adds(w->b, "null"))
		w->err = 1;
}

/* 1 when the document is whole (every open closed) and nothing failed. */
int
jsonw_done(struct jsonw *w)
{
	return !w->err && w->depth == 0 && w->more[0];
}
