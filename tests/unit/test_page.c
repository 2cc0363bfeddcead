/*
 * Unit tests of page.c and i18n.c: the page document and its escaping,
 * catalogue texts in errors, the <t:t k=""/> substitution and its
 * precedence (theme, then language, then English), themes (a page the
 * theme lacks is the base page with the theme's brand; a theme page
 * replaces only its templates), rendering of the
 * sample documents in $SMIME_TEST_DATA/pages with the stylesheets in
 * $SMIME_TEST_XSLT, and the security preferences of transforms (no file
 * read or written from a stylesheet at request time).
 *
 * Stylesheets and catalogues of the substitution and security tests are
 * written into a temporary folder by the group setup.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "buf.h"
#include "i18n.h"
#include "page.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* A value no page may ever show as markup. */
#define HOSTILE	"\"><script>alert(1)</script>&amp;'<img src=x onerror=y>"
#define SECRET	"TOP-SECRET-7f3a9c"

static char	 tmpdir[] = "/tmp/test_page.XXXXXX";

/* ------------------------------------------------------------ helpers */

static void
write_file(const char *rel, const char *text)
{
	char	 path[1024], *slash;
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	/* Make the folders on the way. */
	for (slash = strchr(path + strlen(tmpdir) + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST)
			fail_msg("mkdir %s: %s", path, strerror(errno));
		*slash = '/';
	}
	if ((f = fopen(path, "w")) == NULL)
		fail_msg("%s: %s", path, strerror(errno));
	fputs(text, f);
	fclose(f);
}

static void
rm_rf(const char *path)
{
	DIR		*d;
	struct dirent	*e;
	char		 sub[1024];
	struct stat	 st;

	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	if ((d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			rm_rf(sub);
		}
		closedir(d);
	}
	rmdir(path);
}

#define XSL_HEAD \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	"<xsl:stylesheet version=\"1.0\"\n" \
	"    xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"\n" \
	"    xmlns:t=\"urn:smime-activation:i18n\"\n" \
	"    exclude-result-prefixes=\"t\">\n"
#define XSL_HTML \
	"<xsl:output method=\"html\" encoding=\"UTF-8\"" \
	" doctype-system=\"about:legacy-compat\"/>\n"

