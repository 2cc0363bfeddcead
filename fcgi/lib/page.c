/*
 * Page documents and their rendering with XSLT.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>

#include "buf.h"
#include "i18n.h"
#include "log.h"
#include "page.h"

#define I18N_NS	"urn:smime-activation:i18n"

/*
 * A compiled stylesheet for one page name, theme and language.
 */
struct style {
	char			*dir;
	char			*theme;
	char			*lang;
	char			*name;
	xsltStylesheetPtr	 xsl;
	struct style		*next;
};

static struct style		*styles;
static xsltSecurityPrefsPtr	 secprefs;
/* The catalogue that the stylesheet loader substitutes texts from. */
static const struct catalog	*loading;

/*
 * Makes the document of a page called `name` (a stylesheet name: the
 * caller's constant, not outside input). Returns NULL when memory runs out.
 */
struct page *
page_new(const char *name)
{
	struct page	*p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	if ((p->doc = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (p->root = xmlNewDocNode(p->doc, NULL, BAD_CAST "page",
	    NULL)) == NULL) {
		page_free(p);
		return NULL;
	}
	xmlDocSetRootElement(p->doc, p->root);
	page_rename(p, name);
	return p;
}

void
page_free(struct page *p)
{
	if (p == NULL)
		return;
	xmlFreeDoc(p->doc);
	free(p);
}

/*
 * Switches the stylesheet a page is rendered with (an error page, say).
 */
void
page_rename(struct page *p, const char *name)
{
	snprintf(p->name, sizeof(p->name), "%s", name);
	xmlSetProp(p->root, BAD_CAST "name", BAD_CAST p->name);
}

/*
 * Adds element `name` under `parent`, with `text` (escaped on output)
 * when not NULL. Returns the element or NULL when memory runs out.
 */
xmlNodePtr
page_add(xmlNodePtr parent, const char *name, const char *text)
{
	if (parent == NULL)
		return NULL;
	return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text);
}

/*
 * Sets attribute `name` (NULL values are skipped). Returns 0 on failure.
 */
int
page_attr(xmlNodePtr n, const char *name, const char *value)
{
	if (n == NULL)
		return 0;
	if (value == NULL)
		return 1;
	return xmlSetProp(n, BAD_CAST name, BAD_CAST value) != NULL;
}

int
page_attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
{
	char	 v[512];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	return page_attr(n, name, v);
}

/*
 * Adds an <error> with the catalogue's text for message `key`, tied to
 * form field `field` when not NULL (a page-level error otherwise).
 */
int
page_error(struct page *p, const struct catalog *cat, const char *field,
    const char *key)
{
	const char	*text;
	xmlNodePtr	 e;

	if ((text = i18n_msg(cat, key)) == NULL)
		text = key;
	if ((e = page_add(p->root, "error", text)) == NULL)
		return 0;
	page_attr(e, "key", key);
	return page_attr(e, "field", field);
}

/*
 * Serialises the document itself (the machine interface) into `out`.
 */
int
page_xml(const struct page *p, struct buf *out)
{
	xmlChar	*mem = NULL;
	int	 len = 0, rc;

	xmlDocDumpMemoryEnc(p->doc, &mem, &len, "UTF-8");
	if (mem == NULL)
		return 0;
	rc = buf_add(out, mem, (size_t)len);
	xmlFree(mem);
	return rc;
}

/*
 * Replaces every <t:t k="…"/> below `n` by the loading catalogue's text.
 */
static void
substitute(xmlNodePtr n)
{
	xmlNodePtr	 c, next, text;
	xmlChar		*k;
	const char	*msg;
	char		 missing[160];

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c->ns == NULL || !xmlStrEqual(c->ns->href, BAD_CAST I18N_NS) ||
		    !xmlStrEqual(c->name, BAD_CAST "t")) {
			substitute(c);
			continue;
		}
		k = xmlGetProp(c, BAD_CAST "k");
		msg = k == NULL ? NULL : i18n_msg(loading, (const char *)k);
		if (msg == NULL) {
			log_warnx("no message %s in the catalogue",
			    k ? (const char *)k : "(no key)");
			snprintf(missing, sizeof(missing), "[%s]",
			    k ? (const char *)k : "");
			msg = missing;
		}
		/* Literal text in a template goes through xsl:text so that
		 * white space in a message survives stylesheet stripping. */
		text = xmlNewDocNode(c->doc, NULL, BAD_CAST "text", NULL);
		if (text != NULL) {
			xmlSetNs(text, xmlSearchNsByHref(c->doc, c,
			    XSLT_NAMESPACE));
			if (text->ns == NULL)
				text->ns = xmlNewNs(text, XSLT_NAMESPACE,
				    BAD_CAST "xsl");
			xmlNodeAddContent(text, BAD_CAST msg);
			xmlReplaceNode(c, text);
			xmlFreeNode(c);
		}
		xmlFree(k);
	}
}

/*
 * The stylesheet loader: libxslt's own, then the texts substituted, so
 * that imported stylesheets are translated the same way as the main one.
 */
static xmlDocPtr
loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	xmlDocPtr	 doc;

	doc = xsltDocDefaultLoader(uri, dict, options, ctxt, type);
	if (doc != NULL && type == XSLT_LOAD_STYLESHEET && loading != NULL &&
	    xmlDocGetRootElement(doc) != NULL)
		substitute(xmlDocGetRootElement(doc));
	return doc;
}

/*
 * Sets up libxslt once per process: EXSLT, the translating loader, and
 * the security preferences every transform runs with (no file or network
 * access). Returns 0 on failure.
 */
