#include "util/text.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/buf.h"

bool utf8_valid(const char *s, size_t len)
{
	const char *p = s;
	const char *end = s + len;
	while (p < end) {
		/* ASCII, eight bytes at a time */
		while (end - p >= 8) {
			uint64_t w;
			memcpy(&w, p, 8);
			if (w & UINT64_C(0x8080808080808080)) {
				break;
			}
			p += 8;
		}
		if (p >= end) {
			break;
		}
		size_t n = utf8_decode_strict(p, (size_t)(end - p), NULL);
		if (n == 0) {
			return false;
		}
		p += n;
	}
	return true;
}

size_t utf8_decode_strict(const char *s, size_t len, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c = p[0];
	size_t n;
	unsigned min;
	if (c < 0x80) {
		n = 1;
		min = 0;
	} else if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		min = 0x80;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		min = 0x800;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		min = 0x10000;
		c &= 0x07;
	} else {
		return 0;
	}
	if (len < n) {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			return 0;
		}
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		return 0;
	}
	if (cp) {
		*cp = c;
	}
	return n;
}

size_t utf8_decode(const char *s, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c = p[0];
	size_t n;
	unsigned v;
	if (c < 0x80) {
		if (cp) {
			*cp = c;
		}
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		n = 2;
		v = c & 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3;
		v = c & 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4;
		v = c & 0x07;
	} else {
		if (cp) {
			*cp = 0xfffd;
		}
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			if (cp) {
				*cp = 0xfffd;
			}
			return 1;
		}
		v = v << 6 | (p[i] & 0x3f);
	}
	if (cp) {
		*cp = v;
	}
	return n;
}

size_t utf8_encode(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

bool text_is_space(unsigned cp)
{
	switch (cp) {
	case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
	case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202f: case 0x205f: case 0x3000: case 0x200b: case 0xfeff:
		return true;
	default:
		return cp >= 0x2000 && cp <= 0x200a;
	}
}

char *text_collapse(const char *s)
{
	if (!s) {
		return NULL;
	}
	struct bs_buf b = {0};
	bool space = false;
	for (const char *p = s; *p;) {
		unsigned cp;
		size_t n = utf8_decode(p, &cp);
		if (text_is_space(cp)) {
			space = b.len > 0;
		} else {
			if (space) {
				buf_putc(&b, ' ');
				space = false;
			}
			buf_append(&b, p, n);
		}
		p += n;
	}
	return buf_detach(&b);
}

bool text_blank(const char *s)
{
	if (!s) {
		return true;
	}
	for (const char *p = s; *p;) {
		unsigned cp;
		p += utf8_decode(p, &cp);
		if (!text_is_space(cp)) {
			return false;
		}
	}
	return true;
}

static bool is_cjk(unsigned cp)
{
	return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf)
		|| (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff)
		|| (cp >= 0xac00 && cp <= 0xd7af);
}

static bool is_wordish(unsigned cp)
{
	if (cp < 0x80) {
		/* isalnum() in the C locale, without a call per character */
		return (cp | 0x20) - 'a' < 26 || cp - '0' < 10;
	}
	/* Letters and marks beyond ASCII; punctuation blocks are not words */
	return !text_is_space(cp) && !(cp >= 0x2000 && cp <= 0x206f)
		&& !(cp >= 0x3000 && cp <= 0x303f) && cp != 0xa0 && cp != 0xab
		&& cp != 0xbb && !(cp >= 0xa1 && cp <= 0xbf) && cp != 0xd7
		&& cp != 0xf7 && !(cp >= 0xff00 && cp <= 0xff0f);
}