static int
group_setup(void **state)
{
	char	 xsl[4096];

	if (mkdtemp(tmpdir) == NULL)
		return -1;
	if (!render_init())
		return -1;

	/* The substitution: every lookup case, an import, an attribute. */
	write_file("base/lib.xsl", XSL_HEAD
	    "<xsl:template name=\"lib\"><t:t k=\"lib\"/></xsl:template>\n"
	    "</xsl:stylesheet>\n");
	write_file("base/x.xsl", XSL_HEAD
	    "<xsl:import href=\"lib.xsl\"/>\n" XSL_HTML
	    "<xsl:template match=\"/\"><html><body>\n"
	    "<p id=\"a\"><t:t k=\"a\"/></p>\n"
	    "<p id=\"b\"><t:t k=\"b\"/></p>\n"
	    "<p id=\"c\"><t:t k=\"c\"/></p>\n"
	    "<p id=\"d\"><t:t k=\"d\"/></p>\n"
	    "<p id=\"sp\"><t:t k=\"sp\"/></p>\n"
	    "<p id=\"amp\"><t:t k=\"amp\"/></p>\n"
	    "<p id=\"missing\"><t:t k=\"no.such\"/></p>\n"
	    "<p id=\"lib\"><xsl:call-template name=\"lib\"/></p>\n"
	    "<p id=\"two\"><t:t k=\"a\"/><xsl:text> </xsl:text>"
	    "<t:t k=\"b\"/></p>\n"
	    "<a id=\"attr\"><xsl:attribute name=\"title\"><t:t k=\"amp\"/>"
	    "</xsl:attribute>x</a>\n"
	    "<a id=\"data\" title=\"{page/v}\"><xsl:value-of select=\"page/v\"/>"
	    "</a>\n"
	    "<script><xsl:value-of select=\"page/v\"/></script>\n"
	    "<style><xsl:value-of select=\"page/v\"/></style>\n"
	    "<textarea><xsl:value-of select=\"page/v\"/></textarea>\n"
	    "<br/><img src=\"/i.png\" alt=\"\"/>\n"
	    "</body></html></xsl:template>\n"
	    "</xsl:stylesheet>\n");
	write_file("i18n/en.xml",
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<messages lang=\"en\">\n"
	    "  <m id=\"a\">a-en</m><m id=\"b\">b-en</m><m id=\"c\">c-en</m>\n"
	    "  <m id=\"d\">d-en</m><m id=\"lib\">lib-en</m>\n"
	    "  <m id=\"sp\">  two  spaces  </m>\n"
	    "  <m id=\"amp\">Tom &amp; Jerry &lt;3 \"q\"</m>\n"
	    "  <m id=\"err.required\">Required &amp; &lt;needed&gt;</m>\n"
	    "</messages>\n");
	write_file("i18n/pl.xml",
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<messages lang=\"pl\">\n"
	    "  <m id=\"a\">a-pl</m><m id=\"b\">b-pl</m>"
	    "<m id=\"lib\">lib-pl</m>\n"
	    "  <m id=\"err.required\">Wymagane</m>\n"
	    "</messages>\n");
	write_file("themes/t1/i18n/pl.xml",
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<messages lang=\"pl\"><m id=\"a\">a-t1</m></messages>\n");
	write_file("themes/t1/i18n/en.xml",
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<messages lang=\"en\"><m id=\"d\">d-t1en</m></messages>\n");

	/*
	 * Themes: a frame with brand hooks, three pages and a text mail;
	 * theme t2 has a brand, an override of one page's template and of
	 * the logo on another; t4's brand does not parse.
	 */
	write_file("base/frame.xsl", XSL_HEAD XSL_HTML
	    "<xsl:template match=\"/\"><html><head>"
	    "<xsl:call-template name=\"brand-css\"/></head><body>"
	    "<header><xsl:call-template name=\"brand-logo\"/></header>"
	    "<main><xsl:call-template name=\"content\"/></main>"
	    "</body></html></xsl:template>\n"
	    "<xsl:template name=\"brand-logo\"><b id=\"logo\">base-logo</b>"
	    "</xsl:template>\n"
	    "<xsl:template name=\"brand-css\"/>\n"
	    "<xsl:template name=\"content\"/>\n"
	    "</xsl:stylesheet>\n");
	write_file("base/one.xsl", XSL_HEAD
	    "<xsl:import href=\"frame.xsl\"/>\n" XSL_HTML
	    "<xsl:template name=\"content\"><p id=\"one\">base-one</p>"
	    "<p id=\"greet\"><xsl:call-template name=\"greet\"/></p>"
	    "</xsl:template>\n"
	    "<xsl:template name=\"greet\"><t:t k=\"a\"/></xsl:template>\n"
	    "</xsl:stylesheet>\n");
	write_file("base/two.xsl", XSL_HEAD
	    "<xsl:import href=\"frame.xsl\"/>\n" XSL_HTML
	    "<xsl:template name=\"content\"><p id=\"two\">base-two</p>"
	    "</xsl:template>\n"
	    "</xsl:stylesheet>\n");
	write_file("base/three.xsl", XSL_HEAD
	    "<xsl:import href=\"frame.xsl\"/>\n" XSL_HTML
	    "<xsl:template name=\"content\"><p id=\"three\">base-three</p>"
	    "</xsl:template>\n"
	    "</xsl:stylesheet>\n");
	write_file("base/mailx.xsl", XSL_HEAD
	    "<xsl:output method=\"text\" encoding=\"UTF-8\"/>\n"
	    "<xsl:template match=\"/\"><xsl:text>Subject&#10;Body&#10;"
	    "</xsl:text><xsl:call-template name=\"sig\"/></xsl:template>\n"
	    "<xsl:template name=\"sig\">base-sig</xsl:template>\n"
	    "</xsl:stylesheet>\n");
	/* No xsl:output: the brand goes into text mails too. */
	write_file("themes/t2/brand.xsl", XSL_HEAD
	    "<xsl:template name=\"brand-logo\"><img id=\"logo\""
	    " src=\"/static/themes/t2/logo.svg\" alt=\"\"/></xsl:template>\n"
	    "<xsl:template name=\"brand-css\"><link rel=\"stylesheet\""
	    " href=\"/static/themes/t2/theme.css\"/></xsl:template>\n"
	    "<xsl:template name=\"sig\"><t:t k=\"t2.sig\"/></xsl:template>\n"
	    "</xsl:stylesheet>\n");
	write_file("themes/t2/one.xsl", XSL_HEAD
	    "<xsl:template name=\"greet\"><i><t:t k=\"t2.greet\"/></i>"
	    "</xsl:template>\n"
	    "</xsl:stylesheet>\n");
	write_file("themes/t2/three.xsl", XSL_HEAD
	    "<xsl:template name=\"brand-logo\"><b id=\"logo\">t2-three-logo"
	    "</b></xsl:template>\n"
	    "</xsl:stylesheet>\n");
	write_file("themes/t2/i18n/en.xml",
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<messages lang=\"en\"><m id=\"t2.greet\">greet-t2</m>"
	    "<m id=\"t2.sig\">sig-t2</m></messages>\n");
	write_file("themes/t4/brand.xsl", XSL_HEAD
	    "<xsl:template name=\"brand-logo\"><b>unclosed</xsl:template>\n"
	    "</xsl:stylesheet>\n");

	/* Security: reading a file, relative and absolute, and writing. */
	write_file("secret.xml", "<s>" SECRET "</s>\n");
	snprintf(xsl, sizeof(xsl), XSL_HEAD XSL_HTML
	    "<xsl:template match=\"/\"><html><body>"
	    "<p><xsl:value-of select=\"document('%s/secret.xml')/s\"/></p>"
	    "<p>end</p></body></html></xsl:template>\n"
	    "</xsl:stylesheet>\n", tmpdir);
	write_file("base/readabs.xsl", xsl);
	snprintf(xsl, sizeof(xsl), XSL_HEAD XSL_HTML
	    "<xsl:template match=\"/\"><html><body>"
	    "<p><xsl:value-of select=\"document('file://%s/secret.xml')/s\"/>"
	    "</p></body></html></xsl:template>\n"
	    "</xsl:stylesheet>\n", tmpdir);
	write_file("base/readurl.xsl", xsl);
	write_file("base/readrel.xsl", XSL_HEAD XSL_HTML
	    "<xsl:template match=\"/\"><html><body>"
	    "<p><xsl:value-of select=\"document('../secret.xml')/s\"/></p>"
	    "</body></html></xsl:template>\n"
	    "</xsl:stylesheet>\n");
	write_file("base/passwd.xsl", XSL_HEAD XSL_HTML
	    "<xsl:template match=\"/\"><html><body>"
	    "<pre><xsl:copy-of select=\"document('/etc/passwd')\"/></pre>"
	    "<pre><xsl:value-of select=\"document('file:///etc/passwd')\"/>"
	    "</pre></body></html></xsl:template>\n"
	    "</xsl:stylesheet>\n");
	snprintf(xsl, sizeof(xsl),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<xsl:stylesheet version=\"1.0\"\n"
	    "    xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"\n"
	    "    xmlns:exsl=\"http://exslt.org/common\"\n"
	    "    extension-element-prefixes=\"exsl\">\n" XSL_HTML
	    "<xsl:template match=\"/\">"
	    "<exsl:document href=\"%s/written.txt\" method=\"text\">pwned"
	    "</exsl:document>"
	    "<html><body><p>end</p></body></html></xsl:template>\n"
	    "</xsl:stylesheet>\n", tmpdir);
	write_file("base/write.xsl", xsl);

	/* Comments in the result: empty, and from data. */
	write_file("base/comment.xsl", XSL_HEAD XSL_HTML
	    "<xsl:template match=\"/\"><html><body>"
	    "<xsl:comment/>"
	    "<xsl:comment><xsl:value-of select=\"page/nothing\"/>"
	    "</xsl:comment>"
	    "<p>end</p></body></html></xsl:template>\n"
	    "</xsl:stylesheet>\n");
	write_file("base/commentdata.xsl", XSL_HEAD XSL_HTML
	    "<xsl:template match=\"/\"><html><body>"
	    "<xsl:comment><xsl:value-of select=\"page/v\"/></xsl:comment>"
	    "<p>end</p></body></html></xsl:template>\n"
	    "</xsl:stylesheet>\n");
	return 0;
}

