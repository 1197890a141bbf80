#include "ingest/warc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>
#include <zlib.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/text.h"

bool warc_sniff(const char *data, size_t len)
{
	return len >= 7 && memcmp(data, "WARC/1.", 7) == 0;
}

/* A byte stream over a file, gunzipped (member after member) or not. */
struct stream {
	FILE *f;
	bool gz;
	z_stream z;
	unsigned char in[1 << 16];
	unsigned char out[1 << 16];
	size_t out_pos, out_len;
	bool eof;
	bool damaged;
	char why[128];
};

static bool refill(struct stream *s)
{
	if (s->eof || s->damaged) {
		return false;
	}
	if (!s->gz) {
		s->out_len = fread(s->out, 1, sizeof(s->out), s->f);
		s->out_pos = 0;
		if (s->out_len == 0) {
			s->eof = true;
			if (ferror(s->f)) {
				s->damaged = true;
				snprintf(s->why, sizeof(s->why), "read error");
			}
		}
		return s->out_len > 0;
	}
	s->out_pos = s->out_len = 0;
	while (s->out_len == 0) {
		if (s->z.avail_in == 0) {
			size_t n = fread(s->in, 1, sizeof(s->in), s->f);
			if (n == 0) {
				s->eof = true;
				if (s->z.total_in != 0 || s->z.total_out != 0) {
					/* in the middle of a member */
					s->damaged = true;
					snprintf(s->why, sizeof(s->why),
						"truncated gzip data");
				}
				return false;
			}
			s->z.next_in = s->in;
			s->z.avail_in = (uInt)n;
		}
		s->z.next_out = s->out;
		s->z.avail_out = sizeof(s->out);
		int rc = inflate(&s->z, Z_NO_FLUSH);
		s->out_len = sizeof(s->out) - s->z.avail_out;
		if (rc == Z_STREAM_END) {
			/* the next record is the next member */
			inflateReset(&s->z);
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			s->damaged = true;
			snprintf(s->why, sizeof(s->why), "corrupt gzip data (%s)",
				s->z.msg ? s->z.msg : "inflate failed");
			return s->out_len > 0;
		}
	}
	return true;
}

static int get(struct stream *s)
{
	if (s->out_pos == s->out_len && !refill(s)) {
		return EOF;
	}
	return s->out[s->out_pos++];
}

/* Reads a line (without its CR LF) into out, at most max bytes kept. */
static bool get_line(struct stream *s, struct bs_buf *out, size_t max)
{
	buf_reset(out);
	int c;
	bool any = false;
	while ((c = get(s)) != EOF) {
		any = true;
		if (c == '\n') {
			break;
		}
		if (out->len < max) {
			buf_putc(out, (char)c);
		}
	}
	if (out->len && out->data[out->len - 1] == '\r') {
		out->data[--out->len] = '\0';
	}
	return any;
}

/* Reads n bytes into out (when keep) or skips them; false on a short read. */
static bool get_block(struct stream *s, size_t n, struct bs_buf *out, bool keep)
{
	while (n) {
		if (s->out_pos == s->out_len && !refill(s)) {
			return false;
		}
		size_t take = s->out_len - s->out_pos;
		if (take > n) {
			take = n;
		}
		if (keep) {
			buf_append(out, s->out + s->out_pos, take);
		}
		s->out_pos += take;
		n -= take;
	}
	return true;
}

struct record {
	char type[32];
	char *uri;
	char *ctype;
	unsigned long long length;
};

static void record_finish(struct record *r)
{
	free(r->uri);
	free(r->ctype);
	memset(r, 0, sizeof(*r));
}

/* Reads a record's header; false at the end of the archive. */
static bool read_header(struct stream *s, struct record *r, bool *bad)
{
	struct bs_buf line = {0};
	memset(r, 0, sizeof(*r));
	*bad = false;
	/* records are separated by blank lines */
	bool got;
	while ((got = get_line(s, &line, 1024)) && line.len == 0) {
	}
	if (!got) {
		buf_finish(&line);
		return false;
	}
	if (strncmp(buf_str(&line), "WARC/1.", 7) != 0) {
		*bad = true;
		buf_finish(&line);
		return false;
	}
	bool have_length = false;
	while (get_line(s, &line, 1 << 16) && line.len) {
		const char *l = buf_str(&line);
		const char *colon = strchr(l, ':');
		if (!colon) {
			continue;
		}
		size_t n = (size_t)(colon - l);
		char *v = text_trim(xstrdup(colon + 1));
		if (n == 9 && strncasecmp(l, "WARC-Type", 9) == 0) {
			snprintf(r->type, sizeof(r->type), "%s", v);
		} else if (n == 15 && strncasecmp(l, "WARC-Target-URI", 15) == 0) {
			/* WARC 1.0 writers sometimes wrap it in <> */
			size_t k = strlen(v);
			if (k >= 2 && v[0] == '<' && v[k - 1] == '>') {
				memmove(v, v + 1, k - 2);
				v[k - 2] = '\0';
			}
			free(r->uri);
			r->uri = v;
			v = NULL;
		} else if (n == 14 && strncasecmp(l, "Content-Length", 14) == 0) {
			r->length = strtoull(v, NULL, 10);
			have_length = true;
		} else if (n == 12 && strncasecmp(l, "Content-Type", 12) == 0) {
			free(r->ctype);
			r->ctype = v;
			v = NULL;
		}
		free(v);
	}
	buf_finish(&line);
	if (!have_length) {
		*bad = true;
		record_finish(r);
		return false;
	}
	return true;
}

