/*
 * Unit tests of registry.c: registration numbers, organizationIdentifier
 * derivation and ISO 3166-1 country codes.
 *
 * Every check-digit vector below was computed with an independent Python
 * implementation of the same rules before it went in. Real numbers:
 *  - NIP 526-025-02-74: Ministerstwo Finansów
 *  - NIP 5250007738, REGON 016298263: PKO Bank Polski S.A.
 *  - NIP 5260250995, REGON 012100784: Orange Polska S.A.
 *  - NIP 7740001454, REGON 610188201: ORLEN S.A.
 *  - LEI 506700GE1G29325QX363: GLEIF; HWUPKR0MPOU8FGXBT394: Apple Inc.;
 *    7LTWFZYICNSX8D621K86: Deutsche Bank AG; P4GTT6GF1W40CVIMFR43:
 *    PKO Bank Polski S.A.
 * The 14-digit REGONs, the NIP with remainder 10 and the LEIs with
 * aliased check digits are synthetic, built with the same script.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "request.h"
#include "registry.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct good {
	enum regtype	 type;
	const char	*country;
	const char	*in;
	const char	*out;	/* normalised */
};

static const struct good goods[] = {
	/* KRS: format only, there is no check digit. */
	{ REG_KRS, "PL", "0000026438", "0000026438" },
	{ REG_KRS, "PL", "0000 026 438", "0000026438" },
	{ REG_KRS, "PL", "0000-010-681", "0000010681" },

	/* REGON, 9 digits. */
	{ REG_REGON, "PL", "012100784", "012100784" },
	{ REG_REGON, "PL", "016298263", "016298263" },
	{ REG_REGON, "PL", "610188201", "610188201" },
	{ REG_REGON, "PL", "016-298-263", "016298263" },
	{ REG_REGON, "PL", " 610 188 201 ", "610188201" },
	/* remainder 10 gives check digit 0 */
	{ REG_REGON, "PL", "010000080", "010000080" },
	/* REGON, 14 digits: local units of 016298263 */
	{ REG_REGON, "PL", "01629826300015", "01629826300015" },
	{ REG_REGON, "PL", "01629826300030", "01629826300030" },	/* rem. 10 */
	/* the KRS's zero-padded form of a 9-digit REGON */
	{ REG_REGON, "PL", "01629826300000", "016298263" },
	{ REG_REGON, "PL", "01210078400000", "012100784" },

	/* NIP */
	{ REG_NIP, "PL", "5260250274", "5260250274" },
	{ REG_NIP, "PL", "526-025-02-74", "5260250274" },
	{ REG_NIP, "PL", "526 025 02 74", "5260250274" },
	{ REG_NIP, "PL", "PL5260250274", "5260250274" },
	{ REG_NIP, "PL", "pl 526-025-02-74", "5260250274" },
	{ REG_NIP, "PL", "5250007738", "5250007738" },
	{ REG_NIP, "PL", "5260250995", "5260250995" },
	{ REG_NIP, "PL", "774-000-14-54", "7740001454" },

	/* VAT */
	{ REG_VAT, "PL", "PL5260250274", "PL5260250274" },
	{ REG_VAT, "PL", "pl 526-025-02-74", "PL5260250274" },
	{ REG_VAT, "DE", "DE123456789", "DE123456789" },
	{ REG_VAT, "DE", "de 123 456 789", "DE123456789" },
	{ REG_VAT, "GR", "EL123456789", "EL123456789" },
	{ REG_VAT, "GB", "XI123456789", "XI123456789" },
	{ REG_VAT, "NL", "NL123456789B01", "NL123456789B01" },
	{ REG_VAT, "AT", "ATU12", "ATU12" },	/* shortest rest: 2 */
	{ REG_VAT, "FR", "FR123456789012", "FR123456789012" },	/* 12 */

	/* LEI */
	{ REG_LEI, NULL, "506700GE1G29325QX363", "506700GE1G29325QX363" },
	{ REG_LEI, "PL", "HWUPKR0MPOU8FGXBT394", "HWUPKR0MPOU8FGXBT394" },
	{ REG_LEI, "DE", "7LTWFZYICNSX8D621K86", "7LTWFZYICNSX8D621K86" },
	{ REG_LEI, "PL", "P4GTT6GF1W40CVIMFR43", "P4GTT6GF1W40CVIMFR43" },
	{ REG_LEI, "PL", "506700ge1g29325qx363", "506700GE1G29325QX363" },
	{ REG_LEI, "PL", "5067 00GE 1G29 325Q X363", "506700GE1G29325QX363" },
	/* synthetic, check digits at the ends of their range */
	{ REG_LEI, "PL", "52990000000000000002", "52990000000000000002" },
	{ REG_LEI, "PL", "52990000000000003397", "52990000000000003397" },

	/* OTHER */
	{ REG_OTHER, "DE", "HRB 12345", "HRB 12345" },
	{ REG_OTHER, "DE", "  hrb \t 12345  ", "HRB 12345" },
	{ REG_OTHER, "DE", "DER3306.HRB12345", "DER3306.HRB12345" },
	{ REG_OTHER, "BE", "NBB-1234.567.890", "NBB-1234.567.890" },
	{ REG_OTHER, "FR", "552 100 554", "552 100 554" },
	{ REG_OTHER, "GB", "SC/123", "SC/123" },
	{ REG_OTHER, "PL", "7", "7" },
	{ REG_OTHER, "PL",
	    "1234567890123456789012345678901234567890123456789012345678901234",
	    "1234567890123456789012345678901234567890123456789012345678901234" },
};

