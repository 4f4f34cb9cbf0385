#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One command for each exit code the README's table and atelier(1) promise:
# 0 done; 1 refused by a rule (not found, conflict, full, forbidden); 2 usage,
# whether the command or the database noticed it; 3 unavailable; 4
# authentication (wrong password, a login atelier has no staff member for,
# no session); 5 internal.  Then the same codes from `atelier xml`.  Each
# check also names the sentence, so that the code comes from the failure
# meant (a database's refusal says the database's words).
. "$(dirname "$0")/lib.sh"
it_begin
it_fixtures

# --- 0
atl --version
expect_rc 0 "0: --version"

# --- 2, the command's own check: nothing reaches the database
atl ticket list --frobnicate
expect_rc 2 "2: an unknown option"
expect_err 'Unknown option' "2: an unknown option: says so"
atl --frobnicate
expect_rc 2 "2: an unknown global option"
atl frobnicate
expect_rc 2 "2: an unknown command"

# --- 4: authentication
atl_stdin wrong login marie --password-stdin
expect_rc 4 "4: a wrong password"
expect_err "Wrong login or password." "4: a wrong password: says so"
atl_stdin Ghost-pw-4 login ghost --password-stdin
expect_rc 4 "4: a login PAM accepts but atelier has no staff member for"
expect_err 'No staff member has the login "ghost".' "4: unknown staff login: the database's sentence"
atl_stdin Ancien-pw-3 login ancien --password-stdin
expect_rc 4 "4: a deactivated staff member"
atl ticket list
expect_rc 4 "4: no staff session, no terminal to ask for a password"

login marie Marie-pw-1

# --- 2, raised by the database (ATU11): the command passes it on
atl ticket open --site BIB1 --theme email --procedure logement
expect_rc 2 "2: input the database refuses as invalid (a procedure without its theme)"
expect_err 'Administrative procedures go with the theme "Help with administrative procedures".' \
	"2 from the database: the database's sentence"
expect_sql "SELECT count(*) FROM atelier.ticket" 0 "2 from the database: nothing stored"

# --- 1: not found, conflict, full, forbidden
atl ticket open --site NOPE --theme email
expect_rc 1 "1: not found (an unknown site)"
expect_err 'Unknown site "NOPE".' "1 not found: the database's sentence"
atl ticket open --site BIB2 --theme email
expect_rc 1 "1: forbidden (a site marie does not work for)"
expect_err 'You do not work for site "BIB2".' "1 forbidden: the database's sentence"

atl workshop add EMAIL "E-mail" --minutes 60 --theme email
expect_rc 0 "set-up: a workshop"
atl session schedule EMAIL --site BIB1 --start "2030-05-06 10:00" --capacity 4 --format tsv
expect_rc 0 "set-up: a session"
atl session schedule EMAIL --site BIB1 --start "2030-05-06 10:30" --capacity 4 --format tsv
expect_rc 0 "set-up: an overlapping session"
S1=$(su_sql "SELECT min(id) FROM atelier.session")
S2=$(su_sql "SELECT max(id) FROM atelier.session")
atl book "$S1" --pc pc-01
expect_rc 0 "set-up: pc-01 booked for the first session"
atl book "$S2" --pc pc-01
expect_rc 1 "1: conflict (pc-01 already booked at that time)"
expect_err "PC pc-01 is already booked from" "1 conflict: the database's sentence"
atl book "$S2" --pcs 11
expect_rc 1 "1: full (11 PCs asked, 9 free)"
expect_err "Only 9 of 10 PCs at site BIB1 are free at that time" "1 full: the database's sentence"

# --- 3: nothing listens on the database's port
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
atl --db "host=127.0.0.1 port=$PORT dbname=$DB connect_timeout=5" ticket list
expect_rc 3 "3: the database cannot be reached (a port nothing listens on)"
expect_err "The atelier database cannot be reached." "3: says so"

# --- 5: internal
atl --help
expect_rc 0 "set-up: --help"
atl_full() {  # the command with its standard output on /dev/full
	LAST_CMD="$* > /dev/full"
	timeout 60 env LD_LIBRARY_PATH="$IT_TOP/build" "$IT_TOP/build/atelier" "$@" \
		>/dev/full 2>"$ERR" </dev/null
	RC=$?
	SAN_REPORT=
}
atl_full --help
expect_rc 5 "5: --help cannot write its output (stdout on /dev/full)"
expect_err "The output could not be written completely." "5: says so"
atl_full ticket list
expect_rc 5 "5: ticket list cannot write its output"
# Connection settings that name a database without the extension are a
# usage error (fix the settings), as a database that does not exist is.
atl --db "service=atelier dbname=postgres" ticket list
expect_rc 2 "2: the connection settings name a database without atelier"
expect_err 'The atelier extension is not installed in database "postgres".' "2: says so"

# --- atelier xml: the same codes
req() {  # req STAFF BODY: a request document in $T/req.xml
	printf '<request xmlns="urn:atelier:exchange:1" staff="%s">%s</request>\n' "$1" "$2" >"$T/req.xml"
}
export ATELIER_DATADIR=$IT_TOP/module/xml
XML_DB="service=atelier_admin"
req marie '<list-sessions id="l" site="BIB1" from="2030-05-01T00:00:00+02:00" to="2030-06-01T00:00:00+02:00"/>'
atl --db "$XML_DB" xml "$T/req.xml"
expect_rc 0 "xml 0: everything done"
req marie '<open-ticket id="t" site="NOPE"><theme>email</theme></open-ticket>'
atl --db "$XML_DB" xml "$T/req.xml"
expect_rc 1 "xml 1: the database refused something (an unknown site)"
req marie '<frobnicate id="x"/>'
atl --db "$XML_DB" xml "$T/req.xml"
expect_rc 2 "xml 2: the document is not valid"
atl ticket open --site BIB1 --theme email
expect_rc 0 "set-up: a ticket"
TICKET=$(su_sql "SELECT max(id) FROM atelier.ticket")
req marie "<move-ticket id=\"m\" ticket=\"$TICKET\" state=\"referred\"/>"
atl --db "$XML_DB" xml "$T/req.xml"
expect_rc 2 "xml 2: a value the database refuses as invalid (referred, but to what?)"
expect_out "To refer someone, say to which kind of structure." "xml 2 from the database: its sentence"
req ghost '<open-ticket id="t" site="BIB1"><theme>email</theme></open-ticket>'
atl --db "$XML_DB" xml "$T/req.xml"
expect_rc 4 "xml 4: the staff member the request names is unknown"
req ancien '<open-ticket id="t" site="BIB1"><theme>email</theme></open-ticket>'
atl --db "$XML_DB" xml "$T/req.xml"
expect_rc 4 "xml 4: the staff member the request names is deactivated"
req marie '<list-sessions id="l" site="BIB1" from="2030-05-01T00:00:00+02:00" to="2030-06-01T00:00:00+02:00"/>'
atl --db "host=127.0.0.1 port=$PORT dbname=$DB connect_timeout=5" xml "$T/req.xml"
expect_rc 3 "xml 3: the database cannot be reached"
atl_full --db "$XML_DB" xml "$T/req.xml"
expect_rc 5 "xml 5: the response cannot be written (stdout on /dev/full)"

it_end
