#include "config/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/path.h"
#include "util/text.h"

/* libinih's line buffer, as Debian builds it (INI_MAX_LINE) */
enum { MAX_LINE = 200 };

enum kind { K_TEXT, K_PATH, K_INPUT, K_INT, K_BOOL, K_SIZE };

struct key {
	const char *section;
	const char *name;
	enum kind kind;
	size_t offset;		/* of the field in struct bs_config */
	int min, max;		/* for K_INT */
};

#define FIELD(f) offsetof(struct bs_config, f)

static const struct key keys[] = {
	{"edition", "title", K_TEXT, FIELD(title), 0, 0},
	{"edition", "publisher", K_TEXT, FIELD(publisher), 0, 0},
	{"edition", "lang", K_TEXT, FIELD(lang), 0, 0},
	{"edition", "issue", K_TEXT, FIELD(issue), 0, 0},
	{"edition", "sections", K_TEXT, FIELD(sections), 0, 0},
	{"edition", "output", K_PATH, FIELD(output), 0, 0},
	{"edition", "cover", K_PATH, FIELD(cover), 0, 0},
	{"edition", "xslt", K_PATH, FIELD(xslt), 0, 0},
	{"edition", "css", K_PATH, FIELD(css), 0, 0},
	{"edition", "history", K_PATH, FIELD(history), 0, 0},
	{"edition", "input", K_INPUT, 0, 0, 0},
	{"edition", "skip-seen", K_INT, FIELD(skip_seen), 0, 36500},
	{"edition", "keep", K_INT, FIELD(keep), 1, 1000000},
	{"edition", "wait", K_INT, FIELD(wait), 0, 86400},
	{"edition", "strict", K_BOOL, FIELD(strict), 0, 0},
	{"edition", "jobs", K_INT, FIELD(jobs), 1, 64},
	{"images", "enabled", K_BOOL, FIELD(images), 0, 0},
	{"images", "size", K_SIZE, 0, 0, 0},
	{"images", "grayscale", K_BOOL, FIELD(grayscale), 0, 0},
	{"images", "jpeg-quality", K_INT, FIELD(jpeg_quality), 1, 100},
};

enum { N_KEYS = sizeof(keys) / sizeof(keys[0]) };

struct parse {
	struct bs_config *c;
	const char *path;
	char *dir;		/* the config's folder, for relative paths */
	FILE *f;
	char *line;		/* getline's buffer */
	size_t line_cap;
	int lineno;
	int set_on[N_KEYS];	/* line each key was set on, 0: not yet */
	struct bs_buf blocks;	/* [section "X"] names in order, by "," */
	struct bs_error *err;
	bool failed;
};

bool config_parse_int(const char *s, int min, int max, int *out)
{
	/* strtol would also take " 7" and "+7" */
	if (!isdigit((unsigned char)s[0])) {
		return false;
	}
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < min || v > max) {
		return false;
	}
	*out = (int)v;
	return true;
}

bool config_parse_size(const char *s, int *width, int *height)
{
	char buf[32];
	if (strlen(s) >= sizeof(buf)) {
		return false;
	}
	strcpy(buf, s);
	char *x = strpbrk(buf, "xX");
	if (!x) {
		return false;
	}
	*x = '\0';
	return config_parse_int(buf, 16, 10000, width)
		&& config_parse_int(x + 1, 16, 10000, height);
}

static bool parse_bool(const char *s, int *out)
{
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0 || strcasecmp(s, no[i]) == 0) {
			*out = strcasecmp(s, yes[i]) == 0;
			return true;
		}
	}
	return false;
}

