#ifndef BS_INGEST_SOURCE_H
#define BS_INGEST_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "ingest/feed.h"
#include "ingest/ingest.h"
#include "util/error.h"

/*
 * An input file as the documents it holds, told by content (not only by
 * name): a saved page (also gzip-compressed) is one page; a feed, one item
 * per entry; a text dump, one text; a single-file save (MHTML), one page
 * with its pictures; a web archive (WARC), one page per HTML response,
 * with the archive's pictures. Pictures of archives are spooled into a
 * folder the caller provides and keeps until the edition is written.
 */

enum bs_doc_kind {
	BS_DOC_PAGE,	/* page */
	BS_DOC_ITEM,	/* feed, item */
	BS_DOC_TEXT,	/* text, len */
};

struct bs_document {
	enum bs_doc_kind kind;
	struct bs_page page;
	const struct bs_feed *feed;		/* owned by the source */
	const struct bs_feed_item *item;
	char *text;				/* UTF-8 */
	size_t len;
	char *name;				/* the input as named */
};

struct bs_source;

/**
 * Opens the input at path, spooling into spool (a folder). Returns NULL
 * with err set when the file holds nothing to read (empty, binary, a
 * refused feed...).
 */
struct bs_source *source_open(const char *path, const char *spool,
	struct bs_error *err);

enum bs_next {
	BS_NEXT_DOC,	/* *doc is filled: document_finish() it */
	BS_NEXT_SKIP,	/* this document could not be read: err says why */
	BS_NEXT_END,
};

/** The next document of s. */
enum bs_next source_next(struct bs_source *s, struct bs_document *doc,
	struct bs_error *err);

/**
 * Damage met reading s, or NULL: a truncated or corrupt archive or gzip
 * file, whose documents before the damage were given.
 */
const struct bs_error *source_damage(const struct bs_source *s);

void document_finish(struct bs_document *doc);

/** Frees s; its spooled files stay in the spool folder. */
void source_close(struct bs_source *s);

#endif
