/*
 * multipart/form-data parsing (req_parse_multipart) and file sniffing
 * (filetype_sniff): tables of valid and invalid bodies, then the request
 * layer's verdicts on what the parts carry.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "buf.h"
#include "multipart.h"
#include "request.h"
#include "valid.h"

/* Files are binary: only their own validator judges them. */
static int
valid_any(struct kv *kv)
{
	(void)kv;
	return 1;
}

enum field {
	F_ORG,
	F_NOTE,
	F_DOC,
	F_SHORT,
	F_BLOB,
	F_RAW,
	F__MAX
};

static const struct fieldspec fields[F__MAX] = {
	{ valid_line, "organization", 256 },	/* F_ORG */
	{ NULL, "note", 64 },			/* F_NOTE */
	{ valid_any, "doc", 1024 * 1024 },	/* F_DOC */
	{ valid_line, "short", 8 },		/* F_SHORT */
	{ valid_any, "blob", 16 },		/* F_BLOB */
	{ valid_any, "raw", 4096 },		/* F_RAW: any bytes, as sent */
};

#define CT	"multipart/form-data; boundary=XyZ"
#define D	"--XyZ"
#define CD(n)	"Content-Disposition: form-data; name=\"" n "\"\r\n"
#define CDF(n, f) \
	"Content-Disposition: form-data; name=\"" n "\"; filename=\"" f "\"\r\n"
#define LIT(s)	(s), sizeof(s) - 1
#define X8	"xxxxxxxx"
#define X64	X8 X8 X8 X8 X8 X8 X8 X8

/* A body of one part "raw" carrying `v`, as a C literal. */
#define RAW(v)	D "\r\n" CD("raw") "\r\n" v "\r\n" D "--\r\n"

static struct req	 r;

static int
setup(void **state)
{
	(void)state;
	return req_init(&r, fields, F__MAX) ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	req_free(&r);
	return 0;
}

/* Starts again with an empty request, for tables. */
static int
parse(const char *ctype, const char *body, size_t len)
{
	req_free(&r);
	assert_true(req_init(&r, fields, F__MAX));
	return req_parse_multipart(&r, body, len, ctype);
}

static void
assert_val(const struct kv *kv, const char *want, size_t wantsz)
{
	assert_non_null(kv);
	assert_int_equal(kv->valsz, wantsz);
	assert_memory_equal(kv->val, want, wantsz);
	assert_int_equal(kv->val[wantsz], '\0');
}

struct vec {
	const char	*ctype;
	const char	*body;
	size_t		 len;
	int		 code;
	const char	*what;
};

static void
run_table(const struct vec *v, size_t n)
{
	size_t	 i;
	int	 code;

	for (i = 0; i < n; i++) {
		code = parse(v[i].ctype, v[i].body, v[i].len);
		if (code != v[i].code)
			fail_msg("%s: got %d, want %d", v[i].what, code,
			    v[i].code);
	}
}

/* A browser's form: two fields and a file, as Chrome sends it. */
static void
test_browser(void **state)
{
	static const char	 body[] =
	    "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
	    "Content-Disposition: form-data; name=\"organization\"\r\n"
	    "\r\n"
	    "ACME Corp\r\n"
	    "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
	    "Content-Disposition: form-data; name=\"doc\"; "
	    "filename=\"scan.pdf\"\r\n"
	    "Content-Type: application/pdf\r\n"
	    "\r\n"
	    "%PDF-1.4\r\n\r\n%%EOF\r\n"
	    "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
	    "Content-Disposition: form-data; name=\"note\"\r\n"
	    "\r\n"
	    "hello\r\n"
	    "------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n";
	const struct kv		*kv;

	(void)state;
	assert_int_equal(req_parse_multipart(&r, LIT(body),
	    "multipart/form-data; "
	    "boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"), 200);
	assert_int_equal(r.kvsz, 3);
	assert_string_equal(req_field(&r, F_ORG), "ACME Corp");
	assert_string_equal(req_field(&r, F_NOTE), "hello");
	assert_null(r.fieldmap[F_ORG]->filename);
	assert_null(r.fieldmap[F_ORG]->ctype);
	kv = r.fieldmap[F_DOC];
	/* The last CRLF belongs to the delimiter. */
	assert_val(kv, LIT("%PDF-1.4\r\n\r\n%%EOF"));
	assert_string_equal(kv->filename, "scan.pdf");
	assert_string_equal(kv->ctype, "application/pdf");
	assert_null(kv->next);
	assert_int_equal(filetype_sniff(kv->val, kv->valsz), FILETYPE_PDF);
}

/* Firefox's boundary, two dashes longer on the boundary lines. */
static void
test_firefox(void **state)
{
	static const char	 body[] =
	    "-----------------------------735323031399963166993862150\r\n"
	    "Content-Disposition: form-data; name=\"organization\"\r\n"
	    "\r\n"
	    "Gecko \xc3\xa9t\xc3\xa9\r\n"
	    "-----------------------------735323031399963166993862150--\r\n";

	(void)state;
	assert_int_equal(req_parse_multipart(&r, LIT(body),
	    "multipart/form-data; "
	    "boundary=---------------------------735323031399963166993862150"),
	    200);
	assert_string_equal(req_field(&r, F_ORG), "Gecko \xc3\xa9t\xc3\xa9");
}

