#ifndef BS_IMAGE_RESAMPLE_H
#define BS_IMAGE_RESAMPLE_H

#include <stdbool.h>

/*
 * Scaling pictures down the way stb_image_resize's sRGB mode does — in
 * linear light, with the Mitchell filter widened by the scale — but with
 * each sample made linear once, in single precision, one row at a time,
 * in loops the compiler vectorizes: the image stage's hot spot, after the
 * decoder has already scaled JPEGs close to their size. Private to
 * src/image/.
 */

/**
 * Scales in (w x h, channels 1 or 3, no alpha, rows packed) to out
 * (nw x nh, same channels, allocated by the caller). False for other
 * channel counts, which stb_image_resize handles.
 */
bool resample_srgb(const unsigned char *in, int w, int h, int channels,
	unsigned char *out, int nw, int nh);

#endif
