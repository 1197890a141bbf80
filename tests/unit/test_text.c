/* util/text, util/buf, util/hash and util/path. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/error.h"
#include "util/hash.h"
#include "util/path.h"
#include "util/text.h"

#include "harness.h"
#include "testutil.h"

#define VALID(s) utf8_valid((s), sizeof(s) - 1)

static void utf8(void)
{
	OK(VALID(""), "empty");
	OK(VALID("plain ASCII"), "ascii");
	OK(VALID("h\xc3\xa9llo \xe2\x82\xac \xf0\x9d\x84\x9e"), "é € 𝄞");
	OK(VALID("\xf4\x8f\xbf\xbf"), "U+10FFFF");
	OK(!VALID("\xc0\xaf"), "overlong 2-byte /");
	OK(!VALID("\xc1\xbf"), "overlong 2-byte");
	OK(!VALID("\xe0\x80\xaf"), "overlong 3-byte");
	OK(!VALID("\xf0\x80\x80\xaf"), "overlong 4-byte");
	OK(!VALID("\xed\xa0\x80"), "high surrogate");
	OK(!VALID("\xed\xbf\xbf"), "low surrogate");
	OK(!VALID("\xf4\x90\x80\x80"), "beyond U+10FFFF");
	OK(!VALID("\xe2\x82"), "truncated 3-byte at the end");
	OK(!VALID("\xc3"), "truncated 2-byte at the end");
	OK(!VALID("a\xe2\x82z"), "truncated 3-byte in the middle");
	OK(!VALID("\x80"), "lone continuation byte");
	OK(!VALID("\xff"), "0xFF");
	OK(!VALID("caf\xe9"), "latin-1 é");
	/* len bounds the check, whatever follows */
	OK(utf8_valid("ab\xff", 2), "len respected");

	unsigned cp;
	INT_EQ(utf8_decode("\xe2\x82\xac", &cp), 3);
	INT_EQ(cp, 0x20ac);
	INT_EQ(utf8_decode("\xff", &cp), 1);
	INT_EQ(cp, 0xfffd);
	char enc[4];
	INT_EQ(utf8_encode(0x1d11e, enc), 4);
	OK(memcmp(enc, "\xf0\x9d\x84\x9e", 4) == 0, "encode 𝄞");
}

static void collapse(void)
{
	char *s = text_collapse("  a\xc2\xa0\xc2\xa0" "b \t\n c\xe2\x80\x8b"
		"\xe2\x80\x8b" "d\xe3\x80\x80" "e  ");
	STR_EQ(s, "a b c d e");
	free(s);
	s = text_collapse("\xef\xbb\xbfword\xe2\x80\xaf");
	STR_EQ(s, "word");
	free(s);
	s = text_collapse(" \xc2\xa0 ");
	STR_EQ(s, "");
	free(s);
	OK(text_collapse(NULL) == NULL, "NULL stays NULL");
	OK(text_blank(NULL), "NULL is blank");
	OK(text_blank(" \xc2\xa0\xe2\x80\x8b\t"), "only spaces");
	OK(!text_blank(" x "), "not blank");
}

static void words(void)
{
	INT_EQ(text_word_count(""), 0);
	INT_EQ(text_word_count(NULL), 0);
	INT_EQ(text_word_count("Hello, world!"), 2);
	INT_EQ(text_word_count("  one  two\tthree\nfour "), 4);
	INT_EQ(text_word_count("caf\xc3\xa9 au lait"), 3);
	INT_EQ(text_word_count("\xe2\x80\x94 dash \xe2\x80\x94 and \xc2\xab"
		"quotes\xc2\xbb"), 3);
	/* each CJK character is a word: 日本語のテキスト */
	INT_EQ(text_word_count("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae"
		"\xe3\x83\x86\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88"), 8);
	/* Tokyo 東京。2019 */
	INT_EQ(text_word_count("Tokyo \xe6\x9d\xb1\xe4\xba\xac\xe3\x80\x82"
		"2019"), 4);
	/* 한국어 뉴스 */
	INT_EQ(text_word_count("\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 "
		"\xeb\x89\xb4\xec\x8a\xa4"), 5);
	INT_EQ(text_char_count("a b\xc2\xa0\xc3\xa9"), 3);
}

static void title_case(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"world-news", "World News"},
		{"WORLD NEWS", "World News"},
		{"world", "World"},
		{"us_politics", "Us Politics"},
		{"arts--culture", "Arts Culture"},
		{"  -sport-  ", "Sport"},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *t = text_title_case(cases[i].in);
		STR_EQ(t, cases[i].want);
		free(t);
	}
	char *l = text_lower("MiXeD 1");
	STR_EQ(l, "mixed 1");
	free(l);
}

