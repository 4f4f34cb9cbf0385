#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The command as shipped (build/atelier over libatelier.so) under valgrind:
# login, ticket open, book, export, logout, and two error paths.  A memory
# error or a definite leak makes valgrind exit with 99, a failure here.
. "$(dirname "$0")/lib.sh"
it_begin
it_fixtures
if [ ! -x "$IT_TOP/build/atelier" ]; then
	fail "the command as shipped, build/atelier, is built" "run: make all"
	it_end
	exit 1
fi

vg_stdin() {  # vg_stdin TEXT ARGS...
	local text=$1
	shift
	printf '%s\n' "$text" >"$T/stdin"
	IT_STDIN=$T/stdin vg "$@"
	rm -f "$T/stdin"
}

vg_stdin wrong-password login marie --password-stdin
expect_rc 4 "valgrind: login with a wrong password (exit 4, no memory error, no leak)"
vg_stdin Marie-pw-1 login marie --password-stdin
expect_rc 0 "valgrind: login"
vg ticket open --site BIB1 --theme demarches --procedure logement --person CARD-01 --minutes 15 \
	--note "Dossier d'aide au logement"
expect_rc 0 "valgrind: ticket open"
vg ticket show 1
expect_rc 0 "valgrind: ticket show"

atl workshop add EMAIL "Découvrir l'e-mail" --minutes 120 --theme email
atl session schedule EMAIL --site BIB1 --start "2030-05-06 10:00" --capacity 8
S=$(su_sql "SELECT max(id) FROM atelier.session")
vg book "$S" --pcs 4
expect_rc 0 "valgrind: book --pcs 4"
atl session schedule EMAIL --site BIB1 --start "2030-05-06 11:00" --capacity 8
X=$(su_sql "SELECT max(id) FROM atelier.session")
vg book "$X" --pc pc-01
expect_rc 1 "valgrind: book a PC already booked (exit 1)"
vg enrol "$S" CARD-02
expect_rc 0 "valgrind: enrol"
vg session list --from 2030-05-01 --to 2030-06-01
expect_rc 0 "valgrind: session list"

vg export --month "$(date +%Y-%m)" --site BIB1 --format csv -o "$T/month.csv"
expect_rc 0 "valgrind: export --format csv -o FILE"
expect_true "valgrind: the export wrote the file" test -s "$T/month.csv"
vg export --month "$(date +%Y-%m)" --site BIB1 --format html -o "$T/month.html"
expect_rc 0 "valgrind: export --format html -o FILE"
vg logout
expect_rc 0 "valgrind: logout"

it_end
