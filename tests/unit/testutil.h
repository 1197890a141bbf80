#ifndef BS_TESTS_TESTUTIL_H
#define BS_TESTS_TESTUTIL_H

/*
 * Temporary folders and files for the unit tests. A test makes a fresh
 * folder with tmp_dir() (under $TESTS_TMPDIR, else /tmp), writes its
 * fixtures there and removes the whole tree with tmp_remove() at the end.
 */

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A new empty folder; the caller frees the name and removes the folder. */
static inline char *tmp_dir(void)
{
	const char *base = getenv("TESTS_TMPDIR");
	if (!base || !*base) {
		base = "/tmp";
	}
	size_t n = strlen(base) + 32;
	char *name = malloc(n);
	snprintf(name, n, "%s/bs-unit-XXXXXX", base);
	if (!mkdtemp(name)) {
		perror("mkdtemp");
		abort();
	}
	return name;
}

/* dir/name as a new string. */
static inline char *tmp_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* Writes len bytes to dir/name; returns the path (caller frees). */
static inline char *tmp_write(const char *dir, const char *name,
	const void *data, size_t len)
{
	char *path = tmp_path(dir, name);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		abort();
	}
	if (len && fwrite(data, 1, len, f) != len) {
		perror(path);
		abort();
	}
	fclose(f);
	return path;
}

/* Makes the folder dir/name; returns its path (caller frees). */
static inline char *tmp_mkdir(const char *dir, const char *name)
{
	char *path = tmp_path(dir, name);
	if (mkdir(path, 0755) != 0) {
		perror(path);
		abort();
	}
	return path;
}

static inline bool tmp_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* Removes path and, when it is a folder, everything in it. */
static inline void tmp_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0) {
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		chmod(path, 0700);
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (strcmp(e->d_name, ".") == 0
					|| strcmp(e->d_name, "..") == 0) {
				continue;
			}
			char *child = tmp_path(path, e->d_name);
			tmp_remove_tree(child);
			free(child);
		}
		if (d) {
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

/* Removes dir and everything in it, then frees the name. */
static inline void tmp_remove(char *dir)
{
	if (dir) {
		tmp_remove_tree(dir);
		free(dir);
	}
}

/* Reads a whole file into a NUL-terminated string; NULL when absent. */
static inline char *tmp_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		return NULL;
	}
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	fclose(f);
	buf[n] = '\0';
	if (len) {
		*len = n;
	}
	return buf;
}

#endif
