#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>

#include "cli/cli.h"
#include "config/config.h"
#include "history/history.h"

static void help(void)
{
	printf(
"Usage: broadsheet history [OPTION]...\n"
"Lists the editions broadsheet has built, newest first, each with the\n"
"articles it packaged, from the history database that build keeps.\n"
"\n"
"Options:\n"
"      --history FILE   the database (default:\n"
"                       $XDG_STATE_HOME/broadsheet/history.sqlite, or\n"
"                       ~/.local/state/broadsheet/history.sqlite)\n"
"  -f, --format FORMAT  text (default): a line per edition (date, title,\n"
"                       number of articles, path), then one per article\n"
"                       (section, title, URL);\n"
"                       json: one object {\"editions\": [...]} with path,\n"
"                       date, title, built, articles, sha256 and items\n"
"                       (url, fingerprint, title, section) per edition\n"
"  -n, --limit N        list the N newest editions only\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 listed (also when nothing is recorded yet); 1 the database\n"
"cannot be read (named on stderr with the reason); 2 usage error.\n");
}

enum format {
	FORMAT_TEXT,
	FORMAT_JSON,
};

struct listing {
	enum format format;
	size_t editions;
	json_object *json;	/* the "editions" array */
};

static void print_text(const struct bs_history_edition *ed,
	struct listing *l)
{
	if (l->editions) {
		putchar('\n');
	}
	printf("%s  %s  (%zu article%s)  %s\n", ed->date, ed->title,
		ed->n_articles, ed->n_articles == 1 ? "" : "s", ed->path);
	for (size_t i = 0; i < ed->n_articles; i++) {
		const struct bs_history_article *a = &ed->articles[i];
		fputs("  ", stdout);
		if (a->section) {
			printf("%s: ", a->section);
		}
		fputs(a->title ? a->title : "(untitled)", stdout);
		if (a->url) {
			printf("  %s", a->url);
		}
		putchar('\n');
	}
}

static void put_string(json_object *o, const char *key, const char *value)
{
	json_object_object_add(o, key, value ? json_object_new_string(value)
		: NULL);
}

static json_object *edition_to_json(const struct bs_history_edition *ed)
{
	json_object *o = json_object_new_object();
	put_string(o, "path", ed->path);
	put_string(o, "date", ed->date);
	put_string(o, "title", ed->title);
	put_string(o, "built", ed->built);
	json_object_object_add(o, "articles",
		json_object_new_int64((int64_t)ed->n_articles));
	put_string(o, "sha256", ed->sha256);
	json_object *items = json_object_new_array();
	for (size_t i = 0; i < ed->n_articles; i++) {
		const struct bs_history_article *a = &ed->articles[i];
		json_object *item = json_object_new_object();
		char fp[17];
		snprintf(fp, sizeof(fp), "%016" PRIx64, a->fingerprint);
		put_string(item, "url", a->url);
		put_string(item, "fingerprint", fp);
		put_string(item, "title", a->title);
		put_string(item, "section", a->section);
		json_object_array_add(items, item);
	}
	json_object_object_add(o, "items", items);
	return o;
}

static void list_one(const struct bs_history_edition *ed, void *ctx)
{
	struct listing *l = ctx;
	if (l->format == FORMAT_TEXT) {
		print_text(ed, l);
	} else {
		json_object_array_add(l->json, edition_to_json(ed));
	}
	l->editions++;
}

/* Prints the listing of the database at path; returns the exit status. */
static int list(const char *path, enum format format, size_t limit)
{
	struct listing l = {.format = format};
	json_object *doc = NULL;
	if (format == FORMAT_JSON) {
		doc = json_object_new_object();
		l.json = json_object_new_array();
		json_object_object_add(doc, "editions", l.json);
	}
	struct bs_error err;
	error_clear(&err);
	struct stat st;
	/* a listing must not leave a new empty database behind */
	if (stat(path, &st) == 0 || errno != ENOENT) {
		struct bs_history *h = history_open(path, &err);
		if (!h || !history_list(h, limit, list_one, &l, &err)) {
			cli_print_error("broadsheet history", &err);
			history_close(h);
			json_object_put(doc);
			return 1;
		}
		history_close(h);
	}
	if (format == FORMAT_JSON) {
		puts(json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PLAIN
			| JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(doc);
	} else if (!l.editions) {
		printf("no editions recorded yet (%s)\n", path);
	}
	return 0;
}

int cmd_history(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"history", required_argument, NULL, 'H'},
		{"format", required_argument, NULL, 'f'},
		{"limit", required_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *path = NULL;
	enum format format = FORMAT_TEXT;
	size_t limit = 0;
	int n = 0;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:n:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'H':
			path = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0) {
				format = FORMAT_TEXT;
			} else if (strcmp(optarg, "json") == 0) {
				format = FORMAT_JSON;
			} else {
				return cli_usage_error("history", "unknown "
					"format '%s' (text or json)", optarg);
			}
			break;
		case 'n':
			if (!config_parse_int(optarg, 1, INT_MAX, &n)) {
				return cli_usage_error("history", "--limit %s: "
					"not a number of editions (1 or more)",
					optarg);
			}
			limit = (size_t)n;
			break;
		case 'h':
			help();
			return 0;
		case ':':
			return cli_usage_error("history", "option '%s' needs a "
				"value", argv[optind - 1]);
		default:
			return cli_usage_error("history", "unknown option '%s'",
				argv[optind - 1]);
		}
	}
	if (optind < argc) {
		return cli_usage_error("history", "unexpected argument '%s'",
			argv[optind]);
	}
	char *default_path = NULL;
	if (!path) {
		default_path = history_default_path();
		if (!default_path) {
			fprintf(stderr, "broadsheet history: no database: "
				"neither XDG_STATE_HOME nor HOME is set (use "
				"--history FILE)\n");
			return 1;
		}
		path = default_path;
	}
	int status = list(path, format, limit);
	free(default_path);
	if (status == 0 && fflush(stdout) != 0) {
		perror("broadsheet history: stdout");
		return 1;
	}
	return status;
}
