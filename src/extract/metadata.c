#include "extract/metadata.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/dom.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/text.h"

/*
 * Precedence, first found wins:
 *   title:     JSON-LD headline, og:title, twitter:title, dc.title,
 *              parsely-title, meta title; then <title> and <h1> in
 *              meta_clean_title()
 *   authors:   JSON-LD author, meta author, article:author (a name, not a
 *              URL), dc.creator, parsely-author, byl; then microdata
 *              itemprop=author, rel=author, a byline-looking element
 *   published: JSON-LD datePublished, article:published_time and the
 *              other date meta names below, itemprop=datePublished,
 *              <time pubdate>, the first <time datetime> in the article
 *   site:      JSON-LD publisher, og:site_name, application-name, JSON-LD
 *              WebSite/Organization
 *   section:   JSON-LD articleSection, article:section, section meta,
 *              breadcrumbs (in extract.c, with the URL path as last resort)
 *   lang:      <html lang>, content-language, og:locale, JSON-LD inLanguage
 */

void strlist_add(struct bs_strlist *list, const char *s)
{
	if (list->count == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 4;
		list->items = xreallocarray(list->items, list->cap,
			sizeof(*list->items));
	}
	list->items[list->count++] = xstrdup(s);
}

void strlist_add_unique(struct bs_strlist *list, const char *s)
{
	for (size_t i = 0; i < list->count; i++) {
		if (strcasecmp(list->items[i], s) == 0) {
			return;
		}
	}
	strlist_add(list, s);
}

void strlist_finish(struct bs_strlist *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i]);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

void meta_finish(struct bs_meta *meta)
{
	free(meta->title);
	free(meta->html_title);
	free(meta->h1);
	free(meta->site);
	free(meta->description);
	free(meta->url);
	free(meta->lang);
	free(meta->published);
	free(meta->modified);
	free(meta->section);
	free(meta->image);
	free(meta->article_body);
	free(meta->dom_byline);
	free(meta->date_byline);
	free(meta->dom_date);
	strlist_finish(&meta->authors);
	strlist_finish(&meta->breadcrumb);
	memset(meta, 0, sizeof(*meta));
}

void meta_set(char **field, const char *value)
{
	if (*field || !value || text_blank(value)) {
		return;
	}
	char *decoded = strchr(value, '&') ? text_decode_entities(value) : NULL;
	*field = text_collapse(decoded ? decoded : value);
	free(decoded);
}

/*
 * <meta> values by key (property, name, itemprop or http-equiv). Keys are
 * owned copies; values point into the page.
 */
struct metas {
	char *keys[256];
	const char *values[256];
	size_t count;
};

static const char *meta_get(const struct metas *m, const char *key)
{
	for (size_t i = 0; i < m->count; i++) {
		if (strcasecmp(m->keys[i], key) == 0 && !text_blank(m->values[i])) {
			return m->values[i];
		}
	}
	return NULL;
}

static const char *meta_first(const struct metas *m, const char *const *keys)
{
	for (; *keys; keys++) {
		const char *v = meta_get(m, *keys);
		if (v) {
			return v;
		}
	}
	return NULL;
}

static void add_meta(struct metas *m, const char *keys, const char *value)
{
	if (!keys || !value) {
		return;
	}
	/* "og:title twitter:title" in one property attribute names both */
	for (const char *p = keys; *p && m->count < 256;) {
		p += strspn(p, " \t\n");
		size_t n = strcspn(p, " \t\n");
		if (n) {
			m->keys[m->count] = xstrndup(p, n);
			m->values[m->count] = value;
			m->count++;
		}
		p += n;
	}
}

static void metas_free(struct metas *m)
{
	for (size_t i = 0; i < m->count; i++) {
		free(m->keys[i]);
	}
	free(m);
}

/* Readability's order, so that a page's preferred title wins. */
static const char *const title_keys[] = {"dc:title", "dcterms:title",
	"dc.title", "dcterms.title", "og:title", "twitter:title",
	"parsely-title", "sailthru.title", "title", "headline", NULL};
static const char *const site_keys[] = {"og:site_name", "application-name",
	"apple-mobile-web-app-title", "publisher", "dc.publisher", NULL};
static const char *const description_keys[] = {"og:description",
	"description", "twitter:description", "dc.description",
	"dcterms.description", "sailthru.description", NULL};
