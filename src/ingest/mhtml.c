#include "ingest/mhtml.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"
#include "util/codec.h"
#include "util/buf.h"
#include "util/text.h"

/* The headers of a message or a part: unfolded, in order. */
struct headers {
	char *names[32];
	char *values[32];
	size_t count;
};

static void headers_finish(struct headers *h)
{
	for (size_t i = 0; i < h->count; i++) {
		free(h->names[i]);
		free(h->values[i]);
	}
	h->count = 0;
}

static const char *header(const struct headers *h, const char *name)
{
	for (size_t i = 0; i < h->count; i++) {
		if (strcasecmp(h->names[i], name) == 0) {
			return h->values[i];
		}
	}
	return NULL;
}

/* The end of the line at p (its \n, or end). */
static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? nl : end;
}

/*
 * Reads headers from p up to the blank line; returns where the body
 * starts. Continuation lines (starting with a blank) join the header.
 */
static const char *read_headers(const char *p, const char *end,
	struct headers *h)
{
	h->count = 0;
	while (p < end) {
		const char *e = line_end(p, end);
		size_t len = (size_t)(e - p);
		if (len && p[len - 1] == '\r') {
			len--;
		}
		const char *next = e < end ? e + 1 : end;
		if (len == 0) {
			return next;
		}
		if ((*p == ' ' || *p == '\t') && h->count) {
			struct bs_buf b = {0};
			buf_puts(&b, h->values[h->count - 1]);
			buf_putc(&b, ' ');
			buf_append(&b, p, len);
			free(h->values[h->count - 1]);
			h->values[h->count - 1] = text_trim(buf_detach(&b));
		} else {
			const char *colon = memchr(p, ':', len);
			if (colon && h->count < 32) {
				h->names[h->count] = text_trim(xstrndup(p,
					(size_t)(colon - p)));
				h->values[h->count] = text_trim(xstrndup(colon + 1,
					len - (size_t)(colon + 1 - p)));
				h->count++;
			}
		}
		p = next;
	}
	return end;
}

/* A parameter of a header value: boundary="...", charset=... */
static char *param(const char *value, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = value; p && *p; p++) {
		if ((p == value || p[-1] == ';' || p[-1] == ' ' || p[-1] == '\t')
				&& strncasecmp(p, name, n) == 0 && p[n] == '=') {
			p += n + 1;
			if (*p == '"') {
				const char *q = strchr(p + 1, '"');
				return q ? xstrndup(p + 1, (size_t)(q - p - 1)) : NULL;
			}
			return xstrndup(p, strcspn(p, "; \t"));
		}
	}
	return NULL;
}

bool mhtml_sniff(const char *data, size_t len)
{
	size_t n = len < 8192 ? len : 8192;
	char head[8193];
	memcpy(head, data, n);
	head[n] = '\0';
	return (text_starts_ci(head, "From:") || text_starts_ci(head, "MIME-Version:")
		|| text_starts_ci(head, "Content-Type:")
		|| text_starts_ci(head, "Snapshot-Content-Location:")
		|| text_starts_ci(head, "Subject:")
		|| text_starts_ci(head, "Date:"))
		&& text_find_ci(head, "multipart/");
}

static void decode_qp(const char *p, const char *end, struct bs_buf *out)
{
	while (p < end) {
		if (*p != '=') {
			buf_putc(out, *p++);
			continue;
		}
		if (p + 1 < end && p[1] == '\n') {
			p += 2;			/* soft line break */
		} else if (p + 2 < end && p[1] == '\r' && p[2] == '\n') {
			p += 3;
		} else if (p + 2 < end && codec_hex(p[1]) >= 0 && codec_hex(p[2]) >= 0) {
			buf_putc(out, (char)(codec_hex(p[1]) << 4 | codec_hex(p[2])));
			p += 3;
		} else {
			buf_putc(out, *p++);
		}
	}
}

