/*
 * The cover: text is turned into a run of glyphs (struct text) with their
 * advances and kerning in font units, wrapped at spaces (and between CJK
 * characters, after dashes), greedily to find the size and the number of
 * lines, then evenly (balance()), and drawn line by line with
 * stb_truetype's antialiased, subpixel-positioned glyph bitmaps. The page
 * is laid out from the top down; each block is measured first and drawn
 * only when it fits above the bottom margin.
 */
#include "image/cover.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <stb_truetype.h>

#include "util/alloc.h"
#include "util/path.h"
#include "util/text.h"

enum {
	MAX_FONT_FILE = 64 << 20,
	MAX_SIDE = 16384,
	MAX_STORIES = 12,
	MAX_TEXT = 300,		/* bytes read of a title or headline */
	MAX_LABEL = 80,		/* bytes read of a section, a date, an issue */
	MAX_LINES = 4,		/* of a headline */
	TITLE_LINES = 2,
};

enum { PAPER = 250, INK = 0 };

/*
 * Sizes, as fractions of the unit (the width, or 3/4 of the height when
 * that is smaller). Font sizes are em sizes in pixels.
 */
static const float MARGIN_X = 0.06f;	/* of the width */
static const float MARGIN_TOP = 0.045f;
static const float MARGIN_BOTTOM = 0.05f;
static const float THIN = 0.0022f;	/* rules */
static const float THICK = 0.0075f;
static const float TITLE_MAX = 0.15f;
static const float TITLE_WRAP = 0.08f;	/* line height under which a
					 * title goes on two lines */
static const float TITLE_MIN = 0.04f;
static const float FOLIO_SIZE = 0.027f;
static const float LABEL_SIZE = 0.021f;
static const float LABEL_TRACK = 0.14f;	/* em between letters of labels */
static const float LEAD_MAX = 0.088f;
static const float LEAD_MIN = 0.056f;
static const float STORY_SIZE = 0.043f;
static const float BRIEF_SIZE = 0.025f;
static const float GUTTER = 0.05f;
static const float LEADING = 1.1f;	/* line distance of headlines, em */

struct face {
	stbtt_fontinfo info;
	unsigned char *data;
	float em;	/* scale for one pixel per em */
	float cap;	/* cap height, in em */
	float desc;	/* descender depth, in em */
	float height;	/* ascender to descender, in em */
};

struct glyph {
	unsigned cp;
	int index;	/* 0 for a space the font lacks */
	int adv;	/* font units */
	float x;	/* origin in the unwrapped run, font units */
	bool space;
};

struct text {
	const struct face *face;
	struct glyph *g;
	size_t n;
	float track;		/* font units added after each glyph */
	size_t drawn, missing;	/* characters kept, characters the font lacks */
	int ell[3];		/* the ellipsis: "…", or "..." */
	int ell_n;
	float ell_w;
};

struct line {
	size_t s, e;	/* glyphs [s, e) */
	bool ell;	/* followed by the ellipsis */
};

struct canvas {
	unsigned char *px;
	int w, h;
	unsigned char *scratch;
	size_t scratch_cap;
};

/* Checks the table directory, which stb_truetype trusts, is in the file. */
static int font_offset(const unsigned char *d, size_t len)
{
	if (len < 16) {
		return -1;
	}
	int off = stbtt_GetFontOffsetForIndex(d, 0);
	if (off < 0 || (size_t)off + 12 > len) {
		return -1;
	}
	const unsigned char *h = d + off;
	size_t tables = (size_t)h[4] << 8 | h[5];
	if (tables == 0 || (size_t)off + 12 + 16 * tables > len) {
		return -1;
	}
	for (size_t i = 0; i < tables; i++) {
		const unsigned char *t = h + 12 + 16 * i;
		size_t o = (size_t)t[8] << 24 | (size_t)t[9] << 16
			| (size_t)t[10] << 8 | t[11];
		size_t n = (size_t)t[12] << 24 | (size_t)t[13] << 16
			| (size_t)t[14] << 8 | t[15];
		if (o > len || n > len - o) {
			return -1;
		}
	}
	return off;
}

