#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "pipeline.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"build", cmd_build, "package saved news pages into an EPUB edition"},
	{"extract", cmd_extract, "print the article found in a page"},
	{"history", cmd_history, "list the editions built and their articles"},
};

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: broadsheet COMMAND [OPTION]... [ARG]...\n"
		"Turns a day's saved news pages into one EPUB daily edition.\n\n"
		"Commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		fprintf(out, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	}
	fprintf(out,
		"\n'broadsheet COMMAND --help' explains a command.\n"
		"  -h, --help     show this help\n"
		"  -V, --version  show the version\n");
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "broadsheet %s: ", cmd);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\nTry 'broadsheet %s --help'.\n", cmd);
	va_end(ap);
	return 2;
}

void cli_print_error(const char *prefix, const struct bs_error *err)
{
	char line[2048];
	error_format(err, line, sizeof(line));
	fprintf(stderr, "%s: %s\n", prefix, line);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0
			|| strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("broadsheet %s\n", BS_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(cmd, commands[i].name) == 0) {
			pipeline_init();
			int status = commands[i].run(argc - 1, argv + 1);
			pipeline_cleanup();
			return status;
		}
	}
	fprintf(stderr, "broadsheet: unknown command '%s'\n"
		"Try 'broadsheet --help'.\n", cmd);
	return 2;
}
