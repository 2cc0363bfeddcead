# shellcheck shell=bash
# Shared by the benchmarks (sourced; run through ./dev bench): the stack's
# addresses, an account to log in with, wrk rounds and their medians, and
# the trivial responder that every page is measured against.
#
# A row of a table is a request (GET, or POST with a body) and the same
# request to the trivial responder sending that page's bytes, measured in
# turns, round after round, so that load from elsewhere falls on both.
: "${SMIME_TEST_PORT:?run through ./dev bench}"
BASE=http://127.0.0.1:$SMIME_TEST_PORT
SECONDS_EACH=${SMIME_BENCH_SECONDS:-2}
ROUNDS=${SMIME_BENCH_ROUNDS:-3}
BENCH_TMP=$(mktemp -d /tmp/smime-bench-run.XXXXXX)
chmod 755 "$BENCH_TMP"	# the responder may run as another user
BENCH_PIDS=()
trap 'bench_cleanup' EXIT

bench_cleanup() {
	local p
	for p in "${BENCH_PIDS[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	rm -rf "$BENCH_TMP"
}

admin() { "$SMIME_TEST_BUILD/fcgi/tools/smime-admin" --db "$SMIME_TEST_ADMIN_DB" "$@"; }
sql() {
	mariadb --no-defaults -S "$SMIME_TEST_RUN/mysqld.sock" -uroot -N -r smime -e "$1"
}

# The login of the benchmarks (a cheap password scheme: see ./dev).
USER_PASS=bench:bench
AUTH="Authorization: Basic $(printf %s "$USER_PASS" | base64)"

# fetch METHOD PATH [BODY] -> the page on stdout, its status in STATUS_FILE
STATUS_FILE=$BENCH_TMP/status
fetch() {
	local data=()
	[ "$1" = POST ] && data=(--data-binary "$3")
	curl -sS -u "$USER_PASS" "${data[@]}" -w '%{stderr}%{http_code}' \
	    "$BASE$2" 2>"$STATUS_FILE"
}

# The CSRF token of the account's pages.
csrf_token() {
	curl -fsS -u "$USER_PASS" -H 'Accept: application/xml' "$BASE/" |
	    sed -n 's:.*<csrf>\([^<]*\)</csrf>.*:\1:p'
}

# wrk_script METHOD BODY STATUS -> a wrk Lua file sending that request
# and counting the answers of another status than STATUS.
wrk_script() {
	local f
	f=$(mktemp "$BENCH_TMP/wrk.XXXXXX.lua")
	if [ "$1" = POST ]; then
		# URL-encoded: nothing in it needs quoting for Lua.
		printf 'wrk.method = "POST"\nwrk.body = "%s"\n' "$2" >"$f"
		printf 'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n' >>"$f"
	fi
	cat >>"$f" <<LUA
local threads = {}
function setup(thread) table.insert(threads, thread) end
bad = 0
function response(status) if status ~= $3 then bad = bad + 1 end end
function done()
	local n = 0
	for _, t in ipairs(threads) do n = n + t:get("bad") end
	print("Unexpected status: " .. n)
end
LUA
	echo "$f"
}

