/* warc: web archives, plain and gzip per record, damage, limits. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "ingest/resources.h"
#include "ingest/warc.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/path.h"

#include "harness.h"
#include "testutil.h"
#include "zstream.h"

enum { MAX_RECORDS = 32 };

/* Records, each kept apart so that it can be its own gzip member. */
struct archive {
	struct bs_buf rec[MAX_RECORDS];
	size_t n;
};

static void archive_finish(struct archive *a)
{
	for (size_t i = 0; i < a->n; i++) {
		buf_finish(&a->rec[i]);
	}
	a->n = 0;
}

/* Appends a record; headers (each ending in CRLF) may be NULL. */
static void record(struct archive *a, const char *version, const char *type,
	const char *uri, const char *ctype, const char *headers,
	const void *block, size_t len)
{
	struct bs_buf *r = &a->rec[a->n];
	memset(r, 0, sizeof(*r));
	buf_printf(r, "%s\r\nWARC-Type: %s\r\n"
		"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012zu>\r\n"
		"WARC-Date: 2024-06-01T10:00:%02zuZ\r\n", version, type, a->n,
		a->n);
	if (uri) {
		buf_printf(r, "WARC-Target-URI: %s\r\n", uri);
	}
	buf_printf(r, "%sContent-Type: %s\r\nContent-Length: %zu\r\n\r\n",
		headers ? headers : "", ctype, len);
	buf_append(r, block, len);
	buf_puts(r, "\r\n\r\n");
	a->n++;
}

/* An HTTP response record: status line, headers (CRLF each), body. */
static void response(struct archive *a, const char *uri, const char *status,
	const char *headers, const void *body, size_t len)
{
	struct bs_buf h = {0};
	buf_printf(&h, "HTTP/1.1 %s\r\n%s\r\n", status, headers);
	buf_append(&h, body, len);
	record(a, "WARC/1.1", "response", uri,
		"application/http; msgtype=response", NULL, h.data, h.len);
	buf_finish(&h);
}

/*
 * Writes the archive to dir/name, plain or a gzip member per record;
 * ends[i] (when not NULL) receives the offset after record i. The caller
 * frees the path.
 */
static char *write_archive(const char *dir, const char *name,
	const struct archive *a, bool gz, size_t *ends)
{
	struct bs_buf file = {0};
	for (size_t i = 0; i < a->n; i++) {
		if (gz) {
			compress_to(a->rec[i].data, a->rec[i].len,
				16 + MAX_WBITS, &file);
		} else {
			buf_append(&file, a->rec[i].data, a->rec[i].len);
		}
		if (ends) {
			ends[i] = file.len;
		}
	}
	char *path = tmp_write(dir, name, file.data ? file.data : "", file.len);
	buf_finish(&file);
	return path;
}

static const unsigned char png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0,
	0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d, 0x1d, 0x00, 0x00,
	0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static const char page_a[] = "<html><head><title>A</title></head><body>"
	"<p>Caf\xe9 cr\xe8me.</p><img src=\"/img/lead.jpg\"></body></html>";
static const char page_b[] = "<html><head><title>B</title></head><body>"
	"<p>Sent in chunks, caf\xc3\xa9 and all.</p></body></html>";
static const char page_c[] = "<html><head><title>C</title></head><body>"
	"<p>Compressed with gzip on the wire, as most pages are.</p>"
	"</body></html>";
static const char page_d[] = "<html><head><title>D</title></head><body>"
	"<p>Compressed with deflate on the wire.</p></body></html>";
static const char page_e[] = "<html><head><title>E</title></head><body>"
	"<p>A resource record, \x93quoted\x94.</p></body></html>";
static const char page_f[] = "<html><head><title>F</title></head><body>"
	"<p>Written by a WARC 1.0 tool.</p></body></html>";

/*
 * Every kind of record a crawl holds: its warcinfo, a request, pages
 * plain, chunked, gzip- and deflate-encoded, two redirects to a picture
 * and the picture, a picture as a resource record, a 404, a script, a
 * page as a resource record, a WARC 1.0 record with its URI in angle
 * brackets, a metadata record.
 */
