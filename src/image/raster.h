#ifndef BS_IMAGE_RASTER_H
#define BS_IMAGE_RASTER_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

/*
 * Decoded pixels and what the image stage does to them. Private to
 * src/image/.
 */

struct bs_raster {
	unsigned char *px;	/* rows packed, channels bytes per pixel */
	int w, h;
	int channels;		/* 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA */
};

enum bs_format {
	FORMAT_NONE,
	FORMAT_JPEG,
	FORMAT_PNG,
	FORMAT_GIF,
	FORMAT_BMP,
	FORMAT_WEBP,
};

/** The format of bytes by their signature; FORMAT_NONE when unknown. */
enum bs_format format_sniff(const unsigned char *d, size_t n);

/** "JPEG", "PNG"...; a name for messages. */
const char *format_name(enum bs_format f);

/**
 * Width and height from the header, without decoding; false when the
 * header is unreadable.
 */
bool decode_info(enum bs_format f, const unsigned char *d, size_t n, int *w,
	int *h);

/**
 * Decodes into r (r->px is malloc'ed, the caller frees it). A JPEG must
 * end with its end-of-image marker: a truncated file is refused rather than
 * shown half gray. Returns false with err's reason set.
 */
bool decode(enum bs_format f, const unsigned char *d, size_t n,
	struct bs_raster *r, struct bs_error *err);

/**
 * As decode(), but a JPEG may come out smaller: libjpeg-turbo scales it
 * while decoding, in the DCT domain, by the smallest of its factors
 * (1/8 to 1) that keeps it at least min_w x min_h, which costs a fraction
 * of decoding it whole and resizing. Other formats, and JPEGs that
 * libjpeg-turbo does not read (CMYK), come out whole, through decode().
 */
bool decode_at_least(enum bs_format f, const unsigned char *d, size_t n,
	int min_w, int min_h, struct bs_raster *r, struct bs_error *err);

/** The EXIF orientation (1..8) of a JPEG; 1 when it has none. */
int exif_orientation(const unsigned char *d, size_t n);

/** Turns r upright for EXIF orientation o (2..8); 1 does nothing. */
void raster_orient(struct bs_raster *r, int o);

/** Scales r down to fit w x h (sRGB-aware); never up. */
void raster_fit(struct bs_raster *r, int max_w, int max_h);

/** The size raster_fit() gives a w x h raster, into *nw x *nh. */
void raster_fit_size(int w, int h, int max_w, int max_h, int *nw, int *nh);

/** Scales r to exactly nw x nh (sRGB-aware); nothing when it is so. */
void raster_resize(struct bs_raster *r, int nw, int nh);

/** True when some pixel is not fully opaque. */
bool raster_has_alpha(const struct bs_raster *r);

/** True when every pixel is fully transparent. */
bool raster_invisible(const struct bs_raster *r);

/** Puts transparent pixels on white and drops the alpha channel. */
void raster_flatten(struct bs_raster *r);

/** Makes r gray (1, or 2 with alpha), by linear-light luminance. */
void raster_gray(struct bs_raster *r);

/**
 * True when r looks drawn rather than photographed: few distinct
 * colours (charts, diagrams, screenshots of text).
 */
bool raster_is_line_art(const struct bs_raster *r);

/**
 * The bytes of a JPEG or PNG (format) without their metadata (EXIF, XMP,
 * text chunks) into out; false when the file's layout is not as expected.
 */
bool image_strip_metadata(int format, const unsigned char *d, size_t n,
	struct bs_buf *out);

/** Frees r's pixels. */
void raster_finish(struct bs_raster *r);

#endif
