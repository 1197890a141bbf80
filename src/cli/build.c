#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "config/config.h"
#include "pipeline.h"

/* seconds a run waits for another writing into the same folder */
enum { DEFAULT_WAIT = 300 };

static void help(void)
{
	printf(
"Usage: broadsheet build [OPTION]... [INPUT]...\n"
"Packages saved news pages into one EPUB 3 daily edition.\n"
"\n"
"INPUT is a saved page (HTML, MHTML, a text dump), a feed (RSS, Atom), a\n"
"web archive (WARC), any of them gzip-compressed, or a folder searched\n"
"recursively for them. Each article is extracted, articles are grouped by\n"
"section, and the edition is written atomically: an older file at the\n"
"output path is replaced only by a complete new one.\n"
"\n"
"Options:\n"
"  -c, --config FILE     read options, inputs and section rules from FILE\n"
"                        (INI; see samples/broadsheet.ini); the options\n"
"                        below override it, INPUTs replace its inputs\n"
"  -o, --output FILE     the EPUB to write (default: edition-{date}.epub);\n"
"                        {date} {yyyy} {mm} {dd} {title} are filled in\n"
"  -t, --title TEXT      the edition's title (default: \"Daily Edition\")\n"
"  -d, --date DATE       the edition's date, YYYY-MM-DD (default: today)\n"
"  -l, --lang TAG        its language, e.g. en or fr (default: the\n"
"                        language most articles are in)\n"
"  -p, --publisher TEXT  the publisher named in the metadata\n"
"  -s, --sections LIST   section order, e.g. \"Opinion,World,Business\";\n"
"                        other sections follow in order of appearance\n"
"      --no-images       leave all pictures out\n"
"      --image-size WxH  the box pictures are scaled down to fit\n"
"                        (default 1264x1680, a 6-inch e-reader's screen)\n"
"      --grayscale       make pictures 8-bit gray, for e-ink\n"
"      --jpeg-quality N  JPEG quality of the pictures, 1-100 (default 80)\n"
"      --cover FILE      a picture of your own as the cover (JPEG, PNG...);\n"
"                        by default broadsheet draws a front page\n"
"      --issue TEXT      an issue number for the cover, e.g. \"No. 412\"\n"
"      --xslt DIR        stylesheets that replace broadsheet's (any of\n"
"                        cover.xsl front.xsl section.xsl article.xsl\n"
"                        nav.xsl ncx.xsl opf.xsl; the others stay)\n"
"      --css FILE        a style sheet that replaces assets/style.css\n"
"      --keep-xml FILE   also write the edition's XML (edition.xml) there\n"
"\n"
"Unattended runs:\n"
"      --history FILE    the history of editions built (SQLite; default\n"
"                        $XDG_STATE_HOME/broadsheet/history.sqlite)\n"
"      --no-history      record nothing\n"
"      --skip-seen DAYS  leave out articles (same URL or same text) that\n"
"                        an edition of the last DAYS days already had\n"
"      --keep N          then remove all but the newest N editions that\n"
"                        match the output pattern\n"
"      --wait SECONDS    wait that long for another run writing into the\n"
"                        output's folder (default 300), then give up (4)\n"
"      --strict          a warning makes the exit status 1\n"
"  -j, --jobs N          threads reading pages, preparing pictures and\n"
"                        making pages (default: one per CPU, at most 8);\n"
"                        the edition is the same for any N\n"
"  -q, --quiet           print nothing when all went well\n"
"  -v, --verbose         also name duplicates, articles left out, removed\n"
"                        editions and remote pictures left out\n"
"  -h, --help            show this help\n"
"\n"
"With SOURCE_DATE_EPOCH set, the same inputs give the same bytes.\n"
"\n"
"Exit status:\n"
"  0  edition written\n"
"  1  edition written, but some inputs were skipped, the history could\n"
"     not be used, or (--strict) there were warnings; all named on stderr\n"
"  2  usage error (bad option or config, stylesheet that does not compile)\n"
"  3  nothing to package\n"
"  4  the output could not be written (an older file there is untouched),\n"
"     or another run kept its folder locked past --wait\n");
}

static void print_list(const struct bs_error_list *list, const char *prefix)
{
	for (unsigned long i = 0; i < list->count; i++) {
		cli_print_error(prefix, &list->items[i]);
	}
}

/* What the command line gave; NULL or -1 where it gave nothing. */
struct given {
	const char *config;
	struct bs_build_options o;
	int width, height, quality;
	bool no_images, grayscale, strict;
	bool quiet, verbose;
};

