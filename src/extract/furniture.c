#include "extract/furniture.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/dom.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"

enum {
	HEAD_BLOCKS = 8,	/* furniture sits in the first blocks */
	REAL_PARAGRAPH = 20,	/* words: prose */
	PROSE_BLOCKS = 2,	/* after two of them, the article has begun */
	MAX_BYLINE_WORDS = 15,
	MAX_DATELINE_WORDS = 20,
	MAX_BIO_WORDS = 80,
};

static bool same(const char *a, const char *b)
{
	return text_same_loose(a, b);
}

/* text is the description, or opens with it (a standfirst with a credit). */
static bool is_standfirst(const char *text, const char *description)
{
	if (!description) {
		return false;
	}
	char *t = text_loose(text, 0), *d = text_loose(description, 0);
	size_t tl = strlen(t), dl = strlen(d);
	bool yes = dl >= 20 && tl >= dl && strncmp(t, d, dl) == 0
		&& tl * 10 <= dl * 12;
	free(t);
	free(d);
	return yes;
}

static const char *const byline_starts[] = {"by ", "by:", "von ", "par ",
	"por ", "di ", "door ", "av ", "de ", "автор", "text:", "texto:",
	"written by", "words by", "story by", NULL};

static const char *const dateline_starts[] = {"published", "updated",
	"posted", "last updated", "first published", "veröffentlicht",
	"aktualisiert", "publié", "mis à jour", "publicado", "actualizado",
	"atualizado", "pubblicato", "aggiornato", "gepubliceerd", NULL};

static bool starts_with_any(const char *t, const char *const *starts)
{
	for (const char *const *s = starts; *s; s++) {
		if (text_starts_ci(t, *s)) {
			return true;
		}
	}
	return false;
}

static bool names_author(const char *t, const struct bs_furniture *f)
{
	for (size_t i = 0; i < f->n_authors; i++) {
		if (text_find_ci(t, f->authors[i])) {
			return true;
		}
	}
	return false;
}

static bool is_byline(const char *t, size_t words,
	const struct bs_furniture *f)
{
	if (words > MAX_BYLINE_WORDS) {
		return false;
	}
	return starts_with_any(t, byline_starts) || same(t, f->byline)
		|| (words <= 12 && names_author(t, f));
}

static bool is_dateline(const char *t, size_t words)
{
	struct bs_date d;
	if (words > MAX_DATELINE_WORDS || !date_find(t, &d)) {
		return false;
	}
	return words <= 10 || starts_with_any(t, dateline_starts);
}

/*
 * The description as a heading is a subtitle; as a paragraph it is often
 * the article's own first paragraph, and stays.
 */
/* A heading that is the headline in other words ("Site | Headline"). */
static bool is_headline(const xmlNode *n, const char *t, const char *title)
{
	if (same(t, title)) {
		return true;
	}
	if (!dom_is_heading(n) || !title) {
		return false;
	}
	char *a = text_loose(t, 0), *b = text_loose(title, 0);
	size_t la = strlen(a), lb = strlen(b);
	bool yes = la >= 10 && lb >= 10 && (strstr(a, b) || strstr(b, a))
		&& (la < lb ? la * 10 >= lb * 7 : lb * 10 >= la * 7);
	free(a);
	free(b);
	return yes;
}

static bool is_furniture(const xmlNode *n, const char *t,
	const struct bs_furniture *f)
{
	size_t words = text_word_count(t);
	return is_headline(n, t, f->title) || is_byline(t, words, f)
		|| is_dateline(t, words)
		|| (dom_is_heading(n) && is_standfirst(t, f->description))
		|| (words <= 4 && (same(t, f->site) || same(t, f->section)));
}

static bool is_text_block(const xmlNode *n)
{
	return dom_is(n, "p") || (dom_is_heading(n) && !dom_is(n, "h1"));
}

/*
 * After a standfirst paragraph, only a dateline still counts as furniture
 * ("November 20, 2019 Jane Doe"): a short sentence that merely starts with
 * "By" or names the author is the article's.
 */
static bool is_late_furniture(const char *t, const struct bs_furniture *f)
{
	size_t words = text_word_count(t);
	struct bs_date d;
	return is_dateline(t, words) || (words <= MAX_BYLINE_WORDS
		&& names_author(t, f) && date_find(t, &d));
}

void furniture_strip_head(xmlNode *root, const struct bs_furniture *f)
{
	xmlNode *n = root->children;
	int prose_blocks = 0;
	for (int seen = 0; n && seen < HEAD_BLOCKS;) {
		xmlNode *next = n->next;
		if (n->type != XML_ELEMENT_NODE) {
			n = next;
			continue;
		}
		if (!is_text_block(n)) {
			break;
		}
		char *t = dom_text_dup(n);
		bool drop = prose_blocks ? is_late_furniture(t, f)
			: is_furniture(n, t, f);
		bool prose = !drop && text_word_count(t) >= REAL_PARAGRAPH;
		free(t);
		if (drop) {
			dom_remove(n);
		}
		if (prose && ++prose_blocks == PROSE_BLOCKS) {
			break;
		}
		seen++;
		n = next;
	}
}

/* The surname: the last word of a name. */
static const char *surname(const char *name)
{
	const char *space = strrchr(name, ' ');
	return space ? space + 1 : name;
}

/*
 * "Jane Doe is a reporter...", "Ms. Doe writes...", "About the author":
 * a bio names the author first and then says what they do.
 */
static bool is_bio(const char *t, const struct bs_furniture *f)
{
	if (text_word_count(t) > MAX_BIO_WORDS) {
		return false;
	}
	if (text_starts_ci(t, "about the author")) {
		return true;
	}
	static const char *const honorifics[] = {"", "mr. ", "ms. ", "mrs. ",
		"dr. ", "prof. ", "mr ", "ms ", "mrs ", "dr ", NULL};
	static const char *const verbs[] = {" is ", " was ", " writes ",
		" covers ", " has ", " grew up ", " lives ", " teaches ",
		" works ", " reports ", " served ", " chairs ", " edits ", NULL};
	for (size_t i = 0; i < f->n_authors; i++) {
		const char *names[2] = {f->authors[i], surname(f->authors[i])};
		for (size_t k = 0; k < 2; k++) {
			for (const char *const *h = honorifics; *h; h++) {
				size_t hl = strlen(*h), nl = strlen(names[k]);
				if (nl < 2 || strncasecmp(t, *h, hl) != 0
						|| strncmp(t + hl, names[k], nl) != 0) {
					continue;
				}
				/* the verb comes right after the name */
				const char *rest = t + hl + nl;
				for (const char *const *v = verbs; *v; v++) {
					if (strncmp(rest, *v, strlen(*v)) == 0) {
						return true;
					}
				}
			}
		}
	}
	return false;
}

char *furniture_take_bio(xmlNode *root, const struct bs_furniture *f)
{
	xmlNode *last = root->last;
	while (last && last->type != XML_ELEMENT_NODE) {
		last = last->prev;
	}
	if (!last || !dom_is(last, "p")) {
		return NULL;
	}
	char *t = dom_text_dup(last);
	if (!is_bio(t, f)) {
		free(t);
		return NULL;
	}
	dom_remove(last);
	return t;
}
