/*
 * extract/body: finding the article in a page. Each page is written here
 * with the boilerplate news sites wrap around an article (masthead, menus,
 * share bars, rails of related links, footers); the result is checked as
 * the plain text of the sanitized body.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "extract/body.h"
#include "extract/plaintext.h"
#include "extract/sanitize.h"
#include "ingest/ingest.h"
#include "util/buf.h"

#include "harness.h"

static const struct bs_picture_ctx nowhere = {
	.page_dir = "/nonexistent",
	.root = "/nonexistent",
	.target_width = 1264,
};

/* Eight paragraphs of an article, each with a phrase found nowhere else. */
static const char *const paras[] = {
	"The city council approved its budget for next year on Tuesday night, "
	"after a debate that ran for almost six hours, with seven members in "
	"favour and two against the plan.",
	"Under the plan, spending on road repairs rises by a fifth, while the "
	"libraries keep their opening hours, a point that had drawn hundreds "
	"of letters from residents over the summer.",
	"Opponents said the harbour levy, which funds most of the increase, "
	"would fall hardest on small traders, and asked for a review before "
	"the first payments are due in the spring.",
	"The finance chair, speaking after the vote, said the levy was the "
	"fairest option on the table, and that the council would publish "
	"every contract paid for by it.",
	"Residents who spoke at the meeting were divided: some welcomed the "
	"repairs, others said the consultation had been too short, too "
	"technical and held at hours when most people work.",
	"The budget also sets aside money for a new ferry pier, a project "
	"first proposed a decade ago, which the port authority says could "
	"open within three years if the permits arrive.",
	"Council staff will present a timetable for the repairs next month, "
	"starting with the bridges on the eastern side of the river, where "
	"inspectors found the worst damage last winter.",
	"A second vote, on the levy's exact rate, is expected in January, "
	"and several members said they would push for an exemption for "
	"stalls at the weekend market.",
};

/* A distinctive phrase of paragraph i, to look for in the output. */
static const char *const marks[] = {
	"after a debate that ran for almost six hours",
	"spending on road repairs rises by a fifth",
	"would fall hardest on small traders",
	"the fairest option on the table",
	"the consultation had been too short",
	"a new ferry pier",
	"starting with the bridges on the eastern side",
	"an exemption for stalls at the weekend market",
};

enum { N_PARAS = sizeof(paras) / sizeof(paras[0]) };

static void add(struct bs_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add(struct bs_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char tmp[8192];
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	buf_puts(b, tmp);
}

/* Paragraphs from..to-1 as <p> elements. */
static void add_paras(struct bs_buf *b, size_t from, size_t to)
{
	for (size_t i = from; i < to && i < N_PARAS; i++) {
		add(b, "<p>%s</p>\n", paras[i]);
	}
}

static void page_head(struct bs_buf *b)
{
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
		"<meta charset=\"utf-8\"><title>Council approves budget | "
		"The Harbour Gazette</title><style>body{font:serif}</style>"
		"<script>window.dataLayer=[];</script></head>\n<body>\n"
		"<header class=\"site-header\"><a class=\"logo\" href=\"/\">The "
		"Harbour Gazette</a><nav class=\"main-nav\"><ul>"
		"<li><a href=\"/news\">News</a></li><li><a href=\"/sport\">"
		"Sport</a></li><li><a href=\"/business\">Business</a></li>"
		"<li><a href=\"/culture\">Culture</a></li><li><a href=\"/opinion\">"
		"Opinion</a></li></ul></nav></header>\n"
		"<div class=\"cookie-consent\">We use cookies to improve your "
		"experience. <button>Accept</button></div>\n");
}

static void page_foot(struct bs_buf *b)
{
	buf_puts(b, "<footer class=\"site-footer\"><p>&copy; 2026 The Harbour "
		"Gazette. All rights reserved.</p><ul><li><a href=\"/about\">"
		"About us</a></li><li><a href=\"/contact\">Contact</a></li>"
		"<li><a href=\"/privacy\">Privacy policy</a></li></ul></footer>\n"
		"<script>track();</script></body></html>\n");
}

/* A rail of teaser links, as long as the article or longer. */
static void related_rail(struct bs_buf *b, const char *cls)
{
	add(b, "<div class=\"%s\"><h3>Most read</h3><ul>\n", cls);
	for (int i = 1; i <= 25; i++) {
		add(b, "<li><a href=\"/news/2026/11/story-%d\">Teaser headline "
			"number %d about the harbour, the ferry and the weekend "
			"market stalls</a></li>\n", i, i);
	}
	buf_puts(b, "</ul></div>\n");
}

