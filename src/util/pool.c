/* sched_getaffinity(), CPU_COUNT */
#define _GNU_SOURCE

#include "util/pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/alloc.h"

/*
 * How far workers may run ahead of done(), per thread. A picture can take
 * five times its neighbours; with 2, the other worker soon waited for it
 * (40 ms of idle core time in a 0.8 s build). The results held are small:
 * encoded pictures, extracted articles, deflated pages.
 */
enum { MAX_JOBS = 64, AHEAD_PER_JOB = 8 };

struct pool {
	size_t n;
	size_t window;		/* how far past the next done() work may go */
	void (*work)(void *ctx, size_t i);
	void *ctx;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	size_t next;		/* the next item to work on */
	size_t done;		/* items done() so far */
	bool *finished;		/* work over, per item */
};

static void *worker(void *arg)
{
	struct pool *p = arg;
	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->next < p->n && p->next >= p->done + p->window) {
			pthread_cond_wait(&p->changed, &p->lock);
		}
		if (p->next >= p->n) {
			break;
		}
		size_t i = p->next++;
		pthread_mutex_unlock(&p->lock);
		p->work(p->ctx, i);
		pthread_mutex_lock(&p->lock);
		p->finished[i] = true;
		pthread_cond_broadcast(&p->changed);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

int pool_cpus(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof(set), &set) == 0) {
		int n = CPU_COUNT(&set);
		if (n > 0) {
			return n;
		}
	}
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

void pool_run(size_t n, int jobs, void (*work)(void *ctx, size_t i),
	void (*done)(void *ctx, size_t i), void *ctx)
{
	if (jobs > MAX_JOBS) {
		jobs = MAX_JOBS;
	}
	if (jobs > 1 && (size_t)jobs > n) {
		jobs = (int)n;
	}
	if (jobs <= 1) {
		for (size_t i = 0; i < n; i++) {
			work(ctx, i);
			done(ctx, i);
		}
		return;
	}
	struct pool p = {
		.n = n,
		.window = (size_t)jobs * AHEAD_PER_JOB,
		.work = work,
		.ctx = ctx,
		.finished = xcalloc(n, sizeof(bool)),
	};
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.changed, NULL);
	pthread_t threads[MAX_JOBS];
	int started = 0;
	for (int t = 0; t < jobs; t++) {
		if (pthread_create(&threads[started], NULL, worker, &p) == 0) {
			started++;
		}
	}
	for (size_t i = 0; i < n; i++) {
		pthread_mutex_lock(&p.lock);
		if (!started && !p.finished[i]) {
			/* no thread could start: the work is ours */
			p.next = i + 1;
			pthread_mutex_unlock(&p.lock);
			work(ctx, i);
			pthread_mutex_lock(&p.lock);
			p.finished[i] = true;
		}
		while (!p.finished[i]) {
			pthread_cond_wait(&p.changed, &p.lock);
		}
		pthread_mutex_unlock(&p.lock);
		done(ctx, i);
		pthread_mutex_lock(&p.lock);
		p.done = i + 1;
		pthread_cond_broadcast(&p.changed);
		pthread_mutex_unlock(&p.lock);
	}
	for (int t = 0; t < started; t++) {
		pthread_join(threads[t], NULL);
	}
	pthread_cond_destroy(&p.changed);
	pthread_mutex_destroy(&p.lock);
	free(p.finished);
}
