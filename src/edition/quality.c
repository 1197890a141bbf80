#include "edition/quality.h"

#include "util/date.h"

enum { DAY = 24 * 60 * 60 };

void quality_review(const struct bs_article *a, time_t now,
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
	if (a->date_byline) {
		error_list_addf(warnings, a->source, "byline \"%.200s\" is a "
			"date, not a name; left out", a->date_byline);
	}
}
