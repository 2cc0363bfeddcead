/*
 * Hexadecimal digits: the one place that reads and writes them (serials,
 * fingerprints, key hashes, percent-encoding, blocklist entries).
 */
#ifndef SMIME_HEX_H
#define SMIME_HEX_H

#include <stddef.h>

int	 hex_value(int);
void	 hex_encode(const unsigned char *, size_t, char *);

#endif
