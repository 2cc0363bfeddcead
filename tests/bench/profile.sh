#!/usr/bin/env bash
# `./dev bench profile [PAGE [N]]`: N requests of one page to its handler,
# which ./dev started with one worker under callgrind, counting in the
# worker only (waiting costs no instructions); then the functions that cost most,
# inclusive and on their own. The profile stays in the bench's state
# folder until the stack stops; SMIME_BENCH_PROFILE_OUT copies it out.
set -eu
. "$(dirname "$0")/lib.sh"
PAGE=${SMIME_BENCH_PROFILE_PAGE:-dashboard}
N=${SMIME_BENCH_PROFILE_N:-200}
OUT=$SMIME_TEST_PROFILE_DIR

pages_setup
case $PAGE in
dashboard) h=dashboard path=/ ;;
details) h=dashboard path=/certificates/$d ;;
step1) h=orgdata path="/data/$s1?new=1" ;;
step2) h=email path=/email/$s2 ;;
step3) h=activation path=/activation/$s3 ;;
esac
worker=$(pgrep -P "$(cat "$SMIME_TEST_RUN/$h.pid")" | head -1)
[ -n "$worker" ] || { echo "bench: no $h worker" >&2; exit 1; }
for i in $(seq "$N"); do
	fetch GET "$path" >/dev/null
done
# The worker's profile is written when it ends (its parent starts another).
kill "$worker"
prof=$OUT/callgrind.$worker
for _ in $(seq 200); do
	! kill -0 "$worker" 2>/dev/null && [ -s "$prof" ] && break
	sleep 0.1
done
[ -s "$prof" ] || { echo "bench: no profile from worker $worker" >&2; exit 1; }
echo "bench profile: $N x GET $path ($h), $prof"
# What every request passes through (main, the worker's loop) left out.
top() {
	callgrind_annotate "$@" "$prof" 2>/dev/null |
	    grep -v -e 'below main' -e 'libc-start' -e ':main' -e 'server_run' \
	    -e 'server\.c:worker' | grep -A 30 'PROGRAM TOTALS' | cut -c1-150
}
echo "inclusive:"
top --inclusive=yes
echo
echo "self:"
top
if [ -n "${SMIME_BENCH_PROFILE_OUT:-}" ]; then
	cp "$prof" "$SMIME_BENCH_PROFILE_OUT"
fi
