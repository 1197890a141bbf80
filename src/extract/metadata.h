#ifndef BS_EXTRACT_METADATA_H
#define BS_EXTRACT_METADATA_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

/*
 * Reading an article's metadata from a page: JSON-LD (NewsArticle and its
 * kin, @graph, @id references), OpenGraph and article:* meta, Dublin Core,
 * Parse.ly and plain meta tags, schema.org microdata, <time>, byline-looking
 * elements, breadcrumbs, <html lang> and link rel=canonical. Private to the
 * extract stage.
 */

struct bs_strlist {
	char **items;
	size_t count;
	size_t cap;
};

void strlist_add(struct bs_strlist *list, const char *s);
/** Adds s unless an equal string (ASCII case-insensitive) is present. */
void strlist_add_unique(struct bs_strlist *list, const char *s);
void strlist_finish(struct bs_strlist *list);

/*
 * Raw findings, each the best of its kind by the precedence documented in
 * metadata.c; strings are owned by the struct.
 */
struct bs_meta {
	char *title;		/* structured-data headline */
	char *html_title;	/* <title> */
	char *h1;		/* the page's headline element */
	char *site;
	char *description;
	char *url;		/* canonical */
	char *lang;
	char *published;	/* as written; see meta_date() */
	char *modified;
	char *section;
	char *image;		/* lead image URL as written */
	char *article_body;	/* JSON-LD articleBody, if any */
	struct bs_strlist authors;	/* cleaned names */
	struct bs_strlist breadcrumb;	/* crumb names, outermost first */
	char *dom_byline;	/* text of a byline element */
	char *date_byline;	/* a byline that was a date, when no name was */
	char *dom_date;		/* a visible date near the headline */
};

/**
 * True when a byline ("By 27 November 2026", "Updated 3 March, 10:02")
 * is a date rather than anyone's name.
 */
bool meta_byline_is_date(const char *byline);

/**
 * Sets *field to a clean copy of value (white space collapsed, stray
 * character references decoded) unless *field is set or value is blank.
 */
void meta_set(char **field, const char *value);

/** Fills meta from doc. meta must be zeroed first; meta_finish() frees. */
void metadata_read(xmlDocPtr doc, struct bs_meta *meta);

/** Reads the JSON-LD blocks of doc into meta (fields still empty only). */
void jsonld_read(xmlDocPtr doc, struct bs_meta *meta);

void meta_finish(struct bs_meta *meta);

/**
 * The headline: title (structured data) or html_title, with a site name,
 * section or other " | "-separated decoration cut off, preferring the
 * page's h1 when it is the same headline. When a trailing segment was cut
 * and cut is not NULL, *cut receives it (the caller frees) as a hint for
 * the site name. Returns a new string, never NULL.
 */
char *meta_clean_title(const char *title, const char *html_title,
	const char *h1, const char *site, char **cut);

/**
 * Splits a byline as written ("By Jane Doe and John Roe | Nov 27, 2026",
 * "Doe, Jane"...) into names added to list: no "By", no dates, no roles,
 * no URLs.
 */
void meta_split_authors(const char *byline, struct bs_strlist *list);

/**
 * A section name from the first segment of url's path ("/opinion/..." ->
 * "Opinion") when it looks like one; NULL otherwise. The caller frees.
 */
char *meta_section_from_url(const char *url);

/**
 * A clean section name from what a page calls it ("world-news",
 * "WORLD; Europe", "News > Politics"); NULL when nothing usable. The
 * caller frees.
 */
char *meta_clean_section(const char *raw);

/** A BCP 47 tag from "en_US", "EN-us", "fr"; NULL when not one. The caller frees. */
char *meta_clean_lang(const char *raw);

/** An ISO 8601 form of a date as written; NULL when unreadable. The caller frees. */
char *meta_date(const char *raw);

/** The host of an http(s) URL without "www.", or NULL. The caller frees. */
char *meta_url_host(const char *url);

#endif
