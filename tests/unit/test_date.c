/* util/date: parsing dates as pages write them, formatting them back. */
#include <stdbool.h>

#include "util/date.h"

#include "harness.h"

/* Parses s and formats the result as ISO 8601; "FAIL" when refused. */
static const char *iso_of(const char *s)
{
	static char out[64];
	struct bs_date d;
	if (!date_parse(s, &d)) {
		return "FAIL";
	}
	date_format_iso(&d, out, sizeof(out));
	return out;
}

static const char *found_in(const char *text)
{
	static char out[64];
	struct bs_date d;
	if (!date_find(text, &d)) {
		return "FAIL";
	}
	date_format_iso(&d, out, sizeof(out));
	return out;
}

static void iso(void)
{
	struct bs_date d;
	OK(date_parse("2019-11-18", &d), "date only");
	INT_EQ(d.year, 2019);
	INT_EQ(d.month, 11);
	INT_EQ(d.day, 18);
	OK(!d.has_time, "no time");
	OK(!d.has_offset, "no offset");

	OK(date_parse("2019-11-18T10:30:15", &d), "with T");
	OK(d.has_time && !d.has_offset, "time, no offset");
	INT_EQ(d.hour, 10);
	INT_EQ(d.minute, 30);
	INT_EQ(d.second, 15);

	STR_EQ(iso_of("  2019-11-18  "), "2019-11-18");
	STR_EQ(iso_of("2019-11-18 10:30"), "2019-11-18T10:30:00");
	STR_EQ(iso_of("2019-11-18T10:30:15.123"), "2019-11-18T10:30:15");
	STR_EQ(iso_of("2019-11-18T10:30:15.123456Z"), "2019-11-18T10:30:15Z");
	STR_EQ(iso_of("2019-11-18T10:30:15Z"), "2019-11-18T10:30:15Z");
	STR_EQ(iso_of("2019-11-18T10:30:15+01:00"),
		"2019-11-18T10:30:15+01:00");
	STR_EQ(iso_of("2019-11-18T10:30:15+0100"), "2019-11-18T10:30:15+01:00");
	STR_EQ(iso_of("2019-11-18T10:30:15-05"), "2019-11-18T10:30:15-05:00");
	STR_EQ(iso_of("2019-11-18T10:30:15.5+05:30"),
		"2019-11-18T10:30:15+05:30");
	STR_EQ(iso_of("2019-11-18 10:30:15 +0000"), "2019-11-18T10:30:15Z");

	OK(date_parse("2019-11-18T10:30:15-05:00", &d), "negative offset");
	OK(d.has_offset, "has offset");
	INT_EQ(d.offset, -300);
	OK(date_parse("2019-11-18T10:30:15+0100", &d), "+0100");
	INT_EQ(d.offset, 60);
}

static void rfc822(void)
{
	struct bs_date d;
	OK(date_parse("Mon, 18 Nov 2019 10:00:00 GMT", &d), "RFC 822 GMT");
	INT_EQ(d.year, 2019);
	INT_EQ(d.month, 11);
	INT_EQ(d.day, 18);
	INT_EQ(d.hour, 10);
	OK(d.has_offset && d.offset == 0, "GMT is UTC");
	STR_EQ(iso_of("Mon, 18 Nov 2019 10:00:00 GMT"), "2019-11-18T10:00:00Z");
	STR_EQ(iso_of("Mon, 18 Nov 2019 10:00:00 +0000"),
		"2019-11-18T10:00:00Z");
	STR_EQ(iso_of("Mon, 18 Nov 2019 10:00:00 EST"),
		"2019-11-18T10:00:00-05:00");
	STR_EQ(iso_of("Mon, 18 Nov 2019 10:00:00 +0530"),
		"2019-11-18T10:00:00+05:30");
}

static void textual(void)
{
	STR_EQ(iso_of("November 18, 2019"), "2019-11-18");
	STR_EQ(iso_of("Nov. 18, 2019 10:30 AM"), "2019-11-18T10:30:00");
	STR_EQ(iso_of("Nov 18, 2019 10:30 PM"), "2019-11-18T22:30:00");
	STR_EQ(iso_of("Nov 18, 2019 12:05 AM"), "2019-11-18T00:05:00");
	STR_EQ(iso_of("18 November 2019"), "2019-11-18");
	STR_EQ(iso_of("18 Nov 2019"), "2019-11-18");
	STR_EQ(iso_of("November 1st, 2019"), "2019-11-01");
}

