#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>

#include "log.h"

static const char	*progname = "smime";

void
log_init(const char *name)
{
	progname = name;
	setvbuf(stderr, NULL, _IOLBF, 0);
}

static void	 vlog(const char *, const char *, va_list, const char *)
		    __attribute__((format(printf, 2, 0)));

static void
vlog(const char *level, const char *fmt, va_list ap, const char *tail)
{
	char	 line[1024];

	vsnprintf(line, sizeof(line), fmt, ap);
	fprintf(stderr, "%s[%ld]: %s: %s%s%s\n", progname, (long)getpid(),
	    level, line, tail ? ": " : "", tail ? tail : "");
}

void
log_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog("error", fmt, ap, NULL);
	va_end(ap);
}

/* Like log_warnx() with strerror(errno) appended. */
void
log_warn(const char *fmt, ...)
{
	va_list	 ap;
	int	 e = errno;

	va_start(ap, fmt);
	vlog("error", fmt, ap, strerror(e));
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vlog("info", fmt, ap, NULL);
	va_end(ap);
}

/* Like log_warnx(), then drains OpenSSL's error queue into the log. */
void
log_ssl(const char *fmt, ...)
{
	va_list		 ap;
	unsigned long	 e;
	char		 s[256];

	va_start(ap, fmt);
	vlog("error", fmt, ap, NULL);
	va_end(ap);
	while ((e = ERR_get_error()) != 0) {
		ERR_error_string_n(e, s, sizeof(s));
		fprintf(stderr, "%s[%ld]: openssl: %s\n", progname,
		    (long)getpid(), s);
	}
}

/*
 * The access line: handler, method, path, status, microseconds.
 * The path is cut to keep the line bounded; control bytes are replaced so
 * a request cannot forge log lines.
 */
void
log_request(const char *handler, const char *method, const char *path,
    int status, long long usec)
{
	char	 p[256];
	size_t	 i;

	for (i = 0; path != NULL && path[i] != '\0' && i < sizeof(p) - 1; i++)
		p[i] = (unsigned char)path[i] < 0x20 || path[i] == 0x7f ?
		    '?' : path[i];
	p[i] = '\0';
	fprintf(stderr, "%s[%ld]: %s %s %s %d %lld\n", progname,
	    (long)getpid(), handler, method ? method : "-", p, status, usec);
}
