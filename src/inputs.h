#ifndef BS_INPUTS_H
#define BS_INPUTS_H

#include <stdbool.h>

#include "extract/extract.h"
#include "util/error.h"

/*
 * Ingest and extract chained for one input file, whatever it holds: a
 * saved page gives one article, a feed one per item, a text dump one, a
 * single-file save one, a web archive one per HTML page. What cannot be
 * read is reported and the rest goes on.
 */

/** Receives each article; takes ownership of it. */
typedef void (*bs_article_fn)(struct bs_article *article, void *ctx);

/**
 * Reads the articles of the input at path, handing each to fn in order.
 * Pictures of archives are spooled in spool (a folder that lives until
 * the articles are packaged). A document that yields no article, and
 * damage that ended the reading early, are added to skipped (one line
 * each). Returns the number of articles given.
 */
size_t inputs_read(const char *path, const char *spool,
	const struct bs_extract_options *opts, bs_article_fn fn, void *ctx,
	struct bs_error_list *skipped);

#endif