static const char *const author_keys[] = {"dc:creator", "dcterms:creator",
	"dc.creator", "dcterms.creator", "author", "parsely-author",
	"article:author", "sailthru.author", "byl", "citation_author",
	"og:article:author", NULL};
static const char *const date_keys[] = {"article:published_time",
	"og:article:published_time", "published_time", "article:published",
	"article.published", "datepublished", "date_published",
	"parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
	"publish-date", "publish_date", "dc.date.issued", "dcterms.issued",
	"dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
	"originalpublicationdate", "article_date_original", "date",
	"og:published_time", "release_date", "citation_publication_date",
	NULL};
static const char *const modified_keys[] = {"article:modified_time",
	"og:updated_time", "datemodified", "dcterms.modified", "last-modified",
	NULL};
static const char *const section_keys[] = {"article:section",
	"og:article:section", "section", "parsely-section",
	"article.section", "cxenseparse:pageclass", NULL};
static const char *const image_keys[] = {"og:image", "og:image:url",
	"twitter:image", "twitter:image:src", "thumbnail", NULL};
static const char *const lang_keys[] = {"content-language", "dc.language",
	"language", "og:locale", NULL};

static bool is_url(const char *s)
{
	return text_starts_ci(s, "http://") || text_starts_ci(s, "https://")
		|| text_starts_ci(s, "//");
}

/* Class or id words that mark a byline. */
static bool byline_like(const xmlNode *n)
{
	const char *rel = dom_attr(n, "rel");
	if (rel && strcasecmp(rel, "author") == 0) {
		return true;
	}
	const char *itemprop = dom_attr(n, "itemprop");
	if (itemprop && text_find_ci(itemprop, "author")) {
		return true;
	}
	const char *attrs[] = {dom_attr(n, "class"), dom_attr(n, "id")};
	for (size_t i = 0; i < 2; i++) {
		const char *a = attrs[i];
		if (!a) {
			continue;
		}
		if (text_find_ci(a, "byline") || text_find_ci(a, "writtenby")
				|| text_find_ci(a, "p-author")
				|| text_find_ci(a, "dateline")) {
			return true;
		}
		const char *p = text_find_ci(a, "author");
		/* not "authorization", "authority" */
		if (p && (text_starts_ci(p + 6, "iz") || text_starts_ci(p + 6, "is")
				|| text_starts_ci(p + 6, "it"))) {
			p = NULL;
		}
		if (p && !text_find_ci(a, "author-bio")
				&& !text_find_ci(a, "authorbio")
				&& !text_find_ci(a, "author-info")
				&& !text_find_ci(a, "author-avatar")
				&& !text_find_ci(a, "author-image")
				&& !text_find_ci(a, "author-photo")) {
			return true;
		}
	}
	return false;
}

/*
 * Inside comments, related lists or other pages' teasers. Schema.org
 * markup is trusted in a page's aside or footer (where blogs put the
 * author), class words are not.
 */
static bool in_boilerplate_where(const xmlNode *n, bool trusted)
{
	static const char *const words[] = {"comment", "related", "sidebar",
		"footer", "recommend", "most-popular", "trending", "promo",
		"newsletter", "teaser", "widget", "nav", NULL};
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (!trusted && (dom_is(n, "footer") || dom_is(n, "nav")
				|| dom_is(n, "aside"))) {
			return true;
		}
		if (trusted && (dom_is(n, "nav") || dom_is(n, "footer"))) {
			continue;
		}
		if (dom_names_any(n, words)) {
			return true;
		}
	}
	return false;
}

static bool in_boilerplate(const xmlNode *n)
{
	return in_boilerplate_where(n, false);
}

static char *itemprop_value(const xmlNode *n)
{
	const char *v = dom_attr(n, "content");
	if (!v) {
		v = dom_attr(n, "datetime");
	}
	if (v && !text_blank(v)) {
		return text_collapse(v);
	}
	/* itemprop=author itemscope: the name inside */
	for (xmlNode *c = n->children; c; c = dom_next(c, n)) {
		const char *ip = dom_attr(c, "itemprop");
		if (ip && strcmp(ip, "name") == 0) {
			return dom_text_dup(c);
		}
	}
	return dom_text_dup(n);
}

static bool headline_like(const xmlNode *n)
{
	const char *ip = dom_attr(n, "itemprop");
	if (ip && strcmp(ip, "headline") == 0) {
		return true;
	}
	static const char *const words[] = {"headline", "article-title",
		"entry-title", "post-title", "story-title", NULL};
	return dom_names_any(n, words);
}

