/* edition: de-duplication, sections, and the shape of edition.xml. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xpath.h>

#include "edition/edition.h"
#include "extract/extract.h"
#include "extract/sanitize.h"
#include "ingest/ingest.h"
#include "util/alloc.h"

#include "harness.h"

static const struct bs_picture_ctx nowhere = {
	.page_dir = "/nonexistent",
	.root = "/nonexistent",
	.target_width = 1264,
};

/* A sanitized body from an HTML fragment. */
static xmlDocPtr body_of(const char *fragment)
{
	size_t n = strlen(fragment) + 64;
	char *html = xmalloc(n);
	snprintf(html, n, "<html><body>%s</body></html>", fragment);
	htmlDocPtr page = ingest_parse_html(html, strlen(html), NULL);
	free(html);
	xmlNode *body = xmlDocGetRootElement(page)->children;
	while (body && !(body->type == XML_ELEMENT_NODE
			&& strcmp((const char *)body->name, "body") == 0)) {
		body = body->next;
	}
	static const struct bs_sanitize so = {
		.pictures = &nowhere,
		.base_url = NULL,
		.images = false,
	};
	xmlDocPtr out = sanitize(body, &so);
	xmlFreeDoc(page);
	return out;
}

/* A new article as extract_article() would make it. */
static struct bs_article *article(const char *source, const char *url,
	const char *title, const char *section, const char *body_html)
{
	struct bs_article *a = xcalloc(1, sizeof(*a));
	a->source = xstrdup(source);
	a->url = url ? xstrdup(url) : NULL;
	a->title = xstrdup(title);
	a->section = section ? xstrdup(section) : NULL;
	a->body = body_of(body_html);
	article_update_text(a);
	return a;
}

static struct bs_edition *new_edition(const char *const *sections,
	size_t n_sections)
{
	struct bs_edition_options o = {
		.title = NULL,
		.date = {.year = 2026, .month = 11, .day = 28},
		.lang = NULL,
		.publisher = "Test Press",
		.sections = sections,
		.n_sections = n_sections,
		.modified = 1795845600,	/* 2026-11-28T06:00:00Z */
	};
	return edition_create(&o);
}

/* Adds a, checks whether it was taken, and what it duplicates. */
static void add_is(struct bs_edition *e, struct bs_article *a, bool want,
	const char *want_dup)
{
	char *dup = NULL;
	char *source = xstrdup(a->source);
	enum bs_added got = edition_add(e, a, &dup);
	OK((got == BS_ADDED) == want, "%s: added %d, want %d", source, got,
		want);
	if (!want && got != BS_ADDED) {
		STR_EQ(dup, want_dup);
	}
	free(dup);
	free(source);
}

static void dedup_url(void)
{
	struct bs_edition *e = new_edition(NULL, 0);
	add_is(e, article("a.html", "https://www.example.com/news/story/",
		"Story", NULL, "<p>First text of the story.</p>"), true, NULL);
	add_is(e, article("b.html", "http://example.com/news/story",
		"Story", NULL, "<p>Second text.</p>"), false, "a.html");
	add_is(e, article("c.html", "https://example.com/news/story#comments",
		"Story", NULL, "<p>Third text.</p>"), false, "a.html");
	add_is(e, article("d.html", "https://example.com/news/story?utm_source="
		"feed&utm_medium=rss", "Story", NULL, "<p>Fourth text.</p>"),
		false, "a.html");
	add_is(e, article("e.html", "https://EXAMPLE.com/news/story",
		"Story", NULL, "<p>Fifth text.</p>"), false, "a.html");
	add_is(e, article("f.html", "https://www.example.com/news/story/#top",
		"Story", NULL, "<p>Sixth text.</p>"), false, "a.html");
	add_is(e, article("g.html", "https://example.com/news/other",
		"Other", NULL, "<p>Another story altogether.</p>"), true, NULL);
	/* a query that names the article is kept */
	add_is(e, article("h.html", "https://example.com/article?id=5",
		"Five", NULL, "<p>Article five.</p>"), true, NULL);
	add_is(e, article("i.html", "https://example.com/article?id=6",
		"Six", NULL, "<p>Article six.</p>"), true, NULL);
	INT_EQ(edition_article_count(e), 4);
	STR_EQ(edition_article(e, 0)->source, "a.html");
	STR_EQ(edition_article(e, 1)->source, "g.html");
	OK(edition_article(e, 4) == NULL, "no fifth article");
	edition_destroy(e);
	edition_destroy(NULL);
}

