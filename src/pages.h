#ifndef BS_PAGES_H
#define BS_PAGES_H

#include <stdbool.h>

#include <libxml/tree.h>

#include "edition/edition.h"
#include "epub/epub.h"
#include "render/render.h"
#include "util/error.h"

/*
 * The text files of the package, made from edition.xml by the stylesheets
 * (see render/render.h): the package document, the navigation, the cover
 * and front pages, then each section's page followed by its articles'.
 * An article's body waits in the edition's spool; its page is made from a
 * copy of edition.xml that holds that body alone. Pages are made and
 * deflated on worker threads, a few at a time, and written to the archive
 * in order on the calling one: the archive is the same whatever the number
 * of threads, and only the pages in flight are in memory.
 */

/**
 * Every text file from ed (edition_to_xml() of e) into w, on jobs
 * threads. Returns false with err set when a stylesheet fails (the
 * user's XSLT) or, with *write_failed set too, when the archive or the
 * spool cannot be written or read.
 */
bool pages_package(struct bs_render *r, xmlDocPtr ed, struct bs_edition *e,
	int jobs, struct bs_epub *w, bool *write_failed, struct bs_error *err);

/**
 * edition.xml with every article's body in it, to path: what --keep-xml
 * writes. ed is left as it was. False with err set when it cannot.
 */
bool pages_write_xml(xmlDocPtr ed, struct bs_edition *e, const char *path,
	struct bs_error *err);

#endif
