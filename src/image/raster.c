#include "image/raster.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <stb_image_resize.h>

#include "image/resample.h"
#include "util/alloc.h"

void raster_finish(struct bs_raster *r)
{
	free(r->px);
	r->px = NULL;
}

static size_t raster_size(int w, int h, int c)
{
	return (size_t)w * (size_t)h * (size_t)c;
}

/*
 * EXIF orientations: where the stored pixel (x, y) goes. 5..8 swap width
 * and height.
 */
void raster_orient(struct bs_raster *r, int o)
{
	if (o < 2 || o > 8) {
		return;
	}
	int w = r->w, h = r->h, c = r->channels;
	bool swap = o >= 5;
	int nw = swap ? h : w, nh = swap ? w : h;
	unsigned char *out = xmalloc(raster_size(nw, nh, c));
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			int nx, ny;
			switch (o) {
			case 2: nx = w - 1 - x; ny = y; break;
			case 3: nx = w - 1 - x; ny = h - 1 - y; break;
			case 4: nx = x; ny = h - 1 - y; break;
			case 5: nx = y; ny = x; break;
			case 6: nx = h - 1 - y; ny = x; break;
			case 7: nx = h - 1 - y; ny = w - 1 - x; break;
			default: nx = y; ny = w - 1 - x; break;	/* 8 */
			}
			memcpy(out + ((size_t)ny * (size_t)nw + (size_t)nx) * (size_t)c,
				r->px + ((size_t)y * (size_t)w + (size_t)x) * (size_t)c,
				(size_t)c);
		}
	}
	free(r->px);
	r->px = out;
	r->w = nw;
	r->h = nh;
}

void raster_fit_size(int w, int h, int max_w, int max_h, int *nw, int *nh)
{
	*nw = w;
	*nh = h;
	if (w <= max_w && h <= max_h) {
		return;
	}
	double scale = fmin((double)max_w / w, (double)max_h / h);
	*nw = (int)lround(w * scale);
	*nh = (int)lround(h * scale);
	*nw = *nw < 1 ? 1 : *nw > max_w ? max_w : *nw;
	*nh = *nh < 1 ? 1 : *nh > max_h ? max_h : *nh;
}

void raster_resize(struct bs_raster *r, int nw, int nh)
{
	if (r->w == nw && r->h == nh) {
		return;
	}
	unsigned char *out = xmalloc(raster_size(nw, nh, r->channels));
	int alpha = r->channels == 4 ? 3 : r->channels == 2 ? 1
		: STBIR_ALPHA_CHANNEL_NONE;
	/* pictures with alpha: stb, which weighs colour by coverage */
	if (!resample_srgb(r->px, r->w, r->h, r->channels, out, nw, nh)
			&& !stbir_resize_uint8_srgb(r->px, r->w, r->h, 0, out, nw,
			nh, 0, r->channels, alpha, 0)) {
		free(out);
		return;
	}
	free(r->px);
	r->px = out;
	r->w = nw;
	r->h = nh;
}

void raster_fit(struct bs_raster *r, int max_w, int max_h)
{
	int nw, nh;
	raster_fit_size(r->w, r->h, max_w, max_h, &nw, &nh);
	raster_resize(r, nw, nh);
}

bool raster_has_alpha(const struct bs_raster *r)
{
	if (r->channels != 2 && r->channels != 4) {
		return false;
	}
	size_t n = (size_t)r->w * (size_t)r->h;
	for (size_t i = 0; i < n; i++) {
		if (r->px[i * (size_t)r->channels + (size_t)r->channels - 1] != 255) {
			return true;
		}
	}
	return false;
}

bool raster_invisible(const struct bs_raster *r)
{
	if (r->channels != 2 && r->channels != 4) {
		return false;
	}
	size_t n = (size_t)r->w * (size_t)r->h;
	for (size_t i = 0; i < n; i++) {
		if (r->px[i * (size_t)r->channels + (size_t)r->channels - 1] != 0) {
			return false;
		}
	}
	return true;
}