static void dedup_text(void)
{
	struct bs_edition *e = new_edition(NULL, 0);
	add_is(e, article("a.html", NULL, "One", NULL,
		"<p>The council approved the budget on Tuesday.</p><p>It was "
		"late.</p>"), true, NULL);
	/* the same words, other spacing, case and punctuation */
	add_is(e, article("b.html", "https://mirror.example/x", "One again",
		NULL, "<div>the council approved the budget on tuesday!<br><br>"
		"It was  late</div>"), false, "a.html");
	add_is(e, article("c.html", NULL, "Two", NULL,
		"<p>The council rejected the budget on Tuesday.</p>"), true, NULL);
	INT_EQ(edition_article_count(e), 2);
	edition_destroy(e);
}

static struct bs_article *item(const char *source, const char *url,
	const char *title, const char *section, const char *body_html)
{
	struct bs_article *a = article(source, url, title, section, body_html);
	a->origin = BS_ORIGIN_FEED;
	a->published = xstrdup("2026-11-28T06:00:00Z");
	a->authors = xcalloc(1, sizeof(*a->authors));
	a->authors[0] = xstrdup("Jane Doe");
	a->n_authors = 1;
	return a;
}

/* Checks edition_add()'s answer for a and what was in before it. */
static void add_gives(struct bs_edition *e, struct bs_article *a,
	enum bs_added want, const char *want_other)
{
	char *other = NULL;
	char *source = xstrdup(a->source);
	enum bs_added got = edition_add(e, a, &other);
	OK(got == want, "%s: edition_add %d, want %d", source, got, want);
	STR_EQ(other, want_other);
	free(other);
	free(source);
}

/* A feed's item and the saved page of the same story: one article, the
 * page's text, the item's details where the page has none. */
static void merge_feed_item(void)
{
	struct bs_edition *e = new_edition(NULL, 0);
	/* item first: the page takes its place */
	add_gives(e, item("feed.rss#https://example.com/a", "https://example."
		"com/a", "Story A", "World", "<p>Only the summary of A.</p>"),
		BS_ADDED, NULL);
	add_gives(e, item("feed.rss#https://example.com/b", "https://example."
		"com/b", "Story B", NULL, "<p>Only the summary of B.</p>"),
		BS_ADDED, NULL);
	add_gives(e, article("a.html", "https://www.example.com/a/", "Story A",
		NULL, "<p>The whole of story A, long.</p>"), BS_MERGED,
		"feed.rss#https://example.com/a");
	/* page first: the item only fills gaps */
	add_gives(e, article("c.html", "https://example.com/c", "Story C",
		"Business", "<p>The whole of story C.</p>"), BS_ADDED, NULL);
	add_gives(e, item("feed.rss#https://example.com/c", "https://example."
		"com/c", "Story C", "Markets", "<p>Summary of C.</p>"), BS_MERGED,
		"c.html");
	/* two feeds with one item: a plain duplicate */
	add_gives(e, item("other.rss#https://example.com/b", "https://example."
		"com/b", "Story B", NULL, "<p>Other summary of B.</p>"),
		BS_DUPLICATE, "feed.rss#https://example.com/b");
	INT_EQ(edition_article_count(e), 3);
	struct bs_article *a = edition_article(e, 0);
	STR_EQ(a->source, "a.html");
	STR_EQ(a->section, "World");
	STR_EQ(a->published, "2026-11-28T06:00:00Z");
	INT_EQ(a->n_authors, 1);
	STR_EQ(a->text, "The whole of story A, long.");
	STR_EQ(edition_article(e, 1)->source, "feed.rss#https://example.com/b");
	struct bs_article *c = edition_article(e, 2);
	STR_EQ(c->source, "c.html");
	STR_EQ(c->section, "Business");
	STR_EQ(c->authors[0], "Jane Doe");
	/* the page's URL now stands for the item's too */
	add_gives(e, item("late.rss#https://example.com/a", "https://example."
		"com/a", "Story A", NULL, "<p>Late summary of A.</p>"),
		BS_MERGED, "a.html");
	INT_EQ(edition_article_count(e), 3);
	edition_destroy(e);
}

