#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <libxml/tree.h>

#include "buf.h"
#include "db.h"
#include "log.h"
#include "lang.h"
#include "mail.h"
#include "page.h"
#include "server.h"

/*
 * Appends `len` bytes of text as quoted-printable (RFC 2045 6.7) with
 * CRLF line ends and soft breaks before 76 columns.
 */
int
mail_qp(struct buf *out, const char *s, size_t len)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 i, col = 0;
	unsigned char		 c;
	int			 ok = 1;

	for (i = 0; i < len && ok; i++) {
		c = (unsigned char)s[i];
		if (c == '\r')
			continue;
		if (c == '\n') {
			ok = buf_adds(out, "\r\n");
			col = 0;
			continue;
		}
		/* Space before a line end must be encoded. */
		if (col >= 72) {
			ok = buf_adds(out, "=\r\n");
			col = 0;
		}
		if ((c >= 33 && c <= 126 && c != '=') ||
		    (c == ' ' && i + 1 < len && s[i + 1] != '\n' &&
		    s[i + 1] != '\r')) {
			ok = ok && buf_addc(out, c);
			col++;
		} else {
			ok = ok && buf_addc(out, '=') && buf_addc(out, hex[c >> 4]) &&
			    buf_addc(out, hex[c & 15]);
			col += 3;
		}
	}
	return ok;
}

/*
 * Appends a Subject value: as is when printable ASCII, else as RFC 2047
 * encoded-words ("=?UTF-8?B?...?="), split so that no UTF-8 sequence is
 * cut and each word stays under 76 characters.
 */
int
mail_subject(struct buf *out, const char *s)
{
	static const char	 b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), i, take, k;
	int			 ascii = 1, ok = 1;

	for (i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			ascii = 0;
	if (ascii)
		return buf_adds(out, s);
	for (i = 0; i < n && ok; i += take) {
		/* 45 bytes make 60 base64 characters: word under 75. */
		take = n - i > 45 ? 45 : n - i;
		while (take > 0 && i + take < n && (p[i + take] & 0xc0) == 0x80)
			take--;
		ok = buf_adds(out, i ? "\r\n =?UTF-8?B?" : "=?UTF-8?B?");
		for (k = 0; k < take && ok; k += 3) {
			unsigned long	 v = (unsigned long)p[i + k] << 16;
			size_t		 left = take - k;

			if (left > 1)
				v |= (unsigned long)p[i + k + 1] << 8;
			if (left > 2)
				v |= p[i + k + 2];
			ok = buf_addc(out, b64[v >> 18 & 63]) &&
			    buf_addc(out, b64[v >> 12 & 63]) &&
			    buf_addc(out, left > 1 ? b64[v >> 6 & 63] : '=') &&
			    buf_addc(out, left > 2 ? b64[v & 63] : '=');
		}
		ok = ok && buf_adds(out, "?=");
	}
	return ok;
}

/*
 * Appends the Content-Type of the body and the body itself: text, or
 * with `html` a multipart/alternative (boundary "=_<id>") of the two.
 */
static int
body_part(struct buf *out, const char *id, const char *body,
    const char *html)
{
	if (html == NULL)
		return buf_adds(out,
		    "Content-Type: text/plain; charset=utf-8\r\n"
		    "Content-Transfer-Encoding: quoted-printable\r\n\r\n") &&
		    mail_qp(out, body, strlen(body));
	/* The boundary: the random id, which no QP line can contain. */
	return buf_printf(out, "Content-Type: multipart/alternative; "
	    "boundary=\"=_%s\"\r\n\r\n"
	    "This is a message in MIME format.\r\n"
	    "--=_%s\r\nContent-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n", id, id) &&
	    mail_qp(out, body, strlen(body)) &&
	    buf_printf(out, "\r\n--=_%s\r\nContent-Type: text/html; "
	    "charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n", id) &&
	    mail_qp(out, html, strlen(html)) &&
	    buf_printf(out, "\r\n--=_%s--\r\n", id);
}

/*
 * Appends one attachment: its headers, then its bytes in base64 lines of
 * 76 characters (RFC 2045 6.8).
 */
static int
file_part(struct buf *out, const struct mail_file *f)
{
	unsigned char	 line[80];
	size_t		 off, take;
	int		 n;

	if (strpbrk(f->name, "\r\n\"\\/") != NULL ||
	    strpbrk(f->type, "\r\n\";") != NULL)
		return 0;
	if (!buf_printf(out, "Content-Type: %s; name=\"%s\"\r\n"
	    "Content-Disposition: attachment; filename=\"%s\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n", f->type, f->name,
	    f->name))
		return 0;
	for (off = 0; off < f->len; off += take) {
		take = f->len - off > 57 ? 57 : f->len - off;
		n = EVP_EncodeBlock(line, (const unsigned char *)f->data + off,
		    (int)take);
		if (n < 0 || !buf_add(out, line, (size_t)n) ||
		    !buf_adds(out, "\r\n"))
			return 0;
	}
	return 1;
}

