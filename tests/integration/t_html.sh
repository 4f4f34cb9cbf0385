#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The monthly report for people: `atelier export --format html`.  The same
# month exported as CSV, XML and HTML shows the same numbers (the page's
# figure cells read back with Python's html.parser); small counts of people
# are hidden in all three, and as "< 11" on the page; the page is one file
# with nothing to fetch, in English or French; headless Chromium renders it
# to PNG and to PDF (A4) without errors.  The rendering is kept in
# build/logs/ for people to look at.
. "$(dirname "$0")/lib.sh"
it_begin
it_fixtures

MONTH=$(date +%Y-%m)
mkdir "$T/exp"

# --- the month, through the SQL API: 14 people (ages 12 x 25-39 and 2 x 70+,
# statuses 11 x sans_emploi and 3 x en_emploi) helped at BIB1 (12 at the
# library, 2 at home; 10 about e-mail, 4 about browsing), and PC sessions.
people=""
for n in $(seq 1 14); do
	age=25_39; [ "$n" -gt 12 ] && age=70_plus
	status=sans_emploi; [ "$n" -gt 11 ] && status=en_emploi
	people+="SELECT atelier.person_upsert('$(pseudonym "CARD-$n")', '$age', '$status');"
done
if ! out=$(admin_sql "$people" 2>&1); then
	fail "set-up: 14 people" "$out"
