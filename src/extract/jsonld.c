#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "extract/dom.h"
#include "extract/metadata.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/text.h"

/*
 * JSON-LD as news sites write it: one object, an array of objects, or an
 * "@graph"; authors and publishers given inline or as {"@id": ...}
 * references into the graph; strings, objects and arrays used
 * interchangeably. We index every object by @id, then read the first
 * article-typed object, and take breadcrumbs and the site's name from the
 * others.
 */

enum { MAX_OBJECTS = 512, MAX_JSON = 4 << 20 };

static const char *const article_types[] = {
	"NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle",
	"AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
	"ReviewNewsArticle", "AskPublicQuestion", "LiveBlogPosting",
	"SatiricalArticle", "ScholarlyArticle", "TechArticle", "Report",
	"SocialMediaPosting", "DiscussionForumPosting", "Blog", "Review",
	NULL,
};

struct ld {
	json_object *objects[MAX_OBJECTS];
	size_t count;
};

static bool type_is(json_object *obj, const char *const *types)
{
	json_object *t;
	if (!json_object_object_get_ex(obj, "@type", &t)) {
		return false;
	}
	size_t n = json_object_is_type(t, json_type_array)
		? json_object_array_length(t) : 1;
	for (size_t i = 0; i < n; i++) {
		json_object *v = json_object_is_type(t, json_type_array)
			? json_object_array_get_idx(t, i) : t;
		const char *s = json_object_get_string(v);
		if (!s || !json_object_is_type(v, json_type_string)) {
			continue;
		}
		/* "schema:NewsArticle", "http://schema.org/NewsArticle" */
		const char *base = strrchr(s, '/');
		base = base ? base + 1 : s;
		const char *colon = strrchr(base, ':');
		base = colon ? colon + 1 : base;
		for (const char *const *ty = types; *ty; ty++) {
			if (strcmp(base, *ty) == 0) {
				return true;
			}
		}
	}
	return false;
}

static void collect(struct ld *ld, json_object *v, int depth)
{
	if (!v || depth > 8 || ld->count >= MAX_OBJECTS) {
		return;
	}
	if (json_object_is_type(v, json_type_array)) {
		size_t n = json_object_array_length(v);
		for (size_t i = 0; i < n; i++) {
			collect(ld, json_object_array_get_idx(v, i), depth + 1);
		}
		return;
	}
	if (!json_object_is_type(v, json_type_object)) {
		return;
	}
	ld->objects[ld->count++] = v;
	json_object *graph;
	if (json_object_object_get_ex(v, "@graph", &graph)) {
		collect(ld, graph, depth + 1);
	}
	json_object *main;
	if (json_object_object_get_ex(v, "mainEntity", &main)
			&& json_object_is_type(main, json_type_object)) {
		collect(ld, main, depth + 1);
	}
}

static json_object *by_id(const struct ld *ld, json_object *ref)
{
	json_object *id;
	if (!json_object_is_type(ref, json_type_object)
			|| !json_object_object_get_ex(ref, "@id", &id)
			|| json_object_object_length(ref) > 1) {
		return ref;
	}
	const char *want = json_object_get_string(id);
	for (size_t i = 0; i < ld->count; i++) {
		json_object *other;
		if (ld->objects[i] != ref
				&& json_object_object_get_ex(ld->objects[i], "@id",
				&other)
				&& json_object_object_length(ld->objects[i]) > 1
				&& strcmp(json_object_get_string(other), want) == 0) {
			return ld->objects[i];
		}
	}
	return ref;
}

/* A string field, or the first string of an array, or obj[key2] of an object. */
static const char *get_str(const struct ld *ld, json_object *obj,
	const char *key, const char *key2)
{
	json_object *v;
	if (!json_object_object_get_ex(obj, key, &v) || !v) {
		return NULL;
	}
	if (json_object_is_type(v, json_type_array)) {
		if (json_object_array_length(v) == 0) {
			return NULL;
		}
		v = json_object_array_get_idx(v, 0);
	}
	v = by_id(ld, v);
	if (json_object_is_type(v, json_type_object) && key2) {
		json_object *inner;
		if (!json_object_object_get_ex(v, key2, &inner)) {
			return NULL;
		}
		if (json_object_is_type(inner, json_type_array)
				&& json_object_array_length(inner)) {
			inner = json_object_array_get_idx(inner, 0);
		}
		v = inner;
	}
	if (!v || !json_object_is_type(v, json_type_string)) {
		return NULL;
	}
	const char *s = json_object_get_string(v);
	return text_blank(s) ? NULL : s;
}

