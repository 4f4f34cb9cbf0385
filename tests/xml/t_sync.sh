# SPDX-License-Identifier: GPL-3.0-or-later
# tests/xml/t_sync.sh - sourced by tests/xml/run: sync documents.

# counts_are CREATED UPDATED DEACTIVATED UNCHANGED: the totals of the response.
counts_are() {
	[ "$(attr '<sync-result' created)/$(attr '<sync-result' updated)/$(attr '<sync-result' deactivated)/$(attr '<sync-result' unchanged)" = "$1/$2/$3/$4" ]
}

check "the example documents follow the schema (xmllint --schema)" \
	xmllint --noout --schema "$XSD" "$EXAMPLES/sync-network.xml" "$EXAMPLES/request-desk.xml"

BEFORE=$(snapshot)
xml "$EXAMPLES/sync-network.xml"
check "a network sync is applied (exit 0)" test "$RC" -eq 0
check "its response follows the schema" valid_response
check "its response counts 18 created" counts_are 18 0 0 0
check "its response counts each section" out_has '<section name="workstations" created="7" updated="0" deactivated="0" unchanged="0"/>'
check "sites, rooms, PCs, staff, their sites and people are stored" \
	test "$(su_sql "SELECT concat_ws('/', (SELECT count(*) FROM atelier.site), (SELECT count(*) FROM atelier.room),
	        (SELECT count(*) FROM atelier.workstation), (SELECT count(*) FROM atelier.staff),
	        (SELECT count(*) FROM atelier.staff_site), (SELECT count(*) FROM atelier.person))")" = "2/3/7/3/3/3"
check "no sanitizer complained" sanitizers_quiet
FIRST=$(snapshot)

xml "$EXAMPLES/sync-network.xml"
check "the same document twice: exit 0" test "$RC" -eq 0
check "the same document twice: all 18 unchanged" counts_are 0 0 0 18
check "the same document twice changes nothing in the database" test "$(snapshot)" = "$FIRST"

# The patron id becomes HMAC-SHA-256(key, id) and is stored nowhere.
pseudonym=$(printf '%s' 0451877 | openssl dgst -sha256 -mac HMAC -macopt "key:$(cat "$T/secret")" | sed 's/.*= //')
check "a person is stored under HMAC-SHA-256 of the patron id" \
	test "$(su_sql "SELECT age_bracket || '/' || social_status FROM atelier.person WHERE pseudonym = '$pseudonym'")" = "25_39/sans_emploi"
check "no patron id is stored anywhere (pg_dump)" \
	bash -c "! pg_dump -d '$DB' | grep -qE '0451203|0451877|0452230'"

# A full sync: what a section no longer lists is deactivated, once; past 20 % of
# one kind (here 1 of 3 staff members), only when the document says it means it.
grep -v -e 'med-num-04' -e 'k.benali' "$EXAMPLES/sync-network.xml" >"$T/full.xml"
BEFORE=$(snapshot)
xml "$T/full.xml"
expect_refused "a full sync deactivating 1 of 3 staff members (over 20 %) is refused, naming every count" 2 \
	'This full sync would deactivate 0 of 2 active sites, 0 of 3 rooms, 1 of 6 PCs and 1 of 3 staff members: more than 20% of one kind. Nothing was changed.'
check "... its hint names the attribute that allows it" said 'allow-mass-deactivation="true"'
sed 's/mode="full"/mode="full" allow-mass-deactivation="true"/' "$T/full.xml" >"$T/full-meant.xml"
xml "$T/full-meant.xml"
check "with allow-mass-deactivation=\"true\", it deactivates the PC and the staff member it no longer lists" \
	counts_are 0 0 2 16
check "... they are inactive in the database" \
	test "$(su_sql "SELECT (SELECT active FROM atelier.workstation WHERE hostname = 'med-num-04')::text || '/' ||
	                       (SELECT active FROM atelier.staff WHERE login = 'k.benali')::text")" = "false/false"
xml "$T/full.xml"
check "the same full sync again deactivates nothing" counts_are 0 0 0 16
# A full sync whose sections came empty would deactivate the whole network: refused,
# nothing changed, the response saying how many of each it would have deactivated.
cat >"$T/full-empty.xml" <<'XML'
<sync xmlns="urn:atelier:exchange:1" mode="full"><sites/><rooms></rooms><workstations/><staff/></sync>
XML
BEFORE=$(snapshot)
xml "$T/full-empty.xml"
expect_refused "a full sync with empty sections is refused whole" 2 \
	'would deactivate 2 of 2 active sites, 3 of 3 rooms, 5 of 5 PCs and 2 of 2 staff members'
LANGUAGE=fr xml "$T/full-empty.xml"
expect_refused "... in French too" 2 'désactiverait 2 site(s) actif(s) sur 2, 3 salle(s) sur 3'
# A partial sync that lists the PC again makes it active again; the rest stays.
cat >"$T/partial.xml" <<'XML'
<sync xmlns="urn:atelier:exchange:1">
  <workstations><workstation hostname="MED-NUM-04" site="MED-CENTRE" room="ESPACE-NUM" label="Poste 4"/></workstations>
