#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "request.h"
#include "registry.h"

const char *const regtype_names[REG__MAX] = {
	"KRS",		/* REG_KRS */
	"REGON",	/* REG_REGON */
	"NIP",		/* REG_NIP */
	"VAT",		/* REG_VAT */
	"LEI",		/* REG_LEI */
	"OTHER",	/* REG_OTHER */
};

/* Message catalogue keys naming why a number was refused. */
#define WHY_EMPTY	"registry.empty"	/* nothing (meaningful) given */
#define WHY_FORMAT	"registry.format"	/* characters or length */
#define WHY_COUNTRY	"registry.country"	/* type or prefix vs. country */
#define WHY_CHECKSUM	"registry.checksum"	/* check digits do not match */

/*
 * The officially assigned ISO 3166-1 alpha-2 codes, sorted for bsearch(3)
 * and NULL-terminated for country_codes(). Taken from the ISO 3166
 * Maintenance Agency's list as shipped by Debian's iso-codes and tzdata's
 * iso3166.tab, which agree. User-assigned codes (XX, XG, XK, ...) and
 * exceptionally reserved ones (EL, EU, UK, ...) are not countries here.
 */
static const char *const countries[] = {
	"AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR",
	"AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD", "BE",
	"BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ",
	"BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD",
	"CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR",
	"CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM",
	"DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI",
	"FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
	"GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS",
	"GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU",
	"ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT",
	"JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN",
	"KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK",
	"LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME",
	"MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ",
	"MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
	"NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU",
	"NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM",
	"PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS",
	"RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI",
	"SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV",
	"SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK",
	"TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA",
	"UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
	"VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
	NULL
};

#define COUNTRY_COUNT	(sizeof(countries) / sizeof(countries[0]) - 1)

_Static_assert(sizeof(countries) / sizeof(countries[0]) == 249 + 1,
    "ISO 3166-1 has 249 officially assigned alpha-2 codes");

/*
 * The country prefixes of EU VAT identification numbers, Article 215 of
 * Council Directive 2006/112/EC as amended: the ISO 3166-1 code of each
 * member state except Greece, which uses "EL", and "XI" for Northern
 * Ireland (Council Directive (EU) 2020/1756), whose ISO 3166-1 country is
 * GB. S/MIME BR 7.1.4.2.2 (d) Note 1 allows such a prefix in a VAT
 * organizationIdentifier provided subject:countryName holds the matching
 * ISO 3166-1 code, which is the second column.
 */
static const struct vatprefix {
	const char	*prefix;
	const char	*country;
} vatprefixes[] = {
	{ "AT", "AT" }, { "BE", "BE" }, { "BG", "BG" }, { "CY", "CY" },
	{ "CZ", "CZ" }, { "DE", "DE" }, { "DK", "DK" }, { "EE", "EE" },
	{ "EL", "GR" }, { "ES", "ES" }, { "FI", "FI" }, { "FR", "FR" },
	{ "HR", "HR" }, { "HU", "HU" }, { "IE", "IE" }, { "IT", "IT" },
	{ "LT", "LT" }, { "LU", "LU" }, { "LV", "LV" }, { "MT", "MT" },
	{ "NL", "NL" }, { "PL", "PL" }, { "PT", "PT" }, { "RO", "RO" },
	{ "SE", "SE" }, { "SI", "SI" }, { "SK", "SK" }, { "XI", "GB" },
};

/* ASCII only: the C library's classes follow the locale. */
static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static int
is_alnum(char c)
{
	return is_digit(c) || is_upper(c);
}

static char
to_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static int
all_digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

static int
all_zero(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (s[i] != '0')
			return 0;
	return 1;
}

/* Sets *why (when asked for) and refuses. */
static int
refuse(const char **why, const char *key)
{
	if (why != NULL)
		*why = key;
	return 0;
}

/*
 * Normalises a number made of digits and letters: drops the separators
 * people type or copy (spaces, tabs, '-' and '.') and upper-cases ASCII
 * letters. In place; the result is NUL-terminated and *len updated.
 */
static void
compact(char *s, size_t *len)
{
	size_t	 i, j;

	for (i = j = 0; i < *len; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '-' || s[i] == '.')
			continue;
		s[j++] = to_upper(s[i]);
	}
	s[j] = '\0';
	*len = j;
}

/*
 * Normalises a free-form register number, whose separators may carry
 * meaning ("HRB 12345", the EUID "DER3306.HRB12345" of S/MIME BR
 * 7.1.4.2.2 (d) Note 3): upper-cases ASCII letters, trims blanks at both
 * ends and folds each inner run of blanks into one space. In place.
 */
