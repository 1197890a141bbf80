#include "inputs.h"

#include "extract/textdump.h"
#include "ingest/source.h"

/* The article of one document, or NULL with err set. */
static struct bs_article *article_of(struct bs_document *doc,
	const struct bs_extract_options *opts, struct bs_error *err)
{
	switch (doc->kind) {
	case BS_DOC_PAGE:
		return extract_article(&doc->page, opts, err);
	case BS_DOC_ITEM:
		return extract_feed_item(doc->feed, doc->item, doc->name, opts,
			err);
	case BS_DOC_TEXT:
		return textdump_extract(doc->name, doc->text, doc->len, err);
	}
	return NULL;
}

size_t inputs_read(const char *path, const char *spool,
	const struct bs_extract_options *opts, bs_article_fn fn, void *ctx,
	struct bs_error_list *skipped)
{
	struct bs_error err;
	error_clear(&err);
	struct bs_source *s = source_open(path, spool, &err);
	if (!s) {
		error_list_add(skipped, &err);
		return 0;
	}
	size_t given = 0;
	struct bs_error_list missed = {0};
	struct bs_document doc;
	enum bs_next next;
	while ((next = source_next(s, &doc, &err)) != BS_NEXT_END) {
		struct bs_article *a = next == BS_NEXT_DOC
			? article_of(&doc, opts, &err) : NULL;
		if (next == BS_NEXT_DOC) {
			document_finish(&doc);
		}
		if (!a) {
			error_list_add(&missed, &err);
			error_clear(&err);
			continue;
		}
		fn(a, ctx);
		given++;
	}
	const struct bs_error *damage = source_damage(s);
	if (damage) {
		/* one line for a damaged file that gave nothing: the damage */
		struct bs_error line = *damage;
		if (given) {
			error_set(&line, damage->file, "%s; the %zu article%s "
				"before it %s used", damage->reason, given,
				given == 1 ? "" : "s", given == 1 ? "is" : "are");
		} else {
			error_set(&line, damage->file, "%s; no article before it",
				damage->reason);
			missed.count = 0;
		}
		error_list_add(&missed, &line);
	}
	error_list_extend(skipped, &missed);
	error_list_finish(&missed);
	source_close(s);
	return given;
}
