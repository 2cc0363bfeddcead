/*
 * One DNS TXT lookup: see dnstxt.h.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>

#include <ares.h>
#include <arpa/nameser.h>

#include "dnstxt.h"
#include "log.h"

const char *const dnstxt_names[DNSTXT__MAX] = {
	"ok",		/* DNSTXT_OK */
	"none",		/* DNSTXT_NONE */
	"failed",	/* DNSTXT_FAILED */
};

struct answer {
	int		 done;
	enum dnstxt	 rc;
	char		*out;
	size_t		 outsz;
};

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The answer: the strings of the first TXT record joined (RFC 6376
 * 3.6.2.2), which must fit in `out` and hold no NUL.
 */
static void
done(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct answer			*a = arg;
	struct ares_txt_ext		*txt = NULL, *t;
	size_t				 len = 0;

	(void)timeouts;
	a->done = 1;
	a->rc = DNSTXT_FAILED;
	if (status == ARES_ENOTFOUND || status == ARES_ENODATA) {
		a->rc = DNSTXT_NONE;
		return;
	}
	if (status != ARES_SUCCESS)
		return;
	if ((status = ares_parse_txt_reply_ext(abuf, alen, &txt)) ==
	    ARES_ENODATA) {
		a->rc = DNSTXT_NONE;
		return;
	}
	if (status != ARES_SUCCESS)
		return;
	for (t = txt; t != NULL; t = t->next) {
		/* Only the first record: a second starts with record_start. */
		if (t != txt && t->record_start)
			break;
		if (memchr(t->txt, '\0', t->length) != NULL ||
		    len + t->length >= a->outsz)
			goto out;
		memcpy(a->out + len, t->txt, t->length);
		len += t->length;
	}
	a->out[len] = '\0';
	a->rc = DNSTXT_OK;
out:
	ares_free_data(txt);
}

/*
 * The TXT record of `name` through `server` ("host:port,...", or NULL
 * or "" for the system's resolver) within `timeout_ms`, into `out`.
 * Returns DNSTXT_OK, DNSTXT_NONE or DNSTXT_FAILED (logged when ours).
 */
enum dnstxt
dnstxt_get(const char *name, const char *server, int timeout_ms, char *out,
    size_t outsz)
{
	static int		 ready;
	struct ares_options	 opts;
	struct answer		 a;
	ares_channel		 ch = NULL;
	ares_socket_t		 socks[ARES_GETSOCK_MAXNUM];
	struct pollfd		 pfd[ARES_GETSOCK_MAXNUM];
	struct timeval		 maxtv, tvbuf, *tv;
	long long		 deadline = now_ms() + timeout_ms, left;
	int			 r, bits, i, np, n, ms;

	memset(&a, 0, sizeof(a));
	a.rc = DNSTXT_FAILED;
	a.out = out;
	a.outsz = outsz;
	if (outsz == 0)
		return DNSTXT_FAILED;
	out[0] = '\0';
	if (!ready) {
		if ((r = ares_library_init(ARES_LIB_INIT_ALL)) != ARES_SUCCESS) {
			log_warnx("dnstxt: ares_library_init: %s",
			    ares_strerror(r));
			return DNSTXT_FAILED;
		}
		ready = 1;
	}
	memset(&opts, 0, sizeof(opts));
	opts.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES |
	    ARES_FLAG_EDNS | ARES_FLAG_NOCHECKRESP;
	opts.timeout = timeout_ms / 3 > 0 ? timeout_ms / 3 : 1;
	opts.tries = 2;
	opts.lookups = (char *)"b";
	opts.ednspsz = 1232;
	if ((r = ares_init_options(&ch, &opts, ARES_OPT_FLAGS |
	    ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_LOOKUPS |
	    ARES_OPT_EDNSPSZ)) != ARES_SUCCESS) {
		log_warnx("dnstxt: ares_init_options: %s", ares_strerror(r));
		return DNSTXT_FAILED;
	}
	if (server != NULL && *server != '\0' &&
	    (r = ares_set_servers_ports_csv(ch, server)) != ARES_SUCCESS) {
		log_warnx("dnstxt: DNS server \"%s\": %s", server,
		    ares_strerror(r));
		goto out;
	}
	ares_query(ch, name, ns_c_in, ns_t_txt, done, &a);
	while (!a.done) {
		if ((left = deadline - now_ms()) <= 0) {
			ares_cancel(ch);
			break;
		}
		bits = ares_getsock(ch, socks, ARES_GETSOCK_MAXNUM);
		for (np = 0, i = 0; i < ARES_GETSOCK_MAXNUM; i++) {
			if (!ARES_GETSOCK_READABLE(bits, i) &&
			    !ARES_GETSOCK_WRITABLE(bits, i))
				continue;
			pfd[np].fd = socks[i];
			pfd[np].events = (ARES_GETSOCK_READABLE(bits, i) ?
			    POLLIN : 0) | (ARES_GETSOCK_WRITABLE(bits, i) ?
			    POLLOUT : 0);
			pfd[np].revents = 0;
			np++;
		}
		maxtv.tv_sec = left / 1000;
		maxtv.tv_usec = (left % 1000) * 1000;
		tv = ares_timeout(ch, &maxtv, &tvbuf);
		ms = (int)(tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000);
		if ((n = poll(pfd, (nfds_t)np, ms)) == -1) {
			if (errno == EINTR)
				continue;
			log_warn("dnstxt: poll");
			ares_cancel(ch);
			break;
		}
		if (n == 0) {
			ares_process_fd(ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
			continue;
		}
		for (i = 0; i < np; i++)
			if (pfd[i].revents != 0)
				ares_process_fd(ch, (pfd[i].revents &
				    (POLLIN | POLLERR | POLLHUP)) ? pfd[i].fd :
				    ARES_SOCKET_BAD, (pfd[i].revents & POLLOUT) ?
				    pfd[i].fd : ARES_SOCKET_BAD);
	}
out:
	ares_destroy(ch);
	return a.done ? a.rc : DNSTXT_FAILED;
}
