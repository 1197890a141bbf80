/*
 * Finding the article in a plain-text dump of a page.
 *
 * 1. Clean the bytes (valid UTF-8, "\n" line ends, tabs expanded, no
 *    control characters), cut lynx's References list off the end and keep
 *    its numbered addresses.
 * 2. Read each line: blank, a rule, a list item (bullet or number), a row
 *    of spaced columns (w3m's tables of menus), or text. Lynx's "[12]" link
 *    markers leave the text but are counted, as they tell links apart.
 * 3. Join lines into units: a list item with its wrapped lines; text lines
 *    that wrap into a paragraph. The wrap width is the top of the cluster
 *    of line lengths (78 for lynx, 80 for w3m, none for a browser that does
 *    not wrap); a line that was full when the next word would not fit was
 *    wrapped, a shorter one ends its paragraph.
 * 4. Score units: prose paragraphs (sentences, few links) gain their words;
 *    menus, link lists, short lines and boilerplate lose. The article is
 *    the run of units with the greatest total (Kadane), so that a short
 *    subheading or an "Advertisement" between paragraphs does not break it
 *    but a menu does.
 * 5. Around its start: the headline (the nearest title-like line above;
 *    a longer one between it and the byline is the standfirst), the
 *    byline ("By", "Par", "Von", or a name alone above or under the
 *    headline), dates, and the section (a breadcrumb "Home > World >
 *    Europe", or a one-word menu heading right above the headline). At its
 *    end: the author's bio, which becomes the note.
 * 6. Build the body from what is left, dropping boilerplate lines.
 */
#include "extract/textdump.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "extract/boiler.h"
#include "extract/metadata.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"

enum {
	TAB_WIDTH = 8,
	MAX_WRAP = 400,		/* longer lines are not wrapped ones */
	WRAP_WINDOW = 12,	/* columns of the cluster of full lines */
	MIN_PROSE_WORDS = 8,	/* a sentence that scores as prose */
	REAL_PARAGRAPH = 20,	/* words: certainly prose */
	MIN_ARTICLE = 20,	/* score of the smallest article */
	HEAD_BACK = 24,		/* units above the article: the headline's */
	HEAD_SKIP = 12,		/* menu units skipped between headline and text */
	HEAD_IN = 10,		/* units at the article's top: its furniture's */
	CRUMB_BACK = 80,	/* units searched for a breadcrumb */
	TAIL_UNITS = 8,		/* units after the article searched for a bio */
	MAX_BIO_WORDS = 80,
	MAX_BOILER_WORDS = 60,
	MAX_TITLE_WORDS = 30,
	MAX_DATELINE_WORDS = 20,
	MAX_BYLINE_WORDS = 20,
	MAX_RELATED = 40,	/* units a "Related stories" box may hold */
	MAX_MENU = 500,		/* menu entries kept to recognise section names */
};

/* ---------------------------------------------------------------- cleaning */

/* Length of the well-formed UTF-8 sequence at s (n bytes left), 0 if none. */
static size_t utf8_seq(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		min = 0x80;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		min = 0x800;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		min = 0x10000;
		c &= 0x07;
	} else {
		return 0;
	}
	if (n < len) {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			return 0;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		return 0;
	}
	*cp = c;
	return len;
}

/*
 * A clean copy of the dump: well-formed UTF-8, lines ended by "\n" alone,
 * tabs expanded to spaces, no control characters. *junk counts the bytes
 * that were dropped as not text.
 */
static char *clean_text(const char *in, size_t len, size_t *junk)
{
	const unsigned char *s = (const unsigned char *)in;
	struct bs_buf b = {0};
	size_t i = 0, col = 0;
	*junk = 0;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		i = 3;
	}
	while (i < len) {
		unsigned c = s[i];
		if (c == '\r' || c == '\n' || c == '\f' || c == '\v') {
			buf_putc(&b, '\n');
			col = 0;
			i += c == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
			continue;
		}
		if (c == '\t') {
			do {
				buf_putc(&b, ' ');
				col++;
			} while (col % TAB_WIDTH);
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			(*junk)++;
			i++;
			continue;
		}
		unsigned cp;
		size_t n = utf8_seq(s + i, len - i, &cp);
		if (n == 0 || (cp >= 0x80 && cp < 0xa0)) {
			*junk += n ? n : 1;
			i += n ? n : 1;
			continue;
		}
		if (cp == 0xfeff || cp == 0x200b || cp == 0xad) {
			/* zero width: a stray BOM, a soft hyphen */
		} else if (cp == 0x2028 || cp == 0x2029) {
			buf_putc(&b, '\n');
			col = 0;
		} else {
			buf_append(&b, s + i, n);
			col++;
		}
		i += n;
	}
	return buf_detach(&b);
}

/* Columns taken by n bytes of UTF-8 at s. */
static size_t columns(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++) {
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	}
	return c;
}

/* ---------------------------------------------------------------- lines */

enum line_kind {
	LINE_BLANK,
	LINE_TEXT,
	LINE_ITEM,
	LINE_COLUMNS,
	LINE_RULE,
};

