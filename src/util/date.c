#include "util/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct lang_dates {
	const char *lang;	/* primary subtag */
	const char *months[12];	/* as written after a day number */
	const char *weekdays[7];	/* Sunday first */
	/* printf pattern; arguments: weekday, day, month name, year */
	const char *pattern;
	const char *pattern_weekday;
};

/*
 * Patterns take their arguments by position ("%2$d") so that each language
 * orders day, month and year its own way.
 */
static const struct lang_dates langs[] = {
	{"en", {"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"},
		{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
		"Friday", "Saturday"},
		"%2$d %3$s %4$d", "%1$s, %2$d %3$s %4$d"},
	{"fr", {"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
		"août", "septembre", "octobre", "novembre", "décembre"},
		{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
		"samedi"},
		"%2$d %3$s %4$d", "%1$s %2$d %3$s %4$d"},
	{"de", {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
		"August", "September", "Oktober", "November", "Dezember"},
		{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag",
		"Freitag", "Samstag"},
		"%2$d. %3$s %4$d", "%1$s, %2$d. %3$s %4$d"},
	{"es", {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
		"agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes",
		"sábado"},
		"%2$d de %3$s de %4$d", "%1$s, %2$d de %3$s de %4$d"},
	{"it", {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
		"luglio", "agosto", "settembre", "ottobre", "novembre",
		"dicembre"},
		{"domenica", "lunedì", "martedì", "mercoledì", "giovedì",
		"venerdì", "sabato"},
		"%2$d %3$s %4$d", "%1$s %2$d %3$s %4$d"},
	{"pt", {"janeiro", "fevereiro", "março", "abril", "maio", "junho",
		"julho", "agosto", "setembro", "outubro", "novembro",
		"dezembro"},
		{"domingo", "segunda-feira", "terça-feira", "quarta-feira",
		"quinta-feira", "sexta-feira", "sábado"},
		"%2$d de %3$s de %4$d", "%1$s, %2$d de %3$s de %4$d"},
	{"nl", {"januari", "februari", "maart", "april", "mei", "juni", "juli",
		"augustus", "september", "oktober", "november", "december"},
		{"zondag", "maandag", "dinsdag", "woensdag", "donderdag",
		"vrijdag", "zaterdag"},
		"%2$d %3$s %4$d", "%1$s %2$d %3$s %4$d"},
	{"sv", {"januari", "februari", "mars", "april", "maj", "juni", "juli",
		"augusti", "september", "oktober", "november", "december"},
		{"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag",
		"lördag"},
		"%2$d %3$s %4$d", "%1$s %2$d %3$s %4$d"},
	{"da", {"januar", "februar", "marts", "april", "maj", "juni", "juli",
		"august", "september", "oktober", "november", "december"},
		{"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag",
		"lørdag"},
		"%2$d. %3$s %4$d", "%1$s den %2$d. %3$s %4$d"},
	{"nb", {"januar", "februar", "mars", "april", "mai", "juni", "juli",
		"august", "september", "oktober", "november", "desember"},
		{"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag",
		"lørdag"},
		"%2$d. %3$s %4$d", "%1$s %2$d. %3$s %4$d"},
	{"fi", {"tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta",
		"toukokuuta", "kesäkuuta", "heinäkuuta", "elokuuta",
		"syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"},
		{"sunnuntai", "maanantai", "tiistai", "keskiviikko", "torstai",
		"perjantai", "lauantai"},
		"%2$d. %3$s %4$d", "%1$s %2$d. %3$s %4$d"},
	{"pl", {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
		"lipca", "sierpnia", "września", "października", "listopada",
		"grudnia"},
		{"niedziela", "poniedziałek", "wtorek", "środa", "czwartek",
		"piątek", "sobota"},
		"%2$d %3$s %4$d", "%1$s, %2$d %3$s %4$d"},
	{"cs", {"ledna", "února", "března", "dubna", "května", "června",
		"července", "srpna", "září", "října", "listopadu", "prosince"},
		{"neděle", "pondělí", "úterý", "středa", "čtvrtek", "pátek",
		"sobota"},
		"%2$d. %3$s %4$d", "%1$s %2$d. %3$s %4$d"},
	{"ru", {"января", "февраля", "марта", "апреля", "мая", "июня", "июля",
		"августа", "сентября", "октября", "ноября", "декабря"},
		{"воскресенье", "понедельник", "вторник", "среда", "четверг",
		"пятница", "суббота"},
		"%2$d %3$s %4$d г.", "%1$s, %2$d %3$s %4$d г."},
	{"tr", {"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz",
		"Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"},
		{"Pazar", "Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma",
		"Cumartesi"},
		"%2$d %3$s %4$d", "%2$d %3$s %4$d %1$s"},
	{"id", {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
		"Agustus", "September", "Oktober", "November", "Desember"},
		{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"},
		"%2$d %3$s %4$d", "%1$s, %2$d %3$s %4$d"},
};

/* Forms seen in text that the formatting table does not hold. */
static const struct {
	const char *name;
	int month;
} extra_months[] = {
	{"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6},
	{"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10},
	{"nov", 11}, {"dec", 12},
	{"janv", 1}, {"févr", 2}, {"fevrier", 2}, {"avr", 4}, {"juil", 7},
	{"aout", 8}, {"déc", 12}, {"decembre", 12},
	{"mär", 3}, {"maerz", 3}, {"okt", 10}, {"dez", 12},
	{"ene", 1}, {"abr", 4}, {"ago", 8}, {"dic", 12}, {"setiembre", 9},
	{"fev", 2}, {"set", 9}, {"out", 10}, {"marco", 3},
	{"gen", 1}, {"mag", 5}, {"giu", 6}, {"lug", 7}, {"ott", 10},
	{"mrt", 3}, {"mei", 5},
	{"январь", 1}, {"февраль", 2}, {"март", 3}, {"апрель", 4}, {"май", 5},
	{"июнь", 6}, {"июль", 7}, {"август", 8}, {"сентябрь", 9},
	{"октябрь", 10}, {"ноябрь", 11}, {"декабрь", 12},
	{"Января", 1}, {"Февраля", 2}, {"Марта", 3}, {"Апреля", 4}, {"Мая", 5},
	{"Июня", 6}, {"Июля", 7}, {"Августа", 8}, {"Сентября", 9},
	{"Октября", 10}, {"Ноября", 11}, {"Декабря", 12},
};

static const struct {
	const char *name;
	int offset;
} zones[] = {
	{"UTC", 0}, {"GMT", 0}, {"Z", 0}, {"UT", 0},
	{"BST", 60}, {"CET", 60}, {"CEST", 120}, {"EET", 120}, {"EEST", 180},
	{"MSK", 180}, {"IST", 330}, {"JST", 540}, {"KST", 540},
	{"AEST", 600}, {"AEDT", 660},
	{"EST", -300}, {"EDT", -240}, {"CST", -360}, {"CDT", -300},
	{"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420},
};

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool date_valid(const struct bs_date *d)
{
	if (d->year < 1900 || d->year > 2199 || d->month < 1 || d->month > 12
			|| d->day < 1 || d->day > days_in_month(d->year, d->month)) {
		return false;
	}
	if (d->has_time && (d->hour < 0 || d->hour > 23 || d->minute < 0
			|| d->minute > 59 || d->second < 0 || d->second > 60)) {
		return false;
	}
	return !d->has_offset || (d->offset >= -16 * 60 && d->offset <= 16 * 60);
}

long date_days(const struct bs_date *d)
{
	/* Howard Hinnant's days_from_civil */
	long y = d->year - (d->month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d->month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + d->day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long long date_to_unix(const struct bs_date *d)
{
	long long t = (long long)date_days(d) * 86400;
	if (d->has_time) {
		t += d->hour * 3600 + d->minute * 60 + d->second;
	}
	if (d->has_offset) {
		t -= d->offset * 60;
	}
	return t;
}

int date_weekday(const struct bs_date *d)
{
	long days = date_days(d);
	/* 1970-01-01 was a Thursday */
	long w = (days + 4) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

void date_from_time(time_t t, struct bs_date *out)
{
	struct tm tm;
	localtime_r(&t, &tm);
	memset(out, 0, sizeof(*out));
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
}

static void from_unix(long long t, struct bs_date *out)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	memset(out, 0, sizeof(*out));
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
	out->hour = tm.tm_hour;
	out->minute = tm.tm_min;
	out->second = tm.tm_sec;
	out->has_time = out->has_offset = true;
}

/* Reads exactly n digits at *p. */
static bool digits(const char **p, int n, int *value)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i])) {
			return false;
		}
		v = v * 10 + (*p)[i] - '0';
	}
	*p += n;
	*value = v;
	return true;
}

static const char *skip_blank(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
		p++;
	}
	return p;
}