static void read_authors(const struct ld *ld, json_object *obj,
	struct bs_strlist *authors)
{
	json_object *v;
	if (authors->count || !json_object_object_get_ex(obj, "author", &v)
			|| !v) {
		return;
	}
	size_t n = json_object_is_type(v, json_type_array)
		? json_object_array_length(v) : 1;
	for (size_t i = 0; i < n && i < 16; i++) {
		json_object *a = json_object_is_type(v, json_type_array)
			? json_object_array_get_idx(v, i) : v;
		a = by_id(ld, a);
		const char *name = NULL;
		if (json_object_is_type(a, json_type_string)) {
			name = json_object_get_string(a);
		} else if (json_object_is_type(a, json_type_object)) {
			name = get_str(ld, a, "name", NULL);
			if (!name) {
				const char *given = get_str(ld, a, "givenName", NULL);
				const char *family = get_str(ld, a, "familyName",
					NULL);
				if (given && family) {
					char both[256];
					snprintf(both, sizeof(both), "%s %s", given,
						family);
					meta_split_authors(both, authors);
				}
			}
		}
		if (name && !text_starts_ci(name, "http")) {
			meta_split_authors(name, authors);
		}
	}
}

/* Shared words of a and b over the words of a: how much a is in b. */
static double overlap(const char *a, const char *b)
{
	char *la = text_lower(a), *lb = text_lower(b);
	size_t words = 0, found = 0;
	static const char seps[] = " ,.:;|-!?\"'";
	char *save;
	for (char *w = strtok_r(la, seps, &save); w;
			w = strtok_r(NULL, seps, &save)) {
		words++;
		found += strstr(lb, w) != NULL;
	}
	free(la);
	free(lb);
	return words ? (double)found / (double)words : 0;
}

/*
 * Some sites put their own name, or a page type, in "name" and the title
 * in "headline", or the other way round: the publisher's name is not the
 * title, and otherwise the one closer to the page's <title> wins.
 */
static const char *pick_title(const struct ld *ld, json_object *o,
	const char *html_title)
{
	const char *headline = get_str(ld, o, "headline", NULL);
	const char *name = get_str(ld, o, "name", NULL);
	if (!headline || !name || strcmp(headline, name) == 0) {
		return headline ? headline : name;
	}
	const char *publisher = get_str(ld, o, "publisher", "name");
	if ((publisher && strcasecmp(publisher, name) == 0) || !html_title) {
		return headline;
	}
	return overlap(name, html_title) > overlap(headline, html_title)
		? name : headline;
}

static void read_article(const struct ld *ld, json_object *o,
	struct bs_meta *meta)
{
	meta_set(&meta->title, pick_title(ld, o, meta->html_title));
	read_authors(ld, o, &meta->authors);
	meta_set(&meta->published, get_str(ld, o, "datePublished", NULL));
	meta_set(&meta->published, get_str(ld, o, "dateCreated", NULL));
	meta_set(&meta->modified, get_str(ld, o, "dateModified", NULL));
	meta_set(&meta->site, get_str(ld, o, "publisher", "name"));
	meta_set(&meta->section, get_str(ld, o, "articleSection", NULL));
	meta_set(&meta->description, get_str(ld, o, "description", NULL));
	meta_set(&meta->lang, get_str(ld, o, "inLanguage", NULL));
	const char *image = get_str(ld, o, "image", "url");
	if (!image) {
		image = get_str(ld, o, "image", "contentUrl");
	}
	meta_set(&meta->image, image);
	const char *url = get_str(ld, o, "url", NULL);
	if (!url) {
		url = get_str(ld, o, "mainEntityOfPage", "@id");
	}
	if (url && text_starts_ci(url, "http")) {
		meta_set(&meta->url, url);
	}
	const char *body = get_str(ld, o, "articleBody", NULL);
	if (body && !meta->article_body) {
		meta->article_body = xstrdup(body);
	}
}

