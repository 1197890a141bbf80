#ifndef BS_UTIL_DATADIR_H
#define BS_UTIL_DATADIR_H

/*
 * Where the stylesheets (xslt/) and assets (assets/) are: $BROADSHEET_DATADIR
 * when set, else beside the installed binary (BIN/../share/broadsheet),
 * else the configured install folder, else the source tree the binary was
 * built from, so that build/broadsheet works without installing.
 */

/**
 * The first of those folders that has xslt/ and assets/, as a string the
 * caller must not free; NULL when none does.
 */
const char *datadir(void);

#endif
