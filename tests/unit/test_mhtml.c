/* mhtml: single-file saves as Chrome writes them, refusals, sniffing. */
#include <stdlib.h>
#include <string.h>

#include "ingest/mhtml.h"
#include "ingest/resources.h"
#include "util/buf.h"
#include "util/error.h"

#include "harness.h"
#include "testutil.h"

/* A 1x1 PNG and a 1x1 GIF, as a page's pictures. */
static const unsigned char png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
	0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
	0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static const unsigned char gif[] = {
	0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00,
	0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x01, 0x00,
	0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
	0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
};

/* The page, quoted-printable as Chrome writes it: =3D, soft breaks. */
static const char page_qp[] =
	"<!DOCTYPE html><html lang=3D\"fr\"><head><meta charset=3D\"utf-8\">"
	"<title>Caf=\n"
	"=C3=A9 de la gare</title></head><body><article><h1>Le caf=c3=a9</h1>"
	"<p>Une =\n"
	"longue phrase qui d=C3=A9passe la limite de soixante-seize "
	"caract=C3=A8res=\n"
	" par ligne, 2 + 2 =3D 4.</p><img src=3D"
	"\"https://example.com/img/cup.png\" alt=3D\"Tasse\"><i=\n"
	"mg src=3D\"cid:logo.gif@example.com\"></article>\n"
	"</body></html>";

/* page_qp decoded; EOL stands for the message's line ending. */
static const char page_head[] =
	"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
	"<title>Caf\xc3\xa9 de la gare</title></head><body><article><h1>Le "
	"caf\xc3\xa9</h1><p>Une longue phrase qui d\xc3\xa9passe la limite de "
	"soixante-seize caract\xc3\xa8res par ligne, 2 + 2 = 4.</p><img src="
	"\"https://example.com/img/cup.png\" alt=\"Tasse\"><img src=\"cid:"
	"logo.gif@example.com\"></article>";
static const char page_tail[] = "</body></html>";

/* Base64 of data in lines of 76, each ended by \n. */
static void base64(const unsigned char *data, size_t len, struct bs_buf *out)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij"
		"klmnopqrstuvwxyz0123456789+/";
	size_t col = 0;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)data[i] << 16;
		if (i + 1 < len) {
			v |= (unsigned)data[i + 1] << 8;
		}
		if (i + 2 < len) {
			v |= data[i + 2];
		}
		char q[4] = {alphabet[v >> 18 & 63], alphabet[v >> 12 & 63],
			i + 1 < len ? alphabet[v >> 6 & 63] : '=',
			i + 2 < len ? alphabet[v & 63] : '='};
		buf_append(out, q, 4);
		col += 4;
		if (col == 76) {
			buf_putc(out, '\n');
			col = 0;
		}
	}
	if (col) {
		buf_putc(out, '\n');
	}
}

/* s with every \n made \r\n when crlf; caller frees. */
static char *with_eol(const char *s, bool crlf)
{
	struct bs_buf b = {0};
	for (; *s; s++) {
		if (*s == '\n' && crlf) {
			buf_putc(&b, '\r');
		}
		buf_putc(&b, *s);
	}
	return buf_detach(&b);
}

/*
 * A save as Chrome writes it: the page, a PNG by Content-Location, a GIF
 * by Content-ID only, a style sheet; the HTML part's headers given.
 */
static char *chrome_message(const char *html_headers, bool crlf)
{
	struct bs_buf b = {0};
	buf_puts(&b, "From: <Saved by Blink>\n"
		"Snapshot-Content-Location: "
		"https://example.com/news/cafe.html\n"
		"Subject: =?utf-8?Q?Caf=C3=A9_de_la_gare?=\n"
		"Date: Sat, 1 Jun 2024 10:00:00 -0000\n"
		"MIME-Version: 1.0\n"
		"Content-Type: multipart/related;\n"
		"\ttype=\"text/html\";\n"
		"\tboundary=\"----MultipartBoundary--abc----\"\n"
		"\n\n"
		"------MultipartBoundary--abc----\n");
	buf_puts(&b, html_headers);
	buf_puts(&b, "\n");
	buf_puts(&b, page_qp);
	buf_puts(&b, "\n------MultipartBoundary--abc----\n"
		"Content-Type: image/png\n"
		"Content-Transfer-Encoding: base64\n"
		"Content-Location: https://example.com/img/cup.png\n\n");
	base64(png, sizeof(png), &b);
	buf_puts(&b, "\n------MultipartBoundary--abc----\n"
		"Content-Type: image/gif\n"
		"Content-Transfer-Encoding: base64\n"
		"Content-ID: <logo.gif@example.com>\n\n");
	base64(gif, sizeof(gif), &b);
	buf_puts(&b, "\n------MultipartBoundary--abc----\n"
		"Content-Type: text/css\n"
		"Content-Transfer-Encoding: quoted-printable\n"
		"Content-Location: https://example.com/style.css\n\n"
		"body { color: red; }\n"
		"------MultipartBoundary--abc------\n");
	char *msg = with_eol(buf_str(&b), crlf);
	buf_finish(&b);
	return msg;
}

