#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bench/pam.sh - pam_atelier: the time of a login (account +
# open_session in one process, through pam_wrapper) and of a logout
# (close_session), each next to a bare libpq connect + one trivial query +
# disconnect measured in the same run, alternately; and, with the database
# unreachable, the delay a login gets.  Each call is timed inside its process
# (tests/pam/pamdrive.c, tests/bench/pqconnect.c), so process start-up is not
# counted on either side.  Then, what a login costs end to end, as a display
# manager sees it: loading pam_atelier.so (a fresh process dlopen()s it,
# tests/bench/dlload.c, next to loading libpq alone, the floor), and the wall
# time of a whole pamtester login (acct_mgmt + open_session) with a server that
# accepts and never answers, for timeout_ms 300 and 1000, median and worst,
# next to timeout_ms.  Prints figures; never fails on a missed target.
# Starts its own throwaway cluster.  Two variants, with the login and logout rows only:
#   BENCH_PG_OPTION=shared_preload_libraries=plpgsql   the server loads PL/pgSQL once,
#                                     at its start, instead of in each new connection;
#   BENCH_PAM_POOLER=pgbouncer        the module connects through PgBouncer in session
#                                     mode, which keeps server backends from one login to
#                                     the next (the baseline still connects directly).
set -uo pipefail
. "$(dirname "$0")/common.sh"
bench_in_cluster "$0" "$@"
cd "$TOP" || exit 1

