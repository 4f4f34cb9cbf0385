#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Staff login through the real PAM stack (pam_wrapper + pam_matrix), the
# session file, logout, and every refusal: wrong password, unknown user,
# account refused by pam_acct_mgmt, not atelier staff, deactivated staff,
# expired session.  Then a desk whose database login is a plain librarian's:
# staff log in as their own database role, and that login can open a
# session for nobody else.
. "$(dirname "$0")/lib.sh"
it_begin
it_fixtures

SESSION=$XDG_RUNTIME_DIR/atelier/session
NOT_LOGGED_IN="You are not logged in (or your session expired): run atelier login."
WRONG="Wrong login or password."

sessions_of() {
	echo "SELECT count(*) FROM atelier.staff_session ss JOIN atelier.staff s ON s.id = ss.staff_id WHERE s.login = '$1'"
}

# --- success
atl_stdin Marie-pw-1 login marie --password-stdin
expect_rc 0 "login with the right password"
expect_out "Logged in as marie until" "login says who and until when"
expect_sql "$(sessions_of marie)" 1 "login opens one staff session in the database"
expect_no_err "Marie-pw-1" "login never prints the password"
expect_true "session file is 0600" test "$(stat -c %a "$SESSION" 2>&1)" = 600
expect_true "session directory is 0700" test "$(stat -c %a "$(dirname "$SESSION")" 2>&1)" = 700
expect_true "session file does not hold the password" bash -c "! grep -qF Marie-pw-1 '$SESSION'"
expect_true "session file holds the token of the database's session" \
	grep -qF "$(su_sql "SELECT token FROM atelier.staff_session")" "$SESSION"

atl ticket list
expect_rc 0 "a second command reuses the session without a password"
expect_sql "$(sessions_of marie)" 1 "reusing the session opens no other one"

atl whoami
expect_rc 0 "whoami"
expect_out "marie" "whoami names the login"
expect_out "Marie Durand" "whoami gives the name"

# --- logout
atl logout
expect_rc 0 "logout"
expect_out "Logged out." "logout says so"
expect_true "logout removes the session file" test ! -e "$SESSION"
expect_sql "$(sessions_of marie)" 0 "logout ends the staff session in the database"

atl ticket list
expect_rc 4 "after logout, with no terminal: exit 4"
expect_err "$NOT_LOGGED_IN" "after logout: says to log in"

# --- session length
atl_stdin Marie-pw-1 login marie --password-stdin --minutes 5
expect_rc 0 "login --minutes 5"
expect_sql "SELECT expires_at - created_at FROM atelier.staff_session" "00:05:00" \
	"login --minutes 5 opens a 5-minute session"
atl logout

# --- the same connection through PGSERVICE and libpq's defaults
ATELIER_DB='' PGSERVICE=atelier atl_stdin Marie-pw-1 login marie --password-stdin
expect_rc 0 "login with PGSERVICE=atelier and no --db (libpq defaults, .pgpass)"
atl_stdin Marie-pw-1 --db service=atelier login marie --password-stdin
expect_rc 0 "login with --db service=atelier"
atl logout
su_sql "DELETE FROM atelier.staff_session" >/dev/null

# --- wrong password, unknown user: the same words, nothing stored
atl_stdin wrong-password login marie --password-stdin
expect_rc 4 "wrong password: exit 4"
expect_err "$WRONG" "wrong password: one clear sentence"
expect_no_err "wrong-password" "wrong password: the password is not printed"
expect_sql "SELECT count(*) FROM atelier.staff_session" 0 "wrong password: no staff session stored"
expect_true "wrong password: no session file" test ! -e "$SESSION"
head -n 1 "$ERR" >"$T/wrong.first"

atl_stdin whatever login nobody --password-stdin
expect_rc 4 "unknown user: exit 4"
expect_err "$WRONG" "unknown user: the same sentence as a wrong password"
head -n 1 "$ERR" >"$T/unknown.first"
expect_true "unknown user and wrong password read exactly the same" cmp "$T/wrong.first" "$T/unknown.first"
expect_sql "SELECT count(*) FROM atelier.staff_session" 0 "unknown user: nothing stored"

# --- the right password, but pam_acct_mgmt refuses the account
atl_stdin Locked-pw-5 login locked --password-stdin
expect_rc 4 "account refused by pam_acct_mgmt: exit 4"
expect_err "Your account may not log in now." "account refused: says so"
expect_sql "$(sessions_of locked)" 0 "account refused: no staff session"

# --- PAM says yes, but atelier has no such staff member
atl_stdin Ghost-pw-4 login ghost --password-stdin
expect_rc 4 "PAM accepts but not atelier staff: exit 4 (authentication, as atelier_login documents)"
expect_err 'No staff member has the login "ghost".' "not atelier staff: the database's sentence"
expect_sql "SELECT count(*) FROM atelier.staff_session" 0 "not atelier staff: nothing stored"
expect_true "not atelier staff: no session file" test ! -e "$SESSION"

# --- deactivated in atelier
atl_stdin Ancien-pw-3 login ancien --password-stdin
expect_rc 4 "deactivated staff member: exit 4"
expect_err 'The account "ancien" is deactivated in atelier.' "deactivated: the database's sentence"
expect_sql "$(sessions_of ancien)" 0 "deactivated: no staff session"

