#!/usr/bin/env bash
# Privileges, as a real installation has them: nginx's workers run as
# smime-web, the handlers as smime-app, the activation handler (and the
# ACME handler, whose finalize issues) and their signers as smime-ca;
# only those are told where the CA key is, and only their user can read
# it; the secrets are the handlers',
# the password file nginx's.
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || { echo "needs root: the stack keeps its user otherwise"; exit 77; }

RUN=$SMIME_TEST_RUN
CA=$SMIME_TEST_CA
SECRETS=$SMIME_TEST_STATE/secrets

user_of() { ps -o user= -p "$1" | tr -d ' '; }
children() { pgrep -P "$1" || true; }

# Every process of a tree (the PID, then its descendants) runs as $2.
tree_runs_as() {	# tree_runs_as PID USER
	local p u ok=0
	for p in "$1" $(children "$1") $(for c in $(children "$1"); do children "$c"; done); do
		u=$(user_of "$p") || continue
		[ -z "$u" ] || [ "$u" = "$2" ] || { echo "  pid $p runs as $u, not $2" >&2; ok=1; }
	done
	return $ok
}

# Whether USER (with its groups) can read FILE.
can_read() {	# can_read USER FILE
	setpriv --reuid="$1" --regid="$(id -g "$1")" --init-groups \
	    cat -- "$2" >/dev/null 2>&1
}

cannot_read() { ! can_read "$@"; }

has_env() {	# has_env PID NAME
	tr '\0' '\n' <"/proc/$1/environ" | grep -q "^$2="
}
lacks_env() { ! has_env "$@"; }

master=$(cat "$RUN/nginx.master")
workers=$(children "$master")
check "nginx has workers" test -n "$workers"
for w in $workers; do
	check "nginx worker $w runs as smime-web" test "$(user_of "$w")" = smime-web
done

for h in dashboard orgdata email operator partner; do
	pid=$(cat "$RUN/$h.pid")
	check "$h runs as smime-app, workers too" tree_runs_as "$pid" smime-app
	check "$h is not told where the CA key is" lacks_env "$pid" SMIME_CA_KEY
	for w in $(children "$pid"); do
		check "$h worker $w is not told either" lacks_env "$w" SMIME_CA_KEY
	done
	check "$h's socket is nginx's workers' alone" \
	    test "$(stat -c '%U %a' "$RUN/$h.sock")" = "smime-web 660"
done

pid=$(cat "$RUN/activation.pid")
check "activation runs as smime-ca, workers and signers too" tree_runs_as "$pid" smime-ca
check "activation is told where the CA key is" has_env "$pid" SMIME_CA_KEY
signers=$(for w in $(children "$pid"); do children "$w"; done)
check "every activation worker has its signer" test -n "$signers"
for s in $signers; do
	check "signer $s is the signer" test "$(cat "/proc/$s/comm")" = smime-signer
done

check "the CA key: smime-ca reads it" can_read smime-ca "$CA/ca.key"
check "the other handlers do not" cannot_read smime-app "$CA/ca.key"
check "nginx's workers do not" cannot_read smime-web "$CA/ca.key"
check "the key is 0600" test "$(stat -c %a "$CA/ca.key")" = 600

check "handlers read the database password" can_read smime-app "$SECRETS/db.password"
check "and the CSRF key" can_read smime-app "$SECRETS/csrf.key"
check "nginx's workers do not" cannot_read smime-web "$SECRETS/csrf.key"
check "nginx's workers read the password file" can_read smime-web "$SMIME_TEST_STATE/htpasswd"
check "the handlers do not" cannot_read smime-app "$SMIME_TEST_STATE/htpasswd"

# The service as those users: a page, an upload spooled by nginx, the CRL.
u=$(new_user priv customer)
get "$u" /
check "a page renders" status_is 200
head -c 40000 /dev/zero | tr '\0' a >"$T_TMP/big"
o=$(new_order "$u")
get "$u" "/data/$o"
token=$(grep -o 'name="csrf" value="[^"]*"' "$BODY" | head -1 | sed 's/.*value="//; s/"$//')
post "$u" "/data/$o" --data-urlencode "csrf=$token" --data-urlencode "organization=$(cat "$T_TMP/big")"
check "a body over 16 KB reaches the handler (nginx's temp files)" bash -c '[ "$0" != 500 ] && [ "$0" != 502 ]' "$STATUS"
get "" /crl/ca.crl
check "the CRL is served" status_is 200

done_testing
