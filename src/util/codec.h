#ifndef BS_UTIL_CODEC_H
#define BS_UTIL_CODEC_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/*
 * The byte encodings of the web and of mail: hexadecimal digits (percent
 * escapes, quoted-printable) and base64.
 */

/** The value of a hexadecimal digit, or -1. */
int codec_hex(char c);

/**
 * The value of a base64 digit, of the standard alphabet or the URL-safe
 * one ('-', '_'), or -1.
 */
int codec_base64(unsigned char c);

/**
 * Appends the bytes of base64 text [p, end) to out: white space is passed
 * over, '=' ends it. Returns false at the first character that is not
 * base64 (what came before is appended).
 */
bool codec_base64_decode(const char *p, const char *end, struct bs_buf *out);

#endif
