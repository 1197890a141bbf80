/* image/cover: the front-page picture, drawn with the DejaVu fonts. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <stb_image.h>
#include <stb_image_write.h>

#include "image/cover.h"
#include "util/error.h"

#include "harness.h"
#include "testutil.h"

static char regular[1024], bold[1024];

/* Finds the fonts through $BS_FONTS; false (the subtest skips) without. */
static bool fonts(void)
{
	const char *dir = getenv("BS_FONTS");
	if (!dir || !*dir) {
		return false;
	}
	snprintf(regular, sizeof(regular), "%s/DejaVuSerif.ttf", dir);
	snprintf(bold, sizeof(bold), "%s/DejaVuSerif-Bold.ttf", dir);
	return tmp_exists(regular) && tmp_exists(bold);
}

static const struct bs_cover_story STORIES[] = {
	{"World", "Leaders agree on a sweeping climate pact after two weeks "
		"of talks"},
	{"Politics", "Coalition talks collapse as the finance minister "
		"walks out"},
	{"Économie", "La Banque centrale européenne relève ses taux pour la "
		"première fois depuis l’été"},
	{"Asia", "東京で大規模な地震訓練、百万人が参加"},
	{"Sport", "Underdogs win the cup in a penalty shoot-out that lasted "
		"twenty-two kicks and kept a whole nation awake far beyond "
		"midnight, according to the broadcasters who counted the "
		"viewers in every town, village and hamlet of the country, "
		"from the mountains in the north to the islands of the south, "
		"where the ferries waited for the final whistle"},
	{"Science", "A new telescope sees the faintest galaxies yet"},
	{"Opinion", "Why the city needs more trams, not more roads"},
};

static struct bs_cover cover(const struct bs_cover_story *stories, size_t n)
{
	return (struct bs_cover){
		.title = "The Morning Edition",
		.date = "Saturday, 28 November 2026",
		.issue = "No. 412",
		.stories = stories,
		.n_stories = n,
		.font_regular = regular,
		.font_bold = bold,
	};
}

/* Pixels darker than 128 in the rectangle [x0, x1) x [y0, y1). */
static size_t dark(const unsigned char *px, int w, int x0, int y0, int x1,
	int y1)
{
	size_t n = 0;
	for (int y = y0; y < y1; y++) {
		for (int x = x0; x < x1; x++) {
			n += px[(size_t)y * (size_t)w + (size_t)x] < 128;
		}
	}
	return n;
}

/* Dark pixels in the outer frame of width fraction f of each side. */
static size_t frame_ink(const unsigned char *px, int w, int h, double f)
{
	int mx = (int)(w * f), my = (int)(h * f);
	return dark(px, w, 0, 0, w, my) + dark(px, w, 0, h - my, w, h)
		+ dark(px, w, 0, my, mx, h - my)
		+ dark(px, w, w - mx, my, w, h - my);
}

static void full(void)
{
	if (!fonts()) {
		SKIP("BS_FONTS not set");
	}
	enum { W = COVER_WIDTH, H = COVER_HEIGHT };
	struct bs_cover c = cover(STORIES, sizeof(STORIES) / sizeof(*STORIES));
	struct bs_error err;
	error_clear(&err);
	unsigned char *px = cover_render(&c, W, H, &err);
	OK(px != NULL, "render: %s", err.reason);
	if (!px) {
		return;
	}
	size_t all = dark(px, W, 0, 0, W, H);
	OK(all > (size_t)W * H / 50 && all < (size_t)W * H * 2 / 5,
		"%zu dark pixels of %d", all, W * H);
	OK(px[0] > 200, "paper is light: %d", px[0]);
	OK(dark(px, W, 0, 0, W, H / 8) > (size_t)W * H / 8 / 100,
		"the masthead has ink");
	OK(dark(px, W, 0, H / 2, W, H) > (size_t)W * H / 2 / 50,
		"the bottom half has ink");
	INT_EQ(frame_ink(px, W, H, 0.03), 0);

	const char *base = getenv("TESTS_TMPDIR");
	char path[1024];
	snprintf(path, sizeof(path), "%s/cover.png", base && *base ? base
		: "/tmp");
	OK(stbi_write_png(path, W, H, 1, px, W), "write %s", path);
	OK(tmp_exists(path), "%s exists", path);
	int w = 0, h = 0, comp = 0;
	OK(stbi_info(path, &w, &h, &comp), "read back %s", path);
	INT_EQ(w, W);
	INT_EQ(h, H);
	INT_EQ(comp, 1);
	free(px);
}

/* The same cover twice gives the same pixels. */
static void reproducible(void)
{
	if (!fonts()) {
		SKIP("BS_FONTS not set");
	}
	struct bs_cover c = cover(STORIES, sizeof(STORIES) / sizeof(*STORIES));
	struct bs_error err;
	unsigned char *a = cover_render(&c, 600, 800, &err);
	unsigned char *b = cover_render(&c, 600, 800, &err);
	OK(a && b, "render: %s", err.reason);
	if (a && b) {
		OK(memcmp(a, b, 600 * 800) == 0, "same pixels");
	}
	free(a);
	free(b);
}

