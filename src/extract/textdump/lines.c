/*
 * Reading a dump into units, steps 1 to 3 of the method (textdump.c):
 * the bytes cleaned, lines told apart by kind, lynx's References cut
 * off, the wrap width measured, lines joined into units.
 */
#include "extract/textdump/dump.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/text.h"

enum {
	TAB_WIDTH = 8,
	MAX_WRAP = 400,		/* longer lines are not wrapped ones */
	WRAP_WINDOW = 12,	/* columns of the cluster of full lines */
	MAX_MENU = 500,		/* menu entries kept to recognise section names */
};

/* ---------------------------------------------------------------- cleaning */

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
		size_t n = utf8_decode_strict(in + i, len - i, &cp);
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
		if (!dump_is_upper(cp) && !(cp >= '0' && cp <= '9') && cp != '['
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

static bool ends_sentence(const char *s)
{
	unsigned c = dump_last_char(s);
	return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':'
		|| c == ';';
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
	unsigned cp = dump_first_char(next->raw);
	return open && dump_is_lower(cp) && next->len > 0;
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

/* The lines of the clean text. The caller frees them. */
static struct line *read_lines(const char *clean, size_t *n_lines)
{
	size_t n = 0, cap = 0;
	struct line *lines = NULL;
	for (const char *p = clean; *p || p == clean;) {
		const char *nl = strchr(p, '\n');
		size_t l = nl ? (size_t)(nl - p) : strlen(p);
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			lines = xreallocarray(lines, cap, sizeof(*lines));
		}
		read_line(&lines[n++], p, l);
		if (!nl) {
			break;
		}
		p = nl + 1;
	}
	*n_lines = n;
	return lines;
}

bool dump_read(struct dump *d, const char *utf8, size_t len)
{
	memset(d, 0, sizeof(*d));
	size_t junk;
	char *clean = clean_text(utf8, len, &junk);
	if (junk * 10 > len) {
		/* binary data, not a text dump */
		free(clean);
		return false;
	}
	size_t n_lines;
	struct line *lines = read_lines(clean, &n_lines);
	n_lines = cut_references(lines, n_lines, &d->refs, &d->n_refs);
	size_t width = wrap_width(lines, n_lines);
	build_units(d, lines, n_lines, width);
	free(lines);
	free(clean);
	return true;
}

void dump_finish(struct dump *d)
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