/* "Z", "+01:00", "+0100", "+01", " UTC", " GMT+1"; *p is advanced. */
static bool parse_offset(const char **pp, struct bs_date *d)
{
	const char *p = skip_blank(*pp);
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		size_t n = strlen(zones[i].name);
		if (strncasecmp(p, zones[i].name, n) == 0
				&& !isalpha((unsigned char)p[n])) {
			d->has_offset = true;
			d->offset = zones[i].offset;
			p += n;
			if (*p != '+' && *p != '-') {
				*pp = p;
				return true;
			}
			break;
		}
	}
	if (*p == '+' || *p == '-' || (*p == '\xe2' && p[1] == '\x88'
			&& p[2] == '\x92')) {
		int sign = *p == '+' ? 1 : -1;
		p += *p == '\xe2' ? 3 : 1;
		int h, m = 0;
		if (!digits(&p, 2, &h)) {
			const char *q = p;
			if (!digits(&q, 1, &h)) {
				return false;
			}
			p = q;
		} else if (*p == ':') {
			p++;
			if (!digits(&p, 2, &m)) {
				return false;
			}
		} else if (isdigit((unsigned char)*p)) {
			if (!digits(&p, 2, &m)) {
				return false;
			}
		}
		d->has_offset = true;
		d->offset = sign * (h * 60 + m);
		*pp = p;
		return true;
	}
	if (d->has_offset) {
		*pp = p;
		return true;
	}
	return false;
}

