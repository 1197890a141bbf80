/* the inner loop of decoding a JPEG at most scales */
#pragma GCC optimize("O3")

#include "image/idct.h"

#if defined(BS_HAVE_JPEG_IDCT) && defined(__x86_64__) && defined(__GNUC__) \
	&& BITS_IN_JSAMPLE == 8
#define IDCT_AVX2 1
#endif

#ifdef IDCT_AVX2

#include <immintrin.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define AVX2 __attribute__((target("avx2")))

typedef void (*idct_fn)(j_decompress_ptr cinfo, jpeg_component_info *compptr,
	JCOEFPTR coef, JSAMPARRAY out, JDIMENSION col);

/* libjpeg-turbo's own: exported (LIBJPEG_6.2), though not in its headers */
void jpeg_idct_3x3(j_decompress_ptr cinfo, jpeg_component_info *compptr,
	JCOEFPTR coef, JSAMPARRAY out, JDIMENSION col);
void jpeg_idct_5x5(j_decompress_ptr cinfo, jpeg_component_info *compptr,
	JCOEFPTR coef, JSAMPARRAY out, JDIMENSION col);
void jpeg_idct_6x6(j_decompress_ptr cinfo, jpeg_component_info *compptr,
	JCOEFPTR coef, JSAMPARRAY out, JDIMENSION col);
void jpeg_idct_7x7(j_decompress_ptr cinfo, jpeg_component_info *compptr,
	JCOEFPTR coef, JSAMPARRAY out, JDIMENSION col);
void jpeg_idct_10x10(j_decompress_ptr cinfo, jpeg_component_info *compptr,
	JCOEFPTR coef, JSAMPARRAY out, JDIMENSION col);
void jpeg_idct_12x12(j_decompress_ptr cinfo, jpeg_component_info *compptr,
	JCOEFPTR coef, JSAMPARRAY out, JDIMENSION col);
void jpeg_idct_14x14(j_decompress_ptr cinfo, jpeg_component_info *compptr,
	JCOEFPTR coef, JSAMPARRAY out, JDIMENSION col);

/*
 * How libjpeg-turbo's struct jpeg_inverse_dct (jpegint.h, not installed)
 * starts. A slot is only ever replaced when it holds one of the functions
 * above, so a library laid out otherwise is left as it is.
 */
struct idct_slots {
	void (*start_pass)(j_decompress_ptr cinfo);
	idct_fn fn[MAX_COMPONENTS];
};

/*
 * jidctint.c's butterflies multiplied out: row i holds the weights (13-bit
 * fixed point) of coefficients 0..N-1 in output i, or of all 8 for the
 * sizes past 8, which libjpeg-turbo picks for 4:2:0 chroma. Multiplying
 * out is exact, because the butterflies round nowhere but at the end of
 * each pass; both passes use the same weights.
 */
static const int16_t weights3[3][3] = {
	{8192, 10033, 5793},
	{8192, 0, -11586},
	{8192, -10033, 5793},
};
static const int16_t weights5[5][5] = {
	{8192, 11019, 9372, 6810, 3580},
	{8192, 6810, -3580, -11018, -9372},
	{8192, 0, -11584, 0, 11584},
	{8192, -6810, -3580, 11018, -9372},
	{8192, -11019, 9372, -6810, 3580},
};
static const int16_t weights6[6][6] = {
	{8192, 11190, 10033, 8192, 5793, 2998},
	{8192, 8192, 0, -8192, -11586, -8192},
	{8192, 2998, -10033, -8192, 5793, 11190},
	{8192, -2998, -10033, 8192, 5793, -11190},
	{8192, -8192, 0, 8192, -11586, 8192},
	{8192, -11190, 10033, -8192, 5793, -2998},
};
static const int16_t weights7[7][7] = {
	{8192, 11295, 10438, 9058, 7223, 5027, 2578},
	{8192, 9058, 2578, -5027, -10438, -11295, -7223},
	{8192, 5027, -7223, -11295, -2578, 9058, 10438},
	{8192, 0, -11585, 0, 11585, 0, -11585},
	{8192, -5027, -7223, 11295, -2578, -9058, 10438},
	{8192, -9058, 2578, 5027, -10438, 11295, -7223},
	{8192, -11295, 10438, -9058, 7223, -5027, 2578},
};

