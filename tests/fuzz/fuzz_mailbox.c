/*
 * libFuzzer target for the mailbox syntax: mailbox_normalize() on what a
 * person types in the e-mail step, mailbox_display() on what it stores,
 * and token_wellformed() on the same bytes as a confirmation link's
 * token.
 *
 * Input: the field's value, at most 1 KiB (the form caps the field far
 * below; the parser refuses anything longer than its buffer), up to its
 * first NUL (the form's validator refuses a NUL).
 *
 * Beyond memory errors, the target aborts when an invariant breaks: a
 * refusal whose reason is not one of the catalogue keys; an accepted
 * address that is not printable ASCII, not one '@' between a local part
 * and a lower-case domain, or longer than MAILBOX_MAX; an address that
 * normalizes to something else the second time (normalizing is
 * idempotent), or whose display form does not normalize back to it, or
 * that mailbox_display() shows otherwise than mailbox_normalize() did; a
 * well-formed token that is not 22 base64url characters.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mailbox.h"

#define FUZZ_MAX_INPUT	1024

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_why(const char *why)
{
	if (why == NULL || (strcmp(why, "email.invalid") != 0 &&
	    strcmp(why, "email.domain") != 0 &&
	    strcmp(why, "email.too-long") != 0))
		abort();
}

/* The stored form: ASCII, one '@', a lower-case LDH domain. */
static void
check_stored(const char *s)
{
	const char	*at = strchr(s, '@');
	size_t		 i;

	if (strlen(s) > MAILBOX_MAX || at == NULL || at == s ||
	    strchr(at + 1, '@') != NULL || at[1] == '\0')
		abort();
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			abort();
	for (i = 1; at[i] != '\0'; i++)
		if (!((at[i] >= 'a' && at[i] <= 'z') ||
		    (at[i] >= '0' && at[i] <= '9') || at[i] == '-' ||
		    at[i] == '.'))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 in[FUZZ_MAX_INPUT + 1], out[MAILBOX_MAX + 1];
	char		 disp[1024], out2[MAILBOX_MAX + 1], disp2[1024];
	char		 shown[1024];
	const char	*why = NULL;
	size_t		 n;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	n = strlen(in);

	if (token_wellformed(in) && (n != TOKEN_LEN || strspn(in,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
	    != n))
		abort();

	if (!mailbox_normalize(in, out, sizeof(out), disp, sizeof(disp),
	    &why)) {
		check_why(why);
		return 0;
	}
	if (why != NULL)
		abort();
	check_stored(out);

	/* Idempotent: the stored form is its own normal form. */
	if (!mailbox_normalize(out, out2, sizeof(out2), disp2, sizeof(disp2),
	    &why) || strcmp(out, out2) != 0 || strcmp(disp, disp2) != 0)
		abort();

	/* What the page shows comes back to the same address. */
	if (!mailbox_normalize(disp, out2, sizeof(out2), disp2, sizeof(disp2),
	    &why) || strcmp(out, out2) != 0)
		abort();

	/* The stored address shown later as it was shown at first. */
	mailbox_display(out, shown, sizeof(shown));
	if (strcmp(shown, disp) != 0)
		abort();
	return 0;
}
