# SPDX-License-Identifier: GPL-3.0-or-later
# tests/xml/t_hostile.sh - sourced by tests/xml/run: hostile documents, each
# refused with a clear error (exit 2, a valid response saying why) while
# nothing at all is stored.

H=$T/hostile
mkdir -p "$H"
NS='xmlns="urn:atelier:exchange:1"'

# hostile NAME WORDS DESCRIPTION: runs $H/NAME.xml and checks the refusal.
hostile() {
	BEFORE=$(snapshot)
	xml "$H/$1.xml" "${@:4}"
	expect_refused "$3" 2 "$2"
	if grep -qE 'root:|/bin/(ba)?sh' "$OUT" "$ERR"; then
		not_ok "$1: no file content in the output" "$(grep -E 'root:' "$OUT" "$ERR" | head -n 3)"
	fi
}

printf '<?xml version="1.0"?>\n<!DOCTYPE sync [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<sync %s><sites><site code="X" name="&x;"/></sites></sync>\n' "$NS" >"$H/xxe-file.xml"
hostile xxe-file "DOCTYPE" "XXE through a file entity"

printf '<!DOCTYPE sync [<!ENTITY %% p SYSTEM "file:///etc/passwd"> %%p;]>\n<sync %s/>\n' "$NS" >"$H/xxe-param.xml"
hostile xxe-param "DOCTYPE" "XXE through a parameter entity"

printf '<!DOCTYPE sync SYSTEM "http://127.0.0.1:9/evil.dtd">\n<sync %s/>\n' "$NS" >"$H/external-dtd.xml"
hostile external-dtd "DOCTYPE" "an external DTD"

{
	echo '<?xml version="1.0"?>'
	echo '<!DOCTYPE lolz ['
	echo ' <!ENTITY lol "lol">'
	prev=lol
	for i in 1 2 3 4 5 6 7 8 9; do
		printf ' <!ENTITY lol%d "%s">\n' "$i" "$(printf '&%s;' $prev $prev $prev $prev $prev $prev $prev $prev $prev $prev)"
		prev=lol$i
	done
	echo ']>'
	printf '<sync %s><sites><site code="X" name="&lol9;"/></sites></sync>\n' "$NS"
} >"$H/billion-laughs.xml"
hostile billion-laughs "DOCTYPE" "billion laughs"

{
	printf '<!DOCTYPE sync [<!ENTITY a "%s">]>\n' "$(head -c 50000 /dev/zero | tr '\0' a)"
	printf '<sync %s><sites><site code="X" name="' "$NS"
	head -c 200000 /dev/zero | tr '\0' '\n' | sed 's/.*/\&a;/' | tr -d '\n'
	printf '"/></sites></sync>\n'
} >"$H/quadratic.xml"
hostile quadratic "DOCTYPE" "quadratic blow-up"

{
	printf '<sync %s><sites>' "$NS"
	printf '<a>%.0s' $(seq 100000)
	printf '</a>%.0s' $(seq 100000)
	printf '</sites></sync>\n'
} >"$H/deep.xml"
hostile deep "schema" "100 000-deep nesting"
{
	printf '<sync %s>' "$NS"
	printf '<sites>%.0s' $(seq 100000)
} >"$H/deep-ours.xml"
hostile deep-ours "<error" "100 000-deep nesting of our own elements"

{
	printf '<sync %s><sites><site code="X" name="' "$NS"
	head -c 67108864 /dev/zero | tr '\0' x
	printf '"/></sites></sync>\n'
} >"$H/attribute-64mib.xml"
hostile attribute-64mib "bigger than the limit" "a 64 MiB attribute (over the size limit)"
hostile attribute-64mib "Line 1: the attribute name of the element site is longer than 4000 characters." \
	"a 64 MiB attribute under an 80 MiB limit (the guard, before libxml2)" --max-mib 80
rm -f "$H/attribute-64mib.xml"

