/*
 * Hexadecimal digits.
 */
#include "config.h"

#include "hex.h"

/* The value of hex digit `c` (either case), or -1 for anything else. */
int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Writes the `n` bytes at `p` as 2n lower-case hex digits and a NUL to
 * `out`, which must hold 2n + 1 bytes.
 */
void
hex_encode(const unsigned char *p, size_t n, char *out)
{
	static const char	 digits[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0x0f];
	}
	out[2 * n] = '\0';
}
