/*
 * textdump: articles found in plain-text dumps of pages (lynx -dump,
 * w3m -dump, a browser's "Save as text"). Each dump of $BS_TEXTDUMPS is
 * checked field by field through the CLI (tests/integration/textdumps.sh);
 * here they serve as material for the edge cases (huge lines, CRLF, tabs),
 * beside inline ones: empty, binary, menus only.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "extract/extract.h"
#include "extract/textdump.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/text.h"

#include "harness.h"
#include "testutil.h"

static const char no_article[] = "no article text found in the text dump";

static struct bs_article *extract(const char *text, size_t len,
	struct bs_error *err)
{
	error_clear(err);
	return textdump_extract("dump.txt", text, len, err);
}

static struct bs_article *extract_str(const char *text, struct bs_error *err)
{
	return extract(text, strlen(text), err);
}

/* The dump NAME.txt of the data folder; NULL (and a skip) without it. */
static char *read_dump(const char *name, size_t *len)
{
	const char *dir = getenv("BS_TEXTDUMPS");
	if (!dir) {
		return NULL;
	}
	char file[256];
	snprintf(file, sizeof(file), "%s.txt", name);
	char *path = tmp_path(dir, file);
	char *text = tmp_read(path, len);
	free(path);
	return text;
}

static bool starts_collapsed(const char *text, const char *want)
{
	char *t = text_collapse(text), *w = text_collapse(want);
	bool yes = strncmp(t, w, strlen(w)) == 0;
	free(t);
	free(w);
	return yes;
}

static bool ends_collapsed(const char *text, const char *want)
{
	char *t = text_collapse(text), *w = text_collapse(want);
	size_t tl = strlen(t), wl = strlen(w);
	bool yes = tl >= wl && strcmp(t + tl - wl, w) == 0;
	free(t);
	free(w);
	return yes;
}

static void empty(void)
{
	struct bs_error err;
	OK(extract("", 0, &err) == NULL, "empty input");
	STR_EQ(err.reason, no_article);
	STR_EQ(err.file, "dump.txt");
	OK(extract(NULL, 0, &err) == NULL, "NULL input");
	STR_EQ(err.reason, no_article);
	OK(extract_str("\n\n   \n\t\n", &err) == NULL, "blank lines");
	STR_EQ(err.reason, no_article);
	OK(extract_str("Hello.", &err) == NULL, "one word");
	STR_EQ(err.reason, no_article);
}

static void no_prose(void)
{
	static const char menus[] =
		"   [1]Skip to content\n\n"
		"   [2]The Example Times\n\n"
		"     * [3]Home\n     * [4]World\n          + [5]Europe\n"
		"          + [6]Asia\n     * [7]Business\n     * [8]Sport\n\n"
		"   Most read\n\n"
		"    1. [9]Storm closes the coast road\n"
		"    2. [10]Mayor opens new library\n\n"
		"Home      News      Sport      Weather      Contact\n\n"
		"   Copyright (c) 2026 The Example Times. All rights reserved.\n\n"
		"References\n\n   1. https://times.example/#main\n"
		"   2. https://times.example/\n";
	struct bs_error err;
	OK(extract_str(menus, &err) == NULL, "menus only");
	STR_EQ(err.reason, no_article);
}

/* A deterministic stream of bytes. */
static unsigned char next_byte(uint32_t *state)
{
	*state = *state * 1664525u + 1013904223u;
	return (unsigned char)(*state >> 24);
}

static void binary(void)
{
	size_t len = 64 * 1024;
	char *junk = malloc(len);
	uint32_t state = 12345;
	for (size_t i = 0; i < len; i++) {
		junk[i] = (char)next_byte(&state);
	}
	struct bs_error err;
	OK(extract(junk, len, &err) == NULL, "random bytes");
	STR_EQ(err.reason, no_article);
	/* NUL bytes and invalid UTF-8 in a short text: no crash */
	static const char mixed[] = "abc\0def\xff\xfe\xc3\x28 \xe2\x82 x\n";
	struct bs_article *a = extract(mixed, sizeof(mixed) - 1, &err);
	OK(a == NULL, "junk with a few letters");
	free(junk);
}

/* Harbour's dump, which the other cases vary. */
static char *harbour(size_t *len)
{
	return read_dump("harbour-lynx", len);
}

