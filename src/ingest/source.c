#include "ingest/source.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

#include "ingest/mhtml.h"
#include "ingest/resources.h"
#include "ingest/warc.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/path.h"

struct bs_source {
	char *path;
	enum bs_input_kind kind;
	char *data;		/* HTML, text, MHTML: the whole file */
	size_t len;
	bool given;		/* the single document was given */
	struct bs_feed feed;
	struct bs_mhtml mhtml;
	struct bs_warc warc;
	struct bs_resources *res;
	size_t next;
	struct bs_error damage;
};

/*
 * A web archive is streamed, never read whole: peek at its first bytes
 * (zlib reads plain files as they are). Only a regular file: a FIFO would
 * block the peek.
 */
static bool is_warc(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
		return false;
	}
	gzFile gz = gzopen(path, "rb");
	if (!gz) {
		return false;
	}
	char head[8];
	int n = gzread(gz, head, sizeof(head));
	gzclose(gz);
	return n >= 7 && warc_sniff(head, (size_t)n);
}

struct bs_source *source_open(const char *path, const char *spool,
	struct bs_error *err)
{
	struct bs_source *s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	error_clear(&s->damage);
	if (is_warc(path)) {
		s->kind = BS_INPUT_WARC;
	} else {
		if (!ingest_read(path, &s->data, &s->len, &s->damage, err)) {
			source_close(s);
			return NULL;
		}
		s->kind = ingest_sniff(s->data, s->len);
	}
	switch (s->kind) {
	case BS_INPUT_EMPTY:
	case BS_INPUT_BINARY:
		error_set(err, path, "%s", ingest_kind_reason(s->kind));
		source_close(s);
		return NULL;
	case BS_INPUT_FEED:
		if (!feed_parse(path, s->data, s->len, &s->feed, err)) {
			source_close(s);
			return NULL;
		}
		if (s->feed.count == 0) {
			error_set(err, path, "a feed without items");
			source_close(s);
			return NULL;
		}
		break;
	case BS_INPUT_MHTML:
		s->res = resources_create(spool);
		if (!mhtml_parse(path, s->data, s->len, s->res, &s->mhtml, err)) {
			source_close(s);
			return NULL;
		}
		break;
	case BS_INPUT_WARC:
		s->res = resources_create(spool);
		free(s->data);
		s->data = NULL;
		if (!warc_read(path, spool, s->res, &s->warc, &s->damage, err)) {
			source_close(s);
			return NULL;
		}
		if (s->warc.count == 0 && !error_is_set(&s->damage)) {
			error_set(err, path, "a web archive without HTML pages");
			source_close(s);
			return NULL;
		}
		break;
	case BS_INPUT_HTML:
	case BS_INPUT_TEXT:
		break;
	}
	return s;
}

const struct bs_error *source_damage(const struct bs_source *s)
{
	return error_is_set(&s->damage) ? &s->damage : NULL;
}

static enum bs_next single(struct bs_source *s)
{
	if (s->given) {
		return BS_NEXT_END;
	}
	s->given = true;
	return BS_NEXT_DOC;
}

static enum bs_next next_html(struct bs_source *s, struct bs_document *doc,
	struct bs_error *err)
{
	if (single(s) == BS_NEXT_END) {
		return BS_NEXT_END;
	}
	if (!ingest_page_from_bytes(s->path, s->data, s->len, NULL, NULL, NULL,
			&doc->page, err)) {
		return BS_NEXT_SKIP;
	}
	doc->page.dir = path_real_dirname(s->path);
	doc->page.root = xstrdup(doc->page.dir);
	return BS_NEXT_DOC;
}

static enum bs_next next_warc(struct bs_source *s, struct bs_document *doc,
	struct bs_error *err)
{
	if (s->next >= s->warc.count) {
		return BS_NEXT_END;
	}
	struct bs_warc_page *p = &s->warc.pages[s->next++];
	struct bs_buf name = {0};
	buf_printf(&name, "%s#%s", s->path, p->url);
	char *data;
	size_t len;
	bool ok = path_read_file(p->file, WARC_MAX_RECORD, &data, &len, err)
		&& (ingest_page_from_bytes(buf_str(&name), data, len, p->charset,
		p->url, s->res, &doc->page, err) || (free(data), false));
	if (ok) {
		free(data);
	}
	buf_finish(&name);
	return ok ? BS_NEXT_DOC : BS_NEXT_SKIP;
}

enum bs_next source_next(struct bs_source *s, struct bs_document *doc,
	struct bs_error *err)
{
	memset(doc, 0, sizeof(*doc));
	doc->name = xstrdup(s->path);
	enum bs_next next = BS_NEXT_END;
	switch (s->kind) {
	case BS_INPUT_HTML:
		doc->kind = BS_DOC_PAGE;
		next = next_html(s, doc, err);
		break;
	case BS_INPUT_TEXT:
		doc->kind = BS_DOC_TEXT;
		next = single(s);
		if (next == BS_NEXT_DOC) {
			ingest_to_utf8(s->data, s->len, NULL, &doc->text, &doc->len,
				NULL);
		}
		break;
	case BS_INPUT_FEED:
		doc->kind = BS_DOC_ITEM;
		if (s->next < s->feed.count) {
			doc->feed = &s->feed;
			doc->item = &s->feed.items[s->next++];
			next = BS_NEXT_DOC;
		}
		break;
	case BS_INPUT_MHTML:
		doc->kind = BS_DOC_PAGE;
		next = single(s);
		if (next == BS_NEXT_DOC && !ingest_page_from_bytes(s->path,
				s->mhtml.html, s->mhtml.len, s->mhtml.charset,
				s->mhtml.url, s->res, &doc->page, err)) {
			next = BS_NEXT_SKIP;
		}
		break;
	case BS_INPUT_WARC:
		doc->kind = BS_DOC_PAGE;
		next = next_warc(s, doc, err);
		break;
	case BS_INPUT_EMPTY:
	case BS_INPUT_BINARY:
		break;
	}
	if (next != BS_NEXT_DOC) {
		document_finish(doc);
	}
	return next;
}

void document_finish(struct bs_document *doc)
{
	page_finish(&doc->page);
	free(doc->text);
	free(doc->name);
	memset(doc, 0, sizeof(*doc));
}

void source_close(struct bs_source *s)
{
	if (!s) {
		return;
	}
	free(s->path);
	free(s->data);
	feed_finish(&s->feed);
	mhtml_finish(&s->mhtml);
	warc_finish(&s->warc);
	resources_destroy(s->res);
	free(s);
}
