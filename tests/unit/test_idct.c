/*
 * The AVX2 inverse DCTs against libjpeg-turbo's own: JPEGs written from
 * chosen coefficients, decoded at every scale they stand in for, with and
 * without them, must give the same bytes. Coefficients in the range of
 * photographs go through the AVX2 code; larger ones, and 16-bit
 * quantization tables, must reach libjpeg-turbo's code unharmed.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jpeglib.h>

#include "harness.h"
#include "image/idct.h"

enum blocks {
	/* smaller at higher frequencies, as in photographs */
	PHOTO,
	/* half the blocks anywhere a baseline JPEG allows */
	MIXED,
	/* all of them, to be quantized by 1 to 3: sums past 16 bits from
	 * products within them */
	LARGE,
	/* PHOTO, but coefficient 1 is +-2 times 32768, which 16 bits hold
	 * as 0 */
	WRAP,
	/* every coefficient within +-600, where the AVX2 code takes any
	 * block */
	BUSY,
	/* every coefficient of a block the same, from block to block
	 * anywhere in 10 bits, quantized by one value: the largest sums
	 * there are, below and past where the AVX2 code gives up */
	FLAT,
	/* PHOTO within the first two rows and columns, which the AVX2 code
	 * takes a shorter way; in a third of the blocks, one coefficient
	 * past them too, anywhere */
	SPARSE,
};

struct shape {
	int w, h, components;
	bool subsampled;	/* 4:2:0 rather than 4:4:4 */
	bool progressive;	/* decoded whole before the inverse DCTs run */
};

static const struct shape shapes[] = {
	{61, 45, 3, false, false},
	{61, 45, 3, true, false},
	{37, 70, 1, false, false},
	{200, 9, 3, true, false},
	{256, 192, 3, true, false},
	{77, 51, 3, true, true},
};

/* libjpeg's warnings (tables too coarse for baseline) are expected */
static void quiet(j_common_ptr cinfo, int level)
{
	(void)cinfo;
	(void)level;
}