static const int16_t weights10[10][8] = {
	{8192, 11443, 11019, 10322, 9373, 8192, 6810, 5260},
	{8192, 10323, 6810, 1812, -3580, -8192, -11018, -11442},
	{8192, 8192, 0, -8192, -11586, -8192, 0, 8192},
	{8192, 5260, -6810, -11442, -3580, 8192, 11018, 1812},
	{8192, 1812, -11019, -5260, 9373, 8192, -6810, -10322},
	{8192, -1812, -11019, 5260, 9373, -8192, -6810, 10322},
	{8192, -5260, -6810, 11442, -3580, -8192, 11018, -1812},
	{8192, -8192, 0, 8192, -11586, 8192, 0, -8192},
	{8192, -10323, 6810, -1812, -3580, 8192, -11018, 11442},
	{8192, -11443, 11019, -10322, 9373, -8192, 6810, -5260},
};
static const int16_t weights12[12][8] = {
	{8192, 11487, 11190, 10703, 10033, 9192, 8192, 7053},
	{8192, 10703, 8192, 4433, 0, -4433, -8192, -10703},
	{8192, 9192, 2998, -4433, -10033, -11485, -8192, -1512},
	{8192, 7053, -2998, -10703, -10033, -1512, 8192, 11486},
	{8192, 4433, -8192, -10704, 0, 10704, 8192, -4433},
	{8192, 1513, -11190, -4433, 10033, 7053, -8192, -9191},
	{8192, -1513, -11190, 4433, 10033, -7053, -8192, 9191},
	{8192, -4433, -8192, 10704, 0, -10704, 8192, 4433},
	{8192, -7053, -2998, 10703, -10033, 1512, 8192, -11486},
	{8192, -9192, 2998, 4433, -10033, 11485, -8192, 1512},
	{8192, -10703, 8192, -4433, 0, 4433, -8192, 10703},
	{8192, -11487, 11190, -10703, 10033, -9192, 8192, -7053},
};
static const int16_t weights14[14][8] = {
	{8192, 11513, 11295, 10935, 10438, 9810, 9058, 8192},
	{8192, 10935, 9058, 6164, 2578, -1297, -5026, -8192},
	{8192, 9810, 5027, -1297, -7223, -10934, -11295, -8192},
	{8192, 8192, 0, -8192, -11586, -8192, 0, 8192},
	{8192, 6164, -5027, -11512, -7223, 3826, 11295, 8192},
	{8192, 3826, -9058, -9809, 2578, 11512, 5026, -8192},
	{8192, 1297, -11295, -3826, 10438, 6164, -9058, -8192},
	{8192, -1297, -11295, 3826, 10438, -6164, -9058, 8192},
	{8192, -3826, -9058, 9809, 2578, -11512, 5026, 8192},
	{8192, -6164, -5027, 11512, -7223, -3826, 11295, -8192},
	{8192, -8192, 0, 8192, -11586, 8192, 0, -8192},
	{8192, -9810, 5027, 1297, -7223, 10934, -11295, 8192},
	{8192, -10935, 9058, -6164, 2578, 1297, -5026, 8192},
	{8192, -11513, 11295, -10935, 10438, -9810, 9058, -8192},
};

/* jidctint.c's fixed point: the first pass keeps 2 bits more than samples */
enum {
	PASS1_SHIFT = 11,	/* CONST_BITS - PASS1_BITS */
	PASS2_SHIFT = 18,	/* CONST_BITS + PASS1_BITS + 3 */
};

/*
 * One size's weights as the AVX2 code takes them. Coefficients go two
 * rows at a time, a column's pair of 16-bit values in each 32-bit lane, so
 * that pmaddwd sums two products at once.
 */
struct kernel {
	/* the largest dequantized value taken */
	int16_t limit;
	/* rows 2p and 2p + 1: -1 in the rows and columns read */
	int16_t keep[4][16];
	/* output i, row pair p: the pair's weights */
	int32_t pass1[16][4];
	/* column pair p: output j's weights in lane j */
	int32_t pass2[4][16];
};

