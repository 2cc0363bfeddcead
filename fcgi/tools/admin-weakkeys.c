/*
 * smime-admin weakkeys: the weak key lists the activation handler reads.
 *
 *   smime-admin weakkeys [--dir DIRS] show
 *   smime-admin weakkeys [--dir DIR] import [--type rsa|ec|any] FILE...
 *
 * import adds the full public lists to the folder of imported lists
 * (--dir, else the last folder of SMIME_WEAK_KEYS_DIR, else the installed
 * default): the Debian openssl-blacklist files (blacklist.RSA-<bits>),
 * badkeys' blocklist.dat and its text lists (30 hex digits and a list
 * number a line), and lists of SPKI SHA-256 hashes (*.spki-sha256). Every
 * file is read whole and checked before anything is written; each list
 * of the folder is then replaced at once (a new file renamed over the
 * old), merged with what it held, sorted and without duplicates, and the
 * folder is loaded as the handler would load it.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "csr.h"
#include "hex.h"
#include "log.h"

#ifndef SMIME_WEAK_KEYS
#define SMIME_WEAK_KEYS	"/usr/local/share/smime-activation/weak-keys"
#endif

/* The lists of a folder, by the format of their entries. */
enum wlist {
	WL_DEBIAN,	/* blocklist.RSA-<bits>: 10 bytes */
	WL_SPKI,	/* blocklist.spki-sha256: 32 bytes */
	WL_BK_RSA,	/* badkeys.rsa: 15 bytes and a list number */
	WL_BK_EC,	/* badkeys.ec */
	WL_BK_ANY,	/* badkeys.any */
	WL__MAX
};

static const char *const wlist_names[WL__MAX] = {
	"blocklist.RSA-",	/* WL_DEBIAN (and the bits) */
	"blocklist.spki-sha256",/* WL_SPKI */
	"badkeys.rsa",		/* WL_BK_RSA */
	"badkeys.ec",		/* WL_BK_EC */
	"badkeys.any",		/* WL_BK_ANY */
};

/* Hash bytes, and bytes after the hash, of an entry of each list. */
static const size_t wlist_width[WL__MAX] = { 10, 32, 15, 15, 15 };
static const size_t wlist_tail[WL__MAX] = { 0, 0, 1, 1, 1 };

/* Entries of one target file: fixed-width records, hash first. */
struct entries {
	char		 name[64];	/* the file's name in the folder */
	enum wlist	 kind;
	unsigned char	*v;
	size_t		 n, cap, width, rec;
};

#define MAX_TARGETS	32


static size_t	 cmp_width;

static int
cmp_rec(const void *a, const void *b)
{

	return memcmp(a, b, cmp_width);
}

/* Appends one record to e. Returns 1, or 0 (logged) out of memory. */
static int
entries_add(struct entries *e, const unsigned char *rec)
{
	unsigned char	*p;
	size_t		 cap;

	if (e->n == e->cap) {
		cap = e->cap == 0 ? 1024 : e->cap * 2;
		if ((p = reallocarray(e->v, cap, e->rec)) == NULL) {
			log_warn("reallocarray");
			return 0;
		}
		e->v = p;
		e->cap = cap;
	}
	memcpy(e->v + e->n * e->rec, rec, e->rec);
	e->n++;
	return 1;
}

/*
 * Reads a text list into e: one entry a line in hex, exactly the hash,
 * or the hash and its tail; '#' comments, blank lines and white space
 * around an entry are skipped. A missing file is empty when `may_miss`.
 * Returns 1, or 0 (logged, with the line) on anything else.
 */