/* The boundary parameter: found, quoted or not, in any case and order. */
static void
test_boundary_param(void **state)
{
	static const char	 body[] = D "\r\n" CD("organization") "\r\n"
	    "ACME\r\n" D "--\r\n";
#define V(c, code) { c, body, sizeof(body) - 1, code, c }
	static const struct vec	 v[] = {
		V("multipart/form-data; boundary=XyZ", 200),
		V("multipart/form-data;boundary=XyZ", 200),
		V("Multipart/Form-Data; BOUNDARY=XyZ", 200),
		V("multipart/form-data; boundary=\"XyZ\"", 200),
		V("multipart/form-data; charset=utf-8; boundary=\"XyZ\"", 200),
		V("multipart/form-data; boundary=XyZ; charset=utf-8", 200),
		V("multipart/form-data ; boundary=XyZ", 200),
		V("multipart/form-data; boundary = XyZ", 200),
		V("multipart/form-data; boundary=XyZ;", 200),
		V("multipart/form-data; boundary=XyZ ", 200),
		V("multipart/form-data", 400),
		V("multipart/form-data;", 400),
		V("multipart/form-data; charset=utf-8", 400),
		V("multipart/form-data; boundary=", 400),
		V("multipart/form-data; boundary=\"\"", 400),
		V("multipart/form-data; boundary=\"XyZ \"", 400),
		V("multipart/form-data; boundary=Xy<Z", 400),
		V("multipart/form-data; boundary=\"Xy\\\"Z\"", 400),
		V("multipart/form-data; boundary=\"Xy\\Z\"", 400),
		V("multipart/form-data; boundary=XyZ; boundary=XyZ", 400),
		V("multipart/form-data; boundary=\"XyZ", 400),
		V("multipart/form-data; boundary=XyZ junk", 400),
		V("multipart/form-data boundary=XyZ", 400),
		V("multipart/form-data; =XyZ", 400),
		V("multipart/form-data; boundary", 400),
		V("multipart/form-data; boundary=X\ryZ", 400),
		V("multipart/form-data; boundary=\"X\x01yZ\"", 400),
		V("multipart/form-data; boundary=; charset=utf-8", 400),
		V("multipart/form-data; boundary=xyz", 400),
		V("multipart/form-dataX; boundary=XyZ", 415),
		V("multipart/mixed; boundary=XyZ", 415),
		V("multipart/form-dat", 415),
		V("", 415),
	};
#undef V

	(void)state;
	run_table(v, sizeof(v) / sizeof(v[0]));
}

/* 1 to 70 characters, space allowed inside, quoted (RFC 2046 5.1.1). */
static void
test_boundary_length(void **state)
{
	char		 b[80], ct[128];
	struct buf	 body;

	(void)state;
	memset(b, 'b', 70);
	b[70] = '\0';
	buf_init(&body);
	assert_true(buf_printf(&body, "--%s\r\n" CD("organization") "\r\n"
	    "A\r\n--%s--", b, b));
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", b);
	assert_int_equal(parse(ct, body.s, body.len), 200);
	assert_string_equal(req_field(&r, F_ORG), "A");

	b[70] = 'b';
	b[71] = '\0';
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", b);
	assert_int_equal(parse(ct, body.s, body.len), 400);

	buf_reset(&body);
	assert_true(buf_adds(&body, "--a\r\n" CD("organization") "\r\nA\r\n"
	    "--a--"));
	assert_int_equal(parse("multipart/form-data; boundary=a",
	    body.s, body.len), 200);
	assert_string_equal(req_field(&r, F_ORG), "A");

	buf_reset(&body);
	assert_true(buf_adds(&body, "--'()+_,-./:=? x\r\n" CD("organization")
	    "\r\nA\r\n--'()+_,-./:=? x--"));
	assert_int_equal(parse("multipart/form-data; "
	    "boundary=\"'()+_,-./:=? x\"", body.s, body.len), 200);
	assert_string_equal(req_field(&r, F_ORG), "A");
	buf_free(&body);
}

/*
 * The boundary's text inside content without a line break before it, or
 * after a lone CR or LF, is content; so are content ending in CR or
 * dashes, and near-boundaries that differ in a byte or in case.
 */
static void
test_boundary_in_content(void **state)
{
	static const struct {
		const char	*body;
		size_t		 len;
		const char	*val;
		size_t		 valsz;
	} v[] = {
#define V(x) { LIT(RAW(x)), LIT(x) }
		V("a--XyZb"),
		V("a--XyZ"),
		V("XyZ"),
		V("a\n--XyZ\n"),
		V("a\r--XyZ\r"),
		V("a\r\n-XyZ"),
		V("a\r\n--XyY"),
		V("a\r\n--XYZ--"),
		V("a\r\n---XyZ"),
		V("abc\r"),
		V("abc\r\r"),
		V("abc-"),
		V("abc--"),
		V("abc\r\n"),
		V("abc\r\n-"),
		V("abc\r\n--"),
		V("abc\r\n--Xy"),
		V("\r\n"),
		V("\r\n\r\n"),
		V("--"),
		V(""),
#undef V
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (parse(CT, v[i].body, v[i].len) != 200)
			fail_msg("vector %zu refused", i);
		assert_int_equal(r.kvsz, 1);
		assert_val(r.fieldmap[F_RAW], v[i].val, v[i].valsz);
	}
}

/* The delimiter followed by anything but padding, CRLF or "--". */
static void
test_boundary_prefix(void **state)
{
#define V(x, c) { CT, LIT(RAW(x)), c, x }
	static const struct vec	 v[] = {
		V("a\r\n--XyZX", 400),
		V("a\r\n--XyZ-", 400),
		V("a\r\n--XyZ x", 400),
		V("a\r\n--XyZ\n", 400),
		V("a\r\n--XyZ\r", 400),
		/* At the start of a part's body it begins a line too. */
		V("--XyZ", 400),
	};
#undef V

	(void)state;
	run_table(v, sizeof(v) / sizeof(v[0]));
}

