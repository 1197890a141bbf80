#ifndef BS_UTIL_ERROR_H
#define BS_UTIL_ERROR_H

#include <stdbool.h>

/*
 * The error a failing function leaves for its caller: which file, where in
 * it (a line, an entry, a key; may be empty) and why. Library code fills it
 * and returns false or NULL; only the CLI prints it, as one line:
 *
 *	file:place: reason
 */
struct bs_error {
	char file[1024];
	char place[128];
	char reason[512];
};

/** Empties err. */
void error_clear(struct bs_error *err);

/** True when a reason has been set. */
bool error_is_set(const struct bs_error *err);

/**
 * Records file (may be NULL to keep the current one) and a printf-style
 * reason. err may be NULL, then nothing happens. Long texts are truncated.
 */
void error_set(struct bs_error *err, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/** Sets the place (a line, an entry name) of an error already set. */
void error_set_place(struct bs_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * Formats err as the one line the CLI prints, without a newline, into out
 * (size n).
 */
void error_format(const struct bs_error *err, char *out, unsigned long n);

/*
 * A list of errors that did not stop the work: skipped inputs, images left
 * out, warnings. The owner frees it with error_list_finish().
 */
struct bs_error_list {
	struct bs_error *items;
	unsigned long count;
	unsigned long cap;
};

/** Appends a copy of err. */
void error_list_add(struct bs_error_list *list, const struct bs_error *err);

/** Appends a new error: file (may be NULL) and a printf-style reason. */
void error_list_addf(struct bs_error_list *list, const char *file,
	const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/** Appends every item of from, in order. */
void error_list_extend(struct bs_error_list *list,
	const struct bs_error_list *from);

void error_list_finish(struct bs_error_list *list);

#endif
