#ifndef BS_INGEST_FEED_H
#define BS_INGEST_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/*
 * News feeds: RSS 2.0, RSS 1.0 (RDF) and Atom. Parsed with libxml2's XML
 * reader with entity substitution, DTD loading and network access off; a
 * feed that declares entities at all (the billion laughs, an external
 * entity naming a local file) is refused before parsing.
 */

struct bs_feed_item {
	char *title;		/* plain text */
	char *link;		/* the item's page */
	char *author;		/* as written: "Jane Doe", "jane@x (Jane Doe)" */
	char *date;		/* as written: RFC 822 or RFC 3339 */
	char *category;		/* the first category */
	char *content;		/* HTML: content:encoded, Atom content, description */
	char *summary;		/* HTML or text: description, Atom summary */
};

struct bs_feed {
	char *title;		/* the feed's (the site's) name */
	char *link;
	char *lang;
	struct bs_feed_item *items;
	size_t count;
};

/** True when data (len bytes) starts like a feed: <rss, <feed, <rdf:RDF. */
bool feed_sniff(const char *data, size_t len);

/**
 * Parses the feed in data into feed (zeroed first; feed_finish() frees).
 * name is used in messages. Returns false with err set ("feed
 * declares XML entities ..., not read", "not an RSS or Atom feed",
 * "malformed feed XML, no item read"). A feed whose XML breaks off keeps
 * the items libxml2's recovery mode finds.
 */
bool feed_parse(const char *name, const char *data, size_t len,
	struct bs_feed *feed, struct bs_error *err);

void feed_finish(struct bs_feed *feed);

#endif
