#include "extract/picture.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>

#include "extract/dom.h"
#include "ingest/resources.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/text.h"

enum { MAX_CANDIDATES = 32 };

size_t picture_parse_srcset(const char *srcset,
	struct bs_srcset_candidate *out, size_t max)
{
	size_t n = 0;
	const char *p = srcset;
	while (p && *p && n < max) {
		while (*p && (isspace((unsigned char)*p) || *p == ',')) {
			p++;
		}
		if (!*p) {
			break;
		}
		const char *url = p;
		while (*p && !isspace((unsigned char)*p)) {
			p++;
		}
		size_t len = (size_t)(p - url);
		bool ended = false;
		while (len && url[len - 1] == ',') {
			len--;
			ended = true;
		}
		struct bs_srcset_candidate c = {xstrndup(url, len), 0, 1};
		if (!ended) {
			/* descriptors up to the next comma outside parentheses */
			int depth = 0;
			const char *d = p;
			while (*p && !(*p == ',' && depth == 0)) {
				depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
				p++;
			}
			char *raw = xstrndup(d, (size_t)(p - d));
			char *desc = text_collapse(raw);
			free(raw);
			char *end;
			double v = strtod(desc, &end);
			if (end != desc && (*end == 'w' || *end == 'W') && v > 0) {
				c.width = (long)v;
			} else if (end != desc && (*end == 'x' || *end == 'X')
					&& v > 0) {
				c.density = v;
			}
			free(desc);
		}
		if (len) {
			out[n++] = c;
		} else {
			free(c.url);
		}
	}
	return n;
}

/* Widths: enough for target first, the smallest of those; then the largest. */
static bool better(const struct bs_srcset_candidate *x,
	const struct bs_srcset_candidate *y, int target)
{
	long wx = x->width ? x->width : (long)(x->density * 1000);
	long wy = y->width ? y->width : (long)(y->density * 1000);
	bool ex = wx >= target, ey = wy >= target;
	if (ex != ey) {
		return ex;
	}
	return ex ? wx < wy : wx > wy;
}

void picture_rank(struct bs_srcset_candidate *c, size_t n, int target)
{
	/* a stable insertion sort: srcsets are short */
	for (size_t i = 1; i < n; i++) {
		struct bs_srcset_candidate v = c[i];
		size_t k = i;
		while (k > 0 && better(&v, &c[k - 1], target)) {
			c[k] = c[k - 1];
			k--;
		}
		c[k] = v;
	}
}

static bool is_remote(const char *ref)
{
	return text_starts_ci(ref, "http://") || text_starts_ci(ref, "https://")
		|| (ref[0] == '/' && ref[1] == '/');
}

/* One line per picture: "page.html: picture URL: reason". */
static void note(struct bs_error_list *list, const char *page, const char *ref,
	const char *reason)
{
	if (!list) {
		return;
	}
	struct bs_error e;
	error_clear(&e);
	error_set(&e, page, "picture %.300s: %s", ref, reason);
	for (unsigned long i = 0; i < list->count; i++) {
		if (strcmp(list->items[i].reason, e.reason) == 0) {
			return;
		}
	}
	error_list_add(list, &e);
}

enum where { FOUND, MISSING, REMOTE, REFUSED, IGNORED };

/* The spooled file of ref, resolved against the page's address. */
static char *in_archive(const char *ref, const struct bs_picture_ctx *ctx)
{
	xmlChar *abs = xmlBuildURI(BAD_CAST ref, BAD_CAST ctx->base_url);
	const char *file = resources_lookup(ctx->resources,
		abs ? (const char *)abs : ref);
	xmlFree(abs);
	return file ? xstrdup(file) : NULL;
}

/* Where ref points: its file (or data: URI), and if none, why. */
static char *locate(const char *ref, const struct bs_picture_ctx *ctx,
	enum where *why)
{
	*why = IGNORED;
	char *r = text_collapse(ref);
	/* a script's settings in a lazy-loading attribute are no address */
	if (!*r || text_starts_ci(r, "javascript:") || text_starts_ci(r, "about:")
			|| r[0] == '{' || r[0] == '[') {
		free(r);
		return NULL;
	}
	if (text_starts_ci(r, "data:")) {
		/* kept as it is: the image stage decodes it */
		if (text_starts_ci(r, "data:image/")) {
			*why = FOUND;
			return r;
		}
		free(r);
		return NULL;
	}
	char *path = NULL;
	if (ctx->resources) {
		path = in_archive(r, ctx);
		*why = path ? FOUND : REMOTE;
		free(r);
		return path;
	}
	if (is_remote(r) || r[0] == '/') {
		/* a browser may have saved it in NAME_files/ under its name */
		const char *base = path_basename(r);
		size_t n = strcspn(base, "?#");
		if (n && ctx->page_path) {
			char *stem = path_page_stem(ctx->page_path);
			struct bs_buf rel = {0};
			buf_printf(&rel, "%s_files/%.*s", stem, (int)n, base);
			path = path_resolve_local(ctx->root, ctx->page_dir,
				buf_str(&rel), NULL);
			buf_finish(&rel);
			free(stem);
		}
		/* "/x.jpg" is the site's, like a full URL */
		*why = path ? FOUND : REMOTE;
		free(r);
		return path;
	}
	struct bs_error err;
	error_clear(&err);
	path = path_resolve_local(ctx->root, ctx->page_dir, r, &err);
	*why = path ? FOUND : strstr(err.reason, "outside the page's folder")
		? REFUSED : MISSING;
	free(r);
	return path;
}

