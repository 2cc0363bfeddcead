/*
 * The weak-key checks of S/MIME BR 6.1.1.3 on RSA moduli (small factors,
 * ROCA, Fermat, the Debian OpenSSL keys of CVE-2008-0166) and the
 * blocklists they read: what csr_check_key() (csr.c) calls.
 *
 * References: Boulder's goodkey package (the design), Nemec et al.,
 * "The Return of Coppersmith's Attack" (ROCA, CCS 2017), Böck,
 * "Fermat Factorization in the Wild" (2023), the openssl-blacklist and
 * badkeys list formats.
 */
#include "config.h"

#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include "csr.h"
#include "hex.h"
#include "keys.h"
#include "log.h"

/* Bytes of a Debian list entry: the low 80 bits of a SHA-1. */
#define DEBIAN_HASH	10
/* Bytes of an SPKI list entry: a SHA-256. */
#define KEYS_SPKI_HASH	32

/* A sorted array of fixed-width hashes. */
struct hashes {
	unsigned char	*v;	/* n entries of width bytes each */
	size_t		 n;
	size_t		 cap;
	size_t		 width;
	int		(*cmp)(const void *, const void *);
};

struct blocklist {
	struct hashes	 debian;	/* blocklist.RSA-<bits> */
	struct hashes	 spki;		/* blocklist.spki-sha256 */
};


static int
cmp_debian(const void *a, const void *b)
{

	return memcmp(a, b, DEBIAN_HASH);
}

static int
cmp_spki(const void *a, const void *b)
{

	return memcmp(a, b, KEYS_SPKI_HASH);
}

static int
hashes_add(struct hashes *h, const unsigned char *v)
{
	unsigned char	*p;
	size_t		 cap;

	if (h->n == h->cap) {
		cap = h->cap == 0 ? 256 : h->cap * 2;
		if ((p = reallocarray(h->v, cap, h->width)) == NULL)
			return 0;
		h->v = p;
		h->cap = cap;
	}
	memcpy(h->v + h->n * h->width, v, h->width);
	h->n++;
	return 1;
}

static int
hashes_find(const struct hashes *h, const unsigned char *v)
{

	if (h->n == 0)
		return 0;
	return bsearch(v, h->v, h->n, h->width, h->cmp) != NULL;
}


/*
 * Reads one list file into h: one hash a line in hex digits of either
 * case, exactly h->width bytes; blank lines, lines starting with '#'
 * and white space around a hash (the CR of CRLF files) are ignored.
 * Returns 1, or 0 on a read error, on memory exhaustion or on a line
 * that is not a hash: a list silently cut short would let weak keys
 * through, so start-up fails instead.
 */
static int
list_read(const char *path, struct hashes *h)
{
	FILE		*f = NULL;
	char		*line = NULL, *s;
	size_t		 linesz = 0, lineno = 0, added = 0, i, len;
	ssize_t		 n;
	unsigned char	 v[KEYS_SPKI_HASH];
	int		 rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		log_warn("%s", path);
		goto out;
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
		if (len != h->width * 2 || (size_t)n != strlen(line)) {
			log_warnx("%s:%zu: not a %zu-byte hex hash", path,
			    lineno, h->width);
			goto out;
		}
		for (i = 0; i < h->width; i++) {
			if (hex_value(s[2 * i]) < 0 || hex_value(s[2 * i + 1]) < 0) {
				log_warnx("%s:%zu: not a %zu-byte hex hash",
				    path, lineno, h->width);
				goto out;
			}
			v[i] = (unsigned char)(hex_value(s[2 * i]) << 4 |
			    hex_value(s[2 * i + 1]));
		}
		if (!hashes_add(h, v)) {
			log_warn("%s", path);
			goto out;
		}
		added++;
	}
	if (ferror(f)) {
		log_warn("%s", path);
		goto out;
	}
	log_info("blocklist %s: %zu entries", path, added);
	rc = 1;
out:
	free(line);
	if (f != NULL)
		fclose(f);
	return rc;
}

