/*
 * Unit tests of steps.c, the wizard's state machine.
 *
 * The expected machine is written out below by hand from the reference
 * manual's rules (DESIGN.md, "The wizard"): every state an order can
 * reach from a new order, and for each the events it allows and what
 * they lead to. The tests walk every state of the whole product space
 * (6 x 6 x 6 step statuses x 6 order statuses) with every event:
 * - from a reachable state, the allowed events give exactly the listed
 *   state, every other event is refused;
 * - a refused event leaves the state as it was;
 * - a breadth-first walk from a new order reaches exactly the listed
 *   states, so the list is the machine and nothing else is reachable.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "steps.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define U	STEP_UNAVAILABLE
#define A	STEP_AWAITING
#define S	STEP_SUBMITTED
#define V	STEP_VERIFIED
#define R	STEP_REJECTED
#define I	STEP_ISSUED

/* The reachable states, by number. */
static const struct stepstate states[] = {
	{ A, U, U, ORDER_WAITING },		/* 0: a new order */
	{ S, U, U, ORDER_VERIFICATION },	/* 1: data submitted */
	{ V, A, U, ORDER_VERIFICATION },	/* 2: data verified */
	{ R, U, U, ORDER_WAITING },		/* 3: data rejected */
	{ V, S, U, ORDER_VERIFICATION },	/* 4: mailbox link sent */
	{ V, V, A, ORDER_VERIFICATION },	/* 5: mailbox verified */
	{ V, V, I, ORDER_ISSUED },		/* 6: issued */
	{ V, V, I, ORDER_REVOKED },		/* 7: revoked */
	{ V, V, I, ORDER_EXPIRED },		/* 8: expired */
};

/* Every allowed transition: from state, event, to state. */
static const struct edge {
	int		 from;
	enum step_event	 ev;
	int		 to;
} edges[] = {
	{ 0, EV_DATA_SUBMITTED, 1 },
	{ 0, EV_DATA_REUSED, 2 },
	{ 1, EV_DATA_VERIFIED, 2 },
	{ 1, EV_DATA_REJECTED, 3 },
	{ 3, EV_DATA_SUBMITTED, 1 },
	{ 3, EV_DATA_REUSED, 2 },
	{ 2, EV_EMAIL_SUBMITTED, 4 },
	{ 4, EV_EMAIL_SUBMITTED, 4 },	/* sent again */
	{ 4, EV_EMAIL_VERIFIED, 5 },
	{ 5, EV_ISSUED, 6 },
	{ 6, EV_REVOKED, 7 },
	{ 6, EV_EXPIRED, 8 },
};

static int
same(const struct stepstate *a, const struct stepstate *b)
{
	return a->data == b->data && a->email == b->email &&
	    a->activation == b->activation && a->status == b->status;
}

/* The number of `s` in states[], or -1. */
static int
reachable(const struct stepstate *s)
{
	size_t	 i;

	for (i = 0; i < NELEM(states); i++)
		if (same(s, &states[i]))
			return (int)i;
	return -1;
}

/* The listed target of (from, ev), or -1 when the event is refused. */
static int
target(int from, enum step_event ev)
{
	size_t	 i;

	for (i = 0; i < NELEM(edges); i++)
		if (edges[i].from == from && edges[i].ev == ev)
			return edges[i].to;
	return -1;
}

static void
name(char *out, size_t outsz, const struct stepstate *s)
{
	snprintf(out, outsz, "%s/%s/%s/%s", step_status_names[s->data],
	    step_status_names[s->email], step_status_names[s->activation],
	    order_status_names[s->status]);
}

