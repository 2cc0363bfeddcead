/*
 * A JSON writer into a struct buf: objects and arrays opened and closed
 * in order, commas placed by the writer, every string escaped (RFC 8259
 * section 7), so no caller ever pastes JSON text together.
 *
 * Errors are sticky: after an allocation failure or a misuse (a key in
 * an array, none in an object, a close that does not match), every call
 * does nothing and jsonw_done() returns 0, the caller's 500.
 */
#ifndef SMIME_JSONW_H
#define SMIME_JSONW_H

#include <stddef.h>

struct buf;

#define JSONW_DEPTH	16

struct jsonw {
	struct buf	*b;		/* not owned */
	size_t		 depth;
	char		 kind[JSONW_DEPTH];	/* '{' or '[' per level */
	char		 more[JSONW_DEPTH];	/* 1: a comma before the next */
	int		 err;
};

void	 jsonw_init(struct jsonw *, struct buf *);
void	 jsonw_open(struct jsonw *, const char *, int);
void	 jsonw_close(struct jsonw *);
void	 jsonw_str(struct jsonw *, const char *, const char *);
void	 jsonw_strn(struct jsonw *, const char *, const char *, size_t);
void	 jsonw_int(struct jsonw *, const char *, long long);
void	 jsonw_bool(struct jsonw *, const char *, int);
void	 jsonw_null(struct jsonw *, const char *);
int	 jsonw_done(struct jsonw *);
int	 jsonw_escape(struct buf *, const char *, size_t);

#endif
