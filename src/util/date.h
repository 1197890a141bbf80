#ifndef BS_UTIL_DATE_H
#define BS_UTIL_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/*
 * Calendar dates as news pages write them, and as an edition prints them.
 *
 * date_parse() reads the forms found in page metadata and in visible text:
 * ISO 8601 (with or without time, fraction and offset, "T" or space),
 * RFC 822/1123 as in feeds and HTTP, "November 18, 2019", "18 Nov 2019",
 * "2019/11/18", compact "20191118", and Unix times in seconds or
 * milliseconds. Month names are recognised in the languages of
 * date_format_long(). Years outside 1900..2199 are refused, so a copyright
 * line or a phone number is not taken for a date.
 */
struct bs_date {
	int year, month, day;		/* month 1..12, day 1..31 */
	int hour, minute, second;	/* valid when has_time */
	int offset;			/* minutes east of UTC, when has_offset */
	bool has_time;
	bool has_offset;
};

/**
 * Parses the whole of s (surrounding blanks allowed) into out. Returns
 * false, leaving out unspecified, when s is not one date.
 */
bool date_parse(const char *s, struct bs_date *out);

/**
 * Finds the first date inside free text such as "Posted: 2019-01-25 17:33"
 * or "Updated January 25, 2019 at 5pm". Returns false when there is none.
 */
bool date_find(const char *text, struct bs_date *out);

/** True for a valid Gregorian date (time fields are checked when set). */
bool date_valid(const struct bs_date *d);

/**
 * Writes ISO 8601 into out (at least 32 bytes): "2019-11-18" for a date,
 * "2019-11-18T10:00:00" with a time, "...+01:00" or "...Z" with an offset.
 */
void date_format_iso(const struct bs_date *d, char *out, size_t n);

/**
 * Writes the date the way a reader of language lang (a BCP 47 tag, may be
 * NULL for English) expects it, e.g. "28 November 2026", "November 28,
 * 2026" (en-US), "28 novembre 2026", "28. November 2026", "2026年11月28日".
 * With weekday, the day of the week leads ("Saturday, 28 November 2026").
 * Unknown languages get ISO 8601.
 */
void date_format_long(const struct bs_date *d, const char *lang, bool weekday,
	char *out, size_t n);

/** The date (no time) of t in the local time zone. */
void date_from_time(time_t t, struct bs_date *out);

/** Days since 1970-01-01 of the calendar date in d (time ignored). */
long date_days(const struct bs_date *d);

/** Seconds since the epoch of d, in UTC (offset applied when present). */
long long date_to_unix(const struct bs_date *d);

/** 0 = Sunday .. 6 = Saturday. */
int date_weekday(const struct bs_date *d);

#endif
