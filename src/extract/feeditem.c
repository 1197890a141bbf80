#include "extract/extract.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/assemble.h"
#include "extract/body.h"
#include "extract/dom.h"
#include "extract/metadata.h"
#include "ingest/feed.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/text.h"

/* A summary longer than this is the article, not its standfirst. */
enum { MAX_DESCRIPTION_WORDS = 80 };

static bool is_http(const char *url)
{
	return url && (text_starts_ci(url, "http://")
		|| text_starts_ci(url, "https://"));
}

/*
 * RSS 2.0 wants an e-mail address in <author>, "jane@example.com (Jane
 * Doe)"; the name is what a reader wants, and an address alone is none.
 */
static void add_authors(const char *raw, struct bs_strlist *names)
{
	if (!raw) {
		return;
	}
	const char *open = strchr(raw, '(');
	const char *close = open ? strrchr(open, ')') : NULL;
	if (open && close && memchr(raw, '@', (size_t)(open - raw))) {
		char *inner = xstrndup(open + 1, (size_t)(close - open - 1));
		meta_split_authors(inner, names);
		free(inner);
		return;
	}
	if (strchr(raw, '@') && !strchr(raw, ' ')) {
		return;
	}
	meta_split_authors(raw, names);
}

/* The HTML fragment s as a document; NULL when libxml2 makes none. */
static htmlDocPtr parse_fragment(const char *s, const char *url)
{
	size_t len = strlen(s);
	return len <= INT_MAX ? ingest_parse_html(s, len, url) : NULL;
}

/* Plain text of an HTML (or text) summary, for the standfirst. */
static char *summary_text(const char *summary)
{
	htmlDocPtr doc = parse_fragment(summary, NULL);
	if (!doc) {
		return NULL;
	}
	struct bs_buf b = {0};
	xmlNode *root = xmlDocGetRootElement(doc);
	if (root) {
		dom_text(root, &b);
	}
	xmlFreeDoc(doc);
	char *text = text_collapse(buf_str(&b));
	buf_finish(&b);
	if (!*text || text_word_count(text) > MAX_DESCRIPTION_WORDS) {
		free(text);
		return NULL;
	}
	return text;
}

/* "feed.rss#https://example.com/story", or "#item-3" without a link. */
static char *item_source(const char *feed_path, const struct bs_feed *feed,
	const struct bs_feed_item *item)
{
	struct bs_buf b = {0};
	if (item->link) {
		buf_printf(&b, "%s#%s", feed_path, item->link);
	} else {
		buf_printf(&b, "%s#item-%zu", feed_path,
			(size_t)(item - feed->items) + 1);
	}
	return buf_detach(&b);
}

struct bs_article *extract_feed_item(const struct bs_feed *feed,
	const struct bs_feed_item *item, const char *feed_path,
	const struct bs_extract_options *opts, struct bs_error *err)
{
	struct bs_article *a = xcalloc(1, sizeof(*a));
	a->origin = BS_ORIGIN_FEED;
	a->source = item_source(feed_path, feed, item);
	a->url = is_http(item->link) ? xstrdup(item->link) : NULL;
	meta_set(&a->title, item->title);
	if (!a->title) {
		a->title = xstrdup("");
	}
	struct bs_strlist names = {0};
	add_authors(item->author, &names);
	a->authors = names.items;
	a->n_authors = names.count;
	a->published = meta_date(item->date);
	a->section = meta_clean_section(item->category);
	if (!a->section) {
		a->section = meta_section_from_url(a->url);
	}
	meta_set(&a->site, feed->title);
	if (!a->site) {
		a->site = meta_url_host(is_http(feed->link) ? feed->link : a->url);
	}
	a->lang = meta_clean_lang(feed->lang);
	const char *html = item->content ? item->content : item->summary;
	if (item->content && item->summary) {
		a->description = summary_text(item->summary);
	}

	htmlDocPtr doc = html ? parse_fragment(html, a->url) : NULL;
	xmlNode *content = doc ? body_fragment(doc, a->url) : NULL;
	if (content) {
		char *dir = path_real_dirname(feed_path);
		struct bs_picture_ctx pictures = {
			.page_path = feed_path,
			.page_dir = dir,
			.root = dir,
			.base_url = a->url,
			.target_width = opts->image_width,
		};
		article_set_body(a, content, &pictures, opts, NULL);
		xmlFreeNode(content);
		free(dir);
	}
	if (doc) {
		xmlFreeDoc(doc);
	}
	if (a->words == 0) {
		error_set(err, a->source, "the feed item has no text");
		article_destroy(a);
		return NULL;
	}
	return a;
}
