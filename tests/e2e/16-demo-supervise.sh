#!/usr/bin/env bash
# ./dev demo keeps the service up: a server that dies (the SMTP sink, a
# handler, the database) is started again, with a log line, and the
# service answers again by itself; SIGTERM still stops everything.
# Runs a demo of its own, in its own state folder and on free ports.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
free_port() {
	"$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
usec() { echo "${EPOCHREALTIME//[.,]/}"; }
wait_until() {	# wait_until SECONDS COMMAND...: polls every 0.2 s
	local end=$(($(usec) + $1 * 1000000))
	shift
	while :; do
		"$@" && return 0
		[ "$(usec)" -lt "$end" ] || return 1
		sleep 0.2
	done
}
alive() {
	kill -0 "$1" 2>/dev/null || return 1
	[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# The demo runs its servers as unprivileged users (when root): they must
# be able to reach its state folder inside this test's private one.
chmod 755 "$T_TMP"
DSTATE=$T_TMP/demo
DPORT=$(free_port)
DSMTP=$(free_port)
OUT=$T_TMP/demo.out
SMIME_DEV_STATE=$DSTATE SMIME_DEMO_PORT=$DPORT SMIME_DEV_SMTP_PORT=$DSMTP \
    SMIME_WORKERS=1 setsid "$SMIME_TEST_TOP/dev" demo >"$OUT" 2>&1 &
DEMO=$!
stop_demo() {
	alive "$DEMO" && kill -TERM "$DEMO" 2>/dev/null
	wait_until 40 eval '! alive $DEMO' || kill -9 -- "-$DEMO" 2>/dev/null
}
trap 'stop_demo; rm -rf "$T_TMP"' EXIT

page_ok() {
	[ "$(curl -s -o /dev/null -w '%{http_code}' -u demo:demo "http://127.0.0.1:$DPORT/")" = 200 ]
}
check "the demo starts within 120 s" wait_until 120 grep -q '^ready:' "$OUT"
grep -q '^ready:' "$OUT" || { echo "  the demo said:" >&2; tail -20 "$OUT" >&2; }
RUNDIR=$(cat "$DSTATE/demo.run" 2>/dev/null)
check "its run folder is known" test -d "$RUNDIR"
check "the dashboard answers" page_ok
pidof_() { cat "$RUNDIR/$1" 2>/dev/null; }

# The SMTP sink dies.
old=$(pidof_ sink.pid)
kill -9 "$old"
check "sink death logged within 5 s" wait_until 5 grep -q "demo: sink (pid $old) exited" "$OUT"
check "sink restarted within 10 s" wait_until 10 grep -q "demo: sink restarted" "$OUT"
new=$(pidof_ sink.pid)
check "a new sink runs ($old -> $new)" bash -c '[ "$0" != "$1" ] && kill -0 "$1"' "$old" "$new"
check "the line is in logs/demo.log too" grep -q "sink (pid $old) exited" "$DSTATE/logs/demo.log"

# A handler dies (its master: the workers follow it).
old=$(pidof_ dashboard.pid)
kill -9 "$old"
check "dashboard restarted within 15 s" wait_until 15 grep -q "demo: dashboard restarted" "$OUT"
check "the dashboard answers again within 15 s" wait_until 15 page_ok

# The database dies.
old=$(pidof_ mariadb.pid)
kill -9 "$old"
check "mariadb restarted within 30 s" wait_until 30 grep -q "demo: mariadb restarted" "$OUT"
check "the dashboard answers again within 30 s" wait_until 30 page_ok

# Everything it started stops with it.
pids=$(cat "$RUNDIR"/*.pid "$RUNDIR/nginx.master" 2>/dev/null | sort -u)
kill -TERM "$DEMO"
check "SIGTERM stops the demo within 40 s" wait_until 40 eval '! alive $DEMO'
left=
# (Bounded: a server's own shutdown may take its last moments.)
for _ in $(seq 50); do
	left=
	for p in $pids; do alive "$p" && left="$left $p"; done
	[ -z "$left" ] && break
	sleep 0.2
done
[ -z "$left" ] || ps -o pid,ppid,stat,cmd -p "${left# }" >&2
check "no server left running (${left:-none})" test -z "$left"
done_testing
