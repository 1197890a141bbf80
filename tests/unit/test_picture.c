/*
 * extract/picture: which file an <img> shows. srcset parsing and ranking
 * on strings; resolution on small saved pages made in a temporary folder:
 *
 *	tmp/secret.jpg		outside the page's folder
 *	tmp/site/page.html	the page (root and page_dir: tmp/site)
 *	tmp/site/page_files/	what the browser saved (harbour.jpg...)
 *	tmp/site/img/		for relative references (a.jpg...)
 *	tmp/site/link.jpg	a symlink to ../secret.jpg
 *
 * The files need not be pictures: resolution only looks at names. Pages
 * are parsed with ingest_parse_html(), as the pipeline does, and the cases
 * that depend on the rest of the pipeline go through body_extract() and
 * sanitize() too.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "extract/body.h"
#include "extract/picture.h"
#include "extract/sanitize.h"
#include "ingest/ingest.h"
#include "util/buf.h"

#include "harness.h"
#include "testutil.h"

/* srcset */

static void free_candidates(struct bs_srcset_candidate *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].url);
		c[i].url = NULL;
	}
}

static void srcset(void)
{
	struct bs_srcset_candidate c[8];
	size_t n = picture_parse_srcset("a.jpg 480w, b.jpg 800w", c, 8);
	INT_EQ(n, 2);
	if (n == 2) {
		STR_EQ(c[0].url, "a.jpg");
		INT_EQ(c[0].width, 480);
		OK(c[0].density == 1, "density %g", c[0].density);
		STR_EQ(c[1].url, "b.jpg");
		INT_EQ(c[1].width, 800);
	}
	free_candidates(c, n);

	/* density descriptors, and none */
	n = picture_parse_srcset("a.jpg, b.jpg 2x, c.jpg 1.5x", c, 8);
	INT_EQ(n, 3);
	if (n == 3) {
		STR_EQ(c[0].url, "a.jpg");
		INT_EQ(c[0].width, 0);
		OK(c[0].density == 1, "density %g", c[0].density);
		STR_EQ(c[1].url, "b.jpg");
		INT_EQ(c[1].width, 0);
		OK(c[1].density == 2, "density %g", c[1].density);
		STR_EQ(c[2].url, "c.jpg");
		OK(c[2].density == 1.5, "density %g", c[2].density);
	}
	free_candidates(c, n);

	/* commas inside URLs */
	n = picture_parse_srcset("https://cdn.example/w_300,h_200/x.jpg 300w, "
		"https://cdn.example/w_600,h_400,c_fill/x.jpg 600w,"
		"https://cdn.example/w_900,h_600/x.jpg 900w", c, 8);
	INT_EQ(n, 3);
	if (n == 3) {
		STR_EQ(c[0].url, "https://cdn.example/w_300,h_200/x.jpg");
		INT_EQ(c[0].width, 300);
		STR_EQ(c[1].url, "https://cdn.example/w_600,h_400,c_fill/x.jpg");
		INT_EQ(c[1].width, 600);
		STR_EQ(c[2].url, "https://cdn.example/w_900,h_600/x.jpg");
		INT_EQ(c[2].width, 900);
	}
	free_candidates(c, n);
	/* a URL ending with commas ends there */
	n = picture_parse_srcset("a.jpg,, b.jpg 2x", c, 8);
	INT_EQ(n, 2);
	if (n == 2) {
		STR_EQ(c[0].url, "a.jpg");
		STR_EQ(c[1].url, "b.jpg");
		OK(c[1].density == 2, "density %g", c[1].density);
	}
	free_candidates(c, n);

	/* whitespace of all kinds, leading and trailing commas */
	n = picture_parse_srcset(" ,\n\t a.jpg \t 480w  ,\n  b.jpg\n800w ,, ,",
		c, 8);
	INT_EQ(n, 2);
	if (n == 2) {
		STR_EQ(c[0].url, "a.jpg");
		INT_EQ(c[0].width, 480);
		STR_EQ(c[1].url, "b.jpg");
		INT_EQ(c[1].width, 800);
	}
	free_candidates(c, n);
	INT_EQ(picture_parse_srcset("", c, 8), 0);
	INT_EQ(picture_parse_srcset(" , ,\n", c, 8), 0);
	INT_EQ(picture_parse_srcset(NULL, c, 8), 0);

	/* garbage descriptors: no width or density is made up */
	n = picture_parse_srcset("a.jpg huge, b.jpg 800q, c.jpg -5w, "
		"d.jpg 0x, e.jpg w, f.jpg (max-width: 600px) 2x", c, 8);
	INT_EQ(n, 6);
	for (size_t i = 0; i < n && i < 5; i++) {
		char want[8];
		snprintf(want, sizeof(want), "%c.jpg", (char)('a' + i));
		STR_EQ(c[i].url, want);
		INT_EQ(c[i].width, 0);
		OK(c[i].density == 1, "%s: density %g", c[i].url,
			c[i].density);
	}
	if (n == 6) {
		STR_EQ(c[5].url, "f.jpg");
	}
	free_candidates(c, n);

	/* more candidates than room: the first max, nothing written past */
	struct bs_srcset_candidate few[4];
	memset(few, 0, sizeof(few));
	n = picture_parse_srcset("a.jpg 100w, b.jpg 200w, c.jpg 300w, "
		"d.jpg 400w, e.jpg 500w", few, 3);
	INT_EQ(n, 3);
	if (n == 3) {
		STR_EQ(few[0].url, "a.jpg");
		STR_EQ(few[2].url, "c.jpg");
		INT_EQ(few[2].width, 300);
	}
	OK(few[3].url == NULL, "wrote past max");
	free_candidates(few, n);
	INT_EQ(picture_parse_srcset("a.jpg 100w", few, 0), 0);
}

