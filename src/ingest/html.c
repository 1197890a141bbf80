#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "ingest/feed.h"
#include "ingest/ingest.h"
#include "ingest/mhtml.h"
#include "ingest/warc.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/text.h"

enum bs_input_kind ingest_sniff(const char *data, size_t len)
{
	size_t n = len < 65536 ? len : 65536;
	size_t i = 0;
	if (n >= 3 && (unsigned char)data[0] == 0xef
			&& (unsigned char)data[1] == 0xbb
			&& (unsigned char)data[2] == 0xbf) {
		i = 3;
	}
	bool utf16 = n >= 2 && (((unsigned char)data[0] == 0xff
		&& (unsigned char)data[1] == 0xfe)
		|| ((unsigned char)data[0] == 0xfe
		&& (unsigned char)data[1] == 0xff));
	if (utf16) {
		i = 2;
	}
	size_t control = 0, nul = 0, blank = 0;
	for (size_t k = i; k < n; k++) {
		unsigned char c = (unsigned char)data[k];
		if (c == 0) {
			nul++;
		} else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t'
				&& c != '\f') {
			control++;
		} else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
			blank++;
		}
	}
	if (blank == n - i && nul == 0) {
		return BS_INPUT_EMPTY;
	}
	if (warc_sniff(data, len)) {
		return BS_INPUT_WARC;
	}
	if (!utf16 && nul > n / 4 && nul < n) {
		/* UTF-16 without a mark has NULs in every other byte */
		size_t odd = 0, even = 0;
		for (size_t k = 0; k < n; k++) {
			if (data[k] == 0 && k % 2) {
				odd++;
			} else if (data[k] == 0) {
				even++;
			}
		}
		utf16 = (odd > n / 3 && even <= n / 64)
			|| (even > n / 3 && odd <= n / 64);
	}
	if (!utf16 && (nul > 0 || control > n / 64 + 1)) {
		return BS_INPUT_BINARY;
	}
	/* Look for markup in the text, ignoring UTF-16's NUL bytes. */
	char probe[4096];
	size_t m = 0;
	for (size_t k = i; k < n && m + 1 < sizeof(probe); k++) {
		if (data[k] != 0) {
			probe[m++] = data[k];
		}
	}
	probe[m] = '\0';
	if (feed_sniff(probe, m)) {
		return BS_INPUT_FEED;
	}
	if (mhtml_sniff(probe, m)) {
		return BS_INPUT_MHTML;
	}
	static const char *const marks[] = {"<!doctype html", "<html", "<head",
		"<body", "<meta", "<title", "<div", "<p>", "<p ", "<article",
		"<h1", "<table", "<br", "<span", "<a href"};
	for (size_t k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
		if (text_find_ci(probe, marks[k])) {
			return BS_INPUT_HTML;
		}
	}
	return BS_INPUT_TEXT;
}

/* Case-insensitive match of the ASCII word w at p, not before end. */
static bool at_word(const char *p, const char *end, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(end - p) >= n && strncasecmp(p, w, n) == 0;
}

/*
 * The end of the tag starting at p: past its '>', quotes respected. By
 * memchr(), a run at a time: every tag of a page goes through here.
 */
static const char *tag_end(const char *p, const char *end)
{
	for (;;) {
		const char *gt = memchr(p, '>', (size_t)(end - p));
		const char *stop = gt ? gt : end;
		const char *dq = memchr(p, '"', (size_t)(stop - p));
		const char *first = dq ? dq : stop;
		const char *sq = memchr(p, '\'', (size_t)(first - p));
		const char *q = sq ? sq : dq;
		if (!q) {
			return gt ? gt + 1 : end;
		}
		const char *close = memchr(q + 1, *q, (size_t)(end - q - 1));
		if (!close) {
			return end;
		}
		p = close + 1;
	}
}

/* Whether the tag at p is named name (followed by a space, / or >). */
static bool is_tag(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);
	return (size_t)(end - p) > n && strncasecmp(p, name, n) == 0
		&& strchr(" \t\r\n\f/>", p[n]);
}

/* Whether p starts a tag, open or closing (not text such as "a < b"). */
static bool at_tag(const char *p, const char *end)
{
	const char *q = p + 1 < end && p[1] == '/' ? p + 2 : p + 1;
	char c = q < end ? (char)(*q | 0x20) : 0;
	return c >= 'a' && c <= 'z';
}

/*
 * Where the <svg> element whose open tag is at p closes: its "</svg", svg
 * elements inside it counted, tags read whole (a "<svg" in an attribute
 * is no element); NULL when it is self-closing or never closes.
 */
static const char *svg_close(const char *p, const char *end)
{
	int depth = 0;
	while ((p = memchr(p, '<', (size_t)(end - p)))) {
		if (!at_tag(p, end)) {
			p++;
			continue;
		}
		if (is_tag(p, end, "</svg") && --depth == 0) {
			return p;
		}
		const char *next = tag_end(p, end);
		if (is_tag(p, end, "<svg") && next[-2] != '/') {
			depth++;
		}
		if (depth == 0) {
			return NULL;
		}
		p = next;
	}
	return NULL;
}

