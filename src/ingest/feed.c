#include "ingest/feed.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xmlreader.h>
#include <libxml/xmlsave.h>

#include "ingest/ingest.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/text.h"

/* A feed of more items is cut: bounded work. */
enum { MAX_ITEMS = 2000 };

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS1 "http://purl.org/rss/1.0/"

static bool starts(const char *p, const char *end, const char *with)
{
	size_t n = strlen(with);
	return (size_t)(end - p) >= n && memcmp(p, with, n) == 0;
}

static const char *find(const char *p, const char *end, const char *what)
{
	size_t n = strlen(what);
	for (; (size_t)(end - p) >= n; p++) {
		if (memcmp(p, what, n) == 0) {
			return p;
		}
	}
	return NULL;
}

/*
 * Walks the prolog of the XML in [p, end): the XML declaration, comments,
 * processing instructions and the document type declaration. Returns
 * where the root element starts (NULL when the prolog does not end in
 * one), and sets *entities when the DTD's internal subset declares
 * entities, the only place they can be declared: the external DTD is
 * never loaded, and "<!ENTITY" in an item's text is just text.
 */
static const char *prolog(const char *p, const char *end, bool *entities)
{
	*entities = false;
	if (starts(p, end, "\xef\xbb\xbf")) {
		p += 3;
	}
	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			p++;
		} else if (starts(p, end, "<?") || starts(p, end, "<!--")) {
			bool pi = p[1] == '?';
			p = find(p + 2, end, pi ? "?>" : "-->");
			if (!p) {
				return NULL;
			}
			p += pi ? 2 : 3;
		} else if (starts(p, end, "<!DOCTYPE")) {
			char quote = 0;
			for (p += 9; p < end; p++) {
				if (quote) {
					quote = *p == quote ? 0 : quote;
				} else if (*p == '"' || *p == '\'') {
					quote = *p;
				} else if (*p == '>') {
					break;
				} else if (*p == '[') {
					*entities = find(p, end, "<!ENTITY") != NULL;
					/* past the subset: "]" then ">" */
					const char *close = find(p, end, "]");
					p = close ? close : end;
				}
			}
			if (p < end) {
				p++;
			}
		} else {
			return *p == '<' ? p : NULL;
		}
	}
	return NULL;
}

bool feed_sniff(const char *data, size_t len)
{
	const char *end = data + (len < 65536 ? len : 65536);
	bool entities;
	const char *p = prolog(data, end, &entities);
	return p && (starts(p, end, "<rss") || starts(p, end, "<feed")
		|| starts(p, end, "<rdf:RDF") || starts(p, end, "<RDF")
		|| starts(p, end, "<atom:feed"));
}

/* Text of n, entity references left unexpanded (never substituted). */
static void node_text(const xmlNode *n, struct bs_buf *out)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			buf_puts(out, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE) {
			node_text(c, out);
		}
	}
}

static char *text_of(const xmlNode *n)
{
	struct bs_buf b = {0};
	node_text(n, &b);
	return text_trim(buf_detach(&b));
}

/* The text of n on one line: white space collapsed. */
static char *collapsed_text_of(const xmlNode *n)
{
	char *t = text_of(n);
	char *out = text_collapse(t);
	free(t);
	return out;
}

/* Atom's type="xhtml" content: its <div>'s children, serialised. */
static char *xhtml_of(xmlNode *n)
{
	xmlBufferPtr xb = xmlBufferCreate();
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			for (xmlNode *k = c->children; k; k = k->next) {
				xmlNodeDump(xb, n->doc, k, 0, 0);
			}
			break;
		}
	}
	char *s = xstrdup((const char *)xmlBufferContent(xb));
	xmlBufferFree(xb);
	return s;
}

static bool named(const xmlNode *n, const char *ns, const char *name)
{
	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name)) {
		return false;
	}
	const char *href = n->ns ? (const char *)n->ns->href : NULL;
	if (!ns) {
		/* RSS 2.0 has no namespace; some feeds put RSS 1.0's on it */
		return !href || strcmp(href, NS_RSS1) == 0;
	}
	return href && strcmp(href, ns) == 0;
}

static void set(char **field, char *value)
{
	if (*field || !value || !*value) {
		free(value);
		return;
	}
	*field = value;
}

/* An Atom text construct: HTML for type="html"/"xhtml", else text. */
static char *atom_html(xmlNode *n)
{
	xmlChar *type = xmlGetProp(n, BAD_CAST "type");
	char *out;
	if (type && strcmp((const char *)type, "xhtml") == 0) {
		out = xhtml_of(n);
	} else if (type && (strcmp((const char *)type, "html") == 0
			|| strstr((const char *)type, "html"))) {
		out = text_of(n);
	} else {
		/* text: make it HTML by escaping */
		char *t = text_of(n);
		xmlChar *esc = xmlEncodeSpecialChars(NULL, BAD_CAST t);
		out = xstrdup((const char *)esc);
		xmlFree(esc);
		free(t);
	}
	xmlFree(type);
	return out;
}

