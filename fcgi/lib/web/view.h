/*
 * Pieces of page documents that several handlers show: an order with its
 * steps (the fixed //order[@id] contract of DESIGN.md), an event.
 */
#ifndef SMIME_VIEW_H
#define SMIME_VIEW_H

#include <libxml/tree.h>

struct catalog;
struct cert;
struct db;
struct doc;
struct event;
struct order;
struct org;
struct stepstate;

xmlNodePtr	 view_order(xmlNodePtr, const struct order *);
xmlNodePtr	 view_event(xmlNodePtr, const struct event *);
xmlNodePtr	 view_cert(xmlNodePtr, const struct cert *);
#define VIEW_ORDERS	0x01	/* view_org(): the orders it was submitted for */
#define VIEW_DOCS	0x02	/* view_org(): its documents */

xmlNodePtr	 view_org(struct db *, const struct catalog *, xmlNodePtr,
		    const struct org *, int);
int		 view_order_cb(void *, const struct order *);
int		 view_event_cb(void *, const struct event *);
int		 view_doc_cb(void *, const struct doc *);
int		 view_order_steps(xmlNodePtr, const struct stepstate *);

#endif
