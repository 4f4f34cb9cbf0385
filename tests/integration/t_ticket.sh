#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Helpdesk tickets: open with options (what is stored, the timeline), the
# refusals (unknown theme, no theme, an unknown PC; the site ones are in
# t_exit.sh), update, close and the database's rules on outcome and
# referral, a forbidden transition, reopen by a librarian (refused) and by
# a coordinator, show and list.
. "$(dirname "$0")/lib.sh"
it_begin
it_fixtures

# ticket_number: N from "Ticket #N opened." on the last command's stdout.
ticket_number() {
	grep -o '#[0-9]\+' "$OUT" | head -n 1 | tr -d '#'
}
tickets() {
	su_sql "SELECT count(*) FROM atelier.ticket"
}

login marie Marie-pw-1

# --- open with options: nothing asked, everything stored
atl ticket open --site BIB1 --theme email --theme navigation --place lieu_activite \
	--equipment ordinateur --workstation pc-03 --person CARD-0001 --minutes 20 \
	--note "Adresse e-mail créée"
expect_rc 0 "ticket open with options"
expect_out "opened." "ticket open says the ticket is opened"
T1=$(ticket_number)
expect_true "ticket open prints 'Ticket #N opened.' with the number stored" \
	grep -qx "Ticket #$T1 opened." "$OUT"
expect_sql "SELECT s.code || ' ' || t.themes::text || ' ' || t.place || ' ' || t.equipment || ' ' ||
                   w.hostname || ' ' || t.minutes || ' ' || t.notes || ' ' || t.state
              FROM atelier.ticket t JOIN atelier.site s ON s.id = t.site_id
              JOIN atelier.workstation w ON w.id = t.workstation_id WHERE t.id = ${T1:-0}" \
	"BIB1 {email,navigation} lieu_activite ordinateur pc-03 20 Adresse e-mail créée open" \
	"ticket open stores site, themes, place, equipment, PC, minutes, note"
expect_sql "SELECT p.pseudonym FROM atelier.ticket t JOIN atelier.person p ON p.id = t.person_id
             WHERE t.id = ${T1:-0}" "$(pseudonym CARD-0001)" \
	"ticket open stores the person's pseudonym (HMAC of the card number under the secret)"
expect_no_err "CARD-0001" "the card number is never printed"
expect_sql "SELECT e.kind || ' ' || s.login FROM atelier.ticket_event e
              JOIN atelier.staff s ON s.id = e.staff_id WHERE e.ticket_id = ${T1:-0} ORDER BY e.id" \
	"opened marie" "the timeline has the opening, by marie"

# --- the site: the only one of the staff member, or ATELIER_SITE
atl ticket open --theme bureautique --anonymous
expect_rc 0 "ticket open without --site: the staff member's only site"
T2=$(ticket_number)
expect_sql "SELECT s.code || ' ' || (t.person_id IS NULL) FROM atelier.ticket t
              JOIN atelier.site s ON s.id = t.site_id WHERE t.id = ${T2:-0}" "BIB1 true" \
	"ticket open --anonymous: at BIB1, no person"
ATELIER_SITE=BIB1 atl ticket open --theme demarches --procedure logement --procedure argent
expect_rc 0 "ticket open with ATELIER_SITE and procedures"
T3=$(ticket_number)
expect_sql "SELECT procedures::text FROM atelier.ticket WHERE id = ${T3:-0}" "{argent,logement}" \
	"procedures stored"

# --- refusals: the right exit code, one clear sentence, nothing stored
# (an unknown site, a site one does not work for and procedures without
# their theme: t_exit.sh, one refusal for each exit code)
before=$(tickets)
atl ticket open --site BIB1 --theme nosuchtheme
expect_rc 1 "unknown theme: exit 1 (not found)"
expect_err '"nosuchtheme" is not in the list "theme".' "unknown theme: the database's sentence"
atl ticket open --site BIB1 --minutes 10
expect_rc 2 "options but no theme: exit 2 (usage)"
atl ticket open --site BIB1 --theme email --minutes lots
expect_rc 2 "minutes not a number: exit 2 (usage)"
atl ticket open --site BIB1 --theme email --workstation nosuchpc
expect_rc 1 "unknown PC: exit 1"
expect_err 'Unknown workstation "nosuchpc".' "unknown PC: names it"
expect_sql "SELECT count(*) FROM atelier.ticket" "$before" "refused tickets: nothing stored"
atl ticket open --site NOPE --theme email
expect_true "an error is one sentence prefixed 'atelier: ', no stack of text" \
	bash -c "head -n 1 '$ERR' | grep -q '^atelier: ' && [ \$(wc -l <'$ERR') -le 4 ]"