static void read_breadcrumb_dom(xmlNode *crumbs, struct bs_meta *meta)
{
	if (meta->breadcrumb.count) {
		return;
	}
	xmlNode *n = crumbs->children;
	while (n) {
		const char *ip = dom_attr(n, "itemprop");
		if (dom_is(n, "a") || (dom_is(n, "li") && !dom_find(n, "a"))
				|| (dom_is(n, "span") && ip
				&& strcmp(ip, "name") == 0)) {
			char *t = dom_text_dup(n);
			if (*t && strlen(t) < 60) {
				strlist_add_unique(&meta->breadcrumb, t);
			}
			free(t);
			n = dom_next_skip(n, crumbs);
		} else {
			n = dom_next(n, crumbs);
		}
	}
}

static bool breadcrumb_like(const xmlNode *n)
{
	static const char *const words[] = {"breadcrumb", NULL};
	if (dom_names_any(n, words) || text_find_ci(dom_attr(n, "aria-label"),
			"breadcrumb")) {
		return true;
	}
	const char *type = dom_attr(n, "itemtype");
	return type && text_find_ci(type, "BreadcrumbList");
}

void metadata_read(xmlDocPtr doc, struct bs_meta *meta)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root) {
		return;
	}
	meta_set(&meta->lang, dom_attr(root, "lang"));
	meta_set(&meta->lang, dom_attr(root, "xml:lang"));

	struct metas *m = xcalloc(1, sizeof(*m));
	char *canonical = NULL;
	xmlNode *h1 = NULL, *headline = NULL, *byline = NULL;
	xmlNode *time_pub = NULL, *time_any = NULL, *crumbs = NULL;
	char *microdata_date = NULL, *microdata_author = NULL;
	char *microdata_section = NULL;
	static const char *const opaque[] = {"script", "style", "noscript",
		"template", NULL};
	for (xmlNode *n = root; n; n = dom_is_any(n, opaque)
			? dom_next_skip(n, root) : dom_next(n, root)) {
		if (n->type != XML_ELEMENT_NODE || dom_is_any(n, opaque)) {
			continue;
		}
		if (dom_is(n, "meta")) {
			const char *content = dom_attr(n, "content");
			const char *keys[] = {dom_attr(n, "property"),
				dom_attr(n, "name"), dom_attr(n, "itemprop"),
				dom_attr(n, "http-equiv")};
			for (size_t i = 0; i < 4; i++) {
				add_meta(m, keys[i], content);
			}
			const char *ip = dom_attr(n, "itemprop");
			if (ip && content && !in_boilerplate(n)) {
				if (strcmp(ip, "datePublished") == 0) {
					meta_set(&microdata_date, content);
				} else if (strcmp(ip, "articleSection") == 0) {
					meta_set(&microdata_section, content);
				}
			}
		} else if (dom_is(n, "title") && !meta->html_title
				&& !dom_inside(n, "svg")) {
			meta->html_title = dom_text_dup(n);
		} else if (dom_is(n, "link")) {
			const char *rel = dom_attr(n, "rel");
			const char *href = dom_attr(n, "href");
			if (rel && href && strcasecmp(rel, "canonical") == 0) {
				meta_set(&canonical, href);
			}
		} else if (dom_is(n, "h1") && !h1) {
			char *t = dom_text_dup(n);
			if (text_char_count(t) >= 8 && !in_boilerplate(n)) {
				h1 = n;
			}
			free(t);
		} else if (dom_is(n, "time") && dom_attr(n, "datetime")
				&& !in_boilerplate(n)) {
			const char *ip = dom_attr(n, "itemprop");
			if (!time_pub && (dom_attr(n, "pubdate")
					|| (ip && strcmp(ip, "datePublished") == 0))) {
				time_pub = n;
			}
			if (!time_any) {
				time_any = n;
			}
		} else if (!crumbs && breadcrumb_like(n)) {
			crumbs = n;
		}
		if (!headline && headline_like(n) && !dom_is(n, "meta")) {
			headline = n;
		}
		const char *ip = dom_attr(n, "itemprop");
		if (ip && !dom_is(n, "meta") && !in_boilerplate_where(n, true)) {
			if (strcmp(ip, "datePublished") == 0) {
				char *v = itemprop_value(n);
				meta_set(&microdata_date, v);
				free(v);
			} else if (strcmp(ip, "author") == 0 && !microdata_author) {
				microdata_author = itemprop_value(n);
			} else if (strcmp(ip, "articleSection") == 0) {
				char *v = itemprop_value(n);
				meta_set(&microdata_section, v);
				free(v);
			}
		}
		/* the first byline-looking element that names someone */
		if (!byline && byline_like(n) && !dom_is(n, "meta")
				&& !dom_is(n, "link") && !in_boilerplate(n)) {
			char *t = dom_text_dup(n);
			struct bs_strlist names = {0};
			if (*t && strlen(t) < 100) {
				meta_split_authors(t, &names);
			}
			if (names.count) {
				byline = n;
			}
			strlist_finish(&names);
			free(t);
		}
	}

	/* structured data first; it needs the <title> read above */
	jsonld_read(doc, meta);
	meta_set(&meta->title, meta_first(m, title_keys));
	meta_set(&meta->site, meta_first(m, site_keys));
	meta_set(&meta->description, meta_first(m, description_keys));
	meta_set(&meta->section, meta_first(m, section_keys));
	meta_set(&meta->section, microdata_section);
	meta_set(&meta->image, meta_first(m, image_keys));
	meta_set(&meta->modified, meta_first(m, modified_keys));
	meta_set(&meta->lang, meta_first(m, lang_keys));
	if (!meta->published) {
		for (const char *const *k = date_keys; *k; k++) {
			const char *v = meta_get(m, *k);
			char *iso = meta_date(v);
			if (iso) {
				meta->published = iso;
				break;
			}
		}
	}
	meta_set(&meta->published, microdata_date);
	if (time_pub) {
		meta_set(&meta->published, dom_attr(time_pub, "datetime"));
	}
	if (time_any) {
		meta_set(&meta->dom_date, dom_attr(time_any, "datetime"));
	}

	if (canonical && is_url(canonical)) {
		free(meta->url);
		meta->url = canonical;
		canonical = NULL;
	}
	free(canonical);
	const char *og_url = meta_get(m, "og:url");
	if (og_url && is_url(og_url)) {
		meta_set(&meta->url, og_url);
	}

	/* the first key that names someone; a key may be given many times */
	for (const char *const *k = author_keys; *k && !meta->authors.count;
			k++) {
		for (size_t i = 0; i < m->count; i++) {
			if (strcasecmp(m->keys[i], *k) == 0
					&& !is_url(m->values[i])) {
				meta_split_authors(m->values[i], &meta->authors);
			}
		}
	}
	if (!meta->authors.count && microdata_author) {
		meta_split_authors(microdata_author, &meta->authors);
	}
	if (byline) {
		meta->dom_byline = dom_text_dup(byline);
		if (!meta->authors.count) {
			meta_split_authors(meta->dom_byline, &meta->authors);
		}
	}
	if (!meta->authors.count) {
		/* said as a warning: the page's byline was a date */
		const char *said[] = {meta_first(m, author_keys),
			microdata_author, meta->dom_byline};
		for (size_t i = 0; i < 3 && !meta->date_byline; i++) {
			if (said[i] && meta_byline_is_date(said[i])) {
				meta_set(&meta->date_byline, said[i]);
			}
		}
	}
	if (h1) {
		meta->h1 = dom_text_dup(h1);
	} else if (headline) {
		meta->h1 = dom_text_dup(headline);
	}
	if (crumbs) {
		read_breadcrumb_dom(crumbs, meta);
	}
	free(microdata_date);
	free(microdata_author);
	free(microdata_section);
	metas_free(m);
}

