#include "render/render.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libexslt/exslt.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "util/alloc.h"
#include "util/datadir.h"
#include "util/path.h"

static const char *const sheet_files[SHEET_COUNT] = {
	"cover.xsl", "front.xsl", "section.xsl", "article.xsl", "nav.xsl",
	"ncx.xsl", "opf.xsl",
};

struct bs_render {
	xsltStylesheetPtr sheets[SHEET_COUNT];
	char *paths[SHEET_COUNT];
	xsltSecurityPrefsPtr security;
};

/* libxml2 and libxslt report through callbacks; we keep the first line. */
struct capture {
	char text[400];
};

static void capture_error(void *ctx, const char *fmt, ...)
{
	struct capture *c = ctx;
	if (c->text[0]) {
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->text, sizeof(c->text), fmt, ap);
	va_end(ap);
	c->text[strcspn(c->text, "\n")] = '\0';
}

struct bs_render *render_create(const char *user_dir, struct bs_error *err)
{
	static bool exslt;
	if (!exslt) {
		exsltRegisterAll();
		exslt = true;
	}
	const char *data = datadir();
	struct bs_render *r = xcalloc(1, sizeof(*r));
	r->security = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(r->security, XSLT_SECPREF_WRITE_FILE,
		xsltSecurityForbid);
	xsltSetSecurityPrefs(r->security, XSLT_SECPREF_CREATE_DIRECTORY,
		xsltSecurityForbid);
	xsltSetSecurityPrefs(r->security, XSLT_SECPREF_WRITE_NETWORK,
		xsltSecurityForbid);
	xsltSetSecurityPrefs(r->security, XSLT_SECPREF_READ_NETWORK,
		xsltSecurityForbid);
	struct capture cap = {{0}};
	xmlSetGenericErrorFunc(&cap, capture_error);
	xsltSetGenericErrorFunc(&cap, capture_error);
	for (int i = 0; i < SHEET_COUNT; i++) {
		char *path = NULL;
		struct stat st;
		if (user_dir) {
			path = path_join(user_dir, sheet_files[i]);
			if (stat(path, &st) != 0) {
				free(path);
				path = NULL;
			}
		}
		if (!path && data) {
			char *dir = path_join(data, "xslt");
			path = path_join(dir, sheet_files[i]);
			free(dir);
		}
		if (!path) {
			error_set(err, sheet_files[i], "stylesheet not found: no "
				"data folder (set BROADSHEET_DATADIR)");
			break;
		}
		r->paths[i] = path;
		cap.text[0] = '\0';
		xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
		xsltStylesheetPtr sheet = doc ? xsltParseStylesheetDoc(doc) : NULL;
		if (!sheet) {
			if (doc) {
				xmlFreeDoc(doc);
			}
			error_set(err, path, "stylesheet does not compile: %s",
				cap.text[0] ? cap.text : "unknown error");
			break;
		}
		r->sheets[i] = sheet;
	}
	xmlSetGenericErrorFunc(NULL, NULL);
	xsltSetGenericErrorFunc(NULL, NULL);
	if (error_is_set(err)) {
		render_destroy(r);
		return NULL;
	}
	return r;
}

void render_destroy(struct bs_render *r)
{
	if (!r) {
		return;
	}
	for (int i = 0; i < SHEET_COUNT; i++) {
		if (r->sheets[i]) {
			xsltFreeStylesheet(r->sheets[i]);
		}
		free(r->paths[i]);
	}
	xsltFreeSecurityPrefs(r->security);
	free(r);
}

bool render_apply(struct bs_render *r, enum bs_sheet sheet, xmlDocPtr edition,
	const char *id, struct bs_buf *out, struct bs_error *err)
{
	xsltStylesheetPtr style = r->sheets[sheet];
	char quoted[128];
	const char *params[3] = {NULL, NULL, NULL};
	if (id) {
		snprintf(quoted, sizeof(quoted), "'%s'", id);
		params[0] = "id";
		params[1] = quoted;
	}
	struct capture cap = {{0}};
	xsltTransformContextPtr ctxt = xsltNewTransformContext(style, edition);
	if (!ctxt) {
		error_set(err, r->paths[sheet], "cannot start the transformation");
		return false;
	}
	xsltSetCtxtSecurityPrefs(r->security, ctxt);
	xsltSetTransformErrorFunc(ctxt, &cap, capture_error);
	xmlDocPtr res = xsltApplyStylesheetUser(style, edition, params, NULL,
		NULL, ctxt);
	bool failed = !res || ctxt->state == XSLT_STATE_ERROR
		|| ctxt->state == XSLT_STATE_STOPPED;
	xsltFreeTransformContext(ctxt);
	if (failed) {
		error_set(err, r->paths[sheet], "transformation failed%s%s",
			cap.text[0] ? ": " : "", cap.text);
		if (res) {
			xmlFreeDoc(res);
		}
		return false;
	}
	xmlChar *text = NULL;
	int len = 0;
	if (xsltSaveResultToString(&text, &len, res, style) != 0 || !text) {
		error_set(err, r->paths[sheet], "the transformation gave no output");
		xmlFreeDoc(res);
		xmlFree(text);
		return false;
	}
	buf_append(out, text, (size_t)len);
	xmlFree(text);
	xmlFreeDoc(res);
	return true;
}