/* Parses html, extracts, sanitizes; the plain text or NULL. */
static char *extract_text(const char *html)
{
	htmlDocPtr doc = ingest_parse_html(html, strlen(html), NULL);
	OK(doc != NULL, "parsed");
	if (!doc) {
		return NULL;
	}
	xmlNode *content = body_extract(doc, NULL);
	char *text = NULL;
	if (content) {
		struct bs_sanitize so = {
			.pictures = &nowhere,
			.base_url = "https://gazette.example/news/budget",
			.images = false,
		};
		xmlDocPtr body = sanitize(content, &so);
		text = plaintext(xmlDocGetRootElement(body));
		xmlFreeDoc(body);
		xmlFreeNode(content);
	}
	xmlFreeDoc(doc);
	return text;
}

/* Checks that paragraphs from..to-1 are all in text. */
static void has_paras(const char *text, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		OK(text && strstr(text, marks[i]) != NULL,
			"paragraph %zu missing", i + 1);
	}
}

static void lacks(const char *text, const char *what)
{
	OK(!text || strstr(text, what) == NULL, "\"%s\" kept", what);
}

static void sidebar(void)
{
	struct bs_buf b = {0};
	page_head(&b);
	buf_puts(&b, "<div class=\"page\"><div class=\"rail-left\">");
	related_rail(&b, "rail-list");
	buf_puts(&b, "</div><main><article><h1>Council approves budget after "
		"six-hour debate</h1><p class=\"dek\">By Jane Doe</p>\n");
	add_paras(&b, 0, N_PARAS);
	buf_puts(&b, "</article></main><div class=\"rail-right\">");
	related_rail(&b, "popular-list");
	buf_puts(&b, "<div class=\"teasers\"><p><a href=\"/a\">A long teaser "
		"paragraph about another story, the one about the harbour "
		"levy, with a link in it, and more words.</a></p></div></div>"
		"</div>\n");
	page_foot(&b);
	char *text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	has_paras(text, 0, N_PARAS);
	lacks(text, "Teaser headline number");
	lacks(text, "A long teaser paragraph");
	lacks(text, "All rights reserved");
	lacks(text, "We use cookies");
	lacks(text, "Privacy policy");
	free(text);
	buf_finish(&b);
}

static void boilerplate_inside(void)
{
	struct bs_buf b = {0};
	page_head(&b);
	buf_puts(&b, "<main><article class=\"story\"><h1>Council approves "
		"budget</h1>\n<div class=\"share-bar\"><a href=\"https://"
		"facebook.example/share\">Share on Facebook</a> <a href=\""
		"https://twitter.example/share\">Share on X</a> <a href=\""
		"mailto:?subject=x\">Email this story</a></div>\n"
		"<div class=\"article-body\">\n");
	add_paras(&b, 0, 3);
	buf_puts(&b, "<div class=\"newsletter-signup\"><h3>Morning briefing"
		"</h3><p>Sign up for our newsletter and get the best stories "
		"in your inbox every single morning, for free.</p><form action="
		"\"/subscribe\"><input type=\"email\" name=\"e\"><button>"
		"Subscribe</button></form></div>\n");
	add_paras(&b, 3, 5);
	buf_puts(&b, "<p hidden>A hidden paragraph that nobody sees, HIDDEN-A, "
		"long enough to count as a paragraph of text.</p>\n"
		"<div style=\"display: none\"><p>Another invisible paragraph, "
		"HIDDEN-B, long enough to count as a paragraph of text.</p>"
		"</div>\n<div aria-hidden=\"true\"><p>A third invisible "
		"paragraph, HIDDEN-C, long enough to count as a paragraph."
		"</p></div>\n");
	add_paras(&b, 5, N_PARAS);
	buf_puts(&b, "</div>\n<div class=\"share-tools\"><a href=\"#\">Share"
		"</a> <a href=\"#\">Print</a></div>\n"
		"<div id=\"comments\" class=\"comments-section\"><h3>Comments"
		"</h3><div class=\"comment\"><p>Great piece, thank you, I "
		"agree with every word, COMMENT-TEXT, and I hope they listen."
		"</p></div><div class=\"comment\"><p>Nonsense, the levy will "
		"ruin us all, mark my words, COMMENT-TWO, see you in court."
		"</p></div></div>\n</article></main>\n");
	page_foot(&b);
	char *text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	has_paras(text, 0, N_PARAS);
	lacks(text, "Share on Facebook");
	lacks(text, "Email this story");
	lacks(text, "Sign up for our newsletter");
	lacks(text, "Subscribe");
	lacks(text, "HIDDEN-A");
	lacks(text, "HIDDEN-B");
	lacks(text, "HIDDEN-C");
	lacks(text, "COMMENT-TEXT");
	lacks(text, "COMMENT-TWO");
	lacks(text, "window.dataLayer");
	free(text);
	buf_finish(&b);
}