static void crawl(struct archive *a)
{
	static const char info[] = "software: broadsheet-test/1.0\r\n"
		"format: WARC File Format 1.1\r\n";
	record(a, "WARC/1.1", "warcinfo", NULL, "application/warc-fields",
		NULL, info, sizeof(info) - 1);
	static const char req[] = "GET /news/a.html HTTP/1.1\r\n"
		"Host: example.com\r\nAccept: text/html\r\n\r\n";
	record(a, "WARC/1.1", "request", "https://example.com/news/a.html",
		"application/http; msgtype=request", NULL, req,
		sizeof(req) - 1);

	struct bs_buf h = {0};
	buf_printf(&h, "Content-Type: text/html; charset=ISO-8859-1\r\n"
		"Content-Length: %zu\r\n", sizeof(page_a) - 1);
	response(a, "https://example.com/news/a.html", "200 OK", buf_str(&h),
		page_a, sizeof(page_a) - 1);

	/* chunks of 7, 0x1A (with an extension) and the rest, then a trailer */
	struct bs_buf chunked = {0};
	size_t rest = sizeof(page_b) - 1 - 7 - 26;
	buf_printf(&chunked, "7\r\n%.7s\r\n1A;name=value\r\n%.26s\r\n"
		"%zx\r\n%s\r\n0\r\nExpires: never\r\n\r\n", page_b, page_b + 7,
		rest, page_b + 33);
	response(a, "https://example.com/news/b.html", "200 OK",
		"Content-Type: text/html;charset=\"utf-8\"\r\n"
		"Transfer-Encoding: chunked\r\n", chunked.data, chunked.len);
	buf_finish(&chunked);

	struct bs_buf gz = {0};
	compress_to(page_c, sizeof(page_c) - 1, 16 + MAX_WBITS, &gz);
	buf_reset(&h);
	buf_printf(&h, "Content-Type: text/html\r\nContent-Encoding: gzip\r\n"
		"Content-Length: %zu\r\n", gz.len);
	response(a, "https://example.com/news/c.html", "200 OK", buf_str(&h),
		gz.data, gz.len);
	buf_finish(&gz);

	struct bs_buf zl = {0};
	compress_to(page_d, sizeof(page_d) - 1, MAX_WBITS, &zl);
	response(a, "https://example.com/news/d.html", "200 OK",
		"Content-Type: text/html\r\nContent-Encoding: deflate\r\n",
		zl.data, zl.len);
	buf_finish(&zl);

	static const char moved[] = "<a href=\"/img/lead-1200.png\">Moved</a>";
	response(a, "https://example.com/img/lead.jpg", "301 Moved Permanently",
		"Location: /img/lead-1200.png\r\nContent-Type: text/html\r\n",
		moved, sizeof(moved) - 1);
	response(a, "https://example.com/img/lead-1200.png", "200 OK",
		"Content-Type: image/png\r\n", png, sizeof(png));

	/* a second redirect in front of the first */
	response(a, "https://example.com/img/teaser.jpg", "302 Found",
		"Location: https://example.com/img/lead.jpg\r\n"
		"Content-Length: 0\r\n", "", 0);
	static const char gif[] = "GIF89a\x01\0\x01\0\x80\0\0\xff\xff\xff"
		"\0\0\0!\xf9\x04\x01\0\0\0\0,\0\0\0\0\x01\0\x01\0\0\x02"
		"\x02" "D\x01\0;";
	record(a, "WARC/1.1", "resource", "https://example.com/logo.gif",
		"image/gif", NULL, gif, sizeof(gif) - 1);

	static const char missing[] = "<html><body>Not found</body></html>";
	response(a, "https://example.com/missing.html", "404 Not Found",
		"Content-Type: text/html\r\n", missing, sizeof(missing) - 1);
	static const char js[] = "document.write('<p>not a page</p>');";
	response(a, "https://example.com/app.js", "200 OK",
		"Content-Type: application/javascript\r\n", js, sizeof(js) - 1);

	record(a, "WARC/1.1", "resource", "https://example.com/notes/e.html",
		"text/html; charset=windows-1252", NULL, page_e,
		sizeof(page_e) - 1);

	struct bs_buf old = {0};
	buf_printf(&old, "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n%s",
		page_f);
	record(a, "WARC/1.0", "response", "<https://example.com/old/f.html>",
		"application/http; msgtype=response", NULL, old.data, old.len);
	buf_finish(&old);

	static const char meta[] = "outlinks: https://example.com/x\r\n";
	record(a, "WARC/1.1", "metadata", "https://example.com/news/a.html",
		"application/warc-fields", NULL, meta, sizeof(meta) - 1);
	buf_finish(&h);
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

/* Reads path into w and res (spooling under spool). */
static bool read_warc(const char *path, const char *spool,
	struct bs_resources *res, struct bs_warc *w, struct bs_error *damage,
	struct bs_error *err)
{
	error_clear(damage);
	error_clear(err);
	return warc_read(path, spool, res, w, damage, err);
}

static void check_page(const struct bs_warc *w, size_t i, const char *url,
	const char *charset, const char *body)
{
	if (i >= w->count) {
		OK(false, "no page %zu", i);
		return;
	}
	STR_EQ(w->pages[i].url, url);
	STR_EQ(w->pages[i].charset, charset);
	OK(file_holds(w->pages[i].file, body, strlen(body)), "body of %s in %s",
		url, w->pages[i].file);
}

static void check_crawl(bool gz)
{
	char *tmp = tmp_dir();
	char *spool = tmp_mkdir(tmp, "spool");
	struct archive a = {0};
	crawl(&a);
	char *path = write_archive(tmp, gz ? "crawl.warc.gz" : "crawl.warc", &a,
		gz, NULL);
	struct bs_resources *res = resources_create(spool);
	struct bs_warc w;
	struct bs_error damage, err;
	OK(read_warc(path, spool, res, &w, &damage, &err), "read: %s",
		err.reason);
	OK(!error_is_set(&damage), "no damage: %s", damage.reason);
	INT_EQ(w.records, a.n);
	INT_EQ(w.count, 6);
	check_page(&w, 0, "https://example.com/news/a.html", "ISO-8859-1",
		page_a);
	check_page(&w, 1, "https://example.com/news/b.html", "utf-8", page_b);
	check_page(&w, 2, "https://example.com/news/c.html", NULL, page_c);
	check_page(&w, 3, "https://example.com/news/d.html", NULL, page_d);
	check_page(&w, 4, "https://example.com/notes/e.html", "windows-1252",
		page_e);
	check_page(&w, 5, "https://example.com/old/f.html", NULL, page_f);

	const char *lead = resources_lookup(res,
		"https://example.com/img/lead.jpg");
	OK(lead != NULL, "the picture by the address that redirects");
	OK(file_holds(lead, png, sizeof(png)), "PNG bytes in %s", lead);
	const char *direct = resources_lookup(res,
		"https://example.com/img/lead-1200.png");
	OK(direct && lead && strcmp(direct, lead) == 0, "the same file");
	const char *teaser = resources_lookup(res,
		"https://example.com/img/teaser.jpg");
	OK(teaser && lead && strcmp(teaser, lead) == 0, "two redirects");
	const char *logo = resources_lookup(res,
		"https://example.com/logo.gif");
	size_t logo_len = 0;
	char *logo_data = logo ? tmp_read(logo, &logo_len) : NULL;
	OK(logo_data && logo_len == 43 && memcmp(logo_data, "GIF89a", 6) == 0,
		"a resource record's picture: %s", logo);
	free(logo_data);
	OK(resources_lookup(res, "https://example.com/app.js") == NULL,
		"a script is no picture");
	OK(resources_lookup(res, "https://example.com/missing.html") == NULL,
		"a 404 is nothing");
	INT_EQ(resources_count(res), 2);

	warc_finish(&w);
	INT_EQ(w.count, 0);
	OK(w.pages == NULL, "finished");
	resources_destroy(res);
	archive_finish(&a);
	free(path);
	free(spool);
	tmp_remove(tmp);
}

static void plain(void)
{
	check_crawl(false);
}

static void gzip_records(void)
{
	check_crawl(true);
}

/* The body of page i: text that does not compress to nothing. */
static void page_body(size_t i, struct bs_buf *body)
{
	buf_printf(body, "<html><body><p>Page %zu.</p>", i);
	for (size_t k = 0; k < 200; k++) {
		buf_printf(body, "<span>%zu</span>", (k * 7919 + i) % 1000);
	}
	buf_puts(body, "</body></html>");
}

/* n small pages, https://example.com/pN.html */
static void pages(struct archive *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct bs_buf url = {0}, body = {0};
		buf_printf(&url, "https://example.com/p%zu.html", i);
		page_body(i, &body);
		response(a, buf_str(&url), "200 OK",
			"Content-Type: text/html; charset=utf-8\r\n", body.data,
			body.len);
		buf_finish(&url);
		buf_finish(&body);
	}
}