struct line {
	const char *raw;	/* after the indentation; not terminated */
	size_t len;		/* bytes of raw, trailing blanks cut */
	size_t indent;		/* columns of indentation */
	size_t width;		/* columns of the whole line */
	size_t first_word;	/* columns of its first word */
	size_t skip;		/* bytes of an item's bullet and blanks */
	enum line_kind kind;
	bool ordered;		/* a numbered item */
};

/* A reference of lynx's list: "12. https://...". */
struct ref {
	long number;
	char *url;
};

static bool is_upper_cp(unsigned cp)
{
	return text_fold(cp) != cp;
}

static bool is_lower_cp(unsigned cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 0xdf && cp != 0xf7
		&& cp < 0x250 && !is_upper_cp(cp));
}

/*
 * Bytes of a list bullet and the blanks after it at p ("* ", "1. ", "•
 * "), 0 when the line is not an item. Bullets that are also letters or
 * dashes must be followed by a capital, a digit or a link.
 */
static size_t bullet_len(const char *p, size_t len, bool *ordered)
{
	static const char *const marks[] = {"\xe2\x80\xa2", "\xe2\x97\xa6",
		"\xe2\x96\xaa", "\xe2\x96\xab", "\xe2\x80\xa3", "\xc2\xb7",
		"\xe2\x81\x83", "\xe2\x97\x8f", "\xe2\x97\x8b", "\xe2\x96\xa0",
		"\xe2\x96\xa1", "*", NULL};
	size_t n = 0;
	bool strict = false;
	*ordered = false;
	for (const char *const *m = marks; *m && !n; m++) {
		size_t ml = strlen(*m);
		if (len > ml && strncmp(p, *m, ml) == 0 && p[ml] == ' ') {
			n = ml;
		}
	}
	if (!n && len > 1 && strchr("+o-#@", p[0]) && p[1] == ' ') {
		n = 1;
		strict = true;
	}
	if (!n) {
		size_t d = 0;
		while (d < len && d < 4 && isdigit((unsigned char)p[d])) {
			d++;
		}
		if (d >= 1 && d <= 3 && d + 1 < len && (p[d] == '.'
				|| p[d] == ')') && p[d + 1] == ' ') {
			n = d + 1;
			*ordered = true;
		}
	}
	if (!n) {
		return 0;
	}
	size_t m = n;
	while (m < len && p[m] == ' ') {
		m++;
	}
	if (m >= len) {
		*ordered = false;
		return 0;
	}
	if (strict) {
		unsigned cp;
		utf8_decode(p + m, &cp);
		if (!is_upper_cp(cp) && !(cp >= '0' && cp <= '9') && cp != '['
				&& cp != '"' && cp != 0x201c && cp != 0xab) {
			return 0;
		}
	}
	return m;
}

/* A horizontal rule: "-----", "* * *", "____", box drawing. */
static bool is_rule(const char *p, size_t len)
{
	size_t marks = 0;
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = utf8_decode(p + i, &cp);
		if (n > len - i) {
			return false;
		}
		if (cp == ' ') {
			/* spaces between marks */
		} else if ((cp < 0x80 && strchr("-_=*~#.+|", (int)cp))
				|| (cp >= 0x2500 && cp <= 0x257f) || cp == 0xb7
				|| cp == 0x2022 || cp == 0x2014 || cp == 0x2013) {
			marks++;
		} else {
			return false;
		}
		i += n;
	}
	return marks >= 3;
}

/*
 * A row of w3m's tables: cells apart by three blanks or more ("Home
 * World    Sport").
 */
static bool is_columns(const char *p, size_t len)
{
	size_t gaps = 0, words = 0;
	bool in_word = false;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == ' ') {
			size_t j = i;
			while (j < len && p[j] == ' ') {
				j++;
			}
			if (j - i >= 3 && j < len) {
				gaps++;
			}
			i = j - 1;
			in_word = false;
		} else if (!in_word) {
			words++;
			in_word = true;
		}
	}
	return gaps >= 2 || (gaps == 1 && words <= 6 && p[len - 1] != '.');
}

static void read_line(struct line *l, const char *s, size_t len)
{
	size_t indent = 0;
	while (indent < len && s[indent] == ' ') {
		indent++;
	}
	while (len > indent && s[len - 1] == ' ') {
		len--;
	}
	memset(l, 0, sizeof(*l));
	l->raw = s + indent;
	l->len = len - indent;
	l->indent = indent;
	if (l->len == 0) {
		l->kind = LINE_BLANK;
		return;
	}
	l->width = indent + columns(l->raw, l->len);
	size_t w = 0;
	while (w < l->len && l->raw[w] != ' ') {
		w++;
	}
	l->first_word = columns(l->raw, w);
	if (is_rule(l->raw, l->len)) {
		l->kind = LINE_RULE;
	} else if ((l->skip = bullet_len(l->raw, l->len, &l->ordered))) {
		l->kind = LINE_ITEM;
	} else if (is_columns(l->raw, l->len)) {
		l->kind = LINE_COLUMNS;
	} else {
		l->kind = LINE_TEXT;
	}
}

