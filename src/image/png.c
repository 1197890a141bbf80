#include "image/png.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <spng.h>
#include <zlib.h>

#include "image/image.h"

/*
 * What libspng may keep of ancillary chunks: one inflated chunk (a zTXt,
 * an ICC profile), and all of them. Real profiles and XMP packets are far
 * smaller; a metadata bomb stops inflating here.
 */
enum {
	CHUNK_MAX = 8 << 20,
	CHUNK_CACHE_MAX = 32 << 20,
};

static unsigned long read_be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16
		| (unsigned long)p[2] << 8 | (unsigned long)p[3];
}

/*
 * The chunk starting at d[i] of (d, n): its type and the length of its
 * data (i is never past n); false past the last chunk, or when the chunk
 * does not fit.
 */
static bool chunk_at(const unsigned char *d, size_t n, size_t i,
	const unsigned char **type, size_t *len)
{
	if (n - i < 12) {
		return false;
	}
	*len = read_be32(d + i);
	*type = d + i + 4;
	return *len <= n - i - 12;
}

/* The bytes of IDAT data in (d, n), over all its IDAT chunks. */
static uint64_t idat_size(const unsigned char *d, size_t n)
{
	uint64_t sum = 0;
	const unsigned char *type;
	size_t len;
	for (size_t i = 8; chunk_at(d, n, i, &type, &len); i += 12 + len) {
		if (memcmp(type, "IDAT", 4) == 0) {
			sum += len;
		}
	}
	return sum;
}

bool png_size(const unsigned char *d, size_t n, int *w, int *h)
{
	if (n < 24 || memcmp(d + 12, "IHDR", 4) != 0) {
		return false;
	}
	unsigned long pw = read_be32(d + 16), ph = read_be32(d + 20);
	*w = pw > INT_MAX ? INT_MAX : (int)pw;
	*h = ph > INT_MAX ? INT_MAX : (int)ph;
	return true;
}

