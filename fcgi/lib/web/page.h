/*
 * The page model: one XML document per response, rendered by a cached,
 * compiled XSLT stylesheet, or sent as is to clients that ask for XML.
 *
 * Every value from outside enters the document through page_add() or
 * page_attr(), which escape on output; nothing is pasted as markup.
 * A struct page owns its document; page_free() releases it.
 */
#ifndef SMIME_PAGE_H
#define SMIME_PAGE_H

#include <libxml/tree.h>

struct buf;
struct catalog;

struct page {
	xmlDocPtr	 doc;
	xmlNodePtr	 root;	/* <page name="…"> */
	char		 name[32];
};

struct page	*page_new(const char *);
void		 page_free(struct page *);
void		 page_rename(struct page *, const char *);
xmlNodePtr	 page_add(xmlNodePtr, const char *, const char *);
int		 page_attr(xmlNodePtr, const char *, const char *);
int		 page_attrf(xmlNodePtr, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
int		 page_error(struct page *, const struct catalog *,
		    const char *, const char *);
int		 page_error_size(struct page *, const struct catalog *,
		    const char *, const char *, size_t, size_t);
int		 page_xml(const struct page *, struct buf *);

int		 render_init(void);
void		 render_free(void);
int		 render_page(const struct page *, const char *, const char *,
		    const char *, struct buf *);
int		 render_preload(const char *, const char *, const char *,
		    const char *const *);

#endif
