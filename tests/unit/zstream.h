#ifndef BS_TESTS_ZSTREAM_H
#define BS_TESTS_ZSTREAM_H

/*
 * Compressed fixtures for the tests of gzip-wrapped inputs (web
 * archives, gzip members). Include after harness.h: a zlib failure is a
 * failed check.
 */

#include <string.h>

#include <zlib.h>

#include "util/buf.h"

/*
 * Appends data compressed as one zlib stream of window bits (16 +
 * MAX_WBITS: a gzip member; MAX_WBITS: zlib) to out.
 */
static inline void compress_to(const void *data, size_t len, int bits,
	struct bs_buf *out)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY)
			!= Z_OK) {
		OK(false, "deflateInit2");
		return;
	}
	unsigned char chunk[16384];
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	int rc;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = deflate(&z, Z_FINISH);
		buf_append(out, chunk, sizeof(chunk) - z.avail_out);
	} while (rc == Z_OK);
	OK(rc == Z_STREAM_END, "deflate: %d", rc);
	deflateEnd(&z);
}

#endif
