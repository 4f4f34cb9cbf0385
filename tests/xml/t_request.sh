# SPDX-License-Identifier: GPL-3.0-or-later
# tests/xml/t_request.sh - sourced by tests/xml/run: request documents and the
# monthly XML export.  Runs after t_sync.sh (the network is there).

# The desk's morning: workshop, session, 4 PCs, an enrolment, a ticket opened
# and closed, the month's figures.
xml "$EXAMPLES/request-desk.xml"
check "a request is carried out (exit 0)" test "$RC" -eq 0
check "its response follows the schema" valid_response
check "every operation is done" bash -c "[ \$(grep -c 'status=\"done\"' '$OUT') -eq 8 ]"
check "the PCs of the session's room are booked" out_has '<booking number="4" workstation="med-num-04"/>'
check "the month's figures come in the response" out_has '<monthly-report month="2026-11" site="MED-CENTRE">'
check "the ticket was opened and closed by the staff member the request names" \
	test "$(su_sql "SELECT st.login || '/' || t.state || '/' || t.minutes FROM atelier.ticket t
	                 JOIN atelier.staff st ON st.id = t.opened_by")" = "s.martin/resolved/20"
check "its timeline records who did each change" \
	test "$(su_sql "SELECT string_agg(DISTINCT st.login, ',') FROM atelier.ticket_event e
	                 JOIN atelier.staff st ON st.id = e.staff_id")" = "s.martin"
check "the enrolment is stored under the person's pseudonym" \
	test "$(su_sql "SELECT count(*) FROM atelier.enrolment e JOIN atelier.person p ON p.id = e.person_id
	                 WHERE p.pseudonym = '$pseudonym' AND e.status = 'enrolled'")" = 1
check "the staff session opened for the request is closed" \
	test "$(su_sql "SELECT count(*) FROM atelier.staff_session")" = 0
check "no sanitizer complained" sanitizers_quiet

# One operation refused by a rule does not stop the others.
cat >"$T/conflict.xml" <<'XML'
<request xmlns="urn:atelier:exchange:1" staff="s.martin" id="again">
  <book-person id="pc" workstation="med-num-02" patron="0451203"
               start="2026-11-10T14:30:00+01:00" end="2026-11-10T15:00:00+01:00"/>
  <list-sessions id="list" site="MED-CENTRE" from="2026-11-01T00:00:00+01:00" to="2026-12-01T00:00:00+01:00"/>
</request>
XML
BEFORE=$(snapshot)
xml "$T/conflict.xml"
check "a booking in the way: exit 1 (refused by a rule)" test "$RC" -eq 1
check "... status partial, the conflict named in the result" \
	bash -c "grep -q 'status=\"partial\"' '$OUT' && grep -q '<error category=\"conflict\" sqlstate=\"ATC01\">' '$OUT' && grep -q 'PC med-num-02 is already booked' '$OUT'"
check "... the other operation is done" out_has '<session number="1"'
check "... the response follows the schema" valid_response
check "... and nothing was booked" test "$(snapshot)" = "$BEFORE"

# Who acts: an unknown login, a site they do not work for, nobody.
sed 's/staff="s.martin"/staff="nobody"/' "$T/conflict.xml" >"$T/nobody.xml"
xml "$T/nobody.xml"
check "an unknown staff member: every operation fails, exit 4" \
	bash -c "[ $RC -eq 4 ] && [ \$(grep -c 'status=\"failed\"' '$OUT') -eq 2 ] && grep -q 'No staff member has the login' '$OUT'"
cat >"$T/forbidden.xml" <<'XML'
<request xmlns="urn:atelier:exchange:1" staff="s.martin">
  <open-ticket id="t" site="BIB-GRATTE"><theme>email</theme></open-ticket>
</request>
XML
xml "$T/forbidden.xml"
check "a librarian acting at a site she does not work for: forbidden, exit 1" \
	bash -c "[ $RC -eq 1 ] && grep -q '<error category=\"forbidden\"' '$OUT'"
cat >"$T/nostaff.xml" <<'XML'
<request xmlns="urn:atelier:exchange:1">
  <fetch-report id="r" month="2026-11"/>
  <open-ticket id="t" site="MED-CENTRE"><theme>email</theme></open-ticket>
