#include "history/history.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "util/alloc.h"
#include "util/path.h"

enum statement {
	STMT_SEEN,
	STMT_DELETE,
	STMT_EDITION,
	STMT_ARTICLE,
	STMT_LIST,
	STMT_ITEMS,
	STMT_COUNT,
};

/*
 * Prepared when the database is opened, so that a file with tables of the
 * right names but the wrong columns is refused there.
 */
static const char *const statements[STMT_COUNT] = {
	[STMT_SEEN] = "SELECT 1 FROM articles JOIN editions "
		"ON editions.id = articles.edition "
		"WHERE ((articles.url = ?1 AND ?1 IS NOT NULL) "
		"OR articles.fingerprint = ?2) "
		"AND editions.date BETWEEN ?3 AND ?4 "
		"AND editions.path IS NOT ?5 LIMIT 1",
	[STMT_DELETE] = "DELETE FROM editions WHERE path = ?1",
	[STMT_EDITION] = "INSERT INTO editions "
		"(path, date, title, built, articles, sha256) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_ARTICLE] = "INSERT INTO articles "
		"(edition, position, url, fingerprint, title, section) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STMT_LIST] = "SELECT id, path, date, title, built, sha256 "
		"FROM editions ORDER BY date DESC, built DESC, id DESC "
		"LIMIT ?1",
	[STMT_ITEMS] = "SELECT url, fingerprint, title, section "
		"FROM articles WHERE edition = ?1 ORDER BY position",
};

static const char schema[] =
	"CREATE TABLE editions (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	path TEXT NOT NULL,\n"
	"	date TEXT NOT NULL,\n"
	"	title TEXT NOT NULL,\n"
	"	built TEXT NOT NULL,\n"
	"	articles INTEGER NOT NULL,\n"
	"	sha256 TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE articles (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	edition INTEGER NOT NULL\n"
	"		REFERENCES editions ON DELETE CASCADE,\n"
	"	position INTEGER NOT NULL,\n"
	"	url TEXT,\n"
	"	fingerprint TEXT NOT NULL,\n"
	"	title TEXT NOT NULL,\n"
	"	section TEXT\n"
	");\n"
	"CREATE INDEX articles_url ON articles (url);\n"
	"CREATE INDEX articles_fingerprint ON articles (fingerprint);\n"
	"CREATE INDEX articles_edition ON articles (edition, position);\n"
	"CREATE INDEX editions_path ON editions (path);\n"
	"PRAGMA user_version = 1;\n";

/* how long a run waits for another to finish writing */
#define BUSY_MS 30000

struct bs_history {
	char *path;
	sqlite3 *db;
	sqlite3_stmt *stmt[STMT_COUNT];
	int rc;		/* SQLite's code for the last failure */
};

char *history_default_path(void)
{
	/* the XDG spec says to ignore a relative path */
	const char *state = getenv("XDG_STATE_HOME");
	if (state && state[0] == '/') {
		return path_join(state, "broadsheet/history.sqlite");
	}
	const char *home = getenv("HOME");
	if (!home || !*home) {
		return NULL;
	}
	return path_join(home, ".local/state/broadsheet/history.sqlite");
}

static void fail(struct bs_history *h, const char *what, struct bs_error *err)
{
	h->rc = sqlite3_errcode(h->db);
	error_set(err, h->path, "%s: %s", what, sqlite3_errmsg(h->db));
}

static bool exec(struct bs_history *h, const char *sql, const char *what,
	struct bs_error *err)
{
	if (sqlite3_exec(h->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fail(h, what, err);
		return false;
	}
	return true;
}

/* The reason for a failed first read, in the user's words. */
static void fail_read(struct bs_history *h, int rc, struct bs_error *err)
{
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
		fail(h, "not a broadsheet history database", err);
		break;
	case SQLITE_CORRUPT:
		fail(h, "a damaged history database", err);
		break;
	default:
		fail(h, "cannot read it", err);
		break;
	}
}