/* HH:MM[:SS[.fff]] [am|pm]; *p is advanced. */
static bool parse_clock(const char **pp, struct bs_date *d)
{
	const char *p = *pp;
	int h, m, s = 0;
	if (!digits(&p, 2, &h)) {
		if (!digits(&p, 1, &h)) {
			return false;
		}
	}
	if (*p != ':' && *p != '.' && *p != 'h') {
		/* "5pm" */
		const char *q = skip_blank(p);
		if ((strncasecmp(q, "am", 2) == 0 || strncasecmp(q, "pm", 2) == 0)
				&& !isalpha((unsigned char)q[2]) && h >= 1 && h <= 12) {
			d->hour = h % 12 + (tolower((unsigned char)*q) == 'p' ? 12 : 0);
			d->minute = d->second = 0;
			d->has_time = true;
			*pp = q + 2;
			return true;
		}
		return false;
	}
	p++;
	if (!digits(&p, 2, &m)) {
		return false;
	}
	if (*p == ':' && isdigit((unsigned char)p[1])) {
		p++;
		if (!digits(&p, 2, &s)) {
			return false;
		}
		if (*p == '.' || *p == ',') {
			const char *q = p + 1;
			while (isdigit((unsigned char)*q)) {
				q++;
			}
			if (q > p + 1) {
				p = q;
			}
		}
	}
	const char *q = skip_blank(p);
	if ((strncasecmp(q, "am", 2) == 0 || strncasecmp(q, "pm", 2) == 0
			|| strncasecmp(q, "a.m.", 4) == 0
			|| strncasecmp(q, "p.m.", 4) == 0) && h >= 1 && h <= 12) {
		bool pm = tolower((unsigned char)*q) == 'p';
		h = h % 12 + (pm ? 12 : 0);
		p = q + (q[1] == '.' ? 4 : 2);
	}
	d->hour = h;
	d->minute = m;
	d->second = s;
	d->has_time = true;
	*pp = p;
	return true;
}

/* ISO 8601 and its common relatives, anchored at *pp. */
static bool parse_iso(const char **pp, struct bs_date *d)
{
	const char *p = *pp;
	memset(d, 0, sizeof(*d));
	if (!digits(&p, 4, &d->year)) {
		return false;
	}
	char sep = *p;
	if (sep == '-' || sep == '/' || sep == '.') {
		p++;
		if (!digits(&p, 2, &d->month)) {
			if (!digits(&p, 1, &d->month)) {
				return false;
			}
		}
		if (*p != sep) {
			return false;
		}
		p++;
		if (!digits(&p, 2, &d->day)) {
			if (!digits(&p, 1, &d->day)) {
				return false;
			}
		}
	} else if (!digits(&p, 2, &d->month) || !digits(&p, 2, &d->day)) {
		return false;
	}
	if (isdigit((unsigned char)*p)) {
		return false;
	}
	const char *q = p;
	if (*q == 'T' || *q == 't' || *q == ' ' || *q == '_') {
		q++;
		struct bs_date t = *d;
		if (parse_clock(&q, &t)) {
			*d = t;
			p = q;
			parse_offset(&p, d);
		}
	}
	*pp = p;
	return date_valid(d);
}

