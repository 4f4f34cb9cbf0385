#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The workshop catalogue and scheduling: workshop add/list/show, one session,
# a weekly series across the change to summer time, a series --until, a
# 5-session course, a room already taken (all or nothing), cancel, list.
. "$(dirname "$0")/lib.sh"
it_begin
it_fixtures

# local_starts WHERE: the sessions' start times on the site's wall clock.
local_starts() {
	echo "SELECT string_agg(to_char(lower(during) AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD HH24:MI'), ',' ORDER BY lower(during))
	          FROM atelier.session WHERE $1"
}
sessions() {
	su_sql "SELECT count(*) FROM atelier.session"
}

login marie Marie-pw-1

# --- the catalogue
atl workshop add EMAIL "Découvrir l'e-mail" --level debutant --minutes 120 --theme email \
	--theme navigation --description "Créer une adresse, écrire, répondre."
expect_rc 0 "workshop add"
expect_sql "SELECT w.title || ' ' || w.level || ' ' || w.default_minutes || ' ' ||
                   (SELECT string_agg(theme, ',' ORDER BY theme) FROM atelier.workshop_theme t WHERE t.workshop_id = w.id)
              FROM atelier.workshop w WHERE w.code = 'EMAIL'" \
	"Découvrir l'e-mail debutant 120 email,navigation" "workshop add stores title, level, minutes, themes"
atl workshop add CV "Écrire son CV" --minutes 90 --theme insertion_pro
expect_rc 0 "workshop add with defaults"
atl workshop add EMAIL "Encore l'e-mail"
expect_rc 1 "workshop add with a code already taken: exit 1 (conflict)"
expect_err 'A workshop already has the code "EMAIL".' "code taken: says so"
atl workshop add PHOTO "Photos" --theme nosuchtheme
expect_rc "1|2" "workshop add with an unknown theme: refused"
# A title of 100 000 characters (about what one argument may hold): the database's
# domain refuses it, and the library says so in words, with the limit.
atl workshop add LONG "$(head -c 100000 /dev/zero | tr '\0' t)" --theme email
expect_rc 2 "workshop add with a title of 100 000 characters: exit 2 (usage)"
expect_err "The text is too long for a name or a title (at most 200 characters)." \
	"a title too long: says what and how long"
expect_true "a title too long: PostgreSQL's wording is not the message" \
	bash -c "! grep -q 'violates check constraint' '$ERR'"
atl workshop add LONG "Un atelier" --theme email --description "$(head -c 4001 /dev/zero | tr '\0' d)"
expect_rc 2 "workshop add with 4001 characters of description: exit 2 (usage)"
expect_err "The text is too long for notes or a description (at most 4000 characters)." \
	"a description too long: says what and how long"
expect_sql "SELECT count(*) FROM atelier.workshop" 2 "refused workshops: nothing stored"

atl workshop list
expect_rc 0 "workshop list"
expect_out "EMAIL" "workshop list has EMAIL"
expect_out "Découvrir l'e-mail" "workshop list has its title"
expect_out "Écrire son CV" "workshop list has the second workshop"
atl workshop show EMAIL
expect_rc 0 "workshop show"
expect_out "Créer une adresse, écrire, répondre." "workshop show gives the description"
expect_out "E-mail" "workshop show gives its themes"
atl workshop show NOPE
expect_rc 1 "workshop show of an unknown code: exit 1"

# --- one session
atl session schedule EMAIL --site BIB1 --start "2030-03-04 14:00" --capacity 8 --room salle1
expect_rc 0 "session schedule: one session"
expect_sql "$(local_starts "series_id IS NULL AND course_id IS NULL")" "2030-03-04 14:00" \
	"the session starts at 14:00 on the site's clock"
expect_sql "SELECT upper(during) - lower(during) || ' ' || capacity FROM atelier.session" "02:00:00 8" \
	"the workshop's default duration and the capacity"
S1=$(su_sql "SELECT max(id) FROM atelier.session")
expect_true "session schedule prints the session's number" grep -qw "$S1" "$OUT"

# --- a weekly series across the change to summer time (31 March 2030)
atl session schedule CV --site BIB1 --start "2030-03-25 14:00" --capacity 6 --every weekly --count 3
expect_rc 0 "session schedule: a weekly series of 3"
expect_sql "$(local_starts "series_id IS NOT NULL")" "2030-03-25 14:00,2030-04-01 14:00,2030-04-08 14:00" \
	"a series stays at 14:00 local time across the change to summer time"