static void truncated_gzip(void)
{
	char *tmp = tmp_dir();
	char *spool = tmp_mkdir(tmp, "spool");
	struct archive a = {0};
	pages(&a, 4);
	size_t ends[MAX_RECORDS];
	char *full = write_archive(tmp, "full.warc.gz", &a, true, ends);
	size_t len = 0;
	char *raw = tmp_read(full, &len);
	size_t cut = ends[1] + (ends[2] - ends[1]) / 2;
	char *path = tmp_write(tmp, "cut.warc.gz", raw, cut);

	struct bs_resources *res = resources_create(spool);
	struct bs_warc w;
	struct bs_error damage, err;
	OK(read_warc(path, spool, res, &w, &damage, &err),
		"records before the damage: %s", err.reason);
	INT_EQ(w.records, 2);
	INT_EQ(w.count, 2);
	if (w.count == 2) {
		STR_EQ(w.pages[0].url, "https://example.com/p0.html");
		STR_EQ(w.pages[1].url, "https://example.com/p1.html");
		struct bs_buf body = {0};
		page_body(1, &body);
		OK(file_holds(w.pages[1].file, body.data, body.len),
			"body of the second page");
		buf_finish(&body);
	}
	OK(error_is_set(&damage), "damage named");
	OK(strstr(damage.reason, "truncated") != NULL, "reason: %s",
		damage.reason);
	OK(strstr(damage.reason, "2 records") != NULL, "reason: %s",
		damage.reason);
	STR_EQ(damage.file, path);
	warc_finish(&w);
	resources_destroy(res);

	/* cut in the first member: nothing could be read */
	char *early = tmp_write(tmp, "early.warc.gz", raw, ends[0] / 2);
	res = resources_create(spool);
	OK(!read_warc(early, spool, res, &w, &damage, &err), "nothing read");
	OK(strstr(err.reason, "truncated") != NULL, "reason: %s", err.reason);
	INT_EQ(w.count, 0);
	warc_finish(&w);
	resources_destroy(res);

	free(early);
	free(path);
	free(raw);
	free(full);
	archive_finish(&a);
	free(spool);
	tmp_remove(tmp);
}

