#ifndef BS_RENDER_RENDER_H
#define BS_RENDER_RENDER_H

#include <stdbool.h>

#include <libxml/tree.h>

#include "util/buf.h"
#include "util/error.h"

/*
 * The XSLT stage: edition.xml in, the text files of the package out. Each
 * file has its stylesheet in xslt/ (names below); section.xsl and
 * article.xsl run once per section or article with the parameter $id set
 * to its id. Stylesheets may read files (xsl:import, document()) but never
 * write files or touch the network.
 */

enum bs_sheet {
	SHEET_COVER,	/* cover.xsl   -> cover.xhtml */
	SHEET_FRONT,	/* front.xsl   -> front.xhtml, "In this edition" */
	SHEET_SECTION,	/* section.xsl -> sNN.xhtml, a section's opener */
	SHEET_ARTICLE,	/* article.xsl -> sNN-aMM.xhtml */
	SHEET_NAV,	/* nav.xsl     -> nav.xhtml */
	SHEET_NCX,	/* ncx.xsl     -> toc.ncx */
	SHEET_OPF,	/* opf.xsl     -> content.opf */
	SHEET_COUNT
};

struct bs_render;

/**
 * Compiles every stylesheet: from user_dir when it has a file of that name
 * (user_dir may be NULL), else from the data folder's xslt/. Returns NULL
 * with err naming the stylesheet and the line when one does not compile.
 */
struct bs_render *render_create(const char *user_dir, struct bs_error *err);

void render_destroy(struct bs_render *r);

/**
 * Applies sheet to edition with $id = id (NULL for none) and appends the
 * serialized result to out. Returns false with err set when the
 * transformation fails.
 */
bool render_apply(struct bs_render *r, enum bs_sheet sheet, xmlDocPtr edition,
	const char *id, struct bs_buf *out, struct bs_error *err);

#endif