static void split_containers(void)
{
	/* the same container twice, an advertisement between */
	struct bs_buf b = {0};
	page_head(&b);
	buf_puts(&b, "<main><article><h1>Council approves budget</h1>\n"
		"<div class=\"article-body__content\">\n");
	add_paras(&b, 0, 4);
	buf_puts(&b, "</div>\n<div class=\"ad-slot\"><div id=\"ad-mid\">"
		"Advertisement</div></div>\n"
		"<div class=\"article-body__content\">\n");
	add_paras(&b, 4, N_PARAS);
	buf_puts(&b, "</div>\n</article></main>\n");
	related_rail(&b, "more-stories");
	page_foot(&b);
	char *text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	has_paras(text, 0, N_PARAS);
	lacks(text, "Teaser headline number");
	free(text);
	buf_finish(&b);

	/* two different containers, one after the other */
	buf_init(&b);
	page_head(&b);
	buf_puts(&b, "<div class=\"wrapper\"><div class=\"story-lead\">\n");
	add_paras(&b, 0, 3);
	buf_puts(&b, "</div>\n<div class=\"story-continued\">\n");
	add_paras(&b, 3, N_PARAS);
	buf_puts(&b, "</div></div>\n");
	related_rail(&b, "more-stories");
	page_foot(&b);
	text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	has_paras(text, 0, N_PARAS);
	lacks(text, "Teaser headline number");
	free(text);
	buf_finish(&b);
}

static void br_paragraphs(void)
{
	struct bs_buf b = {0};
	page_head(&b);
	buf_puts(&b, "<div id=\"main\"><div class=\"post\"><h2>Council approves "
		"budget</h2><div class=\"post-text\">");
	for (size_t i = 0; i < N_PARAS; i++) {
		add(&b, "%s%s\n", i ? "<br><br>\n" : "", paras[i]);
	}
	buf_puts(&b, "</div></div></div>\n");
	related_rail(&b, "blogroll");
	page_foot(&b);
	char *text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	has_paras(text, 0, N_PARAS);
	lacks(text, "Teaser headline number");
	/* each paragraph stands on its own */
	for (size_t i = 0; text && i + 1 < N_PARAS; i++) {
		const char *a = strstr(text, marks[i]);
		const char *z = strstr(text, marks[i + 1]);
		if (!a || !z) {
			continue;
		}
		const char *brk = strstr(a, "\n\n");
		OK(brk && brk < z, "a paragraph break between %zu and %zu",
			i + 1, i + 2);
	}
	free(text);
	buf_finish(&b);
}

/* body_extract() on html must find nothing. */
static void no_article(const char *html, const char *what)
{
	htmlDocPtr doc = ingest_parse_html(html, strlen(html), NULL);
	xmlNode *content = doc ? body_extract(doc, NULL) : NULL;
	if (content) {
		xmlChar *t = xmlNodeGetContent(content);
		OK(content == NULL, "%s: no article, got \"%s\"", what,
			t ? (const char *)t : "");
		xmlFree(t);
		xmlFreeNode(content);
	}
	xmlFreeDoc(doc);
}

static void navigation_only(void)
{
	no_article("<!DOCTYPE html><html><head><title>Sections</title>"
		"<script>x()</script></head><body><header><nav class=\"main-nav\">"
		"<ul><li><a href=\"/a\">World</a></li><li><a href=\"/b\">Europe"
		"</a></li><li><a href=\"/c\">Americas</a></li></ul></nav>"
		"</header>\n<aside class=\"sidebar\"><ul><li><a href=\"/d\">"
		"Weather</a></li><li><a href=\"/e\">Crosswords</a></li></ul>"
		"</aside>\n<footer><p>&copy; 2026 The Harbour Gazette</p><ul>"
		"<li><a href=\"/about\">About us</a></li></ul></footer></body>"
		"</html>", "nav, aside and footer");
	no_article("<html><head><title>x</title></head><body>   </body></html>",
		"an empty body");
	no_article("<html><head><title>Only a head</title></head></html>",
		"no body");
}

