#ifndef BS_EXTRACT_SANITIZE_H
#define BS_EXTRACT_SANITIZE_H

#include <stdbool.h>

#include <libxml/tree.h>

#include "extract/picture.h"

/*
 * The sanitizer: article content as found in a page in, the small and
 * valid XHTML that extract.h describes out. It rebuilds the content element
 * by element against an allow-list and the XHTML content model (a block
 * inside a paragraph splits the paragraph, loose text gets a <p>, a <li>
 * outside a list gets a <ul>), so that whatever the page's markup the
 * result passes epubcheck. Private to the extract stage.
 */

struct bs_sanitize {
	const struct bs_picture_ctx *pictures;	/* where pictures are */
	const char *base_url;	/* for relative links; may be NULL */
	bool images;		/* keep local images */
};

/**
 * Builds a new document <div xmlns="http://www.w3.org/1999/xhtml">...</div>
 * from the children of content. Each <img> keeps the picture
 * picture_resolve() finds for it, as its src (a path or a data: URI).
 * Never NULL; the caller frees it with xmlFreeDoc().
 */
xmlDocPtr sanitize(const xmlNode *content, const struct bs_sanitize *opts);

/**
 * Removes img and then whatever became empty because of it (its <p>, its
 * <figure>, keeping a caption as a paragraph).
 */
void sanitize_drop_image(xmlNode *img);

#endif