# Bounds on the work a document may cause, refused before libxml2 and the schema (once:
# minutes of CPU or hundreds of MiB).  Small documents: the refusal is checked, not the time.
{
	printf '<sync %s><sites>\n<site code="X" name="n"' "$NS"
	seq 1 20000 | sed 's/.*/ a&="1"/' | tr -d '\n'
	printf '/></sites></sync>\n'
} >"$H/attributes.xml"
hostile attributes "Line 2: the element site has more than 32 attributes." "20 000 attributes on one element"
{
	printf '<sync %s' "$NS"
	seq 1 1000 | sed 's/.*/ xmlns:n&="urn:x:&"/' | tr -d '\n'
	printf '/>\n'
} >"$H/namespaces.xml"
hostile namespaces "Line 1: the element sync declares more than 8 namespaces." "1 000 namespace declarations"
{
	printf '<sync %s><sites><site code="X" name="' "$NS"
	head -c 100000 /dev/zero | tr '\0' x
	printf '"/></sites></sync>\n'
} >"$H/long-name.xml"
hostile long-name "Line 1: the attribute name of the element site is longer than 4000 characters." \
	"a 100 000-character name (the schema's pattern never runs on it)"
{
	printf '<request %s staff="s.martin"><open-ticket id="t" site="MED-CENTRE"><theme>email</theme>\n<notes>' "$NS"
	head -c 4001 /dev/zero | tr '\0' n
	printf '</notes></open-ticket></request>\n'
} >"$H/long-notes.xml"
hostile long-notes "Line 2: the text of the element notes is longer than 4000 characters." "notes of 4 001 characters"
{
	printf '<sync %s><people>\n' "$NS"
	seq 1 1000001 | sed 's/.*/<person patron="P&"\/>/'
	printf '</people></sync>\n'
} >"$H/million.xml"
hostile million "the document has more than 1000000 elements" "a million and one people: refused before any is read"
rm -f "$H/million.xml"

printf '<sync %s><sites><site code="X" name="caf\351"/></sites></sync>\n' "$NS" >"$H/latin1.xml"
hostile latin1 "not valid UTF-8" "invalid UTF-8"

printf '<sync %s><sites><site code="X" name="a\0b"/></sites></sync>\n' "$NS" >"$H/nul.xml"
hostile nul "NUL byte" "NUL bytes"

head -c 150 "$EXAMPLES/sync-network.xml" >"$H/truncated.xml"
sed -n '1,20p' "$EXAMPLES/sync-network.xml" >"$H/truncated2.xml"
hostile truncated "<error" "a truncated document"
hostile truncated2 "not well-formed" "a document cut after its first PCs"

printf '<?xml version="1.0" encoding="UTF-16"?>\n<sync %s/>\n' "$NS" | iconv -f UTF-8 -t UTF-16 >"$H/utf16.xml"
hostile utf16 "UTF-16" "UTF-16"

printf '<sync %s xmlns:xi="http://www.w3.org/2001/XInclude"><sites><site code="X" name="a"/></sites><xi:include href="file:///etc/passwd" parse="text"/></sync>\n' "$NS" >"$H/xinclude.xml"
hostile xinclude "schema" "XInclude"

printf '<sync %s><sites><site code="X" name="a"/><drop-table/></sites></sync>\n' "$NS" >"$H/unknown.xml"
hostile unknown "schema" "an unknown element"

printf '<sync xmlns="urn:atelier:exchange:2"><sites><site code="X" name="a"/></sites></sync>\n' >"$H/namespace.xml"
hostile namespace "not an atelier exchange document" "the wrong namespace"
printf '<sync><sites><site code="X" name="a"/></sites></sync>\n' >"$H/no-namespace.xml"
hostile no-namespace "not an atelier exchange document" "no namespace"

printf '<sync %s xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:atelier:exchange:1 http://127.0.0.1:9/lax.xsd"><anything/></sync>\n' "$NS" >"$H/schema-location.xml"
hostile schema-location "schema" "a schemaLocation is ignored: our schema decides"

# Values that look like SQL or format strings are stored as they are.
cat >"$H/payload.xml" <<XML
<sync $NS>
  <sites><site code="EVIL" name="'); DROP TABLE atelier.site; --" city="%s%n%x%1\$s"/></sites>
  <staff><member login="robert');drop" name="Robert'); DROP TABLE students;-- %n" role="librarian" sites="EVIL"/></staff>
</sync>
XML
xml "$H/payload.xml"
check "SQL and format-string payloads: the sync is applied" test "$RC" -eq 0
check "... and every value is stored verbatim" \
	test "$(su_sql "SELECT s.name || '|' || s.city || '|' || st.login || '|' || st.display_name
	                 FROM atelier.site s, atelier.staff st WHERE s.code = 'EVIL' AND st.login LIKE 'robert%'")" \
	= "'); DROP TABLE atelier.site; --|%s%n%x%1\$s|robert');drop|Robert'); DROP TABLE students;-- %n"
check "... and the tables are all there" test "$(su_sql "SELECT count(*) FROM atelier.site WHERE code = 'EVIL'")" = 1
