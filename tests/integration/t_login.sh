#!/bin/bash
# Staff login through the real PAM stack (pam_wrapper + pam_matrix), the
# session file, logout, and every refusal: wrong password, unknown user,
# account refused by pam_acct_mgmt, not atelier staff, deactivated staff,
# expired session.
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

it_end