struct bad {
	enum regtype	 type;
	const char	*country;
	const char	*in;
	const char	*why;
};

static const struct bad bads[] = {
	/* empty, whatever the type */
	{ REG_KRS, "PL", "", "registry.empty" },
	{ REG_REGON, "PL", " - . ", "registry.empty" },
	{ REG_NIP, "PL", "---", "registry.empty" },
	{ REG_NIP, "PL", "PL", "registry.empty" },
	{ REG_VAT, "PL", "  ", "registry.empty" },
	{ REG_LEI, "PL", "", "registry.empty" },
	{ REG_OTHER, "PL", "   ", "registry.empty" },
	{ REG_OTHER, "PL", "---", "registry.empty" },
	{ REG_OTHER, "PL", " . / - ", "registry.empty" },

	/* KRS */
	{ REG_KRS, "DE", "0000026438", "registry.country" },
	{ REG_KRS, NULL, "0000026438", "registry.country" },
	{ REG_KRS, "PL", "26438", "registry.format" },	/* zeros omitted */
	{ REG_KRS, "PL", "00000264381", "registry.format" },
	{ REG_KRS, "PL", "000002643A", "registry.format" },
	{ REG_KRS, "PL", "0000000000", "registry.format" },

	/* REGON */
	{ REG_REGON, "DE", "016298263", "registry.country" },
	{ REG_REGON, "pl", "016298263", "registry.country" },
	{ REG_REGON, "PL", "016298264", "registry.checksum" },	/* changed */
	{ REG_REGON, "PL", "016298236", "registry.checksum" },	/* swapped */
	{ REG_REGON, "PL", "012100748", "registry.checksum" },	/* swapped */
	{ REG_REGON, "PL", "610188210", "registry.checksum" },	/* swapped */
	{ REG_REGON, "PL", "010000081", "registry.checksum" },	/* 10 -> 0 */
	{ REG_REGON, "PL", "01629826", "registry.format" },
	{ REG_REGON, "PL", "0162982630", "registry.format" },
	{ REG_REGON, "PL", "0162982630001", "registry.format" },
	{ REG_REGON, "PL", "O16298263", "registry.format" },	/* letter O */
	{ REG_REGON, "PL", "000000000", "registry.format" },
	{ REG_REGON, "PL", "00000000000000", "registry.format" },
	{ REG_REGON, "PL", "01629826300016", "registry.checksum" },
	/* 14-digit check right, 9-digit prefix wrong */
	{ REG_REGON, "PL", "01629826400010", "registry.checksum" },
	/* zero-padded, but the 9 digits are wrong: not shortened */
	{ REG_REGON, "PL", "01629826400000", "registry.checksum" },

	/* NIP */
	{ REG_NIP, "DE", "5260250274", "registry.country" },
	{ REG_NIP, NULL, "5260250274", "registry.country" },
	{ REG_NIP, "PL", "5260250275", "registry.checksum" },	/* changed */
	{ REG_NIP, "PL", "5260250247", "registry.checksum" },	/* swapped */
	{ REG_NIP, "PL", "5262050274", "registry.checksum" },	/* swapped */
	{ REG_NIP, "PL", "5260250200", "registry.checksum" },	/* rem. 10 */
	{ REG_NIP, "PL", "5260250205", "registry.checksum" },	/* rem. 10 */
	{ REG_NIP, "PL", "526025027", "registry.format" },
	{ REG_NIP, "PL", "52602502741", "registry.format" },
	{ REG_NIP, "PL", "526025027A", "registry.format" },
	{ REG_NIP, "PL", "DE5260250274", "registry.format" },
	{ REG_NIP, "PL", "0000000000", "registry.format" },
	{ REG_NIP, "PL", "526/025/02/74", "registry.format" },

	/* VAT */
	{ REG_VAT, "GB", "GB123456789", "registry.country" },	/* not EU */
	{ REG_VAT, "US", "US123456789", "registry.country" },
	{ REG_VAT, "DE", "QQ123456789", "registry.country" },
	{ REG_VAT, "AT", "DE123456789", "registry.country" },	/* mismatch */
	{ REG_VAT, "GR", "GR123456789", "registry.country" },	/* is EL */
	{ REG_VAT, "EL", "EL123456789", "registry.country" },	/* not ISO */
	{ REG_VAT, "IE", "XI123456789", "registry.country" },
	{ REG_VAT, NULL, "DE123456789", "registry.country" },
	{ REG_VAT, "DE", "123456789", "registry.format" },	/* no prefix */
	{ REG_VAT, "DE", "D", "registry.format" },
	{ REG_VAT, "DE", "DE", "registry.format" },
	{ REG_VAT, "DE", "DE1", "registry.format" },
	{ REG_VAT, "FR", "FR1234567890123", "registry.format" },	/* 13 */
	{ REG_VAT, "DE", "DE12345678_", "registry.format" },
	{ REG_VAT, "DE", "DE1234/5678", "registry.format" },
	{ REG_VAT, "PL", "PL526025027", "registry.format" },
	{ REG_VAT, "PL", "PL526025027X", "registry.format" },
	{ REG_VAT, "PL", "PL0000000000", "registry.format" },
	{ REG_VAT, "PL", "PL5260250275", "registry.checksum" },
	{ REG_VAT, "PL", "PL5260250247", "registry.checksum" },

	/* LEI */
	{ REG_LEI, "PL", "506700GE1G29325QX364", "registry.checksum" },
	{ REG_LEI, "PL", "506700GE1G29325QX336", "registry.checksum" },
	{ REG_LEI, "PL", "506700GE1G29235QX363", "registry.checksum" },
	{ REG_LEI, "PL", "WHUPKR0MPOU8FGXBT394", "registry.checksum" },
	{ REG_LEI, "PL", "7LTWFZYICNSX8D621K68", "registry.checksum" },
	{ REG_LEI, "PL", "P4GTT6GF1W40CVIMFR34", "registry.checksum" },
	/* pass the bare modulus but are never issued (98 - n mod 97) */
	{ REG_LEI, "PL", "52990000000000000099", "registry.checksum" },
	{ REG_LEI, "PL", "52990000000000003300", "registry.checksum" },
	{ REG_LEI, "PL", "506700GE1G29325QX36", "registry.format" },
	{ REG_LEI, "PL", "506700GE1G29325QX3633", "registry.format" },
	{ REG_LEI, "PL", "506700GE1G29325QX36A", "registry.format" },
	{ REG_LEI, "PL", "506700GE1G29325Q_363", "registry.format" },
	{ REG_LEI, "PL", "506700GE1G29325Q\xc3\x84" "63", "registry.format" },

	/* OTHER */
	{ REG_OTHER, "XX", "HRB 12345", "registry.country" },
	{ REG_OTHER, "XK", "HRB 12345", "registry.country" },
	{ REG_OTHER, "de", "HRB 12345", "registry.country" },
	{ REG_OTHER, NULL, "HRB 12345", "registry.country" },
	{ REG_OTHER, "DE", "HRB_12345", "registry.format" },
	{ REG_OTHER, "DE", "HRB+12345", "registry.format" },
	{ REG_OTHER, "DE", "HRB\xc3\xa4" "12345", "registry.format" },
	{ REG_OTHER, "PL",
	    "12345678901234567890123456789012345678901234567890123456789012345",
	    "registry.format" },
};