static char *xp(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
	char *out = NULL;
	if (r) {
		xmlChar *s = xmlXPathCastToString(r);
		out = xstrdup((const char *)s);
		xmlFree(s);
		xmlXPathFreeObject(r);
	}
	xmlXPathFreeContext(ctx);
	OK(out != NULL, "XPath %s", expr);
	return out;
}

#define XP_IS(doc, expr, want) do { \
	char *got_ = xp((doc), (expr)); \
	STR_EQ(got_, (want)); \
	free(got_); \
} while (0)

static void sections(void)
{
	static const char *const order[] = {"sport", "Weather", "World"};
	struct bs_edition *e = new_edition(order, 3);
	add_is(e, article("a.html", NULL, "A", "Politics", "<p>Text a.</p>"),
		true, NULL);
	add_is(e, article("b.html", NULL, "B", "World", "<p>Text b.</p>"),
		true, NULL);
	add_is(e, article("c.html", NULL, "C", NULL, "<p>Text c.</p>"),
		true, NULL);
	add_is(e, article("d.html", NULL, "D", "Sport", "<p>Text d.</p>"),
		true, NULL);
	add_is(e, article("e.html", NULL, "E", "politics", "<p>Text e.</p>"),
		true, NULL);
	add_is(e, article("f.html", NULL, "F", "World", "<p>Text f.</p>"),
		true, NULL);
	add_is(e, article("g.html", NULL, "G", "", "<p>Text g.</p>"),
		true, NULL);
	size_t n = 0;
	xmlDocPtr doc = edition_to_xml(e, &n);
	INT_EQ(n, 4);
	XP_IS(doc, "count(/edition/section)", "4");

	/* the options' sections first, case-insensitively; then appearance */
	char *name = xp(doc, "/edition/section[1]/name");
	OK(name && strcasecmp(name, "Sport") == 0, "first section %s", name);
	free(name);
	XP_IS(doc, "/edition/section[2]/name", "World");
	name = xp(doc, "/edition/section[3]/name");
	OK(name && strcasecmp(name, "Politics") == 0, "third section %s",
		name);
	free(name);
	XP_IS(doc, "/edition/section[4]/name", "News");

	/* within a section, input order */
	XP_IS(doc, "/edition/section[1]/article[1]/title", "D");
	XP_IS(doc, "/edition/section[2]/article[1]/title", "B");
	XP_IS(doc, "/edition/section[2]/article[2]/title", "F");
	XP_IS(doc, "/edition/section[3]/article[1]/title", "A");
	XP_IS(doc, "/edition/section[3]/article[2]/title", "E");
	XP_IS(doc, "/edition/section[4]/article[1]/title", "C");
	XP_IS(doc, "/edition/section[4]/article[2]/title", "G");

	/* ids, hrefs, numbers and reading order */
	XP_IS(doc, "/edition/section[1]/@id", "s01");
	XP_IS(doc, "/edition/section[1]/@href", "s01.xhtml");
	XP_IS(doc, "/edition/section[1]/@number", "1");
	XP_IS(doc, "/edition/section[4]/@id", "s04");
	XP_IS(doc, "/edition/section[1]/article[1]/@id", "s01-a01");
	XP_IS(doc, "/edition/section[1]/article[1]/@href", "s01-a01.xhtml");
	XP_IS(doc, "/edition/section[2]/article[2]/@id", "s02-a02");
	XP_IS(doc, "/edition/section[2]/article[2]/@number", "2");
	static const char *const orders[][2] = {
		{"/edition/section[1]/@order", "3"},
		{"/edition/section[1]/article[1]/@order", "4"},
		{"/edition/section[2]/@order", "5"},
		{"/edition/section[2]/article[1]/@order", "6"},
		{"/edition/section[2]/article[2]/@order", "7"},
		{"/edition/section[3]/@order", "8"},
		{"/edition/section[3]/article[1]/@order", "9"},
		{"/edition/section[3]/article[2]/@order", "10"},
		{"/edition/section[4]/@order", "11"},
		{"/edition/section[4]/article[1]/@order", "12"},
		{"/edition/section[4]/article[2]/@order", "13"},
	};
	for (size_t i = 0; i < sizeof(orders) / sizeof(orders[0]); i++) {
		XP_IS(doc, orders[i][0], orders[i][1]);
	}
	xmlFreeDoc(doc);
	edition_destroy(e);
}

