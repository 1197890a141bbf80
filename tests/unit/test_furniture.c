/*
 * extract/furniture: the headline, byline, dateline and standfirst that
 * an article block repeats at its top, and the author's bio at its end.
 * Fixtures are sanitized bodies as extract.h describes them, written by
 * hand; each check looks at the text of the blocks left, in order.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "extract/extract.h"
#include "extract/furniture.h"
#include "util/buf.h"

#include "harness.h"

static const char *const authors[] = {"Jane Doe"};

static const struct bs_furniture furniture = {
	.title = "Council approves budget after six-hour debate",
	.authors = authors,
	.n_authors = 1,
	.byline = NULL,
	.description = "The harbour levy pays for most of the road repairs "
		"that residents asked for.",
	.site = "The Harbour Gazette",
	.section = "Politics",
};

/* A real paragraph: prose of more than twenty words. */
#define PROSE "The city council approved its budget for next year on " \
	"Tuesday night, after a debate that ran for almost six hours, with " \
	"seven members in favour and two against the plan."

/* Parses blocks into a body <div xmlns=XHTML>blocks</div>. */
static xmlDocPtr body(const char *blocks)
{
	struct bs_buf b = {0};
	buf_puts(&b, "<div xmlns=\"" BS_XHTML_NS "\">");
	buf_puts(&b, blocks);
	buf_puts(&b, "</div>");
	xmlDocPtr doc = xmlReadMemory(b.data, (int)b.len, NULL, "UTF-8",
		XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	buf_finish(&b);
	OK(doc != NULL, "fixture is XML: %s", blocks);
	return doc;
}

/* The blocks left, as "<name>text" lines. The caller frees. */
static char *blocks_of(xmlDocPtr doc)
{
	struct bs_buf b = {0};
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE) {
			continue;
		}
		xmlChar *t = xmlNodeGetContent(c);
		buf_printf(&b, "<%s>%s\n", (const char *)c->name,
			t ? (const char *)t : "");
		xmlFree(t);
	}
	return buf_detach(&b);
}

/* furniture_strip_head() on blocks with f; the blocks left. */
static char *stripped(const char *blocks, const struct bs_furniture *f)
{
	xmlDocPtr doc = body(blocks);
	if (!doc) {
		return NULL;
	}
	furniture_strip_head(xmlDocGetRootElement(doc), f);
	char *s = blocks_of(doc);
	xmlFreeDoc(doc);
	return s;
}

/*
 * furniture_take_bio() on blocks with f: the bio into *bio (NULL when
 * none), the blocks left returned. The caller frees both.
 */
static char *without_bio(const char *blocks, const struct bs_furniture *f,
	char **bio)
{
	*bio = NULL;
	xmlDocPtr doc = body(blocks);
	if (!doc) {
		return NULL;
	}
	*bio = furniture_take_bio(xmlDocGetRootElement(doc), f);
	char *s = blocks_of(doc);
	xmlFreeDoc(doc);
	return s;
}

#define STRIPPED_IS(blocks, want) do { \
	char *got_ = stripped((blocks), &furniture); \
	STR_EQ(got_, (want)); \
	free(got_); \
} while (0)

static void strip_head(void)
{
	/* all of the furniture, in the order sites put it */
	STRIPPED_IS("<p>Politics</p>"
		"<h2>Council approves budget after six-hour debate</h2>"
		"<h2>The harbour levy pays for most of the road repairs that "
		"residents asked for.</h2>"
		"<p>By Jane Doe</p>"
		"<p>Published Nov 18, 2019 at 4:07 PM | Updated Nov 19, 2019 at "
		"9:12 AM</p>"
		"<p>" PROSE "</p>"
		"<p>The levy was the fairest option, the chair said.</p>",
		"<p>" PROSE "\n"
		"<p>The levy was the fairest option, the chair said.\n");

	/* the headline loosely equal, the site, a line naming the author */
	STRIPPED_IS("<h2>Council Approves Budget After Six-Hour Debate!</h2>"
		"<p>THE HARBOUR GAZETTE</p>"
		"<p>Jane Doe, City Hall reporter</p>"
		"<p>18 November 2019</p>"
		"<p>" PROSE "</p>",
		"<p>" PROSE "\n");

	/* a subtitle heading: the description, with a photo credit after */
	STRIPPED_IS("<h2>The harbour levy pays for most of the road repairs "
		"that residents asked for. (Photo: J. Doe)</h2>"
		"<p>" PROSE "</p>",
		"<p>" PROSE "\n");
}