/* "   12. https://..." -> 12 and the address. */
static bool read_ref(const struct line *l, struct ref *r)
{
	size_t i = 0;
	long n = 0;
	while (i < l->len && isdigit((unsigned char)l->raw[i]) && i < 7) {
		n = n * 10 + (l->raw[i] - '0');
		i++;
	}
	if (i == 0 || i >= l->len || l->raw[i] != '.') {
		return false;
	}
	i++;
	while (i < l->len && l->raw[i] == ' ') {
		i++;
	}
	size_t start = i;
	while (i < l->len && l->raw[i] != ' ') {
		i++;
	}
	if (i == start || i != l->len) {
		return false;
	}
	r->number = n;
	r->url = xstrndup(l->raw + start, i - start);
	return true;
}

static bool is_ref_heading(const struct line *l)
{
	return (l->len == 13 && strncmp(l->raw, "Visible links", 13) == 0)
		|| (l->len == 14 && strncmp(l->raw, "Visible links:", 14) == 0)
		|| (l->len == 13 && strncmp(l->raw, "Hidden links:", 13) == 0);
}

/*
 * Finds lynx's References list at the end (a "References" line at the
 * margin followed by numbered addresses), reads it into *refs and returns
 * the number of lines before it.
 */
static size_t cut_references(const struct line *lines, size_t n,
	struct ref **refs, size_t *n_refs)
{
	*refs = NULL;
	*n_refs = 0;
	for (size_t i = n; i-- > 0;) {
		const struct line *l = &lines[i];
		if (l->indent != 0 || l->len != 10
				|| strncmp(l->raw, "References", 10) != 0) {
			continue;
		}
		size_t cap = 0, good = 0, bad = 0;
		for (size_t k = i + 1; k < n; k++) {
			struct ref r;
			if (lines[k].kind == LINE_BLANK
					|| is_ref_heading(&lines[k])) {
				continue;
			}
			if (!read_ref(&lines[k], &r)) {
				bad++;
				continue;
			}
			if (*n_refs == cap) {
				cap = cap ? cap * 2 : 64;
				*refs = xreallocarray(*refs, cap, sizeof(**refs));
			}
			(*refs)[(*n_refs)++] = r;
			good++;
		}
		if (good && bad <= good / 10) {
			return i;
		}
		for (size_t k = 0; k < *n_refs; k++) {
			free((*refs)[k].url);
		}
		free(*refs);
		*refs = NULL;
		*n_refs = 0;
		break;
	}
	return n;
}

static const char *ref_url(const struct ref *refs, size_t n, long number)
{
	for (size_t i = 0; i < n; i++) {
		if (refs[i].number == number) {
			return refs[i].url;
		}
	}
	return NULL;
}

/*
 * The wrap width of the dump: the top of the cluster that holds most
 * lines of 40 columns or more; 0 when the lines were not wrapped.
 */
static size_t wrap_width(const struct line *lines, size_t n)
{
	size_t *hist = xcalloc(MAX_WRAP + 1, sizeof(*hist));
	size_t long_lines = 0;
	for (size_t i = 0; i < n; i++) {
		if (lines[i].kind == LINE_BLANK || lines[i].kind == LINE_RULE
				|| lines[i].width < 40) {
			continue;
		}
		long_lines++;
		if (lines[i].width <= MAX_WRAP) {
			hist[lines[i].width]++;
		}
	}
	size_t need = (long_lines * 2 + 4) / 5;
	if (need < 4) {
		need = 4;
	}
	size_t width = 0;
	for (size_t l = MAX_WRAP; l >= 40 && !width; l--) {
		if (!hist[l]) {
			continue;
		}
		size_t c = 0;
		for (size_t k = l; k + WRAP_WINDOW > l && k >= 40; k--) {
			c += hist[k];
		}
		if (c >= need) {
			width = l;
		}
	}
	free(hist);
	return width;
}

/* ---------------------------------------------------------------- units */

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

/* "[IMG]", "[INLINE]", "[BUTTON]", "[_]", "[X]": lynx's placeholders. */
static size_t placeholder_len(const char *p, size_t len)
{
	size_t i = 1;
	while (i < len && i <= 12 && (isupper((unsigned char)p[i])
			|| p[i] == '_' || p[i] == ' ')) {
		i++;
	}
	return i > 1 && i < len && p[i] == ']' ? i + 1 : 0;
}

/*
 * Appends the text of raw to out without lynx's link markers, lynx's
 * placeholders and a browser's " <https://...>" annotations, counting the
 * links into u.
 */
static void strip_markers(const char *raw, size_t len, struct bs_buf *out,
	struct unit *u)
{
	size_t start = out->len;
	for (size_t i = 0; i < len;) {
		if (raw[i] == '[') {
			size_t k = i + 1;
			long number = 0;
			while (k < len && k - i <= 7
					&& isdigit((unsigned char)raw[k])) {
				number = number * 10 + (raw[k] - '0');
				k++;
			}
			if (k > i + 1 && k < len && raw[k] == ']') {
				if (u->n_links == 0) {
					bool empty = true;
					for (size_t j = start; j < out->len
							&& empty; j++) {
						empty = out->data[j] == ' ';
					}
					u->first_link = number;
					u->link_lead = empty && !u->text_before;
				}
				u->n_links++;
				i = k + 1;
				continue;
			}
			size_t ph = placeholder_len(raw + i, len - i);
			if (ph) {
				i += ph;
				continue;
			}
		}
		if (raw[i] == '<' && (strncmp(raw + i + 1, "http://", 7) == 0
				|| strncmp(raw + i + 1, "https://", 8) == 0
				|| strncmp(raw + i + 1, "mailto:", 7) == 0)) {
			size_t k = i + 1;
			while (k < len && raw[k] != '>' && raw[k] != ' ') {
				k++;
			}
			if (k < len && raw[k] == '>') {
				/* "Home <https://...>": a link of the words before */
				if (u->n_links == 0) {
					size_t rest = k + 1;
					while (rest < len && raw[rest] == ' ') {
						rest++;
					}
					char *before = xstrndup(out->data
						? out->data + start : "",
						out->len - start);
					size_t words = text_word_count(before);
					free(before);
					u->first_link = -1;
					u->link_lead = !u->text_before
						&& (words <= 3 || (rest == len
						&& words <= 15));
				}
				u->n_links++;
				i = k + 1;
				continue;
			}
		}
		buf_putc(out, raw[i]);
		i++;
	}
}