/* Parses and ranks srcset for target; the URLs in order, space-separated. */
static char *ranked(const char *set, int target)
{
	struct bs_srcset_candidate c[16];
	size_t n = picture_parse_srcset(set, c, 16);
	picture_rank(c, n, target);
	struct bs_buf out = {0};
	for (size_t i = 0; i < n; i++) {
		buf_printf(&out, "%s%s", i ? " " : "", c[i].url);
	}
	free_candidates(c, n);
	return buf_detach(&out);
}

#define RANKED(set, target, want) do { \
	char *got_ = ranked((set), (target)); \
	STR_EQ(got_, (want)); \
	free(got_); \
} while (0)

static void rank(void)
{
	/* the smallest wide enough, then the larger the better */
	RANKED("a.jpg 480w, b.jpg 1600w, c.jpg 2400w, d.jpg 800w", 1264,
		"b.jpg c.jpg d.jpg a.jpg");
	RANKED("a.jpg 1264w, b.jpg 1265w, c.jpg 1263w", 1264,
		"a.jpg b.jpg c.jpg");
	/* none wide enough: the largest first */
	RANKED("a.jpg 300w, b.jpg 800w, c.jpg 600w", 1264,
		"b.jpg c.jpg a.jpg");
	/* density: the larger first */
	RANKED("a.jpg 1x, b.jpg 2x", 1264, "b.jpg a.jpg");
	RANKED("a.jpg, b.jpg 2x", 1264, "b.jpg a.jpg");
	RANKED("a.jpg 2x, b.jpg 1x", 1264, "a.jpg b.jpg");
	RANKED("a.jpg 1x, b.jpg 1.5x", 1264, "b.jpg a.jpg");
	RANKED("a.jpg 1x, b.jpg 3x, c.jpg 2x", 4000, "b.jpg c.jpg a.jpg");
	/* equals keep their order; one or none is fine */
	RANKED("a.jpg 800w, b.jpg 800w, c.jpg 800w", 1264,
		"a.jpg b.jpg c.jpg");
	RANKED("a.jpg 800w", 1264, "a.jpg");
	RANKED("", 1264, "");
	/* a smaller target changes the choice */
	RANKED("a.jpg 480w, b.jpg 1600w, c.jpg 2400w, d.jpg 800w", 600,
		"d.jpg b.jpg c.jpg a.jpg");
}

/* The saved page and its files. */
struct site {
	char *tmp, *dir, *page, *files, *img;
	char *secret;
	struct bs_error_list remote, refused;
	struct bs_picture_ctx ctx;
};

