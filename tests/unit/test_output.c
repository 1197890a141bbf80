/* output: path patterns, --keep, the folder lock, stale temporary files. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "edition/quality.h"
#include "epub/epub.h"
#include "extract/metadata.h"
#include "output/lock.h"
#include "output/pattern.h"
#include "util/alloc.h"
#include "util/date.h"

#include "harness.h"
#include "testutil.h"

static void expand(void)
{
	struct bs_date d = {.year = 2026, .month = 3, .day = 7};
	char *p = pattern_expand("e/{date}-{yyyy}{mm}{dd}-{title}.epub", &d,
		"The Morning: News/Views ");
	STR_EQ(p, "e/2026-03-07-20260307-The-Morning-News-Views.epub");
	free(p);
	p = pattern_expand("{title}.epub", &d, " !?/ ");
	STR_EQ(p, "edition.epub");
	free(p);
	p = pattern_expand("{title}.epub", &d, "Le Petit Quotidien");
	STR_EQ(p, "Le-Petit-Quotidien.epub");
	free(p);
	p = pattern_expand("plain.epub", &d, "x");
	STR_EQ(p, "plain.epub");
	free(p);
	/* a brace that is no placeholder */
	struct bs_error err;
	error_clear(&err);
	OK(!pattern_check("e/{day}.epub", false, &err), "unknown");
	OK(strstr(err.reason, "{day}") != NULL, "%s", err.reason);
	OK(pattern_check("e/{date}.epub", true, &err), "file name");
	OK(!pattern_check("{yyyy}/{mm}-{dd}.epub", true, &err), "folder");
	OK(pattern_check("{yyyy}/{mm}-{dd}.epub", false, &err), "no keep");
	OK(!pattern_check("editions/", true, &err), "a folder");
}

static void match(void)
{
	struct bs_date d;
	OK(pattern_match("x/{date}-morning.epub", "2026-03-07-morning.epub",
		&d), "date");
	INT_EQ(d.year, 2026);
	INT_EQ(d.month, 3);
	INT_EQ(d.day, 7);
	OK(!pattern_match("x/{date}-morning.epub", "2026-03-07-evening.epub",
		&d), "other pattern");
	OK(!pattern_match("{date}.epub", "2026-3-07.epub", &d), "short month");
	OK(!pattern_match("{date}.epub", "20", &d), "short");
	OK(pattern_match("{yyyy}{mm}{dd}-{title}.epub",
		"20260307-The-Morning.epub", &d), "compact");
	INT_EQ(d.day, 7);
	OK(pattern_match("{title}-{date}.epub", "a-b-2026-01-02.epub", &d),
		"title with dashes");
	INT_EQ(d.month, 1);
	OK(!pattern_match("{title}.epub", ".epub", &d), "empty title");
	OK(pattern_match("fixed.epub", "fixed.epub", &d), "no placeholder");
}

static void touch(const char *dir, const char *name, time_t mtime)
{
	char *p = tmp_write(dir, name, "x", 1);
	struct timespec ts[2] = {{mtime, 0}, {mtime, 0}};
	utimensat(AT_FDCWD, p, ts, 0);
	free(p);
}

static bool exists(const char *dir, const char *name)
{
	char *p = tmp_path(dir, name);
	bool yes = tmp_exists(p);
	free(p);
	return yes;
}

static void keep(void)
{
	char *dir = tmp_dir();
	/* mtimes opposite to the dates: the name's date decides */
	touch(dir, "2026-03-01-morning.epub", 5000);
	touch(dir, "2026-03-02-morning.epub", 4000);
	touch(dir, "2026-03-03-morning.epub", 3000);
	touch(dir, "2026-03-04-morning.epub", 2000);
	touch(dir, "2026-03-09-evening.epub", 1000);
	touch(dir, "notes.txt", 1000);
	free(tmp_mkdir(dir, "2026-03-05-morning.epub"));
	char *pattern = tmp_path(dir, "{date}-morning.epub");
	char *current = tmp_path(dir, "2026-03-02-morning.epub");
	struct bs_error_list removed = {0}, problems = {0};
	pattern_keep(pattern, 2, current, &removed, &problems);
	INT_EQ(removed.count, 2);
	INT_EQ(problems.count, 0);
	/* the one just written stays, with the newest other */
	OK(exists(dir, "2026-03-04-morning.epub"), "newest");
	OK(exists(dir, "2026-03-02-morning.epub"), "current");
	OK(!exists(dir, "2026-03-03-morning.epub"), "removed");
	OK(!exists(dir, "2026-03-01-morning.epub"), "removed");
	OK(exists(dir, "2026-03-09-evening.epub"), "other pattern");
	OK(exists(dir, "notes.txt"), "other file");
	OK(exists(dir, "2026-03-05-morning.epub"), "a folder");
	error_list_finish(&removed);
	pattern_keep(pattern, 5, NULL, &removed, &problems);
	INT_EQ(removed.count, 0);
	error_list_finish(&removed);
	error_list_finish(&problems);
	free(current);
	free(pattern);
	tmp_remove(dir);
}

