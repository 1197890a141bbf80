/* the inner loops are most of a build's time */
#pragma GCC optimize("O3")

#include "image/resample.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && !defined(RESAMPLE_PORTABLE)
#include <emmintrin.h>
#define RESAMPLE_SSE2 1
#endif
/* AVX2 and AVX-512 VBMI when the processor has them, chosen at run time */
#if defined(RESAMPLE_SSE2) && defined(__GNUC__) && !defined(RESAMPLE_SSE2_ONLY)
#include <immintrin.h>
#define RESAMPLE_AVX2 1
#endif

#include "util/alloc.h"

/*
 * Fixed point: samples in 14 bits, so that a sample times a weight fits
 * pmaddwd's 16-bit operands with room for the filter's overshoot; weights
 * in 14 bits too, summing to exactly WEIGHT_ONE.
 */
enum {
	SAMPLE_BITS = 14,
	SAMPLE_MAX = (1 << SAMPLE_BITS) - 1,
	WEIGHT_BITS = 14,
	WEIGHT_ONE = 1 << WEIGHT_BITS,
	ROUND = 1 << (WEIGHT_BITS - 1),
	GROUP = 8,	/* taps in one multiply-add across a row */
	BLOCK = 4,	/* outputs across a row summed together */
	PAD = 16,	/* outputs padded to this: AVX-512 does 16 at once */
	WINDOW = 32,	/* samples in one AVX-512 register */
};

static int16_t linear[256];		/* sRGB byte -> linear */
static uint8_t srgb[SAMPLE_MAX + 1];	/* linear -> sRGB byte */
#ifdef RESAMPLE_AVX2
static bool avx2, avx512, vbmi;
/* linear[]'s low and high bytes, for byte permutes */
static uint8_t linear_lo[256], linear_hi[256];
/* row_in_vbmi()'s permutes: every third byte from the first two of three
 * registers (0, 3 .. 126), then from the last two (129 .. 189, counted
 * from the second); the low and high bytes of 32 samples interleaved */
static uint8_t every_third_first[64], every_third_second[64];
static uint8_t low_words[64], high_words[64];
#endif