static void
tidy(char *s, size_t *len)
{
	size_t	 i, j;
	int	 blank = 0;

	for (i = j = 0; i < *len; i++) {
		if (s[i] == ' ' || s[i] == '\t') {
			blank = j > 0;
			continue;
		}
		if (blank)
			s[j++] = ' ';
		blank = 0;
		s[j++] = to_upper(s[i]);
	}
	s[j] = '\0';
	*len = j;
}

/*
 * Weighted sum of the first n digits of s, modulo 11: the check of REGON
 * and NIP numbers (Rozporządzenie Rady Ministrów w sprawie sposobu i
 * metodologii prowadzenia i aktualizacji krajowego rejestru urzędowego
 * podmiotów gospodarki narodowej, annex; Ministerstwo Finansów for NIP).
 */
static int
mod11(const char *s, const int *w, size_t n)
{
	size_t	 i;
	int	 sum = 0;

	for (i = 0; i < n; i++)
		sum += (s[i] - '0') * w[i];
	return sum % 11;
}

/* A 9-digit REGON: weights 8 9 2 3 4 5 6 7, a remainder of 10 gives 0. */
static int
regon9_ok(const char *s)
{
	static const int w[8] = { 8, 9, 2, 3, 4, 5, 6, 7 };
	int		 r = mod11(s, w, 8);

	return (r == 10 ? 0 : r) == s[8] - '0';
}

/*
 * A 14-digit REGON of a local unit: the 9-digit REGON of its parent, a
 * 4-digit unit number and a check digit (weights 2 4 8 5 0 9 7 3 6 1 2 4
 * 8, a remainder of 10 gives 0).
 */
static int
regon14_ok(const char *s)
{
	static const int w[13] = { 2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8 };
	int		 r = mod11(s, w, 13);

	return (r == 10 ? 0 : r) == s[13] - '0' && regon9_ok(s);
}

/*
 * A NIP: weights 6 5 7 2 3 4 5 6 7 modulo 11 give the tenth digit; a
 * remainder of 10 is never issued, so such a number is invalid.
 */
static int
nip_ok(const char *s)
{
	static const int w[9] = { 6, 5, 7, 2, 3, 4, 5, 6, 7 };
	int		 r = mod11(s, w, 9);

	return r != 10 && r == s[9] - '0';
}

/*
 * ISO 17442 check digits (ISO/IEC 7064 MOD 97-10): with letters read as
 * 10 (A) to 35 (Z), the 20 characters as one decimal number leave 1
 * modulo 97. The remainder is carried digit by digit so nothing
 * overflows. Check digits are computed as 98 - (n mod 97), that is 02 to
 * 98: "00", "01" and "99" would alias 97, 98 and 02 under the bare
 * modulus but are never issued.
 */
static int
lei_ok(const char *s)
{
	size_t	 i;
	int	 r = 0, v, cd;

	for (i = 0; i < 20; i++) {
		if (is_digit(s[i]))
			r = (r * 10 + (s[i] - '0')) % 97;
		else {
			v = s[i] - 'A' + 10;
			r = (r * 100 + v) % 97;
		}
	}
	cd = (s[18] - '0') * 10 + (s[19] - '0');
	return r == 1 && cd >= 2 && cd <= 98;
}

/* The country a Polish register needs. */
static int
is_pl(const char *country)
{
	return country != NULL && strcmp(country, "PL") == 0;
}

/* KRS: ten digits, leading zeros included; the number has no check digit. */
static int
check_krs(const char *country, char *s, size_t *len, const char **why)
{
	if (!is_pl(country))
		return refuse(why, WHY_COUNTRY);
	if (*len != 10 || !all_digits(s, *len) || all_zero(s, *len))
		return refuse(why, WHY_FORMAT);
	return 1;
}

/*
 * REGON: 9 digits for an entity, 14 for a local unit. The KRS and its
 * extracts print an entity's REGON padded to 14 digits with "00000",
 * which is no local unit (unit numbers start at 0001) and fails the
 * 14-digit check: that form is shortened to the 9 digits it stands for.
 */
static int
check_regon(const char *country, char *s, size_t *len, const char **why)
{
	if (!is_pl(country))
		return refuse(why, WHY_COUNTRY);
	if ((*len != 9 && *len != 14) || !all_digits(s, *len) ||
	    all_zero(s, *len))
		return refuse(why, WHY_FORMAT);
	if (*len == 14 && memcmp(s + 9, "00000", 5) == 0 && regon9_ok(s)) {
		s[9] = '\0';
		*len = 9;
	}
	if (*len == 9 ? !regon9_ok(s) : !regon14_ok(s))
		return refuse(why, WHY_CHECKSUM);
	return 1;
}

