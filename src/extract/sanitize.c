#include "extract/sanitize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>

#include "extract/dom.h"
#include "extract/extract.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/text.h"

/* What an output element may hold, in the XHTML content model. */
enum kind {
	K_NONE,		/* not an output element */
	K_INLINE,	/* phrasing element holding phrasing: em, a, code... */
	K_VOID,		/* br, img */
	K_TEXTBLOCK,	/* block holding phrasing: p, h2-h6, pre, dt, caption */
	K_FLOW,		/* block holding blocks or phrasing: li, dd, td, th,
			 * figure, figcaption */
	K_SECTION,	/* block holding blocks only; loose text gets a <p>:
			 * the root, blockquote */
	K_LIST,		/* ul, ol: li only */
	K_DL,		/* dt, dd only */
	K_TABLE,	/* caption, thead, tbody, tfoot, tr */
	K_ROWGROUP,	/* thead, tbody, tfoot: tr only */
	K_ROW,		/* td, th only */
	K_HR,
};

/* What to do with a source element. */
enum action {
	A_DROP,		/* with its content */
	A_UNWRAP,	/* keep its content */
	A_BLOCK,	/* keep its content as a block of its own */
	A_KEEP,		/* as the output element named in the table */
};

struct rule {
	const char *in;
	enum action action;
	const char *out;
	enum kind kind;
};

static const struct rule rules[] = {
	{"p", A_KEEP, "p", K_TEXTBLOCK},
	{"h1", A_KEEP, "h2", K_TEXTBLOCK},
	{"h2", A_KEEP, "h2", K_TEXTBLOCK},
	{"h3", A_KEEP, "h3", K_TEXTBLOCK},
	{"h4", A_KEEP, "h4", K_TEXTBLOCK},
	{"h5", A_KEEP, "h5", K_TEXTBLOCK},
	{"h6", A_KEEP, "h6", K_TEXTBLOCK},
	{"pre", A_KEEP, "pre", K_TEXTBLOCK},
	{"xmp", A_KEEP, "pre", K_TEXTBLOCK},
	{"listing", A_KEEP, "pre", K_TEXTBLOCK},
	{"plaintext", A_KEEP, "pre", K_TEXTBLOCK},
	{"blockquote", A_KEEP, "blockquote", K_SECTION},
	{"ul", A_KEEP, "ul", K_LIST},
	{"ol", A_KEEP, "ol", K_LIST},
	{"menu", A_KEEP, "ul", K_LIST},
	{"dir", A_KEEP, "ul", K_LIST},
	{"li", A_KEEP, "li", K_FLOW},
	{"dl", A_KEEP, "dl", K_DL},
	{"dt", A_KEEP, "dt", K_TEXTBLOCK},
	{"dd", A_KEEP, "dd", K_FLOW},
	{"figure", A_KEEP, "figure", K_FLOW},
	{"figcaption", A_KEEP, "figcaption", K_FLOW},
	{"table", A_KEEP, "table", K_TABLE},
	{"caption", A_KEEP, "caption", K_TEXTBLOCK},
	{"thead", A_KEEP, "thead", K_ROWGROUP},
	{"tbody", A_KEEP, "tbody", K_ROWGROUP},
	{"tfoot", A_KEEP, "tfoot", K_ROWGROUP},
	{"tr", A_KEEP, "tr", K_ROW},
	{"td", A_KEEP, "td", K_FLOW},
	{"th", A_KEEP, "th", K_FLOW},
	{"hr", A_KEEP, "hr", K_HR},
	{"br", A_KEEP, "br", K_VOID},
	{"img", A_KEEP, "img", K_VOID},
	{"a", A_KEEP, "a", K_INLINE},
	{"em", A_KEEP, "em", K_INLINE},
	{"i", A_KEEP, "i", K_INLINE},
	{"strong", A_KEEP, "strong", K_INLINE},
	{"b", A_KEEP, "b", K_INLINE},
	{"u", A_KEEP, "u", K_INLINE},
	{"s", A_KEEP, "s", K_INLINE},
	{"strike", A_KEEP, "s", K_INLINE},
	{"del", A_KEEP, "del", K_INLINE},
	{"ins", A_KEEP, "ins", K_INLINE},
	{"small", A_KEEP, "small", K_INLINE},
	{"sub", A_KEEP, "sub", K_INLINE},
	{"sup", A_KEEP, "sup", K_INLINE},
	{"code", A_KEEP, "code", K_INLINE},
	{"tt", A_KEEP, "code", K_INLINE},
	{"kbd", A_KEEP, "kbd", K_INLINE},
	{"samp", A_KEEP, "samp", K_INLINE},
	{"var", A_KEEP, "var", K_INLINE},
	{"mark", A_KEEP, "mark", K_INLINE},
	{"cite", A_KEEP, "cite", K_INLINE},
	{"q", A_KEEP, "q", K_INLINE},
	{"abbr", A_KEEP, "abbr", K_INLINE},
	{"acronym", A_KEEP, "abbr", K_INLINE},
	{"dfn", A_KEEP, "dfn", K_INLINE},
	{"bdi", A_KEEP, "bdi", K_INLINE},
	{"ruby", A_KEEP, "ruby", K_INLINE},
	{"rt", A_KEEP, "rt", K_INLINE},
	{"rp", A_KEEP, "rp", K_INLINE},
	{"span", A_UNWRAP, NULL, K_NONE},
	{"font", A_UNWRAP, NULL, K_NONE},
	{"big", A_UNWRAP, NULL, K_NONE},
	{"time", A_UNWRAP, NULL, K_NONE},
	{"label", A_UNWRAP, NULL, K_NONE},
	{"nobr", A_UNWRAP, NULL, K_NONE},
	{"data", A_UNWRAP, NULL, K_NONE},
	{"bdo", A_UNWRAP, NULL, K_NONE},
	{"picture", A_UNWRAP, NULL, K_NONE},
	{"center", A_BLOCK, NULL, K_NONE},
	{"div", A_BLOCK, NULL, K_NONE},
	{"section", A_BLOCK, NULL, K_NONE},
	{"article", A_BLOCK, NULL, K_NONE},
	{"main", A_BLOCK, NULL, K_NONE},
	{"header", A_BLOCK, NULL, K_NONE},
	{"hgroup", A_BLOCK, NULL, K_NONE},
	{"address", A_BLOCK, NULL, K_NONE},
	{"details", A_BLOCK, NULL, K_NONE},
	{"summary", A_BLOCK, NULL, K_NONE},
	{"form", A_BLOCK, NULL, K_NONE},
	{"fieldset", A_BLOCK, NULL, K_NONE},
	{"legend", A_BLOCK, NULL, K_NONE},
	{"body", A_BLOCK, NULL, K_NONE},
	{"html", A_BLOCK, NULL, K_NONE},
	/* void, but libxml2 2.9 makes what follows them their content */
	{"wbr", A_UNWRAP, NULL, K_NONE},
	{"source", A_UNWRAP, NULL, K_NONE},
	{"embed", A_UNWRAP, NULL, K_NONE},
	{"track", A_UNWRAP, NULL, K_NONE},
	{"param", A_UNWRAP, NULL, K_NONE},
	{"keygen", A_UNWRAP, NULL, K_NONE},
	{"colgroup", A_DROP, NULL, K_NONE},
	{"col", A_DROP, NULL, K_NONE},
	{"nav", A_DROP, NULL, K_NONE},
	{"aside", A_DROP, NULL, K_NONE},
	{"footer", A_DROP, NULL, K_NONE},
	{"script", A_DROP, NULL, K_NONE},
	{"style", A_DROP, NULL, K_NONE},
	{"noscript", A_DROP, NULL, K_NONE},
	{"template", A_DROP, NULL, K_NONE},
	{"iframe", A_DROP, NULL, K_NONE},
	{"frame", A_DROP, NULL, K_NONE},
	{"frameset", A_DROP, NULL, K_NONE},
	{"object", A_DROP, NULL, K_NONE},
	{"applet", A_DROP, NULL, K_NONE},
	{"svg", A_DROP, NULL, K_NONE},
	{"math", A_DROP, NULL, K_NONE},
	{"canvas", A_DROP, NULL, K_NONE},
	{"video", A_DROP, NULL, K_NONE},
	{"audio", A_DROP, NULL, K_NONE},
	{"map", A_DROP, NULL, K_NONE},
	{"input", A_DROP, NULL, K_NONE},
	{"button", A_DROP, NULL, K_NONE},
	{"select", A_DROP, NULL, K_NONE},
	{"textarea", A_DROP, NULL, K_NONE},
	{"option", A_DROP, NULL, K_NONE},
	{"dialog", A_DROP, NULL, K_NONE},
	{"head", A_DROP, NULL, K_NONE},
	{"title", A_DROP, NULL, K_NONE},
	{"meta", A_DROP, NULL, K_NONE},
	{"link", A_DROP, NULL, K_NONE},
	{"base", A_DROP, NULL, K_NONE},
};

