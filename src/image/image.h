#ifndef BS_IMAGE_IMAGE_H
#define BS_IMAGE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

/*
 * The image stage: one picture file in, the bytes to package out. For now
 * pictures are checked (a JPEG, PNG or GIF that stb_image can read the
 * header of, larger than a tracking pixel) and packaged as they are.
 */

struct bs_image {
	struct bs_buf data;	/* the bytes to package */
	const char *media_type;	/* "image/jpeg", "image/png", "image/gif" */
	const char *ext;	/* "jpg", "png", "gif" */
	int width, height;
};

/** Prepares *img, which needs no set-up; image_finish() frees it. */
bool image_prepare(const char *path, struct bs_image *img,
	struct bs_error *err);

void image_finish(struct bs_image *img);

#endif