/* Runs registry_check() on a writable copy of `in`. */
static int
check(enum regtype t, const char *cc, const char *in, char *buf,
    size_t bufsz, size_t *len, const char **why)
{
	*len = strlen(in);
	assert_true(*len < bufsz);
	memcpy(buf, in, *len + 1);
	return registry_check(t, cc, buf, len, why);
}

static void
test_good_numbers(void **state)
{
	char		 buf[128];
	const char	*why;
	size_t		 i, len, inlen;

	(void)state;
	for (i = 0; i < NELEM(goods); i++) {
		inlen = strlen(goods[i].in);
		why = "unset";
		if (!check(goods[i].type, goods[i].country, goods[i].in,
		    buf, sizeof(buf), &len, &why))
			fail_msg("%s %s \"%s\" refused: %s",
			    regtype_names[goods[i].type],
			    goods[i].country ? goods[i].country : "(null)",
			    goods[i].in, why);
		assert_null(why);
		assert_string_equal(buf, goods[i].out);
		assert_int_equal(len, strlen(goods[i].out));
		assert_true(len <= inlen);
	}
}

static void
test_bad_numbers(void **state)
{
	char		 buf[128];
	const char	*why;
	size_t		 i, len, inlen;

	(void)state;
	for (i = 0; i < NELEM(bads); i++) {
		inlen = strlen(bads[i].in);
		why = NULL;
		if (check(bads[i].type, bads[i].country, bads[i].in,
		    buf, sizeof(buf), &len, &why))
			fail_msg("%s %s \"%s\" accepted as \"%s\"",
			    regtype_names[bads[i].type],
			    bads[i].country ? bads[i].country : "(null)",
			    bads[i].in, buf);
		if (why == NULL || strcmp(why, bads[i].why) != 0)
			fail_msg("%s \"%s\": why %s, expected %s",
			    regtype_names[bads[i].type], bads[i].in,
			    why ? why : "(null)", bads[i].why);
		/* Even on refusal the value stays a string no longer. */
		assert_int_equal(len, strlen(buf));
		assert_true(len <= inlen);
	}
}