/* An Atom <link>'s address when it is the page's (rel alternate), or NULL. */
static char *atom_link(xmlNode *n)
{
	xmlChar *rel = xmlGetProp(n, BAD_CAST "rel");
	xmlChar *href = xmlGetProp(n, BAD_CAST "href");
	char *out = href && (!rel || strcmp((const char *)rel, "alternate") == 0)
		? xstrdup((const char *)href) : NULL;
	xmlFree(rel);
	xmlFree(href);
	return out;
}

/* An Atom title of type html or xhtml, as plain text. */
static char *atom_title(xmlNode *n)
{
	char *html = atom_html(n);
	htmlDocPtr doc = ingest_parse_html(html, strlen(html), NULL);
	free(html);
	xmlChar *text = doc ? xmlNodeGetContent((xmlNode *)doc) : NULL;
	char *out = text_collapse(text ? (const char *)text : "");
	xmlFree(text);
	if (doc) {
		xmlFreeDoc(doc);
	}
	return out;
}

static void read_item(xmlNode *it, struct bs_feed_item *item)
{
	/* a guid or id is the address only when there is no link; the date
	 * updated only when there is none of publication */
	char *guid = NULL, *updated = NULL;
	for (xmlNode *c = it->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE) {
			continue;
		}
		if (named(c, NULL, "title")) {
			set(&item->title, collapsed_text_of(c));
		} else if (named(c, NS_ATOM, "title")) {
			set(&item->title, atom_title(c));
		} else if (named(c, NULL, "link")) {
			set(&item->link, text_of(c));
		} else if (named(c, NS_ATOM, "link")) {
			set(&item->link, atom_link(c));
		} else if (named(c, NULL, "guid") || named(c, NS_ATOM, "id")) {
			char *g = text_of(c);
			if (text_starts_ci(g, "http")) {
				set(&guid, g);
			} else {
				free(g);
			}
		} else if (named(c, NULL, "author") || named(c, NS_DC, "creator")) {
			set(&item->author, text_of(c));
		} else if (named(c, NS_ATOM, "author")) {
			for (xmlNode *a = c->children; a; a = a->next) {
				if (named(a, NS_ATOM, "name")) {
					set(&item->author, text_of(a));
				}
			}
		} else if (named(c, NULL, "pubDate") || named(c, NS_DC, "date")
				|| named(c, NS_ATOM, "published")) {
			set(&item->date, text_of(c));
		} else if (named(c, NS_ATOM, "updated")) {
			set(&updated, text_of(c));
		} else if (named(c, NULL, "category") || named(c, NS_DC, "subject")) {
			set(&item->category, text_of(c));
		} else if (named(c, NS_ATOM, "category")) {
			xmlChar *label = xmlGetProp(c, BAD_CAST "label");
			xmlChar *term = xmlGetProp(c, BAD_CAST "term");
			xmlChar *v = label ? label : term;
			if (v) {
				set(&item->category, xstrdup((const char *)v));
			}
			xmlFree(label);
			xmlFree(term);
		} else if (named(c, NS_CONTENT, "encoded")) {
			set(&item->content, text_of(c));
		} else if (named(c, NS_ATOM, "content")) {
			set(&item->content, atom_html(c));
		} else if (named(c, NULL, "description")) {
			set(&item->summary, text_of(c));
		} else if (named(c, NS_ATOM, "summary")) {
			set(&item->summary, atom_html(c));
		}
	}
	set(&item->link, guid);
	set(&item->date, updated);
}

static void add_item(struct bs_feed *feed, xmlNode *node)
{
	if (feed->count >= MAX_ITEMS) {
		return;
	}
	feed->items = xreallocarray(feed->items, feed->count + 1,
		sizeof(*feed->items));
	struct bs_feed_item *item = &feed->items[feed->count++];
	memset(item, 0, sizeof(*item));
	read_item(node, item);
}

/* The channel's (feed's) own title, link and language. */
static void read_channel(xmlNode *c, struct bs_feed *feed)
{
	if (named(c, NULL, "title") || named(c, NS_ATOM, "title")) {
		set(&feed->title, collapsed_text_of(c));
	} else if (named(c, NULL, "link")) {
		set(&feed->link, text_of(c));
	} else if (named(c, NS_ATOM, "link")) {
		set(&feed->link, atom_link(c));
	} else if (named(c, NULL, "language") || named(c, NS_DC, "language")) {
		set(&feed->lang, text_of(c));
	}
}

static bool is_entry(const char *local)
{
	return strcmp(local, "item") == 0 || strcmp(local, "entry") == 0;
}

static bool is_feed_root(const char *local)
{
	return strcmp(local, "rss") == 0 || strcmp(local, "feed") == 0
		|| strcmp(local, "RDF") == 0;
}

