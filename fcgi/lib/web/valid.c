#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"
#include "valid.h"

/*
 * Whether `n` bytes are well-formed UTF-8 (RFC 3629: no overlong forms,
 * no surrogates, nothing above U+10FFFF).
 */
int
utf8_valid(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, k, len;
	uint32_t		 c;

	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] >= 0xc2 && p[i] <= 0xdf) {
			len = 2;
			c = p[i] & 0x1f;
		} else if (p[i] >= 0xe0 && p[i] <= 0xef) {
			len = 3;
			c = p[i] & 0x0f;
		} else if (p[i] >= 0xf0 && p[i] <= 0xf4) {
			len = 4;
			c = p[i] & 0x07;
		} else
			return 0;
		if (n - i < len)
			return 0;
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (p[i + k] & 0x3f);
		}
		if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
		    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
			return 0;
		i += len;
	}
	return 1;
}

/*
 * Strips leading and trailing ASCII white space in place. Returns 0 for
 * a value holding a NUL byte, which no text field accepts (the request
 * layer refuses them first; validators do not rely on it).
 */
static int
trim(struct kv *kv)
{
	char	*s = kv->val;
	size_t	 n = kv->valsz, b = 0;

	if (memchr(s, '\0', n) != NULL)
		return 0;
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	while (b < n && strchr(" \t\r\n", s[b]) != NULL)
		b++;
	memmove(s, s + b, n - b);
	s[n - b] = '\0';
	kv->valsz = n - b;
	return 1;
}

static int
has_controls(const char *s, size_t n, int multiline)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		unsigned char	 c = (unsigned char)s[i];

		if (multiline && (c == '\n' || c == '\r' || c == '\t'))
			continue;
		if (c < 0x20 || c == 0x7f)
			return 1;
	}
	return 0;
}

/*
 * One line of text, trimmed; no control characters. May be empty.
 */
int
valid_line(struct kv *kv)
{
	return trim(kv) && !has_controls(kv->val, kv->valsz, 0);
}

/*
 * Whether the text carries meaning: not empty and not made only of
 * punctuation that means "no value" ("." "-" and spaces). S/MIME BR
 * 7.1.4.2 forbids such metadata-only attribute values.
 */
int
text_meaningful(const char *s)
{
	for (; *s != '\0'; s++) {
		/* A no-break space (U+00A0) is as empty as a space. */
		if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) {
			s++;
			continue;
		}
		if (strchr(" .-_", *s) == NULL)
			return 1;
	}
	return 0;
}

/*
 * A required single line of meaningful text.
 */
int
valid_text(struct kv *kv)
{
	return valid_line(kv) && text_meaningful(kv->val);
}

/*
 * Free text over several lines (CR, LF and tab allowed), trimmed.
 */
int
valid_multiline(struct kv *kv)
{
	return trim(kv) && !has_controls(kv->val, kv->valsz, 1);
}

/*
 * A decimal number without sign or leading zeros that fits 2^63 - 1.
 */
int
valid_uint(struct kv *kv)
{
	size_t	 i;

	if (!trim(kv) || kv->valsz == 0 || kv->valsz > 18 ||
	    (kv->val[0] == '0' && kv->valsz > 1))
		return 0;
	for (i = 0; i < kv->valsz; i++)
		if (kv->val[i] < '0' || kv->val[i] > '9')
			return 0;
	return 1;
}

/*
 * A keyword of a fixed vocabulary: lower-case ASCII letters, digits, '-'
 * and '_'. The handler then checks it against its list.
 */
int
valid_word(struct kv *kv)
{
	size_t	 i;

	if (!trim(kv))
		return 0;
	for (i = 0; i < kv->valsz; i++)
		if (strchr("abcdefghijklmnopqrstuvwxyz0123456789-_",
		    kv->val[i]) == NULL)
			return 0;
	return 1;
}

/*
 * An opaque token: base64url alphabet and '.', not empty.
 */
int
valid_token(struct kv *kv)
{
	size_t	 i;

	if (kv->valsz == 0 || memchr(kv->val, '\0', kv->valsz) != NULL)
		return 0;
	for (i = 0; i < kv->valsz; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_.", kv->val[i]) == NULL)
			return 0;
	return 1;
}

/*
 * A search query: one line, trimmed, may be empty.
 */
int
valid_search(struct kv *kv)
{
	return valid_line(kv);
}
