/*
 * Logging to standard error, one line per message, prefixed with the
 * program's name and PID. nginx or the process supervisor collects it.
 */
#ifndef SMIME_LOG_H
#define SMIME_LOG_H

void	 log_init(const char *);
void	 log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_ssl(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 log_request(const char *, const char *, const char *, int,
	    long long);

#endif