static bool face_load(struct face *f, const char *path, struct bs_error *err)
{
	memset(f, 0, sizeof(*f));
	if (!path || !*path) {
		error_set(err, "", "no font file given for the cover");
		return false;
	}
	char *data;
	size_t len;
	if (!path_read_file(path, MAX_FONT_FILE, &data, &len, err)) {
		return false;
	}
	f->data = (unsigned char *)data;
	int off = font_offset(f->data, len);
	if (off < 0 || !stbtt_InitFont(&f->info, f->data, off)) {
		error_set(err, path, "not a usable TrueType font");
		free(data);
		f->data = NULL;
		return false;
	}
	f->em = stbtt_ScaleForMappingEmToPixels(&f->info, 1);
	int asc, desc, gap;
	stbtt_GetFontVMetrics(&f->info, &asc, &desc, &gap);
	int x0, y0, x1, y1;
	if (stbtt_GetCodepointBox(&f->info, 'H', &x0, &y0, &x1, &y1)
			&& y1 > 0) {
		f->cap = (float)y1 * f->em;
	} else {
		f->cap = 0.7f * (float)asc * f->em;
	}
	f->desc = -(float)desc * f->em;
	f->height = (float)(asc - desc) * f->em;
	if (!(f->em > 0) || !(f->cap > 0) || f->desc < 0) {
		error_set(err, path, "a font without usable metrics");
		free(data);
		f->data = NULL;
		return false;
	}
	return true;
}

static void face_finish(struct face *f)
{
	free(f->data);
	f->data = NULL;
}

/* Upper case for section labels: Latin, Greek (without accents), Cyrillic. */
static unsigned upper(unsigned cp)
{
	static const unsigned short greek_tonos[][2] = {
		{0x3ac, 0x391}, {0x3ad, 0x395}, {0x3ae, 0x397}, {0x3af, 0x399},
		{0x3cc, 0x39f}, {0x3cd, 0x3a5}, {0x3ce, 0x3a9},
	};
	if ((cp >= 'a' && cp <= 'z') || (cp >= 0xe0 && cp <= 0xfe
			&& cp != 0xf7)) {
		return cp - 0x20;
	}
	if (cp == 0xff) {
		return 0x178;
	}
	if (cp == 0x131) {
		return 'I';
	}
	if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14a && cp <= 0x177)) {
		return cp & 1 ? cp - 1 : cp;
	}
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e)) {
		return cp & 1 ? cp : cp - 1;
	}
	if (cp == 0x3c2) {
		return 0x3a3;
	}
	if ((cp >= 0x3b1 && cp <= 0x3c9) || (cp >= 0x430 && cp <= 0x44f)) {
		return cp - 0x20;
	}
	if (cp >= 0x450 && cp <= 0x45f) {
		return cp - 0x50;
	}
	for (size_t i = 0; i < sizeof(greek_tonos) / sizeof(*greek_tonos);
			i++) {
		if (greek_tonos[i][0] == cp) {
			return greek_tonos[i][1];
		}
	}
	return cp;
}

/* Format characters that take no room: dropped, not counted as missing. */
static bool invisible(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0xad
		|| (cp >= 0x200c && cp <= 0x200f)
		|| (cp >= 0x202a && cp <= 0x202e)
		|| (cp >= 0x2060 && cp <= 0x2064)
		|| (cp >= 0xfe00 && cp <= 0xfe0f);
}

static bool is_cjk(unsigned cp)
{
	return (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7af)
		|| (cp >= 0xf900 && cp <= 0xfaff)
		|| (cp >= 0xff00 && cp <= 0xffef)
		|| (cp >= 0x20000 && cp <= 0x3ffff);
}

/* CJK punctuation that must not begin a line. */
static bool closing(unsigned cp)
{
	switch (cp) {
	case 0x3001: case 0x3002: case 0x3009: case 0x300b: case 0x300d:
	case 0x300f: case 0x3011: case 0xff01: case 0xff09: case 0xff0c:
	case 0xff0e: case 0xff1a: case 0xff1b: case 0xff1f: case 0x30fc:
		return true;
	default:
		return false;
	}
}

static bool is_dash(unsigned cp)
{
	return cp == '-' || cp == '/' || (cp >= 0x2010 && cp <= 0x2014);
}