static int
read_text(const char *path, struct entries *e, int may_miss)
{
	FILE		*f;
	char		*line = NULL, *s;
	size_t		 linesz = 0, lineno = 0, len, i;
	ssize_t		 n;
	unsigned char	 rec[64];
	int		 rc = 0, hi, lo;

	if ((f = fopen(path, "r")) == NULL) {
		if (may_miss && errno == ENOENT)
			return 1;
		log_warn("%s", path);
		return 0;
	}
	while ((n = getline(&line, &linesz, f)) != -1) {
		lineno++;
		for (s = line; *s == ' ' || *s == '\t'; s++)
			continue;
		len = strlen(s);
		while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r' ||
		    s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len == 0 || s[0] == '#')
			continue;
		if ((size_t)n != strlen(line) || (len != e->width * 2 &&
		    len != e->rec * 2))
			goto bad;
		memset(rec, 0, sizeof(rec));
		for (i = 0; i < len / 2; i++) {
			if ((hi = hex_value(s[2 * i])) < 0 ||
			    (lo = hex_value(s[2 * i + 1])) < 0)
				goto bad;
			rec[i] = (unsigned char)(hi << 4 | lo);
		}
		if (!entries_add(e, rec))
			goto out;
	}
	if (ferror(f)) {
		log_warn("%s", path);
		goto out;
	}
	rc = 1;
	goto out;
bad:
	log_warnx("%s:%zu: not a list entry of %s (%zu hex digits%s)", path,
	    lineno, e->name, e->width * 2, e->rec > e->width ?
	    ", optionally 2 more" : "");
out:
	free(line);
	fclose(f);
	return rc;
}

/*
 * Reads badkeys' binary blocklist.dat: records of 16 bytes, a truncated
 * SHA-256 of 15 bytes and a list number. Returns 1, or 0 (logged).
 */
static int
read_dat(const char *path, struct entries *e)
{
	FILE		*f;
	unsigned char	 rec[16];
	size_t		 n;
	int		 rc = 0;

	if ((f = fopen(path, "rb")) == NULL) {
		log_warn("%s", path);
		return 0;
	}
	while ((n = fread(rec, 1, sizeof(rec), f)) == sizeof(rec))
		if (!entries_add(e, rec))
			goto out;
	if (ferror(f)) {
		log_warn("%s", path);
		goto out;
	}
	if (n != 0) {
		log_warnx("%s: not a badkeys blocklist.dat (its size is not "
		    "a multiple of 16)", path);
		goto out;
	}
	rc = 1;
out:
	fclose(f);
	return rc;
}

/* Whether the file looks binary: a NUL or a byte outside ASCII early. */
static int
is_binary(const char *path)
{
	FILE		*f;
	unsigned char	 b[512];
	size_t		 n, i;

	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	n = fread(b, 1, sizeof(b), f);
	fclose(f);
	for (i = 0; i < n; i++)
		if (b[i] == 0 || b[i] >= 0x80)
			return 1;
	return 0;
}

/*
 * Which list of the folder a FILE feeds, from --type or its name:
 * *.RSA-<bits> (openssl-blacklist), *.spki-sha256, badkeys' binary
 * blocklist.dat (mixed types), and badkeys' text lists (badkeys.rsa,
 * rsa-N-short.txt, badkeys.ec, ec-N-short.txt, badkeys.any). Writes the
 * target's file name. Returns the list, or WL__MAX when unknown.
 */
