/*
 * The card's PIN: see pin.h.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "pin.h"

#define ASSUAN_LINE	1000	/* an Assuan line's longest, RFC-less */

void
pin_wipe(char *pin)
{
	OPENSSL_cleanse(pin, PIN_MAX);
}

/* Drops a trailing CR/LF. */
static void
chomp(char *s)
{
	size_t	 n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/*
 * The PIN from the first line of `path`. A file others can read is
 * refused: the PIN would not be a secret. Returns 1, or 0 with `why`.
 */
int
pin_from_file(const char *path, char *pin, char *why, size_t whysz)
{
	struct stat	 sb;
	FILE		*f;
	int		 ok = 0;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(why, whysz, "cannot read the PIN file %s: %s", path,
		    strerror(errno));
		return 0;
	}
	if (fstat(fileno(f), &sb) == -1 || (sb.st_mode & 0077)) {
		snprintf(why, whysz, "the PIN file %s can be read by others: "
		    "chmod 600 it", path);
		goto out;
	}
	if (fgets(pin, PIN_MAX, f) == NULL) {
		snprintf(why, whysz, "the PIN file %s is empty", path);
		goto out;
	}
	chomp(pin);
	if (*pin == '\0') {
		snprintf(why, whysz, "the PIN file %s is empty", path);
		goto out;
	}
	ok = 1;
out:
	fclose(f);
	return ok;
}

/* The PIN typed on the controlling terminal, without echo. */
static int
from_tty(int fd, const char *desc, const char *warning, char *pin,
    char *why, size_t whysz)
{
	struct termios	 old, noecho;
	FILE		*in;
	int		 ok = 0, d;

	if ((d = dup(fd)) == -1 || (in = fdopen(d, "r")) == NULL) {
		if (d != -1)
			close(d);
		snprintf(why, whysz, "cannot read the terminal");
		return 0;
	}
	if (tcgetattr(fd, &old) == -1) {
		fclose(in);
		snprintf(why, whysz, "cannot read the terminal");
		return 0;
	}
	noecho = old;
	noecho.c_lflag &= ~(tcflag_t)ECHO;
	noecho.c_lflag |= ECHONL;
	dprintf(fd, "%s\n", desc);
	if (warning != NULL)
		dprintf(fd, "(%s)\n", warning);
	dprintf(fd, "PIN: ");
	if (tcsetattr(fd, TCSAFLUSH, &noecho) == -1) {
		fclose(in);
		snprintf(why, whysz, "cannot turn the terminal's echo off");
		return 0;
	}
	if (fgets(pin, PIN_MAX, in) != NULL) {
		chomp(pin);
		ok = *pin != '\0';
	}
	tcsetattr(fd, TCSAFLUSH, &old);
	fclose(in);
	if (!ok)
		snprintf(why, whysz, "no PIN was typed");
	return ok;
}

/* Writes one Assuan command, percent-escaping its argument. */
static int
assuan_put(FILE *to, const char *cmd, const char *arg)
{
	const char	*p;

	fputs(cmd, to);
	if (arg != NULL) {
		fputc(' ', to);
		for (p = arg; *p != '\0'; p++)
			if (*p == '%' || *p == '\n' || *p == '\r')
				fprintf(to, "%%%02X", (unsigned char)*p);
			else
				fputc(*p, to);
	}
	fputc('\n', to);
	return fflush(to) == 0;
}

/*
 * Reads Assuan lines up to OK or ERR; a "D" line's data, percent-decoded,
 * goes into `data` (PIN_MAX bytes) when it is not NULL. Returns 1 on OK,
 * 0 on ERR or a broken pipe (with the ERR text in `why`).
 */
