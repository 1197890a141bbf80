/*
 * extract/boiler: the short boilerplate that sits among an article's
 * paragraphs. Each subtest shows a heuristic removing what it is for and
 * keeping what looks like it but is content. Fixtures are read with
 * libxml2's XML parser, so that the tree is exactly as written.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "extract/boiler.h"

#include "harness.h"

/* Parses fragment inside <div>...</div> as XML; the caller frees the doc. */
static xmlDocPtr parse(const char *fragment)
{
	size_t n = strlen(fragment) + 16;
	char *s = malloc(n);
	snprintf(s, n, "<div>%s</div>", fragment);
	xmlDocPtr doc = xmlReadMemory(s, (int)strlen(s), NULL, "UTF-8",
		XML_PARSE_NONET);
	free(s);
	OK(doc != NULL, "fixture is XML: %s", fragment);
	return doc;
}

/* All the text under the root of doc, as one string. The caller frees. */
static char *text_of(xmlDocPtr doc)
{
	xmlChar *t = xmlNodeGetContent(xmlDocGetRootElement(doc));
	char *s = strdup(t ? (const char *)t : "");
	xmlFree(t);
	return s;
}

static void has(const char *text, const char *what)
{
	OK(text && strstr(text, what) != NULL, "\"%s\" missing from \"%s\"",
		what, text ? text : "(null)");
}

static void lacks(const char *text, const char *what)
{
	OK(!text || strstr(text, what) == NULL, "\"%s\" kept in \"%s\"", what,
		text);
}

/* boiler_clean() on fragment; the text left. The caller frees. */
static char *cleaned(const char *fragment, const char *page_url)
{
	xmlDocPtr doc = parse(fragment);
	if (!doc) {
		return NULL;
	}
	boiler_clean(xmlDocGetRootElement(doc), page_url);
	char *t = text_of(doc);
	xmlFreeDoc(doc);
	return t;
}

/* boiler_drop_repeats() on fragment; the text left. The caller frees. */
static char *unrepeated(const char *fragment)
{
	xmlDocPtr doc = parse(fragment);
	if (!doc) {
		return NULL;
	}
	boiler_drop_repeats(xmlDocGetRootElement(doc));
	char *t = text_of(doc);
	xmlFreeDoc(doc);
	return t;
}

static void promo(void)
{
	static const char *const promos[] = {
		"READ MORE: Council approves budget after six-hour debate",
		"Read more: the harbour levy explained",
		"Related: Ferry pier plans go on show",
		"See also: our guide to the weekend market",
		"Don't miss: the best of the festival",
		"Subscribe to our morning briefing",
		"Follow us on social media for updates",
		"Lesen Sie auch: Die Fähre fährt wieder",
		"Mehr zum Thema: Haushalt der Stadt",
		"à lire aussi : le budget de la ville",
		"A lire aussi : le budget de la ville",
		"Lire aussi : le port en travaux",
		"Leia também: a nova ponte",
		"Lee también: el presupuesto municipal",
		"Leggi anche: il bilancio del comune",
		"читайте также: бюджет города",
		NULL,
	};
	for (const char *const *p = promos; *p; p++) {
		OK(boiler_is_promo(*p), "a promo: \"%s\"", *p);
	}
	/* prose that merely starts like a prompt */
	static const char long_read[] = "Read more carefully, the budget "
		"shows that the harbour levy, which the council approved on "
		"Tuesday after a debate of almost six hours, pays for most of "
		"the road repairs that residents asked for over the summer.";
	OK(!boiler_is_promo(long_read), "prose: \"%s\"", long_read);
	static const char *const not_promos[] = {
		"The council approved its budget on Tuesday.",
		"Residents read more about the plan in the library.",
		"",
		NULL,
	};
	for (const char *const *p = not_promos; *p; p++) {
		OK(!boiler_is_promo(*p), "not a promo: \"%s\"", *p);
	}
}

/*
 * Prompts whose first letter is a capital outside ASCII, as they start a
 * line: "À lire aussi", "Читайте также".
 */
static void promo_capitals(void)
{
	OK(boiler_is_promo("À lire aussi : le budget de la ville"),
		"a French teaser");
	OK(boiler_is_promo("Читайте также: бюджет города"),
		"a Russian teaser");
}

/*
 * boiler.h gives "Sign up" as an example of a prompt; the sign-up line
 * that newsletters put among paragraphs.
 */
static void promo_sign_up(void)
{
	OK(boiler_is_promo("Sign up for our morning newsletter"),
		"a sign-up prompt");
	OK(boiler_is_label("Sign up"), "a sign-up button's label");
	/* a deal in a shopping article is content */
	OK(!boiler_is_promo("Sign up for the Disney+ bundle using the same "
		"email as your Hulu account"), "a deal");
}

