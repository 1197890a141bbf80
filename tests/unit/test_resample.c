/*
 * The fixed-point resize against a double-precision one, and the loops a
 * build uses (AVX2 and AVX-512 where the processor has them) against the
 * plain C and the SSE2-only ones (the same file built with
 * RESAMPLE_PORTABLE or RESAMPLE_SSE2_ONLY, names suffixed _portable or
 * _sse2): within one level of the first, identical to the others.
 */
#include <math.h>
#include <stdint.h>

#include "harness.h"
#include "image/resample.h"

bool resample_srgb_portable(const unsigned char *in, int w, int h,
	int channels, unsigned char *out, int nw, int nh);
bool resample_srgb_sse2(const unsigned char *in, int w, int h,
	int channels, unsigned char *out, int nw, int nh);

/* the other builds of the same loops, to compare with */
static bool (*const others[])(const unsigned char *, int, int, int,
	unsigned char *, int, int) = {
	resample_srgb_portable, resample_srgb_sse2,
};
static const char *const other_names[] = {"plain C", "SSE2"};

static double to_linear(double s)
{
	s /= 255;
	return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

static double to_srgb(double l)
{
	l = l < 0 ? 0 : l > 1 ? 1 : l;
	return 255 * (l <= 0.0031308 ? l * 12.92
		: 1.055 * pow(l, 1 / 2.4) - 0.055);
}

/*
 * Mitchell-Netravali with B = C = 1/3 written out in its own coefficients,
 * not in the B, C form the code uses: a slip in either shows.
 */
static double mitchell(double x)
{
	x = fabs(x);
	if (x < 1) {
		return (7 * x * x * x - 12 * x * x + 16.0 / 3) / 6;
	}
	if (x < 2) {
		return (-7.0 / 3 * x * x * x + 12 * x * x - 20 * x + 32.0 / 3)
			/ 6;
	}
	return 0;
}

/* One axis of the reference: in[0..n) at stride, into out[0..nn). */
static void reference_axis(const double *in, int n, size_t stride,
	double *out, int nn, size_t out_stride)
{
	double scale = (double)n / nn, widen = scale > 1 ? scale : 1;
	for (int o = 0; o < nn; o++) {
		double center = (o + 0.5) * scale - 0.5, sum = 0, acc = 0;
		for (int i = (int)floor(center - 2 * widen) + 1;
				i <= (int)floor(center + 2 * widen); i++) {
			if (i < 0 || i >= n) {
				continue;
			}
			double wt = mitchell((i - center) / widen);
			sum += wt;
			acc += wt * in[(size_t)i * stride];
		}
		out[(size_t)o * out_stride] = acc / sum;
	}
}

/* A gray picture resized in double precision. */
static void reference(const unsigned char *in, int w, int h,
	unsigned char *out, int nw, int nh)
{
	double *a = malloc((size_t)w * (size_t)h * sizeof(double));
	double *b = malloc((size_t)nw * (size_t)h * sizeof(double));
	double *c = malloc((size_t)nw * (size_t)nh * sizeof(double));
	for (size_t i = 0; i < (size_t)w * (size_t)h; i++) {
		a[i] = to_linear(in[i]);
	}
	for (int y = 0; y < h; y++) {
		reference_axis(a + (size_t)y * (size_t)w, w, 1,
			b + (size_t)y * (size_t)nw, nw, 1);
	}
	for (int x = 0; x < nw; x++) {
		reference_axis(b + x, h, (size_t)nw, c + x, nh, (size_t)nw);
	}
	for (size_t i = 0; i < (size_t)nw * (size_t)nh; i++) {
		double v = to_srgb(c[i]);
		out[i] = (unsigned char)lround(v < 0 ? 0 : v > 255 ? 255 : v);
	}
	free(a);
	free(b);
	free(c);
}

/* Noise, gradients and hard edges: what photographs and charts have. */
static void fill(unsigned char *px, int w, int h, unsigned seed)
{
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			seed = seed * 1103515245u + 12345u;
			int v = (x * 255) / (w > 1 ? w - 1 : 1);
			if ((x / 7 + y / 5) % 3 == 0) {
				v = (x / 7) % 2 ? 0 : 255;
			} else if (y % 4 == 0) {
				v = (int)(seed >> 24);
			}
			px[(size_t)y * (size_t)w + (size_t)x] = (unsigned char)v;
		}
	}
}