/* ---- cleaning ---------------------------------------------------------- */

static const char *const separators[] = {" | ", " - ", " – ", " — ", " :: ",
	" » ", " · ", " • ", " // ", " ~ ", " ｜ ", NULL};

static bool loosely_contains(const char *hay, const char *needle)
{
	char *x = text_loose(hay, 0), *y = text_loose(needle, 0);
	bool in = *y && strstr(x, y) != NULL;
	free(x);
	free(y);
	return in;
}

/* The last separator in s, or NULL; *len gets its length. */
static const char *last_separator(const char *s, size_t *len)
{
	const char *best = NULL;
	for (const char *const *sep = separators; *sep; sep++) {
		const char *p = s;
		const char *found;
		while ((found = strstr(p, *sep))) {
			if (!best || found > best) {
				best = found;
				*len = strlen(*sep);
			}
			p = found + 1;
		}
	}
	return best;
}

static const char *first_separator(const char *s, size_t *len)
{
	const char *best = NULL;
	for (const char *const *sep = separators; *sep; sep++) {
		const char *found = strstr(s, *sep);
		if (found && (!best || found < best)) {
			best = found;
			*len = strlen(*sep);
		}
	}
	return best;
}

char *meta_clean_title(const char *title, const char *html_title,
	const char *h1, const char *site, char **cut)
{
	if (cut) {
		*cut = NULL;
	}
	const char *base = title && !text_blank(title) ? title : html_title;
	if (!base || text_blank(base)) {
		return xstrdup(h1 && !text_blank(h1) ? h1 : "");
	}
	char *t = text_collapse(base);
	if (h1 && !text_blank(h1)) {
		if (text_same_loose(t, h1)) {
			free(t);
			return text_collapse(h1);
		}
		if (text_word_count(h1) >= 3 && loosely_contains(t, h1)) {
			/* "Headline | Site": the h1 is the clean headline */
			size_t sl = 0;
			const char *sep = last_separator(t, &sl);
			if (sep && cut) {
				*cut = xstrdup(sep + sl);
			}
			free(t);
			return text_collapse(h1);
		}
	}
	bool from_html = !(title && !text_blank(title));
	for (int round = 0; round < 3; round++) {
		size_t sl = 0;
		const char *sep = last_separator(t, &sl);
		if (!sep) {
			break;
		}
		const char *tail = sep + sl;
		char *head = xstrndup(t, (size_t)(sep - t));
		size_t tail_words = text_word_count(tail);
		size_t head_words = text_word_count(head);
		bool is_site = site && (text_same_loose(tail, site)
			|| loosely_contains(tail, site)
			|| loosely_contains(site, tail));
		bool short_tail = tail_words <= 4 && head_words >= 3
			&& tail_words * 2 < head_words;
		if (is_site || (short_tail && (from_html || round == 0))) {
			if (cut && !*cut) {
				*cut = xstrdup(tail);
			}
			free(t);
			t = head;
			continue;
		}
		free(head);
		break;
	}
	/* "Site | Headline" */
	size_t sl = 0;
	const char *sep = first_separator(t, &sl);
	if (sep && site) {
		char *head = xstrndup(t, (size_t)(sep - t));
		if (text_same_loose(head, site)) {
			char *rest = xstrdup(sep + sl);
			free(t);
			t = rest;
		}
		free(head);
	}
	return text_trim(t);
}

