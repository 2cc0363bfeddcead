/*
 * smime-render: renders a page document with the stylesheets, as a
 * handler would, for theme authors and tests.
 *
 *   smime-render [-t THEME] [-l LANG] [-n COUNT] XSLT_DIR PAGE.xml
 *
 * With -n, renders the page COUNT times and prints the microseconds per
 * rendering instead of the page (an in-process micro benchmark).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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
	long		 i, count = 0;
	struct timespec	 t0, t1;

	log_init("smime-render");
	while ((c = getopt(argc, argv, "t:l:n:")) != -1)
		switch (c) {
		case 'n': count = atol(optarg); break;
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
	if (count > 0) {
		/* The first rendering compiles; time only the rest. */
		render_page(p, argv[optind], theme, lang, &out);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (i = 0; i < count; i++) {
			buf_reset(&out);
			if (!render_page(p, argv[optind], theme, lang, &out))
				break;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		printf("%.1f us per rendering, %zu bytes\n",
		    ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) /
		    1e3 / (double)count, out.len);
		count = i;
		rc = 0;
	} else if (render_page(p, argv[optind], theme, lang, &out)) {
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
