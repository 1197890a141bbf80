/*
 * extract/sanitize: whatever goes in, small valid XHTML comes out. Each
 * output is also walked by check_model(), which asserts the content model
 * extract.h promises (no block inside a paragraph, lists of items, tables
 * of rows of cells, allowed elements and attributes only).
 *
 * Fixtures that a browser's parser would already repair (a <div> inside a
 * <p>, nested <a>) are read with libxml2's XML parser, which keeps the tree
 * exactly as written, so that the sanitizer is what repairs them.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "extract/extract.h"
#include "extract/plaintext.h"
#include "extract/sanitize.h"
#include "ingest/ingest.h"
#include "util/buf.h"

#include "harness.h"
#include "testutil.h"

static const struct bs_picture_ctx nowhere = {
	.page_dir = "/nonexistent",
	.root = "/nonexistent",
	.target_width = 1264,
};

static const struct bs_sanitize no_files = {
	.pictures = &nowhere,
	.base_url = "https://news.example/world/story.html",
	.images = true,
};

static bool name_in(const xmlNode *n, const char *const *names)
{
	for (; *names; names++) {
		if (strcmp((const char *)n->name, *names) == 0) {
			return true;
		}
	}
	return false;
}

static const char *const phrasing[] = {"a", "em", "i", "strong", "b", "u",
	"s", "del", "ins", "small", "sub", "sup", "code", "kbd", "samp", "var",
	"mark", "cite", "q", "abbr", "dfn", "bdi", "ruby", "rt", "rp", "br",
	"img", NULL};
static const char *const blocks[] = {"p", "h2", "h3", "h4", "h5", "h6",
	"pre", "blockquote", "ul", "ol", "dl", "figure", "table", "hr", NULL};
static const char *const textblocks[] = {"p", "h2", "h3", "h4", "h5", "h6",
	"pre", "dt", "caption", NULL};
static const char *const flows[] = {"li", "dd", "td", "th", "figure",
	"figcaption", NULL};

static bool blank_text(const xmlNode *n)
{
	if (n->type != XML_TEXT_NODE) {
		return false;
	}
	for (const char *p = (const char *)n->content; p && *p; p++) {
		if (*p != ' ' && *p != '\n' && *p != '\t') {
			return false;
		}
	}
	return true;
}

/* The next node in document order under root (iterative, any depth). */
static xmlNode *next_node(xmlNode *n, const xmlNode *root)
{
	if (n->type == XML_ELEMENT_NODE && n->children) {
		return n->children;
	}
	while (n && n != root) {
		if (n->next) {
			return n->next;
		}
		n = n->parent;
	}
	return NULL;
}

static bool inside(const xmlNode *n, const char *name)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (strcmp((const char *)n->name, name) == 0) {
			return true;
		}
	}
	return false;
}

