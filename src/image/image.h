#ifndef BS_IMAGE_IMAGE_H
#define BS_IMAGE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

/*
 * The image stage: a picture a page shows, made right for an e-reader.
 *
 * image_prepare() reads the picture (a file, or a data: URI), refuses what
 * is not a picture or is too big to decode safely (the header's size is
 * checked before decoding), decodes it (JPEG with libjpeg-turbo, PNG with
 * libspng, GIF's first frame and BMP with stb_image, WebP with libwebp),
 * turns it upright (a JPEG's EXIF orientation), drops tracking pixels,
 * spacers and, outside a figure, small decorative icons, scales it down
 * into a box with gamma-correct (sRGB) filtering, never up, optionally
 * makes it 8-bit gray, and encodes it again: JPEG for photographs, PNG
 * for line art, text and transparency.
 * Re-encoding leaves EXIF and other metadata behind; a small JPEG or PNG
 * that is already right may be kept as it was when that is smaller, with
 * its metadata stripped all the same. One picture is decoded at a time:
 * memory is bounded by the largest picture, not the edition.
 */

/* Limits on hostile input; documented in the README. */
enum {
	IMAGE_MAX_FILE = 32 << 20,		/* bytes of a picture file */
	IMAGE_MAX_PIXELS = 50 * 1000 * 1000,	/* width x height, before decoding */
	IMAGE_MAX_SIDE = 30000,
	IMAGE_TRACKER_SIDE = 3,		/* this or less on a side: a spacer */
	IMAGE_ICON_SIDE = 100,		/* less on both sides: an icon */
};

struct bs_image_options {
	int max_width, max_height;	/* the box; 1264 x 1680 by default */
	int quality;			/* JPEG quality, 1..100; 80 by default */
	bool grayscale;			/* 8-bit gray output for e-ink */
	bool in_figure;			/* small pictures are kept in a figure */
};

/** The defaults above. */
void image_options_default(struct bs_image_options *opts);

/** A picture ready to package. image_finish() frees it. */
struct bs_image {
	struct bs_buf data;
	const char *media_type;		/* "image/jpeg" or "image/png" */
	const char *ext;		/* "jpg" or "png" */
	int width, height;
	unsigned char digest[32];	/* SHA-256 of the source bytes */
};

/**
 * Reads the bytes of ref: an absolute path (at most IMAGE_MAX_FILE bytes)
 * or a data: URI (base64 or percent-encoded). On failure err names ref
 * (shortened for a data: URI) and says why.
 */
bool image_read(const char *ref, struct bs_buf *bytes, struct bs_error *err);

/**
 * Prepares the picture named by ref (see image_read()) into *img, which
 * needs no set-up. Returns false with err set when the picture is left out
 * ("truncated JPEG", "a 1x1 tracking pixel", "WebP of 40000x40000 pixels,
 * over the limit"...).
 */
bool image_prepare(const char *ref, const struct bs_image_options *opts,
	struct bs_image *img, struct bs_error *err);

/**
 * Prepares a picture already in memory (bytes, len) the same way; name is
 * used in error messages.
 */
bool image_prepare_bytes(const char *name, const unsigned char *bytes,
	size_t len, const struct bs_image_options *opts, struct bs_image *img,
	struct bs_error *err);

/**
 * Encodes a raster (w x h, channels 1 to 4, rows packed) as JPEG or PNG,
 * choosing as image_prepare() does, into *img (data, media type, size).
 */
bool image_encode(const unsigned char *pixels, int w, int h, int channels,
	const struct bs_image_options *opts, struct bs_image *img,
	struct bs_error *err);

/**
 * Encodes a gray (1 channel) or RGB (3) raster as JPEG at quality into
 * *img, whatever its content: for the cover, which readers expect as JPEG.
 */
bool image_encode_jpeg(const unsigned char *pixels, int w, int h,
	int channels, int quality, struct bs_image *img, struct bs_error *err);

void image_finish(struct bs_image *img);

/** A short name for ref in messages: the path, or "data: URI (N bytes)". */
void image_ref_name(const char *ref, char *out, size_t n);

#endif
