/* history: the SQLite database of editions built, read back directly too. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "history/history.h"
#include "util/buf.h"
#include "util/error.h"

#include "harness.h"
#include "testutil.h"

#define SHA_A "aa000000000000000000000000000000" \
	"00000000000000000000000000000000"
#define SHA_B "bb000000000000000000000000000000" \
	"00000000000000000000000000000000"

static const struct bs_history_article front[] = {
	{"https://news.example/world/1", 0x0123456789abcdefu, "Talks resume",
		"World"},
	{NULL, 0xfedcba9876543210u, "A letter", "Opinion"},
	{"https://news.example/3", 1, "Markets", NULL},
};

static const struct bs_history_edition monday = {
	.path = "/editions/edition-2026-11-23.epub",
	.date = "2026-11-23",
	.title = "Daily Edition",
	.built = "2026-11-23T06:00:00Z",
	.sha256 = SHA_A,
	.articles = front,
	.n_articles = 3,
};

static const struct bs_history_article later[] = {
	{"https://news.example/4", 4, "Rain ahead", "Weather"},
};

static const struct bs_history_edition tuesday = {
	.path = "/editions/edition-2026-11-24.epub",
	.date = "2026-11-24",
	.title = "Tuesday",
	.built = "2026-11-24T06:00:00Z",
	.sha256 = SHA_B,
	.articles = later,
	.n_articles = 1,
};

static struct bs_history *open_ok(const char *path)
{
	struct bs_error err;
	error_clear(&err);
	struct bs_history *h = history_open(path, &err);
	OK(h != NULL, "open %s: %s", path, err.reason);
	return h;
}

static void record_ok(struct bs_history *h, const struct bs_history_edition *ed)
{
	struct bs_error err;
	error_clear(&err);
	OK(history_record(h, ed, &err), "record %s: %s", ed->path, err.reason);
}

static void describe(const struct bs_history_edition *ed, void *ctx)
{
	struct bs_buf *b = ctx;
	buf_printf(b, "%s %s %s %s %s\n", ed->date, ed->title, ed->built,
		ed->path, ed->sha256);
	for (size_t i = 0; i < ed->n_articles; i++) {
		const struct bs_history_article *a = &ed->articles[i];
		buf_printf(b, "  %s|%s|%s|%016llx\n", a->section ? a->section
			: "-", a->title, a->url ? a->url : "-",
			(unsigned long long)a->fingerprint);
	}
}

/* The listing, one line per edition and per article; the caller frees. */
static char *listing(struct bs_history *h, size_t limit)
{
	struct bs_buf b = {0};
	struct bs_error err;
	error_clear(&err);
	OK(history_list(h, limit, describe, &b, &err), "list: %s", err.reason);
	return buf_detach(&b);
}

/* The first column of the first row of sql run on the file at path. */
static char *query(const char *path, const char *sql)
{
	sqlite3 *db;
	char *out = NULL;
	OK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK,
		"sqlite3 opens %s", path);
	sqlite3_stmt *s;
	OK(sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK, "%s: %s",
		sql, sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
		out = strdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	return out;
}

static void run_sql(const char *path, const char *sql)
{
	sqlite3 *db;
	OK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE
		| SQLITE_OPEN_CREATE, NULL) == SQLITE_OK, "sqlite3 opens %s",
		path);
	char *msg = NULL;
	OK(sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK, "%s: %s", sql,
		msg ? msg : "");
	sqlite3_free(msg);
	sqlite3_close(db);
}

static void query_eq(const char *path, const char *sql, const char *want)
{
	char *got = query(path, sql);
	STR_EQ(got, want);
	free(got);
}

