#!/usr/bin/env bash
# Every handler's workers, and the activation program's signers, run
# under a seccomp filter (Seccomp: 2 in /proc/PID/status).
. "$(dirname "$0")/lib.sh"

seccomp_of() { awk '/^Seccomp:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
for h in dashboard orgdata email activation operator partner; do
	master=$(cat "$SMIME_TEST_RUN/$h.pid")
	workers=$(pgrep -P "$master" | tr '\n' ' ')
	check "$h has workers ($workers)" test -n "$workers"
	for w in $workers; do
		check "$h worker $w is filtered" test "$(seccomp_of "$w")" = 2
	done
	check "$h's master is not (it only supervises)" test "$(seccomp_of "$master")" = 0
done
master=$(cat "$SMIME_TEST_RUN/activation.pid")
for w in $(pgrep -P "$master"); do
	for s in $(pgrep -P "$w"); do
		check "signer $s of worker $w is filtered" test "$(seccomp_of "$s")" = 2
	done
done
# A page of every handler still answers under the filter.
u=$(new_user sandbox customer)
o=$(new_order "$u")
for p in / "/data/$o" "/email/$o" "/activation/$o" /operator/; do
	get "$u" "$p"
	check "GET $p answers (not 500)" bash -c '[ "$0" -lt 500 ]' "$STATUS"
done
done_testing
