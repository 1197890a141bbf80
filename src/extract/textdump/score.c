/*
 * Finding the article among the units, step 4 of the method
 * (textdump.c): boilerplate told by its words, boxes of related links
 * after their heading, a score for each unit, and the run with the
 * greatest total.
 */
#include "extract/textdump/dump.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/boiler.h"
#include "util/date.h"
#include "util/text.h"

enum {
	MIN_PROSE_WORDS = 8,	/* a sentence that scores as prose */
	MIN_ARTICLE = 20,	/* score of the smallest article */
	MAX_BOILER_WORDS = 60,
	MAX_RELATED = 40,	/* units a "Related stories" box may hold */
};

/* Starts of short lines that are the page's tools and furniture. */
static const char *const tool_starts[] = {"print preview", "print this",
	"print article", "printer friendly", "printer-friendly", "font size",
	"text size", "increase font", "decrease font", "larger text",
	"smaller text", "share this", "share on", "share via", "share article",
	"share the article", "share story", "email this", "e-mail this",
	"send to a friend", "tweet this", "back to top", "skip to",
	"jump to", "toggle navigation", "open menu", "close menu",
	"leave a comment", "view comments", "show comments", "comments (",
	"listen to this article", "listen to article", "save article",
	"save for later", "bookmark", "gift this article", "copy link",
	"follow us", "log in", "sign in", "log out", "sign out", "register",
	"my account", "subscribe", "posted in", "filed under", "tags:",
	"topics:", "related topics", "privacy policy", "privacy notice",
	"terms of use", "terms of service", "terms and conditions",
	"contact us", "about us", "advertise with us", "accessibility",
	"site map", "sitemap", "manage settings", "cookie settings",
	"photo:", "photograph:", "image:", "credit:", "picture:",
	"(photo", "enter your email", "your email address", "email address",
	"sign up", "download our app", "get the app",
	/* French */
	"imprimer", "partager", "taille du texte", "agrandir le texte",
	"réduire le texte", "envoyer par", "envoyer à un ami",
	"aller au contenu", "aller au menu", "retour en haut",
	"s'abonner", "s’abonner", "se connecter", "mon compte",
	"mots-clés", "mots clés", "mentions légales",
	"politique de confidentialité", "nous contacter", "qui sommes-nous",
	"crédit photo", "photo :", "inscrivez-vous", "je m'inscris",
	"je m’inscris", "votre adresse e-mail", "votre e-mail",
	"gestion des cookies", "commentaires (", "réagir",
	/* German */
	"drucken", "teilen", "artikel teilen", "schriftgröße",
	"schrift größer", "schrift kleiner", "zum inhalt", "zur navigation",
	"nach oben", "anmelden", "abmelden", "registrieren", "mein konto",
	"abonnieren", "schlagworte", "schlagwörter", "impressum",
	"datenschutz", "kontakt", "foto:", "bild:", "ihre e-mail",
	"melden sie sich", "kommentare (", "cookie-einstellungen",
	/* Spanish, Italian */
	"saltar al contenido", "ir al contenido", "iniciar sesión",
	"suscríbete", "suscribirme", "aviso legal", "política de privacidad",
	"compartir", "imprimir", "vai al contenuto", "accedi", "abbonati",
	"condividi", "stampa",
	NULL};

/* Lines that are one of these words alone. */
static const char *const tool_words[] = {"menu", "search", "home", "top",
	"next", "previous", "close", "more", "facebook", "twitter", "x",
	"linkedin", "whatsapp", "reddit", "pinterest", "telegram", "print",
	"newsletter", "newsletters", "login", "rechercher", "recherche",
	"suche", "accueil", "startseite", "fermer", "schließen", "go",
	"ok", "accept", "accepter", "refuser", "akzeptieren", "ablehnen",
	NULL};

/* Words of rows of share buttons ("Share · Facebook · Twitter · Email"). */
static const char *const button_words[] = {"share", "facebook", "twitter",
	"x", "whatsapp", "linkedin", "reddit", "pinterest", "telegram",
	"messenger", "email", "e", "mail", "print", "copy", "link", "tweet",
	"flipboard", "pocket", "this", "article", "story", "on", "via", "by",
	"partager", "imprimer", "envoyer", "sur", "par", "courriel",
	"teilen", "drucken", "auf", "per", "compartir", "imprimir", "enviar",
	"en", "por", "correo", "condividi", "stampa", "su", "delen", "op",
	"comments", "comment", "commentaires", "kommentare", "comentarios",
	"save", "bookmark", NULL};