static void roundtrip(void)
{
	char *tmp = tmp_dir();
	char *path = tmp_path(tmp, "history.sqlite");
	struct bs_history *h = open_ok(path);
	if (!h) {
		goto out;
	}
	char *got = listing(h, 0);
	STR_EQ(got, "");
	free(got);
	record_ok(h, &monday);
	record_ok(h, &tuesday);
	/* built later on the same day: listed before the earlier one */
	struct bs_history_edition evening = monday;
	evening.path = "/editions/evening.epub";
	evening.title = "Evening";
	evening.built = "2026-11-23T18:00:00Z";
	evening.n_articles = 0;
	record_ok(h, &evening);

	got = listing(h, 0);
	STR_EQ(got,
		"2026-11-24 Tuesday 2026-11-24T06:00:00Z "
		"/editions/edition-2026-11-24.epub " SHA_B "\n"
		"  Weather|Rain ahead|https://news.example/4|0000000000000004\n"
		"2026-11-23 Evening 2026-11-23T18:00:00Z "
		"/editions/evening.epub " SHA_A "\n"
		"2026-11-23 Daily Edition 2026-11-23T06:00:00Z "
		"/editions/edition-2026-11-23.epub " SHA_A "\n"
		"  World|Talks resume|https://news.example/world/1|"
		"0123456789abcdef\n"
		"  Opinion|A letter|-|fedcba9876543210\n"
		"  -|Markets|https://news.example/3|0000000000000001\n");
	free(got);
	got = listing(h, 1);
	OK(got && strncmp(got, "2026-11-24 Tuesday", 18) == 0
		&& !strstr(got, "2026-11-23"), "the newest only: %s", got);
	free(got);
	history_close(h);
	history_close(NULL);

	/* as the header says it is stored, for other tools */
	query_eq(path, "PRAGMA user_version", "1");
	query_eq(path, "PRAGMA journal_mode", "wal");
	query_eq(path, "SELECT fingerprint FROM articles WHERE url = "
		"'https://news.example/3'", "0000000000000001");
	query_eq(path, "SELECT group_concat(position) FROM articles "
		"JOIN editions ON editions.id = edition "
		"WHERE path = '/editions/edition-2026-11-23.epub'", "1,2,3");
	query_eq(path, "SELECT articles FROM editions WHERE title = 'Daily "
		"Edition'", "3");

	/* and again after reopening */
	h = open_ok(path);
	got = h ? listing(h, 2) : NULL;
	OK(got && strstr(got, "Evening") && !strstr(got, "Daily Edition"),
		"two editions after reopening: %s", got);
	free(got);
	history_close(h);
out:
	free(path);
	tmp_remove(tmp);
}

/* Whether the history at h has seen url or fp in the window. */
static bool seen(struct bs_history *h, const char *url, uint64_t fp,
	const char *since, const char *until, const char *exclude)
{
	struct bs_error err;
	error_clear(&err);
	bool s = false;
	OK(history_seen(h, url, fp, since, until, exclude, &s, &err),
		"seen: %s", err.reason);
	return s;
}

static struct bs_history *with_monday(char **tmp, char **path)
{
	*tmp = tmp_dir();
	*path = tmp_path(*tmp, "history.sqlite");
	struct bs_history *h = open_ok(*path);
	if (h) {
		record_ok(h, &monday);
	}
	return h;
}

static void seen_url(void)
{
	char *tmp, *path;
	struct bs_history *h = with_monday(&tmp, &path);
	if (h) {
		OK(seen(h, "https://news.example/world/1", 99, "2026-11-01",
			"2026-11-30", NULL), "the same url");
		OK(!seen(h, "https://news.example/world/2", 99, "2026-11-01",
			"2026-11-30", NULL), "another url");
		OK(!seen(h, "https://NEWS.example/world/1", 99, "2026-11-01",
			"2026-11-30", NULL), "urls compare exactly");
	}
	history_close(h);
	free(path);
	tmp_remove(tmp);
}

static void seen_fingerprint(void)
{
	char *tmp, *path;
	struct bs_history *h = with_monday(&tmp, &path);
	if (h) {
		OK(seen(h, "https://elsewhere.example/", 0x0123456789abcdefu,
			"2026-11-01", "2026-11-30", NULL),
			"the same text at another url");
		OK(seen(h, "https://elsewhere.example/", 0xfedcba9876543210u,
			"2026-11-01", "2026-11-30", NULL),
			"an article recorded without url");
		OK(!seen(h, "https://elsewhere.example/", 2, "2026-11-01",
			"2026-11-30", NULL), "another text");
	}
	history_close(h);
	free(path);
	tmp_remove(tmp);
}

