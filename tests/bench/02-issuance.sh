#!/usr/bin/env bash
# Issuance through issue_order() (CSR check, CAA, profile, lint, the
# signer, verification, store) next to raw in-process signing with the
# same CA key, in one run, for the stack's ECDSA P-384 CA and an RSA 4096
# CA made here. Target >= 0.6 for both.
set -eu
: "${SMIME_TEST_PORT:?run through ./dev bench}"
N=${SMIME_BENCH_ISSUES:-500}
# RSA 4096 signs about 200 times a second here: fewer, for the same time.
N_RSA=${SMIME_BENCH_ISSUES_RSA:-150}
sql() { mariadb --no-defaults -S "$SMIME_TEST_RUN/mysqld.sock" -uroot -N -r smime -e "$1"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$tmp/key.pem" -out "$tmp/req.pem" -subj /CN=bench 2>/dev/null
"$SMIME_TEST_BUILD/fcgi/tools/smime-admin" --db "$SMIME_TEST_ADMIN_DB" \
    account add issue-bench --role customer >/dev/null
mkdir "$tmp/rsa"
"$SMIME_TEST_BUILD/fcgi/tools/smime-admin" ca init --dir "$tmp/rsa" --rsa \
    --name "smime-activation Bench RSA" >/dev/null
acct=$(sql "SELECT id FROM accounts WHERE login = 'issue-bench'")
org=$(sql "INSERT INTO organizations (account_id, name, country, state,
    locality, method, registry_type, registry_number, org_identifier,
    status, decided_at, decided_by) VALUES ($acct, 'Example sp. z o.o.',
    'PL', 'mazowieckie', 'Warszawa', 'registry', 'NIP', '5260250274',
    'VATPL-5260250274', 'verified', NOW(6), 'bench');
    SELECT LAST_INSERT_ID()")
csr=$(openssl req -in "$tmp/req.pem" -outform DER | od -An -tx1 -v | tr -d ' \n')

# bench CA_DIR COUNT: COUNT orders, each ready for step 3 as the wizard
# leaves it (verified organization data, a mailbox verified just now in
# a domain whose CAA record names us, the fields chosen, the CSR taken),
# then issue-bench on them. The CSR is the same for every order: the
# pipeline checks the key, not whether it was used (the CSR step does).
bench() {
	local first
	first=$(sql "SELECT IFNULL(MAX(id), 0) + 1 FROM orders")
	sql "INSERT INTO orders (id, number, product_id, account_id, status,
	    step_data, step_email, step_activation, organization_id, email,
	    email_validated_at, act_cn, act_include, act_method, act_csr)
	    SELECT $first + seq, CONCAT('BENCH/', $first + seq), 1, $acct,
	    'verification', 'verified', 'verified', 'awaiting', $org,
	    'bench@caa-allowed.test', NOW(6), 'email', 'C,L', 'csr', X'$csr'
	    FROM seq_0_to_$(($2 - 1))"
	# The pipeline logs a line per certificate: kept aside, shown on
	# failure.
	# SMIME_BENCH_WRAP runs it under a profiler, e.g.
	# 'perf record -g -o /tmp/issue.perf'.
	${SMIME_BENCH_WRAP:-} "$SMIME_TEST_BUILD/tests/bench/issue-bench" "$1" "$tmp/req.pem" \
	    "$SMIME_TEST_APP_DB" "$first" "$2" \
	    "127.0.0.1:$(cat "$SMIME_TEST_RUN/dns.port")" \
	    2>"$tmp/issue.log" || { tail -20 "$tmp/issue.log" >&2; exit 1; }
	# Each order issued once, with its audit rows.
	test "$(sql "SELECT COUNT(*) FROM certificates WHERE order_id
	    BETWEEN $first AND $first + $2 - 1")" = "$2" ||
	    { echo "bench: not every order has its certificate" >&2; exit 1; }
}
echo "bench load average: $(cut -d' ' -f1-3 /proc/loadavg)"
bench "$SMIME_TEST_STATE/ca" "$N"
bench "$tmp/rsa" "$N_RSA"