/* The last character of s that is not a blank, a quote or a bracket. */
static unsigned last_char(const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		size_t start = n - 1;
		while (start > 0 && ((unsigned char)s[start] & 0xc0) == 0x80) {
			start--;
		}
		unsigned cp;
		utf8_decode(s + start, &cp);
		bool closing = (cp < 0x80 && strchr("\"')]* ", (int)cp))
			|| cp == 0x201d || cp == 0x2019 || cp == 0xbb
			|| cp == 0x201c || cp == 0x2018 || cp == 0xa0
			|| cp == 0x203a;
		if (!closing) {
			return cp;
		}
		n = start;
	}
	return 0;
}

static bool ends_sentence(const char *s)
{
	unsigned c = last_char(s);
	return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':'
		|| c == ';';
}

static unsigned first_char(const char *s)
{
	unsigned cp = 0;
	if (*s) {
		utf8_decode(s, &cp);
	}
	return cp;
}

static void add_unit(struct dump *d, size_t *cap, struct unit *u,
	struct bs_buf *text)
{
	char *raw = buf_detach(text);
	u->text = text_collapse(raw);
	free(raw);
	u->words = text_word_count(u->text);
	u->sentence = ends_sentence(u->text);
	if (d->n_units == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		d->units = xreallocarray(d->units, *cap, sizeof(*d->units));
	}
	d->units[d->n_units++] = *u;
}

/* The next line continues the paragraph that prev ends. */
static bool wraps_into(const struct line *prev, const struct line *next,
	size_t width)
{
	if (next->kind != LINE_TEXT || next->indent != prev->indent) {
		return false;
	}
	if (width && prev->width <= width + 2
			&& prev->width + 1 + next->first_word > width) {
		return true;
	}
	/* a sentence cut in the middle goes on in lower case */
	char *end = xstrndup(prev->raw, prev->len);
	bool open = !ends_sentence(end);
	free(end);
	unsigned cp = first_char(next->raw);
	return open && is_lower_cp(cp) && next->len > 0;
}

/* Joins the line to the text of a unit, mending a word cut at a hyphen. */
static void append_line(struct bs_buf *text, const struct line *l,
	size_t skip, struct unit *u)
{
	if (text->len) {
		bool hyphen = text->len >= 2 && text->data[text->len - 1] == '-'
			&& isalpha((unsigned char)text->data[text->len - 2])
			&& islower((unsigned char)l->raw[skip]);
		if (!hyphen) {
			buf_putc(text, ' ');
		}
	}
	u->text_before = text->len > 0;
	strip_markers(l->raw + skip, l->len - skip, text, u);
}

static void add_menu_words(struct dump *d, const char *text)
{
	if (d->menu.count < MAX_MENU && text_word_count(text) <= 4
			&& text_char_count(text) <= 40) {
		strlist_add_unique(&d->menu, text);
	}
}

/* A w3m row of cells: each cell is a menu entry. */
static void add_cells(struct dump *d, const struct line *l)
{
	size_t i = 0;
	while (i < l->len) {
		size_t start = i;
		while (i < l->len && !(l->raw[i] == ' ' && i + 2 < l->len
				&& l->raw[i + 1] == ' ' && l->raw[i + 2] == ' ')) {
			i++;
		}
		struct bs_buf b = {0};
		struct unit scratch = {.first_link = -1};
		strip_markers(l->raw + start, i - start, &b, &scratch);
		char *t = text_collapse(buf_str(&b));
		if (*t) {
			add_menu_words(d, t);
		}
		free(t);
		buf_finish(&b);
		while (i < l->len && l->raw[i] == ' ') {
			i++;
		}
	}
}

