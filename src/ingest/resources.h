#ifndef BS_INGEST_RESOURCES_H
#define BS_INGEST_RESOURCES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/*
 * The pictures of an archive (a web archive's image records, a single-file
 * save's image parts), by URL. Each one is written to a file in a spool
 * folder as it is added, so pages can name it like any picture on disk;
 * the folder belongs to the build and goes with it (spool_create(),
 * spool_remove()).
 */

struct bs_resources;

/** An empty set whose files go into spool (a folder that exists). */
struct bs_resources *resources_create(const char *spool);

void resources_destroy(struct bs_resources *r);

/**
 * Stores data (len bytes) as the resource at url (fragment ignored).
 * Returns false with err set when the spool cannot take it.
 */
bool resources_add(struct bs_resources *r, const char *url, const void *data,
	size_t len, struct bs_error *err);

/** Records that from redirects to to (an absolute URL). */
void resources_redirect(struct bs_resources *r, const char *from,
	const char *to);

/**
 * The file of the resource at url (redirects followed, at most five), or
 * NULL when the archive does not hold it. The string belongs to r.
 */
const char *resources_lookup(const struct bs_resources *r, const char *url);

/** Number of resources stored. */
size_t resources_count(const struct bs_resources *r);

/*
 * A build's spool: a private folder $TMPDIR/broadsheet-XXXXXX that the
 * build holds flock(2) on while it lives. A run killed by SIGKILL cannot
 * remove its folder, but its lock dies with it: spool_create() removes
 * every broadsheet-* folder whose lock it can take, so a killed run's
 * files are gone after the next run.
 */
struct bs_spool {
	char *dir;
	int lock;
};

/** Creates a spool (after sweeping stale ones). False with err set. */
bool spool_create(struct bs_spool *spool, struct bs_error *err);

/**
 * Writes data (len bytes) to a new file of its own in spool, its name
 * ending in suffix; returns its path (the caller frees), or NULL with err
 * set.
 */
char *spool_write(const char *spool, const char *suffix, const void *data,
	size_t len, struct bs_error *err);

/** Removes the spool's folder and files and frees it; an empty one is fine. */
void spool_remove(struct bs_spool *spool);

#endif