static void
test_missing_final(void **state)
{
#define V(b, c) { CT, LIT(b), c, b }
	static const struct vec	 v[] = {
		V("", 400),
		V("no boundary here", 400),
		V(D, 400),
		V(D "-", 400),
		V(D "\r\n", 400),
		V(D "\r\n" CD("organization"), 400),
		V(D "\r\n" CD("organization") "\r\n", 400),
		V(D "\r\n" CD("organization") "\r\nACME", 400),
		V(D "\r\n" CD("organization") "\r\nACME\r\n", 400),
		V(D "\r\n" CD("organization") "\r\nACME\r\n" D, 400),
		V(D "\r\n" CD("organization") "\r\nACME\r\n" D "-", 400),
		V(D "\r\n" CD("organization") "\r\nACME\r\n" D "\r\n", 400),
		V(D "\r\n" CD("organization") "\r\nACME\r\n" D "  ", 400),
		V(D "\r\n" CD("organization") "\r\nACME\r\n-" D "--", 400),
		V(D "\r\n" CD("organization") "\r\nACME\r\n" D "--", 200),
		V(D "--", 200),
		V(D "--\r\n", 200),
	};
#undef V

	(void)state;
	run_table(v, sizeof(v) / sizeof(v[0]));
	assert_int_equal(parse(CT, NULL, 0), 400);
}

/* No parts at all is an empty form, as browsers send it. */
static void
test_empty_form(void **state)
{
	(void)state;
	assert_int_equal(req_parse_multipart(&r, LIT(D "--\r\n"), CT), 200);
	assert_int_equal(r.kvsz, 0);
	assert_null(req_field(&r, F_ORG));
}

/* Lines ending in LF alone are refused, in boundary lines or headers. */
static void
test_lf_only(void **state)
{
#define V(b, c) { CT, LIT(b), c, b }
	static const struct vec	 v[] = {
		V(D "\nContent-Disposition: form-data; name=\"organization\"\n"
		    "\nACME\n" D "--\n", 400),
		V("preamble\n" D "\nContent-Disposition: form-data; "
		    "name=\"organization\"\n\nACME\n" D "--\n", 400),
		V(D "\r\nContent-Disposition: form-data; name=\"organization\"\n"
		    "\r\nACME\r\n" D "--\r\n", 400),
		V(D "\r\nContent-Disposition: form-data; name=\"organization\"\r\n"
		    "\nACME\r\n" D "--\r\n", 400),
	};
#undef V

	(void)state;
	run_table(v, sizeof(v) / sizeof(v[0]));
}

static void
test_preamble_epilogue(void **state)
{
	static const char	 body[] =
	    "This is the preamble. It is to be ignored, --XyZ\r\n"
	    "Content-Disposition: form-data; name=\"note\"\r\n\r\nno\r\n"
	    D "\r\n" CD("organization") "\r\nACME\r\n"
	    D "--\r\n"
	    "This is the epilogue.\r\n"
	    D "\r\n" CD("note") "\r\nignored\r\n" D "--\r\n";

	(void)state;
	assert_int_equal(req_parse_multipart(&r, LIT(body), CT), 200);
	assert_int_equal(r.kvsz, 1);
	assert_string_equal(req_field(&r, F_ORG), "ACME");
	assert_null(req_field(&r, F_NOTE));
	assert_null(r.fielderr[F_NOTE]);

	/* Preamble of just the CRLF that belongs to the first delimiter. */
	assert_int_equal(parse(CT, LIT("\r\n" D "\r\n" CD("organization")
	    "\r\nA\r\n" D "--")), 200);
	assert_string_equal(req_field(&r, F_ORG), "A");
	/* Close delimiter then anything. */
	assert_int_equal(parse(CT, LIT(D "\r\n" CD("organization")
	    "\r\nA\r\n" D "--junk\n\0\r\n--")), 200);
	assert_string_equal(req_field(&r, F_ORG), "A");
}

/* RFC 2046 transport padding: spaces and tabs before the CRLF. */
static void
test_padding(void **state)
{
	static const char	 body[] =
	    D " \t \r\n" CD("organization") "\r\nACME\r\n"
	    D "\t\r\n" CD("note") "\r\nhi\r\n"
	    D "--  \r\n";

	(void)state;
	assert_int_equal(req_parse_multipart(&r, LIT(body), CT), 200);
	assert_string_equal(req_field(&r, F_ORG), "ACME");
	assert_string_equal(req_field(&r, F_NOTE), "hi");
}

/* A part whose empty header line is also its delimiter's CRLF. */
static void
test_no_body(void **state)
{
	(void)state;
	assert_int_equal(req_parse_multipart(&r, LIT(D "\r\n" CD("raw")
	    "\r\n" D "\r\n" CD("note") "\r\n\r\n" D "--"), CT), 200);
	assert_int_equal(r.kvsz, 2);
	assert_val(r.fieldmap[F_RAW], "", 0);
	assert_val(r.fieldmap[F_NOTE], "", 0);
}

