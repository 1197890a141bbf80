#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uchardet/uchardet.h>

#include "ingest/ingest.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/text.h"

/*
 * WHATWG's encoding labels, reduced to the names glibc's iconv knows. Like
 * browsers, we read latin1 and ASCII labels as windows-1252, and the older
 * Chinese, Japanese and Korean labels as their supersets.
 */
static const struct {
	const char *label;
	const char *iconv;
} aliases[] = {
	{"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
	{"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
	{"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
	{"latin1", "WINDOWS-1252"}, {"l1", "WINDOWS-1252"},
	{"windows-1252", "WINDOWS-1252"}, {"cp1252", "WINDOWS-1252"},
	{"x-cp1252", "WINDOWS-1252"},
	{"iso-8859-2", "ISO-8859-2"}, {"iso-8859-3", "ISO-8859-3"},
	{"iso-8859-4", "ISO-8859-4"}, {"iso-8859-5", "ISO-8859-5"},
	{"iso-8859-6", "ISO-8859-6"}, {"iso-8859-7", "ISO-8859-7"},
	{"iso-8859-8", "ISO-8859-8"}, {"iso-8859-8-i", "ISO-8859-8"},
	{"iso-8859-10", "ISO-8859-10"}, {"iso-8859-13", "ISO-8859-13"},
	{"iso-8859-14", "ISO-8859-14"}, {"iso-8859-15", "ISO-8859-15"},
	{"latin9", "ISO-8859-15"}, {"iso-8859-16", "ISO-8859-16"},
	{"windows-1250", "WINDOWS-1250"}, {"windows-1251", "WINDOWS-1251"},
	{"windows-1253", "WINDOWS-1253"}, {"windows-1254", "WINDOWS-1254"},
	{"windows-1255", "WINDOWS-1255"}, {"windows-1256", "WINDOWS-1256"},
	{"windows-1257", "WINDOWS-1257"}, {"windows-1258", "WINDOWS-1258"},
	{"cp1250", "WINDOWS-1250"}, {"cp1251", "WINDOWS-1251"},
	{"koi8-r", "KOI8-R"}, {"koi8-u", "KOI8-U"}, {"ibm866", "IBM866"},
	{"ibm855", "IBM855"}, {"mac-cyrillic", "MAC-CYRILLIC"},
	{"x-mac-cyrillic", "MAC-CYRILLIC"}, {"euc-tw", "EUC-TW"},
	{"iso-2022-kr", "ISO-2022-KR"}, {"iso-2022-cn", "ISO-2022-CN"},
	{"iso-8859-11", "ISO-8859-11"}, {"viscii", "VISCII"},
	{"shift_jis", "CP932"}, {"shift-jis", "CP932"}, {"sjis", "CP932"},
	{"x-sjis", "CP932"}, {"ms_kanji", "CP932"}, {"windows-31j", "CP932"},
	{"cp932", "CP932"}, {"euc-jp", "EUC-JP"}, {"iso-2022-jp", "ISO-2022-JP"},
	{"euc-kr", "CP949"}, {"ks_c_5601-1987", "CP949"}, {"cp949", "CP949"},
	{"windows-949", "CP949"}, {"uhc", "CP949"},
	{"gb2312", "GB18030"}, {"gbk", "GB18030"}, {"gb18030", "GB18030"},
	{"x-gbk", "GB18030"}, {"cp936", "GB18030"},
	{"big5", "BIG5-HKSCS"}, {"big5-hkscs", "BIG5-HKSCS"},
	{"tis-620", "CP874"}, {"windows-874", "CP874"},
	{"utf-16le", "UTF-16LE"}, {"utf-16be", "UTF-16BE"},
	{"utf-16", "UTF-16LE"},
};

static const char *lookup_label(const char *label, size_t n)
{
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (strlen(aliases[i].label) == n
				&& strncasecmp(aliases[i].label, label, n) == 0) {
			return aliases[i].iconv;
		}
	}
	return NULL;
}

/* The value after "charset=" in s, trimmed of quotes and blanks. */
static const char *charset_value(const char *s, const char *end, size_t *n)
{
	while (s < end && (isspace((unsigned char)*s) || *s == '"'
			|| *s == '\'' || *s == '=')) {
		s++;
	}
	const char *v = s;
	while (s < end && (isalnum((unsigned char)*s) || *s == '-' || *s == '_'
			|| *s == ':' || *s == '.')) {
		s++;
	}
	*n = (size_t)(s - v);
	return v;
}

/*
 * The charset a page declares in its first bytes: <meta charset>,
 * <meta http-equiv content="...; charset=...">, or an XML declaration.
 */
static const char *declared_charset(const char *data, size_t len)
{
	size_t scan = len < 16384 ? len : 16384;
	const char *end = data + scan;
	if (scan > 5 && strncmp(data, "<?xml", 5) == 0) {
		const char *q = data;
		const char *close = memchr(data, '>', scan);
		while (close && q < close) {
			if (strncasecmp(q, "encoding", 8) == 0) {
				size_t n;
				const char *v = charset_value(q + 8, close, &n);
				return lookup_label(v, n);
			}
			q++;
		}
	}
	for (const char *p = data; p + 6 < end; p++) {
		if (*p != '<' || strncasecmp(p + 1, "meta", 4) != 0) {
			continue;
		}
		const char *close = memchr(p, '>', (size_t)(end - p));
		if (!close) {
			break;
		}
		for (const char *q = p + 5; q + 7 < close; q++) {
			if (strncasecmp(q, "charset", 7) == 0) {
				size_t n;
				const char *v = charset_value(q + 7, close, &n);
				const char *cs = lookup_label(v, n);
				if (cs) {
					return cs;
				}
			}
		}
		p = close;
	}
	return NULL;
}

/* Length of the valid UTF-8 sequence at p (a non-ASCII byte), or 0. */
static size_t sequence_length(const unsigned char *p, const unsigned char *end)
{
	size_t n = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 0;
	if (n == 0 || (size_t)(end - p) < n
			|| !utf8_valid((const char *)p, n)) {
		return 0;
	}
	return n;
}

/*
 * Evidence that bytes declared UTF-8 are really windows-1252: invalid
 * sequences that are Latin-1 letters or typographic quotes. One stray byte
 * is not enough; a page with several and no valid multi-byte sequences is.
 */
static bool looks_like_1252(const char *data, size_t len)
{
	size_t invalid = 0, valid_multi = 0;
	const unsigned char *p = (const unsigned char *)data;
	const unsigned char *end = p + len;
	while (p < end) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		size_t k = sequence_length(p, end);
		if (k) {
			valid_multi++;
			p += k;
		} else {
			invalid++;
			p++;
		}
	}
	return invalid >= 3 && invalid > valid_multi * 4;
}

static bool has_utf16_pattern(const char *data, size_t len, bool *le)
{
	if (len < 16) {
		return false;
	}
	size_t even_nul = 0, odd_nul = 0, n = len < 512 ? len : 512;
	for (size_t i = 0; i < n; i++) {
		if (data[i] == 0) {
			if (i % 2) {
				odd_nul++;
			} else {
				even_nul++;
			}
		}
	}
	if (odd_nul > n / 4 && even_nul < n / 32) {
		*le = true;
		return true;
	}
	if (even_nul > n / 4 && odd_nul < n / 32) {
		*le = false;
		return true;
	}
	return false;
}

static void convert(const char *from, const char *data, size_t len,
	struct bs_buf *out)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1) {
		cd = iconv_open("UTF-8", "WINDOWS-1252");
	}
	char chunk[8192];
	char *in = (char *)data;
	size_t in_left = len;
	while (in_left > 0) {
		char *o = chunk;
		size_t o_left = sizeof(chunk);
		size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
		buf_append(out, chunk, sizeof(chunk) - o_left);
		if (rc == (size_t)-1) {
			if (errno == E2BIG) {
				continue;
			}
			/* EILSEQ or a truncated tail: one replacement per byte */
			buf_puts(out, "\xef\xbf\xbd");
			in++;
			in_left--;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	char *o = chunk;
	size_t o_left = sizeof(chunk);
	iconv(cd, NULL, NULL, &o, &o_left);
	buf_append(out, chunk, sizeof(chunk) - o_left);
	iconv_close(cd);
}

/* Copies valid UTF-8, replacing each invalid byte with U+FFFD. */
static void repair_utf8(const char *data, size_t len, struct bs_buf *out)
{
	const unsigned char *p = (const unsigned char *)data;
	const unsigned char *end = p + len;
	while (p < end) {
		const unsigned char *run = p;
		while (p < end && *p < 0x80) {
			p++;
		}
		buf_append(out, run, (size_t)(p - run));
		if (p >= end) {
			break;
		}
		size_t k = sequence_length(p, end);
		if (k) {
			buf_append(out, p, k);
			p += k;
		} else {
			buf_puts(out, "\xef\xbf\xbd");
			p++;
		}
	}
}

/*
 * Bytes that are valid UTF-8 with plenty of multi-byte sequences are UTF-8
 * whatever a page says: no single-byte text looks like that by chance.
 */
static bool clearly_utf8(const char *data, size_t len)
{
	if (!utf8_valid(data, len)) {
		return false;
	}
	size_t multi = 0;
	for (size_t i = 0; i < len; i++) {
		multi += ((unsigned char)data[i] & 0xc0) == 0xc0;
	}
	return multi >= 8;
}

/*
 * A page that names no charset and is not UTF-8: uchardet's guess from
 * the bytes (what browsers do), else windows-1252, the web's default.
 */
static const char *detected_charset(const char *data, size_t len)
{
	const char *cs = NULL;
	uchardet_t ud = uchardet_new();
	if (ud && uchardet_handle_data(ud, data, len) == 0) {
		uchardet_data_end(ud);
		const char *name = uchardet_get_charset(ud);
		cs = name && *name ? lookup_label(name, strlen(name)) : NULL;
	}
	if (ud) {
		uchardet_delete(ud);
	}
	return cs ? cs : "WINDOWS-1252";
}

static bool single_byte(const char *cs)
{
	return strncmp(cs, "WINDOWS-", 8) == 0 || strncmp(cs, "ISO-8859-", 9) == 0
		|| strncmp(cs, "KOI8", 4) == 0 || strncmp(cs, "IBM8", 4) == 0
		|| strcmp(cs, "MAC-CYRILLIC") == 0 || strcmp(cs, "VISCII") == 0
		|| strcmp(cs, "CP874") == 0;
}

void ingest_to_utf8(const char *data, size_t len, const char *declared,
	char **out, size_t *out_len, const char **charset)
{
	const unsigned char *u = (const unsigned char *)data;
	const char *cs = NULL;
	size_t skip = 0;
	bool le;
	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		cs = "UTF-8";
		skip = 3;
	} else if (len >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		cs = "UTF-16LE";
		skip = 2;
	} else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		cs = "UTF-16BE";
		skip = 2;
	} else if (has_utf16_pattern(data, len, &le)) {
		cs = le ? "UTF-16LE" : "UTF-16BE";
	} else {
		cs = declared ? lookup_label(declared, strlen(declared)) : NULL;
		if (!cs) {
			cs = declared_charset(data, len);
		}
		if (cs && single_byte(cs) && clearly_utf8(data, len)) {
			cs = "UTF-8";
		}
		if (cs && strncmp(cs, "UTF-16", 6) == 0) {
			/* a page that reads as ASCII is not UTF-16 */
			cs = NULL;
		}
		if (!cs || strcmp(cs, "UTF-8") == 0) {
			if (utf8_valid(data, len)) {
				cs = "UTF-8";
			} else if (!cs) {
				cs = detected_charset(data, len);
			} else if (looks_like_1252(data, len)) {
				cs = "WINDOWS-1252";
			}
		}
	}
	struct bs_buf b = {0};
	if (strcmp(cs, "UTF-8") == 0 && utf8_valid(data + skip, len - skip)) {
		buf_append(&b, data + skip, len - skip);
	} else if (strcmp(cs, "UTF-8") == 0) {
		repair_utf8(data + skip, len - skip, &b);
	} else {
		convert(cs, data + skip, len - skip, &b);
	}
	*out_len = b.len;
	*out = buf_detach(&b);
	if (charset) {
		*charset = cs;
	}
}
