#ifndef BS_EXTRACT_DOM_H
#define BS_EXTRACT_DOM_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "util/buf.h"

/*
 * Small helpers over libxml2 trees for the extract stage. Walks are
 * iterative, so a hostile page nested a hundred thousand deep costs time,
 * not stack.
 */

/** True when node is an element named name (lower case, as parsed). */
bool dom_is(const xmlNode *node, const char *name);

/** True when node is an element whose name is one of names (NULL-terminated). */
bool dom_is_any(const xmlNode *node, const char *const *names);

/** True for h1..h6. */
bool dom_is_heading(const xmlNode *node);

/**
 * The value of attribute name of node, without copying: a pointer into the
 * tree, valid while the attribute lives. NULL when absent.
 */
const char *dom_attr(const xmlNode *node, const char *name);

/**
 * True when node's class or id contains one of words (lower case,
 * NULL-terminated), ASCII case-insensitively.
 */
bool dom_names_any(const xmlNode *node, const char *const *words);

/** The next node after node in document order within root, descending. */
xmlNode *dom_next(xmlNode *node, const xmlNode *root);

/** The next node after node within root, not descending into node. */
xmlNode *dom_next_skip(xmlNode *node, const xmlNode *root);

/** The first element child of node, or NULL. */
xmlNode *dom_first_element(const xmlNode *node);

/** The next element sibling of node, or NULL. */
xmlNode *dom_next_element(const xmlNode *node);

/**
 * Appends the text of node and its descendants to out, with white space
 * collapsed to single spaces (none leading when out is empty).
 */
void dom_text(const xmlNode *node, struct bs_buf *out);

/** The collapsed, trimmed text of node; the caller frees. */
char *dom_text_dup(const xmlNode *node);

/** Unlinks and frees node and its subtree. */
void dom_remove(xmlNode *node);

/** Replaces node by its children, then frees node. */
void dom_unwrap(xmlNode *node);

/** True when node has an ancestor (or is one) named name, up to stop. */
bool dom_inside(const xmlNode *node, const char *name);

/** The first element named name in document order under root, or NULL. */
xmlNode *dom_find(xmlNode *root, const char *name);

#endif