</request>
XML
xml "$T/nostaff.xml"
check "without staff=, figures are fetched but a ticket is refused (exit 4)" \
	bash -c "[ $RC -eq 4 ] && grep -q '<error category=\"auth\">' '$OUT' && grep -q '<monthly-report month=\"2026-11\">' '$OUT'"
check "... and nothing was stored" test "$(snapshot)" = "$BEFORE"

# A request that is not valid is refused whole: its first operation, valid,
# is not carried out either.
cat >"$T/invalid.xml" <<'XML'
<request xmlns="urn:atelier:exchange:1" staff="s.martin">
  <open-ticket id="t1" site="MED-CENTRE"><theme>email</theme></open-ticket>
  <open-ticket id="t2" site="MED-CENTRE" minutes="forever"><theme>email</theme></open-ticket>
</request>
XML
xml "$T/invalid.xml"
expect_refused "an invalid request is refused whole, before any operation" 2 'line="3"'

# Values that look like SQL or format strings are stored as they are.
cat >"$T/payload.xml" <<'XML'
<request xmlns="urn:atelier:exchange:1" staff="s.martin">
  <open-ticket id="t" site="MED-CENTRE"><theme>email</theme><notes>'); DROP TABLE atelier.ticket; -- %s%n%x %1$s &lt;script&gt;</notes></open-ticket>
</request>
XML
xml "$T/payload.xml"
check "notes holding SQL and format strings are stored verbatim" \
	test "$(su_sql "SELECT notes FROM atelier.ticket ORDER BY id DESC LIMIT 1")" = "'); DROP TABLE atelier.ticket; -- %s%n%x %1\$s <script>"

# The monthly export as XML, valid against the same schema (this month: the
# tickets above were opened today).
MONTH=$(TZ=Europe/Paris date +%Y-%m)
env -u PGUSER -u PGPASSWORD PGPASSFILE="$T/pgpass" "$BIN" --db "$CONN" export --month "$MONTH" --format xml \
	>"$OUT" 2>"$ERR"
RC=$?
check "atelier export --format xml: exit 0" test "$RC" -eq 0
check "... the monthly report follows the schema" valid_response
check "... it counts the two tickets" out_has '<figure metric="tickets" metric-label-fr="Accompagnements (fiches)" metric-label-en="People helped (tickets)" value="2"/>'
env -u PGUSER -u PGPASSWORD PGPASSFILE="$T/pgpass" "$BIN" --db "$CONN" export --month "$MONTH" --site MED-CENTRE \
	--format xml -o "$T/report.xml" >"$OUT" 2>"$ERR"
RC=$?
check "atelier export --format xml -o FILE: a valid file" xmllint --noout --schema "$XSD" "$T/report.xml"
env -u PGUSER -u PGPASSWORD PGPASSFILE="$T/pgpass" "$BIN" --db "$CONN" export --month "$MONTH" --site NOWHERE \
	--format xml >"$OUT" 2>"$ERR"
RC=$?
check "an unknown site: exit 1 and nothing written" bash -c "[ $RC -eq 1 ] && [ ! -s '$OUT' ]"

# Who acts is the login named, whole: never a login cut to a buffer's size.  C is a
# coordinator's login of 299 bytes; an annexe librarian's login is C and two more
# letters (cut to 299 bytes it was C); a valid login of 300 bytes (150 x "é") acts.
C=$(printf 'é%.0s' $(seq 149))x
E150=$(printf 'é%.0s' $(seq 150))
cat >"$T/logins.xml" <<XML
<sync xmlns="urn:atelier:exchange:1">
  <staff>
    <member login="$C" name="Coordinatrice" role="coordinator"/>
    <member login="${C}yz" name="Bibliothécaire de l'annexe" role="librarian" sites="BIB-GRATTE"/>
    <member login="$E150" name="Bibliothécaire du centre" role="librarian" sites="MED-CENTRE"/>
  </staff>
</sync>
XML
xml "$T/logins.xml"
check "staff with logins of 299 to 301 bytes are created" counts_are 3 0 0 0
cat >"$T/as-annexe.xml" <<XML
<request xmlns="urn:atelier:exchange:1" staff="${C}yz">
  <open-ticket id="t" site="MED-CENTRE"><theme>email</theme></open-ticket>
</request>
XML
BEFORE=$(snapshot)
xml "$T/as-annexe.xml"
check "a login that is another's plus two letters acts as itself: forbidden at the central site" \
	bash -c "[ $RC -eq 1 ] && grep -q '<error category=\"forbidden\"' '$OUT'"
