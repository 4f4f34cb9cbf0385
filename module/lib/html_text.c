/*
 * html_text.c - the report's own words, in French and in English.
 *
 * The page is written in the language of the handle (atelier_lang()), the
 * one its labels from the database are in, whatever the locale of the
 * process: a host system that asks for French in a C locale still gets one
 * French page.  gettext follows the process's locale only, so these few
 * sentences live here, next to each other in both languages, as the
 * labels do in the database.  French typography as in module/po/fr.po: a
 * no-break space (\xC2\xA0) before ; and : and inside « ».
 */
#include <string.h>

#include "html_internal.h"

static const struct html_texts FRENCH = {
	.lang = "fr",
	.title = "Bilan du mois",
	.month_of = { "de janvier", "de février", "de mars", "d’avril", "de mai", "de juin",
		      "de juillet", "d’août", "de septembre", "d’octobre", "de novembre",
		      "de décembre" },
	.month_name = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
			"août", "septembre", "octobre", "novembre", "décembre" },
	.period_fmt = "Du 1er au %d %s %d",
	.network = "Ensemble du réseau",
	.kicker = "Médiation numérique · postes publics, ateliers et accompagnements",
	.how_title = "Comment lire ce bilan",
	.how = "Les chiffres portent sur le mois civil, à l’heure locale de chaque site. "
	       "Une séance sur un poste qui passe minuit ou la fin du mois est partagée entre "
	       "les jours concernés. Une personne revenue plusieurs fois est comptée une fois "
	       "parmi les personnes\xC2\xA0; un accompagnement peut porter sur plusieurs thématiques. "
	       "Chaque graphique est suivi du tableau de ses valeurs.",
	.privacy_fmt = "Les effectifs inférieurs à %s sont masqués pour protéger l’anonymat "
		       "des personnes.",
	.secondary_note = "Quand un total permettrait de retrouver un effectif masqué, un "
			  "autre effectif du même tableau est masqué aussi («\xC2\xA0masqué\xC2\xA0»).",
	.nothing_hidden = "Aucun effectif n’est masqué dans ce bilan.",
	.secondary_text = "masqué",
	.no_value = "pas de valeur",
	.key_figures = "Le mois en bref",
	.sections = { "Postes publics", "Ateliers", "Accompagnements",
		      "Personnes accompagnées", "Autres indicateurs" },
	.col_figure = "Indicateur",
	.col_value = "Valeur",
	.col_day = "Jour",
	.col_hour = "Heure",
	.col_hours = "Heures",
	.col_sessions = "Sessions",
	.weekday = { "dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam." },
	.hour_fmt = "%d h",
	.chart_desc_total_fmt = "Total du mois\xC2\xA0: %s. Les valeurs sont dans le tableau qui suit.",
	.chart_desc_table = "Les valeurs sont dans le tableau qui suit.",
	.axis_hours = "heures",
	.axis_sessions = "sessions",
	.axis_tickets = "accompagnements",
	.axis_people = "personnes",
	.footer = "Bilan établi par atelier à partir des données enregistrées pour ce mois.",
};

static const struct html_texts ENGLISH = {
	.lang = "en",
	.title = "Monthly report for",
	.month_of = { "January", "February", "March", "April", "May", "June", "July",
		      "August", "September", "October", "November", "December" },
	.month_name = { "January", "February", "March", "April", "May", "June", "July",
			"August", "September", "October", "November", "December" },
	.period_fmt = "1 to %d %s %d",
	.network = "Whole network",
	.kicker = "Digital inclusion · public PCs, workshops and one-to-one help",
	.how_title = "How to read this report",
	.how = "The figures cover the calendar month, in each site’s local time. A PC "
	       "session that runs past midnight or past the end of the month is shared "
	       "between the days it covers. A person who came back several times counts "
	       "once among people; one ticket may cover several themes. Each chart is "
	       "followed by the table of its values.",
	.privacy_fmt = "Counts below %s are hidden to protect people’s anonymity.",
	.secondary_note = "When a total would give a hidden count back, another count of the "
			  "same table is hidden too (“hidden”).",
	.nothing_hidden = "No count is hidden in this report.",
	.secondary_text = "hidden",
	.no_value = "no value",
	.key_figures = "The month at a glance",
	.sections = { "Public PCs", "Workshops", "One-to-one help", "People helped",
		      "Other figures" },
	.col_figure = "Figure",
	.col_value = "Value",
	.col_day = "Day",
	.col_hour = "Hour",
	.col_hours = "Hours",
	.col_sessions = "Sessions",
	.weekday = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" },
	.hour_fmt = "%02d:00",
	.chart_desc_total_fmt = "Total for the month: %s. The values are in the table that follows.",
	.chart_desc_table = "The values are in the table that follows.",
	.axis_hours = "hours",
	.axis_sessions = "sessions",
	.axis_tickets = "tickets",
	.axis_people = "people",
	.footer = "Report made by atelier from the data recorded for this month.",
};

const struct html_texts *html_texts_for(const char *lang)
{
	return lang != NULL && strcmp(lang, "fr") == 0 ? &FRENCH : &ENGLISH;
}