static void seen_window(void)
{
	char *tmp, *path;
	struct bs_history *h = with_monday(&tmp, &path);
	if (h) {
		const char *url = "https://news.example/world/1";
		OK(seen(h, url, 1, "2026-11-23", "2026-11-23", NULL),
			"both ends included");
		OK(!seen(h, url, 1, "2026-11-24", "2026-11-30", NULL),
			"an edition before the window");
		OK(!seen(h, url, 1, "2026-11-01", "2026-11-22", NULL),
			"an edition after the window");
	}
	history_close(h);
	free(path);
	tmp_remove(tmp);
}

static void seen_exclude(void)
{
	char *tmp, *path;
	struct bs_history *h = with_monday(&tmp, &path);
	if (h) {
		const char *url = "https://news.example/world/1";
		OK(!seen(h, url, 1, "2026-11-01", "2026-11-30", monday.path),
			"the edition being rebuilt does not count");
		OK(seen(h, url, 1, "2026-11-01", "2026-11-30",
			"/editions/other.epub"), "another edition does");
		record_ok(h, &tuesday);
		OK(!seen(h, "https://news.example/4", 4, "2026-11-01",
			"2026-11-30", tuesday.path), "by url or fingerprint");
	}
	history_close(h);
	free(path);
	tmp_remove(tmp);
}

static void seen_null_url(void)
{
	char *tmp, *path;
	struct bs_history *h = with_monday(&tmp, &path);
	if (h) {
		/* "A letter" has no url: NULL must not match NULL */
		OK(!seen(h, NULL, 7, "2026-11-01", "2026-11-30", NULL),
			"a NULL url matches nothing by itself");
		OK(seen(h, NULL, 1, "2026-11-01", "2026-11-30", NULL),
			"the fingerprint still counts");
	}
	history_close(h);
	free(path);
	tmp_remove(tmp);
}

static void replace(void)
{
	char *tmp, *path;
	struct bs_history *h = with_monday(&tmp, &path);
	if (!h) {
		goto out;
	}
	struct bs_history_edition again = tuesday;
	again.path = monday.path;
	record_ok(h, &again);
	char *got = listing(h, 0);
	STR_EQ(got,
		"2026-11-24 Tuesday 2026-11-24T06:00:00Z "
		"/editions/edition-2026-11-23.epub " SHA_B "\n"
		"  Weather|Rain ahead|https://news.example/4|"
		"0000000000000004\n");
	free(got);
	OK(!seen(h, "https://news.example/world/1", 99, "2026-11-01",
		"2026-11-30", NULL), "the replaced articles are gone");
	history_close(h);
	query_eq(path, "SELECT count(*) FROM articles", "1");
	query_eq(path, "SELECT count(*) FROM editions", "1");
out:
	free(path);
	tmp_remove(tmp);
}

static void record_atomic(void)
{
	char *tmp, *path;
	struct bs_history *h = with_monday(&tmp, &path);
	if (!h) {
		goto out;
	}
	char *before = listing(h, 0);
	/* the second article cannot be stored: so nothing is, nor deleted */
	struct bs_history_article broken[] = {later[0], later[0]};
	broken[1].title = NULL;
	struct bs_history_edition again = tuesday;
	again.path = monday.path;
	again.articles = broken;
	again.n_articles = 2;
	struct bs_error err;
	error_clear(&err);
	OK(!history_record(h, &again, &err), "a NULL title is refused");
	OK(error_is_set(&err) && strcmp(err.file, path) == 0,
		"with the path and a reason: %s: %s", err.file, err.reason);
	char *after = listing(h, 0);
	STR_EQ(after, before);
	free(before);
	free(after);
	/* and the handle still works */
	record_ok(h, &tuesday);
	history_close(h);
	query_eq(path, "SELECT count(*) FROM articles", "4");
out:
	free(path);
	tmp_remove(tmp);
}