bool date_parse(const char *s, struct bs_date *out)
{
	if (!s) {
		return false;
	}
	const char *p = skip_blank(s);
	const char *q = p;
	struct bs_date d;
	if (parse_iso(&q, &d) && *skip_blank(q) == '\0') {
		*out = d;
		return true;
	}
	/* Unix time, in seconds or milliseconds */
	size_t n = strspn(p, "0123456789");
	if ((n == 10 || n == 13) && *skip_blank(p + n) == '\0') {
		long long t = strtoll(p, NULL, 10);
		if (n == 13) {
			t /= 1000;
		}
		from_unix(t, &d);
		if (date_valid(&d)) {
			*out = d;
			return true;
		}
		return false;
	}
	if (strlen(p) > 80) {
		return false;
	}
	return date_find(p, out);
}

static int month_by_name(const char *w, size_t n)
{
	char word[48];
	if (n == 0 || n >= sizeof(word)) {
		return 0;
	}
	memcpy(word, w, n);
	word[n] = '\0';
	for (size_t l = 0; l < sizeof(langs) / sizeof(langs[0]); l++) {
		for (int m = 0; m < 12; m++) {
			if (strcasecmp(word, langs[l].months[m]) == 0) {
				return m + 1;
			}
		}
	}
	for (size_t i = 0; i < sizeof(extra_months) / sizeof(extra_months[0]);
			i++) {
		if (strcasecmp(word, extra_months[i].name) == 0) {
			return extra_months[i].month;
		}
	}
	/* English and German words are often abbreviated to four letters */
	if (n >= 3 && n <= 5) {
		for (int m = 0; m < 12; m++) {
			if (strncasecmp(word, langs[0].months[m], n) == 0) {
				return m + 1;
			}
		}
	}
	return 0;
}

enum tok_kind { TOK_NUM, TOK_WORD };

struct token {
	enum tok_kind kind;
	const char *start;
	size_t len;
	int value;	/* TOK_NUM */
	int month;	/* TOK_WORD naming a month */
	char after;	/* the first byte after the token */
};

static bool is_word_byte(unsigned char c)
{
	return isalpha(c) || c >= 0x80;
}

/* CJK year-month-day: 2019年1月25日, 2019년 1월 25일 */
static bool parse_cjk(const char *p, struct bs_date *d)
{
	memset(d, 0, sizeof(*d));
	char *end;
	long y = strtol(p, &end, 10);
	if (end - p != 4) {
		return false;
	}
	const char *q = end;
	bool han = strncmp(q, "年", 3) == 0;
	bool hangul = strncmp(q, "년", 3) == 0;
	if (!han && !hangul) {
		return false;
	}
	q = skip_blank(q + 3);
	long m = strtol(q, &end, 10);
	if (end == q || strncmp(end, han ? "月" : "월", 3) != 0) {
		return false;
	}
	q = skip_blank(end + 3);
	long day = strtol(q, &end, 10);
	if (end == q || strncmp(end, han ? "日" : "일", 3) != 0) {
		return false;
	}
	d->year = (int)y;
	d->month = (int)m;
	d->day = (int)day;
	q = skip_blank(end + 3);
	struct bs_date t = *d;
	if (parse_clock(&q, &t)) {
		*d = t;
	}
	return date_valid(d);
}

/* A time after a textual date: ", 10:30 AM EST", " at 5pm", " 10:00:00 +0000" */
static void parse_trailing_time(const char *p, struct bs_date *d)
{
	p = skip_blank(p);
	if (*p == ',') {
		p = skip_blank(p + 1);
	}
	if (strncasecmp(p, "at ", 3) == 0) {
		p = skip_blank(p + 3);
	} else if (*p == '-' || *p == '|' || strncmp(p, "\xc2\xb7", 2) == 0) {
		p = skip_blank(p + (*p == '\xc2' ? 2 : 1));
	}
	struct bs_date t = *d;
	if (parse_clock(&p, &t)) {
		*d = t;
		parse_offset(&p, d);
		if (!date_valid(d)) {
			d->has_offset = false;
		}
	}
}