/* Asserts the XHTML content model and the allow-list on the whole output. */
static void check_model(xmlDocPtr doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	OK(root != NULL, "a root");
	if (!root) {
		return;
	}
	OK(strcmp((const char *)root->name, "div") == 0, "root <%s>",
		root->name);
	OK(root->ns && root->ns->href && strcmp((const char *)root->ns->href,
		BS_XHTML_NS) == 0, "root in the XHTML namespace");
	OK(root->properties == NULL, "root without attributes");
	for (xmlNode *n = root; n; n = next_node(n, root)) {
		if (n->type == XML_TEXT_NODE) {
			for (const unsigned char *p = n->content; p && *p; p++) {
				OK(*p >= 0x20 || *p == '\t' || *p == '\n',
					"control character 0x%02x in text", *p);
			}
			const xmlNode *pa = n->parent;
			if (!blank_text(n)) {
				OK(pa != root && strcmp((const char *)pa->name,
					"blockquote") != 0, "loose text \"%s\" in <%s>",
					n->content, pa->name);
			}
			continue;
		}
		if (n->type != XML_ELEMENT_NODE) {
			OK(n->type == XML_ELEMENT_NODE, "node of type %d",
				(int)n->type);
			continue;
		}
		const char *name = (const char *)n->name;
		OK(n->ns && strcmp((const char *)n->ns->href, BS_XHTML_NS) == 0,
			"<%s> outside the XHTML namespace", name);
		if (n != root) {
			OK(name_in(n, phrasing) || name_in(n, blocks)
				|| name_in(n, flows) || name_in(n, textblocks)
				|| strcmp(name, "thead") == 0
				|| strcmp(name, "tbody") == 0
				|| strcmp(name, "tfoot") == 0
				|| strcmp(name, "tr") == 0
				|| strcmp(name, "dt") == 0, "element <%s>", name);
		}
		for (xmlAttr *a = n->properties; a; a = a->next) {
			const char *an = (const char *)a->name;
			bool ok = strcmp(an, "id") == 0 || strcmp(an, "dir") == 0
				|| (strcmp(name, "a") == 0 && strcmp(an, "href") == 0)
				|| (strcmp(name, "img") == 0
				&& (strcmp(an, "src") == 0 || strcmp(an, "alt") == 0))
				|| ((strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
				&& (strcmp(an, "colspan") == 0
				|| strcmp(an, "rowspan") == 0))
				|| (strcmp(name, "ol") == 0 && strcmp(an, "start") == 0)
				|| (strcmp(name, "abbr") == 0
				&& strcmp(an, "title") == 0);
			OK(ok, "attribute %s on <%s>", an, name);
		}
		if (strcmp(name, "a") == 0) {
			OK(!inside(n, "a"), "<a> inside <a>");
			xmlChar *href = xmlGetProp(n, BAD_CAST "href");
			const char *h = href ? (const char *)href : "";
			OK(strncmp(h, "http://", 7) == 0
				|| strncmp(h, "https://", 8) == 0 || h[0] == '#',
				"href \"%s\"", h);
			xmlFree(href);
		}
		if (strcmp(name, "img") == 0) {
			xmlChar *src = xmlGetProp(n, BAD_CAST "src");
			xmlChar *alt = xmlGetProp(n, BAD_CAST "alt");
			OK(src && src[0] == '/' && tmp_exists((const char *)src),
				"img src \"%s\" is a local file", src);
			OK(alt != NULL, "img has an alt");
			xmlFree(src);
			xmlFree(alt);
		}
		if (n == root || strcmp(name, "blockquote") == 0) {
			for (xmlNode *c = n->children; c; c = c->next) {
				OK(c->type != XML_ELEMENT_NODE || name_in(c, blocks),
					"<%s> in <%s>", c->name, name);
			}
		}
		if (name_in(n, phrasing) || name_in(n, textblocks)) {
			for (xmlNode *c = n->children; c; c = c->next) {
				OK(c->type != XML_ELEMENT_NODE
					|| name_in(c, phrasing),
					"<%s> in <%s>", c->name, name);
			}
		}
		if (strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0) {
			for (xmlNode *c = n->children; c; c = c->next) {
				OK(blank_text(c) || (c->type == XML_ELEMENT_NODE
					&& strcmp((const char *)c->name, "li") == 0),
					"<%s> in <%s>", c->type == XML_ELEMENT_NODE
					? (const char *)c->name : "text", name);
			}
		}
		if (strcmp(name, "dl") == 0) {
			for (xmlNode *c = n->children; c; c = c->next) {
				OK(blank_text(c) || (c->type == XML_ELEMENT_NODE
					&& (strcmp((const char *)c->name, "dt") == 0
					|| strcmp((const char *)c->name, "dd") == 0)),
					"<%s> in <dl>", c->name);
			}
		}
		if (strcmp(name, "table") == 0) {
			static const char *const parts[] = {"caption", "thead",
				"tbody", "tfoot", "tr", NULL};
			for (xmlNode *c = n->children; c; c = c->next) {
				OK(blank_text(c) || (c->type == XML_ELEMENT_NODE
					&& name_in(c, parts)), "<%s> in <table>",
					c->type == XML_ELEMENT_NODE
					? (const char *)c->name : "text");
				OK(c->type != XML_ELEMENT_NODE
					|| strcmp((const char *)c->name, "caption")
					!= 0 || c == n->children, "caption first");
			}
		}
		if (strcmp(name, "thead") == 0 || strcmp(name, "tbody") == 0
				|| strcmp(name, "tfoot") == 0) {
			for (xmlNode *c = n->children; c; c = c->next) {
				OK(blank_text(c) || (c->type == XML_ELEMENT_NODE
					&& strcmp((const char *)c->name, "tr") == 0),
					"<%s> in <%s>", c->type == XML_ELEMENT_NODE
					? (const char *)c->name : "text", name);
			}
		}
		if (strcmp(name, "tr") == 0) {
			for (xmlNode *c = n->children; c; c = c->next) {
				OK(blank_text(c) || (c->type == XML_ELEMENT_NODE
					&& (strcmp((const char *)c->name, "td") == 0
					|| strcmp((const char *)c->name, "th") == 0)),
					"<%s> in <tr>", c->type == XML_ELEMENT_NODE
					? (const char *)c->name : "text");
			}
		}
		if (strcmp(name, "figure") == 0) {
			for (xmlNode *c = n->children; c; c = c->next) {
				OK(c->type != XML_ELEMENT_NODE
					|| strcmp((const char *)c->name,
					"figcaption") != 0 || c == n->last,
					"figcaption last");
			}
		}
	}
	/* the output is well-formed XML */
	xmlChar *mem = NULL;
	int size = 0;
	xmlDocDumpMemory(doc, &mem, &size);
	xmlDocPtr back = mem ? xmlReadMemory((const char *)mem, size, NULL,
		"UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR
		| XML_PARSE_NOWARNING) : NULL;
	OK(back != NULL, "output re-parses as XML");
	xmlFreeDoc(back);
	xmlFree(mem);
}

/* The children of the output's root, serialized. The caller frees. */
static char *inner(xmlDocPtr doc)
{
	struct bs_buf out = {0};
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlBufferPtr xb = xmlBufferCreate();
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		xmlBufferEmpty(xb);
		xmlNodeDump(xb, doc, c, 0, 0);
		buf_puts(&out, (const char *)xmlBufferContent(xb));
	}
	xmlBufferFree(xb);
	return buf_detach(&out);
}

/* Sanitizes the content of <div>fragment</div> parsed as HTML. */
static xmlDocPtr from_html(const char *fragment, const struct bs_sanitize *o)
{
	struct bs_buf b = {0};
	buf_puts(&b, "<!DOCTYPE html><html><head><title>t</title></head><body>"
		"<div>");
	buf_puts(&b, fragment);
	buf_puts(&b, "</div></body></html>");
	htmlDocPtr page = ingest_parse_html(b.data, b.len, NULL);
	buf_finish(&b);
	OK(page != NULL, "parsed");
	xmlNode *n = xmlDocGetRootElement(page);
	while (n && strcmp((const char *)n->name, "div") != 0) {
		n = next_node(n, xmlDocGetRootElement(page));
		while (n && n->type != XML_ELEMENT_NODE) {
			n = next_node(n, xmlDocGetRootElement(page));
		}
	}
	OK(n != NULL, "content div");
	xmlDocPtr out = n ? sanitize(n, o) : NULL;
	xmlFreeDoc(page);
	if (out) {
		check_model(out);
	}
	return out;
}

