#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# At a desk, on a terminal: login asks the password with echo off; ticket
# open with no option asks step by step (and asks again after a wrong
# answer); Ctrl-D stops it with nothing stored; an expired session asks the
# password again and goes on.  terminal.py plays the librarian.
. "$(dirname "$0")/lib.sh"
it_begin
it_fixtures

dialogue() {  # dialogue NAME: the steps on stdin go to $T/NAME
	cat >"$T/$1"
}

# --- login on a terminal: the password is asked on the terminal, not shown
dialogue login <<-'EOF'
	> Password for marie:
	<pw Marie-pw-1
	EOF
atl_tty "$T/login" login marie
expect_rc 0 "login on a terminal"
expect_out "Logged in as marie until" "login on a terminal: logged in"
expect_no_err "Marie-pw-1" "the password typed is not shown (echo off)"

# --- ticket open, step by step
dialogue open <<-'EOF'
	> Themes (numbers
	< 99
	> is not a number of the list
	> Themes (numbers
	< 5, 19
	> Procedures (
	< 5
	> Place (
	<
	> Equipment (
	< 1
	> Workstation (
	< pc-02
	> Card number
	< CARD-0042
	> Minutes
	< a while
	> Minutes
	< 25
	> Notes (
	< Dossier CAF
	EOF
atl_tty "$T/open" ticket open
expect_rc 0 "ticket open step by step"
expect_out "Browsing the internet" "the themes are listed with their labels"
expect_out "Ticket #1 opened." "ticket open step by step: opened"
expect_sql "SELECT t.themes::text || ' ' || t.procedures::text || ' ' || t.place || ' ' || t.equipment || ' ' ||
                   w.hostname || ' ' || t.minutes || ' ' || t.notes || ' ' || p.pseudonym
              FROM atelier.ticket t JOIN atelier.workstation w ON w.id = t.workstation_id
              JOIN atelier.person p ON p.id = t.person_id" \
	"{demarches,navigation} {logement} lieu_activite ordinateur pc-02 25 Dossier CAF $(pseudonym CARD-0042)" \
	"the answers are stored (a wrong answer asked again)"

dialogue anonymous <<-'EOF'
	> Themes (numbers
	< 6
	> Place (
	< 3
	> Equipment (
	<
	> Workstation (
	<
	> Card number
	<
	> Minutes
	<
	> Notes (
	<
	EOF
atl_tty "$T/anonymous" ticket open
expect_rc 0 "ticket open step by step, Enter everywhere it may"
expect_sql "SELECT t.themes::text || ' ' || t.place || ' ' || (t.person_id IS NULL) || ' ' ||
                   (t.minutes IS NULL) || ' ' || (t.equipment IS NULL)
              FROM atelier.ticket t WHERE t.id = 2" "{email} distance true true true" \
	"Enter: anonymous, no minutes, no equipment"

# --- Ctrl-D stops with nothing stored
dialogue eof <<-'EOF'
	> Themes (numbers
	< 6
	> Place (
	<eof
	EOF
atl_tty "$T/eof" ticket open
expect_rc 2 "Ctrl-D in the middle: exit 2"
expect_out "Cancelled: nothing was stored." "Ctrl-D: says nothing was stored"
expect_sql "SELECT count(*) FROM atelier.ticket" 2 "Ctrl-D: nothing stored"

# --- an expired session: the password asked again, then the command goes on
su_sql "UPDATE atelier.staff_session SET created_at = now() - interval '2 hours',
                                         expires_at = now() - interval '1 minute'" >/dev/null
dialogue relogin <<-'EOF'
	> Password for marie:
	<pw Marie-pw-1
	EOF
atl_tty "$T/relogin" ticket list
expect_rc 0 "expired session on a terminal: asks the password and goes on"
expect_out "E-mail" "expired session: the list comes after the password"
expect_sql "SELECT count(*) FROM atelier.staff_session WHERE expires_at > now()" 1 \
	"expired session: a new staff session"
atl ticket list
expect_rc 0 "the new session is kept for the next command"
atl logout

it_end
