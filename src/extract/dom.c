#include "extract/dom.h"

#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/text.h"

/*
 * libxml2's HTML parser lower-cases element names: plain comparison. The
 * first letters first, here and below: most names differ there, and these
 * run for every node of every page, many times.
 */
bool dom_is(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE
		&& node->name[0] == (unsigned char)name[0]
		&& strcmp((const char *)node->name, name) == 0;
}

bool dom_is_any(const xmlNode *node, const char *const *names)
{
	if (!node || node->type != XML_ELEMENT_NODE) {
		return false;
	}
	const char *name = (const char *)node->name;
	for (; *names; names++) {
		if (name[0] == (*names)[0] && strcmp(name, *names) == 0) {
			return true;
		}
	}
	return false;
}

bool dom_is_heading(const xmlNode *node)
{
	if (!node || node->type != XML_ELEMENT_NODE) {
		return false;
	}
	const char *n = (const char *)node->name;
	return (n[0] == 'h' || n[0] == 'H') && n[1] >= '1' && n[1] <= '6'
		&& n[2] == '\0';
}

const char *dom_attr(const xmlNode *node, const char *name)
{
	if (!node || node->type != XML_ELEMENT_NODE) {
		return NULL;
	}
	for (const xmlAttr *a = node->properties; a; a = a->next) {
		if (a->name[0] == (unsigned char)name[0]
				&& strcmp((const char *)a->name, name) == 0) {
			if (!a->children) {
				return "";
			}
			if (a->children->type == XML_TEXT_NODE
					&& !a->children->next) {
				return (const char *)a->children->content;
			}
			return NULL;
		}
	}
	return NULL;
}

bool dom_names_any(const xmlNode *node, const char *const *words)
{
	return text_has_any_ci(dom_attr(node, "class"), words)
		|| text_has_any_ci(dom_attr(node, "id"), words);
}

xmlNode *dom_next(xmlNode *node, const xmlNode *root)
{
	if (node->children && node->type == XML_ELEMENT_NODE) {
		return node->children;
	}
	return dom_next_skip(node, root);
}

xmlNode *dom_next_skip(xmlNode *node, const xmlNode *root)
{
	while (node && node != root) {
		if (node->next) {
			return node->next;
		}
		node = node->parent;
	}
	return NULL;
}

xmlNode *dom_first_element(const xmlNode *node)
{
	for (xmlNode *c = node->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			return c;
		}
	}
	return NULL;
}

xmlNode *dom_next_element(const xmlNode *node)
{
	for (xmlNode *c = node->next; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			return c;
		}
	}
	return NULL;
}

/* The bytes of s's next character in *n; whether it is a space. */
static bool next_is_space(const char *s, size_t *n)
{
	unsigned cp;
	*n = utf8_decode(s, &cp);
	return text_is_space(cp);
}

/*
 * s appended with each run of spaces as one, none first in out. A run of
 * other characters goes in one append, not a character at a time.
 */
static void append_collapsed(struct bs_buf *out, const char *s)
{
	bool space = out->len > 0 && out->data[out->len - 1] == ' ';
	bool pending = false;
	const char *p = s;
	while (*p) {
		const char *run = p;
		size_t n = 0;
		bool at_space = false;
		while (*p && !(at_space = next_is_space(p, &n))) {
			p += n;
		}
		if (p > run) {
			if (pending && !space && out->len > 0) {
				buf_putc(out, ' ');
			}
			buf_append(out, run, (size_t)(p - run));
			pending = false;
			space = false;
		}
		if (at_space) {
			pending = true;
			p += n;
		}
	}
	if (pending && !space && out->len > 0) {
		buf_putc(out, ' ');
	}
}

void dom_text(const xmlNode *node, struct bs_buf *out)
{
	if (!node) {
		return;
	}
	if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
		if (node->content) {
			append_collapsed(out, (const char *)node->content);
		}
		return;
	}
	const xmlNode *n = node->children;
	while (n) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content) {
				append_collapsed(out, (const char *)n->content);
			}
		}
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && !n->next && n != node) {
			n = n->parent;
		}
		if (!n || n == node) {
			break;
		}
		n = n->next;
	}
}

char *dom_text_dup(const xmlNode *node)
{
	struct bs_buf b = {0};
	dom_text(node, &b);
	return text_trim(buf_detach(&b));
}

void dom_remove(xmlNode *node)
{
	xmlUnlinkNode(node);
	xmlFreeNode(node);
}

void dom_unwrap(xmlNode *node)
{
	xmlNode *c = node->children;
	while (c) {
		xmlNode *next = c->next;
		xmlUnlinkNode(c);
		xmlAddPrevSibling(node, c);
		c = next;
	}
	dom_remove(node);
}

bool dom_inside(const xmlNode *node, const char *name)
{
	for (; node; node = node->parent) {
		if (dom_is(node, name)) {
			return true;
		}
	}
	return false;
}

xmlNode *dom_find(xmlNode *root, const char *name)
{
	for (xmlNode *n = root; n; n = dom_next(n, root)) {
		if (dom_is(n, name)) {
			return n;
		}
	}
	return NULL;
}
