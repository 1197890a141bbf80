#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <stb_image.h>
#include <webp/decode.h>

#include "image/idct.h"
#include "image/image.h"
#include "image/png.h"
#include "image/raster.h"

enum bs_format format_sniff(const unsigned char *d, size_t n)
{
	if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff) {
		return FORMAT_JPEG;
	}
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) {
		return FORMAT_PNG;
	}
	if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0)) {
		return FORMAT_GIF;
	}
	if (n >= 2 && d[0] == 'B' && d[1] == 'M') {
		return FORMAT_BMP;
	}
	if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0) {
		return FORMAT_WEBP;
	}
	return FORMAT_NONE;
}

const char *format_name(enum bs_format f)
{
	switch (f) {
	case FORMAT_JPEG: return "JPEG";
	case FORMAT_PNG: return "PNG";
	case FORMAT_GIF: return "GIF";
	case FORMAT_BMP: return "BMP";
	case FORMAT_WEBP: return "WebP";
	case FORMAT_NONE: break;
	}
	return "unknown";
}

bool decode_info(enum bs_format f, const unsigned char *d, size_t n, int *w,
	int *h)
{
	if (n > 0x7fffffff) {
		return false;
	}
	if (f == FORMAT_WEBP) {
		return WebPGetInfo(d, n, w, h) != 0;
	}
	if (f == FORMAT_PNG) {
		return png_size(d, n, w, h);
	}
	int comp;
	return stbi_info_from_memory(d, (int)n, w, h, &comp) != 0;
}

/*
 * A JPEG ends with an end-of-image marker after its last scan; an EXIF
 * thumbnail has its own, earlier, so the marker must follow the last
 * start-of-scan.
 */
static bool jpeg_complete(const unsigned char *d, size_t n)
{
	size_t last_sos = 0, last_eoi = 0;
	/* memchr: a photo is megabytes, and 0xff is rare in it */
	for (size_t i = 2; i + 1 < n; i++) {
		const unsigned char *ff = memchr(d + i, 0xff, n - 1 - i);
		if (!ff) {
			break;
		}
		i = (size_t)(ff - d);
		if (d[i + 1] == 0xda) {
			last_sos = i;
		} else if (d[i + 1] == 0xd9) {
			last_eoi = i;
		}
	}
	return last_sos && last_eoi > last_sos;
}

bool decode(enum bs_format f, const unsigned char *d, size_t n,
	struct bs_raster *r, struct bs_error *err)
{
	memset(r, 0, sizeof(*r));
	if (n > 0x7fffffff) {
		error_set(err, NULL, "too large");
		return false;
	}
	if (f == FORMAT_WEBP) {
		WebPBitstreamFeatures feat;
		if (WebPGetFeatures(d, n, &feat) != VP8_STATUS_OK) {
			error_set(err, NULL, "unreadable WebP");
			return false;
		}
		r->channels = feat.has_alpha ? 4 : 3;
		r->px = feat.has_alpha ? WebPDecodeRGBA(d, n, &r->w, &r->h)
			: WebPDecodeRGB(d, n, &r->w, &r->h);
		if (!r->px) {
			error_set(err, NULL, "unreadable WebP");
			return false;
		}
		/* WebP's allocator is not necessarily malloc: copy once */
		size_t size = (size_t)r->w * (size_t)r->h * (size_t)r->channels;
		unsigned char *copy = malloc(size);
		if (copy) {
			memcpy(copy, r->px, size);
		}
		WebPFree(r->px);
		r->px = copy;
		if (!copy) {
			error_set(err, NULL, "out of memory for the picture");
			return false;
		}
		return true;
	}
	if (f == FORMAT_PNG) {
		return png_decode(d, n, r, err);
	}
	if (f == FORMAT_JPEG && !jpeg_complete(d, n)) {
		error_set(err, NULL, "truncated JPEG (no end after its last scan)");
		return false;
	}
	/* stb_image reads a GIF's first frame only */
	r->px = stbi_load_from_memory(d, (int)n, &r->w, &r->h, &r->channels, 0);
	if (!r->px) {
		error_set(err, NULL, "unreadable %s (%s)", format_name(f),
			stbi_failure_reason());
		return false;
	}
	return true;
}

/* libjpeg's errors end a decoding through longjmp() */
struct jpeg_failure {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
};

static void jpeg_fail(j_common_ptr cinfo)
{
	longjmp(((struct jpeg_failure *)(void *)cinfo->err)->jump, 1);
}

/* a warning (a stream damaged but readable) is counted, not printed */
static void jpeg_quiet(j_common_ptr cinfo)
{
	(void)cinfo;
}

/* The smallest m/8 that keeps w x h at least min_w x min_h. */
static unsigned int pick_eighths(int w, int h, int min_w, int min_h)
{
	unsigned int m = 1;
	while (m < 8 && ((w * (long long)m + 7) / 8 < min_w
			|| (h * (long long)m + 7) / 8 < min_h)) {
		m++;
	}
	return m;
}