/*
 * Reads what the file holds, in one statement so that it sees one moment
 * of a file that another run may be setting up. That is also where a file
 * that is not SQLite or is damaged shows: sqlite3_open_v2() reads nothing.
 * Sets *empty when it has no tables yet (a new file) and fails unless it
 * is ours.
 */
static bool check_schema(struct bs_history *h, bool *empty,
	struct bs_error *err)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(h->db, "SELECT user_version, "
		"(SELECT count(*) FROM sqlite_master WHERE type = 'table' "
		"AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'), "
		"(SELECT count(*) FROM sqlite_master WHERE type = 'table' "
		"AND name IN ('editions', 'articles')) "
		"FROM pragma_user_version", -1, &s, NULL);
	if (rc != SQLITE_OK || (rc = sqlite3_step(s)) != SQLITE_ROW) {
		fail_read(h, rc, err);
		sqlite3_finalize(s);
		return false;
	}
	int version = sqlite3_column_int(s, 0);
	int tables = sqlite3_column_int(s, 1);
	int ours = sqlite3_column_int(s, 2);
	sqlite3_finalize(s);
	if (version > 1) {
		error_set(err, h->path, "made by a newer broadsheet (schema "
			"version %d; this one knows version 1)", version);
		return false;
	}
	*empty = version == 0 && tables == 0;
	if (!*empty && (version != 1 || ours != 2)) {
		error_set(err, h->path, "not a broadsheet history database: %s",
			version == 0 ? "it holds other tables"
			: "it has no editions and articles tables");
		return false;
	}
	return true;
}

/* Prepares the statements (again, after a try that failed). */
static bool prepare(struct bs_history *h, struct bs_error *err)
{
	for (int i = 0; i < STMT_COUNT; i++) {
		sqlite3_finalize(h->stmt[i]);
		h->stmt[i] = NULL;
		if (sqlite3_prepare_v2(h->db, statements[i], -1, &h->stmt[i],
				NULL) != SQLITE_OK) {
			fail(h, "not a broadsheet history database", err);
			return false;
		}
	}
	return true;
}

static bool use_wal(struct bs_history *h, struct bs_error *err)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(h->db, "PRAGMA journal_mode = WAL", -1,
		&s, NULL);
	if (rc != SQLITE_OK || (rc = sqlite3_step(s)) != SQLITE_ROW) {
		fail(h, "cannot switch it to write-ahead logging", err);
		sqlite3_finalize(s);
		return false;
	}
	const char *mode = (const char *)sqlite3_column_text(s, 0);
	bool wal = mode && strcmp(mode, "wal") == 0;
	if (!wal) {
		error_set(err, h->path, "cannot switch it to write-ahead "
			"logging (it stays in %s mode)",
			mode ? mode : "another");
	}
	sqlite3_finalize(s);
	return wal;
}

/*
 * Creates the tables when the file is new. Under the write lock, as
 * another run may be creating them in the same file at the same time.
 */
static bool create_tables(struct bs_history *h, struct bs_error *err)
{
	if (!exec(h, "BEGIN IMMEDIATE", "cannot write to it", err)) {
		return false;
	}
	bool empty;
	if (!check_schema(h, &empty, err) || (empty && !exec(h, schema,
			"cannot create the tables", err))
			|| !exec(h, "COMMIT", "cannot write to it", err)) {
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		return false;
	}
	return true;
}

/*
 * Everything is checked before WAL mode is set, the first write: a file
 * that is not ours stays as it was. A new file gets its tables before its
 * statements can be prepared. The write lock of create_tables() also shows
 * a file or folder we may not write to.
 */
static bool set_up(struct bs_history *h, struct bs_error *err)
{
	bool empty;
	return check_schema(h, &empty, err) && (empty || prepare(h, err))
		&& use_wal(h, err)
		&& exec(h, "PRAGMA foreign_keys = ON",
		"cannot turn on foreign keys", err)
		&& create_tables(h, err) && (!empty || prepare(h, err));
}

