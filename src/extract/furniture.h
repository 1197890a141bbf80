#ifndef BS_EXTRACT_FURNITURE_H
#define BS_EXTRACT_FURNITURE_H

#include <stddef.h>

#include <libxml/tree.h>

/*
 * Page furniture inside the article block: the headline, byline, dateline
 * and standfirst repeated at its top, and the author's bio line at its
 * end. The edition prints the first from the metadata and the bio as a
 * note, so they leave the body. Works on a sanitized body (see
 * extract.h). Private to the extract stage.
 */

struct bs_furniture {
	const char *title;
	const char *const *authors;
	size_t n_authors;
	const char *byline;		/* a byline element's text, may be NULL */
	const char *description;	/* may be NULL */
	const char *site;		/* may be NULL */
	const char *section;		/* may be NULL */
};

/** Removes furniture from the first blocks of the body whose root is root. */
void furniture_strip_head(xmlNode *root, const struct bs_furniture *f);

/**
 * Takes the author's bio ("Jane Doe is a reporter for ...", "About the
 * author") from the end of the body; returns its text (the caller frees)
 * or NULL when there is none.
 */
char *furniture_take_bio(xmlNode *root, const struct bs_furniture *f);

#endif