static void small(void)
{
	if (!fonts()) {
		SKIP("BS_FONTS not set");
	}
	enum { W = COVER_MIN_WIDTH, H = COVER_MIN_HEIGHT };
	struct bs_cover c = cover(STORIES, sizeof(STORIES) / sizeof(*STORIES));
	struct bs_error err;
	error_clear(&err);
	unsigned char *px = cover_render(&c, W, H, &err);
	OK(px != NULL, "render: %s", err.reason);
	if (!px) {
		return;
	}
	size_t all = dark(px, W, 0, 0, W, H);
	OK(all > (size_t)W * H / 50 && all < (size_t)W * H * 2 / 5,
		"%zu dark pixels of %d", all, W * H);
	OK(dark(px, W, 0, 0, W, H / 8) > 0, "the masthead has ink");
	OK(dark(px, W, 0, H / 2, W, H) > 0, "the bottom half has ink");
	INT_EQ(frame_ink(px, W, H, 0.02), 0);
	free(px);

	/* a squat picture: sizes follow the height, nothing falls off */
	px = cover_render(&c, 1200, 400, &err);
	OK(px != NULL, "render 1200x400: %s", err.reason);
	if (px) {
		INT_EQ(frame_ink(px, 1200, 400, 0.02), 0);
		free(px);
	}
}

static void sizes(void)
{
	if (!fonts()) {
		SKIP("BS_FONTS not set");
	}
	struct bs_cover c = cover(STORIES, 2);
	struct bs_error err;
	error_clear(&err);
	OK(cover_render(&c, 200, 400, &err) == NULL, "too narrow");
	OK(error_is_set(&err), "an error");
	error_clear(&err);
	OK(cover_render(&c, 300, 0, &err) == NULL, "no height");
	OK(cover_render(&c, -1, -1, &err) == NULL, "negative");
	OK(cover_render(&c, 100000, 1680, &err) == NULL, "huge");
}

static void missing_font(void)
{
	if (!fonts()) {
		SKIP("BS_FONTS not set");
	}
	struct bs_cover c = cover(STORIES, 2);
	c.font_bold = "/nonexistent/fonts/Bold.ttf";
	struct bs_error err;
	error_clear(&err);
	OK(cover_render(&c, 600, 800, &err) == NULL, "no bold font");
	STR_EQ(err.file, "/nonexistent/fonts/Bold.ttf");
	OK(err.reason[0], "a reason");

	c = cover(STORIES, 2);
	c.font_regular = NULL;
	error_clear(&err);
	OK(cover_render(&c, 600, 800, &err) == NULL, "no regular font");
	OK(error_is_set(&err), "an error");
}

/* Files that are not fonts, or truncated ones, are refused. */
static void bad_font(void)
{
	if (!fonts()) {
		SKIP("BS_FONTS not set");
	}
	char *dir = tmp_dir();
	char *text = tmp_write(dir, "text.ttf", "not a font at all\n", 18);
	char *empty = tmp_write(dir, "empty.ttf", "", 0);
	size_t len;
	char *data = tmp_read(bold, &len);
	OK(data && len > 4096, "read %s", bold);
	char *cut = tmp_write(dir, "cut.ttf", data, data ? 2048 : 0);
	const char *bad[] = {text, empty, cut, dir};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct bs_cover c = cover(STORIES, 2);
		c.font_bold = bad[i];
		struct bs_error err;
		error_clear(&err);
		unsigned char *px = cover_render(&c, 600, 800, &err);
		OK(px == NULL, "%s refused", bad[i]);
		STR_EQ(err.file, bad[i]);
		free(px);
	}
	free(data);
	free(text);
	free(empty);
	free(cut);
	tmp_remove(dir);
}

/* Masthead and folio only: nothing below them. */
static void no_stories(void)
{
	if (!fonts()) {
		SKIP("BS_FONTS not set");
	}
	enum { W = 900, H = 1200 };
	struct bs_cover c = cover(NULL, 0);
	struct bs_error err;
	error_clear(&err);
	unsigned char *px = cover_render(&c, W, H, &err);
	OK(px != NULL, "render: %s", err.reason);
	if (!px) {
		return;
	}
	OK(dark(px, W, 0, 0, W, H / 8) > 0, "the masthead has ink");
	INT_EQ(dark(px, W, 0, H / 2, W, H), 0);
	free(px);

	/* without date, issue or title either: a blank page with rules */
	c.title = NULL;
	c.date = NULL;
	c.issue = NULL;
	px = cover_render(&c, W, H, &err);
	OK(px != NULL, "render: %s", err.reason);
	free(px);
}

