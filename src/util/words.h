#ifndef BS_UTIL_WORDS_H
#define BS_UTIL_WORDS_H

#include <stdint.h>

/*
 * Many word lists searched in one pass: class names are matched against
 * a dozen lists of words for every element of a page, which done list by
 * list costs more than parsing the page.
 */

struct bs_words;

/**
 * Builds a matcher for up to 32 lists, each a NULL-terminated array of
 * lower-case words; lists[n_lists] need not be NULL. Never NULL; free
 * with words_destroy().
 */
struct bs_words *words_create(const char *const *const *lists, int n_lists);

void words_destroy(struct bs_words *w);

/**
 * Bit i of the result is set when a word of list i occurs in s (ASCII
 * case-insensitively). NULL gives 0.
 */
uint32_t words_match(const struct bs_words *w, const char *s);

#endif
