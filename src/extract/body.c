/*
 * Article body by content scoring.
 *
 * The method is Readability's (Arc90, then Mozilla), re-derived for
 * libxml2 trees, with one generalisation: every block element's own inline
 * text counts as a paragraph, so a <div> of loose text and <br>s scores
 * like the <p>s it would be in a browser's reader view.
 *
 *  1. Inert parts go: scripts, styles, frames, form controls, comments.
 *     Hidden elements (hidden, aria-hidden, display:none, screen-reader
 *     text) and "unlikely" ones (class, id or role naming menus, comments,
 *     sidebars, related links, footers...) are skipped.
 *  2. Each paragraph of at least 25 characters scores 1 + its commas +
 *     one point per 100 characters (at most 3), credited to its parent in
 *     full, its grandparent by half, and ancestors up to five levels by a
 *     third of their distance. An ancestor starts from a score by its tag
 *     (div +5, lists -3, headings -5, ...) and by class/id words (article,
 *     content, story +25; comment, share, sidebar, promo -25; an
 *     itemprop=articleBody container +50).
 *  3. Each candidate's score is scaled by (1 - link density); the best one
 *     wins, moved up to a parent that holds several near-best candidates or
 *     scores higher, and joined by siblings that score well or read as
 *     prose.
 *  4. The copy is cleaned: share bars, asides, link-dense or image-only
 *     blocks, forms and layout tables go, conditionally on their commas,
 *     paragraphs, images, inputs and link density.
 *  5. When the result is shorter than 500 characters, the search runs
 *     again with fewer rules (no unlikely-skipping, then no class weights,
 *     then no conditional cleaning) and the longest result is kept.
 */
#include "extract/body.h"

#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/boiler.h"
#include "extract/dom.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/words.h"

enum {
	STRIP_UNLIKELY = 1,
	WEIGHT_CLASSES = 2,
	CLEAN_CONDITIONALLY = 4,
	ALL_FLAGS = 7,
	CHAR_THRESHOLD = 500,
	MAX_CANDIDATES = 5,
};

struct info {
	double score;
	bool candidate;
	bool skip;		/* hidden, or unlikely under STRIP_UNLIKELY */
	bool unlikely;
	bool has_block;		/* a block-level child element */
	bool data_table;
	bool selected;		/* part of the article, to be gathered */
	unsigned text;		/* characters in the subtree */
	unsigned link;		/* of which inside links */
	unsigned commas;
	unsigned own;		/* inline text of its own paragraph */
	unsigned own_commas;
};

struct scorer {
	struct info *infos;
	size_t count;
	int flags;
	xmlNode **candidates;
	size_t n_candidates, cap_candidates;
};

static const char *const inline_tags[] = {"a", "abbr", "acronym", "b", "bdi",
	"bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em", "font",
	"i", "img", "ins", "kbd", "label", "mark", "nobr", "picture", "q", "s",
	"samp", "small", "source", "span", "strike", "strong", "sub", "sup",
	"time", "tt", "u", "var", "wbr", NULL};

static const char *const inert_tags[] = {"script", "style", "noscript",
	"template", "svg", "math", "canvas", "iframe", "frame", "frameset",
	"object", "applet", "input", "button", "select", "textarea",
	"option", "optgroup", "datalist", "dialog", "link", "meta", "base",
	"audio", "video", "map", "area", "head", "title", NULL};

/*
 * Void elements that libxml2 2.9's HTML parser does not know as void: it
 * makes whatever follows them their children, so they go but their
 * "content" stays.
 */
static const char *const misparsed_void_tags[] = {"embed", "source",
	"track", "wbr", "param", "keygen", NULL};

static const char *const unlikely_words[] = {"-ad-", "ai2html", "banner",
	"breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus",
	"extra", "footer", "gdpr", "header", "legends", "menu", "related",
	"remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper",
	"social", "sponsor", "supplemental", "ad-break", "agegate",
	"pagination", "pager", "popup", "yom-remote", "newsletter",
	"cookie", "consent", "subscribe", NULL};

static const char *const maybe_words[] = {"and", "article", "body",
	"column", "content", "main", "shadow", NULL};

static const char *const negative_words[] = {"-ad-", "hidden", "banner",
	"combx", "comment", "com-", "contact", "foot", "footer", "footnote",
	"gdpr", "masthead", "media", "meta", "outbrain", "promo", "related",
	"scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
	"shopping", "tags", "tool", "widget", "newsletter", "subscribe",
	"taboola", "recommend", NULL};

/*
 * Negative words that name a kind of block more often than boilerplate
 * ("leafmedia", "meta-paragraph", "scroll-container"): they lower a
 * candidate's score, but do not remove a block of prose.
 */
static const char *const weak_negative_words[] = {"media", "meta", "scroll",
	"tool", "contact", "foot", "hidden", "com-", "masthead", NULL};

/* A heading written as a <div> or <span>: kept, and made a heading. */
static const char *const heading_words[] = {"subhead", "sub-head",
	"subheadline", "crosshead", "intertitle", "heading", NULL};

static const char *const positive_words[] = {"article", "body", "content",
	"entry", "hentry", "h-entry", "main", "page", "pagination", "post",
	"text", "blog", "story", NULL};

static const char *const strong_body_words[] = {"articlebody",
	"article-body", "article_body", "article__body", "articlebody",
	"story-body", "storybody", "entry-content", "post-content",
	"article-content", "article__content", "articlecontent",
	"story-content", "post-body", "body-text", "article-text",
	"articletext", "main-content", "content-body", "rich-text", NULL};

