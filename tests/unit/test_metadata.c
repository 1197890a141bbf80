/* extract/metadata and extract/jsonld: what a page says about its article. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/metadata.h"
#include "ingest/ingest.h"

#include "harness.h"

/* Parses html and reads its metadata into meta (meta_finish() after). */
static void read_meta(const char *html, struct bs_meta *meta)
{
	memset(meta, 0, sizeof(*meta));
	htmlDocPtr doc = ingest_parse_html(html, strlen(html), NULL);
	OK(doc != NULL, "parsed");
	if (doc) {
		metadata_read(doc, meta);
		xmlFreeDoc(doc);
	}
}

static void list_is(const struct bs_strlist *l, const char *const *want)
{
	size_t n = 0;
	while (want[n]) {
		n++;
	}
	INT_EQ(l->count, n);
	for (size_t i = 0; i < l->count && i < n; i++) {
		STR_EQ(l->items[i], want[i]);
	}
}

static void jsonld_article(void)
{
	static const char html[] = "<html><head><title>Budget | Ledger</title>"
		"<script type=\"application/ld+json\">{\"@context\":"
		"\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":"
		"\"Council Approves New Budget\",\"author\":{\"@type\":\"Person\","
		"\"name\":\"Jane Doe\"},\"datePublished\":"
		"\"2026-11-27T08:30:00+01:00\",\"dateModified\":"
		"\"2026-11-27T09:00:00+01:00\",\"publisher\":{\"@type\":"
		"\"Organization\",\"name\":\"The Daily Ledger\",\"logo\":{"
		"\"@type\":\"ImageObject\",\"url\":\"https://ledger.example/l.png\""
		"}},\"articleSection\":\"Politics\",\"description\":"
		"\"The council voted  seven to two.\",\"image\":"
		"\"https://ledger.example/a.jpg\",\"inLanguage\":\"en-GB\","
		"\"mainEntityOfPage\":{\"@type\":\"WebPage\",\"@id\":"
		"\"https://ledger.example/politics/budget\"},\"articleBody\":"
		"\"The council voted.\"}</script></head><body><p>x</p></body>"
		"</html>";
	struct bs_meta m;
	read_meta(html, &m);
	STR_EQ(m.title, "Council Approves New Budget");
	STR_EQ(m.html_title, "Budget | Ledger");
	list_is(&m.authors, (const char *const[]){"Jane Doe", NULL});
	STR_EQ(m.published, "2026-11-27T08:30:00+01:00");
	STR_EQ(m.modified, "2026-11-27T09:00:00+01:00");
	STR_EQ(m.site, "The Daily Ledger");
	STR_EQ(m.section, "Politics");
	STR_EQ(m.description, "The council voted seven to two.");
	STR_EQ(m.image, "https://ledger.example/a.jpg");
	STR_EQ(m.lang, "en-GB");
	STR_EQ(m.url, "https://ledger.example/politics/budget");
	STR_EQ(m.article_body, "The council voted.");
	meta_finish(&m);
}