ROUNDS=${BENCH_ROUNDS:-31}
MULTIARCH=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
TIMEOUT_MS=300
T=$(mktemp -d /tmp/atelier-bench-pam.XXXXXX)
SILENT= POOLER_PID=
cleanup() {
	[ -n "$SILENT" ] && kill "$SILENT" 2>/dev/null
	[ -n "$POOLER_PID" ] && kill "$POOLER_PID" 2>/dev/null && wait "$POOLER_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

make -s build/pam_atelier.so >/dev/null || exit 1
cc -O2 -o "$T/pamdrive" tests/pam/pamdrive.c -lpam || exit 1
cc -O2 -o "$T/pqconnect" tests/bench/pqconnect.c $(pkg-config --cflags --libs libpq) || exit 1
cc -O2 -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE -o "$T/dlload" tests/bench/dlload.c -ldl || exit 1

# A workstation role with its password file, a free PC, a key file.
DB=atelier_bench
(umask 077 && openssl rand -hex 32 >"$T/secret")
{
	bench_fresh_db "$DB" && bench_login_role "$DB" bench_ws atelier_workstation "$T/pgpass" &&
	psql -X -q -v ON_ERROR_STOP=1 -d "$DB" <<'SQL'
SELECT atelier.site_upsert('BENCH', 'Bench', 'Bench', 'Europe/Paris') \g /dev/null
SELECT atelier.workstation_upsert('bench-pc01', 'BENCH') \g /dev/null
SQL
} >"$T/setup.log" 2>&1 || { cat "$T/setup.log"; exit 1; }

SILENT_PORT_FILE=$T/silent.port
python3 -c '
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(128)
print(s.getsockname()[1], flush=True)
kept = []
while True:
    c, _ = s.accept(); kept.append(c)
' >"$SILENT_PORT_FILE" &
SILENT=$!
for _ in $(seq 50); do [ -s "$SILENT_PORT_FILE" ] && break; sleep 0.1; done

# free_port: a TCP port nobody listens on now.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# start_pgbouncer: PgBouncer in session mode in front of the cluster, on a port
# of its own (in $BENCH_PORT), with the workstation role's password (the line
# bench_login_role wrote in $T/pgpass holds for any port); as root it runs as
# postgres (it refuses root), from a directory of its own.
start_pgbouncer() {
	local dir=$T/pgbouncer
	BENCH_PORT=$(free_port) || return 1
	# The role's SCRAM verifier, as an administrator would copy it from pg_authid:
	# PgBouncer then checks a login's proof without deriving the key again.
	mkdir -p "$dir" && chmod 711 "$T" &&
		psql -X -q -At -d "$DB" -c "SELECT format('\"%s\" \"%s\"', rolname, rolpassword)
		                             FROM pg_authid WHERE rolname = 'bench_ws'" >"$dir/users.txt" ||
		return 1
	cat >"$dir/pgbouncer.ini" <<INI
[databases]
$DB = host=127.0.0.1 port=$PGPORT dbname=$DB
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BENCH_PORT
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/users.txt
pool_mode = session
server_reset_query = DISCARD ALL
logfile = $dir/pgbouncer.log
INI
	chmod 600 "$dir/users.txt"
	if [ "$(id -u)" -eq 0 ]; then
		chown -R postgres "$dir" || return 1
		pgbouncer -u postgres "$dir/pgbouncer.ini" >/dev/null 2>&1 &
	else
		pgbouncer "$dir/pgbouncer.ini" >/dev/null 2>&1 &
	fi  # (it writes the same lines to its logfile, shown if it fails)
	POOLER_PID=$!
	for _ in $(seq 50); do
		kill -0 "$POOLER_PID" 2>/dev/null || { cat "$dir/pgbouncer.log" 2>/dev/null; return 1; }
		pg_isready -q -h 127.0.0.1 -p "$BENCH_PORT"
		[ $? -ne 2 ] && return 0
		sleep 0.1
	done
	return 1
}
BENCH_PORT=$PGPORT
if [ "${BENCH_PAM_POOLER:-}" = pgbouncer ]; then
	start_pgbouncer || { echo "   PgBouncer did not start"; exit 1; }
fi

# [direct] is the baseline's way to the cluster; [bench] the module's (through
# PgBouncer in that variant); [silent] a server that never answers.
cat >"$T/pg_service.conf" <<EOF
[direct]
hostaddr=127.0.0.1
port=$PGPORT
dbname=$DB
user=bench_ws
passfile=$T/pgpass
[bench]
hostaddr=127.0.0.1
port=$BENCH_PORT
dbname=$DB
user=bench_ws
passfile=$T/pgpass
[silent]
hostaddr=127.0.0.1
port=$(cat "$SILENT_PORT_FILE")
dbname=$DB
user=bench_ws
passfile=$T/pgpass
EOF
mkdir -p "$T/pam.d"
printf 'account required pam_deny.so\nsession required pam_deny.so\n' >"$T/pam.d/other"
for s in bench silent; do
	opts="service=$s workstation=bench-pc01 secret=$T/secret spool=$T/spool-$s timeout_ms=$TIMEOUT_MS"
	printf 'account required %s %s\nsession optional %s %s\n' \
		"$TOP/build/pam_atelier.so" "$opts" "$TOP/build/pam_atelier.so" "$opts" >"$T/pam.d/$s"
done
# The whole-login figures: the silent server with two budgets, and the same
# pamtester and pam_wrapper with pam_permit alone.
SILENT_BUDGETS="300 1000"
for ms in $SILENT_BUDGETS; do
	opts="service=silent workstation=bench-pc01 secret=$T/secret spool=$T/spool-silent$ms timeout_ms=$ms"
	printf 'account required %s %s\nsession optional %s %s\n' \
		"$TOP/build/pam_atelier.so" "$opts" "$TOP/build/pam_atelier.so" "$opts" >"$T/pam.d/silent$ms"
done
printf 'account required pam_permit.so\nsession required pam_permit.so\n' >"$T/pam.d/permit"

in_env() {
	env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD -u PGDATABASE -u LD_LIBRARY_PATH \
		PGSERVICEFILE="$T/pg_service.conf" "$@"
}
drive() {  # drive SERVICE USER OPERATION...: pamdrive through pam_wrapper
	in_env LD_PRELOAD="/usr/lib/$MULTIARCH/libpam_wrapper.so" PAM_WRAPPER=1 \
		PAM_WRAPPER_SERVICE_DIR="$T/pam.d" "$T/pamdrive" -u "$2" "$1" "${@:3}"
}
# The sum of the times of the named calls in pamdrive's output, one line.
ms_of() { awk -F'ms=' -v ops="$1" '{split($1, a, ":")} index(" " ops " ", " " a[1] " ") {s += $2} END {printf "%.3f\n", s}'; }

: >"$T/login"; : >"$T/logout"; : >"$T/bare"; : >"$T/down"; : >"$T/acct"; : >"$T/open"
# Warm up: the first connection of a cluster pays for caches.
in_env "$T/pqconnect" service=direct 3 >/dev/null
drive bench warmup acct_mgmt open_session close_session >/dev/null
for i in $(seq "$ROUNDS"); do
	in_env "$T/pqconnect" service=direct 1 | sed -n 's/^ms=//p' >>"$T/bare"
	out=$(drive bench "user$i" acct_mgmt open_session close_session) || { echo "$out"; exit 1; }
	ms_of "acct_mgmt open_session" <<<"$out" >>"$T/login"
	ms_of "acct_mgmt" <<<"$out" >>"$T/acct"
	ms_of "open_session" <<<"$out" >>"$T/open"
	ms_of "close_session" <<<"$out" >>"$T/logout"
done
for i in $(seq 5); do
	out=$(drive silent "down$i" acct_mgmt open_session)
	ms_of "acct_mgmt open_session" <<<"$out" >>"$T/down"
done

bare=$(bench_median "$T/bare")
login=$(bench_median "$T/login")
logout=$(bench_median "$T/logout")
down=$(bench_median "$T/down")
row() {  # row FIGURE VALUE BASELINE TARGET_RATIO | row FIGURE VALUE - TARGET_MS
	local ratio
	if [ "$3" = - ]; then
		bench_row "$1" "$2 ms" - - "<= $4 ms" "$(bench_le "$2" "$4")"
	else
		ratio=$(bench_ratio "$2" "$3")
		bench_row "$1" "$2 ms" "$3 ms connect" "$ratio" "<= $4" "$(bench_le "$ratio" "$4")"
	fi
}
echo "   pam_atelier, median of $ROUNDS rounds (timeout_ms=$TIMEOUT_MS); baseline: libpq connect + SELECT 1 + finish"
echo "   a login is acct_mgmt (connect, check the PC's bookings) $(bench_median "$T/acct") ms" \
	"+ open_session (record the start) $(bench_median "$T/open") ms"
# A variant: the same logins set up otherwise, and only the two ratios.
variant=
[ -n "${BENCH_PG_OPTION:-}" ] && variant="server with ${BENCH_PG_OPTION#*=} preloaded"
[ -n "${BENCH_PAM_POOLER:-}" ] && variant="through $BENCH_PAM_POOLER (session mode)"
if [ -n "$variant" ]; then
	row "pam: login, $variant" "$login" "$bare" 1.3
	row "pam: logout, $variant" "$logout" "$bare" 1.3
	exit 0
fi
row "pam: login (acct_mgmt + open_session)" "$login" "$bare" 1.3
row "pam: logout (close_session)" "$logout" "$bare" 1.3
row "pam: login, database silent (delay added)" "$down" - $((TIMEOUT_MS + 20))

# ------------------------------------------------ a login end to end

# Loading the module into a fresh process, next to loading libpq alone (what
# the module cannot do without); alternately, ROUNDS times each.
: >"$T/load"; : >"$T/loadpq"
LIBPQ=$(pkg-config --variable=libdir libpq)/libpq.so.5
for i in $(seq "$ROUNDS"); do
	"$T/dlload" "$TOP/build/pam_atelier.so" 1 | sed -n 's/^ms=//p' >>"$T/load"
	"$T/dlload" "$LIBPQ" 1 | sed -n 's/^ms=//p' >>"$T/loadpq"
done
echo "   loading pam_atelier.so into a fresh process ($(ldd "$TOP/build/pam_atelier.so" | wc -l) shared objects)," \
	"median of $ROUNDS; baseline: libpq.so.5 alone ($(ldd "$LIBPQ" | wc -l) shared objects)"
load=$(bench_median "$T/load")
loadpq=$(bench_median "$T/loadpq")
bench_row "pam: load pam_atelier.so (dlopen)" "$load ms" "$loadpq ms libpq" "$(bench_ratio "$load" "$loadpq")" - -

# The wall time of pamtester (under pam_wrapper) for a whole login with the
# server silent: what the person waits, process start-up and module loading
# included.  SILENT_ROUNDS of each budget, alternately, and of pam_permit alone.
SILENT_ROUNDS=${BENCH_PAM_SILENT_ROUNDS:-11}
pamtester_login() {  # pamtester_login NAME SERVICE USER: one run, timed by runstat
	bench_run "$1" env -u PGHOST -u PGPORT -u PGUSER -u PGPASSWORD -u PGDATABASE -u LD_LIBRARY_PATH \
		PGSERVICEFILE="$T/pg_service.conf" LD_PRELOAD="/usr/lib/$MULTIARCH/libpam_wrapper.so" \
		PAM_WRAPPER=1 PAM_WRAPPER_SERVICE_DIR="$T/pam.d" pamtester "$2" "$3" acct_mgmt open_session
}
# ms_list FILE: seconds, one a line, as whole milliseconds.
ms_list() { awk '{printf "%d\n", $1 * 1000 + 0.5}' "$1"; }
if command -v pamtester >/dev/null; then
	for i in $(seq "$SILENT_ROUNDS"); do
		pamtester_login permit permit "permit$i" || exit 1
		for ms in $SILENT_BUDGETS; do
			pamtester_login "silent$ms" "silent$ms" "mute$ms-$i" || exit 1
		done
	done
	ms_list "$T/permit.s" >"$T/permit.ms"
	echo "   a whole login through pamtester (acct_mgmt + open_session), database silent:" \
		"wall time, median and worst of $SILENT_ROUNDS; pamtester with pam_permit alone:" \
		"$(bench_median "$T/permit.ms") ms (worst $(bench_max "$T/permit.ms"))"
	for ms in $SILENT_BUDGETS; do
		ms_list "$T/silent$ms.s" >"$T/silent$ms.ms"
		med=$(bench_median "$T/silent$ms.ms")
		bench_row "pam: pamtester login, db silent, timeout_ms=$ms" \
			"$med ms, max $(bench_max "$T/silent$ms.ms")" "$ms ms timeout_ms" "$(bench_ratio "$med" "$ms")" - -
	done
else
	echo "   (pamtester is not installed: no whole-login figures)"
fi
