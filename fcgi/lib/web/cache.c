#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cache.h"

struct entry {
	char		*key;
	char		*body;
	size_t		 len;
	int		 kind;		/* the caller's tag: content type */
	time_t		 stored;
	struct entry	*prev, *next;	/* most recently used first */
};

static struct entry	*head, *tail;
static size_t		 entries, bytes;

static void
unlink_entry(struct entry *e)
{
	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		head = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	else
		tail = e->prev;
	e->prev = e->next = NULL;
}

static void
push_front(struct entry *e)
{
	e->next = head;
	e->prev = NULL;
	if (head != NULL)
		head->prev = e;
	head = e;
	if (tail == NULL)
		tail = e;
}

static void
drop(struct entry *e)
{
	unlink_entry(e);
	entries--;
	bytes -= e->len + strlen(e->key);
	free(e->key);
	free(e->body);
	free(e);
}

/*
 * Looks `key` up. On a hit younger than CACHE_AGE, stores the body, its
 * length and kind and returns 1; otherwise 0 (an expired entry is
 * dropped).
 */
int
cache_get(const char *key, time_t now, const char **body, size_t *len,
    int *kind)
{
	struct entry	*e;

	for (e = head; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0)
			break;
	if (e == NULL)
		return 0;
	if (now - e->stored > CACHE_AGE || now < e->stored) {
		drop(e);
		return 0;
	}
	unlink_entry(e);
	push_front(e);
	*body = e->body;
	*len = e->len;
	*kind = e->kind;
	return 1;
}

/*
 * Stores a copy of `body` under `key`, evicting the least recently used
 * entries to stay within the bounds. A body larger than a quarter of the
 * budget is not kept. Returns 0 when not stored.
 */
int
cache_put(const char *key, time_t now, const char *body, size_t len,
    int kind)
{
	struct entry	*e;
	size_t		 klen = strlen(key);

	if (len + klen > CACHE_BYTES / 4)
		return 0;
	for (e = head; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0) {
			drop(e);
			break;
		}
	while (tail != NULL &&
	    (entries >= CACHE_ENTRIES || bytes + len + klen > CACHE_BYTES))
		drop(tail);
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return 0;
	if ((e->key = strdup(key)) == NULL ||
	    (e->body = malloc(len > 0 ? len : 1)) == NULL) {
		free(e->key);
		free(e);
		return 0;
	}
	memcpy(e->body, body, len);
	e->len = len;
	e->kind = kind;
	e->stored = now;
	push_front(e);
	entries++;
	bytes += len + klen;
	return 1;
}

void
cache_clear(void)
{
	while (head != NULL)
		drop(head);
}
