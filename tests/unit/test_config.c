/* config: the INI file, its errors, and section rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "edition/rules.h"
#include "extract/extract.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/path.h"

#include "harness.h"
#include "testutil.h"

/* Loads text as a config file; the file's path goes to *path. */
static bool load(const char *text, struct bs_config *c, struct bs_error *err,
	char **dir, char **path)
{
	*dir = tmp_dir();
	*path = tmp_write(*dir, "broadsheet.ini", text, strlen(text));
	error_clear(err);
	return config_load(*path, c, err);
}

static void done(struct bs_config *c, char *dir, char *path)
{
	config_finish(c);
	free(path);
	tmp_remove(dir);
}

static void full(void)
{
	static const char text[] =
		"# a morning edition\n"
		"[edition]\n"
		"title = The Morning Edition\n"
		"publisher = Samples ; an inline comment\n"
		"lang = en\n"
		"output = editions/{date}-morning.epub\n"
		"input = pages\n"
		"input = /srv/news/{yyyy}/{mm}/{dd}\n"
		"history = ~/state/h.sqlite\n"
		"skip-seen = 7\n"
		"keep = 14\n"
		"wait = 60\n"
		"strict = yes\n"
		"\n"
		"[images]\n"
		"enabled = on\n"
		"size = 800x600\n"
		"grayscale = TRUE\n"
		"jpeg-quality = 70\n"
		"\n"
		"[section \"Opinion\"]\n"
		"    match = url:/opinion/\n"
		"match = category:Comment\n"
		"[section \"Money\"]\n"
		"match = site:ledger.example\n"
		"[drop]\n"
		"match = url:*/live/*\n";
	setenv("HOME", "/home/reader", 1);
	struct bs_config c;
	struct bs_error err;
	char *dir, *path;
	OK(load(text, &c, &err, &dir, &path), "%s", err.reason);
	STR_EQ(c.title, "The Morning Edition");
	STR_EQ(c.publisher, "Samples");
	STR_EQ(c.lang, "en");
	char *want = path_join(dir, "editions/{date}-morning.epub");
	STR_EQ(c.output, want);
	free(want);
	INT_EQ(c.n_inputs, 2);
	if (c.n_inputs == 2) {
		want = path_join(dir, "pages");
		STR_EQ(c.inputs[0], want);
		free(want);
		STR_EQ(c.inputs[1], "/srv/news/{yyyy}/{mm}/{dd}");
	}
	STR_EQ(c.history, "/home/reader/state/h.sqlite");
	INT_EQ(c.skip_seen, 7);
	INT_EQ(c.keep, 14);
	INT_EQ(c.wait, 60);
	INT_EQ(c.strict, 1);
	INT_EQ(c.images, 1);
	INT_EQ(c.width, 800);
	INT_EQ(c.height, 600);
	INT_EQ(c.grayscale, 1);
	INT_EQ(c.jpeg_quality, 70);
	/* the blocks give the order when "sections" does not */
	STR_EQ(c.sections, "Opinion,Money");
	INT_EQ(c.rules.count, 4);
	done(&c, dir, path);
}

static void unset(void)
{
	struct bs_config c;
	struct bs_error err;
	char *dir, *path;
	OK(load("[edition]\ntitle = \"Issue #12; late\"  # the title\n"
		"publisher = Samples# not a comment\nlang = en\t; a comment\n",
		&c, &err, &dir, &path), "%s", err.reason);
	STR_EQ(c.title, "Issue #12; late");
	STR_EQ(c.publisher, "Samples# not a comment");
	STR_EQ(c.lang, "en");
	done(&c, dir, path);
	OK(load("[edition]\ntitle = T\nsections = World, Opinion\n"
		"[section \"Opinion\"]\nmatch = url:/o/\n", &c, &err, &dir,
		&path), "%s", err.reason);
	INT_EQ(c.skip_seen, -1);
	INT_EQ(c.keep, -1);
	INT_EQ(c.wait, -1);
	INT_EQ(c.strict, -1);
	INT_EQ(c.images, -1);
	INT_EQ(c.jpeg_quality, 0);
	STR_EQ(c.output, NULL);
	STR_EQ(c.sections, "World, Opinion");
	done(&c, dir, path);
}

