#ifndef BS_IMAGE_RESAMPLE_H
#define BS_IMAGE_RESAMPLE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Scaling pictures the way stb_image_resize's sRGB mode does — in linear
 * light, with the Mitchell filter widened by the scale — but one plane of
 * samples at a time, in 16-bit fixed point, in SSE2 where the machine has
 * it (plain C elsewhere, with the same integer results): the image stage's
 * hot spot, after the decoder has already scaled JPEGs close to their size.
 * Results are within one level of a double-precision resize. Private to
 * src/image/.
 */

/* One plane of 8-bit samples, inside a picture's pixels. */
struct resample_plane {
	unsigned char *px;	/* the first sample */
	int w, h;
	int step;		/* bytes from a sample to the next in its row */
	size_t stride;		/* bytes from a row to the next */
};

/**
 * Scales plane in into plane out, whose sizes say how much. With srgb the
 * samples are sRGB-coded intensities (a gray level, a colour channel, a
 * JPEG's luma), filtered in linear light; without, they are filtered as
 * they are (a JPEG's chroma, centred on 128).
 */
void resample_plane(const struct resample_plane *in,
	const struct resample_plane *out, bool srgb);

/**
 * Scales in (w x h, channels 1 or 3, no alpha, rows packed) to out
 * (nw x nh, same channels, allocated by the caller). False for other
 * channel counts, which stb_image_resize handles.
 */
bool resample_srgb(const unsigned char *in, int w, int h, int channels,
	unsigned char *out, int nw, int nh);

#endif
