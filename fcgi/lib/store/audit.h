/*
 * The audit trail (S/MIME BR 5.4.1): one row per state change, written in
 * the transaction that makes the change, so a change without its record
 * cannot commit.
 */
#ifndef SMIME_AUDIT_H
#define SMIME_AUDIT_H

struct db;

int	 audit_add(struct db *, const char *, const char *, const char *,
	    const char *, long long, const char *, const char *);
int	 audit_add_pair(struct db *, const char *, const char *,
	    const char *, long long, const char *, const char *,
	    const char *, const char *, const char *);

#endif
