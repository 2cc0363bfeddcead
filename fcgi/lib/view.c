#include "config.h"

#include "db.h"
#include "page.h"
#include "view.h"

static int
step(xmlNodePtr o, const char *name, const char *status)
{
	xmlNodePtr	 s;

	return (s = page_add(o, "step", NULL)) != NULL &&
	    page_attr(s, "name", name) && page_attr(s, "status", status);
}

/*
 * Appends <order id number product product-code status created customer>
 * with its three <step>s and, when known, <common-name> and <expires>.
 * Returns the element, or NULL when memory runs out.
 */
xmlNodePtr
view_order(xmlNodePtr parent, const struct order *o)
{
	xmlNodePtr	 n;

	if ((n = page_add(parent, "order", NULL)) == NULL ||
	    !page_attrf(n, "id", "%lld", o->id) ||
	    !page_attr(n, "number", o->number) ||
	    !page_attr(n, "product", o->product) ||
	    !page_attr(n, "product-code", o->product_code) ||
	    !page_attr(n, "status", o->status) ||
	    !page_attr(n, "created", o->created) ||
	    !page_attr(n, "customer", o->customer) ||
	    !step(n, "data", o->step_data) ||
	    !step(n, "email", o->step_email) ||
	    !step(n, "activation", o->step_activation))
		return NULL;
	if (o->common_name[0] != '\0' &&
	    page_add(n, "common-name", o->common_name) == NULL)
		return NULL;
	if (o->not_after[0] != '\0' &&
	    page_add(n, "expires", o->not_after) == NULL)
		return NULL;
	return n;
}

/*
 * Appends <event type date order number product/>.
 */
xmlNodePtr
view_event(xmlNodePtr parent, const struct event *e)
{
	xmlNodePtr	 n;

	if ((n = page_add(parent, "event", NULL)) == NULL ||
	    !page_attr(n, "type", e->type) ||
	    !page_attr(n, "date", e->created))
		return NULL;
	if (e->order_id > 0 && (!page_attrf(n, "order", "%lld", e->order_id) ||
	    !page_attr(n, "number", e->number) ||
	    !page_attr(n, "product", e->product)))
		return NULL;
	return n;
}
