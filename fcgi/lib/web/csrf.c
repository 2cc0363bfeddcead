#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "csrf.h"
#include "log.h"

static unsigned char	 key[64];
static size_t		 keylen;
static char		 keypath[1024];

/*
 * Uses `n` bytes (CSRF_KEY_MIN to 64) as the key. Returns 0 if too short.
 */
int
csrf_set_key(const unsigned char *k, size_t n)
{
	if (n < CSRF_KEY_MIN)
		return 0;
	if (n > sizeof(key))
		n = sizeof(key);
	memcpy(key, k, n);
	keylen = n;
	return 1;
}

/*
 * Loads the secret from `path` unless it is already the loaded one.
 * Returns 0 when the file cannot be read or holds under 32 bytes.
 */
int
csrf_load(const char *path)
{
	unsigned char	 k[64];
	FILE		*f;
	size_t		 n;

	if (keylen != 0 && strcmp(path, keypath) == 0)
		return 1;
	if ((f = fopen(path, "r")) == NULL) {
		log_warn("CSRF secret %s", path);
		return 0;
	}
	n = fread(k, 1, sizeof(k), f);
	fclose(f);
	if (!csrf_set_key(k, n)) {
		log_warnx("CSRF secret %s: needs %d bytes or more", path,
		    CSRF_KEY_MIN);
		return 0;
	}
	explicit_bzero(k, sizeof(k));
	snprintf(keypath, sizeof(keypath), "%s", path);
	return 1;
}

/*
 * Writes the base64url form (no padding) of `n` bytes into `out`.
 * Returns 0 when `out` is too small.
 */
int
b64url(const unsigned char *in, size_t n, char *out, size_t outsz)
{
	static const char	 a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t			 i, o = 0;
	unsigned long		 v;

	if (outsz < (n * 4 + 2) / 3 + 1)
		return 0;
	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned long)in[i] << 16 | in[i + 1] << 8 | in[i + 2];
		out[o++] = a[v >> 18 & 63];
		out[o++] = a[v >> 12 & 63];
		out[o++] = a[v >> 6 & 63];
		out[o++] = a[v & 63];
	}
	if (n - i == 1) {
		v = (unsigned long)in[i] << 16;
		out[o++] = a[v >> 18 & 63];
		out[o++] = a[v >> 12 & 63];
	} else if (n - i == 2) {
		v = (unsigned long)in[i] << 16 | in[i + 1] << 8;
		out[o++] = a[v >> 18 & 63];
		out[o++] = a[v >> 12 & 63];
		out[o++] = a[v >> 6 & 63];
	}
	out[o] = '\0';
	return 1;
}

static int
mac(const char *subject, const char *ts, char *out, size_t outsz)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;
	unsigned char	 msg[512];
	size_t		 sl = strlen(subject), tl = strlen(ts);

	if (keylen == 0 || sl + tl + 6 > sizeof(msg))
		return 0;
	/* Domain-separated and unambiguous: "csrf" NUL subject NUL time. */
	memcpy(msg, "csrf", 5);
	memcpy(msg + 5, subject, sl + 1);
	memcpy(msg + 6 + sl, ts, tl);
	if (HMAC(EVP_sha256(), key, (int)keylen, msg, 6 + sl + tl, md,
	    &mdlen) == NULL)
		return 0;
	return b64url(md, mdlen, out, outsz);
}

/*
 * A token for `subject` issued at `now`, written into `out`
 * (CSRF_TOKEN_MAX bytes). Returns 0 without a key.
 */
int
csrf_token(const char *subject, time_t now, char *out, size_t outsz)
{
	char	 ts[20], m[48];

	snprintf(ts, sizeof(ts), "%llx", (unsigned long long)now);
	if (!mac(subject, ts, m, sizeof(m)))
		return 0;
	return snprintf(out, outsz, "%s.%s", ts, m) < (int)outsz;
}

/*
 * Whether `token` was issued for `subject` by this key at most `ttl`
 * seconds before `now` (and not in the future beyond a minute of clock
 * skew between processes). Compares in constant time.
 */
int
csrf_check(const char *subject, const char *token, time_t now, long ttl)
{
	char			 ts[20], m[48];
	const char		*dot;
	char			*end;
	unsigned long long	 t;
	size_t			 tl;

	if (token == NULL || (dot = strchr(token, '.')) == NULL)
		return 0;
	if ((tl = (size_t)(dot - token)) == 0 || tl >= sizeof(ts))
		return 0;
	memcpy(ts, token, tl);
	ts[tl] = '\0';
	t = strtoull(ts, &end, 16);
	if (*end != '\0' || ts[0] == '-' || ts[0] == '+' || ts[0] == ' ')
		return 0;
	if ((long long)t > (long long)now + 60 ||
	    (long long)t + ttl < (long long)now)
		return 0;
	if (!mac(subject, ts, m, sizeof(m)) || strlen(dot + 1) != strlen(m))
		return 0;
	return CRYPTO_memcmp(m, dot + 1, strlen(m)) == 0;
}