# --- an expired session, no terminal to ask for the password
login marie Marie-pw-1
su_sql "UPDATE atelier.staff_session SET created_at = now() - interval '2 hours',
                                         expires_at = now() - interval '1 minute'" >/dev/null
atl ticket list
expect_rc 4 "expired session, no terminal: exit 4"
expect_err "$NOT_LOGGED_IN" "expired session: says to log in again"
expect_true "expired session: answered at once (< 5 s)" test "$ELAPSED_MS" -lt 5000

# --- a session file that others may read is not used
login marie Marie-pw-1
chmod 0644 "$SESSION"
atl ticket list
expect_rc 4 "session file readable by others: not used (exit 4)"
expect_err "$NOT_LOGGED_IN" "session file readable by others: says to log in"
chmod 0600 "$SESSION"

# --- a session is kept for the database it was opened on
ATELIER_DB="service=atelier application_name=other" atl ticket list
expect_rc 4 "a session opened for another connection is not reused"
atl ticket list
expect_rc 0 "the session still works for its own connection"
atl logout

# --- a desk PC whose database login is a plain librarian's (not a trusted
# service): the staff member logs in to PostgreSQL as their own role with
# their database password (PAM is not asked: her PAM password is refused).
SHARED="service=atelier_shared"
su_sql "DELETE FROM atelier.staff_session" >/dev/null
ATELIER_DB=$SHARED atl_stdin "$OWN_PW_marie" login marie --password-stdin
expect_rc 0 "own role: login with the database password"
expect_out "Logged in as marie until" "own role: login says who and until when"
expect_sql "$(sessions_of marie)" 1 "own role: one staff session in the database"
expect_no_err "$OWN_PW_marie" "own role: the password is not printed"
expect_true "own role: the session file does not hold the password" \
	bash -c "! grep -qF '$OWN_PW_marie' '$SESSION'"
expect_sql "SELECT expires_at - created_at FROM atelier.staff_session" "08:00:00" \
	"own role: a librarian gets the longest her role allows (480 minutes)"
ATELIER_DB=$SHARED atl ticket list
expect_rc 0 "own role: a later command goes through the desk's login with the saved session"
ATELIER_DB=$SHARED atl whoami
expect_out "Marie Durand" "own role: whoami names her"
ATELIER_DB=$SHARED atl logout
expect_rc 0 "own role: logout"
expect_sql "$(sessions_of marie)" 0 "own role: logout ends the session"

ATELIER_DB=$SHARED atl_stdin Marie-pw-1 login marie --password-stdin
expect_rc 4 "own role: the PAM password is not the database's: exit 4"
expect_err "$WRONG" "own role: wrong password, the same sentence as through PAM"
expect_sql "SELECT count(*) FROM atelier.staff_session" 0 "own role: wrong password, nothing stored"
expect_true "own role: wrong password, no session file" test ! -e "$SESSION"
head -n 1 "$ERR" >"$T/own-wrong.first"
ATELIER_DB=$SHARED atl_stdin whatever login nobody --password-stdin
expect_rc 4 "own role: unknown login: exit 4"
expect_true "own role: unknown login and wrong password read exactly the same" \
	cmp "$T/own-wrong.first" <(head -n 1 "$ERR")

ATELIER_DB=$SHARED atl_stdin "$OWN_PW_ancien" login ancien --password-stdin
expect_rc 4 "own role: deactivated in atelier: exit 4"
expect_err 'The account "ancien" is deactivated in atelier.' "own role: deactivated, the database's sentence"

# A coordinator's session is capped by his role; asking for more is refused.
ATELIER_DB=$SHARED atl_stdin "$OWN_PW_paul" login paul --password-stdin --minutes 300
expect_rc 2 "own role: a coordinator asking for 300 minutes: exit 2"
expect_err "allows a staff session of at most 240 minutes, not 300" "too long: says the longest allowed"
expect_sql "$(sessions_of paul)" 0 "too long: no session"
ATELIER_DB=$SHARED atl_stdin "$OWN_PW_paul" login paul --password-stdin
expect_rc 0 "own role: a coordinator with no length asked"
expect_sql "SELECT expires_at - created_at FROM atelier.staff_session" "04:00:00" \
	"own role: a coordinator gets 240 minutes"
ATELIER_DB=$SHARED atl logout

# --- impersonation: the desk's shared login, and a librarian's own role,
# may open a session for nobody but themselves.
impersonate() {
	psql -X -q -At -v ON_ERROR_STOP=1 "$1" -c "SELECT atelier.staff_session_open('paul')" >"$OUT" 2>"$ERR"
	RC=$?
	LAST_CMD="(psql $1) SELECT atelier.staff_session_open('paul')"
}
impersonate "$SHARED"
expect_rc 1 "the desk's shared librarian login cannot open paul's session"
expect_err "may open a staff session only for itself, not for \"paul\"" "impersonation: a clear refusal"
PGPASSWORD=$OWN_PW_marie impersonate "$SHARED user=marie"
expect_rc 1 "marie's own database role cannot open paul's session"
expect_err 'The database login "marie" may open a staff session only for itself' "impersonation: names the login"
expect_sql "$(sessions_of paul)" 0 "impersonation: no session for paul"
# The desk's trusted login (a member of atelier_service) still may: it checks
# passwords through PAM itself, as the first part of this file showed.
expect_sql "SELECT pg_has_role('$IT_DESK_ROLE', 'atelier_service', 'MEMBER')" t \
	"the desk's PAM login is a trusted service"

it_end
