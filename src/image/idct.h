#ifndef BS_IMAGE_IDCT_H
#define BS_IMAGE_IDCT_H

#include <stdio.h>

#include <jpeglib.h>

/*
 * Faster inverse DCTs for libjpeg-turbo's scaled decoding.
 *
 * Decoding a JPEG at 3/8, 5/8, 6/8 or 7/8 of its size, libjpeg-turbo runs
 * inverse DCTs written in plain C (its 1/4, 1/2 and full-size ones are
 * SIMD): 3x3 to 7x7 blocks, and 6x6 to 14x14 for 4:2:0 chroma, which it
 * scales up by the DCT. They take half the decoding time or more: at 7/8
 * a photo decodes slower than at full size. These are AVX2 versions that
 * give exactly the same samples. Each output is the same integer sum as
 * in libjpeg-turbo's jidctint.c, in the same fixed point, rounded and
 * limited the same way; a block with a coefficient too large for 16-bit
 * intermediates (a few in photographs, at the largest sizes) goes to
 * libjpeg-turbo's own. Private to src/image/.
 */

/**
 * Swaps in the faster inverse DCTs for cinfo's components, after
 * jpeg_start_decompress() and before the first scanline is read. Leaves a
 * component alone unless its DCT is one of libjpeg-turbo's plain-C scaled
 * ones, its quantization table is the 16-bit one they read, and the
 * processor has AVX2. Returns the number of components swapped.
 */
int idct_speed_up(struct jpeg_decompress_struct *cinfo);

#endif
