#include "pictures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/sanitize.h"
#include "util/alloc.h"
#include "util/hash.h"
#include "util/pool.h"

/*
 * One picture an article shows (or its lead picture), in edition order.
 * work() prepares it on a worker thread; done() packages it on the
 * calling thread, in order, so the archive is the same whatever the
 * number of threads.
 */
struct job {
	size_t article;
	long img;		/* its <img> among the article's; -1: the lead */
	char *ref;		/* NULL when the <img> names nothing */
	bool in_figure;
	long first;		/* an earlier job of the same ref, or -1 */
	bool prepared;
	struct bs_image image;
	char hex[65];		/* SHA-256 of the bytes made, its name */
	struct bs_error err;
	char *href;		/* where it went; NULL: left out */
};

struct pictures {
	struct bs_edition *edition;
	struct bs_epub *w;
	struct bs_image_options opts;
	struct job *jobs;
	size_t count, cap;
	size_t packaged;
	bool write_failed;
	struct bs_pictures_report *report;
	struct bs_error *fatal;
};

static void add_job(struct pictures *p, size_t article, long img,
	const char *ref, bool in_figure)
{
	if (p->count == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->jobs = xreallocarray(p->jobs, p->cap, sizeof(*p->jobs));
	}
	struct job *j = &p->jobs[p->count];
	memset(j, 0, sizeof(*j));
	j->article = article;
	j->img = img;
	j->ref = ref ? xstrdup(ref) : NULL;
	j->in_figure = in_figure;
	j->first = -1;
	/* the same picture again: prepared once */
	for (size_t k = 0; ref && k < p->count; k++) {
		const struct job *t = &p->jobs[k];
		if (t->first < 0 && t->ref && t->in_figure == in_figure
				&& strcmp(t->ref, ref) == 0) {
			j->first = (long)k;
			break;
		}
	}
	p->count++;
}

static void prepare(void *ctx, size_t i)
{
	struct pictures *p = ctx;
	struct job *j = &p->jobs[i];
	if (!j->ref || j->first >= 0) {
		return;
	}
	struct bs_image_options o = p->opts;
	o.in_figure = j->in_figure;
	error_clear(&j->err);
	j->prepared = image_prepare(j->ref, &o, &j->image, &j->err);
	if (j->prepared) {
		hash_sha256_hex(j->image.data.data, j->image.data.len, j->hex);
	}
}

/*
 * The package path of a prepared picture, stored unless the same picture
 * (by its source bytes, or the bytes made of it) is in already; NULL when
 * the archive fails (p->write_failed, p->fatal).
 */
static char *store(struct pictures *p, struct job *j)
{
	for (size_t k = 0; k < (size_t)(j - p->jobs); k++) {
		const struct job *t = &p->jobs[k];
		if (t->href && t->first < 0 && memcmp(t->image.digest,
				j->image.digest, sizeof(j->image.digest)) == 0) {
			return xstrdup(t->href);
		}
	}
	char href[64], entry[80];
	snprintf(href, sizeof(href), "images/%.16s.%s", j->hex, j->image.ext);
	snprintf(entry, sizeof(entry), "OEBPS/%s", href);
	for (size_t k = 0; k < (size_t)(j - p->jobs); k++) {
		if (p->jobs[k].href && strcmp(p->jobs[k].href, href) == 0) {
			return xstrdup(href);
		}
	}
	if (!epub_add(p->w, entry, j->image.data.data, j->image.data.len,
			false, p->fatal)) {
		p->write_failed = true;
		return NULL;
	}
	edition_add_image(p->edition, href, j->image.media_type,
		j->image.width, j->image.height);
	p->packaged++;
	return xstrdup(href);
}

static bool in_figure(const xmlNode *n)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		if (strcmp((const char *)n->name, "figure") == 0) {
			return true;
		}
	}
	return false;
}

/* The <img> elements under root, in document order; the caller frees. */
static xmlNode **find_images(xmlNode *root, size_t *count)
{
	xmlNode **imgs = NULL;
	size_t n = 0, cap = 0;
	xmlNode *x = root;
	while (x) {
		if (x->type == XML_ELEMENT_NODE
				&& strcmp((const char *)x->name, "img") == 0) {
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				imgs = xreallocarray(imgs, cap, sizeof(*imgs));
			}
			imgs[n++] = x;
		}
		if (x->children && x->type == XML_ELEMENT_NODE) {
			x = x->children;
			continue;
		}
		while (x && x != root && !x->next) {
			x = x->parent;
		}
		x = x && x != root ? x->next : NULL;
	}
	*count = n;
	return imgs;
}