struct bs_history *history_open(const char *path, struct bs_error *err)
{
	struct bs_history *h = xcalloc(1, sizeof(*h));
	h->path = xstrdup(path);
	/* private, as XDG wants state folders */
	struct bs_error dir_err;
	error_clear(&dir_err);
	char *dir = path_dirname(path);
	bool made = path_mkdirs(dir, 0700, &dir_err);
	free(dir);
	if (!made) {
		error_set(err, path, "%s: %s", dir_err.file, dir_err.reason);
		goto err_history;
	}
	/*
	 * SQLite would quietly open a file it may not write for reading, and
	 * name the errno of that second try; history is private, hence 0600.
	 */
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		error_set(err, path, "cannot open it for writing: %s",
			strerror(errno));
		goto err_history;
	}
	close(fd);
	int rc = sqlite3_open_v2(path, &h->db,
		SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		/* without memory for a handle, SQLite returns none */
		error_set(err, path, "cannot open it: %s", h->db
			? sqlite3_errmsg(h->db) : sqlite3_errstr(rc));
		goto err_history;
	}
	sqlite3_busy_timeout(h->db, BUSY_MS);
	/*
	 * SQLite returns "busy" without waiting where waiting could deadlock
	 * (a reader that wants to write while another run writes), which runs
	 * setting up a new file together meet: they wait here instead.
	 */
	time_t deadline = time(NULL) + BUSY_MS / 1000;
	for (;;) {
		/* err is left alone when a later try succeeds */
		struct bs_error why;
		error_clear(&why);
		h->rc = SQLITE_OK;
		if (set_up(h, &why)) {
			return h;
		}
		if ((h->rc & 0xff) != SQLITE_BUSY || time(NULL) >= deadline) {
			if (err) {
				*err = why;
			}
			goto err_history;
		}
		sqlite3_sleep(10);
	}

err_history:
	history_close(h);
	return NULL;
}

void history_close(struct bs_history *h)
{
	if (!h) {
		return;
	}
	for (int i = 0; i < STMT_COUNT; i++) {
		sqlite3_finalize(h->stmt[i]);
	}
	sqlite3_close(h->db);
	free(h->path);
	free(h);
}

/* Runs s to its end and makes it ready for the next use. */
static bool step_done(struct bs_history *h, sqlite3_stmt *s,
	const char *what, struct bs_error *err)
{
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE) {
		fail(h, what, err);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE;
}

static void bind_text(sqlite3_stmt *s, int i, const char *text)
{
	/* a NULL text binds NULL */
	sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
}

bool history_seen(struct bs_history *h, const char *url, uint64_t fingerprint,
	const char *since, const char *until, const char *exclude_path,
	bool *seen, struct bs_error *err)
{
	char fp[17];
	snprintf(fp, sizeof(fp), "%016" PRIx64, fingerprint);
	sqlite3_stmt *s = h->stmt[STMT_SEEN];
	bind_text(s, 1, url);
	bind_text(s, 2, fp);
	bind_text(s, 3, since);
	bind_text(s, 4, until);
	bind_text(s, 5, exclude_path);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		fail(h, "cannot read it", err);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	*seen = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static bool insert(struct bs_history *h, const struct bs_history_edition *ed,
	struct bs_error *err)
{
	const char *what = "cannot record the edition";
	sqlite3_stmt *s = h->stmt[STMT_DELETE];
	bind_text(s, 1, ed->path);
	if (!step_done(h, s, what, err)) {
		return false;
	}
	s = h->stmt[STMT_EDITION];
	bind_text(s, 1, ed->path);
	bind_text(s, 2, ed->date);
	bind_text(s, 3, ed->title);
	bind_text(s, 4, ed->built);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)ed->n_articles);
	bind_text(s, 6, ed->sha256);
	if (!step_done(h, s, what, err)) {
		return false;
	}
	sqlite3_int64 id = sqlite3_last_insert_rowid(h->db);
	s = h->stmt[STMT_ARTICLE];
	for (size_t i = 0; i < ed->n_articles; i++) {
		const struct bs_history_article *a = &ed->articles[i];
		char fp[17];
		snprintf(fp, sizeof(fp), "%016" PRIx64, a->fingerprint);
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i + 1);
		bind_text(s, 3, a->url);
		bind_text(s, 4, fp);
		bind_text(s, 5, a->title);
		bind_text(s, 6, a->section);
		if (!step_done(h, s, what, err)) {
			return false;
		}
	}
	return true;
}

