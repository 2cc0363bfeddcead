/*
 * Which accounts a host name serves. A server block may bind its host to
 * one partner (SMIME_PARTNER, the partner's code): that host is the
 * partner's own storefront, in its brand, and serves the account pages
 * of that partner's accounts and customers only. Everyone else gets 404
 * there, as if nothing were at the address, so a partner's host never
 * shows that another partner's customer or order exists. A host bound
 * to no partner (the installation's own) serves every account.
 */
#ifndef SMIME_HOST_H
#define SMIME_HOST_H

/*
 * Whether the host bound to partner `bound` (NULL or "": none) admits an
 * account of role `role` whose partner has code `partner` (NULL or "":
 * no partner). Operators work on the installation's own host only.
 */
int	 host_admits(const char *bound, const char *role, const char *partner);

#endif
