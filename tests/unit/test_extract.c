/*
 * extract: a saved page, end to end, from the file through
 * source_next() and extract_article() to the article and its JSON.
 * Pages are written into a temporary folder, beside a browser's
 * "<page>_files" folder when a test needs pictures on disk.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "extract/extract.h"
#include "ingest/source.h"
#include "ingest/ingest.h"
#include "util/buf.h"
#include "util/error.h"

#include "harness.h"
#include "testutil.h"

static const char *const paras[] = {
	"The city council approved its budget for next year on Tuesday night, "
	"after a debate that ran for almost six hours, with seven members in "
	"favour and two against the plan.",
	"Under the plan, spending on road repairs rises by a fifth, while the "
	"libraries keep their opening hours, a point that had drawn hundreds "
	"of letters from residents over the summer.",
	"Opponents said the harbour levy, which funds most of the increase, "
	"would fall hardest on small traders, and asked for a review before "
	"the first payments are due in the spring.",
	"The finance chair, speaking after the vote, said the levy was the "
	"fairest option on the table, and that the council would publish "
	"every contract paid for by it.",
	"Council staff will present a timetable for the repairs next month, "
	"starting with the bridges on the eastern side of the river, where "
	"inspectors found the worst damage last winter.",
};

enum { N_PARAS = sizeof(paras) / sizeof(paras[0]) };

static const char bio[] = "Jane Doe is a reporter for The Harbour Gazette, "
	"covering the council and the port.";

static const char og_image[] = "https://cdn.gazette.example/images/2026/"
	"lead-council.jpg?w=1200&q=80";

/*
 * A page with og:image and an author, whose article holds extra (a
 * picture, say) after its first paragraph and ends with tail.
 */
static char *page(const char *extra, const char *tail)
{
	struct bs_buf b = {0};
	buf_printf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
		"<meta charset=\"utf-8\"><title>Council approves budget | The "
		"Harbour Gazette</title>"
		"<meta property=\"og:title\" content=\"Council approves budget\">"
		"<meta property=\"og:site_name\" content=\"The Harbour Gazette\">"
		"<meta property=\"og:image\" content=\"%s\">"
		"<meta property=\"og:url\" content=\"https://gazette.example/"
		"politics/2026/11/council-budget\">"
		"<meta name=\"author\" content=\"Jane Doe\">"
		"</head>\n<body><header><a href=\"/\">The Harbour Gazette</a>"
		"<nav><ul><li><a href=\"/news\">News</a></li><li><a href=\""
		"/sport\">Sport</a></li></ul></nav></header>\n<main><article>"
		"<h1>Council approves budget</h1><p class=\"byline\">By Jane Doe"
		"</p>\n<div class=\"article-body\">\n", og_image);
	for (size_t i = 0; i < N_PARAS; i++) {
		buf_printf(&b, "<p>%s</p>\n", paras[i]);
		if (i == 0 && extra) {
			buf_puts(&b, extra);
		}
	}
	if (tail) {
		buf_printf(&b, "<p>%s</p>\n", tail);
	}
	buf_puts(&b, "</div></article></main>\n<footer><p>&copy; 2026 The "
		"Harbour Gazette</p></footer></body></html>\n");
	return buf_detach(&b);
}

/* A folder holding story.html and story_files/. */
struct site {
	char *tmp, *files, *html;
};

static void site_init(struct site *s, const char *html)
{
	s->tmp = tmp_dir();
	s->files = tmp_mkdir(s->tmp, "story_files");
	s->html = tmp_write(s->tmp, "story.html", html, strlen(html));
}

static void site_finish(struct site *s)
{
	free(s->files);
	free(s->html);
	tmp_remove(s->tmp);
}

/* Loads and extracts the page at path; NULL (with a failed check) when
 * it cannot. */
static struct bs_article *extract(const char *path, bool images)
{
	struct bs_error err;
	error_clear(&err);
	struct bs_source *s = source_open(path, "/nonexistent", &err);
	struct bs_document doc;
	if (!s || source_next(s, &doc, &err) != BS_NEXT_DOC) {
		OK(false, "load %s: %s", path, err.reason);
		source_close(s);
		return NULL;
	}
	OK(doc.kind == BS_DOC_PAGE, "%s: a page", path);
	struct bs_extract_options opts = {.images = images};
	struct bs_article *a = extract_article(&doc.page, &opts, &err);
	OK(a != NULL, "extract %s: %s", path, err.reason);
	document_finish(&doc);
	source_close(s);
	return a;
}

/* The real path of dir/name, as the article gives local files. */
static char *real(const char *dir, const char *name)
{
	char *p = tmp_path(dir, name);
	char *r = realpath(p, NULL);
	OK(r != NULL, "realpath %s", p);
	free(p);
	return r;
}

static const char *json_str(json_object *o, const char *key)
{
	json_object *v;
	if (!o || !json_object_object_get_ex(o, key, &v) || !v
			|| !json_object_is_type(v, json_type_string)) {
		return NULL;
	}
	return json_object_get_string(v);
}

