/*
 * The seccomp filter of every handler worker: after its set-up, a worker
 * may use what serving needs (its FastCGI socket, the database, the
 * resolver for CAA, reading its stylesheets and settings, writing CRLs
 * in the activation program) and nothing else. Starting programs,
 * tracing, mounting, changing identity and the like kill the worker at
 * once (SIGSYS); any other call outside the list fails with EPERM and is
 * logged with its number, so a missing entry shows in the log instead of
 * passing silently.
 *
 * The signer (signer.c) is forked from a worker and inherits this filter
 * before it adds its own, narrower one.
 */
#ifndef SMIME_SANDBOX_H
#define SMIME_SANDBOX_H

enum sandbox_need {
	SANDBOX_BASE = 0,	/* every handler */
	SANDBOX_SIGNER = 1,	/* may fork (and reap) its signer */
	SANDBOX__MAX
};

void	 sandbox_want(enum sandbox_need);
int	 sandbox_enter(void);
int	 sandbox_active(void);

#endif
