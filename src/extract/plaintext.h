#ifndef BS_EXTRACT_PLAINTEXT_H
#define BS_EXTRACT_PLAINTEXT_H

#include <libxml/tree.h>

/*
 * Plain text of a sanitized body: one paragraph per block (p, heading,
 * list item, caption, table row...), paragraphs separated by a blank line,
 * <br> as a line break, <pre> as written. Private to the extract stage.
 */

/** The text of the children of root. The caller frees. */
char *plaintext(const xmlNode *root);

#endif