/* Sanitizes the content of <div>fragment</div> parsed as XML, as written. */
static xmlDocPtr from_xml(const char *fragment, const struct bs_sanitize *o)
{
	struct bs_buf b = {0};
	buf_puts(&b, "<div>");
	buf_puts(&b, fragment);
	buf_puts(&b, "</div>");
	xmlDocPtr src = xmlReadMemory(b.data, (int)b.len, NULL, "UTF-8",
		XML_PARSE_NONET);
	buf_finish(&b);
	OK(src != NULL, "fixture is XML: %s", fragment);
	if (!src) {
		return NULL;
	}
	xmlDocPtr out = sanitize(xmlDocGetRootElement(src), o);
	xmlFreeDoc(src);
	check_model(out);
	return out;
}

static char *html_out(const char *fragment, const struct bs_sanitize *o)
{
	xmlDocPtr d = from_html(fragment, o);
	char *s = d ? inner(d) : NULL;
	xmlFreeDoc(d);
	return s;
}

static char *xml_out(const char *fragment, const struct bs_sanitize *o)
{
	xmlDocPtr d = from_xml(fragment, o);
	char *s = d ? inner(d) : NULL;
	xmlFreeDoc(d);
	return s;
}

#define HTML_IS(fragment, want) do { \
	char *got_ = html_out((fragment), &no_files); \
	STR_EQ(got_, (want)); \
	free(got_); \
} while (0)

#define XML_IS(fragment, want) do { \
	char *got_ = xml_out((fragment), &no_files); \
	STR_EQ(got_, (want)); \
	free(got_); \
} while (0)

static void root(void)
{
	xmlDocPtr d = from_html("<p>Hello</p>", &no_files);
	xmlNode *r = d ? xmlDocGetRootElement(d) : NULL;
	OK(r && strcmp((const char *)r->name, "div") == 0, "a <div> root");
	OK(r && r->ns && strcmp((const char *)r->ns->href, BS_XHTML_NS) == 0,
		"in the XHTML namespace");
	xmlBufferPtr xb = xmlBufferCreate();
	xmlNodeDump(xb, d, r, 0, 0);
	STR_EQ((const char *)xmlBufferContent(xb),
		"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hello</p></div>");
	xmlBufferFree(xb);
	xmlFreeDoc(d);

	/* nothing in, an empty root out */
	d = from_html("", &no_files);
	r = d ? xmlDocGetRootElement(d) : NULL;
	OK(r && r->children == NULL, "empty");
	xmlFreeDoc(d);
}

static void dropped(void)
{
	char *s = html_out("<p>Keep<script>alert(1)</script> this</p>"
		"<style>p{color:red}</style><iframe src=\"https://ads.example/\">"
		"frame text</iframe><form action=\"/search\"><input name=\"q\" "
		"value=\"query\"><button>Go</button><select><option>Opt"
		"</option></select><textarea>typed</textarea></form>"
		"<object data=\"x.swf\"><param name=\"a\" value=\"b\">fallback"
		"</object><svg><text>vector</text></svg>"
		"<video src=\"v.mp4\">no video</video><noscript>enable js"
		"</noscript><p>End</p>", &no_files);
	STR_EQ(s, "<p>Keep this</p><p>End</p>");
	free(s);
}

static void attributes(void)
{
	HTML_IS("<p onclick=\"x()\" style=\"color:red\" class=\"lead\" id=\"p1\" "
		"data-x=\"1\" title=\"t\" lang=\"fr\">T <b onmouseover=\"y()\" "
		"class=\"k\">b</b> <span style=\"font-weight:bold\">s</span></p>",
		"<p>T <b>b</b> s</p>");
	HTML_IS("<p dir=\"RTL\">\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d</p>",
		"<p dir=\"rtl\">\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d</p>");
	HTML_IS("<p><abbr title=\"European Union\" class=\"x\">EU</abbr></p>",
		"<p><abbr title=\"European Union\">EU</abbr></p>");
	HTML_IS("<ol start=\"3\" type=\"a\"><li>c</li></ol>",
		"<ol start=\"3\"><li>c</li></ol>");
}

static void links(void)
{
	HTML_IS("<p><a href=\"javascript:alert(1)\">click</a> and "
		"<a href=\" JavaScript:void(0)\">two</a></p>",
		"<p>click and two</p>");
	HTML_IS("<p><a href=\"../sport/x.html\">rel</a></p>",
		"<p><a href=\"https://news.example/sport/x.html\">rel</a></p>");
	HTML_IS("<p><a href=\"/a?b=1&amp;c=2\">abs</a></p>",
		"<p><a href=\"https://news.example/a?b=1&amp;c=2\">abs</a></p>");
	HTML_IS("<p><a href=\"//cdn.example/y\">proto</a></p>",
		"<p><a href=\"https://cdn.example/y\">proto</a></p>");
	HTML_IS("<p><a href=\"http://plain.example/z\">http</a></p>",
		"<p><a href=\"http://plain.example/z\">http</a></p>");
	HTML_IS("<p><a href=\"https://ok.example/with space\">sp</a></p>",
		"<p><a href=\"https://ok.example/with%20space\">sp</a></p>");
	HTML_IS("<p><a href=\"mailto:x@y.example\">mail</a> <a href=\"tel:123\">"
		"tel</a> <a href=\"data:text/html,x\">data</a> <a>none</a></p>",
		"<p>mail tel data none</p>");

	/* without a base URL, relative links go */
	struct bs_sanitize nobase = no_files;
	nobase.base_url = NULL;
	char *s = html_out("<p><a href=\"../x.html\">rel</a> <a href=\""
		"https://abs.example/\">abs</a></p>", &nobase);
	STR_EQ(s, "<p>rel <a href=\"https://abs.example/\">abs</a></p>");
	free(s);
}