static void jsonld_shapes(void)
{
	/* authors as an array of Persons, section and image as arrays */
	static const char arrays[] = "<html><head><script type="
		"\"application/ld+json\">[{\"@type\":\"WebPage\",\"name\":\"x\"},"
		"{\"@type\":[\"NewsArticle\",\"CreativeWork\"],\"headline\":"
		"\"Two Writers\",\"author\":[{\"@type\":\"Person\",\"name\":"
		"\"Jane Doe\"},{\"@type\":\"Person\",\"name\":\"John Roe\"},"
		"{\"@type\":\"Person\",\"givenName\":\"Ana\",\"familyName\":"
		"\"Lima\"}],\"articleSection\":[\"World\",\"Europe\"],\"image\":["
		"\"https://ex.example/1.jpg\",\"https://ex.example/2.jpg\"]}]"
		"</script></head><body></body></html>";
	struct bs_meta m;
	read_meta(arrays, &m);
	STR_EQ(m.title, "Two Writers");
	list_is(&m.authors, (const char *const[]){"Jane Doe", "John Roe",
		"Ana Lima", NULL});
	STR_EQ(m.section, "World");
	STR_EQ(m.image, "https://ex.example/1.jpg");
	meta_finish(&m);

	/* author as a string, image as an object, schema.org IRI type */
	static const char strings[] = "<html><head><script type="
		"\"application/ld+json\">{\"@type\":\"http://schema.org/"
		"ReportageNewsArticle\",\"headline\":\"One Writer\",\"author\":"
		"\"By Jane Doe and John Roe\",\"image\":{\"@type\":\"ImageObject\","
		"\"url\":\"https://ex.example/3.jpg\",\"width\":800},"
		"\"datePublished\":\"2026-11-27\"}</script></head><body></body>"
		"</html>";
	read_meta(strings, &m);
	STR_EQ(m.title, "One Writer");
	list_is(&m.authors, (const char *const[]){"Jane Doe", "John Roe",
		NULL});
	STR_EQ(m.image, "https://ex.example/3.jpg");
	STR_EQ(m.published, "2026-11-27");
	meta_finish(&m);

	/* an author that is only a URL is no name */
	static const char url_author[] = "<html><head><script type="
		"\"application/ld+json\">{\"@type\":\"Article\",\"headline\":"
		"\"Link Writer\",\"author\":\"https://ex.example/staff/jane\"}"
		"</script></head><body></body></html>";
	read_meta(url_author, &m);
	INT_EQ(m.authors.count, 0);
	meta_finish(&m);
}

static void jsonld_graph(void)
{
	static const char html[] = "<html><head><script type="
		"\"application/ld+json\">{\"@context\":\"https://schema.org\","
		"\"@graph\":[{\"@type\":\"WebSite\",\"@id\":\"https://ex.example/"
		"#website\",\"name\":\"Example Times\"},{\"@type\":\"Organization\","
		"\"@id\":\"https://ex.example/#org\",\"name\":\"Example Times "
		"Group\"},{\"@type\":\"Person\",\"@id\":\"https://ex.example/#/"
		"person/1\",\"name\":\"Ana Garc\xc3\xad" "a\"},{\"@type\":"
		"\"NewsArticle\",\"@id\":\"https://ex.example/world/x#article\","
		"\"headline\":\"Graph Headline\",\"author\":[{\"@id\":"
		"\"https://ex.example/#/person/1\"}],\"publisher\":{\"@id\":"
		"\"https://ex.example/#org\"},\"datePublished\":"
		"\"2026-11-27T10:00:00Z\",\"isPartOf\":{\"@id\":"
		"\"https://ex.example/#website\"}},{\"@type\":\"BreadcrumbList\","
		"\"itemListElement\":[{\"@type\":\"ListItem\",\"position\":2,"
		"\"name\":\"World\"},{\"@type\":\"ListItem\",\"position\":1,"
		"\"name\":\"Home\"},{\"@type\":\"ListItem\",\"position\":3,"
		"\"item\":{\"@id\":\"https://ex.example/world/europe\",\"name\":"
		"\"Europe\"}}]}]}</script></head><body></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	STR_EQ(m.title, "Graph Headline");
	list_is(&m.authors, (const char *const[]){"Ana Garc\xc3\xad" "a", NULL});
	STR_EQ(m.site, "Example Times Group");
	STR_EQ(m.published, "2026-11-27T10:00:00Z");
	list_is(&m.breadcrumb, (const char *const[]){"Home", "World", "Europe",
		NULL});
	meta_finish(&m);
}

static void jsonld_wrapped(void)
{
	static const char comment[] = "<html><head><script type="
		"\"application/ld+json\"><!--\n{\"@type\":\"NewsArticle\","
		"\"headline\":\"In A Comment\"}\n--></script></head><body></body>"
		"</html>";
	struct bs_meta m;
	read_meta(comment, &m);
	STR_EQ(m.title, "In A Comment");
	meta_finish(&m);

	static const char cdata[] = "<html><head><script type="
		"\"application/ld+json\">//<![CDATA[\n{\"@type\":\"NewsArticle\","
		"\"headline\":\"In CDATA\"}\n//]]></script></head><body></body>"
		"</html>";
	read_meta(cdata, &m);
	STR_EQ(m.title, "In CDATA");
	meta_finish(&m);

	static const char bare_cdata[] = "<html><head><script type="
		"\"application/ld+json\"><![CDATA[{\"@type\":\"NewsArticle\","
		"\"headline\":\"Bare CDATA\"}]]></script></head><body></body>"
		"</html>";
	read_meta(bare_cdata, &m);
	STR_EQ(m.title, "Bare CDATA");
	meta_finish(&m);
}

