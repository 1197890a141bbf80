#include "pages.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/pool.h"

enum { NO_BODY = SIZE_MAX };

static bool is_element(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE
		&& strcmp((const char *)n->name, name) == 0;
}

/* An <article>'s <body>; NULL when it has none. */
static xmlNode *body_of(const xmlNode *article)
{
	for (xmlNode *b = article->children; b; b = b->next) {
		if (is_element(b, "body")) {
			return b;
		}
	}
	return NULL;
}

/* The <body> of each of ed's first count articles, in document order. */
static xmlNode **article_bodies(xmlDocPtr ed, size_t count)
{
	xmlNode **bodies = xcalloc(count + 1, sizeof(*bodies));
	size_t n = 0;
	for (xmlNode *s = xmlDocGetRootElement(ed)->children; s; s = s->next) {
		if (!is_element(s, "section")) {
			continue;
		}
		for (xmlNode *a = s->children; a && n < count; a = a->next) {
			if (is_element(a, "article")) {
				bodies[n++] = body_of(a);
			}
		}
	}
	return bodies;
}

/*
 * Puts a copy of the k-th article's body (edition index order[k]) into
 * the empty <body> at slot; the copy is returned for detach_body().
 */
static xmlNode *attach_body(struct bs_edition *e, const size_t *order,
	size_t k, xmlNode *slot, struct bs_error *err)
{
	xmlDocPtr body = edition_read_body(e, order[k], err);
	if (!body) {
		return NULL;
	}
	xmlNode *copy = xmlDocCopyNode(xmlDocGetRootElement(body), slot->doc, 1);
	xmlAddChild(slot, copy);
	xmlFreeDoc(body);
	return copy;
}

static void detach_body(xmlNode *copy)
{
	if (copy) {
		xmlUnlinkNode(copy);
		xmlFreeNode(copy);
	}
}

/* One file of the package: made by a worker, written in order. */
struct page {
	enum bs_sheet sheet;
	char *id;		/* the stylesheet's $id; NULL for none */
	char *name;		/* under OEBPS/ */
	size_t body;		/* the article body it needs (k), or NO_BODY */
	struct bs_packed packed;
	bool made;
	bool read_failed;	/* its body could not be read back */
	struct bs_error err;
};

/*
 * A private copy of edition.xml for a worker: a transformation writes
 * into its source document (libxslt numbers the elements), and article
 * pages put a body into it, so workers never share one.
 */
struct copy {
	xmlDocPtr doc;
	xmlNode **bodies;	/* its empty <body> elements, as in ed */
	struct copy *next;
};

struct pages {
	struct bs_render *render;
	xmlDocPtr ed;
	struct bs_edition *edition;
	size_t *order;
	size_t articles;
	struct page *pages;
	size_t count, cap;
	pthread_mutex_t lock;
	struct copy *idle;	/* copies no worker holds */
	struct bs_epub *w;
	bool failed, write_failed;
	struct bs_error *err;
};

static void add_page(struct pages *p, enum bs_sheet sheet, const char *id,
	const char *name, size_t body)
{
	if (p->count == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->pages = xreallocarray(p->pages, p->cap, sizeof(*p->pages));
	}
	struct page *g = &p->pages[p->count++];
	memset(g, 0, sizeof(*g));
	g->sheet = sheet;
	g->id = xstrdup(id);
	g->name = xstrdup(name);
	g->body = body;
}

/* Like add_page() with the id and href of element el. */
static void add_element(struct pages *p, enum bs_sheet sheet, xmlNode *el,
	size_t body)
{
	xmlChar *id = xmlGetProp(el, BAD_CAST "id");
	xmlChar *href = xmlGetProp(el, BAD_CAST "href");
	add_page(p, sheet, (const char *)id, href ? (const char *)href : "",
		body);
	xmlFree(id);
	xmlFree(href);
}

/* Every page of the package, in the archive's order. */
static void list_pages(struct pages *p)
{
	static const struct {
		enum bs_sheet sheet;
		const char *name;
	} fixed[] = {
		{SHEET_OPF, "content.opf"}, {SHEET_NAV, "nav.xhtml"},
		{SHEET_NCX, "toc.ncx"}, {SHEET_COVER, "cover.xhtml"},
		{SHEET_FRONT, "front.xhtml"},
	};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		add_page(p, fixed[i].sheet, NULL, fixed[i].name, NO_BODY);
	}
	size_t k = 0;
	for (xmlNode *s = xmlDocGetRootElement(p->ed)->children; s;
			s = s->next) {
		if (!is_element(s, "section")) {
			continue;
		}
		add_element(p, SHEET_SECTION, s, NO_BODY);
		for (xmlNode *a = s->children; a; a = a->next) {
			if (!is_element(a, "article")) {
				continue;
			}
			/* a body that could not be parked is in ed already */
			xmlNode *body = body_of(a);
			bool parked = k < p->articles && body && !body->children;
			add_element(p, SHEET_ARTICLE, a, parked ? k : NO_BODY);
			k++;
		}
	}
}

