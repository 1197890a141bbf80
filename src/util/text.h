#ifndef BS_UTIL_TEXT_H
#define BS_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * UTF-8 text helpers shared by the stages. All take and return UTF-8;
 * returned strings are the caller's to free.
 */

/** True when s (len bytes) is well-formed UTF-8. */
bool utf8_valid(const char *s, size_t len);

/**
 * Length in bytes of the UTF-8 sequence starting at s (1 for an invalid
 * byte), and its code point in *cp when cp is not NULL (U+FFFD when
 * invalid). s must be NUL-terminated or have at least 4 readable bytes.
 */
size_t utf8_decode(const char *s, unsigned *cp);

/**
 * Length in bytes of the well-formed UTF-8 sequence at s, of which len
 * bytes (at least 1) may be read, and its code point in *cp when cp is not
 * NULL; 0 when the bytes there are not well-formed UTF-8 (a stray
 * continuation byte, a sequence cut short, an overlong form, a surrogate,
 * beyond U+10FFFF), and *cp is then left alone. Unlike utf8_decode(), s
 * need not be terminated.
 */
size_t utf8_decode_strict(const char *s, size_t len, unsigned *cp);

/** Appends the UTF-8 encoding of cp to out (at least 4 bytes); returns its length. */
size_t utf8_encode(unsigned cp, char *out);

/** True for Unicode white space, including no-break and zero-width spaces. */
bool text_is_space(unsigned cp);

/**
 * A copy of s with runs of white space (of any Unicode kind) collapsed to
 * one ASCII space and none at the ends. NULL stays NULL.
 */
char *text_collapse(const char *s);

/** True when s is NULL or holds only white space. */
bool text_blank(const char *s);

/**
 * The lower case of cp for the scripts news is written in: ASCII,
 * Latin-1 and Latin Extended-A, Greek and Cyrillic; other characters as
 * they are.
 */
unsigned text_fold(unsigned cp);

/**
 * s reduced to its letters and digits, case-folded (text_fold), for
 * comparing texts loosely: punctuation, quotes of any kind and white space
 * are gone. At most about max bytes when max is not 0. The caller frees.
 */
char *text_loose(const char *s, size_t max);

/** True when a and b have the same letters and digits, and have some. */
bool text_same_loose(const char *a, const char *b);

/** True when s starts with prefix, case-folded (text_fold). */
bool text_starts_fold(const char *s, const char *prefix);

/**
 * The first of prefixes (NULL-terminated) that s starts with,
 * case-folded (text_fold), or NULL when none.
 */
const char *text_starts_any_fold(const char *s, const char *const *prefixes);

/** Number of words in s: runs of letters and digits; each CJK character counts as one. */
size_t text_word_count(const char *s);

/** Number of characters (code points) in s, not counting white space. */
size_t text_char_count(const char *s);

/** ASCII case-insensitive search for needle in hay. */
const char *text_find_ci(const char *hay, const char *needle);

/**
 * True when one of words (NULL-terminated, lower case) occurs in s, ASCII
 * case-insensitively. One pass over s, however many words.
 */
bool text_has_any_ci(const char *s, const char *const *words);

/** True when s starts with prefix, ASCII case-insensitively. */
bool text_starts_ci(const char *s, const char *prefix);

/**
 * A copy of s in title case for section names: "world-news" and
 * "WORLD NEWS" give "World News"; "-" and "_" become spaces.
 */
char *text_title_case(const char *s);

/**
 * A copy of s with character references left in metadata decoded:
 * "&#8216;", "&#x2019;", "&amp;", "&quot;", "&lt;", "&gt;", "&apos;",
 * "&nbsp;". Pages that escape twice leave them in attribute values.
 */
char *text_decode_entities(const char *s);

/** ASCII lower-case copy. */
char *text_lower(const char *s);

/** ASCII upper-case copy. */
char *text_upper(const char *s);

/** Removes trailing and leading white space in place; returns s. */
char *text_trim(char *s);

/**
 * Removes, in place, the characters for which drop() is true from both
 * ends of s; returns s. NULL stays NULL.
 */
char *text_strip(char *s, bool (*drop)(unsigned cp));

#endif