static void jsonld_broken(void)
{
	/* the broken block is ignored; the next one and the meta still count */
	static const char html[] = "<html><head><script type="
		"\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":"
		"\"Broken</script><script type=\"application/ld+json\">"
		"{\"@type\":\"NewsArticle\",\"headline\":\"Good\",,}</script>"
		"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
		"\"author\":{\"name\":\"Jane Doe\"}}</script>"
		"<meta property=\"og:title\" content=\"From OpenGraph\">"
		"</head><body></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	STR_EQ(m.title, "From OpenGraph");
	list_is(&m.authors, (const char *const[]){"Jane Doe", NULL});
	meta_finish(&m);

	/* not JSON-LD at all */
	static const char other[] = "<html><head><script type=\"text/javascript\">"
		"var x = {\"@type\":\"NewsArticle\",\"headline\":\"Script\"};"
		"</script></head><body></body></html>";
	read_meta(other, &m);
	OK(m.title == NULL, "a plain script is not JSON-LD: %s", m.title);
	meta_finish(&m);
}

static void opengraph(void)
{
	static const char html[] = "<html><head>"
		"<meta property=\"og:title\" content=\"OG Headline\">"
		"<meta property=\"og:site_name\" content=\"OG Site\">"
		"<meta property=\"og:description\" content=\"OG description.\">"
		"<meta property=\"og:image\" content=\"https://og.example/i.jpg\">"
		"<meta property=\"og:url\" content=\"https://og.example/a/b\">"
		"<meta property=\"og:locale\" content=\"fr_FR\">"
		"<meta property=\"article:published_time\" "
		"content=\"2026-11-27T08:30:00+00:00\">"
		"<meta property=\"article:modified_time\" "
		"content=\"2026-11-28T08:30:00+00:00\">"
		"<meta property=\"article:section\" content=\"Culture\">"
		"<meta property=\"article:author\" content=\"Jane Doe\">"
		"</head><body><p>x</p></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	STR_EQ(m.title, "OG Headline");
	STR_EQ(m.site, "OG Site");
	STR_EQ(m.description, "OG description.");
	STR_EQ(m.image, "https://og.example/i.jpg");
	STR_EQ(m.url, "https://og.example/a/b");
	STR_EQ(m.lang, "fr_FR");
	STR_EQ(m.published, "2026-11-27T08:30:00Z");
	OK(m.modified && strncmp(m.modified, "2026-11-28", 10) == 0,
		"modified: %s", m.modified);
	STR_EQ(m.section, "Culture");
	list_is(&m.authors, (const char *const[]){"Jane Doe", NULL});
	meta_finish(&m);
}

/*
 * Several article:author tags: a profile URL is passed over for the names,
 * and every name counts.
 */
static void og_authors(void)
{
	static const char html[] = "<html><head>"
		"<meta property=\"og:title\" content=\"OG Headline\">"
		"<meta property=\"article:author\" "
		"content=\"https://facebook.example/jane\">"
		"<meta property=\"article:author\" content=\"Jane Doe\">"
		"<meta property=\"article:author\" content=\"John Roe\">"
		"</head><body><p>x</p></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	list_is(&m.authors, (const char *const[]){"Jane Doe", "John Roe",
		NULL});
	meta_finish(&m);
}

