#include "edition/quality.h"

#include <stdlib.h>
#include <string.h>

#include "util/date.h"
#include "util/text.h"

enum { DAY = 24 * 60 * 60, MAX_DATE_WORDS = 5 };

/* A date where a name should be: the whole of it, or most of it. */
static bool is_date(const char *name)
{
	struct bs_date d;
	if (date_parse(name, &d)) {
		return true;
	}
	return strpbrk(name, "0123456789") && date_find(name, &d)
		&& text_word_count(name) <= MAX_DATE_WORDS;
}

static void drop_date_authors(struct bs_article *a,
	struct bs_error_list *warnings)
{
	size_t kept = 0;
	for (size_t i = 0; i < a->n_authors; i++) {
		if (is_date(a->authors[i])) {
			error_list_addf(warnings, a->source, "byline \"%.200s\" "
				"is a date, not a name; left out", a->authors[i]);
			free(a->authors[i]);
		} else {
			a->authors[kept++] = a->authors[i];
		}
	}
	a->n_authors = kept;
}

void quality_review(struct bs_article *a, time_t now,
	struct bs_error_list *warnings)
{
	if (a->words < QUALITY_MIN_WORDS) {
		error_list_addf(warnings, a->source, "body has only %zu words; "
			"kept", a->words);
	}
	struct bs_date d;
	if (a->published && date_parse(a->published, &d)
			&& date_to_unix(&d) > (long long)now + DAY) {
		long days = (long)((date_to_unix(&d) - (long long)now) / DAY);
		error_list_addf(warnings, a->source, "dated %.40s, %ld days "
			"from now; kept", a->published, days);
	}
	drop_date_authors(a, warnings);
}
