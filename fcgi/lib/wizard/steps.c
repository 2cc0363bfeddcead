/*
 * The wizard's state machine: which event an order's state allows, what
 * it becomes, and the one function that applies an event inside the
 * caller's transaction with its event and audit rows.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "log.h"
#include "steps.h"

const char *const step_status_names[STEP__MAX] = {
	"unavailable",		/* STEP_UNAVAILABLE */
	"awaiting",		/* STEP_AWAITING */
	"submitted",		/* STEP_SUBMITTED */
	"verified",		/* STEP_VERIFIED */
	"rejected",		/* STEP_REJECTED */
	"issued",		/* STEP_ISSUED */
};

const char *const order_status_names[ORDER__MAX] = {
	"waiting",		/* ORDER_WAITING */
	"verification",		/* ORDER_VERIFICATION */
	"issued",		/* ORDER_ISSUED */
	"revoked",		/* ORDER_REVOKED */
	"expired",		/* ORDER_EXPIRED */
	"rejected",		/* ORDER_REJECTED */
};

const char *const org_status_names[ORG__MAX] = {
	"draft",		/* ORG_DRAFT */
	"submitted",		/* ORG_SUBMITTED */
	"verified",		/* ORG_VERIFIED */
	"rejected",		/* ORG_REJECTED */
};

const char *const step_event_names[EV__MAX] = {
	"data-submitted",	/* EV_DATA_SUBMITTED */
	"data-verified",	/* EV_DATA_REUSED */
	"data-verified",	/* EV_DATA_VERIFIED */
	"data-rejected",	/* EV_DATA_REJECTED */
	"email-submitted",	/* EV_EMAIL_SUBMITTED */
	"email-verified",	/* EV_EMAIL_VERIFIED */
	"certificate-issued",	/* EV_ISSUED */
	"certificate-revoked",	/* EV_REVOKED */
	"certificate-expired",	/* EV_EXPIRED */
};

/* The index of `s` in `names[n]`, into *out. Returns 0 if none. */
static int
lookup(const char *s, const char *const *names, int n, int *out)
{
	int	 i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = i;
			return 1;
		}
	return 0;
}

/* A step status from its name. Returns 0 for an unknown name. */
int
step_status_parse(const char *s, enum step_status *out)
{
	int	 i;

	if (!lookup(s, step_status_names, STEP__MAX, &i))
		return 0;
	*out = (enum step_status)i;
	return 1;
}

/* An order status from its name. Returns 0 for an unknown name. */
int
order_status_parse(const char *s, enum order_status *out)
{
	int	 i;

	if (!lookup(s, order_status_names, ORDER__MAX, &i))
		return 0;
	*out = (enum order_status)i;
	return 1;
}

/* An organization status from its name. Returns 0 for an unknown name. */
int
org_status_parse(const char *s, enum org_status *out)
{
	int	 i;

	if (!lookup(s, org_status_names, ORG__MAX, &i))
		return 0;
	*out = (enum org_status)i;
	return 1;
}

/* Whether the order still takes the wizard's steps. */
static int
open_order(const struct stepstate *s)
{
	return s->status == ORDER_WAITING || s->status == ORDER_VERIFICATION;
}

/* Step 1 is open to (new) data. */
static int
data_open(const struct stepstate *s)
{
	return open_order(s) &&
	    (s->data == STEP_AWAITING || s->data == STEP_REJECTED);
}

/* Step 1 verified: step 2 opens. */
static void
data_verified(struct stepstate *n)
{
	n->data = STEP_VERIFIED;
	if (n->email == STEP_UNAVAILABLE)
		n->email = STEP_AWAITING;
	n->status = ORDER_VERIFICATION;
}

/*
 * What event `ev` makes of state `cur`, into *next. Returns 1 if the
 * rules allow the event in that state, else 0 (*next then equals *cur).
 * Pure: the unit test walks every state and event through it.
 */
