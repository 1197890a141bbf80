#ifndef BS_EXTRACT_PICTURE_H
#define BS_EXTRACT_PICTURE_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "util/error.h"

/*
 * Which picture an <img> shows, on this disk. Pages name pictures in many
 * ways: src, srcset with width or density descriptors, the attributes of
 * lazy loading (data-src, data-srcset, data-original, data-lazy-src...),
 * <picture><source srcset type>, data: URIs, file: URLs, and a browser's
 * "Save page" rewrites some of them to "NAME_files/...". The best
 * candidate for the target width comes first, and the first one that is
 * on disk wins. Private to the extract stage.
 */

struct bs_resources;

struct bs_picture_ctx {
	const char *page_path;	/* the page as named: its NAME_files folder */
	const char *page_dir;	/* relative references start here; NULL for
				 * a page out of an archive */
	const char *root;	/* files outside this tree are never read */
	const char *base_url;	/* the page's address, or NULL */
	const struct bs_resources *resources;	/* an archive's pictures: the
						 * only ones such a page has */
	int target_width;	/* pixels the picture will be shown at */
	struct bs_error_list *remote;	/* pictures not on disk, may be NULL */
	struct bs_error_list *refused;	/* outside root or missing; may be NULL */
};

struct bs_srcset_candidate {
	char *url;
	long width;		/* "800w"; 0 when not given */
	double density;		/* "2x"; 1 when not given */
};

/**
 * Parses a srcset attribute (HTML's rules: URLs may hold commas, a
 * descriptor follows) into at most max candidates; returns how many.
 * Free each url.
 */
size_t picture_parse_srcset(const char *srcset,
	struct bs_srcset_candidate *out, size_t max);

/**
 * Orders candidates best first for a picture shown target pixels wide:
 * the smallest at least that wide, then the larger-is-better rest.
 */
void picture_rank(struct bs_srcset_candidate *c, size_t n, int target);

/**
 * The local file (absolute path) or the data: URI an <img> shows; NULL
 * when it has none on disk. A remote picture is added to ctx->remote, and
 * a reference out of the page's folder tree or to a file that is not
 * there to ctx->refused (once each).
 * The caller frees.
 */
char *picture_resolve(const xmlNode *img, const struct bs_picture_ctx *ctx);

/**
 * The local file of one reference (relative, file: URL, or a remote URL
 * whose file a browser saved in NAME_files/), or NULL, noting as
 * picture_resolve() does.
 */
char *picture_local(const char *ref, const struct bs_picture_ctx *ctx);

#endif
