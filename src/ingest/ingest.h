#ifndef BS_INGEST_INGEST_H
#define BS_INGEST_INGEST_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/HTMLparser.h>

#include "util/error.h"

/*
 * The ingest stage: from the command line's files and directories to parsed
 * pages. It finds the inputs, reads them (gzip included), tells what each
 * one is, decodes its charset to UTF-8 and parses it with libxml2. Parsers
 * never touch the network.
 */

/* Limits that keep hostile input bounded; documented in the README. */
enum {
	INGEST_MAX_FILE = 64 << 20,	/* bytes read from one file */
	INGEST_MAX_INFLATED = 64 << 20,	/* bytes after gunzip */
};

/** The inputs found, in order: paths the caller frees with ingest_list_finish(). */
struct bs_input_list {
	char **paths;
	size_t count;
	size_t cap;
};

/**
 * Expands args (files and directories) into input files. Directories are
 * searched recursively, in byte order of names, for pages (.html, .htm,
 * .xhtml, .shtml, each optionally .gz); hidden entries and a browser's
 * "<page>_files" folders are passed over. A file named on the command line
 * is taken whatever its name. An argument that does not exist or cannot be
 * read is added to problems and the rest goes on.
 */
void ingest_find(char *const *args, size_t nargs, struct bs_input_list *out,
	struct bs_error_list *problems);

void ingest_list_finish(struct bs_input_list *list);

/** What a file holds, told from its bytes. */
enum bs_input_kind {
	BS_INPUT_HTML,
	BS_INPUT_EMPTY,
	BS_INPUT_BINARY,
	BS_INPUT_TEXT,
};

/**
 * One parsed HTML page and where it came from. The document is UTF-8
 * whatever the file's charset. Owned by the caller: page_finish().
 */
struct bs_page {
	char *path;	/* the input as named */
	char *dir;	/* real directory of the file; relative links start here */
	char *root;	/* files outside this tree are never read for the page */
	htmlDocPtr doc;
};

/**
 * Reads the file at path (gunzipping it when it is gzip data) into *data
 * and *len, the caller freeing *data. Fails with a reason such as
 * "truncated gzip data" or "file too large".
 */
bool ingest_read(const char *path, char **data, size_t *len,
	struct bs_error *err);

/** Tells what the bytes are; sniffs a prefix only. */
enum bs_input_kind ingest_sniff(const char *data, size_t len);

/**
 * Converts data (len bytes, any charset) to UTF-8, into *out (caller frees,
 * NUL-terminated) and *out_len. The charset comes from a byte order mark,
 * else the page's own declaration (<meta charset>, http-equiv, XML
 * declaration), else UTF-8 when the bytes are valid UTF-8, else
 * windows-1252. A page that declares UTF-8 but is plainly windows-1252 is
 * read as windows-1252. *charset (may be NULL) receives the name used, a
 * static string. Bytes that do not decode become U+FFFD.
 */
void ingest_to_utf8(const char *data, size_t len, char **out, size_t *out_len,
	const char **charset);

/**
 * Parses UTF-8 HTML with libxml2 in recovery mode, without network access.
 * url names the document (may be NULL). Returns NULL when libxml2 cannot
 * make a tree.
 */
htmlDocPtr ingest_parse_html(const char *utf8, size_t len, const char *url);

/**
 * Reads, checks, decodes and parses the page at path into page. Returns
 * false with err set ("empty file", "binary data, not a page", ...), in
 * which case page holds nothing to free.
 */
bool ingest_load_page(const char *path, struct bs_page *page,
	struct bs_error *err);

void page_finish(struct bs_page *page);

#endif