static void languages(void)
{
	STR_EQ(iso_of("18. November 2019"), "2019-11-18");
	STR_EQ(iso_of("18. März 2019"), "2019-03-18");
	STR_EQ(iso_of("18 de noviembre de 2019"), "2019-11-18");
	STR_EQ(iso_of("27 novembre 2026"), "2026-11-27");
	STR_EQ(iso_of("27 février 2026"), "2026-02-27");
	STR_EQ(iso_of("27 ноября 2026"), "2026-11-27");
	STR_EQ(iso_of("27 ноября 2026 г."), "2026-11-27");
}

static void numeric(void)
{
	STR_EQ(iso_of("2019/11/18"), "2019-11-18");
	STR_EQ(iso_of("2019/1/8"), "2019-01-08");
	STR_EQ(iso_of("20191118"), "2019-11-18");
	STR_EQ(iso_of("18.11.2019"), "2019-11-18");
}

static void unix_time(void)
{
	/* 1574071200 is 2019-11-18T10:00:00Z */
	STR_EQ(iso_of("1574071200"), "2019-11-18T10:00:00Z");
	STR_EQ(iso_of("1574071200000"), "2019-11-18T10:00:00Z");
	STR_EQ(iso_of("1574071200123"), "2019-11-18T10:00:00Z");
	/* neither seconds nor milliseconds */
	STR_EQ(iso_of("157407120"), "FAIL");
}

static void cjk(void)
{
	STR_EQ(iso_of("2019年11月18日"), "2019-11-18");
	STR_EQ(iso_of("2019年1月8日"), "2019-01-08");
	STR_EQ(iso_of("2019년 11월 18일"), "2019-11-18");
	STR_EQ(iso_of("2019年11月18日 10:30"), "2019-11-18T10:30:00");
}

static void refusals(void)
{
	struct bs_date d;
	OK(!date_parse("garbage", &d), "garbage");
	OK(!date_parse("", &d), "empty");
	OK(!date_parse(NULL, &d), "NULL");
	OK(!date_parse("2019", &d), "a year alone");
	OK(!date_parse("©2019 Company", &d), "copyright line");
	OK(!date_parse("1850-01-01", &d), "year 1850");
	OK(!date_parse("January 1, 1850", &d), "year 1850 in words");
	OK(!date_parse("2250-01-01", &d), "year 2250");
	OK(!date_parse("2019-02-30", &d), "30 February");
	OK(!date_parse("2019-02-29", &d), "29 February 2019");
	OK(date_parse("2020-02-29", &d), "29 February 2020 is a leap day");
	OK(!date_parse("13/13/2019", &d), "month 13");
	OK(!date_parse("2019-13-01", &d), "month 13, ISO");
	OK(!date_parse("2019-11-18T25:00:00", &d) || !d.has_time,
		"hour 25 read as a time");
	OK(!date_parse("+1 (555) 201-9000", &d), "phone number");
}

static void find(void)
{
	STR_EQ(found_in("Posted : 2019-01-25 17:33"), "2019-01-25T17:33:00");
	STR_EQ(found_in("Updated January 25, 2019 at 5pm"),
		"2019-01-25T17:00:00");
	STR_EQ(found_in("By Jane Doe | 25 January 2019, 10:15 CET"),
		"2019-01-25T10:15:00+01:00");
	STR_EQ(found_in("Published on 25.01.2019"), "2019-01-25");
	STR_EQ(found_in("no date in here, only 42 words"), "FAIL");
	struct bs_date d;
	OK(!date_find(NULL, &d), "NULL text");
}