/*
 * The index of the day number before the month word at i: right before it,
 * or before a short joining word ("18 de noviembre"); -1 when there is none.
 */
static long day_before(const struct token *toks, size_t i)
{
	if (i >= 1 && toks[i - 1].kind == TOK_NUM && toks[i - 1].len <= 2) {
		return (long)i - 1;
	}
	if (i >= 2 && toks[i - 1].kind == TOK_WORD && toks[i - 1].len <= 3
			&& !toks[i - 1].month && toks[i - 2].kind == TOK_NUM
			&& toks[i - 2].len <= 2) {
		return (long)i - 2;
	}
	return -1;
}

bool date_find(const char *text, struct bs_date *out)
{
	if (!text) {
		return false;
	}
	enum { MAX_TOKENS = 4096 };
	struct token toks[64];
	size_t count = 0;
	const char *p = text;
	size_t scanned = 0;
	while (*p && scanned < MAX_TOKENS) {
		unsigned char c = (unsigned char)*p;
		if (isdigit(c)) {
			struct bs_date d;
			const char *q = p;
			if ((p == text || !isdigit((unsigned char)p[-1]))
					&& parse_iso(&q, &d)) {
				*out = d;
				return true;
			}
			if (parse_cjk(p, &d)) {
				*out = d;
				return true;
			}
			q = p;
			while (isdigit((unsigned char)*q)) {
				q++;
			}
			/* "25.01.2019" (day.month.year) */
			int day, month, year;
			const char *r = p;
			if ((q - p == 1 || q - p == 2) && *q == '.') {
				if (digits(&r, (int)(q - p), &day) && *r == '.'
						&& (r++, digits(&r, 2, &month)
						|| digits(&r, 1, &month)) && *r == '.'
						&& (r++, digits(&r, 4, &year))
						&& !isdigit((unsigned char)*r)) {
					memset(&d, 0, sizeof(d));
					d.year = year;
					d.month = month;
					d.day = day;
					if (date_valid(&d)) {
						parse_trailing_time(r, &d);
						*out = d;
						return true;
					}
				}
			}
			if (count < sizeof(toks) / sizeof(toks[0]) && q - p <= 4) {
				struct token *t = &toks[count++];
				t->kind = TOK_NUM;
				t->start = p;
				t->len = (size_t)(q - p);
				t->value = atoi(p);
				t->month = 0;
				t->after = *q;
			}
			/* skip ordinal suffixes: 1st, 22nd, 3rd, 4th */
			if (q - p <= 2 && (strncasecmp(q, "st", 2) == 0
					|| strncasecmp(q, "nd", 2) == 0
					|| strncasecmp(q, "rd", 2) == 0
					|| strncasecmp(q, "th", 2) == 0)
					&& !is_word_byte((unsigned char)q[2])) {
				q += 2;
				if (count) {
					toks[count - 1].after = *q;
				}
			}
			p = q;
		} else if (is_word_byte(c)) {
			const char *q = p;
			while (is_word_byte((unsigned char)*q)) {
				q++;
			}
			int month = month_by_name(p, (size_t)(q - p));
			if (count < sizeof(toks) / sizeof(toks[0])) {
				struct token *t = &toks[count++];
				t->kind = TOK_WORD;
				t->start = p;
				t->len = (size_t)(q - p);
				t->value = 0;
				t->month = month;
				t->after = *q;
			}
			p = q;
		} else {
			p++;
		}
		scanned++;
		if (count == sizeof(toks) / sizeof(toks[0])) {
			/* keep a window: drop the oldest half */
			memmove(toks, toks + 32, 32 * sizeof(toks[0]));
			count = 32;
		}
		/* try to complete a textual date ending at the last token */
		for (size_t i = 0; i < count; i++) {
			if (toks[i].kind != TOK_WORD || !toks[i].month) {
				continue;
			}
			struct bs_date d;
			memset(&d, 0, sizeof(d));
			d.month = toks[i].month;
			const char *end = NULL;
			/* Month Day, Year */
			if (i + 2 < count && toks[i + 1].kind == TOK_NUM
					&& toks[i + 1].len <= 2
					&& toks[i + 2].kind == TOK_NUM
					&& toks[i + 2].len == 4) {
				d.day = toks[i + 1].value;
				d.year = toks[i + 2].value;
				end = toks[i + 2].start + 4;
			/* Day Month Year, Day. Month Year, Day de Month de Year */
			} else if (day_before(toks, i) >= 0) {
				size_t dayi = (size_t)day_before(toks, i);
				size_t y = i + 1;
				if (y < count && toks[y].kind == TOK_WORD
						&& toks[y].len <= 3) {
					y++;
				}
				if (y < count && toks[y].kind == TOK_NUM
						&& toks[y].len == 4) {
					d.day = toks[dayi].value;
					d.year = toks[y].value;
					end = toks[y].start + 4;
				}
			}
			if (end && date_valid(&d)) {
				parse_trailing_time(end, &d);
				*out = d;
				return true;
			}
		}
	}
	return false;
}

