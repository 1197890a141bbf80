/*
 * How much picture quality broadsheet's fast path gives up, measured.
 *
 * Usage: image-quality [--box WxH] [--quality N] PICTURE...
 *
 * For each JPEG, three versions of it fitted into the box (default
 * 1264x1680, broadsheet's):
 *
 *   reference  decoded whole (stb_image), resized by stb_image_resize
 *              (sRGB-correct, Mitchell, floating point); not encoded: the
 *              best the box can show
 *   careful    the reference encoded as broadsheet encodes (JPEG at the
 *              quality, default 80) and decoded again
 *   broadsheet image_prepare() as a build runs it (libjpeg-turbo scaling
 *              in the DCT domain while decoding, broadsheet's fixed-point
 *              resize, the same encoding), decoded again
 *
 * and for careful and broadsheet against the reference: PSNR (dB, on all
 * channels) and SSIM (on luma, 8x8 windows, stride 4). Prints one line
 * per picture and the means; "loss" is careful minus broadsheet (positive:
 * broadsheet is worse). Exit status 0; 2 on a usage error; 1 when no
 * picture could be read.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stb_image.h>
#include <stb_image_resize.h>

#include "image/image.h"
#include "image/raster.h"
#include "util/buf.h"

struct score {
	double psnr, ssim;
};

static double luma(const unsigned char *p, int channels)
{
	return channels >= 3 ? 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]
		: p[0];
}

/* a against b, both w x h with channels channels */
static struct score compare(const unsigned char *a, const unsigned char *b,
	int w, int h, int channels)
{
	double se = 0;
	size_t n = (size_t)w * h * channels;
	for (size_t i = 0; i < n; i++) {
		double d = (double)a[i] - b[i];
		se += d * d;
	}
	double mse = se / (double)n;
	struct score s;
	s.psnr = mse > 0 ? 10 * log10(255.0 * 255.0 / mse) : 99;
	const double c1 = 6.5025, c2 = 58.5225;
	double total = 0;
	long windows = 0;
	for (int y = 0; y + 8 <= h; y += 4) {
		for (int x = 0; x + 8 <= w; x += 4) {
			double ma = 0, mb = 0, va = 0, vb = 0, cov = 0;
			for (int dy = 0; dy < 8; dy++) {
				for (int dx = 0; dx < 8; dx++) {
					size_t o = ((size_t)(y + dy) * w + x + dx)
						* channels;
					double la = luma(a + o, channels);
					double lb = luma(b + o, channels);
					ma += la;
					mb += lb;
					va += la * la;
					vb += lb * lb;
					cov += la * lb;
				}
			}
			ma /= 64;
			mb /= 64;
			va = va / 64 - ma * ma;
			vb = vb / 64 - mb * mb;
			cov = cov / 64 - ma * mb;
			total += ((2 * ma * mb + c1) * (2 * cov + c2))
				/ ((ma * ma + mb * mb + c1) * (va + vb + c2));
			windows++;
		}
	}
	s.ssim = windows ? total / (double)windows : 1;
	return s;
}

/* The pixels of an encoded picture, as channels channels. */
static unsigned char *decoded(const struct bs_image *img, int channels,
	int *w, int *h)
{
	int c;
	return stbi_load_from_memory((const unsigned char *)img->data.data,
		(int)img->data.len, w, h, &c, channels);
}

