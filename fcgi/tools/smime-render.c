/*
 * smime-render: renders a page document with the stylesheets, as a
 * handler would, for theme authors and tests.
 *
 *   smime-render [-t THEME] [-l LANG] XSLT_DIR PAGE.xml
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "buf.h"
#include "log.h"
#include "page.h"

int
main(int argc, char *argv[])
{
	const char	*theme = "default", *lang = "en";
	struct page	*p;
	struct buf	 out;
	xmlChar		*name;
	int		 c, rc = 1;

	log_init("smime-render");
	while ((c = getopt(argc, argv, "t:l:")) != -1)
		switch (c) {
		case 't': theme = optarg; break;
		case 'l': lang = optarg; break;
		default: goto usage;
		}
	if (argc - optind != 2)
		goto usage;
	if (!render_init() || (p = calloc(1, sizeof(*p))) == NULL)
		return 1;
	p->doc = xmlReadFile(argv[optind + 1], NULL, XML_PARSE_NONET);
	if (p->doc == NULL || (p->root = xmlDocGetRootElement(p->doc)) == NULL)
		return 1;
	name = xmlGetProp(p->root, BAD_CAST "name");
	snprintf(p->name, sizeof(p->name), "%s", name ? (char *)name : "");
	xmlFree(name);
	buf_init(&out);
	if (render_page(p, argv[optind], theme, lang, &out)) {
		fwrite(out.s, 1, out.len, stdout);
		rc = 0;
	}
	buf_free(&out);
	page_free(p);
	render_free();
	return rc;
usage:
	fprintf(stderr, "usage: smime-render [-t theme] [-l lang] "
	    "xslt-dir page.xml\n");
	return 2;
}