static void text_push(struct text *t, size_t *cap, unsigned cp, int index,
	bool space)
{
	if (t->n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		t->g = xreallocarray(t->g, *cap, sizeof(*t->g));
	}
	int adv, lsb;
	if (index) {
		stbtt_GetGlyphHMetrics(&t->face->info, index, &adv, &lsb);
	} else {
		adv = (int)(0.25f / t->face->em);
	}
	float x = 0;
	if (t->n) {
		const struct glyph *p = &t->g[t->n - 1];
		x = p->x + (float)p->adv + t->track;
		if (p->index && index) {
			x += (float)stbtt_GetGlyphKernAdvance(&t->face->info,
				p->index, index);
		}
	}
	t->g[t->n++] = (struct glyph){cp, index, adv, x, space};
}

/*
 * The glyphs of the first max bytes of s (stopping at a character
 * boundary), white space collapsed, missing characters skipped. With caps,
 * letters are set in upper case (when the font has them) and spaced out.
 */
static void text_init(struct text *t, const struct face *f, const char *s,
	size_t max, bool caps)
{
	memset(t, 0, sizeof(*t));
	t->face = f;
	if (caps) {
		t->track = LABEL_TRACK / f->em;
	}
	size_t cap = 0;
	bool space = false;
	int space_index = stbtt_FindGlyphIndex(&f->info, ' ');
	const char *p = s ? s : "";
	size_t used = 0;
	while (*p) {
		unsigned cp;
		size_t n = utf8_decode(p, &cp);
		if (used + n > max) {
			break;
		}
		used += n;
		p += n;
		if (text_is_space(cp)) {
			space = t->n > 0;
			continue;
		}
		if (invisible(cp)) {
			continue;
		}
		if (caps) {
			unsigned up = upper(cp);
			if (up != cp && stbtt_FindGlyphIndex(&f->info, (int)up)) {
				cp = up;
			}
		}
		int index = cp == 0xfffd || cp > 0x10ffff ? 0
			: stbtt_FindGlyphIndex(&f->info, (int)cp);
		if (!index) {
			t->missing++;
			continue;
		}
		if (space) {
			text_push(t, &cap, ' ', space_index, true);
			space = false;
		}
		text_push(t, &cap, cp, index, false);
		t->drawn++;
	}
	int ell = stbtt_FindGlyphIndex(&f->info, 0x2026);
	int dot = stbtt_FindGlyphIndex(&f->info, '.');
	if (ell) {
		t->ell[t->ell_n++] = ell;
	} else if (dot) {
		for (int i = 0; i < 3; i++) {
			t->ell[t->ell_n++] = dot;
		}
	}
	for (int i = 0; i < t->ell_n; i++) {
		int adv, lsb;
		stbtt_GetGlyphHMetrics(&f->info, t->ell[i], &adv, &lsb);
		t->ell_w += t->track + (float)adv;
	}
}

static void text_finish(struct text *t)
{
	free(t->g);
	t->g = NULL;
	t->n = 0;
}

/* Width of glyphs [s, e), font units. */
static float width(const struct text *t, size_t s, size_t e)
{
	if (e <= s) {
		return 0;
	}
	return t->g[e - 1].x + (float)t->g[e - 1].adv - t->g[s].x;
}

static float line_width(const struct text *t, const struct line *l)
{
	return width(t, l->s, l->e) + (l->ell ? t->ell_w : 0);
}

/* True when a line may end before glyph i (0 < i < n). */
static bool can_break(const struct text *t, size_t i)
{
	const struct glyph *a = &t->g[i - 1], *b = &t->g[i];
	if (b->space) {
		return true;
	}
	if (a->space) {
		return false;
	}
	if (is_cjk(a->cp) || is_cjk(b->cp)) {
		return !closing(b->cp);
	}
	return is_dash(a->cp) && i >= 2 && !t->g[i - 2].space
		&& !is_dash(t->g[i - 2].cp) && !is_dash(b->cp);
}

/* Where the line after one ending before glyph e starts. */
static size_t next_start(const struct text *t, size_t e)
{
	return e < t->n && t->g[e].space ? e + 1 : e;
}

/* Punctuation not to leave before an ellipsis. */
static bool weak_end(unsigned cp)
{
	return cp == ',' || cp == ';' || cp == ':' || cp == ' '
		|| is_dash(cp);
}