static const char *const hidden_classes[] = {"hidden", "hide", "sr-only",
	"visually-hidden", "visuallyhidden", "screen-reader-text",
	"screenreader-only", "offscreen", "u-visually-hidden", "d-none",
	NULL};

static struct info *info(const xmlNode *n)
{
	return (struct info *)n->_private;
}

static bool is_inline(const xmlNode *n)
{
	return dom_is_any(n, inline_tags);
}

static bool has_word(const char *s, const char *const *words)
{
	return text_has_any_ci(s, words);
}

/* The class-name lists of the scoring, matched in one pass per attribute. */
enum {
	W_UNLIKELY = 1 << 0,
	W_MAYBE = 1 << 1,
	W_NEGATIVE = 1 << 2,
	W_POSITIVE = 1 << 3,
	W_STRONG_BODY = 1 << 4,
};

static struct bs_words *class_words;
static pthread_once_t class_words_once = PTHREAD_ONCE_INIT;

static void build_class_words(void)
{
	static const char *const *const lists[] = {unlikely_words, maybe_words,
		negative_words, positive_words, strong_body_words};
	class_words = words_create(lists, 5);
}

static uint32_t class_match(const char *attr)
{
	pthread_once(&class_words_once, build_class_words);
	return attr ? words_match(class_words, attr) : 0;
}

static bool has_token(const char *cls, const char *token)
{
	size_t n = strlen(token);
	for (const char *p = cls; p && *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n') {
			p++;
		}
		size_t len = strcspn(p, " \t\n");
		if (len == n && strncasecmp(p, token, n) == 0) {
			return true;
		}
		p += len;
	}
	return false;
}

/* class + " " + id, as Readability matches them */
static void match_string(const xmlNode *n, char *out, size_t size)
{
	const char *cls = dom_attr(n, "class");
	const char *id = dom_attr(n, "id");
	snprintf(out, size, "%s %s", cls ? cls : "", id ? id : "");
}

static bool compute_hidden(const xmlNode *n)
{
	if (dom_attr(n, "hidden")) {
		return true;
	}
	const char *cls = dom_attr(n, "class");
	const char *aria = dom_attr(n, "aria-hidden");
	if (aria && strcmp(aria, "true") == 0
			&& !(cls && text_find_ci(cls, "fallback-image"))) {
		return true;
	}
	const char *style = dom_attr(n, "style");
	if (style) {
		char compact[256];
		size_t k = 0;
		for (const char *p = style; *p && k + 1 < sizeof(compact); p++) {
			if (*p != ' ' && *p != '\t' && *p != '\n') {
				compact[k++] = (char)tolower((unsigned char)*p);
			}
		}
		compact[k] = '\0';
		if (strstr(compact, "display:none")
				|| strstr(compact, "visibility:hidden")) {
			return true;
		}
	}
	for (const char *const *c = hidden_classes; cls && *c; c++) {
		if (has_token(cls, *c)) {
			return true;
		}
	}
	return false;
}

static bool compute_unlikely(const xmlNode *n)
{
	if (dom_is(n, "body") || dom_is(n, "a") || dom_is(n, "html")) {
		return false;
	}
	static const char *const roles[] = {"menu", "menubar", "complementary",
		"navigation", "alert", "alertdialog", "dialog", NULL};
	const char *role = dom_attr(n, "role");
	for (const char *const *r = roles; role && *r; r++) {
		if (strcasecmp(role, *r) == 0) {
			return true;
		}
	}
	if (dom_is(n, "nav") || dom_is(n, "aside") || dom_is(n, "footer")) {
		return true;
	}
	uint32_t m = class_match(dom_attr(n, "class"))
		| class_match(dom_attr(n, "id"));
	if (!(m & W_UNLIKELY) || (m & W_MAYBE)) {
		return false;
	}
	return !dom_inside(n, "table") && !dom_inside(n, "code");
}

static int compute_weight(const xmlNode *n)
{
	int w = 0;
	const char *attrs[] = {dom_attr(n, "class"), dom_attr(n, "id")};
	for (size_t i = 0; i < 2; i++) {
		const char *a = attrs[i];
		if (!a || !*a) {
			continue;
		}
		uint32_t m = class_match(a);
		if ((m & W_NEGATIVE) || has_token(a, "hid")) {
			w -= 25;
		}
		if (m & W_POSITIVE) {
			w += 25;
		}
		if (m & W_STRONG_BODY) {
			w += 25;
		}
	}
	const char *ip = dom_attr(n, "itemprop");
	if (ip && has_token(ip, "articleBody")) {
		w += 50;
	}
	return w;
}

/*
 * What an element's own attributes say (hidden, unlikely, class weight)
 * does not change while a page is examined, but is asked for many times:
 * it is computed once and kept in the node's spare "extra" field, which
 * libxml2 uses only for XPath and XSLT, never run on a page.
 */
enum {
	EXTRA_KNOWN = 0x8000,
	EXTRA_UNLIKELY = 0x4000,
	EXTRA_HIDDEN = 0x2000,
	EXTRA_WEIGHT = 0x00ff,	/* weight + 128 */
};

