#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "i18n.h"
#include "log.h"

struct catalog {
	char		*dir;
	char		*theme;
	char		*lang;
	xmlHashTablePtr	 msgs;	/* id -> xmlChar * text */
	struct catalog	*next;
};

static struct catalog	*catalogs;

/*
 * Whether a theme or language name is safe to use in a path: 1 to `max`
 * characters of [a-z0-9_-].
 */
int
name_valid(const char *s, size_t max)
{
	size_t	 n;

	if (s == NULL || (n = strlen(s)) == 0 || n > max)
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

static void
free_text(void *payload, const xmlChar *name)
{
	xmlFree(payload);
}

/*
 * Merges one catalogue file into `msgs`, its entries replacing earlier
 * ones. A missing file is not an error (themes override few texts).
 * Returns 0 when the file exists but cannot be read.
 */
static int
load_file(xmlHashTablePtr msgs, const char *path)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 n;
	xmlChar		*id, *text;
	FILE		*f;

	if ((f = fopen(path, "r")) == NULL)
		return 1;
	fclose(f);
	doc = xmlReadFile(path, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOENT);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		log_warnx("%s: not a message catalogue", path);
		xmlFreeDoc(doc);
		return 0;
	}
	for (n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(n->name, BAD_CAST "m"))
			continue;
		if ((id = xmlGetProp(n, BAD_CAST "id")) == NULL)
			continue;
		text = xmlNodeGetContent(n);
		if (text != NULL && xmlHashUpdateEntry(msgs, id, text,
		    free_text) != 0)
			xmlFree(text);
		xmlFree(id);
	}
	xmlFreeDoc(doc);
	return 1;
}

/*
 * The catalogue of `lang` for `theme` under the stylesheet folder `dir`,
 * loaded on first use: English, then the language, then the theme's
 * overrides of each. Returns NULL only on a bad name or lack of memory.
 */
struct catalog *
i18n_get(const char *dir, const char *theme, const char *lang)
{
	struct catalog	*c;
	char		 path[4096];
	const char	*order[4][2];
	size_t		 i;

	if (!name_valid(theme, 32) || !name_valid(lang, 8))
		return NULL;
	for (c = catalogs; c != NULL; c = c->next)
		if (strcmp(c->lang, lang) == 0 &&
		    strcmp(c->theme, theme) == 0 && strcmp(c->dir, dir) == 0)
			return c;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->dir = strdup(dir);
	c->theme = strdup(theme);
	c->lang = strdup(lang);
	c->msgs = xmlHashCreate(256);
	if (c->dir == NULL || c->theme == NULL || c->lang == NULL ||
	    c->msgs == NULL)
		goto fail;
	order[0][0] = NULL;  order[0][1] = "en";
	order[1][0] = theme; order[1][1] = "en";
	order[2][0] = NULL;  order[2][1] = lang;
	order[3][0] = theme; order[3][1] = lang;
	for (i = 0; i < 4; i++) {
		if (order[i][0] == NULL)
			snprintf(path, sizeof(path), "%s/i18n/%s.xml", dir,
			    order[i][1]);
		else
			snprintf(path, sizeof(path), "%s/themes/%s/i18n/%s.xml",
			    dir, order[i][0], order[i][1]);
		load_file(c->msgs, path);
	}
	c->next = catalogs;
	catalogs = c;
	return c;
fail:
	free(c->dir);
	free(c->theme);
	free(c->lang);
	if (c->msgs != NULL)
		xmlHashFree(c->msgs, free_text);
	free(c);
	return NULL;
}

/*
 * The text of message `id`, or NULL when the catalogue lacks it.
 */
const char *
i18n_msg(const struct catalog *c, const char *id)
{
	if (c == NULL)
		return NULL;
	return (const char *)xmlHashLookup(c->msgs, BAD_CAST id);
}

void
i18n_free_all(void)
{
	struct catalog	*c;

	while ((c = catalogs) != NULL) {
		catalogs = c->next;
		xmlHashFree(c->msgs, free_text);
		free(c->dir);
		free(c->theme);
		free(c->lang);
		free(c);
	}
}