/*
 * Ends line l with the ellipsis, at the last word boundary where both fit
 * in limit (font units). False when not even one word fits.
 */
static bool ellipsize(const struct text *t, struct line *l, float limit)
{
	size_t best = 0;
	for (size_t e = l->s + 1; e <= l->e; e++) {
		if (e < t->n && !can_break(t, e)) {
			continue;
		}
		size_t end = e;
		while (end > l->s + 1 && weak_end(t->g[end - 1].cp)) {
			end--;
		}
		if (width(t, l->s, end) + t->ell_w <= limit) {
			best = end;
		}
	}
	if (!best) {
		return false;
	}
	l->e = best;
	l->ell = true;
	return true;
}

/*
 * Wraps t at scale (pixels per font unit) into at most max_lines lines of
 * maxw pixels. Text left over ends the last line with an ellipsis when
 * cut is not NULL (then *cut is set), else the wrap fails. Returns the
 * number of lines, 0 when the text is empty or a word is wider than maxw.
 */
static int wrap(const struct text *t, float scale, float maxw, int max_lines,
	struct line *out, bool *cut)
{
	float limit = maxw / scale;
	int n = 0;
	size_t s = 0;
	if (cut) {
		*cut = false;
	}
	while (s < t->n) {
		if (n == max_lines) {
			if (!cut || !t->ell_n) {
				return 0;
			}
			while (n > 0 && !ellipsize(t, &out[n - 1], limit)) {
				n--;
			}
			*cut = n > 0;
			return n;
		}
		size_t best = 0;
		for (size_t e = s + 1; e <= t->n; e++) {
			if (e < t->n && !can_break(t, e)) {
				continue;
			}
			if (width(t, s, e) > limit) {
				break;
			}
			best = e;
		}
		if (!best) {
			return 0;
		}
		out[n++] = (struct line){s, best, false};
		s = next_start(t, best);
	}
	return n;
}

/*
 * Rewraps a whole text in the same number n of lines, with breaks chosen
 * to make the lines as even as possible (least sum of squared slack): a
 * headline then reads "Leaders agree on a / sweeping climate pact" rather
 * than a full line over a word left alone.
 */
static void balance(const struct text *t, float scale, float maxw, int n,
	struct line *lines)
{
	double limit = maxw / scale;
	size_t *ends = xcalloc(t->n + 1, sizeof(*ends));
	size_t m = 0;
	for (size_t i = 1; i < t->n; i++) {
		if (can_break(t, i)) {
			ends[m++] = i;
		}
	}
	ends[m++] = t->n;
	/* cost[k * m + j]: lines 0..k, line k ending before ends[j] */
	double *cost = xcalloc((size_t)n * m, sizeof(*cost));
	size_t *from = xcalloc((size_t)n * m, sizeof(*from));
	for (int k = 0; k < n; k++) {
		for (size_t j = 0; j < m; j++) {
			double best = -1;
			for (size_t i = 0; i < (k ? j : 1); i++) {
				double before = k
					? cost[(size_t)(k - 1) * m + i] : 0;
				size_t s = k ? next_start(t, ends[i]) : 0;
				double w = width(t, s, ends[j]);
				if (before < 0 || s >= ends[j] || w > limit) {
					continue;
				}
				double c = before + (limit - w) * (limit - w);
				if (best < 0 || c < best) {
					best = c;
					from[(size_t)k * m + j] = i;
				}
			}
			cost[(size_t)k * m + j] = best;
		}
	}
	if (cost[(size_t)(n - 1) * m + m - 1] >= 0) {
		size_t j = m - 1;
		for (int k = n - 1; k >= 0; k--) {
			size_t i = from[(size_t)k * m + j];
			lines[k] = (struct line){k ? next_start(t, ends[i]) : 0,
				ends[j], false};
			j = i;
		}
	}
	free(ends);
	free(cost);
	free(from);
}