static const char *const byline_prefixes[] = {"by:", "by ", "written by ",
	"posted by ", "author:", "authors:", "von ", "por ", "par ", "di ",
	"door ", "av ", "autor:", "autor ", "автор:", "Автор:", "текст:",
	"Текст:", "text:", "texto:",
	"words by ", "story by ", "reporting by ", "from ", NULL};

static const char *const role_words[] = {"writer", "reporter", "editor",
	"correspondent", "contributor", "columnist", "staff", "journalist",
	"photographer", "updated", "published", "posted", "minute", "read",
	"comments", "share", "follow", "email", "twitter", "facebook",
	"opinion", "analysis", "ago", "view all", "more from", "sign in",
	"sign up", "log in", "login", "subscribe", "register", "newsletter",
	"search", "menu", "home", "admin", "webmaster", "guest", NULL};

/* Degrees and suffixes that follow a name after a comma. */
static const char *const credentials[] = {"ma", "ms", "msc", "phd", "md",
	"mba", "rn", "jr", "sr", "ii", "iii", "iv", "esq", "bsc", "ba", "do",
	NULL};

static bool is_edge_punct(unsigned cp)
{
	return (cp < 0x80 && strchr(",.;:|-()[]*", (int)cp))
		|| cp == 0x2013 || cp == 0x2014 || cp == 0xb7 || cp == 0x2022
		|| text_is_space(cp);
}