/* The mark of a picture left out; no output keeps it. */
#define GONE "bs-gone-picture"

/* Deeper source nesting is read as text only: bounded stack, valid output. */
enum { MAX_DEPTH = 200 };

struct builder {
	const struct bs_sanitize *opts;
	xmlDocPtr doc;
	xmlNsPtr ns;
	xmlNode *root;
	xmlNode *cur;
	int pre;		/* inside <pre> */
	int link;		/* inside <a> */
	int depth;
	xmlChar *last_img;	/* the picture shown last */
	char **targets;		/* ids that internal links point at */
	size_t n_targets;
};

static const struct rule *rule_for(const xmlNode *n)
{
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (strcasecmp((const char *)n->name, rules[i].in) == 0) {
			return &rules[i];
		}
	}
	return NULL;
}

static enum kind kind_of(const xmlNode *out)
{
	if (!out || out->type != XML_ELEMENT_NODE) {
		return K_NONE;
	}
	if (!out->parent || out->parent->type != XML_ELEMENT_NODE) {
		return K_SECTION;	/* the root <div> */
	}
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (rules[i].action == A_KEEP
				&& strcmp((const char *)out->name, rules[i].out) == 0) {
			return rules[i].kind;
		}
	}
	return K_NONE;
}

static bool takes_phrasing(enum kind k)
{
	return k == K_INLINE || k == K_TEXTBLOCK || k == K_FLOW;
}

static bool takes_blocks(enum kind k)
{
	return k == K_FLOW || k == K_SECTION;
}

static xmlNode *new_element(struct builder *b, const char *name)
{
	xmlNode *el = xmlNewDocNode(b->doc, b->ns, BAD_CAST name, NULL);
	xmlAddChild(b->cur, el);
	return el;
}

/* Closes paragraphs and inline elements up to a container of blocks. */
static void close_to_flow(struct builder *b)
{
	while (b->cur != b->root && !takes_blocks(kind_of(b->cur))) {
		b->cur = b->cur->parent;
	}
}

/* Makes b->cur a place where phrasing content may go; false if none. */
static bool ensure_phrasing(struct builder *b)
{
	enum kind k = kind_of(b->cur);
	if (takes_phrasing(k)) {
		return true;
	}
	if (k == K_SECTION) {
		b->cur = new_element(b, "p");
		return true;
	}
	if (k == K_LIST || k == K_DL) {
		b->cur = new_element(b, k == K_LIST ? "li" : "dd");
		xmlSetProp(b->cur, BAD_CAST "data-implicit", BAD_CAST "1");
		return true;
	}
	return false;
}

/*
 * Loose text in a list got an item of its own; a real item closes it.
 * Moves b->cur out of such an item, if it is in one.
 */
static void close_implicit_item(struct builder *b)
{
	for (xmlNode *n = b->cur; n && n != b->root; n = n->parent) {
		enum kind k = kind_of(n);
		if ((k == K_FLOW || k == K_TEXTBLOCK)
				&& xmlHasProp(n, BAD_CAST "data-implicit")) {
			b->cur = n->parent;
			return;
		}
		if (k != K_INLINE) {
			return;
		}
	}
}