static void fill(struct canvas *c, float x0, float y0, float x1, float y1)
{
	int ix0 = (int)lroundf(x0), ix1 = (int)lroundf(x1);
	int iy0 = (int)lroundf(y0), iy1 = (int)lroundf(y1);
	if (iy1 <= iy0) {
		iy1 = iy0 + 1;
	}
	if (ix1 <= ix0) {
		ix1 = ix0 + 1;
	}
	ix0 = ix0 < 0 ? 0 : ix0;
	iy0 = iy0 < 0 ? 0 : iy0;
	ix1 = ix1 > c->w ? c->w : ix1;
	iy1 = iy1 > c->h ? c->h : iy1;
	for (int y = iy0; y < iy1; y++) {
		if (ix1 > ix0) {
			memset(c->px + (size_t)y * (size_t)c->w + (size_t)ix0, INK,
				(size_t)(ix1 - ix0));
		}
	}
}

static void draw_glyph(struct canvas *c, const struct face *f, int index,
	float scale, float pen, int baseline)
{
	float fx = floorf(pen);
	float shift = pen - fx;
	int x0, y0, x1, y1;
	stbtt_GetGlyphBitmapBoxSubpixel(&f->info, index, scale, scale, shift, 0,
		&x0, &y0, &x1, &y1);
	int w = x1 - x0, h = y1 - y0;
	if (w <= 0 || h <= 0 || w > MAX_SIDE || h > MAX_SIDE) {
		return;
	}
	size_t need = (size_t)w * (size_t)h;
	if (need > c->scratch_cap) {
		c->scratch = xrealloc(c->scratch, need);
		c->scratch_cap = need;
	}
	stbtt_MakeGlyphBitmapSubpixel(&f->info, c->scratch, w, h, w, scale,
		scale, shift, 0, index);
	int ox = (int)fx + x0, oy = baseline + y0;
	for (int y = 0; y < h; y++) {
		int py = oy + y;
		if (py < 0 || py >= c->h) {
			continue;
		}
		const unsigned char *src = c->scratch + (size_t)y * (size_t)w;
		unsigned char *dst = c->px + (size_t)py * (size_t)c->w;
		for (int x = 0; x < w; x++) {
			int px = ox + x;
			unsigned a = src[x];
			if (!a || px < 0 || px >= c->w) {
				continue;
			}
			unsigned v = dst[px];
			dst[px] = (unsigned char)((v * (255 - a) + INK * a + 127)
				/ 255);
		}
	}
}

static void draw_line(struct canvas *c, const struct text *t,
	const struct line *l, float scale, float x, float baseline)
{
	int base = (int)lroundf(baseline);
	for (size_t i = l->s; i < l->e; i++) {
		if (!t->g[i].space) {
			draw_glyph(c, t->face, t->g[i].index, scale,
				x + (t->g[i].x - t->g[l->s].x) * scale, base);
		}
	}
	if (l->ell) {
		float pen = x + (width(t, l->s, l->e) + t->track) * scale;
		for (int i = 0; i < t->ell_n; i++) {
			draw_glyph(c, t->face, t->ell[i], scale, pen, base);
			int adv, lsb;
			stbtt_GetGlyphHMetrics(&t->face->info, t->ell[i], &adv,
				&lsb);
			pen += ((float)adv + t->track) * scale;
		}
	}
}

struct page {
	struct canvas c;
	const struct face *regular, *bold;
	float u;		/* the unit sizes are fractions of */
	float left, right;	/* the text column, pixels */
	float bottom;		/* lowest ink */
	float thin, thick;	/* rule heights, pixels */
};

static void rule(struct page *p, float x0, float x1, float y, float height)
{
	fill(&p->c, x0, y, x1, y + height);
}

/*
 * A block of lines at size (em pixels): its height from the top of the
 * capitals of the first line to the descenders of the last.
 */
static float block_height(const struct face *f, float size, int lines)
{
	return f->cap * size + (float)(lines - 1) * LEADING * size
		+ f->desc * size;
}

static void draw_block(struct page *p, const struct text *t,
	const struct line *lines, int n, float size, float x, float y)
{
	float scale = size * t->face->em;
	float baseline = y + t->face->cap * size;
	for (int i = 0; i < n; i++) {
		draw_line(&p->c, t, &lines[i], scale, x, baseline);
		baseline += LEADING * size;
	}
}

/*
 * The masthead from y: one line, as large as fits up to TITLE_MAX, or two
 * lines when one would be less high than TITLE_WRAP; a title that needs
 * more than two lines at TITLE_MIN is cut. Returns the new y.
 */