# --- show and list
atl ticket show "$T1"
expect_rc 0 "ticket show"
expect_out "marie" "ticket show names who opened it"
expect_out "Browsing the internet" "ticket show gives theme labels, not codes"
expect_out "p:$(pseudonym CARD-0001 | cut -c1-8)" "ticket show shows the person as p:xxxxxxxx"
atl ticket show 999999
expect_rc 1 "ticket show of an unknown ticket: exit 1"
expect_err "Ticket #999999 not found." "unknown ticket: says so"
atl ticket list
expect_rc 0 "ticket list"
expect_true "ticket list has the tickets opened" grep -qw "$T1" "$OUT"
atl --format tsv ticket list
expect_rc 0 "ticket list --format tsv"
expect_true "tsv: a header line and tab-separated rows" \
	bash -c "head -n 1 '$OUT' | grep -q \$'\t' && [ \$(wc -l <'$OUT') -ge 4 ]"

# --- update, close, forbidden transition, reopen
atl ticket update "$T1" --minutes 30 --note "Adresse créée, mot de passe noté"
expect_rc 0 "ticket update"
expect_sql "SELECT minutes FROM atelier.ticket WHERE id = ${T1:-0}" 30 "ticket update stores the minutes"
expect_sql "SELECT count(*) FROM atelier.ticket_event WHERE ticket_id = ${T1:-0} AND kind = 'updated'" 1 \
	"ticket update goes on the timeline"
atl ticket close "$T1" --autonomy autonome
expect_rc 0 "ticket close (resolved by default)"
expect_sql "SELECT state || ' ' || autonomy || ' ' || (closed_at IS NOT NULL) FROM atelier.ticket
             WHERE id = ${T1:-0}" "resolved autonome true" "ticket close stores the outcome"
# Outcome and referral go together: the database's rule, its sentence.
atl ticket close "$T2" --outcome referred
expect_rc 2 "close --outcome referred without --referral: exit 2 (the database's rule)"
expect_sql "SELECT state FROM atelier.ticket WHERE id = ${T2:-0}" open "refused close: state unchanged"
atl ticket close "$T2" --outcome abandoned --referral aide_sociale
expect_rc 2 "close --outcome abandoned with a --referral: exit 2 (the database's rule)"
expect_sql "SELECT state || ' ' || (referral IS NULL) FROM atelier.ticket WHERE id = ${T2:-0}" \
	"open true" "refused close with a referral: state unchanged, no referral stored"
atl ticket close "$T2" --outcome referred --referral aide_sociale
expect_rc 0 "close --outcome referred --referral"
expect_sql "SELECT state || ' ' || referral FROM atelier.ticket WHERE id = ${T2:-0}" \
	"referred aide_sociale" "referral stored"
atl ticket close "$T3" --outcome abandoned
expect_rc 0 "close --outcome abandoned"
atl ticket close "$T3" --outcome resolved
expect_rc 1 "forbidden transition (abandoned to resolved): exit 1"
expect_err "Ticket #$T3 can not go from \"Abandoned\" to \"Resolved\"." \
	"forbidden transition: names both states"
expect_sql "SELECT state FROM atelier.ticket WHERE id = ${T3:-0}" abandoned \
	"forbidden transition: state unchanged"

atl ticket reopen "$T1"
expect_rc 1 "reopen by a librarian: exit 1"
expect_err "Only a coordinator or an administrator can reopen ticket #$T1." "reopen refused: says who can"
expect_sql "SELECT state FROM atelier.ticket WHERE id = ${T1:-0}" resolved "reopen refused: still resolved"
atl logout

login paul Paul-pw-2
atl ticket reopen "$T1"
expect_rc 0 "reopen by a coordinator"
expect_sql "SELECT t.state || ' ' || s.login FROM atelier.ticket t
              JOIN atelier.ticket_event e ON e.ticket_id = t.id
              JOIN atelier.staff s ON s.id = e.staff_id
             WHERE t.id = ${T1:-0} ORDER BY e.id DESC LIMIT 1" "open paul" \
	"reopened, and the timeline says by paul"
atl ticket open --theme email
expect_rc 2 "paul may act for every site (a coordinator): ticket open without --site is a usage error"
expect_err "BIB2" "the usage error lists the sites the database lets him act for"
atl logout

it_end
