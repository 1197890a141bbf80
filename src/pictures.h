#ifndef BS_PICTURES_H
#define BS_PICTURES_H

#include <stdbool.h>
#include <stddef.h>

#include "edition/edition.h"
#include "epub/epub.h"
#include "image/image.h"
#include "util/error.h"

/*
 * The image stage over a whole edition: every picture the articles show
 * (and their lead pictures) is prepared once, stored once under a name
 * made from its content (images/<digest>.jpg), and the articles point at
 * it; a picture that cannot be used leaves its article cleanly (see
 * sanitize_drop_image()). Pictures are prepared a few at a time (one per
 * thread and a few waiting) and written to the archive's spool at once,
 * so memory does not grow with the edition.
 */

struct bs_pictures_report {
	size_t packaged;		/* distinct pictures in the edition */
	struct bs_error_list *warnings;	/* pictures left out, with the reason */
};

/**
 * Packages the pictures of every article of e into w with opts (opts'
 * in_figure is set per picture), preparing them on jobs threads (see
 * util/pool.h: the archive is the same for any number). Returns false
 * with fatal set only when the archive cannot be written.
 */
bool pictures_package(struct bs_edition *e, struct bs_epub *w,
	const struct bs_image_options *opts, int jobs,
	struct bs_pictures_report *report, struct bs_error *fatal);

#endif
