/*
 * The furniture around the article, step 5 of the method (textdump.c):
 * above and at the top of it the headline, a standfirst, the byline,
 * dates and the section; under it the author's bio.
 */
#include "extract/textdump/dump.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/metadata.h"
#include "util/alloc.h"
#include "util/date.h"
#include "util/text.h"

enum {
	REAL_PARAGRAPH = 20,	/* words: certainly prose */
	HEAD_BACK = 24,		/* units above the article: the headline's */
	HEAD_SKIP = 12,		/* menu units skipped between headline and text */
	HEAD_IN = 10,		/* units at the article's top: its furniture's */
	CRUMB_BACK = 80,	/* units searched for a breadcrumb */
	TAIL_UNITS = 8,		/* units after the article searched for a bio */
	MAX_BIO_WORDS = 80,
	MAX_TITLE_WORDS = 30,
	MAX_DATELINE_WORDS = 20,
	MAX_BYLINE_WORDS = 20,
};

/* ---------------------------------------------------------------- furniture */

static const char *const byline_starts[] = {"by ", "by: ", "par ",
	"von ", "text: ", "text von ", "texte : ", "texte: ", "written by ",
	"words by ", "story by ", "reporting by ", "author: ", "auteur : ",
	"auteur: ", "autor: ", "autorin: ", "por ", "di ", "door ", NULL};

static const char *const dateline_starts[] = {"published", "posted",
	"updated", "last updated", "first published", "publié", "mis à jour",
	"modifié", "actualisé", "veröffentlicht", "aktualisiert", "stand:",
	"erschienen", "publicado", "actualizado", "pubblicato", "aggiornato",
	"gepubliceerd", "bijgewerkt", "le ", "am ", "on ", NULL};

static const char *const updated_words[] = {"updated", "mis à jour",
	"modifié", "actualisé", "aktualisiert", "stand:", "actualizado",
	"aggiornato", "bijgewerkt", NULL};

/* Position of the first of words in t (ASCII case-insensitive), or NULL. */
static const char *find_any(const char *t, const char *const *words)
{
	const char *best = NULL;
	for (const char *const *w = words; *w; w++) {
		const char *p = text_find_ci(t, *w);
		if (p && (!best || p < best)) {
			best = p;
		}
	}
	return best;
}

static bool is_byline(const struct unit *u)
{
	if (u->kind == UNIT_COLUMNS || u->kind == UNIT_RULE
			|| u->words > MAX_BYLINE_WORDS || u->words < 2) {
		return false;
	}
	for (const char *const *s = byline_starts; *s; s++) {
		if (text_starts_ci(u->text, *s)) {
			const char *p = u->text + strlen(*s);
			while (*p == ' ') {
				p++;
			}
			return dump_is_upper(dump_first_char(p));
		}
	}
	return false;
}

static bool is_dateline(const struct unit *u)
{
	struct bs_date d;
	if (u->kind == UNIT_COLUMNS || u->kind == UNIT_RULE
			|| u->words > MAX_DATELINE_WORDS
			|| (dump_last_char(u->text) == '.' && u->words > 5)
			|| !date_find(u->text, &d)) {
		return false;
	}
	return u->words <= 10 || text_starts_any_fold(u->text, dateline_starts);
}

static const char *const crumb_seps[] = {" > ", " \xc2\xbb ",
	" \xe2\x80\xba ", " / ", " >> ", " \xe2\x86\x92 ", NULL};

/* The segments of a breadcrumb ("Home > World > Europe"), or none. */
static size_t crumb_split(const char *t, char **segs, size_t max)
{
	size_t n = 0;
	const char *p = t;
	while (*p && n < max) {
		const char *next = NULL;
		size_t sl = 0;
		for (const char *const *s = crumb_seps; *s; s++) {
			const char *q = strstr(p, *s);
			if (q && (!next || q < next)) {
				next = q;
				sl = strlen(*s);
			}
		}
		size_t len = next ? (size_t)(next - p) : strlen(p);
		segs[n++] = xstrndup(p, len);
		if (!next) {
			break;
		}
		p = next + sl;
	}
	return n;
}

static void free_segs(char **segs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(segs[i]);
	}
}

