/*
 * Notification mail: rendered from a page document by a text stylesheet
 * (xslt/base/mail-<kind>.xsl, whose first line is the subject), wrapped
 * in RFC 5322 headers and MIME (UTF-8, quoted-printable), and queued in
 * the outbox within the caller's transaction. Nothing here talks SMTP.
 */
#ifndef SMIME_MAIL_H
#define SMIME_MAIL_H

#include <stddef.h>

struct buf;
struct ctx;
struct page;

/* An attachment: a file name and MIME type without quotes, and bytes. */
struct mail_file {
	const char	*name;
	const char	*type;
	const void	*data;
	size_t		 len;
};

int	 mail_queue_files(struct ctx *, const char *, long long, long long,
	    struct page *, const char *, int, const struct mail_file *,
	    size_t);
int	 mail_build_files(struct buf *, const char *, const char *,
	    const char *, const char *, const char *, const char *,
	    const char *, const struct mail_file *, size_t);
int	 mail_queue(struct ctx *, const char *, long long, long long,
	    struct page *, const char *, int);
int	 mail_build(struct buf *, const char *, const char *, const char *,
	    const char *, const char *, const char *, const char *);
int	 mail_qp(struct buf *, const char *, size_t);
int	 mail_subject(struct buf *, const char *);

#endif