static void note_why(const char *ref, enum where why,
	const struct bs_picture_ctx *ctx)
{
	if (why == REMOTE) {
		note(ctx->remote, ctx->page_path, ref,
			"remote, not on disk; left out");
	} else if (why == REFUSED) {
		note(ctx->refused, ctx->page_path, ref,
			"outside the page's folder; not read");
	} else if (why == MISSING) {
		note(ctx->refused, ctx->page_path, ref,
			"not found on disk; left out");
	}
}

char *picture_local(const char *ref, const struct bs_picture_ctx *ctx)
{
	enum where why;
	char *path = locate(ref, ctx, &why);
	if (!path) {
		note_why(ref, why, ctx);
	}
	return path;
}

/* Types of <source> broadsheet can decode; no type is fine too. */
static bool decodable_type(const char *type)
{
	static const char *const types[] = {"image/jpeg", "image/jpg",
		"image/png", "image/gif", "image/webp", "image/bmp", NULL};
	if (!type || !*type) {
		return true;
	}
	for (const char *const *t = types; *t; t++) {
		if (strcasecmp(type, *t) == 0) {
			return true;
		}
	}
	return false;
}

/* The srcset-like attributes of n, ranked, appended to c. */
static size_t add_srcsets(const xmlNode *n, struct bs_srcset_candidate *c,
	size_t have, const struct bs_picture_ctx *ctx)
{
	static const char *const attrs[] = {"data-srcset", "data-lazy-srcset",
		"data-noscript-srcset", "srcset", NULL};
	for (const char *const *a = attrs; *a && have < MAX_CANDIDATES; a++) {
		const char *v = dom_attr(n, *a);
		if (!v) {
			continue;
		}
		size_t got = picture_parse_srcset(v, c + have,
			MAX_CANDIDATES - have);
		picture_rank(c + have, got, ctx->target_width);
		have += got;
	}
	return have;
}

/* A stand-in that lazy loading replaces: an inline GIF, "blank.gif". */
static bool is_placeholder(const char *src)
{
	static const char *const words[] = {"data:", "blank.", "spacer.",
		"placeholder", "lazy", "pixel.", "transparent.", "1x1", NULL};
	return text_has_any_ci(src, words);
}

char *picture_resolve(const xmlNode *img, const struct bs_picture_ctx *ctx)
{
	struct bs_srcset_candidate c[MAX_CANDIDATES];
	size_t n = 0;
	/* <picture><source srcset type>: libxml2 2.9 nests the img in them */
	const xmlNode *picture = NULL;
	for (const xmlNode *a = img->parent; a && a->type == XML_ELEMENT_NODE;
			a = a->parent) {
		if (dom_is(a, "picture")) {
			picture = a;
			break;
		}
	}
	for (const xmlNode *s = picture ? picture->children : NULL; s;
			s = dom_next((xmlNode *)s, picture)) {
		if (dom_is(s, "source") && decodable_type(dom_attr(s, "type"))) {
			n = add_srcsets(s, c, n, ctx);
		}
	}
	n = add_srcsets(img, c, n, ctx);
	static const char *const lazy[] = {"data-src", "data-lazy-src",
		"data-original", "data-url", "data-hi-res-src", "data-full-src",
		"data-lazy", "data-noscript-src", NULL};
	bool lazy_found = false;
	for (const char *const *a = lazy; *a && n < MAX_CANDIDATES; a++) {
		const char *v = dom_attr(img, *a);
		if (v && !text_blank(v)) {
			c[n++] = (struct bs_srcset_candidate){xstrdup(v), 0, 1};
			lazy_found = true;
		}
	}
	const char *src = dom_attr(img, "src");
	if (src && !text_blank(src) && n < MAX_CANDIDATES
			&& !((lazy_found || n) && is_placeholder(src))) {
		c[n++] = (struct bs_srcset_candidate){xstrdup(src), 0, 1};
	}
	/* the first on disk; else say why the best one is not */
	char *found = NULL;
	enum where first = IGNORED;
	size_t first_i = 0;
	for (size_t i = 0; i < n && !found; i++) {
		enum where why;
		found = locate(c[i].url, ctx, &why);
		if (!found && why != IGNORED && first == IGNORED) {
			first = why;
			first_i = i;
		}
	}
	if (!found && first != IGNORED) {
		note_why(c[first_i].url, first, ctx);
	}
	for (size_t i = 0; i < n; i++) {
		free(c[i].url);
	}
	return found;
}
