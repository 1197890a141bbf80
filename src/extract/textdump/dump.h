#ifndef BS_EXTRACT_TEXTDUMP_DUMP_H
#define BS_EXTRACT_TEXTDUMP_DUMP_H

#include <stdbool.h>
#include <stddef.h>

#include "extract/metadata.h"
#include "util/date.h"

/*
 * The pieces of textdump_extract() (see textdump.c for the method): the
 * dump read into units (lines.c), the article found among them
 * (score.c), the furniture around it (head.c), what the page says about
 * itself (page.c), and the characters they all look at (chars.c).
 * Private to the text-dump reader.
 */

/* A reference of lynx's list: "12. https://...". */
struct ref {
	long number;
	char *url;
};

enum unit_kind {
	UNIT_TEXT,
	UNIT_ITEM,
	UNIT_COLUMNS,
	UNIT_RULE,
};

enum role {
	ROLE_NONE,
	ROLE_FURNITURE,	/* headline, byline, dateline */
	ROLE_NOTE,	/* the author's bio */
};

/* A paragraph, a list item, a row of w3m's columns or a rule. */
struct unit {
	enum unit_kind kind;
	char *text;		/* markers gone, white space collapsed */
	size_t words;
	long first_link;	/* lynx number of its first link, or -1 */
	size_t n_links;
	bool link_lead;		/* the text starts with a link */
	bool text_before;	/* while reading: lines of text came before */
	bool ordered;
	bool sentence;		/* ends like a sentence */
	bool page_line;		/* boilerplate by its own words */
	bool boiler;		/* that, or inside a box of related links */
	enum role role;
	long value;		/* score in the search for the article */
};

struct dump {
	struct unit *units;
	size_t n_units;
	struct ref *refs;
	size_t n_refs;
	struct bs_strlist menu;	/* texts of menu items */
};

/* The furniture around the headline; units are indexes, or -1. */
struct head {
	long title;
	long dek;		/* a standfirst between headline and byline */
	struct bs_strlist authors;
	bool has_published, has_modified;
	struct bs_date published, modified;
	long crumb;
	long heading;
};

/* lines.c */

/**
 * Reads a dump (len bytes of UTF-8, not necessarily terminated, len > 0)
 * into d: its units in order, lynx's References and the texts of its menu
 * items. Returns false, with d empty, when the bytes are not text (more
 * than a tenth of them are neither characters nor line ends). Either way
 * d is then the caller's to dump_finish().
 */
bool dump_read(struct dump *d, const char *utf8, size_t len);

/** Frees what d holds. */
void dump_finish(struct dump *d);

/* score.c */

/**
 * Marks d's boilerplate units (page_line, boiler) and scores every unit;
 * the article is the run [*start, *end] with the greatest score, which
 * must reach a small article's and hold prose. Returns false when there
 * is no such run.
 */
bool dump_find_article(struct dump *d, size_t *start, size_t *end);

/** True for prose: a paragraph a reader reads, not a line they click. */
bool dump_is_prose(const struct unit *u);

/** True when u is mostly links or starts with one. */
bool dump_link_like(const struct unit *u);

/** True when t holds a copyright notice ("©", "All rights reserved"). */
bool dump_is_copyright(const char *t);

/** True when t holds a letter of some script. */
bool dump_has_letters(const char *t);

/* head.c */

/**
 * Fills h with the headline, standfirst, authors, dates and section
 * units found above the article [start, end] and at its top, and marks
 * the units at its top that are furniture (ROLE_FURNITURE). h.authors is
 * then the caller's (strlist_finish(), or take its items).
 */
void dump_read_head(struct dump *d, size_t start, size_t end,
	struct head *h);

/**
 * The article's section from a breadcrumb or a menu heading above start
 * (title, which may be NULL, is not one), cleaned as
 * meta_clean_section() does; NULL when none. The caller frees.
 */
char *dump_find_section(const struct dump *d, size_t start,
	const struct head *h, const char *title);

/**
 * The author's bio: the article's last paragraph, or one shortly after
 * end past share buttons, that names one of authors or a person with a
 * trade. Returns its text without an "About the author" lead (the caller
 * frees), or NULL; marks it and such a heading above it ROLE_NOTE.
 */
char *dump_take_bio(struct dump *d, size_t start, size_t end,
	const struct bs_strlist *authors);

/* page.c */

/**
 * The site's name from a copyright line, looked for after end first,
 * then in the whole dump; NULL when none. The caller frees.
 */
char *dump_find_site(const struct dump *d, size_t end);

/**
 * The page's address from lynx's References: the link of title (may be
 * NULL) when the headline is one; else the one page that the page's "#"
 * links and the links whose slug spells the headline agree on. NULL when
 * there are no references or they do not agree. The caller frees.
 */
char *dump_find_url(const struct dump *d, const struct unit *title);

/**
 * A BCP 47 tag for the language most of the words of text are in, from
 * their commonest words; NULL when too few words tell. The caller frees.
 */
char *dump_guess_lang(const char *text);

/* chars.c */

/** True for a capital: a code point that text_fold() changes. */
bool dump_is_upper(unsigned cp);

/** True for an ASCII or Latin small letter. */
bool dump_is_lower(unsigned cp);

/** The first code point of s, 0 when s is empty. */
unsigned dump_first_char(const char *s);

/**
 * The last code point of s that is not a blank, a quote or a bracket
 * (the character a sentence ends with), 0 when there is none.
 */
unsigned dump_last_char(const char *s);

#endif
