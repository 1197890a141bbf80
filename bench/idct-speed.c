/*
 * How much time broadsheet's AVX2 inverse DCTs save in decoding JPEGs.
 *
 * Usage: idct-speed [--scale N] [--runs N] JPEG...
 *
 * Decodes every JPEG at N/8 of its size (default 5; 3, 5, 6 and 7 are the
 * scales src/image/idct.c covers) through libjpeg-turbo, alternately as
 * it is and with idct_speed_up(), in one process: the runs (default 3)
 * of each way are interleaved, so that the machine's drift falls on both.
 * Prints the total time each way, the fraction saved, and whether the
 * samples came out the same. Exit status 0; 1 when a file could not be
 * read or decoded, or the samples differ; 2 on a usage error.
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jpeglib.h>

#include "image/idct.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/path.h"

struct failure {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
};

static void fail(j_common_ptr cinfo)
{
	longjmp(((struct failure *)(void *)cinfo->err)->jump, 1);
}

static void quiet(j_common_ptr cinfo)
{
	(void)cinfo;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* d (n bytes) decoded at eighths/8 into out (reset first); the seconds
 * it took, or a negative number when libjpeg-turbo could not. */
static double decode(const char *d, size_t n, unsigned eighths, bool fast,
	struct bs_buf *out)
{
	struct jpeg_decompress_struct cinfo;
	struct failure failure;
	cinfo.err = jpeg_std_error(&failure.mgr);
	failure.mgr.error_exit = fail;
	failure.mgr.output_message = quiet;
	buf_reset(out);
	double start = now();
	if (setjmp(failure.jump)) {
		jpeg_destroy_decompress(&cinfo);
		return -1;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, (const unsigned char *)d, (unsigned long)n);
	jpeg_read_header(&cinfo, TRUE);
	cinfo.scale_num = eighths;
	cinfo.scale_denom = 8;
	jpeg_start_decompress(&cinfo);
	if (fast) {
		idct_speed_up(&cinfo);
	}
	size_t stride = (size_t)cinfo.output_width
		* (size_t)cinfo.output_components;
	unsigned char *row = malloc(stride);
	while (row && cinfo.output_scanline < cinfo.output_height) {
		jpeg_read_scanlines(&cinfo, &row, 1);
		buf_append(out, row, stride);
	}
	free(row);
	jpeg_finish_decompress(&cinfo);
	jpeg_destroy_decompress(&cinfo);
	return row ? now() - start : -1;
}

static int usage(void)
{
	fprintf(stderr, "usage: idct-speed [--scale N] [--runs N] JPEG...\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned eighths = 5;
	int runs = 3, first = 1;
	for (; first < argc && argv[first][0] == '-'; first += 2) {
		if (first + 1 == argc) {
			return usage();
		} else if (strcmp(argv[first], "--scale") == 0) {
			eighths = (unsigned)atoi(argv[first + 1]);
		} else if (strcmp(argv[first], "--runs") == 0) {
			runs = atoi(argv[first + 1]);
		} else {
			return usage();
		}
	}
	if (first >= argc || eighths < 1 || eighths > 8 || runs < 1) {
		return usage();
	}
	double seconds[2] = {0, 0};
	int status = 0;
	struct bs_buf plain = {0}, fast = {0};
	for (int run = 0; run < runs; run++) {
		for (int i = first; i < argc; i++) {
			char *d;
			size_t n;
			struct bs_error err;
			error_clear(&err);
			if (!path_read_file(argv[i], 1 << 30, &d, &n, &err)) {
				fprintf(stderr, "idct-speed: %s: %s\n", argv[i],
					err.reason);
				return 1;
			}
			double a = decode(d, n, eighths, false, &plain);
			double b = decode(d, n, eighths, true, &fast);
			free(d);
			if (a < 0 || b < 0) {
				fprintf(stderr, "idct-speed: %s: not a JPEG "
					"libjpeg-turbo decodes\n", argv[i]);
				return 1;
			}
			if (plain.len != fast.len || memcmp(plain.data, fast.data,
					plain.len) != 0) {
				fprintf(stderr, "idct-speed: %s: the samples "
					"differ\n", argv[i]);
				status = 1;
			}
			seconds[0] += a;
			seconds[1] += b;
		}
	}
	buf_finish(&plain);
	buf_finish(&fast);
	printf("%d JPEGs at %u/8, %d runs: libjpeg-turbo %.3f s, with the "
		"AVX2 inverse DCTs %.3f s: %.0f%% less; samples %s\n",
		argc - first, eighths, runs, seconds[0], seconds[1],
		100 * (1 - seconds[1] / seconds[0]),
		status ? "DIFFER" : "the same");
	return status;
}
