#!/bin/bash
# In French: LANG=fr_FR.UTF-8 with the catalogue of the build tree.  The
# command's own messages (success and error), the library's, the database's,
# the reference tables' French labels, dates in the French format, and the
# export's labels.  The expected texts follow module/po/fr.po.
. "$(dirname "$0")/lib.sh"
it_begin
it_fixtures

export ATELIER_LOCALEDIR=$IT_TOP/build/locale

# Without the locale there is no French: every check below fails, none is skipped.
if ! locale -a 2>/dev/null | grep -qix 'fr_FR\.utf-\?8'; then
	for what in "login" "wrong password" "ticket open" "database message" "labels" "dates" \
		"enrolment" "export" "not logged in" "LC_MESSAGES"; do
		fail "French ($what): the locale fr_FR.UTF-8 is missing" \
			"generate it (as root): localedef -i fr_FR -f UTF-8 fr_FR.UTF-8"
	done
	it_end
	exit 0
fi
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
expect_out "06/05/2030 10:00" "French: dates in the French format (06/05/2030 10:00)"

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

it_end