static float masthead(struct page *p, const char *title, float y)
{
	struct text t;
	text_init(&t, p->bold, title, MAX_TEXT, false);
	if (!t.n) {
		text_finish(&t);
		return y;
	}
	float avail = p->right - p->left;
	const struct face *f = p->bold;
	float one = width(&t, 0, t.n) * f->em;	/* pixels per em size */
	float size = fminf(TITLE_MAX * p->u, avail / one);
	struct line lines[TITLE_LINES];
	int n = 1;
	lines[0] = (struct line){0, t.n, false};
	if (size * f->height < TITLE_WRAP * p->u) {
		/* the break that makes the longer line shortest */
		size_t best = 0;
		float best_w = 0;
		for (size_t i = 1; i < t.n; i++) {
			if (!can_break(&t, i)) {
				continue;
			}
			float w = fmaxf(width(&t, 0, i),
				width(&t, next_start(&t, i), t.n));
			if (!best || w < best_w) {
				best = i;
				best_w = w;
			}
		}
		if (best) {
			float two = fminf(TITLE_MAX * p->u,
				avail / (best_w * f->em));
			if (two > size) {
				size = two;
				n = 2;
				lines[0] = (struct line){0, best, false};
				lines[1] = (struct line){next_start(&t, best),
					t.n, false};
			}
			/* too long a title: cut at the smallest size, unless
			 * a word alone is too wide for it */
			struct line cut_lines[TITLE_LINES];
			bool cut;
			int cut_n = 0;
			if (size < TITLE_MIN * p->u) {
				cut_n = wrap(&t, TITLE_MIN * p->u * f->em,
					avail, TITLE_LINES, cut_lines, &cut);
			}
			if (cut_n > 0) {
				size = TITLE_MIN * p->u;
				n = cut_n;
				memcpy(lines, cut_lines,
					(size_t)n * sizeof(*lines));
			}
		}
	}
	if (n > 0) {
		float scale = size * f->em;
		float baseline = y + f->cap * size;
		for (int i = 0; i < n; i++) {
			float w = line_width(&t, &lines[i]) * scale;
			draw_line(&p->c, &t, &lines[i], scale,
				p->left + (avail - w) / 2, baseline);
			baseline += 1.02f * size;
		}
		y = baseline - 1.02f * size + f->desc * size;
	}
	text_finish(&t);
	return y;
}

/* The folio line: date left, issue right. Returns the new y. */
static float folio(struct page *p, const char *date, const char *issue,
	float y)
{
	float size = FOLIO_SIZE * p->u;
	const struct face *f = p->regular;
	float scale = size * f->em;
	float avail = p->right - p->left;
	float baseline = y + f->cap * size;
	struct text d, is;
	text_init(&d, f, date, MAX_LABEL, false);
	text_init(&is, f, issue, MAX_LABEL, false);
	struct line l;
	float issue_w = 0;
	if (is.n && wrap(&is, scale, avail, 1, &l, NULL) == 1) {
		issue_w = line_width(&is, &l) * scale;
		draw_line(&p->c, &is, &l, scale, p->right - issue_w, baseline);
		issue_w += 2 * size;
	}
	bool cut;
	if (d.n && wrap(&d, scale, avail - issue_w, 1, &l, &cut) == 1) {
		draw_line(&p->c, &d, &l, scale, p->left, baseline);
	}
	text_finish(&d);
	text_finish(&is);
	return baseline + f->desc * size;
}

struct story {
	struct text label, head;
};

/*
 * Lays out a story (label, then headline) in a column of width w from y,
 * ending above bottom, at a headline size between max and min (em pixels),
 * the largest at which it is whole; at min it may end with an ellipsis
 * after at least min_lines lines. Draws it when draw is true. Returns its
 * height, or a negative value when it does not fit.
 */