static unsigned short classify(const xmlNode *n)
{
	xmlNode *m = (xmlNode *)n;
	if (!(m->extra & EXTRA_KNOWN)) {
		int w = compute_weight(n);
		w = w < -128 ? -128 : w > 127 ? 127 : w;
		m->extra = (unsigned short)(EXTRA_KNOWN
			| (compute_unlikely(n) ? EXTRA_UNLIKELY : 0)
			| (compute_hidden(n) ? EXTRA_HIDDEN : 0)
			| (unsigned short)(w + 128));
	}
	return m->extra;
}

static bool is_hidden(const xmlNode *n)
{
	return classify(n) & EXTRA_HIDDEN;
}

static bool is_unlikely(const xmlNode *n)
{
	return classify(n) & EXTRA_UNLIKELY;
}

static int class_weight(const xmlNode *n, int flags)
{
	if (!(flags & WEIGHT_CLASSES)) {
		return 0;
	}
	return (int)(classify(n) & EXTRA_WEIGHT) - 128;
}

static void count_text(const char *s, unsigned *chars, unsigned *commas)
{
	bool space = false;
	for (const char *p = s; *p;) {
		unsigned cp;
		p += utf8_decode(p, &cp);
		if (text_is_space(cp)) {
			space = true;
			continue;
		}
		if (space && *chars) {
			(*chars)++;
		}
		space = false;
		(*chars)++;
		if (cp == ',' || cp == 0x60c || cp == 0xfe50 || cp == 0xfe10
				|| cp == 0xfe11 || cp == 0x2e41 || cp == 0x2e34
				|| cp == 0x2e32 || cp == 0xff0c || cp == 0x3001) {
			(*commas)++;
		}
	}
}

/*
 * A text node's counts, kept in its _private field (unused on text nodes)
 * since every analysis of the page asks again: chars << 24 | commas << 1 | 1.
 */
static void text_counts(xmlNode *text, unsigned *chars, unsigned *commas)
{
	uintptr_t v = (uintptr_t)text->_private;
	if (!(v & 1)) {
		*chars = *commas = 0;
		count_text((const char *)text->content, chars, commas);
		if (*chars < (1u << 24) && *commas < (1u << 23)
				&& sizeof(uintptr_t) >= 8) {
			v = (uintptr_t)*chars << 24 | (uintptr_t)*commas << 1 | 1;
			text->_private = (void *)v;
		}
		return;
	}
	*chars = (unsigned)(v >> 24);
	*commas = (unsigned)(v >> 1 & 0x7fffff);
}

/* Removes what never holds article text, destructively, once per page. */
/* Moves n's children to right after n, in order. */
static void hoist_children(xmlNode *n)
{
	xmlNode *after = n;
	for (xmlNode *c = n->children; c;) {
		xmlNode *next = c->next;
		xmlUnlinkNode(c);
		after = xmlAddNextSibling(after, c);
		c = next;
	}
}

/*
 * A <noscript> holding the real <img> of a lazy-loading page: when the
 * placeholder <img> is right before it, the real address joins the
 * placeholder (as data-noscript-src) and the <noscript> goes; otherwise
 * its <img> takes its place. Either way one picture stays one <img>.
 * Returns the node to visit next.
 */
static xmlNode *merge_noscript(xmlNode *noscript, xmlNode *root)
{
	xmlNode *real = dom_find(noscript, "img");
	xmlNode *prev = noscript->prev;
	while (prev && prev->type == XML_TEXT_NODE
			&& text_blank((const char *)prev->content)) {
		prev = prev->prev;
	}
	/* the placeholder may be wrapped: <span><img></span><noscript> */
	xmlNode *placeholder = dom_is(prev, "img") ? prev
		: prev && prev->type == XML_ELEMENT_NODE ? dom_find(prev, "img")
		: NULL;
	const char *src = dom_attr(real, "src");
	if (placeholder && src) {
		xmlSetProp(placeholder, BAD_CAST "data-noscript-src", BAD_CAST src);
		const char *srcset = dom_attr(real, "srcset");
		if (srcset && !dom_attr(placeholder, "data-noscript-srcset")) {
			xmlSetProp(placeholder, BAD_CAST "data-noscript-srcset",
				BAD_CAST srcset);
		}
		xmlNode *next = dom_next_skip(noscript, root);
		dom_remove(noscript);
		return next;
	}
	xmlNode *next = noscript->children ? noscript->children
		: dom_next_skip(noscript, root);
	dom_unwrap(noscript);
	return next;
}

static void strip_inert(xmlNode *root)
{
	xmlNode *n = root;
	while (n) {
		if (dom_is(n, "noscript") && dom_find(n, "img")) {
			n = merge_noscript(n, root);
			continue;
		}
		if (n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE
				|| dom_is_any(n, inert_tags)) {
			xmlNode *next = dom_next_skip(n, root);
			dom_remove(n);
			n = next;
			continue;
		}
		if (dom_is_any(n, misparsed_void_tags)) {
			/* a <source> keeps its srcset for the <img> after it */
			hoist_children(n);
			xmlNode *next = dom_next_skip(n, root);
			if (!dom_is(n, "source")) {
				dom_remove(n);
			}
			n = next;
			continue;
		}
		n = dom_next(n, root);
	}
}

/*
 * Gives every element under root (root included) a zeroed info in s and
 * sums text, link text and commas bottom-up; marks hidden and unlikely
 * elements. Skipped subtrees still get infos but add nothing upward.
 */
