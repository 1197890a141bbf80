#include "image/image.h"

#include <stdlib.h>
#include <string.h>

#include <stb_image.h>

#include "util/path.h"

enum { MAX_IMAGE_FILE = 64 << 20, MIN_SIDE = 3 };

static bool sniff(const unsigned char *d, size_t n, struct bs_image *img)
{
	if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff) {
		img->media_type = "image/jpeg";
		img->ext = "jpg";
	} else if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) {
		img->media_type = "image/png";
		img->ext = "png";
	} else if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0
			|| memcmp(d, "GIF89a", 6) == 0)) {
		img->media_type = "image/gif";
		img->ext = "gif";
	} else {
		return false;
	}
	return true;
}

bool image_prepare(const char *path, struct bs_image *img,
	struct bs_error *err)
{
	memset(img, 0, sizeof(*img));
	char *data;
	size_t len;
	if (!path_read_file(path, MAX_IMAGE_FILE, &data, &len, err)) {
		return false;
	}
	const unsigned char *d = (const unsigned char *)data;
	if (len == 0) {
		error_set(err, path, "empty image file, left out");
		free(data);
		return false;
	}
	if (!sniff(d, len, img)) {
		error_set(err, path, "not a JPEG, PNG or GIF picture, left out");
		free(data);
		return false;
	}
	int w, h, comp;
	if (len > 0x7fffffff || !stbi_info_from_memory(d, (int)len, &w, &h,
			&comp)) {
		error_set(err, path, "unreadable picture (%s), left out",
			stbi_failure_reason());
		free(data);
		return false;
	}
	if (w < MIN_SIDE && h < MIN_SIDE) {
		error_set(err, path, "a %dx%d tracking pixel, left out", w, h);
		free(data);
		return false;
	}
	img->width = w;
	img->height = h;
	img->data.data = data;
	img->data.len = len;
	img->data.cap = len + 1;
	return true;
}

void image_finish(struct bs_image *img)
{
	buf_finish(&img->data);
}
