#include "edition/edition.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "ingest/resources.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/path.h"
#include "util/text.h"

#ifndef BS_VERSION
#define BS_VERSION "unknown"
#endif

struct image_entry {
	char *href;
	const char *media_type;
	int width, height;
};

/* A body in the file of parked bodies; len 0: in memory, not parked. */
struct parked {
	off_t at;
	size_t len;
};

struct bs_edition {
	char *title;
	struct bs_date date;
	char *lang;
	char *publisher;
	char **order;
	size_t n_order;
	time_t modified;
	struct bs_article **articles;
	size_t count, cap;
	char **urls;		/* normalised canonical URL per article, or NULL */
	char **leads;		/* package path of each article's lead picture */
	uint64_t *fingerprints;	/* of each article's text */
	char *spool;		/* where bodies are parked, or NULL */
	int bodies;		/* the file they are parked in; -1: none yet */
	struct parked *parked;	/* where each article's body is in it */
	struct image_entry *images;
	size_t n_images, cap_images;
	char auto_lang[16];	/* edition_lang()'s answer when lang is NULL */
	char *issue;
	struct image_entry cover;	/* href NULL: none */
};

struct bs_edition *edition_create(const struct bs_edition_options *o)
{
	struct bs_edition *e = xcalloc(1, sizeof(*e));
	e->title = xstrdup(o->title && *o->title ? o->title
		: EDITION_DEFAULT_TITLE);
	e->date = o->date;
	e->lang = o->lang ? xstrdup(o->lang) : NULL;
	e->publisher = o->publisher ? xstrdup(o->publisher) : NULL;
	e->issue = o->issue ? xstrdup(o->issue) : NULL;
	e->n_order = o->n_sections;
	e->order = xcalloc(o->n_sections + 1, sizeof(*e->order));
	for (size_t i = 0; i < o->n_sections; i++) {
		e->order[i] = xstrdup(o->sections[i]);
	}
	e->modified = o->modified;
	e->spool = o->spool ? xstrdup(o->spool) : NULL;
	e->bodies = -1;
	return e;
}

void edition_destroy(struct bs_edition *e)
{
	if (!e) {
		return;
	}
	for (size_t i = 0; i < e->count; i++) {
		article_destroy(e->articles[i]);
		free(e->urls[i]);
		free(e->leads[i]);
	}
	free(e->parked);
	if (e->bodies >= 0) {
		close(e->bodies);
	}
	free(e->spool);
	free(e->articles);
	free(e->urls);
	free(e->leads);
	free(e->fingerprints);
	for (size_t i = 0; i < e->n_order; i++) {
		free(e->order[i]);
	}
	free(e->order);
	for (size_t i = 0; i < e->n_images; i++) {
		free(e->images[i].href);
	}
	free(e->images);
	free(e->title);
	free(e->lang);
	free(e->publisher);
	free(e->issue);
	free(e->cover.href);
	free(e);
}

/* Scheme, "www.", fragment, tracking parameters and a final "/" do not
 * make another article. */
static char *normal_url(const char *url)
{
	if (!url) {
		return NULL;
	}
	const char *p = strstr(url, "://");
	if (!p) {
		return NULL;
	}
	p += 3;
	if (strncasecmp(p, "www.", 4) == 0) {
		p += 4;
	}
	struct bs_buf b = {0};
	size_t host = strcspn(p, "/?#");
	for (size_t i = 0; i < host; i++) {
		buf_putc(&b, (char)tolower((unsigned char)p[i]));
	}
	p += host;
	size_t path = strcspn(p, "?#");
	buf_append(&b, p, path);
	p += path;
	if (*p == '?') {
		/* keep the query unless it is only tracking */
		size_t q = strcspn(p, "#");
		if (!text_find_ci(p, "utm_") || q > 200) {
			buf_append(&b, p, q);
		}
	}
	while (b.len > 1 && b.data[b.len - 1] == '/') {
		b.data[--b.len] = '\0';
	}
	return buf_detach(&b);
}

/*
 * The input file's name without its folders, and the document within it
 * when it holds several: "day.warc.gz#https://example.com/story".
 */
