/*
 * Organization identity: registration numbers (Polish KRS, REGON and NIP,
 * EU VAT numbers, ISO 17442 LEIs and other national registers), the
 * subject:organizationIdentifier derived from them (S/MIME BR
 * 7.1.4.2.2 (d) and Appendix A.1), and ISO 3166-1 country codes.
 *
 * registry_check() normalises a number in place (never lengthening it)
 * and on refusal names a message catalogue key, one of "registry.empty",
 * "registry.format", "registry.country" and "registry.checksum", for the
 * form to show. Country codes are exactly two upper-case ASCII letters;
 * their names come from the catalogue as "country.XX", never from C.
 *
 * Nothing here allocates; every string returned is static.
 */
#ifndef SMIME_REGISTRY_H
#define SMIME_REGISTRY_H

#include <stddef.h>

struct kv;

enum regtype {
	REG_KRS,	/* Krajowy Rejestr Sądowy, PL court register */
	REG_REGON,	/* REGON, PL national business register (GUS) */
	REG_NIP,	/* NIP, PL tax identification number */
	REG_VAT,	/* EU VAT number with its country prefix */
	REG_LEI,	/* ISO 17442 Legal Entity Identifier */
	REG_OTHER,	/* any other national trade register */
	REG__MAX
};

extern const char *const regtype_names[REG__MAX];

/* Longest registration number accepted, in bytes. */
#define REGISTRY_NUMBER_MAX	64
/* Room for any organizationIdentifier built here, NUL included. */
#define REGISTRY_ORGID_MAX	(sizeof("NTRXX-") - 1 + REGISTRY_NUMBER_MAX + 1)

int	 regtype_parse(const char *, enum regtype *);
int	 registry_check(enum regtype, const char *, char *, size_t *,
	    const char **);
int	 registry_org_id(enum regtype, const char *, const char *, char *,
	    size_t);
int	 valid_registry_number(struct kv *);
const char *registry_why_form(enum regtype, const char *, char *, size_t);
int	 registry_field_check(const char *, const char *, const char *, char *,
	    size_t, char *, size_t, const char **, char *, size_t);

int	 country_valid(const char *);
const char *const *country_codes(void);

#endif