static void trim(void)
{
	char a[] = "  \xc2\xa0 x  y \xe3\x80\x80 \n";
	STR_EQ(text_trim(a), "x  y");
	char b[] = "\t\t";
	STR_EQ(text_trim(b), "");
	char c[] = "caf\xc3\xa9";
	STR_EQ(text_trim(c), "caf\xc3\xa9");
	char d[] = "\xe2\x80\x8bzero-width\xe2\x80\x8b";
	STR_EQ(text_trim(d), "zero-width");
	OK(text_trim(NULL) == NULL, "NULL");
	OK(text_starts_ci("By Jane", "by "), "starts_ci");
	OK(!text_starts_ci(NULL, "by"), "starts_ci NULL");
	const char *hay = "Read MORE here";
	OK(text_find_ci(hay, "more") == hay + 5, "find_ci");
	OK(text_find_ci(hay, "less") == NULL, "find_ci missing");
}

static void buf(void)
{
	struct bs_buf b = {0};
	STR_EQ(buf_str(&b), "");
	for (int i = 0; i < 2000; i++) {
		buf_printf(&b, "%d,", i);
	}
	OK(b.len == strlen(b.data), "NUL-terminated, len %zu", b.len);
	OK(strncmp(b.data, "0,1,2,3,", 8) == 0, "start");
	OK(strcmp(b.data + b.len - 10, "1998,1999,") == 0, "end: %s",
		b.data + b.len - 10);
	OK(b.cap > b.len, "capacity");
	buf_reset(&b);
	INT_EQ(b.len, 0);
	STR_EQ(buf_str(&b), "");

	/* one call larger than the buffer grows it at once */
	char big[10001];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_puts(&b, "<");
	buf_printf(&b, "%s>%d", big, 42);
	INT_EQ(b.len, 10004);
	OK(b.data[0] == '<' && strcmp(b.data + 10001, ">42") == 0, "contents");
	buf_printf(&b, "%s", "");
	INT_EQ(b.len, 10004);
	char *s = buf_detach(&b);
	OK(b.data == NULL && b.len == 0, "detached");
	INT_EQ(strlen(s), 10004);
	free(s);

	s = buf_detach(&b);
	STR_EQ(s, "");
	free(s);
	buf_append(&b, "a\0b", 3);
	INT_EQ(b.len, 3);
	buf_putc(&b, 'c');
	OK(memcmp(b.data, "a\0bc", 5) == 0, "binary append");
	buf_finish(&b);
	OK(b.data == NULL, "finished");
}