static const char *source_name(const char *source)
{
	size_t file = strcspn(source, "#");
	const char *name = source;
	for (size_t i = 0; i < file; i++) {
		if (source[i] == '/') {
			name = source + i + 1;
		}
	}
	return name;
}

/* Moves *from into *to when *to is empty. */
static void take_gap(char **to, char **from)
{
	if (!*to && *from) {
		*to = *from;
		*from = NULL;
	}
}

/* The page keeps its own; the item's details fill what it lacks. */
static void fill_gaps(struct bs_article *page, struct bs_article *item)
{
	take_gap(&page->url, &item->url);
	if (!page->title[0] && item->title[0]) {
		free(page->title);
		page->title = item->title;
		item->title = NULL;
	}
	if (!page->n_authors && item->n_authors) {
		free(page->authors);
		page->authors = item->authors;
		page->n_authors = item->n_authors;
		item->authors = NULL;
		item->n_authors = 0;
	}
	take_gap(&page->published, &item->published);
	take_gap(&page->modified, &item->modified);
	take_gap(&page->section, &item->section);
	take_gap(&page->site, &item->site);
	take_gap(&page->lang, &item->lang);
	take_gap(&page->description, &item->description);
	take_gap(&page->image, &item->image);
}

/*
 * Appends body to the file of parked bodies, made on first use, and says
 * where in *p. One file, not one per body: on an SD card or a NAS, making
 * and removing small files costs more than their bytes. It is unlinked as
 * soon as it is open, so that nothing of it stays whatever happens.
 */
static bool park_doc(struct bs_edition *e, xmlDocPtr body, struct parked *p,
	struct bs_error *err)
{
	if (e->bodies < 0) {
		char *name = path_join(e->spool, "bodies-XXXXXX");
		e->bodies = mkstemp(name);
		if (e->bodies >= 0) {
			unlink(name);
		}
		free(name);
		if (e->bodies < 0) {
			error_set(err, e->spool, "cannot park the articles' "
				"bodies: %s", strerror(errno));
			return false;
		}
	}
	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpMemoryEnc(body, &mem, &len, "UTF-8");
	if (!mem || len <= 0) {
		xmlFree(mem);
		error_set(err, e->spool, "cannot write out an article's body");
		return false;
	}
	off_t at = lseek(e->bodies, 0, SEEK_END);
	bool ok = at >= 0 && path_write_all(e->bodies, mem, (size_t)len);
	xmlFree(mem);
	if (!ok) {
		error_set(err, e->spool, "cannot park an article's body: %s",
			strerror(errno));
		return false;
	}
	p->at = at;
	p->len = (size_t)len;
	return true;
}

/*
 * Parks the i-th article's body in the spool and cuts its text to what is
 * still read. A body that cannot be parked (a full disk) stays in memory:
 * the edition is still right, only bigger.
 */
static void park(struct bs_edition *e, size_t i)
{
	struct bs_article *a = e->articles[i];
	if (!e->spool || !a->body) {
		return;
	}
	if (park_doc(e, a->body, &e->parked[i], NULL)) {
		xmlFreeDoc(a->body);
		a->body = NULL;
	}
	size_t n = strlen(a->text);
	if (n > EDITION_TEXT_KEPT) {
		n = EDITION_TEXT_KEPT;
		while (n > 0 && ((unsigned char)a->text[n] & 0xc0) == 0x80) {
			n--;
		}
		a->text[n] = '\0';
	}
}

xmlDocPtr edition_read_body(struct bs_edition *e, size_t i,
	struct bs_error *err)
{
	const struct parked *p = &e->parked[i];
	if (!p->len) {
		return xmlCopyDoc(e->articles[i]->body, 1);
	}
	char *mem = xmalloc(p->len);
	ssize_t got = p->len > INT_MAX ? -1 : pread(e->bodies, mem, p->len,
		p->at);
	xmlDocPtr body = got == (ssize_t)p->len ? xmlReadMemory(mem, (int)got,
		NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_HUGE
		| XML_PARSE_NOERROR | XML_PARSE_NOWARNING) : NULL;
	free(mem);
	if (!body) {
		error_set(err, e->spool, "cannot read an article's body back");
	}
	return body;
}

