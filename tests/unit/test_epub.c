/* epub: the container writer, read back with libzip. */
#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#include "epub/epub.h"
#include "util/error.h"

#include "harness.h"
#include "testutil.h"

/* An even number of seconds: ZIP stores times to two seconds. */
static const time_t MTIME = 1795845600;	/* 2026-11-28T06:00:00Z */

struct entry {
	const char *name;
	const char *data;
	size_t len;
	bool compress;
};

static char opf[4096];
static char xhtml[8192];

static void make_data(void)
{
	snprintf(opf, sizeof(opf), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">"
		"<metadata/><manifest/><spine/></package>\n");
	size_t n = 0;
	n += (size_t)snprintf(xhtml, sizeof(xhtml), "<html><body>");
	for (int i = 0; i < 60 && n < sizeof(xhtml) - 100; i++) {
		n += (size_t)snprintf(xhtml + n, sizeof(xhtml) - n,
			"<p>Paragraph %d of the article.</p>\n", i);
	}
	snprintf(xhtml + n, sizeof(xhtml) - n, "</body></html>\n");
}

static const struct entry *entries(size_t *count)
{
	static struct entry e[5];
	static const char jpeg[] = "\xff\xd8\xff\xe0\0\x10JFIF\0binary\0data";
	make_data();
	e[0] = (struct entry){"OEBPS/content.opf", opf, strlen(opf), true};
	e[1] = (struct entry){"OEBPS/s01-a01.xhtml", xhtml, strlen(xhtml),
		true};
	e[2] = (struct entry){"OEBPS/images/a.jpg", jpeg, sizeof(jpeg) - 1,
		false};
	e[3] = (struct entry){"OEBPS/empty.txt", "", 0, true};
	e[4] = (struct entry){"OEBPS/style.css", "p { margin: 0 }\n", 16,
		false};
	*count = 5;
	return e;
}

/* Writes the entries to path; returns whether commit succeeded. */
static bool write_epub(const char *path, struct bs_error *err)
{
	size_t n;
	const struct entry *e = entries(&n);
	struct bs_epub *w = epub_open(path, MTIME, err);
	OK(w != NULL, "open: %s", err->reason);
	if (!w) {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		OK(epub_add(w, e[i].name, e[i].data, e[i].len, e[i].compress,
			err), "add %s: %s", e[i].name, err->reason);
	}
	return epub_commit(w, err);
}

/* Number of ".NAME.*" files in dir. */
static size_t temporaries(const char *dir, const char *name)
{
	char prefix[256];
	snprintf(prefix, sizeof(prefix), ".%s.", name);
	size_t k = 0;
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0) {
			k++;
		}
	}
	if (d) {
		closedir(d);
	}
	return k;
}

static char *entry_data(zip_t *za, zip_uint64_t i, zip_uint64_t size)
{
	char *buf = calloc(1, size + 1);
	zip_file_t *f = zip_fopen_index(za, i, 0);
	OK(f != NULL, "open entry %llu", (unsigned long long)i);
	if (f) {
		zip_int64_t got = zip_fread(f, buf, size);
		OK(got == (zip_int64_t)size, "read entry %llu",
			(unsigned long long)i);
		zip_fclose(f);
	}
	return buf;
}