static void analyse(struct scorer *s, xmlNode *root)
{
	size_t count = 0;
	for (xmlNode *n = root; n; n = dom_next(n, root)) {
		if (n->type == XML_ELEMENT_NODE) {
			count++;
		}
	}
	free(s->infos);
	s->infos = xcalloc(count, sizeof(*s->infos));
	s->count = 0;
	xmlNode *n = root;
	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			struct info *in = &s->infos[s->count++];
			n->_private = in;
			in->unlikely = is_unlikely(n);
			in->skip = is_hidden(n) || ((s->flags & STRIP_UNLIKELY)
				&& in->unlikely);
			if (n != root && info(n->parent)->skip) {
				in->skip = true;
			}
			if (n->children) {
				n = n->children;
				continue;
			}
		} else if ((n->type == XML_TEXT_NODE
				|| n->type == XML_CDATA_SECTION_NODE)
				&& n->content && n->parent
				&& n->parent->type == XML_ELEMENT_NODE) {
			struct info *p = info(n->parent);
			unsigned chars, commas;
			text_counts(n, &chars, &commas);
			if (!p->skip) {
				p->text += chars;
				p->commas += commas;
				p->own += chars;
				p->own_commas += commas;
			}
		}
		/* leave n and every ancestor whose children are done */
		for (;;) {
			if (n == root) {
				n = NULL;
				break;
			}
			xmlNode *parent = n->parent;
			if (n->type == XML_ELEMENT_NODE && parent
					&& parent->type == XML_ELEMENT_NODE) {
				struct info *c = info(n), *p = info(parent);
				if (!c->skip && !p->skip) {
					p->text += c->text;
					p->commas += c->commas;
					p->link += dom_is(n, "a") ? c->text : c->link;
					if (is_inline(n)) {
						p->own += c->own;
						p->own_commas += c->own_commas;
					} else {
						p->has_block = true;
					}
				}
			}
			if (n->next) {
				n = n->next;
				break;
			}
			n = parent;
		}
	}
}

static double link_density(const xmlNode *n)
{
	const struct info *in = info(n);
	return in->text ? (double)in->link / in->text : 0.0;
}

static void init_candidate(struct scorer *s, xmlNode *n)
{
	struct info *in = info(n);
	if (in->candidate) {
		return;
	}
	in->candidate = true;
	double base = 0;
	static const char *const minus3[] = {"address", "ol", "ul", "dl", "dd",
		"dt", "li", "form", NULL};
	static const char *const minus5[] = {"h1", "h2", "h3", "h4", "h5",
		"h6", "th", NULL};
	if (dom_is(n, "div") || dom_is(n, "article")) {
		base = 5;
	} else if (dom_is(n, "pre") || dom_is(n, "td")
			|| dom_is(n, "blockquote")) {
		base = 3;
	} else if (dom_is_any(n, minus3)) {
		base = -3;
	} else if (dom_is_any(n, minus5)) {
		base = -5;
	}
	in->score = base + class_weight(n, s->flags);
	if (s->n_candidates == s->cap_candidates) {
		s->cap_candidates = s->cap_candidates ? s->cap_candidates * 2 : 64;
		s->candidates = xreallocarray(s->candidates, s->cap_candidates,
			sizeof(*s->candidates));
	}
	s->candidates[s->n_candidates++] = n;
}

static bool scores_as_paragraph(const xmlNode *n)
{
	static const char *const not_paragraphs[] = {"li", "dt", "dd", "th",
		"caption", "figcaption", "h1", "address", "label", "ul", "ol",
		"dl", "table", "tbody", "thead", "tfoot", "tr", "body", "html",
		"form", "nav", "aside", "footer", NULL};
	return n->type == XML_ELEMENT_NODE && !is_inline(n)
		&& !dom_is_any(n, not_paragraphs);
}

static void score_paragraphs(struct scorer *s, xmlNode *body)
{
	xmlNode *n = body;
	while (n) {
		if (n->type != XML_ELEMENT_NODE) {
			n = dom_next(n, body);
			continue;
		}
		struct info *in = info(n);
		if (in->skip) {
			n = dom_next_skip(n, body);
			continue;
		}
		if (scores_as_paragraph(n) && in->own >= 25) {
			double score = 1.0 + in->own_commas
				+ fmin(floor(in->own / 100.0), 3.0);
			xmlNode *a = in->has_block ? n : n->parent;
			for (int level = 0; a && a->type == XML_ELEMENT_NODE
					&& level < 5; level++, a = a->parent) {
				if (dom_is(a, "html")) {
					break;
				}
				init_candidate(s, a);
				double divider = level == 0 ? 1 : level == 1 ? 2
					: level * 3;
				info(a)->score += score / divider;
			}
		}
		n = dom_next(n, body);
	}
}

static bool is_ancestor(const xmlNode *anc, const xmlNode *n)
{
	for (n = n ? n->parent : NULL; n; n = n->parent) {
		if (n == anc) {
			return true;
		}
	}
	return false;
}

static size_t element_children(const xmlNode *n)
{
	size_t k = 0;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			k++;
		}
	}
	return k;
}

