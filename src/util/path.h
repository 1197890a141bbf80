#ifndef BS_UTIL_PATH_H
#define BS_UTIL_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "util/error.h"

/* File names and file contents. Returned strings are the caller's to free. */

/** dir + "/" + name (name is returned as is when it is absolute). */
char *path_join(const char *dir, const char *name);

/** The directory part of path ("." when there is none). */
char *path_dirname(const char *path);

/**
 * The directory of the file at path with symlinks and ".." resolved (as
 * path_dirname() of path when it cannot be resolved).
 */
char *path_real_dirname(const char *path);

/** The last component of path, pointing into path. */
const char *path_basename(const char *path);

/**
 * The name of a saved page without its extensions (".html", ".htm",
 * ".xhtml", ".shtml", ".mhtml", ".mht", each maybe with ".gz"): the stem
 * of a browser's "STEM_files" folder. "U.S. budget.html" gives
 * "U.S. budget". The caller frees.
 */
char *path_page_stem(const char *name);

/** True when path ends with suffix, ASCII case-insensitively. */
bool path_has_suffix(const char *path, const char *suffix);

/**
 * Resolves the local file that ref (a relative reference, a "file:" URL or
 * an absolute path, already percent-decoded or not) names from a page in
 * page_dir, and checks that it stays inside root (a directory; symlinks and
 * ".." are resolved first). Returns the real path, or NULL with err set
 * ("not found", "outside the page's folder").
 */
char *path_resolve_local(const char *root, const char *page_dir,
	const char *ref, struct bs_error *err);

/** Decodes %XX escapes of s into a new string. */
char *path_percent_decode(const char *s);

/**
 * Reads a whole file of at most max bytes into *data (NUL-terminated,
 * caller frees) and *len. Returns false with err set on failure or when the
 * file is larger than max.
 */
bool path_read_file(const char *path, size_t max, char **data, size_t *len,
	struct bs_error *err);

/**
 * Creates folder dir and the folders above it that are missing (mode for
 * each new one). False with err set (file: the folder that failed).
 */
bool path_mkdirs(const char *dir, unsigned mode, struct bs_error *err);

/**
 * Writes all len bytes of data to fd, through short writes and signals.
 * False with errno set when a write fails.
 */
bool path_write_all(int fd, const void *data, size_t len);

/** path_write_all() at offset at (>= 0), fd's position left as it was. */
bool path_pwrite_all(int fd, const void *data, size_t len, off_t at);

#endif
