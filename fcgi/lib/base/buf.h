/*
 * A growable byte buffer, always NUL-terminated.
 *
 * Ownership: a struct buf owns its bytes. `b.s` is never NULL once
 * buf_init() has run: it points at a static empty string until the first
 * append. buf_detach() is the one way to take the bytes (the caller then
 * free()s them); buf_free() releases them and leaves the buffer empty and
 * reusable. Appends return 1 on success, 0 when memory runs out (the
 * buffer then keeps what it had).
 */
#ifndef SMIME_BUF_H
#define SMIME_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*s;	/* the bytes, NUL-terminated; never NULL */
	size_t	 len;	/* bytes used, not counting the NUL */
	size_t	 cap;	/* bytes allocated; 0 while s is the static "" */
};

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
int	 buf_grow(struct buf *, size_t);
int	 buf_add(struct buf *, const void *, size_t);
int	 buf_adds(struct buf *, const char *);
int	 buf_addc(struct buf *, int);
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
char	*buf_detach(struct buf *, size_t *);
int	 buf_load(struct buf *, const char *);
int	 buf_load_line(struct buf *, const char *);

#endif
