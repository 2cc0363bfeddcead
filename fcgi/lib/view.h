/*
 * Pieces of page documents that several handlers show: an order with its
 * steps (the fixed //order[@id] contract of DESIGN.md), an event.
 */
#ifndef SMIME_VIEW_H
#define SMIME_VIEW_H

#include <libxml/tree.h>

struct order;
struct event;

xmlNodePtr	 view_order(xmlNodePtr, const struct order *);
xmlNodePtr	 view_event(xmlNodePtr, const struct event *);

#endif