static void internal_links(void)
{
	HTML_IS("<p>See <a href=\"#note1\">the note</a> and <a href=\"#gone\">"
		"this</a>.</p><p id=\"note1\">The note.</p><p id=\"unused\">"
		"Other.</p>",
		"<p>See <a href=\"#note1\">the note</a> and this.</p>"
		"<p id=\"note1\">The note.</p><p>Other.</p>");
	/* the target is dropped with a script: the link goes too */
	HTML_IS("<p><a href=\"#s1\">x</a></p><script id=\"s1\">y()</script>",
		"<p>x</p>");
	/* the target is an element that is unwrapped */
	HTML_IS("<p><a href=\"#sp\">x</a> <span id=\"sp\">y</span></p>",
		"<p>x y</p>");
}

static void nested_links(void)
{
	XML_IS("<p><a href=\"https://a.example/1\">outer <a href=\""
		"https://b.example/2\">inner</a> tail</a> end</p>",
		"<p><a href=\"https://a.example/1\">outer inner tail</a> end</p>");
	XML_IS("<p><a href=\"https://a.example/1\"><b>bold <a href=\""
		"https://b.example/2\"><i>it</i></a></b></a></p>",
		"<p><a href=\"https://a.example/1\"><b>bold <i>it</i></b></a></p>");
}

static void block_in_paragraph(void)
{
	XML_IS("<p>Before<div>Inside</div>After</p>",
		"<p>Before</p><p>Inside</p><p>After</p>");
	XML_IS("<p>List: <ul><li>a</li><li>b</li></ul> after</p>",
		"<p>List:</p><ul><li>a</li><li>b</li></ul><p>after</p>");
	XML_IS("<h2>Title <p>para</p></h2>",
		"<h2>Title</h2><p>para</p>");
	/* only the content model is checked for these */
	static const char *const shapes[] = {
		"<p>One <b>bold <div>block</div> more</b> two</p>",
		"<p><a href=\"https://a.example/\">x<div>in link</div>y</a></p>",
		"<p><span><table><tr><td>1</td><td>2</td></tr><tr><td>3</td>"
		"<td>4</td></tr></table></span></p>",
		"<p><em><blockquote>quoted</blockquote></em></p>",
		"<h3>a<figure>b<figcaption>c</figcaption></figure></h3>",
		"<dt>term<p>para in dt</p></dt>",
		"<ul><p>para in list</p><li>item<div>block</div></li></ul>",
		"<table><p>stray</p><tr><p>row para</p><td>cell</td></tr></table>",
		"<pre>code<p>para in pre</p>more</pre>",
		"<tr><td>orphan cell</td></tr><td>lone</td>",
		"<caption>lost caption</caption><dd>lost dd</dd>",
		"<blockquote>loose<p>p</p>text</blockquote>",
		"<ol><ol><li>nested list</li></ol></ol>",
		"<p><img src=\"x.jpg\"/><hr/>after rule</p>",
	};
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		xmlFreeDoc(from_xml(shapes[i], &no_files));
		xmlFreeDoc(from_html(shapes[i], &no_files));
	}
}

static void loose_text(void)
{
	HTML_IS("Loose text <b>bold</b> more<p>para</p>tail",
		"<p>Loose text <b>bold</b> more</p><p>para</p><p>tail</p>");
	XML_IS("<blockquote>quoted words</blockquote>",
		"<blockquote><p>quoted words</p></blockquote>");
	HTML_IS("   \n  <p>  spaced   out \n text  </p>  ",
		"<p>spaced out text</p>");
}

static void lists(void)
{
	XML_IS("<li>one</li><li>two</li><p>after</p>",
		"<ul><li>one</li><li>two</li></ul><p>after</p>");
	XML_IS("<dl><dt>Term</dt><dd>Definition</dd></dl>",
		"<dl><dt>Term</dt><dd>Definition</dd></dl>");
	XML_IS("<dd>lonely</dd>", "<dl><dd>lonely</dd></dl>");
	HTML_IS("<ul><li>a<ul><li>nested</li></ul></li></ul>",
		"<ul><li>a<ul><li>nested</li></ul></li></ul>");
	HTML_IS("<ul><li></li><li>  </li></ul><p>x</p>", "<p>x</p>");
}

/* Text straight in a list becomes an item of its own, beside the others. */
static void list_text(void)
{
	XML_IS("<ul>text<li>a</li></ul>", "<ul><li>text</li><li>a</li></ul>");
	XML_IS("<ol><li>a</li>between<li>b</li></ol>",
		"<ol><li>a</li><li>between</li><li>b</li></ol>");
}

static void headings(void)
{
	HTML_IS("<h1>Title</h1><h2>Sub</h2><h6>Small</h6>",
		"<h2>Title</h2><h2>Sub</h2><h6>Small</h6>");
	XML_IS("<h2>Outer <h3>inner</h3></h2>", "<h2>Outer inner</h2>");
}

