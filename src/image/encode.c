#include <stdlib.h>
#include <string.h>

#include <turbojpeg.h>

#include "image/image.h"
#include "image/png.h"
#include "image/raster.h"
#include "util/alloc.h"

/*
 * JPEG through TurboJPEG: stb_image_write writes three components even for
 * gray pictures, and e-ink wants true 8-bit gray. Gray is one component;
 * colour is 4:2:0.
 */
static bool write_jpeg(const unsigned char *px, int w, int h, int channels,
	int quality, struct bs_buf *out)
{
	tjhandle tj = tjInitCompress();
	if (!tj) {
		return false;
	}
	unsigned char *jpeg = NULL;
	unsigned long size = 0;
	bool gray = channels == 1;
	int rc = tjCompress2(tj, px, w, w * channels, h, gray ? TJPF_GRAY
		: TJPF_RGB, &jpeg, &size, gray ? TJSAMP_GRAY : TJSAMP_420,
		quality, 0);
	bool ok = rc == 0 && jpeg && size > 0;
	if (ok) {
		buf_append(out, jpeg, size);
	}
	tjFree(jpeg);
	tjDestroy(tj);
	return ok;
}

bool image_encode(const unsigned char *pixels, int w, int h, int channels,
	const struct bs_image_options *opts, struct bs_image *img,
	struct bs_error *err)
{
	struct bs_raster r = {(unsigned char *)pixels, w, h, channels};
	bool png = raster_has_alpha(&r) || raster_is_line_art(&r);
	unsigned char *owned = NULL;
	if (!png && (channels == 2 || channels == 4)) {
		/* an opaque picture with an alpha channel: JPEG has none */
		size_t size = (size_t)w * (size_t)h * (size_t)channels;
		owned = xmalloc(size);
		memcpy(owned, pixels, size);
		r.px = owned;
		raster_flatten(&r);
		owned = r.px;
	}
	buf_reset(&img->data);
	bool ok;
	if (png) {
		ok = png_encode(r.px, r.w, r.h, r.channels, &img->data, err);
		img->media_type = "image/png";
		img->ext = "png";
	} else {
		ok = write_jpeg(r.px, r.w, r.h, r.channels, opts->quality,
			&img->data);
		if (!ok) {
			error_set(err, NULL, "the picture could not be "
				"encoded");
		}
		img->media_type = "image/jpeg";
		img->ext = "jpg";
	}
	free(owned);
	if (!ok) {
		return false;
	}
	img->width = w;
	img->height = h;
	return true;
}

bool image_encode_jpeg(const unsigned char *pixels, int w, int h,
	int channels, int quality, struct bs_image *img, struct bs_error *err)
{
	buf_reset(&img->data);
	if (!write_jpeg(pixels, w, h, channels, quality, &img->data)) {
		error_set(err, NULL, "the picture could not be encoded");
		return false;
	}
	img->media_type = "image/jpeg";
	img->ext = "jpg";
	img->width = w;
	img->height = h;
	return true;
}

/*
 * A JPEG without its EXIF, XMP, IPTC and comments: APP1, APP3..APP13,
 * APP15 and COM segments go; JFIF, the ICC profile (APP2) and Adobe's
 * colour transform (APP14) stay. Returns false when the file is not laid
 * out as expected (then it is re-encoded instead).
 */
static bool strip_jpeg(const unsigned char *d, size_t n, struct bs_buf *out)
{
	if (n < 4 || d[0] != 0xff || d[1] != 0xd8) {
		return false;
	}
	buf_append(out, d, 2);
	size_t i = 2;
	while (i + 4 <= n) {
		if (d[i] != 0xff) {
			return false;
		}
		unsigned marker = d[i + 1];
		if (marker == 0xda) {
			buf_append(out, d + i, n - i);
			return true;
		}
		size_t len = (size_t)d[i + 2] << 8 | d[i + 3];
		if (len < 2 || i + 2 + len > n) {
			return false;
		}
		bool drop = marker == 0xfe || marker == 0xe1
			|| (marker >= 0xe3 && marker <= 0xed) || marker == 0xef;
		if (!drop) {
			buf_append(out, d + i, 2 + len);
		}
		i += 2 + len;
	}
	return false;
}

bool image_strip_metadata(int format, const unsigned char *d, size_t n,
	struct bs_buf *out)
{
	buf_reset(out);
	return format == FORMAT_JPEG ? strip_jpeg(d, n, out)
		: format == FORMAT_PNG ? png_strip(d, n, out) : false;
}