static void build_tables(void)
{
#ifdef RESAMPLE_AVX2
	avx2 = __builtin_cpu_supports("avx2");
	avx512 = __builtin_cpu_supports("avx512f")
		&& __builtin_cpu_supports("avx512bw");
	vbmi = avx512 && __builtin_cpu_supports("avx512vbmi");
#endif
	for (int i = 0; i < 256; i++) {
		double s = i / 255.0;
		double l = s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
		linear[i] = (int16_t)lround(l * SAMPLE_MAX);
#ifdef RESAMPLE_AVX2
		linear_lo[i] = (uint8_t)(linear[i] & 0xff);
		linear_hi[i] = (uint8_t)(linear[i] >> 8);
#endif
	}
#ifdef RESAMPLE_AVX2
	for (int i = 0; i < 64; i++) {
		every_third_first[i] = (uint8_t)(3 * i < 128 ? 3 * i : 0);
		every_third_second[i] = (uint8_t)(3 * i < 128 ? 0 : 3 * i - 64);
	}
	for (int i = 0; i < 32; i++) {
		low_words[2 * i] = (uint8_t)i;
		low_words[2 * i + 1] = (uint8_t)(64 + i);
		high_words[2 * i] = (uint8_t)(32 + i);
		high_words[2 * i + 1] = (uint8_t)(96 + i);
	}
#endif
	for (int i = 0; i <= SAMPLE_MAX; i++) {
		double l = (double)i / SAMPLE_MAX;
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

/* A picture's pixels: c channels of 8-bit samples, interleaved. */
struct resample_picture {
	unsigned char *px;
	int w, h, c;
	size_t stride;		/* bytes from a row to the next */
};

/*
 * The input samples and weights of each output sample: span weights per
 * output, zero past its own taps, span a multiple of what the SIMD loops
 * take at once. Outputs are padded to a multiple of PAD with all-zero
 * weights.
 */
struct taps {
	int *first;		/* first input index, per output */
	int *count;		/* taps, per output, rounded up to even */
	int16_t *weight;	/* span per output */
	int span;
	/* the same for across_avx512(), when it applies (else NULL): per
	 * PAD outputs, where each one's taps are in the WINDOW samples from
	 * the first one's, as pairs of word indices; then the weights, a
	 * pair of taps for every output at a time */
	uint16_t *wide_index;
	int16_t *wide_weight;
};

static int round_up(int n, int multiple)
{
	return (n + multiple - 1) / multiple * multiple;
}

static void taps_make(struct taps *t, int in, int out, int multiple)
{
	double scale = (double)in / out;
	double widen = scale > 1 ? scale : 1;
	double support = 2 * widen;
	int bound = (int)ceil(2 * support) + 2;
	size_t outs = (size_t)round_up(out, PAD);
	t->first = xcalloc(outs, sizeof(int));
	t->count = xcalloc(outs, sizeof(int));
	t->wide_index = NULL;
	t->wide_weight = NULL;
	double *w = xcalloc((size_t)out * (size_t)bound, sizeof(double));
	int most = 1;
	for (int o = 0; o < out; o++) {
		double center = (o + 0.5) * scale - 0.5;
		int lo = (int)floor(center - support) + 1;
		int hi = (int)floor(center + support);
		lo = lo < 0 ? 0 : lo;
		hi = hi > in - 1 ? in - 1 : hi;
		int n = hi - lo + 1;
		n = n > bound ? bound : n;
		double *wo = w + (size_t)o * (size_t)bound;
		double sum = 0;
		for (int k = 0; k < n; k++) {
			wo[k] = mitchell((lo + k - center) / widen);
			sum += wo[k];
		}
		for (int k = 0; k < n; k++) {
			wo[k] /= sum;
		}
		t->first[o] = lo;
		t->count[o] = n;
		most = n > most ? n : most;
	}
	t->span = round_up(most, multiple);
	t->weight = xcalloc(outs * (size_t)t->span, sizeof(int16_t));
	for (int o = 0; o < out; o++) {
		/* rounded, then the rounding's error given to the largest
		 * tap, so that flat areas stay exactly flat */
		const double *wo = w + (size_t)o * (size_t)bound;
		int16_t *iw = t->weight + (size_t)o * (size_t)t->span;
		int total = 0, largest = 0;
		for (int k = 0; k < t->count[o]; k++) {
			iw[k] = (int16_t)lround(wo[k] * WEIGHT_ONE);
			total += iw[k];
			largest = iw[k] > iw[largest] ? k : largest;
		}
		iw[largest] = (int16_t)(iw[largest] + WEIGHT_ONE - total);
		t->count[o] = round_up(t->count[o], 2);
	}
	free(w);
}

static void taps_finish(struct taps *t)
{
	free(t->first);
	free(t->count);
	free(t->weight);
	free(t->wide_index);
	free(t->wide_weight);
}

static int16_t narrow(int32_t acc)
{
	int32_t v = (acc + ROUND) >> WEIGHT_BITS;
	return (int16_t)(v < INT16_MIN ? INT16_MIN : v > INT16_MAX ? INT16_MAX
		: v);
}

#ifdef RESAMPLE_AVX2
/*
 * across_avx512()'s layout of t, for out outputs, when each PAD of them
 * take their taps from WINDOW samples: when a row is shrunk by 1.6 or
 * less, as the decoder leaves JPEGs.
 */
static void taps_widen(struct taps *t, int out)
{
	int groups = round_up(out, PAD) / PAD;
	for (int o = 0; o < out; o++) {
		if (t->first[o] + GROUP - t->first[o / PAD * PAD] > WINDOW) {
			return;
		}
	}
	t->wide_index = xcalloc((size_t)groups * PAD * 2, sizeof(uint16_t));
	t->wide_weight = xcalloc((size_t)groups * PAD * GROUP, sizeof(int16_t));
	for (int o = 0; o < out; o++) {
		int g = o / PAD, j = o % PAD;
		int at = t->first[o] - t->first[g * PAD];
		t->wide_index[(size_t)o * 2] = (uint16_t)at;
		t->wide_index[(size_t)o * 2 + 1] = (uint16_t)(at + 1);
		for (int k = 0; k < GROUP / 2; k++) {
			int16_t *w = t->wide_weight + (((size_t)g * GROUP / 2
				+ (size_t)k) * PAD + (size_t)j) * 2;
			const int16_t *from = t->weight + (size_t)o * GROUP
				+ 2 * (size_t)k;
			w[0] = from[0];
			w[1] = from[1];
		}
	}
}

/*
 * Eight taps (span GROUP) for eight outputs at once, two outputs to a
 * register: the SSE2 loop's work in half the instructions.
 */
__attribute__((target("avx2")))
static void across_avx2(const int16_t *lin, const struct taps *t, int nw,
	int16_t *out)
{
	for (int o = 0; o < nw; o += 8) {
		__m256i s[4];
		for (int i = 0; i < 4; i++) {
			int a = o + 2 * i;
			__m256i x = _mm256_inserti128_si256(_mm256_castsi128_si256(
				_mm_loadu_si128((const __m128i *)(lin
				+ t->first[a]))), _mm_loadu_si128((const __m128i *)
				(lin + t->first[a + 1])), 1);
			s[i] = _mm256_madd_epi16(x, _mm256_loadu_si256(
				(const __m256i *)(t->weight + (size_t)a * GROUP)));
		}
		/* lanes hold outputs o, o + 2... and o + 1, o + 3...: the
		 * transpose of the SSE2 loop, then the two lanes interleaved */
		__m256i ab = _mm256_add_epi32(_mm256_unpacklo_epi32(s[0], s[1]),
			_mm256_unpackhi_epi32(s[0], s[1]));
		__m256i cd = _mm256_add_epi32(_mm256_unpacklo_epi32(s[2], s[3]),
			_mm256_unpackhi_epi32(s[2], s[3]));
		__m256i v = _mm256_add_epi32(_mm256_unpacklo_epi64(ab, cd),
			_mm256_unpackhi_epi64(ab, cd));
		v = _mm256_srai_epi32(_mm256_add_epi32(v,
			_mm256_set1_epi32(ROUND)), WEIGHT_BITS);
		v = _mm256_packs_epi32(v, v);
		_mm_storeu_si128((__m128i *)(out + o), _mm_unpacklo_epi16(
			_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1)));
	}
}

/*
 * The same, sixteen outputs at once, from taps_widen()'s layout: the
 * window of their samples in one register, from which a permute gives
 * each output a pair of its taps; the sums need no shuffling, which was
 * most of across_avx2()'s time.
 */
__attribute__((target("avx512f,avx512bw")))
static void across_avx512(const int16_t *lin, const struct taps *t, int nw,
	int16_t *out)
{
	const __m512i next_pair = _mm512_set1_epi16(2);
	for (int o = 0; o < nw; o += PAD) {
		__m512i window = _mm512_loadu_si512(lin + t->first[o]);
		__m512i at = _mm512_loadu_si512(t->wide_index + (size_t)o * 2);
		const int16_t *w = t->wide_weight + (size_t)o * GROUP;
		__m512i sum = _mm512_set1_epi32(ROUND);
		for (int k = 0; k < GROUP / 2; k++) {
			sum = _mm512_add_epi32(sum, _mm512_madd_epi16(
				_mm512_permutexvar_epi16(at, window),
				_mm512_loadu_si512(w + k * 2 * PAD)));
			at = _mm512_add_epi16(at, next_pair);
		}
		__m256i v = _mm512_cvtsepi32_epi16(_mm512_srai_epi32(sum,
			WEIGHT_BITS));
		_mm256_storeu_si256((__m256i *)(out + o), v);
	}
}

/* filter_down()'s SSE2 loop, sixteen samples at a time; returns how far
 * it went. */
__attribute__((target("avx2")))
static size_t down_avx2(const int16_t *const *rows, const int16_t *wt, int n,
	size_t len, int16_t *sum)
{
	size_t x = 0;
	for (; x + 16 <= len; x += 16) {
		__m256i lo = _mm256_setzero_si256(), hi = _mm256_setzero_si256();
		for (int k = 0; k < n; k += 2) {
			__m256i a = _mm256_loadu_si256((const __m256i *)(rows[k]
				+ x));
			__m256i b = _mm256_loadu_si256((const __m256i *)(rows[k + 1]
				+ x));
			int32_t pair;
			memcpy(&pair, wt + k, sizeof(pair));
			__m256i w = _mm256_set1_epi32(pair);
			lo = _mm256_add_epi32(lo, _mm256_madd_epi16(
				_mm256_unpacklo_epi16(a, b), w));
			hi = _mm256_add_epi32(hi, _mm256_madd_epi16(
				_mm256_unpackhi_epi16(a, b), w));
		}
		__m256i round = _mm256_set1_epi32(ROUND);
		lo = _mm256_srai_epi32(_mm256_add_epi32(lo, round), WEIGHT_BITS);
		hi = _mm256_srai_epi32(_mm256_add_epi32(hi, round), WEIGHT_BITS);
		/* per lane, as the unpacks were: the order comes back */
		__m256i v = _mm256_packs_epi32(lo, hi);
		v = _mm256_min_epi16(_mm256_max_epi16(v, _mm256_setzero_si256()),
			_mm256_set1_epi16(SAMPLE_MAX));
		_mm256_storeu_si256((__m256i *)(sum + x), v);
	}
	return x;
}

/* down_avx2() at 32 samples at a time. */
__attribute__((target("avx512f,avx512bw")))
static size_t down_avx512(const int16_t *const *rows, const int16_t *wt,
	int n, size_t len, int16_t *sum)
{
	size_t x = 0;
	for (; x + 32 <= len; x += 32) {
		__m512i lo = _mm512_setzero_si512(), hi = _mm512_setzero_si512();
		for (int k = 0; k < n; k += 2) {
			__m512i a = _mm512_loadu_si512(rows[k] + x);
			__m512i b = _mm512_loadu_si512(rows[k + 1] + x);
			int32_t pair;
			memcpy(&pair, wt + k, sizeof(pair));
			__m512i w = _mm512_set1_epi32(pair);
			lo = _mm512_add_epi32(lo, _mm512_madd_epi16(
				_mm512_unpacklo_epi16(a, b), w));
			hi = _mm512_add_epi32(hi, _mm512_madd_epi16(
				_mm512_unpackhi_epi16(a, b), w));
		}
		__m512i round = _mm512_set1_epi32(ROUND);
		lo = _mm512_srai_epi32(_mm512_add_epi32(lo, round), WEIGHT_BITS);
		hi = _mm512_srai_epi32(_mm512_add_epi32(hi, round), WEIGHT_BITS);
		__m512i v = _mm512_packs_epi32(lo, hi);
		v = _mm512_min_epi16(_mm512_max_epi16(v, _mm512_setzero_si512()),
			_mm512_set1_epi16(SAMPLE_MAX));
		_mm512_storeu_si512(sum + x, v);
	}
	return x;
}
#endif

/* One row of lin (span zeros past its end) filtered across into out. */
static void filter_across(const int16_t *lin, const struct taps *t, int nw,
	int16_t *out)
{
#ifdef RESAMPLE_AVX2
	if (t->wide_index) {
		across_avx512(lin, t, nw, out);
		return;
	}
	if (avx2 && t->span == GROUP) {
		across_avx2(lin, t, nw, out);
		return;
	}
#endif
	size_t span = (size_t)t->span;
	for (int o = 0; o < nw; o += BLOCK) {
#ifdef RESAMPLE_SSE2
		/* four outputs at once: their accumulators stay in registers */
		const int16_t *p[BLOCK], *wt[BLOCK];
		__m128i s[BLOCK];
		for (int i = 0; i < BLOCK; i++) {
			p[i] = lin + t->first[o + i];
			wt[i] = t->weight + (size_t)(o + i) * span;
			s[i] = _mm_setzero_si128();
		}
		for (size_t g = 0; g < span; g += GROUP) {
			for (int i = 0; i < BLOCK; i++) {
				s[i] = _mm_add_epi32(s[i], _mm_madd_epi16(
					_mm_loadu_si128((const __m128i *)(p[i] + g)),
					_mm_loadu_si128((const __m128i *)(wt[i]
					+ g))));
			}
		}
		/* each output's four partial sums added: a transpose */
		__m128i ab = _mm_add_epi32(_mm_unpacklo_epi32(s[0], s[1]),
			_mm_unpackhi_epi32(s[0], s[1]));
		__m128i cd = _mm_add_epi32(_mm_unpacklo_epi32(s[2], s[3]),
			_mm_unpackhi_epi32(s[2], s[3]));
		__m128i sum = _mm_add_epi32(_mm_unpacklo_epi64(ab, cd),
			_mm_unpackhi_epi64(ab, cd));
		sum = _mm_srai_epi32(_mm_add_epi32(sum, _mm_set1_epi32(ROUND)),
			WEIGHT_BITS);
		_mm_storel_epi64((__m128i *)(out + o), _mm_packs_epi32(sum, sum));
#else
		for (int i = 0; i < BLOCK; i++) {
			const int16_t *p = lin + t->first[o + i];
			const int16_t *wt = t->weight + (size_t)(o + i) * span;
			int32_t acc = 0;
			for (size_t k = 0; k < span; k++) {
				acc += wt[k] * p[k];
			}
			out[o + i] = narrow(acc);
		}
#endif
	}
}

/*
 * One output row: n rows (rows[k], len samples each) weighed by wt (n
 * even) and summed, clamped into sample range, into sum.
 */
static void filter_down(const int16_t *const *rows, const int16_t *wt, int n,
	size_t len, int32_t *acc, int16_t *sum)
{
	size_t x = 0;
#ifdef RESAMPLE_AVX2
	if (avx512) {
		x = down_avx512(rows, wt, n, len, sum);
	} else if (avx2) {
		x = down_avx2(rows, wt, n, len, sum);
	}
#endif
#ifdef RESAMPLE_SSE2
	for (; x + 8 <= len; x += 8) {
		__m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128();
		for (int k = 0; k < n; k += 2) {
			__m128i a = _mm_loadu_si128((const __m128i *)(rows[k] + x));
			__m128i b = _mm_loadu_si128((const __m128i *)(rows[k + 1]
				+ x));
			/* the two rows' weights, as pmaddwd pairs them */
			int32_t pair;
			memcpy(&pair, wt + k, sizeof(pair));
			__m128i w = _mm_set1_epi32(pair);
			lo = _mm_add_epi32(lo, _mm_madd_epi16(
				_mm_unpacklo_epi16(a, b), w));
			hi = _mm_add_epi32(hi, _mm_madd_epi16(
				_mm_unpackhi_epi16(a, b), w));
		}
		__m128i round = _mm_set1_epi32(ROUND);
		lo = _mm_srai_epi32(_mm_add_epi32(lo, round), WEIGHT_BITS);
		hi = _mm_srai_epi32(_mm_add_epi32(hi, round), WEIGHT_BITS);
		__m128i v = _mm_packs_epi32(lo, hi);
		v = _mm_min_epi16(_mm_max_epi16(v, _mm_setzero_si128()),
			_mm_set1_epi16(SAMPLE_MAX));
		_mm_storeu_si128((__m128i *)(sum + x), v);
	}
#endif
	for (size_t i = x; i < len; i++) {
		acc[i] = 0;
	}
	for (int k = 0; k < n; k++) {
		const int16_t *r = rows[k];
		int32_t wk = wt[k];
		for (size_t i = x; i < len; i++) {
			acc[i] += wk * r[i];
		}
	}
	for (size_t i = x; i < len; i++) {
		int16_t v = narrow(acc[i]);
		sum[i] = v < 0 ? 0 : v > SAMPLE_MAX ? SAMPLE_MAX : v;
	}
}

#ifdef RESAMPLE_AVX2
#define VBMI_TARGET __attribute__((target("avx512f,avx512bw,avx512vbmi")))

/* 64 bytes through a 256-entry byte table held in four registers. */
VBMI_TARGET
static inline __m512i lookup_bytes(__m512i v, const __m512i t[4])
{
	__m512i low = _mm512_permutex2var_epi8(t[0], v, t[1]);
	__m512i high = _mm512_permutex2var_epi8(t[2], v, t[3]);
	return _mm512_mask_blend_epi8(_mm512_movepi8_mask(v), low, high);
}

/*
 * row_in() for 64 samples at a time, step 1 or 3: the table lookups that
 * were a sixth of a resize, as byte permutes (the table's low and high
 * bytes apart); a step of 3 is gathered by permutes too. Returns how far
 * it went: it stops a sample short of the end, so as not to read past
 * the row.
 */
VBMI_TARGET
static int row_in_vbmi(const unsigned char *row, int w, size_t step,
	int16_t *lin)
{
	__m512i lo[4], hi[4];
	for (int i = 0; i < 4; i++) {
		lo[i] = _mm512_loadu_si512(linear_lo + 64 * i);
		hi[i] = _mm512_loadu_si512(linear_hi + 64 * i);
	}
	__m512i from_first = _mm512_loadu_si512(every_third_first);
	__m512i from_second = _mm512_loadu_si512(every_third_second);
	__m512i words_lo = _mm512_loadu_si512(low_words);
	__m512i words_hi = _mm512_loadu_si512(high_words);
	const __mmask64 in_second = ~(__mmask64)0 << 43;
	int x = 0;
	for (; x + 65 <= w; x += 64) {
		__m512i v;
		if (step == 3) {
			const unsigned char *p = row + (size_t)x * 3;
			__m512i a = _mm512_loadu_si512(p);
			__m512i b = _mm512_loadu_si512(p + 64);
			__m512i c = _mm512_loadu_si512(p + 128);
			v = _mm512_mask_blend_epi8(in_second,
				_mm512_permutex2var_epi8(a, from_first, b),
				_mm512_permutex2var_epi8(b, from_second, c));
		} else {
			v = _mm512_loadu_si512(row + x);
		}
		__m512i l = lookup_bytes(v, lo), h = lookup_bytes(v, hi);
		_mm512_storeu_si512(lin + x, _mm512_permutex2var_epi8(l,
			words_lo, h));
		_mm512_storeu_si512(lin + x + 32, _mm512_permutex2var_epi8(l,
			words_hi, h));
	}
	return x;
}
#endif

/* A row's samples, step bytes apart, to fixed point in lin. */
static inline void row_in_step(const unsigned char *restrict row, int w,
	size_t step, int16_t *restrict lin)
{
#pragma GCC unroll 8
	for (int x = 0; x < w; x++) {
		lin[x] = linear[row[(size_t)x * step]];
	}
}

/*
 * The same with the common steps (a plane, a channel of RGB) as constants:
 * loops the compiler unrolls, a third of a resize's time otherwise.
 */
static void row_in(const unsigned char *row, int w, size_t step,
	int16_t *lin)
{
#ifdef RESAMPLE_AVX2
	if (vbmi && (step == 1 || step == 3)) {
		int done = row_in_vbmi(row, w, step, lin);
		row += (size_t)done * step;
		w -= done;
		lin += done;
	}
#endif
	switch (step) {
	case 1:
		row_in_step(row, w, 1, lin);
		break;
	case 3:
		row_in_step(row, w, 3, lin);
		break;
	default:
		row_in_step(row, w, step, lin);
		break;
	}
}

/* A row of samples back to sRGB bytes, step bytes apart in dst. */
static inline void row_out_step(const int16_t *restrict sum, int nw,
	unsigned char *restrict dst, size_t step)
{
#pragma GCC unroll 8
	for (int x = 0; x < nw; x++) {
		dst[(size_t)x * step] = srgb[sum[x]];
	}
}

static void row_out(const int16_t *sum, int nw, unsigned char *dst,
	size_t step)
{
	switch (step) {
	case 1:
		row_out_step(sum, nw, dst, 1);
		break;
	case 3:
		row_out_step(sum, nw, dst, 3);
		break;
	default:
		row_out_step(sum, nw, dst, step);
		break;
	}
}

/* The filters from in's size to out's: the same for every channel. */
static void filters_make(const struct resample_picture *in,
	const struct resample_picture *out, struct taps *across,
	struct taps *down)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, build_tables);
	taps_make(across, in->w, out->w, GROUP);
	taps_make(down, in->h, out->h, 2);
