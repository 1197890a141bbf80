/* the inner loops are most of a build's time: let GCC vectorize them */
#pragma GCC optimize("O3")

#include "image/resample.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/alloc.h"

enum { LINEAR_MAX = 65535 };

static float linear[256];		/* sRGB byte -> linear, 0..1 */
static uint8_t srgb[LINEAR_MAX + 1];	/* linear x 65535 -> sRGB byte */

static void build_tables(void)
{
	for (int i = 0; i < 256; i++) {
		double s = i / 255.0;
		double l = s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
		linear[i] = (float)l;
	}
	for (int i = 0; i <= LINEAR_MAX; i++) {
		double l = (double)i / LINEAR_MAX;
		double s = l <= 0.0031308 ? l * 12.92
			: 1.055 * pow(l, 1 / 2.4) - 0.055;
		srgb[i] = (uint8_t)lround(s * 255);
	}
}

/* Mitchell-Netravali, B = C = 1/3, support 2 */
static double mitchell(double x)
{
	const double b = 1.0 / 3, c = 1.0 / 3;
	x = fabs(x);
	if (x < 1) {
		return ((12 - 9 * b - 6 * c) * x * x * x
			+ (-18 + 12 * b + 6 * c) * x * x + (6 - 2 * b)) / 6;
	}
	if (x < 2) {
		return ((-b - 6 * c) * x * x * x + (6 * b + 30 * c) * x * x
			+ (-12 * b - 48 * c) * x + (8 * b + 24 * c)) / 6;
	}
	return 0;
}

/* The input samples and weights of each output sample. */
struct taps {
	int *first;		/* first input index, per output */
	int *count;		/* taps, per output */
	float *weight;		/* max_count per output */
	int max_count;
};

static void taps_make(struct taps *t, int in, int out)
{
	double scale = (double)in / out;
	double widen = scale > 1 ? scale : 1;
	double support = 2 * widen;
	t->max_count = (int)ceil(2 * support) + 2;
	t->first = xcalloc((size_t)out, sizeof(int));
	t->count = xcalloc((size_t)out, sizeof(int));
	t->weight = xcalloc((size_t)out * (size_t)t->max_count, sizeof(float));
	double *w = xcalloc((size_t)t->max_count, sizeof(double));
	for (int o = 0; o < out; o++) {
		double center = (o + 0.5) * scale - 0.5;
		int lo = (int)floor(center - support) + 1;
		int hi = (int)floor(center + support);
		lo = lo < 0 ? 0 : lo;
		hi = hi > in - 1 ? in - 1 : hi;
		int n = hi - lo + 1;
		if (n > t->max_count) {
			n = t->max_count;
		}
		double sum = 0;
		for (int k = 0; k < n; k++) {
			w[k] = mitchell((lo + k - center) / widen);
			sum += w[k];
		}
		float *fw = t->weight + (size_t)o * (size_t)t->max_count;
		for (int k = 0; k < n; k++) {
			fw[k] = (float)(w[k] / sum);
		}
		t->first[o] = lo;
		t->count[o] = n;
	}
	free(w);
}

static void taps_finish(struct taps *t)
{
	free(t->first);
	free(t->count);
	free(t->weight);
}

/* A pixel's three channels and a spare, in one vector register. */
typedef float pixel4 __attribute__((vector_size(4 * sizeof(float))));

/*
 * One input row, made linear (into lin, w pixels, 4 floats each for
 * colour) and filtered across into out (nw x c): a colour tap weighs all
 * three channels in one vector operation.
 */
static void filter_row(const unsigned char *row, int w, int c,
	const struct taps *t, int nw, float *lin, float *out)
{
	if (c == 3) {
		pixel4 *px = (pixel4 *)lin;
		for (int i = 0; i < w; i++) {
			px[i] = (pixel4){linear[row[3 * i]], linear[row[3 * i + 1]],
				linear[row[3 * i + 2]], 0};
		}
		for (int o = 0; o < nw; o++) {
			const float *wt = t->weight + (size_t)o
				* (size_t)t->max_count;
			const pixel4 *p = px + t->first[o];
			pixel4 acc = {0, 0, 0, 0};
			for (int k = 0; k < t->count[o]; k++) {
				acc += wt[k] * p[k];
			}
			out[3 * o] = acc[0];
			out[3 * o + 1] = acc[1];
			out[3 * o + 2] = acc[2];
		}
		return;
	}
	for (int i = 0; i < w; i++) {
		lin[i] = linear[row[i]];
	}
	for (int o = 0; o < nw; o++) {
		const float *wt = t->weight + (size_t)o * (size_t)t->max_count;
		const float *p = lin + t->first[o];
		float v = 0;
		for (int k = 0; k < t->count[o]; k++) {
			v += wt[k] * p[k];
		}
		out[o] = v;
	}
}

bool resample_srgb(const unsigned char *in, int w, int h, int c,
	unsigned char *out, int nw, int nh)
{
	if (c != 1 && c != 3) {
		return false;
	}
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, build_tables);
	struct taps across, down;
	taps_make(&across, w, nw);
	taps_make(&down, h, nh);
	/* the rows filtered across that the output rows still need: a ring */
	int ring = down.max_count;
	size_t row_len = (size_t)nw * (size_t)c;
	float *rows = xmalloc((size_t)ring * row_len * sizeof(float));
	int *held = xmalloc((size_t)ring * sizeof(int));
	const float **src_rows = xmalloc((size_t)ring * sizeof(*src_rows));
	float *acc = xmalloc(row_len * sizeof(*acc));
	/* aligned for pixel4 whatever malloc's alignment on the platform */
	float *lin = xaligned_alloc(sizeof(pixel4), (size_t)w * sizeof(pixel4));
	for (int i = 0; i < ring; i++) {
		held[i] = -1;
	}
	for (int y = 0; y < nh; y++) {
		const float *wy = down.weight + (size_t)y * (size_t)down.max_count;
		unsigned char *dst = out + (size_t)y * row_len;
		for (int k = 0; k < down.count[y]; k++) {
			int src = down.first[y] + k;
			if (held[src % ring] != src) {
				filter_row(in + (size_t)src * (size_t)w * (size_t)c, w,
					c, &across, nw, lin,
					rows + (size_t)(src % ring) * row_len);
				held[src % ring] = src;
			}
		}
		for (int k = 0; k < down.count[y]; k++) {
			src_rows[k] = rows + (size_t)((down.first[y] + k) % ring)
				* row_len;
		}
		for (size_t x = 0; x < row_len; x++) {
			acc[x] = 0;
		}
		for (int k = 0; k < down.count[y]; k++) {
			const float *r = src_rows[k];
			float wk = wy[k];
			for (size_t x = 0; x < row_len; x++) {
				acc[x] += wk * r[x];
			}
		}
		for (size_t x = 0; x < row_len; x++) {
			float v = acc[x] * LINEAR_MAX + 0.5f;
			dst[x] = srgb[v < 0 ? 0 : v > LINEAR_MAX ? LINEAR_MAX
				: (int)v];
		}
	}
	free(lin);
	free(acc);
	free(src_rows);
	free(held);
	free(rows);
	taps_finish(&across);
	taps_finish(&down);
	return true;
}