/* The real path of dir/name (the caller frees). */
static char *real(const char *dir, const char *name)
{
	char *p = tmp_path(dir, name);
	char *r = malloc(PATH_MAX);
	if (!realpath(p, r)) {
		OK(0, "realpath %s", p);
		free(r);
		r = NULL;
	}
	free(p);
	return r;
}

static void site_init(struct site *s)
{
	memset(s, 0, sizeof(*s));
	s->tmp = tmp_dir();
	s->secret = tmp_write(s->tmp, "secret.jpg", "secret", 6);
	s->dir = tmp_mkdir(s->tmp, "site");
	s->page = tmp_write(s->dir, "page.html", "<p>saved</p>", 12);
	s->files = tmp_mkdir(s->dir, "page_files");
	s->img = tmp_mkdir(s->dir, "img");
	static const char *const imgs[] = {"a.jpg", "small.jpg", "medium.jpg",
		"local1.avif", "local2.jpg", "real.jpg", "two words.jpg", NULL};
	for (const char *const *n = imgs; *n; n++) {
		free(tmp_write(s->img, *n, "picture", 7));
	}
	static const char *const saved[] = {"harbour.jpg", "pier.webp", NULL};
	for (const char *const *n = saved; *n; n++) {
		free(tmp_write(s->files, *n, "picture", 7));
	}
	char *link = tmp_path(s->dir, "link.jpg");
	OK(symlink("../secret.jpg", link) == 0, "symlink");
	free(link);
	s->ctx = (struct bs_picture_ctx){
		.page_path = s->page,
		.page_dir = s->dir,
		.root = s->dir,
		.target_width = 1264,
		.remote = &s->remote,
		.refused = &s->refused,
	};
}

static void site_finish(struct site *s)
{
	error_list_finish(&s->remote);
	error_list_finish(&s->refused);
	free(s->secret);
	free(s->page);
	free(s->files);
	free(s->img);
	free(s->dir);
	tmp_remove(s->tmp);
}

static htmlDocPtr parse(const char *body)
{
	struct bs_buf b = {0};
	buf_puts(&b, "<!DOCTYPE html><html><head><title>t</title></head><body>");
	buf_puts(&b, body);
	buf_puts(&b, "</body></html>");
	htmlDocPtr doc = ingest_parse_html(b.data, b.len, NULL);
	buf_finish(&b);
	OK(doc != NULL, "parsed");
	return doc;
}

/* The first <img> under n, depth first. */
static xmlNode *first_img(xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE) {
			continue;
		}
		if (strcmp((const char *)n->name, "img") == 0) {
			return n;
		}
		xmlNode *in = first_img(n->children);
		if (in) {
			return in;
		}
	}
	return NULL;
}

/* picture_resolve() on the first <img> of a page with body. */
static char *resolve(const char *body, const struct bs_picture_ctx *ctx)
{
	htmlDocPtr doc = parse(body);
	xmlNode *img = doc ? first_img(xmlDocGetRootElement(doc)) : NULL;
	OK(img != NULL, "an <img> in %s", body);
	char *got = img ? picture_resolve(img, ctx) : NULL;
	xmlFreeDoc(doc);
	return got;
}

/* The list holds one item mentioning what. */
static int mentions(const struct bs_error_list *l, const char *what)
{
	int n = 0;
	for (unsigned long i = 0; i < l->count; i++) {
		n += strstr(l->items[i].reason, what) != NULL;
	}
	return n;
}

/* Resolves body and checks the result is dir/name (NULL: nothing). */
static void resolves_to(const struct site *s, const char *body,
	const char *dir, const char *name)
{
	char *want = name ? real(dir, name) : NULL;
	char *got = resolve(body, &s->ctx);
	OK(got && want ? strcmp(got, want) == 0 : got == want,
		"%s: got %s, want %s", body, got ? got : "(null)",
		want ? want : "(null)");
	free(got);
	free(want);
}