static void tables(void)
{
	/* one column: layout */
	HTML_IS("<table><tr><td><p>Cell one text</p></td></tr><tr><td>Row two"
		"</td></tr></table>",
		"<p>Cell one text</p><p>Row two</p>");
	/* role=presentation: layout */
	HTML_IS("<table role=\"presentation\"><tr><td>a</td><td>b</td></tr>"
		"<tr><td>c</td><td>d</td></tr></table>",
		"<p>a</p><p>b</p><p>c</p><p>d</p>");
	/* a data table keeps its rows, in a tbody */
	HTML_IS("<table class=\"data\"><tr><th>Year</th><th>Votes</th></tr>"
		"<tr><td>2025</td><td>7</td></tr></table>",
		"<table><tbody><tr><th>Year</th><th>Votes</th></tr><tr><td>2025"
		"</td><td>7</td></tr></tbody></table>");
	HTML_IS("<table><caption>Results</caption><thead><tr><th>A</th><th>B"
		"</th></tr></thead><tbody><tr><td colspan=\"2\" style=\"x\">1"
		"</td></tr><tr><td>2</td><td rowspan=\"0\">3</td></tr></tbody>"
		"</table>",
		"<table><caption>Results</caption><thead><tr><th>A</th><th>B</th>"
		"</tr></thead><tbody><tr><td colspan=\"2\">1</td></tr><tr><td>2"
		"</td><td>3</td></tr></tbody></table>");
	/* empty cells stay, so that columns line up */
	HTML_IS("<table><tr><td>a</td><td></td></tr><tr><td></td><td>d</td>"
		"</tr></table>",
		"<table><tbody><tr><td>a</td><td/></tr><tr><td/><td>d</td></tr>"
		"</tbody></table>");
}

/* A folder with page/ (the page's folder and root) and a file outside. */
struct files {
	char *tmp, *page, *pic, *real_pic, *secret;
	struct bs_picture_ctx pictures;
	struct bs_sanitize opts;
};

static void files_init(struct files *f)
{
	f->tmp = tmp_dir();
	f->page = tmp_mkdir(f->tmp, "page");
	char *img = tmp_mkdir(f->page, "img");
	f->pic = tmp_write(img, "pic.jpg", "not really a jpeg", 17);
	free(img);
	f->real_pic = malloc(PATH_MAX);
	OK(realpath(f->pic, f->real_pic) != NULL, "realpath");
	f->secret = tmp_write(f->tmp, "secret.jpg", "secret", 6);
	f->pictures = nowhere;
	f->pictures.page_dir = f->page;
	f->pictures.root = f->page;
	f->opts = no_files;
	f->opts.pictures = &f->pictures;
}

static void files_finish(struct files *f)
{
	free(f->page);
	free(f->pic);
	free(f->real_pic);
	free(f->secret);
	tmp_remove(f->tmp);
}

static char *with_pic(const char *fmt, const char *path)
{
	size_t n = strlen(fmt) + 4 * strlen(path) + 1;
	char *s = malloc(n);
	snprintf(s, n, fmt, path, path, path, path);
	return s;
}

static void images(void)
{
	struct files f;
	files_init(&f);

	char *s = html_out("<p><img src=\"img/pic.jpg\"></p>", &f.opts);
	char *want = with_pic("<p><img src=\"%s\" alt=\"\"/></p>",
		f.real_pic);
	STR_EQ(s, want);
	free(s);
	free(want);

	s = html_out("<p><img src=\"./img/pic.jpg?w=300\" alt=\" A  "
		"picture \" class=\"x\" width=\"300\"></p>", &f.opts);
	want = with_pic("<p><img src=\"%s\" alt=\"A picture\"/></p>",
		f.real_pic);
	STR_EQ(s, want);
	free(s);
	free(want);

	/* lazy loading: the real file is in data-src */
	s = html_out("<p><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\""
		" data-src=\"img/pic.jpg\" alt=\"lazy\"></p>", &f.opts);
	want = with_pic("<p><img src=\"%s\" alt=\"lazy\"/></p>", f.real_pic);
	STR_EQ(s, want);
	free(s);
	free(want);

	/* outside the root, remote, missing, a tracker: gone */
	s = html_out("<p>a<img src=\"../secret.jpg\" alt=\"s\">b<img src=\""
		"https://cdn.example/x.jpg\" alt=\"r\">c<img src=\"//cdn.example/"
		"y.jpg\">d<img src=\"missing.jpg\">e<img src=\"img/pic.jpg\" "
		"width=\"1\" height=\"1\">f<img src=\"img/pic.jpg\" style=\""
		"width:1px;height:1px\">g</p>", &f.opts);
	STR_EQ(s, "<p>abcdefg</p>");
	free(s);
	char *abs = with_pic("<p>x<img src=\"%s\">y</p>", f.secret);
	s = html_out(abs, &f.opts);
	STR_EQ(s, "<p>xy</p>");
	free(s);
	free(abs);

	/* images off: none at all */
	struct bs_sanitize off = f.opts;
	off.images = false;
	s = html_out("<p>a<img src=\"img/pic.jpg\">b</p>", &off);
	STR_EQ(s, "<p>ab</p>");
	free(s);

	/* a picture alone between blocks gets a paragraph */
	s = html_out("<img src=\"img/pic.jpg\" alt=\"solo\"><p>next</p>",
		&f.opts);
	want = with_pic("<p><img src=\"%s\" alt=\"solo\"/></p><p>next</p>",
		f.real_pic);
	STR_EQ(s, want);
	free(s);
	free(want);

	files_finish(&f);
}

