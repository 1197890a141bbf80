/*
 * decode-floor: decodes each picture named on the command line once, keeps
 * nothing, and prints one line:
 *
 *   files N decoded N failed N megapixels X seconds X
 *
 * Part of bench/edition (the floor: the least any tool must spend to read
 * the pictures), which builds it into a temporary folder:
 *
 *   cc -O2 -o decode-floor bench/decode-floor.c -lm
 *   cc -O2 -DHAVE_TURBOJPEG -o decode-floor bench/decode-floor.c -lm \
 *       -lturbojpeg
 *
 *   decode-floor FILE...             every file with stb_image, full size
 *   decode-floor --box WxH FILE...   JPEGs with libjpeg-turbo at the
 *                                    smallest DCT scaling (1/2, 1/4...)
 *                                    that still covers the size the
 *                                    picture takes scaled into WxH, the
 *                                    others with stb_image (needs
 *                                    HAVE_TURBOJPEG)
 *
 * Each file is read into memory first; only the decoding is timed
 * (CLOCK_MONOTONIC), one file after the other, on one core; megapixels are
 * those decoded. A file the decoder refuses is counted as failed and named
 * on stderr; the exit status is 0 all the same (the corpus has a truncated
 * JPEG on purpose), 2 for a file that cannot be read or a bad option.
 */
#define _POSIX_C_SOURCE 200809L
#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_STDIO
#include <stb/stb_image.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef HAVE_TURBOJPEG
#include <turbojpeg.h>
#endif

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		return NULL;
	}
	size_t cap = 1 << 20, len = 0;
	unsigned char *d = malloc(cap);
	size_t r;
	while (d && (r = fread(d + len, 1, cap - len, f)) > 0) {
		len += r;
		if (len == cap) {
			unsigned char *g = realloc(d, cap *= 2);
			if (!g) {
				free(d);
				d = NULL;
				break;
			}
			d = g;
		}
	}
	if (ferror(f)) {
		free(d);
		d = NULL;
	}
	fclose(f);
	*n = len;
	return d;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

#ifdef HAVE_TURBOJPEG
/*
 * Decodes a JPEG at the smallest scale that covers its size fitted into
 * box_w x box_h; the decoded pixel count, or -1 when libjpeg-turbo refuses.
 */
static double decode_turbo(const unsigned char *d, size_t n, int box_w,
	int box_h)
{
	tjhandle tj = tjInitDecompress();
	int w, h, subsamp, cs;
	double got = -1;
	if (tj && tjDecompressHeader3(tj, d, (unsigned long)n, &w, &h, &subsamp,
			&cs) == 0) {
		double s = 1;
		if (w > box_w || h > box_h) {
			s = (double)box_w / w < (double)box_h / h
				? (double)box_w / w : (double)box_h / h;
		}
		int min_w = (int)(w * s + 0.5), min_h = (int)(h * s + 0.5);
		int count = 0;
		tjscalingfactor *f = tjGetScalingFactors(&count);
		tjscalingfactor best = {1, 1};
		for (int i = 0; f && i < count; i++) {
			if (f[i].num <= f[i].denom
					&& TJSCALED(w, f[i]) >= min_w
					&& TJSCALED(h, f[i]) >= min_h
					&& (long long)f[i].num * best.denom
					< (long long)best.num * f[i].denom) {
				best = f[i];
			}
		}
		int sw = TJSCALED(w, best), sh = TJSCALED(h, best);
		int ch = cs == TJCS_GRAY ? 1 : 3;
		unsigned char *px = malloc((size_t)sw * (size_t)sh * (size_t)ch);
		if (px && (tjDecompress2(tj, d, (unsigned long)n, px, sw, 0, sh,
				ch == 1 ? TJPF_GRAY : TJPF_RGB,
				TJFLAG_ACCURATEDCT) == 0
				|| tjGetErrorCode(tj) == TJERR_WARNING)) {
			got = (double)sw * sh;
		}
		free(px);
	}
	if (tj) {
		tjDestroy(tj);
	}
	return got;
}
#endif

int main(int argc, char **argv)
{
	int first = 1, box_w = 0, box_h = 0;
	(void)box_w;
	(void)box_h;
	if (argc > 2 && strcmp(argv[1], "--box") == 0) {
#ifdef HAVE_TURBOJPEG
		if (sscanf(argv[2], "%dx%d", &box_w, &box_h) != 2 || box_w < 1
				|| box_h < 1) {
			fprintf(stderr, "decode-floor: bad --box %s\n", argv[2]);
			return 2;
		}
		first = 3;
#else
		fprintf(stderr, "decode-floor: built without libjpeg-turbo\n");
		return 2;
#endif
	}
	int decoded = 0, failed = 0;
	double pixels = 0, seconds = 0;
	for (int i = first; i < argc; i++) {
		size_t n;
		unsigned char *d = slurp(argv[i], &n);
		if (!d) {
			perror(argv[i]);
			return 2;
		}
		double t0 = now(), got = -1;
#ifdef HAVE_TURBOJPEG
		if (box_w && n > 2 && d[0] == 0xFF && d[1] == 0xD8) {
			got = decode_turbo(d, n, box_w, box_h);
		} else
#endif
		{
			int w, h, ch;
			unsigned char *px = stbi_load_from_memory(d, (int)n, &w, &h,
				&ch, 0);
			if (px) {
				got = (double)w * h;
				stbi_image_free(px);
			}
		}
		seconds += now() - t0;
		if (got >= 0) {
			decoded++;
			pixels += got;
		} else {
			failed++;
			fprintf(stderr, "%s: refused\n", argv[i]);
		}
		free(d);
	}
	printf("files %d decoded %d failed %d megapixels %.1f seconds %.3f\n",
		argc - first, decoded, failed, pixels / 1e6, seconds);
	return 0;
}
