#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Faults: the database down, a server that accepts the connection and never
# answers, a statement held up by a lock (statement timeout, nothing
# half-done), the PAM service broken, the secret file too open or missing,
# the extension not installed.
. "$(dirname "$0")/lib.sh"
it_begin
it_fixtures

UNREACHABLE="The atelier database cannot be reached."
CONNECT_TIMEOUT_MS=5000   # the library's default connect timeout

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

login marie Marie-pw-1
atl workshop add EMAIL "Découvrir l'e-mail" --minutes 120 --theme email
atl session schedule EMAIL --site BIB1 --start "2030-05-06 10:00" --capacity 8
S=$(su_sql "SELECT max(id) FROM atelier.session")

# --- the database down: nothing listens on the port
port=$(free_port)
atl --db "service=atelier port=$port" ticket list
expect_rc 3 "database down: exit 3"
expect_err "$UNREACHABLE" "database down: one clear sentence"
expect_true "database down: libpq's own words on the third line" \
	bash -c "sed -n 3p '$ERR' | grep -q 'Connection refused'"
expect_true "database down: answered at once (< connect timeout + 2 s)" \
	test "$ELAPSED_MS" -lt $((CONNECT_TIMEOUT_MS + 2000))
atl_stdin Marie-pw-1 --db "service=atelier port=$port" login marie --password-stdin
expect_rc 3 "database down, at login: exit 3"
expect_err "$UNREACHABLE" "database down, at login: the same sentence"

# --- a server that accepts the connection and never answers
python3 -u -c '
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 0))
s.listen(16)
print(s.getsockname()[1])
held = []
s.settimeout(120)
while True:
    try:
        c, _ = s.accept()
    except socket.timeout:
        break
    held.append(c)
' >"$T/blackhole.port" 2>/dev/null &
blackhole=$!
bg_track "$blackhole"
for _ in $(seq 50); do
	[ -s "$T/blackhole.port" ] && break
	sleep 0.1
done
port=$(cat "$T/blackhole.port")
atl --db "service=atelier host=127.0.0.1 port=$port" ticket list
expect_rc 3 "a server that never answers: exit 3"
expect_err "$UNREACHABLE" "a server that never answers: one clear sentence"
expect_true "a server that never answers: given up within the connect timeout (+ 2 s)" \
	test "$ELAPSED_MS" -lt $((CONNECT_TIMEOUT_MS + 2000))
kill "$blackhole" 2>/dev/null
wait "$blackhole" 2>/dev/null

# --- a statement held up by a lock: the statement timeout, nothing half-done
PGHOST=$SU_PGHOST PGPORT=$SU_PGPORT PGUSER=$SU_PGUSER PGPASSWORD=$SU_PGPASSWORD \
PGAPPNAME=it_locker psql -X -q -d "$DB" >/dev/null 2>&1 <<-'EOF' &
	BEGIN;
	LOCK TABLE atelier.booking IN ACCESS EXCLUSIVE MODE;
	SELECT pg_sleep(120);
	EOF
locker=$!
bg_track "$locker"
for _ in $(seq 100); do
	[ "$(su_sql "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
	              WHERE c.relname = 'booking' AND l.mode = 'AccessExclusiveLock' AND l.granted")" = 1 ] && break
	sleep 0.1
done
atl book "$S" --pcs 2
expect_rc 3 "a statement held up by a lock: exit 3 (statement timeout)"
expect_true "the statement timeout answers within 15 s (+ 5 s)" test "$ELAPSED_MS" -lt 20000
su_sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'it_locker'" >/dev/null
wait "$locker" 2>/dev/null
expect_sql "SELECT count(*) FROM atelier.booking" 0 "statement timeout: nothing half-done"
atl book "$S" --pcs 2
expect_rc 0 "once the lock is gone, the same booking works"

# --- the PAM service cannot work (its password file is gone)
cp "$T/pam.d/atelier" "$T/pam.atelier.saved"
sed -i "s|passdb=[^ ]*|passdb=$T/nosuchfile|" "$T/pam.d/atelier"
atl_stdin Marie-pw-1 login marie --password-stdin
expect_rc 3 "PAM service down: exit 3"
expect_err "The login service is not available right now." "PAM service down: says so"
cp "$T/pam.atelier.saved" "$T/pam.d/atelier"

# --- the secret file
chmod 0644 "$T/secret"
atl enrol "$S" CARD-01
expect_rc 2 "secret file readable by others: exit 2"
expect_err "is accessible by other users" "secret file readable by others: the library's sentence"
expect_sql "SELECT count(*) FROM atelier.enrolment" 0 "secret file refused: nothing stored"
chmod 0600 "$T/secret"
ATELIER_SECRET=$T/nosuchsecret atl ticket open --site BIB1 --theme email --person CARD-01
expect_rc 2 "secret file missing: exit 2"
expect_err "does not exist" "secret file missing: says so"
atl --secret "$T/secret" enrol "$S" CARD-01
expect_rc 0 "--secret FILE with a 0600 file"

# --- the database refuses the credentials; the extension is missing
cp "$PGPASSFILE" "$T/pgpass.saved"
sed -i "s/:$IT_DESK_PW\$/:not-the-password/" "$PGPASSFILE"
atl ticket list
expect_rc 4 "the database refuses the desk's password: exit 4 (atelier_open documents ATELIER_E_AUTH)"
expect_no_err "cannot be reached" "the database refuses the password: not called unreachable"
expect_no_err "not-the-password" "the database password is not printed"
cp "$T/pgpass.saved" "$PGPASSFILE"
atl --db "service=atelier dbname=postgres" ticket list
expect_rc 2 "a database without the extension: exit 2"
expect_err "The atelier extension is not installed" "no extension: says so"
atl logout

it_end
