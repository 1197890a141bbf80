#include "front_cover.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image/cover.h"
#include "image/image.h"
#include "util/alloc.h"
#include "util/datadir.h"
#include "util/date.h"
#include "util/path.h"

enum { COVER_STORIES = 12, COVER_QUALITY = 85 };

struct bs_front_cover {
	char *own;		/* the user's picture, or NULL to draw one */
	char *title, *issue, *regular, *bold;
	char date[128];
	char *sections[COVER_STORIES], *headlines[COVER_STORIES];
	size_t n_stories;
	struct bs_image img;
	bool made;
	struct bs_error err;
	pthread_t thread;
	bool threaded;
};

static void *make_cover(void *arg)
{
	struct bs_front_cover *j = arg;
	if (j->own) {
		struct bs_image_options o;
		image_options_default(&o);
		o.max_width = COVER_WIDTH;
		o.max_height = COVER_HEIGHT;
		o.in_figure = true;
		j->made = image_prepare(j->own, &o, &j->img, &j->err);
		return NULL;
	}
	struct bs_cover_story stories[COVER_STORIES];
	for (size_t i = 0; i < j->n_stories; i++) {
		stories[i].section = j->sections[i];
		stories[i].headline = j->headlines[i];
	}
	struct bs_cover cover = {
		.title = j->title,
		.date = j->date,
		.issue = j->issue,
		.stories = stories,
		.n_stories = j->n_stories,
		.font_regular = j->regular,
		.font_bold = j->bold,
	};
	unsigned char *px = cover_render(&cover, COVER_WIDTH, COVER_HEIGHT,
		&j->err);
	j->made = px && image_encode_jpeg(px, COVER_WIDTH, COVER_HEIGHT, 1,
		COVER_QUALITY, &j->img, &j->err);
	free(px);
	return NULL;
}

struct bs_front_cover *front_cover_start(struct bs_edition *e,
	const char *own, const struct bs_edition_options *eo, int threads)
{
	struct bs_front_cover *j = xcalloc(1, sizeof(*j));
	error_clear(&j->err);
	j->own = xstrdup(own);
	if (!j->own) {
		const char *data = datadir();
		if (!data) {
			error_set(&j->err, "assets/fonts", "not found: no data "
				"folder (set BROADSHEET_DATADIR)");
			return j;
		}
		char *fonts = path_join(data, "assets/fonts");
		j->regular = path_join(fonts, "DejaVuSerif.ttf");
		j->bold = path_join(fonts, "DejaVuSerif-Bold.ttf");
		free(fonts);
		/* copies: the articles change while the cover is drawn */
		struct bs_article *leads[COVER_STORIES];
		j->n_stories = edition_leads(e, leads, COVER_STORIES);
		for (size_t i = 0; i < j->n_stories; i++) {
			j->sections[i] = xstrdup(leads[i]->section
				&& *leads[i]->section ? leads[i]->section : "News");
			j->headlines[i] = xstrdup(leads[i]->title);
		}
		date_format_long(&eo->date, edition_lang(e), true, j->date,
			sizeof(j->date));
		j->title = xstrdup(eo->title && *eo->title ? eo->title
			: EDITION_DEFAULT_TITLE);
		j->issue = xstrdup(eo->issue);
	}
	j->threaded = threads > 1
		&& pthread_create(&j->thread, NULL, make_cover, j) == 0;
	if (!j->threaded) {
		make_cover(j);
	}
	return j;
}

static void cover_wait(struct bs_front_cover *j)
{
	if (j->threaded) {
		pthread_join(j->thread, NULL);
		j->threaded = false;
	}
}

void front_cover_free(struct bs_front_cover *j)
{
	if (!j) {
		return;
	}
	cover_wait(j);
	image_finish(&j->img);
	for (size_t i = 0; i < j->n_stories; i++) {
		free(j->sections[i]);
		free(j->headlines[i]);
	}
	free(j->own);
	free(j->title);
	free(j->issue);
	free(j->regular);
	free(j->bold);
	free(j);
}

bool front_cover_add(struct bs_front_cover *j, struct bs_edition *e,
	struct bs_epub *w, struct bs_error_list *warnings,
	struct bs_error *fatal)
{
	cover_wait(j);
	if (!j->made) {
		error_list_add(warnings, &j->err);
		return true;
	}
	char href[32], entry[48];
	snprintf(href, sizeof(href), "images/cover.%s", j->img.ext);
	snprintf(entry, sizeof(entry), "OEBPS/%s", href);
	bool ok = epub_add(w, entry, j->img.data.data, j->img.data.len, false,
		fatal);
	if (ok) {
		edition_set_cover(e, href, j->img.media_type, j->img.width,
			j->img.height);
	}
	return ok;
}