check "... and no ticket was opened (as the coordinator or anyone)" test "$(snapshot)" = "$BEFORE"
sed "s/staff=\"${C}yz\"/staff=\"$E150\"/" "$T/as-annexe.xml" >"$T/as-e150.xml"
xml "$T/as-e150.xml"
check "a valid 300-byte login (150 x é) acts: the ticket is opened" test "$RC" -eq 0
check "... recorded as opened by that login, whole" \
	test "$(su_sql "SELECT st.login FROM atelier.ticket t JOIN atelier.staff st ON st.id = t.opened_by
	                 ORDER BY t.id DESC LIMIT 1")" = "$E150"

# Contradictory or out-of-range values are refused, never reinterpreted.
cat >"$T/pcs-both.xml" <<'XML'
<request xmlns="urn:atelier:exchange:1" staff="s.martin">
  <book-session id="both" session="1" pcs="2"><pc>med-num-01</pc></book-session>
  <book-session id="neither" session="1"/>
</request>
XML
BEFORE=$(snapshot)
xml "$T/pcs-both.xml"
check "book-session with both pcs= and <pc>, or neither: both fail, exit 2 (usage)" \
	bash -c "[ $RC -eq 2 ] && [ \$(grep -c 'status=\"failed\"' '$OUT') -eq 2 ]"
check "... saying why" \
	bash -c "grep -q 'Give either a number of PCs (pcs) or the PCs to book (pc elements), not both.' '$OUT' &&
	         grep -q 'Say how many PCs to book (pcs) or which ones (pc elements).' '$OUT'"
check "... and nothing was booked" test "$(snapshot)" = "$BEFORE"
cat >"$T/zero-minutes.xml" <<'XML'
<request xmlns="urn:atelier:exchange:1" staff="s.martin">
  <add-workshop id="w" code="ZERO" title="Zéro minute" minutes="0"/>
</request>
XML
xml "$T/zero-minutes.xml"
expect_refused "minutes=\"0\" on add-workshop is refused, never read as the 120-minute default" 2 'minutes'

# A series, a course, and a person enrolled in the course then unenrolled: the
# operations that share their code with schedule-session and enrol (in March
# and April 2027, away from this month's figures).
cat >"$T/series.xml" <<'XML'
<request xmlns="urn:atelier:exchange:1" staff="s.martin">
  <schedule-series id="series" workshop="EMAIL-DEBUT" site="MED-CENTRE" room="ESPACE-NUM"
                   start="2027-03-02T10:00:00+01:00" capacity="6" every-days="7" count="3"/>
  <schedule-course id="course" workshop="EMAIL-DEBUT" site="MED-CENTRE" room="ESPACE-NUM"
                   start="2027-04-06T10:00:00+02:00" capacity="6" every-days="7" count="2"
                   title="Parcours e-mail"/>
</request>
XML
xml "$T/series.xml"
check "a series and a course are scheduled (exit 0), the response valid" \
	bash -c "[ $RC -eq 0 ] && xmllint --noout --schema '$XSD' '$OUT'"
check "... three sessions for the series, a course of two" \
	bash -c "[ \$(grep -c '<session number=' '$OUT') -eq 5 ] && [ \$(grep -c '<course number=' '$OUT') -eq 1 ]"
COURSE=$(sed -n 's/.*<course number="\([0-9]*\)".*/\1/p' "$OUT" | head -1)
cat >"$T/course-enrol.xml" <<XML
<request xmlns="urn:atelier:exchange:1" staff="s.martin">
  <enrol id="in" course="${COURSE:-0}" patron="0451877"/>
  <unenrol id="out" course="${COURSE:-0}" patron="0451877"/>
</request>
XML
xml "$T/course-enrol.xml"
check "enrolled in the course, then unenrolled (exit 0), the response valid" \
	bash -c "[ $RC -eq 0 ] && xmllint --noout --schema '$XSD' '$OUT'"
check "... an enrolment, then its cancellation" \
	bash -c "grep -q '<enrolment number=\"[0-9]*\" status=\"enrolled\"' '$OUT' && grep -q '<unenrolment cancelled=\"[0-9]*\"' '$OUT'"
check "no sanitizer complained" sanitizers_quiet
