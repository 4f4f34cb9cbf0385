# SPDX-License-Identifier: GPL-3.0-or-later
# tests/demo/lib.sh - sourced by the steps of `make demo` (tests/demo/month).
#
# The demo's machine: a desk, a host system and public PCs, each reaching the
# throwaway cluster through its own login role, a libpq service in
# $D/pg_service.conf and a password in $D/pgpass, as an administrator sets
# them up (see tests/integration/lib.sh, which the integration tests use).
# The commands never see the cluster's superuser: only su_sql does.

DEMO_MONTH=2026-11
DEMO_SITE1=MED-CENTRE
DEMO_SITE2=MED-NORD
PAM_WRAPPER_LIB=/usr/lib/x86_64-linux-gnu/libpam_wrapper.so
PAM_MATRIX=/usr/lib/x86_64-linux-gnu/pam_wrapper/pam_matrix.so
FAKETIME_LIB=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
ATELIER=$TOP/build/atelier
# The exchange schema, from the source tree (the demo installs nothing but the extension).
export ATELIER_DATADIR=$TOP/module/xml
export ATELIER_LOCALEDIR=$TOP/build/locale

# say TEXT: one line of progress.
say() {
	printf 'atelier demo: %s\n' "$*"
}

# die TEXT [FILE]: stop the demo, showing FILE (a command's output) if given.
die() {
	printf 'atelier demo: FAILED: %s\n' "$1" >&2
	[ -z "${2:-}" ] || head -c 3000 "$2" | sed 's/^/    /' >&2
	exit 1
}

# su_sql SQL: as the cluster's superuser, in the demo's database (-At output).
su_sql() {
	PGHOST=$SU_PGHOST PGPORT=$SU_PGPORT PGUSER=$SU_PGUSER PGPASSWORD=$SU_PGPASSWORD \
		psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" -c "$1"
}

# atl ARGS...: the command, as the desk runs it (logged in staff session);
# stdout to $D/out, stderr to $D/err; a failure stops the demo.
atl() {
	LD_LIBRARY_PATH=$TOP/build "$ATELIER" "$@" >"$D/out" 2>"$D/err" </dev/null ||
		die "atelier $1 $2 (exit $?)" "$D/err"
}

# atl_pam ARGS...: the same through pam_wrapper (the runs that log in).
atl_pam() {
	LD_LIBRARY_PATH=$TOP/build LD_PRELOAD=$PAM_WRAPPER_LIB PAM_WRAPPER=1 \
		PAM_WRAPPER_SERVICE_DIR="$D/pam.d" "$ATELIER" "$@" >"$D/out" 2>"$D/err" ||
		die "atelier $1 (exit $?)" "$D/err"
}

# card N: the library card number of demo person N (1..150).  Never printed.
card() {
	printf '0460%03d' "$1"
}