/*
 * Points the article's <img> elements at their pictures, or drops those
 * left out: its jobs [from, to), done. The body is read back for it,
 * unless its only picture is the lead one.
 */
static void apply(struct pictures *p, size_t from, size_t to)
{
	size_t article = p->jobs[from].article;
	if (p->jobs[from].img < 0) {
		/* an article's <img> jobs come before its lead picture's */
		return;
	}
	xmlDocPtr body = edition_take_body(p->edition, article, p->fatal);
	if (!body) {
		p->write_failed = true;
		return;
	}
	size_t n;
	xmlNode **imgs = find_images(xmlDocGetRootElement(body), &n);
	for (size_t k = from; k < to; k++) {
		const struct job *j = &p->jobs[k];
		if (j->img < 0 || (size_t)j->img >= n) {
			continue;
		}
		if (j->href) {
			xmlSetProp(imgs[j->img], BAD_CAST "src", BAD_CAST j->href);
		} else {
			sanitize_drop_image(imgs[j->img]);
		}
	}
	free(imgs);
	if (!edition_put_body(p->edition, article, body, p->fatal)) {
		p->write_failed = true;
	}
}

static void package(void *ctx, size_t i)
{
	struct pictures *p = ctx;
	struct job *j = &p->jobs[i];
	if (!p->write_failed) {
		if (j->first >= 0) {
			const char *earlier = p->jobs[j->first].href;
			j->href = earlier ? xstrdup(earlier) : NULL;
		} else if (j->prepared) {
			j->href = store(p, j);
		}
	}
	if (!p->write_failed) {
		if (j->href && j->img < 0) {
			edition_set_lead_image(p->edition, j->article, j->href);
		}
		/* said once, for the first of a picture's uses */
		if (!j->href && j->ref && j->first < 0
				&& error_is_set(&j->err)) {
			error_list_add(p->report->warnings, &j->err);
		}
	}
	/* kept: digests for the pictures after it; the bytes are stored */
	buf_finish(&j->image.data);
	/* the article's last picture: its body takes them all */
	bool last = i + 1 == p->count || p->jobs[i + 1].article != j->article;
	if (last && !p->write_failed) {
		size_t from = i;
		while (from > 0 && p->jobs[from - 1].article == j->article) {
			from--;
		}
		apply(p, from, i + 1);
	}
}

bool pictures_package(struct bs_edition *e, struct bs_epub *w,
	const struct bs_image_options *opts, int jobs,
	struct bs_pictures_report *report, struct bs_error *fatal)
{
	struct pictures p;
	memset(&p, 0, sizeof(p));
	p.edition = e;
	p.w = w;
	p.opts = *opts;
	p.report = report;
	p.fatal = fatal;
	for (size_t i = 0; i < edition_article_count(e) && !p.write_failed;
			i++) {
		struct bs_article *a = edition_article(e, i);
		xmlDocPtr body = edition_read_body(e, i, fatal);
		if (!body) {
			p.write_failed = true;
			break;
		}
		size_t n;
		xmlNode **imgs = find_images(xmlDocGetRootElement(body), &n);
		for (size_t k = 0; k < n; k++) {
			xmlChar *src = xmlGetProp(imgs[k], BAD_CAST "src");
			add_job(&p, i, (long)k, (const char *)src,
				in_figure(imgs[k]));
			xmlFree(src);
		}
		free(imgs);
		xmlFreeDoc(body);
		if (a->lead_image) {
			add_job(&p, i, -1, a->lead_image, true);
		}
	}
	if (!p.write_failed) {
		pool_run(p.count, jobs, prepare, package, &p);
	}
	report->packaged = p.packaged;
	for (size_t i = 0; i < p.count; i++) {
		free(p.jobs[i].ref);
		free(p.jobs[i].href);
		image_finish(&p.jobs[i].image);
	}
	free(p.jobs);
	return !p.write_failed;
}
