#ifndef BS_UTIL_BUF_H
#define BS_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable byte buffer, always NUL-terminated after buf_* calls so that
 * text can be used as a C string. Initialise with `struct bs_buf b = {0};`
 * or buf_init(); release with buf_finish().
 */
struct bs_buf {
	char *data;	/* NULL until the first append */
	size_t len;
	size_t cap;
};

void buf_init(struct bs_buf *b);

/** Frees the contents; b can be reused after. */
void buf_finish(struct bs_buf *b);

/** Empties b, keeping its memory. */
void buf_reset(struct bs_buf *b);

void buf_append(struct bs_buf *b, const void *data, size_t n);
void buf_puts(struct bs_buf *b, const char *s);
void buf_putc(struct bs_buf *b, char c);
void buf_printf(struct bs_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * Hands the contents over as a NUL-terminated string (never NULL) that the
 * caller frees; b is left empty.
 */
char *buf_detach(struct bs_buf *b);

/** The contents as a C string ("" when empty); owned by b. */
const char *buf_str(const struct bs_buf *b);

#endif
