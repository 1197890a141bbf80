#ifndef BS_EXTRACT_TEXTDUMP_H
#define BS_EXTRACT_TEXTDUMP_H

#include <stddef.h>

#include "extract/extract.h"
#include "util/error.h"

/*
 * Pages saved as plain text: a browser's "Save as... Text", `lynx -dump`
 * (links numbered "[12]Headline", a "References" list at the end) and
 * `w3m -dump` (menus as spaced columns). Such a file is mostly the site's
 * menus as lists, the article, more menus, "related" lists and the footer;
 * this module finds the article in it, with no knowledge of any site.
 */

/**
 * The article in a plain-text dump of a web page (UTF-8, len bytes; utf8
 * need not be NUL-terminated; path names it in messages and becomes the
 * article's source). Returns a new article (article_destroy()) with title
 * ("" when none is found), authors, published and modified (ISO 8601, or
 * NULL), section, body (the sanitized-body shape extract.h describes: a
 * <div xmlns="http://www.w3.org/1999/xhtml"> holding <p> and, when the
 * dump clearly has them, <h2> subheadings and <ul>/<ol> lists that belong
 * to the article; text only, no markup from the dump), text and words
 * (article_update_text()), and note (the author's bio line, kept out of
 * the body). url is the page's address when lynx's References list gives
 * it unambiguously (the headline's link, the page's own "#" links, or the
 * one link whose name matches the headline); site comes from a copyright
 * line or the url's host; lang is guessed from common words; any of them,
 * and description, may be NULL. Returns NULL with err set ("no article
 * text found in the text dump") when there is no article: empty input,
 * only menus, or binary data.
 */
struct bs_article *textdump_extract(const char *path, const char *utf8,
	size_t len, struct bs_error *err);

#endif