#ifdef RESAMPLE_AVX2
	if (avx512 && across->span == GROUP) {
		taps_widen(across, out->w);
	}
#endif
}

/*
 * in scaled into out through filters made for their sizes. Every channel
 * of a row is done together: the picture is read and written once, not
 * once per channel, which a picture larger than the cache paid for.
 */
static void scale(const struct resample_picture *in,
	const struct resample_picture *out, const struct taps *across,
	const struct taps *down)
{
	int w = in->w, h = in->h, c = in->c, nw = out->w, nh = out->h;
	/* per channel, the rows filtered across that the output rows still
	 * need: a ring; then a row of zeros for taps past the bottom */
	int ring = down->span;
	size_t row_len = (size_t)round_up(nw, PAD);
	size_t plane = (size_t)ring * row_len;
	int16_t *rows = xcalloc((size_t)c * plane + row_len, sizeof(*rows));
	const int16_t *zeros = rows + (size_t)c * plane;
	int *held = xmalloc((size_t)ring * sizeof(int));
	const int16_t **src_rows = xmalloc((size_t)ring * sizeof(*src_rows));
	int32_t *acc = xmalloc(row_len * sizeof(*acc));
	int16_t *sum = xmalloc(row_len * sizeof(*sum));
	/* zeros past the end, for the last taps and for whole windows */
	int16_t *lin = xcalloc((size_t)w + (size_t)(across->span > WINDOW
		? across->span : WINDOW), sizeof(*lin));
	for (int i = 0; i < ring; i++) {
		held[i] = -1;
	}
	for (int y = 0; y < nh; y++) {
		int n = down->count[y];
		for (int k = 0; k < n; k++) {
			int src = down->first[y] + k;
			int slot = src % ring;
			if (src >= h || held[slot] == src) {
				continue;
			}
			const unsigned char *row = in->px + (size_t)src
				* in->stride;
			for (int ch = 0; ch < c; ch++) {
				row_in(row + ch, w, (size_t)c, lin);
				filter_across(lin, across, nw, rows
					+ (size_t)ch * plane + (size_t)slot
					* row_len);
			}
			held[slot] = src;
		}
		const int16_t *wt = down->weight + (size_t)y
			* (size_t)down->span;
		for (int ch = 0; ch < c; ch++) {
			for (int k = 0; k < n; k++) {
				int src = down->first[y] + k;
				src_rows[k] = src >= h ? zeros : rows
					+ (size_t)ch * plane
					+ (size_t)(src % ring) * row_len;
			}
			filter_down(src_rows, wt, n, row_len, acc, sum);
			row_out(sum, nw, out->px + (size_t)y * out->stride + ch,
				(size_t)c);
		}
	}
	free(lin);
	free(sum);
	free(acc);
	free(src_rows);
	free(held);
	free(rows);
}

bool resample_srgb(const unsigned char *in, int w, int h, int c,
	unsigned char *out, int nw, int nh)
{
	if (c != 1 && c != 3) {
		return false;
	}
	struct resample_picture from = {(unsigned char *)in, w, h, c,
		(size_t)w * (size_t)c};
	struct resample_picture to = {out, nw, nh, c, (size_t)nw * (size_t)c};
	struct taps across, down;
	filters_make(&from, &to, &across, &down);
	scale(&from, &to, &across, &down);
	taps_finish(&across);
	taps_finish(&down);
	return true;
}