/*
 * A section front made of menus written with <div>s and link lists, as
 * many sites do, with a logo link: navigation still, no article.
 */
static void navigation_menus(void)
{
	no_article("<!DOCTYPE html><html><head><title>Sections</title></head>"
		"<body><div class=\"top\"><a class=\"logo\" href=\"/\">The "
		"Harbour Gazette</a></div>\n<div class=\"menu\"><ul><li><a "
		"href=\"/a\">World</a></li><li><a href=\"/b\">Europe</a></li>"
		"<li><a href=\"/c\">Americas</a></li></ul></div>\n<div class="
		"\"section-list\"><ul><li><a href=\"/d\">Harbour levy vote "
		"delayed again</a></li><li><a href=\"/e\">Ferry pier plans go "
		"on show</a></li><li><a href=\"/f\">Weekend market stalls to "
		"stay</a></li></ul></div>\n<div id=\"footer\"><a href=\"/about"
		"\">About us</a> <a href=\"/privacy\">Privacy</a></div>"
		"</body></html>", "menus of links");
}

static void article_body_itemprop(void)
{
	struct bs_buf b = {0};
	page_head(&b);
	/*
	 * An archive box whose text outscores the four paragraphs of the
	 * article when class and itemprop weights are left out.
	 */
	buf_puts(&b, "<div class=\"box\"><div class=\"box-inner\"><div class="
		"\"box-col\"><div class=\"box-cell\"><div class=\"box-notes\">\n");
	for (int i = 1; i <= 6; i++) {
		add(&b, "<p>Archive note %d, DECOY-TEXT: in other years the "
			"council, the port, the traders and the residents "
			"argued, voted and appealed, with much the same result."
			"</p>\n", i);
	}
	buf_puts(&b, "</div></div></div></div></div>\n<div class=\"holder\"><div "
		"itemprop=\"articleBody\">\n");
	add_paras(&b, 0, 4);
	buf_puts(&b, "</div></div>\n");
	page_foot(&b);
	char *text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	has_paras(text, 0, 4);
	lacks(text, "DECOY-TEXT");
	free(text);
	buf_finish(&b);
}

static void inert_removed(void)
{
	/* body_extract() cleans the page it is given */
	static const char html[] = "<html><head><script>var a=1;</script>"
		"</head><body><article><p>Some words of an article that is long "
		"enough to be taken, with commas, clauses, and a full stop."
		"</p><script>var b=2;</script><!-- a comment --><iframe src="
		"\"https://ads.example/\"></iframe><noscript>Enable JS</noscript>"
		"</article></body></html>";
	htmlDocPtr doc = ingest_parse_html(html, sizeof(html) - 1, NULL);
	xmlNode *content = body_extract(doc, NULL);
	OK(content != NULL, "an article");
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *n = root; n; ) {
		OK(n->type != XML_COMMENT_NODE, "a comment stayed in the page");
		OK(n->type != XML_ELEMENT_NODE || (strcmp((const char *)n->name,
			"script") != 0 && strcmp((const char *)n->name, "iframe")
			!= 0), "<%s> stayed in the page", n->name);
		if (n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next && n != root) {
			n = n->parent;
		}
		n = n && n != root ? n->next : NULL;
	}
	if (content) {
		xmlChar *x = xmlNodeGetContent(content);
		const char *t = x ? (const char *)x : "";
		OK(strstr(t, "Some words of an article"), "text: %s", t);
		OK(!strstr(t, "Enable JS"), "noscript: %s", t);
		xmlFree(x);
	}
	xmlFreeNode(content);
	xmlFreeDoc(doc);
}

/*
 * <wbr> and <embed> are void in HTML, but libxml2's HTML parser (2.9) puts
 * what follows them inside them; removing them must not remove that text.
 */
