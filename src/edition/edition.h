#ifndef BS_EDITION_EDITION_H
#define BS_EDITION_EDITION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <libxml/tree.h>

#include "extract/extract.h"
#include "util/date.h"

/*
 * The edition: articles grouped into sections, in order, without
 * duplicates, and its one XML document (edition.xml), the single source of
 * truth for every file of the package. Its shape:
 *
 *   <edition version="1">
 *     <title/> <date iso=""/> (long form, in the edition's language)
 *     <date-long/> (with the weekday) <lang/> <publisher/> <identifier/>
 *     <modified/> <generator/> <issue/> (when given)
 *     <cover href="" media-type="" width="" height=""/>
 *     <section id="s01" href="s01.xhtml" number="1" order="3">
 *       <name/>
 *       <article id="s01-a01" href="s01-a01.xhtml" lang="" number="1"
 *                order="4">
 *         <title/> <author/>... <byline/> <published iso=""/> <site/>
 *         <url/> <source/> <description/> <note/> <standfirst/> <summary/>
 *         <words/> <minutes/> <image href=""/> (a lead picture)
 *         <body><div xmlns="http://www.w3.org/1999/xhtml">...</div></body>
 *       </article>
 *     </section>
 *     <images><image id="" href="" media-type="" width="" height=""/></images>
 *   </edition>
 *
 * "order" is the place in reading order: the cover is 1, the front page 2.
 * <note> is the author's bio line, taken out of the body.
 * <standfirst> is the description when the body does not already open
 * with it; <summary> is the description or the body's first sentence.
 */

struct bs_edition;

/* The title of an edition that is given none. */
#define EDITION_DEFAULT_TITLE "Daily Edition"

struct bs_edition_options {
	const char *title;		/* EDITION_DEFAULT_TITLE when NULL */
	struct bs_date date;
	const char *lang;		/* NULL: the articles' most common */
	const char *publisher;		/* may be NULL */
	const char *issue;		/* "No. 412", or NULL */
	const char *const *sections;	/* order of these first; may be NULL */
	size_t n_sections;
	time_t modified;		/* dcterms:modified */
	const char *spool;		/* a folder where the articles' bodies
					 * wait, so that memory does not grow
					 * with the edition; NULL: in memory */
};

/** A new empty edition; options are copied. edition_destroy() frees. */
struct bs_edition *edition_create(const struct bs_edition_options *opts);

void edition_destroy(struct bs_edition *e);

enum bs_added {
	BS_ADDED,
	BS_DUPLICATE,	/* the same article is in: this one was freed */
	BS_MERGED,	/* a feed item and its page, now one article */
};

/**
 * Adds article (the edition takes it) in input order. With a spool, its
 * body is parked there (article->body becomes NULL; see edition_take_body())
 * and its text is cut to what the summary and the standfirst need
 * (EDITION_TEXT_KEPT bytes); article->words and the fingerprint stay. An article with the
 * same canonical URL or the same text as one already in is the same
 * article, kept once: the first one stays, except that a saved page wins
 * over a feed's item (in the item's place), and the item's details
 * (author, date, section...) fill what the page lacks. Unless BS_ADDED,
 * *other receives the source of the article that was in (the caller
 * frees it).
 */
enum bs_added edition_add(struct bs_edition *e, struct bs_article *article,
	char **other);

enum { EDITION_TEXT_KEPT = 4096 };

/**
 * The body of the i-th article (input order), which the caller now holds:
 * read back from the spool, or the one in memory. NULL with err set when
 * its parked file cannot be read.
 */
xmlDocPtr edition_take_body(struct bs_edition *e, size_t i,
	struct bs_error *err);

/**
 * A copy of the body of the i-th article to read (the caller frees it);
 * the edition keeps its own. NULL with err set as edition_take_body().
 */
xmlDocPtr edition_read_body(struct bs_edition *e, size_t i,
	struct bs_error *err);

/**
 * Gives the i-th article its body back (the edition takes it): parked
 * again with a spool. False with err set when it cannot be written (the
 * body is freed).
 */
bool edition_put_body(struct bs_edition *e, size_t i, xmlDocPtr body,
	struct bs_error *err);

/** The fingerprint of the i-th article's whole text (article_fingerprint()). */
uint64_t edition_fingerprint(const struct bs_edition *e, size_t i);

/**
 * The edition indexes of the articles in the order edition_to_xml() lists
 * them (by section, then input order), count of them; the caller frees.
 */
size_t *edition_xml_order(struct bs_edition *e);

/** Number of articles added. */
size_t edition_article_count(const struct bs_edition *e);

/** The i-th article in input order (for the image stage). */
struct bs_article *edition_article(struct bs_edition *e, size_t i);

/**
 * Records a packaged picture: its package path ("images/x.jpg") and kind,
 * listed in the manifest.
 */
void edition_add_image(struct bs_edition *e, const char *href,
	const char *media_type, int width, int height);

/**
 * The articles to lead with (the cover's headlines): the first article of
 * each section, sections in edition order, then the others; at most max,
 * into out. Returns how many.
 */
size_t edition_leads(struct bs_edition *e, struct bs_article **out, size_t max);

/** The cover picture at package path href ("images/cover.jpg"). */
void edition_set_cover(struct bs_edition *e, const char *href,
	const char *media_type, int width, int height);

/**
 * Gives the i-th article (input order) a lead picture at package path href,
 * shown under its headline.
 */
void edition_set_lead_image(struct bs_edition *e, size_t i, const char *href);

/**
 * Groups the articles into sections (the page's section, else "News") and
 * orders them: the option's sections first, then the others in order of
 * first appearance; within a section, input order. Returns the edition as
 * a new document (the caller frees it) and the number of sections. An
 * article whose body is parked has an empty <body/>: fill it in for the
 * stylesheet that needs it (article.xsl) with edition_take_body().
 */
xmlDocPtr edition_to_xml(struct bs_edition *e, size_t *n_sections);

/** The edition's language, chosen from the articles when not set. */
const char *edition_lang(struct bs_edition *e);

#endif