/* Removes what XML 1.0 forbids and C1 controls left by bad decoding. */
static void clean_chars(const char *s, struct bs_buf *out, bool pre)
{
	for (const char *p = s; *p;) {
		unsigned cp;
		size_t n = utf8_decode(p, &cp);
		if (cp == '\r') {
			if (p[1] != '\n') {
				buf_putc(out, '\n');
			}
		} else if ((cp < 0x20 && cp != '\t' && cp != '\n')
				|| (cp >= 0x7f && cp <= 0x9f) || cp == 0xfffe
				|| cp == 0xffff || (cp >= 0xd800 && cp <= 0xdfff)) {
			/* dropped */
		} else if (!pre && text_is_space(cp) && cp != 0xa0 && cp != 0x202f) {
			buf_putc(out, ' ');
		} else if (cp == 0xfffd && n == 1) {
			buf_puts(out, "\xef\xbf\xbd");
		} else {
			buf_append(out, p, n);
		}
		p += n;
	}
}

static void emit_text(struct builder *b, const char *s)
{
	if (!s || !*s) {
		return;
	}
	if (!b->pre && text_blank(s)) {
		/* a separator between words, only inside running text */
		if (takes_phrasing(kind_of(b->cur)) && b->cur->children) {
			xmlAddChild(b->cur, xmlNewDocText(b->doc, BAD_CAST " "));
		}
		return;
	}
	if (!ensure_phrasing(b)) {
		return;
	}
	xmlFree(b->last_img);
	b->last_img = NULL;
	struct bs_buf t = {0};
	clean_chars(s, &t, b->pre > 0);
	if (t.len) {
		xmlAddChild(b->cur, xmlNewDocTextLen(b->doc, BAD_CAST t.data,
			(int)t.len));
	}
	buf_finish(&t);
}

static bool is_target(const struct builder *b, const char *id)
{
	for (size_t i = 0; id && i < b->n_targets; i++) {
		if (strcmp(b->targets[i], id) == 0) {
			return true;
		}
	}
	return false;
}

static bool valid_id(const char *id)
{
	if (!id || !(isalpha((unsigned char)*id) || *id == '_')) {
		return false;
	}
	for (const char *p = id; *p; p++) {
		if (!isalnum((unsigned char)*p) && !strchr("_-.", *p)) {
			return false;
		}
	}
	return strlen(id) < 100;
}