/* Is `name` blocklist.RSA-<bits>, the openssl-blacklist file name? */
static int
name_debian(const char *name)
{
	static const char	 prefix[] = "blocklist.RSA-";
	const char		*p;

	if (strncmp(name, prefix, sizeof(prefix) - 1) != 0)
		return 0;
	p = name + sizeof(prefix) - 1;
	if (*p == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

/*
 * Loads the weak key lists of folder `dir`, read once at start-up:
 *
 *	blocklist.RSA-<bits>	Debian weak RSA keys (CVE-2008-0166) in the
 *				openssl-blacklist format: the last 20 hex
 *				digits of the SHA-1 of "Modulus=<HEX>\n"
 *	blocklist.spki-sha256	public keys by the hex SHA-256 of their DER
 *				SubjectPublicKeyInfo
 *
 * Other files are ignored. A NULL dir or a folder that does not exist
 * gives an empty list (logged). Keys that become blocked at run time
 * (revoked for compromise, already certified) are the database's.
 *
 * Returns the lists, which the caller frees with blocklist_free(), or
 * NULL (logged) when the folder or a file cannot be read, a file holds
 * a line that is not a hash, or memory runs out.
 */
struct blocklist *
blocklist_load(const char *dir)
{
	struct blocklist	*bl = NULL;
	struct hashes		*h;
	DIR			*d = NULL;
	struct dirent		*de;
	char			 path[PATH_MAX];
	int			 rc = 0;

	if ((bl = calloc(1, sizeof(*bl))) == NULL) {
		log_warn("calloc");
		goto out;
	}
	bl->debian.width = DEBIAN_HASH;
	bl->debian.cmp = cmp_debian;
	bl->spki.width = KEYS_SPKI_HASH;
	bl->spki.cmp = cmp_spki;
	if (dir == NULL) {
		log_info("blocklist: no folder configured, no weak key lists");
		rc = 1;
		goto out;
	}
	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT) {
			log_info("blocklist %s: no such folder, no weak key "
			    "lists", dir);
			rc = 1;
		} else
			log_warn("%s", dir);
		goto out;
	}
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL)
			break;
		if (name_debian(de->d_name))
			h = &bl->debian;
		else if (strcmp(de->d_name, "blocklist.spki-sha256") == 0)
			h = &bl->spki;
		else
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
		    (int)sizeof(path)) {
			log_warnx("%s/%s: path too long", dir, de->d_name);
			goto out;
		}
		if (!list_read(path, h))
			goto out;
	}
	if (errno != 0) {
		log_warn("readdir %s", dir);
		goto out;
	}
	if (bl->debian.n > 0)
		qsort(bl->debian.v, bl->debian.n, DEBIAN_HASH, cmp_debian);
	if (bl->spki.n > 0)
		qsort(bl->spki.v, bl->spki.n, KEYS_SPKI_HASH, cmp_spki);
	log_info("blocklist %s: %zu Debian weak RSA keys, %zu public keys",
	    dir, bl->debian.n, bl->spki.n);
	rc = 1;
out:
	if (d != NULL)
		closedir(d);
	if (!rc) {
		blocklist_free(bl);
		bl = NULL;
	}
	return bl;
}

/* Frees what blocklist_load() returned; NULL is fine. */
void
blocklist_free(struct blocklist *bl)
{

	if (bl == NULL)
		return;
	free(bl->debian.v);
	free(bl->spki.v);
	free(bl);
}

static int
small_prime(unsigned int p)
{
	unsigned int	 d;

	if (p < 2)
		return 0;
	for (d = 2; d * d <= p; d++)
		if (p % d == 0)
			return 0;
	return 1;
}