static struct copy *take_copy(struct pages *p)
{
	pthread_mutex_lock(&p->lock);
	struct copy *c = p->idle;
	if (c) {
		p->idle = c->next;
	}
	pthread_mutex_unlock(&p->lock);
	if (c) {
		return c;
	}
	/* ed is only read while the workers run */
	xmlDocPtr doc = xmlCopyDoc(p->ed, 1);
	if (!doc) {
		return NULL;
	}
	c = xcalloc(1, sizeof(*c));
	c->doc = doc;
	c->bodies = article_bodies(doc, p->articles);
	return c;
}

static void give_back(struct pages *p, struct copy *c)
{
	pthread_mutex_lock(&p->lock);
	c->next = p->idle;
	p->idle = c;
	pthread_mutex_unlock(&p->lock);
}

static void make_page(void *ctx, size_t i)
{
	struct pages *p = ctx;
	struct page *g = &p->pages[i];
	error_clear(&g->err);
	struct copy *c = take_copy(p);
	if (!c) {
		error_set(&g->err, g->name, "out of memory for a copy of "
			"edition.xml");
		return;
	}
	xmlNode *body = NULL;
	if (g->body != NO_BODY) {
		body = attach_body(p->edition, p->order, g->body,
			c->bodies[g->body], &g->err);
		g->read_failed = !body;
	}
	struct bs_buf out = {0};
	if (!g->read_failed && render_apply(p->render, g->sheet, c->doc, g->id,
			&out, &g->err)) {
		epub_pack(out.data ? out.data : "", out.len, &g->packed);
		g->made = true;
	}
	buf_finish(&out);
	detach_body(body);
	give_back(p, c);
}

static void write_page(void *ctx, size_t i)
{
	struct pages *p = ctx;
	struct page *g = &p->pages[i];
	if (!p->failed && !g->made) {
		*p->err = g->err;
		p->failed = true;
		p->write_failed = g->read_failed;
	}
	if (!p->failed) {
		char entry[128];
		snprintf(entry, sizeof(entry), "OEBPS/%s", g->name);
		if (!epub_add_packed(p->w, entry, &g->packed, p->err)) {
			p->failed = p->write_failed = true;
		}
	}
	epub_packed_finish(&g->packed);
}

bool pages_package(struct bs_render *r, xmlDocPtr ed, struct bs_edition *e,
	int jobs, struct bs_epub *w, bool *write_failed, struct bs_error *err)
{
	struct pages p = {
		.render = r,
		.ed = ed,
		.edition = e,
		.order = edition_xml_order(e),
		.articles = edition_article_count(e),
		.w = w,
		.err = err,
	};
	pthread_mutex_init(&p.lock, NULL);
	list_pages(&p);
	pool_run(p.count, jobs, make_page, write_page, &p);
	for (size_t i = 0; i < p.count; i++) {
		free(p.pages[i].id);
		free(p.pages[i].name);
	}
	free(p.pages);
	while (p.idle) {
		struct copy *c = p.idle;
		p.idle = c->next;
		xmlFreeDoc(c->doc);
		free(c->bodies);
		free(c);
	}
	pthread_mutex_destroy(&p.lock);
	free(p.order);
	*write_failed = p.write_failed;
	return !p.failed;
}

bool pages_write_xml(xmlDocPtr ed, struct bs_edition *e, const char *path,
	struct bs_error *err)
{
	size_t count = edition_article_count(e);
	size_t *order = edition_xml_order(e);
	xmlNode **bodies = article_bodies(ed, count);
	xmlNode **copies = xcalloc(count + 1, sizeof(*copies));
	bool ok = true;
	for (size_t k = 0; ok && k < count; k++) {
		if (bodies[k] && !bodies[k]->children) {
			copies[k] = attach_body(e, order, k, bodies[k], err);
			ok = copies[k] != NULL;
		}
	}
	if (ok && xmlSaveFormatFileEnc(path, ed, "UTF-8", 1) < 0) {
		error_set(err, path, "cannot write the edition XML");
		ok = false;
	}
	for (size_t k = 0; k < count; k++) {
		detach_body(copies[k]);
	}
	free(copies);
	free(bodies);
	free(order);
	return ok;
}