/* The HTTP response inside a response record's block. */
struct http {
	int status;
	char *ctype;
	char *encoding;		/* Content-Encoding */
	bool chunked;
	char *location;
	const char *body;
	size_t body_len;
};

static void http_finish(struct http *h)
{
	free(h->ctype);
	free(h->encoding);
	free(h->location);
}

static bool parse_http(const char *block, size_t len, struct http *h)
{
	memset(h, 0, sizeof(*h));
	const char *end = block + len;
	const char *p = block;
	const char *nl = memchr(p, '\n', len);
	if (!nl || strncmp(p, "HTTP/", 5) != 0) {
		return false;
	}
	const char *sp = memchr(p, ' ', (size_t)(nl - p));
	h->status = sp ? atoi(sp + 1) : 0;
	p = nl + 1;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		size_t n = (size_t)(e - p);
		if (n && p[n - 1] == '\r') {
			n--;
		}
		if (n == 0) {
			p = nl ? nl + 1 : end;
			break;
		}
		const char *colon = memchr(p, ':', n);
		if (colon) {
			size_t k = (size_t)(colon - p);
			char *v = text_trim(xstrndup(colon + 1, n - k - 1));
			if (k == 12 && strncasecmp(p, "Content-Type", 12) == 0) {
				free(h->ctype);
				h->ctype = v;
			} else if (k == 16 && strncasecmp(p, "Content-Encoding", 16)
					== 0) {
				free(h->encoding);
				h->encoding = v;
			} else if (k == 17 && strncasecmp(p, "Transfer-Encoding", 17)
					== 0) {
				h->chunked = text_find_ci(v, "chunked") != NULL;
				free(v);
			} else if (k == 8 && strncasecmp(p, "Location", 8) == 0) {
				free(h->location);
				h->location = v;
			} else {
				free(v);
			}
		}
		p = nl ? nl + 1 : end;
	}
	h->body = p;
	h->body_len = (size_t)(end - p);
	return true;
}

static bool dechunk(const char *p, size_t len, struct bs_buf *out)
{
	const char *end = p + len;
	while (p < end) {
		char *e;
		unsigned long n = strtoul(p, &e, 16);
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl || e == p) {
			return false;
		}
		p = nl + 1;
		if (n == 0) {
			return true;
		}
		if (n > (size_t)(end - p) || out->len + n > WARC_MAX_RECORD) {
			return false;
		}
		buf_append(out, p, n);
		p += n;
		if (p < end && *p == '\r') {
			p++;
		}
		if (p < end && *p == '\n') {
			p++;
		}
	}
	return true;
}

/* gzip or zlib-wrapped or raw deflate */
static bool inflate_body(const char *p, size_t len, struct bs_buf *out)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		z_stream z;
		memset(&z, 0, sizeof(z));
		if (inflateInit2(&z, attempt ? -MAX_WBITS : 32 + MAX_WBITS) != Z_OK) {
			return false;
		}
		z.next_in = (Bytef *)p;
		z.avail_in = (uInt)len;
		unsigned char chunk[1 << 15];
		int rc;
		buf_reset(out);
		do {
			z.next_out = chunk;
			z.avail_out = sizeof(chunk);
			rc = inflate(&z, Z_NO_FLUSH);
			buf_append(out, chunk, sizeof(chunk) - z.avail_out);
		} while (rc == Z_OK && out->len <= WARC_MAX_RECORD);
		inflateEnd(&z);
		if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && out->len)) {
			return out->len <= WARC_MAX_RECORD;
		}
	}
	return false;
}

static bool is_inflatable(const char *encoding)
{
	return strcasecmp(encoding, "gzip") == 0
		|| strcasecmp(encoding, "x-gzip") == 0
		|| strcasecmp(encoding, "deflate") == 0;
}

static bool is_html(const char *ctype)
{
	return ctype && (text_starts_ci(ctype, "text/html")
		|| text_starts_ci(ctype, "application/xhtml+xml"));
}

static char *charset_of(const char *ctype)
{
	const char *p = ctype ? text_find_ci(ctype, "charset=") : NULL;
	if (!p) {
		return NULL;
	}
	p += 8;
	if (*p == '"' || *p == '\'') {
		p++;
	}
	return xstrndup(p, strcspn(p, "\"'; \t"));
}

static void add_page(struct bs_warc *w, const char *url, const char *file,
	const char *ctype)
{
	w->pages = xreallocarray(w->pages, w->count + 1, sizeof(*w->pages));
	struct bs_warc_page *pg = &w->pages[w->count++];
	pg->url = xstrdup(url);
	pg->file = xstrdup(file);
	pg->charset = charset_of(ctype);
}

