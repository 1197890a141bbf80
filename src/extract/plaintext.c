#include "extract/plaintext.h"

#include <string.h>

#include "util/buf.h"

struct writer {
	struct bs_buf out;
	bool pending;	/* a paragraph break before the next text */
};

static bool is_block(const char *name)
{
	static const char *const blocks[] = {"p", "h1", "h2", "h3", "h4", "h5",
		"h6", "pre", "li", "dt", "dd", "figcaption", "caption",
		"blockquote", "ul", "ol", "dl", "table", "thead", "tbody",
		"tfoot", "tr", "figure", "hr", "div", NULL};
	for (const char *const *b = blocks; *b; b++) {
		if (strcmp(name, *b) == 0) {
			return true;
		}
	}
	return false;
}

static void put_text(struct writer *w, const char *s)
{
	if (!*s) {
		return;
	}
	if (w->pending) {
		if (w->out.len) {
			buf_puts(&w->out, "\n\n");
		}
		w->pending = false;
	}
	buf_puts(&w->out, s);
}

static void write_node(struct writer *w, const xmlNode *n, int depth)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		put_text(w, (const char *)n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE || depth > 512) {
		return;
	}
	const char *name = (const char *)n->name;
	if (strcmp(name, "br") == 0) {
		if (!w->pending && w->out.len) {
			buf_putc(&w->out, '\n');
		}
		return;
	}
	bool block = is_block(name);
	bool cell = strcmp(name, "td") == 0 || strcmp(name, "th") == 0;
	if (block) {
		w->pending = true;
	}
	if (cell && n->prev && !w->pending) {
		buf_putc(&w->out, '\t');
	}
	for (const xmlNode *c = n->children; c; c = c->next) {
		write_node(w, c, depth + 1);
	}
	if (block) {
		w->pending = true;
	}
}

char *plaintext(const xmlNode *root)
{
	struct writer w;
	memset(&w, 0, sizeof(w));
	for (const xmlNode *c = root->children; c; c = c->next) {
		write_node(&w, c, 0);
	}
	return buf_detach(&w.out);
}
