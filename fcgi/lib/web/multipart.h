/*
 * multipart/form-data bodies (RFC 7578 over RFC 2046) and the sniffing of
 * what an uploaded file really is.
 *
 * The parser itself, req_parse_multipart(), is declared in request.h with
 * the other body parsers: each part becomes one pair of the request (see
 * req_add_pair()), a file part with its filename and Content-Type, so the
 * same field table and validators judge urlencoded and multipart forms.
 *
 * filetype_sniff() looks at magic bytes only, never at a name or a
 * Content-Type the client chose.
 */
#ifndef SMIME_MULTIPART_H
#define SMIME_MULTIPART_H

#include <stddef.h>

#define MP_MAX_BOUNDARY	70	/* RFC 2046 5.1.1 */
#define MP_MAX_HEADERS	8192	/* bytes of one part's header section */

enum filetype {
	FILETYPE_UNKNOWN,	/* unknown */
	FILETYPE_PDF,		/* pdf */
	FILETYPE_JPEG,		/* jpeg */
	FILETYPE_PNG,		/* png */
	FILETYPE__MAX
};

extern const char *const filetype_names[FILETYPE__MAX];
extern const char *const filetype_mimes[FILETYPE__MAX];

enum filetype	 filetype_sniff(const char *, size_t);

#endif
