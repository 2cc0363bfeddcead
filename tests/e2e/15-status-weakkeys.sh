#!/usr/bin/env bash
# Production checks: the shipped weak-key lists refuse the Debian weak
# keys out of the box (the stack runs as ./dev demo does), `smime-admin
# weakkeys import` adds lists atomically and refuses broken ones, and
# `smime-admin status` reports each thing it checks once it breaks: the
# mailer stopped with mail due, a CRL past its nextUpdate, the database
# stopped, a pending migration, a signer with the wrong key, a CA near
# its end, no weak-key lists. The database is stopped and started again,
# as 07-db-restart does.
. "$(dirname "$0")/lib.sh"

FIX=$SMIME_TEST_TOP/tests/data/fixtures
CA=$SMIME_TEST_CA
CRL=$SMIME_TEST_STATE/crl
SHIPPED=$SMIME_TEST_TOP/data/weak-keys

# --- weak keys, as shipped -------------------------------------------------

check "the activation handler logged its lists at start-up" \
    grep -qE "weak keys blocked \(.*data/weak-keys.*\): rsa 2 .*ec 1 " \
    "$SMIME_TEST_STATE/logs/activation.log"

u=$(new_user weak customer)
tok=$(csrf_of "$u")
o=$(new_order "$u")
sql "INSERT INTO organizations (account_id, name, country, state, locality,
    method, registry_type, registry_number, org_identifier, status, decided_at)
    SELECT account_id, 'Weak sp. z o.o.', 'PL', 'mazowieckie', 'Warszawa',
    'registry', 'NIP', '5260250274', 'VATPL-5260250274', 'verified', NOW(6)
    FROM orders WHERE id = $o"
g=$(sql "SELECT MAX(id) FROM organizations")
sql "UPDATE orders SET organization_id = $g, step_data = 'verified',
    step_email = 'verified', step_activation = 'awaiting',
    status = 'verification', email = '$u@example.com',
    email_validated_at = NOW(6) WHERE id = $o"
post "$u" "/activation/$o" --data-urlencode "csrf=$tok" -d cn=email
post "$u" "/activation/$o/method" --data-urlencode "csrf=$tok" -d method=csr
post "$u" "/activation/$o/csr" -H 'Accept: application/xml' -F "csrf=$tok" \
    -F "csrfile=@$FIX/csr/debianweak-rsa2048.pem"
check "Debian weak RSA key: refused" status_is 422
check "as a Debian weak key" xpath_is 'string(//error[@field="csr"]/@key)' csr.weak-debian
post "$u" "/activation/$o/csr" -H 'Accept: application/xml' -F "csrf=$tok" \
    -F "csrfile=@$FIX/csr/debianweak-ec-p256.pem"
check "Debian weak EC key: refused" status_is 422
check "as a blocked key" xpath_is 'string(//error[@field="csr"]/@key)' csr.key-blocked
openssl req -new -newkey rsa:2048 -nodes -keyout "$T_TMP/k.pem" -subj /CN=x \
    -out "$T_TMP/ok.pem" 2>/dev/null
post "$u" "/activation/$o/csr" -H 'Accept: application/xml' -F "csrf=$tok" \
    -F "csrfile=@$T_TMP/ok.pem"
check "a fresh key: accepted" status_is 200

# The badkeys format alone blocks the RSA key too (no openssl-blacklist).
mkdir "$T_TMP/bk"
cp "$SHIPPED/badkeys.rsa" "$T_TMP/bk/"
check "badkeys list alone: the folder loads" \
    bash -c '"$SMIME_TEST_BUILD/fcgi/tools/smime-admin" weakkeys --dir "$0" show | grep -q "rsa 1 (openssl-blacklist 0, badkeys 1)"' "$T_TMP/bk"

# --- weakkeys import ---------------------------------------------------------

W=$T_TMP/imported
wk() { SMIME_CONFIG=/dev/null "$SMIME_TEST_BUILD/fcgi/tools/smime-admin" weakkeys "$@"; }
mod=$(openssl rsa -noout -modulus -in "$T_TMP/k.pem" | cut -d= -f2)
printf '# a list\n%s\n' "$(printf 'Modulus=%s\n' "$mod" | sha1sum | cut -c21-40)" \
    >"$T_TMP/blacklist.RSA-2048"
