#ifndef BS_IMAGE_RESAMPLE_H
#define BS_IMAGE_RESAMPLE_H

#include <stdbool.h>

/*
 * Scaling pictures the way stb_image_resize's sRGB mode does — in linear
 * light, with the Mitchell filter widened by the scale — but one channel
 * at a time, in 16-bit fixed point, with SSE2, AVX2 and AVX-512 loops
 * where the processor has them (plain C elsewhere, with the same integer
 * results): the image stage's hot spot, after the decoder has already
 * scaled JPEGs close to their size. Results are within one level of a
 * double-precision resize. Private to src/image/.
 */

/**
 * Scales in (w x h, channels 1 or 3, no alpha, rows packed) to out
 * (nw x nh, same channels, allocated by the caller). False for other
 * channel counts, which stb_image_resize handles.
 */
bool resample_srgb(const unsigned char *in, int w, int h, int channels,
	unsigned char *out, int nw, int nh);

#endif
