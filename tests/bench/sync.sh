#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bench/sync.sh - the host exchange: one sync document of 100 000 people and
# 2 000 workstations (with 20 sites and 40 rooms) applied by `atelier xml`, its rows per
# second next to COPY of the same rows into scratch tables in the same run (same
# column types: the domains check each value as they do for the sync), as a ratio
# (target: at least 0.5 of COPY), the same document applied again (all unchanged),
# and the peak RSS of the process applying it.  Both sides are whole processes
# (connection included): `atelier xml FILE` and `psql -c '\copy ...'`.  Prints
# figures; never fails on a missed target.  Starts its own throwaway cluster.
set -uo pipefail
. "$(dirname "$0")/common.sh"
bench_in_cluster "$0" "$@"
cd "$TOP" || exit 1

PEOPLE=${BENCH_PEOPLE:-100000}
PCS=${BENCH_PCS:-2000}
SITES=20
T=$(mktemp -d /tmp/atelier-bench-sync.XXXXXX)
trap 'rm -rf "$T"' EXIT
export ATELIER_DATADIR=$TOP/module/xml LD_LIBRARY_PATH=$TOP/build

make -s build/atelier >/dev/null || exit 1

DB=atelier_bench_sync
(umask 077 && openssl rand -hex 32 >"$T/secret")
# fresh_db: an empty database with the extension and the host's login, for each round.
fresh_db() {
	{ bench_fresh_db "$DB" && bench_login_role "$DB" bench_host atelier_admin "$T/pgpass"; } \
		>"$T/setup.log" 2>&1 || { cat "$T/setup.log"; return 1; }
}
CONN="host=${PGHOST:-localhost} port=${PGPORT:-5432} dbname=$DB user=bench_host"

# The document: sites and rooms, PCs spread over them, people with the
# attributes a host knows (age bracket, status, postcode, first visit).
awk -v people="$PEOPLE" -v pcs="$PCS" -v sites="$SITES" 'BEGIN {
	split("moins_12 12_17 18_24 25_39 40_59 60_69 70_plus nc", age, " ")
	split("scolarise sans_emploi en_emploi retraite nc", st, " ")
	print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	print "<sync xmlns=\"urn:atelier:exchange:1\" mode=\"full\" id=\"bench\">"
	print "<sites>"
	for (s = 1; s <= sites; s++)
		printf "<site code=\"SITE-%02d\" name=\"Médiathèque n° %d\" city=\"Ville %d\"/>\n", s, s, s
	print "</sites>\n<rooms>"
	for (s = 1; s <= sites; s++)
		for (r = 1; r <= 2; r++)
			printf "<room site=\"SITE-%02d\" code=\"SALLE-%d\" name=\"Salle %d\"/>\n", s, r, r
	print "</rooms>\n<workstations>"
	for (w = 1; w <= pcs; w++) {
		s = (w - 1) % sites + 1
		printf "<workstation hostname=\"site%02d-pc-%04d\" site=\"SITE-%02d\" room=\"SALLE-%d\" label=\"Poste %d\"/>\n", s, w, s, w % 2 + 1, w
	}
	print "</workstations>\n<people>"
	for (p = 1; p <= people; p++)
		printf "<person patron=\"%08d\" age-bracket=\"%s\" social-status=\"%s\" postcode=\"69%03d\" first-visit=\"20%02d-%02d-%02d\"/>\n", \
			1000000 + p * 7, age[p % 8 + 1], st[p % 5 + 1], p % 1000, 20 + p % 6, p % 12 + 1, p % 28 + 1
	print "</people>\n</sync>"
}' >"$T/sync.xml"
ROWS=$((SITES + 2 * SITES + PCS + PEOPLE))

# apply NAME: one `atelier xml` run as the host's role (never the superuser's
# variables); its wall seconds appended to $T/NAME.s, its peak RSS (kB) to $T/NAME.kb.
apply() {
	bench_run "$1" env -u PGUSER -u PGPASSWORD PGPASSFILE="$T/pgpass" \
		build/atelier --db "$CONN" --secret "$T/secret" xml "$T/sync.xml"
}

