#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

void error_clear(struct bs_error *err)
{
	if (err) {
		err->file[0] = err->place[0] = err->reason[0] = '\0';
	}
}

bool error_is_set(const struct bs_error *err)
{
	return err && err->reason[0] != '\0';
}

void error_set(struct bs_error *err, const char *file, const char *fmt, ...)
{
	if (!err) {
		return;
	}
	if (file) {
		snprintf(err->file, sizeof(err->file), "%s", file);
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->reason, sizeof(err->reason), fmt, ap);
	va_end(ap);
}

void error_set_place(struct bs_error *err, const char *fmt, ...)
{
	if (!err) {
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->place, sizeof(err->place), fmt, ap);
	va_end(ap);
}

void error_format(const struct bs_error *err, char *out, unsigned long n)
{
	const char *reason = err->reason[0] ? err->reason : "unknown error";
	if (err->file[0] && err->place[0]) {
		snprintf(out, n, "%s:%s: %s", err->file, err->place, reason);
	} else if (err->file[0]) {
		snprintf(out, n, "%s: %s", err->file, reason);
	} else {
		snprintf(out, n, "%s", reason);
	}
}

void error_list_addf(struct bs_error_list *list, const char *file,
	const char *fmt, ...)
{
	struct bs_error e;
	error_clear(&e);
	if (file) {
		snprintf(e.file, sizeof(e.file), "%s", file);
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e.reason, sizeof(e.reason), fmt, ap);
	va_end(ap);
	error_list_add(list, &e);
}

void error_list_add(struct bs_error_list *list, const struct bs_error *err)
{
	if (list->count == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 8;
		list->items = xreallocarray(list->items, list->cap,
			sizeof(*list->items));
	}
	list->items[list->count++] = *err;
}

void error_list_extend(struct bs_error_list *list,
	const struct bs_error_list *from)
{
	for (unsigned long i = 0; i < from->count; i++) {
		error_list_add(list, &from->items[i]);
	}
}

void error_list_finish(struct bs_error_list *list)
{
	free(list->items);
	list->items = NULL;
	list->count = list->cap = 0;
}