/* Stories the font cannot show at all, or mostly, are left out. */
static void missing_glyphs(void)
{
	if (!fonts()) {
		SKIP("BS_FONTS not set");
	}
	enum { W = 900, H = 1200 };
	static const struct bs_cover_story cjk[] = {
		{"アジア", "東京で大規模な地震訓練、百万人が参加"},
		{"中国", "北京 G20 峰会开幕，各国领导人齐聚"},
		{"", "\xe2\x80\x8b\xc2\xad"},
		{NULL, NULL},
	};
	struct bs_cover c = cover(cjk, sizeof(cjk) / sizeof(*cjk));
	struct bs_error err;
	error_clear(&err);
	unsigned char *px = cover_render(&c, W, H, &err);
	OK(px != NULL, "render: %s", err.reason);
	if (!px) {
		return;
	}
	INT_EQ(dark(px, W, 0, H / 2, W, H), 0);
	free(px);

	/* a title and date in a script the font lacks draw nothing */
	c.title = "朝日新聞";
	c.date = "二〇二六年";
	c.issue = NULL;
	px = cover_render(&c, W, H, &err);
	OK(px != NULL, "render: %s", err.reason);
	free(px);
}

static void long_title(void)
{
	if (!fonts()) {
		SKIP("BS_FONTS not set");
	}
	char title[201];
	static const char words[] = "Chronicle of Everything That Happened ";
	for (size_t i = 0; i < 200; i++) {
		title[i] = words[i % (sizeof(words) - 1)];
	}
	title[200] = '\0';
	char word[201];
	memset(word, 'W', 200);
	word[200] = '\0';
	char mixed[260];
	snprintf(mixed, sizeof(mixed), "The %s Gazette of the Valley", word);
	const char *titles[] = {title, word, mixed};
	int sizes[][2] = {{COVER_WIDTH, COVER_HEIGHT}, {300, 400}};
	for (size_t t = 0; t < 3; t++) {
		for (size_t s = 0; s < 2; s++) {
			int w = sizes[s][0], h = sizes[s][1];
			struct bs_cover c = cover(STORIES, 3);
			c.title = titles[t];
			struct bs_error err;
			error_clear(&err);
			unsigned char *px = cover_render(&c, w, h, &err);
			OK(px != NULL, "render: %s", err.reason);
			if (!px) {
				continue;
			}
			OK(dark(px, w, 0, 0, w, h / 8) > 0, "masthead ink");
			INT_EQ(frame_ink(px, w, h, 0.02), 0);
			free(px);
		}
	}
}

/* A headline with a word wider than a column at any size is left out. */
static void unbreakable(void)
{
	if (!fonts()) {
		SKIP("BS_FONTS not set");
	}
	enum { W = 900, H = 1200 };
	char word[121];
	memset(word, 'M', 120);
	word[120] = '\0';
	struct bs_cover_story s[] = {{"Long", word}, {"Long", word}};
	struct bs_cover c = cover(s, 2);
	struct bs_error err;
	error_clear(&err);
	unsigned char *px = cover_render(&c, W, H, &err);
	OK(px != NULL, "render: %s", err.reason);
	if (px) {
		INT_EQ(dark(px, W, 0, H / 2, W, H), 0);
		free(px);
	}
}

/* More than 12 stories, huge and broken headlines: bounded, no crash. */
static void limits(void)
{
	if (!fonts()) {
		SKIP("BS_FONTS not set");
	}
	enum { N = 40 };
	size_t big_len = 100000;
	char *big = malloc(big_len + 1);
	for (size_t i = 0; i < big_len; i++) {
		big[i] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 26);
	}
	big[big_len] = '\0';
	char *nospace = malloc(big_len + 1);
	memset(nospace, 'm', big_len);
	nospace[big_len] = '\0';
	struct bs_cover_story s[N];
	for (size_t i = 0; i < N; i++) {
		s[i] = STORIES[i % (sizeof(STORIES) / sizeof(*STORIES))];
	}
	s[0].headline = big;
	s[1].headline = nospace;
	s[1].section = big;
	s[2].headline = "broken \xff\xfe UTF-8 \xe2\x82 here \xf0\x9f";
	s[3].headline = "\t  spaced \n\n  out\r\n  ";
	struct bs_cover c = cover(s, N);
	c.date = big;
	c.issue = nospace;
	struct bs_error err;
	error_clear(&err);
	unsigned char *px = cover_render(&c, 600, 800, &err);
	OK(px != NULL, "render: %s", err.reason);
	if (px) {
		INT_EQ(frame_ink(px, 600, 800, 0.02), 0);
		free(px);
	}
	free(big);
	free(nospace);
}

static const struct subtest tests[] = {
	{"full", full},
	{"reproducible", reproducible},
	{"small", small},
	{"sizes", sizes},
	{"missing_font", missing_font},
	{"bad_font", bad_font},
	{"no_stories", no_stories},
	{"missing_glyphs", missing_glyphs},
	{"long_title", long_title},
	{"unbreakable", unbreakable},
	{"limits", limits},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