static void label(void)
{
	static const char *const labels[] = {"Advertisement", "ADVERTISEMENT",
		"advertisement", "Anzeige", "Werbung", "Publicité", "Sponsored",
		"Story continues below advertisement", NULL};
	for (const char *const *l = labels; *l; l++) {
		OK(boiler_is_label(*l), "a label: \"%s\"", *l);
	}
	/* the word inside a sentence is content */
	static const char *const sentences[] = {
		"Advertisement for the new ferry was on every bus.",
		"Die Anzeige erschien am Dienstag in der Zeitung.",
		"An advertisement",
		"",
		NULL,
	};
	for (const char *const *s = sentences; *s; s++) {
		OK(!boiler_is_label(*s), "not a label: \"%s\"", *s);
	}
}

static void credit(void)
{
	OK(boiler_is_credit("Jane Doe contributed to this report."),
		"a credit");
	OK(boiler_is_credit("John Roe in Lisbon and Ana Lima in Porto "
		"contributed reporting."), "a credit");
	OK(boiler_is_credit("Reuters and AP CONTRIBUTED TO THIS REPORT"),
		"a credit, in capitals");
	/* a sentence about contributions, and a long paragraph, are prose */
	OK(!boiler_is_credit("Jane Doe contributed to the harbour fund."),
		"not a credit");
	static const char long_para[] = "The finance chair said that many "
		"people had contributed to this report on the harbour levy, "
		"from the traders at the weekend market to the port authority, "
		"the ferry operators, the residents of the eastern side and "
		"the inspectors who found the worst damage on the bridges last "
		"winter, and thanked them all in turn.";
	OK(!boiler_is_credit(long_para), "a long paragraph is prose");
}

static const char page_url[] = "https://www.gazette.example/news/budget";

static void clean_links(void)
{
	char *t = cleaned(
		"<p>The council approved its budget on Tuesday night after a "
		"long debate.</p>"
		/* another page of the site, relative */
		"<p><a href=\"/news/levy\">RELATIVE-TEASER Harbour levy vote "
		"delayed</a></p>"
		/* another page of the site, absolute, same host */
		"<p><a href=\"https://gazette.example/news/ferry\">SAME-HOST "
		"ferry pier plans go on show</a></p>"
		/* a headline in capitals, even on another site */
		"<p><strong><a href=\"https://other.example/x\">TAYLOR SWIFT "
		"CLEARED TO PERFORM</a></strong></p>"
		/* a link out: content */
		"<p><a href=\"https://shop.example/kettle\">Get it on Amazon "
		"for $39</a></p>"
		/* a paragraph with some links in it: content */
		"<p>The levy, <a href=\"/news/levy\">approved last month</a>, "
		"pays for the repairs, <a href=\"https://port.example/\">the "
		"port authority</a> said.</p>"
		/* a long paragraph that is one link: content */
		"<p><a href=\"/news/long\">LONG-LINK The council will present "
		"a timetable for the repairs next month, starting with the "
		"bridges on the eastern side of the river, where inspectors "
		"found the worst damage last winter.</a></p>",
		page_url);
	has(t, "The council approved its budget");
	lacks(t, "RELATIVE-TEASER");
	lacks(t, "SAME-HOST");
	lacks(t, "TAYLOR SWIFT");
	has(t, "Get it on Amazon for $39");
	has(t, "approved last month");
	has(t, "the port authority");
	has(t, "LONG-LINK");
	free(t);

	/* another site's address is a link out, wherever the page is */
	t = cleaned("<p><a href=\"https://gazette.example/news/x\">Harbour "
		"levy vote delayed</a></p>", "https://ledger.example/a/b");
	has(t, "Harbour levy vote delayed");
	free(t);
}

static void clean_blocks(void)
{
	char *t = cleaned(
		"<p>The council approved its budget on Tuesday night after a "
		"long debate.</p>"
		"<p>Advertisement</p>"
		"<div>READ MORE: Ferry pier plans go on show</div>"
		"<p>Lesen Sie auch: Die Fähre fährt wieder</p>"
		"<p>Jane Doe contributed to this report.</p>"
		"<p>Read more carefully, the budget shows that the harbour "
		"levy, which the council approved on Tuesday after a debate of "
		"almost six hours, pays for most of the road repairs that "
		"residents asked for over the summer.</p>",
		page_url);
	has(t, "The council approved its budget");
	lacks(t, "Advertisement");
	lacks(t, "READ MORE");
	lacks(t, "Lesen Sie auch");
	lacks(t, "contributed to this report");
	has(t, "Read more carefully");
	free(t);

	/* a prompt heading takes the list of links it heads with it */
	t = cleaned("<p>The council approved its budget on Tuesday night.</p>"
		"<div>More great stories</div><ul><li><a href=\"/a\">Ferry "
		"fares rise</a></li><li><a href=\"/b\">Pier plans on show</a> "
		"and more</li></ul><ul><li>Road repairs first</li><li>Then the "
		"bridges</li></ul>", page_url);
	lacks(t, "Ferry fares rise");
	has(t, "Road repairs first");
	free(t);

	/* a block holding other blocks is judged by its paragraphs */
	t = cleaned("<div><p>Advertisement</p><p>The council approved its "
		"budget.</p></div>", page_url);
	lacks(t, "Advertisement");
	has(t, "The council approved its budget.");
	free(t);
}

