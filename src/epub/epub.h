#ifndef BS_EPUB_EPUB_H
#define BS_EPUB_EPUB_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/error.h"

/*
 * The EPUB container writer (libzip). Entries are spooled to a temporary
 * file beside the target as they are added, so memory does not grow with
 * the edition; the archive itself is written at commit: "mimetype" first
 * and stored, then META-INF/container.xml, then the entries in the order
 * they were added, each with the same timestamp and attributes, so that
 * the same entries give the same bytes. The file appears at its target
 * path only when complete (temporary name, fsync, rename, fsync of the
 * folder); until then an older file there is untouched.
 */

struct bs_epub;

/**
 * Starts an archive that will replace path. mtime stamps every entry.
 * Returns NULL with err set when the folder cannot take a temporary file.
 */
struct bs_epub *epub_open(const char *path, time_t mtime, struct bs_error *err);

/**
 * Adds a copy of data (len bytes) as entry name ("OEBPS/content.opf"),
 * deflated when compress is true. "mimetype" and the container are written
 * by epub_commit(). Returns false with err set (e.g. the disk is full).
 */
bool epub_add(struct bs_epub *w, const char *name, const void *data,
	size_t len, bool compress, struct bs_error *err);

/*
 * An entry's data deflated ahead of time, so that the deflating, most of
 * what writing an archive costs, can happen on any thread while the
 * archive itself is filled in order on one.
 */
struct bs_packed {
	unsigned char *data;	/* raw deflate, as ZIP stores it */
	size_t len;		/* of data */
	size_t size;		/* of the entry itself */
	unsigned long crc;	/* CRC-32 of the entry itself */
};

/** Deflates len bytes of data into p; thread-safe. */
void epub_pack(const void *data, size_t len, struct bs_packed *p);

/** Frees p's data. */
void epub_packed_finish(struct bs_packed *p);

/** epub_add() of data packed by epub_pack(): the same entry, same bytes. */
bool epub_add_packed(struct bs_epub *w, const char *name,
	const struct bs_packed *p, struct bs_error *err);

/**
 * Writes the archive and moves it to its path; frees w whatever happens.
 * On failure the target is untouched and no temporary file stays.
 */
bool epub_commit(struct bs_epub *w, struct bs_error *err);

/** Drops the archive and its temporary files; frees w. NULL is fine. */
void epub_abort(struct bs_epub *w);

/**
 * Removes from folder dir the temporary files that a run killed before
 * its commit left (".NAME.XXXXXX.epub", ".NAME.XXXXXX.spool", and the
 * ".NAME.XXXXXX.epub.YYYYYY" libzip wrote in older builds), and nothing
 * else. Only safe while no other run writes into dir: call it holding
 * folder_lock(). Returns how many it removed.
 */
size_t epub_sweep(const char *dir);

#endif
