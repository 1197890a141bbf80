/* source: an input file as the documents it holds, told by content. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "ingest/ingest.h"
#include "ingest/resources.h"
#include "ingest/source.h"
#include "util/buf.h"
#include "util/error.h"

#include "harness.h"
#include "testutil.h"
#include "zstream.h"

static const char page_html[] = "<!DOCTYPE html><html><head><title>A page"
	"</title></head><body><p>Saved from a browser.</p></body></html>\n";

static const char feed_xml[] =
	"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n"
	"<title>The Feed</title><link>https://feed.example.com/</link>\n"
	"<item><title>One</title><link>https://feed.example.com/1</link>"
	"<description>First.</description></item>\n"
	"<item><title>Two</title><link>https://feed.example.com/2</link>"
	"<description>Second.</description></item>\n"
	"<item><title>Three</title><link>https://feed.example.com/3</link>"
	"<description>Third.</description></item>\n"
	"</channel></rss>\n";

/* A 1x1 GIF, a byte of its image data made tag to tell pictures apart. */
static void gif(char tag, char out[43])
{
	static const char g[] = "GIF89a\x01\0\x01\0\x80\0\0\xff\xff\xff\0\0\0"
		"!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02\x02"
		"D\x01\0;";
	memcpy(out, g, 43);
	out[40] = tag;
}

/* Base64 of data, on one line. */
static void base64(const char *data, size_t len, struct bs_buf *out)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij"
		"klmnopqrstuvwxyz0123456789+/";
	const unsigned char *d = (const unsigned char *)data;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)d[i] << 16
			| (i + 1 < len ? (unsigned)d[i + 1] << 8 : 0)
			| (i + 2 < len ? d[i + 2] : 0);
		char q[4] = {alphabet[v >> 18 & 63], alphabet[v >> 12 & 63],
			i + 1 < len ? alphabet[v >> 6 & 63] : '=',
			i + 2 < len ? alphabet[v & 63] : '='};
		buf_append(out, q, 4);
	}
}

/* A single-file save: the page at url, a GIF at picture. */
static char *mhtml(const char *url, const char *picture, char tag)
{
	char pic[43];
	gif(tag, pic);
	struct bs_buf b = {0};
	buf_printf(&b, "From: <Saved by Blink>\r\n"
		"Snapshot-Content-Location: %s\r\n"
		"MIME-Version: 1.0\r\n"
		"Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
		"\tboundary=\"----MultipartBoundary--src----\"\r\n\r\n"
		"------MultipartBoundary--src----\r\n"
		"Content-Type: text/html\r\n"
		"Content-Transfer-Encoding: quoted-printable\r\n"
		"Content-Location: %s\r\n\r\n"
		"<html><head><title>Saved</title></head><body><p>With a =\r\n"
		"picture.</p><img src=3D\"%s\"></body></html>\r\n"
		"------MultipartBoundary--src----\r\n"
		"Content-Type: image/gif\r\n"
		"Content-Transfer-Encoding: base64\r\n"
		"Content-Location: %s\r\n\r\n", url, url, picture, picture);
	base64(pic, sizeof(pic), &b);
	buf_puts(&b, "\r\n------MultipartBoundary--src------\r\n");
	return buf_detach(&b);
}

/* Appends data, as it is or as a gzip member of its own. */
static void append(struct bs_buf *out, const char *data, size_t len, bool gz)
{
	if (!gz) {
		buf_append(out, data, len);
		return;
	}
	compress_to(data, len, 16 + MAX_WBITS, out);
}

