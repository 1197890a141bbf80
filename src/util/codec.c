#include "util/codec.h"

int codec_hex(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
		return (c | 0x20) - 'a' + 10;
	}
	return -1;
}

int codec_base64(unsigned char c)
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

bool codec_base64_decode(const char *p, const char *end, struct bs_buf *out)
{
	unsigned acc = 0;
	int bits = 0;
	for (; p < end && *p != '='; p++) {
		int v = codec_base64((unsigned char)*p);
		if (v < 0) {
			if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') {
				continue;
			}
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