/* sRGB <-> linear light, by table: 8-bit in, 12-bit linear out. */
static float to_linear[256];
static uint8_t to_srgb[4096];

static void build_tables(void)
{
	for (int i = 0; i < 256; i++) {
		double v = i / 255.0;
		to_linear[i] = (float)(v <= 0.04045 ? v / 12.92
			: pow((v + 0.055) / 1.055, 2.4));
	}
	for (int i = 0; i < 4096; i++) {
		double v = i / 4095.0;
		double s = v <= 0.0031308 ? v * 12.92
			: 1.055 * pow(v, 1 / 2.4) - 0.055;
		to_srgb[i] = (uint8_t)lround(s * 255);
	}
}

static void tables(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, build_tables);
}

void raster_flatten(struct bs_raster *r)
{
	if (r->channels != 2 && r->channels != 4) {
		return;
	}
	tables();
	int c = r->channels, nc = c - 1;
	size_t n = (size_t)r->w * (size_t)r->h;
	unsigned char *out = xmalloc(n * (size_t)nc);
	for (size_t i = 0; i < n; i++) {
		const unsigned char *p = r->px + i * (size_t)c;
		if (p[c - 1] == 255) {
			/* opaque: as it is, not through the 12-bit tables */
			memcpy(out + i * (size_t)nc, p, (size_t)nc);
			continue;
		}
		float a = p[c - 1] / 255.0f;
		for (int k = 0; k < nc; k++) {
			/* composite in linear light over white */
			float v = to_linear[p[k]] * a + (1 - a);
			out[i * (size_t)nc + (size_t)k] = to_srgb[(int)(v * 4095 + 0.5f)];
		}
	}
	free(r->px);
	r->px = out;
	r->channels = nc;
}

void raster_gray(struct bs_raster *r)
{
	if (r->channels <= 2) {
		return;
	}
	tables();
	bool alpha = r->channels == 4;
	int nc = alpha ? 2 : 1;
	size_t n = (size_t)r->w * (size_t)r->h;
	unsigned char *out = xmalloc(n * (size_t)nc);
	for (size_t i = 0; i < n; i++) {
		const unsigned char *p = r->px + i * (size_t)r->channels;
		float y = 0.2126f * to_linear[p[0]] + 0.7152f * to_linear[p[1]]
			+ 0.0722f * to_linear[p[2]];
		if (y > 1) {
			y = 1;
		}
		out[i * (size_t)nc] = to_srgb[(int)(y * 4095 + 0.5f)];
		if (alpha) {
			out[i * (size_t)nc + 1] = p[3];
		}
	}
	free(r->px);
	r->px = out;
	r->channels = nc;
}

/*
 * Drawn pictures have few colours: count the distinct colours of a sample
 * of pixels, in a small open-addressing set.
 */
bool raster_is_line_art(const struct bs_raster *r)
{
	enum { SET = 1024, MAX_COLOURS = 96, SAMPLES = 20000 };
	uint64_t set[SET];
	memset(set, 0xff, sizeof(set));	/* UINT64_MAX: empty */
	size_t n = (size_t)r->w * (size_t)r->h;
	size_t step = n > SAMPLES ? n / SAMPLES : 1;
	int colours = 0;
	for (size_t i = 0; i < n; i += step) {
		const unsigned char *p = r->px + i * (size_t)r->channels;
		uint64_t v = 0;
		for (int k = 0; k < r->channels; k++) {
			v = v << 8 | p[k];
		}
		uint32_t h = (uint32_t)(v * 2654435761u) >> 22;
		while (set[h % SET] != UINT64_MAX && set[h % SET] != v) {
			h++;
		}
		if (set[h % SET] == UINT64_MAX) {
			set[h % SET] = v;
			if (++colours > MAX_COLOURS) {
				return false;
			}
		}
	}
	return true;
}