static int
group_teardown(void **state)
{
	render_free();
	rm_rf(tmpdir);
	return 0;
}

/* A page called `name` with one <v> of text `v`. */
static struct page *
page_with(const char *name, const char *v)
{
	struct page	*p;

	assert_non_null(p = page_new(name));
	if (v != NULL)
		assert_non_null(page_add(p->root, "v", v));
	return p;
}

static void
assert_contains(const struct buf *b, const char *s)
{
	if (strstr(b->s, s) == NULL)
		fail_msg("output lacks \"%s\":\n%s", s, b->s);
}

static void
assert_lacks(const struct buf *b, const char *s)
{
	if (strstr(b->s, s) != NULL)
		fail_msg("output has \"%s\":\n%s", s, b->s);
}

/* Case-insensitive strstr, for markup. */
static const char *
find_nocase(const char *h, const char *n)
{
	size_t	 nl = strlen(n);

	for (; *h != '\0'; h++)
		if (strncasecmp(h, n, nl) == 0)
			return h;
	return NULL;
}

/*
 * The first "[key.name]" marker of a missing message: '[', a catalogue
 * key with at least one dot, ']'. Returns NULL when there is none.
 */
static const char *
missing_marker(const char *s)
{
	const char	*p, *q;
	int		 dot;

	for (p = strchr(s, '['); p != NULL; p = strchr(p + 1, '[')) {
		dot = 0;
		for (q = p + 1; islower((unsigned char)*q) ||
		    isdigit((unsigned char)*q) || *q == '-' || *q == '_' ||
		    *q == '.'; q++)
			if (*q == '.')
				dot = 1;
		if (*q == ']' && dot && q > p + 1 && islower((unsigned char)p[1]))
			return p;
	}
	return NULL;
}

/* ----------------------------------------------------- page document */

