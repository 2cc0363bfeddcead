/*
 * smime-admin brand: the white-label brands of partners.
 *
 *   smime-admin brand set CODE --name NAME [--theme THEME] [--lang LANG]
 *       [--base-url URL] [--mail-from ADDRESS] [--mail-from-name NAME]
 *       [--support-url URL] [--help-url URL] [--mail-footer TEXT]
 *       [--partner PARTNER]...
 *
 * creates or replaces brand CODE and gives it to each partner named. The
 * pages of a host come from its nginx server block; these settings are
 * what mails about a partner's orders are composed with, whatever host
 * the request came through, so they repeat the partner's server block.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "admin-brand.h"
#include "audit.h"
#include "db.h"
#include "i18n.h"
#include "log.h"

#define MAX_PARTNERS	16

/*
 * Copies `v` into `dst` (of `size`), refusing a value too long or with a
 * character in `bad`. Returns 0 (logged) when refused.
 */
static int
take(char *dst, size_t size, const char *opt, const char *v, const char *bad)
{
	if (strlen(v) >= size || strpbrk(v, bad) != NULL) {
		log_warnx("--%s: at most %zu characters, none of the "
		    "forbidden ones", opt, size - 1);
		return 0;
	}
	snprintf(dst, size, "%s", v);
	return 1;
}

/* Whether `url` is empty or an http(s) address without spaces. */
static int
url_ok(const char *url)
{
	return *url == '\0' || ((strncmp(url, "https://", 8) == 0 ||
	    strncmp(url, "http://", 7) == 0) &&
	    strpbrk(url, " \t\r\n\"<>") == NULL);
}

/*
 * `brand set CODE …` (argv[0] is "set"): checks every value, then writes
 * the brand and gives it to each --partner, with an audit row, in one
 * transaction. Returns 0 on a refused value or a database error (logged).
 */
static int
brand_set(struct db *db, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "theme", required_argument, NULL, 't' },
		{ "lang", required_argument, NULL, 'l' },
		{ "base-url", required_argument, NULL, 'u' },
		{ "mail-from", required_argument, NULL, 'f' },
		{ "mail-from-name", required_argument, NULL, 'F' },
		{ "support-url", required_argument, NULL, 's' },
		{ "help-url", required_argument, NULL, 'h' },
		{ "mail-footer", required_argument, NULL, 'm' },
		{ "partner", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	/* A display name goes into a quoted From header as it is. */
	static const char	 namebad[] = "\"\\\r\n";
	static const char	 addrbad[] = " \t\r\n<>\"\\()";
	struct brand		 b;
	const char		*partners[MAX_PARTNERS];
	size_t			 np = 0, i;
	int			 c, ok = 1, rc = 0;

	if (argc < 2)
		return 0;
	memset(&b, 0, sizeof(b));
	snprintf(b.theme, sizeof(b.theme), "default");
	snprintf(b.lang, sizeof(b.lang), "en");
	if (!name_valid(argv[1], sizeof(b.code) - 1)) {
		log_warnx("brand code: 1 to 32 of [a-z0-9_-]");
		return 0;
	}
	snprintf(b.code, sizeof(b.code), "%s", argv[1]);
	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1 && ok)
		switch (c) {
		case 'n': ok = take(b.name, sizeof(b.name), "name", optarg,
		    namebad); break;
		case 't': ok = name_valid(optarg, sizeof(b.theme) - 1) &&
		    take(b.theme, sizeof(b.theme), "theme", optarg, ""); break;
		case 'l': ok = name_valid(optarg, sizeof(b.lang) - 1) &&
		    take(b.lang, sizeof(b.lang), "lang", optarg, ""); break;
		case 'u': ok = url_ok(optarg) && take(b.base_url,
		    sizeof(b.base_url), "base-url", optarg, ""); break;
		case 'f': ok = strchr(optarg, '@') != NULL &&
		    take(b.mail_from, sizeof(b.mail_from), "mail-from", optarg,
		    addrbad); break;
		case 'F': ok = take(b.mail_from_name, sizeof(b.mail_from_name),
		    "mail-from-name", optarg, namebad); break;
		case 's': ok = url_ok(optarg) && take(b.support_url,
		    sizeof(b.support_url), "support-url", optarg, ""); break;
		case 'h': ok = url_ok(optarg) && take(b.help_url,
		    sizeof(b.help_url), "help-url", optarg, ""); break;
		case 'm': ok = take(b.mail_footer, sizeof(b.mail_footer),
		    "mail-footer", optarg, ""); break;
		case 'p':
			if (np == MAX_PARTNERS) {
				log_warnx("--partner: at most %d", MAX_PARTNERS);
				return 0;
			}
			partners[np++] = optarg;
			break;
		default: return 0;
		}
	if (!ok) {
		log_warnx("brand %s: a bad value (see smime-admin's usage)",
		    b.code);
		return 0;
	}
	if (b.name[0] == '\0') {
		log_warnx("brand %s: --name is required", b.code);
		return 0;
	}
	if (!db_begin(db))
		return 0;
	if (db_brand_put(db, &b) != DB_OK)
		goto out;
	for (i = 0; i < np; i++)
		if (db_partner_set_brand(db, partners[i], b.code) != DB_OK) {
			log_warnx("partner %.32s: no such partner", partners[i]);
			goto out;
		}
	if (!audit_add(db, "smime-admin", "admin", "", "brand-put", 0,
	    b.code, b.theme))
		goto out;
	rc = db_commit(db);
out:
	if (!rc)
		db_rollback(db);
	return rc;
}

/*
 * `smime-admin brand …`: argv[0] is "brand". Returns -1 on a usage
 * error, else whether it succeeded.
 */
int
admin_brand(struct db *db, int argc, char *argv[])
{
	if (argc >= 3 && strcmp(argv[1], "set") == 0)
		return brand_set(db, argc - 1, argv + 1) ? 1 : 0;
	return -1;
}
