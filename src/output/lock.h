#ifndef BS_OUTPUT_LOCK_H
#define BS_OUTPUT_LOCK_H

#include "util/error.h"

/*
 * The lock that keeps two runs writing into one folder from interleaving:
 * flock(2) on the folder itself, held for a whole build. Being flock on
 * the directory, `flock DIR command` (util-linux) takes the same lock, so
 * a sync job can hold broadsheet off while it copies editions away. The
 * kernel drops the lock when its holder dies, even by SIGKILL.
 */

/**
 * Takes the lock on folder dir, waiting up to wait_seconds (0: not at
 * all) for another holder. Returns the descriptor that holds it, or -1
 * with err set (file: dir) when the folder cannot be opened or the lock
 * was not free in time.
 */
int folder_lock(const char *dir, int wait_seconds, struct bs_error *err);

/** Releases a lock taken by folder_lock(); -1 is fine. */
void folder_unlock(int fd);

#endif
