#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest/ingest.h"
#include "util/alloc.h"
#include "util/path.h"

/* Deep enough for any real archive, shallow enough to stop symlink loops. */
enum { MAX_DEPTH = 32 };

/* Pages, feeds, text dumps, single-file saves and web archives. */
static const char *const page_suffixes[] = {
	".html", ".htm", ".xhtml", ".shtml", ".rss", ".atom", ".rdf", ".xml",
	".txt", ".mhtml", ".mht", ".warc",
	".html.gz", ".htm.gz", ".xhtml.gz", ".shtml.gz", ".rss.gz", ".xml.gz",
	".txt.gz", ".warc.gz",
};

static bool is_page_name(const char *name)
{
	for (size_t i = 0; i < sizeof(page_suffixes) / sizeof(page_suffixes[0]);
			i++) {
		if (path_has_suffix(name, page_suffixes[i])) {
			return true;
		}
	}
	return false;
}

static void add(struct bs_input_list *out, char *path)
{
	if (out->count == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->paths = xreallocarray(out->paths, out->cap,
			sizeof(*out->paths));
	}
	out->paths[out->count++] = path;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * "page_files" next to "page.html" holds what the browser saved with the
 * page (images, frames), not pages of the edition.
 */
static bool is_saved_resources(char **names, size_t n, const char *name)
{
	size_t len = strlen(name);
	if (len <= 6 || strcmp(name + len - 6, "_files") != 0) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (strncmp(names[i], name, len - 6) == 0
				&& names[i][len - 6] == '.'
				&& is_page_name(names[i])) {
			return true;
		}
	}
	return false;
}

static void walk(const char *dir, int depth, struct bs_input_list *out,
	struct bs_error_list *problems)
{
	struct bs_error err;
	error_clear(&err);
	if (depth > MAX_DEPTH) {
		error_set(&err, dir, "folders nested too deep, not searched");
		error_list_add(problems, &err);
		return;
	}
	DIR *d = opendir(dir);
	if (!d) {
		error_set(&err, dir, "cannot open folder: %s", strerror(errno));
		error_list_add(problems, &err);
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.') {
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = xreallocarray(names, cap, sizeof(*names));
		}
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]);
		struct stat st;
		if (stat(path, &st) != 0) {
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (!is_saved_resources(names, n, names[i])) {
				walk(path, depth + 1, out, problems);
			}
			free(path);
		} else if (S_ISREG(st.st_mode) && is_page_name(names[i])) {
			add(out, path);
		} else {
			free(path);
		}
	}
	for (size_t i = 0; i < n; i++) {
		free(names[i]);
	}
	free(names);
}

void ingest_find(char *const *args, size_t nargs, struct bs_input_list *out,
	struct bs_error_list *problems)
{
	for (size_t i = 0; i < nargs; i++) {
		struct stat st;
		if (stat(args[i], &st) != 0) {
			struct bs_error err;
			error_clear(&err);
			error_set(&err, args[i], "%s", strerror(errno));
			error_list_add(problems, &err);
		} else if (S_ISDIR(st.st_mode)) {
			walk(args[i], 0, out, problems);
		} else {
			add(out, xstrdup(args[i]));
		}
	}
}

void ingest_list_finish(struct bs_input_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->paths[i]);
	}
	free(list->paths);
	list->paths = NULL;
	list->count = list->cap = 0;
}