static float story(struct page *p, struct story *s, float x, float w,
	float y, float bottom, float max, float min, int min_lines, bool draw)
{
	float label_size = LABEL_SIZE * p->u;
	struct line label;
	float label_h = 0;
	bool cut;
	bool has_label = s->label.n && wrap(&s->label,
		label_size * p->regular->em, w, 1, &label, &cut) == 1;
	if (has_label) {
		label_h = (p->regular->cap + 0.9f) * label_size;
	}
	const struct face *f = p->bold;
	struct line lines[MAX_LINES];
	int n = 0;
	bool whole = false;
	float size = max;
	float room = bottom - y - label_h;
	for (;;) {
		int fit = (int)floorf((room - (f->cap + f->desc) * size)
			/ (LEADING * size)) + 1;
		fit = fit > MAX_LINES ? MAX_LINES : fit;
		bool last = size <= min * 1.001f;
		if (fit >= 1) {
			n = wrap(&s->head, size * f->em, w, fit, lines,
				last ? &cut : NULL);
			if (n > 0 && last && cut && n < min_lines) {
				n = 0;
			}
			if (n > 0) {
				whole = !last || !cut;
				break;
			}
		}
		if (last) {
			return -1;
		}
		size = fmaxf(min, size * 0.96f);
	}
	if (draw && whole && n > 1) {
		balance(&s->head, size * f->em, w, n, lines);
	}
	if (draw) {
		if (has_label) {
			draw_line(&p->c, &s->label, &label,
				label_size * p->regular->em, x,
				y + p->regular->cap * label_size);
		}
		draw_block(p, &s->head, lines, n, size, x, y + label_h);
	}
	return label_h + block_height(f, size, n);
}

/*
 * The other stories in two columns from y (one when there is one story),
 * each going to the shorter column where it fits; a story that fits in
 * neither is not placed. Sets placed[i] for those drawn and returns the
 * bottom of the columns (y when none is drawn).
 */
static float columns(struct page *p, struct story *stories, size_t n,
	float y, bool *placed)
{
	float gutter = GUTTER * p->u;
	float w = (p->right - p->left - gutter) / 2;
	if (n == 1) {
		/* a single story under the lead spans the page */
		w = p->right - p->left;
	}
	float x[2] = {p->left, p->right - w};
	float top[2] = {y, y};
	float gap = 0.028f * p->u;
	bool used[2] = {false, false};
	float size = STORY_SIZE * p->u;
	for (size_t i = 0; i < n; i++) {
		int order[2] = {0, 1};
		if (top[1] < top[0] - 1) {
			order[0] = 1;
			order[1] = 0;
		}
		for (int k = 0; k < 2; k++) {
			int col = order[k];
			float at = used[col] ? top[col] + gap + p->thin + gap
				: top[col];
			float h = story(p, &stories[i], x[col], w, at,
				p->bottom, size, size, 3, false);
			if (h < 0) {
				continue;
			}
			if (used[col]) {
				rule(p, x[col], x[col] + w, top[col] + gap,
					p->thin);
			}
			story(p, &stories[i], x[col], w, at, p->bottom, size,
				size, 3, true);
			top[col] = at + h;
			used[col] = true;
			placed[i] = true;
			break;
		}
	}
	float bottom = fmaxf(top[0], top[1]);
	if (used[0] && used[1]) {
		float mid = (p->left + p->right) / 2;
		fill(&p->c, mid - p->thin / 2, y, mid + p->thin / 2, bottom);
	}
	return bottom;
}

/*
 * The stories the columns had no room for, one line each at the foot of
 * the page ("SPORT  Underdogs win the cup…"), as many as fit below y.
 */
static void briefs(struct page *p, struct story *stories, size_t n,
	const bool *placed, float y)
{
	float size = BRIEF_SIZE * p->u;
	float gap = 0.022f * p->u;
	float step = 1.6f * size;
	const struct face *f = p->bold, *r = p->regular;
	float baseline = y + gap + p->thin + gap + f->cap * size;
	bool ruled = false;
	for (size_t i = 0; i < n; i++) {
		if (placed[i]) {
			continue;
		}
		if (baseline + f->desc * size > p->bottom) {
			break;
		}
		struct story *s = &stories[i];
		float avail = p->right - p->left;
		float label_size = LABEL_SIZE * p->u;
		struct line label, head;
		float label_w = 0;
		bool cut;
		if (s->label.n && wrap(&s->label, label_size * r->em, avail / 3,
				1, &label, &cut) == 1) {
			label_w = line_width(&s->label, &label) * label_size
				* r->em + 0.8f * size;
		}
		if (wrap(&s->head, size * f->em, avail - label_w, 1, &head,
				&cut) != 1) {
			continue;
		}
		if (!ruled) {
			rule(p, p->left, p->right, y + gap, p->thin);
			ruled = true;
		}
		if (label_w > 0) {
			draw_line(&p->c, &s->label, &label,
				label_size * r->em, p->left, baseline);
		}
		draw_line(&p->c, &s->head, &head, size * f->em,
			p->left + label_w, baseline);
		baseline += step;
	}
}