static void plain_meta(void)
{
	static const char html[] = "<html><head><title>Plain Title</title>"
		"<meta name=\"author\" content=\"Jane Doe\">"
		"<meta name=\"description\" content=\"A plain description.\">"
		"<meta name=\"date\" content=\"2026-11-27\">"
		"</head><body><p>x</p></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	OK(m.title == NULL, "no structured title: %s", m.title);
	STR_EQ(m.html_title, "Plain Title");
	list_is(&m.authors, (const char *const[]){"Jane Doe", NULL});
	STR_EQ(m.description, "A plain description.");
	STR_EQ(m.published, "2026-11-27");
	meta_finish(&m);

	/* an unreadable date is passed over for the next one */
	static const char dates[] = "<html><head>"
		"<meta name=\"pubdate\" content=\"yesterday\">"
		"<meta name=\"dc.date\" content=\"27/11/2026 nonsense\">"
		"<meta name=\"date\" content=\"Nov 27, 2026\">"
		"</head><body></body></html>";
	read_meta(dates, &m);
	STR_EQ(m.published, "2026-11-27");
	meta_finish(&m);
}

static void microdata(void)
{
	static const char html[] = "<html><body><div itemscope itemtype="
		"\"http://schema.org/NewsArticle\"><h1 itemprop=\"headline\">"
		"Microdata Headline Here</h1><span itemprop=\"author\" itemscope "
		"itemtype=\"http://schema.org/Person\"><span itemprop=\"name\">"
		"Jane Doe</span></span><meta itemprop=\"datePublished\" "
		"content=\"2026-11-27T10:00:00Z\"><meta itemprop=\"articleSection\" "
		"content=\"Science\"><div itemprop=\"articleBody\"><p>Text.</p>"
		"</div></div></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	STR_EQ(m.h1, "Microdata Headline Here");
	list_is(&m.authors, (const char *const[]){"Jane Doe", NULL});
	STR_EQ(m.published, "2026-11-27T10:00:00Z");
	STR_EQ(m.section, "Science");
	meta_finish(&m);
}

static void byline(void)
{
	static const char html[] = "<html><body><article><h1>A Headline For "
		"The Byline</h1><div class=\"article-byline\">By Jane Doe and "
		"John Roe | Nov 27, 2026</div><p>Text.</p></article>"
		"<div class=\"related\"><span class=\"byline\">By Someone Else"
		"</span></div></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	STR_EQ(m.dom_byline, "By Jane Doe and John Roe | Nov 27, 2026");
	list_is(&m.authors, (const char *const[]){"Jane Doe", "John Roe",
		NULL});
	STR_EQ(m.h1, "A Headline For The Byline");
	meta_finish(&m);

	/* rel=author */
	static const char rel[] = "<html><body><p>Story by <a rel=\"author\" "
		"href=\"/staff/jane\">Jane Doe</a></p></body></html>";
	read_meta(rel, &m);
	list_is(&m.authors, (const char *const[]){"Jane Doe", NULL});
	meta_finish(&m);
}

static void time_element(void)
{
	static const char html[] = "<html><body><aside class=\"related\">"
		"<time datetime=\"2020-01-01\">old</time></aside>"
		"<article><time datetime=\"2026-11-26T09:00:00Z\">Nov 26</time>"
		"<time datetime=\"2026-11-27T10:00:00Z\" pubdate>Nov 27</time>"
		"<p>Text.</p></article></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	STR_EQ(m.published, "2026-11-27T10:00:00Z");
	STR_EQ(m.dom_date, "2026-11-26T09:00:00Z");
	meta_finish(&m);

	/* meta wins over <time> */
	static const char both[] = "<html><head><meta property="
		"\"article:published_time\" content=\"2026-11-20\"></head><body>"
		"<time datetime=\"2026-11-27\" pubdate>x</time></body></html>";
	read_meta(both, &m);
	STR_EQ(m.published, "2026-11-20");
	meta_finish(&m);
}

static void lang_and_canonical(void)
{
	static const char html[] = "<html lang=\"en-GB\"><head>"
		"<meta property=\"og:locale\" content=\"fr_FR\">"
		"<link rel=\"canonical\" href=\"https://ex.example/canonical\">"
		"<meta property=\"og:url\" content=\"https://ex.example/og\">"
		"</head><body></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	STR_EQ(m.lang, "en-GB");
	STR_EQ(m.url, "https://ex.example/canonical");
	meta_finish(&m);

	/* a relative canonical is no canonical URL; og:url is */
	static const char rel[] = "<html><head>"
		"<link rel=\"canonical\" href=\"/canonical\">"
		"<meta property=\"og:url\" content=\"https://ex.example/og\">"
		"<meta http-equiv=\"content-language\" content=\"de\">"
		"</head><body></body></html>";
	read_meta(rel, &m);
	STR_EQ(m.url, "https://ex.example/og");
	STR_EQ(m.lang, "de");
	meta_finish(&m);
}