static void resolve_src(void)
{
	struct site s;
	site_init(&s);
	resolves_to(&s, "<img src=\"img/a.jpg\">", s.img, "a.jpg");
	resolves_to(&s, "<p><img src=\"./img/a.jpg?w=300#x\" alt=\"A\"></p>",
		s.img, "a.jpg");
	resolves_to(&s, "<img src=\"img/two%20words.jpg\">", s.img,
		"two words.jpg");
	resolves_to(&s, "<img src=\"  img/a.jpg \">", s.img, "a.jpg");
	resolves_to(&s, "<img src=\"img/missing.jpg\">", NULL, NULL);
	resolves_to(&s, "<img src=\"img\">", NULL, NULL);
	resolves_to(&s, "<img src=\"\">", NULL, NULL);
	resolves_to(&s, "<img>", NULL, NULL);
	resolves_to(&s, "<img src=\"javascript:alert(1)\">", NULL, NULL);
	INT_EQ(s.remote.count, 0);
	/* said: a file the page names that is not there (the folder is
	 * not a picture file either); not: empty and script references */
	INT_EQ(s.refused.count, 2);
	INT_EQ(mentions(&s.refused, "img/missing.jpg"), 1);
	for (unsigned long i = 0; i < s.refused.count; i++) {
		OK(strstr(s.refused.items[i].reason, "not found") != NULL,
			"reason \"%s\"", s.refused.items[i].reason);
	}
	site_finish(&s);
}

static void lazy(void)
{
	struct site s;
	site_init(&s);
	resolves_to(&s, "<img src=\"data:image/gif;base64,R0lGODlhAQABAIAAAAAAA"
		"P///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7\" data-src=\"img/a.jpg\" "
		"class=\"lazyload\">", s.img, "a.jpg");
	resolves_to(&s, "<img src=\"/assets/blank.gif\" data-lazy-src=\""
		"img/real.jpg\">", s.img, "real.jpg");
	resolves_to(&s, "<img src=\"img/placeholder.png\" data-original=\""
		"img/real.jpg\">", s.img, "real.jpg");
	/* data-srcset beats the lazy src */
	resolves_to(&s, "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\""
		" data-srcset=\"img/small.jpg 400w, img/medium.jpg 1400w\" "
		"data-src=\"img/a.jpg\">", s.img, "medium.jpg");
	/* a lazy attribute that is not on disk: the real src stays */
	resolves_to(&s, "<img src=\"img/a.jpg\" data-src=\"img/gone.jpg\">",
		s.img, "a.jpg");
	site_finish(&s);
}

static void srcset_local(void)
{
	struct site s;
	site_init(&s);
	/* the best is remote: the local smaller one, before the src */
	resolves_to(&s, "<img src=\"img/small.jpg\" srcset=\"https://cdn."
		"example/big.jpg 1600w, img/medium.jpg 800w, img/small.jpg "
		"400w\">", s.img, "medium.jpg");
	/* density descriptors */
	resolves_to(&s, "<img src=\"img/small.jpg\" srcset=\"img/medium.jpg 2x,"
		" https://cdn.example/huge.jpg 3x\">", s.img, "medium.jpg");
	/* every candidate remote, the src local */
	resolves_to(&s, "<img src=\"img/a.jpg\" srcset=\"https://cdn.example/"
		"x1.jpg 1x, https://cdn.example/x2.jpg 2x\">", s.img, "a.jpg");
	/* the remote best was saved by the browser */
	resolves_to(&s, "<img src=\"img/small.jpg\" srcset=\"https://cdn."
		"example/w_1600,h_900/harbour.jpg 1600w, img/medium.jpg 800w\">",
		s.files, "harbour.jpg");
	site_finish(&s);
}

/* One paragraph of an article, long enough to score as prose. */
static const char *const prose[] = {
	"The harbour board approved the new pier on Tuesday night, after a "
	"debate that ran for almost four hours, with six members in favour "
	"and three against the plan put forward by the port authority.",
	"Under the plan, the old timber pier is taken down over the winter, "
	"while the ferries move to the northern quay, a change that had drawn "
	"hundreds of letters from residents over the summer months.",
	"Opponents said the cost, which the levy funds for the most part, "
	"would fall hardest on small traders, and asked for a review before "
	"the first payments are due in the spring of next year.",
	"The board chair, speaking after the vote, said the pier was the "
	"best option on the table, and that the board would publish every "
	"contract paid for by the levy as soon as it was signed.",
};