static const char *or_config(const char *given, const char *from_config)
{
	return given ? given : from_config;
}

/* The config under the command line: what the line left unset. */
static void merge(struct bs_build_options *o, const struct given *g,
	const struct bs_config *c)
{
	o->output = or_config(g->o.output, c->output);
	o->title = or_config(g->o.title, c->title);
	o->lang = or_config(g->o.lang, c->lang);
	o->publisher = or_config(g->o.publisher, c->publisher);
	o->sections = or_config(g->o.sections, c->sections);
	o->xslt_dir = or_config(g->o.xslt_dir, c->xslt);
	o->css = or_config(g->o.css, c->css);
	o->cover = or_config(g->o.cover, c->cover);
	o->issue = or_config(g->o.issue, c->issue);
	o->history = or_config(g->o.history, c->history);
	o->images = !g->no_images && c->images != 0;
	o->image.grayscale = g->grayscale || c->grayscale == 1;
	o->image.max_width = g->width ? g->width
		: c->width ? c->width : o->image.max_width;
	o->image.max_height = g->height ? g->height
		: c->height ? c->height : o->image.max_height;
	o->image.quality = g->quality ? g->quality
		: c->jpeg_quality ? c->jpeg_quality : o->image.quality;
	o->skip_seen = g->o.skip_seen >= 0 ? g->o.skip_seen : c->skip_seen;
	o->keep = g->o.keep >= 0 ? g->o.keep : c->keep > 0 ? c->keep : 0;
	o->wait = g->o.wait >= 0 ? g->o.wait : c->wait >= 0 ? c->wait
		: DEFAULT_WAIT;
	o->strict = g->strict || c->strict == 1;
	o->jobs = g->o.jobs ? g->o.jobs : c->jobs;
	o->rules = &c->rules;
}

static int parse_args(int argc, char **argv, struct given *g)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'},
		{"title", required_argument, NULL, 't'},
		{"date", required_argument, NULL, 'd'},
		{"lang", required_argument, NULL, 'l'},
		{"publisher", required_argument, NULL, 'p'},
		{"sections", required_argument, NULL, 's'},
		{"no-images", no_argument, NULL, 'N'},
		{"image-size", required_argument, NULL, 'I'},
		{"grayscale", no_argument, NULL, 'G'},
		{"jpeg-quality", required_argument, NULL, 'Q'},
		{"cover", required_argument, NULL, 'V'},
		{"issue", required_argument, NULL, 'U'},
		{"xslt", required_argument, NULL, 'X'},
		{"css", required_argument, NULL, 'C'},
		{"keep-xml", required_argument, NULL, 'K'},
		{"history", required_argument, NULL, 'H'},
		{"no-history", no_argument, NULL, 'n'},
		{"skip-seen", required_argument, NULL, 'S'},
		{"keep", required_argument, NULL, 'k'},
		{"wait", required_argument, NULL, 'w'},
		{"strict", no_argument, NULL, 'x'},
		{"jobs", required_argument, NULL, 'j'},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:o:t:d:l:p:s:j:qvh", longopts,
			NULL)) != -1) {
		struct bs_build_options *o = &g->o;
		switch (c) {
		case 'c': g->config = optarg; break;
		case 'o': o->output = optarg; break;
		case 't': o->title = optarg; break;
		case 'd': o->date = optarg; break;
		case 'l': o->lang = optarg; break;
		case 'p': o->publisher = optarg; break;
		case 's': o->sections = optarg; break;
		case 'N': g->no_images = true; break;
		case 'G': g->grayscale = true; break;
		case 'I':
			if (!config_parse_size(optarg, &g->width, &g->height)) {
				return cli_usage_error("build", "--image-size %s: "
					"not WIDTHxHEIGHT (each 16 to 10000)",
					optarg);
			}
			break;
		case 'Q':
			if (!config_parse_int(optarg, 1, 100, &g->quality)) {
				return cli_usage_error("build", "--jpeg-quality %s: "
					"not a number from 1 to 100", optarg);
			}
			break;
		case 'X': o->xslt_dir = optarg; break;
		case 'V': o->cover = optarg; break;
		case 'U': o->issue = optarg; break;
		case 'C': o->css = optarg; break;
		case 'K': o->keep_xml = optarg; break;
		case 'H': o->history = optarg; break;
		case 'n': o->no_history = true; break;
		case 'S':
			if (!config_parse_int(optarg, 0, 36500, &o->skip_seen)) {
				return cli_usage_error("build", "--skip-seen %s: "
					"not a number of days (0 to 36500)",
					optarg);
			}
			break;
		case 'k':
			if (!config_parse_int(optarg, 1, 1000000, &o->keep)) {
				return cli_usage_error("build", "--keep %s: not a "
					"number of editions (at least 1)", optarg);
			}
			break;
		case 'w':
			if (!config_parse_int(optarg, 0, 86400, &o->wait)) {
				return cli_usage_error("build", "--wait %s: not a "
					"number of seconds (0 to 86400)", optarg);
			}
			break;
		case 'x': g->strict = true; break;
		case 'j':
			if (!config_parse_int(optarg, 1, 64, &o->jobs)) {
				return cli_usage_error("build", "--jobs %s: not a "
					"number of threads (1 to 64)", optarg);
			}
			break;
		case 'q': g->quiet = true; break;
		case 'v': g->verbose = true; break;
		case 'h': help(); return 0;
		case ':':
			return cli_usage_error("build", "option '%s' needs a value",
				argv[optind - 1]);
		default:
			return cli_usage_error("build", "unknown option '%s'",
				argv[optind - 1]);
		}
	}
	return -1;
}