static void fail(struct parse *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The first error only: what follows it may be its echo. */
static void fail(struct parse *p, const char *fmt, ...)
{
	if (p->failed) {
		return;
	}
	p->failed = true;
	char reason[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	error_set(p->err, p->path, "%s", reason);
	error_set_place(p->err, "%d", p->lineno);
}

/* "~/x" from $HOME, "x" from the config's folder. */
static char *config_path(const struct parse *p, const char *value)
{
	const char *home = getenv("HOME");
	if (value[0] == '~' && value[1] == '/' && home && *home) {
		return path_join(home, value + 2);
	}
	if (value[0] == '/' || strcmp(p->dir, ".") == 0) {
		return xstrdup(value);
	}
	return path_join(p->dir, value);
}

/* The NAME of [section "NAME"], or NULL for another section. */
static char *block_name(const char *section)
{
	size_t len = strlen(section);
	if (strncmp(section, "section \"", 9) != 0 || len < 10
			|| section[len - 1] != '"') {
		return NULL;
	}
	return xstrndup(section + 9, len - 10);
}

static bool set_key(struct parse *p, const struct key *k, const char *value)
{
	struct bs_config *c = p->c;
	char *field = (char *)c + k->offset;
	int v;
	switch (k->kind) {
	case K_TEXT:
		*(char **)field = xstrdup(value);
		return true;
	case K_PATH:
		*(char **)field = config_path(p, value);
		return true;
	case K_INPUT:
		c->inputs = xreallocarray(c->inputs, c->n_inputs + 1,
			sizeof(*c->inputs));
		c->inputs[c->n_inputs++] = config_path(p, value);
		return true;
	case K_INT:
		if (!config_parse_int(value, k->min, k->max, &v)) {
			fail(p, "%s: '%s' is not a whole number from %d to %d",
				k->name, value, k->min, k->max);
			return false;
		}
		*(int *)field = v;
		return true;
	case K_BOOL:
		if (!parse_bool(value, &v)) {
			fail(p, "%s: '%s' is not true or false (yes/no, on/off, "
				"1/0)", k->name, value);
			return false;
		}
		*(int *)field = v;
		return true;
	case K_SIZE:
		if (!config_parse_size(value, &c->width, &c->height)) {
			fail(p, "%s: '%s' is not WIDTHxHEIGHT (each 16 to "
				"10000)", k->name, value);
			return false;
		}
		return true;
	}
	return false;
}

static int on_value(struct parse *p, const char *section,
	const char *name, const char *value)
{
	if (!*section) {
		fail(p, "%s: outside any section (put it under [edition] or "
			"[images])", name);
		return 0;
	}
	char *block = block_name(section);
	if (block || strcmp(section, "drop") == 0) {
		bool ok = strcmp(name, "match") == 0;
		if (!ok) {
			fail(p, "%s: unknown key in [%s] (only 'match')", name,
				section);
		} else if (!*value) {
			fail(p, "%s: empty rule (url:, site: or category:)", name);
			ok = false;
		} else {
			struct bs_error why;
			error_clear(&why);
			ok = rules_add(&p->c->rules, value, block, &why);
			if (!ok) {
				fail(p, "%s: %s", name, why.reason);
			}
		}
		free(block);
		return ok;
	}
	for (size_t i = 0; i < N_KEYS; i++) {
		if (strcmp(keys[i].section, section) != 0
				|| strcmp(keys[i].name, name) != 0) {
			continue;
		}
		if (keys[i].kind != K_INPUT && p->set_on[i]) {
			fail(p, "%s: set twice (first on line %d)", name,
				p->set_on[i]);
			return 0;
		}
		if (!*value) {
			fail(p, "%s: no value", name);
			return 0;
		}
		p->set_on[i] = p->lineno;
		return set_key(p, &keys[i], value);
	}
	fail(p, "%s: unknown key in [%s]", name, section);
	return 0;
}

/* A value in double quotes is taken as it is, "#" and ";" and all. */
static char *unquote(const char *value)
{
	size_t len = strlen(value);
	if (len >= 2 && value[0] == '"' && value[len - 1] == '"') {
		return xstrndup(value + 1, len - 2);
	}
	return xstrdup(value);
}

static int on_key(void *user, const char *section, const char *name,
	const char *raw)
{
	struct parse *p = user;
	if (p->failed) {
		return 0;
	}
	char *value = unquote(raw);
	int ok = on_value(p, section, name, value);
	free(value);
	return ok;
}

/* Checks a "[...]" line: only the sections that have keys. */
static void check_header(struct parse *p, const char *line)
{
	size_t len = strlen(line);
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t')) {
		len--;
	}
	if (len < 2 || line[len - 1] != ']') {
		fail(p, "'%s': a section header ends with ']'", line);
		return;
	}
	char *name = xstrndup(line + 1, len - 2);
	char *block = block_name(name);
	if (block) {
		if (!*block || strchr(block, ',')) {
			fail(p, "[%s]: a section name is not empty and has no "
				"','", name);
		} else {
			buf_printf(&p->blocks, "%s%s", p->blocks.len ? "," : "",
				block);
		}
	} else if (strcmp(name, "edition") && strcmp(name, "images")
			&& strcmp(name, "drop")) {
		fail(p, "[%s]: unknown section (known: [edition], [images], "
			"[section \"NAME\"], [drop])", name);
	}
	free(block);
	free(name);
}

/*
 * A comment after a value starts with "#" or ";" after a blank, outside
 * double quotes (libinih knows only ";"). Returns the length without it.
 */
static size_t strip_comment(char *s, size_t len)
{
	bool quoted = false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"') {
			quoted = !quoted;
		} else if (!quoted && (s[i] == '#' || s[i] == ';') && i > 0
				&& (s[i - 1] == ' ' || s[i - 1] == '\t')) {
			while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
				i--;
			}
			s[i] = '\0';
			return i;
		}
	}
	return len;
}