/*
 * A whole page with figure (HTML) between the second and third paragraphs
 * of its article, through body_extract() and sanitize(): the srcs of the
 * <img> elements of the result, space-separated, into srcs (the caller
 * frees); returns how many.
 */
static int through_pipeline(const char *figure, const struct site *s,
	char **srcs)
{
	struct bs_buf b = {0};
	buf_puts(&b, "<!DOCTYPE html><html lang=\"en\"><head><meta charset="
		"\"utf-8\"><title>Pier approved | The Harbour Gazette</title>"
		"</head><body><header><a href=\"/\">The Harbour Gazette</a><nav>"
		"<ul><li><a href=\"/news\">News</a></li><li><a href=\"/sport\">"
		"Sport</a></li></ul></nav></header><main><article><h1>Pier "
		"approved after a long debate</h1>\n");
	for (int i = 0; i < 4; i++) {
		if (i == 2) {
			buf_puts(&b, figure);
			buf_putc(&b, '\n');
		}
		buf_printf(&b, "<p>%s</p>\n", prose[i]);
	}
	buf_puts(&b, "</article></main><footer><p>&copy; 2026 The Harbour "
		"Gazette</p></footer></body></html>\n");
	htmlDocPtr doc = ingest_parse_html(b.data, b.len, NULL);
	buf_finish(&b);
	OK(doc != NULL, "parsed");
	*srcs = NULL;
	if (!doc) {
		return -1;
	}
	xmlNode *content = body_extract(doc, NULL);
	OK(content != NULL, "an article");
	int count = 0;
	struct bs_buf out = {0};
	if (content) {
		struct bs_sanitize so = {
			.pictures = &s->ctx,
			.base_url = "https://gazette.example/news/pier.html",
			.images = true,
		};
		xmlDocPtr body = sanitize(content, &so);
		xmlNode *root = xmlDocGetRootElement(body);
		/* every img, in document order */
		for (xmlNode *n = root; n;) {
			if (n->type == XML_ELEMENT_NODE && strcmp(
					(const char *)n->name, "img") == 0) {
				xmlChar *src = xmlGetProp(n, BAD_CAST "src");
				buf_printf(&out, "%s%s", count ? " " : "",
					src ? (const char *)src : "(none)");
				xmlFree(src);
				count++;
			}
			if (n->type == XML_ELEMENT_NODE && n->children) {
				n = n->children;
				continue;
			}
			while (n && n != root && !n->next) {
				n = n->parent;
			}
			n = n && n != root ? n->next : NULL;
		}
		xmlFreeDoc(body);
		xmlFreeNode(content);
	}
	xmlFreeDoc(doc);
	*srcs = buf_detach(&out);
	return count;
}

static void picture_sources(void)
{
	struct site s;
	site_init(&s);
	static const char *const pic = "<picture><source type=\"image/avif\" "
		"srcset=\"img/local1.avif\"><source srcset=\"img/local2.jpg\">"
		"<img src=\"https://cdn.example/remote.jpg\" alt=\"The pier\">"
		"</picture>";
	/* as the HTML parser leaves it (libxml2 2.9 nests img in source) */
	resolves_to(&s, pic, s.img, "local2.jpg");

	/* through the pipeline: body_extract() moves the img out */
	char *want = real(s.img, "local2.jpg");
	struct bs_buf fig = {0};
	buf_printf(&fig, "<figure>%s<figcaption>The new pier, as drawn"
		"</figcaption></figure>", pic);
	char *srcs;
	int n = through_pipeline(fig.data, &s, &srcs);
	INT_EQ(n, 1);
	STR_EQ(srcs, want);
	free(srcs);
	buf_finish(&fig);

	/* a typed source that can be decoded is fine; an untyped src last */
	resolves_to(&s, "<picture><source type=\"image/webp\" srcset=\""
		"img/medium.jpg 1400w\"><img src=\"img/a.jpg\"></picture>",
		s.img, "medium.jpg");
	resolves_to(&s, "<picture><source type=\"image/avif\" srcset=\""
		"img/local1.avif\"><img src=\"img/a.jpg\"></picture>", s.img,
		"a.jpg");
	free(want);
	site_finish(&s);
}

