#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image/image.h"
#include "util/alloc.h"
#include "util/codec.h"
#include "util/path.h"
#include "util/text.h"

void image_ref_name(const char *ref, char *out, size_t n)
{
	if (text_starts_ci(ref, "data:")) {
		size_t type = strcspn(ref + 5, ";,");
		snprintf(out, n, "data: URI (%.*s, %zu bytes)",
			(int)(type < 40 ? type : 40), ref + 5, strlen(ref));
	} else {
		snprintf(out, n, "%s", ref);
	}
}

/* data:[<type>][;base64],<data> (RFC 2397) */
static bool read_data_uri(const char *ref, struct bs_buf *out,
	struct bs_error *err)
{
	char name[96];
	image_ref_name(ref, name, sizeof(name));
	const char *comma = strchr(ref, ',');
	if (!comma) {
		error_set(err, name, "not a data: URI (no comma)");
		return false;
	}
	bool base64 = false;
	for (const char *p = ref + 5; p < comma; p++) {
		if (strncasecmp(p, ";base64", 7) == 0) {
			base64 = true;
		}
	}
	const char *p = comma + 1;
	if (strlen(p) > (size_t)IMAGE_MAX_FILE * 2) {
		error_set(err, name, "too large");
		return false;
	}
	/* percent-encoded bytes, NUL included; in base64 too: rare, but valid */
	struct bs_buf raw = {0};
	for (; *p; p++) {
		int hi, lo;
		if (*p == '%' && (hi = codec_hex(p[1])) >= 0
				&& (lo = codec_hex(p[2])) >= 0) {
			buf_putc(&raw, (char)(hi << 4 | lo));
			p += 2;
		} else {
			buf_putc(&raw, *p);
		}
	}
	bool ok = true;
	if (!base64) {
		buf_append(out, raw.data ? raw.data : "", raw.len);
	} else if (!codec_base64_decode(raw.data ? raw.data : "",
			raw.data ? raw.data + raw.len : "", out)) {
		error_set(err, name, "bad base64 data");
		ok = false;
	}
	buf_finish(&raw);
	return ok;
}

bool image_read(const char *ref, struct bs_buf *bytes, struct bs_error *err)
{
	buf_reset(bytes);
	if (text_starts_ci(ref, "data:")) {
		return read_data_uri(ref, bytes, err);
	}
	char *data;
	size_t len;
	if (!path_read_file(ref, IMAGE_MAX_FILE, &data, &len, err)) {
		return false;
	}
	buf_finish(bytes);
	bytes->data = data;
	bytes->len = len;
	bytes->cap = len + 1;
	return true;
}
