/* ingest: sniffing, charsets, gzip, finding inputs, loading pages. */
#include <iconv.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "extract/dom.h"
#include "ingest/ingest.h"
#include "ingest/source.h"
#include "util/alloc.h"
#include "util/error.h"
#include "util/text.h"

#include "harness.h"
#include "testutil.h"

#define SNIFF(s) ingest_sniff((s), sizeof(s) - 1)

/*
 * A small page in UTF-16LE into le and UTF-16BE into be, each after its
 * byte order mark; returns the length of each.
 */
static size_t utf16_page(char *le, char *be, size_t cap)
{
	static const char page[] = "<!DOCTYPE html>\n<html><head><title>A "
		"page</title></head>\n<body><p>Text of a page saved by an old "
		"editor in UTF-16.</p></body></html>\n";
	size_t n = 0;
	le[n] = '\xff';
	le[n + 1] = '\xfe';
	be[n] = '\xfe';
	be[n + 1] = '\xff';
	n += 2;
	for (size_t i = 0; page[i] && n + 2 <= cap; i++, n += 2) {
		le[n] = page[i];
		le[n + 1] = '\0';
		be[n] = '\0';
		be[n + 1] = page[i];
	}
	return n;
}

/* Files shorter than 64 bytes in UTF-16 without a mark */
static void sniff_utf16_short(void)
{
	/* "<html><p>Hi</p></html>" */
	static const char le[] = "<\0h\0t\0m\0l\0>\0<\0p\0>\0H\0i\0"
		"<\0/\0p\0>\0<\0/\0h\0t\0m\0l\0>\0";
	INT_EQ(ingest_sniff(le, sizeof(le) - 1), BS_INPUT_HTML);
	static const char be[] = "\0<\0h\0t\0m\0l\0>\0<\0p\0>\0H\0i\0<\0/\0p"
		"\0>\0<\0/\0h\0t\0m\0l\0>";
	INT_EQ(ingest_sniff(be, sizeof(be) - 1), BS_INPUT_HTML);
}

static void sniff(void)
{
	INT_EQ(ingest_sniff("", 0), BS_INPUT_EMPTY);
	INT_EQ(SNIFF(" \n\t\r\n  "), BS_INPUT_EMPTY);
	INT_EQ(SNIFF("\xef\xbb\xbf  \n"), BS_INPUT_EMPTY);

	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"
		"\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xff" "a";
	INT_EQ(ingest_sniff(png, sizeof(png) - 1), BS_INPUT_BINARY);
	char noise[2048];
	for (size_t i = 0; i < sizeof(noise); i++) {
		noise[i] = (char)((i * 37 + i / 7) % 256);
	}
	INT_EQ(ingest_sniff(noise, sizeof(noise)), BS_INPUT_BINARY);
	char zeros[512] = {0};
	INT_EQ(ingest_sniff(zeros, sizeof(zeros)), BS_INPUT_BINARY);
	/* HTML with a NUL in it is not a page we can trust */
	INT_EQ(SNIFF("<html><body>\0\0\0\x01\x02\x03</body></html>"),
		BS_INPUT_BINARY);

	/* a page in UTF-16, little- and big-endian, with and without a mark */
	char le[1024], be[1024];
	size_t n16 = utf16_page(le, be, sizeof(le));
	INT_EQ(ingest_sniff(le, n16), BS_INPUT_HTML);
	INT_EQ(ingest_sniff(le + 2, n16 - 2), BS_INPUT_HTML);
	INT_EQ(ingest_sniff(be, n16), BS_INPUT_HTML);
	INT_EQ(ingest_sniff(be + 2, n16 - 2), BS_INPUT_HTML);

	INT_EQ(SNIFF("Just some words.\nAnother line, no markup at all.\n"),
		BS_INPUT_TEXT);
	INT_EQ(SNIFF("a < b and c > d"), BS_INPUT_TEXT);
	INT_EQ(SNIFF("<!DOCTYPE html>\n<html><head><title>T</title></head>"),
		BS_INPUT_HTML);
	INT_EQ(SNIFF("<!doctype HTML><p>x"), BS_INPUT_HTML);
	INT_EQ(SNIFF("\xef\xbb\xbf<div class=\"a\">text</div>"), BS_INPUT_HTML);
	INT_EQ(SNIFF("   \n<P>Upper-case markup</P>"), BS_INPUT_HTML);
}