static xmlNode *choose_top(struct scorer *s, xmlNode *body)
{
	xmlNode *top[MAX_CANDIDATES] = {0};
	for (size_t i = 0; i < s->n_candidates; i++) {
		xmlNode *c = s->candidates[i];
		struct info *in = info(c);
		in->score *= 1.0 - link_density(c);
		for (size_t k = 0; k < MAX_CANDIDATES; k++) {
			if (!top[k] || info(top[k])->score < in->score) {
				memmove(top + k + 1, top + k,
					(MAX_CANDIDATES - k - 1) * sizeof(*top));
				top[k] = c;
				break;
			}
		}
	}
	xmlNode *best = top[0];
	if (!best || best == body) {
		return body;
	}
	/* several near-best candidates under one ancestor: take it */
	size_t alternatives = 0;
	xmlNode *alt[MAX_CANDIDATES];
	for (size_t i = 1; i < MAX_CANDIDATES && top[i]; i++) {
		if (info(top[i])->score / info(best)->score >= 0.75) {
			alt[alternatives++] = top[i];
		}
	}
	if (alternatives >= 3) {
		for (xmlNode *p = best->parent; p && p != body; p = p->parent) {
			size_t containing = 0;
			for (size_t i = 0; i < alternatives; i++) {
				if (is_ancestor(p, alt[i])) {
					containing++;
				}
			}
			if (containing >= 3) {
				best = p;
				break;
			}
		}
	}
	init_candidate(s, best);
	/* a parent that scores higher holds more of the article */
	double last = info(best)->score;
	double threshold = last / 3;
	for (xmlNode *p = best->parent; p && p != body
			&& p->type == XML_ELEMENT_NODE; p = p->parent) {
		if (!info(p)->candidate) {
			continue;
		}
		double ps = info(p)->score;
		if (ps < threshold) {
			break;
		}
		if (ps > last) {
			best = p;
			break;
		}
		last = ps;
	}
	while (best->parent && best->parent != body
			&& best->parent->type == XML_ELEMENT_NODE
			&& element_children(best->parent) == 1) {
		best = best->parent;
	}
	init_candidate(s, best);
	return best;
}

static bool reads_as_prose(const xmlNode *n)
{
	const struct info *in = info(n);
	if (!dom_is(n, "p") && (in->has_block || is_inline(n))) {
		return false;
	}
	double ld = link_density(n);
	if (in->text > 80) {
		return ld < 0.25;
	}
	if (in->text == 0 || ld > 0) {
		return false;
	}
	char *t = dom_text_dup(n);
	size_t len = strlen(t);
	bool sentence = strstr(t, ". ") || (len && t[len - 1] == '.');
	free(t);
	return sentence;
}

/*
 * Articles split into several blocks between pictures, quotes or ads
 * often repeat the block's element and class; such kin of the best
 * candidate elsewhere in the page are part of the article when they read
 * as prose.
 */
/* A picture with at most a caption: a figure, or a block around an img. */
static bool is_picture_block(xmlNode *n)
{
	/* a teaser (a picture and a linked headline) is not the article's */
	if (n->type != XML_ELEMENT_NODE || info(n)->skip
			|| info(n)->text > 250 || link_density(n) >= 0.5
			|| !dom_find(n, "img")) {
		return false;
	}
	return dom_is(n, "figure") || dom_is(n, "picture") || dom_is(n, "img")
		|| !dom_find(n, "p") || info(n)->text < 120;
}

/* Down through wrappers that hold nothing but one element. */
static xmlNode *core_of(xmlNode *n)
{
	for (;;) {
		xmlNode *only = NULL;
		size_t elements = 0;
		for (xmlNode *c = n->children; c; c = c->next) {
			if (c->type == XML_ELEMENT_NODE) {
				elements++;
				only = c;
			} else if (c->type == XML_TEXT_NODE
					&& !text_blank((const char *)c->content)) {
				return n;
			}
		}
		if (elements != 1) {
			return n;
		}
		n = only;
	}
}

/* More elements than this share a layout class, not an article's. */
enum { MAX_KIN = 8 };

static void select_kin(xmlNode *best, xmlNode *body)
{
	/* the block itself, not the wrappers the best candidate climbed to */
	xmlNode *core = core_of(best);
	const char *cls = dom_attr(core, "class");
	if (!cls || !*cls) {
		core = best;
		cls = dom_attr(best, "class");
	}
	if (!cls || !*cls) {
		return;
	}
	xmlNode *kin[MAX_KIN + 1];
	size_t n_kin = 0, same_class = 0;
	xmlNode *n = body;
	while (n) {
		bool match = n->type == XML_ELEMENT_NODE
			&& xmlStrcmp(n->name, core->name) == 0
			&& dom_attr(n, "class") && strcmp(dom_attr(n, "class"), cls) == 0;
		same_class += match;
		if (match && n != core && !info(n)->skip && !is_ancestor(n, best)
				&& !is_ancestor(best, n) && info(n)->text >= 100
				&& link_density(n) < 0.3 && n_kin <= MAX_KIN) {
			kin[n_kin++] = n;
		}
		n = n == best ? dom_next_skip(n, body) : dom_next(n, body);
	}
	if (same_class > MAX_KIN) {
		return;
	}
	for (size_t i = 0; i < n_kin; i++) {
		info(kin[i])->selected = true;
	}
}

/*
 * The article's lead picture often sits just before the block of text,
 * under a parent of its own: the nearest picture block among the few
 * elements before the best candidate or its parents comes too.
 */