fi
if ! out=$(admin_sql "
	SELECT count(atelier.ticket_open(s.tok, 'BIB1',
	           CASE WHEN n <= 10 THEN '{email}' ELSE '{navigation}' END::text[],
	           CASE WHEN n <= 12 THEN 'lieu_activite' ELSE 'domicile' END, NULL, NULL, p.key, 15))
	  FROM (SELECT atelier.staff_session_open('marie') AS tok) s,
	       unnest(ARRAY[$(for n in $(seq 1 14); do printf "'%s'," "$(pseudonym "CARD-$n")"; done | sed 's/,$//')])
	       WITH ORDINALITY AS p(key, n)" 2>&1); then
	fail "set-up: 14 tickets" "$out"
fi
# Three PC sessions this month, recorded as the workstations do: between the month's
# start and now (the database refuses a PC event dated in the future).
if ! out=$(su_sql "
	SELECT atelier.record_usage_event(('00000000-0000-4000-8000-' || lpad((10 * i + e)::text, 12, '0'))::uuid,
	           CASE e WHEN 0 THEN 'start' ELSE 'end' END, 'pc-0' || i, repeat('a', 63) || i,
	           date_trunc('month', now()) + (now() - date_trunc('month', now())) * (2 * i + e) / 8,
	           CASE e WHEN 1 THEN ('00000000-0000-4000-8000-' || lpad((10 * i)::text, 12, '0'))::uuid END)
	  FROM generate_series(1, 3) i, generate_series(0, 1) e ORDER BY i, e" 2>&1); then
	fail "set-up: PC sessions" "$out"
fi

login marie Marie-pw-1
atl export --month "$MONTH" --site BIB1 --format csv -o "$T/exp/month.csv"
expect_rc 0 "export --format csv"
atl export --month "$MONTH" --site BIB1 --format xml -o "$T/exp/month.xml"
expect_rc 0 "export --format xml"
atl export --month "$MONTH" --site BIB1 --format html -o "$T/exp/month.html"
expect_rc 0 "export --format html -o FILE"
expect_out "The figures of $MONTH are in $T/exp/month.html." "export --format html: says where"
expect_true "only the page is left beside the other exports (no temporary file)" \
	test "$(ls -A "$T/exp" | tr '\n' ' ')" = "month.csv month.html month.xml "

# read_figures FORMAT FILE: one line per figure, "metric|dimension|value|suppressed".
read_figures() {
	python3 - "$1" "$2" <<-'EOF'
	import csv, sys, html.parser, xml.etree.ElementTree as ET
	fmt, path = sys.argv[1], sys.argv[2]
	rows = []
	if fmt == 'csv':
	    with open(path, newline='', encoding='utf-8-sig') as f:
	        for r in list(csv.DictReader(f)):
	            rows.append((r['metric'], r['dimension'], r['value'], r['suppressed']))
	elif fmt == 'xml':
	    for f in ET.parse(path).getroot():
	        rows.append((f.get('metric'), f.get('dimension', ''), f.get('value', ''),
	                     f.get('suppressed', '')))
	else:
	    class Cells(html.parser.HTMLParser):
	        def handle_starttag(self, tag, attrs):
	            a = dict(attrs)
	            if 'data-metric' in a:
	                rows.append((a['data-metric'], a.get('data-dimension', ''),
	                             a.get('data-value', ''), a.get('data-suppressed', '')))
	    p = Cells(convert_charrefs=True)
	    p.feed(open(path, encoding='utf-8').read())
	    p.close()
	for r in rows:
	    print('|'.join(x if x is not None else '' for x in r))
	EOF
}

read_figures csv "$T/exp/month.csv" >"$T/csv.txt"
read_figures xml "$T/exp/month.xml" >"$T/xml.txt"
read_figures html "$T/exp/month.html" >"$T/html.txt"
expect_true "the CSV has the month's figures (100 or more)" test "$(wc -l <"$T/csv.txt")" -ge 100
expect_true "XML and CSV give the same figures" diff "$T/csv.txt" "$T/xml.txt"
expect_true "the page gives the same figures (every one, once)" \
	diff <(sort "$T/csv.txt") <(sort "$T/html.txt")
expect_true "the figures of the month: 14 tickets, 14 people helped, 3 PC sessions" \
	grep -qx -e 'tickets||14|' "$T/csv.txt"
expect_true "... 14 people helped" grep -qx 'people_helped||14|' "$T/csv.txt"
expect_true "... 3 PC sessions" grep -qx 'usage_sessions||3|' "$T/csv.txt"
expect_true "a count of people of 11 or more is shown (12 aged 25-39)" \
	grep -qx 'people_by_age|25_39|12|' "$T/csv.txt"
expect_true "a count below 11 is hidden (2 aged 70+)" \
	grep -qx 'people_by_age|70_plus||below_threshold' "$T/csv.txt"
expect_true "... and a 0 is hidden with it, so that the total (14) does not give it back" \
	grep -qx 'people_by_age|moins_12||below_threshold' "$T/csv.txt"
expect_true "2 helped at home: hidden, with the first place of none" \
	bash -c "grep -qx 'tickets_by_place|domicile||below_threshold' '$T/csv.txt' &&
		 grep -qx 'tickets_by_place|distance||below_threshold' '$T/csv.txt'"
expect_true "themes are not people: 4 about browsing is shown" \
	grep -qx 'tickets_by_theme|navigation|4|' "$T/csv.txt"
expect_true "the XML document is valid against the exchange schema" \
	xmllint --noout --schema "$IT_TOP/module/xml/atelier-exchange-1.xsd" "$T/exp/month.xml"
expect_true "the XML names the threshold" grep -q 'min-count="11"' "$T/exp/month.xml"

# The page itself: what people read.
expect_true "the page: English, its title, the note on hidden counts, \"< 11\" in the cell" \
	python3 - "$T/exp/month.html" "$MONTH" <<-'EOF'
	import sys, html.parser, calendar
	path, month = sys.argv[1], sys.argv[2]
	doc = open(path, encoding='utf-8').read()
	y, m = map(int, month.split('-'))
	title = 'Monthly report for %s %d \u2014 M\u00e9diath\u00e8que centrale' % (calendar.month_name[m], y)
	class Page(html.parser.HTMLParser):
	    def __init__(self):
	        super().__init__(convert_charrefs=True)
	        self.stack, self.texts, self.cell, self.lang = [], {}, None, None
	        self.title = ''
	    def handle_starttag(self, tag, attrs):
	        a = dict(attrs)
	        if tag == 'html':
	            self.lang = a.get('lang')
	        if tag in ('script', 'link', 'iframe', 'img', 'object', 'embed'):
	            sys.exit('a <%s> element' % tag)
	        self.stack.append(tag)
	        if 'data-metric' in a:
	            self.cell = (a['data-metric'], a.get('data-dimension', ''))
	            self.texts[self.cell] = ''
	    def handle_endtag(self, tag):
	        if self.stack and self.stack[-1] == tag:
	            self.stack.pop()
	        if tag == 'td':
	            self.cell = None
	    def handle_data(self, data):
	        if self.cell:
	            self.texts[self.cell] += data
	        if self.stack and self.stack[-1] == 'title' and 'svg' not in self.stack:
	            self.title += data
	p = Page()
	p.feed(doc)
	p.close()
	if p.lang != 'en':
	    sys.exit('lang=%r' % p.lang)
	if p.title != title:
	    sys.exit('title %r, expected %r' % (p.title, title))
	for need in ('Counts below 11 are hidden to protect people\u2019s anonymity.',
	             '@page{size:A4;', '<svg class="chart"'):
	    if need not in doc:
	        sys.exit('missing: %r' % need)
	if doc.count('<svg class="chart"') != 4:
	    sys.exit('%d charts, expected 4' % doc.count('<svg class="chart"'))
	got = p.texts.get(('people_by_age', '70_plus'), '').replace('\u00a0', ' ')
	if got != '< 11':
	    sys.exit('hidden cell shows %r' % got)
	if p.texts.get(('tickets', '')) != '14':
	    sys.exit('tickets cell shows %r' % p.texts.get(('tickets', '')))
	if 'http' in doc.replace('xmlns="http://www.w3.org/2000/svg"', ''):
	    sys.exit('an address other than the SVG namespace')
	EOF

# The same month again: the same bytes (nothing depends on the time of writing).
atl export --month "$MONTH" --site BIB1 --format html -o "$T/again.html"
expect_true "the same month gives the same page" cmp -s "$T/exp/month.html" "$T/again.html"

# --- the threshold: the network's (11 as shipped) is the lowest anyone may ask for
atl export --month "$MONTH" --site BIB1 --format csv --min-count 1 -o "$T/all.csv"
expect_rc 1 "--min-count 1, below the network's threshold: refused (exit 1)"
expect_err "Counts of fewer than 11 people stay hidden on this network: a threshold of 1 is not allowed." \
	"... saying the lowest allowed"
expect_true "... and no file is written" test ! -e "$T/all.csv"
atl export --month "$MONTH" --site BIB1 --format html --min-count 13 -o "$T/more.html"
expect_rc 0 "--min-count 13: more is hidden"
expect_true "--min-count 13: the page names the threshold" \
	grep -q 'Counts below 13 are hidden' "$T/more.html"
atl export --month "$MONTH" --site BIB1 --format html --min-count 0
expect_rc 2 "--min-count 0 is refused (exit 2)"
# A network that raises its threshold to 13: an export that names none uses it, and
# 11 is now too low.
expect_true "the host system sets the network's threshold to 13" \
	admin_sql "SELECT atelier.setting_set('report_min_count', 13)"
atl export --month "$MONTH" --site BIB1 --format xml -o "$T/net13.xml"
expect_rc 0 "export with the network's threshold raised"
expect_true "the XML names the network's threshold" grep -q 'min-count="13"' "$T/net13.xml"
read_figures xml "$T/net13.xml" >"$T/net13.txt"
expect_true "12 aged 25-39 is hidden at 13" grep -qx 'people_by_age|25_39||below_threshold' "$T/net13.txt"
atl export --month "$MONTH" --site BIB1 --format html -o "$T/net13.html"
expect_true "the page names the network's threshold" grep -q 'Counts below 13 are hidden' "$T/net13.html"
atl export --month "$MONTH" --site BIB1 --format csv --min-count 11
expect_rc 1 "--min-count 11 below the network's 13: refused"
admin_sql "SELECT atelier.setting_set('report_min_count', 11)" >/dev/null

# --- the whole network, and French
atl export --month "$MONTH" --format html -o "$T/network.html"
expect_rc 0 "export --format html for the whole network"
expect_true "the network's page says so" grep -q "Whole network</title>" "$T/network.html"
if locale -a 2>/dev/null | grep -qix 'fr_FR\.utf-\?8'; then
	LANG=fr_FR.UTF-8 ATELIER_LOCALEDIR=$IT_TOP/build/locale \
		atl export --month "$MONTH" --site BIB1 --format html -o "$T/fr.html"
	expect_rc 0 "in French: export --format html"
	expect_true "in French: the page, its title and the note" python3 - "$T/fr.html" <<-'EOF'
	import sys
	doc = open(sys.argv[1], encoding='utf-8').read()
	for need in ('<html lang="fr">', '<title>Bilan du mois ',
	             '\u2014 M\u00e9diath\u00e8que centrale</title>',
	             'Les effectifs inf\u00e9rieurs \u00e0 11 sont masqu\u00e9s pour prot\u00e9ger '
	             'l\u2019anonymat des personnes.', 'Comment lire ce bilan'):
	    if need not in doc:
	        sys.exit('missing: %r' % need)
	if 'Monthly report' in doc:
	    sys.exit('English in the French page')
	EOF
else
	fail "in French: the locale fr_FR.UTF-8 is missing" \
		"generate it (as root): localedef -i fr_FR -f UTF-8 fr_FR.UTF-8"
fi

# --- a refused export writes no page
atl export --month "$MONTH" --site NOPE --format html -o "$T/exp/bad.html"
expect_rc 1 "an unknown site: exit 1"
expect_true "... and no page" test ! -e "$T/exp/bad.html"
atl logout

# --- a real browser: headless Chromium renders the page to PNG and to PDF.
# chromium_run OUT ARGS...: chromium's output in OUT; its exit code.
chromium_run() {
	local out=$1
	shift
	timeout -k 5 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --disable-breakpad --user-data-dir="$(mktemp -d "$T/chromium.XXXXXX")" \
		"$@" >"$out" 2>&1
}
# chromium_makes WHAT FILE CHROMIUM-OPTION...: Chromium writes the page to
# FILE with the options; passes "Chromium WHAT" when it did, non-empty.
chromium_makes() {
	local what=$1 file=$2 rc
	shift 2
	chromium_run "$file.log" "$@" "file://$T/exp/month.html"
	rc=$?
	if [ "$rc" -eq 0 ] && [ -s "$file" ]; then
		pass "Chromium $what"
	else
		fail "Chromium $what" "exit code $rc" "$(tail -n 20 "$file.log")"
	fi
}
# check_pdf FILE: a PDF of A4 pages, two or more, whose text has the title
# and the note on hidden counts (pdftotext, from poppler-utils).
check_pdf() {
	local info text
	[ "$(head -c 5 "$1")" = "%PDF-" ] || { echo "not a PDF"; return 1; }
	info=$(pdfinfo "$1") || return 1
	grep -q '^Page size:.*pts (A4)' <<<"$info" || { echo "$info"; return 1; }
	[ "$(sed -n 's/^Pages: *//p' <<<"$info")" -ge 2 ] || { echo "$info"; return 1; }
	text=$(pdftotext "$1" - | tr -s ' \n' '  ') || return 1
	grep -q 'Monthly report for .* Médiathèque centrale' <<<"$text" &&
		grep -q 'Counts below 11 are hidden' <<<"$text" || { echo "$text" | head -c 600; return 1; }
}
if ! command -v chromium >/dev/null; then
	fail "Chromium renders the page: chromium is not installed" \
		"install the build dependencies (tests/ensure-deps does, as root)"
else
	chromium_makes "renders the page to PNG" "$T/month.png" \
		--screenshot="$T/month.png" --window-size=1200,1600
	expect_true "the PNG is a 1200 x 1600 picture with something in it (over 30 kB)" \
		python3 - "$T/month.png" <<-'EOF'
	import struct, sys
	d = open(sys.argv[1], 'rb').read()
	if d[:8] != b'\x89PNG\r\n\x1a\n':
	    sys.exit('not a PNG')
	w, h = struct.unpack('>II', d[16:24])
	if (w, h) != (1200, 1600):
	    sys.exit('%dx%d' % (w, h))
	if len(d) < 30000:
	    sys.exit('only %d bytes: a blank page?' % len(d))
	EOF
	chromium_makes "prints the page to PDF" "$T/month.pdf" \
		--no-pdf-header-footer --print-to-pdf="$T/month.pdf"
	expect_true "the PDF is A4, two pages or more, with the title and the note in its text" \
		check_pdf "$T/month.pdf"
	# For people to look at after make check.
	mkdir -p "$IT_TOP/build/logs"
	cp "$T/month.png" "$IT_TOP/build/logs/t_html-report.png"
	cp "$T/month.pdf" "$IT_TOP/build/logs/t_html-report.pdf"
	cp "$T/exp/month.html" "$IT_TOP/build/logs/t_html-report.html"
fi

it_end
