#ifndef BS_INGEST_WARC_H
#define BS_INGEST_WARC_H

#include <stdbool.h>
#include <stddef.h>

#include "ingest/resources.h"
#include "util/error.h"

/*
 * Web archives: WARC 1.0 and 1.1, plain (.warc) or a gzip member per
 * record (.warc.gz), as wget --warc-file and archiving crawlers write
 * them. The archive is read once, as a stream: response (and resource)
 * records of HTML pages with status 200 become pages, those of pictures
 * become resources, redirects are recorded so that either can be found
 * by the address that led to it; HTTP chunked transfer and gzip/deflate
 * content encodings are undone. Other records are passed over. Bodies
 * are spooled to files, so memory does not grow with the archive. A
 * damaged or truncated archive gives every record before the damage and
 * names the damage.
 */

enum {
	WARC_MAX_RECORD = 64 << 20,	/* a record's block, and a decoded body */
};

struct bs_warc_page {
	char *url;		/* WARC-Target-URI */
	char *file;		/* the decoded body, spooled */
	char *charset;		/* from the HTTP Content-Type, or NULL */
};

struct bs_warc {
	struct bs_warc_page *pages;
	size_t count;
	size_t records;		/* records read */
};

/** True when data starts like a WARC record ("WARC/1."). */
bool warc_sniff(const char *data, size_t len);

/**
 * Reads the archive at path (gzip or not) into w (warc_finish() frees it),
 * spooling bodies into spool and pictures into res. Returns false with
 * err set when it cannot be opened or is damaged before its first record
 * (an empty file is an archive without records); when the archive is
 * damaged after some records, or some could not be spooled, returns true
 * with damage set (e.g. "truncated gzip data after 12 records").
 */
bool warc_read(const char *path, const char *spool, struct bs_resources *res,
	struct bs_warc *w, struct bs_error *damage, struct bs_error *err);

void warc_finish(struct bs_warc *w);

#endif