static void build_units(struct dump *d, const struct line *lines, size_t n,
	size_t width)
{
	size_t cap = 0;
	size_t i = 0;
	while (i < n) {
		const struct line *l = &lines[i];
		struct unit u = {.first_link = -1};
		struct bs_buf text = {0};
		if (l->kind == LINE_BLANK) {
			i++;
			continue;
		}
		if (l->kind == LINE_RULE) {
			u.kind = UNIT_RULE;
			i++;
		} else if (l->kind == LINE_COLUMNS) {
			u.kind = UNIT_COLUMNS;
			append_line(&text, l, 0, &u);
			add_cells(d, l);
			i++;
		} else if (l->kind == LINE_ITEM) {
			u.kind = UNIT_ITEM;
			u.ordered = l->ordered;
			append_line(&text, l, l->skip, &u);
			for (i++; i < n && lines[i].kind == LINE_TEXT
					&& lines[i].indent > l->indent; i++) {
				append_line(&text, &lines[i], 0, &u);
			}
		} else {
			u.kind = UNIT_TEXT;
			append_line(&text, l, 0, &u);
			const struct line *prev = l;
			for (i++; i < n && wraps_into(prev, &lines[i], width);
					i++) {
				append_line(&text, &lines[i], 0, &u);
				prev = &lines[i];
			}
		}
		add_unit(d, &cap, &u, &text);
		struct unit *added = &d->units[d->n_units - 1];
		if (added->kind == UNIT_ITEM) {
			add_menu_words(d, added->text);
		}
	}
}

/* ---------------------------------------------------------------- boilerplate */

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

static bool starts_with_any(const char *t, const char *const *starts)
{
	for (const char *const *s = starts; *s; s++) {
		if (text_starts_fold(t, *s)) {
			return true;
		}
	}
	return false;
}

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
		unsigned cp = first_char(t + n);
		if (!(cp < 0x80 && isalnum((int)cp)) && !is_upper_cp(cp)
				&& !is_lower_cp(cp)) {
			return true;
		}
	}
	return false;
}

static bool is_copyright(const char *t)
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

static bool has_letters(const char *t)
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
	if (u->kind == UNIT_RULE || (!has_letters(t) && !date_find(t, &date))) {
		return true;
	}
	if (u->words > MAX_BOILER_WORDS) {
		return false;
	}
	if (is_copyright(t) && u->words <= 40) {
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
		&& starts_with_any(u->text, related_starts);
}

static bool link_like(const struct unit *u)
{
	return (u->link_lead && u->words <= 20) || (u->n_links > 0
		&& u->n_links * 5 > u->words);
}

/* Prose: a paragraph a reader reads, not a line they click. */
static bool is_prose(const struct unit *u)
{
	return u->kind == UNIT_TEXT && !u->boiler && u->sentence
		&& u->words >= MIN_PROSE_WORDS && !link_like(u);
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
				|| u->kind == UNIT_COLUMNS || link_like(u)
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
		} else if (link_like(u)) {
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
static bool find_article(const struct dump *d, size_t *start, size_t *end)
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
		if (is_prose(&d->units[i])) {
			return true;
		}
	}
	return false;
}

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
			return is_upper_cp(first_char(p));
		}
	}
	return false;
}

