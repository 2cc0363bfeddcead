#!/usr/bin/env bash
# Issuance (CSR check + profile + lint + the signer + store) next to raw
# in-process signing with the same CA key, in one run. Target >= 0.6.
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
# One order per certificate: the store is the real one, once per order.
first=$(sql "SELECT IFNULL(MAX(id), 0) + 1 FROM orders")
acct=$(sql "SELECT id FROM accounts WHERE login = 'issue-bench'")
sql "INSERT INTO orders (id, number, product_id, account_id)
    SELECT $first + seq, CONCAT('BENCH/', $first + seq), 1, $acct
    FROM seq_0_to_$((N - 1))"
"$SMIME_TEST_BUILD/tests/bench/issue-bench" "$SMIME_TEST_STATE/ca" "$tmp/req.pem" \
    "$SMIME_TEST_APP_DB" "$first" "$N"
