/*
 * A per-process cache of rendered pages, bounded in entries, bytes and
 * age, least recently used first out.
 *
 * Keys name everything a page depends on; for account pages that
 * includes accounts.rev, which database triggers advance on every change
 * the account can see, so a stale page is never found, only unused
 * entries age out. Bodies are copied in and owned by the cache; a hit
 * hands out a pointer valid until the next cache call.
 */
#ifndef SMIME_CACHE_H
#define SMIME_CACHE_H

#include <stddef.h>
#include <time.h>

#define CACHE_ENTRIES	256
#define CACHE_BYTES	(2 * 1024 * 1024)
#define CACHE_AGE	300	/* seconds */

int	 cache_get(const char *, time_t, const char **, size_t *, int *);
int	 cache_put(const char *, time_t, const char *, size_t, int);
void	 cache_clear(void);

#endif