static void
test_headers_bad(void **state)
{
#define P(h) D "\r\n" h "\r\nv\r\n" D "--\r\n"
#define V(h, c) { CT, LIT(P(h)), c, h }
	static const struct vec	 v[] = {
		V(CD("organization"), 200),
		V("content-disposition: FORM-DATA; NAME=organization\r\n", 200),
		V("Content-Disposition:form-data;name=\"organization\"\r\n", 200),
		V("Content-Disposition: form-data ; name = \"organization\" ;"
		    "\r\n", 200),
		V("X-Other: whatever; it: says\r\n" CD("organization"), 200),
		V(CD("organization") "Content-Transfer-Encoding: binary\r\n",
		    200),
		V(CD("organization") "Content-Transfer-Encoding: 8BIT\r\n", 200),
		V(CD("organization") "Content-Transfer-Encoding: base64\r\n",
		    400),
		V(CD("organization") "Content-Transfer-Encoding: 7bit\r\n"
		    "Content-Transfer-Encoding: 7bit\r\n", 400),
		V(CD("organization") "Content-Type: text/plain\r\n"
		    "Content-Type: text/plain\r\n", 400),
		V("Content-Disposition: form-data;\r\n name=\"organization\"\r\n",
		    400),
		V(" " CD("organization"), 400),
		V("\t" CD("organization"), 400),
		V("Content-Disposition form-data; name=organization\r\n", 400),
		V("Content-Disposition : form-data; name=organization\r\n", 400),
		V(": form-data\r\n" CD("organization"), 400),
		V("Content-Type: text/plain\r\n", 400),
		V("", 400),
		V("Content-Disposition: attachment; name=\"organization\"\r\n",
		    400),
		V("Content-Disposition: form-datax; name=\"organization\"\r\n",
		    400),
		V("Content-Disposition: form-data\r\n", 400),
		V("Content-Disposition: form-data; filename=\"a\"\r\n", 400),
		V("Content-Disposition: form-data; name=\"\"\r\n", 400),
		V("Content-Disposition: form-data; name=\r\n", 400),
		V("Content-Disposition: form-data; name\r\n", 400),
		V("Content-Disposition: form-data; name=\"a\"; name=\"b\"\r\n",
		    400),
		V("Content-Disposition: form-data; name=a; filename=b; "
		    "filename=c\r\n", 400),
		V("Content-Disposition: form-data name=\"organization\"\r\n", 400),
		V("Content-Disposition: form-data; name=\"organization\r\n", 400),
		V("Content-Disposition: form-data; name=\"org\"anization\r\n",
		    400),
		V(CD("organization") CD("organization"), 400),
		V(CD("organization") "X-A: b\rc\r\n", 400),
		V(CD("organization") "X-A: b\nc\r\n", 400),
		V(CD("organization") "X-A: b\x01 c\r\n", 400),
		V(CD("organization") "X-A: b\x7f c\r\n", 400),
		V(CD("organization") "X A: b\r\n", 400),
		V("Content-Disposition: form-data; name=\"a\x01\"\r\n", 400),
		/* 64 bytes of name are the most (REQ_MAX_KEY). */
		V(CD(X64), 200),
		V(CD(X64 "x"), 400),
		/* An empty header section: no Content-Disposition. */
		{ CT, LIT(D "\r\n\r\nv\r\n" D "--"), 400, "no headers" },
		{ CT, LIT(D "\r\n" CD("organization") D "--"), 400,
		    "delimiter in headers" },
		{ CT, LIT(D "\r\nContent-Disposition: form-data; name=\"a\0\"\r\n"
		    "\r\nv\r\n" D "--"), 400, "NUL in a header" },
	};
#undef V
#undef P

	(void)state;
	run_table(v, sizeof(v) / sizeof(v[0]));
}

/* Content-Disposition parameters: escapes, paths, filename*, others. */
static void
test_disposition(void **state)
{
	static const struct {
		const char	*cd;
		const char	*name;
		const char	*filename;
	} v[] = {
		{ "form-data; name=\"doc\"; filename=\"a.pdf\"", "doc", "a.pdf" },
		{ "form-data; filename=\"a.pdf\"; name=\"doc\"", "doc", "a.pdf" },
		{ "form-data; name=doc; filename=a.pdf", "doc", "a.pdf" },
		{ "form-data; NAME=\"doc\"; FileName=\"a.pdf\"", "doc", "a.pdf" },
		{ "form-data; name=\"doc\"; filename=\"a\\\"b\\\\c.pdf\"", "doc",
		    "a\"b\\c.pdf" },
		{ "form-data; name=\"doc\"; filename=\"C:\\dir\\f.pdf\"", "doc",
		    "C:\\dir\\f.pdf" },
		{ "form-data; name=\"doc\"; filename=\"a;b=c.pdf\"", "doc",
		    "a;b=c.pdf" },
		{ "form-data; name=\"doc\"; filename=\"\xc3\xa9t\xc3\xa9.pdf\"",
		    "doc", "\xc3\xa9t\xc3\xa9.pdf" },
		{ "form-data; name=\"doc\"; filename*=UTF-8''%C3%A9.pdf; "
		    "filename=\"e.pdf\"", "doc", "e.pdf" },
		{ "form-data; name=\"doc\"; filename=\"e.pdf\"; "
		    "filename*=UTF-8''%C3%A9.pdf", "doc", "e.pdf" },
		{ "form-data; name=\"doc\"; filename*=UTF-8''e.pdf", "doc",
		    NULL },
		{ "form-data; foo=bar; name=\"doc\"; size=\"3\"", "doc", NULL },
		{ "form-data; name=\"d\\oc\"", "d\\oc", NULL },
		{ "form-data; name=\"d\\\"oc\"", "d\"oc", NULL },
		{ "form-data; name=\"a b\tc\"", "a b\tc", NULL },
		{ "form-data; name=\"doc\"; filename=\"\"", "doc", "" },
	};
	struct buf	 b;
	size_t		 i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		buf_reset(&b);
		assert_true(buf_printf(&b, D "\r\nContent-Disposition: %s\r\n"
		    "\r\nabc\r\n" D "--", v[i].cd));
		if (parse(CT, b.s, b.len) != 200)
			fail_msg("refused: %s", v[i].cd);
		assert_int_equal(r.kvsz, 1);
		assert_string_equal(r.kvs[0].key, v[i].name);
		if (v[i].filename == NULL)
			assert_null(r.kvs[0].filename);
		else
			assert_string_equal(r.kvs[0].filename, v[i].filename);
		assert_val(&r.kvs[0], "abc", 3);
	}
	buf_free(&b);
}

/* A file keeps its Content-Type, verbatim; a plain field gets none. */
static void
test_part_ctype(void **state)
{
	static const char	 body[] =
	    D "\r\n" CDF("doc", "a.txt")
	    "Content-Type:  text/plain; charset=utf-8  \r\n\r\nabc\r\n"
	    D "\r\n" CDF("doc", "b.bin") "\r\nabc\r\n"
	    D "\r\n" CD("note") "Content-Type: text/plain\r\n\r\nabc\r\n"
	    D "--";

	(void)state;
	assert_int_equal(req_parse_multipart(&r, LIT(body), CT), 200);
	assert_string_equal(r.fieldmap[F_DOC]->ctype,
	    "text/plain; charset=utf-8");
	assert_null(r.fieldmap[F_DOC]->next->ctype);
	assert_null(r.fieldmap[F_NOTE]->ctype);
	assert_null(r.fieldmap[F_NOTE]->filename);
}

