/*
 * What the page says about itself outside the article: the site's name
 * in a copyright line, the page's address in lynx's References, the
 * language of its words.
 */
#include "extract/textdump/dump.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/text.h"

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
	if (w < 1 || w > 6 || strlen(owner) > 60 || !dump_has_letters(owner)) {
		free(owner);
		return NULL;
	}
	return owner;
}

char *dump_find_site(const struct dump *d, size_t end)
{
	for (size_t pass = 0; pass < 2; pass++) {
		for (size_t i = pass ? 0 : end + 1; i < d->n_units; i++) {
			const struct unit *u = &d->units[i];
			if (u->words <= 40 && dump_is_copyright(u->text)) {
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

static const char *ref_url(const struct ref *refs, size_t n, long number)
{
	for (size_t i = 0; i < n; i++) {
		if (refs[i].number == number) {
			return refs[i].url;
		}
	}
	return NULL;
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
		char *save = NULL;
		for (char *tok = strtok_r(slug, "-_.+,", &save); tok;
				tok = strtok_r(NULL, "-_.+,", &save)) {
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

/*
 * Adds url to set unless it is there. set holds the first two distinct
 * urls; past them *n only counts on, as "more than one" is all that
 * matters then.
 */
static void add_distinct(char **set, size_t *n, const char *url)
{
	for (size_t i = 0; i < *n && i < 2; i++) {
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

char *dump_find_url(const struct dump *d, const struct unit *title)
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
char *dump_guess_lang(const char *text)
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