static void add_name(struct bs_strlist *list, char *part)
{
	char *p = text_strip(part, is_edge_punct);
	for (const char *const *pre = byline_prefixes; *pre; pre++) {
		if (text_starts_ci(p, *pre)) {
			p = text_trim(p + strlen(*pre));
			break;
		}
	}
	if (!*p || strlen(p) > 80 || text_word_count(p) > 6
			|| text_starts_ci(p, "http") || strchr(p, '@')
			|| strchr(p, '/')) {
		return;
	}
	size_t digits = 0, letters = 0;
	for (const char *q = p; *q; q++) {
		if (isdigit((unsigned char)*q)) {
			digits++;
		} else if (isalpha((unsigned char)*q) || (unsigned char)*q >= 0x80) {
			letters++;
		}
	}
	if (letters < 2 || digits > 0) {
		return;
	}
	struct bs_date d;
	if (date_find(p, &d)) {
		return;
	}
	for (const char *const *w = role_words; *w; w++) {
		if (text_find_ci(p, *w)) {
			return;
		}
	}
	if (strcasecmp(p, "by") == 0 || strcasecmp(p, "and") == 0) {
		return;
	}
	char bare[16];
	snprintf(bare, sizeof(bare), "%s", p);
	for (char *q = bare; *q; q++) {
		if (*q == '.') {
			memmove(q, q + 1, strlen(q));
		}
	}
	for (const char *const *c = credentials; *c; c++) {
		if (strcasecmp(bare, *c) == 0) {
			return;
		}
	}
	strlist_add_unique(list, p);
}

enum { MAX_DATE_BYLINE_WORDS = 8 };

bool meta_byline_is_date(const char *byline)
{
	char *b = text_collapse(byline);
	const char *p = b;
	for (const char *const *pre = byline_prefixes; *pre; pre++) {
		if (text_starts_ci(p, *pre)) {
			p += strlen(*pre);
			break;
		}
	}
	struct bs_date d;
	bool yes = strpbrk(p, "0123456789") && date_find(p, &d)
		&& text_word_count(p) <= MAX_DATE_BYLINE_WORDS;
	free(b);
	return yes;
}

void meta_split_authors(const char *byline, struct bs_strlist *list)
{
	if (!byline) {
		return;
	}
	char *s = text_collapse(byline);
	/* Cut at the first separator that leads into dates or roles. */
	static const char *const cuts[] = {" | ", "|", " · ", " • ", " — ",
		" – ", " - ", "\n", NULL};
	for (const char *const *c = cuts; *c; c++) {
		char *p = strstr(s, *c);
		if (p && p != s) {
			*p = '\0';
		}
	}
	/* "By Jane Doe Published 27 Nov 2026": cut where a date starts */
	static const char *const date_leads[] = {" published", " updated",
		" posted", " on ", NULL};
	for (const char *const *d = date_leads; *d; d++) {
		char *p = (char *)text_find_ci(s, *d);
		if (p && p != s) {
			*p = '\0';
		}
	}
	/* Split names on ",", ";", " and ", " & " and their translations. */
	struct bs_buf part = {0};
	static const char *const joins[] = {" and ", " & ", " und ", " et ",
		" y ", " e ", " en ", " och ", " og ", " i ", " и ", NULL};
	const char *p = s;
	while (*p) {
		size_t jl = 0;
		for (const char *const *j = joins; *j; j++) {
			if (strncasecmp(p, *j, strlen(*j)) == 0) {
				jl = strlen(*j);
				break;
			}
		}
		if (*p == ',' || *p == ';' || jl) {
			char *name = buf_detach(&part);
			add_name(list, name);
			free(name);
			p += jl ? jl : 1;
			continue;
		}
		buf_putc(&part, *p);
		p++;
	}
	char *name = buf_detach(&part);
	add_name(list, name);
	free(name);
	free(s);
}

char *meta_url_host(const char *url)
{
	if (!url) {
		return NULL;
	}
	const char *p = strstr(url, "://");
	if (!p) {
		return NULL;
	}
	p += 3;
	size_t n = strcspn(p, "/?#:");
	if (n == 0) {
		return NULL;
	}
	char *raw = xstrndup(p, n);
	char *host = text_lower(raw);
	free(raw);
	if (strncmp(host, "www.", 4) == 0) {
		memmove(host, host + 4, strlen(host + 4) + 1);
	}
	return host;
}

