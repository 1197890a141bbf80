#include "image/image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "image/raster.h"
#include "util/text.h"

void image_options_default(struct bs_image_options *o)
{
	memset(o, 0, sizeof(*o));
	o->max_width = 1264;
	o->max_height = 1680;
	o->quality = 80;
}

void image_finish(struct bs_image *img)
{
	buf_finish(&img->data);
}

static bool looks_like_svg(const unsigned char *d, size_t n)
{
	char head[512];
	size_t k = n < sizeof(head) - 1 ? n : sizeof(head) - 1;
	memcpy(head, d, k);
	head[k] = '\0';
	return text_find_ci(head, "<svg") != NULL;
}

/* Refusals decided from the header (its size to *w, *h), before any
 * decoding. */
static bool check_header(enum bs_format f, const unsigned char *d, size_t n,
	const struct bs_image_options *o, int *width, int *height,
	struct bs_error *err)
{
	int w, h;
	if (!decode_info(f, d, n, &w, &h)) {
		error_set(err, NULL, "unreadable %s header", format_name(f));
		return false;
	}
	if (w <= 0 || h <= 0 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE
			|| (long long)w * h > IMAGE_MAX_PIXELS) {
		error_set(err, NULL, "%s of %dx%d pixels, over the limit of %d "
			"megapixels", format_name(f), w, h,
			IMAGE_MAX_PIXELS / 1000000);
		return false;
	}
	if ((w <= IMAGE_TRACKER_SIDE && h <= IMAGE_TRACKER_SIDE)
			|| w <= IMAGE_TRACKER_SIDE || h <= IMAGE_TRACKER_SIDE) {
		error_set(err, NULL, "a %dx%d tracking pixel or spacer", w, h);
		return false;
	}
	if (!o->in_figure && w < IMAGE_ICON_SIDE && h < IMAGE_ICON_SIDE) {
		error_set(err, NULL, "a %dx%d icon outside a figure", w, h);
		return false;
	}
	*width = w;
	*height = h;
	return true;
}

/*
 * The size a w x h picture (as stored, before turning upright by
 * orientation) is shown at, fitted into the box, as stored: what it must
 * be decoded at, at least, to lose nothing.
 */
static void shown_size(int w, int h, int orientation,
	const struct bs_image_options *o, int *shown_w, int *shown_h)
{
	bool turned = orientation >= 5;
	raster_fit_size(w, h, turned ? o->max_height : o->max_width,
		turned ? o->max_width : o->max_height, shown_w, shown_h);
}

bool image_prepare_bytes(const char *name, const unsigned char *d, size_t n,
	const struct bs_image_options *o, struct bs_image *img,
	struct bs_error *err)
{
	memset(img, 0, sizeof(*img));
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	sha256_update(&ctx, n, d);
	sha256_digest(&ctx, sizeof(img->digest), img->digest);
	if (n == 0) {
		error_set(err, name, "empty picture file; left out");
		return false;
	}
	enum bs_format f = format_sniff(d, n);
	if (f == FORMAT_NONE) {
		error_set(err, name, "%s; left out", looks_like_svg(d, n)
			? "an SVG drawing, which broadsheet does not render"
			: "not a JPEG, PNG, GIF, BMP or WebP picture");
		return false;
	}
	struct bs_raster r;
	int w = 0, h = 0, min_w = 0, min_h = 0;
	int orientation = f == FORMAT_JPEG ? exif_orientation(d, n) : 1;
	bool read = check_header(f, d, n, o, &w, &h, err);
	if (read) {
		shown_size(w, h, orientation, o, &min_w, &min_h);
		read = decode_at_least(f, d, n, min_w, min_h, &r, err);
	}
	if (!read) {
		char reason[sizeof(err->reason)];
		snprintf(reason, sizeof(reason), "%s", err->reason);
		error_set(err, name, "%s; left out", reason);
		return false;
	}
	if (raster_invisible(&r)) {
		error_set(err, name, "a fully transparent spacer; left out");
		raster_finish(&r);
		return false;
	}
	bool as_is = (f == FORMAT_JPEG || f == FORMAT_PNG) && orientation == 1
		&& w <= o->max_width && h <= o->max_height
		&& (!o->grayscale || r.channels <= 2);
	/* an alpha channel with nothing transparent goes before the resize,
	 * which is then the fast one, not stb's */
	if (!raster_has_alpha(&r)) {
		raster_flatten(&r);
	}
	/* from the stored size, not the decoded one: the same shape and
	 * size however much the decoder scaled */
	raster_resize(&r, min_w, min_h);
	raster_orient(&r, orientation);
	if (o->grayscale) {
		raster_gray(&r);
	}
	bool ok = image_encode(r.px, r.w, r.h, r.channels, o, img, err);
	if (!ok) {
		error_set(err, name, "%s; left out", err->reason);
	}
	/* the original, stripped, when it is smaller */
	struct bs_buf stripped = {0};
	if (ok && as_is && image_strip_metadata(f, d, n, &stripped)
			&& stripped.len < img->data.len) {
		buf_finish(&img->data);
		img->data = stripped;
		img->media_type = f == FORMAT_JPEG ? "image/jpeg" : "image/png";
		img->ext = f == FORMAT_JPEG ? "jpg" : "png";
	} else {
		buf_finish(&stripped);
	}
	raster_finish(&r);
	return ok;
}

bool image_prepare(const char *ref, const struct bs_image_options *o,
	struct bs_image *img, struct bs_error *err)
{
	char name[1024];
	image_ref_name(ref, name, sizeof(name));
	struct bs_buf bytes = {0};
	if (!image_read(ref, &bytes, err)) {
		memset(img, 0, sizeof(*img));
		buf_finish(&bytes);
		return false;
	}
	bool ok = image_prepare_bytes(name, (const unsigned char *)bytes.data,
		bytes.len, o, img, err);
	buf_finish(&bytes);
	return ok;
}
