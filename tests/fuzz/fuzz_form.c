/*
 * libFuzzer target for the urlencoded form parser: req_parse_urlencoded()
 * with a representative field table, then url_decode() on a copy, and,
 * when the input has no NUL, the same bytes as a GET query string through
 * req_parse_env().
 *
 * Input: the bytes of a request body, at most 64 KiB (REQ_DEF_BODY, the
 * default cap on a body), passed without a terminating NUL so that any
 * read past its end is caught by AddressSanitizer.
 *
 * Beyond memory errors, the target aborts when an invariant of the
 * parser's result breaks: a status outside those documented, a valid
 * pair that is longer than its cap, not UTF-8, holds a control character
 * or a NUL, a list that holds a pair of another field or state.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"
#include "valid.h"

#define MAX_INPUT	REQ_DEF_BODY

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

enum field {
	F_ORG,		/* valid_text */
	F_COUNT,	/* valid_uint */
	F_KIND,		/* valid_word */
	F_CSRF,		/* valid_token */
	F_NOTE,		/* the default, valid_line */
	F_BODY,		/* valid_multiline */
	F_Q,		/* valid_search */
	F__MAX
};

static const struct fieldspec fields[F__MAX] = {
	{ valid_text, "organization", 256 },	/* F_ORG */
	{ valid_uint, "count", 18 },		/* F_COUNT */
	{ valid_word, "kind", 32 },		/* F_KIND */
	{ valid_token, "csrf", 64 },		/* F_CSRF */
	{ NULL, "note", 16 },			/* F_NOTE */
	{ valid_multiline, "body", 4096 },	/* F_BODY */
	{ valid_search, "q", 256 },		/* F_Q */
};

/* What every valid value must be, whatever its validator. */
static void
check_valid(const struct kv *kv, size_t f)
{
	size_t	 i;

	if (kv->state != KV_VALID || kv->err != KVERR_NONE ||
	    kv->field != f || strcmp(kv->key, fields[f].name) != 0)
		abort();
	if (kv->valsz > fields[f].max || kv->val[kv->valsz] != '\0' ||
	    strlen(kv->val) != kv->valsz || !utf8_valid(kv->val, kv->valsz))
		abort();
	for (i = 0; i < kv->valsz; i++) {
		unsigned char	 c = (unsigned char)kv->val[i];

		if (c == 0x7f || (c < 0x20 && (f != F_BODY ||
		    (c != '\n' && c != '\r' && c != '\t'))))
			abort();
	}
	/* Validators trim: no white space at either end. */
	if (kv->valsz > 0 && f != F_CSRF &&
	    (strchr(" \t\r\n", kv->val[0]) != NULL ||
	    strchr(" \t\r\n", kv->val[kv->valsz - 1]) != NULL))
		abort();
}

static void
check_result(const struct req *r, int code)
{
	const struct kv	*kv;
	size_t		 f, on = 0, known = 0, i;

	if (code != 200 && code != 400 && code != 413 && code != 500)
		abort();
	if (r->kvsz > REQ_MAX_PAIRS)
		abort();
	if (code != 200)
		return;
	for (f = 0; f < F__MAX; f++) {
		for (kv = r->fieldmap[f]; kv != NULL; kv = kv->next, on++)
			check_valid(kv, f);
		for (kv = r->fielderr[f]; kv != NULL; kv = kv->next, on++)
			if (kv->state != KV_INVALID || kv->err == KVERR_NONE ||
			    kv->err >= KVERR__MAX || kv->field != f ||
			    kv->val[kv->valsz] != '\0')
				abort();
	}
	for (i = 0; i < r->kvsz; i++) {
		if (strlen(r->kvs[i].key) == 0 ||
		    strlen(r->kvs[i].key) > REQ_MAX_KEY)
			abort();
		if (r->kvs[i].state != KV_UNKNOWN)
			known++;
	}
	/* Every known pair on exactly one list. */
	if (on != known)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req	 r;
	const char	*env[3];
	char		*copy, *q;
	size_t		 len;
	int		 code;

	if (size > MAX_INPUT)
		return 0;

	/* The body. */
	if (!req_init(&r, fields, F__MAX))
		abort();
	code = req_parse_urlencoded(&r, (const char *)data, size);
	check_result(&r, code);
	req_free(&r);

	/* The decoder alone, in place on a copy with room for the NUL. */
	if ((copy = malloc(size + 1)) == NULL)
		abort();
	memcpy(copy, data, size);
	len = size;
	if (url_decode(copy, &len) && (len > size || copy[len] != '\0'))
		abort();
	free(copy);

	/* The same bytes as a GET query string, when they can be one. */
	if (memchr(data, '\0', size) != NULL)
		return 0;
	if ((q = malloc(sizeof("QUERY_STRING=") + size)) == NULL)
		abort();
	memcpy(q, "QUERY_STRING=", sizeof("QUERY_STRING=") - 1);
	memcpy(q + sizeof("QUERY_STRING=") - 1, data, size);
	q[sizeof("QUERY_STRING=") - 1 + size] = '\0';
	env[0] = "REQUEST_METHOD=GET";
	env[1] = q;
	env[2] = NULL;
	if (!req_init(&r, fields, F__MAX))
		abort();
	code = req_parse_env(&r, env);
	if (size > REQ_MAX_QUERY ? code != 414 : code == 414 || code == 405)
		abort();
	if (code != 414)
		check_result(&r, code);
	req_free(&r);
	free(q);
	return 0;
}