/* Filenames and types that are not UTF-8 are kept, but as errors. */
static void
test_filename_encoding(void **state)
{
	static const char	 body[] =
	    D "\r\n" CDF("doc", "\xe9t\xe9.pdf") "\r\nabc\r\n"
	    D "\r\n" CDF("doc", "ok.pdf") "Content-Type: image/\xff\r\n"
	    "\r\nabc\r\n" D "--";
	const struct kv		*kv;

	(void)state;
	assert_int_equal(req_parse_multipart(&r, LIT(body), CT), 200);
	assert_null(r.fieldmap[F_DOC]);
	kv = r.fielderr[F_DOC];
	assert_non_null(kv);
	assert_int_equal(kv->err, KVERR_ENCODING);
	assert_string_equal(kv->filename, "\xe9t\xe9.pdf");
	assert_non_null(kv->next);
	assert_int_equal(kv->next->err, KVERR_ENCODING);
	assert_string_equal(kv->next->ctype, "image/\xff");
}

static void
test_huge_headers(void **state)
{
	static const char	 cd[] = CD("organization");
	struct buf		 b;
	size_t			 pad, i;

	(void)state;
	buf_init(&b);

	/* CRLFs included, 8192 bytes of headers pass and 8193 do not. */
	pad = MP_MAX_HEADERS - (sizeof(cd) - 1) - strlen("X-Pad: \r\n");
	assert_true(buf_adds(&b, D "\r\n" CD("organization") "X-Pad: "));
	assert_true(buf_grow(&b, pad));
	memset(b.s + b.len, 'a', pad);
	b.len += pad;
	assert_true(buf_adds(&b, "\r\n\r\nACME\r\n" D "--"));
	assert_int_equal(parse(CT, b.s, b.len), 200);
	assert_string_equal(req_field(&r, F_ORG), "ACME");

	buf_reset(&b);
	assert_true(buf_adds(&b, D "\r\n" CD("organization") "X-Pad: a"));
	assert_true(buf_grow(&b, pad));
	memset(b.s + b.len, 'a', pad);
	b.len += pad;
	assert_true(buf_adds(&b, "\r\n\r\nACME\r\n" D "--"));
	assert_int_equal(parse(CT, b.s, b.len), 413);

	/* One endless line, with or without its end in the body. */
	buf_reset(&b);
	assert_true(buf_adds(&b, D "\r\nX-Pad: "));
	assert_true(buf_grow(&b, 100000));
	memset(b.s + b.len, 'a', 100000);
	b.len += 100000;
	assert_int_equal(parse(CT, b.s, b.len), 413);
	assert_true(buf_adds(&b, "\r\n" CD("organization") "\r\nA\r\n" D "--"));
	assert_int_equal(parse(CT, b.s, b.len), 413);

	/* Many short lines. */
	buf_reset(&b);
	assert_true(buf_adds(&b, D "\r\n" CD("organization")));
	for (pad = 0; pad < 3000; pad++)
		assert_true(buf_adds(&b, "X: y\r\n"));
	assert_true(buf_adds(&b, "\r\nA\r\n" D "--"));
	assert_int_equal(parse(CT, b.s, b.len), 413);

	/* The budget is per part: many parts of 8 KiB headers pass. */
	buf_reset(&b);
	for (pad = 0; pad < 10; pad++) {
		assert_true(buf_adds(&b, D "\r\n" CD("note")));
		for (i = 0; i < 1300; i++)
			assert_true(buf_adds(&b, "X: y\r\n"));
		assert_true(buf_adds(&b, "\r\nn\r\n"));
	}
	assert_true(buf_adds(&b, D "--"));
	assert_int_equal(parse(CT, b.s, b.len), 200);
	assert_int_equal(r.kvsz, 10);
	buf_free(&b);
}

static void
test_zero_length_file(void **state)
{
	static const char	 body[] =
	    D "\r\n" CDF("doc", "empty.pdf")
	    "Content-Type: application/pdf\r\n\r\n\r\n" D "--\r\n";
	const struct kv		*kv;

	(void)state;
	assert_int_equal(req_parse_multipart(&r, LIT(body), CT), 200);
	kv = r.fieldmap[F_DOC];
	assert_val(kv, "", 0);
	assert_string_equal(kv->filename, "empty.pdf");
	assert_string_equal(kv->ctype, "application/pdf");
	assert_int_equal(filetype_sniff(kv->val, kv->valsz), FILETYPE_UNKNOWN);
}

/* No file chosen: browsers send filename="" and no bytes. */
static void
test_no_file_chosen(void **state)
{
	static const char	 body[] =
	    D "\r\n" CD("organization") "\r\nACME\r\n"
	    D "\r\n" CDF("doc", "")
	    "Content-Type: application/octet-stream\r\n\r\n\r\n"
	    D "--\r\n";
	const struct kv		*kv;

	(void)state;
	assert_int_equal(req_parse_multipart(&r, LIT(body), CT), 200);
	assert_int_equal(r.kvsz, 2);
	kv = r.fieldmap[F_DOC];
	assert_val(kv, "", 0);
	assert_non_null(kv->filename);
	assert_string_equal(kv->filename, "");
	assert_string_equal(kv->ctype, "application/octet-stream");
}