/* NIP: ten digits, the "PL" of its VAT form dropped. */
static int
check_nip(const char *country, char *s, size_t *len, const char **why)
{
	if (!is_pl(country))
		return refuse(why, WHY_COUNTRY);
	if (*len >= 2 && s[0] == 'P' && s[1] == 'L') {
		memmove(s, s + 2, *len - 2 + 1);
		*len -= 2;
	}
	if (*len == 0)
		return refuse(why, WHY_EMPTY);
	if (*len != 10 || !all_digits(s, *len) || all_zero(s, *len))
		return refuse(why, WHY_FORMAT);
	if (!nip_ok(s))
		return refuse(why, WHY_CHECKSUM);
	return 1;
}

/*
 * An EU VAT number: a known prefix (see vatprefixes) matching the
 * organization's country, then 2 to 12 letters and digits. Only the
 * Polish rest, a NIP, has its check digit verified here; the others are
 * checked against VIES by whoever verifies the organization (3.2.3).
 */
static int
check_vat(const char *country, char *s, size_t *len, const char **why)
{
	const struct vatprefix	*vp = NULL;
	size_t			 i;

	if (*len < 2 || !is_upper(s[0]) || !is_upper(s[1]))
		return refuse(why, WHY_FORMAT);
	for (i = 0; i < sizeof(vatprefixes) / sizeof(vatprefixes[0]); i++)
		if (memcmp(s, vatprefixes[i].prefix, 2) == 0) {
			vp = &vatprefixes[i];
			break;
		}
	if (vp == NULL || !country_valid(country) ||
	    strcmp(country, vp->country) != 0)
		return refuse(why, WHY_COUNTRY);
	if (*len - 2 < 2 || *len - 2 > 12)
		return refuse(why, WHY_FORMAT);
	for (i = 2; i < *len; i++)
		if (!is_alnum(s[i]))
			return refuse(why, WHY_FORMAT);
	if (strcmp(vp->prefix, "PL") == 0) {
		if (*len - 2 != 10 || !all_digits(s + 2, 10) ||
		    all_zero(s + 2, 10))
			return refuse(why, WHY_FORMAT);
		if (!nip_ok(s + 2))
			return refuse(why, WHY_CHECKSUM);
	}
	return 1;
}

/*
 * ISO 17442-1:2020 clause 4: 18 letters or digits, then two check
 * digits. An LEI is global: the country is not looked at.
 */
static int
check_lei(char *s, size_t len, const char **why)
{
	size_t	 i;

	if (len != 20 || !is_digit(s[18]) || !is_digit(s[19]))
		return refuse(why, WHY_FORMAT);
	for (i = 0; i < 18; i++)
		if (!is_alnum(s[i]))
			return refuse(why, WHY_FORMAT);
	if (!lei_ok(s))
		return refuse(why, WHY_CHECKSUM);
	return 1;
}

/*
 * Any other trade register: up to 64 of A-Z, 0-9, space, '-', '/' and
 * '.', with at least one letter or digit, since S/MIME BR 7.1.4.2
 * forbids values made of metadata only. The country must be an
 * ISO 3166-1 country: it names the register in the identifier.
 */
static int
check_other(const char *country, const char *s, size_t len,
    const char **why)
{
	size_t	 i;
	int	 meaning = 0;

	if (!country_valid(country))
		return refuse(why, WHY_COUNTRY);
	if (len > REGISTRY_NUMBER_MAX)
		return refuse(why, WHY_FORMAT);
	for (i = 0; i < len; i++) {
		if (is_alnum(s[i]))
			meaning = 1;
		else if (s[i] != ' ' && s[i] != '-' && s[i] != '/' &&
		    s[i] != '.')
			return refuse(why, WHY_FORMAT);
	}
	if (!meaning)
		return refuse(why, WHY_EMPTY);
	return 1;
}

/*
 * Reads a registration type from a form value, in either case ("krs",
 * "KRS"). Returns 1 and sets *type, or 0 for anything else.
 */
int
regtype_parse(const char *s, enum regtype *type)
{
	size_t	 i;

	if (s == NULL)
		return 0;
	for (i = 0; i < REG__MAX; i++)
		if (strcasecmp(s, regtype_names[i]) == 0) {
			if (type != NULL)
				*type = (enum regtype)i;
			return 1;
		}
	return 0;
}