/* One response or resource record: a page, a picture, a redirect or nothing. */
static void take_record(const struct record *r, const char *block, size_t len,
	const char *spool, struct bs_resources *res, struct bs_warc *w,
	struct bs_error *spool_err)
{
	struct http h;
	const char *body = block;
	size_t body_len = len;
	const char *ctype = r->ctype;
	int status = 200;
	bool response = strcasecmp(r->type, "response") == 0;
	if (response) {
		if (!parse_http(block, len, &h)) {
			return;
		}
		status = h.status;
		ctype = h.ctype;
		body = h.body;
		body_len = h.body_len;
	}
	if (response && status >= 300 && status < 400 && h.location) {
		xmlChar *to = xmlBuildURI(BAD_CAST h.location, BAD_CAST r->uri);
		if (to) {
			resources_redirect(res, r->uri, (const char *)to);
			xmlFree(to);
		}
	}
	bool wanted = status == 200 && (is_html(ctype)
		|| (ctype && text_starts_ci(ctype, "image/")));
	struct bs_buf decoded = {0}, inflated = {0};
	if (wanted && response && h.chunked) {
		if (!dechunk(body, body_len, &decoded)) {
			wanted = false;
		}
		body = decoded.data ? decoded.data : "";
		body_len = decoded.len;
	}
	bool compressed = response && h.encoding && *h.encoding
		&& strcasecmp(h.encoding, "identity") != 0;
	if (wanted && compressed) {
		/* brotli, zstd...: bytes no parser can read */
		if (!is_inflatable(h.encoding)
				|| !inflate_body(body, body_len, &inflated)) {
			wanted = false;
		}
		body = inflated.data ? inflated.data : "";
		body_len = inflated.len;
	}
	struct bs_error err;
	error_clear(&err);
	if (wanted && is_html(ctype)) {
		char *file = spool_write(spool, ".html", body, body_len, &err);
		if (file) {
			add_page(w, r->uri, file, ctype);
		}
		free(file);
	} else if (wanted) {
		resources_add(res, r->uri, body, body_len, &err);
	}
	if (error_is_set(&err) && !error_is_set(spool_err)) {
		*spool_err = err;
	}
	buf_finish(&decoded);
	buf_finish(&inflated);
	if (response) {
		http_finish(&h);
	}
}

bool warc_read(const char *path, const char *spool, struct bs_resources *res,
	struct bs_warc *w, struct bs_error *damage, struct bs_error *err)
{
	memset(w, 0, sizeof(*w));
	struct stream *s = xcalloc(1, sizeof(*s));
	s->f = fopen(path, "rb");
	if (!s->f) {
		error_set(err, path, "%s", strerror(errno));
		free(s);
		return false;
	}
	int c1 = fgetc(s->f), c2 = fgetc(s->f);
	s->gz = c1 == 0x1f && c2 == 0x8b;
	rewind(s->f);
	if (s->gz && inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK) {
		error_set(err, path, "cannot start the gzip decoder");
		fclose(s->f);
		free(s);
		return false;
	}
	struct bs_buf block = {0};
	struct record r;
	bool bad = false;
	struct bs_error spool_err;
	error_clear(&spool_err);
	while (read_header(s, &r, &bad)) {
		bool want = r.uri && r.length <= WARC_MAX_RECORD
			&& (strcasecmp(r.type, "response") == 0
			|| strcasecmp(r.type, "resource") == 0);
		buf_reset(&block);
		/* a record whose gzip member fails its check is not used */
		if (!get_block(s, (size_t)r.length, &block, want) || s->damaged) {
			record_finish(&r);
			if (!s->damaged) {
				s->damaged = true;
				snprintf(s->why, sizeof(s->why), "truncated record");
			}
			break;
		}
		w->records++;
		if (want) {
			take_record(&r, block.data ? block.data : "", block.len,
				spool, res, w, &spool_err);
		}
		record_finish(&r);
	}
	buf_finish(&block);
	if (bad && !s->damaged) {
		s->damaged = true;
		snprintf(s->why, sizeof(s->why), "not a WARC record");
	}
	if (s->damaged) {
		error_set(damage, path, "%s after %zu record%s", s->why,
			w->records, w->records == 1 ? "" : "s");
	} else if (error_is_set(&spool_err)) {
		error_set(damage, path, "some records left out: %s",
			spool_err.reason);
	}
	if (s->gz) {
		inflateEnd(&s->z);
	}
	fclose(s->f);
	bool none = w->records == 0 && s->damaged;
	if (none) {
		error_set(err, path, "no WARC record could be read: %s",
			s->why);
	}
	free(s);
	return !none;
}

void warc_finish(struct bs_warc *w)
{
	for (size_t i = 0; i < w->count; i++) {
		free(w->pages[i].url);
		free(w->pages[i].file);
		free(w->pages[i].charset);
	}
	free(w->pages);
	memset(w, 0, sizeof(*w));
}