static void void_elements(void)
{
	struct bs_buf b = {0};
	page_head(&b);
	buf_puts(&b, "<main><article><h1>Council approves budget</h1>\n");
	add_paras(&b, 0, 1);
	buf_puts(&b, "<p>Under the plan, spending on road<wbr>repairs rises by a "
		"fifth, while the libraries keep their opening hours.</p>\n");
	add_paras(&b, 2, 4);
	buf_puts(&b, "<embed type=\"video/mp4\" src=\"clip.mp4\" width=\"640\">"
		"\n");
	add_paras(&b, 4, N_PARAS);
	buf_puts(&b, "</article></main>\n");
	page_foot(&b);
	char *text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	OK(text && strstr(text, "roadrepairs rises by a fifth"),
		"the words after <wbr>");
	has_paras(text, 0, 1);
	has_paras(text, 2, N_PARAS);
	free(text);
	buf_finish(&b);
}

/* Checks that the paragraphs from..to-1 come in order in text. */
static void in_order(const char *text, size_t from, size_t to)
{
	const char *prev = NULL;
	for (size_t i = from; text && i < to; i++) {
		const char *at = strstr(text, marks[i]);
		OK(at && (!prev || at > prev), "paragraph %zu out of order",
			i + 1);
		if (at) {
			prev = at;
		}
	}
}

/* Wraps paragraphs from..to-1 in <div class="gr-chunk"> inside wrappers. */
static void add_chunk(struct bs_buf *b, const char *const *wraps, size_t from,
	size_t to)
{
	size_t n = 0;
	for (; wraps[n]; n++) {
		add(b, "<div class=\"%s\">", wraps[n]);
	}
	buf_puts(b, "<div class=\"gr-chunk\">\n");
	add_paras(b, from, to);
	buf_puts(b, "</div>");
	while (n--) {
		buf_puts(b, "</div>");
	}
	buf_puts(b, "\n");
}

static const char picture[] = "<div class=\"slot\"><figure><img src=\""
	"https://cdn.example/council.jpg\" alt=\"The council\"><figcaption>The "
	"council chamber on Tuesday night</figcaption></figure></div>\n";

static const char advert[] = "<div class=\"ad-slot\"><div>Advertisement"
	"</div></div>\n";

/*
 * An article in three blocks with the same element and class, each deep
 * in wrappers of its own, between a picture and advertisements: all of
 * them, in order, and not the rail.
 */
static void split_kin(void)
{
	static const char *const wraps[] = {"slot", "slot-in", "slot-wrap",
		"slot-cell", NULL};
	struct bs_buf b = {0};
	page_head(&b);
	buf_puts(&b, "<main><article><h1>Council approves budget</h1>\n");
	add_chunk(&b, wraps, 0, 5);
	buf_puts(&b, picture);
	buf_puts(&b, advert);
	add_chunk(&b, wraps, 5, 7);
	buf_puts(&b, advert);
	add_chunk(&b, wraps, 7, N_PARAS);
	buf_puts(&b, "</article></main>\n");
	related_rail(&b, "more-stories");
	page_foot(&b);
	char *text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	has_paras(text, 0, N_PARAS);
	in_order(text, 0, N_PARAS);
	lacks(text, "Advertisement");
	lacks(text, "Teaser headline number");
	free(text);
	buf_finish(&b);

	/*
	 * The limit: a block with the same element and class that is a list
	 * of links (another story's teasers) is no kin.
	 */
	buf_init(&b);
	page_head(&b);
	buf_puts(&b, "<main><article><div class=\"gr-chunk\">\n");
	add_paras(&b, 0, N_PARAS);
	buf_puts(&b, "</div></article></main>\n<div class=\"rail\">"
		"<div class=\"gr-chunk\">");
	for (int i = 1; i <= 6; i++) {
		add(&b, "<p><a href=\"/news/kin-%d\">Kin teaser %d about the "
			"harbour, the ferry and the weekend market</a></p>", i, i);
	}
	buf_puts(&b, "</div></div>\n");
	page_foot(&b);
	text = extract_text(buf_str(&b));
	has_paras(text, 0, N_PARAS);
	lacks(text, "Kin teaser");
	free(text);
	buf_finish(&b);
}

/*
 * As split_kin, the wrappers of the later blocks named differently from
 * the first one's ("slot slot--after-ad"): the blocks are still kin.
 */
