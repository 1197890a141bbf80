#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "pipeline.h"

static void help(void)
{
	printf(
"Usage: broadsheet extract [OPTION]... FILE...\n"
"Prints the article broadsheet finds in each input: its metadata and its\n"
"body, as the edition would hold them. An input is a saved page (also\n"
".gz), a page saved as text, a single-file save (MHTML), an RSS or Atom\n"
"feed (one article per item) or a web archive (WARC, one article per\n"
"HTML page in it).\n"
"\n"
"Options:\n"
"  -f, --format FORMAT  json (default): one JSON object per article and line,\n"
"                       with source, url, title, byline, authors, published,\n"
"                       modified, section, site, lang, description, text,\n"
"                       words;\n"
"                       text: the headline, a blank line, the body text;\n"
"                       html: the sanitized body as XHTML\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 every file gave an article; 1 some file or some part of\n"
"one did not (each named on stderr with the reason); 2 usage error.\n");
}

int cmd_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	enum bs_extract_format format = BS_FORMAT_JSON;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "json") == 0) {
				format = BS_FORMAT_JSON;
			} else if (strcmp(optarg, "text") == 0) {
				format = BS_FORMAT_TEXT;
			} else if (strcmp(optarg, "html") == 0) {
				format = BS_FORMAT_HTML;
			} else {
				return cli_usage_error("extract", "unknown format "
					"'%s' (json, text or html)", optarg);
			}
			break;
		case 'h':
			help();
			return 0;
		case ':':
			return cli_usage_error("extract", "option '%s' needs a "
				"value", argv[optind - 1]);
		default:
			return cli_usage_error("extract", "unknown option '%s'",
				argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		return cli_usage_error("extract", "no file: name a saved page");
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		char *out = NULL;
		struct bs_error err;
		error_clear(&err);
		struct bs_error_list problems = {0};
		bool found = pipeline_extract(argv[i], format, &out, &problems,
			&err);
		for (unsigned long k = 0; k < problems.count; k++) {
			cli_print_error("skipped", &problems.items[k]);
		}
		if (problems.count) {
			status = 1;
		}
		error_list_finish(&problems);
		if (!found) {
			cli_print_error("skipped", &err);
			status = 1;
			continue;
		}
		fputs(out, stdout);
		fputc('\n', stdout);
		free(out);
	}
	if (fflush(stdout) != 0) {
		perror("broadsheet extract: stdout");
		return 4;
	}
	return status;
}
