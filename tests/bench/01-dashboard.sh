#!/usr/bin/env bash
# The dashboard of an account with 5 orders against a trivial FastCGI
# responder that sends the same bytes, behind the same nginx, in one run.
# Prints requests/s of each (median of the rounds) and their ratio.
# Target: ratio >= 0.5.
set -eu
: "${SMIME_TEST_PORT:?run through ./dev bench}"
BASE=http://127.0.0.1:$SMIME_TEST_PORT
SECONDS_EACH=${SMIME_BENCH_SECONDS:-5}
ROUNDS=${SMIME_BENCH_ROUNDS:-3}
AUTH="Authorization: Basic $(printf bench:bench | base64)"
admin() { "$SMIME_TEST_BUILD/fcgi/tools/smime-admin" --db "$SMIME_TEST_ADMIN_DB" "$@"; }

admin account add bench --role customer --name "Bench Customer" >/dev/null
for _ in 1 2 3 4 5; do admin order add --account bench >/dev/null; done
body=$(mktemp)
curl -fsS -u bench:bench -o "$body" "$BASE/"
chmod 644 "$body"	# the responder may run as another user
bytes=$(stat -c %s "$body")
grep -q 'ORDER/' "$body" || { echo "bench: the dashboard did not render" >&2; exit 1; }

# shellcheck disable=SC2086	# options, split on purpose
spawn-fcgi -n -b 1024 -s "$SMIME_TEST_RUN/trivial.sock" -M 0660 \
    ${SMIME_TEST_SPAWN_USERS:-} -- \
    "$SMIME_TEST_BUILD/tests/bench/trivial-responder" "$body" "${SMIME_WORKERS:-2}" &
tpid=$!
trap 'kill $tpid 2>/dev/null; rm -f "$body"' EXIT
for _ in $(seq 100); do curl -fsS -u bench:bench -o /dev/null "$BASE/bench/trivial" 2>/dev/null && break; sleep 0.05; done
cmp -s <(curl -fsS -u bench:bench "$BASE/bench/trivial") "$body" || { echo "bench: trivial body differs" >&2; exit 1; }

rate() {	# rate URL -> requests/s (fails on any error or non-2xx)
	local out
	out=$(wrk -t2 -c32 -d"${SECONDS_EACH}s" -H "$AUTH" --latency "$1")
	if echo "$out" | grep -q 'Non-2xx\|Socket errors'; then
		echo "$out" >&2
		return 1
	fi
	echo "$out" | awk '/^Requests\/sec:/ { print $2 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

wrk -t2 -c32 -d2s -H "$AUTH" "$BASE/" >/dev/null	# warm-up
# The same page but for the CSRF token, which changes every ten minutes.
cmp -s <(curl -fsS -u bench:bench "$BASE/bench/uncached" | sed 's/value="[0-9a-f]*\.[A-Za-z0-9_-]*"//g') \
    <(sed 's/value="[0-9a-f]*\.[A-Za-z0-9_-]*"//g' "$body") ||
    { echo "bench: the uncached dashboard differs" >&2; exit 1; }
d=(); t=(); u=()
for i in $(seq "$ROUNDS"); do
	t+=("$(rate "$BASE/bench/trivial")")
	d+=("$(rate "$BASE/")")
	u+=("$(rate "$BASE/bench/uncached")")
done
dm=$(printf '%s\n' "${d[@]}" | median)
tm=$(printf '%s\n' "${t[@]}" | median)
um=$(printf '%s\n' "${u[@]}" | median)
ratio=$(awk -v a="$dm" -v b="$tm" 'BEGIN { printf "%.2f", a / b }')
uratio=$(awk -v a="$um" -v b="$tm" 'BEGIN { printf "%.2f", a / b }')
echo "bench dashboard (5 orders, $bytes bytes): ${dm} req/s (rounds: ${d[*]})"
echo "bench dashboard, page cache off:          ${um} req/s (rounds: ${u[*]})"
echo "bench trivial responder (same bytes):     ${tm} req/s (rounds: ${t[*]})"
echo "bench ratio dashboard/trivial: $ratio (target >= 0.50); cache off: $uratio"

# Memory: resident size of each dashboard worker after the load.
parent=$(cat "$SMIME_TEST_RUN/dashboard.pid")
for pid in $parent $(pgrep -P "$parent"); do
	echo "bench dashboard pid $pid RSS: $(awk '/VmRSS/ { print $2, $3 }' /proc/$pid/status)"
done