/* Several files and fields of one name keep their order in the chains. */
static void
test_same_name(void **state)
{
	static const char	 body[] =
	    D "\r\n" CDF("doc", "a.pdf") "\r\nA\r\n"
	    D "\r\n" CD("note") "\r\none\r\n"
	    D "\r\n" CDF("doc", "b.png") "\r\nBB\r\n"
	    D "\r\n" CD("short") "\r\nway too long\r\n"
	    D "\r\n" CD("note") "\r\ntwo\r\n"
	    D "\r\n" CDF("doc", "c.jpg") "\r\nCCC\r\n"
	    D "\r\n" CD("short") "\r\nshort\r\n"
	    D "\r\n" CD("unknown") "\r\nx\r\n"
	    D "--\r\n";
	const struct kv		*kv;

	(void)state;
	assert_int_equal(req_parse_multipart(&r, LIT(body), CT), 200);
	assert_int_equal(r.kvsz, 8);
	kv = r.fieldmap[F_DOC];
	assert_string_equal(kv->filename, "a.pdf");
	assert_val(kv, "A", 1);
	kv = kv->next;
	assert_string_equal(kv->filename, "b.png");
	assert_val(kv, "BB", 2);
	kv = kv->next;
	assert_string_equal(kv->filename, "c.jpg");
	assert_val(kv, "CCC", 3);
	assert_null(kv->next);
	assert_string_equal(r.fieldmap[F_NOTE]->val, "one");
	assert_string_equal(r.fieldmap[F_NOTE]->next->val, "two");
	assert_null(r.fieldmap[F_NOTE]->next->next);
	assert_string_equal(req_field(&r, F_SHORT), "short");
	assert_int_equal(r.fielderr[F_SHORT]->err, KVERR_TOOLONG);
	assert_int_equal(r.kvs[7].state, KV_UNKNOWN);
}

/*
 * A NUL byte is kept in a file with the right size, and makes a plain
 * text field an encoding error, as the request layer decides.
 */
static void
test_nul(void **state)
{
	static const char	 body[] =
	    D "\r\n" CDF("doc", "x.bin") "\r\na\0b\0\r\n"
	    D "\r\n" CD("note") "\r\na\0b\r\n"
	    D "\r\n" CD("organization") "\r\n\xff\xfe\r\n"
	    D "\r\n" CD("raw") "\r\nbin\0ary\r\n"
	    D "--\r\n";
	const struct kv		*kv;

	(void)state;
	assert_int_equal(req_parse_multipart(&r, LIT(body), CT), 200);
	kv = r.fieldmap[F_DOC];
	assert_val(kv, "a\0b\0", 4);
	assert_null(r.fieldmap[F_NOTE]);
	assert_int_equal(r.fielderr[F_NOTE]->err, KVERR_ENCODING);
	assert_null(r.fieldmap[F_ORG]);
	assert_int_equal(r.fielderr[F_ORG]->err, KVERR_ENCODING);
	/* valid_any accepts anything, yet a plain field stays text. */
	assert_null(r.fieldmap[F_RAW]);
	assert_int_equal(r.fielderr[F_RAW]->err, KVERR_ENCODING);
}

/* Every byte value, CR, LF and dashes in a file come back as sent. */
static void
test_binary(void **state)
{
	struct buf	 b;
	char		 data[1024];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 7 % 256);
	memcpy(data + 100, "\r\n--XyY\r\n--\r\n-\r", 16);
	data[sizeof(data) - 1] = '\r';
	buf_init(&b);
	assert_true(buf_adds(&b, D "\r\n" CDF("doc", "x.bin") "\r\n"));
	assert_true(buf_add(&b, data, sizeof(data)));
	assert_true(buf_adds(&b, "\r\n" D "--\r\n"));
	assert_int_equal(parse(CT, b.s, b.len), 200);
	assert_val(r.fieldmap[F_DOC], data, sizeof(data));
	buf_free(&b);
}

/* The field's cap from the field table, for text and files alike. */
static void
test_toolong(void **state)
{
	static const char	 body[] =
	    D "\r\n" CD("short") "\r\n123456789\r\n"
	    D "\r\n" CDF("blob", "a") "\r\n0123456789abcdef\r\n"
	    D "\r\n" CDF("blob", "b") "\r\n0123456789abcdefg\r\n"
	    D "--\r\n";

	(void)state;
	assert_int_equal(req_parse_multipart(&r, LIT(body), CT), 200);
	assert_null(req_field(&r, F_SHORT));
	assert_int_equal(r.fielderr[F_SHORT]->err, KVERR_TOOLONG);
	assert_string_equal(r.fieldmap[F_BLOB]->filename, "a");
	assert_null(r.fieldmap[F_BLOB]->next);
	assert_string_equal(r.fielderr[F_BLOB]->filename, "b");
	assert_int_equal(r.fielderr[F_BLOB]->err, KVERR_TOOLONG);
}

/* REQ_MAX_PAIRS parts pass, one more is 413. */
static void
test_too_many(void **state)
{
	struct buf	 b;
	size_t		 i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < REQ_MAX_PAIRS; i++)
		assert_true(buf_adds(&b, D "\r\n" CD("note") "\r\nx\r\n"));
	assert_true(buf_adds(&b, D "--"));
	assert_int_equal(parse(CT, b.s, b.len), 200);
	assert_int_equal(r.kvsz, REQ_MAX_PAIRS);
	b.len -= 2;
	assert_true(buf_adds(&b, "\r\n" CD("note") "\r\nx\r\n" D "--"));
	assert_int_equal(parse(CT, b.s, b.len), 413);
	buf_free(&b);
}

/*
 * Adversarial bodies: megabytes of near-delimiters and CRs in a file and
 * in a preamble. A quadratic search would not finish in time.
 */