static void author_box(void)
{
	char *t = cleaned(
		"<p>The council approved its budget on Tuesday night.</p>"
		"<div class=\"author-bio\"><img src=\"jane.jpg\"/><p>SMALL-BOX "
		"Jane Doe covers the council and the port for the Gazette."
		"</p><p><a href=\"/staff/jane\">More by Jane</a></p></div>",
		page_url);
	has(t, "The council approved its budget");
	lacks(t, "SMALL-BOX");
	lacks(t, "More by Jane");
	free(t);

	/* more than an author box: a block of the article */
	char big[4096] = "<section class=\"about-the-author\"><p>BIG-BOX ";
	for (int i = 0; i < 20; i++) {
		strcat(big, "The council met again and the levy was debated. ");
	}
	strcat(big, "</p></section>");
	t = cleaned(big, page_url);
	has(t, "BIG-BOX");
	has(t, "the levy was debated");
	free(t);
}

static void drop_repeats(void)
{
	char *t = unrepeated(
		"<p>The finance chair said the levy was the fairest option on "
		"the table, and every contract would be published.</p>"
		"<blockquote><p>The levy was the fairest option on the table, "
		"and every contract would be published</p></blockquote>"
		"<blockquote><p>OWN-WORDS We will publish the contracts, every "
		"one of them, before the spring.</p></blockquote>"
		"<p>Residents who spoke at the meeting were divided.</p>");
	has(t, "The finance chair said the levy was the fairest option");
	OK(t && strstr(t, "fairest") && !strstr(strstr(t, "fairest") + 1,
		"fairest"), "the pull quote stayed: %s", t ? t : "(null)");
	has(t, "OWN-WORDS");
	has(t, "Residents who spoke");
	free(t);

	/* in straight quotation marks */
	t = unrepeated("<p>The finance chair said the levy was the fairest "
		"option on the table, and every contract would be published.</p>"
		"<blockquote><p>\"The levy was the fairest option on the table, "
		"and every contract would be published\"</p></blockquote>");
	OK(t && strstr(t, "\"The levy") == NULL, "the pull quote stayed: %s",
		t);
	free(t);

	/* a quote of a few words is a quote, even when the article has them */
	t = unrepeated("<p>The chair said there would be no new taxes this "
		"year.</p><blockquote><p>No new taxes!</p></blockquote>");
	has(t, "No new taxes!");
	free(t);

	/* paragraphs repeated on purpose stay */
	t = unrepeated("<p>Stir the sauce and wait for ten minutes.</p>"
		"<p>Add the onions.</p>"
		"<p>Stir the sauce and wait for ten minutes.</p>");
	OK(t && strstr(t, "minutes.") && strstr(strstr(t, "minutes.") + 1,
		"minutes."), "both steps kept: %s", t);
	free(t);
}

/*
 * A pull quote set in typographic quotation marks, repeating a sentence
 * that the article gives without them.
 */
static void drop_repeats_quoted(void)
{
	char *t = unrepeated(
		"<p>The finance chair said the levy was the fairest option on "
		"the table, and every contract would be published.</p>"
		"<blockquote><p>\u201cThe levy was the fairest option on the "
		"table, and every contract would be published\u201d</p>"
		"</blockquote>"
		"<p>Residents who spoke at the meeting were divided.</p>");
	OK(t && strstr(t, "\u201cThe levy") == NULL,
		"the pull quote stayed: %s", t);
	free(t);
}

static const struct subtest tests[] = {
	{"promo", promo},
	{"promo_capitals", promo_capitals},
	{"promo_sign_up", promo_sign_up},
	{"label", label},
	{"credit", credit},
	{"clean_links", clean_links},
	{"clean_blocks", clean_blocks},
	{"author_box", author_box},
	{"drop_repeats", drop_repeats},
	{"drop_repeats_quoted", drop_repeats_quoted},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