/* ", 5 seen in the last 7 days" */
static void print_seen(size_t seen, int days)
{
	printf(", %zu seen ", seen);
	if (days == 0) {
		printf("today");
	} else if (days == 1) {
		printf("in the last day");
	} else {
		printf("in the last %d days", days);
	}
}

static void print_summary(const struct bs_build_report *rep,
	const struct bs_build_options *o)
{
	printf("%s: %zu section%s, %zu article%s, %zu picture%s, %lu skipped",
		rep->output, rep->sections, rep->sections == 1 ? "" : "s",
		rep->articles, rep->articles == 1 ? "" : "s", rep->images,
		rep->images == 1 ? "" : "s", rep->skipped.count);
	if (o->skip_seen >= 0 && error_is_set(&rep->history)) {
		printf(", none left out as seen (no history)");
	} else if (o->skip_seen >= 0) {
		print_seen(rep->seen, o->skip_seen);
	}
	if (rep->dropped) {
		printf(", %zu dropped by rules", rep->dropped);
	}
	printf("\n");
}

int cmd_build(int argc, char **argv)
{
	struct given g;
	memset(&g, 0, sizeof(g));
	g.o.skip_seen = g.o.keep = g.o.wait = -1;
	int status = parse_args(argc, argv, &g);
	if (status >= 0) {
		return status;
	}
	struct bs_config config;
	struct bs_error err;
	error_clear(&err);
	if (g.config && !config_load(g.config, &config, &err)) {
		cli_print_error("broadsheet build", &err);
		config_finish(&config);
		return BS_USAGE;
	}
	if (!g.config) {
		memset(&config, 0, sizeof(config));
		config.skip_seen = config.keep = config.wait = -1;
		config.strict = config.images = config.grayscale = -1;
	}
	struct bs_build_options o = g.o;
	image_options_default(&o.image);
	merge(&o, &g, &config);
	char *const *inputs = argv + optind;
	size_t n_inputs = (size_t)(argc - optind);
	if (n_inputs == 0) {
		inputs = config.inputs;
		n_inputs = config.n_inputs;
	}
	if (n_inputs == 0) {
		config_finish(&config);
		return cli_usage_error("build", "no input: name saved pages or "
			"folders of them (or 'input =' lines in a --config)");
	}
	if (!o.output) {
		o.output = "edition-{date}.epub";
	}
	struct bs_build_report rep;
	status = (int)pipeline_build(inputs, n_inputs, &o, &rep);
	print_list(&rep.skipped, "skipped");
	print_list(&rep.warnings, "warning");
	if (error_is_set(&rep.history)) {
		char line[2048];
		error_format(&rep.history, line, sizeof(line));
		fprintf(stderr, "history: %s; the edition is written without "
			"it\n", line);
	}
	if (g.verbose) {
		print_list(&rep.notes, "note");
		print_list(&rep.removed, "note");
		print_list(&rep.remote, "note");
		if (rep.remote.count) {
			fprintf(stderr, "note: %lu remote picture%s left out\n",
				rep.remote.count, rep.remote.count == 1 ? "" : "s");
		}
	}
	if (status == BS_OK || status == BS_SKIPPED) {
		if (!g.quiet || status != BS_OK) {
			print_summary(&rep, &o);
		}
	} else {
		char line[2048];
		error_format(&rep.fatal, line, sizeof(line));
		fprintf(stderr, "broadsheet build: %s\n", line);
	}
	build_report_finish(&rep);
	config_finish(&config);
	return status;
}