static void read_breadcrumb(const struct ld *ld, json_object *o,
	struct bs_meta *meta)
{
	json_object *items;
	if (meta->breadcrumb.count
			|| !json_object_object_get_ex(o, "itemListElement", &items)
			|| !json_object_is_type(items, json_type_array)) {
		return;
	}
	size_t n = json_object_array_length(items);
	/* positions may come in any order; place each by its position */
	const char *names[32] = {0};
	for (size_t i = 0; i < n && i < 32; i++) {
		json_object *it = by_id(ld, json_object_array_get_idx(items, i));
		if (!json_object_is_type(it, json_type_object)) {
			continue;
		}
		json_object *pos;
		size_t p = i;
		if (json_object_object_get_ex(it, "position", &pos)) {
			int v = json_object_get_int(pos);
			if (v >= 1 && v <= 32) {
				p = (size_t)v - 1;
			}
		}
		const char *name = get_str(ld, it, "name", NULL);
		if (!name) {
			name = get_str(ld, it, "item", "name");
		}
		if (name && !names[p]) {
			names[p] = name;
		}
	}
	for (size_t i = 0; i < 32; i++) {
		if (names[i]) {
			strlist_add(&meta->breadcrumb, names[i]);
		}
	}
}

/* Strips the HTML comment and CDATA wrappers some sites put around JSON. */
static char *unwrap_script(const char *s)
{
	struct bs_buf b = {0};
	buf_puts(&b, s);
	char *t = text_trim(buf_detach(&b));
	static const char *const heads[] = {"<!--", "//<![CDATA[", "<![CDATA[",
		"/*<![CDATA[*/"};
	static const char *const tails[] = {"-->", "//]]>", "]]>", "/*]]>*/"};
	for (size_t i = 0; i < 4; i++) {
		size_t n = strlen(heads[i]);
		if (strncmp(t, heads[i], n) == 0) {
			memmove(t, t + n, strlen(t + n) + 1);
			text_trim(t);
		}
	}
	for (size_t i = 0; i < 4; i++) {
		size_t n = strlen(tails[i]), len = strlen(t);
		if (len >= n && strcmp(t + len - n, tails[i]) == 0) {
			t[len - n] = '\0';
			text_trim(t);
		}
	}
	return t;
}

static json_object *parse_json(const char *s)
{
	size_t len = strlen(s);
	if (len == 0 || len > MAX_JSON) {
		return NULL;
	}
	json_tokener *tok = json_tokener_new_ex(64);
	if (!tok) {
		return NULL;
	}
	json_object *obj = json_tokener_parse_ex(tok, s, (int)len);
	if (json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(obj);
		obj = NULL;
	}
	json_tokener_free(tok);
	return obj;
}

void jsonld_read(xmlDocPtr doc, struct bs_meta *meta)
{
	xmlNode *root = xmlDocGetRootElement(doc);
	json_object *parsed[32];
	size_t n_parsed = 0;
	struct ld *ld = xcalloc(1, sizeof(*ld));
	for (xmlNode *n = root; n; n = dom_next(n, root)) {
		if (!dom_is(n, "script") || n_parsed == 32) {
			continue;
		}
		const char *type = dom_attr(n, "type");
		if (!type || !text_find_ci(type, "ld+json")) {
			continue;
		}
		char *raw = dom_text_dup(n);
		char *json = unwrap_script(raw);
		free(raw);
		json_object *obj = parse_json(json);
		free(json);
		if (obj) {
			parsed[n_parsed++] = obj;
			collect(ld, obj, 0);
		}
	}
	static const char *const breadcrumb_types[] = {"BreadcrumbList", NULL};
	static const char *const site_types[] = {"NewsMediaOrganization",
		"Organization", "WebSite", NULL};
	for (size_t i = 0; i < ld->count; i++) {
		if (type_is(ld->objects[i], article_types)) {
			read_article(ld, ld->objects[i], meta);
		}
	}
	for (size_t i = 0; i < ld->count; i++) {
		json_object *o = ld->objects[i];
		if (type_is(o, breadcrumb_types)) {
			read_breadcrumb(ld, o, meta);
		} else if (type_is(o, site_types)) {
			meta_set(&meta->site, get_str(ld, o, "name", NULL));
		}
	}
	for (size_t i = 0; i < n_parsed; i++) {
		json_object_put(parsed[i]);
	}
	free(ld);
}
