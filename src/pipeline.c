#include "pipeline.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxslt/xslt.h>

#include "edition/edition.h"
#include "edition/quality.h"
#include "epub/epub.h"
#include "extract/extract.h"
#include "extract/sanitize.h"
#include "front_cover.h"
#include "history/history.h"
#include "image/image.h"
#include "ingest/ingest.h"
#include "ingest/resources.h"
#include "inputs.h"
#include "output/lock.h"
#include "output/pattern.h"
#include "pages.h"
#include "pictures.h"
#include "render/render.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/date.h"
#include "util/hash.h"
#include "util/path.h"
#include "util/pool.h"
#include "util/text.h"

enum { MAX_CSS = 1 << 20, MAX_SECTIONS = 64, DEFAULT_MAX_JOBS = 8 };

void pipeline_init(void)
{
	xmlInitParser();
}

void pipeline_cleanup(void)
{
	xsltCleanupGlobals();
	xmlCleanupParser();
}

void build_report_finish(struct bs_build_report *r)
{
	free(r->output);
	error_list_finish(&r->removed);
	error_list_finish(&r->remote);
	error_list_finish(&r->skipped);
	error_list_finish(&r->warnings);
	error_list_finish(&r->notes);
}

/* SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
static time_t build_time(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		long long v = strtoll(sde, &end, 10);
		if (*end == '\0' && v >= 0) {
			return (time_t)v;
		}
	}
	return time(NULL);
}

static char *read_css(const char *css, struct bs_error *err)
{
	char *path = NULL;
	if (css) {
		path = xstrdup(css);
	} else if (datadir()) {
		char *dir = path_join(datadir(), "assets");
		path = path_join(dir, "style.css");
		free(dir);
	} else {
		error_set(err, "style.css", "not found: no data folder "
			"(set BROADSHEET_DATADIR)");
		return NULL;
	}
	char *data;
	size_t len;
	bool ok = path_read_file(path, MAX_CSS, &data, &len, err);
	free(path);
	return ok ? data : NULL;
}

static size_t split_sections(const char *list, char **out)
{
	size_t n = 0;
	const char *p = list;
	while (p && *p && n < MAX_SECTIONS) {
		size_t len = strcspn(p, ",");
		char *name = text_trim(xstrndup(p, len));
		if (*name) {
			out[n++] = name;
		} else {
			free(name);
		}
		p += len;
		if (*p == ',') {
			p++;
		}
	}
	return n;
}

struct collect {
	struct bs_edition *edition;
	struct bs_build_report *report;
	const struct bs_build_options *opts;
	struct bs_history *history;	/* when --skip-seen asks */
	char since[16], until[16];	/* its window of edition dates */
	const char *output;		/* absolute: an edition's own path */
};

/* True when the article was in an edition of the window. */
static bool seen_before(struct collect *c, const struct bs_article *a)
{
	bool seen = false;
	if (!c->history || error_is_set(&c->report->history)) {
		return false;
	}
	if (!history_seen(c->history, a->url, article_fingerprint(a->text),
			c->since, c->until, c->output, &seen,
			&c->report->history)) {
		return false;
	}
	return seen;
}

/*
 * Into the edition, unless a rule drops it or an edition of the last days
 * had it; saying which pictures were left out and why, what looks wrong,
 * and which articles were the same.
 */
