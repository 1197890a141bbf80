#include "util/words.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

struct entry {
	const char *word;
	uint32_t lists;
};

struct bs_words {
	struct entry *entries;	/* sorted by first byte */
	size_t start[257];	/* entries of first byte c: start[c]..start[c+1] */
	uint64_t pairs[1024];	/* bit c1 << 8 | c2: a word starts with c1 c2 */
};

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

static int by_first_byte(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int d = (int)lower((unsigned char)x->word[0])
		- (int)lower((unsigned char)y->word[0]);
	return d ? d : strcmp(x->word, y->word);
}

struct bs_words *words_create(const char *const *const *lists, int n_lists)
{
	size_t n = 0;
	for (int i = 0; i < n_lists; i++) {
		for (const char *const *w = lists[i]; *w; w++) {
			n++;
		}
	}
	struct bs_words *m = xcalloc(1, sizeof(*m));
	m->entries = xcalloc(n + 1, sizeof(*m->entries));
	size_t k = 0;
	for (int i = 0; i < n_lists && i < 32; i++) {
		for (const char *const *w = lists[i]; *w; w++) {
			if (!**w) {
				continue;
			}
			m->entries[k].word = *w;
			m->entries[k].lists = UINT32_C(1) << i;
			k++;
		}
	}
	qsort(m->entries, k, sizeof(*m->entries), by_first_byte);
	/* one entry per distinct word, with all its lists */
	size_t u = 0;
	for (size_t i = 0; i < k; i++) {
		if (u && strcmp(m->entries[u - 1].word, m->entries[i].word) == 0) {
			m->entries[u - 1].lists |= m->entries[i].lists;
		} else {
			m->entries[u++] = m->entries[i];
		}
	}
	size_t e = 0;
	for (int c = 0; c < 256; c++) {
		m->start[c] = e;
		while (e < u && lower((unsigned char)m->entries[e].word[0]) == c) {
			e++;
		}
	}
	m->start[256] = u;
	for (size_t i = 0; i < u; i++) {
		const unsigned char *w = (const unsigned char *)m->entries[i].word;
		unsigned pair = (unsigned)lower(w[0]) << 8 | lower(w[1]);
		m->pairs[pair >> 6] |= UINT64_C(1) << (pair & 63);
	}
	return m;
}

void words_destroy(struct bs_words *w)
{
	if (w) {
		free(w->entries);
		free(w);
	}
}

uint32_t words_match(const struct bs_words *w, const char *s)
{
	uint32_t found = 0;
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		unsigned char c = lower(*p);
		/* most places start no word: two bytes tell */
		unsigned pair = (unsigned)c << 8 | lower(p[1]);
		if (!(w->pairs[pair >> 6] & (UINT64_C(1) << (pair & 63)))) {
			continue;
		}
		for (size_t i = w->start[c]; i < w->start[c + 1]; i++) {
			const struct entry *e = &w->entries[i];
			if (found & e->lists) {
				continue;
			}
			const unsigned char *n = (const unsigned char *)e->word;
			size_t k = 1;
			while (n[k] && lower(p[k]) == n[k]) {
				k++;
			}
			if (!n[k]) {
				found |= e->lists;
			}
		}
	}
	return found;
}
