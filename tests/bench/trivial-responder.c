/*
 * The yardstick of the page benchmark: a FastCGI responder that sends a
 * fixed body (the bytes of the page being measured, read once from a
 * file) and does nothing else. Listens on fd 0 like the handlers, with
 * the same number of worker processes.
 *
 *   trivial-responder BODY-FILE [WORKERS]
 */
#include <sys/prctl.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <fcgiapp.h>

int
main(int argc, char *argv[])
{
	FCGX_Request	 fr;
	static char	 body[1 << 20];
	size_t		 len;
	char		 head[1024];
	int		 hlen;
	FILE		*f;
	int		 i, workers;

	if (argc < 2 || (f = fopen(argv[1], "rb")) == NULL)
		return 2;
	len = fread(body, 1, sizeof(body), f);
	fclose(f);
	workers = argc > 2 ? atoi(argv[2]) : 2;
	/* The same head the handlers send, so only the work differs. */
	hlen = snprintf(head, sizeof(head), "Status: 200 OK\r\n"
	    "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Length: %zu\r\n"
	    "Cache-Control: no-store\r\n"
	    "Vary: Accept\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: no-referrer\r\n"
	    "Content-Security-Policy: default-src 'none'; style-src 'self'; "
	    "img-src 'self' data:; form-action 'self'; base-uri 'none'; "
	    "frame-ancestors 'none'\r\n\r\n", len);
	FCGX_Init();
	for (i = 1; i < workers; i++)
		if (fork() == 0) {
			prctl(PR_SET_PDEATHSIG, SIGTERM);
			break;
		}
	signal(SIGTERM, SIG_DFL);
	FCGX_InitRequest(&fr, 0, 0);
	while (FCGX_Accept_r(&fr) >= 0) {
		FCGX_PutStr(head, hlen, fr.out);
		FCGX_PutStr(body, (int)len, fr.out);
		FCGX_Finish_r(&fr);
	}
	return 0;
}
