/*
 * A PKCS#11 module for the card tests: every call goes to the module
 * named by SMIME_TEST_LOCKOUT_INNER (SoftHSM2, which never locks a PIN),
 * except that failed logins are counted in the file named by
 * SMIME_TEST_LOCKOUT_STATE, as a card counts them: after one failure
 * the token says CKF_USER_PIN_COUNT_LOW, after two also
 * CKF_USER_PIN_FINAL_TRY, after three the PIN is locked
 * (CKF_USER_PIN_LOCKED, and C_Login answers CKR_PIN_LOCKED). A good PIN
 * before that resets the count.
 *
 * Built by tests/e2e/21-card.sh:
 *	cc -shared -fPIC $(pkg-config --cflags p11-kit-1) -o lockout.so \
 *	    p11-lockout.c -ldl
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include <p11-kit/pkcs11.h>

#define TRIES	3

static CK_FUNCTION_LIST	*inner;
static CK_FUNCTION_LIST	 mine;

static int
failures(void)
{
	const char	*path = getenv("SMIME_TEST_LOCKOUT_STATE");
	FILE		*f;
	int		 n = 0;

	if (path == NULL || (f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%d", &n) != 1)
		n = 0;
	fclose(f);
	return n;
}

static void
set_failures(int n)
{
	const char	*path = getenv("SMIME_TEST_LOCKOUT_STATE");
	FILE		*f;

	if (path == NULL || (f = fopen(path, "w")) == NULL)
		return;
	fprintf(f, "%d\n", n);
	fclose(f);
}

static CK_RV
lockout_login(CK_SESSION_HANDLE s, CK_USER_TYPE who, CK_UTF8CHAR_PTR pin,
    CK_ULONG len)
{
	int	 n = failures();
	CK_RV	 rv;

	if (who == CKU_USER && n >= TRIES)
		return CKR_PIN_LOCKED;
	rv = inner->C_Login(s, who, pin, len);
	if (who == CKU_USER && rv == CKR_PIN_INCORRECT)
		set_failures(n + 1);
	else if (who == CKU_USER && rv == CKR_OK)
		set_failures(0);
	return rv;
}

static CK_RV
lockout_token_info(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR ti)
{
	CK_RV	 rv = inner->C_GetTokenInfo(slot, ti);
	int	 n = failures();

	if (rv != CKR_OK)
		return rv;
	ti->flags &= ~(CK_FLAGS)(CKF_USER_PIN_COUNT_LOW |
	    CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
	if (n >= TRIES)
		ti->flags |= CKF_USER_PIN_LOCKED;
	else if (n == TRIES - 1)
		ti->flags |= CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY;
	else if (n > 0)
		ti->flags |= CKF_USER_PIN_COUNT_LOW;
	return CKR_OK;
}

CK_RV
C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list)
{
	CK_RV		(*get)(CK_FUNCTION_LIST_PTR_PTR);
	const char	*path = getenv("SMIME_TEST_LOCKOUT_INNER");
	void		*h;
	CK_RV		 rv;

	if (inner == NULL) {
		if (path == NULL || (h = dlopen(path, RTLD_NOW)) == NULL ||
		    (get = (CK_RV (*)(CK_FUNCTION_LIST_PTR_PTR))dlsym(h,
		    "C_GetFunctionList")) == NULL)
			return CKR_GENERAL_ERROR;
		if ((rv = get(&inner)) != CKR_OK)
			return rv;
		mine = *inner;
		mine.C_Login = lockout_login;
		mine.C_GetTokenInfo = lockout_token_info;
	}
	*list = &mine;
	return CKR_OK;
}