/* Converts data and checks the result is valid UTF-8; caller frees. */
static char *to_utf8(const char *data, size_t len, const char **charset)
{
	char *out = NULL;
	size_t out_len = 0;
	ingest_to_utf8(data, len, NULL, &out, &out_len, charset);
	OK(out != NULL, "output");
	OK(out && strlen(out) == out_len, "NUL-terminated, no NUL inside");
	OK(out && utf8_valid(out, out_len), "valid UTF-8: %s", out);
	return out;
}

/* s (UTF-8) in charset, as a new string of *len bytes. */
static char *encode(const char *s, const char *charset, size_t *len)
{
	iconv_t cd = iconv_open(charset, "UTF-8");
	if (cd == (iconv_t)-1) {
		return NULL;
	}
	size_t in_left = strlen(s), cap = in_left * 4 + 16;
	char *out = calloc(1, cap);
	char *in = (char *)s, *o = out;
	size_t o_left = cap - 1;
	size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
	iconv_close(cd);
	if (rc == (size_t)-1) {
		free(out);
		return NULL;
	}
	*len = (size_t)(o - out);
	return out;
}

static void charset_bom(void)
{
	const char *cs = NULL;
	static const char u8[] = "\xef\xbb\xbf<p>caf\xc3\xa9</p>";
	char *s = to_utf8(u8, sizeof(u8) - 1, &cs);
	STR_EQ(s, "<p>caf\xc3\xa9</p>");
	STR_EQ(cs, "UTF-8");
	free(s);

	/* "<p>café</p>" in UTF-16LE after a byte order mark */
	static const char le[] = "\xff\xfe<\0p\0>\0c\0a\0f\0\xe9\0<\0/\0p\0>\0";
	s = to_utf8(le, sizeof(le) - 1, &cs);
	STR_EQ(s, "<p>caf\xc3\xa9</p>");
	STR_EQ(cs, "UTF-16LE");
	free(s);

	static const char be[] = "\xfe\xff\0<\0p\0>\0c\0a\0f\0\xe9\0<\0/\0p\0>";
	s = to_utf8(be, sizeof(be) - 1, &cs);
	STR_EQ(s, "<p>caf\xc3\xa9</p>");
	STR_EQ(cs, "UTF-16BE");
	free(s);

	/* a BOM overrides a declaration */
	static const char over[] = "\xef\xbb\xbf<meta charset=\"windows-1252\">"
		"<p>caf\xc3\xa9</p>";
	s = to_utf8(over, sizeof(over) - 1, &cs);
	STR_EQ(s, "<meta charset=\"windows-1252\"><p>caf\xc3\xa9</p>");
	free(s);
}

static void charset_meta(void)
{
	const char *cs = NULL;
	static const char w1252[] = "<html><head><meta charset=\"windows-1252\">"
		"</head><body><p>caf\xe9 \x93quoted\x94 \x80 na\xefve</p></body>"
		"</html>";
	char *s = to_utf8(w1252, sizeof(w1252) - 1, &cs);
	OK(strstr(s, "caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x82\xac "
		"na\xc3\xafve") != NULL, "windows-1252 decoded: %s", s);
	free(s);

	static const char latin1[] = "<html><head><meta http-equiv="
		"\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
		"</head><body><p>caf\xe9 r\xe9sum\xe9</p></body></html>";
	s = to_utf8(latin1, sizeof(latin1) - 1, &cs);
	OK(strstr(s, "caf\xc3\xa9 r\xc3\xa9sum\xc3\xa9") != NULL,
		"iso-8859-1 decoded: %s", s);
	free(s);

	static const char xmldecl[] = "<?xml version=\"1.0\" encoding="
		"\"ISO-8859-1\"?><html><body><p>caf\xe9</p></body></html>";
	s = to_utf8(xmldecl, sizeof(xmldecl) - 1, &cs);
	OK(strstr(s, "caf\xc3\xa9") != NULL, "XML declaration: %s", s);
	free(s);

	/* no declaration, not UTF-8: windows-1252 */
	static const char bare[] = "<p>caf\xe9</p>";
	s = to_utf8(bare, sizeof(bare) - 1, &cs);
	STR_EQ(s, "<p>caf\xc3\xa9</p>");
	free(s);

	/* no declaration, valid UTF-8: UTF-8 */
	static const char plain[] = "<p>caf\xc3\xa9</p>";
	s = to_utf8(plain, sizeof(plain) - 1, &cs);
	STR_EQ(s, "<p>caf\xc3\xa9</p>");
	STR_EQ(cs, "UTF-8");
	free(s);
}