static bool is_breadcrumb(const struct unit *u)
{
	if (u->kind != UNIT_TEXT || u->words > 20 || u->words < 2
			|| dump_last_char(u->text) == '.') {
		return false;
	}
	char *segs[16];
	size_t n = crumb_split(u->text, segs, 16);
	bool yes = n >= 2;
	for (size_t i = 0; i < n && yes; i++) {
		size_t w = text_word_count(segs[i]);
		yes = w >= 1 && w <= 6;
	}
	free_segs(segs, n);
	return yes;
}

static bool home_crumb(const char *c)
{
	static const char *const homes[] = {"home", "homepage", "home page",
		"front page", "start", "index", "startseite", "accueil", "une",
		"inicio", "início", "portada", "news", "главная", NULL};
	for (const char *const *h = homes; *h; h++) {
		if (strcasecmp(c, *h) == 0) {
			return true;
		}
	}
	return false;
}

/* "Home > World > Europe" -> "World": the first crumb after home. */
static char *crumb_section(const char *t, const char *title)
{
	char *segs[16];
	size_t n = crumb_split(t, segs, 16);
	char *out = NULL;
	for (size_t i = 0; i < n && !out; i++) {
		char *s = segs[i];
		char *colon = strrchr(s, ':');
		if (colon) {
			/* "You are here: Home" */
			s = colon + 1;
		}
		text_trim(s);
		if (!*s || home_crumb(s) || text_word_count(s) > 4
				|| (title && text_same_loose(s, title))) {
			continue;
		}
		out = meta_clean_section(s);
	}
	free_segs(segs, n);
	return out;
}

static bool name_particle(const char *w, size_t len)
{
	static const char *const particles[] = {"de", "du", "des", "van",
		"von", "der", "den", "da", "di", "del", "la", "le", "ten", "ter",
		"zu", "bin", "al", "y", "dos", "das", NULL};
	for (const char *const *p = particles; *p; p++) {
		if (strlen(*p) == len && strncmp(w, *p, len) == 0) {
			return true;
		}
	}
	return false;
}

/* "Jane Doe", "Anne-Marie de la Tour": a person's name alone. */
static bool is_name(const char *t)
{
	static const char *const not_first[] = {"the", "la", "le", "les",
		"die", "der", "das", "el", "il", "a", "an", "un", "une", "ein",
		"eine", NULL};
	size_t words = 0, capitals = 0;
	if (strlen(t) > 60) {
		return false;
	}
	const char *p = t;
	while (*p) {
		const char *w = p;
		while (*p && *p != ' ') {
			p++;
		}
		size_t len = (size_t)(p - w);
		while (*p == ' ') {
			p++;
		}
		words++;
		if (words == 1) {
			for (const char *const *n = not_first; *n; n++) {
				if (strlen(*n) == len
						&& strncasecmp(w, *n, len) == 0) {
					return false;
				}
			}
		}
		if (words > 1 && *p && name_particle(w, len)) {
			continue;
		}
		unsigned cp;
		size_t i = utf8_decode(w, &cp);
		if (!dump_is_upper(cp)) {
			return false;
		}
		capitals++;
		while (i < len) {
			i += utf8_decode(w + i, &cp);
			bool letter = (cp < 0x80 && isalpha((int)cp)) || cp >= 0xc0;
			if (!letter && cp != '.' && cp != '-' && cp != '\''
					&& cp != 0x2019) {
				return false;
			}
		}
	}
	return words >= 2 && words <= 4 && capitals >= 2;
}

static bool in_menu(const struct dump *d, const char *t)
{
	for (size_t i = 0; i < d->menu.count; i++) {
		if (strcasecmp(d->menu.items[i], t) == 0) {
			return true;
		}
	}
	return false;
}

static bool name_like(const struct dump *d, const struct unit *u)
{
	return u->kind == UNIT_TEXT && !u->boiler && u->n_links <= 1
		&& is_name(u->text) && !in_menu(d, u->text);
}

static bool title_ish(const struct unit *u)
{
	if (u->kind != UNIT_TEXT || u->boiler || u->words < 2
			|| u->words > MAX_TITLE_WORDS || strlen(u->text) > 300
			|| u->n_links > 1) {
		return false;
	}
	unsigned last = dump_last_char(u->text), first = dump_first_char(u->text);
	if (last == '.' || last == ',' || last == ';' || last == ':') {
		return false;
	}
	if (!dump_is_upper(first) && !(first >= '0' && first <= '9')
			&& first != '"' && first != 0x201c && first != 0x2018
			&& first != 0xab && first != 0x201e && first != '\'') {
		return false;
	}
	return !is_byline(u) && !is_dateline(u) && !is_breadcrumb(u);
}