static void strip_head_limits(void)
{
	/* the description as a paragraph is the article's first one */
	STRIPPED_IS("<p>By Jane Doe</p>"
		"<p>The harbour levy pays for most of the road repairs that "
		"residents asked for.</p>"
		"<p>" PROSE "</p>",
		"<p>The harbour levy pays for most of the road repairs that "
		"residents asked for.\n"
		"<p>" PROSE "\n");

	/* after a standfirst, a dateline with the author still goes */
	STRIPPED_IS("<p>" PROSE "</p>"
		"<p>November 20, 2019 Jane Doe</p>"
		"<p>" PROSE "</p>",
		"<p>" PROSE "\n"
		"<p>" PROSE "\n");

	/* the headline in other words, as a heading */
	STRIPPED_IS("<h2>The Gazette | Council approves budget after six-hour "
		"debate</h2><p>" PROSE "</p>",
		"<p>" PROSE "\n");

	/* stripping stops at the first real paragraph */
	STRIPPED_IS("<p>" PROSE "</p>"
		"<p>By the way, the vote was close.</p>"
		"<p>Jane Doe was at the meeting.</p>"
		"<p>Politics</p>"
		"<h2>Council approves budget after six-hour debate</h2>",
		"<p>" PROSE "\n"
		"<p>By the way, the vote was close.\n"
		"<p>Jane Doe was at the meeting.\n"
		"<p>Politics\n"
		"<h2>Council approves budget after six-hour debate\n");

	/* a long sentence that starts like a byline is prose */
	STRIPPED_IS("<p>By the time the vote came, after almost six hours of "
		"debate, most of the residents who had come to speak had gone "
		"home to bed.</p>",
		"<p>By the time the vote came, after almost six hours of debate, "
		"most of the residents who had come to speak had gone home to "
		"bed.\n");

	/* a short opening line that is none of these stays */
	STRIPPED_IS("<p>The vote was close.</p><p>" PROSE "</p>",
		"<p>The vote was close.\n<p>" PROSE "\n");

	/* nothing known about the page: nothing taken for furniture */
	struct bs_furniture none = {.title = ""};
	char *s = stripped("<p>Politics</p><p>Jane Doe</p><p>" PROSE "</p>",
		&none);
	STR_EQ(s, "<p>Politics\n<p>Jane Doe\n<p>" PROSE "\n");
	free(s);
}

static void take_bio(void)
{
	static const char *const bios[] = {
		"Jane Doe is a reporter for The Harbour Gazette, covering the "
		"council and the port.",
		"Ms. Doe writes about transport and the weekend market.",
		"Doe covers City Hall.",
		"About the author: Jane Doe has covered the harbour since 2015.",
		NULL,
	};
	for (const char *const *b = bios; *b; b++) {
		struct bs_buf in = {0};
		buf_printf(&in, "<p>%s</p><p>%s</p>", PROSE, *b);
		char *bio;
		char *s = without_bio(in.data, &furniture, &bio);
		STR_EQ(bio, *b);
		STR_EQ(s, "<p>" PROSE "\n");
		free(bio);
		free(s);
		buf_finish(&in);
	}
}

static void take_bio_limits(void)
{
	static const char *const not_bios[] = {
		/* mentions the author, says nothing about them */
		"Doe said the bridge would be repaired first, and the ferry "
		"pier later.",
		"Jane Doe, who was at the meeting, counted the votes.",
		/* someone else */
		"John Roe is the chair of the finance committee.",
		NULL,
	};
	for (const char *const *b = not_bios; *b; b++) {
		struct bs_buf in = {0};
		buf_printf(&in, "<p>%s</p><p>%s</p>", PROSE, *b);
		char *bio;
		char *s = without_bio(in.data, &furniture, &bio);
		STR_EQ(bio, NULL);
		struct bs_buf want = {0};
		buf_printf(&want, "<p>%s\n<p>%s\n", PROSE, *b);
		STR_EQ(s, want.data);
		buf_finish(&want);
		free(bio);
		free(s);
		buf_finish(&in);
	}

	/* a bio that is not the last block stays where it is */
	char *bio;
	char *s = without_bio("<p>Jane Doe is a reporter for The Harbour "
		"Gazette.</p><p>" PROSE "</p>", &furniture, &bio);
	STR_EQ(bio, NULL);
	STR_EQ(s, "<p>Jane Doe is a reporter for The Harbour Gazette.\n<p>"
		PROSE "\n");
	free(bio);
	free(s);

	/* a long last paragraph about the author is the article's */
	struct bs_buf in = {0};
	buf_printf(&in, "<p>%s</p><p>Jane Doe is the only reporter who sat "
		"through all six hours of the debate", PROSE);
	for (int i = 0; i < 8; i++) {
		buf_puts(&in, ", and she counted every vote, every speech and "
			"every point of order");
	}
	buf_puts(&in, ".</p>");
	s = without_bio(in.data, &furniture, &bio);
	STR_EQ(bio, NULL);
	OK(s && strstr(s, "Jane Doe is the only reporter"), "the paragraph "
		"went: %s", s ? s : "");
	free(bio);
	free(s);
	buf_finish(&in);

	/* no author known: no bio */
	struct bs_furniture anonymous = furniture;
	anonymous.n_authors = 0;
	s = without_bio("<p>" PROSE "</p><p>Jane Doe is a reporter.</p>",
		&anonymous, &bio);
	STR_EQ(bio, NULL);
	free(bio);
	free(s);
}

static const struct subtest tests[] = {
	{"strip_head", strip_head},
	{"strip_head_limits", strip_head_limits},
	{"take_bio", take_bio},
	{"take_bio_limits", take_bio_limits},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