static void select_lead_picture(xmlNode *best, xmlNode *body)
{
	enum { LEVELS = 3, SIBLINGS = 3 };
	xmlNode *n = best;
	for (int level = 0; level < LEVELS && n && n != body; level++) {
		int seen = 0;
		for (xmlNode *s = n->prev; s && seen < SIBLINGS; s = s->prev) {
			if (s->type != XML_ELEMENT_NODE) {
				continue;
			}
			if (info(s)->selected) {
				return;
			}
			if (is_picture_block(s)) {
				info(s)->selected = true;
				return;
			}
			seen++;
		}
		n = n->parent;
	}
}

/* Copies the best candidate, its worthy siblings and kin into a <div>. */
static xmlNode *gather(xmlNode *best, xmlNode *body)
{
	xmlNode *out = xmlNewDocNode(best->doc, NULL, BAD_CAST "div", NULL);
	if (best == body || !best->parent) {
		for (xmlNode *c = best->children; c; c = c->next) {
			if (c->type == XML_ELEMENT_NODE && info(c)->skip) {
				continue;
			}
			xmlAddChild(out, xmlCopyNode(c, 1));
		}
		return out;
	}
	double threshold = fmax(10.0, info(best)->score * 0.2);
	const char *best_class = dom_attr(best, "class");
	for (xmlNode *sib = best->parent->children; sib; sib = sib->next) {
		bool append = sib == best;
		if (!append && sib->type == XML_ELEMENT_NODE
				&& !info(sib)->skip) {
			double bonus = 0;
			const char *cls = dom_attr(sib, "class");
			if (cls && best_class && *best_class
					&& strcmp(cls, best_class) == 0) {
				bonus = info(best)->score * 0.2;
			}
			if (info(sib)->candidate
					&& info(sib)->score + bonus >= threshold) {
				append = true;
			} else if (reads_as_prose(sib) || is_picture_block(sib)) {
				append = true;
			}
		}
		if (append && sib->type == XML_ELEMENT_NODE) {
			info(sib)->selected = true;
		}
	}
	select_kin(best, body);
	select_lead_picture(best, body);
	/* in document order */
	xmlNode *n = body;
	while (n) {
		if (n->type == XML_ELEMENT_NODE && info(n)->selected) {
			xmlAddChild(out, xmlCopyNode(n, 1));
			n = dom_next_skip(n, body);
		} else {
			n = dom_next(n, body);
		}
	}
	return out;
}

/* ---- cleaning the chosen content -------------------------------------- */

static size_t count_tag(xmlNode *root, const char *name)
{
	size_t k = 0;
	for (xmlNode *n = root->children; n; n = dom_next(n, root)) {
		if (dom_is(n, name)) {
			k++;
		}
	}
	return k;
}

static bool is_data_table(xmlNode *table)
{
	const char *role = dom_attr(table, "role");
	if (role && strcmp(role, "presentation") == 0) {
		return false;
	}
	const char *dt = dom_attr(table, "datatable");
	if (dt && strcmp(dt, "0") == 0) {
		return false;
	}
	if (dom_attr(table, "summary")) {
		return true;
	}
	xmlNode *caption = dom_find(table, "caption");
	if (caption && caption->children) {
		return true;
	}
	static const char *const data_tags[] = {"col", "colgroup", "tfoot",
		"thead", "th", NULL};
	size_t rows = 0, cols = 0;
	for (xmlNode *n = table->children; n; n = dom_next(n, table)) {
		if (dom_is(n, "table")) {
			return false;
		}
		if (dom_is_any(n, data_tags)) {
			return true;
		}
		if (dom_is(n, "tr")) {
			rows++;
			size_t c = 0;
			for (xmlNode *cell = n->children; cell; cell = cell->next) {
				if (dom_is(cell, "td") || dom_is(cell, "th")) {
					const char *span = dom_attr(cell, "colspan");
					c += span && atoi(span) > 0 ? (size_t)atoi(span)
						: 1;
				}
			}
			if (c > cols) {
				cols = c;
			}
		}
	}
	if (rows >= 10 || cols > 4) {
		return true;
	}
	return rows * cols > 10;
}

static void mark_data_tables(xmlNode *root)
{
	for (xmlNode *n = root; n; n = dom_next(n, root)) {
		if (dom_is(n, "table")) {
			info(n)->data_table = is_data_table(n);
		}
	}
}

static bool in_data_table(const xmlNode *n)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (dom_is(n, "table") && n->_private && info(n)->data_table) {
			return true;
		}
	}
	return false;
}

struct measure {
	unsigned text, link, commas, headings;
};

static bool only_weak_negatives(const xmlNode *n)
{
	const char *attrs[] = {dom_attr(n, "class"), dom_attr(n, "id")};
	for (size_t i = 0; i < 2; i++) {
		for (const char *const *w = negative_words; attrs[i] && *w; w++) {
			bool weak = false;
			for (const char *const *k = weak_negative_words; *k; k++) {
				weak = weak || strcmp(*w, *k) == 0;
			}
			if (!weak && text_find_ci(attrs[i], *w)) {
				return false;
			}
		}
	}
	return true;
}

static void measure(xmlNode *root, struct measure *m);

/* A paragraph of at least 100 characters with few links in it. */
static bool has_prose(xmlNode *n)
{
	for (xmlNode *c = n; c; c = dom_next(c, n)) {
		if (c->type != XML_ELEMENT_NODE || is_inline(c)
				|| info(c)->has_block) {
			continue;
		}
		struct measure m;
		measure(c, &m);
		if (m.text >= 100 && m.link * 4 < m.text) {
			return true;
		}
	}
	return false;
}