xmlDocPtr edition_take_body(struct bs_edition *e, size_t i,
	struct bs_error *err)
{
	struct bs_article *a = e->articles[i];
	if (!e->parked[i].len) {
		xmlDocPtr body = a->body;
		a->body = NULL;
		return body;
	}
	xmlDocPtr body = edition_read_body(e, i, err);
	if (body) {
		/* its bytes stay in the file, unread, until the end */
		e->parked[i].len = 0;
	}
	return body;
}

bool edition_put_body(struct bs_edition *e, size_t i, xmlDocPtr body,
	struct bs_error *err)
{
	struct bs_article *a = e->articles[i];
	xmlFreeDoc(a->body);
	a->body = body;
	if (!e->spool) {
		return true;
	}
	if (!park_doc(e, body, &e->parked[i], err)) {
		return false;
	}
	xmlFreeDoc(a->body);
	a->body = NULL;
	return true;
}

uint64_t edition_fingerprint(const struct bs_edition *e, size_t i)
{
	return e->fingerprints[i];
}

static enum bs_added merge(struct bs_edition *e, size_t i,
	struct bs_article *a, char **other)
{
	struct bs_article *old = e->articles[i];
	*other = xstrdup(old->source);
	bool old_item = old->origin == BS_ORIGIN_FEED;
	bool new_item = a->origin == BS_ORIGIN_FEED;
	if (old_item == new_item) {
		article_destroy(a);
		return BS_DUPLICATE;
	}
	if (new_item) {
		fill_gaps(old, a);
		article_destroy(a);
	} else {
		fill_gaps(a, old);
		article_destroy(old);
		e->articles[i] = a;
		e->fingerprints[i] = article_fingerprint(a->text);
		if (!e->urls[i]) {
			e->urls[i] = normal_url(a->url);
		}
		e->parked[i].len = 0;
		park(e, i);
	}
	return BS_MERGED;
}

enum bs_added edition_add(struct bs_edition *e, struct bs_article *a,
	char **other)
{
	*other = NULL;
	char *url = normal_url(a->url);
	uint64_t fp = article_fingerprint(a->text);
	for (size_t i = 0; i < e->count; i++) {
		if ((url && e->urls[i] && strcmp(url, e->urls[i]) == 0)
				|| fp == e->fingerprints[i]) {
			free(url);
			return merge(e, i, a, other);
		}
	}
	if (e->count == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 32;
		e->articles = xreallocarray(e->articles, e->cap,
			sizeof(*e->articles));
		e->urls = xreallocarray(e->urls, e->cap, sizeof(*e->urls));
		e->leads = xreallocarray(e->leads, e->cap, sizeof(*e->leads));
		e->fingerprints = xreallocarray(e->fingerprints, e->cap,
			sizeof(*e->fingerprints));
		e->parked = xreallocarray(e->parked, e->cap, sizeof(*e->parked));
	}
	e->articles[e->count] = a;
	e->urls[e->count] = url;
	e->leads[e->count] = NULL;
	e->fingerprints[e->count] = fp;
	e->parked[e->count] = (struct parked){0, 0};
	e->count++;
	park(e, e->count - 1);
	return BS_ADDED;
}

size_t edition_article_count(const struct bs_edition *e)
{
	return e->count;
}

struct bs_article *edition_article(struct bs_edition *e, size_t i)
{
	return i < e->count ? e->articles[i] : NULL;
}

void edition_set_cover(struct bs_edition *e, const char *href,
	const char *media_type, int width, int height)
{
	free(e->cover.href);
	e->cover.href = xstrdup(href);
	e->cover.media_type = media_type;
	e->cover.width = width;
	e->cover.height = height;
}

void edition_set_lead_image(struct bs_edition *e, size_t i, const char *href)
{
	if (i < e->count) {
		free(e->leads[i]);
		e->leads[i] = xstrdup(href);
	}
}