/*
 * Builds a whole message: From (`brand` <`from`>), To, Subject, Date,
 * Message-ID (random, at `from`'s domain), MIME headers, and the text
 * body, or, with `html`, a multipart/alternative of the text and the HTML;
 * with `nfiles` attachments, a multipart/mixed of that body and the files.
 * Returns 0 when memory runs out or an address, a file name or a type has
 * a line break or a quote.
 */
int
mail_build_files(struct buf *out, const char *brand, const char *from,
    const char *to, const char *subject, const char *body, const char *html,
    const char *kind, const struct mail_file *files, size_t nfiles)
{
	unsigned char	 rnd[16];
	char		 date[64], id[33];
	const char	*domain;
	time_t		 now = time(NULL);
	struct tm	 tm;
	size_t		 i;
	int		 ok;

	if (strpbrk(from, "\r\n<>\"") != NULL || strpbrk(to, "\r\n<>\"") != NULL ||
	    strpbrk(brand, "\r\n\"\\") != NULL)
		return 0;
	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		return 0;
	for (i = 0; i < sizeof(rnd); i++)
		snprintf(id + 2 * i, 3, "%02x", rnd[i]);
	domain = (domain = strchr(from, '@')) != NULL ? domain + 1 : "localhost";
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	ok = buf_printf(out, "From: \"%s\" <%s>\r\nTo: <%s>\r\nSubject: ",
	    brand, from, to) &&
	    mail_subject(out, subject) &&
	    buf_printf(out, "\r\nDate: %s\r\nMessage-ID: <%s@%s>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Auto-Submitted: auto-generated\r\n"
	    "X-Smime-Kind: %s\r\n", date, id, domain, kind);
	if (nfiles == 0)
		return ok && body_part(out, id, body, html);
	/* "=_m" and the id: neither QP nor base64 lines can hold it. */
	ok = ok && buf_printf(out, "Content-Type: multipart/mixed; "
	    "boundary=\"=_m%s\"\r\n\r\n"
	    "This is a message in MIME format.\r\n--=_m%s\r\n", id, id) &&
	    body_part(out, id, body, html);
	for (i = 0; i < nfiles && ok; i++)
		ok = buf_printf(out, "\r\n--=_m%s\r\n", id) &&
		    file_part(out, &files[i]);
	return ok && buf_printf(out, "\r\n--=_m%s--\r\n", id);
}

/* mail_build_files() without attachments. */
int
mail_build(struct buf *out, const char *brand, const char *from,
    const char *to, const char *subject, const char *body, const char *html,
    const char *kind)
{
	return mail_build_files(out, brand, from, to, subject, body, html,
	    kind, NULL, 0);
}

/*
 * Sets attribute `name` of `n` to `value`, or removes it when `value` is
 * NULL or empty. Returns 0 when memory runs out.
 */
static int
brand_attr(xmlNodePtr n, const char *name, const char *value)
{
	if (value == NULL || *value == '\0') {
		xmlUnsetProp(n, BAD_CAST name);
		return 1;
	}
	return page_attr(n, name, value);
}

/*
 * The settings a mail about order `order` of account `account` is
 * composed with: the request's (its nginx server block's), unless the
 * order belongs to a partner with a brand of its own (db_brand_of_mail),
 * whose settings then replace them (the sender address and base URL
 * when it has them), whatever host the request came through. `b` holds
 * the strings `set` points to. Returns 0 on a database error.
 */
static int
mail_settings(struct ctx *ctx, long long account, long long order,
    struct settings *set, struct brand *b)
{
	*set = ctx->set;
	if (set->mail_from_name == NULL)
		set->mail_from_name = set->brand;
	switch (db_brand_of_mail(ctx->db, order, account, b)) {
	case DB_NOTFOUND:
		return 1;
	case DB_OK:
		break;
	default:
		return 0;
	}
	set->theme = b->theme;
	set->lang = b->lang;
	set->brand = b->name;
	if (b->base_url[0] != '\0')
		set->base_url = b->base_url;
	if (b->mail_from[0] != '\0')
		set->mail_from = b->mail_from;
	set->mail_from_name = b->mail_from_name[0] != '\0' ?
	    b->mail_from_name : b->name;
	set->support = b->support_url;
	set->help = b->help_url;
	set->mail_footer = b->mail_footer;
	return 1;
}

