#ifndef BS_EDITION_RULES_H
#define BS_EDITION_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "extract/extract.h"
#include "util/error.h"

/*
 * Section rules: which articles go to which section, and which are left
 * out, by a config's
 *
 *   [section "Opinion"]
 *   match = url:/opinion/
 *   [drop]
 *   match = category:Puzzles
 *
 * A rule is one of
 *
 *   url:PATTERN       the article's URL, or its file's path when it has
 *                     none, contains PATTERN (case-insensitive); with
 *                     * ? or [ PATTERN is a glob the whole must match
 *   site:NAME         the site's name is NAME (case-insensitive), or the
 *                     URL's host is NAME or ends in ".NAME"
 *   category:NAME     the page's own section is NAME (case-insensitive;
 *                     a glob with * ? or [)
 *
 * Drop rules are tried first, then the sections' rules in the order they
 * were added: the first match wins.
 */

enum bs_rule_kind { RULE_URL, RULE_SITE, RULE_CATEGORY };

struct bs_rule {
	enum bs_rule_kind kind;
	char *pattern;
	bool glob;
	char *section;		/* where a match goes; NULL: dropped */
};

struct bs_rules {
	struct bs_rule *items;
	size_t count, cap;
};

/**
 * Parses text ("url:/opinion/") into a rule sending matches to section
 * (NULL: a drop rule) and appends it. Returns false with err set (the
 * reason only: the caller knows the file and line) when text has no known
 * prefix or an empty pattern.
 */
bool rules_add(struct bs_rules *rules, const char *text, const char *section,
	struct bs_error *err);

/**
 * The first rule that article matches: its section, or NULL for a drop
 * rule; *matched tells whether any rule matched.
 */
const char *rules_apply(const struct bs_rules *rules,
	const struct bs_article *article, bool *matched);

/** Frees what rules hold. */
void rules_finish(struct bs_rules *rules);

#endif
