#include "extract/textdump/dump.h"

#include <string.h>

#include "util/text.h"

bool dump_is_upper(unsigned cp)
{
	return text_fold(cp) != cp;
}

bool dump_is_lower(unsigned cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 0xdf && cp != 0xf7
		&& cp < 0x250 && !dump_is_upper(cp));
}

unsigned dump_first_char(const char *s)
{
	unsigned cp = 0;
	if (*s) {
		utf8_decode(s, &cp);
	}
	return cp;
}

unsigned dump_last_char(const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		size_t start = n - 1;
		while (start > 0 && ((unsigned char)s[start] & 0xc0) == 0x80) {
			start--;
		}
		unsigned cp;
		utf8_decode(s + start, &cp);
		bool closing = (cp < 0x80 && strchr("\"')]* ", (int)cp))
			|| cp == 0x201d || cp == 0x2019 || cp == 0xbb
			|| cp == 0x201c || cp == 0x2018 || cp == 0xa0
			|| cp == 0x203a;
		if (!closing) {
			return cp;
		}
		n = start;
	}
	return 0;
}