# copy_round: COPY of the same rows (as the sync stored them) into scratch
# tables of the same column types; its wall seconds appended to $T/copy.s.
copy_round() {
	psql -X -q -v ON_ERROR_STOP=1 -d "$DB" >"$T/copy-setup.log" 2>&1 <<SQL || { cat "$T/copy-setup.log"; return 1; }
\copy (SELECT pseudonym, age_bracket, social_status, postcode, first_visit FROM atelier.person) TO '$T/people.copy'
\copy (SELECT w.hostname, s.code, r.code, w.label, w.active FROM atelier.workstation w JOIN atelier.site s ON s.id = w.site_id LEFT JOIN atelier.room r ON r.id = w.room_id) TO '$T/pcs.copy'
\copy (SELECT code, name, city, time_zone, active FROM atelier.site) TO '$T/sites.copy'
\copy (SELECT s.code, r.code, r.name, r.active FROM atelier.room r JOIN atelier.site s ON s.id = r.site_id) TO '$T/rooms.copy'
CREATE TABLE scratch_person (pseudonym atelier.pseudonym, age_bracket atelier.code,
                             social_status atelier.code, postcode text, first_visit date);
CREATE TABLE scratch_pc (hostname text, site atelier.code, room atelier.code, label text, active boolean);
CREATE TABLE scratch_site (code atelier.code, name text, city text, time_zone atelier.time_zone, active boolean);
CREATE TABLE scratch_room (site atelier.code, code atelier.code, name text, active boolean);
SQL
	bench_run copy psql -X -q -v ON_ERROR_STOP=1 -d "$DB" \
		-c "\\copy scratch_site FROM '$T/sites.copy'" -c "\\copy scratch_room FROM '$T/rooms.copy'" \
		-c "\\copy scratch_pc FROM '$T/pcs.copy'" -c "\\copy scratch_person FROM '$T/people.copy'"
}

# Each round on a fresh database; the medians are kept (the machine may be busy).
ROUNDS=${BENCH_ROUNDS:-3}
for round in $(seq "$ROUNDS"); do
	fresh_db && apply first && apply again && copy_round || exit 1
	echo "   round $round: sync $(tail -n 1 "$T/first.s") s, again $(tail -n 1 "$T/again.s") s," \
		"COPY $(tail -n 1 "$T/copy.s") s"
done
first=$(bench_median "$T/first.s") again=$(bench_median "$T/again.s") copy=$(bench_median "$T/copy.s")

rps() { awk -v r="$ROWS" -v t="$1" 'BEGIN {printf "%.0f", r / t}'; }
ratio1=$(bench_ratio "$(rps "$first")" "$(rps "$copy")")
ratio2=$(bench_ratio "$(rps "$again")" "$(rps "$copy")")
echo "   $ROWS rows ($PEOPLE people, $PCS PCs, $SITES sites, $((2 * SITES)) rooms);" \
	"document $(($(stat -c %s "$T/sync.xml") / 1024)) KiB; medians of $ROUNDS rounds in seconds:" \
	"sync $(bench_secs "$first"), again $(bench_secs "$again"), COPY $(bench_secs "$copy")"
bench_row "sync: rows/s, first time (all created)" "$(rps "$first")/s" "$(rps "$copy")/s COPY" \
	"$ratio1" ">= 0.5" "$(bench_ge "$ratio1" 0.5)"
bench_row "sync: rows/s, same document again (unchanged)" "$(rps "$again")/s" "$(rps "$copy")/s COPY" \
	"$ratio2" ">= 0.5" "$(bench_ge "$ratio2" 0.5)"
bench_row "sync: peak RSS of atelier xml (first, again)" \
	"$(bench_mib "$(bench_max "$T/first.kb")")/$(bench_mib "$(bench_max "$T/again.kb")") MiB" - - "-" -