static void split_kin_wrapped(void)
{
	static const char *const first[] = {"slot", "slot-in", "slot-wrap",
		"slot-cell", NULL};
	static const char *const later[] = {"slot slot--after-ad", "slot-in",
		"slot-wrap", "slot-cell", NULL};
	struct bs_buf b = {0};
	page_head(&b);
	buf_puts(&b, "<main><article><h1>Council approves budget</h1>\n");
	add_chunk(&b, first, 0, 5);
	buf_puts(&b, picture);
	buf_puts(&b, advert);
	add_chunk(&b, later, 5, 7);
	buf_puts(&b, advert);
	add_chunk(&b, later, 7, N_PARAS);
	buf_puts(&b, "</article></main>\n");
	related_rail(&b, "more-stories");
	page_foot(&b);
	char *text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	has_paras(text, 0, N_PARAS);
	in_order(text, 0, N_PARAS);
	lacks(text, "Advertisement");
	free(text);
	buf_finish(&b);
}

/*
 * A page builder wraps every widget in the same class: the article's
 * block, the comments, the author box. A class that many elements share
 * is layout, and its other holders are not the article's kin.
 */
static void split_kin_layout_class(void)
{
	struct bs_buf b = {0};
	page_head(&b);
	buf_puts(&b, "<main>");
	for (int i = 0; i < 9; i++) {
		add(&b, "<div class=\"widget w%d\"><div class=\"widget-inner\">"
			"<a href=\"/s%d\">Section %d</a></div></div>\n", i, i, i);
	}
	buf_puts(&b, "<div class=\"widget post\"><div class=\"widget-inner\">"
		"<h1>Council approves budget</h1>\n");
	add_paras(&b, 0, N_PARAS);
	buf_puts(&b, "</div></div>\n<div class=\"widget talk\"><div "
		"class=\"widget-inner\"><p>Reader one wrote that the levy was a "
		"disgrace and that nobody at the council had listened to the "
		"traders, and said so at length, twice.</p><p>Reader two "
		"disagreed with reader one about almost everything, and wrote a "
		"long reply that nobody asked for either.</p></div></div>"
		"</main>\n");
	page_foot(&b);
	char *text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	has_paras(text, 0, N_PARAS);
	lacks(text, "Reader one wrote");
	free(text);
	buf_finish(&b);
}

/*
 * A block named with a weak negative word ("media", "meta") that holds
 * prose stays; one named "share" or "related" goes, prose or not.
 */
static void weak_negative(void)
{
	struct bs_buf b = {0};
	page_head(&b);
	buf_puts(&b, "<main><article><div class=\"article-body\">\n");
	add_paras(&b, 0, 3);
	buf_puts(&b, "<div class=\"leafmedia\"><p>MEDIA-PROSE: the budget "
		"papers, published in full on the council's site, run to four "
		"hundred pages, with a summary for residents.</p></div>\n");
	add_paras(&b, 3, 5);
	buf_puts(&b, "<div class=\"meta-paragraph\"><p>META-PROSE: members "
		"voted by a show of hands, which the clerk counted twice, "
		"before the chair read out the result.</p></div>\n");
	/* long enough that only its class word can tell it */
	buf_puts(&b, "<div class=\"share-callout\"><p>SHARE-PROSE: have "
		"you been affected by the harbour levy, the road repairs or the "
		"new opening hours of the libraries? We would like to hear from "
		"you, whether you run a stall at the weekend market, work at "
		"the port, or simply cross the bridges on the eastern side of "
		"the river every day.</p><p>Write to the newsroom with your "
		"name, your street and a telephone number, and tell us, in a "
		"few lines, what the budget means for you, your family, your "
		"neighbours and your business; we read every letter, and we "
		"will publish a selection of them next week.</p></div>\n");
	buf_puts(&b, "<div class=\"related-coverage\"><p>RELATED-PROSE: in "
		"other news, the ferry operators said the timetable, which "
		"changes in the spring, would add an evening crossing.</p>"
		"</div>\n");
	add_paras(&b, 5, N_PARAS);
	buf_puts(&b, "</div></article></main>\n");
	page_foot(&b);
	char *text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	has_paras(text, 0, N_PARAS);
	OK(text && strstr(text, "MEDIA-PROSE"), "the media block went");
	OK(text && strstr(text, "META-PROSE"), "the meta block went");
	lacks(text, "SHARE-PROSE");
	lacks(text, "RELATED-PROSE");
	free(text);
	buf_finish(&b);

	/* a weak negative word does not keep a block without prose */
	buf_init(&b);
	page_head(&b);
	buf_puts(&b, "<main><article><div class=\"article-body\">\n");
	add_paras(&b, 0, 4);
	buf_puts(&b, "<div class=\"media-links\"><a href=\"/video/1\">"
		"MEDIA-LINK one</a> <a href=\"/video/2\">MEDIA-LINK two</a></div>"
		"\n");
	add_paras(&b, 4, N_PARAS);
	buf_puts(&b, "</div></article></main>\n");
	page_foot(&b);
	text = extract_text(buf_str(&b));
	has_paras(text, 0, N_PARAS);
	lacks(text, "MEDIA-LINK");
	free(text);
	buf_finish(&b);
}

