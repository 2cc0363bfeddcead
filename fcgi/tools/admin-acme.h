/* smime-admin's ACME commands (admin-acme.c). */
#ifndef SMIME_ADMIN_ACME_H
#define SMIME_ADMIN_ACME_H

struct db;

int	 admin_acme(struct db *, int, char *[]);

#endif
