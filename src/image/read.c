#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image/image.h"
#include "util/alloc.h"
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

static int hexval(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
		return (c | 0x20) - 'a' + 10;
	}
	return -1;
}

static int b64(unsigned char c)
{
	if (c >= 'A' && c <= 'Z') {
		return c - 'A';
	}
	if (c >= 'a' && c <= 'z') {
		return c - 'a' + 26;
	}
	if (c >= '0' && c <= '9') {
		return c - '0' + 52;
	}
	if (c == '+' || c == '-') {
		return 62;
	}
	if (c == '/' || c == '_') {
		return 63;
	}
	return -1;
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
	if (!base64) {
		/* percent-encoded bytes, NUL included */
		for (; *p; p++) {
			int hi, lo;
			if (*p == '%' && (hi = hexval(p[1])) >= 0
					&& (lo = hexval(p[2])) >= 0) {
				buf_putc(out, (char)(hi << 4 | lo));
				p += 2;
			} else {
				buf_putc(out, *p);
			}
		}
		return true;
	}
	unsigned acc = 0;
	int bits = 0;
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '=' ) {
			break;
		}
		if (c == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			/* percent-encoded inside base64: rare, but valid */
			c = (unsigned char)(hexval(p[1]) << 4 | hexval(p[2]));
			p += 2;
		}
		int v = b64(c);
		if (v < 0) {
			if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
				continue;
			}
			error_set(err, name, "bad base64 data");
			return false;
		}
		acc = acc << 6 | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_putc(out, (char)(acc >> bits & 0xff));
		}
	}
	return true;
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
