#ifndef BS_EXTRACT_BOILER_H
#define BS_EXTRACT_BOILER_H

#include <stdbool.h>

#include <libxml/tree.h>

/*
 * Boilerplate that sits among an article's paragraphs and that scoring
 * cannot see, because it is short: "Read more: ..." teasers, links
 * standing alone as a paragraph, ad labels, sign-up prompts, wire-service
 * credits, author boxes. Told apart by their words and their links, in
 * several languages; never by site. Private to the extract stage.
 */

/**
 * True when text reads as a teaser or prompt ("READ MORE: ...", "À lire
 * aussi", "Sign up for our newsletter"), at most 30 words.
 */
bool boiler_is_promo(const char *text);

/** True when text is a label of the page ("Advertisement", "Anzeige"). */
bool boiler_is_label(const char *text);

/** True when text credits helpers ("Jane Doe contributed to this report."). */
bool boiler_is_credit(const char *text);

/**
 * Removes such blocks from the article content (a copy; see body.h), and
 * small elements whose class names an author box. page_url (may be NULL)
 * tells the site's own links from links out.
 */
void boiler_clean(xmlNode *content, const char *page_url);

/**
 * In a sanitized body (see extract.h) whose root is root: removes a pull
 * quote, a <blockquote> that repeats words of the article. (Paragraphs
 * repeated on purpose, refrains and recipe steps, stay.)
 */
void boiler_drop_repeats(xmlNode *root);

#endif