static void breadcrumb_dom(void)
{
	static const char html[] = "<html><body><nav class=\"breadcrumbs\">"
		"<ol><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World"
		"</a></li><li>Europe</li></ol></nav></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	list_is(&m.breadcrumb, (const char *const[]){"Home", "World", "Europe",
		NULL});
	meta_finish(&m);
}

static void clean_title(void)
{
	char *cut = NULL;
	char *t = meta_clean_title(NULL,
		"Council Approves New Budget | The Daily Ledger", NULL,
		"The Daily Ledger", &cut);
	STR_EQ(t, "Council Approves New Budget");
	STR_EQ(cut, "The Daily Ledger");
	free(t);
	free(cut);

	t = meta_clean_title(NULL,
		"The Daily Ledger - Council Approves New Budget", NULL,
		"The Daily Ledger", &cut);
	STR_EQ(t, "Council Approves New Budget");
	free(t);
	free(cut);

	/* no site known: a short trailing segment of <title> goes */
	t = meta_clean_title(NULL,
		"Council Approves New Budget After Long Debate | Ledger", NULL,
		NULL, &cut);
	STR_EQ(t, "Council Approves New Budget After Long Debate");
	STR_EQ(cut, "Ledger");
	free(t);
	free(cut);

	/* the h1 is preferred when the title holds it */
	t = meta_clean_title(NULL,
		"Council approves new budget after debate \xe2\x80\x94 Politics "
		"\xe2\x80\x94 Ledger", "Council approves new budget after debate",
		"Ledger", &cut);
	STR_EQ(t, "Council approves new budget after debate");
	free(t);
	free(cut);
	t = meta_clean_title("Council Approves New Budget!", NULL,
		"Council approves  new budget", NULL, NULL);
	STR_EQ(t, "Council approves new budget");
	free(t);

	/* nothing matches the site: a headline with a dash stays whole */
	t = meta_clean_title("Review: Hamlet - A Tragedy Reimagined", NULL, NULL,
		"The Daily Ledger", &cut);
	STR_EQ(t, "Review: Hamlet - A Tragedy Reimagined");
	OK(cut == NULL, "nothing cut: %s", cut);
	free(t);
	free(cut);

	t = meta_clean_title(NULL, NULL, "Only An H1", NULL, NULL);
	STR_EQ(t, "Only An H1");
	free(t);
	t = meta_clean_title(NULL, "  ", NULL, NULL, NULL);
	STR_EQ(t, "");
	free(t);
}

/* Splits byline and compares with want (NULL-terminated). */
static void split_is(const char *byline, const char *const *want)
{
	struct bs_strlist l = {0};
	meta_split_authors(byline, &l);
	size_t n = 0;
	while (want[n]) {
		n++;
	}
	OK(l.count == n, "\"%s\" gives %zu names, want %zu (first: %s)",
		byline, l.count, n, l.count ? l.items[0] : "-");
	for (size_t i = 0; i < l.count && i < n; i++) {
		STR_EQ(l.items[i], want[i]);
	}
	strlist_finish(&l);
}

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NONE ((const char *const[]){NULL})

static void split_authors(void)
{
	split_is("By Jane Doe and John Roe", NAMES("Jane Doe", "John Roe"));
	split_is("Jane Doe, John Roe", NAMES("Jane Doe", "John Roe"));
	split_is("Jane Doe & John Roe; Ana Lima",
		NAMES("Jane Doe", "John Roe", "Ana Lima"));
	split_is("Jane Doe, Staff Writer", NAMES("Jane Doe"));
	split_is("Von Hans M\xc3\xbcller", NAMES("Hans M\xc3\xbcller"));
	split_is("Par Jean Dupont et Marie Curie",
		NAMES("Jean Dupont", "Marie Curie"));
	split_is("By Jane Doe Published 27 Nov 2026", NAMES("Jane Doe"));
	split_is("Jane Doe and jane doe", NAMES("Jane Doe"));
	split_is("https://example.com/authors/jane-doe", NONE);
	split_is("jane.doe@example.com", NONE);
	split_is("November 27, 2026", NONE);
	split_is("", NONE);
	split_is(NULL, NONE);

	/* case as written; the date after the bar goes */
	struct bs_strlist l = {0};
	meta_split_authors("By JANE DOE | Nov 27, 2026", &l);
	INT_EQ(l.count, 1);
	if (l.count) {
		OK(strcasecmp(l.items[0], "Jane Doe") == 0, "name: %s",
			l.items[0]);
	}
	strlist_finish(&l);
}