static void truncated_plain(void)
{
	char *tmp = tmp_dir();
	char *spool = tmp_mkdir(tmp, "spool");
	struct archive a = {0};
	pages(&a, 2);
	static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html"
		"\r\n\r\n<html><body><p>Cut off";
	struct bs_buf *r = &a.rec[a.n++];
	memset(r, 0, sizeof(*r));
	buf_printf(r, "WARC/1.1\r\nWARC-Type: response\r\n"
		"WARC-Target-URI: https://example.com/cut.html\r\n"
		"Content-Type: application/http; msgtype=response\r\n"
		"Content-Length: 10000\r\n\r\n%s", head);
	char *path = write_archive(tmp, "cut.warc", &a, false, NULL);

	struct bs_resources *res = resources_create(spool);
	struct bs_warc w;
	struct bs_error damage, err;
	OK(read_warc(path, spool, res, &w, &damage, &err), "read: %s",
		err.reason);
	INT_EQ(w.records, 2);
	INT_EQ(w.count, 2);
	OK(strstr(damage.reason, "truncated") != NULL, "reason: %s",
		damage.reason);
	OK(strstr(damage.reason, "2 records") != NULL, "reason: %s",
		damage.reason);
	warc_finish(&w);
	resources_destroy(res);
	archive_finish(&a);
	free(path);
	free(spool);
	tmp_remove(tmp);
}