/* True when the file at path holds exactly len bytes of data. */
static bool file_holds(const char *path, const void *data, size_t len)
{
	size_t n = 0;
	char *got = path ? tmp_read(path, &n) : NULL;
	bool same = got && n == len && memcmp(got, data, len) == 0;
	free(got);
	return same;
}

static void check_chrome(bool crlf)
{
	char *spool = tmp_dir();
	struct bs_resources *res = resources_create(spool);
	char *msg = chrome_message(
		"Content-Type: text/html; charset=\"utf-8\"\n"
		"Content-ID: <frame-1A2B3C@mhtml.blink>\n"
		"Content-Transfer-Encoding: quoted-printable\n"
		"Content-Location: "
		"https://example.com/news/cafe.html?ref=home\n", crlf);
	struct bs_mhtml m;
	struct bs_error err;
	error_clear(&err);
	OK(mhtml_parse("cafe.mhtml", msg, strlen(msg), res, &m, &err),
		"parsed: %s", err.reason);
	struct bs_buf want = {0};
	buf_printf(&want, "%s%s%s", page_head, crlf ? "\r\n" : "\n", page_tail);
	STR_EQ(m.html, buf_str(&want));
	INT_EQ(m.len, want.len);
	STR_EQ(m.charset, "utf-8");
	STR_EQ(m.url, "https://example.com/news/cafe.html?ref=home");

	const char *cup = resources_lookup(res,
		"https://example.com/img/cup.png");
	OK(cup != NULL, "the PNG by its address");
	OK(file_holds(cup, png, sizeof(png)), "PNG bytes in %s", cup);
	OK(resources_lookup(res, "https://example.com/img/cup.png#top") == cup,
		"fragment ignored");
	const char *logo = resources_lookup(res, "cid:logo.gif@example.com");
	OK(logo != NULL, "the GIF by its Content-ID");
	OK(file_holds(logo, gif, sizeof(gif)), "GIF bytes in %s", logo);
	OK(resources_lookup(res, "https://example.com/style.css") == NULL,
		"not a picture");
	OK(resources_lookup(res, "https://example.com/img/other.png") == NULL,
		"not in the save");
	INT_EQ(resources_count(res), 2);

	mhtml_finish(&m);
	OK(m.html == NULL && m.url == NULL, "finished");
	buf_finish(&want);
	free(msg);
	resources_destroy(res);
	tmp_remove(spool);
}

static void chrome_crlf(void)
{
	check_chrome(true);
}

static void chrome_lf(void)
{
	check_chrome(false);
}

/*
 * The page part without a Content-Location has the snapshot's; a later
 * HTML part (a frame) is not the page; a preamble is passed over.
 */
static void snapshot_location(void)
{
	char *spool = tmp_dir();
	struct bs_resources *res = resources_create(spool);
	static const char msg[] =
		"From: <Saved by Blink>\r\n"
		"Snapshot-Content-Location: https://example.com/a.html\r\n"
		"MIME-Version: 1.0\r\n"
		"Content-Type: multipart/related; type=\"text/html\"; "
		"boundary=plain-boundary\r\n"
		"\r\n"
		"This is a multi-part message in MIME format.\r\n"
		"\r\n"
		"--plain-boundary\r\n"
		"Content-Type: text/html\r\n"
		"\r\n"
		"<html><body><p>Main page</p><iframe src=\"cid:f\"></iframe>"
		"</body></html>\r\n"
		"--plain-boundary\r\n"
		"Content-Type: text/html\r\n"
		"Content-ID: <f>\r\n"
		"Content-Location: https://ads.example.net/frame.html\r\n"
		"\r\n"
		"<html><body>An advertisement</body></html>\r\n"
		"--plain-boundary--\r\n";
	struct bs_mhtml m;
	struct bs_error err;
	error_clear(&err);
	OK(mhtml_parse("a.mht", msg, sizeof(msg) - 1, res, &m, &err),
		"parsed: %s", err.reason);
	STR_EQ(m.html, "<html><body><p>Main page</p><iframe src=\"cid:f\">"
		"</iframe></body></html>");
	STR_EQ(m.charset, NULL);
	STR_EQ(m.url, "https://example.com/a.html");
	INT_EQ(resources_count(res), 0);
	mhtml_finish(&m);
	resources_destroy(res);
	tmp_remove(spool);
}