void edition_add_image(struct bs_edition *e, const char *href,
	const char *media_type, int width, int height)
{
	if (e->n_images == e->cap_images) {
		e->cap_images = e->cap_images ? e->cap_images * 2 : 16;
		e->images = xreallocarray(e->images, e->cap_images,
			sizeof(*e->images));
	}
	struct image_entry *im = &e->images[e->n_images++];
	im->href = xstrdup(href);
	im->media_type = media_type;
	im->width = width;
	im->height = height;
}

const char *edition_lang(struct bs_edition *e)
{
	if (e->lang) {
		return e->lang;
	}
	/* the most common primary language of the articles */
	const char *best = "en";
	size_t best_n = 0;
	for (size_t i = 0; i < e->count; i++) {
		const char *l = e->articles[i]->lang;
		if (!l) {
			continue;
		}
		size_t li = strcspn(l, "-");
		size_t n = 0;
		for (size_t k = 0; k < e->count; k++) {
			const char *m = e->articles[k]->lang;
			if (m && strcspn(m, "-") == li && strncmp(l, m, li) == 0) {
				n++;
			}
		}
		if (n > best_n) {
			best_n = n;
			best = l;
		}
	}
	snprintf(e->auto_lang, sizeof(e->auto_lang), "%.*s",
		(int)strcspn(best, "-"), best);
	return e->auto_lang;
}

static const char *section_of(const struct bs_article *a)
{
	return a->section && *a->section ? a->section : "News";
}

static xmlNode *add_text(xmlNode *parent, const char *name, const char *text)
{
	if (!text) {
		return NULL;
	}
	return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text);
}

static bool body_opens_with(const char *text, const char *description)
{
	char *d = text_loose(description, 120);
	char *t = text_loose(text, 4000);
	bool yes = *d && strlen(d) >= 20 && strstr(t, d) != NULL;
	free(d);
	free(t);
	return yes;
}

/* The first sentence of text, at most about 300 bytes. */
static char *first_sentence(const char *text)
{
	size_t limit = 300;
	const char *end = NULL;
	for (const char *p = text; *p && (size_t)(p - text) < limit; p++) {
		if (*p == '\n') {
			end = p;
			break;
		}
		if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == ' '
				|| p[1] == '\0' || p[1] == '\n') && p - text > 40) {
			end = p + 1;
			break;
		}
		if (strncmp(p, "。", 3) == 0 && p - text > 20) {
			end = p + 3;
			break;
		}
	}
	if (end) {
		return text_trim(xstrndup(text, (size_t)(end - text)));
	}
	size_t n = strlen(text);
	if (n <= limit) {
		return text_trim(xstrdup(text));
	}
	/* cut at a space, and at a character boundary */
	size_t cut = limit;
	while (cut > 0 && text[cut] != ' ') {
		cut--;
	}
	if (cut == 0) {
		cut = limit;
		while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80) {
			cut--;
		}
	}
	struct bs_buf b = {0};
	buf_append(&b, text, cut);
	buf_puts(&b, "…");
	return text_trim(buf_detach(&b));
}

static void add_date(xmlNode *parent, const char *name, const char *iso,
	const char *lang, bool weekday)
{
	struct bs_date d;
	if (!iso || !date_parse(iso, &d)) {
		return;
	}
	char text[128];
	date_format_long(&d, lang, weekday, text, sizeof(text));
	xmlNode *n = add_text(parent, name, text);
	xmlNewProp(n, BAD_CAST "iso", BAD_CAST iso);
}

static void set_number(xmlNode *n, const char *name, size_t value)
{
	char num[32];
	snprintf(num, sizeof(num), "%zu", value);
	xmlNewProp(n, BAD_CAST name, BAD_CAST num);
}

