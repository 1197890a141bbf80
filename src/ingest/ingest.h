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
 * .xhtml, .shtml), feeds (.rss, .atom, .rdf, .xml), text dumps (.txt),
 * single-file saves (.mhtml, .mht) and web archives (.warc), each also
 * .gz; hidden entries and a browser's "<page>_files" folders are passed
 * over. A file named on the command line
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
	BS_INPUT_TEXT,		/* plain text: a page saved as text */
	BS_INPUT_FEED,		/* RSS or Atom */
	BS_INPUT_MHTML,		/* a single-file save */
	BS_INPUT_WARC,		/* a web archive */
};

struct bs_resources;

/**
 * One parsed HTML page and where it came from. The document is UTF-8
 * whatever the file's charset. Owned by the caller: page_finish().
 */
struct bs_page {
	char *path;	/* the input as named ("day.warc#URL" in an archive) */
	char *dir;	/* real directory of the file; relative links start
			 * here; NULL for a page out of an archive */
	char *root;	/* files outside this tree are never read for the page */
	char *url;	/* the page's address when the archive says, or NULL */
	const struct bs_resources *resources;	/* the archive's pictures,
						 * or NULL; not owned */
	htmlDocPtr doc;
};

/**
 * Reads the file at path (gunzipping it when it is gzip data) into *data
 * and *len, the caller freeing *data. Gzip data that breaks off or goes
 * bad gives what came before the damage, and damage names it ("truncated
 * gzip data"). Fails with a reason such as
 * "truncated gzip data" (nothing before it) or "file too large".
 */
bool ingest_read(const char *path, char **data, size_t *len,
	struct bs_error *damage, struct bs_error *err);

/** Tells what the bytes are; sniffs a prefix only. */
enum bs_input_kind ingest_sniff(const char *data, size_t len);

/**
 * Converts data (len bytes, any charset) to UTF-8, into *out (caller frees,
 * NUL-terminated) and *out_len. The charset comes from a byte order mark,
 * else declared (an HTTP or MIME header's charset; may be NULL), else the
 * page's own declaration (<meta charset>, http-equiv, XML declaration),
 * else UTF-8 when the bytes are valid UTF-8, else the charset uchardet
 * recognises in them, else windows-1252. When the
 * evidence is clear a lying declaration is overruled: bytes declared UTF-8
 * that are plainly windows-1252 are read as windows-1252, bytes declared a
 * single-byte charset that are valid UTF-8 with many multi-byte sequences
 * as UTF-8. *charset (may be NULL) receives the name used, a static
 * string. Bytes that do not decode become U+FFFD.
 */
void ingest_to_utf8(const char *data, size_t len, const char *declared,
	char **out, size_t *out_len, const char **charset);

/**
 * Decodes and parses bytes of an HTML page (from an archive) into page,
 * named name, at address url (may be NULL), its pictures in resources
 * (may be NULL). declared is the charset its headers gave (may be NULL).
 * Returns false with err set when they are no page.
 */
bool ingest_page_from_bytes(const char *name, const char *data, size_t len,
	const char *declared, const char *url,
	const struct bs_resources *resources, struct bs_page *page,
	struct bs_error *err);

/**
 * Parses UTF-8 HTML with libxml2 in recovery mode, without network access.
 * url names the document (may be NULL). Returns NULL when libxml2 cannot
 * make a tree.
 */
htmlDocPtr ingest_parse_html(const char *utf8, size_t len, const char *url);

void page_finish(struct bs_page *page);

/** Why a file of this kind is not what was asked for; a static string. */
const char *ingest_kind_reason(enum bs_input_kind kind);

#endif
