/*
 * libFuzzer target for req_parse_multipart() and filetype_sniff().
 *
 * Input: the first line, at most 200 bytes before its LF, is the request's
 * Content-Type; the rest, at most 1 MiB, is the body, passed without a
 * terminating NUL so that any read past its end is caught.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "multipart.h"
#include "request.h"
#include "valid.h"

#define MAX_CTYPE	200
#define MAX_BODY	(1024 * 1024)

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
valid_any(struct kv *kv)
{
	(void)kv;
	return 1;
}

enum field {
	F_ORG,
	F_NOTE,
	F_DOC,
	F__MAX
};

static const struct fieldspec fields[F__MAX] = {
	{ valid_line, "organization", 256 },	/* F_ORG */
	{ NULL, "note", 64 },			/* F_NOTE */
	{ valid_any, "doc", 512 * 1024 },	/* F_DOC */
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char			 ctype[MAX_CTYPE + 1];
	const uint8_t		*nl;
	const char		*body;
	const struct kv		*kv;
	size_t			 clen, len, f, n;
	struct req		 r;
	int			 code;

	n = size < MAX_CTYPE + 1 ? size : MAX_CTYPE + 1;
	if ((nl = memchr(data, '\n', n)) == NULL)
		return 0;
	clen = (size_t)(nl - data);
	memcpy(ctype, data, clen);
	ctype[clen] = '\0';
	body = (const char *)nl + 1;
	len = size - clen - 1;
	if (len > MAX_BODY)
		return 0;

	(void)filetype_sniff(body, len);
	if (!req_init(&r, fields, F__MAX))
		abort();
	code = req_parse_multipart(&r, body, len, ctype);
	if (code != 200 && code != 400 && code != 413 && code != 415 &&
	    code != 500)
		abort();
	if (code == 200) {
		/* Walk what a handler would read, touching every byte. */
		for (f = 0; f < F__MAX; f++) {
			for (kv = r.fieldmap[f]; kv != NULL; kv = kv->next) {
				if (kv->val[kv->valsz] != '\0' ||
				    strlen(kv->key) > REQ_MAX_KEY)
					abort();
				if (kv->filename != NULL)
					(void)filetype_sniff(kv->val,
					    kv->valsz);
			}
			for (kv = r.fielderr[f]; kv != NULL; kv = kv->next)
				if (kv->err == KVERR_NONE)
					abort();
		}
	}
	req_free(&r);
	return 0;
}