/* Through libjpeg-turbo; false (r empty) when it cannot, for stb to try. */
static bool decode_libjpeg(const unsigned char *d, size_t n, int min_w,
	int min_h, struct bs_raster *r)
{
	struct jpeg_decompress_struct cinfo;
	struct jpeg_failure failure;
	cinfo.err = jpeg_std_error(&failure.mgr);
	failure.mgr.error_exit = jpeg_fail;
	failure.mgr.output_message = jpeg_quiet;
	/* volatile: set after setjmp(), read after a longjmp() back */
	unsigned char *volatile px = NULL;
	if (setjmp(failure.jump)) {
		jpeg_destroy_decompress(&cinfo);
		free(px);
		return false;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, d, (unsigned long)n);
	jpeg_read_header(&cinfo, TRUE);
	J_COLOR_SPACE space = cinfo.jpeg_color_space;
	if (space != JCS_GRAYSCALE && space != JCS_YCbCr && space != JCS_RGB) {
		jpeg_destroy_decompress(&cinfo);
		return false;
	}
	cinfo.scale_num = pick_eighths((int)cinfo.image_width,
		(int)cinfo.image_height, min_w, min_h);
	cinfo.scale_denom = 8;
	cinfo.out_color_space = space == JCS_GRAYSCALE ? JCS_GRAYSCALE
		: JCS_RGB;
	cinfo.dct_method = JDCT_ISLOW;
	jpeg_start_decompress(&cinfo);
	idct_speed_up(&cinfo);
	size_t stride = (size_t)cinfo.output_width
		* (size_t)cinfo.output_components;
	px = malloc(stride * cinfo.output_height);
	if (!px) {
		jpeg_destroy_decompress(&cinfo);
		return false;
	}
	while (cinfo.output_scanline < cinfo.output_height) {
		JSAMPROW rows[16];
		JDIMENSION left = cinfo.output_height - cinfo.output_scanline;
		JDIMENSION count = left < 16 ? left : 16;
		for (JDIMENSION i = 0; i < count; i++) {
			rows[i] = px + (cinfo.output_scanline + i) * stride;
		}
		jpeg_read_scanlines(&cinfo, rows, count);
	}
	jpeg_finish_decompress(&cinfo);
	r->px = px;
	r->w = (int)cinfo.output_width;
	r->h = (int)cinfo.output_height;
	r->channels = cinfo.output_components;
	jpeg_destroy_decompress(&cinfo);
	return true;
}

bool decode_at_least(enum bs_format f, const unsigned char *d, size_t n,
	int min_w, int min_h, struct bs_raster *r, struct bs_error *err)
{
	memset(r, 0, sizeof(*r));
	if (f != FORMAT_JPEG || n > 0x7fffffff) {
		return decode(f, d, n, r, err);
	}
	if (!jpeg_complete(d, n)) {
		error_set(err, NULL, "truncated JPEG (no end after its last scan)");
		return false;
	}
	return decode_libjpeg(d, n, min_w, min_h, r) || decode(f, d, n, r, err);
}

/* EXIF reading, as much as orientation needs: TIFF header, IFD0. */
static unsigned read16(const unsigned char *p, bool le)
{
	return le ? (unsigned)(p[0] | p[1] << 8) : (unsigned)(p[0] << 8 | p[1]);
}

static unsigned long read32(const unsigned char *p, bool le)
{
	return le ? (unsigned long)p[0] | (unsigned long)p[1] << 8
		| (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24
		: (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16
		| (unsigned long)p[2] << 8 | (unsigned long)p[3];
}

static int tiff_orientation(const unsigned char *t, size_t n)
{
	if (n < 8) {
		return 1;
	}
	bool le = t[0] == 'I' && t[1] == 'I';
	if (!le && !(t[0] == 'M' && t[1] == 'M')) {
		return 1;
	}
	unsigned long ifd = read32(t + 4, le);
	if (ifd + 2 > n) {
		return 1;
	}
	unsigned entries = read16(t + ifd, le);
	for (unsigned i = 0; i < entries; i++) {
		size_t e = ifd + 2 + 12 * (size_t)i;
		if (e + 12 > n) {
			break;
		}
		if (read16(t + e, le) == 0x0112) {
			unsigned v = read16(t + e + 8, le);
			return v >= 1 && v <= 8 ? (int)v : 1;
		}
	}
	return 1;
}

int exif_orientation(const unsigned char *d, size_t n)
{
	size_t i = 2;
	while (i + 4 <= n && d[i] == 0xff) {
		unsigned marker = d[i + 1];
		size_t len = (size_t)d[i + 2] << 8 | d[i + 3];
		if (marker == 0xda || len < 2) {
			break;
		}
		if (marker == 0xe1 && i + 4 + len - 2 <= n && len >= 8
				&& memcmp(d + i + 4, "Exif\0\0", 6) == 0) {
			return tiff_orientation(d + i + 10, len - 8);
		}
		i += 2 + len;
	}
	return 1;
}