static void
test_check_edges(void **state)
{
	char		 buf[32];
	const char	*why = "unset";
	size_t		 len;

	(void)state;
	/* why may be NULL. */
	assert_true(check(REG_NIP, "PL", "526-025-02-74", buf, sizeof(buf),
	    &len, NULL));
	assert_false(check(REG_NIP, "PL", "526-025-02-75", buf, sizeof(buf),
	    &len, NULL));
	/* No number at all. */
	len = 0;
	assert_false(registry_check(REG_NIP, "PL", NULL, &len, &why));
	assert_string_equal(why, "registry.empty");
	assert_false(registry_check(REG_NIP, "PL", buf, NULL, &why));
	/* A type out of range. */
	assert_false(check(REG__MAX, "PL", "5260250274", buf, sizeof(buf),
	    &len, &why));
	assert_string_equal(why, "registry.format");
	/* Only len bytes are looked at, the rest is left alone. */
	memcpy(buf, "5260250274XYZ", 14);
	len = 10;
	assert_true(registry_check(REG_NIP, "PL", buf, &len, NULL));
	assert_int_equal(len, 10);
	assert_string_equal(buf, "5260250274");
	assert_string_equal(buf + 11, "YZ");
}

struct orgid {
	enum regtype	 type;
	const char	*country;
	const char	*in;
	const char	*id;
};

