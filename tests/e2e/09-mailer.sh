#!/usr/bin/env bash
# smime-mailer under faults: the MTA down and coming back, two mailers
# sharing one outbox, a mailer killed mid-queue, a permanent refusal, a
# temporary refusal, the retry period running out, its options, SIGTERM.
#
# The stack's own mailer is stopped for the duration; this test runs its
# own mailers against its own sinks on free loopback ports, queues mails
# of its own (kind test-PID-*, recipients @m-PID-*.test), and on the way
# out (also on failure) stops what it started, deletes its rows and
# starts the stack's mailer again as ./dev does.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
MAILER=$SMIME_TEST_BUILD/fcgi/mailer/smime-mailer
SINK=$SMIME_TEST_TOP/tests/e2e/smtp-sink.py
KIND=test-$$			# each scenario's rows: kind $KIND-TAG
DOMAIN=m-$$-$RANDOM.test	# every recipient of this test
OWN=()				# PIDs of everything started here
STACK_STOPPED=

# --- helpers ----------------------------------------------------------------

sql_in() {	# SQL on stdin (a multi-row INSERT is too long for -e)
	mariadb --no-defaults -S "$SMIME_TEST_RUN/mysqld.sock" -uroot -N -r smime
}

free_port() {
	"$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

usec() { echo "${EPOCHREALTIME//[.,]/}"; }
since() { echo $((($(usec) - $1) / 100000)) | sed 's/.$/.&/; s/^\./0./'; }	# seconds, 0.1 s

# A PID counts as gone once kill -0 fails or it is a zombie.
alive() {
	kill -0 "$1" 2>/dev/null || return 1
	[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

wait_until() {	# wait_until SECONDS COMMAND...: polls every 0.1 s
	local end=$(($(usec) + $1 * 1000000))
	shift
	while :; do
		"$@" && return 0
		[ "$(usec)" -lt "$end" ] || return 1
		sleep 0.1
	done
}

gone() { ! alive "$1"; }

# Stops a PID: SIGTERM (or SIG), at most 10 s, then SIGKILL. Returns 0
# when it went in time. Our own children are reaped for their status.
stop_pid() {	# stop_pid PID [SIG]
	local pid=$1 sig=${2:-TERM} rc=0 t what
	[ -n "$pid" ] || return 0
	alive "$pid" || return 0
	what=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-80)
	t=$(usec)
	kill -"$sig" "$pid" 2>/dev/null || true
	if ! wait_until 10 gone "$pid"; then
		rc=1
		note "$pid ($what) ignored SIG$sig for 10 s: SIGKILL"
		kill -9 "$pid" 2>/dev/null || true
		wait_until 5 gone "$pid" || true
	elif [ $(($(usec) - t)) -gt 2000000 ]; then
		note "$pid ($what) took $(since "$t") s to stop"
	fi
	return $rc
}

# start_sink PORT DIR: the project's sink; sets SINK_PID.
start_sink() {
	mkdir -p "$2"
	"$PY" "$SINK" --port "$1" --dir "$2" >"$2.log" 2>&1 &
	SINK_PID=$!
	OWN+=("$SINK_PID")
	wait_until 10 grep -q READY "$2.log" ||
	    { echo "  sink on $1 did not start" >&2; cat "$2.log" >&2; return 1; }
}

# start_mailer LOG PORT [ARGS...]: sets MAILER_PID.
start_mailer() {
	local log=$1 port=$2
	shift 2
	"$MAILER" --db "$SMIME_TEST_APP_DB" --starttls no --smtp "127.0.0.1:$port" \
	    --retry-base 1 --interval 1 "$@" 2>>"$T_TMP/$log.log" &
	MAILER_PID=$!
	OWN+=("$MAILER_PID")
}

# queue TAG N [CREATED_AGO_SECONDS]: N complete messages, X-Test-Id
# KIND-TAG-i, to TAG-i@DOMAIN (or to RCPT_PREFIX-i@DOMAIN when set).
queue() {
	local tag=$1 n=$2 ago=${3:-0} i sep="" date
	date=$(LC_ALL=C date -R)
	{
		echo "INSERT INTO outbox (kind, mail_from, rcpt, message, created_at) VALUES"
		for i in $(seq "$n"); do
			local to="${RCPT_PREFIX:-$tag}-$i@$DOMAIN"
			printf "%s('%s', 'mailer-test@localhost', '%s', CONCAT(" "$sep" "$KIND-$tag" "$to"
			printf "'From: Mailer test <mailer-test@localhost>\\\\r\\\\n',"
			printf "'To: %s\\\\r\\\\n'," "$to"
			printf "'Date: %s\\\\r\\\\n'," "$date"
			printf "'Subject: mailer test %s %d\\\\r\\\\n'," "$tag" "$i"
			printf "'Message-ID: <%s-%s-%d@%s>\\\\r\\\\n'," "$KIND" "$tag" "$i" "$DOMAIN"
			printf "'X-Test-Id: %s-%s-%d\\\\r\\\\n'," "$KIND" "$tag" "$i"
			printf "'MIME-Version: 1.0\\\\r\\\\n',"
			printf "'Content-Type: text/plain; charset=utf-8\\\\r\\\\n',"
			printf "'\\\\r\\\\n',"
			printf "'Mail %d of %d, scenario %s.\\\\r\\\\n'," "$i" "$n" "$tag"
			printf "'.leading dot, stuffed on the wire\\\\r\\\\n'"
			printf "), NOW(6) - INTERVAL %d SECOND)\n" "$ago"
			sep=","
		done
		echo ";"
	} | sql_in
}

rows() {	# rows TAG [CONDITION]: how many of the scenario's rows match
	sql "SELECT COUNT(*) FROM outbox WHERE kind = '$KIND-$1' AND (${2:-TRUE})"
}
rows_are() { [ "$(rows "$1" "$2")" = "$3" ]; }	# rows_are TAG CONDITION N

# The X-Test-Id values of a scenario found in a sink's folder, one per
# delivered copy.
ids_in() {	# ids_in DIR TAG
	cat "$1"/*.eml 2>/dev/null | tr -d '\r' |
	    sed -n "s/^X-Test-Id: \($KIND-$2-[0-9]*\)\$/\1/p"
}
delivered() { ids_in "$1" "$2" | wc -l; }
delivered_at_least() { [ "$(delivered "$1" "$2")" -ge "$3" ]; }

# mails_ok DIR TAG N MAXDUP: each of the N mails arrived, at most MAXDUP
# extra copies in all, nothing else of the scenario; sets DUPS.
mails_ok() {
	local dir=$1 tag=$2 n=$3 maxdup=$4 total distinct missing
	total=$(ids_in "$dir" "$tag" | wc -l)
	distinct=$(ids_in "$dir" "$tag" | sort -u | wc -l)
	missing=$(comm -23 <(seq "$n" | sed "s/^/$KIND-$tag-/" | sort) \
	    <(ids_in "$dir" "$tag" | sort -u) | wc -l)
	DUPS=$((total - distinct))
	[ "$missing" -eq 0 ] && [ "$distinct" -eq "$n" ] && [ "$DUPS" -le "$maxdup" ] && return 0
	echo "  $tag: $total copies, $distinct distinct, $missing missing, $DUPS duplicates (expected $n, at most $maxdup duplicates)" >&2
	ids_in "$dir" "$tag" | sort | uniq -d | head -5 | sed 's/^/  twice: /' >&2
	return 1
}

mails_ok_partial() {	# mails_ok_partial DIR TAG: no copy twice
	local d
	d=$(ids_in "$1" "$2" | sort | uniq -d | wc -l)
	[ "$d" -eq 0 ] || { echo "  $d mails arrived twice" >&2; return 1; }
}

note() { echo "# $*"; }

files_in() { find "$1" -maxdepth 1 -name '*.eml' | wc -l; }

# The stack's mailer, started again as ./dev's mailer_start does.
restart_stack_mailer() {
	"$SMIME_TEST_BUILD/fcgi/mailer/smime-mailer" --db "$SMIME_TEST_APP_DB" \
	    --smtp "127.0.0.1:$SMIME_TEST_SMTP_PORT" --starttls no --interval 1 \
	    --retry-base "${SMIME_DEV_RETRY_BASE:-60}" \
	    2>>"$SMIME_TEST_STATE/logs/mailer.log" >/dev/null &
	echo $! >"$SMIME_TEST_RUN/mailer.pid"
	STACK_STOPPED=
}

cleanup() {
	local pid
	trap - EXIT INT TERM
	for pid in "${OWN[@]}"; do
		alive "$pid" && kill "$pid" 2>/dev/null
	done
	for pid in "${OWN[@]}"; do
		stop_pid "$pid" || echo "# $pid needed SIGKILL" >&2
		gone "$pid" && wait "$pid" 2>/dev/null
	done
	sql "DELETE FROM outbox WHERE kind LIKE '$KIND-%' AND rcpt LIKE '%@$DOMAIN'" ||
	    echo "# could not delete the test's outbox rows" >&2
	if [ "$T_FAILS" -gt 0 ] || [ "$T_CHECKS" -eq 0 ]; then
		for f in "$T_TMP"/*.log; do
			[ -f "$f" ] || continue
			echo "--- tail of $(basename "$f")"
			grep -v login_data "$f" | tail -8
		done
	fi
	[ -z "$STACK_STOPPED" ] || restart_stack_mailer
	rm -rf "$T_TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

T_START=$(usec)

# --- the stack's mailer steps aside ------------------------------------------
# What earlier tests queued goes to the stack's sink first (bounded): the
# mailers here must not divert it, nor give up on it.

foreign="kind NOT LIKE '$KIND-%' AND sent_at IS NULL AND failed_at IS NULL"
foreign_pending() { sql "SELECT COUNT(*) FROM outbox WHERE $foreign"; }
none_pending() { [ "$(foreign_pending)" = 0 ]; }
note "$(foreign_pending) earlier mails pending at the start"
wait_until 15 none_pending || note "$(foreign_pending) earlier mails still pending"
note "drained after $(since "$T_START") s"
stack_pid=$(cat "$SMIME_TEST_RUN/mailer.pid" 2>/dev/null || true)
STACK_STOPPED=1
if [ -n "$stack_pid" ] && alive "$stack_pid"; then
	t0=$(usec)
	check "the stack's mailer stops on SIGTERM" stop_pid "$stack_pid"
	note "the stack's mailer stopped in $(since "$t0") s"
else
	note "the stack's mailer was not running"
fi

# --- 1. the MTA down, then back -----------------------------------------------

port=$(free_port)	# nothing listens here yet
queue s1 50
t0=$(usec)
start_mailer m1 "$port"
check "MTA down: all 50 failed at least twice within 20 s" \
    wait_until 20 rows_are s1 "attempts >= 2 AND last_error IS NOT NULL AND sent_at IS NULL AND failed_at IS NULL" 50
note "MTA down: 50 rows at attempts >= 2 after $(since "$t0") s; attempts $(sql "SELECT CONCAT(MIN(attempts), '..', MAX(attempts)) FROM outbox WHERE kind = '$KIND-s1'")"
note "MTA down: last_error '$(sql "SELECT last_error FROM outbox WHERE kind = '$KIND-s1' LIMIT 1")'"
check "MTA down: none given up" rows_are s1 "failed_at IS NOT NULL" 0
check "MTA down: the backoff keeps them waiting" \
    bash -c '[ "$0" -ge 1 ]' "$(rows s1 "due_at > NOW(6)")"
before=$(sql "SELECT SUM(attempts) FROM outbox WHERE kind = '$KIND-s1'")
t1=$(usec)
start_sink "$port" "$T_TMP/sink1"
check "MTA back: all 50 sent within 30 s" wait_until 30 rows_are s1 "sent_at IS NOT NULL" 50
note "MTA back: all 50 sent $(since "$t1") s after the sink started"
check "MTA back: each of the 50 arrived exactly once" mails_ok "$T_TMP/sink1" s1 50 0
check "MTA back: attempts counts the success too" test \
    "$(sql "SELECT SUM(attempts) FROM outbox WHERE kind = '$KIND-s1'")" -ge $((before + 50))
note "MTA back: attempts per row now $(sql "SELECT CONCAT(MIN(attempts), '..', MAX(attempts)) FROM outbox WHERE kind = '$KIND-s1'")"
# The mailer documents "The last error is kept": a sent row still says
# why its earlier attempts failed (sent_at tells it was delivered).
check "MTA back: sent rows keep their last error" rows_are s1 "last_error IS NOT NULL" 50
check "MTA back: nothing marked failed" rows_are s1 "failed_at IS NOT NULL" 0
first=$(grep -l "^X-Test-Id: $KIND-s1-7"$'\r' "$T_TMP"/sink1/*.eml | head -1)
check "the sink saw the envelope" grep -q "^X-Sink-To: s1-7@$DOMAIN" "${first:-/dev/null}"
check "the message arrived intact (dot-stuffing undone, CRLF)" \
    grep -q $'^\\.leading dot, stuffed on the wire\r$' "${first:-/dev/null}"
stop_pid "$MAILER_PID"
stop_pid "$SINK_PID"

# --- 1b. the MTA back: mail waiting out a long backoff comes forward ---------
# After an outage the backoff reaches hours; a mail that failed often
# must not wait that long once the MTA answers again (a verification
# link lives 24 hours). Five mails wait an hour; one fresh mail fails
# while the MTA is down, then goes through: the five follow at once.

port=$(free_port)	# nothing listens here yet
queue s1w 5
sql "UPDATE outbox SET attempts = 7, last_error = 'connection refused', due_at = NOW(6) + INTERVAL 1 HOUR WHERE kind = '$KIND-s1w'"
queue s1f 1
start_mailer m1b "$port"
check "outage: the fresh mail fails within 10 s" \
    wait_until 10 rows_are s1f "attempts >= 1 AND sent_at IS NULL" 1
check "outage: the five wait out their backoff" rows_are s1w "due_at > NOW(6) + INTERVAL 30 MINUTE" 5
t1=$(usec)
start_sink "$port" "$T_TMP/sink1b"
check "MTA back: the fresh mail sent within 10 s" wait_until 10 rows_are s1f "sent_at IS NOT NULL" 1
check "MTA back: the five waiting an hour sent within 10 s" \
    wait_until 10 rows_are s1w "sent_at IS NOT NULL" 5
note "MTA back: the waiting mails sent $(since "$t1") s after the sink started"
check "MTA back: each arrived once" mails_ok "$T_TMP/sink1b" s1w 5 0
check "the mailer says why they came forward" \
    grep -q "delivered after failures" "$T_TMP/m1b.log"
stop_pid "$MAILER_PID"
stop_pid "$SINK_PID"

# --- 2. two mailers, one outbox ------------------------------------------------
# The claim is a conditional UPDATE (a lease), not a row lock, so that it
# holds across the nodes of a Galera cluster too; here both mailers race
# for the same rows on one server. Each Message-ID must arrive once.

port=$(free_port)
start_sink "$port" "$T_TMP/sink2"
queue s2 500
t0=$(usec)
start_mailer m2a "$port"
a=$MAILER_PID
start_mailer m2b "$port"
b=$MAILER_PID
check "two mailers: all 500 sent within 90 s" wait_until 90 rows_are s2 "sent_at IS NOT NULL" 500
note "two mailers: 500 sent in $(since "$t0") s"
check "two mailers: each of the 500 arrived exactly once" mails_ok "$T_TMP/sink2" s2 500 0
mids=$(cat "$T_TMP"/sink2/*.eml | tr -d '\r' | grep -c "^Message-ID: <$KIND-s2-" || true)
umids=$(cat "$T_TMP"/sink2/*.eml | tr -d '\r' | grep "^Message-ID: <$KIND-s2-" | sort -u | wc -l)
check "two mailers: 500 Message-IDs in the sink, 500 distinct ($mids, $umids)" \
    test "$mids:$umids" = 500:500
check "two mailers: one attempt each" rows_are s2 "attempts = 1" 500
check "two mailers: no claim left running" rows_are s2 "claim_until IS NOT NULL" 0
na=$(grep -c "sent to s2-" "$T_TMP/m2a.log" || true)
nb=$(grep -c "sent to s2-" "$T_TMP/m2b.log" || true)
note "two mailers: shares $na + $nb"
check "two mailers: both took a share, together 500 ($na + $nb)" \
    bash -c '[ "$0" -gt 0 ] && [ "$1" -gt 0 ] && [ $(($0 + $1)) -eq 500 ]' "$na" "$nb"
ida=$(sed -n 's/.* as \([^ ]*:[0-9]*:[0-9a-f]*\)$/\1/p' "$T_TMP/m2a.log" | head -1)
check "two mailers: each row names the mailer that sent it ($ida: $na)" \
    rows_are s2 "claimed_by = '$ida'" "$na"
stop_pid "$a"
stop_pid "$b"

# --- 3. SIGKILL mid-queue --------------------------------------------------------
# The window: a mail the MTA took but whose row was not yet marked sent is
# sent again. A duplicate is allowed, not required; but there must be
# exactly as many as mails the sink held and the outbox did not record.

stop_pid "$SINK_PID"
port=$(free_port)
start_sink "$port" "$T_TMP/sink3"
# Enough mail that the kill lands mid-queue on a busy machine too: the
# claim commits before the SMTP session, so a mailer goes fast.
N3=400
queue s3 $N3
# A short lease: the mail it holds when killed is taken again soon.
start_mailer m3a "$port" --lease 3
a=$MAILER_PID
for _ in $(seq 1500); do	# at most 30 s
	[ "$(files_in "$T_TMP/sink3")" -ge 20 ] && break
	sleep 0.02
done
disown "$a"	# no "Killed" line in the log
kill -9 "$a"
wait_until 5 gone "$a"
sleep 0.3	# the sink may still be storing the mail in hand
at_kill=$(delivered "$T_TMP/sink3" s3)
sent_at_kill=$(rows s3 "sent_at IS NOT NULL")
ida=$(sed -n 's/.* as \([^ ]*:[0-9]*:[0-9a-f]*\)$/\1/p' "$T_TMP/m3a.log" | head -1)
held=$(sql "SELECT GROUP_CONCAT(id) FROM outbox WHERE kind = '$KIND-s3' AND sent_at IS NULL AND claimed_by = '$ida'")
[ "$held" = NULL ] && held=
note "SIGKILL: the killed mailer ($ida) held ${held:-no mail}"
check "SIGKILL: it held at most one claim" \
    bash -c '[ "$(echo "$0" | tr , "\n" | grep -c .)" -le 1 ]' "$held"
note "SIGKILL: $at_kill delivered, $sent_at_kill marked sent when killed"
check "SIGKILL: killed mid-queue ($at_kill of $N3 delivered)" \
    bash -c '[ "$0" -ge 20 ] && [ "$0" -lt "$1" ]' "$at_kill" "$N3"
t0=$(usec)
start_mailer m3b "$port"
check "SIGKILL: a new mailer sends the rest within 30 s" wait_until 30 rows_are s3 "sent_at IS NOT NULL" "$N3"
note "SIGKILL: the rest sent in $(since "$t0") s"
check "SIGKILL: every mail arrived, at most one twice" mails_ok "$T_TMP/sink3" s3 "$N3" 1
note "SIGKILL: $DUPS duplicate(s)"
check "SIGKILL: duplicates are the mails taken but not recorded ($DUPS = $at_kill - $sent_at_kill)" \
    test "$DUPS" = $((at_kill - sent_at_kill))
check "SIGKILL: every row sent in one attempt" rows_are s3 "attempts = 1" "$N3"
if [ -n "$held" ]; then
	idb=$(sed -n 's/.* as \([^ ]*:[0-9]*:[0-9a-f]*\)$/\1/p' "$T_TMP/m3b.log" | head -1)
	check "SIGKILL: the mail held went to the other mailer once the lease ran out" \
	    test "$(sql "SELECT claimed_by FROM outbox WHERE id = $held AND sent_at IS NOT NULL")" = "$idb"
	hid=$(sql "SELECT SUBSTRING_INDEX(rcpt, '@', 1) FROM outbox WHERE id = $held")
	n=$(ids_in "$T_TMP/sink3" s3 | grep -cx "$KIND-$hid" || true)
	check "SIGKILL: the mail held arrived ($n), twice only if the MTA had it already" \
	    bash -c '[ "$0" -ge 1 ] && [ "$0" -le 2 ]' "$n"
fi
stop_pid "$MAILER_PID"
stop_pid "$SINK_PID"

# --- 3c. killed while it holds a claim: the lease runs out, another sends it ----------
# An MTA that accepts the connection and never greets keeps the mailer in
# its SMTP session with the claim in hand, so the kill surely lands there.

silent=$(free_port)
cat >"$T_TMP/silent.py" <<'PYEOF'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(8)
print("READY", flush=True)
held = []
while True:
    held.append(s.accept()[0])
PYEOF
"$PY" "$T_TMP/silent.py" "$silent" >"$T_TMP/silent.log" 2>&1 &
silent_pid=$!
OWN+=("$silent_pid")
wait_until 10 grep -q READY "$T_TMP/silent.log"
queue s3c 1
start_mailer m3c "$silent" --lease 3
a=$MAILER_PID
check "a silent MTA: the mailer holds the claim" \
    wait_until 10 rows_are s3c "claimed_by IS NOT NULL AND claim_until > NOW(6) AND sent_at IS NULL" 1
disown "$a"
kill -9 "$a"
wait_until 5 gone "$a"
stop_pid "$silent_pid"
ida=$(sed -n 's/.* as \([^ ]*:[0-9]*:[0-9a-f]*\)$/\1/p' "$T_TMP/m3c.log" | head -1)
check "killed: the claim is still the dead mailer's" rows_are s3c "claimed_by = '$ida' AND sent_at IS NULL" 1
port=$(free_port)
start_sink "$port" "$T_TMP/sink3c"
t0=$(usec)
start_mailer m3d "$port"
check "another mailer sends it once the lease ran out (within 10 s)" \
    wait_until 10 rows_are s3c "sent_at IS NOT NULL" 1
note "lease: the held mail sent $(since "$t0") s after the other mailer started"
check "the held mail arrived once" mails_ok "$T_TMP/sink3c" s3c 1 0
check "the row names the mailer that sent it" \
    rows_are s3c "claimed_by <> '$ida' AND claimed_by IS NOT NULL" 1
stop_pid "$MAILER_PID"
stop_pid "$SINK_PID"

# --- 3b. SIGTERM mid-queue: finishes the mail in hand, loses nothing -------------

port=$(free_port)
start_sink "$port" "$T_TMP/sink3t"
queue s3t 300
start_mailer m3t "$port"
for _ in $(seq 1500); do
	[ "$(files_in "$T_TMP/sink3t")" -ge 10 ] && break
	sleep 0.02
done
t0=$(usec)
kill -TERM "$MAILER_PID"
check "SIGTERM while busy: exits within 5 s" wait_until 5 gone "$MAILER_PID"
note "SIGTERM while busy: exited in $(since "$t0") s"
rc=0
alive "$MAILER_PID" || { wait "$MAILER_PID"; rc=$?; }
check "SIGTERM while busy: status 0 ($rc)" test "$rc" = 0
n=$(delivered "$T_TMP/sink3t" s3t)
note "SIGTERM while busy: stopped after $n of 300"
check "SIGTERM while busy: stopped mid-queue ($n of 300)" \
    bash -c '[ "$0" -ge 10 ] && [ "$0" -lt 300 ]' "$n"
check "SIGTERM while busy: what arrived is what is marked sent ($n)" rows_are s3t "sent_at IS NOT NULL" "$n"
check "SIGTERM while busy: each at most once" mails_ok_partial "$T_TMP/sink3t" s3t
# A SIGTERM must not land inside a delivery (it did, once in about twenty
# runs, failing the attempt with "Interrupted system call"): the mailer
# blocks it while a message is being handed over.
interrupted=$(sql "SELECT CONCAT(COUNT(*), ' ', IFNULL(MAX(last_error), '')) FROM outbox WHERE kind = '$KIND-s3t' AND sent_at IS NULL AND attempts > 0")
note "SIGTERM while busy: failed attempts: $interrupted"
check "SIGTERM while busy: no attempt failed" rows_are s3t "sent_at IS NULL AND attempts > 0" 0
sql "DELETE FROM outbox WHERE kind = '$KIND-s3t' AND sent_at IS NULL"
stop_pid "$SINK_PID"

# --- 4. refusals -----------------------------------------------------------------
# A server that answers 550 to RCPT TO, 450 to RCPT TO for recipients
# temp-*, 550 to MAIL FROM for the sender bad-sender@localhost, and to
# DATA after no accepted recipient 554 as Postfix does. It logs what the
# client sent.

cat >"$T_TMP/refuser.py" <<'PY'
import socket, sys, threading
port, log = int(sys.argv[1]), open(sys.argv[2], "a", buffering=1)
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port))
srv.listen(16)
print("READY", flush=True)

def serve(c):
    f = c.makefile("rb")
    say = lambda s: c.sendall(s.encode() + b"\r\n")
    say("220 refuser ESMTP")
    for line in f:
        line = line.decode("ascii", "replace").rstrip("\r\n")
        verb = line[:4].upper()
        log.write(line + "\n")
        if verb in ("EHLO", "HELO"):
            say("250 refuser")
        elif verb == "MAIL":
            if "<bad-sender@" in line:
                say("550 5.7.1 sender refused")
            else:
                say("250 2.1.0 ok")
        elif verb == "RCPT":
            if "<temp-" in line:
                say("450 4.2.1 mailbox busy, try later")
            else:
                say("550 5.1.1 no such user here")
        elif verb == "DATA":
            say("554 5.5.1 Error: no valid recipients")
        elif verb in ("RSET", "NOOP"):
            say("250 2.0.0 ok")
        elif verb == "QUIT":
            say("221 2.0.0 bye")
            break
        else:
            say("500 5.5.2 what")
    c.close()

while True:
    c, _ = srv.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
port=$(free_port)
"$PY" "$T_TMP/refuser.py" "$port" "$T_TMP/refuser.txt" >"$T_TMP/refuser.log" 2>&1 &
refuser=$!
OWN+=("$refuser")
check "the refusing server starts" wait_until 10 grep -q READY "$T_TMP/refuser.log"
queue s4 1
RCPT_PREFIX=temp queue s4t 1
queue s4m 1
sql "UPDATE outbox SET mail_from = 'bad-sender@localhost' WHERE kind = '$KIND-s4m'"
start_mailer m4 "$port"
check "RCPT 550: marked failed within 10 s" wait_until 10 rows_are s4 "failed_at IS NOT NULL" 1
note "RCPT 550: last_error '$(sql "SELECT last_error FROM outbox WHERE kind = '$KIND-s4'")'"
check "RCPT 550: last_error names the 550" rows_are s4 "last_error LIKE 'RCPT 550 %'" 1
check "RCPT 550: not sent" rows_are s4 "sent_at IS NULL" 1
wait_until 10 rows_are s4t "attempts >= 2 OR failed_at IS NOT NULL" 1
wait_until 10 rows_are s4m "attempts >= 2 OR failed_at IS NOT NULL" 1
sleep 1.5	# a retry would come 1 s after the first attempt
check "RCPT 550: tried once, never again" rows_are s4 "attempts = 1" 1
check "RCPT 550: the server saw one RCPT for it" \
    test "$(grep -ci "^RCPT TO:<s4-1@$DOMAIN>" "$T_TMP/refuser.txt")" = 1
note "RCPT 450: attempts $(sql "SELECT attempts FROM outbox WHERE kind = '$KIND-s4t'"), failed $(rows s4t "failed_at IS NOT NULL"), last_error '$(sql "SELECT last_error FROM outbox WHERE kind = '$KIND-s4t'")'"
note "MAIL 550: attempts $(sql "SELECT attempts FROM outbox WHERE kind = '$KIND-s4m'"), failed $(rows s4m "failed_at IS NOT NULL"), last_error '$(sql "SELECT last_error FROM outbox WHERE kind = '$KIND-s4m'")'"
# libesmtp sends DATA even when every RCPT was refused, so the verdict
# comes from MAIL FROM and RCPT first: a temporary refusal (450:
# greylisting) is retried, a permanent one (550 to MAIL) ends the mail.
check "RCPT 450: retried, not given up" rows_are s4t "attempts >= 2 AND failed_at IS NULL AND sent_at IS NULL" 1
check "RCPT 450: last_error names the 450" rows_are s4t "last_error LIKE '%450%'" 1
check "MAIL 550: given up at once" rows_are s4m "failed_at IS NOT NULL AND attempts = 1" 1
check "MAIL 550: last_error names the 550" rows_are s4m "last_error LIKE '%550%'" 1
stop_pid "$MAILER_PID"
stop_pid "$refuser"
sql "DELETE FROM outbox WHERE kind IN ('$KIND-s4t', '$KIND-s4m')"

# --- 5. the retry period runs out --------------------------------------------------

port=$(free_port)	# no server
pending=$(foreign_pending)
if [ "$pending" = 0 ]; then
	queue s5 1 3	# queued 3 s ago
	rc=0
	timeout 30 "$MAILER" --db "$SMIME_TEST_APP_DB" --starttls no \
	    --smtp "127.0.0.1:$port" --retry-base 1 --interval 1 --give-up 2 \
	    --once 2>>"$T_TMP/m5.log" || rc=$?
	check "give up: --once exits 0 ($rc)" test "$rc" = 0
	check "give up: a mail older than --give-up fails at its next attempt" \
	    rows_are s5 "failed_at IS NOT NULL AND sent_at IS NULL AND attempts = 1" 1
	note "give up: last_error '$(sql "SELECT last_error FROM outbox WHERE kind = '$KIND-s5'")'"
	check "give up: with the error" rows_are s5 "last_error IS NOT NULL" 1
	queue s5f 1	# fresh: retried until it is 2 s old
	t0=$(usec)
	start_mailer m5 "$port" --give-up 2
	check "give up: a fresh mail fails once 2 s old (within 15 s)" \
	    wait_until 15 rows_are s5f "failed_at IS NOT NULL" 1
	note "give up: fresh mail failed after $(since "$t0") s, $(sql "SELECT attempts FROM outbox WHERE kind = '$KIND-s5f'") attempts"
	check "give up: after retrying first" rows_are s5f "attempts >= 2" 1
	check "give up: failed no earlier than 2 s after queueing" \
	    rows_are s5f "failed_at >= created_at + INTERVAL 2 SECOND" 1
	stop_pid "$MAILER_PID"
else
	note "give up: skipped, $pending earlier mails pending (a --give-up 2 mailer would fail them)"
fi

# --- 6. options ----------------------------------------------------------------------

"$MAILER" --help >"$T_TMP/help" 2>&1
check "--help exits 0" test $? = 0
for o in --smtp --starttls --password-file --db --give-up --retry-base --once --lease; do
	check "--help lists $o" grep -q -- "$o" "$T_TMP/help"
done
"$MAILER" --db x --no-such-option >/dev/null 2>&1
check "an unknown option exits 2" test $? = 2
"$MAILER" --db x --starttls maybe >/dev/null 2>&1
check "a bad --starttls exits 2" test $? = 2
"$MAILER" --db x --retry-base 0 >/dev/null 2>&1
check "--retry-base 0 exits 2" test $? = 2
"$MAILER" --db x --give-up soon >/dev/null 2>&1
check "--give-up soon exits 2" test $? = 2
"$MAILER" --db x --lease 0 >/dev/null 2>&1
check "--lease 0 exits 2" test $? = 2
env -u SMIME_DB "$MAILER" >/dev/null 2>&1
check "no database exits 2" test $? = 2
"$MAILER" --db x --user u >/dev/null 2>&1
check "--user without --password-file exits 2" test $? = 2

# --- 7. SIGTERM when idle ------------------------------------------------------------

port=$(free_port)
start_mailer m7 "$port" --interval 30	# asleep for 30 s between polls
wait_until 10 grep -q "delivering to" "$T_TMP/m7.log"
sleep 1	# past its first poll, asleep
t0=$(usec)
kill -TERM "$MAILER_PID"
check "SIGTERM when idle: exits within 5 s (interval 30)" wait_until 5 gone "$MAILER_PID"
note "SIGTERM when idle: exited in $(since "$t0") s"
rc=0
alive "$MAILER_PID" || { wait "$MAILER_PID"; rc=$?; }
check "SIGTERM when idle: status 0 ($rc)" test "$rc" = 0
check "SIGTERM when idle: logs that it stopped" grep -q stopped "$T_TMP/m7.log"

# --- the stack's mailer is back and delivers -----------------------------------------

restart_stack_mailer
queue s9 1
check "the stack's mailer is back: a mail reaches the stack's sink within 10 s" \
    wait_until 10 rows_are s9 "sent_at IS NOT NULL" 1
check "the stack's sink holds it once" mails_ok "$SMIME_TEST_STATE/mail" s9 1 0
note "took $(since "$T_START") s"

done_testing