static void layout(void)
{
	char *tmp = tmp_dir();
	char *path = tmp_path(tmp, "out.epub");
	struct bs_error err;
	error_clear(&err);
	OK(write_epub(path, &err), "commit: %s", err.reason);

	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	OK(za != NULL, "a valid ZIP archive (error %d)", zerr);
	if (!za) {
		free(path);
		tmp_remove(tmp);
		return;
	}
	size_t n;
	const struct entry *e = entries(&n);
	INT_EQ(zip_get_num_entries(za, 0), (zip_int64_t)n + 2);

	struct zip_stat st;
	zip_stat_init(&st);
	OK(zip_stat_index(za, 0, 0, &st) == 0, "stat mimetype");
	STR_EQ(st.name, "mimetype");
	INT_EQ(st.comp_method, ZIP_CM_STORE);
	char *data = entry_data(za, 0, st.size);
	STR_EQ(data, "application/epub+zip");
	free(data);
	INT_EQ(st.mtime, MTIME);

	OK(zip_stat_index(za, 1, 0, &st) == 0, "stat container");
	STR_EQ(st.name, "META-INF/container.xml");
	data = entry_data(za, 1, st.size);
	OK(strstr(data, "full-path=\"OEBPS/content.opf\"") != NULL,
		"container names the package: %s", data);
	OK(strstr(data, "application/oebps-package+xml") != NULL,
		"container media type");
	free(data);

	for (size_t i = 0; i < n; i++) {
		zip_uint64_t k = (zip_uint64_t)i + 2;
		OK(zip_stat_index(za, k, 0, &st) == 0, "stat %s", e[i].name);
		STR_EQ(st.name, e[i].name);
		INT_EQ(st.size, e[i].len);
		if (e[i].len) {
			INT_EQ(st.comp_method, e[i].compress ? ZIP_CM_DEFLATE
				: ZIP_CM_STORE);
		}
		INT_EQ(st.mtime, MTIME);
		data = entry_data(za, k, st.size);
		OK(memcmp(data, e[i].data, e[i].len) == 0, "contents of %s",
			e[i].name);
		free(data);
	}
	zip_close(za);

	/* the first bytes, as reading systems check them */
	size_t len = 0;
	char *raw = tmp_read(path, &len);
	OK(len > 60 && memcmp(raw, "PK\x03\x04", 4) == 0, "local header");
	if (len > 60) {
		unsigned method = (unsigned char)raw[8]
			| (unsigned char)raw[9] << 8;
		unsigned name_len = (unsigned char)raw[26]
			| (unsigned char)raw[27] << 8;
		unsigned extra_len = (unsigned char)raw[28]
			| (unsigned char)raw[29] << 8;
		INT_EQ(method, 0);
		INT_EQ(name_len, 8);
		OK(memcmp(raw + 30, "mimetype", 8) == 0, "mimetype first");
		INT_EQ(extra_len, 0);
		OK(memcmp(raw + 30 + name_len + extra_len,
			"application/epub+zip", 20) == 0,
			"the media type at byte %u", 30 + name_len + extra_len);
	}
	free(raw);

	/* an ordinary file, not mkstemp's private one */
	mode_t mask = umask(0);
	umask(mask);
	struct stat fs;
	OK(stat(path, &fs) == 0, "stat");
	INT_EQ(fs.st_mode & 0777, 0666 & ~mask);
	INT_EQ(temporaries(tmp, "out.epub"), 0);

	free(path);
	tmp_remove(tmp);
}

/* Files a and b hold the same bytes; what names the check. */
static void same_files(const char *a, const char *b, const char *what)
{
	size_t la = 0, lb = 0;
	char *da = tmp_read(a, &la);
	char *db = tmp_read(b, &lb);
	OK(da && db && la == lb && memcmp(da, db, la) == 0,
		"%s (%zu and %zu bytes)", what, la, lb);
	free(da);
	free(db);
}

static void reproducible(void)
{
	char *tmp = tmp_dir();
	char *a = tmp_path(tmp, "a.epub");
	char *b = tmp_path(tmp, "b.epub");
	struct bs_error err;
	error_clear(&err);
	OK(write_epub(a, &err), "commit a: %s", err.reason);
	sleep(1);
	OK(write_epub(b, &err), "commit b: %s", err.reason);
	same_files(a, b, "same entries, same bytes");
	free(a);
	free(b);
	tmp_remove(tmp);
}

/* An entry packed ahead, on another thread, is the entry epub_add() makes. */
struct pack_job {
	const char *data;
	size_t len;
	struct bs_packed packed;
};