/* The space between a picture and the words after it is kept. */
static void image_space(void)
{
	struct files f;
	files_init(&f);
	char *s = html_out("<p><img src=\"img/pic.jpg\" alt=\"x\"> text</p>",
		&f.opts);
	char *want = with_pic("<p><img src=\"%s\" alt=\"x\"/> text</p>",
		f.real_pic);
	STR_EQ(s, want);
	free(s);
	free(want);
	files_finish(&f);
}

static void figures(void)
{
	struct files f;
	files_init(&f);

	char *s = html_out("<figure class=\"lead\"><figcaption>Caption first"
		"</figcaption><img src=\"img/pic.jpg\" alt=\"A pic\"></figure>",
		&f.opts);
	char *want = with_pic("<figure><img src=\"%s\" alt=\"A pic\"/>"
		"<figcaption>Caption first</figcaption></figure>", f.real_pic);
	STR_EQ(s, want);
	free(s);
	free(want);

	/* the picture is remote: its caption goes with it */
	s = html_out("<figure><img src=\"https://cdn.example/x.jpg\">"
		"<figcaption>Remote caption <em>here</em></figcaption></figure>"
		"<p>after</p>", &f.opts);
	STR_EQ(s, "<p>after</p>");
	free(s);

	/* no picture, nothing else */
	s = html_out("<figure><img src=\"https://cdn.example/x.jpg\"></figure>"
		"<p>after</p>", &f.opts);
	STR_EQ(s, "<p>after</p>");
	free(s);

	/* a figure of text (a pull quote) */
	s = html_out("<figure><blockquote>Quoted</blockquote>Credit line"
		"</figure>", &f.opts);
	STR_EQ(s, "<blockquote><p>Quoted</p></blockquote><p>Credit line</p>");
	free(s);

	files_finish(&f);
}

/*
 * Elements that HTML makes void but libxml2's HTML parser (2.9) reads as
 * containers of what follows them: <source>, <wbr>, <embed>, <track>.
 * Dropping them must not drop the text and pictures the parser put in them.
 */
static void void_elements(void)
{
	struct files f;
	files_init(&f);
	char *s = html_out("<figure><picture><source srcset=\"img/pic.webp\" "
		"type=\"image/webp\"><img src=\"img/pic.jpg\" alt=\"A pic\">"
		"</picture><figcaption>Caption</figcaption></figure>", &f.opts);
	char *want = with_pic("<figure><img src=\"%s\" alt=\"A pic\"/>"
		"<figcaption>Caption</figcaption></figure>", f.real_pic);
	STR_EQ(s, want);
	free(s);
	free(want);
	files_finish(&f);

	HTML_IS("<p>Some extra\xc2\xadlong<wbr>word and more text</p><p>next</p>",
		"<p>Some extra\xc2\xadlongword and more text</p><p>next</p>");
	HTML_IS("<p>before<embed src=\"y.swf\">after</p><p>next</p>",
		"<p>beforeafter</p><p>next</p>");
	HTML_IS("<p>first</p><video><source src=\"a.mp4\"><track src=\"x.vtt\">"
		"</video><p>second</p>", "<p>first</p><p>second</p>");
}

static void breaks(void)
{
	HTML_IS("<p>First line<br>second line<br><br>Second para</p>",
		"<p>First line<br/>second line</p><p>Second para</p>");
	HTML_IS("<div>One<br><br>Two<br> <br>Three</div>",
		"<p>One</p><p>Two</p><p>Three</p>");
	HTML_IS("<p><br>Leading and trailing<br></p>",
		"<p>Leading and trailing</p>");
	HTML_IS("<pre>a\n  b<br>c</pre>", "<pre>a\n  b\nc</pre>");
}

static void control_chars(void)
{
	char *s = html_out("<p>a&#1;b\x01" "c\x7f" "d\x0b" "e&#x1F;f</p>",
		&no_files);
	OK(s && strcmp(s, "<p>abcdef</p>") == 0, "got %s", s);
	free(s);

	/* a text node holding them, as a bad decoder could leave it */
	xmlDocPtr src = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *div = xmlNewDocNode(src, NULL, BAD_CAST "div", NULL);
	xmlDocSetRootElement(src, div);
	xmlNode *p = xmlNewChild(div, NULL, BAD_CAST "p", NULL);
	xmlAddChild(p, xmlNewDocText(src, BAD_CAST "x\x01y\x0bz\x1f"
		"\xc2\x85w\xef\xbf\xbev\r\nu"));
	xmlDocPtr out = sanitize(div, &no_files);
	check_model(out);
	s = inner(out);
	STR_EQ(s, "<p>xyzwv u</p>");
	free(s);
	xmlFreeDoc(out);
	xmlFreeDoc(src);
}