static void charset_mislabelled(void)
{
	/* declares UTF-8, written in windows-1252 */
	static const char page[] = "<html><head><meta charset=\"utf-8\">"
		"</head><body><p>Le caf\xe9 du coin, \x93" "chez Ren\xe9\x94, "
		"sert un caf\xe9 cr\xe8me na\xef" "f.</p></body></html>";
	const char *cs = NULL;
	char *s = to_utf8(page, sizeof(page) - 1, &cs);
	OK(strstr(s, "Le caf\xc3\xa9 du coin, \xe2\x80\x9c" "chez Ren\xc3\xa9"
		"\xe2\x80\x9d, sert un caf\xc3\xa9 cr\xc3\xa8me na\xc3\xaf" "f.")
		!= NULL, "repaired: %s", s);
	OK(strstr(s, "\xef\xbf\xbd") == NULL, "no replacement characters");
	STR_EQ(cs, "WINDOWS-1252");
	free(s);
}

static void charset_cjk(void)
{
	const char *cs = NULL;
	size_t len = 0;
	/* 日本語のニュース */
	const char *ja = "<html><head><meta charset=\"Shift_JIS\"></head><body>"
		"<p>\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\x8b"
		"\xe3\x83\xa5\xe3\x83\xbc\xe3\x82\xb9</p></body></html>";
	char *sjis = encode(ja, "SHIFT_JIS", &len);
	if (!sjis) {
		SKIP("iconv cannot make Shift_JIS here");
	}
	OK(strcmp(sjis, ja) != 0, "the bytes differ from UTF-8");
	char *s = to_utf8(sjis, len, &cs);
	STR_EQ(s, ja);
	free(s);
	free(sjis);

	/* 한국어 뉴스, declared with http-equiv */
	const char *ko = "<html><head><meta http-equiv=\"content-type\" "
		"content=\"text/html; charset=euc-kr\"></head><body><p>"
		"\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 \xeb\x89\xb4\xec\x8a\xa4"
		"</p></body></html>";
	char *euckr = encode(ko, "EUC-KR", &len);
	if (!euckr) {
		SKIP("iconv cannot make EUC-KR here");
	}
	s = to_utf8(euckr, len, &cs);
	STR_EQ(s, ko);
	free(s);
	free(euckr);
}

/* No declaration, no byte order mark, not UTF-8: the bytes tell. */
static void charset_guess(void)
{
	const char *cs = NULL;
	size_t len = 0;
	/* 大阪市は土曜日、駅前に新しい市立図書館を開館したと発表した。 */
	const char *ja = "<html><body><p>\xe5\xa4\xa7\xe9\x98\xaa\xe5\xb8\x82"
		"\xe3\x81\xaf\xe5\x9c\x9f\xe6\x9b\x9c\xe6\x97\xa5\xe3\x80\x81"
		"\xe9\xa7\x85\xe5\x89\x8d\xe3\x81\xab\xe6\x96\xb0\xe3\x81\x97"
		"\xe3\x81\x84\xe5\xb8\x82\xe7\xab\x8b\xe5\x9b\xb3\xe6\x9b\xb8"
		"\xe9\xa4\xa8\xe3\x82\x92\xe9\x96\x8b\xe9\xa4\xa8\xe3\x81\x97"
		"\xe3\x81\x9f\xe3\x81\xa8\xe7\x99\xba\xe8\xa1\xa8\xe3\x81\x97"
		"\xe3\x81\x9f\xe3\x80\x82</p></body></html>";
	char *sjis = encode(ja, "SHIFT_JIS", &len);
	if (!sjis) {
		SKIP("iconv cannot make Shift_JIS here");
	}
	char *s = to_utf8(sjis, len, &cs);
	STR_EQ(s, ja);
	STR_EQ(cs, "CP932");
	free(s);
	free(sjis);
	/* and a Latin page stays windows-1252: "Le café de la gare rouvre" */
	static const char fr[] = "<p>Le caf\xe9 de la gare rouvre \xe0 "
		"P\xe2ques, apr\xe8s des travaux d'\xe9t\xe9.</p>";
	s = to_utf8(fr, sizeof(fr) - 1, &cs);
	STR_EQ(s, "<p>Le caf\xc3\xa9 de la gare rouvre \xc3\xa0 P\xc3\xa2ques, "
		"apr\xc3\xa8s des travaux d'\xc3\xa9t\xc3\xa9.</p>");
	free(s);
}

