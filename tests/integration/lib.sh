# SPDX-License-Identifier: GPL-3.0-or-later
# tests/integration/lib.sh - sourced by every tests/integration/t_*.sh.
#
# Each test file gets a fresh database with the extension, a desk machine set
# up the way an administrator sets one up (a libpq service "atelier" in a
# pg_service.conf, the password in a .pgpass, the HMAC secret in a 0600
# file, the PAM service "atelier"), fixtures written through the SQL API by
# the host system's role, and helpers that run the real `atelier` command and
# check what it did.  Results are TAP-like lines ("ok N - ..." /
# "not ok N - ..." followed by "# " diagnostics); tests/integration/run
# numbers them across files through $IT_COUNTER.
#
# Set by tests/integration/run: IT_TOP, IT_ROOT, IT_COUNTER, ATELIER_BIN,
# IT_DESK_ROLE/IT_DESK_PW, IT_ADMIN_ROLE/IT_ADMIN_PW, and the PG* variables
# of the throwaway cluster (its superuser).  IT_VG_BIN names the binary run
# under valgrind (default build/atelier), IT_CMD_TIMEOUT bounds every run.

set -u

IT_NAME=$(basename "$0" .sh)
IT_TOP=${IT_TOP:?run the tests through tests/integration/run}
ATELIER_BIN=${ATELIER_BIN:-$IT_TOP/build/asan/atelier}
. "$IT_TOP/tests/desk-env.sh"
PAM_WRAPPER_LIB=/usr/lib/x86_64-linux-gnu/libpam_wrapper.so
PAM_MATRIX=/usr/lib/x86_64-linux-gnu/pam_wrapper/pam_matrix.so
IT_CMD_TIMEOUT=${IT_CMD_TIMEOUT:-60}

# The superuser of the throwaway cluster, kept aside: the command itself never
# sees these variables, only the service file and the password file.
SU_PGHOST=${PGHOST:-localhost}
SU_PGPORT=${PGPORT:-5432}
SU_PGUSER=${PGUSER:-postgres}
SU_PGPASSWORD=${PGPASSWORD:-}
unset PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGSERVICE PGOPTIONS PGCONNECT_TIMEOUT
unset LC_ALL LC_MESSAGES LANGUAGE ATELIER_DB ATELIER_SITE ATELIER_LOCALEDIR