static void creates_folders(void)
{
	char *tmp = tmp_dir();
	char *path = tmp_path(tmp, "state/broadsheet/history.sqlite");
	struct bs_history *h = open_ok(path);
	history_close(h);
	struct stat st;
	OK(stat(path, &st) == 0, "the database was created");
	INT_EQ(st.st_mode & 0777, 0600);
	char *dir = tmp_path(tmp, "state/broadsheet");
	OK(stat(dir, &st) == 0 && S_ISDIR(st.st_mode), "folder made");
	INT_EQ(st.st_mode & 0777, 0700);
	free(dir);
	free(path);
	tmp_remove(tmp);
}

/* Opening path fails with a reason naming it, and leaves it as it was. */
static void refused(const char *path, const char *reason)
{
	size_t before_len = 0, after_len = 0;
	char *before = tmp_read(path, &before_len);
	struct bs_error err;
	error_clear(&err);
	struct bs_history *h = history_open(path, &err);
	OK(h == NULL, "%s is refused", path);
	history_close(h);
	STR_EQ(err.file, path);
	OK(strstr(err.reason, reason) != NULL, "reason \"%s\", want \"%s\"",
		err.reason, reason);
	char *after = tmp_read(path, &after_len);
	OK(before && after && before_len == after_len
		&& memcmp(before, after, before_len) == 0,
		"left byte-identical (%zu and %zu bytes)", before_len,
		after_len);
	free(before);
	free(after);
	/* nor anything left beside it */
	static const char *const extensions[] = {"-wal", "-shm", "-journal"};
	for (size_t i = 0; i < 3; i++) {
		struct bs_buf b = {0};
		buf_printf(&b, "%s%s", path, extensions[i]);
		OK(!tmp_exists(buf_str(&b)), "no %s left", buf_str(&b));
		buf_finish(&b);
	}
}

static void garbage(void)
{
	char *tmp = tmp_dir();
	unsigned char data[4096];
	uint32_t x = 2463534242u;
	for (size_t i = 0; i < sizeof(data); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		data[i] = (unsigned char)x;
	}
	char *path = tmp_write(tmp, "history.sqlite", data, sizeof(data));
	refused(path, "not a broadsheet history database");
	free(path);
	tmp_remove(tmp);
}

static void text_file(void)
{
	char *tmp = tmp_dir();
	static const char text[] = "These are my notes, not a database.\n"
		"Keep them safe.\n";
	char *path = tmp_write(tmp, "history.sqlite", text, sizeof(text) - 1);
	refused(path, "not a broadsheet history database");
	free(path);
	tmp_remove(tmp);
}

static void damaged(void)
{
	char *tmp, *path;
	struct bs_history *h = with_monday(&tmp, &path);
	history_close(h);
	/* the table of tables, on the first page after the file header */
	size_t len = 0;
	char *data = tmp_read(path, &len);
	OK(len > 200, "a database file (%zu bytes)", len);
	if (len > 200) {
		memset(data + 100, 0xa5, 100);
		free(path);
		path = tmp_write(tmp, "damaged.sqlite", data, len);
		refused(path, "damaged");
	}
	free(data);
	free(path);
	tmp_remove(tmp);
}

static void foreign(void)
{
	char *tmp = tmp_dir();
	char *path = tmp_path(tmp, "notes.sqlite");
	run_sql(path, "CREATE TABLE notes (text TEXT);"
		"INSERT INTO notes VALUES ('keep me');");
	refused(path, "not a broadsheet history database");
	query_eq(path, "PRAGMA journal_mode", "delete");

	/* our table names and version, but other columns */
	char *other = tmp_path(tmp, "other.sqlite");
	run_sql(other, "CREATE TABLE editions (id INTEGER PRIMARY KEY);"
		"CREATE TABLE articles (id INTEGER PRIMARY KEY);"
		"PRAGMA user_version = 1;");
	refused(other, "not a broadsheet history database");
	free(other);
	free(path);
	tmp_remove(tmp);
}

static void newer(void)
{
	char *tmp, *path;
	struct bs_history *h = with_monday(&tmp, &path);
	history_close(h);
	run_sql(path, "PRAGMA user_version = 2");
	refused(path, "made by a newer broadsheet");
	free(path);
	tmp_remove(tmp);
}

