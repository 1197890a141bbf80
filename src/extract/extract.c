#include "extract/extract.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "extract/assemble.h"
#include "extract/body.h"
#include "extract/boiler.h"
#include "extract/dom.h"
#include "extract/furniture.h"
#include "extract/metadata.h"
#include "extract/plaintext.h"
#include "extract/sanitize.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/hash.h"
#include "util/path.h"
#include "util/text.h"

void article_destroy(struct bs_article *a)
{
	if (!a) {
		return;
	}
	free(a->source);
	free(a->url);
	free(a->title);
	for (size_t i = 0; i < a->n_authors; i++) {
		free(a->authors[i]);
	}
	free(a->authors);
	free(a->published);
	free(a->modified);
	free(a->section);
	free(a->site);
	free(a->lang);
	free(a->description);
	free(a->lead_image);
	free(a->image);
	free(a->note);
	free(a->date_byline);
	if (a->body) {
		xmlFreeDoc(a->body);
	}
	free(a->text);
	error_list_finish(&a->remote_pictures);
	error_list_finish(&a->refused_pictures);
	free(a);
}

char *article_byline(const struct bs_article *a)
{
	if (!a->n_authors) {
		return NULL;
	}
	struct bs_buf b = {0};
	for (size_t i = 0; i < a->n_authors; i++) {
		if (i) {
			buf_puts(&b, ", ");
		}
		buf_puts(&b, a->authors[i]);
	}
	return buf_detach(&b);
}

void article_update_text(struct bs_article *a)
{
	free(a->text);
	a->text = plaintext(xmlDocGetRootElement(a->body));
	a->words = text_word_count(a->text);
}

uint64_t article_fingerprint(const char *text)
{
	struct bs_buf b = {0};
	for (const char *p = text; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x80 || isalnum(c)) {
			buf_putc(&b, (char)tolower(c));
		}
	}
	uint64_t h = hash_sha256_u64(b.data ? b.data : "", b.len);
	buf_finish(&b);
	return h;
}

static bool home_crumb(const char *crumb, const char *site)
{
	static const char *const homes[] = {"home", "homepage", "home page",
		"startseite", "accueil", "inicio", "início", "portada", "главная",
		"ホーム", "首页", "홈", "forside", "etusivu", "strona główna",
		"news", NULL};
	for (const char *const *h = homes; *h; h++) {
		if (strcasecmp(crumb, *h) == 0) {
			return true;
		}
	}
	return site && strcasecmp(crumb, site) == 0;
}

static char *choose_section(const struct bs_meta *meta, const char *title,
	const char *url)
{
	char *s = meta_clean_section(meta->section);
	if (s) {
		return s;
	}
	for (size_t i = 0; i < meta->breadcrumb.count; i++) {
		const char *c = meta->breadcrumb.items[i];
		if (home_crumb(c, meta->site) || (title && strcasecmp(c, title)
				== 0) || text_word_count(c) > 4) {
			continue;
		}
		s = meta_clean_section(c);
		if (s) {
			return s;
		}
	}
	return meta_section_from_url(url);
}

static bool has_image(xmlNode *root)
{
	for (xmlNode *n = root; n; n = dom_next(n, root)) {
		if (dom_is(n, "img")) {
			return true;
		}
	}
	return false;
}