static void
test_linear(void **state)
{
	char		 near[4 + 69 + 1];
	const char	*pats[] = { "\r\n--", "\r", "\r\n", "\r\n-", near };
	char		 bnd[71];
	char		 ct[128];
	struct buf	 b;
	size_t		 i, n;
	struct timespec	 t0, t1;
	double		 secs;

	(void)state;
	memset(bnd, 'b', 70);
	bnd[70] = '\0';
	/* The delimiter but for its last byte. */
	memcpy(near, "\r\n--", 4);
	memcpy(near + 4, bnd, 69);
	near[4 + 69] = '\0';
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", bnd);
	buf_init(&b);
	for (i = 0; i < sizeof(pats) / sizeof(pats[0]); i++) {
		buf_reset(&b);
		assert_true(buf_printf(&b, "--%s\r\n" CDF("doc", "x") "\r\n",
		    bnd));
		for (n = 0; n < (1 << 20) / strlen(pats[i]); n++)
			assert_true(buf_adds(&b, pats[i]));
		assert_true(buf_printf(&b, "\r\n--%s--", bnd));
		clock_gettime(CLOCK_MONOTONIC, &t0);
		assert_int_equal(parse(ct, b.s, b.len), 200);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		secs = (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (secs > 10)
			fail_msg("pattern %zu: %.1f s", i, secs);
		assert_non_null(r.fieldmap[F_DOC]);

		/* The same bytes as a preamble with no delimiter at all. */
		assert_int_equal(parse(ct, b.s + 74, b.len - 76 - 74), 400);
	}
	buf_free(&b);
}

/* Minimal real files: a one-page PDF, a 1x1 JPEG and a 1x1 PNG. */
static const char	 pdf[] =
    "%PDF-1.4\n"
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>\n"
    "endobj\n"
    "xref\n0 4\n"
    "0000000000 65535 f \n"
    "0000000009 00000 n \n"
    "0000000058 00000 n \n"
    "0000000115 00000 n \n"
    "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n184\n%%EOF\n";

/* libjpeg, 1x1 grey, quality 1, no JFIF segment. */
static const unsigned char	 jpeg[] = {
	0xff, 0xd8, 0xff, 0xdb, 0x00, 0x43, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00,
	0xff, 0xc4, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xc4,
	0x00, 0x14, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xda, 0x00, 0x08,
	0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0x47, 0xff, 0xd9
};

/* 1x1 RGBA, zlib-compressed, CRCs right. */
static const unsigned char	 png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
	0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
	0x00, 0x1f, 0x15, 0xc4, 0x89,
	0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54,
	0x78, 0xda, 0x63, 0x64, 0x60, 0xf8, 0x5f, 0x0f, 0x00, 0x02, 0x87, 0x01,
	0x80, 0xeb, 0x47, 0xba, 0x92,
	0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82
};

/* PNG 5.5: CRC-32 over a chunk's type and data. */
static uint32_t
crc32_png(const unsigned char *p, size_t n)
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

/* Sets the IHDR's width to w, with its CRC right. */
static void
png_width(unsigned char *p, uint32_t w)
{
	uint32_t	 c;

	p[16] = (unsigned char)(w >> 24);
	p[17] = (unsigned char)(w >> 16);
	p[18] = (unsigned char)(w >> 8);
	p[19] = (unsigned char)w;
	c = crc32_png(p + 12, 17);
	p[29] = (unsigned char)(c >> 24);
	p[30] = (unsigned char)(c >> 16);
	p[31] = (unsigned char)(c >> 8);
	p[32] = (unsigned char)c;
}

static enum filetype
sniff(const void *p, size_t n)
{
	return filetype_sniff(p, n);
}

static void
test_sniff(void **state)
{
	char	 buf[4096];

	(void)state;
	assert_int_equal(sniff(pdf, sizeof(pdf) - 1), FILETYPE_PDF);
	assert_int_equal(sniff(jpeg, sizeof(jpeg)), FILETYPE_JPEG);
	assert_int_equal(sniff(png, sizeof(png)), FILETYPE_PNG);

	/* Nothing. */
	assert_int_equal(sniff(NULL, 0), FILETYPE_UNKNOWN);
	assert_int_equal(sniff("", 0), FILETYPE_UNKNOWN);
	assert_int_equal(sniff("x", 1), FILETYPE_UNKNOWN);

	/* Truncated: each loses its end. */
	assert_int_equal(sniff(pdf, sizeof(pdf) - 8), FILETYPE_UNKNOWN);
	assert_int_equal(sniff(pdf, 5), FILETYPE_UNKNOWN);
	assert_int_equal(sniff(jpeg, sizeof(jpeg) - 1), FILETYPE_UNKNOWN);
	assert_int_equal(sniff(jpeg, 3), FILETYPE_UNKNOWN);
	assert_int_equal(sniff(jpeg, 2), FILETYPE_UNKNOWN);
	assert_int_equal(sniff(png, sizeof(png) - 1), FILETYPE_UNKNOWN);
	assert_int_equal(sniff(png, 33), FILETYPE_UNKNOWN);
	assert_int_equal(sniff(png, 8), FILETYPE_UNKNOWN);
	assert_int_equal(sniff("\xff\xd8\xff\xd9", 4), FILETYPE_UNKNOWN);

	/* PDF: header within the first 1024 bytes, %%EOF in the last 1024. */
	memset(buf, ' ', sizeof(buf));
	memcpy(buf + 1023, pdf, sizeof(pdf) - 1);
	assert_int_equal(sniff(buf, 1023 + sizeof(pdf) - 1), FILETYPE_PDF);
	memset(buf, ' ', sizeof(buf));
	memcpy(buf + 1024, pdf, sizeof(pdf) - 1);
	assert_int_equal(sniff(buf, 1024 + sizeof(pdf) - 1), FILETYPE_UNKNOWN);
	memset(buf, '\n', sizeof(buf));
	memcpy(buf, pdf, sizeof(pdf) - 1);
	assert_int_equal(sniff(buf, sizeof(pdf) - 1 + 1000), FILETYPE_PDF);
	assert_int_equal(sniff(buf, sizeof(pdf) - 1 + 1030), FILETYPE_UNKNOWN);
	assert_int_equal(sniff("%PDF-%%EOF", 10), FILETYPE_PDF);
	assert_int_equal(sniff("%%EOF%PDF-", 10), FILETYPE_UNKNOWN);
	assert_int_equal(sniff("%PDF-%%EO", 9), FILETYPE_UNKNOWN);

	/* JPEG: zero padding after EOI, but nothing else. */
	memset(buf, 0, sizeof(buf));
	memcpy(buf, jpeg, sizeof(jpeg));
	assert_int_equal(sniff(buf, sizeof(jpeg) + 100), FILETYPE_JPEG);
	buf[sizeof(jpeg) + 50] = 'x';
	assert_int_equal(sniff(buf, sizeof(jpeg) + 100), FILETYPE_UNKNOWN);
	memcpy(buf, jpeg, sizeof(jpeg));
	buf[2] = 0;
	assert_int_equal(sniff(buf, sizeof(jpeg)), FILETYPE_UNKNOWN);

	/* PNG: a damaged IHDR, a missing IEND, something after IEND. */
	memcpy(buf, png, sizeof(png));
	buf[17] ^= 1;
	assert_int_equal(sniff(buf, sizeof(png)), FILETYPE_UNKNOWN);
	memcpy(buf, png, sizeof(png));
	memcpy(buf + 12, "IHDQ", 4);
	assert_int_equal(sniff(buf, sizeof(png)), FILETYPE_UNKNOWN);
	memcpy(buf, png, sizeof(png));
	png_width((unsigned char *)buf, 1);
	assert_memory_equal(buf, png, sizeof(png));
	png_width((unsigned char *)buf, 640);
	assert_int_equal(sniff(buf, sizeof(png)), FILETYPE_PNG);
	png_width((unsigned char *)buf, 0);
	assert_int_equal(sniff(buf, sizeof(png)), FILETYPE_UNKNOWN);
	png_width((unsigned char *)buf, 0x80000000U);
	assert_int_equal(sniff(buf, sizeof(png)), FILETYPE_UNKNOWN);
	memcpy(buf, png, sizeof(png));
	buf[sizeof(png)] = 0;
	assert_int_equal(sniff(buf, sizeof(png) + 1), FILETYPE_UNKNOWN);
	assert_int_equal(sniff(buf, sizeof(png)), FILETYPE_PNG);

	/* HTML, even one talking about PDF, is not a document. */
	assert_int_equal(sniff(LIT("<!DOCTYPE html><html><body>"
	    "<script>alert(1)</script></body></html>")), FILETYPE_UNKNOWN);
	assert_int_equal(sniff(LIT("<html>%PDF-</html>")), FILETYPE_UNKNOWN);
	assert_int_equal(sniff(LIT("GIF89a\x01\0\x01\0")), FILETYPE_UNKNOWN);
}