/* A menu heading above the headline: "World", "SCIENCE". */
static bool section_heading(const struct dump *d, const struct unit *u)
{
	if (u->kind != UNIT_TEXT || u->words < 1 || u->words > 3
			|| u->sentence || text_char_count(u->text) > 30
			|| u->n_links > 1) {
		return false;
	}
	for (const char *p = u->text; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			return false;
		}
	}
	bool caps = true;
	for (const char *p = u->text; *p; p++) {
		caps = caps && !islower((unsigned char)*p);
	}
	return u->words == 1 || caps || in_menu(d, u->text);
}

/*
 * The dates of a dateline: the first is the publication, one after
 * "Updated" or "Mis à jour" the last change.
 */
static void take_dates(struct head *h, const char *t)
{
	struct bs_date d;
	const char *upd = find_any(t, updated_words);
	char *before = xstrndup(t, upd ? (size_t)(upd - t) : strlen(t));
	if (!h->has_published && date_find(before, &d)) {
		h->published = d;
		h->has_published = true;
	}
	free(before);
	if (upd && !h->has_modified && date_find(upd, &d)) {
		h->modified = d;
		h->has_modified = true;
	}
}

static void take_byline(struct head *h, const struct unit *u)
{
	meta_split_authors(u->text, &h->authors);
	take_dates(h, u->text);
}

/* The nearest unit above i that is not boilerplate, or -1. */
static long above(const struct dump *d, long i)
{
	for (i--; i >= 0; i--) {
		if (!d->units[i].boiler && d->units[i].kind != UNIT_RULE) {
			return i;
		}
	}
	return -1;
}

/* The nearest unit below i that is not boilerplate, or -1. */
static long below(const struct dump *d, size_t i, size_t end)
{
	for (i++; i <= end && i < d->n_units; i++) {
		if (!d->units[i].boiler && d->units[i].kind != UNIT_RULE) {
			return (long)i;
		}
	}
	return -1;
}

/*
 * A name-like line right under a headline is the byline, and the headline
 * is the line above it; of two name-like lines the longer is the
 * headline.
 */
static bool byline_under_title(const struct dump *d, long i)
{
	const struct unit *u = &d->units[i];
	long a = above(d, i);
	if (!name_like(d, u) || a < 0 || !title_ish(&d->units[a])) {
		return false;
	}
	const struct unit *t = &d->units[a];
	return !name_like(d, t) || strlen(t->text) > strlen(u->text);
}

/*
 * A standfirst without a final period under the headline: longer than
 * the title-like line above it, which is long enough to be a headline
 * rather than a site's or section's name.
 */
static bool dek_under_title(const struct dump *d, long i)
{
	const struct unit *u = &d->units[i];
	long a = above(d, i);
	if (u->words < 12 || a < 0) {
		return false;
	}
	const struct unit *t = &d->units[a];
	return title_ish(t) && !name_like(d, t) && !in_menu(d, t->text)
		&& t->words >= 5 && u->words >= t->words + 3;
}

/* The headline and what surrounds it, above the article's first unit. */
static void read_head_above(const struct dump *d, size_t start,
	struct head *h)
{
	size_t skipped = 0;
	bool named = false;
	for (long i = (long)start - 1; i >= 0 && (long)start - i <= HEAD_BACK;
			i--) {
		const struct unit *u = &d->units[i];
		if (u->boiler || u->kind == UNIT_RULE) {
			continue;
		}
		if (is_breadcrumb(u)) {
			h->crumb = i;
			break;
		}
		if (is_byline(u)) {
			take_byline(h, u);
			continue;
		}
		if (is_dateline(u)) {
			take_dates(h, u->text);
			continue;
		}
		if (h->title < 0) {
			if (title_ish(u) && h->dek < 0 && dek_under_title(d, i)) {
				h->dek = i;
				continue;
			}
			if (title_ish(u) && byline_under_title(d, i)) {
				meta_split_authors(u->text, &h->authors);
				named = true;
				continue;
			}
			if (title_ish(u)) {
				h->title = i;
				continue;
			}
			if (++skipped > HEAD_SKIP) {
				break;
			}
			continue;
		}
		/* above the headline: a name alone, a menu heading */
		if (!named && h->authors.count == 0 && name_like(d, u)) {
			meta_split_authors(u->text, &h->authors);
			named = true;
			continue;
		}
		if (section_heading(d, u)) {
			h->heading = i;
		}
		break;
	}
}