static const struct orgid orgids[] = {
	{ REG_KRS, "PL", "0000026438", "NTRPL-0000026438" },
	{ REG_KRS, "PL", "0000-010-681", "NTRPL-0000010681" },
	{ REG_REGON, "PL", "012100784", "NTRPL-012100784" },
	{ REG_REGON, "PL", "01629826300015", "NTRPL-01629826300015" },
	{ REG_REGON, "PL", "01629826300000", "NTRPL-016298263" },
	{ REG_NIP, "PL", "526-025-02-74", "VATPL-5260250274" },
	{ REG_NIP, "PL", "PL 5250007738", "VATPL-5250007738" },
	{ REG_VAT, "PL", "PL5260250274", "VATPL-5260250274" },
	{ REG_VAT, "DE", "de 123 456 789", "VATDE-123456789" },
	{ REG_VAT, "GR", "EL123456789", "VATEL-123456789" },
	{ REG_VAT, "GB", "XI123456789", "VATXI-123456789" },
	{ REG_VAT, "NL", "NL123456789B01", "VATNL-123456789B01" },
	{ REG_LEI, "PL", "506700GE1G29325QX363", "LEIXG-506700GE1G29325QX363" },
	{ REG_LEI, NULL, "hwupkr0mpou8fgxbt394", "LEIXG-HWUPKR0MPOU8FGXBT394" },
	{ REG_LEI, "US", "HWUPKR0MPOU8FGXBT394", "LEIXG-HWUPKR0MPOU8FGXBT394" },
	{ REG_OTHER, "DE", "DER3306.HRB12345", "NTRDE-DER3306.HRB12345" },
	{ REG_OTHER, "GB", "12345678", "NTRGB-12345678" },
	{ REG_OTHER, "DE", " hrb  12345 ", "NTRDE-HRB 12345" },
};

static void
test_org_id(void **state)
{
	char	 out[REGISTRY_ORGID_MAX];
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(orgids); i++) {
		memset(out, 'x', sizeof(out));
		if (!registry_org_id(orgids[i].type, orgids[i].country,
		    orgids[i].in, out, sizeof(out)))
			fail_msg("%s \"%s\": no identifier",
			    regtype_names[orgids[i].type], orgids[i].in);
		assert_string_equal(out, orgids[i].id);
	}
}