static unsigned next(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

/* a value in [-limit, limit] */
static int spread(unsigned *seed, int limit)
{
	return (int)(next(seed) % (unsigned)(2 * limit + 1)) - limit;
}

/* Tables of 1 to top, or all top when flat. */
static void quant_tables(struct jpeg_compress_struct *c, unsigned *seed,
	unsigned top, bool flat)
{
	for (int t = 0; t < 2; t++) {
		unsigned table[DCTSIZE2];
		for (int i = 0; i < DCTSIZE2; i++) {
			table[i] = flat ? top
				: 1 + next(seed) % (top < 255 ? top : 255);
		}
		jpeg_add_quant_table(c, t, table, 100, FALSE);
		/* past what jpeg_add_quant_table() takes, up to 65535 */
		for (int i = 0; top > 255 && i < DCTSIZE2; i++) {
			c->quant_tbl_ptrs[t]->quantval[i] =
				(UINT16)(1 + next(seed) % top);
		}
	}
}

static void fill_block(JCOEF *b, const UINT16 *q, enum blocks kind,
	unsigned *seed, int index)
{
	bool wide = kind == LARGE || (kind == MIXED && next(seed) % 2);
	for (int i = 0; i < DCTSIZE2; i++) {
		if (kind == WRAP && i == 1) {
			b[i] = (JCOEF)(next(seed) % 2 ? 2 : -2);
			continue;
		}
		if (kind == FLAT) {
			int v = 1 + index * 97 % 1023;
			b[i] = (JCOEF)(index % 2 ? v : -v);
			continue;
		}
		int most = i == 0 ? 600 : 1100 / (2 + i / 8 + i % 8);
		most = wide ? 1023 : (kind == BUSY ? 600 : most) / q[i];
		b[i] = (JCOEF)spread(seed, most);
		if (kind == SPARSE && (i / 8 > 1 || i % 8 > 1)) {
			b[i] = 0;
		}
	}
	if (kind == SPARSE && index % 3 == 0) {
		int i = (int)(next(seed) % DCTSIZE2);
		b[i] = (JCOEF)(next(seed) % 2 ? 1 : -1);
	}
}

/* A JPEG of s with coefficients of kind; malloc'ed, its size in *size. */
static unsigned char *make_jpeg(const struct shape *s, enum blocks kind,
	unsigned top_quant, unsigned seed, unsigned long *size)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	c.err = jpeg_std_error(&e);
	e.emit_message = quiet;
	jpeg_create_compress(&c);
	unsigned char *out = NULL;
	*size = 0;
	jpeg_mem_dest(&c, &out, size);
	c.image_width = (JDIMENSION)s->w;
	c.image_height = (JDIMENSION)s->h;
	c.input_components = s->components;
	c.in_color_space = s->components == 1 ? JCS_GRAYSCALE : JCS_YCbCr;
	jpeg_set_defaults(&c);
	c.optimize_coding = TRUE;
	if (s->progressive) {
		jpeg_simple_progression(&c);
	}
	int most = s->subsampled ? 2 : 1;
	for (int k = 0; k < s->components; k++) {
		c.comp_info[k].h_samp_factor = k == 0 ? most : 1;
		c.comp_info[k].v_samp_factor = k == 0 ? most : 1;
	}
	quant_tables(&c, &seed, top_quant, kind == FLAT);
	for (int t = 0; kind == WRAP && t < 2; t++) {
		c.quant_tbl_ptrs[t]->quantval[1] = 32768;
	}
	int mcus_w = (s->w + 8 * most - 1) / (8 * most);
	int mcus_h = (s->h + 8 * most - 1) / (8 * most);
	jvirt_barray_ptr arrays[3];
	for (int k = 0; k < s->components; k++) {
		int f = k == 0 ? most : 1;
		arrays[k] = c.mem->request_virt_barray((j_common_ptr)&c,
			JPOOL_IMAGE, TRUE, (JDIMENSION)(mcus_w * f),
			(JDIMENSION)(mcus_h * f), (JDIMENSION)f);
	}
	jpeg_write_coefficients(&c, arrays);
	for (int k = 0; k < s->components; k++) {
		int f = k == 0 ? most : 1;
		const UINT16 *q =
			c.quant_tbl_ptrs[c.comp_info[k].quant_tbl_no]->quantval;
		for (int row = 0; row < mcus_h * f; row++) {
			JBLOCKARRAY b = c.mem->access_virt_barray(
				(j_common_ptr)&c, arrays[k], (JDIMENSION)row, 1,
				TRUE);
			for (int col = 0; col < mcus_w * f; col++) {
				fill_block(b[0][col], q, kind, &seed,
					row * mcus_w * f + col);
			}
		}
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	return out;
}

/*
 * jpeg decoded at eighths/8, through the AVX2 code when fast; malloc'ed,
 * its size in *len. How many components were swapped in *swapped, and in
 * *sizes how many libjpeg-turbo decodes at a size the AVX2 code has (4:2:0
 * chroma at 3/8 at 6x6, at 5/8 at 10x10...).
 */
static unsigned char *decode(const unsigned char *jpeg, unsigned long size,
	unsigned eighths, bool fast, size_t *len, int *swapped, int *sizes)
{
	struct jpeg_decompress_struct d;
	struct jpeg_error_mgr e;
	d.err = jpeg_std_error(&e);
	e.emit_message = quiet;
	jpeg_create_decompress(&d);
	jpeg_mem_src(&d, jpeg, size);
	jpeg_read_header(&d, TRUE);
	d.scale_num = eighths;
	d.scale_denom = 8;
	jpeg_start_decompress(&d);
	*swapped = fast ? idct_speed_up(&d) : 0;
	*sizes = 0;
	for (int k = 0; k < d.num_components; k++) {
		int n = d.comp_info[k].DCT_scaled_size;
		*sizes += n == 3 || n == 5 || n == 6 || n == 7 || n == 10
			|| n == 12 || n == 14;
	}
	size_t stride = (size_t)d.output_width * (size_t)d.output_components;
	*len = stride * d.output_height;
	unsigned char *px = malloc(*len);
	while (d.output_scanline < d.output_height) {
		JSAMPROW row = px + d.output_scanline * stride;
		jpeg_read_scanlines(&d, &row, 1);
	}
	jpeg_finish_decompress(&d);
	jpeg_destroy_decompress(&d);
	return px;
}

/* Every shape at every scale the AVX2 code has: the same bytes. */
static void compare(enum blocks kind, unsigned top_quant)
{
	static const unsigned scales[] = {3, 5, 6, 7};
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		const struct shape *s = &shapes[i];
		unsigned long size;
		unsigned char *jpeg = make_jpeg(s, kind, top_quant,
			(unsigned)(i + 1) * 7919u, &size);
		for (size_t k = 0; k < sizeof(scales) / sizeof(*scales); k++) {
			size_t plain_len, fast_len;
			int none, swapped, sizes;
			unsigned char *plain = decode(jpeg, size, scales[k],
				false, &plain_len, &none, &sizes);
			unsigned char *fast = decode(jpeg, size, scales[k],
				true, &fast_len, &swapped, &sizes);
			if (swapped == 0) {
				free(plain);
				free(fast);
				free(jpeg);
				SKIP("no AVX2 here, or a libjpeg-turbo without "
					"its scaled inverse DCTs exported");
			}
			OK(sizes > 0, "at %u/8, no component at a size "
				"the AVX2 code has", scales[k]);
			INT_EQ(swapped, sizes);
			OK(plain_len == fast_len && memcmp(plain, fast,
				plain_len) == 0, "%dx%d, %d components%s, at "
				"%u/8: samples differ", s->w, s->h,
				s->components, s->subsampled ? " 4:2:0" : "",
				scales[k]);
			free(plain);
			free(fast);
		}
		free(jpeg);
	}
}

static void photo(void)
{
	compare(PHOTO, 64);
	compare(PHOTO, 255);
	compare(BUSY, 2);
	compare(SPARSE, 8);
	compare(SPARSE, 255);
}

static void mixed(void)
{
	compare(MIXED, 255);
	compare(LARGE, 3);
	compare(FLAT, 1);
	compare(FLAT, 2);
	compare(FLAT, 3);
}

/* products past 16 bits, and tables past 32767 that libjpeg-turbo
 * keeps as negative 16-bit multipliers */
static void wide_tables(void)
{
	compare(MIXED, 65535);
	compare(PHOTO, 65535);
	compare(WRAP, 64);
}

/* A full-size decoding, and 1/2, keep libjpeg-turbo's own SIMD code. */
static void other_scales(void)
{
	unsigned long size;
	unsigned char *jpeg = make_jpeg(&shapes[0], PHOTO, 64, 1, &size);
	static const unsigned scales[] = {1, 2, 4, 8};
	for (size_t k = 0; k < sizeof(scales) / sizeof(scales[0]); k++) {
		size_t len;
		int swapped, sizes;
		free(decode(jpeg, size, scales[k], true, &len, &swapped,
			&sizes));
		INT_EQ(sizes, 0);
		INT_EQ(swapped, 0);
	}
	free(jpeg);
}

static const struct subtest tests[] = {
	{"photo", photo},
	{"mixed", mixed},
	{"wide_tables", wide_tables},
	{"other_scales", other_scales},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
