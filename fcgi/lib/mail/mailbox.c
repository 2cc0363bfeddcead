#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <idn2.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "csrf.h"
#include "mailbox.h"
#include "request.h"
#include "valid.h"

/* RFC 5322 3.2.3 atext, besides letters and digits. */
static const char	 atext[] = "!#$%&'*+-/=?^_`{|}~";

static int
local_valid(const char *s, size_t n)
{
	size_t	 i;

	if (n == 0 || n > 64 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char	 c = (unsigned char)s[i];

		if (c == '.') {
			if (s[i + 1] == '.')
				return 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(atext, c) != NULL) ||
		    c == '\0')
			return 0;
	}
	return 1;
}

/*
 * An ASCII domain as DNS takes it: lower case (done here), labels of 1 to
 * 63 letters, digits and hyphens, not starting or ending with a hyphen,
 * two labels at least, a top-level label not all digits, 253 octets.
 */
static int
domain_valid(char *d)
{
	size_t	 i, len = strlen(d), label = 0, labels = 1;
	int	 alldigits = 1;

	if (len == 0 || len > 253 || d[0] == '.' || d[len - 1] == '.')
		return 0;
	for (i = 0; i < len; i++) {
		if (d[i] >= 'A' && d[i] <= 'Z')
			d[i] = (char)(d[i] - 'A' + 'a');
		if (d[i] == '.') {
			if (label == 0 || d[i - 1] == '-')
				return 0;
			labels++;
			label = 0;
			alldigits = 1;
			continue;
		}
		if (!((d[i] >= 'a' && d[i] <= 'z') ||
		    (d[i] >= '0' && d[i] <= '9') || d[i] == '-'))
			return 0;
		if (label == 0 && d[i] == '-')
			return 0;
		if (d[i] < '0' || d[i] > '9')
			alldigits = 0;
		if (++label > 63)
			return 0;
	}
	return labels >= 2 && label > 0 && d[len - 1] != '-' && !alldigits;
}

/*
 * Normalises the address a person typed into `out` (ASCII, A-labels) and
 * `display` (the domain in Unicode when it is internationalized). On
 * refusal returns 0 and sets *why to a catalogue key: email.invalid,
 * email.too-long or email.domain.
 */
int
mailbox_normalize(const char *in, char *out, size_t outsz, char *display,
    size_t dispsz, const char **why)
{
	char		 buf[1024];
	char		*at, *domain, *ascii = NULL, *uni = NULL, *again = NULL;
	size_t		 n;
	int		 rc = 0;

	*why = "email.invalid";
	while (*in == ' ' || *in == '\t')
		in++;
	n = strlen(in);
	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof(buf))
		goto out;
	memcpy(buf, in, n);
	buf[n] = '\0';
	/* One mailbox: exactly one @, nothing of a display name or list. */
	if ((at = strchr(buf, '@')) == NULL || strchr(at + 1, '@') != NULL ||
	    strpbrk(buf, " \t<>,;:\"()[]\\") != NULL)
		goto out;
	*at = '\0';
	domain = at + 1;
	if (!local_valid(buf, strlen(buf)))
		goto out;
	*why = "email.domain";
	if (!utf8_valid(domain, strlen(domain)))
		goto out;
	if (idn2_to_ascii_8z(domain, &ascii,
	    IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL) != IDN2_OK)
		goto out;
	if (!domain_valid(ascii))
		goto out;
	/*
	 * For people: the domain as they know it. It must come back to
	 * the same A-labels (RFC 5891 5.4): an A-label typed as such may
	 * hold characters IDNA 2008 disallows, whose Unicode form, shown
	 * on the pages, would name another domain or none.
	 */
	if (idn2_to_unicode_8z8z(ascii, &uni, 0) != IDN2_OK ||
	    idn2_to_ascii_8z(uni, &again, IDN2_NFC_INPUT |
	    IDN2_NONTRANSITIONAL) != IDN2_OK || strcmp(again, ascii) != 0)
		goto out;
	*why = "email.too-long";
	if (strlen(buf) + 1 + strlen(ascii) > MAILBOX_MAX ||
	    snprintf(out, outsz, "%s@%s", buf, ascii) >= (int)outsz)
		goto out;
	snprintf(display, dispsz, "%s@%s", buf, uni);
	*why = NULL;
	rc = 1;
out:
	free(ascii);
	free(uni);
	free(again);
	return rc;
}

/*
 * The address `ascii` (as stored) for people: an A-label domain shown in
 * Unicode. Falls back to the address itself.
 */
void
mailbox_display(const char *ascii, char *out, size_t outsz)
{
	const char	*at = strrchr(ascii, '@');
	char		*uni = NULL;

	if (at == NULL || strstr(at, "xn--") == NULL ||
	    idn2_to_unicode_8z8z(at + 1, &uni, 0) != IDN2_OK ||
	    snprintf(out, outsz, "%.*s@%s", (int)(at - ascii), ascii, uni) >=
	    (int)outsz)
		snprintf(out, outsz, "%s", ascii);
	free(uni);
}

/*
 * The form field: one line that may be an address; the handler then
 * normalises it with mailbox_normalize() to name the problem.
 */
int
valid_mailbox(struct kv *kv)
{
	return valid_line(kv) && kv->valsz > 0;
}

/*
 * A new token: 128 random bits into `out` as base64url (TOKEN_LEN + 1
 * bytes at least) and their SHA-256 into `hash`. Returns 0 when the
 * CSPRNG fails.
 */
int
token_new(char *out, size_t outsz, unsigned char *hash)
{
	unsigned char	 rnd[16];
	int		 rc;

	if (outsz < TOKEN_LEN + 1 || RAND_priv_bytes(rnd, sizeof(rnd)) != 1)
		return 0;
	rc = b64url(rnd, sizeof(rnd), out, outsz) && token_hash(out, hash);
	OPENSSL_cleanse(rnd, sizeof(rnd));
	return rc;
}

/*
 * The SHA-256 of a token's text, as stored. Returns 0 on failure.
 */
int
token_hash(const char *tok, unsigned char *hash)
{
	return EVP_Digest(tok, strlen(tok), hash, NULL, EVP_sha256(),
	    NULL) == 1;
}

/* Whether `s` looks like a token: 22 base64url characters. */
int
token_wellformed(const char *s)
{
	return strlen(s) == TOKEN_LEN &&
	    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == TOKEN_LEN;
}