/* The bio becomes "note", out of the text; og:image becomes "image". */
static void json_note_image(void)
{
	char *html = page(NULL, bio);
	struct site s;
	site_init(&s, html);
	struct bs_article *a = extract(s.html, true);
	if (a) {
		STR_EQ(a->note, bio);
		STR_EQ(a->image, og_image);
		OK(a->text && strstr(a->text, "is a reporter for") == NULL,
			"the bio stayed in the text: %s", a->text);
		OK(a->text && strstr(a->text, "inspectors found the worst"),
			"the last paragraph of the article went: %s", a->text);
		char *json = article_to_json(a);
		json_object *o = json_tokener_parse(json);
		OK(o != NULL, "JSON: %s", json);
		STR_EQ(json_str(o, "note"), bio);
		STR_EQ(json_str(o, "image"), og_image);
		STR_EQ(json_str(o, "byline"), "Jane Doe");
		const char *text = json_str(o, "text");
		OK(text && strstr(text, "is a reporter for") == NULL,
			"the bio in the JSON text");
		OK(text && strstr(text, "By Jane Doe") == NULL,
			"the byline in the JSON text");
		json_object_put(o);
		free(json);
	}
	article_destroy(a);
	site_finish(&s);
	free(html);

	/* the limit: a last paragraph that merely names the author stays */
	static const char said[] = "Doe said the bridge would be repaired "
		"first, and the ferry pier later.";
	html = page(NULL, said);
	site_init(&s, html);
	a = extract(s.html, true);
	if (a) {
		OK(a->note == NULL, "a note: %s", a->note);
		OK(a->text && strstr(a->text, said), "the paragraph went: %s",
			a->text);
		char *json = article_to_json(a);
		json_object *o = json_tokener_parse(json);
		json_object *v = NULL;
		OK(o && json_object_object_get_ex(o, "note", &v) && v == NULL,
			"\"note\" is null: %s", json);
		json_object_put(o);
		free(json);
	}
	article_destroy(a);
	site_finish(&s);
	free(html);
}

/*
 * og:image names a remote picture that the browser saved in story_files/,
 * and the body has no picture: the lead image is that file.
 */
static void lead_image(void)
{
	char *html = page(NULL, NULL);
	struct site s;
	site_init(&s, html);
	free(tmp_write(s.files, "lead-council.jpg", "not really a jpeg", 17));
	char *want = real(s.files, "lead-council.jpg");
	struct bs_article *a = extract(s.html, true);
	if (a) {
		STR_EQ(a->lead_image, want);
		STR_EQ(a->image, og_image);
	}
	article_destroy(a);

	/* a remote picture in the body is left out: still none there */
	site_finish(&s);
	free(html);
	html = page("<figure><img src=\"https://cdn.gazette.example/images/"
		"2026/other.jpg\" alt=\"x\"><figcaption>The chamber</figcaption>"
		"</figure>\n", NULL);
	site_init(&s, html);
	free(tmp_write(s.files, "lead-council.jpg", "not really a jpeg", 17));
	free(want);
	want = real(s.files, "lead-council.jpg");
	a = extract(s.html, true);
	if (a) {
		STR_EQ(a->lead_image, want);
	}
	article_destroy(a);
	free(want);
	site_finish(&s);
	free(html);

	/* the limit: no such file saved, no lead image */
	html = page(NULL, NULL);
	site_init(&s, html);
	free(tmp_write(s.files, "another.jpg", "not really a jpeg", 17));
	a = extract(s.html, true);
	if (a) {
		STR_EQ(a->lead_image, NULL);
		STR_EQ(a->image, og_image);
	}
	article_destroy(a);
	site_finish(&s);
	free(html);
}

/* With a picture of its own in the body, the article has no lead image. */
static void lead_image_body_picture(void)
{
	char *html = page("<figure><img src=\"story_files/chamber.jpg\" alt=\""
		"The chamber\"><figcaption>The council chamber</figcaption>"
		"</figure>\n", NULL);
	struct site s;
	site_init(&s, html);
	free(tmp_write(s.files, "lead-council.jpg", "not really a jpeg", 17));
	free(tmp_write(s.files, "chamber.jpg", "not really a jpeg", 17));
	char *chamber = real(s.files, "chamber.jpg");
	struct bs_article *a = extract(s.html, true);
	if (a) {
		STR_EQ(a->lead_image, NULL);
		STR_EQ(a->image, og_image);
		/* the picture is in the body */
		xmlChar *mem = NULL;
		int size = 0;
		xmlDocDumpMemory(a->body, &mem, &size);
		OK(mem && strstr((const char *)mem, chamber), "the picture: %s",
			mem ? (const char *)mem : "");
		xmlFree(mem);
	}
	article_destroy(a);

	/* pictures off: no lead image either */
	a = extract(s.html, false);
	if (a) {
		STR_EQ(a->lead_image, NULL);
	}
	article_destroy(a);
	free(chamber);
	site_finish(&s);
	free(html);
}

/*
 * A browser names the folder after the page's file name without its last
 * extension: "U.S. council approves budget.html" saves its pictures in
 * "U.S. council approves budget_files".
 */
static void lead_image_dotted_name(void)
{
	char *html = page(NULL, NULL);
	char *tmp = tmp_dir();
	char *files = tmp_mkdir(tmp, "U.S. council approves budget_files");
	char *path = tmp_write(tmp, "U.S. council approves budget.html", html,
		strlen(html));
	free(tmp_write(files, "lead-council.jpg", "not really a jpeg", 17));
	char *want = real(files, "lead-council.jpg");
	struct bs_article *a = extract(path, true);
	if (a) {
		STR_EQ(a->lead_image, want);
	}
	article_destroy(a);
	free(want);
	free(path);
	free(files);
	tmp_remove(tmp);
	free(html);
}

static const struct subtest tests[] = {
	{"json_note_image", json_note_image},
	{"lead_image", lead_image},
	{"lead_image_body_picture", lead_image_body_picture},
	{"lead_image_dotted_name", lead_image_dotted_name},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