static void add_article(xmlNode *sec, struct bs_article *a, const char *lead,
	size_t s, size_t k, size_t order, const char *edition_lang)
{
	char id[48], href[64];
	snprintf(id, sizeof(id), "s%02zu-a%02zu", s, k);
	snprintf(href, sizeof(href), "%s.xhtml", id);
	xmlNode *art = xmlNewChild(sec, NULL, BAD_CAST "article", NULL);
	xmlNewProp(art, BAD_CAST "id", BAD_CAST id);
	xmlNewProp(art, BAD_CAST "href", BAD_CAST href);
	set_number(art, "number", k);
	set_number(art, "order", order);
	const char *lang = a->lang ? a->lang : edition_lang;
	xmlNewProp(art, BAD_CAST "lang", BAD_CAST lang);
	add_text(art, "title", *a->title ? a->title : source_name(a->source));
	for (size_t i = 0; i < a->n_authors; i++) {
		add_text(art, "author", a->authors[i]);
	}
	char *byline = article_byline(a);
	add_text(art, "byline", byline);
	free(byline);
	add_date(art, "published", a->published, edition_lang, false);
	add_text(art, "site", a->site);
	add_text(art, "url", a->url);
	add_text(art, "source", source_name(a->source));
	add_text(art, "description", a->description);
	add_text(art, "note", a->note);
	if (a->description && !body_opens_with(a->text, a->description)) {
		add_text(art, "standfirst", a->description);
	}
	char *summary = a->description && text_char_count(a->description) >= 20
		? text_collapse(a->description) : first_sentence(a->text);
	add_text(art, "summary", summary);
	free(summary);
	char n[32];
	snprintf(n, sizeof(n), "%zu", a->words);
	add_text(art, "words", n);
	size_t minutes = (a->words + 229) / 230;
	snprintf(n, sizeof(n), "%zu", minutes ? minutes : 1);
	add_text(art, "minutes", n);
	if (lead) {
		xmlNode *img = xmlNewChild(art, NULL, BAD_CAST "image", NULL);
		xmlNewProp(img, BAD_CAST "href", BAD_CAST lead);
	}
	xmlNode *body = xmlNewChild(art, NULL, BAD_CAST "body", NULL);
	xmlNode *div = a->body ? xmlDocGetRootElement(a->body) : NULL;
	if (div) {
		xmlNode *copy = xmlDocCopyNode(div, art->doc, 1);
		xmlAddChild(body, copy);
	}
}

/*
 * Section names in order: the requested ones present, then the others by
 * first appearance. names holds count + n_order + 1 entries; returns how
 * many it filled.
 */
static size_t section_order(const struct bs_edition *e, const char **names)
{
	size_t n = 0;
	for (size_t i = 0; i < e->n_order; i++) {
		for (size_t k = 0; k < e->count; k++) {
			/* the name as the pages spell it */
			if (strcasecmp(section_of(e->articles[k]), e->order[i]) == 0) {
				names[n++] = section_of(e->articles[k]);
				break;
			}
		}
	}
	for (size_t k = 0; k < e->count; k++) {
		const char *s = section_of(e->articles[k]);
		bool known = false;
		for (size_t i = 0; i < n && !known; i++) {
			known = strcasecmp(names[i], s) == 0;
		}
		if (!known) {
			names[n++] = s;
		}
	}
	return n;
}

size_t edition_leads(struct bs_edition *e, struct bs_article **out, size_t max)
{
	const char **names = xcalloc(e->n_order + e->count + 1, sizeof(*names));
	size_t n_sections = section_order(e, names);
	size_t n = 0;
	bool *used = xcalloc(e->count + 1, sizeof(*used));
	/* the first article of each section, then the rest in order */
	for (int round = 0; round < 2; round++) {
		for (size_t s = 0; s < n_sections && n < max; s++) {
			for (size_t k = 0; k < e->count && n < max; k++) {
				if (used[k] || strcasecmp(section_of(e->articles[k]),
						names[s]) != 0) {
					continue;
				}
				out[n++] = e->articles[k];
				used[k] = true;
				if (round == 0) {
					break;
				}
			}
		}
	}
	free(used);
	free(names);
	return n;
}

size_t *edition_xml_order(struct bs_edition *e)
{
	const char **names = xcalloc(e->n_order + e->count + 1, sizeof(*names));
	size_t n = section_order(e, names);
	size_t *order = xcalloc(e->count + 1, sizeof(*order));
	size_t k = 0;
	for (size_t s = 0; s < n; s++) {
		for (size_t i = 0; i < e->count; i++) {
			if (strcasecmp(section_of(e->articles[i]), names[s]) == 0) {
				order[k++] = i;
			}
		}
	}
	free(names);
	return order;
}