static void *pack_one(void *arg)
{
	struct pack_job *j = arg;
	epub_pack(j->data, j->len, &j->packed);
	return NULL;
}

static void packed(void)
{
	char *tmp = tmp_dir();
	char *a = tmp_path(tmp, "a.epub");
	char *b = tmp_path(tmp, "b.epub");
	/* text that deflates, over several of zlib's windows */
	static const char *const words[] = {"the ", "quick ", "brown ",
		"fox ", "jumps ", "over ", "lazy ", "dogs. "};
	size_t big_len = 300000;
	char *big = malloc(big_len + 8);
	unsigned seed = 7;
	for (size_t i = 0; i < big_len;) {
		seed = seed * 1103515245u + 12345u;
		const char *w = words[(seed >> 16) % 8];
		memcpy(big + i, w, strlen(w));
		i += strlen(w);
	}
	make_data();
	struct pack_job jobs[3] = {{xhtml, strlen(xhtml), {0}}, {big, big_len,
		{0}}, {"", 0, {0}}};
	pthread_t threads[3];
	for (int i = 0; i < 3; i++) {
		OK(pthread_create(&threads[i], NULL, pack_one, &jobs[i]) == 0,
			"thread");
	}
	for (int i = 0; i < 3; i++) {
		pthread_join(threads[i], NULL);
		OK(jobs[i].packed.size == jobs[i].len, "size of %d", i);
	}
	OK(jobs[1].packed.len < big_len / 2, "deflated: %zu bytes",
		jobs[1].packed.len);
	static const char *const names[3] = {"OEBPS/a.xhtml", "OEBPS/big.txt",
		"OEBPS/empty.txt"};
	struct bs_error err;
	error_clear(&err);
	struct bs_epub *wa = epub_open(a, MTIME, &err);
	struct bs_epub *wb = epub_open(b, MTIME, &err);
	OK(wa && wb, "open: %s", err.reason);
	for (int i = 0; wa && wb && i < 3; i++) {
		OK(epub_add_packed(wa, names[i], &jobs[i].packed, &err),
			"add packed: %s", err.reason);
		OK(epub_add(wb, names[i], jobs[i].data, jobs[i].len, true, &err),
			"add: %s", err.reason);
	}
	OK(wa && epub_commit(wa, &err), "commit a: %s", err.reason);
	OK(wb && epub_commit(wb, &err), "commit b: %s", err.reason);
	same_files(a, b, "packed ahead or not, the same bytes");

	/* and libzip reads them back, CRC checked */
	int zerr = 0;
	zip_t *za = zip_open(a, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	OK(za != NULL, "a valid ZIP archive (error %d)", zerr);
	for (int i = 0; za && i < 3; i++) {
		struct zip_stat st;
		zip_stat_init(&st);
		zip_uint64_t k = (zip_uint64_t)i + 2;
		OK(zip_stat_index(za, k, 0, &st) == 0, "stat %s", names[i]);
		STR_EQ(st.name, names[i]);
		INT_EQ(st.size, jobs[i].len);
		INT_EQ(st.comp_method, ZIP_CM_DEFLATE);
		char *data = entry_data(za, k, st.size);
		OK(memcmp(data, jobs[i].data, jobs[i].len) == 0, "contents of "
			"%s", names[i]);
		free(data);
	}
	if (za) {
		zip_close(za);
	}
	for (int i = 0; i < 3; i++) {
		epub_packed_finish(&jobs[i].packed);
	}
	free(big);
	free(a);
	free(b);
	tmp_remove(tmp);
}

static void atomic(void)
{
	char *tmp = tmp_dir();
	char *path = tmp_write(tmp, "out.epub", "OLD CONTENT", 11);
	chmod(path, 0640);
	struct bs_error err;
	error_clear(&err);

	/* until commit, the old file stays */
	struct bs_epub *w = epub_open(path, MTIME, &err);
	OK(w != NULL, "open: %s", err.reason);
	OK(epub_add(w, "OEBPS/a.txt", "abc", 3, true, &err), "add");
	char *now = tmp_read(path, NULL);
	STR_EQ(now, "OLD CONTENT");
	free(now);
	epub_abort(w);
	now = tmp_read(path, NULL);
	STR_EQ(now, "OLD CONTENT");
	free(now);
	INT_EQ(temporaries(tmp, "out.epub"), 0);
	epub_abort(NULL);

	/* commit replaces it, keeping its permissions */
	OK(write_epub(path, &err), "commit: %s", err.reason);
	size_t len = 0;
	now = tmp_read(path, &len);
	OK(now && len > 4 && memcmp(now, "PK\x03\x04", 4) == 0,
		"replaced by the archive");
	free(now);
	struct stat st;
	OK(stat(path, &st) == 0, "stat");
	INT_EQ(st.st_mode & 0777, 0640);
	INT_EQ(temporaries(tmp, "out.epub"), 0);

	/* the only files in the folder */
	DIR *d = opendir(tmp);
	struct dirent *de;
	size_t files = 0;
	while (d && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
			files++;
			STR_EQ(de->d_name, "out.epub");
		}
	}
	if (d) {
		closedir(d);
	}
	INT_EQ(files, 1);
	free(path);
	tmp_remove(tmp);
}