/* Text, link text, commas and heading text under root, as it is now. */
static void measure(xmlNode *root, struct measure *m)
{
	memset(m, 0, sizeof(*m));
	for (xmlNode *n = root->children; n; n = dom_next(n, root)) {
		if ((n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE)
				|| !n->content) {
			continue;
		}
		unsigned chars, commas;
		text_counts(n, &chars, &commas);
		m->text += chars;
		m->commas += commas;
		bool link = false, heading = false;
		for (xmlNode *a = n->parent; a && a != root; a = a->parent) {
			link = link || dom_is(a, "a");
			heading = heading || dom_is_heading(a);
		}
		if (link) {
			m->link += chars;
		}
		if (heading) {
			m->headings += chars;
		}
	}
}

static unsigned list_text(xmlNode *root)
{
	unsigned total = 0;
	xmlNode *n = root->children;
	while (n) {
		if (dom_is(n, "ul") || dom_is(n, "ol")) {
			struct measure m;
			measure(n, &m);
			total += m.text;
			n = dom_next_skip(n, root);
		} else {
			n = dom_next(n, root);
		}
	}
	return total;
}

/* Readability's _cleanConditionally, for one element. */
static bool should_remove(xmlNode *n, int flags)
{
	if (dom_is(n, "table") && info(n)->data_table) {
		return false;
	}
	if (in_data_table(n) || dom_inside(n, "code") || dom_inside(n, "pre")) {
		return false;
	}
	char ms[512];
	match_string(n, ms, sizeof(ms));
	if ((flags & WEIGHT_CLASSES) && has_word(ms, heading_words)
			&& info(n)->text < 200) {
		return false;
	}
	int weight = class_weight(n, flags);
	struct measure m;
	measure(n, &m);
	if (weight < 0) {
		return !only_weak_negatives(n) || !has_prose(n);
	}
	if (m.commas >= 10) {
		return false;
	}
	bool is_list = dom_is(n, "ul") || dom_is(n, "ol");
	if (!is_list) {
		is_list = m.text && (double)list_text(n) / m.text > 0.9;
	}
	double p = (double)count_tag(n, "p");
	double img = (double)count_tag(n, "img");
	double li = (double)count_tag(n, "li") - 100;
	double input = (double)count_tag(n, "input");
	double embeds = (double)(count_tag(n, "object") + count_tag(n, "embed")
		+ count_tag(n, "iframe"));
	double ld = m.text ? (double)m.link / m.text : 0;
	double hd = m.text ? (double)m.headings / m.text : 0;
	bool figure = dom_inside(n, "figure");
	/* a picture with a linked credit ("Photo: Agency") is no link list */
	bool picture = img >= 1 && m.text < 120;
	bool remove = (img > 1 && p / img < 0.5 && !figure)
		|| (!is_list && li > p)
		|| (input > floor(p / 3))
		|| (!is_list && hd < 0.9 && m.text < 25
			&& (img == 0 || img > 2) && !figure)
		|| (!is_list && !picture && weight < 25 && ld > 0.2)
		|| (!picture && weight >= 25 && ld > 0.5)
		|| (embeds == 1 && m.text < 75) || embeds > 1;
	if (remove && is_list) {
		/* a list of pictures is content */
		bool pictures = element_children(n) > 0;
		for (xmlNode *c = n->children; c && pictures; c = c->next) {
			if (c->type == XML_ELEMENT_NODE
					&& (element_children(c) != 1
					|| !dom_is(dom_first_element(c), "img"))) {
				pictures = false;
			}
		}
		if (pictures) {
			return false;
		}
	}
	return remove;
}

static void clean_conditionally(xmlNode *root, const char *tag, int flags)
{
	if (!(flags & CLEAN_CONDITIONALLY)) {
		return;
	}
	/* bottom-up, so that a parent is judged after its children went */
	size_t n_found = 0, cap = 0;
	xmlNode **found = NULL;
	for (xmlNode *n = root->children; n; n = dom_next(n, root)) {
		if (dom_is(n, tag)) {
			if (n_found == cap) {
				cap = cap ? cap * 2 : 32;
				found = xreallocarray(found, cap, sizeof(*found));
			}
			found[n_found++] = n;
		}
	}
	/* descendants come after their ancestors, so are judged first */
	for (size_t i = n_found; i-- > 0;) {
		if (should_remove(found[i], flags)) {
			dom_remove(found[i]);
		}
	}
	free(found);
}

static void remove_tags(xmlNode *root, const char *const *tags)
{
	xmlNode *n = root->children;
	while (n) {
		if (dom_is_any(n, tags)) {
			xmlNode *next = dom_next_skip(n, root);
			dom_remove(n);
			n = next;
		} else {
			n = dom_next(n, root);
		}
	}
}

static void remove_skipped(xmlNode *root)
{
	xmlNode *n = root->children;
	while (n) {
		if (n->type == XML_ELEMENT_NODE && info(n)->skip) {
			xmlNode *next = dom_next_skip(n, root);
			dom_remove(n);
			n = next;
		} else {
			n = dom_next(n, root);
		}
	}
}

/* Share bars and their kin: class/id says so and there is little text. */
static void remove_matched(xmlNode *root, const char *const *words,
	unsigned max_text)
{
	xmlNode *n = root->children;
	while (n) {
		if (n->type == XML_ELEMENT_NODE) {
			char ms[512];
			match_string(n, ms, sizeof(ms));
			if (has_word(ms, words) && info(n)->text < max_text) {
				xmlNode *next = dom_next_skip(n, root);
				dom_remove(n);
				n = next;
				continue;
			}
		}
		n = dom_next(n, root);
	}
}

