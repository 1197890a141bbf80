#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "ingest/ingest.h"
#include "util/alloc.h"
#include "util/path.h"

static bool is_gzip(const char *data, size_t len)
{
	return len >= 2 && (unsigned char)data[0] == 0x1f
		&& (unsigned char)data[1] == 0x8b;
}

/*
 * Inflates every gzip member in turn (concatenated members are valid gzip).
 * Stops at INGEST_MAX_INFLATED so that a small bomb cannot fill memory.
 * Data that breaks off or goes bad gives what came before, with damage
 * set.
 */
static bool gunzip(const char *path, const char *in, size_t in_len, char **out,
	size_t *out_len, struct bs_error *damage, struct bs_error *err)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
		error_set(err, path, "cannot start gzip decoder");
		return false;
	}
	size_t cap = in_len * 4 + 1024;
	if (cap > INGEST_MAX_INFLATED) {
		cap = INGEST_MAX_INFLATED + 1;
	}
	char *buf = xmalloc(cap + 1);
	size_t n = 0;
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)in_len;
	bool ok = false;
	for (;;) {
		if (n == cap) {
			if (cap > INGEST_MAX_INFLATED) {
				error_set(err, path, "too large when decompressed "
					"(limit %d MiB)", INGEST_MAX_INFLATED >> 20);
				break;
			}
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
		}
		z.next_out = (Bytef *)buf + n;
		z.avail_out = (uInt)(cap - n);
		int rc = inflate(&z, Z_NO_FLUSH);
		n = cap - z.avail_out;
		if (rc == Z_STREAM_END) {
			/* another member may follow; trailing zeros are padding */
			while (z.avail_in && *z.next_in == 0) {
				z.next_in++;
				z.avail_in--;
			}
			if (z.avail_in == 0) {
				ok = true;
				break;
			}
			if (z.avail_in < 2 || z.next_in[0] != 0x1f
					|| z.next_in[1] != 0x8b) {
				/* junk after the data: keep what decoded */
				ok = true;
				break;
			}
			inflateReset(&z);
		} else if (rc == Z_BUF_ERROR && z.avail_in == 0) {
			error_set(n ? damage : err, path, "truncated gzip data");
			ok = n > 0;
			break;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			error_set(n ? damage : err, path, "corrupt gzip data (%s)",
				z.msg ? z.msg : "inflate failed");
			ok = n > 0;
			break;
		}
	}
	inflateEnd(&z);
	if (!ok) {
		free(buf);
		return false;
	}
	if (n > INGEST_MAX_INFLATED) {
		error_set(err, path, "too large when decompressed (limit %d MiB)",
			INGEST_MAX_INFLATED >> 20);
		free(buf);
		return false;
	}
	buf[n] = '\0';
	*out = buf;
	*out_len = n;
	return true;
}

bool ingest_read(const char *path, char **data, size_t *len,
	struct bs_error *damage, struct bs_error *err)
{
	char *raw;
	size_t raw_len;
	if (!path_read_file(path, INGEST_MAX_FILE, &raw, &raw_len, err)) {
		return false;
	}
	if (!is_gzip(raw, raw_len)) {
		*data = raw;
		*len = raw_len;
		return true;
	}
	bool ok = gunzip(path, raw, raw_len, data, len, damage, err);
	free(raw);
	return ok;
}
