#include "util/hash.h"

#include <stdio.h>
#include <string.h>

#include <nettle/sha1.h>
#include <nettle/sha2.h>

static void to_hex(const uint8_t *d, size_t n, char *out)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * n] = '\0';
}

void hash_sha256_hex(const void *data, size_t len, char out[65])
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof(digest), digest);
	to_hex(digest, sizeof(digest), out);
}

bool hash_sha256_file(const char *path, char out[65])
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		return false;
	}
	struct sha256_ctx ctx;
	uint8_t block[64 * 1024], digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	size_t n;
	while ((n = fread(block, 1, sizeof(block), f)) > 0) {
		sha256_update(&ctx, n, block);
	}
	bool ok = !ferror(f);
	fclose(f);
	if (ok) {
		sha256_digest(&ctx, sizeof(digest), digest);
		to_hex(digest, sizeof(digest), out);
	}
	return ok;
}

uint64_t hash_sha256_u64(const void *data, size_t len)
{
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof(digest), digest);
	uint64_t v = 0;
	for (int i = 0; i < 8; i++) {
		v = v << 8 | digest[i];
	}
	return v;
}

void hash_uuid_urn(const char *name, char out[46])
{
	/* RFC 4122 appendix C: the URL namespace */
	static const uint8_t ns[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad,
		0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
	struct sha1_ctx ctx;
	uint8_t d[SHA1_DIGEST_SIZE];
	sha1_init(&ctx);
	sha1_update(&ctx, sizeof(ns), ns);
	sha1_update(&ctx, strlen(name), (const uint8_t *)name);
	sha1_digest(&ctx, sizeof(d), d);
	d[6] = (uint8_t)((d[6] & 0x0f) | 0x50);
	d[8] = (uint8_t)((d[8] & 0x3f) | 0x80);
	char h[33];
	to_hex(d, 16, h);
	snprintf(out, 46, "urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8,
		h + 12, h + 16, h + 20);
}
