/*
 * The yardstick of the page benchmark: a FastCGI responder that sends a
 * fixed body (the bytes of the page being measured, read once from a
 * file) and does nothing else. Listens on fd 0 like the handlers, with
 * the same number of worker processes.
 *
 *   trivial-responder WORKERS BODY-FILE...
 *
 * With several files, the query string picks one by its number (0 the
 * first), so that one responder stands beside every page of a table.
 */
#include <sys/prctl.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#define BODIES	16

struct body {
	char	*s;
	size_t	 len;
	char	 head[1024];
	int	 hlen;
};

static int
body_load(struct body *b, const char *path)
{
	FILE	*f;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (b->s = malloc((size_t)n + 1)) == NULL ||
	    fread(b->s, 1, (size_t)n, f) != (size_t)n) {
		if (f != NULL)
			fclose(f);
		return 0;
	}
	fclose(f);
	b->len = (size_t)n;
	/* The same head the handlers send, so only the work differs. */
	b->hlen = snprintf(b->head, sizeof(b->head), "Status: 200 OK\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: %zu\r\n"
	    "Cache-Control: no-store\r\n"
	    "Vary: Accept\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: no-referrer\r\n"
	    "Content-Security-Policy: default-src 'none'; style-src 'self'; "
	    "img-src 'self' data:; form-action 'self'; base-uri 'none'; "
	    "frame-ancestors 'none'\r\n\r\n", b->len);
	return 1;
}

int
main(int argc, char *argv[])
{
	static struct body	 bodies[BODIES];
	FCGX_Request		 fr;
	const char		*q;
	int			 i, n, pick, workers;

	if (argc < 3 || argc - 2 > BODIES)
		return 2;
	workers = atoi(argv[1]);
	for (n = 0; n < argc - 2; n++)
		if (!body_load(&bodies[n], argv[n + 2]))
			return 2;
	FCGX_Init();
	for (i = 1; i < workers; i++)
		if (fork() == 0) {
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			break;
		}
	signal(SIGTERM, SIG_DFL);
	FCGX_InitRequest(&fr, 0, 0);
	while (FCGX_Accept_r(&fr) >= 0) {
		pick = 0;
		if (n > 1 && (q = FCGX_GetParam("QUERY_STRING", fr.envp)) != NULL)
			pick = atoi(q);
		if (pick < 0 || pick >= n)
			pick = 0;
		FCGX_PutStr(bodies[pick].head, bodies[pick].hlen, fr.out);
		FCGX_PutStr(bodies[pick].s, (int)bodies[pick].len, fr.out);
		FCGX_Finish_r(&fr);
	}
	return 0;
}
