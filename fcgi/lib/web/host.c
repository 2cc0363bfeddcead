/*
 * The binding of a host name to a partner: see host.h.
 */
#include "config.h"

#include <string.h>

#include "host.h"

int
host_admits(const char *bound, const char *role, const char *partner)
{
	if (bound == NULL || *bound == '\0')
		return 1;
	/* The partner's host is the partner's: the installation's people
	 * (operators) use its own, which shows no partner's brand. */
	if (role == NULL || (strcmp(role, "customer") != 0 &&
	    strcmp(role, "partner") != 0))
		return 0;
	return partner != NULL && strcmp(partner, bound) == 0;
}
