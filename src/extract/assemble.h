#ifndef BS_EXTRACT_ASSEMBLE_H
#define BS_EXTRACT_ASSEMBLE_H

#include <libxml/tree.h>

#include "extract/extract.h"
#include "extract/picture.h"

/*
 * The last steps every kind of input shares once its article content is
 * found: sanitize, take the headline, byline and standfirst repeated at
 * the top and the author's bio at the end out of the body, count the
 * words. Private to the extract stage.
 */

/**
 * Sets a->body, ->note, ->text and ->words from content (a copy of the
 * article content; not modified). a's title, authors, description, site,
 * section and url must be set: they tell furniture from text. pictures
 * says where the pictures are; its remote and refused lists become a's,
 * a target width of 0 means the default. dom_byline is a byline element's
 * text seen in the page (may be NULL).
 */
void article_set_body(struct bs_article *a, const xmlNode *content,
	struct bs_picture_ctx *pictures, const struct bs_extract_options *opts,
	const char *dom_byline);

#endif
