/*
 * dbconf.c: SMIME_DB with one or several servers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "dbconf.h"

/* A server as "host:port", "unix:path" or "default", to compare. */
static void
show(const struct dbserver *s, char *out, size_t outsz)
{
	if (s->socket != NULL)
		snprintf(out, outsz, "unix:%s", s->socket);
	else if (s->host != NULL)
		snprintf(out, outsz, "%s:%u", s->host, s->port);
	else
		snprintf(out, outsz, "default");
}

static void
test_servers(void **state)
{
	static const struct {
		const char	*info;
		const char	*want[4];	/* the servers, in order */
	} v[] = {
		{ "database=smime user=smime", { "default" } },
		{ "socket=/run/mysqld/mysqld.sock database=smime",
		    { "unix:/run/mysqld/mysqld.sock" } },
		{ "host=db1", { "db1:0" } },
		{ "host=db1 port=3307", { "db1:3307" } },
		{ "port=3307 host=db1", { "db1:3307" } },
		{ "host=a,b:3308,c port=3307",
		    { "a:3307", "b:3308", "c:3307" } },
		{ "host=a host=b:1", { "a:0", "b:1" } },
		{ "host=127.0.0.1:1,127.0.0.1:3306",
		    { "127.0.0.1:1", "127.0.0.1:3306" } },
		{ "host=[::1]:3306,[fe80::1]",
		    { "::1:3306", "fe80::1:0" } },
		{ "socket=/nonexistent,/run/my.sock host=db",
		    { "unix:/nonexistent", "unix:/run/my.sock", "db:0" } },
		{ "host=db socket=/s", { "db:0", "unix:/s" } },
		{ "\thost=a,b\t user=x ", { "a:0", "b:0" } },
	};
	struct dbconf	 c;
	char		 got[300];
	size_t		 i, j, n;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (!dbconf_parse(&c, v[i].info))
			fail_msg("vector %zu: refused", i);
		for (n = 0; n < 4 && v[i].want[n] != NULL; n++)
			continue;
		if (c.nsrv != n)
			fail_msg("vector %zu: %zu servers, expected %zu", i,
			    c.nsrv, n);
		for (j = 0; j < n; j++) {
			show(&c.srv[j], got, sizeof(got));
			if (strcmp(got, v[i].want[j]) != 0)
				fail_msg("vector %zu, server %zu: %s, expected "
				    "%s", i, j, got, v[i].want[j]);
		}
		dbconf_free(&c);
	}
}

static void
test_credentials(void **state)
{
	struct dbconf	 c;

	assert_int_equal(dbconf_parse(&c, "host=a database=d user=u "
	    "password=p password_file=/etc/f"), 1);
	assert_string_equal(c.database, "d");
	assert_string_equal(c.user, "u");
	assert_string_equal(c.password, "p");
	assert_string_equal(c.password_file, "/etc/f");
	dbconf_free(&c);
	/* Repeated keys: the last one counts. */
	assert_int_equal(dbconf_parse(&c, "user=a user=b"), 1);
	assert_string_equal(c.user, "b");
	assert_null(c.password);
	dbconf_free(&c);
}

static void
test_refused(void **state)
{
	static const char *const bad[] = {
		"host",			/* no value */
		"colour=blue",		/* unknown key */
		"host=a,,b",		/* empty item */
		"host=,a",
		"host=a,",
		"host=",
		"socket=",
		"host=a:",		/* empty port */
		"host=a:0",
		"host=a:65536",
		"host=a:33o6",
		"host=a:1:2",		/* a bare v6 address */
		"host=::1",
		"host=[::1",		/* unclosed */
		"host=[]:1",
		"host=[::1]x",
		"host=:3306",
		"port=x host=a",
		"port=0",
		"port=",
		/* Seventeen servers: one too many. */
		"host=a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q",
		"host=a,b,c,d,e,f,g,h host=i,j,k,l,m,n,o,p socket=/q",
	};
	struct dbconf	 c;
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (dbconf_parse(&c, bad[i]))
			fail_msg("accepted: %s", bad[i]);
		dbconf_free(&c);
	}
	/* Sixteen are fine. */
	assert_int_equal(dbconf_parse(&c,
	    "host=a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p"), 1);
	assert_int_equal(c.nsrv, 16);
	dbconf_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_servers),
		cmocka_unit_test(test_credentials),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