/*
 * The first units of the article: a byline, a dateline, a headline
 * repeated or standing after a standfirst leave the body.
 */
static void read_head_inside(struct dump *d, size_t start, size_t end,
	struct head *h)
{
	size_t prose = 0;
	for (size_t k = start; k <= end && k < start + HEAD_IN; k++) {
		struct unit *u = &d->units[k];
		if (u->boiler || u->kind == UNIT_RULE) {
			continue;
		}
		if (is_byline(u)) {
			u->role = ROLE_FURNITURE;
			take_byline(h, u);
			continue;
		}
		if (is_dateline(u) || is_breadcrumb(u)) {
			u->role = ROLE_FURNITURE;
			take_dates(h, u->text);
			continue;
		}
		if (h->title >= 0 && text_same_loose(u->text,
				d->units[h->title].text)) {
			u->role = ROLE_FURNITURE;
			continue;
		}
		long next = below(d, k, end);
		bool before_byline = next >= 0 && (is_byline(&d->units[next])
			|| is_dateline(&d->units[next]));
		if (h->title < 0 && title_ish(u) && before_byline
				&& k < start + 4) {
			h->title = (long)k;
			u->role = ROLE_FURNITURE;
			continue;
		}
		long prev = above(d, (long)k);
		bool by_date = before_byline || (prev >= 0
			&& d->units[prev].role == ROLE_FURNITURE);
		if (h->authors.count == 0 && name_like(d, u) && by_date) {
			u->role = ROLE_FURNITURE;
			meta_split_authors(u->text, &h->authors);
			continue;
		}
		if (dump_is_prose(u) && u->words >= REAL_PARAGRAPH && ++prose >= 2) {
			break;
		}
	}
}

void dump_read_head(struct dump *d, size_t start, size_t end,
	struct head *h)
{
	memset(h, 0, sizeof(*h));
	h->title = h->dek = h->crumb = h->heading = -1;
	read_head_above(d, start, h);
	read_head_inside(d, start, end, h);
}

char *dump_find_section(const struct dump *d, size_t start,
	const struct head *h, const char *title)
{
	char *s = NULL;
	if (h->crumb >= 0) {
		s = crumb_section(d->units[h->crumb].text, title);
	}
	if (!s && h->heading >= 0) {
		s = meta_clean_section(d->units[h->heading].text);
	}
	for (long i = (long)start - 1; !s && i >= 0
			&& (long)start - i <= CRUMB_BACK; i--) {
		if (i != h->crumb && is_breadcrumb(&d->units[i])) {
			s = crumb_section(d->units[i].text, title);
		}
	}
	return s;
}

/* ---------------------------------------------------------------- the bio */

static const char *const bio_verbs[] = {" is ", " was ", " writes ",
	" covers ", " has ", " reports ", " lives ", " works ", " edits ",
	" teaches ", " served ", " grew up ", " est ", " était ", " couvre ",
	" a été ", " travaille ", " écrit ", " vit ", " ist ", " war ",
	" schreibt ", " berichtet ", " arbeitet ", " lebt ", " es ", " fue ",
	" escribe ", " è ", " scrive ", NULL};

static const char *const bio_roles[] = {"reporter", "correspondent",
	"journalist", "writer", "editor", "columnist", "critic", "author",
	"contributor", "producer", "journaliste", "correspondant",
	"rédacteur", "rédactrice", "chroniqueur", "chroniqueuse", "critique",
	"korrespondent", "redakteur", "journalistin", "autorin", "reporterin",
	"periodista", "giornalista", NULL};

static const char *const about_starts[] = {"about the author",
	"about the writer", "à propos de l'auteur", "à propos de l’auteur",
	"à propos de l'autrice", "über den autor", "über die autorin",
	"zum autor", "zur autorin", "sobre el autor", NULL};

