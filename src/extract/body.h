#ifndef BS_EXTRACT_BODY_H
#define BS_EXTRACT_BODY_H

#include <libxml/tree.h>

/*
 * Finding the article body in a page by content scoring. Private to the
 * extract stage; the method is described at the top of body.c.
 */

/**
 * Returns a new element (unlinked, in doc; the caller frees it with
 * xmlFreeNode) holding copies of the page's article content, boilerplate
 * removed but not yet sanitized; NULL when the page has no text worth
 * keeping. doc is modified: scripts, styles and other inert parts are
 * removed first. page_url, the page's address (may be NULL), tells links
 * to the site's other pages from links out.
 */
xmlNode *body_extract(xmlDocPtr doc, const char *page_url);

/**
 * The same for a document that is all article (a feed item's content):
 * no scoring, only the cleaning of step 4 that any content needs (inert
 * and hidden parts, share bars, sign-up boxes, teasers). NULL when
 * nothing is left.
 */
xmlNode *body_fragment(xmlDocPtr doc, const char *page_url);

#endif
