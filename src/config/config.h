#ifndef BS_CONFIG_CONFIG_H
#define BS_CONFIG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "edition/rules.h"
#include "util/error.h"

/*
 * The config file (--config): everything the build's command line takes,
 * for a run nobody types. An INI file, read with libinih:
 *
 *   [edition]   title, publisher, lang, output, input (one per line, may
 *               repeat), sections, cover, issue, xslt, css, history,
 *               skip-seen, keep, wait, strict, jobs
 *   [images]    enabled, size, grayscale, jpeg-quality
 *   [section "NAME"]  match = RULE (may repeat; see edition/rules.h)
 *   [drop]            match = RULE
 *
 * Lines are "key = value", "[section]", blank, or comments starting with
 * "#" or ";" (also after a value, following a blank). Relative paths
 * (output, input, cover, xslt, css, history) are taken from the config
 * file's folder, "~/" from $HOME. Booleans are true/false, yes/no, on/off
 * or 1/0. A key given twice, an unknown key or section, a bad value: an
 * error naming the file, the line and the key, and nothing is built.
 */

struct bs_config {
	char *title, *publisher, *lang, *issue;
	char *output;		/* a pattern (output/pattern.h) */
	char *sections;		/* order: "Opinion,World"; else the blocks' */
	char *cover, *xslt, *css, *history;
	char **inputs;
	size_t n_inputs;
	int skip_seen;		/* days; -1 when not set */
	int keep;		/* editions; -1 when not set */
	int wait;		/* seconds; -1 when not set */
	int strict;		/* 0, 1; -1 when not set */
	int jobs;		/* threads; 0 when not set */
	int images;		/* 0, 1; -1 when not set */
	int grayscale;		/* 0, 1; -1 when not set */
	int jpeg_quality;	/* 1-100; 0 when not set */
	int width, height;	/* the picture box; 0 when not set */
	struct bs_rules rules;
};

/**
 * Reads the config at path into c (config_finish() frees it, also after
 * a failure). Returns false with err set: file the path, place the line
 * number, reason naming the key.
 */
bool config_load(const char *path, struct bs_config *c, struct bs_error *err);

void config_finish(struct bs_config *c);

/** Parses a whole decimal number, digits only, from min to max (min >= 0). */
bool config_parse_int(const char *s, int min, int max, int *out);

/** Parses "WIDTHxHEIGHT", each 16 to 10000. */
bool config_parse_size(const char *s, int *width, int *height);

#endif