static enum wlist
kind_of(const char *path, const char *type, char *name, size_t namesz)
{
	char		 copy[PATH_MAX];
	const char	*base, *p;

	snprintf(copy, sizeof(copy), "%s", path);
	base = basename(copy);
	if ((p = strstr(base, ".RSA-")) != NULL && p[5] != '\0' &&
	    strspn(p + 5, "0123456789") == strlen(p + 5) && strlen(p) < 16) {
		snprintf(name, namesz, "blocklist%s", p);
		return WL_DEBIAN;
	}
	if (strlen(base) >= 12 &&
	    strcmp(base + strlen(base) - 12, ".spki-sha256") == 0) {
		snprintf(name, namesz, "%s", wlist_names[WL_SPKI]);
		return WL_SPKI;
	}
	if (type == NULL) {
		if (strncmp(base, "rsa-", 4) == 0 ||
		    strcmp(base, "badkeys.rsa") == 0)
			type = "rsa";
		else if (strncmp(base, "ec-", 3) == 0 ||
		    strcmp(base, "badkeys.ec") == 0)
			type = "ec";
		else if (strcmp(base, "badkeys.any") == 0 ||
		    strncmp(base, "blocklist", 9) == 0)
			type = "any";
		else
			return WL__MAX;
	}
	if (strcmp(type, "rsa") == 0) {
		snprintf(name, namesz, "%s", wlist_names[WL_BK_RSA]);
		return WL_BK_RSA;
	}
	if (strcmp(type, "ec") == 0) {
		snprintf(name, namesz, "%s", wlist_names[WL_BK_EC]);
		return WL_BK_EC;
	}
	if (strcmp(type, "any") == 0) {
		snprintf(name, namesz, "%s", wlist_names[WL_BK_ANY]);
		return WL_BK_ANY;
	}
	return WL__MAX;
}

/* The target list named `name`, added to t[] if new; NULL when full. */
static struct entries *
target(struct entries *t, size_t *nt, const char *name, enum wlist kind)
{
	size_t	 i;

	for (i = 0; i < *nt; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	if (*nt == MAX_TARGETS) {
		log_warnx("too many lists at once");
		return NULL;
	}
	memset(&t[*nt], 0, sizeof(t[*nt]));
	snprintf(t[*nt].name, sizeof(t[*nt].name), "%s", name);
	t[*nt].kind = kind;
	t[*nt].width = wlist_width[kind];
	t[*nt].rec = wlist_width[kind] + wlist_tail[kind];
	return &t[(*nt)++];
}

/*
 * Writes e, sorted and without duplicate hashes, as DIR/NAME: a new
 * file beside it, synced, then renamed over the old one, so that a
 * handler starting at any moment reads the old list or the new one.
 */
static int
write_list(const char *dir, struct entries *e)
{
	char		 tmp[PATH_MAX], path[PATH_MAX];
	FILE		*f = NULL;
	size_t		 i, j, kept = 0;
	int		 fd = -1, rc = 0;
	unsigned char	*r;

	cmp_width = e->width;
	if (e->n > 0)
		qsort(e->v, e->n, e->rec, cmp_rec);
	if (snprintf(path, sizeof(path), "%s/%s", dir, e->name) >=
	    (int)sizeof(path) || snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX",
	    dir, e->name) >= (int)sizeof(tmp)) {
		log_warnx("%s: path too long", dir);
		return 0;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		log_warn("%s", tmp);
		return 0;
	}
	if (fchmod(fd, 0644) == -1 || (f = fdopen(fd, "w")) == NULL) {
		log_warn("%s", tmp);
		close(fd);
		goto out;
	}
	fprintf(f, "# %s: written by smime-admin weakkeys import\n", e->name);
	for (i = 0; i < e->n; i++) {
		r = e->v + i * e->rec;
		if (i > 0 && memcmp(r, r - e->rec, e->width) == 0)
			continue;
		for (j = 0; j < e->rec; j++)
			fprintf(f, "%02x", r[j]);
		fputc('\n', f);
		kept++;
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		log_warn("%s", tmp);
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		log_warn("%s", tmp);
		goto out;
	}
	f = NULL;
	if (rename(tmp, path) == -1) {
		log_warn("rename %s", path);
		goto out;
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) != -1) {
		(void)fsync(fd);
		close(fd);
	}
	printf("%s: %zu entries\n", path, kept);
	rc = 1;
out:
	if (f != NULL)
		fclose(f);
	if (!rc)
		unlink(tmp);
	return rc;
}

/* The folder imported lists go to: the last of a ':' list. */
static const char *
import_dir(const char *dirs, char *buf, size_t bufsz)
{
	const char	*p;

	p = strrchr(dirs, ':');
	snprintf(buf, bufsz, "%s", p != NULL ? p + 1 : dirs);
	return buf;
}

