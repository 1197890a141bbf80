#ifndef BS_IMAGE_PNG_H
#define BS_IMAGE_PNG_H

#include <stdbool.h>
#include <stddef.h>

#include "image/raster.h"
#include "util/buf.h"
#include "util/error.h"

/*
 * PNG reading and writing through libspng (zlib underneath), for the
 * image stage: it checks CRCs, inflates no more than the header calls
 * for, and writes several times faster than stb_image_write. 16-bit
 * pictures that are not interlaced are read past their header without
 * it, by zlib and image/unfilter.h, under the same checks: libspng undoes
 * their filters a byte at a time. Private to src/image/.
 */

/**
 * Decodes the PNG in (d, n) into r, 8 bits per channel, with the channels
 * stb_image would give, so that pictures come out as they did: gray 1,
 * gray+alpha 2, RGB 3, RGBA 4; a palette gives RGB, or RGBA when it has a
 * tRNS chunk; gray or RGB with a tRNS colour gains an alpha channel (0
 * where the colour matches, 255 elsewhere); 16-bit samples keep their high
 * byte (v >> 8); 1, 2 and 4-bit gray is scaled to 0..255; interlaced
 * (Adam7) pictures come out whole; gAMA is ignored.
 *
 * Refused: a picture over IMAGE_MAX_SIDE on a side or IMAGE_MAX_PIXELS in
 * all; a bad CRC on a critical chunk, or a bad zlib checksum (an
 * ancillary chunk with a bad CRC is dropped, as libpng does); a file cut
 * anywhere before its IEND, or its image data before the last row (data
 * past the last row is ignored, and a zlib stream that ends with the last
 * row without its checksum is let by, as libspng does); metadata chunks
 * that inflate past 8 MiB each or 32 MiB in all, or over 1000 of them
 * (metadata bombs); IDAT data longer than the pixels could ever need (a
 * zlib bomb under a small header). Only as much as IHDR calls for is ever
 * inflated, so a bomb under a larger header costs no more than a picture
 * that size.
 *
 * Returns true with r->px malloc'ed (the caller frees it, raster_finish()),
 * or false with r empty and err's reason set ("unreadable PNG (invalid
 * chunk checksum)", "truncated PNG (...)").
 */
bool png_decode(const unsigned char *d, size_t n, struct bs_raster *r,
	struct bs_error *err);

/**
 * Width and height from IHDR into *w, *h (at most INT_MAX), before any
 * limit: the limits themselves need them. False when there is no IHDR.
 */
bool png_size(const unsigned char *d, size_t n, int *w, int *h);

/**
 * Appends to out the PNG (d, n) without its text, EXIF and time chunks;
 * false when its chunks do not run to an IEND.
 */
bool png_strip(const unsigned char *d, size_t n, struct bs_buf *out);

/**
 * Appends a PNG of the 8-bit pixels px (w x h, channels 1 to 4 as in
 * struct bs_raster, rows packed) to out, 8 bits per channel, colour type
 * by channels (gray, gray+alpha, RGB, RGBA), not interlaced, no ancillary
 * chunks. Returns false with err's reason set, out as it was.
 */
bool png_encode(const unsigned char *px, int w, int h, int channels,
	struct bs_buf *out, struct bs_error *err);

#endif