static bool is_dateline(const struct unit *u)
{
	struct bs_date d;
	if (u->kind == UNIT_COLUMNS || u->kind == UNIT_RULE
			|| u->words > MAX_DATELINE_WORDS
			|| (last_char(u->text) == '.' && u->words > 5)
			|| !date_find(u->text, &d)) {
		return false;
	}
	return u->words <= 10 || starts_with_any(u->text, dateline_starts);
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
			|| last_char(u->text) == '.') {
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
		if (!is_upper_cp(cp)) {
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
	unsigned last = last_char(u->text), first = first_char(u->text);
	if (last == '.' || last == ',' || last == ';' || last == ':') {
		return false;
	}
	if (!is_upper_cp(first) && !(first >= '0' && first <= '9')
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

struct head {
	long title;
	long dek;		/* a standfirst between headline and byline */
	struct bs_strlist authors;
	bool has_published, has_modified;
	struct bs_date published, modified;
	long crumb;
	long heading;
};

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
		if (is_prose(u) && u->words >= REAL_PARAGRAPH && ++prose >= 2) {
			break;
		}
	}
}

static char *find_section(const struct dump *d, size_t start,
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
	if (u->words > 5 && starts_with_any(t, about_starts)) {
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
		&& starts_with_any(u->text, about_starts);
}

/*
 * The author's bio: the article's last paragraph, or one shortly after
 * it past share buttons. Returns its text (the caller frees) and marks it
 * and an "About the author" heading above it.
 */
static char *take_bio(struct dump *d, size_t start, size_t end,
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
			more = is_prose(&d->units[i])
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
		if (u->boiler || u->kind != UNIT_TEXT || link_like(u)) {
			continue;
		}
		if (is_bio(u, authors)) {
			found = (long)i;
		} else if (is_prose(u) && u->words >= REAL_PARAGRAPH) {
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
	for (const char *const *s = about_starts; *s; s++) {
		if (text_starts_fold(t, *s) && u->words > 5) {
			/* "About the author: Jane Doe is..." */
			t += strlen(*s);
			while (*t == ':' || *t == ' ' || *t == '.') {
				t++;
			}
			break;
		}
	}
	return xstrdup(t);
}

/* ---------------------------------------------------------------- the rest */

/* The site's name from "Copyright © 2019 The Harbour Gazette. All...". */
static char *copyright_owner(const char *t)
{
	const char *p = strstr(t, "\xc2\xa9");
	if (!p) {
		p = text_find_ci(t, "copyright");
	}
	if (!p) {
		p = text_find_ci(t, "(c)");
	}
	if (!p) {
		return NULL;
	}
	for (bool more = true; more;) {
		more = false;
		static const char *const skips[] = {"\xc2\xa9", "copyright",
			"(c)", " ", "-", "\xe2\x80\x93", ",", NULL};
		for (const char *const *s = skips; *s; s++) {
			if (text_starts_ci(p, *s)) {
				p += strlen(*s);
				more = true;
			}
		}
		while (isdigit((unsigned char)*p)) {
			p++;
			more = true;
		}
	}
	static const char *const stops[] = {". ", " - ", " \xe2\x80\x93 ",
		" | ", ",", " all rights", " tous droits", " alle rechte",
		" todos los", NULL};
	size_t n = strlen(p);
	for (const char *const *s = stops; *s; s++) {
		const char *q = text_find_ci(p, *s);
		if (q && (size_t)(q - p) < n) {
			n = (size_t)(q - p);
		}
	}
	char *owner = xstrndup(p, n);
	size_t l = strlen(owner);
	while (l > 0 && (owner[l - 1] == '.' || owner[l - 1] == ' '
			|| isdigit((unsigned char)owner[l - 1])
			|| owner[l - 1] == '-')) {
		owner[--l] = '\0';
	}
	static const char *const suffixes[] = {" Ltd", " Limited", " Inc",
		" LLC", " plc", " GmbH", " AG", " SA", " SAS", " S.A", " S.L",
		" SL", " SpA", " S.p.A", " BV", " B.V", NULL};
	for (const char *const *s = suffixes; *s; s++) {
		size_t sl = strlen(*s);
		if (l > sl && strcasecmp(owner + l - sl, *s) == 0) {
			owner[l - sl] = '\0';
			break;
		}
	}
	text_trim(owner);
	size_t w = text_word_count(owner);
	if (w < 1 || w > 6 || strlen(owner) > 60 || !has_letters(owner)) {
		free(owner);
		return NULL;
	}
	return owner;
}

static char *find_site(const struct dump *d, size_t end)
{
	for (size_t pass = 0; pass < 2; pass++) {
		for (size_t i = pass ? 0 : end + 1; i < d->n_units; i++) {
			const struct unit *u = &d->units[i];
			if (u->words <= 40 && is_copyright(u->text)) {
				char *s = copyright_owner(u->text);
				if (s) {
					return s;
				}
			}
		}
	}
	return NULL;
}

static bool is_web(const char *url)
{
	return url && (strncmp(url, "http://", 7) == 0
		|| strncmp(url, "https://", 8) == 0);
}

/* url without its "#fragment" (and "?query" when query is false). */
static char *url_base(const char *url, bool query)
{
	return xstrndup(url, strcspn(url, query ? "#" : "#?"));
}

/* ASCII letters of c when it is a Latin letter with an accent. */
static const char *fold_accent(unsigned cp)
{
	static const struct {
		unsigned lo, hi;
		const char *ascii;
	} table[] = {
		{0xe0, 0xe5, "a"}, {0xe7, 0xe7, "c"}, {0xe8, 0xeb, "e"},
		{0xec, 0xef, "i"}, {0xf1, 0xf1, "n"}, {0xf2, 0xf6, "o"},
		{0xf9, 0xfc, "u"}, {0xfd, 0xff, "y"}, {0xdf, 0xdf, "ss"},
		{0x153, 0x153, "oe"}, {0xe6, 0xe6, "ae"},
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (cp >= table[i].lo && cp <= table[i].hi) {
			return table[i].ascii;
		}
	}
	return NULL;
}

/* Lower-case ASCII words of s ("Café-owners" -> "cafe owners"). */
static char *ascii_words(const char *s)
{
	struct bs_buf b = {0};
	buf_putc(&b, ' ');
	for (const char *p = s; *p;) {
		unsigned cp;
		p += utf8_decode(p, &cp);
		cp = text_fold(cp);
		const char *f = fold_accent(cp);
		if (cp < 0x80 && isalnum((int)cp)) {
			buf_putc(&b, (char)cp);
		} else if (f) {
			buf_puts(&b, f);
		} else if (b.data[b.len - 1] != ' ') {
			buf_putc(&b, ' ');
		}
	}
	buf_putc(&b, ' ');
	return buf_detach(&b);
}

/* The slug of url names the headline: most of its words are the title's. */
static bool slug_matches(const char *url, const char *title_words)
{
	char *base = url_base(url, false);
	const char *host = strstr(base, "://") + 3;
	const char *slash = strrchr(host, '/');
	while (slash && slash[1] == '\0' && slash > host) {
		/* "/slug/": the segment before the final slash */
		base[slash - base] = '\0';
		slash = strrchr(host, '/');
	}
	bool yes = false;
	if (slash) {
		char *slug = xstrdup(slash + 1);
		char *dot = strrchr(slug, '.');
		if (dot && (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0
				|| strcmp(dot, ".php") == 0
				|| strcmp(dot, ".shtml") == 0)) {
			*dot = '\0';
		}
		size_t tokens = 0, hits = 0;
		for (char *tok = strtok(slug, "-_.+,"); tok;
				tok = strtok(NULL, "-_.+,")) {
			char *lower = text_lower(tok);
			bool alpha = strlen(lower) >= 3;
			for (const char *q = lower; *q && alpha; q++) {
				alpha = isalpha((unsigned char)*q);
			}
			if (alpha) {
				tokens++;
				size_t ll = strlen(lower);
				char *pat = xmalloc(ll + 2);
				pat[0] = ' ';
				memcpy(pat + 1, lower, ll + 1);
				hits += strstr(title_words, pat) != NULL;
				free(pat);
			}
			free(lower);
		}
		yes = tokens >= 3 && hits * 4 >= tokens * 3;
		free(slug);
	}
	free(base);
	return yes;
}

/* Adds url to a set of distinct strings; false when set already had two. */
static void add_distinct(char **set, size_t *n, const char *url)
{
	for (size_t i = 0; i < *n; i++) {
		if (strcmp(set[i], url) == 0) {
			return;
		}
	}
	if (*n < 2) {
		set[(*n)++] = xstrdup(url);
	} else {
		(*n)++;
	}
}

/*
 * The page's address from lynx's References: the headline's link; else
 * the one page that the page's "#" links and the links whose name spells
 * the headline agree on.
 */
static char *find_url(const struct dump *d, const struct unit *title)
{
	if (!d->n_refs) {
		return NULL;
	}
	if (title && title->link_lead && title->n_links == 1) {
		const char *u = ref_url(d->refs, d->n_refs, title->first_link);
		if (is_web(u)) {
			return url_base(u, true);
		}
	}
	char *self[2] = {NULL, NULL}, *named[2] = {NULL, NULL};
	size_t n_self = 0, n_named = 0;
	char *words = title ? ascii_words(title->text) : NULL;
	for (size_t i = 0; i < d->n_refs; i++) {
		const char *u = d->refs[i].url;
		if (!is_web(u)) {
			continue;
		}
		const char *hash = strchr(u, '#');
		if (hash && hash[1]) {
			char *b = url_base(u, true);
			add_distinct(self, &n_self, b);
			free(b);
		}
		if (words && slug_matches(u, words)) {
			char *b = url_base(u, false);
			add_distinct(named, &n_named, b);
			free(b);
		}
	}
	free(words);
	char *url = NULL;
	if (n_named == 1 && n_self == 0) {
		url = xstrdup(named[0]);
	} else if (n_self == 1 && n_named == 0) {
		url = xstrdup(self[0]);
	} else if (n_self == 1 && n_named == 1) {
		char *b = url_base(self[0], false);
		if (strcmp(b, named[0]) == 0) {
			url = xstrdup(self[0]);
		}
		free(b);
	}
	for (size_t i = 0; i < 2; i++) {
		free(self[i]);
		free(named[i]);
	}
	return url;
}

/* A BCP 47 tag for the language most of the words are in, or NULL. */
static char *guess_lang(const char *text)
{
	static const struct {
		const char *tag;
		const char *const words[16];
	} langs[] = {
		{"en", {"the", "and", "of", "to", "is", "that", "for", "was",
			"with", "it", "on", "are", "by", "this", NULL}},
		{"fr", {"le", "la", "les", "des", "et", "est", "une", "dans",
			"pour", "qui", "du", "sur", "au", "pas", NULL}},
		{"de", {"der", "die", "und", "das", "ist", "nicht", "mit",
			"den", "von", "sich", "ein", "eine", "auf", "dem", NULL}},
		{"es", {"el", "los", "las", "y", "del", "por", "una", "con",
			"para", "que", "la", "en", "su", "al", "como", NULL}},
		{"it", {"il", "di", "che", "della", "per", "gli", "sono",
			"nel", "delle", "alla", "anche", "non", NULL}},
		{"nl", {"het", "een", "van", "en", "niet", "zijn", "voor",
			"dat", "met", "ook", "wordt", NULL}},
	};
	enum { N_LANGS = sizeof(langs) / sizeof(langs[0]) };
	size_t counts[N_LANGS] = {0}, total = 0;
	const char *p = text;
	while (*p) {
		while (*p && !isalpha((unsigned char)*p)) {
			p++;
		}
		const char *w = p;
		while (*p && (isalpha((unsigned char)*p)
				|| (unsigned char)*p >= 0x80)) {
			p++;
		}
		size_t len = (size_t)(p - w);
		if (!len) {
			continue;
		}
		total++;
		for (size_t l = 0; l < N_LANGS; l++) {
			for (const char *const *s = langs[l].words; *s; s++) {
				if (strlen(*s) == len
						&& strncasecmp(w, *s, len) == 0) {
					counts[l]++;
					break;
				}
			}
		}
	}
	size_t best = 0, second = 0;
	for (size_t l = 1; l < N_LANGS; l++) {
		if (counts[l] > counts[best]) {
			best = l;
		}
	}
	for (size_t l = 0; l < N_LANGS; l++) {
		if (l != best && counts[l] > second) {
			second = counts[l];
		}
	}
	if (total < 30 || counts[best] * 12 < total
			|| counts[best] < second * 2) {
		return NULL;
	}
	return xstrdup(langs[best].tag);
}

/* ---------------------------------------------------------------- the body */

static bool keep_in_body(const struct unit *u)
{
	if (u->boiler || u->role != ROLE_NONE || u->kind == UNIT_RULE
			|| u->kind == UNIT_COLUMNS) {
		return false;
	}
	if (u->kind == UNIT_ITEM) {
		return !u->link_lead || u->words >= 6;
	}
	return true;
}

static bool is_subheading(const struct unit *u)
{
	unsigned last = last_char(u->text);
	return u->kind == UNIT_TEXT && u->words <= 14 && !u->link_lead
		&& (!u->sentence || (last == '?' && u->words <= 10))
		&& is_upper_cp(first_char(u->text));
}

static xmlDocPtr build_body(const struct dump *d, size_t start, size_t end)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	xmlNs *ns = xmlNewNs(root, BAD_CAST BS_XHTML_NS, NULL);
	xmlSetNs(root, ns);
	xmlDocSetRootElement(doc, root);
	size_t *kept = xcalloc(end - start + 1, sizeof(*kept));
	size_t n = 0;
	for (size_t i = start; i <= end; i++) {
		if (keep_in_body(&d->units[i])) {
			kept[n++] = i;
		}
	}
	xmlNode *list = NULL;
	for (size_t k = 0; k < n; k++) {
		const struct unit *u = &d->units[kept[k]];
		if (u->kind == UNIT_ITEM) {
			if (!list) {
				list = xmlNewChild(root, ns, BAD_CAST (u->ordered
					? "ol" : "ul"), NULL);
			}
			xmlNewTextChild(list, ns, BAD_CAST "li", BAD_CAST u->text);
			continue;
		}
		list = NULL;
		bool heading = k > 0 && k + 1 < n && is_subheading(u)
			&& is_prose(&d->units[kept[k + 1]]);
		xmlNewTextChild(root, ns, BAD_CAST (heading ? "h2" : "p"),
			BAD_CAST u->text);
	}
	free(kept);
	return doc;
}

static void dump_finish(struct dump *d)
{
	for (size_t i = 0; i < d->n_units; i++) {
		free(d->units[i].text);
	}
	free(d->units);
	for (size_t i = 0; i < d->n_refs; i++) {
		free(d->refs[i].url);
	}
	free(d->refs);
	strlist_finish(&d->menu);
}

static char *iso(const struct bs_date *date)
{
	char out[40];
	date_format_iso(date, out, sizeof(out));
	return xstrdup(out);
}

static struct bs_article *no_article(const char *path, struct bs_error *err)
{
	error_set(err, path, "no article text found in the text dump");
	return NULL;
}

struct bs_article *textdump_extract(const char *path, const char *utf8,
	size_t len, struct bs_error *err)
{
	if (!utf8 || len == 0) {
		return no_article(path, err);
	}
	size_t junk;
	char *clean = clean_text(utf8, len, &junk);
	if (junk * 10 > len) {
		/* binary data, not a text dump */
		free(clean);
		return no_article(path, err);
	}

	size_t n_lines = 0, cap = 0;
	struct line *lines = NULL;
	for (char *p = clean; *p || p == clean;) {
		char *nl = strchr(p, '\n');
		size_t l = nl ? (size_t)(nl - p) : strlen(p);
		if (n_lines == cap) {
			cap = cap ? cap * 2 : 256;
			lines = xreallocarray(lines, cap, sizeof(*lines));
		}
		read_line(&lines[n_lines++], p, l);
		if (!nl) {
			break;
		}
		p = nl + 1;
	}

	struct dump d;
	memset(&d, 0, sizeof(d));
	n_lines = cut_references(lines, n_lines, &d.refs, &d.n_refs);
	size_t width = wrap_width(lines, n_lines);
	build_units(&d, lines, n_lines, width);
	free(lines);
	/* once more, now that related boxes after its start are known */
	for (size_t i = 0; i < d.n_units; i++) {
		d.units[i].page_line = is_boiler(&d.units[i]);
	}
	size_t start = 0, end = 0;
	score_units(&d, SIZE_MAX);
	bool found = find_article(&d, &start, &end);
	if (found) {
		score_units(&d, start);
		found = find_article(&d, &start, &end);
	}
	if (!found) {
		dump_finish(&d);
		free(clean);
		return no_article(path, err);
	}

	struct head h;
	memset(&h, 0, sizeof(h));
	h.title = h.dek = h.crumb = h.heading = -1;
	read_head_above(&d, start, &h);
	read_head_inside(&d, start, end, &h);
	const struct unit *title = h.title >= 0 ? &d.units[h.title] : NULL;

	struct bs_article *a = xcalloc(1, sizeof(*a));
	a->origin = BS_ORIGIN_TEXT;
	a->source = xstrdup(path);
	a->title = xstrdup(title ? title->text : "");
	if (h.dek >= 0) {
		a->description = xstrdup(d.units[h.dek].text);
	}
	a->note = take_bio(&d, start, end, &h.authors);
	a->n_authors = h.authors.count;
	a->authors = h.authors.items;
	if (h.has_published || h.has_modified) {
		a->published = iso(h.has_published ? &h.published : &h.modified);
	}
	if (h.has_modified) {
		a->modified = iso(&h.modified);
	}
	a->section = find_section(&d, start, &h, a->title);
	a->url = find_url(&d, title);
	a->site = find_site(&d, end);
	if (!a->site) {
		a->site = meta_url_host(a->url);
	}
	a->body = build_body(&d, start, end);
	article_update_text(a);
	a->lang = guess_lang(a->text);
	dump_finish(&d);
	free(clean);
	if (a->words == 0) {
		article_destroy(a);
		return no_article(path, err);
	}
	return a;
}
