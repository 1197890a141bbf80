#include "extract/boiler.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/dom.h"
#include "extract/metadata.h"
#include "util/buf.h"
#include "util/text.h"

/* Longer blocks are prose that merely starts like a prompt. */
enum {
	MAX_PROMO_WORDS = 30,
	MAX_LINK_BLOCK_WORDS = 25,
	MAX_CREDIT_WORDS = 40,
	MAX_AUTHOR_BOX_WORDS = 150,
};

static const char *const promo_starts[] = {
	"read more", "read also", "also read", "read next", "see more",
	"see also", "related:", "related post", "related article",
	"related stories", "related coverage", "related content", "more:",
	"don't miss", "don’t miss", "recommended", "you may also like",
	"you might also like", "you may like", "subscribe to",
	"follow us", "follow me", "more great", "more from",
	"most read", "most popular", "trending", "watch:", "listen:",
	"learn more", "get the app", "download the", "join us",
	"lesen sie auch", "mehr zum thema", "auch interessant", "lire aussi",
	"à lire aussi", "a lire aussi", "voir aussi", "leia também",
	"leia mais", "veja também", "lee también", "lea también",
	"leggi anche", "читайте также", "смотрите также", "あわせて読みたい",
	"関連記事", NULL,
};

static const char *const label_texts[] = {"advertisement", "advertising",
	"advert", "ad", "sponsored", "sponsored content", "anzeige",
	"werbung", "publicité", "publicidad", "publicidade", "pubblicità",
	"reklame", "reklama", "реклама", "広告", "광고", "skip advertisement",
	"continue reading below", "story continues below advertisement",
	"article continues below", "scroll to continue with content",
	"share", "share this", "share this article", "tweet", "email",
	"print", "comments", "sign up", "subscribe", NULL};

static const char *const credit_parts[] = {"contributed to this report",
	"contributed reporting", NULL};

static const char *const author_box_words[] = {"author-bio", "authorbio",
	"author_bio", "about-author", "about-the-author", "aboutauthor",
	"author-info", "author-box", "authorbox", "author-card",
	"author-profile", "contributor-bio", "bio-box", "writer-bio", NULL};

/*
 * "Sign up" alone may be a deal ("Sign up for the bundle for $12.99"); a
 * sign-up for the site's newsletter is a prompt.
 */
static const char *const prompt_parts[] = {"newsletter", "sign up for our",
	"sign up to our", "subscribe to our", "abonnez-vous", "abonnieren sie",
	"suscríbete",
	/* the line blog software closes a feed item with */
	"appeared first on", "erschien zuerst auf", "est apparu en premier sur",
	"apareció primero en", "apareceu primeiro em", NULL};

bool boiler_is_promo(const char *text)
{
	if (text_word_count(text) > MAX_PROMO_WORDS) {
		return false;
	}
	if (text_starts_any_fold(text, promo_starts)) {
		return true;
	}
	for (const char *const *p = prompt_parts; *p; p++) {
		if (text_find_ci(text, *p)) {
			return true;
		}
	}
	return false;
}

bool boiler_is_label(const char *text)
{
	/* labels are a few words; longer text is not one */
	if (strlen(text) > 64) {
		return false;
	}
	char *t = text_loose(text, 0);
	bool label = false;
	for (const char *const *l = label_texts; *l && !label; l++) {
		char *want = text_loose(*l, 0);
		label = *t && strcmp(t, want) == 0;
		free(want);
	}
	free(t);
	return label;
}

bool boiler_is_credit(const char *text)
{
	if (text_word_count(text) > MAX_CREDIT_WORDS) {
		return false;
	}
	for (const char *const *p = credit_parts; *p; p++) {
		if (text_find_ci(text, *p)) {
			return true;
		}
	}
	return false;
}

static const char *const block_tags[] = {"p", "div", "section", "li", "dd",
	"dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "center",
	"header", NULL};

static const char *const inline_tags[] = {"a", "abbr", "b", "br", "cite",
	"code", "em", "font", "i", "img", "mark", "q", "s", "small", "span",
	"strong", "sub", "sup", "time", "u", NULL};

/* A block with no block inside it: a paragraph, in effect. */
static bool is_leaf_block(const xmlNode *n)
{
	if (!dom_is_any(n, block_tags)) {
		return false;
	}
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && !dom_is_any(c, inline_tags)) {
			return false;
		}
	}
	return true;
}

/* A link to another page of the same site: relative, or the same host. */
static bool is_internal(const char *href, const char *host)
{
	if (!href) {
		return false;
	}
	char *h = meta_url_host(href);
	if (!h) {
		/* relative, or not a web address at all */
		bool relative = !strchr(href, ':') && href[0] != '#';
		return relative;
	}
	bool same = host && strcmp(h, host) == 0;
	free(h);
	return same;
}