/* Each bad file: the line and a word of the reason. */
static void errors(void)
{
	static const struct {
		const char *text;
		const char *place;
		const char *says;
	} cases[] = {
		{"[edition]\ntitle = a\ncolour = red\n", "3", "colour: unknown key"},
		{"title = a\n", "1", "title: outside any section"},
		{"[edition]\n[imagez]\nsize = 1x1\n", "2", "[imagez]: unknown section"},
		{"[section Opinion]\nmatch = url:/o/\n", "1", "unknown section"},
		{"[images]\n\njpeg-quality = 500\n", "3", "jpeg-quality: '500'"},
		{"[images]\nsize = big\n", "2", "size: 'big'"},
		{"[edition]\nstrict = maybe\n", "2", "strict: 'maybe'"},
		{"[edition]\nkeep = -1\n", "2", "keep: '-1'"},
		{"[edition]\nskip-seen = 7 days\n", "2", "skip-seen"},
		{"[drop]\nmatch = urll:/live/\n", "2", "match: 'urll:/live/'"},
		{"[drop]\nmatch = url:\n", "2", "empty pattern"},
		{"[section \"X\"]\nwhere = url:/x/\n", "2", "where: unknown key"},
		{"[edition]\ntitle = a\ntitle = b\n", "3", "set twice (first on line 2)"},
		{"[edition]\nthis line has no equals sign\n", "2", "not 'key = value'"},
		{"[edition\n", "1", "ends with ']'"},
		{"[edition]\ntitle =\n", "2", "title: no value"},
		{"[section \"\"]\n", "1", "not empty"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bs_config c;
		struct bs_error err;
		char *dir, *path;
		OK(!load(cases[i].text, &c, &err, &dir, &path), "case %zu", i);
		STR_EQ(err.file, path);
		STR_EQ(err.place, cases[i].place);
		OK(strstr(err.reason, cases[i].says) != NULL, "case %zu: %s", i,
			err.reason);
		done(&c, dir, path);
	}
	/* a line libinih would cut in two */
	char line[400];
	memset(line, 'x', sizeof(line));
	memcpy(line, "title = ", 8);
	line[sizeof(line) - 1] = '\0';
	struct bs_buf b = {0};
	buf_printf(&b, "[edition]\n%s\n", line);
	struct bs_config c;
	struct bs_error err;
	char *dir, *path;
	OK(!load(buf_str(&b), &c, &err, &dir, &path), "long line");
	STR_EQ(err.place, "2");
	OK(strstr(err.reason, "longer than") != NULL, "%s", err.reason);
	done(&c, dir, path);
	buf_finish(&b);
	/* no file */
	error_clear(&err);
	OK(!config_load("/nonexistent/broadsheet.ini", &c, &err), "missing");
	STR_EQ(err.file, "/nonexistent/broadsheet.ini");
	OK(strstr(err.reason, "No such file") != NULL, "%s", err.reason);
	config_finish(&c);
}

static void numbers(void)
{
	int v = 0, w = 0, h = 0;
	OK(config_parse_int("42", 1, 100, &v) && v == 42, "42");
	OK(!config_parse_int("0", 1, 100, &v), "below");
	OK(!config_parse_int("101", 1, 100, &v), "above");
	OK(!config_parse_int("", 1, 100, &v), "empty");
	OK(!config_parse_int("9999999999999999999", 1, 100, &v), "overflow");
	OK(config_parse_size("1264x1680", &w, &h) && w == 1264 && h == 1680,
		"size");
	OK(config_parse_size("800X600", &w, &h) && w == 800, "capital X");
	OK(!config_parse_size("800", &w, &h), "no x");
	OK(!config_parse_size("8x600", &w, &h), "too small");
	OK(!config_parse_size("800x600x2", &w, &h), "three");
}

static struct bs_article *article(const char *url, const char *source,
	const char *site, const char *section)
{
	struct bs_article *a = xcalloc(1, sizeof(*a));
	a->url = url ? xstrdup(url) : NULL;
	a->source = xstrdup(source);
	a->site = site ? xstrdup(site) : NULL;
	a->section = section ? xstrdup(section) : NULL;
	return a;
}

static void rules(void)
{
	struct bs_rules r = {0};
	struct bs_error err;
	error_clear(&err);
	OK(rules_add(&r, "url:/Opinion/", "Opinion", &err), "%s", err.reason);
	OK(rules_add(&r, "site:ledger.example", "Money", &err), "%s",
		err.reason);
	OK(rules_add(&r, "category:Sport*", "Sport", &err), "%s", err.reason);
	OK(rules_add(&r, "site:The Gazette", "Local", &err), "%s", err.reason);
	/* added last, tried first */
	OK(rules_add(&r, "url:https://*/live/*", NULL, &err), "%s",
		err.reason);
	OK(!rules_add(&r, "title:x", "X", &err), "unknown kind");
	OK(!rules_add(&r, "site:  ", "X", &err), "empty");
	INT_EQ(r.count, 5);

	static const struct {
		const char *url, *source, *site, *section;
		bool matched;
		const char *to;
	} cases[] = {
		{"https://news.example/opinion/x", "a.html", NULL, NULL, true,
			"Opinion"},
		{NULL, "/saved/OPINION/b.html", NULL, NULL, true, "Opinion"},
		{"https://www.ledger.example/a", "c.html", NULL, NULL, true,
			"Money"},
		{"https://ledger.example/a", "c.html", NULL, NULL, true, "Money"},
		{"https://notledger.example/a", "c.html", NULL, NULL, false,
			NULL},
		{"https://n.example/a", "d.html", NULL, "sport-football", true,
			"Sport"},
		{"https://n.example/a", "d.html", "the gazette", NULL, true,
			"Local"},
		{"https://n.example/live/opinion/", "e.html", NULL, NULL, true,
			NULL},
		{"https://n.example/world/", "f.html", "Other", "World", false,
			NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bs_article *a = article(cases[i].url, cases[i].source,
			cases[i].site, cases[i].section);
		bool matched = !cases[i].matched;
		const char *to = rules_apply(&r, a, &matched);
		OK(matched == cases[i].matched, "case %zu", i);
		STR_EQ(to, cases[i].to);
		article_destroy(a);
	}
	rules_finish(&r);
	INT_EQ(r.count, 0);
}

static const struct subtest tests[] = {
	{"full", full},
	{"unset", unset},
	{"errors", errors},
	{"numbers", numbers},
	{"rules", rules},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