static void decode_part(const struct headers *h, const char *body,
	const char *end, struct bs_buf *out)
{
	const char *cte = header(h, "Content-Transfer-Encoding");
	if (cte && strcasecmp(cte, "quoted-printable") == 0) {
		decode_qp(body, end, out);
	} else if (cte && strcasecmp(cte, "base64") == 0) {
		codec_base64_decode(body, end, out);
	} else {
		buf_append(out, body, (size_t)(end - body));
	}
}

/* The first line at or after p (a line start) that begins with delim. */
static const char *find_boundary(const char *p, const char *end,
	const char *delim, size_t dlen)
{
	while (p && p + dlen <= end) {
		if (memcmp(p, delim, dlen) == 0) {
			return p;
		}
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : NULL;
	}
	return NULL;
}

/* The body of a part ends before the line break that precedes its delimiter. */
static const char *body_end(const char *body, const char *delim)
{
	const char *e = delim;
	if (e > body && e[-1] == '\n') {
		e--;
	}
	if (e > body && e[-1] == '\r') {
		e--;
	}
	return e;
}

bool mhtml_parse(const char *name, const char *data, size_t len,
	struct bs_resources *res, struct bs_mhtml *m, struct bs_error *err)
{
	memset(m, 0, sizeof(*m));
	const char *end = data + len;
	struct headers top;
	const char *p = read_headers(data, end, &top);
	const char *ctype = header(&top, "Content-Type");
	char *boundary = ctype ? param(ctype, "boundary") : NULL;
	const char *snapshot = header(&top, "Snapshot-Content-Location");
	if (!boundary || !*boundary) {
		error_set(err, name, "MHTML without a multipart boundary, not read");
		free(boundary);
		headers_finish(&top);
		return false;
	}
	struct bs_buf delim = {0};
	buf_printf(&delim, "--%s", boundary);
	free(boundary);
	size_t dlen = delim.len;
	const char *at = find_boundary(p, end, delim.data, dlen);
	if (!at) {
		error_set(err, name, "MHTML whose boundary never appears, not "
			"read");
		buf_finish(&delim);
		headers_finish(&top);
		return false;
	}
	while (at) {
		const char *after = at + dlen;
		if (after + 2 <= end && after[0] == '-' && after[1] == '-') {
			break;		/* the closing delimiter */
		}
		const char *part = line_end(after, end);
		part = part < end ? part + 1 : end;
		struct headers h;
		const char *body = read_headers(part, end, &h);
		const char *next = find_boundary(body, end, delim.data, dlen);
		const char *stop = next ? body_end(body, next) : end;
		const char *type = header(&h, "Content-Type");
		const char *location = header(&h, "Content-Location");
		if (type && text_starts_ci(type, "text/html") && !m->html) {
			struct bs_buf b = {0};
			decode_part(&h, body, stop, &b);
			m->len = b.len;
			m->html = buf_detach(&b);
			m->charset = param(type, "charset");
			const char *url = location ? location : snapshot;
			m->url = url ? xstrdup(url) : NULL;
		} else if (type && text_starts_ci(type, "image/")
				&& (location || header(&h, "Content-ID"))) {
			struct bs_buf b = {0};
			decode_part(&h, body, stop, &b);
			struct bs_error e;
			error_clear(&e);
			if (location) {
				resources_add(res, location, b.data ? b.data : "", b.len,
					&e);
			}
			const char *cid = header(&h, "Content-ID");
			if (cid) {
				struct bs_buf u = {0};
				buf_printf(&u, "cid:%.*s", (int)strcspn(cid + (*cid == '<'),
					">"), cid + (*cid == '<'));
				resources_add(res, buf_str(&u), b.data ? b.data : "",
					b.len, &e);
				buf_finish(&u);
			}
			buf_finish(&b);
		}
		headers_finish(&h);
		at = next;
	}
	buf_finish(&delim);
	headers_finish(&top);
	if (!m->html) {
		error_set(err, name, "MHTML without an HTML part, not read");
		mhtml_finish(m);
		return false;
	}
	return true;
}

void mhtml_finish(struct bs_mhtml *m)
{
	free(m->html);
	free(m->charset);
	free(m->url);
	memset(m, 0, sizeof(*m));
}