/*
 * Puts the brand of `set` into the mail's document: /page/brand with its
 * name, links and mail footer, and every /page/link that starts with the
 * request's base URL moved to the brand's.
 */
static int
mail_rebrand(struct page *p, const struct settings *req,
    const struct settings *set)
{
	xmlNodePtr	 n, brand = NULL;
	xmlChar		*text;
	size_t		 len = strlen(req->base_url);
	struct buf	 link;
	int		 ok = 1;

	for (n = p->root->children; n != NULL && ok; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrEqual(n->name, BAD_CAST "brand") && brand == NULL)
			brand = n;
		if (!xmlStrEqual(n->name, BAD_CAST "link") ||
		    strcmp(req->base_url, set->base_url) == 0)
			continue;
		if ((text = xmlNodeGetContent(n)) == NULL)
			return 0;
		if (strncmp((const char *)text, req->base_url, len) == 0) {
			buf_init(&link);
			ok = buf_adds(&link, set->base_url) &&
			    buf_adds(&link, (const char *)text + len);
			if (ok) {
				/* The text replaced, as text (no entities). */
				xmlNodeSetContent(n, NULL);
				xmlNodeAddContent(n, BAD_CAST link.s);
			}
			buf_free(&link);
		}
		xmlFree(text);
	}
	if (!ok)
		return 0;
	if (brand == NULL &&
	    (brand = page_add(p->root, "brand", NULL)) == NULL)
		return 0;
	return brand_attr(brand, "name", set->brand) &&
	    brand_attr(brand, "support", set->support) &&
	    brand_attr(brand, "help", set->help) &&
	    brand_attr(brand, "footer", set->mail_footer);
}

/*
 * Renders `p` with stylesheet mail-<kind> (and, with `html`, also
 * mail-<kind>-html for an HTML alternative) and queues it, with the
 * `nfiles` attachments, for the account's notification address, or for
 * `to` when not NULL, about order `order`, in the brand of
 * mail_settings(). An account without an address gets no mail (logged).
 * Part of the caller's transaction. Returns 0 on failure: the caller
 * rolls back and answers 500.
 */
int
mail_queue_files(struct ctx *ctx, const char *kind, long long account,
    long long order, struct page *p, const char *to, int html,
    const struct mail_file *files, size_t nfiles)
{
	struct buf	 text, hbody, msg;
	struct settings	 set;
	struct brand	 b;
	char		 addr[255], name[257], style[48];
	char		*nl;
	int		 rc = 0;

	if (to == NULL) {
		if (db_account_email(ctx->db, account, addr, sizeof(addr), name,
		    sizeof(name)) != DB_OK)
			return 0;
		if (addr[0] == '\0') {
			log_info("account %lld has no e-mail address: no %s mail",
			    account, kind);
			return 1;
		}
		to = addr;
	}
	if (!mail_settings(ctx, account, order, &set, &b) ||
	    !mail_rebrand(p, &ctx->set, &set))
		return 0;
	buf_init(&text);
	buf_init(&hbody);
	buf_init(&msg);
	page_attr(p->root, "lang", set.lang);
	lang_localize(p, ctx->cat);
	snprintf(style, sizeof(style), "mail-%s", kind);
	page_rename(p, style);
	if (!render_page(p, set.xslt, set.theme, set.lang, &text))
		goto out;
	if (html) {
		snprintf(style, sizeof(style), "mail-%s-html", kind);
		page_rename(p, style);
		if (!render_page(p, set.xslt, set.theme, set.lang, &hbody))
			goto out;
	}
	/* The first line is the subject, the rest the body. */
	if ((nl = strchr(text.s, '\n')) == NULL)
		goto out;
	*nl = '\0';
	if (!mail_build_files(&msg, set.mail_from_name, set.mail_from, to,
	    text.s, nl + 1, html ? hbody.s : NULL, kind, files, nfiles))
		goto out;
	rc = db_outbox_add(ctx->db, kind, order, set.mail_from, to,
	    msg.s) == DB_OK;
out:
	buf_free(&text);
	buf_free(&hbody);
	buf_free(&msg);
	return rc;
}

/* mail_queue_files() without attachments. */
int
mail_queue(struct ctx *ctx, const char *kind, long long account,
    long long order, struct page *p, const char *to, int html)
{
	return mail_queue_files(ctx, kind, account, order, p, to, html, NULL,
	    0);
}