void date_format_iso(const struct bs_date *d, char *out, size_t n)
{
	if (!d->has_time) {
		snprintf(out, n, "%04d-%02d-%02d", d->year, d->month, d->day);
		return;
	}
	char zone[16] = "";
	if (d->has_offset && d->offset == 0) {
		snprintf(zone, sizeof(zone), "Z");
	} else if (d->has_offset) {
		int o = d->offset < 0 ? -d->offset : d->offset;
		snprintf(zone, sizeof(zone), "%c%02d:%02d",
			d->offset < 0 ? '-' : '+', o / 60, o % 60);
	}
	snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d%s", d->year, d->month,
		d->day, d->hour, d->minute, d->second, zone);
}

static const struct lang_dates *lang_lookup(const char *lang)
{
	char primary[8] = "en";
	if (lang && *lang) {
		size_t n = strcspn(lang, "-_");
		if (n < sizeof(primary)) {
			memcpy(primary, lang, n);
			primary[n] = '\0';
		}
	}
	if (strcasecmp(primary, "no") == 0 || strcasecmp(primary, "nn") == 0) {
		snprintf(primary, sizeof(primary), "nb");
	}
	for (size_t l = 0; l < sizeof(langs) / sizeof(langs[0]); l++) {
		if (strcasecmp(primary, langs[l].lang) == 0) {
			return &langs[l];
		}
	}
	return NULL;
}

void date_format_long(const struct bs_date *d, const char *lang, bool weekday,
	char *out, size_t n)
{
	static const char *cjk_weekdays_ja[7] = {"日曜日", "月曜日", "火曜日",
		"水曜日", "木曜日", "金曜日", "土曜日"};
	static const char *cjk_weekdays_zh[7] = {"星期日", "星期一", "星期二",
		"星期三", "星期四", "星期五", "星期六"};
	static const char *weekdays_ko[7] = {"일요일", "월요일", "화요일",
		"수요일", "목요일", "금요일", "토요일"};
	int wd = date_weekday(d);
	char primary[4] = "";
	if (lang) {
		snprintf(primary, sizeof(primary), "%.*s",
			(int)strcspn(lang, "-_"), lang);
	}
	if (strcasecmp(primary, "ja") == 0 || strcasecmp(primary, "zh") == 0) {
		const char **w = primary[0] == 'j' || primary[0] == 'J'
			? cjk_weekdays_ja : cjk_weekdays_zh;
		snprintf(out, n, "%d年%d月%d日%s%s", d->year, d->month, d->day,
			weekday ? " " : "", weekday ? w[wd] : "");
		return;
	}
	if (strcasecmp(primary, "ko") == 0) {
		snprintf(out, n, "%d년 %d월 %d일%s%s", d->year, d->month, d->day,
			weekday ? " " : "", weekday ? weekdays_ko[wd] : "");
		return;
	}
	const struct lang_dates *l = lang_lookup(lang);
	if (!l) {
		date_format_iso(d, out, n);
		return;
	}
	const char *month = l->months[d->month - 1];
	bool us = l == &langs[0] && lang && (strcasecmp(lang, "en-US") == 0
		|| strcasecmp(lang, "en_US") == 0);
	const char *pattern = weekday ? l->pattern_weekday : l->pattern;
	if (us) {
		pattern = weekday ? "%1$s, %3$s %2$d, %4$d" : "%3$s %2$d, %4$d";
	}
	snprintf(out, n, pattern, l->weekdays[wd], d->day, month, d->year);
}
