#!/usr/bin/env bash
# Issuance through issue_order() (CSR check, CAA, profile, lint, the
# signer, verification, store) next to raw in-process signing with the
# same CA key, in one run. Target >= 0.6.
set -eu
: "${SMIME_TEST_PORT:?run through ./dev bench}"
N=${SMIME_BENCH_ISSUES:-500}
sql() { mariadb --no-defaults -S "$SMIME_TEST_RUN/mysqld.sock" -uroot -N -r smime -e "$1"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$tmp/key.pem" -out "$tmp/req.pem" -subj /CN=bench 2>/dev/null
"$SMIME_TEST_BUILD/fcgi/tools/smime-admin" --db "$SMIME_TEST_ADMIN_DB" \
    account add issue-bench --role customer >/dev/null
# One order per certificate, each ready for step 3 as the wizard leaves
# it: verified organization data, a mailbox verified just now (in a
# domain whose CAA record names us), the fields chosen and the CSR taken.
# The CSR is the same for every order: the pipeline checks the key, not
# whether it was used (the CSR step does that).
first=$(sql "SELECT IFNULL(MAX(id), 0) + 1 FROM orders")
acct=$(sql "SELECT id FROM accounts WHERE login = 'issue-bench'")
org=$(sql "INSERT INTO organizations (account_id, name, country, state,
    locality, method, registry_type, registry_number, org_identifier,
    status, decided_at, decided_by) VALUES ($acct, 'Example sp. z o.o.',
    'PL', 'mazowieckie', 'Warszawa', 'registry', 'NIP', '5260250274',
    'VATPL-5260250274', 'verified', NOW(6), 'bench');
    SELECT LAST_INSERT_ID()")
csr=$(openssl req -in "$tmp/req.pem" -outform DER | od -An -tx1 -v | tr -d ' \n')
sql "INSERT INTO orders (id, number, product_id, account_id, status,
    step_data, step_email, step_activation, organization_id, email,
    email_validated_at, act_cn, act_include, act_method, act_csr)
    SELECT $first + seq, CONCAT('BENCH/', $first + seq), 1, $acct,
    'verification', 'verified', 'verified', 'awaiting', $org,
    'bench@caa-allowed.test', NOW(6), 'email', 'C,L', 'csr', X'$csr'
    FROM seq_0_to_$((N - 1))"
"$SMIME_TEST_BUILD/tests/bench/issue-bench" "$SMIME_TEST_STATE/ca" "$tmp/req.pem" \
    "$SMIME_TEST_APP_DB" "$first" "$N" "127.0.0.1:$(cat "$SMIME_TEST_RUN/dns.port")"