/*
 * Imports the files of argv into the folder `dir` (made if missing):
 * reads and checks every file first, then merges each target list with
 * what the folder holds and replaces it, then loads the folder as the
 * handler would. Returns 1, or 0 (logged) with nothing written when a
 * file is unknown or broken.
 */
static int
weak_import(const char *dir, const char *type, int argc, char *argv[])
{
	struct entries	 t[MAX_TARGETS];
	struct entries	*e;
	struct blocklist *bl = NULL;
	char		 name[64], path[PATH_MAX], sum[256];
	enum wlist	 kind;
	size_t		 nt = 0, i, before;
	int		 a, ok = 0;

	if (type != NULL && strcmp(type, "rsa") != 0 &&
	    strcmp(type, "ec") != 0 && strcmp(type, "any") != 0) {
		log_warnx("--type: rsa, ec or any");
		return 0;
	}
	/* Every file read and checked before anything is written. */
	for (a = 0; a < argc; a++) {
		if ((kind = kind_of(argv[a], type, name, sizeof(name))) ==
		    WL__MAX) {
			log_warnx("%s: which list? name it blacklist.RSA-<bits>,"
			    " *.spki-sha256, blocklist.dat, rsa-*, ec-*, or "
			    "give --type", argv[a]);
			goto out;
		}
		if ((e = target(t, &nt, name, kind)) == NULL)
			goto out;
		before = e->n;
		if (kind >= WL_BK_RSA && is_binary(argv[a])) {
			if (!read_dat(argv[a], e))
				goto out;
		} else if (!read_text(argv[a], e, 0))
			goto out;
		printf("%s: %zu entries for %s\n", argv[a], e->n - before,
		    e->name);
	}
	if (mkdir(dir, 0755) == -1 && errno != EEXIST) {
		log_warn("%s", dir);
		goto out;
	}
	for (i = 0; i < nt; i++) {
		if (snprintf(path, sizeof(path), "%s/%s", dir, t[i].name) >=
		    (int)sizeof(path)) {
			log_warnx("%s: path too long", dir);
			goto out;
		}
		if (!read_text(path, &t[i], 1) || !write_list(dir, &t[i]))
			goto out;
	}
	/* What a handler will load from the folder now. */
	if ((bl = blocklist_load(dir)) == NULL)
		goto out;
	blocklist_summary(bl, sum, sizeof(sum));
	printf("%s: %s\n", dir, sum);
	ok = 1;
out:
	for (i = 0; i < nt; i++)
		free(t[i].v);
	blocklist_free(bl);
	return ok;
}

/*
 * smime-admin weakkeys [--dir DIRS] show | import [--type T] FILE...
 * Returns the exit status: 0, 1 on failure, 2 on a usage error.
 */
int
admin_weakkeys(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "type", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct blocklist *bl;
	const char	*dirs = getenv("SMIME_WEAK_KEYS_DIR"), *type = NULL;
	char		 dir[PATH_MAX], sum[256];
	int		 c;

	if (dirs == NULL || *dirs == '\0')
		dirs = SMIME_WEAK_KEYS;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1)
		switch (c) {
		case 'd': dirs = optarg; break;
		case 't': type = optarg; break;
		default: return 2;
		}
	argc -= optind;
	argv += optind;
	if (argc >= 1 && strcmp(argv[0], "show") == 0 && argc == 1) {
		if ((bl = blocklist_load(dirs)) == NULL)
			return 1;
		blocklist_summary(bl, sum, sizeof(sum));
		printf("%s: %s\n", dirs, sum);
		blocklist_free(bl);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[0], "import") == 0) {
		optind = 1;
		while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
			switch (c) {
			case 't': type = optarg; break;
			case 'd': dirs = optarg; break;
			default: return 2;
			}
		if (optind >= argc)
			return 2;
		return weak_import(import_dir(dirs, dir, sizeof(dir)), type,
		    argc - optind, argv + optind) ? 0 : 1;
	}
	return 2;
}