static bool verb_follows(const char *rest)
{
	for (const char *const *v = bio_verbs; *v; v++) {
		if (strncmp(rest, *v, strlen(*v)) == 0) {
			return true;
		}
	}
	return false;
}

/* "Jane Doe is a reporter for ...", "Marie Dupont est journaliste...". */
static bool is_bio(const struct unit *u, const struct bs_strlist *authors)
{
	if (u->kind != UNIT_TEXT || u->words > MAX_BIO_WORDS || u->words < 4) {
		return false;
	}
	const char *t = u->text;
	if (u->words > 5 && text_starts_any_fold(t, about_starts)) {
		/* "About the author: Jane Doe is..." */
		return true;
	}
	static const char *const honorifics[] = {"", "Mr. ", "Ms. ", "Mrs. ",
		"Dr. ", "Prof. ", "Mr ", "Ms ", "Mrs ", "Dr ", "M. ", "Mme ",
		"Herr ", "Frau ", NULL};
	for (size_t i = 0; i < authors->count; i++) {
		const char *name = authors->items[i];
		const char *sp = strrchr(name, ' ');
		const char *names[2] = {name, sp ? sp + 1 : name};
		for (size_t k = 0; k < 2; k++) {
			size_t nl = strlen(names[k]);
			for (const char *const *hon = honorifics; *hon; hon++) {
				size_t hl = strlen(*hon);
				const char *after = t + hl;
				if (nl >= 2 && strncmp(t, *hon, hl) == 0
						&& strncmp(after, names[k], nl) == 0
						&& verb_follows(after + nl)) {
					return true;
				}
			}
		}
	}
	/* no byline: a name, a verb and a trade */
	if (!text_has_any_ci(t, bio_roles)) {
		return false;
	}
	const char *p = t;
	for (int words = 0; words < 4 && *p; words++) {
		const char *sp = strchr(p, ' ');
		if (!sp) {
			break;
		}
		if (words >= 1 && verb_follows(sp)) {
			char *name = xstrndup(t, (size_t)(sp - t));
			bool yes = is_name(name);
			free(name);
			return yes;
		}
		p = sp + 1;
	}
	return false;
}

static bool is_about_heading(const struct unit *u)
{
	return u->kind == UNIT_TEXT && u->words <= 5
		&& text_starts_any_fold(u->text, about_starts);
}
char *dump_take_bio(struct dump *d, size_t start, size_t end,
	const struct bs_strlist *authors)
{
	long last = -1;
	for (size_t i = end + 1; i-- > start;) {
		struct unit *u = &d->units[i];
		if (!u->boiler && u->kind != UNIT_RULE
				&& u->role == ROLE_NONE) {
			last = (long)i;
			break;
		}
	}
	long found = -1;
	if (last >= 0) {
		/* the bio is never the article's only paragraph */
		bool more = false;
		for (long i = (long)start; i < last && !more; i++) {
			more = dump_is_prose(&d->units[i])
				&& d->units[i].role == ROLE_NONE;
		}
		long a = above(d, last);
		bool about = a >= (long)start && is_about_heading(&d->units[a])
			&& d->units[last].kind == UNIT_TEXT;
		if (more && (about || is_bio(&d->units[last], authors))) {
			found = last;
		}
	}
	for (size_t i = end + 1; found < 0 && i < d->n_units
			&& i <= end + TAIL_UNITS; i++) {
		struct unit *u = &d->units[i];
		if (u->boiler || u->kind != UNIT_TEXT || dump_link_like(u)) {
			continue;
		}
		if (is_bio(u, authors)) {
			found = (long)i;
		} else if (dump_is_prose(u) && u->words >= REAL_PARAGRAPH) {
			break;
		}
	}
	if (found < 0) {
		return NULL;
	}
	struct unit *u = &d->units[found];
	u->role = ROLE_NOTE;
	long a = above(d, found);
	if (a >= 0 && is_about_heading(&d->units[a])) {
		d->units[a].role = ROLE_NOTE;
	}
	const char *t = u->text;
	const char *about = u->words > 5
		? text_starts_any_fold(t, about_starts) : NULL;
	if (about) {
		/* "About the author: Jane Doe is..." */
		t += strlen(about);
		while (*t == ':' || *t == ' ' || *t == '.') {
			t++;
		}
	}
	return xstrdup(t);
}