static void collect(struct bs_article *a, void *ctx)
{
	struct collect *c = ctx;
	struct bs_build_report *rep = c->report;
	bool matched = false;
	const char *section = c->opts->rules
		? rules_apply(c->opts->rules, a, &matched) : NULL;
	if (matched && !section) {
		rep->dropped++;
		error_list_addf(&rep->notes, a->source, "left out by a [drop] "
			"rule");
		article_destroy(a);
		return;
	}
	if (seen_before(c, a)) {
		rep->seen++;
		error_list_addf(&rep->notes, a->source, "left out: in an "
			"edition of the last %d days", c->opts->skip_seen);
		article_destroy(a);
		return;
	}
	if (section) {
		free(a->section);
		a->section = xstrdup(section);
	}
	/* pictures named from outside the page's folder or missing: said
	 * always; remote ones: counted, named with --verbose */
	error_list_extend(&rep->warnings, &a->refused_pictures);
	error_list_extend(&rep->remote, &a->remote_pictures);
	char *source = xstrdup(a->source);
	char *other = NULL;
	enum bs_added added = edition_add(c->edition, a, &other);
	if (added != BS_ADDED) {
		error_list_addf(&rep->notes, source, added == BS_MERGED
			? "the same story as %s: packaged once, the saved "
			"page's text with the feed's details"
			: "same article as %s, packaged once", other);
	}
	free(other);
	free(source);
}

/* The articles of one input, read on a worker thread. */
struct slot {
	struct bs_article **articles;
	size_t count, cap;
	struct bs_error_list skipped;
};

struct reading {
	char **paths;
	const char *spool;
	const struct bs_extract_options *xo;
	struct slot *slots;
	struct collect *collect;
};

static void keep_article(struct bs_article *a, void *ctx)
{
	struct slot *s = ctx;
	if (s->count == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		s->articles = xreallocarray(s->articles, s->cap,
			sizeof(*s->articles));
	}
	s->articles[s->count++] = a;
}

static void read_one(void *ctx, size_t i)
{
	struct reading *r = ctx;
	inputs_read(r->paths[i], r->spool, r->xo, keep_article, &r->slots[i],
		&r->slots[i].skipped);
}

/* In input order, whatever thread read it: the same edition. */
static void take_one(void *ctx, size_t i)
{
	struct reading *r = ctx;
	struct slot *s = &r->slots[i];
	struct bs_build_report *rep = r->collect->report;
	rep->inputs++;
	for (size_t k = 0; k < s->count; k++) {
		collect(s->articles[k], r->collect);
	}
	error_list_extend(&rep->skipped, &s->skipped);
	error_list_finish(&s->skipped);
	free(s->articles);
}

