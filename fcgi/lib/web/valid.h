/*
 * Validators of decoded form values (see struct fieldspec in request.h).
 * Each returns 1 when the value is acceptable and may normalise it (trim,
 * lower-case in place; text to NFC, which may replace the allocation).
 */
#ifndef SMIME_VALID_H
#define SMIME_VALID_H

#include <stddef.h>

struct kv;

int	 utf8_valid(const char *, size_t);
int	 valid_line(struct kv *);
int	 valid_text(struct kv *);
int	 valid_multiline(struct kv *);
int	 valid_uint(struct kv *);
int	 valid_word(struct kv *);
int	 valid_token(struct kv *);
int	 valid_search(struct kv *);
int	 text_meaningful(const char *);

#endif
