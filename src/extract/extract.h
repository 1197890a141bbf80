#ifndef BS_EXTRACT_EXTRACT_H
#define BS_EXTRACT_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "ingest/ingest.h"
#include "util/error.h"

/*
 * The extract stage: one parsed page in, one article out: its metadata and
 * its body, sanitized to a small allow-list of XHTML.
 *
 * The body is a document whose root is <div xmlns="http://www.w3.org/1999/xhtml">
 * holding block elements only (p, h2-h6, ul, ol, dl, blockquote, figure,
 * table, pre, hr). Every <img> in it has an alt and a src that is the
 * absolute path of a regular file inside the page's folder tree, or a
 * data: URI; remote pictures are gone (and listed in remote_pictures). Links are absolute http(s) URLs or "#id" within the
 * body. Nothing else survives: no script, style, form, frame, event
 * handler, class or inline style.
 */

#define BS_XHTML_NS "http://www.w3.org/1999/xhtml"

/* Where an article came from: a feed item may hold only a summary. */
enum bs_origin {
	BS_ORIGIN_PAGE,
	BS_ORIGIN_FEED,
	BS_ORIGIN_TEXT,
};

struct bs_article {
	enum bs_origin origin;
	char *source;		/* input path ("feed.rss#URL" for an item) */
	char *url;		/* canonical http(s) URL, or NULL */
	char *title;		/* headline; never NULL (may be "") */
	char **authors;		/* names, n_authors of them */
	size_t n_authors;
	char *published;	/* ISO 8601, or NULL */
	char *modified;		/* ISO 8601, or NULL */
	char *section;		/* the page's own section, or NULL */
	char *site;		/* publication name, or NULL */
	char *lang;		/* BCP 47, or NULL */
	char *description;	/* standfirst or summary, or NULL */
	char *note;		/* the author's bio line, out of the body, or NULL */
	char *date_byline;	/* a byline that was a date, left out, or NULL */
	char *image;		/* the lead picture's address as the page gives it, or NULL */
	char *lead_image;	/* its file, when on disk and the body has no picture, or NULL */
	xmlDocPtr body;		/* see above; never NULL */
	char *text;		/* plain text of body, paragraphs split by a blank line */
	size_t words;		/* word count of text */
	struct bs_error_list remote_pictures;	/* left out: not on disk */
	struct bs_error_list refused_pictures;	/* outside its folder, or missing */
};

struct bs_extract_options {
	/* Keep <img> elements (resolved to local files). */
	bool images;
	/* Pixels pictures will be shown at: picks from a srcset. */
	int image_width;
};

/**
 * Extracts the article of page. The page's document is modified (cleaned)
 * on the way; the article owns copies of everything it keeps. Returns a new
 * article (article_destroy()), or NULL with err set when the page has no
 * article text at all.
 */
struct bs_article *extract_article(struct bs_page *page,
	const struct bs_extract_options *opts, struct bs_error *err);

struct bs_feed;
struct bs_feed_item;

/**
 * The article of one feed item: body from its content (else its
 * summary), HTML cleaned and sanitized as a page's is; title, author(s),
 * date, category as section, link as URL; the feed's title as site and
 * its language. feed_path names the feed file: relative pictures resolve
 * in its folder. Returns NULL with err set when the item has no text.
 */
struct bs_article *extract_feed_item(const struct bs_feed *feed,
	const struct bs_feed_item *item, const char *feed_path,
	const struct bs_extract_options *opts, struct bs_error *err);

/** Frees article; NULL is fine. */
void article_destroy(struct bs_article *article);

/** The authors joined by ", "; NULL when there are none. The caller frees. */
char *article_byline(const struct bs_article *article);

/**
 * The article as one line of JSON following DESIGN.md's extract contract
 * (source, url, title, byline, authors, published, section, site, lang,
 * description, text, words; also modified, note and image), without a
 * newline.
 * The caller frees.
 */
char *article_to_json(const struct bs_article *article);

/**
 * Recomputes article->text and ->words from article->body, after a later
 * stage changed the body (e.g. dropped an image).
 */
void article_update_text(struct bs_article *article);

/**
 * A fingerprint of an article's plain text: the same for texts that differ
 * only in case, spacing and punctuation (the same article saved twice).
 */
uint64_t article_fingerprint(const char *text);

#endif
