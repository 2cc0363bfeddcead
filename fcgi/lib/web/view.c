#include "config.h"

#include <stdio.h>

#include "db.h"
#include "i18n.h"
#include "page.h"
#include "view.h"

static int
step(xmlNodePtr o, const char *name, enum step_status status)
{
	xmlNodePtr	 s;

	return (s = page_add(o, "step", NULL)) != NULL &&
	    page_attr(s, "name", name) &&
	    page_attr(s, "status", step_status_names[status]);
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
	    !page_attr(n, "status", order_status_names[o->st.status]) ||
	    !page_attr(n, "created", o->created) ||
	    !page_attr(n, "customer", o->customer) ||
	    !step(n, "data", o->st.data) ||
	    !step(n, "email", o->st.email) ||
	    !step(n, "activation", o->st.activation))
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
 * Appends <certificate> with serial, fingerprint, subject, key,
 * not-before, not-after and, once revoked, <revoked at=…> of an issued
 * order (the XML contract). Returns the element, or NULL.
 */
xmlNodePtr
view_cert(xmlNodePtr parent, const struct cert *c)
{
	xmlNodePtr	 n;

	if ((n = page_add(parent, "certificate", NULL)) == NULL ||
	    page_add(n, "serial", c->serial) == NULL ||
	    page_add(n, "fingerprint", c->fingerprint) == NULL ||
	    page_add(n, "subject", c->subject) == NULL ||
	    page_add(n, "key", c->key_desc) == NULL ||
	    page_add(n, "not-before", c->not_before) == NULL ||
	    page_add(n, "not-after", c->not_after) == NULL)
		return NULL;
	if (c->revoked[0] != '\0' &&
	    !page_attr(page_add(n, "revoked", c->revoked), "at", c->revoked))
		return NULL;
	return n;
}

/*
 * Appends <event type date order number product product-code/>.
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
	    !page_attr(n, "product", e->product) ||
	    !page_attr(n, "product-code", e->product_code)))
		return NULL;
	return n;
}

/* Callbacks for the db_* listings: append to the element in `parent`. */
int
view_order_cb(void *parent, const struct order *o)
{
	return view_order(parent, o) != NULL;
}

int
view_event_cb(void *parent, const struct event *e)
{
	return view_event(parent, e) != NULL;
}

/*
 * Appends <document id filename type size sha256 created/>.
 */
int
view_doc_cb(void *parent, const struct doc *d)
{
	xmlNodePtr	 n;

	return (n = page_add(parent, "document", NULL)) != NULL &&
	    page_attrf(n, "id", "%lld", d->id) &&
	    page_attr(n, "filename", d->filename) &&
	    page_attr(n, "type", d->type) &&
	    page_attrf(n, "size", "%lld", d->size) &&
	    page_attr(n, "sha256", d->sha256) &&
	    page_attr(n, "created", d->created);
}

/*
 * Appends <organization id status method customer submitted decided
 * decided-by> with name, country (code; name attribute), state, locality, the registry number
 * and organizationIdentifier when verified by number, the rejection
 * reason, and as `more` asks (VIEW_ORDERS, VIEW_DOCS) the orders it was
 * submitted for and its documents.
 * Returns the element, or NULL on failure.
 */
xmlNodePtr
view_org(struct db *db, const struct catalog *cat, xmlNodePtr parent,
    const struct org *g, int more)
{
	xmlNodePtr	 n, c;
	char		 key[16];

	if ((n = page_add(parent, "organization", NULL)) == NULL ||
	    !page_attrf(n, "id", "%lld", g->id) ||
	    !page_attr(n, "status", org_status_names[g->status]) ||
	    !page_attr(n, "method", g->method) ||
	    !page_attr(n, "customer", g->login) ||
	    !page_attr(n, "submitted", g->submitted) ||
	    !page_attr(n, "decided", g->decided) ||
	    !page_attr(n, "decided-by", g->decided_by) ||
	    page_add(n, "name", g->name) == NULL ||
	    (c = page_add(n, "country", g->country)) == NULL ||
	    page_add(n, "state", g->state) == NULL ||
	    page_add(n, "locality", g->locality) == NULL)
		return NULL;
	/* The country's name in the page's language, beside its code. */
	snprintf(key, sizeof(key), "country.%s", g->country);
	if (!page_attr(c, "name", i18n_msg(cat, key)))
		return NULL;
	if (g->registry_type[0] != '\0' &&
	    (!page_attr(page_add(n, "registry", g->registry_number), "type",
	    g->registry_type) ||
	    page_add(n, "org-identifier", g->org_identifier) == NULL))
		return NULL;
	if (g->reason[0] != '\0' && page_add(n, "reason", g->reason) == NULL)
		return NULL;
	if ((more & VIEW_ORDERS) &&
	    db_orders_of_org(db, g->id, view_order_cb, n) != DB_OK)
		return NULL;
	if ((more & VIEW_DOCS) &&
	    db_docs_of_org(db, g->id, view_doc_cb, n) != DB_OK)
		return NULL;
	return n;
}

/*
 * Brings the first <order> under `parent`, put on the page before a
 * change, up to the state the change left (steps_apply()'s result), so
 * a page shown after a POST does not show the steps from before it.
 * Returns 0 when memory runs out.
 */
int
view_order_steps(xmlNodePtr parent, const struct stepstate *st)
{
	static const char *const	 names[] = { "data", "email",
	    "activation" };
	const enum step_status		 status[] = { st->data, st->email,
	    st->activation };
	xmlNodePtr			 o, s;
	xmlChar				*name;
	size_t				 i;

	for (o = parent->children; o != NULL; o = o->next)
		if (o->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(o->name, BAD_CAST "order"))
			break;
	if (o == NULL)
		return 1;
	if (xmlSetProp(o, BAD_CAST "status",
	    BAD_CAST order_status_names[st->status]) == NULL)
		return 0;
	for (s = o->children; s != NULL; s = s->next) {
		if (s->type != XML_ELEMENT_NODE ||
		    !xmlStrEqual(s->name, BAD_CAST "step") ||
		    (name = xmlGetProp(s, BAD_CAST "name")) == NULL)
			continue;
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (xmlStrEqual(name, BAD_CAST names[i]) &&
			    xmlSetProp(s, BAD_CAST "status",
			    BAD_CAST step_status_names[status[i]]) == NULL) {
				xmlFree(name);
				return 0;
			}
		xmlFree(name);
	}
	return 1;
}
