/*
 * The wizard's rules: an order's three steps and its status, and the
 * events that move them. One verified step opens the next; nothing else
 * in the program decides that.
 *
 *   data:       awaiting -> submitted -> verified | rejected -> submitted
 *               awaiting | rejected -> verified (saved data reused)
 *   email:      unavailable -> awaiting (data verified)
 *               awaiting | submitted | rejected -> submitted -> verified
 *   activation: unavailable -> awaiting (email verified) -> issued
 *   order:      waiting -> verification -> issued -> revoked | expired
 *
 * The names of the enums' values are the database's and the XML's
 * strings (DESIGN.md, "The XML contract").
 */
#ifndef SMIME_STEPS_H
#define SMIME_STEPS_H

struct db;

enum step_status {
	STEP_UNAVAILABLE,	/* providing the data is not available yet */
	STEP_AWAITING,		/* the step awaits the data */
	STEP_SUBMITTED,		/* saved, waiting for verification */
	STEP_VERIFIED,		/* verification was successful */
	STEP_REJECTED,		/* refused, with the operator's reason */
	STEP_ISSUED,		/* the activation step: certificate issued */
	STEP__MAX
};

enum order_status {
	ORDER_WAITING,		/* waiting for activation */
	ORDER_VERIFICATION,	/* under verification */
	ORDER_ISSUED,		/* the certificate is issued */
	ORDER_REVOKED,		/* and revoked */
	ORDER_EXPIRED,		/* and past its end */
	ORDER_REJECTED,		/* refused for good */
	ORDER__MAX
};

/* The status of a set of organization data. */
enum org_status {
	ORG_DRAFT,		/* entered, not submitted */
	ORG_SUBMITTED,		/* in the operators' queue */
	ORG_VERIFIED,		/* approved */
	ORG_REJECTED,		/* refused */
	ORG__MAX
};

enum step_event {
	EV_DATA_SUBMITTED,	/* step 1 sent to the operators */
	EV_DATA_REUSED,		/* step 1 verified by saved, verified data */
	EV_DATA_VERIFIED,	/* an operator approved the data */
	EV_DATA_REJECTED,	/* an operator rejected the data */
	EV_EMAIL_SUBMITTED,	/* the mailbox link mailed (or mailed again) */
	EV_EMAIL_VERIFIED,	/* the mailbox link followed */
	EV_ISSUED,		/* the certificate issued */
	EV_REVOKED,		/* the certificate revoked */
	EV_EXPIRED,		/* the certificate past its end */
	EV__MAX
};

extern const char *const step_status_names[STEP__MAX];
extern const char *const order_status_names[ORDER__MAX];
extern const char *const org_status_names[ORG__MAX];
/* The event as the events table and the mails name it. */
extern const char *const step_event_names[EV__MAX];

/* Where an order stands: what the events act on. */
struct stepstate {
	enum step_status	 data;
	enum step_status	 email;
	enum step_status	 activation;
	enum order_status	 status;
};

/* Who acts: the audit row's actor, role and address. */
struct actor {
	const char	*login;
	const char	*role;
	const char	*addr;
};

enum stepsrc {
	STEPS_OK,	/* moved, event and audit written */
	STEPS_REFUSED,	/* the order's state does not allow the event */
	STEPS_ERR,	/* the database failed: logged, the caller answers 500 */
	STEPS__MAX
};

int		 step_status_parse(const char *, enum step_status *);
int		 order_status_parse(const char *, enum order_status *);
int		 org_status_parse(const char *, enum org_status *);
int		 steps_allows(const struct stepstate *, enum step_event);
int		 steps_next(const struct stepstate *, enum step_event,
		    struct stepstate *);
struct steps;
enum stepsrc	 steps_apply(struct db *, const struct actor *, long long,
		    enum step_event, const char *, const char *,
		    const char *, struct steps *);

#endif
