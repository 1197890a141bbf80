#include "ingest/resources.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/path.h"

enum { MAX_REDIRECTS = 5 };

struct entry {
	char *url;
	char *path;	/* NULL for a redirect */
	char *to;	/* a redirect's target */
};

struct bs_resources {
	char *spool;
	struct entry *entries;
	size_t count, cap;
	size_t files;
};

struct bs_resources *resources_create(const char *spool)
{
	struct bs_resources *r = xcalloc(1, sizeof(*r));
	r->spool = xstrdup(spool);
	return r;
}

void resources_destroy(struct bs_resources *r)
{
	if (!r) {
		return;
	}
	for (size_t i = 0; i < r->count; i++) {
		free(r->entries[i].url);
		free(r->entries[i].path);
		free(r->entries[i].to);
	}
	free(r->entries);
	free(r->spool);
	free(r);
}

/* The URL without its fragment. */
static char *key(const char *url)
{
	return xstrndup(url, strcspn(url, "#"));
}

static struct entry *add(struct bs_resources *r, const char *url)
{
	if (r->count == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->entries = xreallocarray(r->entries, r->cap,
			sizeof(*r->entries));
	}
	struct entry *e = &r->entries[r->count++];
	memset(e, 0, sizeof(*e));
	e->url = key(url);
	return e;
}

char *spool_write(const char *spool, const char *suffix, const void *data,
	size_t len, struct bs_error *err)
{
	struct bs_buf name = {0};
	buf_printf(&name, "%s/XXXXXX%s", spool, suffix);
	/* a name no other archive of the run has taken */
	int fd = mkstemps(name.data, (int)strlen(suffix));
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (fd >= 0 && !f) {
		close(fd);
	}
	bool ok = f && fwrite(data, 1, len, f) == len;
	int saved = errno;
	if (f && fclose(f) != 0) {
		ok = false;
		saved = errno;
	}
	if (!ok) {
		error_set(err, spool, "cannot spool a file: %s",
			strerror(saved ? saved : EIO));
		if (fd >= 0) {
			unlink(buf_str(&name));
		}
		buf_finish(&name);
		return NULL;
	}
	return buf_detach(&name);
}

bool resources_add(struct bs_resources *r, const char *url, const void *data,
	size_t len, struct bs_error *err)
{
	char *path = spool_write(r->spool, "", data, len, err);
	if (!path) {
		return false;
	}
	add(r, url)->path = path;
	r->files++;
	return true;
}

void resources_redirect(struct bs_resources *r, const char *from,
	const char *to)
{
	add(r, from)->to = key(to);
}

static const struct entry *find(const struct bs_resources *r, const char *url)
{
	/* the last record of a URL wins, as a later capture would */
	for (size_t i = r->count; i-- > 0;) {
		if (strcmp(r->entries[i].url, url) == 0) {
			return &r->entries[i];
		}
	}
	return NULL;
}

const char *resources_lookup(const struct bs_resources *r, const char *url)
{
	if (!r || !url) {
		return NULL;
	}
	char *k = key(url);
	const struct entry *e = find(r, k);
	for (int hops = 0; e && !e->path && e->to && hops < MAX_REDIRECTS;
			hops++) {
		e = find(r, e->to);
	}
	free(k);
	return e ? e->path : NULL;
}

size_t resources_count(const struct bs_resources *r)
{
	return r ? r->files : 0;
}

/* Removes folder dir and the files in it (a spool has no subfolders). */
static void remove_folder(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
				char *p = path_join(dir, e->d_name);
				unlink(p);
				free(p);
			}
		}
		closedir(d);
	}
	rmdir(dir);
}

static const char *temp_root(void)
{
	const char *tmp = getenv("TMPDIR");
	return tmp && *tmp ? tmp : "/tmp";
}

/* The spools of runs that died: their folders, with no lock held on them. */
static void sweep_spools(const char *root)
{
	DIR *d = opendir(root);
	if (!d) {
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "broadsheet-", 11) != 0
				|| strlen(e->d_name) != 17) {
			continue;
		}
		char *dir = path_join(root, e->d_name);
		int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW
			| O_CLOEXEC);
		if (fd >= 0) {
			struct stat st;
			if (fstat(fd, &st) == 0 && st.st_uid == geteuid()
					&& flock(fd, LOCK_EX | LOCK_NB) == 0) {
				remove_folder(dir);
			}
			close(fd);
		}
		free(dir);
	}
	closedir(d);
}

bool spool_create(struct bs_spool *spool, struct bs_error *err)
{
	spool->dir = NULL;
	spool->lock = -1;
	const char *root = temp_root();
	sweep_spools(root);
	/*
	 * Made under another name and renamed once locked, so that a sweep
	 * in another run never sees it unlocked.
	 */
	struct bs_buf b = {0};
	buf_printf(&b, "%s/.broadsheet-new-XXXXXX", root);
	char *made = buf_detach(&b);
	if (!mkdtemp(made)) {
		error_set(err, made, "cannot create a temporary folder: %s",
			strerror(errno));
		free(made);
		return false;
	}
	buf_printf(&b, "%s/broadsheet-%s", root, made + strlen(made) - 6);
	char *dir = buf_detach(&b);
	int fd = open(made, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || flock(fd, LOCK_EX) != 0 || rename(made, dir) != 0) {
		error_set(err, dir, "cannot set up a temporary folder: %s",
			strerror(errno));
		if (fd >= 0) {
			close(fd);
		}
		rmdir(made);
		free(made);
		free(dir);
		return false;
	}
	free(made);
	spool->dir = dir;
	spool->lock = fd;
	return true;
}

void spool_remove(struct bs_spool *spool)
{
	if (spool->dir) {
		remove_folder(spool->dir);
		free(spool->dir);
		spool->dir = NULL;
	}
	if (spool->lock >= 0) {
		close(spool->lock);
		spool->lock = -1;
	}
}
