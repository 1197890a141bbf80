/* pool: items worked on in parallel, their results taken in order. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/pool.h"

#include "harness.h"

enum { ITEMS = 2000 };

struct run {
	unsigned long value[ITEMS];
	bool worked[ITEMS];
	size_t next_done;	/* the item done() should see next */
	bool in_order;
	bool after_work;
	unsigned long sum;
};

static void work(void *ctx, size_t i)
{
	struct run *r = ctx;
	unsigned long v = i;
	/* some work, more for some items, so that threads overtake */
	for (size_t k = 0; k < (i % 7) * 2000; k++) {
		v = v * 6364136223846793005ul + 1442695040888963407ul;
	}
	r->value[i] = v;
	r->worked[i] = true;
}

static void done(void *ctx, size_t i)
{
	struct run *r = ctx;
	r->in_order = r->in_order && i == r->next_done;
	r->after_work = r->after_work && r->worked[i];
	r->next_done = i + 1;
	r->sum = r->sum * 31 + r->value[i];
}

static unsigned long run_with(int jobs, size_t n, bool *ok)
{
	struct run *r = calloc(1, sizeof(*r));
	r->in_order = r->after_work = true;
	pool_run(n, jobs, work, done, r);
	*ok = r->in_order && r->after_work && r->next_done == n;
	unsigned long sum = r->sum;
	free(r);
	return sum;
}

static void ordered(void)
{
	bool ok;
	unsigned long one = run_with(1, ITEMS, &ok);
	OK(ok, "1 thread");
	for (int jobs = 2; jobs <= 8; jobs *= 2) {
		unsigned long many = run_with(jobs, ITEMS, &ok);
		OK(ok, "%d threads: done() in order, after work()", jobs);
		OK(many == one, "%d threads: the same results", jobs);
	}
	/* more threads than items, and none */
	run_with(8, 3, &ok);
	OK(ok, "3 items on 8 threads");
	run_with(4, 0, &ok);
	OK(ok, "no item");
	/* an absurd number is capped, not refused */
	run_with(1000, 50, &ok);
	OK(ok, "1000 threads asked");
	OK(pool_cpus() >= 1, "cpus %d", pool_cpus());
}

static const struct subtest tests[] = {
	{"ordered", ordered},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