char *meta_section_from_url(const char *url)
{
	if (!url) {
		return NULL;
	}
	const char *p = strstr(url, "://");
	if (!p) {
		return NULL;
	}
	p = strchr(p + 3, '/');
	if (!p) {
		return NULL;
	}
	p++;
	size_t n = strcspn(p, "/?#");
	if (n < 3 || n > 24 || p[n] != '/') {
		return NULL;
	}
	/* the segment after it must exist: the first one is not the slug */
	const char *next = p + n + 1;
	if (strcspn(next, "/?#") == 0) {
		return NULL;
	}
	char *seg = xstrndup(p, n);
	static const char *const not_sections[] = {"article", "articles",
		"story", "stories", "content", "post", "posts", "amp", "index",
		"www", "html", "page", "pages", "node", "item", "items", "id",
		"view", "read", "p", "a", "s", "doc", "docs", "detail", "details",
		"archive", "archives", "wp-content", "category", "tag", "tags",
		"topics", "topic", "sites", "edition", "print", "home", "public",
		NULL};
	bool ok = true;
	size_t hyphens = 0;
	for (const char *q = seg; *q; q++) {
		if (*q == '-' || *q == '_') {
			hyphens++;
		} else if (!isalpha((unsigned char)*q)) {
			ok = false;
		}
	}
	for (const char *const *w = not_sections; ok && *w; w++) {
		if (strcasecmp(seg, *w) == 0) {
			ok = false;
		}
	}
	char *out = NULL;
	if (ok && hyphens <= 2) {
		/* "nfl", "us", "uk" are abbreviations */
		out = strlen(seg) <= 3 ? text_upper(seg) : text_title_case(seg);
	}
	free(seg);
	return out;
}

char *meta_clean_section(const char *raw)
{
	if (!raw || text_blank(raw)) {
		return NULL;
	}
	char *s = text_collapse(raw);
	/* the outermost of "News > Politics", "World; Europe", "A, B" */
	s[strcspn(s, ",;|>/\n")] = '\0';
	static const char *const wide[] = {"»", "›", "•", "·", NULL};
	for (const char *const *w = wide; *w; w++) {
		char *p = strstr(s, *w);
		if (p) {
			*p = '\0';
		}
	}
	text_trim(s);
	/* a domain ("gizmodo.com") names the site, not a section */
	if (!*s || text_char_count(s) > 40 || text_word_count(s) > 5
			|| text_starts_ci(s, "http") || strchr(s, '.')) {
		free(s);
		return NULL;
	}
	bool lower = true, upper = true;
	for (const char *p = s; *p; p++) {
		if (isupper((unsigned char)*p)) {
			lower = false;
		}
		if (islower((unsigned char)*p)) {
			upper = false;
		}
	}
	if (lower || upper || strchr(s, '-') || strchr(s, '_')) {
		bool ascii = true;
		for (const char *p = s; *p; p++) {
			if ((unsigned char)*p >= 0x80) {
				ascii = false;
			}
		}
		if (ascii) {
			char *t = text_title_case(s);
			free(s);
			return t;
		}
	}
	return s;
}

char *meta_clean_lang(const char *raw)
{
	if (!raw) {
		return NULL;
	}
	char *s = text_collapse(raw);
	size_t n = strcspn(s, " ,;");
	s[n] = '\0';
	struct bs_buf b = {0};
	size_t sub = 0, sublen = 0;
	bool ok = *s != '\0';
	for (char *p = s; *p && ok; p++) {
		char c = *p;
		if (c == '_' || c == '-') {
			if (sublen == 0) {
				ok = false;
			}
			buf_putc(&b, '-');
			sub++;
			sublen = 0;
			continue;
		}
		if (!isalnum((unsigned char)c)) {
			ok = false;
			break;
		}
		sublen++;
		if (sub == 0) {
			ok = ok && isalpha((unsigned char)c) && sublen <= 3;
			buf_putc(&b, (char)tolower((unsigned char)c));
		} else if (sub == 1 && sublen <= 2) {
			buf_putc(&b, (char)toupper((unsigned char)c));
		} else {
			ok = ok && sublen <= 8;
			buf_putc(&b, c);
		}
	}
	free(s);
	char *out = buf_detach(&b);
	size_t primary = strcspn(out, "-");
	if (!ok || primary < 2 || out[strlen(out) - 1] == '-') {
		free(out);
		return NULL;
	}
	return out;
}

char *meta_date(const char *raw)
{
	struct bs_date d;
	if (!raw || !date_parse(raw, &d)) {
		return NULL;
	}
	char iso[40];
	date_format_iso(&d, iso, sizeof(iso));
	return xstrdup(iso);
}