static BN_ULONG
gcd_word(BN_ULONG a, BN_ULONG b)
{
	BN_ULONG	 t;

	while (b != 0) {
		t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/*
 * SBR 6.1.6: the modulus SHOULD have no factors smaller than 752 (a
 * SHALL here; an even modulus is caught too). Like Boulder, a gcd with
 * the product of those primes, but the product taken a machine word at
 * a time: n mod (p1 p2 … pk) by BN_mod_word(), then a gcd of words.
 * OpenSSL's BN_gcd() is constant-time, and with it this check took
 * most of the time of all the others together.
 */
enum csrerr
keys_small_factors(const BIGNUM *n)
{
	BN_ULONG	 prod = 1, r;
	unsigned int	 p;

	for (p = 2; p <= 752; p++) {
		if (p < 752 && !small_prime(p))
			continue;
		/* At 752, or when the word is full: the product so far. */
		if (p == 752 || prod > (BN_ULONG)-1 / p) {
			if ((r = BN_mod_word(n, prod)) == (BN_ULONG)-1) {
				log_ssl("BN_mod_word");
				return CSR_INTERNAL;
			}
			if (gcd_word(prod, r) != 1)
				return CSR_RSA_SMALL_FACTOR;
			prod = 1;
		}
		prod *= p;
	}
	return CSR_OK;
}

/*
 * ROCA, CVE-2017-15361 (SBR 6.1.1.3 (2), (5)): Infineon's RSA library
 * made primes p = k * M + (65537^a mod M), M the product of the first
 * primes. For every prime r dividing M, p and q, and so n = pq, are then
 * congruent mod r to a power of 65537: n mod r lies in the subgroup of
 * (Z/rZ)* that 65537 generates. Nemec et al., "The Return of
 * Coppersmith's Attack" (ACM CCS 2017), fingerprint the keys by testing
 * this for the 39 primes up to 167 (2 included, which every odd
 * modulus passes). A random modulus passes all of them with odds near
 * 4e-9. Each subgroup is walked from 1, at most r - 1 products.
 */
enum csrerr
keys_roca(const BIGNUM *n)
{
	BN_ULONG	 res;
	unsigned int	 r, g, x;
	int		 member;

	for (r = 2; r <= 167; r++) {
		if (!small_prime(r))
			continue;
		if ((res = BN_mod_word(n, r)) == (BN_ULONG)-1) {
			log_ssl("BN_mod_word");
			return CSR_INTERNAL;
		}
		g = 65537 % r;
		member = 0;
		x = 1;
		do {
			if (x == res) {
				member = 1;
				break;
			}
			x = x * g % r;
		} while (x != 1);
		if (!member)
			return CSR_OK;
	}
	return CSR_WEAK_ROCA;
}

/*
 * r = floor(sqrt(a)), a >= 0: Newton's iteration from above, starting
 * at a power of two not less than the root. Returns 1, or 0 (logged).
 */
static int
bn_isqrt(BIGNUM *r, const BIGNUM *a, BN_CTX *ctx)
{
	BIGNUM	*x, *y;
	int	 rc = 0;

	BN_CTX_start(ctx);
	x = BN_CTX_get(ctx);
	if ((y = BN_CTX_get(ctx)) == NULL) {
		log_ssl("BN_CTX_get");
		goto out;
	}
	if (BN_is_zero(a)) {
		BN_zero(r);
		rc = 1;
		goto out;
	}
	BN_zero(x);
	if (!BN_set_bit(x, (BN_num_bits(a) + 1) / 2)) {
		log_ssl("BN_set_bit");
		goto out;
	}
	for (;;) {
		/* y = (x + a / x) / 2 */
		if (!BN_div(y, NULL, a, x, ctx) || !BN_add(y, y, x) ||
		    !BN_rshift1(y, y)) {
			log_ssl("BN_div");
			goto out;
		}
		if (BN_cmp(y, x) >= 0)
			break;
		if (BN_copy(x, y) == NULL) {
			log_ssl("BN_copy");
			goto out;
		}
	}
	if (BN_copy(r, x) == NULL) {
		log_ssl("BN_copy");
		goto out;
	}
	rc = 1;
out:
	BN_CTX_end(ctx);
	return rc;
}

/* Is r a square modulo m (m small)? */
static int
square_mod(BN_ULONG r, BN_ULONG m)
{
	BN_ULONG	 i;

	for (i = 0; i < m; i++)
		if (i * i % m == r % m)
			return 1;
	return 0;
}

/*
 * Is b (>= 0) a perfect square? 1 yes, 0 no, -1 on failure (logged).
 * A square is a square modulo anything: modulo 64, 63, 65 and 11 only
 * about 1 number in 120 passes, and only those need a root.
 */
static int
bn_is_square(const BIGNUM *b, BN_CTX *ctx)
{
	BIGNUM		*t;
	BN_ULONG	 m;
	int		 rc = -1;

	if ((m = BN_mod_word(b, 64 * 63 * 65 * 11)) == (BN_ULONG)-1) {
		log_ssl("BN_mod_word");
		return -1;
	}
	if (!square_mod(m, 64) || !square_mod(m, 63) ||
	    !square_mod(m, 65) || !square_mod(m, 11))
		return 0;
	BN_CTX_start(ctx);
	if ((t = BN_CTX_get(ctx)) == NULL) {
		log_ssl("BN_CTX_get");
		goto out;
	}
	if (!bn_isqrt(t, b, ctx))
		goto out;
	if (!BN_sqr(t, t, ctx)) {
		log_ssl("BN_sqr");
		goto out;
	}
	rc = BN_cmp(t, b) == 0;
out:
	BN_CTX_end(ctx);
	return rc;
}

/*
 * Primes too close together (SBR 6.1.1.3 (3), (5); the TLS BR names the
 * check: Fermat's method, 100 rounds at least). Every odd n is a^2 - b^2
 * = (a + b)(a - b); for n = pq with p and q close, a = (p + q) / 2 is
 * just above sqrt(n). Starting at a = ceil(sqrt(n)), each round asks
 * whether a^2 - n is a square, then moves a up by one.
 */
enum csrerr
keys_fermat(const BIGNUM *n, BN_CTX *ctx)
{
	BIGNUM		*a, *b2, *t;
	enum csrerr	 rc = CSR_INTERNAL;
	int		 i;

	BN_CTX_start(ctx);
	a = BN_CTX_get(ctx);
	b2 = BN_CTX_get(ctx);
	if ((t = BN_CTX_get(ctx)) == NULL) {
		log_ssl("BN_CTX_get");
		goto out;
	}
	if (!bn_isqrt(a, n, ctx))
		goto out;
	if (!BN_sqr(t, a, ctx)) {
		log_ssl("BN_sqr");
		goto out;
	}
	if (BN_cmp(t, n) < 0 &&
	    (!BN_add_word(a, 1) || !BN_sqr(t, a, ctx))) {
		log_ssl("BN_sqr");
		goto out;
	}
	if (!BN_sub(b2, t, n)) {
		log_ssl("BN_sub");
		goto out;
	}
	for (i = 0; i < CSR_FERMAT_ROUNDS; i++) {
		switch (bn_is_square(b2, ctx)) {
		case -1:
			goto out;
		case 1:
			rc = CSR_WEAK_FERMAT;
			goto out;
		}
		/* (a + 1)^2 - n = (a^2 - n) + 2a + 1 */
		if (!BN_add(b2, b2, a) || !BN_add(b2, b2, a) ||
		    !BN_add_word(b2, 1) || !BN_add_word(a, 1)) {
			log_ssl("BN_add");
			goto out;
		}
	}
	rc = CSR_OK;
out:
	BN_CTX_end(ctx);
	return rc;
}

/*
 * Debian weak keys, CVE-2008-0166 (SBR 6.1.1.3 (5)). The lists in the
 * openssl-blacklist format hold the last 20 hex digits (80 bits) of the
 * SHA-1 of the line `openssl rsa -noout -modulus` prints: "Modulus=",
 * the modulus in upper-case hex without leading zeros (BN_print), LF.
 */
enum csrerr
keys_debian(const BIGNUM *n, const struct blocklist *bl)
{
	EVP_MD_CTX	*md = NULL;
	char		*hex = NULL;
	const char	*h;
	unsigned char	 sha1[EVP_MAX_MD_SIZE];
	unsigned int	 sha1sz;
	enum csrerr	 rc = CSR_INTERNAL;

	if (bl == NULL || bl->debian.n == 0)
		return CSR_OK;
	if ((hex = BN_bn2hex(n)) == NULL) {
		log_ssl("BN_bn2hex");
		goto out;
	}
	/* BN_bn2hex() prints whole bytes: "0A…" where BN_print has "A…". */
	for (h = hex; h[0] == '0' && h[1] != '\0'; h++)
		continue;
	if ((md = EVP_MD_CTX_new()) == NULL ||
	    !EVP_DigestInit_ex(md, EVP_sha1(), NULL) ||
	    !EVP_DigestUpdate(md, "Modulus=", 8) ||
	    !EVP_DigestUpdate(md, h, strlen(h)) ||
	    !EVP_DigestUpdate(md, "\n", 1) ||
	    !EVP_DigestFinal_ex(md, sha1, &sha1sz) || sha1sz != 20) {
		log_ssl("SHA-1");
		goto out;
	}
	rc = hashes_find(&bl->debian, sha1 + 20 - DEBIAN_HASH) ?
	    CSR_WEAK_DEBIAN : CSR_OK;
out:
	EVP_MD_CTX_free(md);
	OPENSSL_free(hex);
	return rc;
}

/* The number of SPKI hashes on the lists (0 for none or no lists). */
size_t
keys_spki_listed(const struct blocklist *bl)
{
	return bl == NULL ? 0 : bl->spki.n;
}

/* Whether SHA-256 `md` of a SubjectPublicKeyInfo is on the lists. */
int
keys_spki_blocked(const struct blocklist *bl,
    const unsigned char *md)
{
	return bl != NULL && hashes_find(&bl->spki, md);
}
