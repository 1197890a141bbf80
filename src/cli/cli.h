#ifndef BS_CLI_CLI_H
#define BS_CLI_CLI_H

#include <stdio.h>

#include "util/error.h"

/*
 * The command line: one function per subcommand, each parsing its own
 * options and returning the process's exit status (DESIGN.md). Only this
 * layer prints.
 */

int cmd_build(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_history(int argc, char **argv);

/** Prints "broadsheet CMD: message" and a pointer to --help; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** Prints "prefix: file: reason" on stderr, one line. */
void cli_print_error(const char *prefix, const struct bs_error *err);

#endif
