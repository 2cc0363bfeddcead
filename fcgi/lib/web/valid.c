#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <uninorm.h>

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

/*
 * Whether text holds a character no text field accepts (UAX #9 and
 * Unicode Technical Report #36 on the rest): the C0 controls and DEL
 * (but for tab, CR and LF in `multiline` text), the C1 controls U+0080 to
 * U+009F (U+0085 is a line break to some readers), the line and paragraph
 * separators U+2028 and U+2029, and the bidirectional embeddings,
 * overrides and isolates U+202A to U+202E and U+2066 to U+2069, which
 * reorder what a reader sees (a mail, the operator's queue, a
 * certificate's subject) without changing what is stored. The text is
 * well-formed UTF-8 (checked before).
 */
static int
has_controls(const char *s, size_t n, int multiline)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (multiline && (p[i] == '\n' || p[i] == '\r' || p[i] == '\t'))
			continue;
		if (p[i] < 0x20 || p[i] == 0x7f)
			return 1;
		/* U+0080..U+009F: C2 80..C2 9F. */
		if (p[i] == 0xc2 && i + 1 < n && p[i + 1] <= 0x9f)
			return 1;
		/* U+2028..U+202E: E2 80 A8..AE; U+2066..U+2069: E2 81 A6..A9. */
		if (p[i] == 0xe2 && i + 2 < n &&
		    ((p[i + 1] == 0x80 && p[i + 2] >= 0xa8 && p[i + 2] <= 0xae) ||
		    (p[i + 1] == 0x81 && p[i + 2] >= 0xa6 && p[i + 2] <= 0xa9)))
			return 1;
	}
	return 0;
}

/*
 * Replaces the value with its Normalization Form C (UAX #15), so that
 * one text has one spelling in the database, in searches and in a
 * certificate's subject (RFC 5280 section 7.1 compares names after
 * normalisation; S/MIME BR 7.1.4.2 wants them as the organisation writes
 * them, which NFC keeps). NFC may lengthen a value (a composition
 * exclusion decomposes): the new value is a new allocation, the old one
 * freed. Returns 0 on a failed allocation.
 */
static int
nfc(struct kv *kv)
{
	uint8_t	*out;
	char	*val;
	size_t	 len = 0;

	out = u8_normalize(UNINORM_NFC, (const uint8_t *)kv->val, kv->valsz,
	    NULL, &len);
	if (out == NULL)
		return 0;
	if (len == kv->valsz && memcmp(out, kv->val, len) == 0) {
		free(out);
		return 1;
	}
	if ((val = malloc(len + 1)) == NULL) {
		free(out);
		return 0;
	}
	memcpy(val, out, len);
	val[len] = '\0';
	free(out);
	free(kv->val);
	kv->val = val;
	kv->valsz = len;
	return 1;
}

/*
 * One line of text, trimmed, in NFC; no control, separator or
 * bidirectional formatting characters (has_controls()). May be empty.
 */
int
valid_line(struct kv *kv)
{
	return trim(kv) && !has_controls(kv->val, kv->valsz, 0) && nfc(kv);
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
 * Free text over several lines (CR, LF and tab allowed), trimmed, in NFC.
 */
int
valid_multiline(struct kv *kv)
{
	return trim(kv) && !has_controls(kv->val, kv->valsz, 1) && nfc(kv);
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