static void charset_invalid(void)
{
	const char *cs = NULL;
	/* one stray byte in an otherwise UTF-8 page stays UTF-8 */
	static const char page[] = "<meta charset=\"utf-8\"><p>caf\xc3\xa9 "
		"na\xc3\xafve \xff here \xe2\x82 end</p>";
	char *s = to_utf8(page, sizeof(page) - 1, &cs);
	STR_EQ(s, "<meta charset=\"utf-8\"><p>caf\xc3\xa9 na\xc3\xafve "
		"\xef\xbf\xbd here \xef\xbf\xbd\xef\xbf\xbd end</p>");
	STR_EQ(cs, "UTF-8");
	free(s);

	/* overlong and surrogate sequences are not passed through */
	static const char bad[] = "<meta charset=utf-8><p>\xc0\xaf \xed\xa0\x80"
		" caf\xc3\xa9 \xc3\xa9t\xc3\xa9</p>";
	s = to_utf8(bad, sizeof(bad) - 1, &cs);
	OK(strstr(s, "caf\xc3\xa9 \xc3\xa9t\xc3\xa9") != NULL, "kept: %s", s);
	free(s);

	/* whatever the input, the output is valid UTF-8 */
	static const char *const heads[] = {"", "<meta charset=utf-8>",
		"<meta charset=shift_jis>", "<meta charset=euc-kr>",
		"<meta charset=gb2312>", "<meta charset=big5>",
		"<meta charset=iso-2022-jp>", "<meta charset=koi8-r>",
		"<meta charset=x-unknown-charset>", "\xff\xfe", "\xfe\xff",
		"\xef\xbb\xbf"};
	unsigned seed = 12345;
	char buf[700];
	for (size_t h = 0; h < sizeof(heads) / sizeof(heads[0]); h++) {
		for (int round = 0; round < 20; round++) {
			size_t hl = strlen(heads[h]);
			memcpy(buf, heads[h], hl);
			size_t len = hl + (size_t)(round * 31 % 500) + 1;
			for (size_t i = hl; i < len; i++) {
				seed = seed * 1103515245 + 12345;
				buf[i] = (char)(seed >> 16);
			}
			char *out = NULL;
			size_t out_len = 0;
			ingest_to_utf8(buf, len, NULL, &out, &out_len, NULL);
			OK(out && utf8_valid(out, out_len),
				"random bytes after \"%s\" (%zu bytes)",
				heads[h], len);
			free(out);
		}
	}
}

/* Writes data gzipped to dir/name with zlib; returns the path. */
static char *write_gz(const char *dir, const char *name, const char *data,
	size_t len, size_t repeat)
{
	char *path = tmp_path(dir, name);
	gzFile gz = gzopen(path, "wb9");
	OK(gz != NULL, "gzopen %s", path);
	if (!gz) {
		return path;
	}
	for (size_t i = 0; i < repeat; i++) {
		OK(gzwrite(gz, data, (unsigned)len) == (int)len, "gzwrite");
	}
	gzclose(gz);
	return path;
}

