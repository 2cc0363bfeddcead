/*
 * libFuzzer target for registration numbers: valid_registry_number() on
 * the form field, then registry_check() and registry_org_id() for a
 * type and a country, as the data step runs them on what a customer
 * types.
 *
 * Input: one byte choosing the type (its value modulo REG__MAX + 1, so
 * that an out-of-range type is tried too), two bytes of country code,
 * then the number as typed, at most 256 bytes, up to its first NUL.
 * The first three bytes are also tried as a type name and a country by
 * regtype_parse() and country_valid().
 *
 * Beyond memory errors, the target aborts when an invariant breaks: a
 * refusal whose reason is not one of the catalogue keys, or an
 * acceptance with a reason; a number that grows, is not NUL-terminated
 * at its new length, or, accepted, holds anything but upper-case
 * letters, digits and (for OTHER) single inner spaces, '-', '/' and '.';
 * an accepted number that is not accepted again unchanged (normalizing
 * is idempotent); an organizationIdentifier missing for an accepted
 * number or present for a refused one, or not of the form
 * <scheme><country>-<reference> of S/MIME BR 7.1.4.2.2 (d); a form field
 * accepted with a value longer than REGISTRY_NUMBER_MAX or not trimmed.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "request.h"

#define MAX_NUMBER	256

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_why(int ok, const char *why)
{
	if (ok) {
		if (why != NULL)
			abort();
		return;
	}
	if (why == NULL || (strcmp(why, "registry.empty") != 0 &&
	    strcmp(why, "registry.format") != 0 &&
	    strcmp(why, "registry.country") != 0 &&
	    strcmp(why, "registry.checksum") != 0))
		abort();
}

/* An accepted number's characters. */
static void
check_chars(enum regtype t, const char *s, size_t len)
{
	size_t	 i;

	if (len == 0 || len > REGISTRY_NUMBER_MAX)
		abort();
	for (i = 0; i < len; i++) {
		if ((s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9'))
			continue;
		if (t != REG_OTHER)
			abort();
		if (s[i] == ' ' && (i == 0 || i == len - 1 || s[i - 1] == ' '))
			abort();
		if (s[i] != ' ' && s[i] != '-' && s[i] != '/' && s[i] != '.')
			abort();
	}
}

/* <scheme><cc>-<reference>: NTR, VAT or LEI, two letters, something. */
static void
check_org_id(enum regtype t, const char *country, const char *id)
{
	size_t	 n = strlen(id);

	if (n < 7 || n >= REGISTRY_ORGID_MAX || id[5] != '-' ||
	    id[3] < 'A' || id[3] > 'Z' || id[4] < 'A' || id[4] > 'Z')
		abort();
	if (strncmp(id, "NTR", 3) != 0 && strncmp(id, "VAT", 3) != 0 &&
	    strncmp(id, "LEI", 3) != 0)
		abort();
	if (t == REG_LEI ? strncmp(id, "LEIXG-", 6) != 0 :
	    t == REG_OTHER && strncmp(id + 3, country, 2) != 0)
		abort();
}

static void
check_field(const char *num, size_t len)
{
	struct kv	 kv;
	char		 v[MAX_NUMBER + 1];
	int		 ok;

	memcpy(v, num, len + 1);
	memset(&kv, 0, sizeof(kv));
	kv.key = (char *)"registry_number";
	kv.val = v;
	kv.valsz = len;
	ok = valid_registry_number(&kv);
	if (kv.valsz > len || kv.val[kv.valsz] != '\0' ||
	    strlen(kv.val) != kv.valsz)
		abort();
	if (ok && (kv.valsz == 0 || kv.valsz > REGISTRY_NUMBER_MAX ||
	    kv.val[0] == ' ' || kv.val[0] == '\t' ||
	    kv.val[kv.valsz - 1] == ' ' || kv.val[kv.valsz - 1] == '\t'))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 country[3], num[MAX_NUMBER + 1], first[MAX_NUMBER + 1];
	char		 id[REGISTRY_ORGID_MAX], tname[4];
	const char	*why = NULL;
	enum regtype	 t, parsed;
	size_t		 len, len0, len1;
	int		 ok, again;

	if (size < 3 || size - 3 > MAX_NUMBER)
		return 0;
	t = (enum regtype)(data[0] % (REG__MAX + 1));
	memcpy(country, data + 1, 2);
	country[2] = '\0';
	memcpy(num, data + 3, size - 3);
	num[size - 3] = '\0';
	len = len0 = strlen(num);

	/* The type and country as text, whatever they are. */
	memcpy(tname, data, 3);
	tname[3] = '\0';
	if (regtype_parse(tname, &parsed) && (unsigned)parsed >= REG__MAX)
		abort();
	if (country_valid(country) && (strlen(country) != 2 ||
	    country[0] < 'A' || country[0] > 'Z'))
		abort();

	check_field(num, len0);

	memcpy(first, num, len0 + 1);
	ok = registry_check(t, country, num, &len, &why);
	check_why(ok, why);
	if (len > len0 || num[len] != '\0' || strlen(num) != len)
		abort();
	if (ok) {
		check_chars(t, num, len);
		/* Idempotent. */
		len1 = len;
		memcpy(id, num, len + 1);
		if (!registry_check(t, country, num, &len1, &why) ||
		    len1 != len || strcmp(id, num) != 0)
			abort();
	}

	/* The identifier: from the number as typed, when it can be one. */
	again = registry_org_id(t, country, first, id, sizeof(id));
	if (len0 <= REGISTRY_NUMBER_MAX && again != ok)
		abort();
	if (again)
		check_org_id(t, country, id);
	else if (id[0] != '\0')
		abort();
	return 0;
}