xmlDocPtr edition_to_xml(struct bs_edition *e, size_t *n_sections)
{
	size_t cap = e->n_order + e->count + 1;
	const char **names = xcalloc(cap, sizeof(*names));
	size_t n = section_order(e, names);

	const char *lang = edition_lang(e);
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewDocNode(doc, NULL, BAD_CAST "edition", NULL);
	xmlDocSetRootElement(doc, root);
	xmlNewProp(root, BAD_CAST "version", BAD_CAST "1");
	add_text(root, "title", e->title);
	char iso[40];
	date_format_iso(&e->date, iso, sizeof(iso));
	add_date(root, "date", iso, lang, false);
	add_date(root, "date-long", iso, lang, true);
	add_text(root, "lang", lang);
	add_text(root, "publisher", e->publisher);
	struct bs_buf name = {0};
	buf_printf(&name, "broadsheet:%s:%s", e->title, iso);
	char uuid[46];
	hash_uuid_urn(buf_str(&name), uuid);
	buf_finish(&name);
	add_text(root, "identifier", uuid);
	struct tm tm;
	gmtime_r(&e->modified, &tm);
	char modified[32];
	strftime(modified, sizeof(modified), "%Y-%m-%dT%H:%M:%SZ", &tm);
	add_text(root, "modified", modified);
	add_text(root, "generator", "broadsheet " BS_VERSION);
	add_text(root, "issue", e->issue);
	if (e->cover.href) {
		xmlNode *c = xmlNewChild(root, NULL, BAD_CAST "cover", NULL);
		xmlNewProp(c, BAD_CAST "href", BAD_CAST e->cover.href);
		xmlNewProp(c, BAD_CAST "media-type", BAD_CAST e->cover.media_type);
		set_number(c, "width", (size_t)e->cover.width);
		set_number(c, "height", (size_t)e->cover.height);
	}

	/* reading order: 1 the cover, 2 the front page, then the rest */
	size_t order = 2;
	for (size_t s = 0; s < n; s++) {
		char id[32], href[48];
		snprintf(id, sizeof(id), "s%02zu", s + 1);
		snprintf(href, sizeof(href), "%s.xhtml", id);
		xmlNode *sec = xmlNewChild(root, NULL, BAD_CAST "section", NULL);
		xmlNewProp(sec, BAD_CAST "id", BAD_CAST id);
		xmlNewProp(sec, BAD_CAST "href", BAD_CAST href);
		set_number(sec, "number", s + 1);
		set_number(sec, "order", ++order);
		add_text(sec, "name", names[s]);
		size_t k = 0;
		for (size_t i = 0; i < e->count; i++) {
			if (strcasecmp(section_of(e->articles[i]), names[s]) == 0) {
				add_article(sec, e->articles[i], e->leads[i], s + 1,
					++k, ++order, lang);
			}
		}
	}
	xmlNode *images = xmlNewChild(root, NULL, BAD_CAST "images", NULL);
	for (size_t i = 0; i < e->n_images; i++) {
		struct image_entry *im = &e->images[i];
		char id[64], num[16];
		snprintf(id, sizeof(id), "img%zu", i + 1);
		xmlNode *img = xmlNewChild(images, NULL, BAD_CAST "image", NULL);
		xmlNewProp(img, BAD_CAST "id", BAD_CAST id);
		xmlNewProp(img, BAD_CAST "href", BAD_CAST im->href);
		xmlNewProp(img, BAD_CAST "media-type", BAD_CAST im->media_type);
		snprintf(num, sizeof(num), "%d", im->width);
		xmlNewProp(img, BAD_CAST "width", BAD_CAST num);
		snprintf(num, sizeof(num), "%d", im->height);
		xmlNewProp(img, BAD_CAST "height", BAD_CAST num);
	}
	free(names);
	*n_sections = n;
	return doc;
}
