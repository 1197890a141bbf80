#ifndef BS_FRONT_COVER_H
#define BS_FRONT_COVER_H

#include <stdbool.h>

#include "edition/edition.h"
#include "epub/epub.h"
#include "util/error.h"

/*
 * The edition's cover picture: the user's own (--cover), prepared like any
 * other picture, or the front page drawn (the masthead, the date and the
 * lead headlines, see image/cover.h). It needs only what extraction
 * found, so it is made on a thread of its own while the pictures are, and
 * added to the archive after them, where it always goes.
 */
struct bs_front_cover;

/**
 * Starts making the cover of e: own is the user's picture or NULL to draw
 * one; eo gives the title, issue and date. On its own thread when
 * threads > 1, at once otherwise. The caller frees the result with
 * front_cover_free().
 */
struct bs_front_cover *front_cover_start(struct bs_edition *e,
	const char *own, const struct bs_edition_options *eo, int threads);

/**
 * Waits for the cover and adds it to w as images/cover.jpg (or .png for a
 * user's PNG), recorded in e. A cover that could not be made is a warning
 * in warnings: the edition keeps its text cover page. False with fatal set
 * only when the archive cannot be written.
 */
bool front_cover_add(struct bs_front_cover *c, struct bs_edition *e,
	struct bs_epub *w, struct bs_error_list *warnings,
	struct bs_error *fatal);

/** Waits for the cover if it is still being made; frees it. NULL is fine. */
void front_cover_free(struct bs_front_cover *c);

#endif