static void huge_line(void)
{
	size_t big = 100 * 1024;
	char *line = malloc(big + 1);
	memset(line, 'x', big);
	line[big] = '\0';
	struct bs_error err;
	OK(extract(line, big, &err) == NULL, "one huge word");
	STR_EQ(err.reason, no_article);
	/* a huge line of words without a sentence end: no crash */
	for (size_t i = 0; i < big; i += 5) {
		memcpy(line + i, "word ", big - i < 5 ? big - i : 5);
	}
	struct bs_article *a = extract(line, big, &err);
	article_destroy(a);

	size_t len;
	char *dump = harbour(&len);
	if (!dump) {
		free(line);
		SKIP("BS_TEXTDUMPS is not set");
	}
	memset(line, 'x', big);
	struct bs_buf b = {0};
	buf_append(&b, line, big);
	buf_puts(&b, "\n\n");
	buf_append(&b, dump, len);
	buf_puts(&b, "\n");
	buf_append(&b, line, big);
	a = extract(b.data, b.len, &err);
	OK(a != NULL, "huge lines around an article: %s", err.reason);
	if (a) {
		STR_EQ(a->title, "Council approves harbour budget after six-hour "
			"debate");
		OK(!strstr(a->text, "xxxxxxxx"), "the huge line is in the text");
	}
	article_destroy(a);
	buf_finish(&b);
	free(dump);
	free(line);
}

/* dump with every "\n" turned into to, and every from at a line start too. */
static char *convert(const char *dump, size_t len, const char *nl,
	const char *indent_from, const char *indent_to, size_t *out_len)
{
	struct bs_buf b = {0};
	size_t fl = indent_from ? strlen(indent_from) : 0;
	bool line_start = true;
	for (size_t i = 0; i < len; i++) {
		if (line_start && fl && strncmp(dump + i, indent_from, fl) == 0) {
			buf_puts(&b, indent_to);
			i += fl - 1;
			line_start = false;
			continue;
		}
		line_start = dump[i] == '\n';
		if (dump[i] == '\n') {
			buf_puts(&b, nl);
		} else {
			buf_putc(&b, dump[i]);
		}
	}
	*out_len = b.len;
	return buf_detach(&b);
}

/* The same article from two forms of one dump. */
static void same_article(const char *what, const char *a_text, size_t a_len,
	const char *b_text, size_t b_len)
{
	struct bs_error err;
	struct bs_article *a = extract(a_text, a_len, &err);
	struct bs_article *b = extract(b_text, b_len, &err);
	OK(a && b, "%s: %s", what, err.reason);
	if (a && b) {
		STR_EQ(b->title, a->title);
		STR_EQ(b->text, a->text);
		STR_EQ(b->published, a->published);
		STR_EQ(b->section, a->section);
		STR_EQ(b->note, a->note);
		STR_EQ(b->url, a->url);
		INT_EQ(b->n_authors, a->n_authors);
		OK(!strchr(b->text, '\r') && !strchr(b->text, '\t'),
			"%s: control characters in the text", what);
	}
	article_destroy(a);
	article_destroy(b);
}

static void crlf(void)
{
	size_t len, clen;
	char *dump = harbour(&len);
	if (!dump) {
		SKIP("BS_TEXTDUMPS is not set");
	}
	char *dos = convert(dump, len, "\r\n", NULL, NULL, &clen);
	same_article("CRLF", dump, len, dos, clen);
	free(dos);
	/* old Mac line ends */
	dos = convert(dump, len, "\r", NULL, NULL, &clen);
	same_article("CR", dump, len, dos, clen);
	free(dos);
	free(dump);
}

static void tabs(void)
{
	size_t len, tlen;
	char *dump = harbour(&len);
	if (!dump) {
		SKIP("BS_TEXTDUMPS is not set");
	}
	/* lynx's three-space indentation as a tab */
	char *tabbed = convert(dump, len, "\n", "   ", "\t", &tlen);
	same_article("tabs", dump, len, tabbed, tlen);
	free(tabbed);
	free(dump);
}

/* A lynx dump with boilerplate everywhere. */
static const char noisy[] =
	"   [1]Skip to main content\n\n"
	"   [2]The Riverbend Echo\n\n"
	"   We use cookies to improve your experience on our site. By using this\n"
	"   site you accept our use of cookies. [3]Accept [4]Learn more\n\n"
	"     * [5]Home\n     * [6]News\n          + [7]Local\n"
	"          + [8]Region\n     * [9]Sport\n     * [10]Weather\n\n"
	"   [11]Home > [12]Region > [13]Rivers\n\n"
	"Weir repairs to keep the old mill race flowing\n\n"
	"   By [14]Nadia Brook\n\n"
	"   Posted : 2026-04-02 09:15\n\n"
	"   [15]Print Preview [16]Font Size Up [17]Font Size Down\n\n"
	"     * [18]Share\n     * [19]Email\n\n"
	"   Engineers will spend the summer rebuilding the stone weir that feeds\n"
	"   the old mill race at Riverbend, after surveys found that floods had\n"
	"   scoured away much of its base over the past two winters.\n\n"
	"   The work, paid for by a heritage grant and the parish council, will\n"
	"   close the towpath between the mill and the footbridge for about ten\n"
	"   weeks. A diversion through the meadow will be signposted.\n\n"
	"   Advertisement\n\n"
	"   Volunteers who run the mill as a museum said the race had run almost\n"
	"   dry twice last autumn, stopping the wheel on open days. They hope to\n"
	"   have it turning again for the harvest fair in September.\n\n"
	"   Related stories\n\n"
	"     * [20]Footbridge reopens after flood damage\n"
	"     * [21]Mill museum wins visitor award\n\n"
	"   Most read\n\n"
	"    1. [22]Council tax rise approved\n"
	"    2. [23]New bus route to the hospital\n\n"
	"   Sign up for our newsletter and get the news in your inbox.\n\n"
	"     * [24]About us\n     * [25]Contact\n     * [26]Privacy policy\n\n"
	"   Copyright (c) 2026 Riverbend Echo Ltd. All rights reserved.\n\n"
	"References\n\n"
	"   1. https://echo.example/region/rivers/weir-repairs-mill-race#main\n"
	"   2. https://echo.example/\n";