static void section_from_url(void)
{
	static const struct {
		const char *url, *want;
	} cases[] = {
		{"https://ex.example/opinion/2026/11/x", "Opinion"},
		{"https://ex.example/world-news/x", "World News"},
		{"https://www.ex.example/sport/football/x.html", "Sport"},
		{"https://ex.example/2026/11/27/x", NULL},
		{"https://ex.example/some-long-article-slug-here", NULL},
		{"https://ex.example/article/x", NULL},
		{"https://ex.example/", NULL},
		{"https://ex.example", NULL},
		{"not a url", NULL},
		{NULL, NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = meta_section_from_url(cases[i].url);
		STR_EQ(s, cases[i].want);
		free(s);
	}
}

static void clean_section(void)
{
	static const struct {
		const char *raw, *want;
	} cases[] = {
		{"WORLD", "World"},
		{"world", "World"},
		{"world-news", "World News"},
		{"News > Politics", "News"},
		{"A; B", "A"},
		{"Tech & Science", "Tech & Science"},
		{"  Business  ", "Business"},
		{"https://ex.example/section/world", NULL},
		{"", NULL},
		{"   ", NULL},
		{NULL, NULL},
		{"A section name that is really far too long to be one", NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = meta_clean_section(cases[i].raw);
		STR_EQ(s, cases[i].want);
		free(s);
	}
}

static void clean_lang(void)
{
	static const struct {
		const char *raw, *want;
	} cases[] = {
		{"en_US", "en-US"},
		{"EN", "en"},
		{"en", "en"},
		{"fr-fr", "fr-FR"},
		{"EN-us", "en-US"},
		{"de-DE, en", "de-DE"},
		{"x", NULL},
		{"", NULL},
		{"en-", NULL},
		{"english", NULL},
		{"12", NULL},
		{NULL, NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = meta_clean_lang(cases[i].raw);
		STR_EQ(s, cases[i].want);
		free(s);
	}
}

static void dates(void)
{
	static const struct {
		const char *raw, *want;
	} cases[] = {
		{"2026-11-27", "2026-11-27"},
		{"2026-11-27T10:00:00+00:00", "2026-11-27T10:00:00Z"},
		{"Nov 27, 2026", "2026-11-27"},
		{"Fri, 27 Nov 2026 10:00:00 GMT", "2026-11-27T10:00:00Z"},
		{"garbage", NULL},
		{"", NULL},
		{NULL, NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = meta_date(cases[i].raw);
		STR_EQ(s, cases[i].want);
		free(s);
	}
	char *h = meta_url_host("https://www.Example.COM:8080/x?y");
	STR_EQ(h, "example.com");
	free(h);
	OK(meta_url_host("no-scheme") == NULL, "no host");
}

/* One property attribute naming several keys counts for each of them. */
static void dc_title_keys(void)
{
	static const char html[] = "<html><head><title>Page | Ledger</title>"
		"<meta property=\"og:title\" content=\"OG Headline\">"
		"<meta property=\"x:title dc:title\" content=\"DC Headline\">"
		"</head><body></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	STR_EQ(m.title, "DC Headline");
	meta_finish(&m);

	/* the limit: a key of no known vocabulary counts for nothing */
	static const char other[] = "<html><head>"
		"<meta property=\"x:title\" content=\"X Headline\">"
		"<meta property=\"og:title\" content=\"OG Headline\">"
		"</head><body></body></html>";
	read_meta(other, &m);
	STR_EQ(m.title, "OG Headline");
	meta_finish(&m);
}

/* Dublin Core before OpenGraph and plain meta, wherever it is in <head>. */
static void dc_precedence(void)
{
	static const char html[] = "<html><head>"
		"<meta property=\"og:title\" content=\"OG Headline\">"
		"<meta name=\"author\" content=\"John Roe\">"
		"<meta name=\"dc:title\" content=\"DC Headline\">"
		"<meta name=\"dc:creator\" content=\"Jane Doe\">"
		"</head><body></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	STR_EQ(m.title, "DC Headline");
	list_is(&m.authors, (const char *const[]){"Jane Doe", NULL});
	meta_finish(&m);

	/* the limit: a creator that is only an address is passed over */
	static const char url[] = "<html><head>"
		"<meta name=\"dc:creator\" content=\"https://ledger.example/jane\">"
		"<meta name=\"author\" content=\"John Roe\">"
		"</head><body></body></html>";
	read_meta(url, &m);
	list_is(&m.authors, (const char *const[]){"John Roe", NULL});
	meta_finish(&m);
}

/* JSON-LD "name" that is the publisher's name: the headline is the title. */
static void jsonld_name_publisher(void)
{
	static const char html[] = "<html><head><title>The Daily Ledger</title>"
		"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
		"\"name\":\"The Daily Ledger\",\"headline\":\"Council Approves "
		"New Budget\",\"publisher\":{\"@type\":\"Organization\",\"name\":"
		"\"The Daily Ledger\"}}</script></head><body></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	STR_EQ(m.title, "Council Approves New Budget");
	STR_EQ(m.site, "The Daily Ledger");
	meta_finish(&m);
}

/* JSON-LD "name" and "headline" differ: the one closer to <title> wins. */
static void jsonld_name_headline(void)
{
	static const char by_name[] = "<html><head><title>Council approves "
		"budget after six-hour debate | Ledger</title><script type="
		"\"application/ld+json\">{\"@type\":\"NewsArticle\",\"name\":"
		"\"Council approves budget after six-hour debate\",\"headline\":"
		"\"Budget passes\"}</script></head><body></body></html>";
	struct bs_meta m;
	read_meta(by_name, &m);
	STR_EQ(m.title, "Council approves budget after six-hour debate");
	meta_finish(&m);

	static const char by_headline[] = "<html><head><title>Council approves "
		"budget after six-hour debate | Ledger</title><script type="
		"\"application/ld+json\">{\"@type\":\"NewsArticle\",\"name\":"
		"\"Politics live\",\"headline\":\"Council approves budget after "
		"six-hour debate\"}</script></head><body></body></html>";
	read_meta(by_headline, &m);
	STR_EQ(m.title, "Council approves budget after six-hour debate");
	meta_finish(&m);

	/* only a name: the name */
	static const char name_only[] = "<html><head><script type="
		"\"application/ld+json\">{\"@type\":\"NewsArticle\",\"name\":"
		"\"Only A Name\"}</script></head><body></body></html>";
	read_meta(name_only, &m);
	STR_EQ(m.title, "Only A Name");
	meta_finish(&m);
}

/* The first byline element that yields a name; a bare "By" is passed over. */
static void byline_first_named(void)
{
	static const char html[] = "<html><body><article><h1>A Headline For "
		"The Byline</h1><div class=\"byline\"><span>By</span> <img "
		"src=\"jane.jpg\" alt=\"\"></div><p class=\"article-byline\">By "
		"Jane Doe</p><span class=\"byline\">By John Roe</span><p>Text."
		"</p></article></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	STR_EQ(m.dom_byline, "By Jane Doe");
	list_is(&m.authors, (const char *const[]){"Jane Doe", NULL});
	meta_finish(&m);
}

/* "authorization", "authority": not bylines. */
static void byline_authorization(void)
{
	static const char html[] = "<html><body><div id=\"authorization\">"
		"<span>Account Holder</span></div><div class=\"port-authority"
		"\">Harbour Board</div><article><h1>A Headline For The Byline"
		"</h1><p>Text.</p></article></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	INT_EQ(m.authors.count, 0);
	OK(m.dom_byline == NULL, "a byline: %s", m.dom_byline);
	meta_finish(&m);

	/* and the real one after it is found */
	static const char both[] = "<html><body><div id=\"authorization\">"
		"<span>Account Holder</span></div><article><div class=\"author\">"
		"Jane Doe</div><p>Text.</p></article></body></html>";
	read_meta(both, &m);
	list_is(&m.authors, (const char *const[]){"Jane Doe", NULL});
	STR_EQ(m.dom_byline, "Jane Doe");
	meta_finish(&m);
}

/* A degree after a comma belongs to the name before it. */
static void author_credentials(void)
{
	split_is("Brenda Goodman, MA", NAMES("Brenda Goodman"));
	split_is("By Brenda Goodman, MA", NAMES("Brenda Goodman"));
	split_is("Brenda Goodman, M.A., and John Roe, PhD",
		NAMES("Brenda Goodman", "John Roe"));
	static const char html[] = "<html><head><meta name=\"author\" "
		"content=\"Brenda Goodman, MA\"></head><body></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	list_is(&m.authors, (const char *const[]){"Brenda Goodman", NULL});
	meta_finish(&m);
	/* the limit: two names after a comma are two authors */
	split_is("Brenda Goodman, Ma Long", NAMES("Brenda Goodman",
		"Ma Long"));
}

/* "Sign In" in an author slot is a button, never a name. */
static void sign_in(void)
{
	split_is("Sign In", NONE);
	split_is("By Jane Doe | Sign In", NAMES("Jane Doe"));
	static const char html[] = "<html><head><meta name=\"author\" "
		"content=\"Sign In\"></head><body><header><a class=\"author-login\""
		" href=\"/login\">Sign In</a></header><article><p class=\"byline\">"
		"By Jane Doe</p><p>Text.</p></article></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	list_is(&m.authors, (const char *const[]){"Jane Doe", NULL});
	meta_finish(&m);
}

/* Schema.org author markup in an <aside> is read; class words are not. */
static void aside_itemprop(void)
{
	static const char html[] = "<html><body><article><h1>A Headline For "
		"The Aside</h1><p>Text.</p></article><aside><div itemprop=\""
		"author\" itemscope itemtype=\"https://schema.org/Person\"><span "
		"itemprop=\"name\">Jane Doe</span></div></aside></body></html>";
	struct bs_meta m;
	read_meta(html, &m);
	list_is(&m.authors, (const char *const[]){"Jane Doe", NULL});
	meta_finish(&m);

	/* the limits: a class byline in an aside, itemprop in comments */
	static const char untrusted[] = "<html><body><article><p>Text.</p>"
		"</article><aside><span class=\"byline\">By John Roe</span></aside>"
		"<div class=\"comments\"><span itemprop=\"author\">Ana Lima</span>"
		"</div></body></html>";
	read_meta(untrusted, &m);
	INT_EQ(m.authors.count, 0);
	meta_finish(&m);
}

static const struct subtest tests[] = {
	{"jsonld_article", jsonld_article},
	{"jsonld_shapes", jsonld_shapes},
	{"jsonld_graph", jsonld_graph},
	{"jsonld_wrapped", jsonld_wrapped},
	{"jsonld_broken", jsonld_broken},
	{"opengraph", opengraph},
	{"og_authors", og_authors},
	{"plain_meta", plain_meta},
	{"microdata", microdata},
	{"byline", byline},
	{"time", time_element},
	{"lang_canonical", lang_and_canonical},
	{"breadcrumb_dom", breadcrumb_dom},
	{"clean_title", clean_title},
	{"split_authors", split_authors},
	{"section_from_url", section_from_url},
	{"clean_section", clean_section},
	{"clean_lang", clean_lang},
	{"dates", dates},
	{"dc_title_keys", dc_title_keys},
	{"dc_precedence", dc_precedence},
	{"jsonld_name_publisher", jsonld_name_publisher},
	{"jsonld_name_headline", jsonld_name_headline},
	{"byline_first_named", byline_first_named},
	{"byline_authorization", byline_authorization},
	{"author_credentials", author_credentials},
	{"sign_in", sign_in},
	{"aside_itemprop", aside_itemprop},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
