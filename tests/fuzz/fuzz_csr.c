/*
 * libFuzzer target for csr_parse() and, on what it accepts,
 * csr_check_key(): the CSR a customer pastes or uploads, PEM or DER.
 *
 * Input: the bytes of the upload, at most CSR_MAX_BYTES (larger inputs
 * are refused before any parsing, which the unit test covers), passed
 * without a terminating NUL so that any read past the end is caught.
 * The weak key lists come from the folder SMIME_FUZZ_BLOCKLIST names,
 * if set; else none.
 *
 * Beyond memory errors, the target aborts when an invariant breaks: a
 * result outside enum csrerr; a refusal that leaves anything in the
 * struct; an acceptance without a request or DER, or DER longer than
 * the input; a private key named without *private_key_seen; a key
 * description that is not a NUL-terminated string; an error left in
 * OpenSSL's queue.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "csr.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct blocklist	*bl;

static void
check_key(const struct csr_key *k)
{

	if (memchr(k->desc, '\0', sizeof(k->desc)) == NULL ||
	    memchr(k->curve, '\0', sizeof(k->curve)) == NULL ||
	    k->desc[0] == '\0')
		abort();
	if (k->signing_only != 0 && k->signing_only != 1)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct csr	 zero;
	struct csr		 c;
	enum csrerr		 e;
	int			 pk = -1;

	if (size > CSR_MAX_BYTES)
		return 0;
	if (bl == NULL && (bl = blocklist_load(
	    getenv("SMIME_FUZZ_BLOCKLIST"))) == NULL)
		abort();

	e = csr_parse((const char *)data, size, &c, &pk);
	if ((unsigned int)e >= CSR__MAX || (pk != 0 && pk != 1))
		abort();
	if (e == CSR_NOT_CSR_PRIVATE_KEY && !pk)
		abort();
	if (ERR_peek_error() != 0)
		abort();
	if (e != CSR_OK) {
		if (memcmp(&c, &zero, sizeof(c)) != 0)
			abort();
		csr_free(&c);
		return 0;
	}
	if (c.req == NULL || c.der == NULL || c.derlen == 0 ||
	    c.derlen > size)
		abort();
	check_key(&c.key);
	e = csr_check_key(&c, bl);
	if ((unsigned int)e >= CSR__MAX || e == CSR_EMPTY ||
	    e == CSR_TOOBIG || e == CSR_SIGNATURE)
		abort();
	if (ERR_peek_error() != 0)
		abort();
	csr_free(&c);
	return 0;
}