# rate URL SCRIPT -> requests/s (fails on a socket error or an answer of
# another status than the script's)
rate() {
	local out
	out=$(wrk -t2 -c32 -d"${SECONDS_EACH}s" -H "$AUTH" -s "$2" "$1")
	if echo "$out" | grep -q 'Socket errors' ||
	    ! echo "$out" | grep -q '^Unexpected status: 0$'; then
		echo "$out" >&2
		return 1
	fi
	echo "$out" | awk '/^Requests\/sec:/ { printf "%d\n", $2 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# The rows of the table, filled by row_add.
ROW_NAME=() ROW_METHOD=() ROW_PATH=() ROW_BODY=() ROW_BYTES=() ROW_FILE=()
ROW_STATUS=()

# row_add NAME STATUS METHOD PATH [BODY]: fetches the page once (it must
# answer STATUS), keeps its bytes for the responder, and adds the row.
row_add() {
	local i=${#ROW_NAME[@]} f
	f=$BENCH_TMP/body.$i
	if ! fetch "$3" "$4" "${5:-}" >"$f" ||
	    [ "$(cat "$STATUS_FILE")" != "$2" ]; then
		echo "bench: $1: $3 $4 answered $(cat "$STATUS_FILE"), not $2" >&2
		exit 1
	fi
	chmod 644 "$f"
	ROW_NAME+=("$1") ROW_STATUS+=("$2") ROW_METHOD+=("$3") ROW_PATH+=("$4")
	ROW_BODY+=("${5:-}") ROW_FILE+=("$f")
	ROW_BYTES+=("$(stat -c %s "$f")")
}

# Starts the trivial responder with every row's page, each served as
# /bench/trivial?N, and checks that it sends the same bytes.
trivial_start() {
	local i
	# shellcheck disable=SC2086	# options, split on purpose
	spawn-fcgi -n -b 1024 -s "$SMIME_TEST_RUN/trivial.sock" -M 0660 \
	    ${SMIME_TEST_SPAWN_USERS:-} -- \
	    "$SMIME_TEST_BUILD/tests/bench/trivial-responder" \
	    "${SMIME_WORKERS:-2}" "${ROW_FILE[@]}" &
	BENCH_PIDS+=("$!")
	for _ in $(seq 100); do
		curl -fsS -u "$USER_PASS" -o /dev/null "$BASE/bench/trivial" 2>/dev/null && break
		sleep 0.05
	done
	for i in "${!ROW_NAME[@]}"; do
		cmp -s <(curl -fsS -u "$USER_PASS" "$BASE/bench/trivial?$i") "${ROW_FILE[$i]}" ||
		    { echo "bench: the responder's body $i differs" >&2; exit 1; }
	done
}

# table TITLE: measures every row against the responder, ROUNDS rounds,
# and prints the medians and ratios.
table() {
	local i t p ratio
	local -a scripts=() trivs=() tr=() pr=()
	for i in "${!ROW_NAME[@]}"; do
		scripts+=("$(wrk_script "${ROW_METHOD[$i]}" "${ROW_BODY[$i]}" "${ROW_STATUS[$i]}")")
		trivs+=("$(wrk_script "${ROW_METHOD[$i]}" "${ROW_BODY[$i]}" 200)")
		# Warm-up: every worker has compiled and connected.
		wrk -t2 -c32 -d1s -H "$AUTH" -s "${scripts[$i]}" \
		    "$BASE${ROW_PATH[$i]}" >/dev/null
		tr+=("") pr+=("")
	done
	for _ in $(seq "$ROUNDS"); do
		for i in "${!ROW_NAME[@]}"; do
			t=$(rate "$BASE/bench/trivial?$i" "${trivs[$i]}") || exit 1
			p=$(rate "$BASE${ROW_PATH[$i]}" "${scripts[$i]}") || exit 1
			tr[i]="${tr[i]} $t" pr[i]="${pr[i]} $p"
		done
	done
	echo "bench $1 (wrk -t2 -c32 -d${SECONDS_EACH}s, median of $ROUNDS rounds; load $(cut -d' ' -f1-3 /proc/loadavg))"
	printf 'bench %-44s %6s %6s %8s %8s %6s\n' page status bytes 'req/s' trivial ratio
	for i in "${!ROW_NAME[@]}"; do
		# shellcheck disable=SC2086	# the rounds, split on purpose
		p=$(printf '%s\n' ${pr[$i]} | median)
		# shellcheck disable=SC2086
		t=$(printf '%s\n' ${tr[$i]} | median)
		ratio=$(awk -v a="$p" -v b="$t" 'BEGIN { printf "%.2f", a / b }')
		printf 'bench %-44s %6s %6d %8d %8d %6s\n' "${ROW_NAME[$i]}" \
		    "${ROW_STATUS[$i]}" "${ROW_BYTES[$i]}" "$p" "$t" "$ratio"
		echo "bench   rounds: page${pr[$i]}; trivial${tr[$i]}" >&2
	done
}

# rss NAME...: the resident size of each handler's workers, and of it
# what is the worker's own (private) and its share of what is shared
# with the other processes (PSS: the libraries, the stylesheets compiled
# before the fork).
rss() {
	local h parent pid
	for h in "$@"; do
		parent=$(cat "$SMIME_TEST_RUN/$h.pid")
		for pid in $(pgrep -P "$parent"); do
			awk -v h="$h" -v p="$pid" '
			    /^Rss:/ { rss = $2 } /^Pss:/ { pss = $2 }
			    /^Private_(Clean|Dirty):/ { priv += $2 }
			    END { printf "bench %s worker %s RSS: %d kB (private %d kB, PSS %d kB)\n",
			    h, p, rss, priv, pss }' "/proc/$pid/smaps_rollup"
		done
	done
}

# The account "bench" with five orders (the dashboard) and, for each step
# of the wizard, two orders standing at that step (one for its GET, one for
# its POST): sets d (one of the five), s1, s1p, s2, s2p, s3, s3p, tok (the
# account's CSRF token) and ORG_FORM (a valid step 1 form).
# shellcheck disable=SC2034	# used by the scripts that source this one
pages_setup() {
	admin account add bench --role customer --name "Bench Customer" >/dev/null
	admin account set bench --email bench@example.com >/dev/null
	for _ in 1 2 3 4 5; do d=$(admin order add --account bench); done

	# Step 1: an order with nothing done (its GET and its POST each their own,
	# so that the POST's draft does not change the form's bytes).
	s1=$(admin order add --account bench)
	s1p=$(admin order add --account bench)
	# Step 2: step 1 verified.
	s2=$(admin order add --account bench)
	s2p=$(admin order add --account bench)
	sql "UPDATE orders SET step_data = 'verified', step_email = 'awaiting',
	    status = 'verification' WHERE id IN ($s2, $s2p)"
	# Step 3: steps 1 and 2 verified, the organization verified by NIP.
	sql "INSERT INTO organizations (account_id, name, country, state, locality,
	    method, registry_type, registry_number, org_identifier, status, decided_at)
	    SELECT id, 'Example sp. z o.o.', 'PL', 'mazowieckie', 'Warszawa',
	    'registry', 'NIP', '5260250274', 'VATPL-5260250274', 'verified', NOW(6)
	    FROM accounts WHERE login = 'bench'"
	g=$(sql "SELECT MAX(id) FROM organizations")
	s3=$(admin order add --account bench)
	s3p=$(admin order add --account bench)
	sql "UPDATE orders SET organization_id = $g, step_data = 'verified',
	    step_email = 'verified', step_activation = 'awaiting', status = 'verification',
	    email = 'bench@example.com', email_validated_at = NOW(6) WHERE id IN ($s3, $s3p)"

	tok=$(csrf_token)
	[ -n "$tok" ] || { echo "bench: no CSRF token" >&2; exit 1; }
	ORG_FORM="organization=Example+sp.+z+o.o.&country=PL&state=mazowieckie&locality=Warszawa&method=registry&registry_type=NIP&registry_number=5260250274"
}