unsigned text_fold(unsigned cp)
{
	if (cp < 0x80) {
		return cp >= 'A' && cp <= 'Z' ? cp | 0x20 : cp;
	}
	if ((cp >= 0xc0 && cp <= 0xde && cp != 0xd7)
			|| (cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2)
			|| (cp >= 0x410 && cp <= 0x42f)) {
		return cp + 0x20;
	}
	if (cp >= 0x400 && cp <= 0x40f) {
		return cp + 0x50;
	}
	/* Latin Extended-A pairs capital, small */
	if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14a && cp <= 0x177))
			&& cp % 2 == 0) {
		return cp + 1;
	}
	if (cp >= 0x139 && cp <= 0x148 && cp % 2 == 1) {
		return cp + 1;
	}
	return cp;
}

char *text_loose(const char *s, size_t max)
{
	struct bs_buf b = {0};
	for (const char *p = s; p && *p && (!max || b.len < max);) {
		unsigned cp;
		p += utf8_decode(p, &cp);
		if (is_wordish(cp) || is_cjk(cp)) {
			char enc[4];
			buf_append(&b, enc, utf8_encode(text_fold(cp), enc));
		}
	}
	return buf_detach(&b);
}

bool text_same_loose(const char *a, const char *b)
{
	if (!a || !b) {
		return false;
	}
	char *x = text_loose(a, 0), *y = text_loose(b, 0);
	bool same = *x && strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

bool text_starts_fold(const char *s, const char *prefix)
{
	const char *p = s, *q = prefix;
	while (*q) {
		unsigned a, b;
		if (!*p) {
			return false;
		}
		p += utf8_decode(p, &a);
		q += utf8_decode(q, &b);
		if (text_fold(a) != text_fold(b)) {
			return false;
		}
	}
	return true;
}

const char *text_starts_any_fold(const char *s, const char *const *prefixes)
{
	for (const char *const *p = prefixes; *p; p++) {
		if (text_starts_fold(s, *p)) {
			return *p;
		}
	}
	return NULL;
}

size_t text_word_count(const char *s)
{
	size_t words = 0;
	bool in = false;
	for (const char *p = s; p && *p;) {
		unsigned cp;
		p += utf8_decode(p, &cp);
		if (is_cjk(cp)) {
			words++;
			in = false;
		} else if (is_wordish(cp)) {
			if (!in) {
				words++;
			}
			in = true;
		} else {
			in = false;
		}
	}
	return words;
}

size_t text_char_count(const char *s)
{
	size_t n = 0;
	for (const char *p = s; p && *p;) {
		unsigned cp;
		p += utf8_decode(p, &cp);
		if (!text_is_space(cp)) {
			n++;
		}
	}
	return n;
}

static inline unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

/*
 * Class names and short texts are searched for dozens of words per
 * element: compare bytes inline, without the locale-aware library calls.
 */
const char *text_find_ci(const char *hay, const char *needle)
{
	if (!hay) {
		return NULL;
	}
	const unsigned char *n = (const unsigned char *)needle;
	if (!*n) {
		return hay;
	}
	unsigned char first = ascii_lower(n[0]);
	for (const unsigned char *p = (const unsigned char *)hay; *p; p++) {
		if (ascii_lower(*p) != first) {
			continue;
		}
		size_t i = 1;
		while (n[i] && ascii_lower(p[i]) == ascii_lower(n[i])) {
			i++;
		}
		if (!n[i]) {
			return (const char *)p;
		}
	}
	return NULL;
}

bool text_has_any_ci(const char *s, const char *const *words)
{
	if (!s) {
		return false;
	}
	/* which bytes can start a word */
	uint64_t first[4] = {0};
	for (const char *const *w = words; *w; w++) {
		unsigned char c = ascii_lower((unsigned char)(*w)[0]);
		first[c >> 6] |= UINT64_C(1) << (c & 63);
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = ascii_lower(*p);
		if (!(first[c >> 6] & (UINT64_C(1) << (c & 63)))) {
			continue;
		}
		for (const char *const *w = words; *w; w++) {
			const unsigned char *n = (const unsigned char *)*w;
			if (ascii_lower(n[0]) != c) {
				continue;
			}
			size_t i = 1;
			while (n[i] && ascii_lower(p[i]) == ascii_lower(n[i])) {
				i++;
			}
			if (!n[i]) {
				return true;
			}
		}
	}
	return false;
}

bool text_starts_ci(const char *s, const char *prefix)
{
	return s && strncasecmp(s, prefix, strlen(prefix)) == 0;
}

char *text_title_case(const char *s)
{
	struct bs_buf b = {0};
	bool start = true;
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (c == '-' || c == '_' || c == ' ' || c == '+') {
			if (b.len && b.data[b.len - 1] != ' ') {
				buf_putc(&b, ' ');
			}
			start = true;
			continue;
		}
		if (start) {
			buf_putc(&b, (char)toupper((unsigned char)c));
		} else {
			buf_putc(&b, (char)tolower((unsigned char)c));
		}
		start = false;
	}
	char *out = buf_detach(&b);
	return text_trim(out);
}