/*
 * Normalises the registration number `number` of `len` bytes (a
 * NUL-terminated string such as kv->val) in place, never lengthening
 * it, and checks it for the type and the organization's ISO 3166-1
 * `country`:
 *
 *  KRS, REGON, NIP	country PL; digits and check digits as above
 *  VAT			prefix of vatprefixes matching country; PL's is a NIP
 *  LEI			ISO 17442; country ignored
 *  OTHER		country any ISO 3166-1 code; see check_other()
 *
 * Separators (space, tab, '-', '.') are dropped and letters upper-cased,
 * except for OTHER, which keeps single spaces, '-', '/' and '.'. On
 * return *len holds the new length, even on refusal.
 *
 * Returns 1 when valid; else 0 with *why (if why is not NULL) set to
 * the catalogue key "registry.empty", "registry.format",
 * "registry.country" or "registry.checksum", checked in that order.
 */
int
registry_check(enum regtype type, const char *country, char *number,
    size_t *len, const char **why)
{
	if (why != NULL)
		*why = NULL;
	if (number == NULL || len == NULL)
		return refuse(why, WHY_EMPTY);
	if (type == REG_OTHER)
		tidy(number, len);
	else
		compact(number, len);
	if (*len == 0)
		return refuse(why, WHY_EMPTY);

	switch (type) {
	case REG_KRS:
		return check_krs(country, number, len, why);
	case REG_REGON:
		return check_regon(country, number, len, why);
	case REG_NIP:
		return check_nip(country, number, len, why);
	case REG_VAT:
		return check_vat(country, number, len, why);
	case REG_LEI:
		return check_lei(number, *len, why);
	case REG_OTHER:
		return check_other(country, number, *len, why);
	case REG__MAX:
	default:
		return refuse(why, WHY_FORMAT);
	}
}

/*
 * Builds the subject:organizationIdentifier for a registration number,
 * S/MIME BR 7.1.4.2.2 (d): a 3-letter Registration Scheme of Appendix
 * A.1, a 2-letter country, '-', then the Registration Reference:
 *
 *  KRS		NTRPL-<10 digits>	NTR: the national trade register
 *  REGON	NTRPL-<9 or 14 digits>	NTR: the national business register
 *  NIP		VATPL-<10 digits>	VAT: allocated by the tax authority
 *  VAT		VAT<prefix>-<rest>	the Article 215 prefix, so Greece is
 *					VATEL- and Northern Ireland VATXI-
 *					(7.1.4.2.2 (d) Note 1)
 *  LEI		LEIXG-<LEI>		LEI: global, country "XG" (Note 1)
 *  OTHER	NTR<country>-<number>	NTR of the organization's country
 *
 * Except for LEI, the country in the identifier is (or, for EL and XI,
 * stands for) the organization's `country`, which subject:countryName
 * must then hold (Note 1).
 *
 * `number` need not be normalised: a copy is checked with
 * registry_check() first. Writes the NUL-terminated identifier to `out`
 * (REGISTRY_ORGID_MAX bytes always suffice) and returns 1; returns 0,
 * leaving `out` empty, when the number is invalid for the type and
 * country or the identifier would not fit in `outsz` bytes.
 */
int
registry_org_id(enum regtype type, const char *country, const char *number,
    char *out, size_t outsz)
{
	char		 buf[REGISTRY_NUMBER_MAX + 1], cc[3];
	const char	*scheme, *ref = buf;
	size_t		 len;
	int		 n;

	if (out == NULL || outsz == 0)
		return 0;
	out[0] = '\0';
	if (number == NULL || (len = strlen(number)) > REGISTRY_NUMBER_MAX)
		return 0;
	memcpy(buf, number, len + 1);
	if (!registry_check(type, country, buf, &len, NULL))
		return 0;

	switch (type) {
	case REG_KRS:
	case REG_REGON:
		scheme = "NTR";
		memcpy(cc, "PL", 3);
		break;
	case REG_NIP:
		scheme = "VAT";
		memcpy(cc, "PL", 3);
		break;
	case REG_VAT:
		scheme = "VAT";
		cc[0] = buf[0];
		cc[1] = buf[1];
		cc[2] = '\0';
		ref = buf + 2;
		break;
	case REG_LEI:
		scheme = "LEI";
		memcpy(cc, "XG", 3);
		break;
	case REG_OTHER:
		scheme = "NTR";
		memcpy(cc, country, 3);
		break;
	case REG__MAX:
	default:
		return 0;
	}

	n = snprintf(out, outsz, "%s%s-%s", scheme, cc, ref);
	if (n < 0 || (size_t)n >= outsz) {
		out[0] = '\0';
		return 0;
	}
	return 1;
}

