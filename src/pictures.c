#include "pictures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/sanitize.h"
#include "util/alloc.h"
#include "util/hash.h"

/* A picture met before: where it went, or NULL when it was left out. */
struct seen {
	char *ref;
	bool in_figure;
	char *href;
	unsigned char digest[32];	/* of the source bytes */
	bool has_digest;
};

struct pictures {
	struct bs_edition *edition;
	struct bs_epub *w;
	struct bs_image_options opts;
	struct seen *seen;
	size_t count, cap;
	size_t packaged;
};

static struct seen *remember(struct pictures *p, const char *ref,
	bool in_figure)
{
	if (p->count == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 32;
		p->seen = xreallocarray(p->seen, p->cap, sizeof(*p->seen));
	}
	struct seen *s = &p->seen[p->count++];
	memset(s, 0, sizeof(*s));
	s->ref = xstrdup(ref);
	s->in_figure = in_figure;
	return s;
}

/*
 * The package path of the picture ref, prepared and stored unless done
 * already; NULL when it is left out (err says why) or the archive fails
 * (*write_failed).
 */
static const char *package(struct pictures *p, const char *ref,
	bool in_figure, bool *write_failed, struct bs_error *err)
{
	for (size_t i = 0; i < p->count; i++) {
		if (p->seen[i].in_figure == in_figure
				&& strcmp(p->seen[i].ref, ref) == 0) {
			return p->seen[i].href;
		}
	}
	struct bs_image_options o = p->opts;
	o.in_figure = in_figure;
	struct bs_image img;
	bool ok = image_prepare(ref, &o, &img, err);
	struct seen *s = remember(p, ref, in_figure);
	if (!ok) {
		image_finish(&img);
		return NULL;
	}
	memcpy(s->digest, img.digest, sizeof(s->digest));
	s->has_digest = true;
	/* the same picture under another name: stored once */
	for (size_t i = 0; i + 1 < p->count; i++) {
		struct seen *t = &p->seen[i];
		if (t->href && t->has_digest && memcmp(t->digest, s->digest,
				sizeof(s->digest)) == 0) {
			s->href = xstrdup(t->href);
			image_finish(&img);
			return s->href;
		}
	}
	char hex[65];
	hash_sha256_hex(img.data.data, img.data.len, hex);
	char href[64], entry[80];
	snprintf(href, sizeof(href), "images/%.16s.%s", hex, img.ext);
	snprintf(entry, sizeof(entry), "OEBPS/%s", href);
	for (size_t i = 0; i + 1 < p->count; i++) {
		if (p->seen[i].href && strcmp(p->seen[i].href, href) == 0) {
			s->href = xstrdup(href);
			image_finish(&img);
			return s->href;
		}
	}
	if (!epub_add(p->w, entry, img.data.data, img.data.len, false, err)) {
		*write_failed = true;
		image_finish(&img);
		return NULL;
	}
	edition_add_image(p->edition, href, img.media_type, img.width,
		img.height);
	p->packaged++;
	s->href = xstrdup(href);
	image_finish(&img);
	return s->href;
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

static bool package_article(struct pictures *p, size_t index,
	struct bs_pictures_report *report, struct bs_error *fatal)
{
	struct bs_article *a = edition_article(p->edition, index);
	size_t n;
	xmlNode **imgs = find_images(xmlDocGetRootElement(a->body), &n);
	bool write_failed = false;
	for (size_t k = 0; k < n && !write_failed; k++) {
		xmlChar *src = xmlGetProp(imgs[k], BAD_CAST "src");
		struct bs_error err;
		error_clear(&err);
		const char *href = src ? package(p, (const char *)src,
			in_figure(imgs[k]), &write_failed, &err) : NULL;
		if (href) {
			xmlSetProp(imgs[k], BAD_CAST "src", BAD_CAST href);
		} else if (!write_failed) {
			if (error_is_set(&err)) {
				error_list_add(report->warnings, &err);
			}
			sanitize_drop_image(imgs[k]);
		} else {
			*fatal = err;
		}
		xmlFree(src);
	}
	free(imgs);
	if (a->lead_image && !write_failed) {
		struct bs_error err;
		error_clear(&err);
		const char *href = package(p, a->lead_image, true, &write_failed,
			&err);
		if (href) {
			edition_set_lead_image(p->edition, index, href);
		} else if (write_failed) {
			*fatal = err;
		} else if (error_is_set(&err)) {
			error_list_add(report->warnings, &err);
		}
	}
	return !write_failed;
}

bool pictures_package(struct bs_edition *e, struct bs_epub *w,
	const struct bs_image_options *opts, struct bs_pictures_report *report,
	struct bs_error *fatal)
{
	struct pictures p;
	memset(&p, 0, sizeof(p));
	p.edition = e;
	p.w = w;
	p.opts = *opts;
	bool ok = true;
	for (size_t i = 0; ok && i < edition_article_count(e); i++) {
		ok = package_article(&p, i, report, fatal);
	}
	report->packaged = p.packaged;
	for (size_t i = 0; i < p.count; i++) {
		free(p.seen[i].ref);
		free(p.seen[i].href);
	}
	free(p.seen);
	return ok;
}