static void garbage(void)
{
	char *tmp = tmp_dir();
	char *spool = tmp_mkdir(tmp, "spool");
	struct archive a = {0};
	pages(&a, 3);
	static const char junk[] = "\x7f" "ELF\x02\x01\x01\0\0\0garbage\n"
		"more garbage that is no record\r\n";
	size_t ends[MAX_RECORDS];
	for (int gz = 0; gz < 2; gz++) {
		char *clean = write_archive(tmp, "clean", &a, gz, ends);
		size_t len = 0;
		char *raw = tmp_read(clean, &len);
		struct bs_buf b = {0};
		buf_append(&b, raw, len);
		buf_append(&b, junk, sizeof(junk) - 1);
		char *path = tmp_write(tmp, gz ? "junk.warc.gz" : "junk.warc",
			b.data, b.len);

		struct bs_resources *res = resources_create(spool);
		struct bs_warc w;
		struct bs_error damage, err;
		OK(read_warc(path, spool, res, &w, &damage, &err), "read: %s",
			err.reason);
		INT_EQ(w.records, 3);
		INT_EQ(w.count, 3);
		OK(error_is_set(&damage), "damage named (%s)",
			gz ? "gzip" : "plain");
		OK(strstr(damage.reason, "3 records") != NULL, "reason: %s",
			damage.reason);
		warc_finish(&w);
		resources_destroy(res);
		buf_finish(&b);
		free(path);
		free(raw);
		free(clean);
	}

	/* nothing but garbage */
	char *path = tmp_write(tmp, "junk-only.warc", junk, sizeof(junk) - 1);
	struct bs_resources *res = resources_create(spool);
	struct bs_warc w;
	struct bs_error damage, err;
	OK(!read_warc(path, spool, res, &w, &damage, &err), "refused");
	OK(error_is_set(&err), "a reason");
	INT_EQ(w.count, 0);
	warc_finish(&w);
	resources_destroy(res);
	free(path);

	/* a page, not an archive */
	static const char html[] = "<html><body><p>x</p></body></html>\n";
	path = tmp_write(tmp, "page.warc", html, sizeof(html) - 1);
	res = resources_create(spool);
	OK(!read_warc(path, spool, res, &w, &damage, &err), "refused");
	OK(error_is_set(&err), "a reason");
	warc_finish(&w);
	resources_destroy(res);
	free(path);

	archive_finish(&a);
	free(spool);
	tmp_remove(tmp);
}

static void empty(void)
{
	char *tmp = tmp_dir();
	char *spool = tmp_mkdir(tmp, "spool");
	char *path = tmp_write(tmp, "empty.warc", "", 0);
	struct bs_resources *res = resources_create(spool);
	struct bs_warc w;
	struct bs_error damage, err;
	bool ok = read_warc(path, spool, res, &w, &damage, &err);
	/* an archive of no records, or nothing read: either way, coherent */
	OK(ok ? !error_is_set(&damage) : error_is_set(&err), "ok %d, %s%s", ok,
		damage.reason, err.reason);
	INT_EQ(w.records, 0);
	INT_EQ(w.count, 0);
	INT_EQ(resources_count(res), 0);
	warc_finish(&w);

	char *missing = tmp_path(tmp, "missing.warc");
	OK(!read_warc(missing, spool, res, &w, &damage, &err), "missing file");
	OK(error_is_set(&err), "a reason");
	warc_finish(&w);
	resources_destroy(res);
	free(missing);
	free(path);
	free(spool);
	tmp_remove(tmp);
}

static long max_rss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/*
 * A record whose block is over WARC_MAX_RECORD is passed over, not read
 * into memory; a length that claims more than the file holds is damage,
 * not an allocation.
 */