static struct kernel kernel3, kernel5, kernel6, kernel7, kernel10, kernel12,
	kernel14;
static bool avx2;

static int32_t pair(int16_t lo, int16_t hi)
{
	return (int32_t)((uint32_t)(uint16_t)lo | (uint32_t)(uint16_t)hi << 16);
}

/* Weights w, outputs x inputs, as block() takes them. */
static void kernel_make(struct kernel *k, int outputs, int inputs,
	const int16_t *w)
{
	memset(k, 0, sizeof(*k));
	long widest = 0;
	for (int i = 0; i < outputs; i++) {
		long sum = 0;
		for (int j = 0; j < inputs; j++) {
			sum += abs(w[i * inputs + j]);
		}
		widest = sum > widest ? sum : widest;
	}
	/* The first pass's outputs, |sum| <= widest * limit + rounding over
	 * 2^11, must fit 16 bits for the second pass's pmaddwd. The second
	 * pass's sums may overflow 32 bits: the range limit keeps their bits
	 * 18 to 27 only, which wrapping leaves as they are. */
	k->limit = (int16_t)(((INT16_MAX - 1L) * (1 << PASS1_SHIFT)
		- (1 << (PASS1_SHIFT - 1))) / widest);
	for (int p = 0; p < (inputs + 1) / 2; p++) {
		for (int x = 0; x < 16; x++) {
			bool inside = x % 8 < inputs && 2 * p + x / 8 < inputs;
			k->keep[p][x] = (int16_t)(inside ? -1 : 0);
		}
		for (int i = 0; i < outputs; i++) {
			const int16_t *row = w + i * inputs;
			int16_t hi = (int16_t)(2 * p + 1 < inputs
				? row[2 * p + 1] : 0);
			k->pass1[i][p] = pair(row[2 * p], hi);
			k->pass2[p][i] = k->pass1[i][p];
		}
	}
}

static void kernels_make(void)
{
	avx2 = __builtin_cpu_supports("avx2");
	kernel_make(&kernel3, 3, 3, &weights3[0][0]);
	kernel_make(&kernel5, 5, 5, &weights5[0][0]);
	kernel_make(&kernel6, 6, 6, &weights6[0][0]);
	kernel_make(&kernel7, 7, 7, &weights7[0][0]);
	kernel_make(&kernel10, 10, 8, &weights10[0][0]);
	kernel_make(&kernel12, 12, 8, &weights12[0][0]);
	kernel_make(&kernel14, 14, 8, &weights14[0][0]);
}

/* libjpeg-turbo's descaling and range limit, which wraps sums past +-512
 * before it clamps: here to -384..639, for packus to clamp */
static inline __attribute__((always_inline)) AVX2 __m256i descale(
	__m256i sum)
{
	sum = _mm256_srai_epi32(sum, PASS2_SHIFT);
	sum = _mm256_and_si256(_mm256_add_epi32(sum, _mm256_set1_epi32(512)),
		_mm256_set1_epi32(1023));
	return _mm256_sub_epi32(sum, _mm256_set1_epi32(512 - 128));
}

/*
 * Both passes over rows (coefficient rows 2p and 2p + 1 column by column,
 * dequantized) into out's n x n samples at col, from the first pairs row
 * pairs in the first pass and column pairs in the second: when the rest
 * are zero, so are the sums they add. Lanes are columns in the first
 * pass and outputs across a row in the second (two registers of them past
 * 8); n and pairs are constants where this is inlined, so that the loops
 * unroll.
 */
