/*
 * A strict, bounded JSON parser (RFC 8259) for requests from outside.
 *
 * Strict: the grammar of RFC 8259 section 2 to 7 and nothing more: one
 * value, surrounded only by white space; no comments, no trailing
 * commas, no leading zeros, no NaN; strings valid UTF-8 with no raw
 * control character, escapes decoded, no lone surrogate and no U+0000
 * (so every decoded string is also a C string); a member name twice in
 * one object refused (section 4 leaves that open; RFC 7515 section 5.2
 * step 4 and RFC 8555 require refusing it in JWS headers).
 *
 * Bounded: the input size, the nesting depth, the number of values and
 * the length of one string are capped by a struct json_limits, checked
 * before anything is allocated for them.
 *
 * Ownership: json_parse() returns a tree the caller releases with
 * json_free(); every node, name and string inside it belongs to the
 * tree. Lookups return pointers into it.
 */
#ifndef SMIME_JSON_H
#define SMIME_JSON_H

#include <stddef.h>

enum json_type {
	JSON_NULL,	/* null */
	JSON_FALSE,	/* false */
	JSON_TRUE,	/* true */
	JSON_NUMBER,	/* str holds the number's text as written */
	JSON_STRING,	/* str holds the decoded UTF-8 */
	JSON_ARRAY,	/* child, child->next... */
	JSON_OBJECT,	/* child, with name set on each */
	JSON__MAX
};

enum json_err {
	JSON_OK,	/* parsed */
	JSON_ESYNTAX,	/* not JSON */
	JSON_ESIZE,	/* input, string or value count over its cap */
	JSON_EDEPTH,	/* nested deeper than the cap */
	JSON_EDUP,	/* a member name twice in one object */
	JSON_EUTF8,	/* invalid UTF-8, lone surrogate or U+0000 */
	JSON_ENOMEM,	/* allocation failed: the caller answers 500 */
	JSON_ERR__MAX
};

extern const char *const json_type_names[JSON__MAX];
extern const char *const json_err_names[JSON_ERR__MAX];

struct json {
	enum json_type	 type;
	char		*name;	/* member name in an object, else NULL */
	char		*str;	/* JSON_STRING, JSON_NUMBER; else NULL */
	size_t		 len;	/* bytes of str, not counting the NUL */
	size_t		 n;	/* JSON_ARRAY, JSON_OBJECT: children */
	struct json	*child;	/* first child */
	struct json	*next;	/* next sibling */
};

struct json_limits {
	size_t		 size;	/* bytes of input */
	size_t		 depth;	/* arrays and objects nested */
	size_t		 values; /* values in all */
	size_t		 string; /* bytes of one decoded string or name */
};

/* Limits for an ACME request body (RFC 8555 section 6.2: a JWS). */
#define JSON_ACME_LIMITS	{ 65536, 8, 512, 16384 }

struct json	*json_parse(const void *, size_t, const struct json_limits *,
		    enum json_err *);
void		 json_free(struct json *);
const struct json *json_get(const struct json *, const char *);
const char	*json_string(const struct json *, const char *);
int		 json_bool(const struct json *, const char *, int *);
int		 json_only(const struct json *, const char *const *);

#endif
