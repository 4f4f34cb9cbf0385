#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The monthly export: CSV to a file and to stdout (valid CSV: a header, every
# row the same number of fields, read by Python's csv module), the figures
# the tickets of the month give, xml and html (t_html.sh tests the page),
# and no file left behind by a refused export.
. "$(dirname "$0")/lib.sh"
it_begin
it_fixtures

MONTH=$(date +%Y-%m)
mkdir "$T/exp"

# check_csv FILE [METRIC VALUE]: valid CSV with the documented header; with
# METRIC, the network/site row of that metric without a dimension has VALUE.
check_csv() {
	python3 - "$@" <<-'EOF'
	import csv, sys
	path = sys.argv[1]
	with open(path, newline='', encoding='utf-8-sig') as f:
	    rows = list(csv.reader(f))
	want = ['month', 'site', 'metric', 'metric_label', 'dimension', 'dimension_label', 'value',
	        'suppressed']
	if not rows or rows[0] != want:
	    sys.exit('header is %r, expected %r' % (rows[0] if rows else None, want))
	if len(rows) < 2:
	    sys.exit('no data rows')
	bad = [i + 1 for i, r in enumerate(rows) if len(r) != len(want)]
	if bad:
	    sys.exit('rows with a different number of fields: %s' % bad[:10])
	if len(sys.argv) > 2:
	    metric, value = sys.argv[2], sys.argv[3]
	    got = [r[6] for r in rows[1:] if r[2] == metric and r[4] == '']
	    if got != [value]:
	        sys.exit('%s: %r, expected [%r]' % (metric, got, value))
	EOF
}

login marie Marie-pw-1
for n in 1 2 3; do
	atl ticket open --site BIB1 --theme email --person "CARD-$n" --minutes 10
done
atl ticket open --site BIB1 --theme navigation --anonymous --note 'Formule =SOMME(A1) "citée", deux; lignes'
expect_rc 0 "set-up: 4 tickets this month"

# --- CSV to a file
atl export --month "$MONTH" --site BIB1 --format csv -o "$T/exp/month.csv"
expect_rc 0 "export --format csv -o FILE"
expect_true "the file is valid CSV: the header, every row the same number of fields" \
	check_csv "$T/exp/month.csv"
expect_true "the figures: 4 tickets" check_csv "$T/exp/month.csv" tickets 4
expect_true "the figures: 1 anonymous ticket" check_csv "$T/exp/month.csv" tickets_anonymous 1
expect_true "RFC 4180 line ends (CRLF)" grep -q $'\r$' "$T/exp/month.csv"
expect_true "only the file is left in the directory (no temporary file)" \
	test "$(ls -A "$T/exp")" = month.csv

# --- CSV to stdout
atl export --month "$MONTH" --format csv
expect_rc 0 "export to stdout (the whole network)"
cp "$OUT" "$T/stdout.csv"
expect_true "stdout is valid CSV" check_csv "$T/stdout.csv"
expect_true "the network's figures: 4 tickets" check_csv "$T/stdout.csv" tickets 4

atl export --month 2001-01 --site BIB1 --format csv -o "$T/exp/empty.csv"
expect_rc 0 "export of a month with nothing in it"
expect_true "an empty month is still valid CSV" check_csv "$T/exp/empty.csv" tickets 0
rm -f "$T/exp/empty.csv"

# --- XML (the exchange schema's monthly-report), and the page for people
atl export --month "$MONTH" --site BIB1 --format xml -o "$T/exp/month.xml"
expect_rc 0 "export --format xml -o FILE"
expect_true "the XML is well-formed and has the month's 4 tickets" python3 - "$T/exp/month.xml" <<-'EOF'
	import sys, xml.etree.ElementTree as ET
	root = ET.parse(sys.argv[1]).getroot()
	if not root.tag.endswith('monthly-report'):
	    sys.exit('root element: %s' % root.tag)
	got = [f.get('value') for f in root.iter() if f.tag.endswith('figure')
	       and f.get('metric') == 'tickets' and f.get('dimension') is None]
	if got != ['4']:
	    sys.exit('tickets: %r' % got)
	EOF
rm -f "$T/exp/month.xml"
atl export --month "$MONTH" --format html -o "$T/exp/month.html"
expect_rc 0 "export --format html -o FILE"
rm -f "$T/exp/month.html"

# --- refusals leave no file
atl export --month 2026-13 --format csv -o "$T/exp/bad.csv"
expect_rc 2 "a month that does not exist: exit 2"
atl export --month "$MONTH" --site NOPE --format csv -o "$T/exp/bad.csv"
expect_rc 1 "an unknown site: exit 1"
expect_err 'Unknown site "NOPE".' "unknown site: names it"
atl export --format csv
expect_rc 2 "no --month: exit 2"
atl export --month "$MONTH" --format csv -o "$T/nosuchdir/month.csv"
expect_rc "2|5" "a file in a directory that does not exist: refused"
expect_true "refused exports leave no file (nor a temporary one)" \
	test "$(ls -A "$T/exp")" = month.csv
atl logout

it_end