/* Percent-encodes what RFC 3986 does not allow in a URL. */
static char *encode_url(const char *url)
{
	struct bs_buf b = {0};
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>\\^`{|}", *p)
				|| (*p == '%' && !(isxdigit(p[1])
				&& isxdigit(p[2])))) {
			buf_printf(&b, "%%%02X", *p);
		} else {
			buf_putc(&b, (char)*p);
		}
	}
	return buf_detach(&b);
}

/* An absolute http(s) URL for href, or NULL when it is not a web link. */
static char *resolve_link(const struct builder *b, const char *href)
{
	char *h = text_collapse(href);
	char *out = NULL;
	if (text_starts_ci(h, "http://") || text_starts_ci(h, "https://")) {
		out = encode_url(h);
	} else if (h[0] == '/' && h[1] == '/') {
		char *full = xmalloc(strlen(h) + 7);
		sprintf(full, "https:%s", h);
		out = encode_url(full);
		free(full);
	} else if (b->opts->base_url && *h && !strchr(h, ':')) {
		xmlChar *abs = xmlBuildURI(BAD_CAST h, BAD_CAST b->opts->base_url);
		if (abs && (text_starts_ci((const char *)abs, "http://")
				|| text_starts_ci((const char *)abs, "https://"))) {
			out = encode_url((const char *)abs);
		}
		xmlFree(abs);
	}
	free(h);
	/* a URL with a blank or an odd host is not worth a broken link */
	if (out && (strlen(out) > 2000 || !strchr(out + 8, '.'))) {
		free(out);
		out = NULL;
	}
	return out;
}

static bool is_tracker(const xmlNode *img)
{
	const char *w = dom_attr(img, "width");
	const char *h = dom_attr(img, "height");
	if ((w && atoi(w) > 0 && atoi(w) <= 2) || (h && atoi(h) > 0
			&& atoi(h) <= 2)) {
		return true;
	}
	const char *style = dom_attr(img, "style");
	return style && (strstr(style, "width:1px") || strstr(style, "width: 1px")
		|| strstr(style, "height:1px") || strstr(style, "height: 1px"));
}

/* The picture an <img> shows, noting remote and refused ones. */
static char *resolve_image(const struct builder *b, const xmlNode *img)
{
	return picture_resolve(img, b->opts->pictures);
}

/* The same, without notes: to ask whether a picture is there. */
static bool image_on_disk(const struct builder *b, const xmlNode *img)
{
	struct bs_picture_ctx quiet = *b->opts->pictures;
	quiet.remote = quiet.refused = NULL;
	char *path = picture_resolve(img, &quiet);
	bool found = path != NULL;
	free(path);
	return found;
}

static void copy_attrs(struct builder *b, const xmlNode *src, xmlNode *out)
{
	const char *name = (const char *)out->name;
	const char *dir = dom_attr(src, "dir");
	if (dir && (strcasecmp(dir, "rtl") == 0 || strcasecmp(dir, "ltr") == 0)) {
		char lower[4] = {(char)tolower((unsigned char)dir[0]),
			(char)tolower((unsigned char)dir[1]),
			(char)tolower((unsigned char)dir[2]), '\0'};
		xmlSetProp(out, BAD_CAST "dir", BAD_CAST lower);
	}
	const char *id = dom_attr(src, "id");
	if (id && valid_id(id) && is_target(b, id)) {
		xmlSetProp(out, BAD_CAST "id", BAD_CAST id);
	}
	if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) {
		static const char *const spans[] = {"colspan", "rowspan", NULL};
		for (const char *const *s = spans; *s; s++) {
			const char *v = dom_attr(src, *s);
			int k = v ? atoi(v) : 0;
			if (k > 1 && k <= 1000) {
				char num[16];
				snprintf(num, sizeof(num), "%d", k);
				xmlSetProp(out, BAD_CAST *s, BAD_CAST num);
			}
		}
	} else if (strcmp(name, "ol") == 0) {
		const char *start = dom_attr(src, "start");
		if (start && *start && strspn(start, "-0123456789")
				== strlen(start)) {
			char num[16];
			snprintf(num, sizeof(num), "%d", atoi(start));
			xmlSetProp(out, BAD_CAST "start", BAD_CAST num);
		}
	} else if (strcmp(name, "abbr") == 0) {
		const char *title = dom_attr(src, "title");
		if (title && !text_blank(title)) {
			char *t = text_collapse(title);
			struct bs_buf clean = {0};
			clean_chars(t, &clean, false);
			xmlSetProp(out, BAD_CAST "title", BAD_CAST buf_str(&clean));
			buf_finish(&clean);
			free(t);
		}
	}
}

static void walk(struct builder *b, const xmlNode *src);

static void walk_children(struct builder *b, const xmlNode *src)
{
	for (const xmlNode *c = src->children; c; c = c->next) {
		walk(b, c);
	}
}

static bool is_descendant_or_self(const xmlNode *n, const xmlNode *anc)
{
	for (; n; n = n->parent) {
		if (n == anc) {
			return true;
		}
	}
	return false;
}

static void open_inline(struct builder *b, const xmlNode *src, const char *name)
{
	if (strcmp(name, "a") == 0) {
		const char *href = dom_attr(src, "href");
		char *url = NULL;
		bool internal = href && href[0] == '#' && valid_id(href + 1)
			&& is_target(b, href + 1);
		if (!internal && href) {
			url = resolve_link(b, href);
		}
		if (b->link || (!internal && !url)) {
			free(url);
			walk_children(b, src);
			return;
		}
		if (!ensure_phrasing(b)) {
			free(url);
			walk_children(b, src);
			return;
		}
		xmlNode *a = new_element(b, "a");
		xmlSetProp(a, BAD_CAST "href", BAD_CAST (internal ? href : url));
		free(url);
		copy_attrs(b, src, a);
		b->cur = a;
		b->link++;
		walk_children(b, src);
		b->link--;
		if (is_descendant_or_self(b->cur, a)) {
			b->cur = a->parent;
		}
		return;
	}
	if (!ensure_phrasing(b)) {
		walk_children(b, src);
		return;
	}
	xmlNode *el = new_element(b, name);
	copy_attrs(b, src, el);
	b->cur = el;
	walk_children(b, src);
	if (is_descendant_or_self(b->cur, el)) {
		b->cur = el->parent;
	}
}

static void emit_br(struct builder *b)
{
	if (b->pre) {
		emit_text(b, "\n");
		return;
	}
	enum kind k = kind_of(b->cur);
	if (!takes_phrasing(k)) {
		close_to_flow(b);
		return;
	}
	/* <br><br> ends a paragraph */
	xmlNode *last = b->cur->last;
	while (last && last->type == XML_TEXT_NODE && text_blank(
			(const char *)last->content)) {
		last = last->prev;
	}
	if (last && last->type == XML_ELEMENT_NODE
			&& strcmp((const char *)last->name, "br") == 0
			&& (k == K_TEXTBLOCK || k == K_INLINE)
			&& strcmp((const char *)b->cur->name, "pre") != 0) {
		dom_remove(last);
		close_to_flow(b);
		return;
	}
	if (!b->cur->children) {
		return;
	}
	new_element(b, "br");
}

/*
 * Marks where a picture was left out, so that drop_orphan_captions() can
 * take its caption away too.
 */
static void mark_gone_picture(struct builder *b)
{
	if (ensure_phrasing(b)) {
		new_element(b, GONE);
	}
}

static void emit_img(struct builder *b, const xmlNode *src)
{
	if (is_tracker(src)) {
		return;
	}
	char *path = b->opts->images ? resolve_image(b, src) : NULL;
	if (!path) {
		mark_gone_picture(b);
		return;
	}
	/* lazy pages show the same picture twice: placeholder, <noscript> */
	if (b->last_img && xmlStrcmp(b->last_img, BAD_CAST path) == 0) {
		free(path);
		return;
	}
	if (!ensure_phrasing(b)) {
		free(path);
		return;
	}
	xmlFree(b->last_img);
	b->last_img = xmlStrdup(BAD_CAST path);
	xmlNode *img = new_element(b, "img");
	xmlSetProp(img, BAD_CAST "src", BAD_CAST path);
	const char *alt = dom_attr(src, "alt");
	char *a = alt ? text_collapse(alt) : xstrdup("");
	struct bs_buf clean = {0};
	clean_chars(a, &clean, false);
	xmlSetProp(img, BAD_CAST "alt", BAD_CAST buf_str(&clean));
	buf_finish(&clean);
	free(a);
	free(path);
}

/* Where a block named name may go from b->cur; false to unwrap it instead. */
static bool place_block(struct builder *b, const char *name, enum kind k,
	bool *item)
{
	enum kind ck = kind_of(b->cur);
	*item = false;
	if (k == K_ROW || k == K_ROWGROUP || strcmp(name, "caption") == 0) {
		if (k == K_ROW && ck == K_TABLE) {
			b->cur = new_element(b, "tbody");
			return true;
		}
		return (k == K_ROW && ck == K_ROWGROUP)
			|| (k != K_ROW && ck == K_TABLE);
	}
	if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0) {
		if (ck == K_TABLE) {
			b->cur = new_element(b, "tbody");
			ck = K_ROWGROUP;
		}
		if (ck == K_ROWGROUP) {
			b->cur = new_element(b, "tr");
			return true;
		}
		return ck == K_ROW;
	}
	if (ck == K_TABLE || ck == K_ROWGROUP || ck == K_ROW) {
		/* stray content in a table: browsers move it out; we drop
		 * the wrapper and keep looking for rows and cells */
		return false;
	}
	if (strcmp(name, "li") == 0 || strcmp(name, "dt") == 0
			|| strcmp(name, "dd") == 0) {
		close_implicit_item(b);
		ck = kind_of(b->cur);
	}
	if (strcmp(name, "li") == 0) {
		if (ck == K_LIST) {
			return true;
		}
		close_to_flow(b);
		xmlNode *last = b->cur->last;
		if (last && last->type == XML_ELEMENT_NODE
				&& strcmp((const char *)last->name, "ul") == 0
				&& xmlHasProp(last, BAD_CAST "data-implicit")) {
			b->cur = last;
		} else {
			b->cur = new_element(b, "ul");
			xmlSetProp(b->cur, BAD_CAST "data-implicit", BAD_CAST "1");
		}
		return true;
	}
	if (strcmp(name, "dt") == 0 || strcmp(name, "dd") == 0) {
		if (ck == K_DL) {
			return true;
		}
		close_to_flow(b);
		b->cur = new_element(b, "dl");
		return true;
	}
	if (ck == K_LIST) {
		if (k == K_LIST && b->cur->last
				&& b->cur->last->type == XML_ELEMENT_NODE
				&& strcmp((const char *)b->cur->last->name, "li")
				== 0) {
			b->cur = b->cur->last;
		} else {
			b->cur = new_element(b, "li");
			*item = true;
		}
		return true;
	}
	if (ck == K_DL) {
		b->cur = new_element(b, "dd");
		*item = true;
		return true;
	}
	close_to_flow(b);
	return true;
}

static bool is_layout_table(const xmlNode *table)
{
	const char *role = dom_attr(table, "role");
	if (role && strcasecmp(role, "presentation") == 0) {
		return true;
	}
	size_t rows = 0, max_cols = 0;
	for (xmlNode *n = table->children; n; n = dom_next(n, table)) {
		if (dom_is(n, "table")) {
			return true;
		}
		if (dom_is(n, "tr")) {
			rows++;
			size_t cols = 0;
			for (xmlNode *c = n->children; c; c = c->next) {
				if (dom_is(c, "td") || dom_is(c, "th")) {
					cols++;
				}
			}
			if (cols > max_cols) {
				max_cols = cols;
			}
		}
	}
	return max_cols <= 1 || rows <= 1;
}

static bool in_structure(enum kind k)
{
	return k == K_TABLE || k == K_ROWGROUP || k == K_ROW || k == K_LIST
		|| k == K_DL;
}

/* The content of src as a block of its own, its element dropped. */
static void walk_block(struct builder *b, const xmlNode *src)
{
	if (!in_structure(kind_of(b->cur))) {
		close_to_flow(b);
	}
	walk_children(b, src);
	if (!in_structure(kind_of(b->cur))) {
		close_to_flow(b);
	}
}

static bool in_heading(const xmlNode *n)
{
	for (; n; n = n->parent) {
		if (dom_is_heading(n)) {
			return true;
		}
	}
	return false;
}

enum { MAX_CAPTION_WORDS = 60, MAX_SUBHEAD_WORDS = 20 };

/* Captions and credits of pictures, by element or by class. */
static bool is_caption_like(const xmlNode *n)
{
	if (dom_is(n, "figcaption")) {
		return true;
	}
	static const char *const words[] = {"caption", "credit", "copyright",
		NULL};
	const char *attrs[] = {dom_attr(n, "class"), dom_attr(n, "id"),
		dom_attr(n, "itemprop")};
	bool named = false;
	for (size_t i = 0; i < 3; i++) {
		named = named || text_has_any_ci(attrs[i], words);
	}
	if (!named) {
		return false;
	}
	/* a container of paragraphs is not a caption, whatever it is called */
	static const char *const blocks[] = {"p", "ul", "ol", "table", "h2",
		"h3", "h4", "blockquote", "article", "section", NULL};
	for (xmlNode *c = n->children; c; c = dom_next(c, n)) {
		if (dom_is_any(c, blocks)) {
			return false;
		}
	}
	char *t = dom_text_dup(n);
	bool short_text = text_word_count(t) <= MAX_CAPTION_WORDS;
	free(t);
	return short_text;
}

/* Whether a picture on disk is in the block around n (two levels up). */
static bool local_image_near(const struct builder *b, const xmlNode *n)
{
	const xmlNode *around = n->parent && n->parent->parent
		&& n->parent->parent->type == XML_ELEMENT_NODE
		? n->parent->parent : n->parent;
	for (xmlNode *c = around ? around->children : NULL; c;
			c = dom_next(c, around)) {
		if (dom_is(c, "img") && image_on_disk(b, c)) {
			return true;
		}
	}
	return false;
}

static const struct rule subhead_rule = {"div", A_KEEP, "h3", K_TEXTBLOCK};

/*
 * A subheading written as <div class="subhead"> or <p class="crosshead">:
 * a short block holding no other block.
 */
static bool is_subhead(const xmlNode *n)
{
	static const char *const words[] = {"subhead", "sub-head",
		"crosshead", "intertitle", NULL};
	if (!dom_is(n, "div") && !dom_is(n, "p") && !dom_is(n, "span")) {
		return false;
	}
	if (!text_has_any_ci(dom_attr(n, "class"), words)) {
		return false;
	}
	for (xmlNode *c = n->children; c; c = dom_next(c, n)) {
		const struct rule *r = c->type == XML_ELEMENT_NODE ? rule_for(c)
			: NULL;
		if (r && r->kind != K_INLINE && r->kind != K_VOID
				&& r->kind != K_NONE) {
			return false;
		}
	}
	char *t = dom_text_dup(n);
	bool short_text = text_word_count(t) <= MAX_SUBHEAD_WORDS;
	free(t);
	return short_text;
}

static void walk_element(struct builder *b, const xmlNode *src)
{
	const struct rule *r = rule_for(src);
	if (!b->pre && !in_heading(src->parent) && is_subhead(src)) {
		r = &subhead_rule;
	}
	enum action action = r ? r->action : A_BLOCK;
	if (action == A_DROP) {
		return;
	}
	/* a caption outside a figure goes with its picture if that is not
	 * on disk; a figure's own caption is judged in fix_figures() */
	if (!dom_is(src, "figcaption") && is_caption_like(src)
			&& !dom_inside(src->parent, "figure")
			&& (!b->opts->images || !local_image_near(b, src))) {
		return;
	}
	if (r && r->kind == K_TABLE && is_layout_table(src)) {
		action = A_BLOCK;
	}
	if (r && (r->kind == K_ROWGROUP || r->kind == K_ROW
			|| strcmp(r->in, "td") == 0 || strcmp(r->in, "th") == 0
			|| strcmp(r->in, "caption") == 0)
			&& !dom_inside(src->parent, "table")) {
		action = A_BLOCK;
	}
	if (b->pre && action != A_UNWRAP && !(r && r->kind == K_INLINE)) {
		/* inside <pre>, structure becomes line breaks */
		if (r && r->kind == K_VOID && strcmp(r->out, "br") == 0) {
			emit_text(b, "\n");
			return;
		}
		walk_children(b, src);
		if (action == A_BLOCK || (r && r->kind != K_VOID)) {
			emit_text(b, "\n");
		}
		return;
	}
	if (action == A_UNWRAP) {
		walk_children(b, src);
		return;
	}
	if (action == A_BLOCK) {
		walk_block(b, src);
		return;
	}
	if (r->kind == K_INLINE) {
		open_inline(b, src, r->out);
		return;
	}
	if (r->kind == K_VOID) {
		if (strcmp(r->out, "br") == 0) {
			emit_br(b);
		} else {
			emit_img(b, src);
		}
		return;
	}
	if (r->kind == K_HR) {
		bool item;
		if (place_block(b, r->out, r->kind, &item)
				&& takes_blocks(kind_of(b->cur)) && !item) {
			new_element(b, "hr");
		}
		return;
	}
	/* a block element */
	if (r->kind == K_TEXTBLOCK && r->out[0] == 'h' && in_heading(src->parent)) {
		walk_children(b, src);
		return;
	}
	xmlNode *saved = b->cur;
	bool item;
	if (!place_block(b, r->out, r->kind, &item)) {
		walk_block(b, src);
		return;
	}
	xmlNode *container = b->cur;
	xmlNode *el = new_element(b, r->out);
	copy_attrs(b, src, el);
	b->cur = el;
	bool pre = strcmp(r->out, "pre") == 0;
	b->pre += pre;
	walk_children(b, src);
	b->pre -= pre;
	/* what follows goes beside the element, where it was placed */
	if (item) {
		b->cur = saved;
	} else if (xmlHasProp(container, BAD_CAST "data-implicit")) {
		b->cur = container->parent;
	} else {
		b->cur = container;
	}
}

static void walk(struct builder *b, const xmlNode *src)
{
	if (src->type == XML_TEXT_NODE || src->type == XML_CDATA_SECTION_NODE) {
		emit_text(b, (const char *)src->content);
		return;
	}
	if (src->type != XML_ELEMENT_NODE) {
		return;
	}
	if (b->depth >= MAX_DEPTH) {
		struct bs_buf t = {0};
		dom_text(src, &t);
		buf_putc(&t, ' ');
		emit_text(b, buf_str(&t));
		buf_finish(&t);
		return;
	}
	b->depth++;
	walk_element(b, src);
	b->depth--;
}

/* ---- tidying the result ----------------------------------------------- */

static bool has_content(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = dom_next((xmlNode *)c, n)) {
		if (c->type == XML_TEXT_NODE && !text_blank((const char *)c->content)) {
			return true;
		}
		if (c->type == XML_ELEMENT_NODE && (strcmp((const char *)c->name,
				"img") == 0 || strcmp((const char *)c->name, "hr")
				== 0)) {
			return true;
		}
	}
	return false;
}

/* Removes elements left without text or picture, bottom-up. */
static void remove_empty(xmlNode *root)
{
	xmlNode *n = root->children;
	while (n) {
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		/* leaving n: judge it, then its finished ancestors */
		for (;;) {
			xmlNode *next = n->next;
			xmlNode *parent = n->parent;
			if (n->type == XML_ELEMENT_NODE) {
				const char *name = (const char *)n->name;
				bool keep = strcmp(name, "br") == 0
					|| strcmp(name, "img") == 0
					|| strcmp(name, "hr") == 0
					|| strcmp(name, "td") == 0
					|| strcmp(name, "th") == 0;
				if (!keep && !has_content(n)) {
					dom_remove(n);
				}
			}
			if (next) {
				n = next;
				break;
			}
			if (parent == root || !parent) {
				n = NULL;
				break;
			}
			n = parent;
		}
	}
}

static void rename_node(xmlNode *n, const char *name)
{
	xmlNodeSetName(n, BAD_CAST name);
}

/* A caption without its picture: a paragraph, or its blocks as they are. */
static void demote_caption(xmlNode *caption)
{
	for (xmlNode *c = caption->children; c; c = c->next) {
		enum kind k = kind_of(c);
		if (c->type == XML_ELEMENT_NODE && k != K_INLINE && k != K_VOID) {
			dom_unwrap(caption);
			return;
		}
	}
	rename_node(caption, "p");
}

/* A figure holding a quote, a table or code besides its caption. */
static bool has_more_than_captions(const xmlNode *figure)
{
	for (const xmlNode *c = figure->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && !text_blank((const char *)c->content)) {
			return true;
		}
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name,
				"figcaption") != 0 && has_content(c)) {
			return true;
		}
	}
	return false;
}

static void fix_figures(xmlNode *root)
{
	xmlNode *n = root->children;
	while (n) {
		if (n->type != XML_ELEMENT_NODE
				|| strcmp((const char *)n->name, "figure") != 0) {
			n = dom_next(n, root);
			continue;
		}
		xmlNode *next = dom_next_skip(n, root);
		bool img = false;
		for (xmlNode *c = n->children; c; c = dom_next(c, n)) {
			if (c->type == XML_ELEMENT_NODE
					&& strcmp((const char *)c->name, "img") == 0) {
				img = true;
			}
		}
		if (!img && !has_more_than_captions(n)) {
			/* the caption of a picture that is not there */
			dom_remove(n);
			n = next;
			continue;
		}
		xmlNode *caption = NULL;
		for (xmlNode *c = n->children; c;) {
			xmlNode *cn = c->next;
			if (c->type == XML_ELEMENT_NODE && strcmp(
					(const char *)c->name, "figcaption") == 0) {
				if (!img || caption) {
					demote_caption(c);
				} else {
					caption = c;
				}
			}
			c = cn;
		}
		if (caption && caption != n->last) {
			xmlUnlinkNode(caption);
			xmlAddChild(n, caption);
		}
		if (!img) {
			/* text and blocks of a figure without a picture stay as text */
			xmlNode *wrap = NULL;
			for (xmlNode *c = n->children; c;) {
				xmlNode *cn = c->next;
				enum kind k = kind_of(c);
				if (c->type == XML_TEXT_NODE || k == K_INLINE
						|| k == K_VOID) {
					if (!wrap) {
						wrap = xmlNewDocNode(n->doc, n->ns,
							BAD_CAST "p", NULL);
						xmlAddPrevSibling(c, wrap);
					}
					xmlUnlinkNode(c);
					xmlAddChild(wrap, c);
				} else {
					wrap = NULL;
				}
				c = cn;
			}
			dom_unwrap(n);
		}
		n = next;
	}
}

static void fix_lists(xmlNode *root)
{
	for (xmlNode *n = root; n; n = dom_next(n, root)) {
		if (n->type == XML_ELEMENT_NODE) {
			xmlUnsetProp(n, BAD_CAST "data-implicit");
		}
	}
}

static void rtrim(xmlNode *text)
{
	char *s = (char *)text->content;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ') {
		s[--n] = '\0';
	}
}

/* The block a node belongs to: its nearest ancestor that is not inline. */
static const xmlNode *owner(const xmlNode *n)
{
	const xmlNode *p = n->parent;
	while (p && kind_of(p) == K_INLINE) {
		p = p->parent;
	}
	return p;
}

/*
 * Collapses runs of spaces across the text nodes of each block and trims
 * the ends of blocks and lines. clean_chars() already made all white space
 * outside <pre> plain spaces. A picture counts as a word: the space after
 * it stays.
 */
static void tidy_space(xmlNode *root)
{
	const xmlNode *block = NULL;
	xmlNode *last = NULL;
	bool space = true;
	xmlNode *n = root->children;
	while (n) {
		bool text = n->type == XML_TEXT_NODE && n->content;
		bool img = n->type == XML_ELEMENT_NODE
			&& strcmp((const char *)n->name, "img") == 0;
		if (n->type == XML_ELEMENT_NODE
				&& strcmp((const char *)n->name, "pre") == 0) {
			n = dom_next_skip(n, root);
			continue;
		}
		if (n->type == XML_ELEMENT_NODE
				&& strcmp((const char *)n->name, "br") == 0) {
			if (last) {
				rtrim(last);
			}
			last = NULL;
			space = true;
		} else if (text || img) {
			const xmlNode *o = owner(n);
			if (o != block) {
				if (last) {
					rtrim(last);
				}
				last = NULL;
				block = o;
				space = true;
			}
		}
		if (img) {
			space = false;
			last = NULL;
		} else if (text) {
			char *w = (char *)n->content;
			for (const char *r = w; *r; r++) {
				if (*r == ' ' && space) {
					continue;
				}
				space = *r == ' ';
				*w++ = *r;
			}
			*w = '\0';
			last = n;
		}
		n = dom_next(n, root);
	}
	if (last) {
		rtrim(last);
	}
}

/* A <br> at the start or end of a block says nothing. */
static void trim_breaks(xmlNode *root)
{
	xmlNode *n = root->children;
	while (n) {
		xmlNode *next = dom_next(n, root);
		if (n->type == XML_ELEMENT_NODE
				&& strcmp((const char *)n->name, "br") == 0) {
			const xmlNode *p = n->prev;
			while (p && p->type == XML_TEXT_NODE
					&& text_blank((const char *)p->content)) {
				p = p->prev;
			}
			const xmlNode *f = n->next;
			while (f && f->type == XML_TEXT_NODE
					&& text_blank((const char *)f->content)) {
				f = f->next;
			}
			if (!p || !f) {
				next = dom_next_skip(n, root);
				dom_remove(n);
			}
		}
		n = next;
	}
}

static void drop_dangling_links(xmlNode *root)
{
	size_t n_ids = 0, n_links = 0;
	for (xmlNode *n = root; n; n = dom_next(n, root)) {
		n_ids += dom_attr(n, "id") != NULL;
		n_links += dom_is(n, "a");
	}
	const char **ids = xcalloc(n_ids + 1, sizeof(*ids));
	xmlNode **dangling = xcalloc(n_links + 1, sizeof(*dangling));
	size_t i = 0, d = 0;
	for (xmlNode *n = root; n; n = dom_next(n, root)) {
		if (dom_attr(n, "id")) {
			ids[i++] = dom_attr(n, "id");
		}
	}
	for (xmlNode *n = root; n; n = dom_next(n, root)) {
		const char *href = dom_is(n, "a") ? dom_attr(n, "href") : NULL;
		if (!href || href[0] != '#') {
			continue;
		}
		bool found = false;
		for (size_t k = 0; k < i && !found; k++) {
			found = strcmp(ids[k], href + 1) == 0;
		}
		if (!found) {
			dangling[d++] = n;
		}
	}
	for (size_t k = 0; k < d; k++) {
		dom_unwrap(dangling[k]);
	}
	free(ids);
	free(dangling);
}

static void collect_targets(struct builder *b, const xmlNode *content)
{
	for (xmlNode *n = content->children; n; n = dom_next(n, content)) {
		const char *href = dom_is(n, "a") ? dom_attr(n, "href") : NULL;
		if (href && href[0] == '#' && valid_id(href + 1)
				&& !is_target(b, href + 1)) {
			b->targets = xreallocarray(b->targets, b->n_targets + 1,
				sizeof(*b->targets));
			b->targets[b->n_targets++] = xstrdup(href + 1);
		}
	}
}

/* Keeps the first element with each id. */
static void unique_ids(xmlNode *root)
{
	for (xmlNode *n = root; n; n = dom_next(n, root)) {
		const char *id = dom_attr(n, "id");
		if (!id) {
			continue;
		}
		for (xmlNode *m = dom_next(n, root); m; m = dom_next(m, root)) {
			const char *other = dom_attr(m, "id");
			if (other && strcmp(other, id) == 0) {
				xmlUnsetProp(m, BAD_CAST "id");
			}
		}
	}
}

/* Whether there is text or a picture in block before (or after) n. */
static bool content_beside(const xmlNode *n, const xmlNode *block, bool after)
{
	for (const xmlNode *c = n; c && c != block; c = c->parent) {
		for (const xmlNode *s = after ? c->next : c->prev; s;
				s = after ? s->next : s->prev) {
			if (s->type == XML_TEXT_NODE
					&& !text_blank((const char *)s->content)) {
				return true;
			}
			if (s->type == XML_ELEMENT_NODE && has_content(s)) {
				return true;
			}
		}
	}
	return false;
}

/*
 * A short line set off as a caption: all in italics, or without the full
 * stop that ends a sentence ("The slimmer bezels of the new model").
 */
/* The last character of s, decoded. */
static unsigned last_char(const char *s)
{
	size_t len = strlen(s);
	if (!len) {
		return 0;
	}
	size_t i = len - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80) {
		i--;
	}
	unsigned cp;
	utf8_decode(s + i, &cp);
	return cp;
}

/* Words that say a line credits a picture. */
static const char *const credit_signs[] = {"(photo", "photo:", "photos:",
	"photograph:", "(image:", "image:", "credit:", "getty images",
	"ap photo", "/afp", "/reuters", "©", "(foto", "foto:", NULL};

static bool reads_as_caption(xmlNode *p)
{
	char *t = dom_text_dup(p);
	size_t words = text_word_count(t);
	unsigned end = last_char(t);
	bool sentence = end && (strchr(".!?:;\")", (int)(end < 0x80 ? end : 1))
		|| end == 0x2026 || end == 0x201d || end == 0x2019
		|| end == 0xbb || end == 0x3002);
	bool credited = text_has_any_ci(t, credit_signs);
	free(t);
	if (credited && words <= MAX_CAPTION_WORDS) {
		return true;
	}
	if (words < 2 || words > 25) {
		return false;
	}
	if (!sentence) {
		return true;
	}
	/* every piece of text inside <em>, <i> or <cite> */
	for (xmlNode *c = p->children; c; c = dom_next(c, p)) {
		if (c->type != XML_TEXT_NODE || text_blank((const char *)c->content)) {
			continue;
		}
		bool styled = false;
		for (xmlNode *a = c->parent; a && a != p && !styled; a = a->parent) {
			styled = dom_is(a, "em") || dom_is(a, "i") || dom_is(a, "cite");
		}
		if (!styled) {
			return false;
		}
	}
	return true;
}

/*
 * A picture left out takes its caption with it: the rest of its paragraph
 * when it opens one, or the paragraph right after it, when that reads as a
 * caption. The marks go too.
 */
static void drop_orphan_captions(xmlNode *root)
{
	xmlNode *n = root->children;
	while (n) {
		if (!dom_is(n, GONE)) {
			n = dom_next(n, root);
			continue;
		}
		xmlNode *mark = n;
		xmlNode *block = mark->parent;
		while (block != root && kind_of(block) == K_INLINE) {
			block = block->parent;
		}
		xmlNode *caption = NULL;
		/* a figure holds its own caption: fix_figures() judges it */
		if (!dom_is(block, "figure") && !content_beside(mark, block, false)) {
			if (content_beside(mark, block, true)) {
				caption = block;
			} else {
				caption = dom_next_element(block);
			}
		}
		if (caption && !(dom_is(caption, "p")
				&& reads_as_caption(caption))) {
			caption = NULL;
		}
		n = dom_next_skip(mark, root);
		dom_remove(mark);
		if (caption) {
			if (is_descendant_or_self(n, caption)) {
				n = dom_next_skip(caption, root);
			}
			dom_remove(caption);
		}
	}
}

xmlDocPtr sanitize(const xmlNode *content, const struct bs_sanitize *opts)
{
	struct builder b;
	memset(&b, 0, sizeof(b));
	b.opts = opts;
	b.doc = xmlNewDoc(BAD_CAST "1.0");
	b.root = xmlNewDocNode(b.doc, NULL, BAD_CAST "div", NULL);
	b.ns = xmlNewNs(b.root, BAD_CAST BS_XHTML_NS, NULL);
	xmlSetNs(b.root, b.ns);
	xmlDocSetRootElement(b.doc, b.root);
	b.cur = b.root;
	collect_targets(&b, content);
	walk_children(&b, content);
	drop_orphan_captions(b.root);
	fix_lists(b.root);
	fix_figures(b.root);
	trim_breaks(b.root);
	remove_empty(b.root);
	tidy_space(b.root);
	remove_empty(b.root);
	if (b.n_targets) {
		unique_ids(b.root);
		drop_dangling_links(b.root);
	}
	for (size_t i = 0; i < b.n_targets; i++) {
		free(b.targets[i]);
	}
	free(b.targets);
	xmlFree(b.last_img);
	return b.doc;
}

void sanitize_drop_image(xmlNode *img)
{
	xmlNode *root = img;
	while (root->parent && root->parent->type == XML_ELEMENT_NODE) {
		root = root->parent;
	}
	dom_remove(img);
	fix_figures(root);
	remove_empty(root);
	tidy_space(root);
}
