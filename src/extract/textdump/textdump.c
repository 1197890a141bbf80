/*
 * Finding the article in a plain-text dump of a page.
 *
 * 1. Clean the bytes (valid UTF-8, "\n" line ends, tabs expanded, no
 *    control characters), cut lynx's References list off the end and keep
 *    its numbered addresses.
 * 2. Read each line: blank, a rule, a list item (bullet or number), a row
 *    of spaced columns (w3m's tables of menus), or text. Lynx's "[12]" link
 *    markers leave the text but are counted, as they tell links apart.
 * 3. Join lines into units: a list item with its wrapped lines; text lines
 *    that wrap into a paragraph. The wrap width is the top of the cluster
 *    of line lengths (78 for lynx, 80 for w3m, none for a browser that does
 *    not wrap); a line that was full when the next word would not fit was
 *    wrapped, a shorter one ends its paragraph.
 * 4. Score units: prose paragraphs (sentences, few links) gain their words;
 *    menus, link lists, short lines and boilerplate lose. The article is
 *    the run of units with the greatest total (Kadane), so that a short
 *    subheading or an "Advertisement" between paragraphs does not break it
 *    but a menu does.
 * 5. Around its start: the headline (the nearest title-like line above;
 *    a longer one between it and the byline is the standfirst), the
 *    byline ("By", "Par", "Von", or a name alone above or under the
 *    headline), dates, and the section (a breadcrumb "Home > World >
 *    Europe", or a one-word menu heading right above the headline). At its
 *    end: the author's bio, which becomes the note.
 * 6. Build the body from what is left, dropping boilerplate lines.
 *
 * Steps 1 to 3 are lines.c's, 4 score.c's and 5 head.c's; page.c finds
 * the site, address and language, and this file builds the body.
 */
#include "extract/textdump.h"

#include <stdlib.h>

#include <libxml/tree.h>

#include "extract/metadata.h"
#include "extract/textdump/dump.h"
#include "util/alloc.h"
#include "util/date.h"

static bool keep_in_body(const struct unit *u)
{
	if (u->boiler || u->role != ROLE_NONE || u->kind == UNIT_RULE
			|| u->kind == UNIT_COLUMNS) {
		return false;
	}
	if (u->kind == UNIT_ITEM) {
		return !u->link_lead || u->words >= 6;
	}
	return true;
}

static bool is_subheading(const struct unit *u)
{
	unsigned last = dump_last_char(u->text);
	return u->kind == UNIT_TEXT && u->words <= 14 && !u->link_lead
		&& (!u->sentence || (last == '?' && u->words <= 10))
		&& dump_is_upper(dump_first_char(u->text));
}

static xmlDocPtr build_body(const struct dump *d, size_t start, size_t end)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	xmlNs *ns = xmlNewNs(root, BAD_CAST BS_XHTML_NS, NULL);
	xmlSetNs(root, ns);
	xmlDocSetRootElement(doc, root);
	size_t *kept = xcalloc(end - start + 1, sizeof(*kept));
	size_t n = 0;
	for (size_t i = start; i <= end; i++) {
		if (keep_in_body(&d->units[i])) {
			kept[n++] = i;
		}
	}
	xmlNode *list = NULL;
	for (size_t k = 0; k < n; k++) {
		const struct unit *u = &d->units[kept[k]];
		if (u->kind == UNIT_ITEM) {
			if (!list) {
				list = xmlNewChild(root, ns, BAD_CAST (u->ordered
					? "ol" : "ul"), NULL);
			}
			xmlNewTextChild(list, ns, BAD_CAST "li", BAD_CAST u->text);
			continue;
		}
		list = NULL;
		bool heading = k > 0 && k + 1 < n && is_subheading(u)
			&& dump_is_prose(&d->units[kept[k + 1]]);
		xmlNewTextChild(root, ns, BAD_CAST (heading ? "h2" : "p"),
			BAD_CAST u->text);
	}
	free(kept);
	return doc;
}

static char *iso(const struct bs_date *date)
{
	char out[40];
	date_format_iso(date, out, sizeof(out));
	return xstrdup(out);
}

static struct bs_article *no_article(const char *path, struct bs_error *err)
{
	error_set(err, path, "no article text found in the text dump");
	return NULL;
}

struct bs_article *textdump_extract(const char *path, const char *utf8,
	size_t len, struct bs_error *err)
{
	if (!utf8 || len == 0) {
		return no_article(path, err);
	}
	struct dump d;
	size_t start = 0, end = 0;
	if (!dump_read(&d, utf8, len)
			|| !dump_find_article(&d, &start, &end)) {
		dump_finish(&d);
		return no_article(path, err);
	}

	struct head h;
	dump_read_head(&d, start, end, &h);
	const struct unit *title = h.title >= 0 ? &d.units[h.title] : NULL;

	struct bs_article *a = xcalloc(1, sizeof(*a));
	a->origin = BS_ORIGIN_TEXT;
	a->source = xstrdup(path);
	a->title = xstrdup(title ? title->text : "");
	if (h.dek >= 0) {
		a->description = xstrdup(d.units[h.dek].text);
	}
	a->note = dump_take_bio(&d, start, end, &h.authors);
	a->n_authors = h.authors.count;
	a->authors = h.authors.items;
	if (h.has_published || h.has_modified) {
		a->published = iso(h.has_published ? &h.published : &h.modified);
	}
	if (h.has_modified) {
		a->modified = iso(&h.modified);
	}
	a->section = dump_find_section(&d, start, &h, a->title);
	a->url = dump_find_url(&d, title);
	a->site = dump_find_site(&d, end);
	if (!a->site) {
		a->site = meta_url_host(a->url);
	}
	a->body = build_body(&d, start, end);
	article_update_text(a);
	a->lang = dump_guess_lang(a->text);
	dump_finish(&d);
	if (a->words == 0) {
		article_destroy(a);
		return no_article(path, err);
	}
	return a;
}
