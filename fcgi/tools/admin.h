/*
 * smime-admin's commands that live in files of their own: the weak key
 * lists (admin-weakkeys.c), the health check and the migration check
 * (admin-status.c), and the configuration file (admin-status.c).
 *
 * Each command takes its argc/argv starting at its own name and returns
 * the process's exit status.
 */
#ifndef SMIME_ADMIN_H
#define SMIME_ADMIN_H

struct db;

void	 admin_config(const char *);
int	 admin_weakkeys(int, char *[]);
int	 admin_status(const char *, int, char *[]);
int	 admin_migrate_check(struct db *, const char *);
int	 admin_is_migration(const char *);

#endif
