#ifndef BS_INGEST_MHTML_H
#define BS_INGEST_MHTML_H

#include <stdbool.h>
#include <stddef.h>

#include "ingest/resources.h"
#include "util/error.h"

/*
 * Single-file saves: MHTML (.mhtml, .mht), as Chrome and Edge write them,
 * a MIME multipart/related message whose first HTML part is the page and
 * whose image parts are its pictures by Content-Location (and Content-ID,
 * for "cid:" references). Parts come quoted-printable, base64 or as they
 * are.
 */

struct bs_mhtml {
	char *html;		/* the page, as its bytes (charset below) */
	size_t len;
	char *charset;		/* from the part's Content-Type, or NULL */
	char *url;		/* the page's Content-Location, or NULL */
};

/** True when data starts like a MIME message with a multipart body. */
bool mhtml_sniff(const char *data, size_t len);

/**
 * Parses the message in data into m (mhtml_finish() frees it), its
 * pictures into res. name is used in messages. False with err set when it
 * has no boundary or no HTML part.
 */
bool mhtml_parse(const char *name, const char *data, size_t len,
	struct bs_resources *res, struct bs_mhtml *m, struct bs_error *err);

void mhtml_finish(struct bs_mhtml *m);

#endif