static void clean_headers(xmlNode *root, int flags)
{
	xmlNode *n = root->children;
	while (n) {
		if ((dom_is(n, "h1") || dom_is(n, "h2"))
				&& (class_weight(n, flags) < 0
				|| link_density(n) > 0.33)) {
			xmlNode *next = dom_next_skip(n, root);
			dom_remove(n);
			n = next;
			continue;
		}
		n = dom_next(n, root);
	}
}

/* What goes from any article content: share bars, inserts, boilerplate. */
static void clean_fragment(struct scorer *s, xmlNode *content,
	const char *page_url)
{
	analyse(s, content);
	mark_data_tables(content);
	remove_skipped(content);
	analyse(s, content);
	mark_data_tables(content);
	static const char *const always[] = {"footer", "aside", "nav", NULL};
	remove_tags(content, always);
	static const char *const share[] = {"share", "sharing", "social",
		"print-", "toolbar", NULL};
	remove_matched(content, share, 500);
	/* inline teasers, sign-up boxes and ads that sit among the paragraphs */
	static const char *const inserts[] = {"related", "newsletter", "promo",
		"subscribe", "recommend", "outbrain", "taboola", "advert",
		"sponsor", "signup", "sign-up", "most-popular", "trending",
		"read-more", "readmore", "also-read", "more-stories", NULL};
	remove_matched(content, inserts, 300);
	boiler_clean(content, page_url);
}

static void clean(struct scorer *s, xmlNode *content, const char *page_url)
{
	int flags = s->flags;
	clean_fragment(s, content, page_url);
	clean_conditionally(content, "form", flags);
	clean_conditionally(content, "fieldset", flags);
	clean_headers(content, flags);
	clean_conditionally(content, "table", flags);
	clean_conditionally(content, "ul", flags);
	clean_conditionally(content, "div", flags);
	clean_conditionally(content, "section", flags);
}

static unsigned text_length(xmlNode *n)
{
	unsigned chars = 0, commas = 0;
	struct bs_buf b = {0};
	dom_text(n, &b);
	count_text(buf_str(&b), &chars, &commas);
	buf_finish(&b);
	return chars;
}

/*
 * The last attempt keeps whatever text there is; menus and link lists are
 * not an article even then.
 */
static bool is_prose(xmlNode *content)
{
	struct measure m;
	measure(content, &m);
	unsigned own = m.text - m.link;
	return own >= 50 && !(m.link > 0.6 * m.text && own < 200);
}

/* Forgets the elements' infos; text nodes keep their counts. */
static void clear_private(xmlNode *root)
{
	for (xmlNode *n = root; n; n = dom_next(n, root)) {
		if (n->type == XML_ELEMENT_NODE) {
			n->_private = NULL;
		}
	}
}

/* The page's <body> (or root), its inert parts gone; NULL when empty. */
static xmlNode *inert_free_body(xmlDocPtr doc)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root) {
		return NULL;
	}
	strip_inert(root);
	xmlNode *body = dom_find(root, "body");
	return body ? body : root;
}

xmlNode *body_extract(xmlDocPtr doc, const char *page_url)
{
	xmlNode *body = inert_free_body(doc);
	if (!body) {
		return NULL;
	}
	struct scorer s;
	memset(&s, 0, sizeof(s));
	static const int attempts[] = {ALL_FLAGS,
		ALL_FLAGS & ~STRIP_UNLIKELY,
		ALL_FLAGS & ~STRIP_UNLIKELY & ~WEIGHT_CLASSES,
		0};
	xmlNode *best = NULL;
	unsigned best_len = 0;
	for (size_t a = 0; a < sizeof(attempts) / sizeof(attempts[0]); a++) {
		s.flags = attempts[a];
		s.n_candidates = 0;
		analyse(&s, body);
		score_paragraphs(&s, body);
		xmlNode *top = choose_top(&s, body);
		xmlNode *content = gather(top, body);
		clean(&s, content, page_url);
		unsigned len = text_length(content);
		if (len > best_len || !best) {
			if (best) {
				xmlFreeNode(best);
			}
			best = content;
			best_len = len;
		} else {
			xmlFreeNode(content);
		}
		if (best_len >= CHAR_THRESHOLD) {
			break;
		}
		/* the next attempt analyses the page afresh */
		clear_private(body);
	}
	clear_private(body);
	if (best) {
		clear_private(best);
	}
	free(s.infos);
	free(s.candidates);
	if (best && !is_prose(best)) {
		xmlFreeNode(best);
		best = NULL;
	}
	return best;
}

xmlNode *body_fragment(xmlDocPtr doc, const char *page_url)
{
	xmlNode *body = inert_free_body(doc);
	if (!body) {
		return NULL;
	}
	/* no scoring: all of it is the article, less what hides or promotes */
	struct scorer s;
	memset(&s, 0, sizeof(s));
	analyse(&s, body);
	xmlNode *content = gather(body, body);
	clean_fragment(&s, content, page_url);
	clear_private(body);
	clear_private(content);
	free(s.infos);
	free(s.candidates);
	if (text_length(content) == 0 && !dom_find(content, "img")) {
		xmlFreeNode(content);
		return NULL;
	}
	return content;
}
