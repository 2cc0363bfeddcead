/*
 * base64url without padding: see b64u.h.
 */
#include "config.h"

#include <string.h>

#include "b64u.h"
#include "buf.h"

static const char	 alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* The 6-bit value of `c`, or -1 outside the base64url alphabet. */
static int
sextet(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-')
		return 62;
	if (c == '_')
		return 63;
	return -1;
}

/* Appends the encoding of `n` bytes to `b`; 0 when memory runs out. */
int
b64u_encode(struct buf *b, const void *data, size_t n)
{
	const unsigned char	*p = data;
	char			 q[4];
	size_t			 i;
	unsigned long		 v;

	if (!buf_grow(b, (n / 3 + 1) * 4))
		return 0;
	for (i = 0; i + 3 <= n; i += 3) {
		v = (unsigned long)p[i] << 16 | p[i + 1] << 8 | p[i + 2];
		q[0] = alphabet[v >> 18];
		q[1] = alphabet[(v >> 12) & 0x3f];
		q[2] = alphabet[(v >> 6) & 0x3f];
		q[3] = alphabet[v & 0x3f];
		buf_add(b, q, 4);
	}
	if (n - i == 1) {
		v = (unsigned long)p[i] << 16;
		q[0] = alphabet[v >> 18];
		q[1] = alphabet[(v >> 12) & 0x3f];
		buf_add(b, q, 2);
	} else if (n - i == 2) {
		v = (unsigned long)p[i] << 16 | p[i + 1] << 8;
		q[0] = alphabet[v >> 18];
		q[1] = alphabet[(v >> 12) & 0x3f];
		q[2] = alphabet[(v >> 6) & 0x3f];
		buf_add(b, q, 3);
	}
	return 1;
}

/* The number of bytes `n` characters decode to (for a valid length). */
size_t
b64u_decoded_len(size_t n)
{
	return n / 4 * 3 + (n % 4 == 0 ? 0 : n % 4 - 1);
}

/*
 * Appends the decoding of the `n` characters at `s` to `b`. Returns 1,
 * or 0 when they are no canonical unpadded base64url (b then keeps what
 * it had) or memory runs out.
 */
int
b64u_decode(struct buf *b, const char *s, size_t n)
{
	unsigned char	 out[3];
	size_t		 i, start = b->len;
	unsigned long	 v;
	int		 k, j, x;

	if (n % 4 == 1)
		return 0;
	if (!buf_grow(b, b64u_decoded_len(n)))
		return 0;
	for (i = 0; i < n; i += 4) {
		k = n - i >= 4 ? 4 : (int)(n - i);
		v = 0;
		for (j = 0; j < 4; j++) {
			x = 0;
			if (j < k && (x = sextet((unsigned char)s[i + j])) < 0)
				goto bad;
			v = v << 6 | (unsigned long)x;
		}
		out[0] = v >> 16;
		out[1] = (v >> 8) & 0xff;
		out[2] = v & 0xff;
		/* The bits past the last byte must be zero (canonical). */
		if ((k == 2 && (v & 0xffff) != 0) ||
		    (k == 3 && (v & 0xff) != 0))
			goto bad;
		buf_add(b, out, k - 1);
	}
	return 1;
bad:
	b->len = start;
	b->s[start] = '\0';
	return 0;
}