/*
 * Two thirds of a saved news page are scripts and style sheets, which the
 * parser would read character by character only for us to throw them
 * away. Their content is left out before parsing (JSON-LD excepted), and
 * comments with it, as an HTML tokenizer would delimit them: a script
 * ends at the first "</script". So is the content of inline SVG drawings
 * (icons, mostly), which extraction drops whole: their paths made a tenth
 * of what was left, and thousands of elements.
 */
static char *strip_inert_text(const char *s, size_t len, size_t *out_len)
{
	struct bs_buf b = {0};
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));
		if (!lt) {
			buf_append(&b, p, (size_t)(end - p));
			break;
		}
		buf_append(&b, p, (size_t)(lt - p));
		p = lt;
		if (at_word(p, end, "<!--")) {
			const char *close = p + 4;
			while (close + 3 <= end && memcmp(close, "-->", 3) != 0) {
				close++;
			}
			p = close + 3 <= end ? close + 3 : end;
			continue;
		}
		if (is_tag(p, end, "<svg")) {
			const char *open_end = tag_end(p, end);
			const char *close = svg_close(p, end);
			buf_append(&b, p, (size_t)(open_end - p));
			p = close ? close : open_end;
			continue;
		}
		const char *name = NULL;
		if (is_tag(p, end, "<script")) {
			name = "script";
		} else if (is_tag(p, end, "<style")) {
			name = "style";
		}
		if (!name) {
			/* a tag whole: a "<script" in an attribute is none */
			const char *next = at_tag(p, end) ? tag_end(p, end)
				: p + 1;
			buf_append(&b, p, (size_t)(next - p));
			p = next;
			continue;
		}
		const char *open_end = tag_end(p, end);
		buf_append(&b, p, (size_t)(open_end - p));
		char *tag = xstrndup(p, (size_t)(open_end - p));
		bool keep = strcmp(name, "script") == 0
			&& text_find_ci(tag, "ld+json") != NULL;
		free(tag);
		const char *close = open_end;
		char closing[10];
		snprintf(closing, sizeof(closing), "</%s", name);
		while (close < end && !at_word(close, end, closing)) {
			const char *next = memchr(close + 1, '<',
				(size_t)(end - close - 1));
			close = next ? next : end;
		}
		if (keep) {
			buf_append(&b, open_end, (size_t)(close - open_end));
		}
		p = close;
	}
	*out_len = b.len;
	return buf_detach(&b);
}

htmlDocPtr ingest_parse_html(const char *utf8, size_t len, const char *url)
{
	if (len > INT_MAX) {
		return NULL;
	}
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	if (!ctxt) {
		return NULL;
	}
	int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR
		| HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT
		| HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC;
	size_t lean_len;
	char *lean = strip_inert_text(utf8, len, &lean_len);
	htmlDocPtr doc = htmlCtxtReadMemory(ctxt, lean, (int)lean_len, url,
		"UTF-8", options);
	htmlFreeParserCtxt(ctxt);
	free(lean);
	return doc;
}

bool ingest_page_from_bytes(const char *name, const char *data, size_t len,
	const char *declared, const char *url,
	const struct bs_resources *resources, struct bs_page *page,
	struct bs_error *err)
{
	memset(page, 0, sizeof(*page));
	char *utf8;
	size_t utf8_len;
	ingest_to_utf8(data, len, declared, &utf8, &utf8_len, NULL);
	page->doc = ingest_parse_html(utf8, utf8_len, url);
	free(utf8);
	if (!page->doc || !xmlDocGetRootElement(page->doc)) {
		error_set(err, name, "the HTML parser found no document");
		page_finish(page);
		return false;
	}
	page->path = xstrdup(name);
	page->url = url ? xstrdup(url) : NULL;
	page->resources = resources;
	return true;
}

const char *ingest_kind_reason(enum bs_input_kind kind)
{
	switch (kind) {
	case BS_INPUT_EMPTY: return "empty file, no page in it";
	case BS_INPUT_BINARY: return "binary data, not a web page";
	case BS_INPUT_TEXT: return "plain text, not a web page";
	case BS_INPUT_FEED: return "a news feed, not a web page";
	case BS_INPUT_MHTML: return "a single-file save (MHTML), not a web page";
	case BS_INPUT_WARC: return "a web archive (WARC), not a web page";
	case BS_INPUT_HTML: break;
	}
	return "a web page";
}

void page_finish(struct bs_page *page)
{
	if (page->doc) {
		xmlFreeDoc(page->doc);
	}
	free(page->url);
	free(page->path);
	free(page->dir);
	free(page->root);
	memset(page, 0, sizeof(*page));
}
