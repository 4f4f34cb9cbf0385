#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# In French: LANG=fr_FR.UTF-8 (generated or not) with the catalogue of the build tree.  The
# command's own messages (success and error), the library's, the database's,
# the reference tables' French labels, dates in the French format, and the
# export's labels.  The expected texts follow module/po/fr.po.
. "$(dirname "$0")/lib.sh"
it_begin
it_fixtures

export ATELIER_LOCALEDIR=$IT_TOP/build/locale

# French does not need the locale fr_FR.UTF-8 to be generated: without it
# the command falls back to C.UTF-8 and names the language to gettext
# (module/cli/main.c).  Only the date format (%x) follows LC_TIME.
generated() {  # generated LOCALE: this machine has it (LOCPATH too is heeded)
	[ -z "$(LC_ALL=$1 locale 2>&1 >/dev/null)" ]
}
generated fr_FR.UTF-8 && FR_GENERATED=1 || FR_GENERATED=0
export LANG=fr_FR.UTF-8
# French typography, as the catalogue writes it: a no-break space before
# ":" and ";", and after "n°".
NBSP=$'\u00a0'

# --- the library's messages, and the command's
atl_stdin mauvais login marie --password-stdin
expect_rc 4 "French: wrong password, exit 4"
expect_err "Identifiant ou mot de passe incorrect." "French: the wrong-password sentence"
atl ticket list
expect_rc 4 "French: not logged in, exit 4"
expect_err "Vous n'êtes pas connecté(e) (ou votre session a expiré)${NBSP}: lancez atelier login." \
	"French: not logged in"

atl_stdin Marie-pw-1 login marie --password-stdin
expect_rc 0 "French: login"
expect_out "Connecté(e) en tant que marie jusqu'à" "French: the login message"

atl ticket open --site BIB1 --theme navigation --theme demarches --procedure logement --minutes 10
expect_rc 0 "French: ticket open"
N=$(grep -o '[0-9]\+' "$OUT" | head -n 1)
expect_true "French: 'Fiche n° N ouverte.'" grep -qx "Fiche n°${NBSP}$N ouverte." "$OUT"

# --- the database's message, in French
atl ticket open --site NOPE --theme email
expect_rc 1 "French: unknown site, exit 1"
expect_err "Site inconnu : « NOPE »." "French: the database's sentence"
expect_err "Vérifiez le code du site" "French: the database's hint"

# --- a text longer than the database allows, said by the library in French
atl ticket open --site BIB1 --theme email --note "$(head -c 4001 /dev/zero | tr '\0' n)"
expect_rc 2 "French: notes too long, exit 2"
expect_err "Le texte est trop long pour des notes ou une description (4000 caractères au plus)." \
	"French: the sentence for a text too long"

# --- reference labels and dates
atl ticket show "${N:-0}"
expect_rc 0 "French: ticket show"
expect_out "Navigation sur internet" "French: theme labels in French"
expect_out "Logement" "French: procedure labels in French"
atl workshop add EMAIL "Découvrir l'e-mail" --minutes 120 --theme email
atl session schedule EMAIL --site BIB1 --start "2030-05-06 10:00" --capacity 1
expect_rc 0 "French: session schedule"
atl session list --from 2030-05-01 --to 2030-06-01
if [ "$FR_GENERATED" = 1 ]; then
	expect_out "06/05/2030 10:00" "French: dates in the French format (06/05/2030 10:00)"
else
	# C.UTF-8's %x: the date is there, in its format.
	expect_out "05/06/30 10:00" "French without fr_FR.UTF-8: dates in C.UTF-8's format"
fi

# --- enrolment messages
S=$(su_sql "SELECT max(id) FROM atelier.session")
atl enrol "$S" CARD-01
expect_rc 0 "French: enrol"
expect_out "Inscription enregistrée." "French: enrolled"
atl enrol "$S" CARD-02
expect_out "Complet${NBSP}: inscrit(e) sur la liste d'attente, en position 1." "French: full, waiting list"
atl unenrol "$S" CARD-01
expect_out "Inscription annulée." "French: enrolment cancelled"
expect_out "La première personne en attente (p:$(pseudonym CARD-02 | cut -c1-8)) obtient la place." \
	"French: the first waiting gets the seat"

# --- export: French labels, and the page in French
atl export --month "$(date +%Y-%m)" --site BIB1 --format csv
expect_rc 0 "French: export"
expect_out "Accompagnements (fiches)" "French: the export's labels"
atl export --month "$(date +%Y-%m)" --format html
expect_rc 0 "French: --format html"
expect_out '<html lang="fr">' "French: the page is in French"
expect_out "Les effectifs inférieurs à 11 sont masqués" "French: the page's note on small counts"

# --- LC_MESSAGES alone says French
LANG=C.UTF-8 LC_MESSAGES=fr_FR.UTF-8 atl ticket open --site NOPE --theme email
expect_err "Site inconnu : « NOPE »." "French with LC_MESSAGES=fr_FR.UTF-8 and LANG=C.UTF-8"
atl logout

# --- the language of LANG, whether or not its locale is generated here
# fr_CA.UTF-8 and en_AU.UTF-8 are not generated on a Debian machine unless
# asked for; then the check still holds (a note says so).
for l in fr_CA.UTF-8 en_AU.UTF-8; do
	generated "$l" && echo "# note: the locale $l is generated here; the checks still hold"
done
LANG=fr_CA.UTF-8 atl frobnicate
expect_err "Commande inconnue${NBSP}:" "LANG=fr_CA.UTF-8 (not generated): the command in French"
LANG=fr_CA.UTF-8 atl_stdin Marie-pw-1 login marie --password-stdin
expect_out "Connecté(e) en tant que marie jusqu'à" "LANG=fr_CA.UTF-8: the login message in French"
LANG=fr_CA.UTF-8 atl ticket open --site NOPE --theme email
expect_err "Site inconnu : « NOPE »." "LANG=fr_CA.UTF-8: the database's sentence in French"
expect_err "Vérifiez le code du site" "LANG=fr_CA.UTF-8: the database's hint in French"
LANG=en_AU.UTF-8 LANGUAGE= atl ticket open --site NOPE --theme email
expect_err 'Unknown site "NOPE".' "LANG=en_AU.UTF-8 (not generated): the database's sentence in English"
LANG=en_AU.UTF-8 atl frobnicate
expect_err 'Unknown command "frobnicate".' "LANG=en_AU.UTF-8: the command in English"
LANG=fr_CA.UTF-8 atl logout
expect_out "Déconnecté(e)." "LANG=fr_CA.UTF-8: logout in French"

it_end
