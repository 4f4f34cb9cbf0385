#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Enrolment and attendance: 10 people into a course of 8 seats (2 wait), a
# cancellation promotes the first waiting, a full one-off session, the
# refusals, attendance present/absent/excused.
. "$(dirname "$0")/lib.sh"
it_begin
it_fixtures

short() {  # short CARD: how the command shows a person, p:xxxxxxxx
	echo "p:$(pseudonym "$1" | cut -c1-8)"
}
status_of() {  # status_of CARD: the person's enrolment status in the course
	echo "SELECT string_agg(e.status, ',') FROM atelier.enrolment e JOIN atelier.person p ON p.id = e.person_id
	       WHERE p.pseudonym = '$(pseudonym "$1")' AND e.course_id = ${C:-0}"
}

login marie Marie-pw-1
atl workshop add EMAIL "Découvrir l'e-mail" --minutes 120 --theme email
atl session schedule EMAIL --site BIB1 --start "2030-05-06 10:00" --capacity 8 --room salle1 \
	--every weekly --count 5 --course --title "Parcours e-mail"
expect_rc 0 "set-up: a course of 5 sessions, 8 seats"
C=$(su_sql "SELECT max(id) FROM atelier.course")
S1=$(su_sql "SELECT id FROM atelier.session WHERE course_id = ${C:-0} AND course_position = 1")

# --- 10 people into 8 seats
for i in 01 02 03 04 05 06 07 08; do
	atl enrol --course "$C" "CARD-$i"
	expect_rc 0 "enrol CARD-$i in the course"
	expect_out "Enrolled." "CARD-$i: Enrolled."
done
atl enrol --course "$C" CARD-09
expect_rc 0 "enrol a 9th person in 8 seats"
expect_out "Full: on the waiting list, rank 1." "the 9th waits, rank 1"
atl enrol --course "$C" CARD-10
expect_rc 0 "enrol a 10th person"
expect_out "Full: on the waiting list, rank 2." "the 10th waits, rank 2"
expect_sql "SELECT status || ' ' || count(*) FROM atelier.enrolment WHERE course_id = ${C:-0}
             GROUP BY status ORDER BY status" "enrolled 8
waitlisted 2" "8 enrolled, 2 waiting"
atl session list --from 2030-05-01 --to 2030-05-08
expect_out "8/8" "session list shows the seats taken"
expect_no_err "CARD-0" "card numbers are never printed"

# --- a cancellation promotes the first waiting person
atl unenrol --course "$C" CARD-03
expect_rc 0 "unenrol an enrolled person"
expect_out "Enrolment cancelled." "unenrol says so"
expect_out "The first person waiting ($(short CARD-09)) now has the seat." \
	"unenrol names the person promoted by their short pseudonym"
expect_sql "$(status_of CARD-03)" cancelled "CARD-03 is cancelled"
expect_sql "$(status_of CARD-09)" enrolled "CARD-09, first waiting, is promoted"
expect_sql "$(status_of CARD-10)" waitlisted "CARD-10 still waits"
expect_sql "SELECT (atelier.enrolment_standing(e.id)).waitlist_rank FROM atelier.enrolment e
              JOIN atelier.person p ON p.id = e.person_id
             WHERE p.pseudonym = '$(pseudonym CARD-10)' AND e.status = 'waitlisted'" 1 \
	"CARD-10 is now first in line"
atl unenrol --course "$C" CARD-10
expect_rc 0 "unenrol a waiting person"
expect_true "unenrolling a waiting person promotes nobody" bash -c "! grep -q 'now has the seat' '$OUT'"

# --- refusals
atl enrol --course "$C" CARD-01
expect_rc 1 "enrol someone already enrolled: exit 1"
expect_err "This person is already enrolled or waiting." "already enrolled: says so"
atl enrol "$S1" CARD-11
expect_rc 2 "enrol in one session of a course: exit 2"
expect_err "people enrol in the whole course" "session of a course: says to enrol in the course"
atl enrol --course 999999 CARD-11
expect_rc 1 "enrol in an unknown course: exit 1"
atl unenrol --course "$C" CARD-99
expect_rc 1 "unenrol someone not enrolled: exit 1"
expect_sql "SELECT count(*) FROM atelier.enrolment WHERE course_id = ${C:-0} AND status = 'enrolled'" 8 \
	"refusals: still 8 enrolled"

# --- a full one-off session
atl session schedule EMAIL --site BIB1 --start "2030-09-02 14:00" --capacity 2
S=$(su_sql "SELECT max(id) FROM atelier.session")
atl enrol "$S" CARD-21
atl enrol "$S" CARD-22
expect_out "Enrolled." "the 2nd of 2 seats"
atl enrol "$S" CARD-23
expect_rc 0 "a full session: the person waits"
expect_out "Full: on the waiting list, rank 1." "full session: waiting list, rank 1"
atl unenrol "$S" CARD-21
expect_out "The first person waiting ($(short CARD-23)) now has the seat." "one-off session: promotion"
expect_sql "SELECT string_agg(e.status, ',' ORDER BY e.id) FROM atelier.enrolment e WHERE e.session_id = ${S:-0}" \
	"cancelled,enrolled,enrolled" "one-off session: 2 enrolled after the promotion"

# --- attendance
atl attend "$S1" CARD-01 present
expect_rc 0 "attend present"
atl attend "$S1" CARD-02 absent
expect_rc 0 "attend absent"
atl attend "$S1" CARD-04 excused
expect_rc 0 "attend excused"
atl attend "$S1" CARD-01 absent
expect_rc 0 "attendance can be corrected"
expect_sql "SELECT string_agg(a.status, ',' ORDER BY p.pseudonym = '$(pseudonym CARD-01)' DESC,
                                             p.pseudonym = '$(pseudonym CARD-02)' DESC)
              FROM atelier.attendance a JOIN atelier.person p ON p.id = a.person_id
             WHERE a.session_id = ${S1:-0}" "absent,absent,excused" "attendance stored (CARD-01 corrected)"
atl attend "$S1" CARD-10 present
expect_rc 1 "attend for someone not enrolled: exit 1"
expect_err "This person is not enrolled in session #$S1." "not enrolled: says so"
atl attend "$S1" CARD-01 maybe
expect_rc 2 "attend with a status other than present/absent/excused: exit 2"
expect_sql "SELECT count(*) FROM atelier.attendance" 3 "refused attendance: nothing stored"
atl logout

it_end