/*
 * Share of n's characters that are inside links, and whether every link
 * stays on the page's own site.
 */
static double link_share(const xmlNode *n, size_t total, const char *host,
	bool *internal)
{
	struct bs_buf b = {0};
	*internal = true;
	xmlNode *c = n->children;
	while (c) {
		if (dom_is(c, "a")) {
			dom_text(c, &b);
			*internal = *internal && is_internal(dom_attr(c, "href"),
				host);
			c = dom_next_skip(c, n);
		} else {
			c = dom_next(c, n);
		}
	}
	size_t linked = text_char_count(buf_str(&b));
	buf_finish(&b);
	return total ? (double)linked / (double)total : 0;
}

/* Headline-style capitals: "TAYLOR SWIFT CLEARED TO PERFORM". */
static bool shouts(const char *t)
{
	size_t upper = 0, lower = 0;
	for (const char *p = t; *p; p++) {
		upper += *p >= 'A' && *p <= 'Z';
		lower += *p >= 'a' && *p <= 'z';
	}
	return upper >= 12 && upper > 4 * lower;
}

/*
 * A paragraph that is nothing but a link: a teaser for another article of
 * the site, or a headline in capitals. A link out (a shop, a source) is
 * content.
 */
static bool is_teaser_link(const xmlNode *n, const char *t, const char *host)
{
	if (text_word_count(t) > MAX_LINK_BLOCK_WORDS) {
		return false;
	}
	bool internal;
	double share = link_share(n, text_char_count(t), host, &internal);
	return share >= 0.9 && (internal || shouts(t));
}

static bool is_boilerplate(const xmlNode *n, const char *host)
{
	if (dom_names_any(n, author_box_words)) {
		char *t = dom_text_dup(n);
		bool small = text_word_count(t) <= MAX_AUTHOR_BOX_WORDS;
		free(t);
		if (small) {
			return true;
		}
	}
	if (!is_leaf_block(n)) {
		return false;
	}
	char *t = dom_text_dup(n);
	bool boiler = text_word_count(t) > 0 && (boiler_is_label(t)
		|| boiler_is_promo(t) || boiler_is_credit(t)
		|| is_teaser_link(n, t, host));
	free(t);
	return boiler;
}

/* A list of links: more than half of its text is linked. */
static bool is_link_list(const xmlNode *n, const char *host)
{
	if (!dom_is(n, "ul") && !dom_is(n, "ol")) {
		return false;
	}
	char *t = dom_text_dup(n);
	bool internal;
	bool yes = link_share(n, text_char_count(t), host, &internal) > 0.5;
	free(t);
	return yes;
}

void boiler_clean(xmlNode *content, const char *page_url)
{
	char *host = meta_url_host(page_url);
	xmlNode *n = content->children;
	while (n) {
		if (n->type == XML_ELEMENT_NODE && is_boilerplate(n, host)) {
			/* "More great stories" and the list of them it heads */
			xmlNode *list = dom_next_element(n);
			if (list && is_link_list(list, host)) {
				dom_remove(list);
			}
			xmlNode *next = dom_next_skip(n, content);
			dom_remove(n);
			n = next;
		} else {
			n = dom_next(n, content);
		}
	}
	free(host);
}

/* Letters and digits of n's text (text_loose), appended to out. */
static void loose_text(const xmlNode *n, struct bs_buf *out)
{
	struct bs_buf t = {0};
	dom_text(n, &t);
	char *l = text_loose(buf_str(&t), 0);
	buf_puts(out, l);
	free(l);
	buf_finish(&t);
}

/* The loose text of root's blocks other than skip. */
static char *text_without(const xmlNode *root, const xmlNode *skip)
{
	struct bs_buf b = {0};
	for (const xmlNode *c = root->children; c; c = c->next) {
		if (c != skip && c->type == XML_ELEMENT_NODE) {
			loose_text(c, &b);
			buf_putc(&b, ' ');
		}
	}
	return buf_detach(&b);
}

enum { MIN_REPEAT_CHARS = 40 };

void boiler_drop_repeats(xmlNode *root)
{
	/* pull quotes: a quote whose words the article already has */
	xmlNode *n = root->children;
	while (n) {
		xmlNode *next = n->next;
		if (dom_is(n, "blockquote")) {
			struct bs_buf q = {0};
			loose_text(n, &q);
			char *rest = text_without(root, n);
			if (q.len >= MIN_REPEAT_CHARS && strstr(rest, buf_str(&q))) {
				dom_remove(n);
			}
			free(rest);
			buf_finish(&q);
		}
		n = next;
	}
}