static void
test_page_new(void **state)
{
	struct page	*p;
	struct buf	 out;

	assert_non_null(p = page_new("orgdata"));
	assert_string_equal(p->name, "orgdata");
	assert_ptr_equal(xmlDocGetRootElement(p->doc), p->root);
	assert_string_equal((const char *)p->root->name, "page");
	buf_init(&out);
	assert_true(page_xml(p, &out));
	assert_contains(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
	assert_contains(&out, "<page name=\"orgdata\"/>");
	buf_free(&out);

	page_rename(p, "error");
	assert_string_equal(p->name, "error");
	buf_init(&out);
	assert_true(page_xml(p, &out));
	assert_contains(&out, "<page name=\"error\"/>");
	buf_free(&out);

	/* Names are capped to the buffer, document and field alike. */
	page_rename(p, "abcdefghijklmnopqrstuvwxyz0123456789");
	assert_string_equal(p->name, "abcdefghijklmnopqrstuvwxyz01234");
	page_free(p);
	page_free(NULL);
}

/* Values that must come back from the XML unchanged. */
static const char *const values[] = {
	"<script>alert(\"x\")</script> & \"q\" 'a'",
	HOSTILE,
	"]]><![CDATA[x]]>",
	"&lt; is not an entity here &amp;",
	"<!-- c --><?pi x?><!DOCTYPE x>",
	"za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87 \xe2\x82\xac \xf0\x9f\x98\x80",
	"tab\there, new\nline, cr\rend",
	"  leading and trailing  ",
	"",
};

static void
test_page_escaping(void **state)
{
	struct page	*p;
	struct buf	 out;
	xmlDocPtr	 doc;
	xmlNodePtr	 n;
	xmlChar		*got;
	size_t		 i;

	assert_non_null(p = page_new("t"));
	for (i = 0; i < NELEM(values); i++) {
		assert_non_null(n = page_add(p->root, "v", values[i]));
		assert_true(page_attr(n, "a", values[i]));
	}
	buf_init(&out);
	assert_true(page_xml(p, &out));
	/* Markup from values never appears as markup. */
	assert_lacks(&out, "<script");
	assert_lacks(&out, "<img");
	assert_lacks(&out, "<!--");
	assert_lacks(&out, "<?pi");
	assert_lacks(&out, "<![CDATA[");
	assert_lacks(&out, "\"><script");
	assert_contains(&out, "&lt;script&gt;");

	/* And everything parses back equal, text and attributes. */
	doc = xmlReadMemory(out.s, (int)out.len, NULL, NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	n = xmlDocGetRootElement(doc)->children;
	for (i = 0; i < NELEM(values); i++, n = n->next) {
		while (n != NULL && n->type != XML_ELEMENT_NODE)
			n = n->next;
		assert_non_null(n);
		got = xmlNodeGetContent(n);
		assert_string_equal((const char *)got, values[i]);
		xmlFree(got);
		got = xmlGetProp(n, BAD_CAST "a");
		assert_string_equal((const char *)got, values[i]);
		xmlFree(got);
	}
	xmlFreeDoc(doc);
	buf_free(&out);
	page_free(p);
}

static void
test_page_add_attr_edges(void **state)
{
	struct page	*p;
	xmlNodePtr	 n, m;
	struct buf	 out;

	assert_non_null(p = page_new("t"));
	assert_null(page_add(NULL, "x", "y"));
	assert_int_equal(page_attr(NULL, "x", "y"), 0);
	/* A NULL text makes an empty element; a NULL value no attribute. */
	assert_non_null(n = page_add(p->root, "empty", NULL));
	assert_int_equal(page_attr(n, "gone", NULL), 1);
	assert_null(xmlHasProp(n, BAD_CAST "gone"));
	/* Nested elements and a formatted attribute. */
	assert_non_null(m = page_add(n, "child", "c"));
	assert_true(page_attrf(m, "id", "%d-%s", 12, "<x>"));
	buf_init(&out);
	assert_true(page_xml(p, &out));
	assert_contains(&out, "<empty><child id=\"12-&lt;x&gt;\">c</child>"
	    "</empty>");
	buf_free(&out);
	page_free(p);
}

/*
 * The XML interface is for partners' parsers: a value with a character
 * XML 1.0 forbids (section 2.2, Char), or with broken UTF-8, must still
 * give a well-formed document, in text and in attributes. valid_line
 * keeps such values out of forms, but a value may come from elsewhere
 * (a certificate request, the database).
 */
static void
test_page_xml_well_formed(void **state)
{
	static const struct {
		const char	*v;
		const char	*keep;	/* what must survive around it */
	} v[] = {
		{ "bell\x07", "bell" },
		{ "esc\x1b[0m", "[0m" },
		{ "c0 \x01\x02\x1f end", "end" },
		{ "U+FFFE \xef\xbf\xbe end", "end" },
		{ "U+FFFF \xef\xbf\xbf end", "end" },
		{ "latin-1 caf\xe9", "latin-1 caf" },
		{ "byte \xff end", "end" },
		{ "truncated \xc3", "truncated " },
		{ "surrogate \xed\xa0\x80 end", "end" },
		{ "overlong \xc0\xaf end", "end" },
	};
	struct page	*p;
	struct buf	 out;
	xmlDocPtr	 doc;
	xmlNodePtr	 n;
	xmlChar		*got;
	size_t		 i, bad = 0;

	for (i = 0; i < NELEM(v); i++) {
		assert_non_null(p = page_new("t"));
		assert_non_null(n = page_add(p->root, "v", v[i].v));
		assert_true(page_attr(n, "a", v[i].v));
		buf_init(&out);
		assert_true(page_xml(p, &out));
		doc = xmlReadMemory(out.s, (int)out.len, NULL, NULL,
		    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (doc == NULL) {
			print_message("value %zu gives XML that does not "
			    "parse:\n%s", i, out.s);
			bad++;
			buf_free(&out);
			page_free(p);
			continue;
		}
		n = xmlDocGetRootElement(doc)->children;
		got = xmlNodeGetContent(n);
		if (strstr((char *)got, v[i].keep) == NULL)
			fail_msg("value %zu: text \"%s\" lost \"%s\"", i,
			    (char *)got, v[i].keep);
		xmlFree(got);
		got = xmlGetProp(n, BAD_CAST "a");
		if (got == NULL || strstr((char *)got, v[i].keep) == NULL)
			fail_msg("value %zu: attribute lost \"%s\"", i,
			    v[i].keep);
		xmlFree(got);
		xmlFreeDoc(doc);
		buf_free(&out);
		page_free(p);
	}
	assert_int_equal(bad, 0);
}

/* ----------------------------------------------------------- catalogue */

static void
test_name_valid(void **state)
{
	static const struct {
		const char	*s;
		size_t		 max;
		int		 want;
	} v[] = {
		{ "en", 8, 1 }, { "pl", 8, 1 }, { "default", 32, 1 },
		{ "partner-x_1", 32, 1 }, { "abcdefgh", 8, 1 },
		{ "abcdefghi", 8, 0 }, { "", 8, 0 }, { NULL, 8, 0 },
		{ "EN", 8, 0 }, { "..", 8, 0 }, { "../x", 32, 0 },
		{ "a/b", 32, 0 }, { "a.b", 32, 0 }, { "a b", 32, 0 },
		{ "a\n", 32, 0 }, { "\xc3\xa9", 32, 0 },
	};
	size_t	 i;

	for (i = 0; i < NELEM(v); i++)
		if (name_valid(v[i].s, v[i].max) != v[i].want)
			fail_msg("name_valid(\"%s\", %zu) != %d",
			    v[i].s ? v[i].s : "(null)", v[i].max, v[i].want);
}

static void
test_i18n_lookup(void **state)
{
	struct catalog	*en, *pl, *t1pl;

	assert_non_null(en = i18n_get(tmpdir, "default", "en"));
	assert_non_null(pl = i18n_get(tmpdir, "default", "pl"));
	assert_non_null(t1pl = i18n_get(tmpdir, "t1", "pl"));
	/* Loaded once, then the same. */
	assert_ptr_equal(i18n_get(tmpdir, "default", "en"), en);
	assert_string_equal(i18n_msg(en, "a"), "a-en");
	assert_string_equal(i18n_msg(pl, "a"), "a-pl");
	assert_string_equal(i18n_msg(pl, "c"), "c-en");
	assert_string_equal(i18n_msg(t1pl, "a"), "a-t1");
	assert_string_equal(i18n_msg(t1pl, "b"), "b-pl");
	assert_string_equal(i18n_msg(t1pl, "c"), "c-en");
	assert_string_equal(i18n_msg(t1pl, "d"), "d-t1en");
	assert_string_equal(i18n_msg(en, "amp"), "Tom & Jerry <3 \"q\"");
	assert_null(i18n_msg(en, "no.such"));
	assert_null(i18n_msg(NULL, "a"));
	/* Bad names never reach the file system. */
	assert_null(i18n_get(tmpdir, "../t1", "pl"));
	assert_null(i18n_get(tmpdir, "default", "../en"));
	assert_null(i18n_get(tmpdir, "default", ""));
	/* A language without a catalogue is English. */
	assert_string_equal(i18n_msg(i18n_get(tmpdir, "default", "de"), "a"),
	    "a-en");
}

static void
test_page_error(void **state)
{
	struct catalog	*en, *pl;
	struct page	*p;
	struct buf	 out;

	assert_non_null(en = i18n_get(tmpdir, "default", "en"));
	assert_non_null(pl = i18n_get(tmpdir, "default", "pl"));
	assert_non_null(p = page_new("t"));
	assert_true(page_error(p, en, "organization", "err.required"));
	assert_true(page_error(p, pl, NULL, "err.required"));
	assert_true(page_error(p, en, "x", "no.such.key"));
	assert_true(page_error(p, NULL, NULL, "no.catalogue"));
	buf_init(&out);
	assert_true(page_xml(p, &out));
	assert_contains(&out, "<error key=\"err.required\" "
	    "field=\"organization\">Required &amp; &lt;needed&gt;</error>");
	assert_contains(&out, "<error key=\"err.required\">Wymagane</error>");
	/* Without a text, the key itself. */
	assert_contains(&out, "<error key=\"no.such.key\" field=\"x\">"
	    "no.such.key</error>");
	assert_contains(&out, "<error key=\"no.catalogue\">no.catalogue"
	    "</error>");
	buf_free(&out);
	page_free(p);
}

/* -------------------------------------------------- the substitution */

struct expect {
	const char	*theme;
	const char	*lang;
	const char	*has[8];
};

static const struct expect expects[] = {
	{ "default", "en", { "id=\"a\">a-en<", "id=\"b\">b-en<",
	    "id=\"c\">c-en<", "id=\"d\">d-en<", "id=\"lib\">lib-en<",
	    "id=\"two\">a-en b-en<", NULL } },
	{ "default", "pl", { "id=\"a\">a-pl<", "id=\"b\">b-pl<",
	    "id=\"c\">c-en<", "id=\"d\">d-en<", "id=\"lib\">lib-pl<",
	    "id=\"two\">a-pl b-pl<", NULL } },
	{ "t1", "pl", { "id=\"a\">a-t1<", "id=\"b\">b-pl<",
	    "id=\"c\">c-en<", "id=\"d\">d-t1en<", "id=\"lib\">lib-pl<",
	    NULL } },
	{ "t1", "en", { "id=\"a\">a-en<", "id=\"b\">b-en<",
	    "id=\"d\">d-t1en<", NULL } },
};

static void
test_i18n_render(void **state)
{
	struct page	*p;
	struct buf	 out;
	size_t		 i, j;

	for (i = 0; i < NELEM(expects); i++) {
		p = page_with("x", "v");
		buf_init(&out);
		if (!render_page(p, tmpdir, expects[i].theme, expects[i].lang,
		    &out))
			fail_msg("%s/%s: render failed", expects[i].theme,
			    expects[i].lang);
		for (j = 0; expects[i].has[j] != NULL; j++)
			assert_contains(&out, expects[i].has[j]);
		/* White space of a message survives; entities are text. */
		assert_contains(&out, "id=\"sp\">  two  spaces  <");
		assert_contains(&out, "id=\"amp\">Tom &amp; Jerry &lt;3 \"q\"<");
		assert_contains(&out, "title=\"Tom &amp; Jerry &lt;3 &quot;q"
		    "&quot;\"");
		/* A missing message shows as its key in brackets. */
		assert_contains(&out, "id=\"missing\">[no.such]<");
		/* Nothing of the i18n namespace is left. */
		assert_lacks(&out, "t:t");
		assert_lacks(&out, "urn:smime-activation:i18n");
		assert_lacks(&out, "xsl:");
		buf_free(&out);
		page_free(p);
	}
}

/* HTML5 output: doctype, void elements, escaping of data everywhere. */
static void
test_render_html(void **state)
{
	struct page	*p;
	struct buf	 out;
	const char	*s;

	p = page_with("x", HOSTILE);
	buf_init(&out);
	assert_true(render_page(p, tmpdir, "default", "en", &out));
	assert_true(strncmp(out.s, "<!DOCTYPE html", 14) == 0);
	assert_contains(&out, "<br>");
	assert_contains(&out, "<img src=\"/i.png\" alt=\"\">");
	assert_lacks(&out, "</br>");
	assert_lacks(&out, "</img>");
	/* Text: escaped. */
	assert_contains(&out, "id=\"data\" title=\"&quot;&gt;&lt;script&gt;");
	assert_contains(&out, "&lt;img src=x onerror=y&gt;</a>");
	assert_contains(&out, "<textarea>\"&gt;&lt;script&gt;");
	/* Raw text elements (where markup is not parsed, so data is
	 * written as is): the data cannot close them. */
	assert_non_null(s = strstr(out.s, "<script>"));
	s += strlen("<script>");
	assert_true(strncmp(s, "\"><script>alert(1)<\\/script>", 28) == 0);
	assert_non_null(s = strstr(s, "</script>"));
	assert_null(strstr(s + 1, "</script>"));
	assert_non_null(s = strstr(out.s, "<style>"));
	assert_null(strstr(s, "</script>"));
	buf_free(&out);
	page_free(p);
}

static void
test_render_bad_names(void **state)
{
	static const char *const names[] = {
		"nosuchpage", "../x", "X", "", "x/../x",
	};
	struct page	*p;
	struct buf	 out;
	size_t		 i;

	for (i = 0; i < NELEM(names); i++) {
		p = page_with(names[i], NULL);
		buf_init(&out);
		if (render_page(p, tmpdir, "default", "en", &out) != 0)
			fail_msg("page \"%s\" rendered", names[i]);
		buf_free(&out);
		page_free(p);
	}
	p = page_with("x", NULL);
	buf_init(&out);
	assert_int_equal(render_page(p, tmpdir, "../t1", "en", &out), 0);
	assert_int_equal(render_page(p, tmpdir, "default", "EN", &out), 0);
	buf_free(&out);
	page_free(p);
}

/* -------------------------------------------------------------- themes */

/* Renders page `name` for (theme, en) into `out`, which must succeed. */
static void
render_theme(const char *name, const char *theme, struct buf *out)
{
	struct page	*p;

	p = page_with(name, NULL);
	buf_init(out);
	if (!render_page(p, tmpdir, theme, "en", out))
		fail_msg("%s/%s: render failed", theme, name);
	page_free(p);
}

/*
 * The page a theme overrides uses its template; the page it lacks is the
 * base page, and both carry the theme's brand (logo and stylesheet). The
 * default look has neither.
 */
static void
test_theme_fallback(void **state)
{
	struct buf	 out;

	render_theme("one", "default", &out);
	assert_contains(&out, "<b id=\"logo\">base-logo</b>");
	assert_contains(&out, "<p id=\"greet\">a-en</p>");
	assert_lacks(&out, "themes/t2");
	buf_free(&out);

	/* The override, with its text from the theme's catalogue. */
	render_theme("one", "t2", &out);
	assert_contains(&out, "<p id=\"one\">base-one</p>");
	assert_contains(&out, "<p id=\"greet\"><i>greet-t2</i></p>");
	assert_contains(&out, "<img id=\"logo\" src=\"/static/themes/t2/"
	    "logo.svg\" alt=\"\">");
	assert_contains(&out, "href=\"/static/themes/t2/theme.css\"");
	assert_lacks(&out, "base-logo");
	buf_free(&out);

	/* No t2/two.xsl: the base page, in t2's brand. */
	render_theme("two", "t2", &out);
	assert_true(strncmp(out.s, "<!DOCTYPE html>", 15) == 0);
	assert_contains(&out, "<p id=\"two\">base-two</p>");
	assert_contains(&out, "src=\"/static/themes/t2/logo.svg\"");
	assert_contains(&out, "href=\"/static/themes/t2/theme.css\"");
	assert_lacks(&out, "base-logo");
	buf_free(&out);

	/* A theme with nothing but texts (t1): the base page as it is. */
	render_theme("two", "t1", &out);
	assert_contains(&out, "<b id=\"logo\">base-logo</b>");
	assert_lacks(&out, "themes/");
	buf_free(&out);
}

/* A theme's page wins over the theme's brand, for that page only. */
static void
test_theme_page_over_brand(void **state)
{
	struct buf	 out;

	render_theme("three", "t2", &out);
	assert_contains(&out, "<b id=\"logo\">t2-three-logo</b>");
	assert_contains(&out, "href=\"/static/themes/t2/theme.css\"");
	assert_contains(&out, "<p id=\"three\">base-three</p>");
	buf_free(&out);
	render_theme("two", "t2", &out);
	assert_lacks(&out, "t2-three-logo");
	buf_free(&out);
}

/* A text mail keeps its output method under a brand, and takes the
 * brand's templates. */
static void
test_theme_mail(void **state)
{
	struct buf	 out;

	render_theme("mailx", "default", &out);
	assert_string_equal(out.s, "Subject\nBody\nbase-sig");
	buf_free(&out);
	render_theme("mailx", "t2", &out);
	assert_string_equal(out.s, "Subject\nBody\nsig-t2");
	buf_free(&out);
}

/* A brand that does not parse fails every page of its theme: no
 * silent fallback to another look. */
static void
test_theme_broken(void **state)
{
	struct page	*p;
	struct buf	 out;

	p = page_with("two", NULL);
	buf_init(&out);
	assert_int_equal(render_page(p, tmpdir, "t4", "en", &out), 0);
	/* A theme that does not exist is no theme: the base look. */
	assert_int_equal(render_page(p, tmpdir, "nosuchtheme", "en", &out), 1);
	assert_contains(&out, "base-logo");
	buf_free(&out);
	page_free(p);
}

/* A page is compiled once per theme and language: a theme file changed
 * on disk afterwards does not change what the process renders. */
static void
test_theme_compiled_once(void **state)
{
	struct buf	 before, after;

	render_theme("one", "t2", &before);
	write_file("themes/t2/one.xsl", XSL_HEAD
	    "<xsl:template name=\"greet\">changed</xsl:template>\n"
	    "</xsl:stylesheet>\n");
	render_theme("one", "t2", &after);
	assert_string_equal(before.s, after.s);
	assert_lacks(&after, "changed");
	buf_free(&before);
	buf_free(&after);
}

/* ------------------------------------------------------------ security */

/*
 * The control: without the renderer's preferences, the stylesheet does
 * read the file, so the test below would see the secret if they failed.
 */
static void
test_secret_readable_without_prefs(void **state)
{
	char			 path[1024];
	xsltStylesheetPtr	 xsl;
	xmlDocPtr		 in, res;
	xmlChar			*mem = NULL;
	int			 len = 0;

	snprintf(path, sizeof(path), "%s/base/readabs.xsl", tmpdir);
	assert_non_null(xsl = xsltParseStylesheetFile(BAD_CAST path));
	assert_non_null(in = xmlNewDoc(BAD_CAST "1.0"));
	xmlDocSetRootElement(in, xmlNewDocNode(in, NULL, BAD_CAST "page",
	    NULL));
	assert_non_null(res = xsltApplyStylesheet(xsl, in, NULL));
	xsltSaveResultToString(&mem, &len, res, xsl);
	assert_non_null(mem);
	assert_non_null(strstr((char *)mem, SECRET));
	xmlFree(mem);
	xmlFreeDoc(res);
	xmlFreeDoc(in);
	xsltFreeStylesheet(xsl);
}

static void
test_no_file_read(void **state)
{
	static const char *const names[] = {
		"readabs", "readrel", "readurl", "passwd",
	};
	struct page	*p;
	struct buf	 out;
	size_t		 i;
	int		 rc;

	for (i = 0; i < NELEM(names); i++) {
		p = page_with(names[i], NULL);
		buf_init(&out);
		rc = render_page(p, tmpdir, "default", "en", &out);
		/* Refusing to render (a 500) is as good as rendering
		 * without the file; showing it is not. */
		if (rc)
			print_message("%s: rendered without the file\n",
			    names[i]);
		assert_lacks(&out, SECRET);
		assert_lacks(&out, "root:");
		assert_lacks(&out, "/bin/");
		buf_free(&out);
		page_free(p);
	}
}

static void
test_no_file_write(void **state)
{
	struct page	*p;
	struct buf	 out;
	char		 path[1024];

	snprintf(path, sizeof(path), "%s/written.txt", tmpdir);
	unlink(path);
	p = page_with("write", NULL);
	buf_init(&out);
	(void)render_page(p, tmpdir, "default", "en", &out);
	if (access(path, F_OK) == 0)
		fail_msg("the stylesheet wrote %s", path);
	assert_lacks(&out, "pwned");
	buf_free(&out);
	page_free(p);
}

/* The default action for the signals cmocka catches. */
static void
child_signals(void)
{
	signal(SIGSEGV, SIG_DFL);
	signal(SIGBUS, SIG_DFL);
	signal(SIGILL, SIG_DFL);
	signal(SIGFPE, SIG_DFL);
	signal(SIGSYS, SIG_DFL);
}

/*
 * An empty comment in the result (<xsl:comment/>) is rendered, not a
 * crash. In a child: a crash must fail this test, not end the suite.
 */
static void
test_render_empty_comment(void **state)
{
	struct page	*p;
	struct buf	 out;
	pid_t		 pid;
	int		 st;

	fflush(NULL);
	if ((pid = fork()) == -1)
		fail_msg("fork");
	if (pid == 0) {
		/* A crash ends the child, not in cmocka's handler. */
		child_signals();
		p = page_with("comment", NULL);
		buf_init(&out);
		if (render_page(p, tmpdir, "default", "en", &out) != 1 ||
		    strstr(out.s, "<p>end</p>") == NULL)
			_exit(64);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	if (WIFSIGNALED(st))
		fail_msg("render killed by signal %d", WTERMSIG(st));
	if (WEXITSTATUS(st) == 64)
		fail_msg("render failed or lost the content");
	if (WEXITSTATUS(st) != 0)
		fail_msg("render crashed (exit %d, see the sanitizer's report)",
		    WEXITSTATUS(st));
}

/* Data in a comment cannot end it. */
static void
test_render_comment_data(void **state)
{
	struct page	*p;
	struct buf	 out;

	p = page_with("commentdata", "--><script>alert(1)</script><!--");
	buf_init(&out);
	(void)render_page(p, tmpdir, "default", "en", &out);
	assert_lacks(&out, "<script>");
	buf_free(&out);
	page_free(p);
}

/* ---------------------------------------------------- sample documents */

/*
 * Renders one sample document for (theme, lang) and checks what every
 * page must be. Returns whether escaped hostile data was seen.
 */
static int
check_sample(const char *xslt, const char *path, const char *theme,
    const char *lang)
{
	struct page	 p;
	struct buf	 out;
	xmlChar		*name;
	const char	*m;
	size_t		 n;
	int		 escaped, textmail;

	memset(&p, 0, sizeof(p));
	p.doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	if (p.doc == NULL || (p.root = xmlDocGetRootElement(p.doc)) == NULL)
		fail_msg("%s: does not parse", path);
	name = xmlGetProp(p.root, BAD_CAST "name");
	if (name == NULL)
		fail_msg("%s: no page/@name", path);
	snprintf(p.name, sizeof(p.name), "%s", (char *)name);
	xmlFree(name);

	buf_init(&out);
	if (!render_page(&p, xslt, theme, lang, &out))
		fail_msg("%s (%s/%s): render failed", path, theme, lang);
	if (out.len == 0)
		fail_msg("%s (%s/%s): empty output", path, theme, lang);
	/* Text mails: a subject line, then the body; HTML mails are pages. */
	n = strlen(p.name);
	textmail = strncmp(p.name, "mail-", 5) == 0 &&
	    !(n > 5 && strcmp(p.name + n - 5, "-html") == 0);
	if (textmail) {
		if (strchr(out.s, '\n') == NULL || out.s[0] == '\n' ||
		    strncmp(out.s, "<!DOCTYPE", 9) == 0)
			fail_msg("%s (%s/%s): not a subject and a text body",
			    path, theme, lang);
	} else if (strncmp(out.s, "<!DOCTYPE html", 14) != 0)
		fail_msg("%s (%s/%s): starts with %.20s", path, theme, lang,
		    out.s);
	if (strstr(out.s, "<t:t") != NULL || strstr(out.s, "t:t k=") != NULL)
		fail_msg("%s (%s/%s): unsubstituted <t:t>", path, theme, lang);
	if ((m = missing_marker(out.s)) != NULL)
		fail_msg("%s (%s/%s): missing message %.40s", path, theme,
		    lang, m);
	/* Hostile values of the samples, never as markup (in HTML). */
	if (!textmail &&
	    (find_nocase(out.s, "<script") != NULL ||
	    find_nocase(out.s, "<img src=x") != NULL ||
	    strstr(out.s, "<b>bold") != NULL ||
	    strstr(out.s, "onerror=alert(1)>") != NULL))
		fail_msg("%s (%s/%s): hostile data as markup", path, theme,
		    lang);
	escaped = strstr(out.s, "&lt;script&gt;") != NULL ||
	    strstr(out.s, "&lt;b&gt;bold") != NULL ||
	    strstr(out.s, "&lt;img src=x") != NULL;
	buf_free(&out);
	xmlFreeDoc(p.doc);
	return escaped;
}

static void
test_render_samples(void **state)
{
	const char	*xslt, *data;
	char		 pat[1024], themes[8][64];
	glob_t		 g, tg;
	size_t		 i, t, nthemes = 0, rendered = 0, escaped = 0;
	const char	*langs[] = { "en", "pl" };
	size_t		 l;

	if ((xslt = getenv("SMIME_TEST_XSLT")) == NULL ||
	    (data = getenv("SMIME_TEST_DATA")) == NULL) {
		print_message("SMIME_TEST_XSLT or SMIME_TEST_DATA unset\n");
		skip();
	}
	snprintf(pat, sizeof(pat), "%s/pages/*.xml", data);
	if (glob(pat, 0, NULL, &g) != 0 || g.gl_pathc == 0) {
		print_message("no sample documents in %s\n", pat);
		skip();
	}
	/* The default look and each theme shipped. */
	snprintf(themes[nthemes++], sizeof(themes[0]), "default");
	snprintf(pat, sizeof(pat), "%s/themes/*/", xslt);
	if (glob(pat, GLOB_ONLYDIR, NULL, &tg) == 0) {
		for (t = 0; t < tg.gl_pathc && nthemes < NELEM(themes); t++) {
			char	*s = tg.gl_pathv[t], *e;

			e = s + strlen(s) - 1;	/* the trailing '/' */
			*e = '\0';
			snprintf(themes[nthemes++], sizeof(themes[0]), "%s",
			    strrchr(s, '/') + 1);
		}
		globfree(&tg);
	}
	for (i = 0; i < g.gl_pathc; i++)
		for (t = 0; t < nthemes; t++)
			for (l = 0; l < NELEM(langs); l++) {
				escaped += check_sample(xslt, g.gl_pathv[i],
				    themes[t], langs[l]);
				rendered++;
			}
	print_message("%zu renders of %zu samples, %zu theme(s), "
	    "%zu with escaped hostile data\n", rendered, g.gl_pathc, nthemes,
	    escaped);
	globfree(&g);
	/* The samples do carry hostile data and some page shows it. */
	assert_true(escaped > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_new),
		cmocka_unit_test(test_page_escaping),
		cmocka_unit_test(test_page_add_attr_edges),
		cmocka_unit_test(test_page_xml_well_formed),
		cmocka_unit_test(test_name_valid),
		cmocka_unit_test(test_i18n_lookup),
		cmocka_unit_test(test_page_error),
		cmocka_unit_test(test_i18n_render),
		cmocka_unit_test(test_render_html),
		cmocka_unit_test(test_render_bad_names),
		cmocka_unit_test(test_theme_fallback),
		cmocka_unit_test(test_theme_page_over_brand),
		cmocka_unit_test(test_theme_mail),
		cmocka_unit_test(test_theme_broken),
		cmocka_unit_test(test_theme_compiled_once),
		cmocka_unit_test(test_secret_readable_without_prefs),
		cmocka_unit_test(test_no_file_read),
		cmocka_unit_test(test_no_file_write),
		cmocka_unit_test(test_render_empty_comment),
		cmocka_unit_test(test_render_comment_data),
		cmocka_unit_test(test_render_samples),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