struct bs_article *extract_article(struct bs_page *page,
	const struct bs_extract_options *opts, struct bs_error *err)
{
	struct bs_meta meta;
	memset(&meta, 0, sizeof(meta));
	metadata_read(page->doc, &meta);

	struct bs_article *a = xcalloc(1, sizeof(*a));
	a->source = xstrdup(page->path);
	/* an archive knows where the page was; the page may know better */
	const char *url = meta.url ? meta.url
		: page->url && (text_starts_ci(page->url, "http://")
		|| text_starts_ci(page->url, "https://")) ? page->url : NULL;
	a->url = url ? xstrdup(url) : NULL;
	char *cut = NULL;
	a->title = meta_clean_title(meta.title, meta.html_title, meta.h1,
		meta.site, &cut);
	a->n_authors = meta.authors.count;
	a->authors = meta.authors.items;
	a->date_byline = meta.date_byline;
	meta.date_byline = NULL;
	meta.authors.items = NULL;
	meta.authors.count = meta.authors.cap = 0;
	a->published = meta_date(meta.published);
	if (!a->published) {
		a->published = meta_date(meta.dom_date);
	}
	a->modified = meta_date(meta.modified);
	/* a social-media handle is not the publication's name */
	a->site = meta.site && meta.site[0] != '@' ? xstrdup(meta.site) : NULL;
	if (!a->site && cut && text_word_count(cut) <= 5) {
		a->site = xstrdup(cut);
	}
	if (!a->site) {
		a->site = meta_url_host(a->url);
	}
	free(cut);
	a->lang = meta_clean_lang(meta.lang);
	a->description = meta.description ? xstrdup(meta.description) : NULL;
	a->section = choose_section(&meta, a->title, a->url);

	xmlNode *content = body_extract(page->doc, a->url);
	if (!content) {
		error_set(err, page->path, "no article text found in the page");
		meta_finish(&meta);
		article_destroy(a);
		return NULL;
	}
	struct bs_picture_ctx pictures = {
		.page_path = page->path,
		.page_dir = page->dir,
		.root = page->root,
		.base_url = page->url ? page->url : a->url,
		.resources = page->resources,
		.target_width = opts->image_width,
	};
	article_set_body(a, content, &pictures, opts, meta.dom_byline);
	xmlFreeNode(content);
	a->image = meta.image ? xstrdup(meta.image) : NULL;
	/* the lead picture, when the body has none: on disk, or not at all */
	if (opts->images && !has_image(xmlDocGetRootElement(a->body))
			&& meta.image) {
		pictures.remote = NULL;
		pictures.refused = &a->refused_pictures;
		a->lead_image = picture_local(meta.image, &pictures);
	}
	meta_finish(&meta);
	if (a->words == 0) {
		error_set(err, page->path, "no article text found in the page");
		article_destroy(a);
		return NULL;
	}
	return a;
}

void article_set_body(struct bs_article *a, const xmlNode *content,
	struct bs_picture_ctx *pictures, const struct bs_extract_options *opts,
	const char *dom_byline)
{
	pictures->remote = &a->remote_pictures;
	pictures->refused = &a->refused_pictures;
	if (pictures->target_width <= 0) {
		pictures->target_width = 1264;
	}
	struct bs_sanitize so = {
		.pictures = pictures,
		.base_url = a->url,
		.images = opts->images,
	};
	a->body = sanitize(content, &so);
	struct bs_furniture fu = {
		.title = a->title,
		.authors = (const char *const *)a->authors,
		.n_authors = a->n_authors,
		.byline = dom_byline,
		.description = a->description,
		.site = a->site,
		.section = a->section,
	};
	xmlNode *root = xmlDocGetRootElement(a->body);
	furniture_strip_head(root, &fu);
	boiler_drop_repeats(root);
	a->note = furniture_take_bio(root, &fu);
	article_update_text(a);
}

static void put_string(json_object *o, const char *key, const char *value)
{
	json_object_object_add(o, key, value ? json_object_new_string(value)
		: NULL);
}

char *article_to_json(const struct bs_article *a)
{
	json_object *o = json_object_new_object();
	put_string(o, "source", a->source);
	put_string(o, "url", a->url);
	put_string(o, "title", a->title);
	char *byline = article_byline(a);
	put_string(o, "byline", byline);
	free(byline);
	json_object *authors = json_object_new_array();
	for (size_t i = 0; i < a->n_authors; i++) {
		json_object_array_add(authors, json_object_new_string(a->authors[i]));
	}
	json_object_object_add(o, "authors", authors);
	put_string(o, "published", a->published);
	put_string(o, "modified", a->modified);
	put_string(o, "section", a->section);
	put_string(o, "site", a->site);
	put_string(o, "lang", a->lang);
	put_string(o, "description", a->description);
	put_string(o, "note", a->note);
	put_string(o, "image", a->image);
	put_string(o, "text", a->text);
	json_object_object_add(o, "words", json_object_new_int64((int64_t)a->words));
	char *out = xstrdup(json_object_to_json_string_ext(o,
		JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}
