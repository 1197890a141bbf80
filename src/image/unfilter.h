#ifndef BS_IMAGE_UNFILTER_H
#define BS_IMAGE_UNFILTER_H

#include <stdbool.h>
#include <stddef.h>

/*
 * PNG's five row filters undone (PNG specification, section 9), for the
 * pictures png.c decodes itself. Private to src/image/.
 */

/**
 * Undoes filter (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth) on row, len
 * bytes after its filter byte, in place; prev is the row above, already
 * unfiltered (len zero bytes for the first row). bpp is the bytes of a
 * whole pixel, at least 1 (for depths under 8) and at most 8, and divides
 * len. False, row untouched, for a filter past 4.
 */
bool unfilter_row(int filter, unsigned char *row, const unsigned char *prev,
	size_t len, size_t bpp);

#endif
