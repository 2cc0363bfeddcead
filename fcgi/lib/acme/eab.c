/*
 * External account binding: see eab.h.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "eab.h"
#include "json.h"
#include "jws.h"

const char *const eaberr_names[EAB__MAX] = {
	"ok",		/* EAB_OK */
	"malformed",	/* EAB_MALFORMED */
	"url",		/* EAB_URL */
	"key",		/* EAB_KEY */
	"mac",		/* EAB_MAC */
	"nomem",	/* EAB_NOMEM */
};

/*
 * Reads the "externalAccountBinding" value `o` of a newAccount payload
 * into `in` (whose kid the caller then looks up). Returns EAB_OK, or
 * EAB_MALFORMED / EAB_NOMEM with `in` freed.
 */
enum eaberr
eab_parse(struct jws *in, const struct json *o)
{
	switch (jws_from_json(in, o, JWS_MODE_EAB)) {
	case JWSERR_NONE:
		return EAB_OK;
	case JWSERR_NOMEM:
		return EAB_NOMEM;
	default:
		return EAB_MALFORMED;
	}
}

/*
 * Checks the inner JWS `in` of the outer newAccount request `out` with
 * the MAC key `key` (`len` bytes) found for in->kid, as 7.3.4 requires:
 * the same url as the outer JWS, a payload that is the outer JWS's jwk,
 * and the MAC verified (in constant time). Returns EAB_OK or the first
 * rule broken.
 */
enum eaberr
eab_verify(const struct jws *in, const struct jws *out, const void *key,
    size_t len)
{
	static const struct json_limits	 lim = { 16384, 2, 32, 8192 };
	struct json			*pk = NULL;
	enum json_err			 je;
	enum eaberr			 rc = EAB_MALFORMED;

	if (out->jwk == NULL || in->url == NULL || out->url == NULL)
		goto out;
	if (strcmp(in->url, out->url) != 0) {
		rc = EAB_URL;
		goto out;
	}
	if ((pk = json_parse(in->payload.s, in->payload.len, &lim,
	    &je)) == NULL) {
		rc = je == JSON_ENOMEM ? EAB_NOMEM : EAB_KEY;
		goto out;
	}
	if (!jwk_equal(pk, out->jwk)) {
		rc = EAB_KEY;
		goto out;
	}
	switch (jws_verify_hmac(in, key, len)) {
	case JWSERR_NONE:
		rc = EAB_OK;
		break;
	case JWSERR_NOMEM:
		rc = EAB_NOMEM;
		break;
	default:
		rc = EAB_MAC;
		break;
	}
out:
	json_free(pk);
	return rc;
}