int
steps_next(const struct stepstate *cur, enum step_event ev,
    struct stepstate *next)
{
	*next = *cur;
	switch (ev) {
	case EV_DATA_SUBMITTED:
		if (!data_open(cur))
			return 0;
		next->data = STEP_SUBMITTED;
		next->status = ORDER_VERIFICATION;
		return 1;
	case EV_DATA_REUSED:
		if (!data_open(cur))
			return 0;
		data_verified(next);
		return 1;
	case EV_DATA_VERIFIED:
		if (!open_order(cur) || cur->data != STEP_SUBMITTED)
			return 0;
		data_verified(next);
		return 1;
	case EV_DATA_REJECTED:
		if (!open_order(cur) || cur->data != STEP_SUBMITTED)
			return 0;
		next->data = STEP_REJECTED;
		next->status = ORDER_WAITING;
		return 1;
	case EV_EMAIL_SUBMITTED:
		if (!open_order(cur) || cur->data != STEP_VERIFIED ||
		    (cur->email != STEP_AWAITING &&
		    cur->email != STEP_SUBMITTED &&
		    cur->email != STEP_REJECTED))
			return 0;
		next->email = STEP_SUBMITTED;
		return 1;
	case EV_EMAIL_VERIFIED:
		if (!open_order(cur) || cur->data != STEP_VERIFIED ||
		    cur->email != STEP_SUBMITTED)
			return 0;
		next->email = STEP_VERIFIED;
		if (next->activation == STEP_UNAVAILABLE)
			next->activation = STEP_AWAITING;
		return 1;
	case EV_ISSUED:
		if (!open_order(cur) || cur->data != STEP_VERIFIED ||
		    cur->email != STEP_VERIFIED ||
		    cur->activation != STEP_AWAITING)
			return 0;
		next->activation = STEP_ISSUED;
		next->status = ORDER_ISSUED;
		return 1;
	case EV_REVOKED:
		if (cur->status != ORDER_ISSUED)
			return 0;
		next->status = ORDER_REVOKED;
		return 1;
	case EV_EXPIRED:
		if (cur->status != ORDER_ISSUED)
			return 0;
		next->status = ORDER_EXPIRED;
		return 1;
	default:
		return 0;
	}
}

/* Whether the rules allow event `ev` in state `cur`. */
int
steps_allows(const struct stepstate *cur, enum step_event ev)
{
	struct stepstate next;

	return steps_next(cur, ev, &next);
}

/*
 * Applies event `ev` to order `order` inside the caller's transaction:
 * locks the order's row, checks the transition, stores the new state,
 * and writes the order's event and an audit row (`action`, default the
 * event's name; `object`, default "order:<id>"; `details`) for `who`.
 * Returns STEPS_OK, STEPS_REFUSED (nothing written: the caller answers
 * 409 and rolls back) or STEPS_ERR (logged: 500).
 */
enum stepsrc
steps_apply(struct db *db, const struct actor *who, long long order,
    enum step_event ev, const char *action, const char *object,
    const char *details, struct steps *out)
{
	struct steps	 s;
	struct stepstate next;
	char		 obj[32];
	enum dbrc	 rc;

	if ((rc = db_order_lock(db, order, &s)) != DB_OK) {
		if (rc == DB_NOTFOUND)
			log_warnx("order %lld: no such order for %s", order,
			    step_event_names[ev]);
		return STEPS_ERR;
	}
	if (!steps_next(&s.st, ev, &next))
		return STEPS_REFUSED;
	s.st = next;
	if (object == NULL) {
		snprintf(obj, sizeof(obj), "order:%lld", order);
		object = obj;
	}
	if (db_order_set_steps(db, order, &s) != DB_OK ||
	    db_event_add(db, s.account_id, order, step_event_names[ev]) !=
	    DB_OK ||
	    !audit_add(db, who->login, who->role, who->addr,
	    action != NULL ? action : step_event_names[ev], order, object,
	    details))
		return STEPS_ERR;
	if (out != NULL)
		*out = s;
	return STEPS_OK;
}
