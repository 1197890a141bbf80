#include "image/unfilter.h"

#include <stdint.h>
#include <string.h>

/*
 * A pixel of up to 8 bytes, one byte in each 16-bit lane: Paeth's
 * predictor (which needs 9 bits and a sign) for the whole pixel at once.
 * A row's pixels still go one after another, each needing the last.
 */
typedef uint8_t pixel_bytes __attribute__((vector_size(8)));
typedef int16_t pixel_lanes __attribute__((vector_size(16)));

static inline __attribute__((always_inline)) pixel_lanes load(
	const unsigned char *p, size_t bpp)
{
	pixel_bytes v = {0};
	memcpy(&v, p, bpp);
	return __builtin_convertvector(v, pixel_lanes);
}

static inline __attribute__((always_inline)) pixel_lanes magnitude(
	pixel_lanes v)
{
	pixel_lanes sign = v >> 15;
	return (v ^ sign) - sign;
}

/* bpp a constant where this is inlined, so that memcpy() is a move */
static inline __attribute__((always_inline)) void paeth(unsigned char *row,
	const unsigned char *prev, size_t len, size_t bpp)
{
	pixel_lanes a = {0}, c = {0};
	for (size_t i = 0; i < len; i += bpp) {
		pixel_lanes b = load(prev + i, bpp);
		pixel_lanes pa = magnitude(b - c);
		pixel_lanes pb = magnitude(a - c);
		pixel_lanes pc = magnitude(a + b - c - c);
		pixel_lanes take_a = (pa <= pb) & (pa <= pc);
		pixel_lanes take_b = ~take_a & (pb <= pc);
		pixel_lanes guess = (a & take_a) | (b & take_b)
			| (c & ~(take_a | take_b));
		pixel_lanes x = (load(row + i, bpp) + guess) & 0xff;
		pixel_bytes out = __builtin_convertvector(x, pixel_bytes);
		memcpy(row + i, &out, bpp);
		a = x;
		c = b;
	}
}

bool unfilter_row(int filter, unsigned char *row, const unsigned char *prev,
	size_t len, size_t bpp)
{
	size_t first = bpp < len ? bpp : len;
	switch (filter) {
	case 0:
		return true;
	case 1:
		for (size_t i = bpp; i < len; i++) {
			row[i] = (unsigned char)(row[i] + row[i - bpp]);
		}
		return true;
	case 2:
		for (size_t i = 0; i < len; i++) {
			row[i] = (unsigned char)(row[i] + prev[i]);
		}
		return true;
	case 3:
		for (size_t i = 0; i < first; i++) {
			row[i] = (unsigned char)(row[i] + (prev[i] >> 1));
		}
		for (size_t i = bpp; i < len; i++) {
			row[i] = (unsigned char)(row[i]
				+ ((row[i - bpp] + prev[i]) >> 1));
		}
		return true;
	case 4:
		switch (bpp) {
		case 1: paeth(row, prev, len, 1); return true;
		case 2: paeth(row, prev, len, 2); return true;
		case 3: paeth(row, prev, len, 3); return true;
		case 4: paeth(row, prev, len, 4); return true;
		case 6: paeth(row, prev, len, 6); return true;
		case 8: paeth(row, prev, len, 8); return true;
		default: paeth(row, prev, len, bpp); return true;
		}
	default:
		return false;
	}
}
