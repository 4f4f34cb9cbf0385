# SPDX-License-Identifier: GPL-3.0-or-later
# tests/demo/setup.sh - the demo's database and machines: a fresh database
# with the extension, three login roles (desk: a trusted service, host,
# workstation) with random passwords, their libpq services and .pgpass, the key file that turns card
# numbers into pseudonyms, and the PAM services (the desk's staff login
# checked by pam_matrix; the public PCs' stack with pam_atelier.so).

DB=atelier_demo
D=$(mktemp -d /tmp/atelier-demo.XXXXXX)
SU_PGHOST=${PGHOST:-localhost}
SU_PGPORT=${PGPORT:-5432}
SU_PGUSER=${PGUSER:-postgres}
SU_PGPASSWORD=${PGPASSWORD:-}
unset PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGSERVICE PGOPTIONS
unset LC_ALL LC_MESSAGES LANGUAGE ATELIER_SITE

PW_DESK=$(openssl rand -hex 16)
PW_HOST=$(openssl rand -hex 16)
PW_WS=$(openssl rand -hex 16)
PGHOST=$SU_PGHOST PGPORT=$SU_PGPORT PGUSER=$SU_PGUSER PGPASSWORD=$SU_PGPASSWORD \
	psql -X -q -v ON_ERROR_STOP=1 -d postgres -v pd="$PW_DESK" -v ph="$PW_HOST" -v pw="$PW_WS" \
	>"$D/setup.log" 2>&1 <<SQL || die "the demo database" "$D/setup.log"
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $DB;
CREATE DATABASE $DB;
\c $DB
CREATE EXTENSION atelier CASCADE;
DROP ROLE IF EXISTS demo_desk, demo_host, demo_ws;
-- The desk checks staff passwords through PAM itself, as a desk server does: a
-- trusted service.  (A desk PC with a plain librarian login would have each
-- staff member log in as their own database role: see README, "Security model".)
CREATE ROLE demo_desk LOGIN PASSWORD :'pd' IN ROLE atelier_service;
CREATE ROLE demo_host LOGIN PASSWORD :'ph' IN ROLE atelier_admin;
CREATE ROLE demo_ws LOGIN PASSWORD :'pw' IN ROLE atelier_workstation;
SQL

mkdir -m 0700 "$D/run" "$D/home" "$D/pam.d" "$D/spool"
for svc in atelier:demo_desk atelier_admin:demo_host ws:demo_ws; do
	printf '[%s]\nhost=%s\nport=%s\ndbname=%s\nuser=%s\n\n' \
		"${svc%%:*}" "$SU_PGHOST" "$SU_PGPORT" "$DB" "${svc#*:}"
done >"$D/pg_service.conf"
(
	umask 077
	printf '%s:%s:%s:%s:%s\n' \
		"$SU_PGHOST" "$SU_PGPORT" "$DB" demo_desk "$PW_DESK" \
		"$SU_PGHOST" "$SU_PGPORT" "$DB" demo_host "$PW_HOST" \
		"$SU_PGHOST" "$SU_PGPORT" "$DB" demo_ws "$PW_WS" >"$D/pgpass"
	openssl rand -hex 32 >"$D/secret"
	# The staff's passwords, as the desk's PAM stack (pam_matrix here) knows them.
	printf 'cmartin:%s:atelier\nslefevre:%s:atelier\n' "$(openssl rand -hex 12)" \
		"$(openssl rand -hex 12)" >"$D/passdb"
)
unset PW_WS
cat >"$D/pam.d/atelier" <<PAM
auth     required $PAM_MATRIX passdb=$D/passdb
account  required $PAM_MATRIX passdb=$D/passdb
PAM
# A public PC's stack: pam_atelier.so as shipped, then what stands for the rest.
cat >"$D/pam.d/public-pc" <<PAM
account  required  $TOP/build/pam_atelier.so service=ws secret=$D/secret spool=$D/spool timeout_ms=2000 workstation=@HOST@
account  required  pam_permit.so
session  optional  $TOP/build/pam_atelier.so service=ws secret=$D/secret spool=$D/spool timeout_ms=2000 workstation=@HOST@
session  required  pam_permit.so
PAM
printf 'auth required pam_deny.so\naccount required pam_deny.so\nsession required pam_deny.so\n' \
	>"$D/pam.d/other"

. "$TOP/tests/desk-env.sh"
desk_env "$D"

# demo_cleanup: the demo's database and files (the cluster goes with pg_virtualenv).
demo_cleanup() {
	local f
	PGHOST=$SU_PGHOST PGPORT=$SU_PGPORT PGUSER=$SU_PGUSER PGPASSWORD=$SU_PGPASSWORD \
		dropdb --if-exists --force "$DB" >/dev/null 2>&1
	# pam_wrapper's copies of our service files in /tmp/pam.X, left by exec().
	local d pid
	for f in /tmp/pam.?/atelier; do
		[ -e "$f" ] && grep -qF "$D/" "$f" 2>/dev/null || continue
		d=${f%/atelier}
		pid=$(cat "$d/pid" 2>/dev/null)
		[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && continue
		rm -rf "$d"
	done
	rm -rf "$D"
}
trap demo_cleanup EXIT