python3 - "$mod" "$T_TMP" <<'PY'
import hashlib, sys
n = int(sys.argv[1], 16)
h = hashlib.sha256(n.to_bytes((n.bit_length() + 7) // 8, "big")).digest()[:15]
open(sys.argv[2] + "/rsa-9-short.txt", "w").write(h.hex() + "09\n")
open(sys.argv[2] + "/blocklist.dat", "wb").write(h + b"\x09" + bytes(range(16)))
PY
check "import: three formats" wk --dir "$W" import "$T_TMP/blacklist.RSA-2048" \
    "$T_TMP/rsa-9-short.txt" "$T_TMP/blocklist.dat"
check "import: the lists written" test -s "$W/blocklist.RSA-2048" -a -s "$W/badkeys.rsa" -a -s "$W/badkeys.any"
check "import again: no duplicates" bash -c 'wk() { "$SMIME_TEST_BUILD/fcgi/tools/smime-admin" weakkeys "$@"; };
    wk --dir "$0" import "$1" >/dev/null && [ "$(grep -vc "^#" "$0/blocklist.RSA-2048")" = 1 ]' \
    "$W" "$T_TMP/blacklist.RSA-2048"
check "show: counts per key type" bash -c '"$SMIME_TEST_BUILD/fcgi/tools/smime-admin" weakkeys --dir "$0" show |
    grep -q "rsa 2 (openssl-blacklist 1, badkeys 1), ec 0 (badkeys 0), any type 2 (spki-sha256 0, badkeys 2)"' "$W"
cp "$W/badkeys.rsa" "$T_TMP/before"
printf '00112233445566778899aabbccddee01\nnot a hash\n' >"$T_TMP/rsa-bad.txt"
check "import of a broken list fails" bash -c '! "$SMIME_TEST_BUILD/fcgi/tools/smime-admin" weakkeys --dir "$0" import "$1" 2>/dev/null' \
    "$W" "$T_TMP/rsa-bad.txt"
check "and changes nothing" cmp -s "$W/badkeys.rsa" "$T_TMP/before"
check "no temporary file left" bash -c '[ -z "$(ls -A "$0" | grep "^\.")" ]' "$W"
check "a file of no known name: refused" bash -c '! "$SMIME_TEST_BUILD/fcgi/tools/smime-admin" weakkeys --dir "$0" import /etc/hostname 2>/dev/null' "$W"

# --- status --------------------------------------------------------------------

st() {	# st [options]: the status report into $T_TMP/st, its exit code in ST_RC
	ST_RC=0
	SMIME_CONFIG=/dev/null SMIME_SQL_DIR=$SMIME_TEST_TOP/sql \
	    SMIME_CRL_DIR=$CRL SMIME_CA_CERT=$CA/ca.pem SMIME_CA_KEY=$CA/ca.key \
	    SMIME_WEAK_KEYS_DIR=$SHIPPED \
	    "$SMIME_TEST_BUILD/fcgi/tools/smime-admin" --db "${ST_DB:-$SMIME_TEST_ADMIN_DB}" \
	    status --failure-window 1 "$@" >"$T_TMP/st" 2>"$T_TMP/st.err" || ST_RC=$?
}
line() { grep -qE -- "$1" "$T_TMP/st" || { echo "  report lacks /$1/:" >&2; cat "$T_TMP/st" >&2; return 1; }; }
rc_is() { [ "$ST_RC" = "$1" ] || { echo "  exit $ST_RC, expected $1" >&2; cat "$T_TMP/st" >&2; return 1; }; }

st
check "healthy: exit 0" rc_is 0
check "healthy: database" line '^ok +database: reachable, [0-9]+ migrations applied'
check "healthy: outbox" line '^ok +outbox: '
check "healthy: crl" line '^ok +crl: .*to nextUpdate'
check "healthy: ca" line '^ok +ca: .*ends in [0-9]+ days'
check "healthy: signer" line '^ok +signer: signs with'
check "healthy: weak keys" line '^ok +weak keys: rsa 2 '
check "migrate --check: up to date" bash -c 'SMIME_CONFIG=/dev/null "$SMIME_TEST_BUILD/fcgi/tools/smime-admin" --db "$SMIME_TEST_ADMIN_DB" migrate --check --sql "$SMIME_TEST_TOP/sql" | grep -q "up to date"'

# A migration not yet applied.
mkdir "$T_TMP/sql"
cp "$SMIME_TEST_TOP"/sql/*.sql "$T_TMP/sql/"
echo "SELECT 1;" >"$T_TMP/sql/999_future.sql"
st --sql "$T_TMP/sql"
check "pending migration: exit 1" rc_is 1
check "pending migration: named" line '^PROBLEM database: migrations pending: 999_future.sql'
rc=0
SMIME_CONFIG=/dev/null "$SMIME_TEST_BUILD/fcgi/tools/smime-admin" --db "$SMIME_TEST_ADMIN_DB" \
    migrate --check --sql "$T_TMP/sql" >"$T_TMP/mc" || rc=$?
check "migrate --check: exit 1" test "$rc" = 1
check "migrate --check: names it" grep -q "pending: 999_future.sql" "$T_TMP/mc"

# The mailer stopped with mail due for an hour.
mpid=$(cat "$SMIME_TEST_RUN/mailer.pid")
kill "$mpid"
for _ in $(seq 100); do kill -0 "$mpid" 2>/dev/null || break; sleep 0.1; done
sql "INSERT INTO outbox (kind, mail_from, rcpt, message, due_at) VALUES
    ('test', 'no-reply@localhost', 'late@example.com',
    'Subject: late\r\n\r\nlate\r\n', NOW(6) - INTERVAL 1 HOUR)"
st
check "mailer stopped: exit 1" rc_is 1
check "mailer stopped: reported" line '^PROBLEM outbox: [0-9]+ mails due, the oldest since .*smime-mailer running'
# A mail given up on, within the window.
sql "INSERT INTO outbox (kind, mail_from, rcpt, message, failed_at, last_error)
    VALUES ('test', 'no-reply@localhost', 'gone@example.com', 'x', NOW(6),
    '550 no such user')"
st --failure-window 600
check "a mail given up on: reported with its error" line '^PROBLEM outbox failures: .*gone@example.com.*550 no such user'
# The mailer back: the late mail goes out, the report is clean again.
"$SMIME_TEST_BUILD/fcgi/mailer/smime-mailer" --db "$SMIME_TEST_APP_DB" \
    --smtp "127.0.0.1:$SMIME_TEST_SMTP_PORT" --starttls no --interval 1 \
    --retry-base 1 2>>"$SMIME_TEST_STATE/logs/mailer.log" &
echo $! >"$SMIME_TEST_RUN/mailer.pid"
for _ in $(seq 100); do
	[ "$(sql "SELECT COUNT(*) FROM outbox WHERE rcpt = 'late@example.com' AND sent_at IS NULL")" = 0 ] && break
	sleep 0.1
done
st
check "mailer back: outbox ok" line '^ok +outbox: '

# A CRL past its nextUpdate (signed by the CA, made with openssl ca).
mkdir "$T_TMP/crl" "$T_TMP/ca"
: >"$T_TMP/ca/index.txt"
echo 01 >"$T_TMP/ca/crlnumber"
cat >"$T_TMP/ca/openssl.cnf" <<EOF
[ca]
default_ca = x
[x]
database = $T_TMP/ca/index.txt
crlnumber = $T_TMP/ca/crlnumber
default_md = sha384
EOF
openssl ca -batch -config "$T_TMP/ca/openssl.cnf" -gencrl -keyfile "$CA/ca.key" \
    -cert "$CA/ca.pem" -crlsec 1 -out "$T_TMP/ca/crl.pem" 2>"$T_TMP/ca/err" ||
    cat "$T_TMP/ca/err" >&2
openssl crl -in "$T_TMP/ca/crl.pem" -outform DER -out "$T_TMP/crl/ca.crl"
sleep 2
st --crl-dir "$T_TMP/crl"
check "stale CRL: exit 1" rc_is 1
check "stale CRL: past its nextUpdate" line '^PROBLEM crl: .*past its nextUpdate'
st --crl-age 0
check "CRL older than --crl-age: reported" line '^PROBLEM crl: .*daily CRL job'
st --crl-dir "$T_TMP/none"
check "no CRL: reported" line '^PROBLEM crl: .*No such file'

# The CA near its end, the signer with another key, no weak-key lists.
st --ca-days 100000
check "CA ending within --ca-days: reported" line '^PROBLEM ca: .*ends in [0-9]+ days'
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$T_TMP/other.key" 2>/dev/null
chmod 600 "$T_TMP/other.key"
st --ca-key "$T_TMP/other.key"
check "signer with another key: reported" line '^PROBLEM signer: '
mkdir "$T_TMP/empty"
st --weak-keys "$T_TMP/empty"
check "no weak-key lists: reported" line '^PROBLEM weak keys: .*no key blocked'

# Nothing listens on the database's socket.
ST_DB="socket=$T_TMP/no-such.sock database=smime user=root" st
check "no database server: exit 1" rc_is 1
check "no database server: reported" line '^PROBLEM database: cannot connect'
check "no database server: the other checks still run" line '^ok +signer: '
check "no database server: one line per problem, counted" line '^1 problem$'

# The database server stopped, then started again.
sock=$SMIME_TEST_RUN/mysqld.sock
mariadb-admin --no-defaults -S "$sock" -uroot shutdown
st
check "database stopped: exit 1" rc_is 1
check "database stopped: reported" line '^PROBLEM database: cannot connect'
mariadbd --no-defaults --user=root --datadir="$SMIME_TEST_STATE/db" \
    --innodb-buffer-pool-size=64M --innodb-log-file-size=16M --skip-log-bin \
    --socket="$sock" --pid-file="$SMIME_TEST_RUN/mysqld.pid" \
    --log-error="$SMIME_TEST_STATE/logs/mysqld.err" --skip-networking \
    --max-connections=200 --open-files-limit=4096 >/dev/null 2>&1 &
echo $! >"$SMIME_TEST_RUN/mariadb.pid"
for _ in $(seq 300); do
	mariadb-admin --no-defaults -S "$sock" -uroot ping >/dev/null 2>&1 && break
	sleep 0.1
done
st
check "database back: reported healthy" line '^ok +database: reachable'

done_testing
