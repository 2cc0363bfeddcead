/*
 * multipart/form-data (RFC 7578, body syntax of RFC 2046 5.1.1) and the
 * sniffing of uploaded files by their magic bytes.
 *
 * The body is scanned once, front to back: every search is bounded by
 * what is left of the body or of the part's header budget, and no byte is
 * looked at more than a small constant number of times, whatever the
 * input (see delim_find()). Each part is copied once into the pair that
 * the request layer then owns.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "multipart.h"
#include "request.h"
#include "valid.h"

const char *const filetype_names[FILETYPE__MAX] = {
	"unknown",	/* FILETYPE_UNKNOWN */
	"pdf",		/* FILETYPE_PDF */
	"jpeg",		/* FILETYPE_JPEG */
	"png",		/* FILETYPE_PNG */
};

const char *const filetype_mimes[FILETYPE__MAX] = {
	"application/octet-stream",	/* FILETYPE_UNKNOWN */
	"application/pdf",		/* FILETYPE_PDF */
	"image/jpeg",			/* FILETYPE_JPEG */
	"image/png",			/* FILETYPE_PNG */
};

/*
 * The delimiter: CRLF "--" boundary (RFC 2046 5.1.1). The first one of a
 * body may come without its CRLF, so `s + 2` is also used alone.
 */
struct delim {
	char	 s[4 + MP_MAX_BOUNDARY + 1];
	size_t	 len;	/* 4 + the boundary's length */
};

/* What one part's header section said. Strings are malloc'd or NULL. */
struct part {
	char	*name;		/* Content-Disposition name= */
	char	*filename;	/* Content-Disposition filename=, "" kept */
	char	*ctype;		/* Content-Type, trimmed */
	int	 seen_cd;	/* a Content-Disposition was read */
	int	 seen_ct;	/* a Content-Type was read */
	int	 seen_cte;	/* a Content-Transfer-Encoding was read */
};

static void
part_free(struct part *pt)
{
	free(pt->name);
	free(pt->filename);
	free(pt->ctype);
	memset(pt, 0, sizeof(*pt));
}

/* RFC 7230 3.2.6 tchar. */
static int
is_tchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* RFC 2046 5.1.1 bchars, which include the space. */
static int
is_bchar(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("'()+_,-./:=? ", c) != NULL;
}