/* A subheading written as a short <div class="subhead"> survives. */
static void subhead_div(void)
{
	struct bs_buf b = {0};
	page_head(&b);
	buf_puts(&b, "<main><article><div class=\"article-body\">\n");
	add_paras(&b, 0, 4);
	buf_puts(&b, "<div class=\"subhead\">What the levy pays for</div>\n");
	add_paras(&b, 4, 6);
	buf_puts(&b, "<div class=\"article-crosshead\">Next steps</div>\n");
	add_paras(&b, 6, N_PARAS);
	/* the limit: a short div that names no heading still goes */
	buf_puts(&b, "<div class=\"note\">SHORT-DIV line</div>\n");
	buf_puts(&b, "</div></article></main>\n");
	page_foot(&b);
	char *text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	has_paras(text, 0, N_PARAS);
	OK(text && strstr(text, "\n\nWhat the levy pays for\n\n"),
		"the subheading, as a block of its own: %s", text ? text : "");
	OK(text && strstr(text, "\n\nNext steps\n\n"), "the crosshead");
	if (text && strstr(text, "What the levy pays for")) {
		OK(strstr(text, marks[3]) < strstr(text, "What the levy")
			&& strstr(text, "What the levy") < strstr(text, marks[4]),
			"the subheading in its place");
	}
	lacks(text, "SHORT-DIV");
	free(text);
	buf_finish(&b);
}

/* The part of an article behind a paywall, in the saved page, is kept. */
static void paywall(void)
{
	struct bs_buf b = {0};
	page_head(&b);
	buf_puts(&b, "<main><article><div class=\"article-body\">\n");
	add_paras(&b, 0, 2);
	buf_puts(&b, "<div class=\"paywall\">\n");
	add_paras(&b, 2, N_PARAS);
	buf_puts(&b, "</div></div></article></main>\n");
	page_foot(&b);
	char *text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	has_paras(text, 0, N_PARAS);
	in_order(text, 0, N_PARAS);
	free(text);
	buf_finish(&b);

	/* most of the article in the paywall container, as its own block */
	buf_init(&b);
	page_head(&b);
	add(&b, "<main><article><p class=\"lede\">%s</p>\n", paras[0]);
	buf_puts(&b, "<section class=\"meteredContent paywall\" "
		"data-paywall=\"true\">\n");
	add_paras(&b, 1, 5);
	buf_puts(&b, "</section>\n<div class=\"ad-slot\"><div>Advertisement"
		"</div></div>\n<section class=\"meteredContent paywall\" "
		"data-paywall=\"true\">\n");
	add_paras(&b, 5, N_PARAS);
	buf_puts(&b, "</section></article></main>\n");
	related_rail(&b, "more-stories");
	page_foot(&b);
	text = extract_text(buf_str(&b));
	OK(text != NULL, "an article");
	has_paras(text, 0, N_PARAS);
	in_order(text, 0, N_PARAS);
	lacks(text, "Teaser headline number");
	free(text);
	buf_finish(&b);
}

static const struct subtest tests[] = {
	{"sidebar", sidebar},
	{"boilerplate_inside", boilerplate_inside},
	{"split_containers", split_containers},
	{"br_paragraphs", br_paragraphs},
	{"navigation_only", navigation_only},
	{"navigation_menus", navigation_menus},
	{"article_body_itemprop", article_body_itemprop},
	{"inert_removed", inert_removed},
	{"void_elements", void_elements},
	{"split_kin", split_kin},
	{"split_kin_wrapped", split_kin_wrapped},
	{"split_kin_layout_class", split_kin_layout_class},
	{"weak_negative", weak_negative},
	{"subhead_div", subhead_div},
	{"paywall", paywall},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
