/* SPDX-License-Identifier: LGPL-2.1-or-later */
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

enum { FR, EN };

/* Each text in French then in English, next to each other. */
static const struct html_texts TEXTS[] = {
	[FR].lang = "fr",
	[EN].lang = "en",
	[FR].title = "Bilan du mois",
	[EN].title = "Monthly report for",
	[FR].month_of = { "de janvier", "de février", "de mars", "d’avril", "de mai", "de juin",
			  "de juillet", "d’août", "de septembre", "d’octobre", "de novembre",
			  "de décembre" },
	[EN].month_of = { "January", "February", "March", "April", "May", "June", "July", "August",
			  "September", "October", "November", "December" },
	[FR].month_name = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
			    "septembre", "octobre", "novembre", "décembre" },
	[EN].month_name = { "January", "February", "March", "April", "May", "June", "July",
			    "August", "September", "October", "November", "December" },
	[FR].period_fmt = "Du 1er au %d %s %d",
	[EN].period_fmt = "1 to %d %s %d",
	[FR].network = "Ensemble du réseau",
	[EN].network = "Whole network",
	[FR].kicker = "Médiation numérique · postes publics, ateliers et accompagnements",
	[EN].kicker = "Digital inclusion · public PCs, workshops and one-to-one help",
	[FR].how_title = "Comment lire ce bilan",
	[EN].how_title = "How to read this report",
	[FR].how =
		"Les chiffres portent sur le mois civil, à l’heure locale de chaque site. "
		"Une séance sur un poste qui passe minuit ou la fin du mois est partagée entre "
		"les jours concernés. Une personne revenue plusieurs fois est comptée une fois "
		"parmi les personnes\xC2\xA0; un accompagnement peut porter sur plusieurs thématiques. "
		"Chaque graphique est suivi du tableau de ses valeurs.",
	[EN].how = "The figures cover the calendar month, in each site’s local time. A PC "
		   "session that runs past midnight or past the end of the month is shared "
		   "between the days it covers. A person who came back several times counts "
		   "once among people; one ticket may cover several themes. Each chart is "
		   "followed by the table of its values.",
	[FR].privacy_fmt = "Les effectifs inférieurs à %s sont masqués pour protéger l’anonymat "
			   "des personnes.",
	[EN].privacy_fmt = "Counts below %s are hidden to protect people’s anonymity.",
	[FR].secondary_note =
		"Quand un total permettrait de retrouver un effectif masqué, un "
		"autre effectif du même tableau est masqué aussi («\xC2\xA0masqué\xC2\xA0»).",
	[EN].secondary_note = "When a total would give a hidden count back, another count of the "
			      "same table is hidden too (“hidden”).",
	[FR].nothing_hidden = "Aucun effectif n’est masqué dans ce bilan.",
	[EN].nothing_hidden = "No count is hidden in this report.",
	[FR].secondary_text = "masqué",
	[EN].secondary_text = "hidden",
	[FR].no_value = "pas de valeur",
	[EN].no_value = "no value",
	[FR].key_figures = "Le mois en bref",
	[EN].key_figures = "The month at a glance",
	[FR].sections = { "Postes publics", "Ateliers", "Accompagnements", "Personnes accompagnées",
			  "Autres indicateurs" },
	[EN].sections = { "Public PCs", "Workshops", "One-to-one help", "People helped",
			  "Other figures" },
	[FR].col_figure = "Indicateur",
	[EN].col_figure = "Figure",
	[FR].col_value = "Valeur",
	[EN].col_value = "Value",
	[FR].col_day = "Jour",
	[EN].col_day = "Day",
	[FR].col_hour = "Heure",
	[EN].col_hour = "Hour",
	[FR].col_hours = "Heures",
	[EN].col_hours = "Hours",
	[FR].col_sessions = "Sessions",
	[EN].col_sessions = "Sessions",
	[FR].weekday = { "dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam." },
	[EN].weekday = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" },
	[FR].hour_fmt = "%d h",
	[EN].hour_fmt = "%02d:00",
	[FR].chart_desc_total_fmt =
		"Total du mois\xC2\xA0: %s. Les valeurs sont dans le tableau qui suit.",
	[EN].chart_desc_total_fmt =
		"Total for the month: %s. The values are in the table that follows.",
	[FR].chart_desc_table = "Les valeurs sont dans le tableau qui suit.",
	[EN].chart_desc_table = "The values are in the table that follows.",
	[FR].axis_hours = "heures",
	[EN].axis_hours = "hours",
	[FR].axis_sessions = "sessions",
	[EN].axis_sessions = "sessions",
	[FR].axis_tickets = "accompagnements",
	[EN].axis_tickets = "tickets",
	[FR].axis_people = "personnes",
	[EN].axis_people = "people",
	[FR].footer = "Bilan établi par atelier à partir des données enregistrées pour ce mois.",
	[EN].footer = "Report made by atelier from the data recorded for this month.",
};

const struct html_texts *html_texts_for(const char *lang)
{
	return &TEXTS[lang != NULL && strcmp(lang, "fr") == 0 ? FR : EN];
}
