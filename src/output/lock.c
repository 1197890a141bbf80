#include "output/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

enum { POLL_MS = 100 };

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Polled rather than a blocking flock() under alarm(): no signal handler
 * to install in a library, and a tenth of a second is nothing to a build.
 */
int folder_lock(const char *dir, int wait_seconds, struct bs_error *err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		error_set(err, dir, "cannot open the output folder: %s",
			strerror(errno));
		return -1;
	}
	double deadline = now() + wait_seconds;
	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			return fd;
		}
		if (errno != EWOULDBLOCK && errno != EINTR) {
			error_set(err, dir, "cannot lock the output folder: %s",
				strerror(errno));
			break;
		}
		if (now() >= deadline) {
			error_set(err, dir, "another broadsheet run is writing "
				"in this folder; gave up after %d s (--wait)",
				wait_seconds);
			break;
		}
		struct timespec pause = {0, POLL_MS * 1000000L};
		nanosleep(&pause, NULL);
	}
	close(fd);
	return -1;
}

void folder_unlock(int fd)
{
	if (fd >= 0) {
		close(fd);
	}
}