enum outcome { READ, NOT_A_FEED, MALFORMED };

/* Options of both readings: no network, no DTD, no entity substitution. */
static const int parse_options = XML_PARSE_NONET | XML_PARSE_NOERROR
	| XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT
	| XML_PARSE_IGNORE_ENC;

/* The feed read as a stream, an item at a time. */
static enum outcome read_stream(const char *utf8, size_t len,
	struct bs_feed *feed)
{
	xmlTextReaderPtr r = xmlReaderForMemory(utf8, (int)len, NULL, "UTF-8",
		parse_options);
	if (!r) {
		return MALFORMED;
	}
	bool root_seen = false;
	int rc = xmlTextReaderRead(r);
	while (rc == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
			rc = xmlTextReaderRead(r);
			continue;
		}
		const char *local = (const char *)xmlTextReaderConstLocalName(r);
		if (!root_seen) {
			root_seen = true;
			if (!is_feed_root(local)) {
				xmlFreeTextReader(r);
				return NOT_A_FEED;
			}
			const xmlChar *lang = xmlTextReaderConstXmlLang(r);
			if (lang) {
				set(&feed->lang, xstrdup((const char *)lang));
			}
			rc = xmlTextReaderRead(r);
			continue;
		}
		bool entry = is_entry(local);
		bool channel_child = xmlTextReaderDepth(r) <= 2 && !entry
			&& strcmp(local, "channel") != 0;
		if (!entry && !channel_child) {
			rc = xmlTextReaderRead(r);
			continue;
		}
		xmlNode *node = xmlTextReaderExpand(r);
		if (!node) {
			rc = -1;
			break;
		}
		if (entry) {
			add_item(feed, node);
		} else {
			read_channel(node, feed);
		}
		/* past this subtree, onto the next node, read as it is */
		rc = xmlTextReaderNext(r);
	}
	xmlFreeTextReader(r);
	return rc < 0 ? MALFORMED : root_seen ? READ : NOT_A_FEED;
}

/*
 * The feed read whole in libxml2's recovery mode, for a feed the stream
 * gave up on: what comes before the error, and often after, is kept.
 */
static enum outcome read_recovering(const char *utf8, size_t len,
	struct bs_feed *feed)
{
	xmlDocPtr doc = xmlReadMemory(utf8, (int)len, NULL, "UTF-8",
		parse_options | XML_PARSE_RECOVER);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root || !is_feed_root((const char *)root->name)) {
		if (doc) {
			xmlFreeDoc(doc);
		}
		return root ? NOT_A_FEED : MALFORMED;
	}
	xmlChar *lang = xmlNodeGetLang(root);
	if (lang) {
		set(&feed->lang, xstrdup((const char *)lang));
	}
	xmlFree(lang);
	for (xmlNode *c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE) {
			continue;
		}
		if (is_entry((const char *)c->name)) {
			add_item(feed, c);
			continue;
		}
		if (strcmp((const char *)c->name, "channel") != 0) {
			read_channel(c, feed);
			continue;
		}
		for (xmlNode *g = c->children; g; g = g->next) {
			if (g->type != XML_ELEMENT_NODE) {
				continue;
			}
			if (is_entry((const char *)g->name)) {
				add_item(feed, g);
			} else {
				read_channel(g, feed);
			}
		}
	}
	xmlFreeDoc(doc);
	return READ;
}

bool feed_parse(const char *name, const char *data, size_t len,
	struct bs_feed *feed, struct bs_error *err)
{
	memset(feed, 0, sizeof(*feed));
	char *utf8;
	size_t n;
	ingest_to_utf8(data, len, NULL, &utf8, &n, NULL);
	if (n > INT_MAX) {
		error_set(err, name, "feed too large");
		free(utf8);
		return false;
	}
	/* entities are how XML bombs and file reads come: none are read */
	bool entities;
	prolog(utf8, utf8 + n, &entities);
	if (entities) {
		error_set(err, name, "feed declares XML entities (an entity "
			"expansion or file-reading attack?), not read");
		free(utf8);
		return false;
	}
	enum outcome o = read_stream(utf8, n, feed);
	if (o == MALFORMED) {
		feed_finish(feed);
		o = read_recovering(utf8, n, feed);
	}
	free(utf8);
	if (o != READ) {
		error_set(err, name, o == NOT_A_FEED ? "not an RSS or Atom feed"
			: "malformed feed XML, no item read");
		feed_finish(feed);
		return false;
	}
	return true;
}

void feed_finish(struct bs_feed *feed)
{
	for (size_t i = 0; i < feed->count; i++) {
		struct bs_feed_item *it = &feed->items[i];
		free(it->title);
		free(it->link);
		free(it->author);
		free(it->date);
		free(it->category);
		free(it->content);
		free(it->summary);
	}
	free(feed->items);
	free(feed->title);
	free(feed->link);
	free(feed->lang);
	memset(feed, 0, sizeof(*feed));
}