static void default_path(void)
{
	char *xdg = getenv("XDG_STATE_HOME") ? strdup(getenv("XDG_STATE_HOME"))
		: NULL;
	char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;

	setenv("XDG_STATE_HOME", "/var/state", 1);
	setenv("HOME", "/home/reader", 1);
	char *p = history_default_path();
	STR_EQ(p, "/var/state/broadsheet/history.sqlite");
	free(p);
	setenv("XDG_STATE_HOME", "/var/state/", 1);
	p = history_default_path();
	STR_EQ(p, "/var/state/broadsheet/history.sqlite");
	free(p);
	setenv("XDG_STATE_HOME", "", 1);
	p = history_default_path();
	STR_EQ(p, "/home/reader/.local/state/broadsheet/history.sqlite");
	free(p);
	/* the XDG spec says to ignore a relative one */
	setenv("XDG_STATE_HOME", "state", 1);
	p = history_default_path();
	STR_EQ(p, "/home/reader/.local/state/broadsheet/history.sqlite");
	free(p);
	unsetenv("XDG_STATE_HOME");
	p = history_default_path();
	STR_EQ(p, "/home/reader/.local/state/broadsheet/history.sqlite");
	free(p);
	unsetenv("HOME");
	p = history_default_path();
	STR_EQ(p, NULL);
	free(p);

	if (xdg) {
		setenv("XDG_STATE_HOME", xdg, 1);
	}
	if (home) {
		setenv("HOME", home, 1);
	}
	free(xdg);
	free(home);
}

struct writer {
	struct bs_history *h;
	struct bs_buf seen;
	bool recorded;
};

/* Records Tuesday through another handle while the listing reads. */
static void record_meanwhile(const struct bs_history_edition *ed, void *ctx)
{
	struct writer *w = ctx;
	buf_printf(&w->seen, "%s\n", ed->date);
	if (!w->recorded) {
		struct bs_error err;
		error_clear(&err);
		w->recorded = history_record(w->h, &tuesday, &err);
		OK(w->recorded, "record while the other handle reads: %s",
			err.reason);
	}
}

static void two_handles(void)
{
	char *tmp, *path;
	struct bs_history *a = with_monday(&tmp, &path);
	struct bs_history *b = open_ok(path);
	if (!a || !b) {
		goto out;
	}
	struct writer w = {.h = a};
	struct bs_error err;
	error_clear(&err);
	OK(history_list(b, 0, record_meanwhile, &w, &err), "list: %s",
		err.reason);
	/* the listing kept the snapshot it started with */
	STR_EQ(buf_str(&w.seen), "2026-11-23\n");
	buf_finish(&w.seen);
	char *got = listing(b, 0);
	OK(got && strncmp(got, "2026-11-24 Tuesday", 18) == 0,
		"the other handle's edition, afterwards: %s", got);
	free(got);
	OK(seen(b, "https://news.example/4", 4, "2026-11-24", "2026-11-24",
		NULL), "seen through the other handle");
out:
	history_close(a);
	history_close(b);
	free(path);
	tmp_remove(tmp);
}

/* Records EACH editions named after who; false with err set. */
static bool record_many(const char *path, int who, struct bs_error *err)
{
	enum { EACH = 10 };
	struct bs_history *h = history_open(path, err);
	bool ok = h != NULL && !error_is_set(err);
	for (int i = 0; ok && i < EACH; i++) {
		char name[64];
		snprintf(name, sizeof(name), "/editions/%d-%02d.epub", who, i);
		struct bs_history_edition ed = monday;
		ed.path = name;
		ok = history_record(h, &ed, err);
	}
	history_close(h);
	return ok;
}

/*
 * Four processes create one database and record in it at once: the busy
 * timeout makes them take turns, and none trips over another's setting up.
 */