bool history_record(struct bs_history *h, const struct bs_history_edition *ed,
	struct bs_error *err)
{
	if (!exec(h, "BEGIN IMMEDIATE", "cannot record the edition", err)) {
		return false;
	}
	if (!insert(h, ed, err) || !exec(h, "COMMIT",
			"cannot record the edition", err)) {
		/* some errors end the transaction themselves */
		if (!sqlite3_get_autocommit(h->db)) {
			sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		}
		return false;
	}
	return true;
}

static const char *column(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

static bool parse_fingerprint(const char *hex, uint64_t *out)
{
	if (!hex || strlen(hex) != 16
			|| strspn(hex, "0123456789abcdef") != 16) {
		return false;
	}
	*out = (uint64_t)strtoull(hex, NULL, 16);
	return true;
}

static void free_items(struct bs_history_article *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free((char *)items[i].url);
		free((char *)items[i].title);
		free((char *)items[i].section);
	}
}

/*
 * Reads the articles of edition id into *items (grown as needed) as
 * copies: the next step overwrites the row they come from.
 */
static bool read_items(struct bs_history *h, sqlite3_int64 id,
	struct bs_history_article **items, size_t *cap, size_t *n,
	struct bs_error *err)
{
	sqlite3_stmt *s = h->stmt[STMT_ITEMS];
	sqlite3_bind_int64(s, 1, id);
	bool ok = true;
	int rc;
	*n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		uint64_t fp;
		if (!parse_fingerprint(column(s, 1), &fp)) {
			error_set(err, h->path, "a damaged history database: "
				"the fingerprint '%s' is not 16 hex digits",
				column(s, 1) ? column(s, 1) : "");
			ok = false;
			break;
		}
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 32;
			*items = xreallocarray(*items, *cap, sizeof(**items));
		}
		(*items)[(*n)++] = (struct bs_history_article){
			.url = xstrdup(column(s, 0)),
			.fingerprint = fp,
			.title = xstrdup(column(s, 2)),
			.section = xstrdup(column(s, 3)),
		};
	}
	if (ok && rc != SQLITE_DONE) {
		fail(h, "cannot read it", err);
		ok = false;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (!ok) {
		free_items(*items, *n);
		*n = 0;
	}
	return ok;
}

bool history_list(struct bs_history *h, size_t limit,
	void (*fn)(const struct bs_history_edition *ed, void *ctx), void *ctx,
	struct bs_error *err)
{
	sqlite3_stmt *s = h->stmt[STMT_LIST];
	/* a negative LIMIT is none */
	sqlite3_bind_int64(s, 1, limit == 0 || limit > INT64_MAX ? -1
		: (sqlite3_int64)limit);
	struct bs_history_article *items = NULL;
	size_t cap = 0;
	bool ok = true;
	int rc;
	/*
	 * The list statement stays active until its reset, keeping one read
	 * snapshot for the editions and their articles while others write.
	 */
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct bs_history_edition ed = {
			.path = column(s, 1),
			.date = column(s, 2),
			.title = column(s, 3),
			.built = column(s, 4),
			.sha256 = column(s, 5),
		};
		if (!read_items(h, sqlite3_column_int64(s, 0), &items, &cap,
				&ed.n_articles, err)) {
			ok = false;
			break;
		}
		ed.articles = items;
		fn(&ed, ctx);
		free_items(items, ed.n_articles);
	}
	if (ok && rc != SQLITE_DONE) {
		fail(h, "cannot read it", err);
		ok = false;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	free(items);
	return ok;
}