static void oversized(void)
{
	char *tmp = tmp_dir();
	char *spool = tmp_mkdir(tmp, "spool");

	/* a short file claiming huge blocks */
	static const char *const lengths[] = {"67108865", "1099511627776",
		"99999999999999999999999"};
	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++) {
		struct archive a = {0};
		pages(&a, 1);
		struct bs_buf *r = &a.rec[a.n++];
		memset(r, 0, sizeof(*r));
		buf_printf(r, "WARC/1.1\r\nWARC-Type: resource\r\n"
			"WARC-Target-URI: https://example.com/huge.html\r\n"
			"Content-Type: text/html\r\nContent-Length: %s\r\n\r\n"
			"<html><body>only this</body></html>\r\n\r\n",
			lengths[i]);
		char *path = write_archive(tmp, "huge.warc", &a, false, NULL);
		struct bs_resources *res = resources_create(spool);
		struct bs_warc w;
		struct bs_error damage, err;
		OK(read_warc(path, spool, res, &w, &damage, &err), "read: %s",
			err.reason);
		INT_EQ(w.count, 1);
		INT_EQ(w.records, 1);
		OK(strstr(damage.reason, "truncated") != NULL,
			"Content-Length %s: %s", lengths[i], damage.reason);
		warc_finish(&w);
		resources_destroy(res);
		free(path);
		archive_finish(&a);
	}

	/* a real block of WARC_MAX_RECORD + 1 bytes between two pages */
	struct archive a = {0};
	pages(&a, 1);
	size_t ends[MAX_RECORDS];
	char *path = write_archive(tmp, "big.warc", &a, false, ends);
	FILE *f = fopen(path, "ab");
	OK(f != NULL, "reopen");
	size_t big = (size_t)WARC_MAX_RECORD + 1;
	fprintf(f, "WARC/1.1\r\nWARC-Type: resource\r\n"
		"WARC-Target-URI: https://example.com/big.html\r\n"
		"Content-Type: text/html\r\nContent-Length: %zu\r\n\r\n", big);
	static char chunk[1 << 16];
	memset(chunk, 'x', sizeof(chunk));
	memcpy(chunk, "<html><body><p>", 15);
	for (size_t left = big; left;) {
		size_t n = left < sizeof(chunk) ? left : sizeof(chunk);
		fwrite(chunk, 1, n, f);
		left -= n;
		memset(chunk, 'x', 15);
	}
	fputs("\r\n\r\n", f);
	archive_finish(&a);
	pages(&a, 2);
	fwrite(a.rec[1].data, 1, a.rec[1].len, f);
	fclose(f);
	struct stat st;
	OK(stat(path, &st) == 0 && st.st_size > WARC_MAX_RECORD,
		"a big archive");

	struct bs_resources *res = resources_create(spool);
	struct bs_warc w;
	struct bs_error damage, err;
	long before = max_rss_kib();
	OK(read_warc(path, spool, res, &w, &damage, &err), "read: %s",
		err.reason);
	long grew = max_rss_kib() - before;
	OK(grew < 16 * 1024, "memory grew by %ld KiB", grew);
	OK(!error_is_set(&damage), "no damage: %s", damage.reason);
	INT_EQ(w.records, 3);
	INT_EQ(w.count, 2);
	if (w.count == 2) {
		STR_EQ(w.pages[0].url, "https://example.com/p0.html");
		STR_EQ(w.pages[1].url, "https://example.com/p1.html");
	}
	warc_finish(&w);
	resources_destroy(res);
	archive_finish(&a);
	free(path);
	free(spool);
	tmp_remove(tmp);
}

/*
 * Bodies in an encoding that is not undone (brotli, as browser-based
 * crawlers store them) are no pages; "identity" is no encoding.
 */
