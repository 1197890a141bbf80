#ifndef BS_UTIL_HASH_H
#define BS_UTIL_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Digests for identity, not for security: de-duplication of articles and
 * images, and the edition's stable identifier. Backed by nettle.
 */

/** SHA-256 of data as 64 lowercase hex digits plus NUL in out[65]. */
void hash_sha256_hex(const void *data, size_t len, char out[65]);

/** The first 8 bytes of the SHA-256 of data, as a number. */
uint64_t hash_sha256_u64(const void *data, size_t len);

/**
 * SHA-256 of the file at path, read in blocks, as in hash_sha256_hex().
 * False (errno set) when it cannot be read.
 */
bool hash_sha256_file(const char *path, char out[65]);

/**
 * A name-based UUID (RFC 4122 version 5, SHA-1, URL namespace) for name,
 * written as "urn:uuid:xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx" into out[46].
 */
void hash_uuid_urn(const char *name, char out[46]);

#endif