static void deep_nesting(void)
{
	/* built by hand: HTML parsers stop at a few hundred levels */
	enum { DEPTH = 5000 };
	xmlDocPtr src = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *top = xmlNewDocNode(src, NULL, BAD_CAST "div", NULL);
	xmlDocSetRootElement(src, top);
	xmlNode *cur = top;
	for (int i = 0; i < DEPTH; i++) {
		cur = xmlNewChild(cur, NULL, BAD_CAST "div", NULL);
		cur = xmlNewChild(cur, NULL, BAD_CAST "span", NULL);
	}
	xmlNodeAddContent(cur, BAD_CAST "Deep text at the bottom.");
	xmlNewTextChild(top, NULL, BAD_CAST "p", BAD_CAST "Shallow text.");
	xmlDocPtr out = sanitize(top, &no_files);
	OK(out != NULL, "a result");
	check_model(out);
	char *text = plaintext(xmlDocGetRootElement(out));
	OK(text && strstr(text, "Deep text at the bottom."), "deep text kept");
	OK(text && strstr(text, "Shallow text."), "shallow text kept");
	free(text);
	xmlFreeDoc(out);
	xmlFreeDoc(src);

	/* and through the HTML parser, which must not crash either */
	struct bs_buf b = {0};
	for (int i = 0; i < DEPTH; i++) {
		buf_puts(&b, "<div><span>");
	}
	buf_puts(&b, "Deep text.");
	xmlFreeDoc(from_html(buf_str(&b), &no_files));
	buf_finish(&b);
}

static xmlNode *find_img(xmlNode *root)
{
	for (xmlNode *n = root; n; n = next_node(n, root)) {
		if (n->type == XML_ELEMENT_NODE
				&& strcmp((const char *)n->name, "img") == 0) {
			return n;
		}
	}
	return NULL;
}

static void drop_image(void)
{
	struct files f;
	files_init(&f);

	xmlDocPtr d = from_html("<p>before</p><figure><img src=\"img/pic.jpg\" "
		"alt=\"x\"><figcaption>The caption</figcaption></figure>"
		"<p>after</p>", &f.opts);
	xmlNode *img = find_img(xmlDocGetRootElement(d));
	OK(img != NULL, "an image to drop");
	if (img) {
		sanitize_drop_image(img);
		check_model(d);
		char *s = inner(d);
		/* the caption describes a picture that is gone */
		STR_EQ(s, "<p>before</p><p>after</p>");
		free(s);
	}
	xmlFreeDoc(d);

	d = from_html("<figure><img src=\"img/pic.jpg\"></figure><p>after</p>",
		&f.opts);
	img = find_img(xmlDocGetRootElement(d));
	OK(img != NULL, "an image to drop");
	if (img) {
		sanitize_drop_image(img);
		char *s = inner(d);
		STR_EQ(s, "<p>after</p>");
		free(s);
	}
	xmlFreeDoc(d);

	d = from_html("<p><img src=\"img/pic.jpg\"></p><p>text <img src=\""
		"img/pic.jpg\"> stays</p>", &f.opts);
	img = find_img(xmlDocGetRootElement(d));
	if (img) {
		sanitize_drop_image(img);
		img = find_img(xmlDocGetRootElement(d));
		OK(img != NULL, "the second image");
		if (img) {
			sanitize_drop_image(img);
		}
		check_model(d);
		char *s = inner(d);
		STR_EQ(s, "<p>text stays</p>");
		free(s);
	}
	xmlFreeDoc(d);

	files_finish(&f);
}

/* A figure keeps its caption only when its picture is on disk. */
static void figure_caption(void)
{
	struct files f;
	files_init(&f);
	char *s = html_out("<p>before</p><figure><img src=\"https://cdn.example/"
		"pier.jpg\" alt=\"The pier\"><figcaption>The ferry pier at dawn. "
		"<span class=\"credit\">Photo: Jane Doe</span></figcaption>"
		"</figure><p>after</p>", &f.opts);
	STR_EQ(s, "<p>before</p><p>after</p>");
	free(s);

	/* the limit: a local picture keeps it */
	s = html_out("<figure><img src=\"img/pic.jpg\" alt=\"The pier\">"
		"<figcaption>The ferry pier at dawn.</figcaption></figure>",
		&f.opts);
	char *want = with_pic("<figure><img src=\"%s\" alt=\"The pier\"/>"
		"<figcaption>The ferry pier at dawn.</figcaption></figure>",
		f.real_pic);
	STR_EQ(s, want);
	free(s);
	free(want);
	files_finish(&f);
}

/*
 * A caption or credit by class, outside a figure, goes with a remote
 * picture and stays with a local one.
 */
static void caption_class(void)
{
	struct files f;
	files_init(&f);
	char *s = html_out("<p>before</p><div class=\"image\"><img src=\""
		"https://cdn.example/pier.jpg\"><div class=\"caption\">The ferry "
		"pier at dawn</div><span class=\"image-credit\">Jane Doe / "
		"Gazette</span></div><p>after</p>", &f.opts);
	STR_EQ(s, "<p>before</p><p>after</p>");
	free(s);

	s = html_out("<p>before</p><div class=\"image\"><img src=\"img/pic.jpg\""
		" alt=\"\"><div class=\"caption\">The ferry pier at dawn</div>"
		"<span class=\"image-credit\">Jane Doe / Gazette</span></div>"
		"<p>after</p>", &f.opts);
	char *want = with_pic("<p>before</p><p><img src=\"%s\" alt=\"\"/></p>"
		"<p>The ferry pier at dawn</p><p>Jane Doe / Gazette</p>"
		"<p>after</p>", f.real_pic);
	STR_EQ(s, want);
	free(s);
	free(want);

	/* a paragraph beside a remote picture without such a class stays */
	s = html_out("<div class=\"image\"><img src=\"https://cdn.example/"
		"pier.jpg\"></div><p class=\"lead\">The council approved its "
		"budget on Tuesday night.</p>", &f.opts);
	STR_EQ(s, "<p>The council approved its budget on Tuesday night.</p>");
	free(s);
	files_finish(&f);
}