static const int sizes[][4] = {
	{300, 200, 257, 171},	/* what follows a DCT-scaled decode */
	{300, 200, 150, 100},
	{301, 203, 41, 29},
	{40, 30, 60, 45},	/* up */
	{1, 1, 3, 3},
	{5, 1, 2, 1},
	{1, 7, 1, 3},
	{17, 13, 16, 13},	/* across only */
	{13, 17, 13, 5},	/* down only */
	{1264, 9, 1263, 8},
	{500, 40, 340, 28},	/* 16 outputs' taps in 32 samples */
	{330, 40, 200, 24},	/* not quite: the AVX2 loop across */
};

static void within_one(void)
{
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int w = sizes[s][0], h = sizes[s][1];
		int nw = sizes[s][2], nh = sizes[s][3];
		unsigned char *in = malloc((size_t)w * (size_t)h);
		unsigned char *got = malloc((size_t)nw * (size_t)nh);
		unsigned char *other = malloc((size_t)nw * (size_t)nh);
		unsigned char *want = malloc((size_t)nw * (size_t)nh);
		fill(in, w, h, (unsigned)s);
		OK(resample_srgb(in, w, h, 1, got, nw, nh), "gray refused");
		reference(in, w, h, want, nw, nh);
		int worst = 0;
		for (size_t i = 0; i < (size_t)nw * (size_t)nh; i++) {
			int d = abs(got[i] - want[i]);
			worst = d > worst ? d : worst;
		}
		OK(worst <= 1, "%dx%d -> %dx%d: off by %d", w, h, nw, nh, worst);
		for (size_t k = 0; k < 2; k++) {
			others[k](in, w, h, 1, other, nw, nh);
			int differ = 0;
			for (size_t i = 0; i < (size_t)nw * (size_t)nh; i++) {
				differ += got[i] != other[i];
			}
			OK(differ == 0, "%dx%d -> %dx%d: %d samples differ from "
				"the %s loops", w, h, nw, nh, differ,
				other_names[k]);
		}
		free(in);
		free(got);
		free(other);
		free(want);
	}
}

static void flat_stays_flat(void)
{
	unsigned char in[200 * 48], out[131 * 29];
	for (int v = 0; v < 256; v++) {
		memset(in, v, sizeof(in));
		resample_srgb(in, 200, 48, 1, out, 131, 29);
		int off = 0;
		for (size_t i = 0; i < sizeof(out); i++) {
			off += out[i] != v;
		}
		OK(off == 0, "level %d: %d samples changed", v, off);
	}
}

/*
 * Colour: each channel as its own plane, inside interleaved pixels; wide
 * enough for several of the AVX-512 loop's 64 samples and a rest.
 */
static void channels(void)
{
	enum { W = 230, H = 70, NW = 157, NH = 47 };
	unsigned char plane[W * H], rgb[W * H * 3];
	unsigned char out[NW * NH * 3], plain[NW * NH * 3], one[NW * NH];
	unsigned char sse2[NW * NH * 3];
	for (int k = 0; k < 3; k++) {
		fill(plane, W, H, 7 + (unsigned)k);
		for (int i = 0; i < W * H; i++) {
			rgb[3 * i + k] = plane[i];
		}
	}
	OK(resample_srgb(rgb, W, H, 3, out, NW, NH), "RGB refused");
	OK(resample_srgb_portable(rgb, W, H, 3, plain, NW, NH), "RGB refused");
	OK(resample_srgb_sse2(rgb, W, H, 3, sse2, NW, NH), "RGB refused");
	OK(memcmp(out, plain, sizeof(out)) == 0, "SIMD and plain C differ");
	OK(memcmp(out, sse2, sizeof(out)) == 0, "this build and SSE2 differ");
	for (int k = 0; k < 3; k++) {
		fill(plane, W, H, 7 + (unsigned)k);
		resample_srgb(plane, W, H, 1, one, NW, NH);
		int differ = 0;
		for (int i = 0; i < NW * NH; i++) {
			differ += out[3 * i + k] != one[i];
		}
		OK(differ == 0, "channel %d: %d samples differ from the plane "
			"alone", k, differ);
	}
	OK(!resample_srgb(rgb, W, H, 4, out, NW, NH), "RGBA is stb's");
}

static const struct subtest tests[] = {
	{"within_one", within_one},
	{"flat", flat_stays_flat},
	{"channels", channels},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
