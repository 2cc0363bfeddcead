#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static char	 buf_empty[1];

void
buf_init(struct buf *b)
{
	b->s = buf_empty;
	b->len = b->cap = 0;
}

void
buf_free(struct buf *b)
{
	if (b->cap != 0)
		free(b->s);
	buf_init(b);
}

/*
 * Empties the buffer but keeps its allocation for reuse.
 */
void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->s[0] = '\0';
	if (b->cap == 0)
		b->s = buf_empty;
}

/*
 * Makes room for at least `extra` more bytes plus the NUL.
 * Returns 0 on overflow or allocation failure.
 */
int
buf_grow(struct buf *b, size_t extra)
{
	size_t	 need, cap;
	char	*p;

	if (extra > (size_t)-1 - b->len - 1)
		return 0;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 1;
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need)
		cap = cap > (size_t)-1 / 2 ? need : cap * 2;
	if ((p = realloc(b->cap ? b->s : NULL, cap)) == NULL)
		return 0;
	if (b->cap == 0)
		p[0] = '\0';
	b->s = p;
	b->cap = cap;
	return 1;
}

int
buf_add(struct buf *b, const void *p, size_t n)
{
	if (!buf_grow(b, n))
		return 0;
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 1;
}

int
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int
buf_addc(struct buf *b, int c)
{
	char	 ch = (char)c;

	return buf_add(b, &ch, 1);
}

int
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0 || !buf_grow(b, (size_t)n))
		return 0;
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 1;
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

/*
 * Hands the bytes to the caller, who free()s them; the buffer is left
 * empty. Returns NULL only when memory runs out for an empty buffer.
 */
char *
buf_detach(struct buf *b, size_t *lenp)
{
	char	*s;

	if (b->cap == 0 && !buf_grow(b, 0))
		return NULL;
	s = b->s;
	if (lenp != NULL)
		*lenp = b->len;
	buf_init(b);
	return s;
}

/*
 * Appends the bytes of the file at `path`. Returns 0 when it cannot be
 * opened or read (errno tells why; nothing is logged) or memory runs out.
 */
int
buf_load(struct buf *b, const char *path)
{
	FILE	*f;
	char	 chunk[8192];
	size_t	 n;
	int	 ok = 1;

	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while (ok && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ok = buf_add(b, chunk, n);
	if (ferror(f))
		ok = 0;
	fclose(f);
	return ok;
}

/*
 * Appends the first line of the file at `path` without its line end: a
 * password or secret file. Returns 0 as buf_load() does. The caller
 * clears the buffer with explicit_bzero() when it holds a secret.
 */
int
buf_load_line(struct buf *b, const char *path)
{
	FILE	*f;
	char	 line[512];
	int	 ok;

	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	ok = !ferror(f);
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	ok = ok && buf_adds(b, line);
	explicit_bzero(line, sizeof(line));
	return ok;
}