static void standfirst(void)
{
	struct bs_edition *e = new_edition(NULL, 0);
	struct bs_article *a = article("a.html", NULL, "Opens with it", NULL,
		"<p>The council voted seven to two on Tuesday night, after a "
		"long debate.</p><p>More text follows here.</p>");
	a->description = xstrdup("The council voted seven to two on Tuesday "
		"night.");
	add_is(e, a, true, NULL);
	struct bs_article *b = article("b.html", NULL, "Does not", NULL,
		"<p>Residents were divided over the plan, which raises the levy."
		"</p>");
	b->description = xstrdup("A levy that splits the town in two.");
	add_is(e, b, true, NULL);
	struct bs_article *c = article("c.html", NULL, "No description", NULL,
		"<p>A first sentence that is long enough to be a summary of it. "
		"A second sentence.</p>");
	add_is(e, c, true, NULL);
	size_t n;
	xmlDocPtr doc = edition_to_xml(e, &n);
	XP_IS(doc, "count((//article)[1]/standfirst)", "0");
	XP_IS(doc, "(//article)[1]/description",
		"The council voted seven to two on Tuesday night.");
	XP_IS(doc, "(//article)[1]/summary",
		"The council voted seven to two on Tuesday night.");
	XP_IS(doc, "(//article)[2]/standfirst",
		"A levy that splits the town in two.");
	XP_IS(doc, "count((//article)[3]/standfirst)", "0");
	XP_IS(doc, "count((//article)[3]/description)", "0");
	XP_IS(doc, "(//article)[3]/summary",
		"A first sentence that is long enough to be a summary of it.");
	xmlFreeDoc(doc);
	edition_destroy(e);
}

static char *identifier(const char *title, int day)
{
	struct bs_edition_options o = {
		.title = title,
		.date = {.year = 2026, .month = 11, .day = day},
	};
	struct bs_edition *e = edition_create(&o);
	add_is(e, article("a.html", NULL, "A", NULL, "<p>Some text.</p>"),
		true, NULL);
	size_t n;
	xmlDocPtr doc = edition_to_xml(e, &n);
	char *id = xp(doc, "/edition/identifier");
	xmlFreeDoc(doc);
	edition_destroy(e);
	return id;
}

static void identifiers(void)
{
	char *a = identifier("Morning Post", 28);
	char *b = identifier("Morning Post", 28);
	char *c = identifier("Morning Post", 27);
	char *d = identifier("Evening Post", 28);
	OK(a && strncmp(a, "urn:uuid:", 9) == 0 && strlen(a) == 45,
		"a URN: %s", a ? a : "");
	OK(a && a[23] == '5', "version 5: %s", a ? a : "");
	STR_EQ(a, b);
	OK(a && c && strcmp(a, c) != 0, "another date, another identifier");
	OK(a && d && strcmp(a, d) != 0, "another title, another identifier");
	free(a);
	free(b);
	free(c);
	free(d);
}

