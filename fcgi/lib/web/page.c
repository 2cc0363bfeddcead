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
#include "valid.h"

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
/* libxslt's own loader, which ours wraps. */
static xsltDocLoaderFunc	 libxslt_loader;

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
 * Whether `s` can stand in an XML 1.0 document as it is: valid UTF-8
 * without the control characters XML forbids (all of C0 but tab, LF and
 * CR). Values from forms are already so; data may come from elsewhere.
 */
static int
xml_clean(const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return 0;
		/* U+FFFE and U+FFFF are not XML characters (XML 1.0 2.2). */
		if (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
			return 0;
	}
	return utf8_valid(s, (size_t)(p - (const unsigned char *)s));
}

/*
 * A copy of `s` fit for XML: forbidden characters and bytes of broken
 * UTF-8 become U+FFFD. The caller frees it.
 */
static char *
xml_scrub(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b;
	size_t			 i, n = strlen(s), k;

	buf_init(&b);
	for (i = 0; i < n; i += k) {
		/* One character: its length from the lead byte. */
		k = p[i] < 0x80 ? 1 : p[i] >= 0xf0 ? 4 : p[i] >= 0xe0 ? 3 : 2;
		if (i + k > n || !utf8_valid(s + i, k) ||
		    (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
		    p[i] != '\r') || (k == 3 && p[i] == 0xef &&
		    p[i + 1] == 0xbf && p[i + 2] >= 0xbe)) {
			k = 1;
			if (!buf_adds(&b, "\xef\xbf\xbd"))
				break;
		} else if (!buf_add(&b, s + i, k))
			break;
	}
	return buf_detach(&b, NULL);
}

/*
 * Adds element `name` under `parent`, with `text` (escaped on output;
 * characters XML cannot carry become U+FFFD) when not NULL. Returns the
 * element or NULL when memory runs out.
 */
xmlNodePtr
page_add(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr	 n;
	char		*clean;

	if (parent == NULL)
		return NULL;
	if (text == NULL || xml_clean(text))
		return xmlNewTextChild(parent, NULL, BAD_CAST name,
		    BAD_CAST text);
	if ((clean = xml_scrub(text)) == NULL)
		return NULL;
	n = xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST clean);
	free(clean);
	return n;
}

/*
 * Sets attribute `name` (NULL values are skipped). Returns 0 on failure.
 */