static void gzip(void)
{
	char *tmp = tmp_dir();
	const char *html = "<html><body><p>Compressed caf\xc3\xa9.</p></body>"
		"</html>\n";
	char *gz = write_gz(tmp, "page.html.gz", html, strlen(html), 1);
	struct bs_error err;
	error_clear(&err);
	char *data = NULL;
	size_t len = 0;
	OK(ingest_read(gz, &data, &len, &err, &err), "read: %s", err.reason);
	INT_EQ(len, strlen(html));
	STR_EQ(data, html);
	free(data);

	/* gzip data whatever the name */
	size_t raw_len = 0;
	char *raw = tmp_read(gz, &raw_len);
	char *renamed = tmp_write(tmp, "page.html", raw, raw_len);
	data = NULL;
	OK(ingest_read(renamed, &data, &len, &err, &err), "read: %s", err.reason);
	STR_EQ(data, html);
	free(data);

	/* two members one after the other make one file */
	size_t one_len = raw_len;
	char *two = malloc(2 * one_len);
	memcpy(two, raw, one_len);
	memcpy(two + one_len, raw, one_len);
	char *twice = tmp_write(tmp, "twice.html.gz", two, 2 * one_len);
	data = NULL;
	OK(ingest_read(twice, &data, &len, &err, &err), "read: %s", err.reason);
	INT_EQ(len, 2 * strlen(html));
	OK(data && strncmp(data, html, strlen(html)) == 0
		&& strcmp(data + strlen(html), html) == 0, "both members");
	free(data);

	/* not gzip: as is */
	char *plain = tmp_write(tmp, "plain.html", "<p>x</p>", 8);
	data = NULL;
	OK(ingest_read(plain, &data, &len, &err, &err), "read: %s", err.reason);
	STR_EQ(data, "<p>x</p>");
	INT_EQ(len, 8);
	free(data);

	error_clear(&err);
	char *missing = tmp_path(tmp, "missing.html");
	OK(!ingest_read(missing, &data, &len, &err, &err), "missing file");
	OK(error_is_set(&err), "error set");

	free(missing);
	free(plain);
	free(twice);
	free(two);
	free(raw);
	free(renamed);
	free(gz);
	tmp_remove(tmp);
}

static void gzip_truncated(void)
{
	char *tmp = tmp_dir();
	/* text that does not compress to nothing */
	char text[20000];
	unsigned seed = 7;
	for (size_t i = 0; i < sizeof(text); i++) {
		seed = seed * 1103515245 + 12345;
		text[i] = (char)('a' + (seed >> 16) % 26);
	}
	char *gz = write_gz(tmp, "full.html.gz", text, sizeof(text), 1);
	size_t len = 0;
	char *raw = tmp_read(gz, &len);
	OK(len > 1000, "compressed size %zu", len);
	char *cut = tmp_write(tmp, "cut.html.gz", raw, len / 2);
	struct bs_error err, damage;
	error_clear(&err);
	error_clear(&damage);
	char *data = NULL;
	size_t dlen = 0;
	/* what came before the damage is used, and the damage named */
	OK(ingest_read(cut, &data, &dlen, &damage, &err), "truncated: %s",
		err.reason);
	OK(strcmp(damage.reason, "truncated gzip data") == 0,
		"damage: %s", damage.reason);
	OK(data && dlen > 0 && dlen < sizeof(text)
		&& memcmp(data, text, dlen) == 0, "a prefix, %zu bytes", dlen);
	free(data);

	/* only the trailer missing: all of the data, and the damage */
	char *notail = tmp_write(tmp, "notail.html.gz", raw, len - 4);
	error_clear(&damage);
	OK(ingest_read(notail, &data, &dlen, &damage, &err), "no trailer: %s",
		err.reason);
	OK(strstr(damage.reason, "truncated") != NULL, "damage: %s",
		damage.reason);
	OK(dlen == sizeof(text), "%zu bytes", dlen);
	free(data);

	/* nothing before the damage: refused */
	char *head = tmp_write(tmp, "head.html.gz", raw, 12);
	error_clear(&damage);
	OK(!ingest_read(head, &data, &dlen, &damage, &err), "header only");
	OK(strstr(err.reason, "truncated") != NULL, "reason: %s", err.reason);
	OK(!error_is_set(&damage), "no damage: %s", damage.reason);

	/* corrupt data: named; what inflated before the check failed is used
	 * (deflate cannot tell where the bad bytes began) */
	raw[len / 2] ^= 0x55;
	raw[len / 2 + 1] ^= 0x55;
	char *bad = tmp_write(tmp, "bad.html.gz", raw, len);
	error_clear(&err);
	error_clear(&damage);
	bool read = ingest_read(bad, &data, &dlen, &damage, &err);
	OK(read ? strstr(damage.reason, "corrupt") != NULL
		: strstr(err.reason, "corrupt") != NULL, "corrupt named: %s%s",
		damage.reason, err.reason);
	if (read) {
		free(data);
	}

	free(head);
	free(bad);
	free(notail);
	free(cut);
	free(raw);
	free(gz);
	tmp_remove(tmp);
}