/* Control characters, HT excepted: never part of a header line. */
static int
is_ctl(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

static const char *
skip_ows(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* Whether the n bytes at s are, ignoring ASCII case, the string lit. */
static int
word_is(const char *s, size_t n, const char *lit)
{
	return n == strlen(lit) && strncasecmp(s, lit, n) == 0;
}

/*
 * Reads one parameter, token OWS "=" OWS ( token / quoted-string ), at *pp
 * (RFC 7231 3.1.1.1, RFC 6266 4.1) and moves *pp past it. The name is
 * left in the input (*name, *namesz); the value is decoded into *val,
 * malloc'd and NUL-terminated, which the caller frees.
 *
 * In a quoted-string a backslash escapes only '"' and '\' and is kept
 * otherwise: RFC 7578 4.2 senders never escape anything else, and old
 * browsers put Windows paths ("C:\dir\f.pdf") there unescaped. An
 * unquoted value is taken leniently up to white space, ';' or '"'.
 * Returns 200, 400 on bad syntax, or 500 when memory runs out.
 */
static int
param_read(const char **pp, const char *end, const char **name,
    size_t *namesz, char **val)
{
	const char	*p = *pp, *q, *v;
	char		*out;
	size_t		 n;

	*val = NULL;
	for (q = p; q < end && is_tchar((unsigned char)*q); q++)
		continue;
	if (q == p)
		return 400;
	*name = p;
	*namesz = (size_t)(q - p);
	p = skip_ows(q, end);
	if (p == end || *p != '=')
		return 400;
	p = skip_ows(p + 1, end);
	if (p == end)
		return 400;

	if (*p != '"') {
		for (q = p; q < end && !is_ctl((unsigned char)*q) &&
		    *q != ' ' && *q != '\t' && *q != ';' && *q != '"'; q++)
			continue;
		if (q == p)
			return 400;
		if ((*val = strndup(p, (size_t)(q - p))) == NULL)
			return 500;
		*pp = q;
		return 200;
	}

	/* First measure the decoded length, then copy. */
	v = p + 1;
	for (q = v, n = 0; q < end && *q != '"'; q++, n++) {
		if (is_ctl((unsigned char)*q))
			return 400;
		if (*q == '\\' && end - q > 1 && (q[1] == '"' || q[1] == '\\'))
			q++;
	}
	if (q == end)
		return 400;
	if ((out = malloc(n + 1)) == NULL)
		return 500;
	for (q = v, n = 0; *q != '"'; q++) {
		if (*q == '\\' && (q[1] == '"' || q[1] == '\\'))
			q++;
		out[n++] = *q;
	}
	out[n] = '\0';
	*val = out;
	*pp = q + 1;
	return 200;
}

/*
 * Finds the boundary in the request's Content-Type, which must be
 * multipart/form-data with exactly one boundary parameter of 1 to 70
 * bchars not ending in a space (RFC 2046 5.1.1), quoted or not, among
 * other parameters in any order and case. Fills `d` with the delimiter.
 * Returns 200, 415 for another media type, 400 for a bad or missing
 * boundary or bad parameter syntax, 500 when memory runs out.
 */
static int
boundary_get(const char *ctype, struct delim *d)
{
	static const char	 mt[] = "multipart/form-data";
	const char		*p, *end, *name;
	char			*val = NULL;
	size_t			 namesz, vlen, i;
	int			 code, found = 0;

	if (strncasecmp(ctype, mt, sizeof(mt) - 1) != 0)
		return 415;
	p = ctype + sizeof(mt) - 1;
	end = p + strlen(p);
	if (p < end && *p != ';' && *p != ' ' && *p != '\t')
		return 415;
	for (;;) {
		p = skip_ows(p, end);
		if (p == end)
			break;
		code = 400;
		if (*p != ';')
			goto out;
		p = skip_ows(p + 1, end);
		if (p == end)
			break;
		if ((code = param_read(&p, end, &name, &namesz, &val)) != 200)
			goto out;
		if (word_is(name, namesz, "boundary")) {
			code = 400;
			vlen = strlen(val);
			if (found || vlen == 0 || vlen > MP_MAX_BOUNDARY ||
			    val[vlen - 1] == ' ')
				goto out;
			for (i = 0; i < vlen; i++)
				if (!is_bchar((unsigned char)val[i]))
					goto out;
			memcpy(d->s, "\r\n--", 4);
			memcpy(d->s + 4, val, vlen + 1);
			d->len = 4 + vlen;
			found = 1;
		}
		free(val);
		val = NULL;
	}
	code = found ? 200 : 400;
out:
	free(val);
	return code;
}

/*
 * Finds the first delimiter in [p, end) and returns where its CR is, or
 * NULL. Linear in end - p: memchr() moves to each candidate CR, and a
 * failed comparison resumes at the first byte that differed, since no
 * byte of the delimiter after its CR is a CR (bchars exclude it) and so
 * no other match can start before it. A body full of "\r\n--" near-misses
 * thus costs at most two looks per byte.
 */
static const char *
delim_find(const char *p, const char *end, const struct delim *d)
{
	const char	*cr;
	size_t		 i;

	while ((size_t)(end - p) >= d->len) {
		cr = memchr(p, '\r', (size_t)(end - p) - d->len + 1);
		if (cr == NULL)
			return NULL;
		for (i = 1; i < d->len && cr[i] == d->s[i]; i++)
			continue;
		if (i == d->len)
			return cr;
		p = cr + i;
	}
	return NULL;
}

/*
 * Reads what follows a boundary at *p: "--" ends the body (the epilogue
 * after it is ignored); otherwise optional transport padding (SP, HT) and
 * CRLF open a part, and *p moves past them (RFC 2046 5.1.1). Anything
 * else means the boundary turned up inside content, which RFC 2046
 * forbids, or the body was cut short. Returns 1 and sets *last, or 0.
 */
static int
delim_end(const char **p, const char *end, int *last)
{
	const char	*q = *p;

	if (end - q >= 2 && q[0] == '-' && q[1] == '-') {
		*last = 1;
		return 1;
	}
	q = skip_ows(q, end);
	if (end - q < 2 || q[0] != '\r' || q[1] != '\n')
		return 0;
	*p = q + 2;
	*last = 0;
	return 1;
}

/*
 * Content-Disposition: form-data *( ";" param ) (RFC 7578 4.2, RFC 6266
 * 4.1). Keeps name= and filename=; filename* (RFC 5987), which RFC 7578
 * 4.2 forbids senders to use, is read for its syntax and dropped, like
 * any other parameter. A repeated name or filename is refused.
 * Returns 200, 400 or 500.
 */
static int
disposition_read(const char *p, const char *end, struct part *pt)
{
	const char	*q, *name;
	char		*val = NULL;
	size_t		 namesz;
	int		 code;

	for (q = p; q < end && is_tchar((unsigned char)*q); q++)
		continue;
	if (!word_is(p, (size_t)(q - p), "form-data"))
		return 400;
	for (p = q;;) {
		p = skip_ows(p, end);
		if (p == end)
			break;
		code = 400;
		if (*p != ';')
			goto out;
		p = skip_ows(p + 1, end);
		if (p == end)
			break;
		if ((code = param_read(&p, end, &name, &namesz, &val)) != 200)
			goto out;
		code = 400;
		if (word_is(name, namesz, "name")) {
			if (pt->name != NULL)
				goto out;
			pt->name = val;
			val = NULL;
		} else if (word_is(name, namesz, "filename")) {
			if (pt->filename != NULL)
				goto out;
			pt->filename = val;
			val = NULL;
		}
		free(val);
		val = NULL;
	}
	code = 200;
out:
	free(val);
	return code;
}

/*
 * Reads one header line, [p, eol) without its CRLF, into the part.
 * A line starting with white space (obsolete folding, RFC 7230 3.2.4), a
 * control character, a line without a colon or a name that is not a
 * token (white space before the colon included) are refused. Unknown
 * headers are ignored; Content-Transfer-Encoding, deprecated by RFC 7578
 * 4.7, is allowed only as an identity encoding rather than ignored, so
 * that no encoded content is taken for the real one.
 * Returns 200, 400 or 500.
 */
static int
header_read(const char *p, const char *eol, struct part *pt)
{
	const char	*q, *colon, *v, *ve;

	if (p == eol || *p == ' ' || *p == '\t')
		return 400;
	for (q = p; q < eol; q++)
		if (is_ctl((unsigned char)*q))
			return 400;
	if ((colon = memchr(p, ':', (size_t)(eol - p))) == NULL || colon == p)
		return 400;
	for (q = p; q < colon; q++)
		if (!is_tchar((unsigned char)*q))
			return 400;
	v = skip_ows(colon + 1, eol);
	for (ve = eol; ve > v && (ve[-1] == ' ' || ve[-1] == '\t'); ve--)
		continue;

	if (word_is(p, (size_t)(colon - p), "Content-Disposition")) {
		if (pt->seen_cd)
			return 400;
		pt->seen_cd = 1;
		return disposition_read(v, ve, pt);
	}
	if (word_is(p, (size_t)(colon - p), "Content-Type")) {
		if (pt->seen_ct)
			return 400;
		pt->seen_ct = 1;
		if (ve > v &&
		    (pt->ctype = strndup(v, (size_t)(ve - v))) == NULL)
			return 500;
		return 200;
	}
	if (word_is(p, (size_t)(colon - p), "Content-Transfer-Encoding")) {
		if (pt->seen_cte)
			return 400;
		pt->seen_cte = 1;
		if (word_is(v, (size_t)(ve - v), "binary") ||
		    word_is(v, (size_t)(ve - v), "8bit") ||
		    word_is(v, (size_t)(ve - v), "7bit"))
			return 200;
		return 400;
	}
	return 200;
}

/*
 * Reads the header section of a part starting at *p, up to the empty
 * line that ends it, and leaves *p on that empty line's CRLF: the body
 * follows it, unless the CRLF is the one opening the next delimiter (a
 * part without body, RFC 2046 5.1.1 body-part). Lines end in CRLF only.
 * The section, CRLFs included, may hold MP_MAX_HEADERS bytes; no search
 * goes further. A part must name its field in a form-data
 * Content-Disposition (RFC 7578 4.2) of at most REQ_MAX_KEY bytes.
 * Returns 200, 400 when malformed or cut short, 413 when too large, 500.
 */
static int
part_headers(const char **pp, const char *end, struct part *pt)
{
	const char	*p = *pp, *cr;
	size_t		 used = 0, room, n;
	int		 code;

	for (;;) {
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n')
			break;
		room = MP_MAX_HEADERS - used;
		n = (size_t)(end - p) < room ? (size_t)(end - p) : room;
		if ((cr = memchr(p, '\r', n)) == NULL)
			return n == room ? 413 : 400;
		if (end - cr < 2 || cr[1] != '\n')
			return 400;
		if ((used += (size_t)(cr - p) + 2) > MP_MAX_HEADERS)
			return 413;
		if ((code = header_read(p, cr, pt)) != 200)
			return code;
		p = cr + 2;
	}
	if (!pt->seen_cd || pt->name == NULL || pt->name[0] == '\0' ||
	    strlen(pt->name) > REQ_MAX_KEY)
		return 400;
	*pp = p;
	return 200;
}

/*
 * Adds the part with its value, the vlen bytes at v, as a pair of the
 * request. The part's strings go to the request (or are freed) either
 * way. A plain field gets neither filename nor Content-Type; a file whose
 * filename or Content-Type is not UTF-8 is kept but marked as an
 * encoding error, so that it can be shown and refused like any value.
 * Returns 200, 413 past REQ_MAX_PAIRS or 500.
 */
static int
part_add(struct req *r, struct part *pt, const char *v, size_t vlen)
{
	struct kv	*kv;
	char		*val;
	int		 code, bad = 0;

	if ((val = malloc(vlen + 1)) == NULL) {
		part_free(pt);
		return 500;
	}
	memcpy(val, v, vlen);
	val[vlen] = '\0';
	if (pt->filename == NULL) {
		free(pt->ctype);
		pt->ctype = NULL;
	} else
		bad = !utf8_valid(pt->filename, strlen(pt->filename)) ||
		    (pt->ctype != NULL &&
		    !utf8_valid(pt->ctype, strlen(pt->ctype)));
	code = req_add_pair(r, pt->name, val, vlen, pt->filename, pt->ctype);
	pt->name = pt->filename = pt->ctype = NULL;
	part_free(pt);
	if (code != 200)
		return code;
	if (bad) {
		kv = &r->kvs[r->kvsz - 1];
		kv->err = KVERR_ENCODING;
		if (kv->state == KV_VALID)
			kv->state = KV_INVALID;
	}
	return 200;
}

/*
 * Parses a multipart/form-data body of `len` bytes, whose boundary comes
 * from `ctype`, the request's whole Content-Type, and appends one pair
 * per part (values binary-safe, copied; the body is not modified), then
 * files them by field. The preamble and the epilogue are ignored.
 * Returns 200; 400 when the Content-Type has no valid boundary, the body
 * has no delimiter or no close delimiter, a boundary line is followed by
 * anything but transport padding and CRLF, or a part is malformed (see
 * part_headers()); 413 when a part's header section exceeds
 * MP_MAX_HEADERS or parts exceed REQ_MAX_PAIRS; 415 when ctype is not
 * multipart/form-data; 500 when memory runs out. On failure the pairs
 * already added stay with the request, which req_free() releases.
 */
int
req_parse_multipart(struct req *r, const char *body, size_t len,
    const char *ctype)
{
	struct delim	 d;
	struct part	 pt;
	const char	*p, *end, *dl, *v;
	int		 code, last;

	memset(&pt, 0, sizeof(pt));
	if ((code = boundary_get(ctype, &d)) != 200)
		return code;
	if (body == NULL) {
		body = "";
		len = 0;
	}
	end = body + len;

	/* RFC 2046 5.1.1: the body may open with the dash-boundary. */
	code = 400;
	if (len >= d.len - 2 && memcmp(body, d.s + 2, d.len - 2) == 0)
		p = body + d.len - 2;
	else if ((dl = delim_find(body, end, &d)) != NULL)
		p = dl + d.len;
	else
		goto out;
	if (!delim_end(&p, end, &last))
		goto out;

	while (!last) {
		code = 413;
		if (r->kvsz >= REQ_MAX_PAIRS)
			goto out;
		if ((code = part_headers(&p, end, &pt)) != 200)
			goto out;
		/* p is on the CRLF of the empty line ending the headers. */
		code = 400;
		if ((dl = delim_find(p, end, &d)) == NULL)
			goto out;
		v = dl == p ? dl : p + 2;
		if ((code = part_add(r, &pt, v, (size_t)(dl - v))) != 200)
			goto out;
		p = dl + d.len;
		code = 400;
		if (!delim_end(&p, end, &last))
			goto out;
	}
	req_file(r);
	code = 200;
out:
	part_free(&pt);
	return code;
}

/* CRC-32 of PNG chunks (ISO 3309, as in PNG 5.5), bit by bit. */
static uint32_t
png_crc(const unsigned char *p, size_t n)
{
	uint32_t	 c = 0xffffffffU;
	int		 k;

	while (n-- > 0) {
		c ^= *p++;
		for (k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320U ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xffffffffU;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/*
 * PNG (ISO 15948 5.2, 11.2.2, 11.2.5): the signature, then an IHDR chunk
 * of 13 bytes with a non-zero size below 2^31 and a right CRC, and an
 * IEND chunk closing the file, so that a truncated upload is not taken.
 */
static int
sniff_png(const unsigned char *u, size_t len)
{
	static const unsigned char	 sig[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	static const unsigned char	 iend[12] = {
		0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };
	uint32_t			 w, h;

	if (len < 8 + 25 + 12 || memcmp(u, sig, 8) != 0)
		return 0;
	if (be32(u + 8) != 13 || memcmp(u + 12, "IHDR", 4) != 0)
		return 0;
	w = be32(u + 16);
	h = be32(u + 20);
	if (w == 0 || h == 0 || w > 0x7fffffffU || h > 0x7fffffffU)
		return 0;
	if (png_crc(u + 12, 17) != be32(u + 29))
		return 0;
	return memcmp(u + len - 12, iend, 12) == 0;
}

/*
 * JPEG (ITU T.81 B.1.1.2): SOI, FF D8, then the FF of a marker, and the
 * EOI marker FF D9 last, after which some writers pad with zeros.
 */
static int
sniff_jpeg(const unsigned char *u, size_t len)
{
	size_t	 n = len;

	if (len < 3 || u[0] != 0xff || u[1] != 0xd8 || u[2] != 0xff)
		return 0;
	while (n > 3 && u[n - 1] == 0)
		n--;
	return n >= 5 && u[n - 2] == 0xff && u[n - 1] == 0xd9;
}

/*
 * The first `nn` bytes at `n` within the `hn` bytes at `h`, or NULL.
 * Plain and quadratic: only used on windows of about a kilobyte.
 */
static const char *
find(const char *h, size_t hn, const char *n, size_t nn)
{
	size_t	 i;

	for (i = 0; hn >= nn && i <= hn - nn; i++)
		if (memcmp(h + i, n, nn) == 0)
			return h + i;
	return NULL;
}

/*
 * PDF (ISO 32000-1 7.5.2, 7.5.5; Acrobat accepts the header anywhere in
 * the first 1024 bytes): "%PDF-" starting within the first 1024 bytes,
 * and "%%EOF" after it within the last 1024.
 */
static int
sniff_pdf(const char *data, size_t len)
{
	const char	*hdr, *tail;
	size_t		 n;

	n = len < 1024 + 4 ? len : 1024 + 4;
	if ((hdr = find(data, n, "%PDF-", 5)) == NULL)
		return 0;
	tail = hdr + 5;
	if ((size_t)(data + len - tail) > 1024)
		tail = data + len - 1024;
	return find(tail, (size_t)(data + len - tail), "%%EOF", 5) != NULL;
}

/*
 * What the `len` bytes at `data` are, by their magic bytes alone; a
 * name or a Content-Type says nothing. Formats anchored at the first byte
 * are tried before PDF, whose header may start later.
 * Returns FILETYPE_UNKNOWN for anything not recognised.
 */
enum filetype
filetype_sniff(const char *data, size_t len)
{
	const unsigned char	*u = (const unsigned char *)data;

	if (data == NULL || len == 0)
		return FILETYPE_UNKNOWN;
	if (sniff_png(u, len))
		return FILETYPE_PNG;
	if (sniff_jpeg(u, len))
		return FILETYPE_JPEG;
	if (sniff_pdf(data, len))
		return FILETYPE_PDF;
	return FILETYPE_UNKNOWN;
}