static void vanished(void)
{
	char *tmp = tmp_dir();
	char *dir = tmp_mkdir(tmp, "gone");
	char *moved = tmp_path(tmp, "moved");
	char *path = tmp_path(dir, "out.epub");
	struct bs_error err;
	error_clear(&err);
	struct bs_epub *w = epub_open(path, MTIME, &err);
	OK(w != NULL, "open: %s", err.reason);
	if (!w) {
		goto out;
	}
	OK(epub_add(w, "OEBPS/a.txt", "abc", 3, true, &err), "add");
	OK(rename(dir, moved) == 0, "the folder goes away");
	error_clear(&err);
	OK(!epub_commit(w, &err), "commit fails");
	OK(error_is_set(&err), "with a reason");
	OK(!tmp_exists(path), "no file at the target");
	char *in_moved = tmp_path(moved, "out.epub");
	OK(!tmp_exists(in_moved), "no archive in the moved folder");
	free(in_moved);

	/* a folder that does not exist cannot take a temporary file */
	error_clear(&err);
	w = epub_open(path, MTIME, &err);
	OK(w == NULL, "open in a missing folder");
	OK(error_is_set(&err), "with a reason");
	epub_abort(w);
out:
	free(path);
	free(moved);
	free(dir);
	tmp_remove(tmp);
}

static void read_only(void)
{
	if (geteuid() == 0) {
		SKIP("running as root, who can write in a read-only folder");
	}
	char *tmp = tmp_dir();
	char *dir = tmp_mkdir(tmp, "ro");
	char *path = tmp_path(dir, "out.epub");
	struct bs_error err;
	error_clear(&err);
	struct bs_epub *w = epub_open(path, MTIME, &err);
	OK(w != NULL, "open: %s", err.reason);
	if (w) {
		OK(epub_add(w, "OEBPS/a.txt", "abc", 3, true, &err), "add");
		OK(chmod(dir, 0555) == 0, "read-only folder");
		error_clear(&err);
		OK(!epub_commit(w, &err), "commit fails");
		OK(error_is_set(&err), "with a reason");
		OK(!tmp_exists(path), "no file at the target");
		chmod(dir, 0755);
	}
	free(path);
	free(dir);
	tmp_remove(tmp);
}

static const struct subtest tests[] = {
	{"layout", layout},
	{"reproducible", reproducible},
	{"packed", packed},
	{"atomic", atomic},
	{"vanished", vanished},
	{"read_only", read_only},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