static int
assuan_get(FILE *from, char *data, char *why, size_t whysz)
{
	char	 line[ASSUAN_LINE];
	size_t	 n, i, lines;
	char	*p;

	for (lines = 0; lines < 64; lines++) {
		if (fgets(line, sizeof(line), from) == NULL) {
			snprintf(why, whysz, "the pinentry program ended");
			return 0;
		}
		chomp(line);
		if (strcmp(line, "OK") == 0 || strncmp(line, "OK ", 3) == 0)
			return 1;
		if (strncmp(line, "ERR", 3) == 0) {
			p = strchr(line + 4, ' ');
			snprintf(why, whysz, "pinentry: %s",
			    p != NULL ? p + 1 : line);
			return 0;
		}
		if (strncmp(line, "D ", 2) != 0 || data == NULL)
			continue;
		for (i = 2, n = 0; line[i] != '\0' && n + 1 < PIN_MAX; i++) {
			if (line[i] == '%' && line[i + 1] != '\0' &&
			    line[i + 2] != '\0') {
				char	 hex[3] = { line[i + 1], line[i + 2],
				    '\0' };

				data[n++] = (char)strtol(hex, NULL, 16);
				i += 2;
			} else
				data[n++] = line[i];
		}
		data[n] = '\0';
		OPENSSL_cleanse(line, sizeof(line));
	}
	snprintf(why, whysz, "the pinentry program says too much");
	return 0;
}

/*
 * The PIN from a pinentry program (SMIME_CARD_PINENTRY, or "pinentry"
 * on the PATH): the Assuan commands SETTITLE, SETDESC, SETPROMPT and
 * GETPIN. Returns 1, or 0 with `why`.
 */
static int
from_pinentry(const char *desc, const char *warning, char *pin, char *why,
    size_t whysz)
{
	const char	*prog = getenv("SMIME_CARD_PINENTRY");
	char		 text[512];
	int		 in[2] = { -1, -1 }, out[2] = { -1, -1 }, ok = 0, st;
	FILE		*to = NULL, *from = NULL;
	pid_t		 pid = -1;

	if (prog == NULL || *prog == '\0')
		prog = "pinentry";
	if (pipe(in) == -1 || pipe(out) == -1) {
		snprintf(why, whysz, "pipe: %s", strerror(errno));
		goto out;
	}
	if ((pid = fork()) == -1) {
		snprintf(why, whysz, "fork: %s", strerror(errno));
		goto out;
	}
	if (pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execlp(prog, prog, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	in[0] = out[1] = -1;
	if ((to = fdopen(in[1], "w")) == NULL ||
	    (from = fdopen(out[0], "r")) == NULL)
		goto out;
	in[1] = out[0] = -1;
	snprintf(text, sizeof(text), "%s%s%s%s", desc, warning ? "\n(" : "",
	    warning ? warning : "", warning ? ")" : "");
	if (!assuan_get(from, NULL, why, whysz)) {
		snprintf(why, whysz, "no PIN: cannot run %s (there is no "
		    "terminal either; use --pin-file)", prog);
		goto out;
	}
	ok = assuan_put(to, "SETTITLE", "smime-card") &&
	    assuan_get(from, NULL, why, whysz) &&
	    assuan_put(to, "SETDESC", text) &&
	    assuan_get(from, NULL, why, whysz) &&
	    assuan_put(to, "SETPROMPT", "PIN:") &&
	    assuan_get(from, NULL, why, whysz) &&
	    assuan_put(to, "GETPIN", NULL) &&
	    assuan_get(from, pin, why, whysz) && *pin != '\0';
	if (!ok && *why == '\0')
		snprintf(why, whysz, "no PIN was given");
	assuan_put(to, "BYE", NULL);
out:
	if (to != NULL)
		fclose(to);
	if (from != NULL)
		fclose(from);
	if (in[0] != -1)
		close(in[0]);
	if (in[1] != -1)
		close(in[1]);
	if (out[0] != -1)
		close(out[0]);
	if (out[1] != -1)
		close(out[1]);
	if (pid > 0)
		while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
			;
	return ok;
}

/*
 * Asks for the PIN: on the controlling terminal when there is one,
 * otherwise through pinentry. `desc` says which card; `warning` (or
 * NULL) what the token says about the tries left. Returns 1, or 0 with
 * `why`.
 */
int
pin_ask(const char *desc, const char *warning, char *pin, char *why,
    size_t whysz)
{
	int	 fd, ok;

	*why = '\0';
	*pin = '\0';
	if ((fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) != -1) {
		if (isatty(fd)) {
			ok = from_tty(fd, desc, warning, pin, why, whysz);
			close(fd);
			return ok;
		}
		close(fd);
	}
	return from_pinentry(desc, warning, pin, why, whysz);
}
