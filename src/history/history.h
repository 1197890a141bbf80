#ifndef BS_HISTORY_HISTORY_H
#define BS_HISTORY_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

/*
 * The history database (SQLite): every edition built and every article it
 * packaged, so that a run can leave out what an earlier edition already
 * carried (--skip-seen) and `broadsheet history` can list them.
 *
 * Two runs may share one database: it is opened in WAL mode with a busy
 * timeout, and an edition's rows are written in one transaction. A file
 * that is not a history database (or a damaged one) is an error with the
 * path and SQLite's reason; it is never overwritten or "repaired".
 *
 * Schema (version 1, in PRAGMA user_version):
 *
 *   editions(id INTEGER PRIMARY KEY, path TEXT, date TEXT (YYYY-MM-DD),
 *            title TEXT, built TEXT (ISO 8601 UTC), articles INTEGER,
 *            sha256 TEXT (of the EPUB file, hex))
 *   articles(id INTEGER PRIMARY KEY, edition INTEGER REFERENCES editions
 *            ON DELETE CASCADE, position INTEGER, url TEXT (may be NULL),
 *            fingerprint TEXT (16 hex digits), title TEXT, section TEXT)
 *
 * with indexes on articles(url), articles(fingerprint),
 * articles(edition, position) and editions(path).
 */

struct bs_history;

/**
 * The default database path: $XDG_STATE_HOME/broadsheet/history.sqlite,
 * or ~/.local/state/broadsheet/history.sqlite when XDG_STATE_HOME is unset,
 * empty or relative (the XDG spec says to ignore a relative one). NULL when
 * neither that nor HOME is set. The caller frees.
 */
char *history_default_path(void);

/**
 * Opens (creating it and its folders when missing: the file 0600, folders
 * 0700, as it holds what the user reads) the database at path. It must be
 * writable. Returns NULL with err set (file: the path) when it cannot be
 * opened or written, is not a history database, was made by a newer
 * broadsheet, or is damaged; such a file is left as it was. The caller
 * closes the handle with history_close().
 */
struct bs_history *history_open(const char *path, struct bs_error *err);

/** Closes h; NULL is fine. */
void history_close(struct bs_history *h);

/**
 * Sets *seen to true when an article with the same url (url may be NULL:
 * then only the fingerprint counts) or the same fingerprint is in an
 * edition dated from since to until (YYYY-MM-DD, both included) that is
 * not at exclude_path (an edition being rebuilt at its own path does not
 * hide its own articles; may be NULL). Returns false with err set when the
 * database cannot be read.
 */
bool history_seen(struct bs_history *h, const char *url, uint64_t fingerprint,
	const char *since, const char *until, const char *exclude_path,
	bool *seen, struct bs_error *err);

struct bs_history_article {
	const char *url;		/* may be NULL */
	uint64_t fingerprint;		/* article_fingerprint() of its text */
	const char *title;
	const char *section;		/* may be NULL */
};

struct bs_history_edition {
	const char *path;		/* the EPUB, absolute */
	const char *date;		/* YYYY-MM-DD */
	const char *title;
	const char *built;		/* ISO 8601 UTC, "2026-11-28T06:00:00Z" */
	const char *sha256;		/* of the EPUB file, 64 hex digits */
	const struct bs_history_article *articles;
	size_t n_articles;
};

/**
 * Records an edition and its articles in one transaction. An edition
 * recorded earlier at the same path is replaced (the file was). Returns
 * false with err set (nothing recorded) on failure.
 */
bool history_record(struct bs_history *h, const struct bs_history_edition *ed,
	struct bs_error *err);

/**
 * Calls fn for each edition, newest first (by date, then by when built,
 * then the last recorded), at most limit (0: all), with its articles in
 * edition order; the pointers are valid during the call only, and fn must
 * not use h. The editions come from one snapshot, whatever other runs
 * record meanwhile. Returns false with err set when the database cannot be
 * read (fn may have been called for some editions already).
 */
bool history_list(struct bs_history *h, size_t limit,
	void (*fn)(const struct bs_history_edition *ed, void *ctx), void *ctx,
	struct bs_error *err);

#endif
