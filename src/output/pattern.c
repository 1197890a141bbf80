#include "output/pattern.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/path.h"

enum placeholder { P_DATE, P_YYYY, P_MM, P_DD, P_TITLE, P_NONE };

static const char *const names[] = {"{date}", "{yyyy}", "{mm}", "{dd}",
	"{title}"};

/* The placeholder at p (which is at a "{"), or P_NONE. */
static enum placeholder placeholder_at(const char *p)
{
	for (int i = 0; i < P_NONE; i++) {
		if (strncmp(p, names[i], strlen(names[i])) == 0) {
			return (enum placeholder)i;
		}
	}
	return P_NONE;
}

bool pattern_check(const char *pattern, bool for_keep, struct bs_error *err)
{
	const char *slash = strrchr(pattern, '/');
	for (const char *p = strchr(pattern, '{'); p; p = strchr(p + 1, '{')) {
		if (placeholder_at(p) == P_NONE) {
			size_t len = strcspn(p, "}");
			error_set(err, pattern, "unknown placeholder '%.*s' "
				"(known: {date} {yyyy} {mm} {dd} {title})",
				(int)(p[len] ? len + 1 : len), p);
			return false;
		}
		if (for_keep && slash && p < slash) {
			error_set(err, pattern, "--keep needs the placeholders "
				"in the file name, not in a folder name");
			return false;
		}
	}
	if (for_keep && (slash ? slash[1] : pattern[0]) == '\0') {
		error_set(err, pattern, "names a folder, not a file");
		return false;
	}
	return true;
}

/* Letters and digits of any script stay; the rest becomes one "-". */
static void put_title(struct bs_buf *b, const char *title)
{
	size_t start = b->len;
	bool dash = false;
	for (const unsigned char *p = (const unsigned char *)title; *p; p++) {
		bool keep = *p >= 0x80 || (*p >= '0' && *p <= '9')
			|| ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')
			|| *p == '_' || *p == '.';
		if (keep) {
			if (dash && b->len > start) {
				buf_putc(b, '-');
			}
			dash = false;
			buf_putc(b, (char)*p);
		} else {
			dash = true;
		}
	}
	if (b->len == start) {
		buf_puts(b, "edition");
	}
}

char *pattern_expand(const char *pattern, const struct bs_date *date,
	const char *title)
{
	struct bs_buf b = {0};
	for (const char *p = pattern; *p; ) {
		enum placeholder ph = *p == '{' ? placeholder_at(p) : P_NONE;
		switch (ph) {
		case P_DATE:
			buf_printf(&b, "%04d-%02d-%02d", date->year, date->month,
				date->day);
			break;
		case P_YYYY: buf_printf(&b, "%04d", date->year); break;
		case P_MM: buf_printf(&b, "%02d", date->month); break;
		case P_DD: buf_printf(&b, "%02d", date->day); break;
		case P_TITLE: put_title(&b, title); break;
		case P_NONE: buf_putc(&b, *p++); continue;
		}
		p += strlen(names[ph]);
	}
	return buf_detach(&b);
}

/* n digits at s, as a number; -1 when they are not there. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static bool match_at(const char *p, const char *s, struct bs_date *d)
{
	for (; *p; p++, s++) {
		enum placeholder ph = *p == '{' ? placeholder_at(p) : P_NONE;
		if (ph == P_NONE) {
			if (*p != *s) {
				return false;
			}
			continue;
		}
		const char *rest = p + strlen(names[ph]);
		if (ph == P_TITLE) {
			for (size_t n = strlen(s); n >= 1; n--) {
				if (match_at(rest, s + n, d)) {
					return true;
				}
			}
			return false;
		}
		int y = 0, m = 0, day = 0;
		size_t used = 0;
		if (ph == P_DATE) {
			/* each test reads only past characters that matched */
			y = digits(s, 4);
			m = y >= 0 && s[4] == '-' ? digits(s + 5, 2) : -1;
			day = m >= 0 && s[7] == '-' ? digits(s + 8, 2) : -1;
			used = 10;
			if (day < 0) {
				return false;
			}
		} else {
			int v = digits(s, ph == P_YYYY ? 4 : 2);
			if (v < 0) {
				return false;
			}
			*(ph == P_YYYY ? &y : ph == P_MM ? &m : &day) = v;
			used = ph == P_YYYY ? 4 : 2;
		}
		d->year = y ? y : d->year;
		d->month = m ? m : d->month;
		d->day = day ? day : d->day;
		return match_at(rest, s + used, d);
	}
	return *s == '\0';
}