static void hash(void)
{
	char out[65];
	hash_sha256_hex("abc", 3, out);
	STR_EQ(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hash_sha256_hex("", 0, out);
	STR_EQ(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	OK(hash_sha256_u64("abc", 3) == 0xba7816bf8f01cfeaULL, "u64 prefix");

	/*
	 * Expected values computed once with Python:
	 *   uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com/")
	 *   uuid.uuid5(uuid.NAMESPACE_URL, "")
	 *   uuid.uuid5(uuid.NAMESPACE_URL, "broadsheet:Daily Edition:2026-11-28")
	 */
	char urn[46];
	hash_uuid_urn("https://example.com/", urn);
	STR_EQ(urn, "urn:uuid:dd2c1780-811a-5296-81c5-178a0ef488bc");
	hash_uuid_urn("", urn);
	STR_EQ(urn, "urn:uuid:1b4db7eb-4057-5ddf-91e0-36dec72071f5");
	hash_uuid_urn("broadsheet:Daily Edition:2026-11-28", urn);
	STR_EQ(urn, "urn:uuid:a72f121f-3ef8-5752-9ea7-8dcd2a0e2bf1");
}

static void paths(void)
{
	char *p = path_join("a", "b");
	STR_EQ(p, "a/b");
	free(p);
	p = path_join("a/", "b");
	STR_EQ(p, "a/b");
	free(p);
	p = path_join("a", "/abs/b");
	STR_EQ(p, "/abs/b");
	free(p);
	p = path_join(NULL, "b");
	STR_EQ(p, "b");
	free(p);
	p = path_join("", "b");
	STR_EQ(p, "b");
	free(p);

	p = path_dirname("a/b/c.html");
	STR_EQ(p, "a/b");
	free(p);
	p = path_dirname("c.html");
	STR_EQ(p, ".");
	free(p);
	p = path_dirname("/c.html");
	STR_EQ(p, "/");
	free(p);

	STR_EQ(path_basename("a/b/c.html"), "c.html");
	STR_EQ(path_basename("c.html"), "c.html");
	STR_EQ(path_basename("/"), "");

	OK(path_has_suffix("PAGE.HTML", ".html"), "case-insensitive suffix");
	OK(path_has_suffix("page.html.gz", ".html.gz"), "double suffix");
	OK(!path_has_suffix("page.htm", ".html"), "other suffix");
	OK(!path_has_suffix("", ".html"), "empty path");
	OK(path_has_suffix("x", ""), "empty suffix");

	p = path_percent_decode("a%20b%2Fc%c3%A9");
	STR_EQ(p, "a b/c\xc3\xa9");
	free(p);
	p = path_percent_decode("100%zz 50%2 %");
	STR_EQ(p, "100%zz 50%2 %");
	free(p);
	p = path_percent_decode("nul%00byte");
	STR_EQ(p, "nul%00byte");
	free(p);
}

static void resolve(void)
{
	char *tmp = tmp_dir();
	char *root = tmp_mkdir(tmp, "root");
	char *page_dir = tmp_mkdir(root, "page");
	char *img_dir = tmp_mkdir(root, "img");
	char *img = tmp_write(img_dir, "a.jpg", "jpeg", 4);
	char *spaced = tmp_write(page_dir, "my pic.png", "png", 3);
	char *secret = tmp_write(tmp, "secret.jpg", "secret", 6);
	char *link = tmp_path(page_dir, "link.jpg");
	OK(symlink(secret, link) == 0, "symlink");
	char *inner_link = tmp_path(page_dir, "inner.jpg");
	OK(symlink("../img/a.jpg", inner_link) == 0, "symlink");

	char real_img[PATH_MAX], real_spaced[PATH_MAX];
	OK(realpath(img, real_img) != NULL, "realpath");
	OK(realpath(spaced, real_spaced) != NULL, "realpath");

	struct bs_error err;
	error_clear(&err);
	char *r = path_resolve_local(root, page_dir, "../img/a.jpg", &err);
	STR_EQ(r, real_img);
	OK(!error_is_set(&err), "no error: %s", err.reason);
	free(r);

	r = path_resolve_local(root, page_dir, "./../img/./a.jpg?v=3#x", &err);
	STR_EQ(r, real_img);
	free(r);

	r = path_resolve_local(root, page_dir, "my%20pic.png", &err);
	STR_EQ(r, real_spaced);
	free(r);

	char url[PATH_MAX + 16];
	snprintf(url, sizeof(url), "file://%s", img);
	r = path_resolve_local(root, page_dir, url, &err);
	STR_EQ(r, real_img);
	free(r);

	r = path_resolve_local(root, page_dir, img, &err);
	STR_EQ(r, real_img);
	free(r);

	/* a symlink that stays inside is fine */
	r = path_resolve_local(root, page_dir, "inner.jpg", &err);
	STR_EQ(r, real_img);
	free(r);

	error_clear(&err);
	r = path_resolve_local(root, page_dir, "../../secret.jpg", &err);
	OK(r == NULL, "escape with .. refused: %s", r);
	OK(error_is_set(&err) && strstr(err.reason, "outside"),
		"reason: %s", err.reason);
	free(r);

	error_clear(&err);
	r = path_resolve_local(root, page_dir, "..%2F..%2Fsecret.jpg", &err);
	OK(r == NULL, "escape with %%2F refused: %s", r);
	free(r);

	error_clear(&err);
	r = path_resolve_local(root, page_dir, "link.jpg", &err);
	OK(r == NULL, "symlink to outside refused: %s", r);
	OK(error_is_set(&err) && strstr(err.reason, "outside"),
		"reason: %s", err.reason);
	free(r);

	error_clear(&err);
	r = path_resolve_local(root, page_dir, secret, &err);
	OK(r == NULL, "absolute path outside refused: %s", r);
	free(r);

	error_clear(&err);
	r = path_resolve_local(root, page_dir, "missing.jpg", &err);
	OK(r == NULL, "missing file refused");
	OK(error_is_set(&err), "error set for a missing file");
	free(r);

	error_clear(&err);
	r = path_resolve_local(root, page_dir, "../img", &err);
	OK(r == NULL, "a folder is not an image");
	OK(error_is_set(&err), "error set for a folder");
	free(r);

	free(link);
	free(inner_link);
	free(secret);
	free(spaced);
	free(img);
	free(img_dir);
	free(page_dir);
	free(root);
	tmp_remove(tmp);
}

static void read_file(void)
{
	char *tmp = tmp_dir();
	char *f = tmp_write(tmp, "f.txt", "hello\0world", 11);
	struct bs_error err;
	error_clear(&err);
	char *data = NULL;
	size_t len = 0;
	OK(path_read_file(f, 100, &data, &len, &err), "read: %s", err.reason);
	INT_EQ(len, 11);
	OK(data && memcmp(data, "hello\0world", 12) == 0, "contents");
	free(data);
	OK(!path_read_file(f, 10, &data, &len, &err), "over the limit");
	OK(strstr(err.reason, "too large") != NULL, "reason: %s", err.reason);
	error_clear(&err);
	OK(!path_read_file(tmp, 100, &data, &len, &err), "a folder");
	OK(error_is_set(&err), "error set");
	free(f);
	tmp_remove(tmp);
}

static void errors(void)
{
	struct bs_error err;
	error_clear(&err);
	OK(!error_is_set(&err), "clear");
	error_set(&err, "a.html", "bad %s", "thing");
	OK(error_is_set(&err), "set");
	error_set_place(&err, "line %d", 3);
	char line[2048];
	error_format(&err, line, sizeof(line));
	OK(strstr(line, "a.html") && strstr(line, "line 3")
		&& strstr(line, "bad thing"), "formatted: %s", line);
	error_set(NULL, "x", "ignored");
}

static const struct subtest tests[] = {
	{"utf8", utf8},
	{"collapse", collapse},
	{"words", words},
	{"title_case", title_case},
	{"trim", trim},
	{"buf", buf},
	{"hash", hash},
	{"paths", paths},
	{"resolve", resolve},
	{"read_file", read_file},
	{"errors", errors},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