static void lock(void)
{
	char *dir = tmp_dir();
	struct bs_error err;
	error_clear(&err);
	int held = open(dir, O_RDONLY | O_DIRECTORY);
	OK(held >= 0 && flock(held, LOCK_EX) == 0, "held");
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	OK(folder_lock(dir, 1, &err) < 0, "busy");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double waited = (double)(t1.tv_sec - t0.tv_sec)
		+ (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	OK(waited >= 0.9 && waited < 5, "waited %.2f s", waited);
	STR_EQ(err.file, dir);
	OK(strstr(err.reason, "another broadsheet run") != NULL, "%s",
		err.reason);
	close(held);
	int fd = folder_lock(dir, 0, &err);
	OK(fd >= 0, "free: %s", err.reason);
	folder_unlock(fd);
	folder_unlock(-1);
	char *gone = tmp_path(dir, "gone");
	error_clear(&err);
	OK(folder_lock(gone, 0, &err) < 0, "no folder");
	OK(strstr(err.reason, "cannot open") != NULL, "%s", err.reason);
	free(gone);
	tmp_remove(dir);
}

static void sweep(void)
{
	char *dir = tmp_dir();
	static const char *const stale[] = {".day.epub.Ab12Cd.epub",
		".day.epub.xYz789.spool", ".a.b.c.QQQQQQ.epub",
		".day.epub.Ab12Cd.epub.k9Fsv2"};
	static const char *const others[] = {"day.epub", ".day.epub",
		".day.epub.Ab12C.epub", ".day.epub.Ab-2Cd.epub",
		"x.Ab12Cd.epub", ".notes.txt", ".day.epub.Ab12Cd.tmp",
		".day.epub.Ab12Cd.epub.k9Fsv", ".day.epub.Ab12Cd.spool.k9Fsv2",
		".day.k9Fsv2"};
	size_t n_stale = sizeof(stale) / sizeof(stale[0]);
	for (size_t i = 0; i < n_stale; i++) {
		free(tmp_write(dir, stale[i], "x", 1));
	}
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		free(tmp_write(dir, others[i], "x", 1));
	}
	free(tmp_mkdir(dir, ".folder.Ab12Cd.epub"));
	INT_EQ(epub_sweep(dir), n_stale);
	for (size_t i = 0; i < n_stale; i++) {
		OK(!exists(dir, stale[i]), "%s", stale[i]);
	}
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		OK(exists(dir, others[i]), "%s kept", others[i]);
	}
	OK(exists(dir, ".folder.Ab12Cd.epub"), "folder kept");
	tmp_remove(dir);
}

static struct bs_article *article(size_t words, const char *published,
	const char *date_byline)
{
	struct bs_article *a = xcalloc(1, sizeof(*a));
	a->source = xstrdup("page.html");
	a->words = words;
	a->published = published ? xstrdup(published) : NULL;
	a->date_byline = date_byline ? xstrdup(date_byline) : NULL;
	return a;
}

static void quality(void)
{
	struct bs_date today = {.year = 2026, .month = 11, .day = 28};
	time_t now = (time_t)date_to_unix(&today);
	struct bs_error_list w = {0};
	struct bs_article *a = article(400, "2026-11-28T06:00:00Z", NULL);
	quality_review(a, now, &w);
	INT_EQ(w.count, 0);
	article_destroy(a);

	a = article(12, "2026-12-25", "Updated 3 March 2024");
	quality_review(a, now, &w);
	INT_EQ(w.count, 3);
	if (w.count == 3) {
		STR_EQ(w.items[0].file, "page.html");
		OK(strstr(w.items[0].reason, "only 12 words; kept") != NULL,
			"%s", w.items[0].reason);
		OK(strstr(w.items[1].reason, "27 days from now; kept") != NULL,
			"%s", w.items[1].reason);
		OK(strstr(w.items[2].reason, "\"Updated 3 March 2024\" is a "
			"date, not a name; left out") != NULL, "%s",
			w.items[2].reason);
	}
	article_destroy(a);
	error_list_finish(&w);

	/* tomorrow is not the future yet: time zones */
	a = article(400, "2026-11-29", NULL);
	quality_review(a, now, &w);
	INT_EQ(w.count, 0);
	article_destroy(a);
	error_list_finish(&w);
}

static void date_bylines(void)
{
	OK(meta_byline_is_date("27 November 2026"), "a date");
	OK(meta_byline_is_date("By 27 November 2026"), "by a date");
	OK(meta_byline_is_date("Updated: March 3, 2024 10:02 am"), "updated");
	OK(meta_byline_is_date("2026-11-27T08:00:00Z"), "ISO");
	OK(!meta_byline_is_date("Jane Doe"), "a name");
	OK(!meta_byline_is_date("Agent 47"), "a name with a number");
	OK(!meta_byline_is_date("By Jane Doe and John Smith, who covered the "
		"elections of 2024 for the paper"), "a long line");
}

static const struct subtest tests[] = {
	{"expand", expand},
	{"match", match},
	{"keep", keep},
	{"lock", lock},
	{"sweep", sweep},
	{"quality", quality},
	{"date_bylines", date_bylines},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