bool pattern_match(const char *pattern, const char *name,
	struct bs_date *date)
{
	const char *slash = strrchr(pattern, '/');
	struct bs_date d;
	memset(&d, 0, sizeof(d));
	bool yes = match_at(slash ? slash + 1 : pattern, name, &d);
	if (yes && date) {
		*date = d;
	}
	return yes;
}

struct edition_file {
	char *name;
	struct bs_date date;
	struct timespec mtime;
};

static long long cmp_num(long long a, long long b)
{
	return (a > b) - (a < b);
}

/* Newest first. */
static int newer_first(const void *pa, const void *pb)
{
	const struct edition_file *a = pa, *b = pb;
	long long c = cmp_num(b->date.year, a->date.year);
	c = c ? c : cmp_num(b->date.month, a->date.month);
	c = c ? c : cmp_num(b->date.day, a->date.day);
	c = c ? c : cmp_num(b->mtime.tv_sec, a->mtime.tv_sec);
	c = c ? c : cmp_num(b->mtime.tv_nsec, a->mtime.tv_nsec);
	return c ? (int)c : strcmp(b->name, a->name);
}

void pattern_keep(const char *pattern, size_t keep, const char *current,
	struct bs_error_list *removed, struct bs_error_list *problems)
{
	char *dir = path_dirname(pattern);
	DIR *d = opendir(dir);
	struct bs_error e;
	if (!d) {
		error_clear(&e);
		error_set(&e, dir, "cannot list the folder for --keep: %s",
			strerror(errno));
		error_list_add(problems, &e);
		free(dir);
		return;
	}
	struct edition_file *files = NULL;
	size_t n = 0, cap = 0;
	struct dirent *ent;
	while ((ent = readdir(d))) {
		struct bs_date date;
		struct stat st;
		if (ent->d_name[0] == '.'
				|| !pattern_match(pattern, ent->d_name, &date)) {
			continue;
		}
		char *path = path_join(dir, ent->d_name);
		bool regular = lstat(path, &st) == 0 && S_ISREG(st.st_mode);
		free(path);
		if (!regular) {
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			files = xreallocarray(files, cap, sizeof(*files));
		}
		files[n].name = xstrdup(ent->d_name);
		files[n].date = date;
		files[n].mtime = st.st_mtim;
		n++;
	}
	closedir(d);
	qsort(files, n, sizeof(*files), newer_first);
	const char *current_name = current ? path_basename(current) : NULL;
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (current_name && strcmp(files[i].name, current_name) == 0) {
			kept++;
		}
	}
	for (size_t i = 0; i < n; i++) {
		bool is_current = current_name
			&& strcmp(files[i].name, current_name) == 0;
		if (!is_current && kept < keep) {
			kept++;
		} else if (!is_current) {
			char *path = path_join(dir, files[i].name);
			error_clear(&e);
			if (unlink(path) == 0) {
				error_set(&e, path, "removed: older than the newest "
					"%zu (--keep)", keep);
				error_list_add(removed, &e);
			} else {
				error_set(&e, path, "cannot remove an old edition "
					"(--keep): %s", strerror(errno));
				error_list_add(problems, &e);
			}
			free(path);
		}
		free(files[i].name);
	}
	free(files);
	free(dir);
}