</sync>
XML
xml "$T/partial.xml"
check "a partial sync updates what it lists (host names in any case)" counts_are 0 1 0 0
check "... and deactivates nothing" \
	test "$(su_sql "SELECT active::text FROM atelier.staff WHERE login = 'k.benali'")" = "false"

# One item refused rejects the whole document, naming its line: here after
# two batches of 5000 people were already sent.
{
	echo '<sync xmlns="urn:atelier:exchange:1">'
	echo '<people>'
	seq 1 12000 | sed 's/.*/<person patron="B&" age-bracket="40_59" postcode="69003"\/>/'
	echo '<person patron="B-last" age-bracket="99_120"/>'
	echo '</people></sync>'
} >"$T/bad-term.xml"
BEFORE=$(snapshot)
xml "$T/bad-term.xml"
expect_refused "an unknown age bracket on line 12003 refuses all 12001 people" 1 \
	'Line 12003: "99_120" is not in the list "age_bracket".'
# The same refusal in the first batch, while the next ones are on their way
# (pipeline mode): still named, still nothing stored.
sed '103s/age-bracket="40_59"/age-bracket="not_an_age"/' "$T/bad-term.xml" >"$T/bad-early.xml"
xml "$T/bad-early.xml"
expect_refused "an unknown age bracket on line 103, while later batches are sent" 1 \
	'Line 103: "not_an_age" is not in the list "age_bracket".'
cat >"$T/bad-room.xml" <<'XML'
<sync xmlns="urn:atelier:exchange:1">
  <sites><site code="NEW-SITE" name="Nouveau site"/></sites>
  <workstations>
    <workstation hostname="new-01" site="NEW-SITE"/>
    <workstation hostname="new-02" site="NEW-SITE" room="NOPE"/>
  </workstations>
</sync>
XML
xml "$T/bad-room.xml"
expect_refused "a PC in an unknown room refuses the document, naming the line" 1 \
	'Line 5: site "NEW-SITE" has no room "NOPE".'
cat >"$T/dup.xml" <<'XML'
<sync xmlns="urn:atelier:exchange:1">
<people>
<person patron="CARD-SECRET-1"/>
<person patron="CARD-SECRET-1"/>
</people>
</sync>
XML
xml "$T/dup.xml"
expect_refused "a person listed twice is refused, naming both lines" 2 \
	'Line 4: this person is already listed on line 3.'
check "... and the patron id is not repeated" bash -c "! grep -q CARD-SECRET '$OUT' '$ERR'"
LANGUAGE=fr xml "$T/bad-room.xml"
expect_refused "in French when the host asks for it" 1 'Ligne 5 : le site « NEW-SITE » n'"'"'a pas de salle « NOPE ».'

# From the standard input, and the size limit.
env -u PGUSER -u PGPASSWORD PGPASSFILE="$T/pgpass" "$BIN" --db "$CONN" --secret "$T/secret" xml - \
	<"$EXAMPLES/sync-network.xml" >"$OUT" 2>"$ERR"
RC=$?
check "a document on the standard input (atelier xml -)" test "$RC" -eq 0
seq 1 30000 | sed 's/.*/<person patron="S&" age-bracket="40_59" postcode="69003" first-visit="2024-01-01"\/>/' \
	| { echo '<sync xmlns="urn:atelier:exchange:1"><people>'; cat; echo '</people></sync>'; } >"$T/big.xml"
BEFORE=$(snapshot)
xml "$T/big.xml" --max-mib 1
expect_refused "a document over the limit (--max-mib 1) is refused unread" 2 "bigger than the limit of 1048576 bytes"
xml "$T/big.xml"
check "the same 30000 people under the default limit are created" counts_are 30000 0 0 0

# A staff member's sites are taken whole, however long the list (here 2 400 bytes,
# once cut at 1023 bytes into "no sites" and answered "created").
{
	echo '<sync xmlns="urn:atelier:exchange:1"><sites>'
	seq -f 'LONG-SITE-CODE-%03g' 1 120 | sed 's/.*/<site code="&" name="&"\/>/'
	printf '</sites><staff><member login="many.sites" name="Many Sites" role="librarian" sites="'
	seq -f 'LONG-SITE-CODE-%03g' 1 120 | tr '\n' ' '
	echo '"/></staff></sync>'
} >"$T/many-sites.xml"
xml "$T/many-sites.xml"
check "a staff member with 120 sites (a 2 400-byte list) is created" test "$RC" -eq 0
check "... with all 120 sites" \
	test "$(su_sql "SELECT count(*) FROM atelier.staff_site ss JOIN atelier.staff st ON st.id = ss.staff_id
	                 WHERE st.login = 'many.sites'")" = 120