static void gzip_bomb(void)
{
	char *tmp = tmp_dir();
	/* INGEST_MAX_INFLATED + 1 MiB of zeros is some 65 kB of gzip */
	size_t chunk = 1 << 20;
	char *zeros = calloc(1, chunk);
	size_t chunks = (size_t)INGEST_MAX_INFLATED / chunk + 1;
	char *gz = write_gz(tmp, "bomb.html.gz", zeros, chunk, chunks);
	free(zeros);
	size_t len = 0;
	char *raw = tmp_read(gz, &len);
	OK(len < (1 << 20), "the bomb is small: %zu bytes", len);
	free(raw);
	struct bs_error err;
	error_clear(&err);
	char *data = NULL;
	size_t dlen = 0;
	OK(!ingest_read(gz, &data, &dlen, &err, &err), "bomb refused");
	OK(strstr(err.reason, "too large") != NULL, "reason: %s", err.reason);
	free(gz);
	tmp_remove(tmp);
}

static void touch(const char *dir, const char *name)
{
	free(tmp_write(dir, name, "<p>x</p>", 8));
}

static void find(void)
{
	char *tmp = tmp_dir();
	char *in = tmp_mkdir(tmp, "in");
	touch(in, "b.html");
	touch(in, "a.htm");
	touch(in, "A.html");
	touch(in, ".hidden.html");
	touch(in, "notes.txt");
	touch(in, "image.jpg");
	touch(in, "page.html");
	touch(in, "z.html.gz");
	char *hidden = tmp_mkdir(in, ".hiddendir");
	touch(hidden, "x.html");
	char *files = tmp_mkdir(in, "page_files");
	touch(files, "frame.html");
	char *xfiles = tmp_mkdir(in, "x_files");
	touch(xfiles, "y.html");
	char *sub = tmp_mkdir(in, "sub");
	touch(sub, "c.xhtml");
	touch(sub, "d.shtml.gz");
	touch(sub, "E.HTML");
	touch(sub, "feed.rss");
	touch(sub, "day.warc.gz");
	touch(sub, "save.mht");
	touch(sub, "list.json");
	char *deeper = tmp_mkdir(sub, "deeper");
	touch(deeper, "f.html");
	char *direct = tmp_write(tmp, "extra.txt", "<p>x</p>", 8);
	char *missing = tmp_path(tmp, "missing");

	char *args[] = {in, direct, missing};
	struct bs_input_list list = {0};
	struct bs_error_list problems = {0};
	ingest_find(args, 3, &list, &problems);

	static const char *const want[] = {"in/A.html", "in/a.htm", "in/b.html",
		"in/notes.txt", "in/page.html", "in/sub/E.HTML",
		"in/sub/c.xhtml", "in/sub/d.shtml.gz", "in/sub/day.warc.gz",
		"in/sub/deeper/f.html", "in/sub/feed.rss", "in/sub/save.mht",
		"in/x_files/y.html", "in/z.html.gz", "extra.txt"};
	size_t n_want = sizeof(want) / sizeof(want[0]);
	INT_EQ(list.count, n_want);
	size_t prefix = strlen(tmp) + 1;
	for (size_t i = 0; i < list.count && i < n_want; i++) {
		OK(strncmp(list.paths[i], tmp, prefix - 1) == 0,
			"path %s under %s", list.paths[i], tmp);
		STR_EQ(list.paths[i] + prefix, want[i]);
	}
	INT_EQ(problems.count, 1);
	if (problems.count) {
		STR_EQ(problems.items[0].file, missing);
		OK(problems.items[0].reason[0] != '\0', "a reason");
	}
	ingest_list_finish(&list);
	error_list_finish(&problems);
	INT_EQ(list.count, 0);

	free(missing);
	free(direct);
	free(deeper);
	free(sub);
	free(xfiles);
	free(files);
	free(hidden);
	free(in);
	tmp_remove(tmp);
}