char *text_decode_entities(const char *s)
{
	static const struct {
		const char *name;
		unsigned cp;
	} named[] = {{"amp;", '&'}, {"quot;", '"'}, {"lt;", '<'}, {"gt;", '>'},
		{"apos;", '\''}, {"nbsp;", 0xa0}};
	struct bs_buf b = {0};
	for (const char *p = s; *p;) {
		if (*p != '&') {
			buf_putc(&b, *p++);
			continue;
		}
		unsigned cp = 0;
		size_t len = 0;
		if (p[1] == '#') {
			bool hex = p[2] == 'x' || p[2] == 'X';
			const char *q = p + (hex ? 3 : 2);
			const char *start = q;
			while (hex ? isxdigit((unsigned char)*q)
					: isdigit((unsigned char)*q)) {
				cp = cp * (hex ? 16 : 10) + (unsigned)(isdigit(
					(unsigned char)*q) ? *q - '0'
					: (tolower((unsigned char)*q) - 'a' + 10));
				if (cp > 0x10ffff) {
					break;
				}
				q++;
			}
			if (q > start && *q == ';' && cp > 0 && cp <= 0x10ffff
					&& !(cp >= 0xd800 && cp <= 0xdfff)) {
				len = (size_t)(q + 1 - p);
			}
		} else {
			for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
				size_t n = strlen(named[i].name);
				if (strncmp(p + 1, named[i].name, n) == 0) {
					cp = named[i].cp;
					len = n + 1;
					break;
				}
			}
		}
		if (len) {
			char enc[4];
			buf_append(&b, enc, utf8_encode(cp, enc));
			p += len;
		} else {
			buf_putc(&b, *p++);
		}
	}
	return buf_detach(&b);
}

char *text_lower(const char *s)
{
	char *out = xstrdup(s);
	for (char *p = out; p && *p; p++) {
		*p = (char)tolower((unsigned char)*p);
	}
	return out;
}

char *text_upper(const char *s)
{
	char *out = xstrdup(s);
	for (char *p = out; p && *p; p++) {
		*p = (char)toupper((unsigned char)*p);
	}
	return out;
}

char *text_trim(char *s)
{
	return text_strip(s, text_is_space);
}

char *text_strip(char *s, bool (*drop)(unsigned cp))
{
	if (!s) {
		return s;
	}
	char *start = s;
	for (;;) {
		unsigned cp;
		size_t n = utf8_decode(start, &cp);
		if (!*start || !drop(cp)) {
			break;
		}
		start += n;
	}
	size_t len = strlen(start);
	memmove(s, start, len + 1);
	/* from the end, stepping back over UTF-8 sequences */
	while (len > 0) {
		size_t i = len - 1;
		while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80) {
			i--;
		}
		unsigned cp;
		utf8_decode(s + i, &cp);
		if (!drop(cp)) {
			break;
		}
		len = i;
		s[len] = '\0';
	}
	return s;
}