static void shape(void)
{
	struct bs_edition *e = new_edition(NULL, 0);
	struct bs_article *a = article("/in/a.html", "https://ex.example/a",
		"Headline", "World", "<p>Body <b>text</b>.</p>");
	a->authors = xcalloc(2, sizeof(char *));
	a->authors[0] = xstrdup("Jane Doe");
	a->authors[1] = xstrdup("John Roe");
	a->n_authors = 2;
	a->published = xstrdup("2026-11-27T10:00:00Z");
	a->site = xstrdup("Example");
	a->lang = xstrdup("en-GB");
	add_is(e, a, true, NULL);
	struct bs_article *b = article("/in/b.html", NULL, "", "World",
		"<p>Untitled body.</p>");
	b->lang = xstrdup("fr");
	add_is(e, b, true, NULL);
	add_is(e, article("/in/c.html", NULL, "C", NULL, "<p>Third.</p>"),
		true, NULL);
	edition_add_image(e, "images/a.jpg", "image/jpeg", 640, 480);
	size_t n;
	xmlDocPtr doc = edition_to_xml(e, &n);
	XP_IS(doc, "/edition/@version", "1");
	XP_IS(doc, "/edition/title", "Daily Edition");
	XP_IS(doc, "/edition/date/@iso", "2026-11-28");
	XP_IS(doc, "/edition/date", "28 November 2026");
	XP_IS(doc, "/edition/date-long", "Saturday, 28 November 2026");
	XP_IS(doc, "/edition/lang", "en");
	XP_IS(doc, "/edition/publisher", "Test Press");
	XP_IS(doc, "/edition/modified", "2026-11-28T06:00:00Z");
	XP_IS(doc, "starts-with(/edition/generator, 'broadsheet')", "true");

	XP_IS(doc, "(//article)[1]/@lang", "en-GB");
	XP_IS(doc, "(//article)[1]/title", "Headline");
	XP_IS(doc, "count((//article)[1]/author)", "2");
	XP_IS(doc, "(//article)[1]/author[2]", "John Roe");
	XP_IS(doc, "(//article)[1]/byline", "Jane Doe, John Roe");
	XP_IS(doc, "(//article)[1]/published/@iso", "2026-11-27T10:00:00Z");
	XP_IS(doc, "(//article)[1]/published", "27 November 2026");
	XP_IS(doc, "(//article)[1]/site", "Example");
	XP_IS(doc, "(//article)[1]/url", "https://ex.example/a");
	XP_IS(doc, "(//article)[1]/source", "a.html");
	XP_IS(doc, "(//article)[1]/words", "2");
	XP_IS(doc, "(//article)[1]/minutes", "1");
	XP_IS(doc, "count((//article)[1]/body/*)", "1");
	XP_IS(doc, "local-name((//article)[1]/body/*)", "div");
	XP_IS(doc, "namespace-uri((//article)[1]/body/*)", BS_XHTML_NS);
	XP_IS(doc, "string((//article)[1]/body)", "Body text.");

	/* no title: the file name stands in; no language: the edition's */
	XP_IS(doc, "(//article)[2]/title", "b.html");
	XP_IS(doc, "(//article)[2]/@lang", "fr");
	XP_IS(doc, "count((//article)[2]/author)", "0");
	XP_IS(doc, "count((//article)[2]/byline)", "0");
	XP_IS(doc, "(//article)[3]/@lang", "en");

	XP_IS(doc, "count(/edition/images/image)", "1");
	XP_IS(doc, "/edition/images/image/@href", "images/a.jpg");
	XP_IS(doc, "/edition/images/image/@media-type", "image/jpeg");
	XP_IS(doc, "/edition/images/image/@width", "640");
	XP_IS(doc, "/edition/images/image/@height", "480");
	xmlFreeDoc(doc);
	edition_destroy(e);
}

static void lang(void)
{
	struct bs_edition *e = new_edition(NULL, 0);
	STR_EQ(edition_lang(e), "en");
	struct bs_article *a = article("a.html", NULL, "A", NULL, "<p>Un.</p>");
	a->lang = xstrdup("fr-CA");
	add_is(e, a, true, NULL);
	struct bs_article *b = article("b.html", NULL, "B", NULL, "<p>Deux.</p>");
	b->lang = xstrdup("en");
	add_is(e, b, true, NULL);
	struct bs_article *c = article("c.html", NULL, "C", NULL, "<p>Trois.</p>");
	c->lang = xstrdup("fr");
	add_is(e, c, true, NULL);
	STR_EQ(edition_lang(e), "fr");
	size_t n;
	xmlDocPtr doc = edition_to_xml(e, &n);
	XP_IS(doc, "/edition/lang", "fr");
	XP_IS(doc, "/edition/date", "28 novembre 2026");
	XP_IS(doc, "/edition/date-long", "samedi 28 novembre 2026");
	xmlFreeDoc(doc);
	edition_destroy(e);

	/* set by the options */
	struct bs_edition_options o = {
		.date = {.year = 2026, .month = 11, .day = 28},
		.lang = "de",
	};
	e = edition_create(&o);
	STR_EQ(edition_lang(e), "de");
	edition_destroy(e);
}

static const struct subtest tests[] = {
	{"dedup_url", dedup_url},
	{"dedup_text", dedup_text},
	{"sections", sections},
	{"standfirst", standfirst},
	{"identifier", identifiers},
	{"shape", shape},
	{"lang", lang},
	{"merge_feed_item", merge_feed_item},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
