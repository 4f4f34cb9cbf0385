/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * messages.c - what the person at the screen is told, in plain French or
 * English.  The language is the login's (the display manager puts the
 * chosen LANG in the PAM environment), not the display manager's own
 * locale, which gettext would follow; so the few sentences live here in
 * both languages rather than in the message catalogue.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <security/pam_appl.h>

#include "atelier.h"
#include "pam_atelier.h"

enum pa_lang pa_language(pam_handle_t *pamh)
{
	const char *lang = pam_getenv(pamh, "LANG");

	if (lang == NULL || lang[0] == '\0')
		lang = getenv("LANG");
	return lang != NULL && strncmp(lang, "fr", 2) == 0 ? PA_FR : PA_EN;
}

bool pa_local_time(enum pa_lang lang, const char *iso, char *out, size_t outlen)
{
	struct tm tm;
	time_t t;

	if (atelier_value_time(iso, &t) != 1 || localtime_r(&t, &tm) == NULL)
		return false;
	if (lang == PA_FR)
		snprintf(out, outlen, "%d h %02d", tm.tm_hour, tm.tm_min);
	else
		snprintf(out, outlen, "%02d:%02d", tm.tm_hour, tm.tm_min);
	return true;
}

/* A workshop title as it may be shown: no control characters, at most
 * about 120 bytes, never cut inside a UTF-8 character. */
static void clean_title(const char *title, char *out, size_t outlen)
{
	size_t i, n = 0;

	for (i = 0; title[i] != '\0' && n + 1 < outlen; i++) {
		unsigned char c = (unsigned char)title[i];

		out[n++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
	}
	/* Cut inside a character: drop its first bytes too. */
	if (((unsigned char)title[i] & 0xc0) == 0x80) {
		while (n > 0 && ((unsigned char)out[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0 && ((unsigned char)out[n - 1] & 0xc0) == 0xc0)
			n--;
	}
	out[n] = '\0';
}

static const char *const PLEASE_MOVE[] = {
	[PA_EN] = "Please choose another computer or ask at the desk.",
	[PA_FR] = "Merci de choisir un autre poste ou de demander à l'accueil.",
};

void pa_text_refused(enum pa_lang lang, const struct pa_verdict *v, char *out, size_t outlen)
{
	char title[128] = "", from[32], to[32];
	bool times = pa_local_time(lang, v->starts_at, from, sizeof(from)) &&
		     pa_local_time(lang, v->ends_at, to, sizeof(to));
	bool session = v->reason != NULL && strcmp(v->reason, "booked_session") == 0;
	bool person = v->reason != NULL && strcmp(v->reason, "booked_person") == 0;

	if (v->workshop != NULL)
		clean_title(v->workshop, title, sizeof(title));
	if (session && title[0] != '\0' && times)
		snprintf(
			out, outlen,
			lang == PA_FR
				? "Ce poste est réservé pour l'atelier « %s » de %s à %s. %s"
				: "This computer is booked for the workshop \"%s\" from %s to %s. %s",
			title, from, to, PLEASE_MOVE[lang]);
	else if (session && title[0] != '\0')
		snprintf(out, outlen,
			 lang == PA_FR ? "Ce poste est réservé pour l'atelier « %s ». %s"
				       : "This computer is booked for the workshop \"%s\". %s",
			 title, PLEASE_MOVE[lang]);
	else if (person && times)
		snprintf(out, outlen,
			 lang == PA_FR
				 ? "Ce poste est réservé pour une autre personne de %s à %s. %s"
				 : "This computer is booked for someone else from %s to %s. %s",
			 from, to, PLEASE_MOVE[lang]);
	else
		snprintf(out, outlen,
			 lang == PA_FR ? "Ce poste est réservé en ce moment. %s"
				       : "This computer is booked just now. %s",
			 PLEASE_MOVE[lang]);
}

void pa_text_soon(enum pa_lang lang, const struct pa_verdict *v, char *out, size_t outlen)
{
	char title[128] = "", from[32];

	if (v->workshop != NULL)
		clean_title(v->workshop, title, sizeof(title));
	if (!pa_local_time(lang, v->starts_at, from, sizeof(from)))
		snprintf(
			out, outlen, "%s",
			lang == PA_FR
				? "Ce poste sera bientôt réservé. Merci d'enregistrer votre travail à temps."
				: "This computer will soon be booked. Please save your work in time.");
	else if (title[0] != '\0')
		snprintf(
			out, outlen,
			lang == PA_FR
				? "Ce poste est réservé pour l'atelier « %s » à partir de %s. "
				  "Merci d'enregistrer votre travail et de fermer votre session avant %s."
				: "This computer is booked for the workshop \"%s\" from %s. "
				  "Please save your work and log out before %s.",
			title, from, from);
	else
		snprintf(
			out, outlen,
			lang == PA_FR
				? "Ce poste est réservé pour une autre personne à partir de %s. "
				  "Merci d'enregistrer votre travail et de fermer votre session avant %s."
				: "This computer is booked for someone else from %s. "
				  "Please save your work and log out before %s.",
			from, from);
}

void pa_text_unavailable(enum pa_lang lang, char *out, size_t outlen)
{
	snprintf(
		out, outlen, "%s",
		lang == PA_FR
			? "Le service de réservation des postes ne répond pas : ce poste ne peut pas "
			  "être utilisé pour le moment. Merci de demander à l'accueil."
			: "The computer booking service is not answering, so this computer cannot "
			  "be used just now. Please ask at the desk.");
}

void pa_say(pam_handle_t *pamh, int flags, int style, const char *text)
{
	const struct pam_conv *conv = NULL;
	const struct pam_message msg = { .msg_style = style, .msg = text };
	const struct pam_message *msgs[1] = { &msg };
	struct pam_response *resp = NULL;

	if ((flags & PAM_SILENT) != 0)
		return;
	if (pam_get_item(pamh, PAM_CONV, (const void **)&conv) != PAM_SUCCESS || conv == NULL ||
	    conv->conv == NULL)
		return;
	/* Nothing to answer; whatever comes back is freed, the rest ignored. */
	(void)conv->conv(1, msgs, &resp, conv->appdata_ptr);
	if (resp != NULL) {
		if (resp->resp != NULL) {
			explicit_bzero(resp->resp, strlen(resp->resp));
			free(resp->resp);
		}
		free(resp);
	}
}
