#include "util/datadir.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool usable(const char *dir)
{
	char probe[PATH_MAX + 64];
	struct stat st;
	snprintf(probe, sizeof(probe), "%s/xslt/article.xsl", dir);
	if (stat(probe, &st) != 0) {
		return false;
	}
	snprintf(probe, sizeof(probe), "%s/assets/style.css", dir);
	return stat(probe, &st) == 0;
}

const char *datadir(void)
{
	static char found[PATH_MAX + 32];
	if (found[0]) {
		return found;
	}
	const char *env = getenv("BROADSHEET_DATADIR");
	if (env && *env && usable(env)) {
		snprintf(found, sizeof(found), "%s", env);
		return found;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char cand[PATH_MAX + 32];
			snprintf(cand, sizeof(cand), "%s/../share/broadsheet", exe);
			if (usable(cand)) {
				snprintf(found, sizeof(found), "%s", cand);
				return found;
			}
		}
	}
	const char *const built_in[] = {BS_DATADIR, BS_SOURCE_DIR};
	for (size_t i = 0; i < 2; i++) {
		if (usable(built_in[i])) {
			snprintf(found, sizeof(found), "%s", built_in[i]);
			return found;
		}
	}
	return NULL;
}
