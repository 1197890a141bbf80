/* FNM_CASEFOLD */
#define _GNU_SOURCE

#include "edition/rules.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/metadata.h"
#include "util/alloc.h"
#include "util/text.h"

static const struct {
	const char *prefix;
	enum bs_rule_kind kind;
} kinds[] = {
	{"url:", RULE_URL}, {"site:", RULE_SITE}, {"category:", RULE_CATEGORY},
};

bool rules_add(struct bs_rules *rules, const char *text, const char *section,
	struct bs_error *err)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t n = strlen(kinds[i].prefix);
		if (strncasecmp(text, kinds[i].prefix, n) != 0) {
			continue;
		}
		char *pattern = text_trim(xstrdup(text + n));
		if (!*pattern) {
			error_set(err, NULL, "'%s' has an empty pattern", text);
			free(pattern);
			return false;
		}
		if (rules->count == rules->cap) {
			rules->cap = rules->cap ? rules->cap * 2 : 8;
			rules->items = xreallocarray(rules->items, rules->cap,
				sizeof(*rules->items));
		}
		struct bs_rule *r = &rules->items[rules->count++];
		r->kind = kinds[i].kind;
		r->pattern = pattern;
		r->glob = strpbrk(pattern, "*?[") != NULL;
		r->section = section ? xstrdup(section) : NULL;
		return true;
	}
	error_set(err, NULL, "'%s' is not url:PATTERN, site:NAME or "
		"category:NAME", text);
	return false;
}

static bool glob_or_equal(const struct bs_rule *r, const char *s)
{
	return r->glob ? fnmatch(r->pattern, s, FNM_CASEFOLD) == 0
		: strcasecmp(r->pattern, s) == 0;
}

static bool host_is(const char *host, const char *name)
{
	if (strcasecmp(host, name) == 0) {
		return true;
	}
	size_t h = strlen(host), n = strlen(name);
	return h > n && host[h - n - 1] == '.'
		&& strcasecmp(host + h - n, name) == 0;
}

static bool matches(const struct bs_rule *r, const struct bs_article *a)
{
	switch (r->kind) {
	case RULE_URL: {
		const char *where = a->url ? a->url : a->source;
		return r->glob ? fnmatch(r->pattern, where, FNM_CASEFOLD) == 0
			: text_find_ci(where, r->pattern) != NULL;
	}
	case RULE_SITE: {
		if (a->site && glob_or_equal(r, a->site)) {
			return true;
		}
		/* hosts compared without "www.", as meta_url_host() gives them */
		char *h = meta_url_host(a->url);
		const char *name = strncasecmp(r->pattern, "www.", 4) == 0
			? r->pattern + 4 : r->pattern;
		bool yes = h && host_is(h, name);
		free(h);
		return yes;
	}
	case RULE_CATEGORY:
		return a->section && glob_or_equal(r, a->section);
	}
	return false;
}

const char *rules_apply(const struct bs_rules *rules,
	const struct bs_article *article, bool *matched)
{
	*matched = false;
	/* drops first, whatever their place in the file */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < rules->count; i++) {
			const struct bs_rule *r = &rules->items[i];
			if ((pass == 0) != (r->section == NULL)) {
				continue;
			}
			if (matches(r, article)) {
				*matched = true;
				return r->section;
			}
		}
	}
	return NULL;
}

void rules_finish(struct bs_rules *rules)
{
	for (size_t i = 0; i < rules->count; i++) {
		free(rules->items[i].pattern);
		free(rules->items[i].section);
	}
	free(rules->items);
	memset(rules, 0, sizeof(*rules));
}
