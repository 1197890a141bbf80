#include "util/path.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/codec.h"

char *path_join(const char *dir, const char *name)
{
	if (name[0] == '/' || !dir || !*dir) {
		return xstrdup(name);
	}
	struct bs_buf b = {0};
	buf_puts(&b, dir);
	if (b.data[b.len - 1] != '/') {
		buf_putc(&b, '/');
	}
	buf_puts(&b, name);
	return buf_detach(&b);
}

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		return xstrdup(".");
	}
	if (slash == path) {
		return xstrdup("/");
	}
	return xstrndup(path, (size_t)(slash - path));
}

char *path_real_dirname(const char *path)
{
	char real[PATH_MAX];
	if (!realpath(path, real)) {
		snprintf(real, sizeof(real), "%s", path);
	}
	return path_dirname(real);
}

const char *path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *path_page_stem(const char *name)
{
	char *stem = xstrdup(path_basename(name));
	if (path_has_suffix(stem, ".gz")) {
		stem[strlen(stem) - 3] = '\0';
	}
	static const char *const exts[] = {".html", ".htm", ".xhtml", ".shtml",
		".mhtml", ".mht", NULL};
	for (const char *const *e = exts; *e; e++) {
		if (path_has_suffix(stem, *e) && strlen(stem) > strlen(*e)) {
			stem[strlen(stem) - strlen(*e)] = '\0';
			break;
		}
	}
	return stem;
}

bool path_has_suffix(const char *path, const char *suffix)
{
	size_t n = strlen(path), m = strlen(suffix);
	return n >= m && strcasecmp(path + n - m, suffix) == 0;
}

char *path_percent_decode(const char *s)
{
	struct bs_buf b = {0};
	for (const char *p = s; *p; p++) {
		int hi, lo;
		if (*p == '%' && (hi = codec_hex(p[1])) >= 0
				&& (lo = codec_hex(p[2])) >= 0 && (hi || lo)) {
			buf_putc(&b, (char)(hi * 16 + lo));
			p += 2;
		} else {
			buf_putc(&b, *p);
		}
	}
	return buf_detach(&b);
}

static bool is_within(const char *root, const char *path)
{
	size_t n = strlen(root);
	if (n == 1 && root[0] == '/') {
		return true;
	}
	return strncmp(path, root, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

char *path_resolve_local(const char *root, const char *page_dir,
	const char *ref, struct bs_error *err)
{
	const char *r = ref;
	if (strncasecmp(r, "file://", 7) == 0) {
		r += 7;
		/* file://localhost/path or file:///path */
		if (strncasecmp(r, "localhost/", 10) == 0) {
			r += 9;
		}
	} else if (strncasecmp(r, "file:", 5) == 0) {
		r += 5;
	}
	size_t cut = strcspn(r, "?#");
	char *clean = xstrndup(r, cut);
	char *rel = path_percent_decode(clean);
	free(clean);
	char *joined = path_join(page_dir, rel);
	char real[PATH_MAX];
	char realroot[PATH_MAX];
	char *out = NULL;
	if (!realpath(joined, real)) {
		error_set(err, NULL, "%s: %s", ref, strerror(errno));
	} else if (!realpath(root, realroot)) {
		error_set(err, NULL, "%s: %s", root, strerror(errno));
	} else if (!is_within(realroot, real)) {
		error_set(err, NULL, "%s: outside the page's folder; not read",
			ref);
	} else {
		struct stat st;
		if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
			error_set(err, NULL, "%s: not a regular file", ref);
		} else {
			out = xstrdup(real);
		}
	}
	free(joined);
	free(rel);
	return out;
}

bool path_read_file(const char *path, size_t max, char **data, size_t *len,
	struct bs_error *err)
{
	/* before opening: opening a FIFO waits for a writer */
	struct stat st;
	if (stat(path, &st) != 0) {
		error_set(err, path, "%s", strerror(errno));
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		error_set(err, path, "not a regular file");
		return false;
	}
	FILE *f = fopen(path, "rb");
	if (!f) {
		error_set(err, path, "%s", strerror(errno));
		return false;
	}
	if ((unsigned long long)st.st_size > max) {
		error_set(err, path, "file too large (%lld bytes, limit %zu)",
			(long long)st.st_size, max);
		fclose(f);
		return false;
	}
	/* room for the file as stat() saw it, a byte to find its end in
	 * without growing, and the NUL */
	size_t cap = (size_t)st.st_size + 2;
	char *buf = xmalloc(cap);
	size_t n = 0;
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > max) {
				error_set(err, path, "file too large (limit %zu)",
					max);
				free(buf);
				fclose(f);
				return false;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		if (got == 0) {
			break;
		}
		n += got;
	}
	if (ferror(f)) {
		error_set(err, path, "read error: %s", strerror(errno));
		free(buf);
		fclose(f);
		return false;
	}
	fclose(f);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return true;
}

bool path_mkdirs(const char *dir, unsigned mode, struct bs_error *err)
{
	if (!*dir) {
		return true;
	}
	char *p = xstrdup(dir);
	bool ok = true;
	/* each prefix ending before a "/", then the whole */
	for (char *s = p + 1; ok; s++) {
		bool end = *s == '\0';
		if (*s != '/' && !end) {
			continue;
		}
		*s = '\0';
		if (mkdir(p, (mode_t)mode) != 0 && errno != EEXIST) {
			error_set(err, p, "cannot create the folder: %s",
				strerror(errno));
			ok = false;
		}
		if (end) {
			break;
		}
		*s = '/';
	}
	struct stat st;
	if (ok && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		error_set(err, dir, "not a folder");
		ok = false;
	}
	free(p);
	return ok;
}

/* path_write_all() at offset at when at >= 0, at fd's position else */
static bool write_all(int fd, const void *data, size_t len, off_t at)
{
	const char *p = data;
	while (len) {
		ssize_t n = at >= 0 ? pwrite(fd, p, len, at)
			: write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return false;
		}
		p += n;
		len -= (size_t)n;
		at = at >= 0 ? at + n : at;
	}
	return true;
}

bool path_write_all(int fd, const void *data, size_t len)
{
	return write_all(fd, data, len, -1);
}

bool path_pwrite_all(int fd, const void *data, size_t len, off_t at)
{
	return write_all(fd, data, len, at);
}