T=$(mktemp -d "$IT_ROOT/$IT_NAME.XXXXXX")
DB=it_${IT_NAME#t_}
IT_BG_PIDS=()
RC=0
OUT=$T/out
ERR=$T/err
ELAPSED_MS=0
LAST_CMD=
SAN_REPORT=

# ---------------------------------------------------------------- TAP output

_tap_number() {
	local n
	n=$(($(cat "$IT_COUNTER") + 1))
	echo "$n" >"$IT_COUNTER"
	echo "$n"
}

diag() {
	printf '%s\n' "$@" | sed 's/^/#   /'
}

pass() {
	echo "ok $(_tap_number) - $IT_NAME: $1"
}

# fail DESCRIPTION [DIAGNOSTIC LINE]...
fail() {
	local desc=$1
	shift
	echo "not ok $(_tap_number) - $IT_NAME: $desc"
	[ $# -eq 0 ] || diag "$@"
}

# What the last command did, for a failure's diagnostic.
_last_run() {
	diag "command: atelier $LAST_CMD" "exit code: $RC (after ${ELAPSED_MS} ms)"
	echo "#   stdout:"
	[ -e "$OUT" ] && head -c 3000 "$OUT" | sed 's/^/#     /'
	echo "#   stderr:"
	[ -e "$ERR" ] && head -c 3000 "$ERR" | sed 's/^/#     /'
	if [ -n "$SAN_REPORT" ]; then
		echo "#   sanitizer / valgrind report:"
		printf '%s\n' "$SAN_REPORT" | head -n 60 | sed 's/^/#     /'
	fi
}

# --------------------------------------------------------------- assertions

# expect_rc CODE DESCRIPTION: the last command exited with CODE (one of
# several: "1|4") and no sanitizer or valgrind complained.
expect_rc() {
	local want=$1 desc=$2
	if [[ "|$want|" == *"|$RC|"* ]] && [ -z "$SAN_REPORT" ]; then
		pass "$desc"
		return 0
	fi
	fail "$desc" "expected exit code $want"
	_last_run
	return 1
}

# expect_out TEXT DESCRIPTION / expect_err TEXT DESCRIPTION: the last
# command's stdout / stderr holds TEXT (fixed string).
expect_out() {
	if grep -qF -- "$1" "$OUT"; then
		pass "$2"
		return 0
	fi
	fail "$2" "expected on stdout: $1"
	_last_run
	return 1
}

expect_err() {
	if grep -qF -- "$1" "$ERR"; then
		pass "$2"
		return 0
	fi
	fail "$2" "expected on stderr: $1"
	_last_run
	return 1
}

# expect_no_err TEXT DESCRIPTION: stderr does not hold TEXT.
expect_no_err() {
	if ! grep -qF -- "$1" "$ERR" && ! grep -qF -- "$1" "$OUT"; then
		pass "$2"
		return 0
	fi
	fail "$2" "must not appear in the output: $1"
	_last_run
	return 1
}

# expect_sql "SELECT ..." WANT DESCRIPTION: the query (run as superuser in the
# test's database) answers WANT.
expect_sql() {
	local got
	got=$(su_sql "$1" 2>&1)
	if [ "$got" = "$2" ]; then
		pass "$3"
		return 0
	fi
	fail "$3" "query: $1" "expected: $2" "got: $got"
	return 1
}

# expect_true DESCRIPTION COMMAND...: COMMAND succeeds.
expect_true() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		pass "$desc"
		return 0
	fi
	fail "$desc" "failed: $*"
	[ -z "$out" ] || diag "$out"
	return 1
}

# ------------------------------------------------------------------ SQL

# su_sql SQL [psql options]: as the cluster's superuser, in the test's database.
su_sql() {
	local sql=$1
	shift
	PGHOST=$SU_PGHOST PGPORT=$SU_PGPORT PGUSER=$SU_PGUSER PGPASSWORD=$SU_PGPASSWORD \
		psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" "$@" -c "$sql"
}

# admin_sql SQL: as the host system's role, through the service
# "atelier_admin" and the password file, as the host system connects.
admin_sql() {
	psql -X -q -At -v ON_ERROR_STOP=1 "service=atelier_admin" -c "$1"
}

# ------------------------------------------------------------- the command

# The sanitizers' settings, for every run of the ASan build: a report goes to
# a file of $T/san (collected after the run) and exits with 86, a code the
# command never uses.
_san_env() {
	echo "ASAN_OPTIONS=verify_asan_link_order=0:detect_leaks=1:exitcode=86:log_path=$T/san/asan"
	echo "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=86:log_path=$T/san/ubsan"
	echo "LSAN_OPTIONS=suppressions=$IT_TOP/tests/integration/lsan.supp:print_suppressions=0"
}

# The PAM stack of the desk, for the runs that log in: pam_wrapper makes
# libpam read the service "atelier" from $T/pam.d.  pam_wrapper copies it to
# one of the /tmp/pam.X directories that every pam_wrapper user of the machine
# shares (and can clash on), so it is preloaded only where PAM is used.
_pam_env() {
	echo "LD_PRELOAD=$PAM_WRAPPER_LIB"
	echo "PAM_WRAPPER=1"
	echo "PAM_WRAPPER_SERVICE_DIR=$T/pam.d"
	# pam_wrapper loads libpam with RTLD_DEEPBIND, which AddressSanitizer
	# refuses; pam_wrapper 1.1.4 reads this (misnamed) variable to load it
	# without.
	echo "UID_WRAPPER_DISABLE_DEEPBIND=1"
}

# _pam_wrapper_sweep: remove the copies of our service files that pam_wrapper
# left in /tmp/pam.X (a process that exec()s or is killed never runs its
# destructor); ours name $T, and their process is gone.
_pam_wrapper_sweep() {
	local f d pid
	for f in /tmp/pam.?/atelier; do
		[ -e "$f" ] && grep -qF "$T/" "$f" 2>/dev/null || continue
		d=${f%/atelier}
		pid=$(cat "$d/pid" 2>/dev/null)
		[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && continue
		rm -rf "$d"
	done
}

# _logs_in ARGS...: the command logs in (without a terminal, only login
# talks to PAM).
_logs_in() {
	local a
	for a in "$@"; do
		[ "$a" = login ] && return 0
	done
	return 1
}

# _collect_reports: sanitizer and valgrind logs written by the last run.
_collect_reports() {
	local f
	SAN_REPORT=
	for f in "$T"/san/*; do
		[ -e "$f" ] || continue
		# valgrind -q writes a log only when it has something to say.
		[ -s "$f" ] && SAN_REPORT+="== $(basename "$f")"$'\n'"$(cat "$f")"$'\n'
		rm -f "$f"
	done
}

# _run COMMAND...: run it with stdin from $IT_STDIN (/dev/null by default),
# stdout to $OUT, stderr to $ERR, within $IT_CMD_TIMEOUT; sets RC,
# ELAPSED_MS, SAN_REPORT.  When another pam_wrapper process of the machine
# took the same /tmp/pam.X at the same moment (pam_wrapper then says so and
# PAM reads a broken service file), the run is tried again.
_run() {
	local start tries=0
	while :; do
		start=$(date +%s%N)
		timeout -k 5 "$IT_CMD_TIMEOUT" "$@" <"${IT_STDIN:-/dev/null}" >"$OUT" 2>"$ERR"
		RC=$?
		ELAPSED_MS=$((($(date +%s%N) - start) / 1000000))
		_collect_reports
		grep -q 'PWRAP_ERROR.*Failed to create pam_wrapper config dir' "$ERR" || break
		tries=$((tries + 1))
		[ "$tries" -lt 3 ] || break
	done
}

# atl ARGS...: run the command as the desk does, without a terminal (a new
# session without a controlling tty).  Sets RC, OUT, ERR, ELAPSED_MS.
atl() {
	local env=()
	mapfile -t env < <(_san_env; if _logs_in "$@"; then _pam_env; fi)
	LAST_CMD="$*"
	# env last: only the command itself loads pam_wrapper (see _pam_env).
	_run setsid -w env "${env[@]}" "$ATELIER_BIN" "$@"
}

# atl_stdin TEXT ARGS...: the same with TEXT on stdin.
atl_stdin() {
	local text=$1
	shift
	printf '%s\n' "$text" >"$T/stdin"
	IT_STDIN=$T/stdin atl "$@"
	rm -f "$T/stdin"
}

# atl_tty DIALOGUE ARGS...: the command on a terminal (a pseudo-terminal
# that is its controlling terminal), answering as the file DIALOGUE says
# (see terminal.py).  OUT gets what the terminal showed; ERR what went wrong
# in the dialogue itself.  On a terminal any command may ask a password.
atl_tty() {
	local dialogue=$1 env=()
	shift
	mapfile -t env < <(_san_env; _pam_env)
	LAST_CMD="(on a terminal) $*"
	IT_STDIN=/dev/null _run python3 "$IT_TOP/tests/integration/terminal.py" "$dialogue" \
		env "${env[@]}" "$ATELIER_BIN" "$@"
}

# vg ARGS...: the command as shipped (build/atelier with the shared library)
# under valgrind; a memory error or a definite leak is exit code 99 and a
# report.
vg() {
	local env=()
	mapfile -t env < <(if _logs_in "$@"; then _pam_env; fi)
	LAST_CMD="(valgrind) $*"
	# valgrind's launcher loads pam_wrapper too, which then leaves its copy
	# of the service files in /tmp: it_cleanup removes it.
	_run setsid -w env "${env[@]}" LD_LIBRARY_PATH="$IT_TOP/build" valgrind -q \
		--leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
		--suppressions="$IT_TOP/tests/integration/valgrind.supp" \
		--log-file="$T/san/valgrind.%p" "${IT_VG_BIN:-$IT_TOP/build/atelier}" "$@"
}

# login LOGIN PASSWORD: log in with the password on stdin; fails the test
# file's next checks loudly if it does not work.
login() {
	atl_stdin "$2" login "$1" --password-stdin
	if [ "$RC" -ne 0 ]; then
		fail "log in as $1 (set-up for the tests that follow)"
		_last_run
		return 1
	fi
}

# pseudonym CARD: what the command sends for a patron id (HMAC-SHA-256 under
# the secret file's bytes, trailing newline stripped), for SQL checks.
pseudonym() {
	printf '%s' "$1" | openssl dgst -sha256 -hmac "$(cat "$T/secret")" -r | cut -d' ' -f1
}

# bg_track PID: a background process this file started, stopped at the end
# if it is still there.
bg_track() {
	IT_BG_PIDS+=("$1")
}

# ----------------------------------------------------------- set-up

_write_desk_config() {
	local dir=$T
	mkdir -m 0700 "$dir/home" "$dir/run" "$dir/pam.d" "$dir/san"
	cat >"$dir/pg_service.conf" <<-EOF
	# The desk machine's connection, as an administrator writes it.
	[atelier]
	host=$SU_PGHOST
	port=$SU_PGPORT
	dbname=$DB
	user=$IT_DESK_ROLE

	[atelier_admin]
	host=$SU_PGHOST
	port=$SU_PGPORT
	dbname=$DB
	user=$IT_ADMIN_ROLE

	# A desk PC whose login is a plain librarian's (not a trusted service):
	# staff log in as their own database role (see _own_roles).
	[atelier_shared]
	host=$SU_PGHOST
	port=$SU_PGPORT
	dbname=$DB
	user=$IT_SHARED_ROLE
	EOF
	(
		umask 077
		printf '%s:%s:*:%s:%s\n' "$SU_PGHOST" "$SU_PGPORT" "$IT_DESK_ROLE" "$IT_DESK_PW" \
			"$SU_PGHOST" "$SU_PGPORT" "$IT_ADMIN_ROLE" "$IT_ADMIN_PW" \
			"$SU_PGHOST" "$SU_PGPORT" "$IT_SHARED_ROLE" "$IT_SHARED_PW" >"$dir/pgpass"
		# The HMAC key: 64 hex characters and a newline, as the README says to make it.
		openssl rand -hex 32 >"$dir/secret"
	)
	# PAM: pam_matrix checks the password (auth) and that the user may use
	# the service "atelier" (account): "locked" may use only another
	# service, so pam_acct_mgmt refuses it after the right password.
	cat >"$dir/passdb" <<-EOF
	marie:Marie-pw-1:atelier
	paul:Paul-pw-2:atelier
	ancien:Ancien-pw-3:atelier
	ghost:Ghost-pw-4:atelier
	locked:Locked-pw-5:otherservice
	EOF
	chmod 0600 "$dir/passdb"
	cat >"$dir/pam.d/atelier" <<-EOF
	auth     required $PAM_MATRIX passdb=$dir/passdb
	account  required $PAM_MATRIX passdb=$dir/passdb
	EOF
	# pam_wrapper complains on stderr when there is no "other" service.
	printf 'auth required pam_deny.so\naccount required pam_deny.so\n' >"$dir/pam.d/other"
}

# Database logins, cluster-wide (made again by every file, with fresh
# passwords): the desk's login $IT_DESK_ROLE is a trusted service (it checks
# staff passwords through PAM itself, as a desk server does); $IT_SHARED_ROLE
# is a desk PC's plain librarian login; and the staff have their own database
# roles, named like their logins, whose passwords PostgreSQL checks (in
# production through pam or ldap in pg_hba.conf; scram-sha-256 here, as the
# throwaway cluster cannot use pam_wrapper).  Their database passwords differ
# from their PAM ones, so a test can tell which of the two was checked.
IT_SHARED_ROLE=it_shared
IT_SHARED_PW=$(openssl rand -hex 16)
OWN_PW_marie=Marie-db-1
OWN_PW_paul=Paul-db-2
OWN_PW_ancien=Ancien-db-3

_own_roles() {
	su_sql "DO \$\$
	DECLARE
		r text;
	BEGIN
		FOREACH r IN ARRAY ARRAY['$IT_SHARED_ROLE', 'marie', 'paul', 'ancien'] LOOP
			IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
				EXECUTE format('CREATE ROLE %I LOGIN', r);
			END IF;
		END LOOP;
	END
	\$\$;
	GRANT atelier_service TO $IT_DESK_ROLE;
	ALTER ROLE $IT_SHARED_ROLE PASSWORD '$IT_SHARED_PW';
	ALTER ROLE marie PASSWORD '$OWN_PW_marie';
	ALTER ROLE paul PASSWORD '$OWN_PW_paul';
	ALTER ROLE ancien PASSWORD '$OWN_PW_ancien';
	GRANT atelier_librarian TO $IT_SHARED_ROLE, marie, paul, ancien;" 2>&1
}

# it_begin: fresh database, desk configuration, exported environment.
it_begin() {
	local out
	if ! out=$(PGHOST=$SU_PGHOST PGPORT=$SU_PGPORT PGUSER=$SU_PGUSER PGPASSWORD=$SU_PGPASSWORD \
		bash -c "dropdb --if-exists '$DB' && createdb '$DB' &&
			 psql -X -q -v ON_ERROR_STOP=1 -d '$DB' -c 'CREATE EXTENSION atelier CASCADE'" 2>&1); then
		fail "set-up: database $DB with the extension" "$out"
		it_end
		exit 1
	fi
	if ! out=$(_own_roles); then
		fail "set-up: database logins of the desk and of the staff" "$out"
		it_end
		exit 1
	fi
	_write_desk_config
	desk_env "$T"
	trap it_cleanup EXIT
}

# it_fixtures: two sites, a room, ten PCs at the first site, two at the
# second, and the staff, written by the host system's role.
it_fixtures() {
	local out
	if ! out=$(admin_sql "
		SELECT atelier.site_upsert('BIB1', 'Médiathèque centrale', 'Lyon');
		SELECT atelier.site_upsert('BIB2', 'Bibliothèque du quartier', 'Lyon');
		SELECT atelier.room_upsert('BIB1', 'salle1', 'Salle multimédia');
		SELECT atelier.workstation_upsert(pg_catalog.format('pc-%s', pg_catalog.lpad(i::text, 2, '0')),
		                                  'BIB1', 'salle1', 'PC ' || i) FROM generate_series(1, 10) i;
		SELECT atelier.workstation_upsert('bib2-pc-01', 'BIB2');
		SELECT atelier.workstation_upsert('bib2-pc-02', 'BIB2');
		SELECT atelier.staff_upsert('marie', 'Marie Durand', 'librarian', '{BIB1}');
		SELECT atelier.staff_upsert('paul', 'Paul Martin', 'coordinator', '{BIB1,BIB2}');
		SELECT atelier.staff_upsert('ancien', 'Ancien Agent', 'librarian', '{BIB1}', false);
		SELECT atelier.staff_upsert('locked', 'Compte Bloqué', 'librarian', '{BIB1}');
	" 2>&1); then
		fail "set-up: fixtures through the SQL API as the host system's role" "$out"
		it_end
		exit 1
	fi
}

it_cleanup() {
	local pid
	for pid in "${IT_BG_PIDS[@]}"; do
		kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	done
	PGHOST=$SU_PGHOST PGPORT=$SU_PGPORT PGUSER=$SU_PGUSER PGPASSWORD=$SU_PGPASSWORD \
		dropdb --if-exists --force "$DB" >/dev/null 2>&1
	_pam_wrapper_sweep
	rm -rf "$T"
}

# it_end: the file ran to its end (the runner counts a file that did not as
# a failure).
it_end() {
	touch "$IT_ROOT/$IT_NAME.done"
}