/* Opens path as a source: NULL, err set, when it holds nothing to read. */
static struct bs_source *open_source(const char *path, const char *spool,
	struct bs_error *err)
{
	error_clear(err);
	return source_open(path, spool, err);
}

static void load_errors(void)
{
	char *tmp = tmp_dir();
	struct bs_error err;

	char *empty = tmp_write(tmp, "empty.html", "", 0);
	OK(!open_source(empty, tmp, &err), "empty file");
	OK(strstr(err.reason, "empty") != NULL, "reason: %s", err.reason);
	STR_EQ(err.file, empty);

	char *blank = tmp_write(tmp, "blank.html", "  \n\n\t ", 6);
	OK(!open_source(blank, tmp, &err), "blank file");
	OK(strstr(err.reason, "empty") != NULL, "reason: %s", err.reason);

	static const char bin[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\xff";
	char *binary = tmp_write(tmp, "binary.html", bin, sizeof(bin) - 1);
	OK(!open_source(binary, tmp, &err), "binary file");
	OK(strstr(err.reason, "binary") != NULL, "reason: %s", err.reason);

	char *missing = tmp_path(tmp, "missing.html");
	OK(!open_source(missing, tmp, &err), "missing file");
	OK(error_is_set(&err), "error set");

	/* a page saved as text is a text document, whatever its name */
	static const char txt[] = "Dear reader,\nthis is only text.\n";
	char *text = tmp_write(tmp, "text.html", txt, sizeof(txt) - 1);
	struct bs_source *s = open_source(text, tmp, &err);
	OK(s != NULL, "text: %s", err.reason);
	struct bs_document doc;
	if (s) {
		OK(source_next(s, &doc, &err) == BS_NEXT_DOC, "a document");
		OK(doc.kind == BS_DOC_TEXT, "a text document");
		STR_EQ(doc.text, txt);
		document_finish(&doc);
		OK(source_next(s, &doc, &err) == BS_NEXT_END, "one document");
		source_close(s);
	}

	free(missing);
	free(text);
	free(binary);
	free(blank);
	free(empty);
	tmp_remove(tmp);
}

static void load_page(void)
{
	char *tmp = tmp_dir();
	char *sub = tmp_mkdir(tmp, "site");
	static const char html[] = "<!DOCTYPE html><html lang=\"fr\"><head>"
		"<meta charset=\"windows-1252\"><title>Caf\xe9</title></head>"
		"<body><p>Un caf\xe9.</p></body></html>";
	char *path = tmp_write(sub, "page.html", html, sizeof(html) - 1);
	struct bs_error err;
	struct bs_source *s = open_source(path, tmp, &err);
	OK(s != NULL, "open: %s", err.reason);
	struct bs_document doc;
	memset(&doc, 0, sizeof(doc));
	OK(s && source_next(s, &doc, &err) == BS_NEXT_DOC, "load: %s",
		err.reason);
	struct bs_page page = doc.page;
	if (page.doc) {
		OK(doc.kind == BS_DOC_PAGE, "a page");
		STR_EQ(page.path, path);
		char real[PATH_MAX];
		OK(realpath(sub, real) != NULL, "realpath");
		STR_EQ(page.dir, real);
		STR_EQ(page.root, real);
		xmlNode *root = xmlDocGetRootElement(page.doc);
		OK(root && strcmp((const char *)root->name, "html") == 0,
			"html root");
		xmlChar *all = xmlNodeGetContent(root);
		OK(all && strstr((const char *)all, "Un caf\xc3\xa9.") != NULL,
			"decoded text: %s", all);
		xmlFree(all);
	}
	document_finish(&doc);
	OK(doc.page.doc == NULL && doc.page.path == NULL, "finished");
	source_close(s);
	free(path);
	free(sub);
	tmp_remove(tmp);
}

static void parse_html(void)
{
	static const char html[] = "<p>one<p>two <b>bold<i>both</b> tail"
		"<script src=\"http://example.com/x.js\"></script>";
	htmlDocPtr doc = ingest_parse_html(html, sizeof(html) - 1, NULL);
	OK(doc != NULL, "recovered");
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	OK(root != NULL, "a root");
	if (root) {
		xmlChar *all = xmlNodeGetContent(root);
		OK(all && strstr((const char *)all, "one")
			&& strstr((const char *)all, "both"), "text: %s", all);
		xmlFree(all);
	}
	xmlFreeDoc(doc);
}

/* The text of html once parsed, and how many <svg> elements hold nodes. */
static char *parsed_text(const char *html, int *full_svgs)
{
	htmlDocPtr doc = ingest_parse_html(html, strlen(html), NULL);
	OK(doc != NULL, "parsed: %s", html);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlChar *all = root ? xmlNodeGetContent(root) : NULL;
	char *text = xstrdup(all ? (const char *)all : "");
	xmlFree(all);
	*full_svgs = 0;
	for (xmlNode *n = root; n; n = dom_next(n, root)) {
		if (n->type == XML_ELEMENT_NODE && n->children
				&& strcmp((const char *)n->name, "svg") == 0) {
			(*full_svgs)++;
		}
	}
	xmlFreeDoc(doc);
	return text;
}

/*
 * What is left out before parsing: scripts but JSON-LD, style sheets,
 * comments, the inside of <svg> elements (nested ones counted); never
 * text around them, nor what a "<svg" or "<script" inside an attribute
 * seems to open.
 */
static void parse_inert(void)
{
	static const struct {
		const char *html, *kept[3];
		int full_svgs;
	} cases[] = {
		{"<p>a</p><script>var x = '<p>NO</p>';</script><style>p{}"
			"</style><!-- <p>NO</p> --><script type=\"application/"
			"ld+json\">{\"k\":\"LD\"}</script><p>b</p>",
			{"a", "b", "LD"}, 0},
		{"<p>a</p><svg viewBox=\"0 0 1 1\"><title>NO</title><svg>"
			"<text>NO</text></svg><svg/><text>NO</text></svg>"
			"<p>b</p>", {"a", "b", NULL}, 0},
		{"<p>a<svg/>b</p><svg></svg><p>c</p>", {"a", "b", "c"}, 0},
		{"<div data-icon=\"<svg><script>\">a</div><p>b</p><svg>"
			"<text>NO</text></svg><p>c</p>", {"a", "b", "c"}, 0},
		/* never closed: left as it was */
		{"<p>a</p><svg><text>b</text>", {"a", "b", NULL}, 1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int full;
		char *text = parsed_text(cases[i].html, &full);
		for (int k = 0; k < 3 && cases[i].kept[k]; k++) {
			OK(strstr(text, cases[i].kept[k]) != NULL, "case %zu: "
				"\"%s\" lost: %s", i, cases[i].kept[k], text);
		}
		OK(!strstr(text, "NO"), "case %zu: left in: %s", i, text);
		INT_EQ(full, cases[i].full_svgs);
		free(text);
	}
}

static const struct subtest tests[] = {
	{"sniff", sniff},
	{"sniff_utf16_short", sniff_utf16_short},
	{"charset_bom", charset_bom},
	{"charset_meta", charset_meta},
	{"charset_mislabelled", charset_mislabelled},
	{"charset_cjk", charset_cjk},
	{"charset_guess", charset_guess},
	{"charset_invalid", charset_invalid},
	{"gzip", gzip},
	{"gzip_truncated", gzip_truncated},
	{"gzip_bomb", gzip_bomb},
	{"find", find},
	{"load_errors", load_errors},
	{"load_page", load_page},
	{"parse_html", parse_html},
	{"parse_inert", parse_inert},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