static void saved_remote(void)
{
	struct site s;
	site_init(&s);
	resolves_to(&s, "<img src=\"https://cdn.example/2026/photos/harbour.jpg"
		"?w=800&amp;q=75\">", s.files, "harbour.jpg");
	resolves_to(&s, "<img src=\"//cdn.example/photos/harbour.jpg\">",
		s.files, "harbour.jpg");
	resolves_to(&s, "<img src=\"/photos/pier.webp#top\">", s.files,
		"pier.webp");
	resolves_to(&s, "<img src=\"page_files/harbour.jpg\">", s.files,
		"harbour.jpg");
	INT_EQ(s.remote.count, 0);
	site_finish(&s);
}


static void refused(void)
{
	struct site s;
	site_init(&s);
	for (int twice = 0; twice < 2; twice++) {
		resolves_to(&s, "<img src=\"../secret.jpg\">", NULL, NULL);
		resolves_to(&s, "<img src=\"link.jpg\">", NULL, NULL);
		resolves_to(&s, "<img src=\"https://cdn.example/nowhere.jpg\">",
			NULL, NULL);
		resolves_to(&s, "<img src=\"img/../../secret.jpg\">", NULL,
			NULL);
	}
	/* also as picture_local() sees them */
	char *got = picture_local("../secret.jpg", &s.ctx);
	OK(got == NULL, "../secret.jpg read: %s", got);
	free(got);
	got = picture_local("link.jpg", &s.ctx);
	OK(got == NULL, "the symlink read: %s", got);
	free(got);

	INT_EQ(mentions(&s.refused, " ../secret.jpg"), 1);
	INT_EQ(mentions(&s.refused, "link.jpg"), 1);
	INT_EQ(mentions(&s.refused, "img/../../secret.jpg"), 1);
	INT_EQ(s.refused.count, 3);
	INT_EQ(mentions(&s.refused, "nowhere.jpg"), 0);
	INT_EQ(mentions(&s.remote, "https://cdn.example/nowhere.jpg"), 1);
	INT_EQ(s.remote.count, 1);
	INT_EQ(mentions(&s.remote, "secret"), 0);
	for (unsigned long i = 0; i < s.refused.count; i++) {
		OK(strstr(s.refused.items[i].reason, "outside") != NULL,
			"reason \"%s\"", s.refused.items[i].reason);
	}

	/* a missing local file is not remote: said as not found */
	resolves_to(&s, "<img src=\"img/missing.jpg\">", NULL, NULL);
	INT_EQ(s.refused.count, 4);
	INT_EQ(mentions(&s.refused, "img/missing.jpg"), 1);
	INT_EQ(s.remote.count, 1);

	/* the lists may be NULL */
	struct bs_picture_ctx quiet = s.ctx;
	quiet.remote = quiet.refused = NULL;
	got = resolve("<img src=\"../secret.jpg\">", &quiet);
	OK(got == NULL, "read: %s", got);
	free(got);
	got = resolve("<img src=\"https://cdn.example/x.jpg\">", &quiet);
	OK(got == NULL, "read: %s", got);
	free(got);
	site_finish(&s);
}

static void data_uri(void)
{
	struct site s;
	site_init(&s);
	static const char *const uri = "data:image/png;base64,iVBORw0KGgoAAAAN"
		"SUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw"
		"AAAABJRU5ErkJggg==";
	struct bs_buf b = {0};
	buf_printf(&b, "<img src=\"%s\">", uri);
	char *got = resolve(b.data, &s.ctx);
	STR_EQ(got, uri);
	free(got);
	buf_finish(&b);
	/* not a picture: nothing */
	got = resolve("<img src=\"data:text/html;base64,PGI+aGk8L2I+\">",
		&s.ctx);
	STR_EQ(got, NULL);
	free(got);
	INT_EQ(s.remote.count, 0);
	INT_EQ(s.refused.count, 0);
	site_finish(&s);
}