atl session schedule CV --site BIB1 --start "2030-06-03 10:00" --capacity 6 --every 7 --until 2030-06-30
expect_rc 0 "session schedule: a series --until"
expect_sql "SELECT count(*) FROM atelier.session WHERE lower(during) >= '2030-06-01'" 4 \
	"--every 7 --until 2030-06-30 from 3 June: 4 sessions"

# --- a course of 5 sessions
atl session schedule EMAIL --site BIB1 --start "2030-05-06 10:00" --capacity 8 --room salle1 \
	--every weekly --count 5 --course --title "Parcours e-mail"
expect_rc 0 "session schedule --course: 5 sessions"
expect_sql "SELECT count(*) || ' ' || min(c.title) || ' ' || min(c.capacity)
              FROM atelier.session s JOIN atelier.course c ON c.id = s.course_id" "5 Parcours e-mail 8" \
	"one course, its title and capacity, 5 sessions"
expect_sql "$(local_starts "course_id IS NOT NULL")" \
	"2030-05-06 10:00,2030-05-13 10:00,2030-05-20 10:00,2030-05-27 10:00,2030-06-03 10:00" \
	"the course's sessions, weekly at 10:00"
C1=$(su_sql "SELECT max(id) FROM atelier.course")
expect_true "session schedule --course prints the course's number" grep -qw "$C1" "$OUT"

# --- refusals, all or nothing
before=$(sessions)
atl session schedule EMAIL --site BIB1 --start "2030-03-04 15:00" --capacity 8 --room salle1
expect_rc 1 "a room already taken: exit 1 (conflict)"
expect_err "Room \"salle1\" is already taken by session #$S1" "room taken: names the session in the way"
atl session schedule EMAIL --site BIB1 --start "2030-02-25 14:00" --capacity 8 --room salle1 \
	--every weekly --count 3
expect_rc 1 "a series whose second session hits a taken room: exit 1"
atl session schedule NOPE --site BIB1 --start "2030-03-05 14:00" --capacity 8
expect_rc 1 "unknown workshop: exit 1"
expect_err 'Unknown workshop "NOPE".' "unknown workshop: names it"
atl session schedule EMAIL --site NOPE --start "2030-03-05 14:00" --capacity 8
expect_rc 1 "unknown site: exit 1"
atl session schedule EMAIL --site BIB1 --start "05/03/2030 14h" --capacity 8
expect_rc 2 "a start time not in the form YYYY-MM-DD HH:MM: exit 2"
atl session schedule EMAIL --site BIB1 --start "2030-03-05 14:00" --capacity 0
expect_rc 2 "capacity 0: exit 2"
atl session schedule EMAIL --site BIB1 --start "2030-03-05 14:00"
expect_rc 2 "no --capacity: exit 2"
atl session schedule EMAIL --site BIB1 --start "2030-03-05 14:00" --capacity 8 --every weekly
expect_rc 2 "--every without --count or --until: exit 2"
expect_sql "SELECT count(*) FROM atelier.session" "$before" "refused schedules: nothing stored"
expect_sql "SELECT count(*) FROM atelier.course" 1 "refused schedules: no course left behind"

# --- list and cancel
atl session list --from 2030-03-01 --to 2030-07-01
expect_rc 0 "session list"
expect_true "session list has the sessions" grep -qw "$S1" "$OUT"
expect_out "Découvrir l'e-mail" "session list gives the workshop's title"
expect_out "0/8" "session list gives seats as enrolled/capacity"
expect_out "14:00" "session list gives local times"
atl session list --site NOPE
expect_rc 1 "session list of an unknown site: exit 1"
atl session cancel "$S1"
expect_rc 0 "session cancel"
expect_sql "SELECT status FROM atelier.session WHERE id = ${S1:-0}" cancelled "the session is cancelled"
atl session cancel "$S1"
expect_rc "1|2" "cancelling it again: refused"
expect_err "Session #$S1 is cancelled." "cancelled again: says so"
atl session cancel 999999
expect_rc 1 "cancel an unknown session: exit 1"
expect_err "Session #999999 not found." "unknown session: says so"
atl logout

it_end