static void boilerplate(void)
{
	struct bs_error err;
	struct bs_article *a = extract_str(noisy, &err);
	OK(a != NULL, "%s", err.reason);
	if (!a) {
		return;
	}
	STR_EQ(a->title, "Weir repairs to keep the old mill race flowing");
	char *by = article_byline(a);
	STR_EQ(by, "Nadia Brook");
	free(by);
	STR_EQ(a->published, "2026-04-02T09:15:00");
	STR_EQ(a->section, "Region");
	STR_EQ(a->site, "Riverbend Echo");
	STR_EQ(a->url, "https://echo.example/region/rivers/weir-repairs-mill-race");
	OK(starts_collapsed(a->text, "Engineers will spend the summer"), "%s",
		a->text);
	OK(ends_collapsed(a->text, "for the harvest fair in September."), "%s",
		a->text);
	static const char *const junk[] = {"Skip to", "Riverbend Echo",
		"cookies", "Home", "Sport", "Weather", "Print Preview",
		"Font Size", "Share", "Email", "Advertisement", "Related",
		"Footbridge reopens", "Mill museum wins", "Most read",
		"Council tax", "newsletter", "About us", "Privacy", "Copyright",
		"rights reserved", "References", "https://", "[", "Posted",
		"Nadia Brook", "Weir repairs", NULL};
	for (const char *const *j = junk; *j; j++) {
		OK(!strstr(a->text, *j), "\"%s\" is in the text", *j);
	}
	INT_EQ(a->words, text_word_count(a->text));
	article_destroy(a);
}

static size_t count_children(xmlNode *root, const char *name)
{
	size_t n = 0;
	for (xmlNode *c = root->children; c; c = c->next) {
		n += c->type == XML_ELEMENT_NODE
			&& strcmp((const char *)c->name, name) == 0;
	}
	return n;
}

static void body_shape(void)
{
	const char *names[] = {"ledger-saveas", "harbour-lynx", "beacon-w3m"};
	for (size_t i = 0; i < 3; i++) {
		size_t len;
		char *dump = read_dump(names[i], &len);
		if (!dump) {
			SKIP("BS_TEXTDUMPS is not set");
		}
		struct bs_error err;
		struct bs_article *a = extract(dump, len, &err);
		OK(a != NULL, "%s: %s", names[i], err.reason);
		if (!a) {
			free(dump);
			continue;
		}
		xmlNode *root = xmlDocGetRootElement(a->body);
		STR_EQ((const char *)root->name, "div");
		OK(root->ns && strcmp((const char *)root->ns->href,
			BS_XHTML_NS) == 0, "%s: namespace", names[i]);
		for (xmlNode *c = root->children; c; c = c->next) {
			const char *n = (const char *)c->name;
			OK(c->type == XML_ELEMENT_NODE && (strcmp(n, "p") == 0
				|| strcmp(n, "h2") == 0 || strcmp(n, "ul") == 0
				|| strcmp(n, "ol") == 0), "%s: a %s in the body",
				names[i], n);
			OK(c->ns == root->ns, "%s: %s without the namespace",
				names[i], n);
		}
		OK(count_children(root, "p") >= 4, "%s: paragraphs", names[i]);
		if (i == 0) {
			INT_EQ(count_children(root, "ul"), 1);
			xmlNode *ul = root->children;
			while (ul && strcmp((const char *)ul->name, "ul") != 0) {
				ul = ul->next;
			}
			INT_EQ(ul ? count_children(ul, "li") : 0, 3);
			INT_EQ(count_children(root, "h2"), 0);
		} else if (i == 1) {
			INT_EQ(count_children(root, "h2"), 1);
			INT_EQ(count_children(root, "ul"), 0);
		} else {
			INT_EQ(count_children(root, "ol"), 1);
		}
		article_destroy(a);
		free(dump);
	}
}