static void encodings(void)
{
	char *tmp = tmp_dir();
	char *spool = tmp_mkdir(tmp, "spool");
	struct archive a = {0};
	static const char plain_page[] = "<html><body><p>Identity.</p></body>"
		"</html>";
	response(&a, "https://example.com/identity.html", "200 OK",
		"Content-Type: text/html\r\nContent-Encoding: identity\r\n",
		plain_page, sizeof(plain_page) - 1);
	/* brotli's encoding of some HTML: binary bytes */
	static const char br[] = "\x1b\x2a\x00\xf8\x25\x08\x62\x14\x6c\x2c"
		"\x6e\x88\x53\xe9\x2c\x8f\xe8\x1f\x1b\xa5\x0e\xb1\x03";
	response(&a, "https://example.com/brotli.html", "200 OK",
		"Content-Type: text/html; charset=utf-8\r\n"
		"Content-Encoding: br\r\n", br, sizeof(br) - 1);
	static const char zstd[] = "\x28\xb5\x2f\xfd\x04\x58\x45\x00\x00"
		"\x10\x3c\x70\x3e\x01\x00";
	response(&a, "https://example.com/zstd.html", "200 OK",
		"Content-Type: text/html\r\nContent-Encoding: zstd\r\n", zstd,
		sizeof(zstd) - 1);
	/* said to be gzip, but is not: nothing to read */
	response(&a, "https://example.com/liar.html", "200 OK",
		"Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
		"\x01\x02\x03\x04garbage", 11);
	char *path = write_archive(tmp, "enc.warc", &a, false, NULL);
	struct bs_resources *res = resources_create(spool);
	struct bs_warc w;
	struct bs_error damage, err;
	OK(read_warc(path, spool, res, &w, &damage, &err), "read: %s",
		err.reason);
	INT_EQ(w.records, 4);
	INT_EQ(w.count, 1);
	check_page(&w, 0, "https://example.com/identity.html", NULL,
		plain_page);
	for (size_t i = 1; i < w.count; i++) {
		OK(false, "taken as a page: %s", w.pages[i].url);
	}
	warc_finish(&w);
	resources_destroy(res);
	archive_finish(&a);
	free(path);
	free(spool);
	tmp_remove(tmp);
}

/*
 * A member whose check value is wrong: its record is damaged, not used,
 * even though its bytes inflate.
 */
static void corrupt_gzip(void)
{
	char *tmp = tmp_dir();
	char *spool = tmp_mkdir(tmp, "spool");
	struct archive a = {0};
	pages(&a, 4);
	size_t ends[MAX_RECORDS];
	char *full = write_archive(tmp, "full.warc.gz", &a, true, ends);
	size_t len = 0;
	char *raw = tmp_read(full, &len);
	/* a gzip member ends with CRC-32 and size: spoil the CRC of the 3rd */
	raw[ends[2] - 8] ^= 0x5a;
	char *path = tmp_write(tmp, "crc.warc.gz", raw, len);
	struct bs_resources *res = resources_create(spool);
	struct bs_warc w;
	struct bs_error damage, err;
	OK(read_warc(path, spool, res, &w, &damage, &err), "read: %s",
		err.reason);
	OK(strstr(damage.reason, "corrupt") != NULL, "reason: %s",
		damage.reason);
	INT_EQ(w.records, 2);
	INT_EQ(w.count, 2);
	warc_finish(&w);
	resources_destroy(res);

	/* spoiled deflate data in the 3rd member */
	free(raw);
	raw = tmp_read(full, &len);
	for (size_t k = ends[1] + 20; k < ends[1] + 40; k++) {
		raw[k] = (char)0xff;
	}
	free(path);
	path = tmp_write(tmp, "bad.warc.gz", raw, len);
	res = resources_create(spool);
	OK(read_warc(path, spool, res, &w, &damage, &err), "read: %s",
		err.reason);
	OK(strstr(damage.reason, "corrupt") != NULL, "reason: %s",
		damage.reason);
	INT_EQ(w.records, 2);
	INT_EQ(w.count, 2);
	warc_finish(&w);
	resources_destroy(res);

	free(path);
	free(raw);
	free(full);
	archive_finish(&a);
	free(spool);
	tmp_remove(tmp);
}

