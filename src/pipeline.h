#ifndef BS_PIPELINE_H
#define BS_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "edition/rules.h"
#include "image/image.h"
#include "util/error.h"

/*
 * The stages chained: what the CLI calls. Nothing here prints; results and
 * problems come back in the structures below.
 */

/** Sets up the libraries; once, before anything else. */
void pipeline_init(void);

/** Releases what pipeline_init() set up. */
void pipeline_cleanup(void);

struct bs_build_options {
	const char *output;		/* the EPUB to write: a pattern
					 * (output/pattern.h) */
	const char *title;		/* NULL: "Daily Edition" */
	const char *date;		/* YYYY-MM-DD; NULL: today, local time */
	const char *lang;		/* NULL: the articles' most common */
	const char *publisher;		/* may be NULL */
	const char *sections;		/* "Opinion,World": order; may be NULL */
	const char *xslt_dir;		/* stylesheets replacing xslt/; may be NULL */
	const char *css;		/* replaces assets/style.css; may be NULL */
	const char *keep_xml;		/* write edition.xml here; may be NULL */
	const char *cover;		/* the user's cover picture; may be NULL */
	const char *issue;		/* "No. 412" on the cover; may be NULL */
	bool images;			/* package pictures (default true) */
	struct bs_image_options image;	/* box, quality, gray */
	const struct bs_rules *rules;	/* sections and drops; may be NULL */
	const char *history;		/* the database; NULL: the default */
	bool no_history;		/* record nothing, skip nothing */
	int skip_seen;			/* days; -1: keep what was seen */
	int wait;			/* seconds to wait for the folder */
	int keep;			/* editions of the pattern; 0: all */
	bool strict;			/* a warning fails the build (1) */
	int jobs;			/* threads; 0: one per CPU, at most 8 */
};

/* DESIGN.md's exit statuses. */
enum bs_status {
	BS_OK = 0,		/* edition written */
	BS_SKIPPED = 1,		/* edition written, but inputs skipped, the
				 * history failed, or --strict warnings */
	BS_USAGE = 2,		/* bad options or stylesheets */
	BS_NOTHING = 3,		/* nothing to package */
	BS_WRITE_FAILED = 4,	/* the output could not be written */
};

struct bs_build_report {
	struct bs_error_list skipped;	/* inputs left out, with the reason */
	struct bs_error_list warnings;	/* pictures left out and the like */
	struct bs_error_list notes;	/* duplicates and other information */
	struct bs_error_list remote;	/* pictures left out: not on disk */
	struct bs_error_list removed;	/* old editions removed (--keep) */
	struct bs_error history;	/* why the history failed, if it did */
	struct bs_error fatal;		/* why nothing was written */
	char *output;			/* the path written (the pattern's) */
	size_t inputs;			/* files read */
	size_t seen;			/* left out: in a recent edition */
	size_t dropped;			/* left out by a [drop] rule */
	size_t articles;		/* articles in the edition */
	size_t sections;
	size_t images;			/* pictures packaged */
};

/**
 * Builds the edition of inputs (files and folders, whose names may hold
 * the placeholders of output/pattern.h) into opts->output.
 * Fills report (the caller frees it with build_report_finish()) and
 * returns the exit status.
 */
enum bs_status pipeline_build(char *const *inputs, size_t n_inputs,
	const struct bs_build_options *opts, struct bs_build_report *report);

void build_report_finish(struct bs_build_report *report);

enum bs_extract_format {
	BS_FORMAT_JSON,		/* DESIGN.md's contract, one line */
	BS_FORMAT_TEXT,		/* title, then the plain text */
	BS_FORMAT_HTML,		/* the sanitized body as XHTML */
};

/**
 * Extracts the articles of the input at path (a page gives one; a feed or
 * a web archive, one per item or page), formatted and separated by a
 * newline (JSON: one object per line), into *out (the caller frees).
 * Documents in it that hold no article, and damage, are added to
 * problems. Returns false with err set when there is no article at all.
 */
bool pipeline_extract(const char *path, enum bs_extract_format format,
	char **out, struct bs_error_list *problems, struct bs_error *err);

#endif