/* A message cut short keeps the page it holds. */
static void truncated(void)
{
	char *spool = tmp_dir();
	struct bs_resources *res = resources_create(spool);
	char *full = chrome_message("Content-Type: text/html\n"
		"Content-Transfer-Encoding: quoted-printable\n", true);
	char *cut = strstr(full, "Content-Type: image/gif");
	struct bs_mhtml m;
	struct bs_error err;
	error_clear(&err);
	OK(cut && mhtml_parse("cut.mhtml", full, (size_t)(cut - full), res, &m,
		&err), "parsed: %s", err.reason);
	OK(m.html && strncmp(m.html, page_head, sizeof(page_head) - 1) == 0,
		"the page: %s", m.html);
	STR_EQ(m.url, "https://example.com/news/cafe.html");
	OK(resources_lookup(res, "https://example.com/img/cup.png") != NULL,
		"the PNG before the cut");
	mhtml_finish(&m);
	free(full);
	resources_destroy(res);
	tmp_remove(spool);
}

/* Parses msg expecting a refusal whose reason contains why. */
static void refused(const char *msg, const char *why)
{
	char *spool = tmp_dir();
	struct bs_resources *res = resources_create(spool);
	struct bs_mhtml m;
	struct bs_error err;
	error_clear(&err);
	OK(!mhtml_parse("bad.mhtml", msg, strlen(msg), res, &m, &err),
		"refused: %.40s", msg);
	OK(strstr(err.reason, why) != NULL, "reason: %s", err.reason);
	STR_EQ(err.file, "bad.mhtml");
	OK(m.html == NULL && m.charset == NULL && m.url == NULL,
		"nothing to free");
	mhtml_finish(&m);
	resources_destroy(res);
	tmp_remove(spool);
}

static void no_boundary(void)
{
	refused("From: <Saved by Blink>\r\n"
		"MIME-Version: 1.0\r\n"
		"Content-Type: multipart/related; type=\"text/html\"\r\n"
		"\r\n"
		"------MultipartBoundary--abc----\r\n"
		"Content-Type: text/html\r\n\r\n<p>x</p>\r\n"
		"------MultipartBoundary--abc------\r\n", "boundary");
	refused("From: <Saved by Blink>\r\n"
		"MIME-Version: 1.0\r\n"
		"Content-Type: multipart/related; boundary=\"\"\r\n"
		"\r\n--\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n----\r\n",
		"boundary");
	refused("MIME-Version: 1.0\r\nSubject: multipart/nothing\r\n\r\n"
		"<p>x</p>\r\n", "boundary");
}

static void boundary_absent(void)
{
	refused("From: <Saved by Blink>\r\n"
		"MIME-Version: 1.0\r\n"
		"Content-Type: multipart/related; boundary=\"declared-one\"\r\n"
		"\r\n"
		"--another-one\r\n"
		"Content-Type: text/html\r\n\r\n<p>x</p>\r\n"
		"--another-one--\r\n", "boundary");
}

static void no_html(void)
{
	struct bs_buf b = {0};
	buf_puts(&b, "From: <Saved by Blink>\n"
		"MIME-Version: 1.0\n"
		"Content-Type: multipart/related; boundary=\"b\"\n"
		"\n"
		"--b\n"
		"Content-Type: image/png\n"
		"Content-Transfer-Encoding: base64\n"
		"Content-Location: https://example.com/only.png\n\n");
	base64(png, sizeof(png), &b);
	buf_puts(&b, "--b\n"
		"Content-Type: text/plain\n\n"
		"Not a page.\n"
		"--b--\n");
	refused(buf_str(&b), "HTML");
	buf_finish(&b);
}

static void sniff(void)
{
	char *msg = chrome_message("Content-Type: text/html\n", true);
	OK(mhtml_sniff(msg, strlen(msg)), "Chrome's save");
	free(msg);
	static const char ie[] = "MIME-Version: 1.0\r\nContent-Type: "
		"multipart/related; boundary=\"----=_NextPart_000_0000\""
		"\r\n\r\n";
	OK(mhtml_sniff(ie, sizeof(ie) - 1), "an older save");
	static const char from[] = "From: <Saved by Windows Internet "
		"Explorer 8>\r\nSubject: News\r\n"
		"Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
		"\tboundary=\"x\"\r\n\r\n";
	OK(mhtml_sniff(from, sizeof(from) - 1), "a folded header");

	static const char mail[] = "From: jane@example.com\r\nSubject: Hi\r\n"
		"\r\nJust a note, no parts.\r\n";
	OK(!mhtml_sniff(mail, sizeof(mail) - 1), "a single-part message");
	static const char html[] = "<!DOCTYPE html><html><body>Content-Type: "
		"multipart/related</body></html>";
	OK(!mhtml_sniff(html, sizeof(html) - 1), "a page");
	static const char text[] = "A note on multipart/related messages.";
	OK(!mhtml_sniff(text, sizeof(text) - 1), "text");
	OK(!mhtml_sniff("", 0), "empty");
}

static const struct subtest tests[] = {
	{"chrome_crlf", chrome_crlf},
	{"chrome_lf", chrome_lf},
	{"snapshot_location", snapshot_location},
	{"truncated", truncated},
	{"no_boundary", no_boundary},
	{"boundary_absent", boundary_absent},
	{"no_html", no_html},
	{"sniff", sniff},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
