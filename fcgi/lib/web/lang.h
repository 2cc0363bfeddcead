/*
 * The language of a request: among those a server block allows
 * (SMIME_LANGS, e.g. "en pl"), the one the person chose with the header's
 * switch (the smime_lang cookie), else the best of the browser's
 * Accept-Language (RFC 9110 12.5.4), else the server block's SMIME_LANG.
 */
#ifndef SMIME_LANG_H
#define SMIME_LANG_H

#include <stddef.h>

#define LANG_COOKIE	"smime_lang"
#define LANG_MAX	8	/* a catalogue name: 2 to 8 of a-z */

struct catalog;
struct page;

int	 lang_allowed(const char *, const char *);
int	 lang_pick(const char *, const char *, const char *, const char *,
	    char *, size_t);
int	 lang_cookie(const char *, char *, size_t);
void	 lang_localize(struct page *, const struct catalog *);

#endif
