#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "pipeline.h"

static void help(void)
{
	printf(
"Usage: broadsheet build [OPTION]... INPUT...\n"
"Packages saved news pages into one EPUB 3 daily edition.\n"
"\n"
"INPUT is a saved page (.html, .htm, .xhtml, also gzip-compressed as .gz)\n"
"or a folder, searched recursively for pages. Each page's article is\n"
"extracted, articles are grouped by section, and the edition is written\n"
"atomically: an older file at the output path is replaced only by a\n"
"complete new one.\n"
"\n"
"Options:\n"
"  -o, --output FILE     the EPUB to write (default: edition-DATE.epub)\n"
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
"  -q, --quiet           print nothing when all went well\n"
"  -v, --verbose         also name duplicates and the remote pictures left\n"
"                        out (not on disk), with their count\n"
"  -h, --help            show this help\n"
"\n"
"With SOURCE_DATE_EPOCH set, the same inputs give the same bytes.\n"
"\n"
"Exit status:\n"
"  0  edition written\n"
"  1  edition written, but some inputs were skipped (named on stderr)\n"
"  2  usage error (bad option, stylesheet that does not compile)\n"
"  3  nothing to package\n"
"  4  the output could not be written (an older file there is untouched)\n");
}

static bool parse_int(const char *s, int min, int max, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end || v < min || v > max) {
		return false;
	}
	*out = (int)v;
	return true;
}

/* "1264x1680" */
static bool parse_size(const char *s, int *w, int *h)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%s", s);
	char *x = strchr(buf, 'x');
	if (!x) {
		x = strchr(buf, 'X');
	}
	if (!x) {
		return false;
	}
	*x = '\0';
	return parse_int(buf, 16, 10000, w) && parse_int(x + 1, 16, 10000, h);
}

static void print_list(const struct bs_error_list *list, const char *prefix)
{
	for (unsigned long i = 0; i < list->count; i++) {
		cli_print_error(prefix, &list->items[i]);
	}
}

int cmd_build(int argc, char **argv)
{
	static const struct option longopts[] = {
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
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct bs_build_options o;
	memset(&o, 0, sizeof(o));
	o.images = true;
	image_options_default(&o.image);
	bool quiet = false, verbose = false;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:t:d:l:p:s:qvh", longopts,
			NULL)) != -1) {
		switch (c) {
		case 'o': o.output = optarg; break;
		case 't': o.title = optarg; break;
		case 'd': o.date = optarg; break;
		case 'l': o.lang = optarg; break;
		case 'p': o.publisher = optarg; break;
		case 's': o.sections = optarg; break;
		case 'N': o.images = false; break;
		case 'G': o.image.grayscale = true; break;
		case 'I':
			if (!parse_size(optarg, &o.image.max_width,
					&o.image.max_height)) {
				return cli_usage_error("build", "--image-size %s: "
					"not WIDTHxHEIGHT (each 16 to 10000)",
					optarg);
			}
			break;
		case 'Q':
			if (!parse_int(optarg, 1, 100, &o.image.quality)) {
				return cli_usage_error("build", "--jpeg-quality %s: "
					"not a number from 1 to 100", optarg);
			}
			break;
		case 'X': o.xslt_dir = optarg; break;
		case 'V': o.cover = optarg; break;
		case 'U': o.issue = optarg; break;
		case 'C': o.css = optarg; break;
		case 'K': o.keep_xml = optarg; break;
		case 'q': quiet = true; break;
		case 'v': verbose = true; break;
		case 'h': help(); return 0;
		case ':':
			return cli_usage_error("build", "option '%s' needs a value",
				argv[optind - 1]);
		default:
			return cli_usage_error("build", "unknown option '%s'",
				argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		return cli_usage_error("build", "no input: name saved pages or "
			"folders of them");
	}
	char default_output[64];
	if (!o.output) {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(default_output, sizeof(default_output),
			"edition-%Y-%m-%d.epub", &tm);
		o.output = o.date ? NULL : default_output;
		if (!o.output) {
			snprintf(default_output, sizeof(default_output),
				"edition-%.10s.epub", o.date);
			o.output = default_output;
		}
	}
	struct bs_build_report rep;
	enum bs_status status = pipeline_build(argv + optind,
		(size_t)(argc - optind), &o, &rep);
	print_list(&rep.skipped, "skipped");
	print_list(&rep.warnings, "warning");
	if (verbose) {
		print_list(&rep.notes, "note");
		print_list(&rep.remote, "note");
		if (rep.remote.count) {
			fprintf(stderr, "note: %lu remote picture%s left out\n",
				rep.remote.count, rep.remote.count == 1 ? "" : "s");
		}
	}
	if (status == BS_OK || status == BS_SKIPPED) {
		if (!quiet || status != BS_OK) {
			printf("%s: %zu section%s, %zu article%s, %zu picture%s, "
				"%lu skipped\n", o.output, rep.sections,
				rep.sections == 1 ? "" : "s", rep.articles,
				rep.articles == 1 ? "" : "s", rep.images,
				rep.images == 1 ? "" : "s", rep.skipped.count);
		}
	} else {
		char line[2048];
		error_format(&rep.fatal, line, sizeof(line));
		fprintf(stderr, "broadsheet build: %s\n", line);
	}
	build_report_finish(&rep);
	return (int)status;
}
