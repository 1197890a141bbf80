#ifndef BS_UTIL_ALLOC_H
#define BS_UTIL_ALLOC_H

#include <stddef.h>

/*
 * Allocation that cannot fail: on exhaustion the process aborts with a
 * message, as cmark does. Every other error in broadsheet is reported; an
 * out-of-memory machine is not something an edition can be built around.
 */

/** malloc(n); never returns NULL. The caller frees. */
void *xmalloc(size_t n);

/** calloc(count, size); never returns NULL, aborts on overflow. */
void *xcalloc(size_t count, size_t size);

/** realloc(p, n); never returns NULL. */
void *xrealloc(void *p, size_t n);

/** realloc of an array of count elements of size, aborting on overflow. */
void *xreallocarray(void *p, size_t count, size_t size);

/** strdup(s); NULL stays NULL. The caller frees. */
char *xstrdup(const char *s);

/** A NUL-terminated copy of the first n bytes of s. The caller frees. */
char *xstrndup(const char *s, size_t n);

#endif