/* The map itself: fragments, the last capture, redirect chains. */
static void resources(void)
{
	char *tmp = tmp_dir();
	OK(setenv("TMPDIR", tmp, 1) == 0, "setenv");
	struct bs_error err;
	error_clear(&err);
	/* a killed run's spool, no lock held: swept; a live one: kept */
	char *stale = path_join(tmp, "broadsheet-Stale1");
	char *live = path_join(tmp, "broadsheet-Live22");
	OK(mkdir(stale, 0700) == 0 && mkdir(live, 0700) == 0, "mkdir");
	char *stale_file = path_join(stale, "page.html");
	FILE *f = fopen(stale_file, "w");
	OK(f != NULL, "stale file");
	if (f) {
		fclose(f);
	}
	int live_lock = open(live, O_RDONLY | O_DIRECTORY);
	OK(live_lock >= 0 && flock(live_lock, LOCK_EX) == 0, "lock");
	struct bs_spool spool;
	OK(spool_create(&spool, &err), "spool: %s", err.reason);
	OK(!tmp_exists(stale), "stale spool swept");
	OK(tmp_exists(live), "live spool kept");
	close(live_lock);
	rmdir(live);
	free(stale_file);
	free(stale);
	free(live);
	if (!spool.dir) {
		tmp_remove(tmp);
		return;
	}
	OK(strncmp(spool.dir, tmp, strlen(tmp)) == 0, "under TMPDIR: %s",
		spool.dir);
	struct bs_resources *r = resources_create(spool.dir);
	OK(resources_add(r, "https://e.example/a.png#x", "one", 3, &err),
		"add: %s", err.reason);
	OK(resources_add(r, "https://e.example/a.png", "two", 3, &err),
		"add: %s", err.reason);
	INT_EQ(resources_count(r), 2);
	const char *a = resources_lookup(r, "https://e.example/a.png#y");
	OK(a && file_holds(a, "two", 3), "the last capture: %s", a);

	/* five redirects are followed, not six */
	char from[64], to[64];
	for (int i = 0; i < 6; i++) {
		snprintf(from, sizeof(from), "https://e.example/r%d", i);
		snprintf(to, sizeof(to), "https://e.example/r%d", i + 1);
		resources_redirect(r, from, to);
	}
	OK(resources_add(r, "https://e.example/r6", "end", 3, &err), "add");
	OK(resources_lookup(r, "https://e.example/r1") != NULL, "five hops");
	OK(resources_lookup(r, "https://e.example/r0") == NULL, "six hops");
	/* a loop ends */
	resources_redirect(r, "https://e.example/x", "https://e.example/y");
	resources_redirect(r, "https://e.example/y", "https://e.example/x");
	OK(resources_lookup(r, "https://e.example/x") == NULL, "a loop");
	OK(resources_lookup(r, "https://e.example/none") == NULL, "absent");
	OK(resources_lookup(NULL, "https://e.example/a.png") == NULL, "no map");

	/* a spool that is gone cannot take a file */
	struct bs_resources *lost = resources_create("/nonexistent/spool");
	error_clear(&err);
	OK(!resources_add(lost, "https://e.example/b.png", "b", 1, &err),
		"refused");
	OK(error_is_set(&err), "a reason");
	INT_EQ(resources_count(lost), 0);
	OK(resources_lookup(lost, "https://e.example/b.png") == NULL, "absent");
	resources_destroy(lost);
	resources_destroy(NULL);

	resources_destroy(r);
	char *dir = xstrdup(spool.dir);
	spool_remove(&spool);
	OK(!tmp_exists(dir), "spool removed");
	OK(spool.dir == NULL && spool.lock == -1, "emptied");
	spool_remove(&spool);
	free(dir);
	unsetenv("TMPDIR");
	tmp_remove(tmp);
}

static void sniff(void)
{
	OK(warc_sniff("WARC/1.1\r\nWARC-Type: warcinfo\r\n", 30), "1.1");
	OK(warc_sniff("WARC/1.0\r\n", 10), "1.0");
	OK(!warc_sniff("WARC/", 5), "short");
	OK(!warc_sniff("", 0), "empty");
	OK(!warc_sniff("<html>WARC/1.1</html>", 21), "a page");
	OK(!warc_sniff("\x1f\x8b\x08\0\0\0\0\0", 8), "gzip data");
}

static const struct subtest tests[] = {
	{"plain", plain},
	{"gzip", gzip_records},
	{"truncated_gzip", truncated_gzip},
	{"truncated_plain", truncated_plain},
	{"garbage", garbage},
	{"empty", empty},
	{"oversized", oversized},
	{"encodings", encodings},
	{"corrupt_gzip", corrupt_gzip},
	{"resources", resources},
	{"sniff", sniff},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