int
render_init(void)
{
	xmlInitParser();
	exsltRegisterAll();
	xsltSetLoaderFunc(loader);
	if ((secprefs = xsltNewSecurityPrefs()) == NULL)
		return 0;
	if (xsltSetSecurityPrefs(secprefs, XSLT_SECPREF_READ_FILE,
	    xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(secprefs, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(secprefs, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(secprefs, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid) != 0 ||
	    xsltSetSecurityPrefs(secprefs, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid) != 0)
		return 0;
	return 1;
}

void
render_free(void)
{
	struct style	*s;

	while ((s = styles) != NULL) {
		styles = s->next;
		xsltFreeStylesheet(s->xsl);
		free(s->dir);
		free(s->theme);
		free(s->lang);
		free(s->name);
		free(s);
	}
	if (secprefs != NULL)
		xsltFreeSecurityPrefs(secprefs);
	secprefs = NULL;
	i18n_free_all();
	xsltCleanupGlobals();
	xmlCleanupParser();
}

/*
 * Compiles the stylesheet of page `name`: the theme's when it has one,
 * else the base one, with the texts of (theme, lang) substituted.
 */
static xsltStylesheetPtr
compile(const char *dir, const char *theme, const char *lang,
    const char *name)
{
	char			 path[4096];
	xmlDocPtr		 doc;
	xsltStylesheetPtr	 xsl;

	if ((loading = i18n_get(dir, theme, lang)) == NULL) {
		log_warnx("catalogue %s/%s: cannot load", theme, lang);
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/themes/%s/%s.xsl", dir, theme, name);
	if (strcmp(theme, "default") == 0 || access(path, R_OK) != 0)
		snprintf(path, sizeof(path), "%s/base/%s.xsl", dir, name);
	doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		log_warnx("%s: cannot parse stylesheet", path);
		xmlFreeDoc(doc);
		loading = NULL;
		return NULL;
	}
	substitute(xmlDocGetRootElement(doc));
	/* On success the stylesheet owns the document. */
	if ((xsl = xsltParseStylesheetDoc(doc)) == NULL) {
		log_warnx("%s: cannot compile stylesheet", path);
		xmlFreeDoc(doc);
	}
	loading = NULL;
	return xsl;
}

/*
 * The compiled stylesheet for (dir, theme, lang, name), compiled on first
 * use and cached for the life of the process. NULL on failure (logged).
 */
static xsltStylesheetPtr
style_get(const char *dir, const char *theme, const char *lang,
    const char *name)
{
	struct style	*s;

	for (s = styles; s != NULL; s = s->next)
		if (strcmp(s->name, name) == 0 && strcmp(s->theme, theme) == 0 &&
		    strcmp(s->lang, lang) == 0 && strcmp(s->dir, dir) == 0)
			return s->xsl;
	if (!name_valid(name, 31) || !name_valid(theme, 32) ||
	    !name_valid(lang, 8))
		return NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->dir = strdup(dir);
	s->theme = strdup(theme);
	s->lang = strdup(lang);
	s->name = strdup(name);
	if (s->dir == NULL || s->theme == NULL || s->lang == NULL ||
	    s->name == NULL ||
	    (s->xsl = compile(dir, theme, lang, name)) == NULL) {
		free(s->dir);
		free(s->theme);
		free(s->lang);
		free(s->name);
		free(s);
		return NULL;
	}
	s->next = styles;
	styles = s;
	return s->xsl;
}

/*
 * Compiles the listed page stylesheets ahead of the first request, so a
 * broken theme shows at start-up. Returns 0 if any fails.
 */
int
render_preload(const char *dir, const char *theme, const char *lang,
    const char *const *names)
{
	int	 rc = 1;

	for (; *names != NULL; names++)
		if (style_get(dir, theme, lang, *names) == NULL)
			rc = 0;
	return rc;
}

static int
out_write(void *ctx, const char *p, int len)
{
	return buf_add(ctx, p, (size_t)len) ? len : -1;
}

/*
 * Renders the page with its stylesheet from `dir` for `theme` and `lang`
 * and appends the HTML to `out`. Returns 0 on failure (logged): the
 * caller answers 500.
 */
int
render_page(const struct page *p, const char *dir, const char *theme,
    const char *lang, struct buf *out)
{
	xsltStylesheetPtr	 xsl;
	xsltTransformContextPtr	 tc = NULL;
	xmlDocPtr		 res = NULL;
	xmlOutputBufferPtr	 ob = NULL;
	int			 rc = 0;

	if ((xsl = style_get(dir, theme, lang, p->name)) == NULL)
		return 0;
	if ((tc = xsltNewTransformContext(xsl, p->doc)) == NULL)
		goto out;
	if (xsltSetCtxtSecurityPrefs(secprefs, tc) != 0)
		goto out;
	res = xsltApplyStylesheetUser(xsl, p->doc, NULL, NULL, NULL, tc);
	if (res == NULL || tc->state != XSLT_STATE_OK) {
		log_warnx("%s: transform failed", p->name);
		goto out;
	}
	if ((ob = xmlOutputBufferCreateIO(out_write, NULL, out, NULL)) == NULL)
		goto out;
	if (xsltSaveResultTo(ob, res, xsl) < 0)
		goto out;
	rc = 1;
out:
	if (ob != NULL && xmlOutputBufferClose(ob) < 0)
		rc = 0;
	xmlFreeDoc(res);
	if (tc != NULL)
		xsltFreeTransformContext(tc);
	return rc;
}