static void stories_layout(struct page *p, const struct bs_cover *cover,
	float y)
{
	size_t max = cover->n_stories < MAX_STORIES ? cover->n_stories
		: MAX_STORIES;
	struct story *s = xcalloc(max ? max : 1, sizeof(*s));
	bool placed[MAX_STORIES] = {false};
	size_t n = 0;
	for (size_t i = 0; cover->stories && i < max; i++) {
		struct story *st = &s[n];
		text_init(&st->head, p->bold, cover->stories[i].headline,
			MAX_TEXT, false);
		if (!st->head.drawn || st->head.missing > st->head.drawn) {
			text_finish(&st->head);
			continue;
		}
		text_init(&st->label, p->regular, cover->stories[i].section,
			MAX_LABEL, true);
		n++;
	}
	float w = p->right - p->left;
	size_t first = 0;
	/* the lead, the first story that fits */
	for (; first < n; first++) {
		float h = story(p, &s[first], p->left, w, y, p->bottom,
			LEAD_MAX * p->u, LEAD_MIN * p->u, 2, true);
		if (h >= 0) {
			y += h;
			first++;
			break;
		}
	}
	float gap = 0.034f * p->u;
	if (first < n && y + 2 * gap + p->thin < p->bottom) {
		rule(p, p->left, p->right, y + gap, p->thin);
		y = columns(p, s + first, n - first, y + 2 * gap + p->thin,
			placed);
		briefs(p, s + first, n - first, placed, y);
	}
	for (size_t i = 0; i < n; i++) {
		text_finish(&s[i].head);
		text_finish(&s[i].label);
	}
	free(s);
}

unsigned char *cover_render(const struct bs_cover *cover, int width,
	int height, struct bs_error *err)
{
	if (width < COVER_MIN_WIDTH || height < COVER_MIN_HEIGHT
			|| width > MAX_SIDE || height > MAX_SIDE) {
		error_set(err, "", "a %dx%d cover: the size must be between "
			"%dx%d and %dx%d", width, height, COVER_MIN_WIDTH,
			COVER_MIN_HEIGHT, MAX_SIDE, MAX_SIDE);
		return NULL;
	}
	struct face regular, bold;
	if (!face_load(&regular, cover->font_regular, err)) {
		return NULL;
	}
	if (!face_load(&bold, cover->font_bold, err)) {
		face_finish(&regular);
		return NULL;
	}
	struct page p = {
		.c = {
			.px = xmalloc((size_t)width * (size_t)height),
			.w = width,
			.h = height,
		},
		.regular = &regular,
		.bold = &bold,
		.u = fminf((float)width, 0.75f * (float)height),
	};
	memset(p.c.px, PAPER, (size_t)width * (size_t)height);
	float margin = MARGIN_X * (float)width;
	p.left = margin;
	p.right = (float)width - margin;
	p.bottom = (float)height - MARGIN_BOTTOM * p.u;
	p.thin = fmaxf(1, roundf(THIN * p.u));
	p.thick = fmaxf(2, roundf(THICK * p.u));

	float y = roundf(MARGIN_TOP * p.u);
	rule(&p, p.left, p.right, y, p.thin);
	y += p.thin + 0.03f * p.u;
	y = masthead(&p, cover->title, y);
	y += 0.025f * p.u;
	rule(&p, p.left, p.right, y, p.thick);
	y += p.thick + 0.006f * p.u;
	rule(&p, p.left, p.right, y, p.thin);
	y += p.thin + 0.016f * p.u;
	y = folio(&p, cover->date, cover->issue, y);
	y += 0.014f * p.u;
	rule(&p, p.left, p.right, y, p.thin);
	y += p.thin + 0.04f * p.u;
	stories_layout(&p, cover, y);

	free(p.c.scratch);
	face_finish(&regular);
	face_finish(&bold);
	return p.c.px;
}
