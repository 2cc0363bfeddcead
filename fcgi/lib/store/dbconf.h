/*
 * The conninfo string of SMIME_DB, parsed: the database servers to try
 * in order (several for a Galera cluster), and the credentials.
 *
 *	host=db1,db2:3307 host=[::1]:3306 socket=/run/mysqld/mysqld.sock
 *	database=smime user=smime password_file=/etc/smime-activation/db
 *
 * A host is "name" or "name:port" ("[v6]:port"); `port=` is the port of
 * hosts that name none. Servers are tried in the order they are written,
 * sockets and hosts alike.
 */
#ifndef SMIME_DBCONF_H
#define SMIME_DBCONF_H

/* The most servers one conninfo names. */
#define DBCONF_SERVERS_MAX	16

struct dbserver {
	char		*host;		/* NULL: a unix socket */
	char		*socket;	/* NULL: TCP to host */
	unsigned int	 port;		/* 0: the default (3306) */
};

struct dbconf {
	struct dbserver	 srv[DBCONF_SERVERS_MAX];
	size_t		 nsrv;
	char		*database;
	char		*user;
	char		*password;	/* as given, or NULL */
	char		*password_file;	/* to read it from, or NULL */
};

int	 dbconf_parse(struct dbconf *, const char *);
void	 dbconf_free(struct dbconf *);

#endif