static inline __attribute__((always_inline)) AVX2 void passes(int n,
	int pairs, const struct kernel *k, const __m256i *rows,
	JSAMPARRAY out, JDIMENSION col)
{
	/* first pass: ws[i] holds row i's columns, 16-bit, in pairs (0, 1),
	 * (2, 3) in the low half and (4, 5), (6, 7) in the high one */
	__m256i ws[14];
	_Pragma("GCC unroll 14")
	for (int i = 0; i < n; i++) {
		__m256i sum = _mm256_set1_epi32(1 << (PASS1_SHIFT - 1));
		_Pragma("GCC unroll 4")
		for (int p = 0; p < pairs; p++) {
			sum = _mm256_add_epi32(sum, _mm256_madd_epi16(rows[p],
				_mm256_set1_epi32(k->pass1[i][p])));
		}
		sum = _mm256_srai_epi32(sum, PASS1_SHIFT);
		ws[i] = _mm256_packs_epi32(sum, sum);
	}
	/* second pass, row by row: each column pair broadcast, times the
	 * weights of every output; to bytes in order, exactly n of them, as
	 * the last block of a row ends its buffer */
	const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 0, 4, 1, 5);
	__m256i px[14];
	_Pragma("GCC unroll 14")
	for (int i = 0; i < n; i++) {
		__m256i first = _mm256_set1_epi32(1 << (PASS2_SHIFT - 1));
		__m256i rest = first;
		_Pragma("GCC unroll 4")
		for (int p = 0; p < pairs; p++) {
			__m256i b = _mm256_permutevar8x32_epi32(ws[i],
				_mm256_set1_epi32(p < 2 ? p : p + 2));
			first = _mm256_add_epi32(first, _mm256_madd_epi16(b,
				_mm256_loadu_si256(
				(const __m256i *)k->pass2[p])));
			if (n > 8) {
				rest = _mm256_add_epi32(rest,
					_mm256_madd_epi16(b, _mm256_loadu_si256(
					(const __m256i *)k->pass2[p] + 1)));
			}
		}
		px[i] = descale(first);
		if (n > 8) {
			__m256i b = _mm256_packs_epi32(px[i], descale(rest));
			b = _mm256_permutevar8x32_epi32(
				_mm256_packus_epi16(b, b), order);
			unsigned char row[16];
			_mm_storeu_si128((__m128i *)(void *)row,
				_mm256_castsi256_si128(b));
			memcpy(out[i] + col, row, (size_t)n);
		}
	}
	/* up to 8 across: two rows at a time */
	_Pragma("GCC unroll 4")
	for (int i = 0; n <= 8 && i < n; i += 2) {
		__m256i b = _mm256_packs_epi32(px[i],
			px[i + 1 < n ? i + 1 : i]);
		b = _mm256_permutevar8x32_epi32(_mm256_packus_epi16(b, b),
			order);
		__m128i two = _mm256_castsi256_si128(b);
		uint64_t first = (uint64_t)_mm_cvtsi128_si64(two);
		uint64_t second = (uint64_t)_mm_extract_epi64(two, 1);
		memcpy(out[i] + col, &first, (size_t)n);
		if (i + 1 < n) {
			memcpy(out[i + 1] + col, &second, (size_t)n);
		}
	}
}

/*
 * One block, dequantized by q, into out's n x n samples at col; false,
 * with nothing written, when a coefficient is past k->limit. n is a
 * constant where this is inlined.
 */
static inline __attribute__((always_inline)) AVX2 bool block(int n,
	const struct kernel *k, const int16_t *q, const JCOEF *coef,
	JSAMPARRAY out, JDIMENSION col)
{
	const int inputs = n < 8 ? n : 8, pairs = (inputs + 1) / 2;
	const __m256i limit = _mm256_set1_epi16(k->limit);
	/* a 128-bit half's two rows, column by column */
	const __m256i interleave = _mm256_setr_epi8(0, 1, 8, 9, 2, 3, 10, 11,
		4, 5, 12, 13, 6, 7, 14, 15, 0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12,
		13, 6, 7, 14, 15);
	/* the columns past the first two, in both rows of a register */
	const __m256i wide = _mm256_setr_epi16(0, 0, -1, -1, -1, -1, -1, -1,
		0, 0, -1, -1, -1, -1, -1, -1);
	__m256i rows[4], over = _mm256_setzero_si256();
	__m256i low = _mm256_setzero_si256(), high = low;
	_Pragma("GCC unroll 4")
	for (int p = 0; p < pairs; p++) {
		__m256i c = _mm256_and_si256(
			_mm256_loadu_si256((const __m256i *)coef + p),
			_mm256_loadu_si256((const __m256i *)k->keep[p]));
		__m256i qp = _mm256_loadu_si256((const __m256i *)q + p);
		__m256i lo = _mm256_mullo_epi16(c, qp);
		__m256i hi = _mm256_mulhi_epi16(c, qp);
		/* the product fits 16 bits and is within the limit */
		over = _mm256_or_si256(over,
			_mm256_xor_si256(hi, _mm256_srai_epi16(lo, 15)));
		over = _mm256_or_si256(over,
			_mm256_cmpgt_epi16(_mm256_abs_epi16(lo), limit));
		if (p == 0) {
			low = _mm256_and_si256(c, wide);
		} else {
			high = _mm256_or_si256(high, c);
		}
		rows[p] = _mm256_shuffle_epi8(
			_mm256_permute4x64_epi64(lo, 0xd8), interleave);
	}
	if (!_mm256_testz_si256(over, over)) {
		return false;
	}
	/* nothing past the first two rows and columns: a block of smooth
	 * picture, most of a photograph's at the scales decoding picks */
	if (_mm256_testz_si256(_mm256_or_si256(low, high),
			_mm256_or_si256(low, high))) {
		passes(n, 1, k, rows, out, col);
	} else {
		passes(n, pairs, k, rows, out, col);
	}
	return true;
}

