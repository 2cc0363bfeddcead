/*
 * Picks the language of each request; see lang.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "i18n.h"
#include "lang.h"
#include "page.h"

/* Whether `s` (length n) is a catalogue name: 2 to 8 of a-z. */
static int
lang_name(const char *s, size_t n)
{
	size_t	 i;

	if (n < 2 || n > LANG_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return 1;
}

/* Whether language `l` (length n) is a word of the list `langs`. */
static int
in_list(const char *langs, const char *l, size_t n)
{
	const char	*p = langs, *end;

	while (*p != '\0') {
		p += strspn(p, " ,");
		end = p + strcspn(p, " ,");
		if ((size_t)(end - p) == n && strncmp(p, l, n) == 0)
			return 1;
		p = end;
	}
	return 0;
}

/* Whether `lang` is one of `langs` (space- or comma-separated). */
int
lang_allowed(const char *langs, const char *lang)
{
	size_t	 n = strlen(lang);

	return lang_name(lang, n) && in_list(langs, lang, n);
}

/*
 * The value of the smime_lang cookie in a Cookie header, into `out`.
 * Returns 0 when there is none or it is not a catalogue name.
 */
int
lang_cookie(const char *header, char *out, size_t outsz)
{
	const char	*p = header, *v, *end;
	size_t		 n = strlen(LANG_COOKIE);

	if (p == NULL)
		return 0;
	while (*p != '\0') {
		p += strspn(p, " ;");
		end = p + strcspn(p, ";");
		if ((size_t)(end - p) > n && strncmp(p, LANG_COOKIE, n) == 0 &&
		    p[n] == '=') {
			v = p + n + 1;
			if (!lang_name(v, (size_t)(end - v)) ||
			    (size_t)(end - v) >= outsz)
				return 0;
			memcpy(out, v, (size_t)(end - v));
			out[end - v] = '\0';
			return 1;
		}
		p = end;
	}
	return 0;
}

/*
 * The best language of an Accept-Language value among `langs`: the
 * highest quality, the earlier on a tie; "pl-PL" counts as "pl", "*" as
 * none in particular, q=0 as refused. Writes it into `out` and returns
 * 1, or returns 0 when none is acceptable.
 */
static int
accept_pick(const char *langs, const char *accept, char *out, size_t outsz)
{
	const char	*p = accept, *end, *q, *tag;
	size_t		 n;
	double		 best = 0, quality;
	char		 lower[LANG_MAX + 1];
	size_t		 i;

	while (p != NULL && *p != '\0') {
		p += strspn(p, " ,");
		end = p + strcspn(p, ",");
		tag = p;
		n = strcspn(tag, "-;, ");
		if (n > (size_t)(end - tag))
			n = (size_t)(end - tag);
		quality = 1;
		if ((q = memchr(tag, ';', (size_t)(end - tag))) != NULL) {
			q++;
			q += strspn(q, " ");
			if (q < end && (q[0] == 'q' || q[0] == 'Q') &&
			    q[1] == '=')
				quality = strtod(q + 2, NULL);
		}
		if (n >= 2 && n <= LANG_MAX && quality > best) {
			for (i = 0; i < n; i++)
				lower[i] = (char)(tag[i] >= 'A' &&
				    tag[i] <= 'Z' ? tag[i] - 'A' + 'a' : tag[i]);
			lower[n] = '\0';
			if (lang_name(lower, n) && in_list(langs, lower, n) &&
			    n < outsz) {
				memcpy(out, lower, n + 1);
				best = quality;
			}
		}
		p = end;
	}
	return best > 0;
}

/*
 * The language of a request into `out`: the cookie's `chosen` when
 * allowed, else the best of `accept`, else `deflt`. With `langs` NULL or
 * empty only `deflt` is allowed. Returns 0 when `out` is too small.
 */
int
lang_pick(const char *langs, const char *deflt, const char *chosen,
    const char *accept, char *out, size_t outsz)
{
	if (langs != NULL && *langs != '\0') {
		if (chosen != NULL && lang_allowed(langs, chosen) &&
		    strlen(chosen) < outsz) {
			snprintf(out, outsz, "%s", chosen);
			return 1;
		}
		if (accept != NULL && accept_pick(langs, accept, out, outsz))
			return 1;
	}
	return snprintf(out, outsz, "%s", deflt) < (int)outsz;
}

/*
 * Product names in the page's language: every attribute "product" whose
 * value the catalogue names as "product:<value>" takes that text, so
 * that names kept once in the products table read in each language.
 */
static void
localize_node(xmlNodePtr n, const struct catalog *cat)
{
	xmlAttrPtr	 a;
	xmlChar		*v;
	const char	*text;
	char		 key[300];

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (a = n->properties; a != NULL; a = a->next) {
			if (!xmlStrEqual(a->name, BAD_CAST "product"))
				continue;
			if ((v = xmlNodeListGetString(n->doc, a->children,
			    1)) == NULL)
				continue;
			snprintf(key, sizeof(key), "product:%s", (char *)v);
			xmlFree(v);
			if ((text = i18n_msg(cat, key)) != NULL)
				xmlSetProp(n, BAD_CAST "product",
				    BAD_CAST text);
			break;
		}
		localize_node(n->children, cat);
	}
}

void
lang_localize(struct page *p, const struct catalog *cat)
{
	if (p != NULL && p->doc != NULL && cat != NULL)
		localize_node(xmlDocGetRootElement(p->doc), cat);
}