/* Appends a WARC record of an HTTP response, gzipped when gz. */
static void warc_response(struct bs_buf *out, const char *uri,
	const char *ctype, const void *body, size_t len, bool gz)
{
	struct bs_buf http = {0}, rec = {0};
	buf_printf(&http, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\n\r\n", ctype);
	buf_append(&http, body, len);
	buf_printf(&rec, "WARC/1.1\r\nWARC-Type: response\r\n"
		"WARC-Target-URI: %s\r\n"
		"Content-Type: application/http; msgtype=response\r\n"
		"Content-Length: %zu\r\n\r\n", uri, http.len);
	buf_append(&rec, http.data, http.len);
	buf_puts(&rec, "\r\n\r\n");
	append(out, rec.data, rec.len, gz);
	buf_finish(&rec);
	buf_finish(&http);
}

/*
 * An archive of two pages and the picture of the first, tagged tag;
 * a gzip member per record when gz.
 */
static void warc(struct bs_buf *out, const char *site, char tag, bool gz)
{
	char pic[43];
	gif(tag, pic);
	struct bs_buf url = {0}, body = {0};
	buf_printf(&url, "https://%s/one.html", site);
	buf_printf(&body, "<html><head><title>One</title></head><body><p>One "
		"of %s.</p><img src=\"/pic.gif\"></body></html>", site);
	warc_response(out, buf_str(&url), "text/html; charset=utf-8", body.data,
		body.len, gz);
	buf_reset(&url);
	buf_printf(&url, "https://%s/pic.gif", site);
	warc_response(out, buf_str(&url), "image/gif", pic, sizeof(pic), gz);
	buf_reset(&url);
	buf_reset(&body);
	buf_printf(&url, "https://%s/two.html", site);
	buf_printf(&body, "<html><body><p>Two of %s.</p></body></html>", site);
	warc_response(out, buf_str(&url), "text/html", body.data, body.len, gz);
	buf_finish(&url);
	buf_finish(&body);
}

/* Opens path expecting documents; NULL (with a failed check) if not. */
static struct bs_source *open_ok(const char *path, const char *spool)
{
	struct bs_error err;
	error_clear(&err);
	struct bs_source *s = source_open(path, spool, &err);
	OK(s != NULL, "%s: %s", path, err.reason);
	return s;
}

static enum bs_next next(struct bs_source *s, struct bs_document *doc)
{
	struct bs_error err;
	error_clear(&err);
	enum bs_next n = source_next(s, doc, &err);
	OK(n != BS_NEXT_SKIP, "skipped: %s", err.reason);
	return n;
}

/* Checks that s has no more documents. */
static void at_end(struct bs_source *s)
{
	struct bs_document doc;
	INT_EQ(next(s, &doc), BS_NEXT_END);
	document_finish(&doc);
}

static void page(void)
{
	char *tmp = tmp_dir();
	char *path = tmp_write(tmp, "page.html", page_html,
		sizeof(page_html) - 1);
	struct bs_source *s = open_ok(path, tmp);
	struct bs_document doc;
	if (s && next(s, &doc) == BS_NEXT_DOC) {
		INT_EQ(doc.kind, BS_DOC_PAGE);
		OK(doc.page.doc != NULL, "parsed");
		STR_EQ(doc.page.path, path);
		STR_EQ(doc.name, path);
		char real[PATH_MAX];
		OK(realpath(tmp, real) != NULL, "realpath");
		STR_EQ(doc.page.dir, real);
		STR_EQ(doc.page.url, NULL);
		OK(doc.page.resources == NULL, "no archive");
		document_finish(&doc);
		at_end(s);
	}
	OK(s == NULL || source_damage(s) == NULL, "no damage");
	source_close(s);

	/* gzip-compressed */
	char *gz = tmp_path(tmp, "page.html.gz");
	gzFile g = gzopen(gz, "wb");
	gzwrite(g, page_html, sizeof(page_html) - 1);
	gzclose(g);
	s = open_ok(gz, tmp);
	if (s && next(s, &doc) == BS_NEXT_DOC) {
		INT_EQ(doc.kind, BS_DOC_PAGE);
		OK(doc.page.doc != NULL, "parsed");
		document_finish(&doc);
		at_end(s);
	}
	source_close(s);
	free(gz);
	free(path);
	tmp_remove(tmp);
}

static void text(void)
{
	char *tmp = tmp_dir();
	static const char words[] = "Notes from the meeting\n\nThe caf\xe9 "
		"opens at nine.\n";
	char *path = tmp_write(tmp, "notes.txt", words, sizeof(words) - 1);
	struct bs_source *s = open_ok(path, tmp);
	struct bs_document doc;
	if (s && next(s, &doc) == BS_NEXT_DOC) {
		INT_EQ(doc.kind, BS_DOC_TEXT);
		STR_EQ(doc.text, "Notes from the meeting\n\nThe caf\xc3\xa9 "
			"opens at nine.\n");
		INT_EQ(doc.len, doc.text ? strlen(doc.text) : 0);
		STR_EQ(doc.name, path);
		document_finish(&doc);
		at_end(s);
	}
	source_close(s);
	free(path);
	tmp_remove(tmp);
}

/* The items of feed_xml, in order, from the file at path. */
static void check_feed(const char *path, const char *spool)
{
	static const char *const titles[] = {"One", "Two", "Three"};
	struct bs_source *s = open_ok(path, spool);
	if (!s) {
		return;
	}
	struct bs_document doc;
	for (size_t i = 0; i < 3; i++) {
		if (next(s, &doc) != BS_NEXT_DOC) {
			OK(false, "item %zu missing", i);
			break;
		}
		INT_EQ(doc.kind, BS_DOC_ITEM);
		OK(doc.feed && doc.feed->title && strcmp(doc.feed->title,
			"The Feed") == 0, "the feed");
		STR_EQ(doc.item ? doc.item->title : NULL, titles[i]);
		STR_EQ(doc.name, path);
		document_finish(&doc);
	}
	at_end(s);
	source_close(s);
}

static void feed(void)
{
	char *tmp = tmp_dir();
	char *path = tmp_write(tmp, "news.rss", feed_xml, sizeof(feed_xml) - 1);
	check_feed(path, tmp);
	free(path);
	tmp_remove(tmp);
}

static void mhtml_page(void)
{
	char *tmp = tmp_dir();
	char *spool = tmp_mkdir(tmp, "spool");
	char *msg = mhtml("https://example.com/saved.html",
		"https://example.com/pic.gif", 'A');
	char *path = tmp_write(tmp, "saved.mhtml", msg, strlen(msg));
	struct bs_source *s = open_ok(path, spool);
	struct bs_document doc;
	if (s && next(s, &doc) == BS_NEXT_DOC) {
		INT_EQ(doc.kind, BS_DOC_PAGE);
		OK(doc.page.doc != NULL, "parsed");
		STR_EQ(doc.page.url, "https://example.com/saved.html");
		STR_EQ(doc.page.dir, NULL);
		const char *pic = resources_lookup(doc.page.resources,
			"https://example.com/pic.gif");
		OK(pic != NULL, "the picture");
		size_t n = 0;
		char *got = pic ? tmp_read(pic, &n) : NULL;
		OK(got && n == 43 && got[40] == 'A', "its bytes");
		free(got);
		document_finish(&doc);
		at_end(s);
	}
	source_close(s);
	free(path);
	free(msg);
	free(spool);
	tmp_remove(tmp);
}

/* The two pages of warc(), and the picture of the first, from path. */
static void check_warc(const char *path, const char *spool, const char *site)
{
	struct bs_source *s = open_ok(path, spool);
	if (!s) {
		return;
	}
	struct bs_document doc;
	static const char *const names[] = {"one.html", "two.html"};
	for (size_t i = 0; i < 2; i++) {
		if (next(s, &doc) != BS_NEXT_DOC) {
			OK(false, "page %zu missing", i);
			break;
		}
		struct bs_buf url = {0}, name = {0};
		buf_printf(&url, "https://%s/%s", site, names[i]);
		buf_printf(&name, "%s#%s", path, buf_str(&url));
		INT_EQ(doc.kind, BS_DOC_PAGE);
		OK(doc.page.doc != NULL, "parsed");
		STR_EQ(doc.page.url, buf_str(&url));
		STR_EQ(doc.page.path, buf_str(&name));
		if (i == 0) {
			buf_reset(&url);
			buf_printf(&url, "https://%s/pic.gif", site);
			OK(resources_lookup(doc.page.resources, buf_str(&url)),
				"the picture");
		}
		buf_finish(&url);
		buf_finish(&name);
		document_finish(&doc);
	}
	at_end(s);
	OK(source_damage(s) == NULL, "no damage");
	source_close(s);
}

static void warc_pages(void)
{
	char *tmp = tmp_dir();
	char *spool = tmp_mkdir(tmp, "spool");
	struct bs_buf b = {0};
	warc(&b, "w.example.com", 'W', false);
	char *path = tmp_write(tmp, "crawl.warc", b.data, b.len);
	check_warc(path, spool, "w.example.com");
	buf_reset(&b);
	warc(&b, "w.example.com", 'W', true);
	char *gz = tmp_write(tmp, "crawl.warc.gz", b.data, b.len);
	check_warc(gz, spool, "w.example.com");

	/* cut short: the pages before, and the damage named */
	char *cut = tmp_write(tmp, "cut.warc.gz", b.data, b.len - 30);
	struct bs_source *s = open_ok(cut, spool);
	struct bs_document doc;
	if (s && next(s, &doc) == BS_NEXT_DOC) {
		STR_EQ(doc.page.url, "https://w.example.com/one.html");
		document_finish(&doc);
		at_end(s);
		const struct bs_error *damage = source_damage(s);
		OK(damage && strstr(damage->reason, "truncated"), "damage: %s",
			damage ? damage->reason : "none");
	}
	source_close(s);
	buf_finish(&b);
	free(cut);
	free(gz);
	free(path);
	free(spool);
	tmp_remove(tmp);
}

/* Opening path fails with a reason containing why. */
static void refused_with(const char *path, const char *why)
{
	char *tmp = tmp_dir();
	struct bs_error err;
	error_clear(&err);
	struct bs_source *s = source_open(path, tmp, &err);
	OK(s == NULL, "%s refused", path);
	OK(error_is_set(&err) && strstr(err.reason, why) != NULL, "%s: %s",
		path, err.reason);
	source_close(s);
	tmp_remove(tmp);
}

static void refused(void)
{
	char *tmp = tmp_dir();
	char *empty = tmp_write(tmp, "empty.html", "", 0);
	refused_with(empty, "empty");
	char *blank = tmp_write(tmp, "blank.txt", "\n \t\r\n", 5);
	refused_with(blank, "empty");
	static const char bin[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"
		"\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xff";
	char *binary = tmp_write(tmp, "photo.html", bin, sizeof(bin) - 1);
	refused_with(binary, "binary");
	char *missing = tmp_path(tmp, "missing.html");
	refused_with(missing, "");
	static const char no_items[] = "<rss version=\"2.0\"><channel><title>"
		"Nothing yet</title></channel></rss>";
	char *itemless = tmp_write(tmp, "empty.rss", no_items,
		sizeof(no_items) - 1);
	refused_with(itemless, "item");
	static const char bomb[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
		"<!ENTITY a \"aaaaaaaaaa\">\n"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n"
		"<rss version=\"2.0\"><channel><item><title>&b;</title>"
		"</item></channel></rss>\n";
	char *entities = tmp_write(tmp, "bomb.rss", bomb, sizeof(bomb) - 1);
	refused_with(entities, "entit");
	static const char unbounded[] = "From: <Saved by Blink>\r\n"
		"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n"
		"<html><body>x</body></html>\r\n";
	char *mht = tmp_write(tmp, "bad.mhtml", unbounded,
		sizeof(unbounded) - 1);
	refused_with(mht, "boundary");
	free(mht);
	free(entities);
	free(itemless);
	free(missing);
	free(binary);
	free(blank);
	free(empty);
	tmp_remove(tmp);
}

/* Names lie; contents do not. */
static void by_content(void)
{
	char *tmp = tmp_dir();
	char *spool = tmp_mkdir(tmp, "spool");
	char *feed_html = tmp_write(tmp, "feed.html", feed_xml,
		sizeof(feed_xml) - 1);
	check_feed(feed_html, spool);

	struct bs_buf b = {0};
	warc(&b, "dat.example.com", 'D', false);
	char *dat = tmp_write(tmp, "archive.dat", b.data, b.len);
	check_warc(dat, spool, "dat.example.com");
	buf_reset(&b);
	warc(&b, "gz.example.com", 'G', true);
	char *gzdat = tmp_write(tmp, "archive.gz.dat", b.data, b.len);
	check_warc(gzdat, spool, "gz.example.com");
	buf_finish(&b);

	char *msg = mhtml("https://example.com/m.html",
		"https://example.com/m.gif", 'M');
	char *mht = tmp_write(tmp, "saved.html", msg, strlen(msg));
	struct bs_source *s = open_ok(mht, spool);
	struct bs_document doc;
	if (s && next(s, &doc) == BS_NEXT_DOC) {
		STR_EQ(doc.page.url, "https://example.com/m.html");
		OK(doc.page.resources != NULL, "an archive's page");
		document_finish(&doc);
	}
	source_close(s);

	char *html_txt = tmp_write(tmp, "page.txt", page_html,
		sizeof(page_html) - 1);
	s = open_ok(html_txt, spool);
	if (s && next(s, &doc) == BS_NEXT_DOC) {
		INT_EQ(doc.kind, BS_DOC_PAGE);
		document_finish(&doc);
	}
	source_close(s);

	free(html_txt);
	free(mht);
	free(msg);
	free(gzdat);
	free(dat);
	free(feed_html);
	free(spool);
	tmp_remove(tmp);
}

/*
 * One spool serves a whole build (pipeline.c): the pictures of the first
 * archive must still be there, unchanged, when the second has been read,
 * for pictures are packaged after every input is read.
 */
static void shared_spool(void)
{
	char *tmp = tmp_dir();
	char *spool = tmp_mkdir(tmp, "spool");
	char *one = mhtml("https://one.example.com/a.html",
		"https://one.example.com/pic.gif", '1');
	char *two = mhtml("https://two.example.com/b.html",
		"https://two.example.com/pic.gif", '2');
	char *p1 = tmp_write(tmp, "one.mhtml", one, strlen(one));
	char *p2 = tmp_write(tmp, "two.mhtml", two, strlen(two));
	struct bs_buf b = {0};
	warc(&b, "three.example.com", '3', false);
	char *p3 = tmp_write(tmp, "three.warc", b.data, b.len);
	buf_reset(&b);
	warc(&b, "four.example.com", '4', true);
	char *p4 = tmp_write(tmp, "four.warc", b.data, b.len);
	buf_finish(&b);

	const char *paths[] = {p1, p2, p3, p4};
	const char *pics[] = {"https://one.example.com/pic.gif",
		"https://two.example.com/pic.gif",
		"https://three.example.com/pic.gif",
		"https://four.example.com/pic.gif"};
	static const char tags[] = "1234";
	char *files[4] = {NULL};
	for (size_t i = 0; i < 4; i++) {
		struct bs_source *s = open_ok(paths[i], spool);
		struct bs_document doc;
		if (s && next(s, &doc) == BS_NEXT_DOC) {
			const char *f = resources_lookup(doc.page.resources,
				pics[i]);
			files[i] = f ? strdup(f) : NULL;
			document_finish(&doc);
		}
		source_close(s);
	}
	for (size_t i = 0; i < 4; i++) {
		size_t n = 0;
		char *got = files[i] ? tmp_read(files[i], &n) : NULL;
		OK(got && n == 43 && got[40] == tags[i],
			"picture %zu (%s) intact: tag %c", i, files[i],
			got && n == 43 ? got[40] : '?');
		free(got);
		free(files[i]);
	}
	free(p4);
	free(p3);
	free(p2);
	free(p1);
	free(two);
	free(one);
	free(spool);
	tmp_remove(tmp);
}

/*
 * A plain archive is streamed like a gzipped one: one larger than a page
 * may be (INGEST_MAX_FILE) is read all the same.
 */
static void large_warc(void)
{
	char *tmp = tmp_dir();
	char *spool = tmp_mkdir(tmp, "spool");
	struct bs_buf b = {0};
	warc(&b, "big.example.com", 'B', false);
	char *path = tmp_write(tmp, "big.warc", b.data, b.len);
	buf_finish(&b);
	FILE *f = fopen(path, "ab");
	size_t big = (size_t)INGEST_MAX_FILE + 1;
	fprintf(f, "WARC/1.1\r\nWARC-Type: metadata\r\n"
		"WARC-Target-URI: https://big.example.com/one.html\r\n"
		"Content-Type: application/warc-fields\r\n"
		"Content-Length: %zu\r\n\r\n", big);
	static char chunk[1 << 16];
	memset(chunk, 'x', sizeof(chunk));
	for (size_t left = big; left;) {
		size_t n = left < sizeof(chunk) ? left : sizeof(chunk);
		fwrite(chunk, 1, n, f);
		left -= n;
	}
	fputs("\r\n\r\n", f);
	fclose(f);
	check_warc(path, spool, "big.example.com");
	free(path);
	free(spool);
	tmp_remove(tmp);
}

static const struct subtest tests[] = {
	{"page", page},
	{"text", text},
	{"feed", feed},
	{"mhtml", mhtml_page},
	{"warc", warc_pages},
	{"refused", refused},
	{"by_content", by_content},
	{"shared_spool", shared_spool},
	{"large_warc", large_warc},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
