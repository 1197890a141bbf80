#ifndef BS_OUTPUT_PATTERN_H
#define BS_OUTPUT_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

#include "util/date.h"
#include "util/error.h"

/*
 * Output paths with placeholders, so that one line in a config names
 * every day's edition: "editions/{date}-morning.epub". The placeholders:
 *
 *   {date}   2026-11-28      {yyyy} 2026   {mm} 11   {dd} 28
 *   {title}  the edition's title with spaces and characters that are
 *            unsafe in file names made "-" ("The-Morning-Edition")
 *
 * and the pattern is also how --keep knows which files are editions: the
 * files of the folder whose names the pattern could have made.
 */

/**
 * Checks pattern: every "{...}" is a known placeholder. With for_keep,
 * also that placeholders are in the file name only (--keep looks in one
 * folder). Returns false with err set (file: the pattern).
 */
bool pattern_check(const char *pattern, bool for_keep, struct bs_error *err);

/**
 * The path pattern names for the edition of date titled title (a checked
 * pattern; no placeholders: the pattern itself). The caller frees.
 */
char *pattern_expand(const char *pattern, const struct bs_date *date,
	const char *title);

/**
 * True when name (a file name, no folder) is one that the file-name part
 * of pattern could make; the date it encodes, as far as it does, goes to
 * *date (fields it does not give stay 0).
 */
bool pattern_match(const char *pattern, const char *name,
	struct bs_date *date);

/**
 * Removes all but the newest keep (at least 1) regular files in the
 * folder of pattern that pattern_match() it, newest by the date in the
 * name, then by modification time; current (the edition just written,
 * may be NULL) is always kept and counts as one. Each removed path is
 * added to removed; files that cannot be removed are added to problems.
 */
void pattern_keep(const char *pattern, size_t keep, const char *current,
	struct bs_error_list *removed, struct bs_error_list *problems);

#endif