static void processes(void)
{
	char *tmp = tmp_dir();
	char *path = tmp_path(tmp, "history.sqlite");
	pid_t children[3];
	for (int k = 0; k < 3; k++) {
		children[k] = fork();
		if (children[k] == 0) {
			struct bs_error err;
			error_clear(&err);
			bool ok = record_many(path, k + 1, &err);
			OK(ok, "process %d recorded all: %s", k + 1, err.reason);
			_exit(ok ? 0 : 1);
		}
		OK(children[k] > 0, "fork");
	}
	struct bs_error err;
	error_clear(&err);
	OK(record_many(path, 0, &err), "the parent recorded all: %s",
		err.reason);
	for (int k = 0; k < 3; k++) {
		int status = 0;
		OK(children[k] > 0 && waitpid(children[k], &status, 0)
			== children[k] && WIFEXITED(status)
			&& WEXITSTATUS(status) == 0, "process %d", k + 1);
	}
	query_eq(path, "SELECT count(*) FROM editions", "40");
	query_eq(path, "SELECT count(*) FROM articles", "120");
	free(path);
	tmp_remove(tmp);
}

static void not_a_folder(void)
{
	char *tmp = tmp_dir();
	char *file = tmp_write(tmp, "state", "x", 1);
	char *path = tmp_path(tmp, "state/broadsheet/history.sqlite");
	struct bs_error err;
	error_clear(&err);
	struct bs_history *h = history_open(path, &err);
	OK(h == NULL, "a file where a folder should be");
	history_close(h);
	STR_EQ(err.file, path);
	OK(strstr(err.reason, "/state") != NULL, "reason: %s", err.reason);

	/* a folder where the file should be */
	char *dir = tmp_mkdir(tmp, "dir.sqlite");
	error_clear(&err);
	h = history_open(dir, &err);
	OK(h == NULL, "a folder is refused");
	history_close(h);
	OK(error_is_set(&err), "with a reason");
	free(dir);
	free(path);
	free(file);
	tmp_remove(tmp);
}

static void unwritable(void)
{
	if (geteuid() == 0) {
		SKIP("running as root, who can write in a read-only folder");
	}
	char *tmp = tmp_dir();
	char *ro = tmp_mkdir(tmp, "ro");
	char *existing = tmp_path(ro, "history.sqlite");
	struct bs_history *h = open_ok(existing);
	if (h) {
		record_ok(h, &monday);
	}
	history_close(h);
	OK(chmod(ro, 0555) == 0, "read-only folder");

	const char *names[] = {"new.sqlite", "sub/history.sqlite"};
	for (size_t i = 0; i < 2; i++) {
		char *path = tmp_path(ro, names[i]);
		struct bs_error err;
		error_clear(&err);
		h = history_open(path, &err);
		OK(h == NULL, "%s cannot be created", names[i]);
		history_close(h);
		STR_EQ(err.file, path);
		OK(strstr(err.reason, "Permission denied") != NULL,
			"reason: %s", err.reason);
		OK(!tmp_exists(path), "nothing made");
		free(path);
	}
	/* its WAL cannot be made beside it */
	struct bs_error err;
	error_clear(&err);
	h = history_open(existing, &err);
	OK(h == NULL, "a database in a read-only folder");
	history_close(h);
	OK(error_is_set(&err), "with a reason");

	/* a read-only file in a writable folder */
	OK(chmod(ro, 0755) == 0, "writable again");
	OK(chmod(existing, 0444) == 0, "read-only file");
	error_clear(&err);
	h = history_open(existing, &err);
	OK(h == NULL, "a read-only database");
	history_close(h);
	OK(strstr(err.reason, "cannot open it for writing") != NULL,
		"reason: %s", err.reason);
	free(existing);
	free(ro);
	tmp_remove(tmp);
}

static const struct subtest tests[] = {
	{"roundtrip", roundtrip},
	{"seen_url", seen_url},
	{"seen_fingerprint", seen_fingerprint},
	{"seen_window", seen_window},
	{"seen_exclude", seen_exclude},
	{"seen_null_url", seen_null_url},
	{"replace", replace},
	{"record_atomic", record_atomic},
	{"creates_folders", creates_folders},
	{"garbage", garbage},
	{"text_file", text_file},
	{"damaged", damaged},
	{"foreign", foreign},
	{"newer", newer},
	{"default_path", default_path},
	{"two_handles", two_handles},
	{"processes", processes},
	{"not_a_folder", not_a_folder},
	{"unwritable", unwritable},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
