/*
 * SMIME_DB parsed (dbconf.h). No I/O here: the password file is read,
 * and the servers tried, by db.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dbconf.h"
#include "log.h"

/* A port number of "1" to "65535"; 0 when `s` is not one. */
static unsigned int
port_of(const char *s)
{
	unsigned long	 n = 0;
	const char	*p;

	if (*s == '\0' || strlen(s) > 5)
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		n = n * 10 + (unsigned long)(*p - '0');
	}
	return n >= 1 && n <= 65535 ? (unsigned int)n : 0;
}

/*
 * Adds one server of a host= or socket= list: `item` is "name",
 * "name:port" or "[v6 address]:port" for a host, a path for a socket.
 * Returns 0 on a bad item or too many servers (logged).
 */
static int
add_server(struct dbconf *c, const char *item, int is_socket)
{
	struct dbserver	*s;
	const char	*name = item, *colon = NULL, *end;
	size_t		 len;

	if (*item == '\0') {
		log_warnx("SMIME_DB: empty %s in a list",
		    is_socket ? "socket" : "host");
		return 0;
	}
	if (c->nsrv == DBCONF_SERVERS_MAX) {
		log_warnx("SMIME_DB: more than %d servers", DBCONF_SERVERS_MAX);
		return 0;
	}
	s = &c->srv[c->nsrv];
	if (is_socket) {
		if ((s->socket = strdup(item)) == NULL)
			return 0;
		c->nsrv++;
		return 1;
	}
	if (*item == '[') {
		/* An IPv6 address, whose colons are not the port's. */
		if ((end = strchr(item, ']')) == NULL || end == item + 1 ||
		    (end[1] != '\0' && end[1] != ':'))
			goto bad;
		name = item + 1;
		len = (size_t)(end - name);
		if (end[1] == ':')
			colon = end + 1;
	} else {
		colon = strchr(item, ':');
		len = colon != NULL ? (size_t)(colon - item) : strlen(item);
		if (len == 0 || (colon != NULL && strchr(colon + 1, ':')))
			goto bad;
	}
	if (colon != NULL && (s->port = port_of(colon + 1)) == 0)
		goto bad;
	if ((s->host = strndup(name, len)) == NULL)
		return 0;
	c->nsrv++;
	return 1;
bad:
	log_warnx("SMIME_DB: bad host %.64s (name, name:port or [v6]:port)",
	    item);
	return 0;
}

/* Adds each item of a comma-separated list. Returns 0 on failure. */
static int
add_list(struct dbconf *c, const char *list, int is_socket)
{
	char	 item[256];
	size_t	 n;

	for (;;) {
		n = strcspn(list, ",");
		if (n >= sizeof(item)) {
			log_warnx("SMIME_DB: server name too long");
			return 0;
		}
		memcpy(item, list, n);
		item[n] = '\0';
		if (!add_server(c, item, is_socket))
			return 0;
		if (list[n] == '\0')
			return 1;
		list += n + 1;
	}
}

static int
set_string(char **dst, const char *v)
{
	free(*dst);
	return (*dst = strdup(v)) != NULL;
}

/*
 * Parses "key=value key=value …": host and socket (lists, and
 * repeatable), port, database, user, password_file (preferred: the
 * secret stays out of nginx's config) or password. Without host or
 * socket the server is MariaDB's default socket. Returns 0 on an unknown
 * key or a bad value (logged); dbconf_free() then frees what was parsed.
 */
int
dbconf_parse(struct dbconf *c, const char *info)
{
	char		*copy, *tok, *save = NULL, *v;
	unsigned int	 port = 0;
	size_t		 i;
	int		 rc = 0;

	memset(c, 0, sizeof(*c));
	if ((copy = strdup(info)) == NULL)
		return 0;
	for (tok = strtok_r(copy, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		if ((v = strchr(tok, '=')) == NULL) {
			log_warnx("SMIME_DB: %.64s: expected key=value", tok);
			goto out;
		}
		*v++ = '\0';
		if (strcmp(tok, "host") == 0 || strcmp(tok, "socket") == 0) {
			if (!add_list(c, v, tok[0] == 's'))
				goto out;
		} else if (strcmp(tok, "port") == 0) {
			if ((port = port_of(v)) == 0) {
				log_warnx("SMIME_DB: bad port %.16s", v);
				goto out;
			}
		} else if (strcmp(tok, "database") == 0) {
			if (!set_string(&c->database, v))
				goto out;
		} else if (strcmp(tok, "user") == 0) {
			if (!set_string(&c->user, v))
				goto out;
		} else if (strcmp(tok, "password") == 0) {
			if (!set_string(&c->password, v))
				goto out;
		} else if (strcmp(tok, "password_file") == 0) {
			if (!set_string(&c->password_file, v))
				goto out;
		} else {
			log_warnx("SMIME_DB: unknown key %.64s", tok);
			goto out;
		}
	}
	/* No server named: the client library's default socket. */
	if (c->nsrv == 0)
		c->nsrv = 1;
	for (i = 0; i < c->nsrv; i++)
		if (c->srv[i].host != NULL && c->srv[i].port == 0)
			c->srv[i].port = port;
	rc = 1;
out:
	if (copy != NULL) {
		explicit_bzero(copy, strlen(info));
		free(copy);
	}
	return rc;
}

void
dbconf_free(struct dbconf *c)
{
	size_t	 i;

	for (i = 0; i < DBCONF_SERVERS_MAX; i++) {
		free(c->srv[i].host);
		free(c->srv[i].socket);
	}
	if (c->password != NULL)
		explicit_bzero(c->password, strlen(c->password));
	free(c->password);
	free(c->password_file);
	free(c->database);
	free(c->user);
	memset(c, 0, sizeof(*c));
}