/* A PDF sent as scan.png, image/png, is still a PDF: bytes decide. */
static void
test_sniff_renamed(void **state)
{
	struct buf	 b;
	const struct kv	*kv;

	(void)state;
	buf_init(&b);
	assert_true(buf_adds(&b, D "\r\n" CDF("doc", "scan.png")
	    "Content-Type: image/png\r\n\r\n"));
	assert_true(buf_add(&b, pdf, sizeof(pdf) - 1));
	assert_true(buf_adds(&b, "\r\n" D "\r\n" CDF("doc", "photo.pdf")
	    "Content-Type: application/pdf\r\n\r\n"));
	assert_true(buf_add(&b, jpeg, sizeof(jpeg)));
	assert_true(buf_adds(&b, "\r\n" D "\r\n" CDF("doc", "page.html")
	    "Content-Type: text/html\r\n\r\n"));
	assert_true(buf_add(&b, png, sizeof(png)));
	assert_true(buf_adds(&b, "\r\n" D "\r\n" CDF("doc", "doc.pdf")
	    "Content-Type: application/pdf\r\n\r\n<html></html>\r\n" D "--"));
	assert_int_equal(parse(CT, b.s, b.len), 200);
	kv = r.fieldmap[F_DOC];
	assert_int_equal(filetype_sniff(kv->val, kv->valsz), FILETYPE_PDF);
	kv = kv->next;
	assert_int_equal(filetype_sniff(kv->val, kv->valsz), FILETYPE_JPEG);
	kv = kv->next;
	assert_int_equal(filetype_sniff(kv->val, kv->valsz), FILETYPE_PNG);
	kv = kv->next;
	assert_int_equal(filetype_sniff(kv->val, kv->valsz),
	    FILETYPE_UNKNOWN);
	buf_free(&b);
}

static void
test_filetype_tables(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < FILETYPE__MAX; i++) {
		assert_non_null(filetype_names[i]);
		assert_non_null(filetype_mimes[i]);
	}
	assert_string_equal(filetype_names[FILETYPE_UNKNOWN], "unknown");
	assert_string_equal(filetype_names[FILETYPE_PDF], "pdf");
	assert_string_equal(filetype_names[FILETYPE_JPEG], "jpeg");
	assert_string_equal(filetype_names[FILETYPE_PNG], "png");
	assert_string_equal(filetype_mimes[FILETYPE_UNKNOWN],
	    "application/octet-stream");
	assert_string_equal(filetype_mimes[FILETYPE_PDF], "application/pdf");
	assert_string_equal(filetype_mimes[FILETYPE_JPEG], "image/jpeg");
	assert_string_equal(filetype_mimes[FILETYPE_PNG], "image/png");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		T(test_browser),
		T(test_firefox),
		T(test_boundary_param),
		T(test_boundary_length),
		T(test_boundary_in_content),
		T(test_boundary_prefix),
		T(test_missing_final),
		T(test_empty_form),
		T(test_lf_only),
		T(test_preamble_epilogue),
		T(test_padding),
		T(test_no_body),
		T(test_headers_bad),
		T(test_disposition),
		T(test_part_ctype),
		T(test_filename_encoding),
		T(test_huge_headers),
		T(test_zero_length_file),
		T(test_no_file_chosen),
		T(test_same_name),
		T(test_nul),
		T(test_binary),
		T(test_toolong),
		T(test_too_many),
		T(test_linear),
		T(test_sniff),
		T(test_sniff_renamed),
		T(test_filetype_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