static void
test_org_id_refused(void **state)
{
	char		 out[REGISTRY_ORGID_MAX], num[REGISTRY_NUMBER_MAX + 2];
	const char	*id = "LEIXG-506700GE1G29325QX363";

	(void)state;
	/* Invalid numbers, types or countries. */
	strcpy(out, "junk");
	assert_false(registry_org_id(REG_NIP, "PL", "5260250275", out,
	    sizeof(out)));
	assert_string_equal(out, "");
	assert_false(registry_org_id(REG_KRS, "DE", "0000026438", out,
	    sizeof(out)));
	assert_false(registry_org_id(REG_VAT, "AT", "DE123456789", out,
	    sizeof(out)));
	assert_false(registry_org_id(REG_OTHER, "XX", "123", out,
	    sizeof(out)));
	assert_false(registry_org_id(REG_OTHER, "DE", "---", out,
	    sizeof(out)));
	assert_false(registry_org_id(REG__MAX, "PL", "5260250274", out,
	    sizeof(out)));
	assert_false(registry_org_id(REG_NIP, "PL", NULL, out, sizeof(out)));
	assert_false(registry_org_id(REG_NIP, "PL", "5260250274", NULL, 10));

	/* Sizes: exactly enough, one byte short, nothing. */
	assert_true(registry_org_id(REG_LEI, NULL, "506700GE1G29325QX363",
	    out, strlen(id) + 1));
	assert_string_equal(out, id);
	strcpy(out, "junk");
	assert_false(registry_org_id(REG_LEI, NULL, "506700GE1G29325QX363",
	    out, strlen(id)));
	assert_string_equal(out, "");
	out[0] = 'j';
	assert_false(registry_org_id(REG_LEI, NULL, "506700GE1G29325QX363",
	    out, 0));
	assert_int_equal(out[0], 'j');

	/* The longest number fits REGISTRY_ORGID_MAX; a longer one is out. */
	memset(num, '7', REGISTRY_NUMBER_MAX);
	num[REGISTRY_NUMBER_MAX] = '\0';
	assert_true(registry_org_id(REG_OTHER, "PL", num, out, sizeof(out)));
	assert_int_equal(strlen(out), sizeof(out) - 1);
	assert_memory_equal(out, "NTRPL-777", 9);
	num[REGISTRY_NUMBER_MAX] = '7';
	num[REGISTRY_NUMBER_MAX + 1] = '\0';
	assert_false(registry_org_id(REG_OTHER, "PL", num, out, sizeof(out)));
}

static void
test_regtype(void **state)
{
	static const struct {
		const char	*in;
		int		 ok;
		enum regtype	 type;
	} v[] = {
		{ "KRS", 1, REG_KRS },
		{ "krs", 1, REG_KRS },
		{ "Regon", 1, REG_REGON },
		{ "nip", 1, REG_NIP },
		{ "VAT", 1, REG_VAT },
		{ "lei", 1, REG_LEI },
		{ "other", 1, REG_OTHER },
		{ "", 0, REG__MAX },
		{ "KRSX", 0, REG__MAX },
		{ "KR", 0, REG__MAX },
		{ " KRS", 0, REG__MAX },
		{ "EUID", 0, REG__MAX },
	};
	enum regtype	 t;
	size_t		 i;

	(void)state;
	assert_string_equal(regtype_names[REG_KRS], "KRS");
	assert_string_equal(regtype_names[REG_REGON], "REGON");
	assert_string_equal(regtype_names[REG_NIP], "NIP");
	assert_string_equal(regtype_names[REG_VAT], "VAT");
	assert_string_equal(regtype_names[REG_LEI], "LEI");
	assert_string_equal(regtype_names[REG_OTHER], "OTHER");
	for (i = 0; i < REG__MAX; i++) {
		t = REG__MAX;
		assert_true(regtype_parse(regtype_names[i], &t));
		assert_int_equal(t, i);
	}
	for (i = 0; i < NELEM(v); i++) {
		t = REG__MAX;
		assert_int_equal(regtype_parse(v[i].in, &t), v[i].ok);
		assert_int_equal(t, v[i].type);
	}
	assert_false(regtype_parse(NULL, &t));
	assert_true(regtype_parse("lei", NULL));
}