/* YYYY-MM-DD of the day days before date. */
static void day_before(const struct bs_date *date, int days, char out[16])
{
	struct bs_date d = *date;
	d.has_time = d.has_offset = false;
	time_t t = (time_t)(date_to_unix(&d) - (long long)days * 24 * 60 * 60);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* The output's folder, made when missing, locked, cleared of the
 * temporary files of runs that died. -1 with fatal set when it cannot. */
static int take_folder(const char *output, int wait, struct bs_error *fatal)
{
	char *dir = path_dirname(output);
	int lock = -1;
	if (path_mkdirs(dir, 0777, fatal)) {
		lock = folder_lock(dir, wait, fatal);
	}
	if (lock >= 0) {
		epub_sweep(dir);
	}
	free(dir);
	return lock;
}

/* The absolute path of output, whose folder exists. */
static char *absolute(const char *output)
{
	char *dir = path_dirname(output);
	char *real = realpath(dir, NULL);
	char *abs = real ? path_join(real, path_basename(output))
		: xstrdup(output);
	free(real);
	free(dir);
	return abs;
}

/* The edition as the history keeps it; false with err set. */
static bool record(struct bs_history *h, struct bs_edition *e,
	const char *path, const struct bs_edition_options *eo,
	struct bs_error *err)
{
	char sha[65];
	if (!hash_sha256_file(path, sha)) {
		error_set(err, path, "cannot read the edition back: %s",
			strerror(errno));
		return false;
	}
	size_t n = edition_article_count(e);
	struct bs_history_article *items = xcalloc(n ? n : 1, sizeof(*items));
	for (size_t i = 0; i < n; i++) {
		const struct bs_article *a = edition_article(e, i);
		items[i].url = a->url;
		items[i].fingerprint = edition_fingerprint(e, i);
		items[i].title = a->title;
		items[i].section = a->section;
	}
	char date[16], built[32];
	date_format_iso(&eo->date, date, sizeof(date));
	struct tm tm;
	gmtime_r(&eo->modified, &tm);
	strftime(built, sizeof(built), "%Y-%m-%dT%H:%M:%SZ", &tm);
	struct bs_history_edition ed = {
		.path = path,
		.date = date,
		.title = eo->title && *eo->title ? eo->title
			: EDITION_DEFAULT_TITLE,
		.built = built,
		.sha256 = sha,
		.articles = items,
		.n_articles = n,
	};
	bool ok = history_record(h, &ed, err);
	free(items);
	return ok;
}

static struct bs_history *open_history(const struct bs_build_options *o,
	struct bs_error *err)
{
	if (o->no_history) {
		return NULL;
	}
	char *path = o->history ? xstrdup(o->history) : history_default_path();
	if (!path) {
		error_set(err, "history", "neither XDG_STATE_HOME nor HOME is "
			"set: no default place for it (use --history FILE or "
			"--no-history)");
		return NULL;
	}
	struct bs_history *h = history_open(path, err);
	free(path);
	return h;
}

/*
 * The history opened on a thread of its own while the pages are read: it
 * is needed only at the end then, and a new one takes SQLite some
 * milliseconds to create, and syncs. (--skip-seen needs it at once.)
 */
struct opening {
	const struct bs_build_options *o;
	struct bs_history *history;
	struct bs_error err;
	pthread_t thread;
	bool running;
};

static void *open_meanwhile(void *arg)
{
	struct opening *h = arg;
	h->history = open_history(h->o, &h->err);
	return NULL;
}

static void opening_start(struct opening *h, const struct bs_build_options *o)
{
	memset(h, 0, sizeof(*h));
	h->o = o;
	error_clear(&h->err);
	h->running = pthread_create(&h->thread, NULL, open_meanwhile, h) == 0;
	if (!h->running) {
		open_meanwhile(h);
	}
}

/* The history it opened (NULL: none), its error into err when set. */
static struct bs_history *opening_finish(struct opening *h,
	struct bs_error *err)
{
	if (h->running) {
		pthread_join(h->thread, NULL);
		h->running = false;
	}
	if (error_is_set(&h->err)) {
		*err = h->err;
		error_clear(&h->err);
	}
	struct bs_history *history = h->history;
	h->history = NULL;
	return history;
}

enum bs_status pipeline_build(char *const *inputs, size_t n_inputs,
	const struct bs_build_options *o, struct bs_build_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	struct bs_edition_options eo;
	memset(&eo, 0, sizeof(eo));
	eo.title = o->title;
	eo.lang = o->lang;
	eo.publisher = o->publisher;
	eo.issue = o->issue;
	eo.modified = build_time();
	if (o->date) {
		if (!date_parse(o->date, &eo.date) || eo.date.has_time) {
			error_set(&rep->fatal, NULL, "--date %s: not a date "
				"(YYYY-MM-DD)", o->date);
			return BS_USAGE;
		}
	} else {
		date_from_time(time(NULL), &eo.date);
	}
	if (!pattern_check(o->output, o->keep > 0, &rep->fatal)) {
		return BS_USAGE;
	}
	rep->output = pattern_expand(o->output, &eo.date,
		o->title && *o->title ? o->title : EDITION_DEFAULT_TITLE);
	char *sections[MAX_SECTIONS];
	size_t n_sections = split_sections(o->sections, sections);
	eo.sections = (const char *const *)sections;
	eo.n_sections = n_sections;

	/* each thread holds a decoded picture: a bound on memory too */
	int jobs = o->jobs > 0 ? o->jobs
		: pool_cpus() < DEFAULT_MAX_JOBS ? pool_cpus() : DEFAULT_MAX_JOBS;
	enum bs_status status = BS_OK;
	struct bs_render *render = NULL;
	struct bs_edition *edition = NULL;
	struct bs_epub *w = NULL;
	struct bs_history *history = NULL;
	struct opening opening = {.running = false};
	xmlDocPtr ed = NULL;
	char *css = NULL;
	char *output = NULL;
	struct bs_spool spool = {NULL, -1};
	struct bs_front_cover *cover = NULL;
	struct bs_input_list list;
	memset(&list, 0, sizeof(list));
	int lock = -1;

	render = render_create(o->xslt_dir, &rep->fatal);
	if (!render) {
		status = BS_USAGE;
		goto out;
	}
	css = read_css(o->css, &rep->fatal);
	if (!css) {
		status = BS_USAGE;
		goto out;
	}
	lock = take_folder(rep->output, o->wait, &rep->fatal);
	if (lock < 0) {
		status = BS_WRITE_FAILED;
		goto out;
	}
	output = absolute(rep->output);
	if (o->skip_seen >= 0) {
		history = open_history(o, &rep->history);
	} else {
		opening_start(&opening, o);
	}
	/* "~/news/{date}/": today's folder */
	char **named = xcalloc(n_inputs ? n_inputs : 1, sizeof(*named));
	for (size_t i = 0; i < n_inputs; i++) {
		named[i] = pattern_expand(inputs[i], &eo.date, eo.title
			&& *eo.title ? eo.title : EDITION_DEFAULT_TITLE);
	}
	ingest_find(named, n_inputs, &list, &rep->skipped);
	for (size_t i = 0; i < n_inputs; i++) {
		free(named[i]);
	}
	free(named);
	if (!spool_create(&spool, &rep->fatal)) {
		status = BS_WRITE_FAILED;
		goto out;
	}
	eo.spool = spool.dir;
	edition = edition_create(&eo);
	struct bs_extract_options xo = {
		.images = o->images,
		.image_width = o->image.max_width,
	};
	struct collect c = {
		.edition = edition,
		.report = rep,
		.opts = o,
		.history = o->skip_seen >= 0 ? history : NULL,
		.output = output,
	};
	if (o->skip_seen >= 0) {
		day_before(&eo.date, o->skip_seen, c.since);
		date_format_iso(&eo.date, c.until, sizeof(c.until));
	}
	struct reading r = {
		.paths = list.paths,
		.spool = spool.dir,
		.xo = &xo,
		.slots = xcalloc(list.count ? list.count : 1, sizeof(*r.slots)),
		.collect = &c,
	};
	pool_run(list.count, jobs, read_one, take_one, &r);
	free(r.slots);
	rep->articles = edition_article_count(edition);
	if (rep->articles == 0) {
		error_set(&rep->fatal, rep->output, "nothing to package: no "
			"article found in %zu input%s", rep->inputs,
			rep->inputs == 1 ? "" : "s");
		if (rep->seen || rep->dropped) {
			struct bs_buf why = {0};
			if (rep->seen) {
				buf_printf(&why, "%zu seen in the last %d days",
					rep->seen, o->skip_seen);
			}
			if (rep->dropped) {
				buf_printf(&why, "%s%zu dropped by rules",
					rep->seen ? ", " : "", rep->dropped);
			}
			error_set(&rep->fatal, rep->output, "nothing to package: "
				"every article left out (%s)", buf_str(&why));
			buf_finish(&why);
		}
		status = BS_NOTHING;
		goto out;
	}
	for (size_t i = 0; i < rep->articles; i++) {
		quality_review(edition_article(edition, i), eo.modified,
			&rep->warnings);
	}
	w = epub_open(rep->output, eo.modified, &rep->fatal);
	if (!w) {
		status = BS_WRITE_FAILED;
		goto out;
	}
	cover = front_cover_start(edition, o->cover, &eo, jobs);
	struct bs_pictures_report pr = {.warnings = &rep->warnings};
	if (!pictures_package(edition, w, &o->image, jobs, &pr,
			&rep->fatal)) {
		status = BS_WRITE_FAILED;
		goto out;
	}
	rep->images = pr.packaged;
	if (!front_cover_add(cover, edition, w, &rep->warnings, &rep->fatal)) {
		status = BS_WRITE_FAILED;
		goto out;
	}
	ed = edition_to_xml(edition, &rep->sections);
	if (o->keep_xml) {
		struct bs_error err;
		error_clear(&err);
		if (!pages_write_xml(ed, edition, o->keep_xml, &err)) {
			error_list_add(&rep->warnings, &err);
		}
	}
	bool write_failed = false;
	if (!pages_package(render, ed, edition, jobs, w, &write_failed,
			&rep->fatal)) {
		status = write_failed ? BS_WRITE_FAILED : BS_USAGE;
		goto out;
	}
	if (!epub_add(w, "OEBPS/style.css", css, strlen(css), true,
			&rep->fatal)) {
		status = BS_WRITE_FAILED;
		goto out;
	}
	bool committed = epub_commit(w, &rep->fatal);
	w = NULL;
	if (!committed) {
		status = BS_WRITE_FAILED;
		goto out;
	}
	if (!history) {
		history = opening_finish(&opening, &rep->history);
	}
	if (history && !error_is_set(&rep->history)) {
		record(history, edition, output, &eo, &rep->history);
	}
	if (o->keep > 0) {
		pattern_keep(o->output, (size_t)o->keep, rep->output,
			&rep->removed, &rep->warnings);
	}
	status = rep->skipped.count || error_is_set(&rep->history)
		|| (o->strict && rep->warnings.count) ? BS_SKIPPED : BS_OK;
out:
	front_cover_free(cover);
	epub_abort(w);
	if (ed) {
		xmlFreeDoc(ed);
	}
	history_close(history);
	history_close(opening_finish(&opening, &rep->history));
	edition_destroy(edition);
	render_destroy(render);
	ingest_list_finish(&list);
	spool_remove(&spool);
	folder_unlock(lock);
	free(output);
	free(css);
	for (size_t i = 0; i < n_sections; i++) {
		free(sections[i]);
	}
	return status;
}

struct extracted {
	enum bs_extract_format format;
	struct bs_buf out;
};

static void format_article(struct bs_article *a, void *ctx)
{
	struct extracted *x = ctx;
	if (x->out.len) {
		buf_puts(&x->out, x->format == BS_FORMAT_JSON ? "\n" : "\n\n");
	}
	if (x->format == BS_FORMAT_JSON) {
		char *json = article_to_json(a);
		buf_puts(&x->out, json);
		free(json);
	} else if (x->format == BS_FORMAT_TEXT) {
		buf_printf(&x->out, "%s\n\n%s", a->title, a->text);
	} else {
		xmlBufferPtr xb = xmlBufferCreate();
		xmlNodeDump(xb, a->body, xmlDocGetRootElement(a->body), 0, 0);
		buf_puts(&x->out, (const char *)xmlBufferContent(xb));
		xmlBufferFree(xb);
	}
	article_destroy(a);
}

bool pipeline_extract(const char *path, enum bs_extract_format format,
	char **out, struct bs_error_list *problems, struct bs_error *err)
{
	struct bs_spool spool;
	if (!spool_create(&spool, err)) {
		return false;
	}
	struct bs_extract_options xo = {.images = true};
	struct extracted x = {.format = format};
	struct bs_error_list skipped = {0};
	size_t n = inputs_read(path, spool.dir, &xo, format_article, &x,
		&skipped);
	spool_remove(&spool);
	bool found = n > 0;
	if (found) {
		*out = buf_detach(&x.out);
		error_list_extend(problems, &skipped);
	} else if (skipped.count == 1) {
		*err = skipped.items[0];
	} else {
		error_set(err, path, "no article found");
		error_list_extend(problems, &skipped);
	}
	buf_finish(&x.out);
	error_list_finish(&skipped);
	return found;
}