/*
 * The limit of caption_class: a container of the article whose class
 * mentions captions is not a caption; its paragraphs stay when its
 * pictures are remote.
 */
static void caption_class_container(void)
{
	HTML_IS("<div class=\"article-body has-captions\"><p>The council "
		"approved its budget on Tuesday night, after a debate that ran "
		"for almost six hours.</p><figure><img src=\"https://cdn.example/"
		"pier.jpg\"><figcaption>The pier</figcaption></figure><p>Under "
		"the plan, spending on road repairs rises by a fifth.</p></div>",
		"<p>The council approved its budget on Tuesday night, after a "
		"debate that ran for almost six hours.</p><p>Under the plan, "
		"spending on road repairs rises by a fifth.</p>");
}

/*
 * After a picture left out, a short line that reads as its caption goes:
 * in italics, or without a full stop. A sentence stays.
 */
static void orphan_caption(void)
{
	struct files f;
	files_init(&f);
	HTML_IS("<p><img src=\"https://cdn.example/pier.jpg\"></p>"
		"<p><em>The ferry pier at dawn, before the repairs.</em></p>"
		"<p>The council approved its budget on Tuesday night.</p>",
		"<p>The council approved its budget on Tuesday night.</p>");
	HTML_IS("<p><img src=\"https://cdn.example/pier.jpg\"></p>"
		"<p>The slimmer pier of the new ferry terminal</p>"
		"<p>The council approved its budget on Tuesday night.</p>",
		"<p>The council approved its budget on Tuesday night.</p>");
	/* a credit says it is a caption, full stop or not */
	HTML_IS("<p><img src=\"https://cdn.example/pier.jpg\"></p>"
		"<p>Divers inspect the pier on Monday. (Photo by Jane Doe/Getty "
		"Images)</p><p>The council approved its budget.</p>",
		"<p>The council approved its budget.</p>");
	/* the rest of the paragraph that the picture opens */
	HTML_IS("<p><img src=\"https://cdn.example/pier.jpg\"> The ferry pier "
		"at dawn</p><p>The council approved its budget.</p>",
		"<p>The council approved its budget.</p>");

	/* the limits: a sentence, a long line, a line after no picture */
	HTML_IS("<p><img src=\"https://cdn.example/pier.jpg\"></p>"
		"<p>The council approved its budget on Tuesday night.</p>",
		"<p>The council approved its budget on Tuesday night.</p>");
	HTML_IS("<p>Intro.</p><p>The slimmer pier of the new ferry terminal"
		"</p>",
		"<p>Intro.</p><p>The slimmer pier of the new ferry terminal</p>");
	HTML_IS("<p><img src=\"https://cdn.example/pier.jpg\"></p><p>A picture "
		"gone: <em>only this part</em> is in italics.</p>",
		"<p>A picture gone: <em>only this part</em> is in italics.</p>");
	/* after a picture on disk, the line is its caption and stays */
	char *s = html_out("<p><img src=\"img/pic.jpg\" alt=\"\"></p>"
		"<p><em>The ferry pier at dawn.</em></p>", &f.opts);
	char *want = with_pic("<p><img src=\"%s\" alt=\"\"/></p>"
		"<p><em>The ferry pier at dawn.</em></p>", f.real_pic);
	STR_EQ(s, want);
	free(s);
	free(want);
	files_finish(&f);
}

/* With pictures off, their captions go too, however they are written. */
static void no_images_caption(void)
{
	struct files f;
	files_init(&f);
	struct bs_sanitize off = f.opts;
	off.images = false;
	char *s = html_out("<figure><img src=\"img/pic.jpg\" alt=\"x\">"
		"<figcaption>The ferry pier at dawn.</figcaption></figure>"
		"<p>after</p>", &off);
	STR_EQ(s, "<p>after</p>");
	free(s);
	s = html_out("<div><img src=\"img/pic.jpg\"><p class=\"wp-caption-text\">"
		"The ferry pier at dawn, before the repairs began.</p></div>"
		"<p>after</p>", &off);
	STR_EQ(s, "<p>after</p>");
	free(s);
	s = html_out("<p><img src=\"img/pic.jpg\"></p><p><i>The ferry pier at "
		"dawn.</i></p><p>The council approved its budget.</p>", &off);
	STR_EQ(s, "<p>The council approved its budget.</p>");
	free(s);
	/* the limit: the article's sentences stay */
	s = html_out("<p><img src=\"img/pic.jpg\"></p><p>The council approved "
		"its budget.</p>", &off);
	STR_EQ(s, "<p>The council approved its budget.</p>");
	free(s);
	files_finish(&f);
}

static const struct subtest tests[] = {
	{"root", root},
	{"dropped", dropped},
	{"attributes", attributes},
	{"links", links},
	{"internal_links", internal_links},
	{"nested_links", nested_links},
	{"block_in_paragraph", block_in_paragraph},
	{"loose_text", loose_text},
	{"lists", lists},
	{"list_text", list_text},
	{"headings", headings},
	{"tables", tables},
	{"images", images},
	{"image_space", image_space},
	{"figures", figures},
	{"void_elements", void_elements},
	{"breaks", breaks},
	{"control_chars", control_chars},
	{"deep_nesting", deep_nesting},
	{"drop_image", drop_image},
	{"figure_caption", figure_caption},
	{"caption_class", caption_class},
	{"caption_class_container", caption_class_container},
	{"orphan_caption", orphan_caption},
	{"no_images_caption", no_images_caption},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