static void
test_country_valid(void **state)
{
	static const struct {
		const char	*cc;
		int		 ok;
	} v[] = {
		{ "PL", 1 }, { "GB", 1 }, { "DE", 1 }, { "GR", 1 },
		{ "US", 1 }, { "AD", 1 }, { "ZW", 1 }, { "SS", 1 },
		{ "BQ", 1 }, { "AX", 1 }, { "AQ", 1 }, { "UM", 1 },
		{ "XK", 0 },	/* Kosovo: user-assigned, not official */
		{ "XX", 0 },	/* user-assigned; BR 7.1.4.2.2 (n) */
		{ "XG", 0 },	/* LEI and INT schemes only */
		{ "XI", 0 },	/* a VAT prefix, not a country */
		{ "EL", 0 },	/* idem */
		{ "EU", 0 },	/* exceptionally reserved */
		{ "UK", 0 },	/* idem */
		{ "AA", 0 }, { "ZZ", 0 }, { "QM", 0 },
		{ "pl", 0 }, { "Pl", 0 }, { "pL", 0 },
		{ "P", 0 }, { "PLX", 0 }, { "", 0 }, { "P1", 0 },
		{ "PL ", 0 }, { " PL", 0 }, { "\xc5\x81" "D", 0 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NELEM(v); i++)
		if (country_valid(v[i].cc) != v[i].ok)
			fail_msg("country_valid(\"%s\") != %d", v[i].cc,
			    v[i].ok);
	assert_false(country_valid(NULL));
}

static void
test_country_codes(void **state)
{
	const char *const	*cc = country_codes();
	size_t			 n;

	(void)state;
	assert_non_null(cc);
	for (n = 0; cc[n] != NULL; n++) {
		assert_int_equal(strlen(cc[n]), 2);
		assert_true(country_valid(cc[n]));
		if (n > 0)
			assert_true(strcmp(cc[n - 1], cc[n]) < 0);
	}
	assert_int_equal(n, 249);
	assert_string_equal(cc[0], "AD");
	assert_string_equal(cc[248], "ZW");
}

static void
test_valid_registry_number(void **state)
{
	static const struct {
		const char	*in;
		int		 ok;
		const char	*out;	/* when ok */
	} v[] = {
		{ "526-025-02-74", 1, "526-025-02-74" },
		{ "  PL 526 025 02 74\t", 1, "PL 526 025 02 74" },
		{ "506700ge1g29325qx363", 1, "506700ge1g29325qx363" },
		{ "DER3306.HRB12345", 1, "DER3306.HRB12345" },
		{ "SC/123", 1, "SC/123" },
		{ "---", 1, "---" },	/* characters only: see registry_check */
		{ "1234567890123456789012345678901234567890123456789012345678901234",
		  1, "1234567890123456789012345678901234567890123456789012345678901234" },
		{ "  1234567890123456789012345678901234567890123456789012345678901234  ",
		  1, "1234567890123456789012345678901234567890123456789012345678901234" },
		{ "12345678901234567890123456789012345678901234567890123456789012345",
		  0, NULL },
		{ "", 0, NULL },
		{ " \t ", 0, NULL },
		{ "HRB_12345", 0, NULL },
		{ "HRB\t12345", 0, NULL },
		{ "HRB+12345", 0, NULL },
		{ "52602502\xc4\x85" "4", 0, NULL },
		{ "5260250274\r\n", 0, NULL },
		{ "<b>", 0, NULL },
	};
	struct kv	 kv;
	char		 buf[128];
	size_t		 i;

	(void)state;
	for (i = 0; i < NELEM(v); i++) {
		memset(&kv, 0, sizeof(kv));
		strcpy(buf, v[i].in);
		kv.val = buf;
		kv.valsz = strlen(buf);
		if (valid_registry_number(&kv) != v[i].ok)
			fail_msg("valid_registry_number(\"%s\") != %d",
			    v[i].in, v[i].ok);
		assert_int_equal(kv.valsz, strlen(kv.val));
		if (v[i].ok)
			assert_string_equal(kv.val, v[i].out);
	}

	/* A NUL inside the value is refused, not read as its end. */
	memset(&kv, 0, sizeof(kv));
	memcpy(buf, "5260\0" "250274", 11);
	buf[11] = '\0';
	kv.val = buf;
	kv.valsz = 11;
	assert_false(valid_registry_number(&kv));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_numbers),
		cmocka_unit_test(test_bad_numbers),
		cmocka_unit_test(test_check_edges),
		cmocka_unit_test(test_org_id),
		cmocka_unit_test(test_org_id_refused),
		cmocka_unit_test(test_regtype),
		cmocka_unit_test(test_country_valid),
		cmocka_unit_test(test_country_codes),
		cmocka_unit_test(test_valid_registry_number),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