/* Every state of the product space, with every event. */
static void
test_every_transition(void **state)
{
	struct stepstate cur, next;
	int		 d, e, a, o, ev, from, to, ok, allowed = 0, refused = 0;
	char		 n1[80], n2[80];

	(void)state;
	for (d = 0; d < STEP__MAX; d++)
	for (e = 0; e < STEP__MAX; e++)
	for (a = 0; a < STEP__MAX; a++)
	for (o = 0; o < ORDER__MAX; o++)
	for (ev = 0; ev < EV__MAX; ev++) {
		cur.data = (enum step_status)d;
		cur.email = (enum step_status)e;
		cur.activation = (enum step_status)a;
		cur.status = (enum order_status)o;
		ok = steps_next(&cur, (enum step_event)ev, &next);
		assert_int_equal(ok, steps_allows(&cur, (enum step_event)ev));
		name(n1, sizeof(n1), &cur);
		if (!ok) {
			/* A refusal changes nothing. */
			if (!same(&cur, &next))
				fail_msg("%s %s: refused but changed", n1,
				    step_event_names[ev]);
			refused++;
		} else
			allowed++;
		if ((from = reachable(&cur)) < 0)
			continue;
		to = target(from, (enum step_event)ev);
		if (to < 0 && ok) {
			name(n2, sizeof(n2), &next);
			fail_msg("%s %s: allowed (to %s), expected refused",
			    n1, step_event_names[ev], n2);
		}
		if (to >= 0 && !ok)
			fail_msg("%s %s: refused, expected state %d", n1,
			    step_event_names[ev], to);
		if (to >= 0 && !same(&next, &states[to])) {
			name(n2, sizeof(n2), &next);
			fail_msg("%s %s: to %s, expected state %d", n1,
			    step_event_names[ev], n2, to);
		}
	}
	assert_true(allowed > 0);
	assert_true(refused > 0);
}

/* From a new order, the events reach exactly the listed states. */
static void
test_reachable_states(void **state)
{
	struct stepstate queue[64], next;
	int		 seen[NELEM(states)];
	size_t		 head = 0, tail = 0, i;
	int		 ev, k;

	(void)state;
	memset(seen, 0, sizeof(seen));
	queue[tail++] = states[0];
	seen[0] = 1;
	while (head < tail) {
		for (ev = 0; ev < EV__MAX; ev++) {
			if (!steps_next(&queue[head], (enum step_event)ev,
			    &next))
				continue;
			k = reachable(&next);
			assert_true(k >= 0);
			if (!seen[k]) {
				seen[k] = 1;
				assert_true(tail < NELEM(queue));
				queue[tail++] = next;
			}
		}
		head++;
	}
	for (i = 0; i < NELEM(states); i++)
		if (!seen[i])
			fail_msg("state %zu is never reached", i);
}

/* Issued, revoked and expired orders take no step of the wizard. */
static void
test_closed_orders(void **state)
{
	static const enum step_event wizard[] = {
		EV_DATA_SUBMITTED, EV_DATA_REUSED, EV_DATA_VERIFIED,
		EV_DATA_REJECTED, EV_EMAIL_SUBMITTED, EV_EMAIL_VERIFIED,
		EV_ISSUED
	};
	size_t	 i, j;

	(void)state;
	for (i = 6; i < NELEM(states); i++)
		for (j = 0; j < NELEM(wizard); j++)
			assert_false(steps_allows(&states[i], wizard[j]));
	/* Revoked and expired are final. */
	assert_false(steps_allows(&states[7], EV_REVOKED));
	assert_false(steps_allows(&states[7], EV_EXPIRED));
	assert_false(steps_allows(&states[8], EV_REVOKED));
}

/* The names are the database's and the XML's, and parse back. */
static void
test_names(void **state)
{
	enum step_status	 s;
	enum order_status	 o;
	enum org_status		 g;
	int			 i;

	(void)state;
	for (i = 0; i < STEP__MAX; i++) {
		assert_true(step_status_parse(step_status_names[i], &s));
		assert_int_equal(s, i);
	}
	for (i = 0; i < ORDER__MAX; i++) {
		assert_true(order_status_parse(order_status_names[i], &o));
		assert_int_equal(o, i);
	}
	for (i = 0; i < ORG__MAX; i++) {
		assert_true(org_status_parse(org_status_names[i], &g));
		assert_int_equal(g, i);
	}
	assert_string_equal(step_status_names[STEP_AWAITING], "awaiting");
	assert_string_equal(order_status_names[ORDER_VERIFICATION],
	    "verification");
	assert_string_equal(step_event_names[EV_ISSUED],
	    "certificate-issued");
	assert_false(step_status_parse("Verified", &s));
	assert_false(step_status_parse("", &s));
	assert_false(step_status_parse(NULL, &s));
	assert_false(order_status_parse("verified", &o));
	assert_false(org_status_parse("awaiting", &g));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_transition),
		cmocka_unit_test(test_reachable_states),
		cmocka_unit_test(test_closed_orders),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
