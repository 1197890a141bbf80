#ifndef BS_IMAGE_COVER_H
#define BS_IMAGE_COVER_H

#include <stddef.h>

#include "util/error.h"

/*
 * The edition's cover picture: a newspaper front page in gray, drawn with
 * stb_truetype. It is the book's thumbnail in an e-reader's library, so it
 * is laid out to stay recognisable at about 150 pixels wide: from the top a
 * thin rule, the masthead (the title, bold, as large as the width allows),
 * a thick and a thin rule, the folio line (date left, issue right) between
 * two thin rules, the lead story (section label, large bold headline), then
 * the other stories in two columns split by a vertical rule, as many as
 * fit, and those left over, one line each, at the foot of the page while
 * there is room. Sizes follow the width (the smaller of width and 3/4 of
 * the height, for squat pictures); margins are about 6% of the width.
 * Paper is gray 250, ink black.
 *
 * Text is word-wrapped by the fonts' advances, with kerning. Nothing is
 * ever cut in the middle of a word or of a line: a headline that does not
 * fit ends with an ellipsis at a word boundary, or is left out. Characters
 * a font lacks (CJK with DejaVu) are skipped; a story whose headline loses
 * all of its characters, or more than half of them, is left out.
 */

struct bs_cover_story {
	const char *section;	/* "Opinion", or NULL */
	const char *headline;	/* UTF-8 */
};

struct bs_cover {
	const char *title;	/* masthead, e.g. "The Morning Edition" */
	const char *date;	/* already in the edition's language, e.g.
				 * "Saturday, 28 November 2026"; or NULL */
	const char *issue;	/* e.g. "No. 412", or NULL */
	const struct bs_cover_story *stories;	/* lead headlines, most
						 * important first */
	size_t n_stories;	/* the first 12 at most are used */
	const char *font_regular;	/* path of a TrueType font (.ttf, .ttc) */
	const char *font_bold;
};

/* The smallest picture cover_render() draws. */
enum { COVER_MIN_WIDTH = 300, COVER_MIN_HEIGHT = 400 };

/* The default picture size: portrait 3:4, as e-readers' covers. */
enum { COVER_WIDTH = 1264, COVER_HEIGHT = 1680 };

/**
 * Draws the cover into a new 8-bit gray raster of width x height (one byte
 * per pixel, row-major, no padding), which the caller frees. Strings are
 * UTF-8; the title and headlines are read up to 300 bytes, the rest up to
 * 80. The same cover gives the same pixels. Returns NULL with err set when
 * a font cannot be read or used (err names its file), or when width or
 * height is below COVER_MIN_WIDTH x COVER_MIN_HEIGHT or above 16384.
 */
unsigned char *cover_render(const struct bs_cover *cover, int width,
	int height, struct bs_error *err);

#endif