/* Every word of t is one of words (and there are some). */
static bool only_words(const char *t, const char *const *words)
{
	size_t seen = 0;
	const char *p = t;
	while (*p) {
		while (*p && !isalnum((unsigned char)*p)
				&& (unsigned char)*p < 0x80) {
			p++;
		}
		const char *w = p;
		while (*p && (isalnum((unsigned char)*p)
				|| (unsigned char)*p >= 0x80)) {
			p++;
		}
		size_t len = (size_t)(p - w);
		if (!len) {
			continue;
		}
		bool known = false;
		for (const char *const *k = words; *k && !known; k++) {
			known = strlen(*k) == len && strncasecmp(w, *k, len) == 0;
		}
		if (!known) {
			return false;
		}
		seen++;
	}
	return seen > 0;
}

/* "[Photo of the council]", "[logo]": a picture's alternative text. */
static bool is_alt_text(const char *t)
{
	size_t n = strlen(t);
	return n >= 2 && t[0] == '[' && t[n - 1] == ']'
		&& !memchr(t + 1, ']', n - 2);
}

/* Headings of boxes of other articles. */
static const char *const related_starts[] = {"related", "more stories",
	"more on this", "more from", "top stories", "most read",
	"most popular", "most viewed", "popular", "trending", "editor's picks",
	"editors' picks", "recommended", "you may also like", "read more",
	"read next", "see also", "also read", "les plus lus", "les plus lues",
	"à lire aussi", "a lire aussi", "lire aussi", "sur le même sujet",
	"dans la même rubrique", "vous aimerez aussi", "voir aussi",
	"à la une", "mehr zum thema", "meistgelesen", "meist gelesen",
	"das könnte sie auch interessieren", "weitere artikel",
	"auch interessant", "lesen sie auch", "newsletter",
	"te puede interesar", "noticias relacionadas", "lo más leído",
	"lo más visto", "más noticias", "boletín", "potrebbe interessarti",
	"i più letti", "leggi anche", NULL};

static const char *const cookie_context[] = {"we use", "this site",
	"this website", "our site", "accept", "consent", "privacy", "browsing",
	"browse", "nous utilisons", "ce site", "accepte", "consentement",
	"navigation", "wir verwenden", "wir nutzen", "diese website",
	"akzeptieren", "zustimm", "einverstanden", NULL};

static const char *const rights_words[] = {"all rights reserved",
	"tous droits réservés", "alle rechte vorbehalten",
	"todos los derechos reservados", "tutti i diritti riservati", NULL};

/* t starts with one of starts as a whole word ("Teilen", not "Teilnehmer"). */
static bool starts_with_word(const char *t, const char *const *starts)
{
	for (const char *const *s = starts; *s; s++) {
		size_t n = strlen(*s);
		if (!text_starts_fold(t, *s)) {
			continue;
		}
		if (!isalpha((unsigned char)(*s)[n - 1]) || strlen(t) <= n) {
			return true;
		}
		unsigned cp = dump_first_char(t + n);
		if (!(cp < 0x80 && isalnum((int)cp)) && !dump_is_upper(cp)
				&& !dump_is_lower(cp)) {
			return true;
		}
	}
	return false;
}

bool dump_is_copyright(const char *t)
{
	return strstr(t, "\xc2\xa9") || text_starts_ci(t, "copyright")
		|| text_starts_ci(t, "(c) ") || text_has_any_ci(t, rights_words);
}

/* t is one of words (lower case, letters only) but for case and punctuation. */
static bool equals_any(const char *t, const char *const *words)
{
	char *lt = text_loose(t, 64);
	bool yes = false;
	for (const char *const *w = words; *w && !yes; w++) {
		yes = strcmp(lt, *w) == 0;
	}
	free(lt);
	return yes;
}

bool dump_has_letters(const char *t)
{
	for (const char *p = t; *p;) {
		unsigned cp;
		p += utf8_decode(p, &cp);
		if ((cp < 0x80 && isalpha((int)cp))
				|| (cp >= 0xc0 && text_fold(cp) != cp)
				|| (cp >= 0xdf && cp < 0x2000) || cp >= 0x3000) {
			return true;
		}
	}
	return false;
}