bool png_strip(const unsigned char *d, size_t n, struct bs_buf *out)
{
	if (n < 8) {
		return false;
	}
	buf_append(out, d, 8);
	const unsigned char *type;
	size_t len;
	for (size_t i = 8; chunk_at(d, n, i, &type, &len); i += 12 + len) {
		bool drop = memcmp(type, "tEXt", 4) == 0
			|| memcmp(type, "zTXt", 4) == 0
			|| memcmp(type, "iTXt", 4) == 0
			|| memcmp(type, "eXIf", 4) == 0
			|| memcmp(type, "tIME", 4) == 0;
		if (!drop) {
			buf_append(out, d + i, 12 + len);
		}
		if (memcmp(type, "IEND", 4) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * The most IDAT data a picture of this header can hold: its filtered
 * scanlines (each Adam7 pass on its own), a quarter more (deflate's fixed
 * codes, all some encoders use, spend up to 9 bits on a byte), and 64
 * bytes a scanline for encoders that flush a block after each. Anything
 * longer is data no decoder reads: the tail of a zlib bomb.
 */
static uint64_t idat_max(const struct spng_ihdr *h)
{
	static const struct pass {
		uint32_t x0, y0, dx, dy;
	} adam7[7] = {
		{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
		{0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2},
	}, whole[1] = {{0, 0, 1, 1}};
	const struct pass *pass = h->interlace_method ? adam7 : whole;
	int passes = h->interlace_method ? 7 : 1;
	uint64_t samples = h->color_type == SPNG_COLOR_TYPE_TRUECOLOR ? 3
		: h->color_type == SPNG_COLOR_TYPE_GRAYSCALE_ALPHA ? 2
		: h->color_type == SPNG_COLOR_TYPE_TRUECOLOR_ALPHA ? 4 : 1;
	uint64_t bits = samples * h->bit_depth;
	uint64_t bytes = 0, rows = 0;
	for (int p = 0; p < passes; p++) {
		const struct pass *q = &pass[p];
		uint64_t pw = h->width > q->x0
			? (h->width - q->x0 + q->dx - 1) / q->dx : 0;
		uint64_t ph = h->height > q->y0
			? (h->height - q->y0 + q->dy - 1) / q->dy : 0;
		if (pw && ph) {
			bytes += ph * (1 + (pw * bits + 7) / 8);
			rows += ph;
		}
	}
	return bytes + bytes / 4 + 64 * rows + 1024;
}

/*
 * The channels stb_image gives a PNG of this colour type, and the libspng
 * format that decodes to them; RGBA8, to be packed, where none does.
 */
static int pick_format(const struct spng_ihdr *h, bool trns, int *fmt)
{
	switch (h->color_type) {
	case SPNG_COLOR_TYPE_GRAYSCALE:
		if (h->bit_depth == 16) {
			*fmt = SPNG_FMT_RGBA8;
		} else {
			*fmt = trns ? SPNG_FMT_GA8 : SPNG_FMT_G8;
		}
		return trns ? 2 : 1;
	case SPNG_COLOR_TYPE_GRAYSCALE_ALPHA:
		*fmt = SPNG_FMT_RGBA8;
		return 2;
	case SPNG_COLOR_TYPE_TRUECOLOR_ALPHA:
		*fmt = SPNG_FMT_RGBA8;
		return 4;
	default:	/* truecolour and palette */
		*fmt = trns ? SPNG_FMT_RGBA8 : SPNG_FMT_RGB8;
		return trns ? 4 : 3;
	}
}

/* RGBA8 pixels of a gray picture down to r->channels (gray, alpha). */
static void pack_gray(struct bs_raster *r)
{
	size_t count = (size_t)r->w * (size_t)r->h;
	/* in place: pixel i is written at or before where it was read */
	for (size_t i = 0; i < count; i++) {
		r->px[i * (size_t)r->channels] = r->px[i * 4];
		if (r->channels == 2) {
			r->px[i * 2 + 1] = r->px[i * 4 + 3];
		}
	}
	unsigned char *smaller = realloc(r->px, count * (size_t)r->channels);
	if (smaller) {
		r->px = smaller;
	}
}

/* A reason for libspng's error rc, in the words of the other refusals. */
static void fail(struct bs_error *err, int rc)
{
	switch (rc) {
	case SPNG_IO_EOF:
		error_set(err, NULL, "truncated PNG (the file ends before its "
			"IEND chunk)");
		break;
	case SPNG_EUSER_WIDTH:
	case SPNG_EUSER_HEIGHT:
		error_set(err, NULL, "PNG over the limit of %d pixels on a "
			"side", IMAGE_MAX_SIDE);
		break;
	case SPNG_ECHUNK_LIMITS:
		error_set(err, NULL, "unreadable PNG (metadata chunks too "
			"large or too many: %s)", spng_strerror(rc));
		break;
	default:
		error_set(err, NULL, "unreadable PNG (%s)", spng_strerror(rc));
		break;
	}
}

bool png_decode(const unsigned char *d, size_t n, struct bs_raster *r,
	struct bs_error *err)
{
	memset(r, 0, sizeof(*r));
	spng_ctx *ctx = spng_ctx_new(0);
	if (!ctx) {
		error_set(err, NULL, "out of memory for the picture");
		return false;
	}
	struct spng_ihdr ihdr;
	int rc = spng_set_image_limits(ctx, IMAGE_MAX_SIDE, IMAGE_MAX_SIDE);
	if (!rc) {
		rc = spng_set_chunk_limits(ctx, CHUNK_MAX, CHUNK_CACHE_MAX);
	}
	if (!rc) {
		rc = spng_set_png_buffer(ctx, d, n);
	}
	if (!rc) {
		rc = spng_get_ihdr(ctx, &ihdr);
	}
	if (rc) {
		fail(err, rc);
		goto err_ctx;
	}
	if ((uint64_t)ihdr.width * ihdr.height > IMAGE_MAX_PIXELS) {
		error_set(err, NULL, "PNG of %lux%lu pixels, over the limit of "
			"%d megapixels", (unsigned long)ihdr.width,
			(unsigned long)ihdr.height, IMAGE_MAX_PIXELS / 1000000);
		goto err_ctx;
	}
	if (idat_size(d, n) > idat_max(&ihdr)) {
		error_set(err, NULL, "unreadable PNG (more image data than "
			"%lux%lu pixels hold: a zlib bomb)",
			(unsigned long)ihdr.width, (unsigned long)ihdr.height);
		goto err_ctx;
	}
	/* reads the chunks before IDAT: their CRCs and limits fail here */
	struct spng_trns trns_chunk;
	rc = spng_get_trns(ctx, &trns_chunk);
	if (rc && rc != SPNG_ECHUNKAVAIL) {
		fail(err, rc);
		goto err_ctx;
	}
	bool trns = rc == 0;
	int fmt;
	r->channels = pick_format(&ihdr, trns, &fmt);
	size_t size;
	rc = spng_decoded_image_size(ctx, fmt, &size);
	if (rc) {
		fail(err, rc);
		goto err_ctx;
	}
	r->px = malloc(size);
	if (!r->px) {
		error_set(err, NULL, "out of memory for the picture");
		goto err_ctx;
	}
	rc = spng_decode_image(ctx, r->px, size, fmt, trns ? SPNG_DECODE_TRNS
		: 0);
	/* on to IEND: only then is the last IDAT's CRC checked, and a file
	 * cut after its last IDAT is refused, as stb_image refused it */
	if (!rc) {
		rc = spng_decode_chunks(ctx);
	}
	if (rc) {
		fail(err, rc);
		goto err_px;
	}
	r->w = (int)ihdr.width;
	r->h = (int)ihdr.height;
	if (fmt == SPNG_FMT_RGBA8 && r->channels < 4) {
		pack_gray(r);
	}
	spng_ctx_free(ctx);
	return true;

err_px:
	free(r->px);
err_ctx:
	spng_ctx_free(ctx);
	memset(r, 0, sizeof(*r));
	return false;
}

bool png_encode(const unsigned char *px, int w, int h, int channels,
	struct bs_buf *out, struct bs_error *err)
{
	static const uint8_t color_types[4] = {
		SPNG_COLOR_TYPE_GRAYSCALE, SPNG_COLOR_TYPE_GRAYSCALE_ALPHA,
		SPNG_COLOR_TYPE_TRUECOLOR, SPNG_COLOR_TYPE_TRUECOLOR_ALPHA,
	};
	spng_ctx *ctx = spng_ctx_new(SPNG_CTX_ENCODER);
	if (!ctx) {
		error_set(err, NULL, "out of memory for the picture");
		return false;
	}
	struct spng_ihdr ihdr = {
		.width = (uint32_t)w,
		.height = (uint32_t)h,
		.bit_depth = 8,
		.color_type = color_types[channels - 1],
	};
	size_t size = (size_t)w * (size_t)h * (size_t)channels;
	/* Paeth on every row and zlib's run-length strategy: measured on
	 * charts, screenshots and photographs with alpha, 3 to 7 times as
	 * fast as stb_image_write and a third smaller; libspng's default
	 * (a filter chosen per row, Z_FILTERED) is a few percent smaller
	 * still but no faster than stb on photographs */
	int rc = spng_set_option(ctx, SPNG_ENCODE_TO_BUFFER, 1);
	if (!rc) {
		rc = spng_set_option(ctx, SPNG_IMG_COMPRESSION_LEVEL, 6);
	}
	if (!rc) {
		rc = spng_set_option(ctx, SPNG_FILTER_CHOICE,
			SPNG_FILTER_CHOICE_PAETH);
	}
	if (!rc) {
		rc = spng_set_option(ctx, SPNG_IMG_COMPRESSION_STRATEGY, Z_RLE);
	}
	if (!rc) {
		rc = spng_set_ihdr(ctx, &ihdr);
	}
	if (!rc) {
		rc = spng_encode_image(ctx, px, size, SPNG_FMT_PNG,
			SPNG_ENCODE_FINALIZE);
	}
	size_t len = 0;
	void *png = rc ? NULL : spng_get_png_buffer(ctx, &len, &rc);
	spng_ctx_free(ctx);
	if (!png) {
		error_set(err, NULL, "the picture could not be encoded (%s)",
			spng_strerror(rc));
		return false;
	}
	buf_append(out, png, len);
	free(png);
	return true;
}
