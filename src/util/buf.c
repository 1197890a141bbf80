#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

void buf_init(struct bs_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void buf_finish(struct bs_buf *b)
{
	free(b->data);
	buf_init(b);
}

void buf_reset(struct bs_buf *b)
{
	b->len = 0;
	if (b->data) {
		b->data[0] = '\0';
	}
}

static void grow(struct bs_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap) {
		return;
	}
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1) {
		cap *= 2;
	}
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void buf_append(struct bs_buf *b, const void *data, size_t n)
{
	grow(b, n);
	if (n) {
		memcpy(b->data + b->len, data, n);
	}
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct bs_buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_putc(struct bs_buf *b, char c)
{
	buf_append(b, &c, 1);
}

void buf_printf(struct bs_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		grow(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
		b->len += (size_t)n;
	}
	va_end(ap2);
}

char *buf_detach(struct bs_buf *b)
{
	char *s = b->data ? b->data : xstrdup("");
	buf_init(b);
	return s;
}

const char *buf_str(const struct bs_buf *b)
{
	return b->data ? b->data : "";
}