/*
 * Validator of the registration number form field (see struct fieldspec):
 * trims blanks at both ends, then accepts 1 to REGISTRY_NUMBER_MAX bytes
 * of ASCII letters, digits, space, '.', '/' and '-'. The full check needs
 * the type and country chosen alongside and is registry_check()'s.
 */
int
valid_registry_number(struct kv *kv)
{
	char	*s = kv->val;
	size_t	 n = kv->valsz, b = 0, i;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (b < n && (s[b] == ' ' || s[b] == '\t'))
		b++;
	memmove(s, s + b, n - b);
	s[n - b] = '\0';
	kv->valsz = n - b;

	if (kv->valsz == 0 || kv->valsz > REGISTRY_NUMBER_MAX)
		return 0;
	for (i = 0; i < kv->valsz; i++) {
		char	 c = to_upper(s[i]);

		if (!is_alnum(c) && c != ' ' && c != '.' && c != '/' &&
		    c != '-')
			return 0;
	}
	return 1;
}

static int
country_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Whether `cc` is an officially assigned ISO 3166-1 alpha-2 code, written
 * exactly as two upper-case ASCII letters ("pl" is refused: callers
 * normalise first). User-assigned codes are refused, among them "XK",
 * which the EU uses for Kosovo, and "XX", which S/MIME BR 7.1.4.2.2 (n)
 * allows in subject:countryName for places without an official code.
 */
int
country_valid(const char *cc)
{
	if (cc == NULL || !is_upper(cc[0]) || !is_upper(cc[1]) ||
	    cc[2] != '\0')
		return 0;
	return bsearch(&cc, countries, COUNTRY_COUNT, sizeof(countries[0]),
	    country_cmp) != NULL;
}

/*
 * The officially assigned ISO 3166-1 alpha-2 codes, sorted, ending with
 * NULL. Static: never freed. The form shows each by its catalogue name
 * "country.XX".
 */
const char *const *
country_codes(void)
{
	return countries;
}

/*
 * The catalogue key that names a refusal `why` of registry_check() for a
 * number of type `t` together with the form the registry expects
 * ("registry.format.KRS": "KRS: 10 digits"), written into `buf`. Empty
 * numbers and country mismatches keep their general key. Returns the key.
 */
const char *
registry_why_form(enum regtype t, const char *why, char *buf, size_t bufsz)
{
	if (t >= REG__MAX || (strcmp(why, WHY_FORMAT) != 0 &&
	    strcmp(why, WHY_CHECKSUM) != 0))
		return why;
	snprintf(buf, bufsz, "%s.%s", why, regtype_names[t]);
	return buf;
}

/*
 * Checks registration number `number` of type name `type` (KRS, REGON,
 * ...) for an organization of `country`, as the data form and the
 * operator's approval both do. On success writes the normalised number
 * into `num` and the organizationIdentifier into `orgid` and returns 1;
 * otherwise points *field at the field at fault ("registry_type" or
 * "registry_number"), writes the catalogue key of the message (naming
 * the expected form) into `key`, and returns 0.
 */
int
registry_field_check(const char *type, const char *country,
    const char *number, char *num, size_t numsz, char *orgid, size_t orgidsz,
    const char **field, char *key, size_t keysz)
{
	enum regtype	 t;
	const char	*why = NULL;
	size_t		 len;

	if (type == NULL || *type == '\0' || !regtype_parse(type, &t)) {
		*field = "registry_type";
		snprintf(key, keysz, "%s", type == NULL || *type == '\0' ?
		    "field.required" : "field.invalid");
		return 0;
	}
	*field = "registry_number";
	if (number == NULL || *number == '\0') {
		snprintf(key, keysz, "field.required");
		return 0;
	}
	if (snprintf(num, numsz, "%s", number) >= (int)numsz) {
		snprintf(key, keysz, "%s", WHY_FORMAT);
		return 0;
	}
	len = strlen(num);
	if (!registry_check(t, country, num, &len, &why)) {
		if ((why = registry_why_form(t, why, key, keysz)) != key)
			snprintf(key, keysz, "%s", why);
		return 0;
	}
	if (!registry_org_id(t, country, num, orgid, orgidsz)) {
		registry_why_form(t, WHY_FORMAT, key, keysz);
		return 0;
	}
	return 1;
}