/* A line of the page rather than of the article. */
static bool is_boiler(const struct unit *u)
{
	const char *t = u->text;
	struct bs_date date;
	if (u->kind == UNIT_RULE || (!dump_has_letters(t) && !date_find(t, &date))) {
		return true;
	}
	if (u->words > MAX_BOILER_WORDS) {
		return false;
	}
	if (dump_is_copyright(t) && u->words <= 40) {
		return true;
	}
	if (text_find_ci(t, "cookie") && text_has_any_ci(t, cookie_context)) {
		return true;
	}
	if (boiler_is_promo(t) || boiler_is_credit(t)) {
		return true;
	}
	if (u->words > 12) {
		return false;
	}
	return boiler_is_label(t) || equals_any(t, tool_words)
		|| starts_with_word(t, tool_starts) || only_words(t, button_words)
		|| is_alt_text(t);
}

static bool is_related_heading(const struct unit *u)
{
	return u->kind == UNIT_TEXT && u->words <= 6 && !u->sentence
		&& text_starts_any_fold(u->text, related_starts);
}

bool dump_link_like(const struct unit *u)
{
	return (u->link_lead && u->words <= 20) || (u->n_links > 0
		&& u->n_links * 5 > u->words);
}

bool dump_is_prose(const struct unit *u)
{
	return u->kind == UNIT_TEXT && !u->boiler && u->sentence
		&& u->words >= MIN_PROSE_WORDS && !dump_link_like(u);
}

/*
 * After a heading such as "Related stories" or "Most read", the headlines
 * of other articles, each perhaps with a sentence of summary, belong to
 * the box. Headlines that are not links are only taken from plain_from
 * on: above the article, such a line may be its own headline.
 */
static void mark_related(struct dump *d, size_t plain_from)
{
	for (size_t i = 0; i < d->n_units; i++) {
		if (!is_related_heading(&d->units[i])) {
			continue;
		}
		bool after_headline = true;
		for (size_t k = i + 1; k < d->n_units && k <= i + MAX_RELATED;
				k++) {
			struct unit *u = &d->units[k];
			bool headline = u->kind == UNIT_ITEM
				|| u->kind == UNIT_COLUMNS || dump_link_like(u)
				|| (i >= plain_from && u->kind == UNIT_TEXT
				&& !u->sentence && u->words <= 20);
			bool summary = u->kind == UNIT_TEXT && u->sentence
				&& u->words <= 25 && after_headline;
			if (u->kind == UNIT_RULE || u->boiler) {
				continue;
			}
			if (!headline && !summary) {
				break;
			}
			u->boiler = true;
			/* a summary follows a headline line, not a bullet */
			after_headline = headline && u->kind == UNIT_TEXT;
		}
	}
}

static void score_units(struct dump *d, size_t plain_from)
{
	for (size_t i = 0; i < d->n_units; i++) {
		d->units[i].boiler = d->units[i].page_line;
	}
	mark_related(d, plain_from);
	for (size_t i = 0; i < d->n_units; i++) {
		struct unit *u = &d->units[i];
		long w = (long)u->words;
		if (u->kind == UNIT_RULE) {
			u->value = 0;
		} else if (u->boiler) {
			u->value = -2;
		} else if (u->kind == UNIT_COLUMNS) {
			u->value = -10;
		} else if (u->kind == UNIT_ITEM) {
			u->value = w >= 6 && u->sentence && !u->link_lead ? 1 : -8;
		} else if (dump_link_like(u)) {
			u->value = -6;
		} else if (u->sentence && w >= MIN_PROSE_WORDS) {
			u->value = w;
		} else if (u->sentence && w >= 4) {
			u->value = 2;
		} else if (w >= 25) {
			u->value = w / 3;
		} else {
			u->value = -3;
		}
	}
}

/* The run of units with the greatest score: [*start, *end]. */
static bool find_run(const struct dump *d, size_t *start, size_t *end)
{
	long best = 0, sum = 0;
	size_t from = 0;
	bool found = false;
	for (size_t i = 0; i < d->n_units; i++) {
		if (sum <= 0) {
			sum = 0;
			from = i;
		}
		sum += d->units[i].value;
		if (sum > best) {
			best = sum;
			*start = from;
			*end = i;
			found = true;
		}
	}
	if (!found || best < MIN_ARTICLE) {
		return false;
	}
	for (size_t i = *start; i <= *end; i++) {
		if (dump_is_prose(&d->units[i])) {
			return true;
		}
	}
	return false;
}

bool dump_find_article(struct dump *d, size_t *start, size_t *end)
{
	for (size_t i = 0; i < d->n_units; i++) {
		d->units[i].page_line = is_boiler(&d->units[i]);
	}
	score_units(d, SIZE_MAX);
	if (!find_run(d, start, end)) {
		return false;
	}
	/* once more, now that related boxes after its start are known */
	score_units(d, *start);
	return find_run(d, start, end);
}
