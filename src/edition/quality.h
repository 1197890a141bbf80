#ifndef BS_EDITION_QUALITY_H
#define BS_EDITION_QUALITY_H

#include <time.h>

#include "extract/extract.h"
#include "util/error.h"

/*
 * What a cron owner wants to hear about an article that made it into the
 * edition but may not be right: one warning line each, saying what was
 * wrong and what was done.
 */

enum { QUALITY_MIN_WORDS = 50 };

/**
 * Reviews article (built at now) and adds to warnings: a body under
 * QUALITY_MIN_WORDS words (kept as it is), a published date more than a
 * day after now (kept), a byline that was a date rather than a name
 * (which extraction left out).
 */
void quality_review(const struct bs_article *article, time_t now,
	struct bs_error_list *warnings);

#endif
