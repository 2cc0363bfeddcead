#!/usr/bin/env bash
# `./dev bench soak`: the dashboard, from the page cache and without it,
# for SMIME_SOAK_REQUESTS requests each (1,000,000) or SMIME_SOAK_SECONDS
# (600) at most, whichever comes first; prints each worker's resident
# size before and after, and the drift (target: within 1 %). Not in CI.
set -eu
. "$(dirname "$0")/lib.sh"
TOTAL=${SMIME_SOAK_REQUESTS:-1000000}
LIMIT=${SMIME_SOAK_SECONDS:-600}

pages_setup
rss_of() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }
# wrk counts time, not requests: chunks of 10 s until either bound.
soak() {	# soak NAME PID-FILE PATH
	local parent pid done=0 start now n
	declare -A before=()
	parent=$(cat "$SMIME_TEST_RUN/$2")
	wrk -t2 -c32 -d2s -H "$AUTH" "$BASE$3" >/dev/null	# warm-up
	for pid in $(pgrep -P "$parent"); do before[$pid]=$(rss_of "$pid"); done
	start=$(date +%s)
	while [ "$done" -lt "$TOTAL" ]; do
		now=$(date +%s)
		[ $((now - start)) -lt "$LIMIT" ] || break
		n=$(wrk -t2 -c32 -d10s -H "$AUTH" "$BASE$3" |
		    awk '/requests in/ { print $1 }')
		done=$((done + n))
	done
	echo "bench soak $1: $done requests in $(( $(date +%s) - start )) s"
	for pid in "${!before[@]}"; do
		awk -v p="$pid" -v a="${before[$pid]}" -v b="$(rss_of "$pid")" \
		    'BEGIN { printf "bench soak %s worker %s RSS: %d kB -> %d kB (%+.2f %%)\n",
		    "'"$1"'", p, a, b, (b - a) * 100 / a }'
	done
}
soak "dashboard, page cache" dashboard.pid /
soak "dashboard, cache off" uncached.pid /bench/uncached/