static void file_url(void)
{
	struct site s;
	site_init(&s);
	char *dir = real(s.dir, ".");
	struct bs_buf b = {0};
	buf_printf(&b, "<img src=\"file://%s/img/a.jpg\">", dir);
	resolves_to(&s, b.data, s.img, "a.jpg");
	buf_reset(&b);
	buf_printf(&b, "<img src=\"file://localhost%s/img/a.jpg\">", dir);
	resolves_to(&s, b.data, s.img, "a.jpg");
	buf_reset(&b);
	buf_printf(&b, "<img src=\"FILE://%s/img/two%%20words.jpg\">", dir);
	resolves_to(&s, b.data, s.img, "two words.jpg");
	/* outside the folder: refused */
	buf_reset(&b);
	buf_printf(&b, "<img src=\"file://%s/../secret.jpg\">", dir);
	resolves_to(&s, b.data, NULL, NULL);
	INT_EQ(s.refused.count, 1);
	buf_finish(&b);
	free(dir);
	site_finish(&s);
}

static void noscript(void)
{
	struct site s;
	site_init(&s);
	char *want = real(s.img, "real.jpg");
	char *srcs;
	/* the placeholder, then the real picture in <noscript> */
	int n = through_pipeline("<figure><img src=\"data:image/gif;base64,"
		"R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7\" "
		"class=\"lazy\" alt=\"The pier\"><noscript><img src=\"img/real.jpg"
		"\" alt=\"The pier\"></noscript><figcaption>The new pier"
		"</figcaption></figure>", &s, &srcs);
	INT_EQ(n, 1);
	STR_EQ(srcs, want);
	free(srcs);
	/* the same with the placeholder wrapped, outside a figure */
	n = through_pipeline("<p><span class=\"ph\"><img src=\"/img/blank.gif\""
		" alt=\"\"></span><noscript><img src=\"img/real.jpg\" alt=\"The "
		"pier\"></noscript></p>", &s, &srcs);
	INT_EQ(n, 1);
	STR_EQ(srcs, want);
	free(srcs);
	/* a placeholder that is itself a lazy image, and its noscript twin */
	n = through_pipeline("<figure><img src=\"data:image/gif;base64,R0lGODlh"
		"AQABAAAAACw=\" data-src=\"img/real.jpg\"><noscript><img src=\""
		"img/real.jpg\"></noscript></figure>", &s, &srcs);
	INT_EQ(n, 1);
	STR_EQ(srcs, want);
	free(srcs);
	free(want);
	site_finish(&s);
}

static void dotted_name(void)
{
	char *tmp = tmp_dir();
	char *page = tmp_write(tmp, "U.S. budget.html", "<p>saved</p>", 12);
	char *files = tmp_mkdir(tmp, "U.S. budget_files");
	free(tmp_write(files, "chart.png", "picture", 7));
	struct bs_error_list remote = {0};
	struct bs_picture_ctx ctx = {
		.page_path = page,
		.page_dir = tmp,
		.root = tmp,
		.target_width = 1264,
		.remote = &remote,
	};
	char *want = real(files, "chart.png");
	char *got = picture_local("https://cdn.example/2026/chart.png?v=2",
		&ctx);
	STR_EQ(got, want);
	free(got);
	got = picture_local("U.S.%20budget_files/chart.png", &ctx);
	STR_EQ(got, want);
	free(got);
	got = picture_local("./U.S. budget_files/chart.png", &ctx);
	STR_EQ(got, want);
	free(got);
	INT_EQ(remote.count, 0);
	/* not saved: remote */
	got = picture_local("https://cdn.example/2026/other.png", &ctx);
	STR_EQ(got, NULL);
	free(got);
	INT_EQ(remote.count, 1);
	/* a gzipped page names the same folder */
	struct bs_picture_ctx gz = ctx;
	char *gzpage = tmp_path(tmp, "U.S. budget.html.gz");
	gz.page_path = gzpage;
	got = picture_local("https://cdn.example/chart.png", &gz);
	STR_EQ(got, want);
	free(got);
	free(gzpage);
	free(want);
	error_list_finish(&remote);
	free(page);
	free(files);
	tmp_remove(tmp);
}

static const struct subtest tests[] = {
	{"srcset", srcset},
	{"rank", rank},
	{"resolve_src", resolve_src},
	{"lazy", lazy},
	{"srcset_local", srcset_local},
	{"picture_sources", picture_sources},
	{"saved_remote", saved_remote},
	{"refused", refused},
	{"data_uri", data_uri},
	{"file_url", file_url},
	{"noscript", noscript},
	{"dotted_name", dotted_name},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
