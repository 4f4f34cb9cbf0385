#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Booking PCs: 8 PCs for each session of a 5-session course, an overlapping
# booking (refused, naming the PC and the booking in the way, nothing
# stored), all or nothing, too few free PCs, and two `atelier book`
# processes racing for the same PC.
. "$(dirname "$0")/lib.sh"
it_begin
it_fixtures

live_bookings() {  # live_bookings SESSION
	su_sql "SELECT count(*) FROM atelier.booking WHERE session_id = ${1:-0} AND cancelled_at IS NULL"
}

login marie Marie-pw-1
atl workshop add EMAIL "Découvrir l'e-mail" --minutes 120 --theme email
atl session schedule EMAIL --site BIB1 --start "2030-05-06 10:00" --capacity 8 --room salle1 \
	--every weekly --count 5 --course --title "Parcours e-mail"
expect_rc 0 "set-up: a 5-session course"
mapfile -t COURSE < <(su_sql "SELECT id FROM atelier.session WHERE course_id IS NOT NULL ORDER BY lower(during)")

# --- 8 PCs for each session of the course
for s in "${COURSE[@]}"; do
	atl book "$s" --pcs 8
	expect_rc 0 "book session $s --pcs 8"
	expect_sql "$(echo "SELECT count(*) FROM atelier.booking WHERE session_id = $s AND cancelled_at IS NULL")" 8 \
		"session $s has 8 PCs booked"
done
expect_true "book prints the PCs booked" grep -q "pc-08" "$OUT"
expect_sql "SELECT count(*) FROM atelier.booking b JOIN atelier.session s ON s.id = b.session_id
             WHERE s.course_id IS NOT NULL AND b.during = s.during" 40 \
	"40 bookings, each for its session's whole time"
atl session list --from 2030-05-01 --to 2030-07-01
expect_rc 0 "session list after booking"

# --- an overlapping booking: the PC and the booking in the way named, nothing stored
atl session schedule EMAIL --site BIB1 --start "2030-05-06 11:00" --capacity 4
X=$(su_sql "SELECT max(id) FROM atelier.session")
B=$(su_sql "SELECT b.id FROM atelier.booking b JOIN atelier.workstation w ON w.id = b.workstation_id
             WHERE b.session_id = ${COURSE[0]:-0} AND w.hostname = 'pc-03'")
atl book "$X" --pc pc-03
expect_rc 1 "book a PC already booked at that time: exit 1 (conflict)"
expect_err "PC pc-03 is already booked from 2030-05-06 10:00 to 2030-05-06 12:00 (booking #$B" \
	"the conflict names the PC, the times and the booking in the way"
expect_err "session #${COURSE[0]:-}" "the conflict names the session holding the PC"
expect_sql "$(echo "SELECT count(*) FROM atelier.booking WHERE session_id = $X")" 0 "conflict: nothing stored"
atl book "$X" --pc pc-09 --pc pc-03
expect_rc 1 "two PCs named, the second taken: exit 1"
expect_sql "$(echo "SELECT count(*) FROM atelier.booking WHERE session_id = $X")" 0 \
	"all or nothing: the free PC named first is not booked either"
atl book "$X" --pcs 3
expect_rc 1 "3 PCs asked, 2 free: exit 1 (full)"
expect_err "Only 2 of 10 PCs at site BIB1 are free at that time; 3 requested." "too few PCs: says how many are free"
expect_sql "$(echo "SELECT count(*) FROM atelier.booking WHERE session_id = $X")" 0 "too few PCs: nothing stored"
atl book "$X" --pcs 2
expect_rc 0 "the 2 free PCs"
expect_out "pc-09" "book names the PCs (pc-09)"
expect_out "pc-10" "book names the PCs (pc-10)"

# --- more refusals
atl book "$X" --pc bib2-pc-01
expect_rc 2 "a PC of another site: exit 2"
atl book "$X" --pc nosuchpc
expect_rc 1 "an unknown PC: exit 1"
expect_err 'Unknown workstation "nosuchpc".' "unknown PC: names it"
atl book 999999 --pcs 1
expect_rc 1 "an unknown session: exit 1"
atl book "$X"
expect_rc 2 "neither --pcs nor --pc: exit 2"
atl book "$X" --pcs many
expect_rc 2 "--pcs not a number: exit 2"

# --- two processes racing for the same PC
# Two sessions at the same time, each wants pc-05.  Both processes wait on a
# lock the test holds, then start together when it lets go.
race() {  # race ROUND PC
	local round=$1 pc=$2 r1 r2 a b pid1 pid2 rc1 rc2
	atl session schedule EMAIL --site BIB1 --start "2030-09-0${round} 10:00" --capacity 4
	r1=$(su_sql "SELECT max(id) FROM atelier.session")
	atl session schedule EMAIL --site BIB1 --start "2030-09-0${round} 10:30" --capacity 4
	r2=$(su_sql "SELECT max(id) FROM atelier.session")
	exec 8>"$T/gate"
	flock -x 8
	for a in 1 2; do
		b=$([ "$a" = 1 ] && echo "$r1" || echo "$r2")
		(
			exec 8>&-
			flock -s 9
			OUT=$T/race$a.out ERR=$T/race$a.err
			atl book "$b" --pc "$pc"
			echo "$RC" >"$T/race$a.rc"
			printf '%s' "$SAN_REPORT" >"$T/race$a.san"
		) 9<"$T/gate" &
		eval "pid$a=\$!"
		bg_track $!
	done
	sleep 0.3
	flock -u 8
	exec 8>&-
	wait "$pid1" "$pid2"
	rc1=$(cat "$T/race1.rc" 2>/dev/null)
	rc2=$(cat "$T/race2.rc" 2>/dev/null)
	if [ "$(printf '%s\n' "$rc1" "$rc2" | sort | tr '\n' ' ')" = "0 1 " ] &&
		[ ! -s "$T/race1.san" ] && [ ! -s "$T/race2.san" ]; then
		pass "race $round: one book wins (exit 0), the other gets exit 1"
	else
		fail "race $round: one book wins (exit 0), the other gets exit 1" \
			"exit codes: $rc1 and $rc2" "stderr 1: $(cat "$T/race1.err")" "stderr 2: $(cat "$T/race2.err")" \
			"sanitizers: $(cat "$T/race1.san" "$T/race2.san")"
	fi
	if grep -qF "PC $pc is already booked" "$T/race1.err" "$T/race2.err"; then
		pass "race $round: the loser is told the PC is already booked"
	else
		fail "race $round: the loser is told the PC is already booked" \
			"stderr 1: $(cat "$T/race1.err")" "stderr 2: $(cat "$T/race2.err")"
	fi
	expect_sql "SELECT count(*) FROM atelier.booking b JOIN atelier.workstation w ON w.id = b.workstation_id
	             WHERE w.hostname = '$pc' AND b.cancelled_at IS NULL
	               AND b.during && tstzrange('2030-09-0${round} 09:00+02', '2030-09-0${round} 13:00+02')" 1 \
		"race $round: exactly one live booking of $pc"
}
race 1 pc-05
race 2 pc-06
race 3 pc-07
atl logout

it_end