/*
 * Feeds libinih one line at a time, counting them (for errors), left-
 * trimmed (libinih would read an indented "match = x" as a continuation
 * of the key above) and never longer than its buffer (it would cut the
 * line in two silently).
 */
static char *read_line(char *str, int num, void *stream)
{
	struct parse *p = stream;
	if (p->failed) {
		return NULL;
	}
	ssize_t n = getline(&p->line, &p->line_cap, p->f);
	if (n < 0) {
		return NULL;
	}
	p->lineno++;
	char *s = p->line;
	while (*s == ' ' || *s == '\t') {
		s++;
	}
	size_t len = strcspn(s, "\r\n");
	s[len] = '\0';
	if (len + 2 > (size_t)num || len + 2 > MAX_LINE) {
		fail(p, "line longer than %d characters", MAX_LINE - 2);
		return NULL;
	}
	if (s[0] == '[') {
		check_header(p, s);
		if (p->failed) {
			return NULL;
		}
	} else if (s[0] != '#' && s[0] != ';') {
		len = strip_comment(s, len);
	}
	memcpy(str, s, len);
	str[len] = '\n';
	str[len + 1] = '\0';
	return str;
}

bool config_load(const char *path, struct bs_config *c, struct bs_error *err)
{
	memset(c, 0, sizeof(*c));
	c->skip_seen = c->keep = c->wait = -1;
	c->strict = c->images = c->grayscale = -1;
	struct parse p;
	memset(&p, 0, sizeof(p));
	p.c = c;
	p.path = path;
	p.err = err;
	p.f = fopen(path, "r");
	if (!p.f) {
		error_set(err, path, "cannot read the config: %s",
			strerror(errno));
		return false;
	}
	p.dir = path_dirname(path);
	int line = ini_parse_stream(read_line, &p, on_key, &p);
	if (!p.failed && ferror(p.f)) {
		error_set(err, path, "cannot read the config: %s",
			strerror(errno));
		p.failed = true;
	} else if (!p.failed && line > 0) {
		p.lineno = line;
		fail(&p, "not 'key = value', a [section] or a comment");
	} else if (!p.failed && line < 0) {
		error_set(err, path, "cannot parse the config");
		p.failed = true;
	}
	if (!p.failed && !c->sections && p.blocks.len) {
		c->sections = buf_detach(&p.blocks);
	}
	buf_finish(&p.blocks);
	free(p.line);
	free(p.dir);
	fclose(p.f);
	return !p.failed;
}

void config_finish(struct bs_config *c)
{
	char **texts[] = {&c->title, &c->publisher, &c->lang, &c->issue,
		&c->output, &c->sections, &c->cover, &c->xslt, &c->css,
		&c->history};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		free(*texts[i]);
	}
	for (size_t i = 0; i < c->n_inputs; i++) {
		free(c->inputs[i]);
	}
	free(c->inputs);
	rules_finish(&c->rules);
	memset(c, 0, sizeof(*c));
}