/*
 * A function per size, as libjpeg-turbo calls them, each with block()'s
 * size a constant; libjpeg-turbo's own for a block past the limit.
 */
#define IDCT(n, theirs) \
	static AVX2 void idct##n(j_decompress_ptr cinfo, \
		jpeg_component_info *compptr, JCOEFPTR coef, JSAMPARRAY out, \
		JDIMENSION col) \
	{ \
		if (!block(n, &kernel##n, compptr->dct_table, coef, out, \
				col)) { \
			theirs(cinfo, compptr, coef, out, col); \
		} \
	}
IDCT(3, jpeg_idct_3x3)
IDCT(5, jpeg_idct_5x5)
IDCT(6, jpeg_idct_6x6)
IDCT(7, jpeg_idct_7x7)
IDCT(10, jpeg_idct_10x10)
IDCT(12, jpeg_idct_12x12)
IDCT(14, jpeg_idct_14x14)
#undef IDCT

/* libjpeg-turbo's function for a scaled size, and ours */
static bool replacement(int size, idct_fn *theirs, idct_fn *ours)
{
	switch (size) {
	case 3: *theirs = jpeg_idct_3x3; *ours = idct3; return true;
	case 5: *theirs = jpeg_idct_5x5; *ours = idct5; return true;
	case 6: *theirs = jpeg_idct_6x6; *ours = idct6; return true;
	case 7: *theirs = jpeg_idct_7x7; *ours = idct7; return true;
	case 10: *theirs = jpeg_idct_10x10; *ours = idct10; return true;
	case 12: *theirs = jpeg_idct_12x12; *ours = idct12; return true;
	case 14: *theirs = jpeg_idct_14x14; *ours = idct14; return true;
	default: return false;
	}
}

/* The multiplier table libjpeg-turbo built is the quantization table in
 * 16 bits, as its SIMD builds make it: what block() reads. */
static bool table_is_16_bit(const jpeg_component_info *compptr)
{
	const int16_t *t = compptr->dct_table;
	if (!t || !compptr->quant_table) {
		return false;
	}
	for (int i = 0; i < DCTSIZE2; i++) {
		if (t[i] != (int16_t)compptr->quant_table->quantval[i]) {
			return false;
		}
	}
	return true;
}

int idct_speed_up(struct jpeg_decompress_struct *cinfo)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, kernels_make);
	struct idct_slots *slots = (struct idct_slots *)(void *)cinfo->idct;
	if (!avx2 || !slots) {
		return 0;
	}
	int swapped = 0;
	for (int ci = 0; ci < cinfo->num_components && ci < MAX_COMPONENTS;
			ci++) {
		jpeg_component_info *compptr = &cinfo->comp_info[ci];
		idct_fn theirs, ours;
		if (replacement(compptr->DCT_scaled_size, &theirs, &ours)
				&& slots->fn[ci] == theirs
				&& table_is_16_bit(compptr)) {
			slots->fn[ci] = ours;
			swapped++;
		}
	}
	return swapped;
}

#else

int idct_speed_up(struct jpeg_decompress_struct *cinfo)
{
	(void)cinfo;
	return 0;
}

#endif
