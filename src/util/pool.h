#ifndef BS_UTIL_POOL_H
#define BS_UTIL_POOL_H

#include <stddef.h>

/*
 * Many items worked on by a few threads, their results taken in order:
 * work(ctx, i) runs on a worker thread, any number at once and in any
 * order; done(ctx, i) runs on the calling thread, for i = 0, 1, 2... each
 * as soon as its work and all earlier done() calls are over. So whatever
 * the number of threads, done() sees the same sequence, and what it
 * writes comes out the same bytes. Workers run at most 8 items each
 * ahead of done(), so the results waiting in memory stay few.
 *
 * work() must touch only item i's own data (and what is safe to share);
 * done() may touch everything.
 */

/** The number of CPUs this process may run on (at least 1). */
int pool_cpus(void);

/**
 * Runs items 0 .. n-1 on jobs threads (jobs <= 1: on the calling thread,
 * work then done for each item in turn). Returns when every done() has
 * returned.
 */
void pool_run(size_t n, int jobs, void (*work)(void *ctx, size_t i),
	void (*done)(void *ctx, size_t i), void *ctx);

#endif