static void format_iso(void)
{
	char out[64];
	struct bs_date d = {.year = 2026, .month = 11, .day = 28};
	date_format_iso(&d, out, sizeof(out));
	STR_EQ(out, "2026-11-28");
	d.has_time = true;
	d.hour = 9;
	d.minute = 5;
	d.second = 7;
	date_format_iso(&d, out, sizeof(out));
	STR_EQ(out, "2026-11-28T09:05:07");
	d.has_offset = true;
	d.offset = 0;
	date_format_iso(&d, out, sizeof(out));
	STR_EQ(out, "2026-11-28T09:05:07Z");
	d.offset = 60;
	date_format_iso(&d, out, sizeof(out));
	STR_EQ(out, "2026-11-28T09:05:07+01:00");
	d.offset = -330;
	date_format_iso(&d, out, sizeof(out));
	STR_EQ(out, "2026-11-28T09:05:07-05:30");
	/* an offset without a time is not written */
	d.has_time = false;
	date_format_iso(&d, out, sizeof(out));
	STR_EQ(out, "2026-11-28");
}

static void format_long(void)
{
	/* 2026-11-28 is a Saturday */
	struct bs_date d = {.year = 2026, .month = 11, .day = 28};
	char out[128];
	static const struct {
		const char *lang;
		const char *plain;
		const char *weekday;
	} cases[] = {
		{NULL, "28 November 2026", "Saturday, 28 November 2026"},
		{"en", "28 November 2026", "Saturday, 28 November 2026"},
		{"en-GB", "28 November 2026", "Saturday, 28 November 2026"},
		{"en-US", "November 28, 2026", "Saturday, November 28, 2026"},
		{"fr", "28 novembre 2026", "samedi 28 novembre 2026"},
		{"fr-CA", "28 novembre 2026", "samedi 28 novembre 2026"},
		{"de", "28. November 2026", "Samstag, 28. November 2026"},
		{"es", "28 de noviembre de 2026",
			"sábado, 28 de noviembre de 2026"},
		{"ja", "2026年11月28日", "2026年11月28日 土曜日"},
		{"xx", "2026-11-28", "2026-11-28"},
		{"tlh", "2026-11-28", "2026-11-28"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		date_format_long(&d, cases[i].lang, false, out, sizeof(out));
		STR_EQ(out, cases[i].plain);
		date_format_long(&d, cases[i].lang, true, out, sizeof(out));
		STR_EQ(out, cases[i].weekday);
	}
	/* a time does not show in the long form */
	d.has_time = true;
	d.hour = 10;
	date_format_long(&d, "en", false, out, sizeof(out));
	STR_EQ(out, "28 November 2026");
}

static void arithmetic(void)
{
	struct bs_date epoch = {.year = 1970, .month = 1, .day = 1};
	INT_EQ(date_days(&epoch), 0);
	INT_EQ(date_weekday(&epoch), 4);	/* Thursday */
	INT_EQ(date_to_unix(&epoch), 0);

	struct bs_date d = {.year = 2026, .month = 11, .day = 28};
	INT_EQ(date_days(&d), 20785);
	INT_EQ(date_weekday(&d), 6);		/* Saturday */

	struct bs_date leap = {.year = 2000, .month = 3, .day = 1};
	INT_EQ(date_days(&leap), 11017);
	struct bs_date old = {.year = 1900, .month = 1, .day = 1};
	INT_EQ(date_days(&old), -25567);
	INT_EQ(date_weekday(&old), 1);		/* Monday */

	struct bs_date t = {.year = 2019, .month = 11, .day = 18,
		.hour = 10, .has_time = true};
	INT_EQ(date_to_unix(&t), 1574071200LL);
	t.has_offset = true;
	t.offset = 60;
	INT_EQ(date_to_unix(&t), 1574067600LL);
	t.offset = -300;
	INT_EQ(date_to_unix(&t), 1574089200LL);

	OK(date_valid(&d), "valid");
	struct bs_date bad = {.year = 2026, .month = 4, .day = 31};
	OK(!date_valid(&bad), "31 April");
}

static const struct subtest tests[] = {
	{"iso", iso},
	{"rfc822", rfc822},
	{"textual", textual},
	{"languages", languages},
	{"numeric", numeric},
	{"unix", unix_time},
	{"cjk", cjk},
	{"refusals", refusals},
	{"find", find},
	{"format_iso", format_iso},
	{"format_long", format_long},
	{"arithmetic", arithmetic},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