int
page_attr(xmlNodePtr n, const char *name, const char *value)
{
	char	*clean;
	int	 rc;

	if (n == NULL)
		return 0;
	if (value == NULL)
		return 1;
	if (xml_clean(value))
		return xmlSetProp(n, BAD_CAST name, BAD_CAST value) != NULL;
	if ((clean = xml_scrub(value)) == NULL)
		return 0;
	rc = xmlSetProp(n, BAD_CAST name, BAD_CAST clean) != NULL;
	free(clean);
	return rc;
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
 * Writes `n` bytes as people read sizes: "812 bytes", "200 KB", "10.5 MB"
 * (units of 1024, as the limits are written in the catalogues).
 */
static void
human_size(size_t n, char *out, size_t outsz)
{
	if (n < 1024)
		snprintf(out, outsz, "%zu bytes", n);
	else if (n < 1024 * 1024)
		snprintf(out, outsz, "%zu KB", (n + 1023) / 1024);
	else
		snprintf(out, outsz, "%.1f MB", (double)n / (1024 * 1024));
}

/*
 * Adds an <error> for a value too large, like page_error(), with what was
 * sent and what is allowed: the attributes size and limit (bytes, for
 * machines) and the text of message `key` with "{size}" and "{limit}"
 * replaced by both in words. Returns 0 on a failed allocation.
 */
int
page_error_size(struct page *p, const struct catalog *cat, const char *field,
    const char *key, size_t size, size_t limit)
{
	const char	*text, *s;
	char		 out[512], sz[32], lim[32];
	size_t		 o = 0, k;
	xmlNodePtr	 e;

	if ((text = i18n_msg(cat, key)) == NULL)
		text = key;
	human_size(size, sz, sizeof(sz));
	human_size(limit, lim, sizeof(lim));
	for (s = text; *s != '\0' && o + 1 < sizeof(out); ) {
		const char	*with = NULL;

		if (strncmp(s, "{size}", 6) == 0)
			with = sz, k = 6;
		else if (strncmp(s, "{limit}", 7) == 0)
			with = lim, k = 7;
		if (with == NULL) {
			out[o++] = *s++;
			continue;
		}
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s", with);
		if (o >= sizeof(out))
			o = sizeof(out) - 1;
		s += k;
	}
	out[o] = '\0';
	if ((e = page_add(p->root, "error", out)) == NULL)
		return 0;
	return page_attr(e, "key", key) && page_attr(e, "field", field) &&
	    page_attrf(e, "size", "%zu", size) &&
	    page_attrf(e, "limit", "%zu", limit);
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

	doc = libxslt_loader(uri, dict, options, ctxt, type);
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
	/* xsltDocDefaultLoader is the current loader: keep libxslt's. */
	if (xsltDocDefaultLoader != loader) {
		libxslt_loader = xsltDocDefaultLoader;
		xsltSetLoaderFunc(loader);
	}
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
 * Whether `dir`/`rel` is a file we can read.
 */
static int
readable(const char *dir, const char *rel)
{
	char	 path[4096];
	int	 n;

	n = snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return n > 0 && (size_t)n < sizeof(path) && access(path, R_OK) == 0;
}

/*
 * Adds <xsl:import href="`href`"/> to the composed stylesheet `root`.
 */
static int
compose_import(xmlNodePtr root, xmlNsPtr xsl, const char *href)
{
	xmlNodePtr	 n;

	if ((n = xmlNewChild(root, xsl, BAD_CAST "import", NULL)) == NULL)
		return 0;
	return xmlSetProp(n, BAD_CAST "href", BAD_CAST href) != NULL;
}

/*
 * The stylesheet of page `name` for `theme`, composed in memory from
 * three imports, each later one winning over the earlier:
 *
 *   base/<name>.xsl                 the page (which imports layout.xsl)
 *   themes/<theme>/brand.xsl        the theme's brand, if it has one
 *   themes/<theme>/<name>.xsl       the theme's own templates for the
 *                                   page, if it has any
 *
 * So a theme holds only what it changes: every page it lacks is the base
 * page with the theme's brand. The document's URI is a name in `dir`, so
 * that the relative hrefs resolve there. NULL on failure (logged).
 */
static xmlDocPtr
compose(const char *dir, const char *theme, const char *name)
{
	char		 rel[256], uri[4096];
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	xmlNsPtr	 xsl;
	int		 ok;

	snprintf(rel, sizeof(rel), "base/%s.xsl", name);
	if (!readable(dir, rel)) {
		log_warnx("%s/%s: no such page stylesheet", dir, rel);
		return NULL;
	}
	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return NULL;
	root = xmlNewDocNode(doc, NULL, BAD_CAST "stylesheet", NULL);
	if (root == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, root);
	xsl = xmlNewNs(root, XSLT_NAMESPACE, BAD_CAST "xsl");
	xmlSetNs(root, xsl);
	ok = xsl != NULL &&
	    xmlSetProp(root, BAD_CAST "version", BAD_CAST "1.0") != NULL &&
	    compose_import(root, xsl, rel);
	snprintf(rel, sizeof(rel), "themes/%s/brand.xsl", theme);
	if (ok && readable(dir, rel))
		ok = compose_import(root, xsl, rel);
	snprintf(rel, sizeof(rel), "themes/%s/%s.xsl", theme, name);
	if (ok && readable(dir, rel))
		ok = compose_import(root, xsl, rel);
	snprintf(uri, sizeof(uri), "%s/%s.xsl", dir, name);
	if (!ok || (doc->URL = xmlStrdup(BAD_CAST uri)) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/*
 * Compiles the stylesheet of page `name` for `theme` (see compose()),
 * with the texts of (theme, lang) substituted in every file it imports.
 */
static xsltStylesheetPtr
compile(const char *dir, const char *theme, const char *lang,
    const char *name)
{
	xmlDocPtr		 doc;
	xsltStylesheetPtr	 xsl;

	if ((loading = i18n_get(dir, theme, lang)) == NULL) {
		log_warnx("catalogue %s/%s: cannot load", theme, lang);
		return NULL;
	}
	if ((doc = compose(dir, theme, name)) == NULL) {
		loading = NULL;
		return NULL;
	}
	/* On success the stylesheet owns the document. */
	if ((xsl = xsltParseStylesheetDoc(doc)) == NULL) {
		log_warnx("%s/%s: cannot compile stylesheet", theme, name);
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

/*
 * Appends `n` bytes of text escaped for HTML: &, <, > and, in attribute
 * values, the double quote. Returns 0 when memory runs out.
 */
static int
html_escape(struct buf *out, const xmlChar *s, int attr)
{
	const xmlChar	*run;

	for (run = s; *s != '\0'; s++) {
		const char	*e;

		switch (*s) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = attr ? "&quot;" : NULL; break;
		default: e = NULL; break;
		}
		if (e == NULL)
			continue;
		if (!buf_add(out, run, (size_t)(s - run)) || !buf_adds(out, e))
			return 0;
		run = s + 1;
	}
	return buf_add(out, run, (size_t)(s - run));
}

/*
 * Whether HTML element `name` is void (no end tag). By first letter:
 * this runs for every element of every page.
 */
static int
is_void(const xmlChar *name)
{
	const char	*n = (const char *)name;

	switch (n[0]) {
	case 'a': return strcmp(n, "area") == 0;
	case 'b': return strcmp(n, "br") == 0 || strcmp(n, "base") == 0;
	case 'c': return strcmp(n, "col") == 0;
	case 'e': return strcmp(n, "embed") == 0;
	case 'h': return strcmp(n, "hr") == 0;
	case 'i': return strcmp(n, "input") == 0 || strcmp(n, "img") == 0;
	case 'l': return strcmp(n, "link") == 0;
	case 'm': return strcmp(n, "meta") == 0;
	case 's': return strcmp(n, "source") == 0;
	case 't': return strcmp(n, "track") == 0;
	case 'w': return strcmp(n, "wbr") == 0;
	default: return 0;
	}
}

/* Whether element `name` holds raw text (script, style). */
static int
is_rawtext(const xmlChar *name)
{
	return name[0] == 's' && (strcmp((const char *)name, "script") == 0 ||
	    strcmp((const char *)name, "style") == 0);
}

static int
qname(struct buf *out, const xmlNs *ns, const xmlChar *name)
{
	if (ns != NULL && ns->prefix != NULL &&
	    (!buf_adds(out, (const char *)ns->prefix) || !buf_addc(out, ':')))
		return 0;
	return buf_adds(out, (const char *)name);
}

/*
 * Serialises a result tree as HTML5: void elements without end tags,
 * every other element with one, text and attribute values escaped, and
 * the raw-text elements (script, style) kept as they are but unable to
 * close themselves early. libxml2's HTML writer looks every element up
 * in a table of HTML 4 and costs a third of a page's rendering; this one
 * appends straight into the buffer.
 */
static int
html_write(struct buf *out, xmlNodePtr n, int raw)
{
	xmlAttrPtr	 a;
	xmlNsPtr	 ns;
	xmlNodePtr	 c;
	int		 ok = 1, rawtext;

	for (; n != NULL && ok; n = n->next) {
		switch (n->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content == NULL)
				break;
			if (!raw) {
				ok = html_escape(out, n->content, 0);
				break;
			}
			/* Raw text: only "</" could end the element. */
			for (const xmlChar *p = n->content; *p && ok; p++)
				ok = (p[0] == '<' && p[1] == '/') ?
				    buf_adds(out, "<\\/") && (p++, 1) :
				    buf_addc(out, *p);
			break;
		case XML_COMMENT_NODE:
			if (n->content == NULL)
				break;
			ok = buf_adds(out, "<!--") &&
			    buf_adds(out, (const char *)n->content) &&
			    buf_adds(out, "-->");
			break;
		case XML_ELEMENT_NODE:
			ok = buf_addc(out, '<') && qname(out, n->ns, n->name);
			for (ns = n->nsDef; ns != NULL && ok; ns = ns->next)
				ok = buf_adds(out, " xmlns") &&
				    (ns->prefix == NULL || (buf_addc(out, ':') &&
				    buf_adds(out, (const char *)ns->prefix))) &&
				    buf_adds(out, "=\"") &&
				    html_escape(out, ns->href, 1) &&
				    buf_addc(out, '"');
			for (a = n->properties; a != NULL && ok; a = a->next) {
				ok = buf_addc(out, ' ') &&
				    qname(out, a->ns, a->name) &&
				    buf_adds(out, "=\"");
				for (c = a->children; c != NULL && ok; c = c->next)
					if (c->content != NULL)
						ok = html_escape(out, c->content, 1);
				ok = ok && buf_addc(out, '"');
			}
			if (!ok || !buf_addc(out, '>'))
				return 0;
			if (n->ns == NULL && is_void(n->name))
				break;
			rawtext = n->ns == NULL && is_rawtext(n->name);
			ok = html_write(out, n->children, rawtext) &&
			    buf_adds(out, "</") && qname(out, n->ns, n->name) &&
			    buf_addc(out, '>');
			break;
		default:
			/* DTD, processing instructions: not in our pages. */
			break;
		}
	}
	return ok;
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
	if (res->type == XML_HTML_DOCUMENT_NODE) {
		/* HTML5: the short doctype, then our own writer. */
		if (!buf_adds(out, "<!DOCTYPE html>\n") ||
		    !html_write(out, res->children, 0))
			goto out;
	} else {
		/* Text (mails) and XML outputs keep libxslt's serialiser. */
		ob = xmlOutputBufferCreateIO(out_write, NULL, out, NULL);
		if (ob == NULL || xsltSaveResultTo(ob, res, xsl) < 0)
			goto out;
	}
	rc = 1;
out:
	if (ob != NULL && xmlOutputBufferClose(ob) < 0)
		rc = 0;
	xmlFreeDoc(res);
	if (tc != NULL)
		xsltFreeTransformContext(tc);
	return rc;
}
