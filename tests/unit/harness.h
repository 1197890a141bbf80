#ifndef BS_TESTS_HARNESS_H
#define BS_TESTS_HARNESS_H

/*
 * A tiny test harness in the manner of cmark's api_test: checks that count
 * failures and print where they happened, subtests registered by name
 * ("date@iso") so that meson can run each one on its own:
 *
 *	static void iso(void) { STR_EQ(format("2019-11-18"), "2019-11-18"); }
 *	static const struct subtest tests[] = {{"iso", iso}, {NULL, NULL}};
 *	int main(int argc, char **argv) { return run(argc, argv, tests); }
 *
 * Run with no argument, every subtest runs; with a name, only that one.
 * The exit status is the number of failed checks (at most 100), 77 when
 * the subtest asks to be skipped.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct subtest {
	const char *name;
	void (*run)(void);
};

static int failures;
static int skipped;

#define OK(cond, ...) do { \
	if (!(cond)) { \
		failures++; \
		fprintf(stderr, "%s:%d: FAIL: %s ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
	} \
} while (0)

#define INT_EQ(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ != w_) { \
		failures++; \
		fprintf(stderr, "%s:%d: FAIL: %s is %lld, want %lld\n", \
			__FILE__, __LINE__, #got, g_, w_); \
	} \
} while (0)

#define STR_EQ(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if ((g_ == NULL) != (w_ == NULL) || (g_ && strcmp(g_, w_) != 0)) { \
		failures++; \
		fprintf(stderr, "%s:%d: FAIL: %s is \"%s\", want \"%s\"\n", \
			__FILE__, __LINE__, #got, g_ ? g_ : "(null)", \
			w_ ? w_ : "(null)"); \
	} \
} while (0)

/* Marks the running subtest as skipped, with a reason on stderr. */
#define SKIP(...) do { \
	fprintf(stderr, "SKIP: " __VA_ARGS__); \
	fputc('\n', stderr); \
	skipped = 1; \
	return; \
} while (0)

static inline int run(int argc, char **argv, const struct subtest *tests)
{
	int ran = 0;
	for (const struct subtest *t = tests; t->name; t++) {
		if (argc > 1 && strcmp(argv[1], t->name) != 0) {
			continue;
		}
		int before = failures;
		t->run();
		fprintf(stderr, "%s: %s\n", t->name, failures > before ? "FAIL"
			: skipped ? "skipped" : "ok");
		ran++;
	}
	if (!ran) {
		fprintf(stderr, "no subtest named %s\n", argc > 1 ? argv[1] : "");
		return 99;
	}
	if (failures) {
		return failures > 100 ? 100 : failures;
	}
	return skipped ? 77 : 0;
}

#endif