static bool measure(const char *path, const struct bs_image_options *o,
	struct score *careful, struct score *fast)
{
	struct bs_buf bytes = {0};
	struct bs_error err;
	error_clear(&err);
	if (!image_read(path, &bytes, &err)) {
		fprintf(stderr, "image-quality: %s: %s\n", path, err.reason);
		return false;
	}
	const unsigned char *d = (const unsigned char *)bytes.data;
	bool ok = false;
	struct bs_raster ref;
	struct bs_image enc, bs;
	memset(&enc, 0, sizeof(enc));
	memset(&bs, 0, sizeof(bs));
	unsigned char *pc = NULL, *pb = NULL;
	if (format_sniff(d, bytes.len) != FORMAT_JPEG
			|| !decode(FORMAT_JPEG, d, bytes.len, &ref, &err)) {
		fprintf(stderr, "image-quality: %s: not a JPEG that decodes\n",
			path);
		buf_finish(&bytes);
		return false;
	}
	raster_orient(&ref, exif_orientation(d, bytes.len));
	int rw, rh;
	raster_fit_size(ref.w, ref.h, o->max_width, o->max_height, &rw, &rh);
	unsigned char *fitted = malloc((size_t)rw * rh * ref.channels);
	if (!fitted || !stbir_resize_uint8_srgb(ref.px, ref.w, ref.h, 0,
			fitted, rw, rh, 0, ref.channels,
			STBIR_ALPHA_CHANNEL_NONE, 0)) {
		fprintf(stderr, "image-quality: %s: stb cannot resize it\n",
			path);
		free(fitted);
		raster_finish(&ref);
		buf_finish(&bytes);
		return false;
	}
	free(ref.px);
	ref.px = fitted;
	ref.w = rw;
	ref.h = rh;
	int w, h;
	if (image_encode_jpeg(ref.px, ref.w, ref.h, ref.channels, o->quality,
			&enc, &err)
			&& image_prepare_bytes(path, d, bytes.len, o, &bs, &err)
			&& (pc = decoded(&enc, ref.channels, &w, &h))
			&& w == ref.w && h == ref.h
			&& (pb = decoded(&bs, ref.channels, &w, &h))
			&& w == ref.w && h == ref.h) {
		*careful = compare(pc, ref.px, w, h, ref.channels);
		*fast = compare(pb, ref.px, w, h, ref.channels);
		ok = true;
	} else {
		fprintf(stderr, "image-quality: %s: %s\n", path, err.reason[0]
			? err.reason : "sizes differ");
	}
	stbi_image_free(pc);
	stbi_image_free(pb);
	image_finish(&enc);
	image_finish(&bs);
	raster_finish(&ref);
	buf_finish(&bytes);
	return ok;
}

int main(int argc, char **argv)
{
	struct bs_image_options o;
	image_options_default(&o);
	o.in_figure = true;
	int first = 1;
	while (first < argc && argv[first][0] == '-') {
		if (strcmp(argv[first], "--box") == 0 && first + 1 < argc
				&& sscanf(argv[first + 1], "%dx%d", &o.max_width,
				&o.max_height) == 2) {
			first += 2;
		} else if (strcmp(argv[first], "--quality") == 0
				&& first + 1 < argc) {
			o.quality = atoi(argv[first + 1]);
			first += 2;
		} else {
			fprintf(stderr, "Usage: image-quality [--box WxH] "
				"[--quality N] PICTURE...\n");
			return 2;
		}
	}
	printf("%-28s %9s %9s %9s %9s\n", "picture", "careful", "broadsh.",
		"careful", "broadsh.");
	printf("%-28s %9s %9s %9s %9s\n", "", "PSNR dB", "PSNR dB", "SSIM",
		"SSIM");
	struct score sum_c = {0, 0}, sum_f = {0, 0};
	int n = 0;
	for (int i = first; i < argc; i++) {
		struct score c, f;
		if (!measure(argv[i], &o, &c, &f)) {
			continue;
		}
		const char *name = strrchr(argv[i], '/');
		printf("%-28.28s %9.2f %9.2f %9.4f %9.4f\n",
			name ? name + 1 : argv[i], c.psnr, f.psnr, c.ssim, f.ssim);
		sum_c.psnr += c.psnr;
		sum_c.ssim += c.ssim;
		sum_f.psnr += f.psnr;
		sum_f.ssim += f.ssim;
		n++;
	}
	if (!n) {
		return 1;
	}
	printf("%-28s %9.2f %9.2f %9.4f %9.4f\n", "mean", sum_c.psnr / n,
		sum_f.psnr / n, sum_c.ssim / n, sum_f.ssim / n);
	printf("image quality: %d pictures, mean PSNR careful %.2f dB, "
		"broadsheet %.2f dB (loss %.2f dB); SSIM %.4f vs %.4f\n", n,
		sum_c.psnr / n, sum_f.psnr / n, (sum_c.psnr - sum_f.psnr) / n,
		sum_c.ssim / n, sum_f.ssim / n);
	return 0;
}
