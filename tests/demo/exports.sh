# SPDX-License-Identifier: GPL-3.0-or-later
# tests/demo/exports.sh - the month's figures, written by the atelier command
# into ./demo-out/: CSV, XML (checked against the exchange schema) and the
# HTML report, which headless Chromium renders to a PNG.

OUTDIR=$TOP/demo-out
rm -rf "$OUTDIR"
mkdir -p "$OUTDIR"
CSV=$OUTDIR/monthly-report-$DEMO_MONTH.csv
XML=$OUTDIR/monthly-report-$DEMO_MONTH.xml
HTML=$OUTDIR/monthly-report-$DEMO_MONTH.html
PNG=$OUTDIR/report.png

say "the month's exports: CSV, XML, HTML, and the HTML rendered by Chromium"
# The library's people read French: the exports' labels and the page follow
# LANG (the handle's language needs no installed locale).
export LANG=fr_FR.UTF-8 LANGUAGE=
atl export --month "$DEMO_MONTH" --format csv -o "$CSV"
atl export --month "$DEMO_MONTH" --format xml -o "$XML"
xmllint --noout --schema "$TOP/module/xml/atelier-exchange-1.xsd" "$XML" 2>"$D/err" ||
	die "the XML export is not valid against the schema" "$D/err"
atl export --month "$DEMO_MONTH" --format html -o "$HTML"

# Chromium needs a profile of its own and no sandbox as root; its chatter on
# stderr is kept out of the way unless it fails.
mkdir -p "$D/chromium"
timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$D/chromium" --screenshot="$PNG" --window-size=1200,2400 \
	"file://$HTML" >"$D/chromium.log" 2>&1 || die "chromium could not render the report" "$D/chromium.log"
[ -s "$PNG" ] || die "chromium wrote no picture" "$D/chromium.log"
