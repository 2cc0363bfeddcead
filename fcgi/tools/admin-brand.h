/*
 * smime-admin's brand command (admin-brand.c).
 */
#ifndef SMIME_ADMIN_BRAND_H
#define SMIME_ADMIN_BRAND_H

struct db;

int	 admin_brand(struct db *, int, char *[]);

#endif
