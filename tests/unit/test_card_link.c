/*
 * Unit tests of the card agent's link (fcgi/card/wire.c, wire_init()):
 * which links smime-card accepts, the URL it then talks to, and the
 * links it refuses: other schemes, plain http to anything but this
 * machine (also disguised as it), paths and codes not the protocol's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "wire.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define C32	"0123456789abcdef0123456789ABCDEF"

static void
test_accepted(void **state)
{
	static const struct {
		const char	*link;
		const char	*url;
	} good[] = {
		{ "smime-card:https://certs.example.com/activation/card/" C32,
		  "https://certs.example.com/activation/card/" C32 },
		{ "smime-card:https://certs.example.com:8443/x/activation/card/"
		  C32 "/",
		  "https://certs.example.com:8443/x/activation/card/" C32 },
		{ "https://certs.example.com/activation/card/" C32,
		  "https://certs.example.com/activation/card/" C32 },
		{ "smime-card:http://127.0.0.1:8080/activation/card/" C32,
		  "http://127.0.0.1:8080/activation/card/" C32 },
		{ "smime-card:http://localhost/activation/card/" C32,
		  "http://localhost/activation/card/" C32 },
		{ "smime-card:http://[::1]:80/activation/card/" C32,
		  "http://[::1]:80/activation/card/" C32 },
	};
	struct wire	 w;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(good); i++) {
		assert_true(wire_init(&w, good[i].link, NULL));
		assert_string_equal(w.url, good[i].url);
	}
}

static void
test_refused(void **state)
{
	static const char *const bad[] = {
		"",
		"smime-card:",
		"smime-card:ftp://certs.example.com/activation/card/" C32,
		"smime-card:http://certs.example.com/activation/card/" C32,
		"smime-card:http://127.0.0.1.evil.example/activation/card/" C32,
		"smime-card:http://localhost.evil.example/activation/card/" C32,
		"smime-card:http://127.0.0.1@evil.example/activation/card/" C32,
		"smime-card:https:///activation/card/" C32,
		"smime-card:https://certs.example.com",
		"smime-card:https://certs.example.com/activation/card/",
		"smime-card:https://certs.example.com/activation/card/0123",
		"smime-card:https://certs.example.com/activation/card/"
		    "0123456789abcdef0123456789abcdeg",
		"smime-card:https://certs.example.com/activation/card/" C32
		    "?x=1",
		"smime-card:https://certs.example.com/activation/card/" C32
		    "#top",
		"smime-card:https://certs.example.com/activation/card/" C32
		    "/csr",
		"smime-card:https://certs.example.com/activation/" C32,
		"smime-card:https://certs.example.com/activation/cards/" C32,
		"smime-card:https://certs.example.com/activation/card/x" C32,
	};
	struct wire	 w;
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(bad); i++) {
		assert_false(wire_init(&w, bad[i], NULL));
		assert_true(w.why[0] != '\0');
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