static void url_ambiguous(void)
{
	/* two pages whose addresses both spell the headline: no url */
	struct bs_buf b = {0};
	buf_puts(&b, noisy);
	buf_puts(&b, "   3. https://echo.example/archive/weir-repairs-mill-race\n");
	struct bs_error err;
	struct bs_article *a = extract(b.data, b.len, &err);
	OK(a != NULL, "%s", err.reason);
	if (a) {
		STR_EQ(a->url, NULL);
		STR_EQ(a->site, "Riverbend Echo");
	}
	article_destroy(a);
	buf_finish(&b);
}

/*
 * "#" links to many pages, each named again later: no url, and the
 * pages past the second are only counted (they once overran the set).
 */
static void url_many_anchors(void)
{
	struct bs_buf b = {0};
	buf_puts(&b, noisy);
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 5; i++) {
			buf_printf(&b, "   %d. https://echo.example/page-%d#top\n",
				3 + round * 5 + i, i);
		}
	}
	struct bs_error err;
	struct bs_article *a = extract(b.data, b.len, &err);
	OK(a != NULL, "%s", err.reason);
	if (a) {
		STR_EQ(a->url, NULL);
	}
	article_destroy(a);
	buf_finish(&b);
}

static void no_title(void)
{
	static const char bare[] =
		"The ferry to the island ran late all week, as the crew waited "
		"for a\nspare part that had to be shipped from the mainland by "
		"road.\n\nPassengers said the delays had made them miss "
		"connections, and the\noperator promised refunds for anyone who "
		"could show a ticket.\n";
	struct bs_error err;
	struct bs_article *a = extract_str(bare, &err);
	OK(a != NULL, "%s", err.reason);
	if (a) {
		STR_EQ(a->title, "");
		INT_EQ(a->n_authors, 0);
		STR_EQ(a->published, NULL);
		OK(starts_collapsed(a->text, "The ferry to the island ran late "
			"all week, as the crew waited for a spare part"), "%s",
			a->text);
		/* two wrapped paragraphs, reflowed */
		OK(strstr(a->text, "for a spare part") != NULL, "%s", a->text);
		xmlNode *root = xmlDocGetRootElement(a->body);
		INT_EQ(count_children(root, "p"), 2);
	}
	article_destroy(a);
}

/* A browser's text of an article whose last paragraph is tail. */
static char *with_tail(const char *tail)
{
	struct bs_buf b = {0};
	buf_puts(&b, "Menu\n  * News\n  * Sport\n\n"
		"Night buses return to the city centre\n\n"
		"Night buses will run again on four routes from the city centre "
		"at weekends, the transport authority said on Monday, three years "
		"after the service was cut to save money.\n\n"
		"The buses will leave every half hour between midnight and four in "
		"the morning, and passengers will pay the daytime fare, the "
		"authority said in a statement.\n\n");
	buf_puts(&b, tail);
	buf_puts(&b, "\n\nMost read\n  * Cathedral roof repairs begin\n");
	return buf_detach(&b);
}

static void bio(void)
{
	struct bs_error err;
	/* no byline: a name, a verb and a trade */
	char *text = with_tail("Ravi Menon is a freelance writer based in "
		"Leeds.");
	struct bs_article *a = extract_str(text, &err);
	OK(a != NULL, "%s", err.reason);
	if (a) {
		STR_EQ(a->title, "Night buses return to the city centre");
		STR_EQ(a->note, "Ravi Menon is a freelance writer based in Leeds.");
		OK(!strstr(a->text, "Ravi Menon"), "%s", a->text);
	}
	article_destroy(a);
	free(text);
	/* "About the author:" in the paragraph itself */
	text = with_tail("About the author: Ravi Menon covers transport for "
		"the paper.");
	a = extract_str(text, &err);
	OK(a != NULL, "%s", err.reason);
	if (a) {
		STR_EQ(a->note, "Ravi Menon covers transport for the paper.");
		OK(ends_collapsed(a->text, "the authority said in a statement."),
			"%s", a->text);
	}
	article_destroy(a);
	free(text);
	/* a last paragraph that only names someone stays */
	text = with_tail("Ravi Menon, who uses the buses, said he was pleased.");
	a = extract_str(text, &err);
	OK(a != NULL, "%s", err.reason);
	if (a) {
		STR_EQ(a->note, NULL);
		OK(ends_collapsed(a->text, "said he was pleased."), "%s", a->text);
	}
	article_destroy(a);
	free(text);
}

static const struct subtest tests[] = {
	{"empty", empty},
	{"no_prose", no_prose},
	{"binary", binary},
	{"huge_line", huge_line},
	{"crlf", crlf},
	{"tabs", tabs},
	{"boilerplate", boilerplate},
	{"body_shape", body_shape},
	{"url_ambiguous", url_ambiguous},
	{"url_many_anchors", url_many_anchors},
	{"no_title", no_title},
	{"bio", bio},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
