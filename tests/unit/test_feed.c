/* feed: RSS 2.0, RSS 1.0 (RDF) and Atom, hostile prologs, sniffing. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/feed.h"
#include "util/buf.h"
#include "util/error.h"

#include "harness.h"

/* Entity attacks must be refused at once, not after an expansion. */
#define QUICK_SECONDS 2.0

#define SNIFF(s) feed_sniff((s), sizeof(s) - 1)

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool parse(const char *xml, struct bs_feed *feed, struct bs_error *err)
{
	error_clear(err);
	return feed_parse("test.xml", xml, strlen(xml), feed, err);
}

/* True when no field of any item, nor the feed's, contains s. */
static bool nowhere_in(const struct bs_feed *f, const char *s)
{
	const char *fields[] = {f->title, f->link, f->lang};
	for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
		if (fields[k] && strstr(fields[k], s)) {
			return false;
		}
	}
	for (size_t i = 0; i < f->count; i++) {
		const struct bs_feed_item *it = &f->items[i];
		const char *item_fields[] = {it->title, it->link, it->author,
			it->date, it->category, it->content, it->summary};
		for (size_t k = 0; k < sizeof(item_fields)
				/ sizeof(item_fields[0]); k++) {
			if (item_fields[k] && strstr(item_fields[k], s)) {
				return false;
			}
		}
	}
	return true;
}

static const char rss2_feed[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<rss version=\"2.0\"\n"
	"  xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
	"  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	"  xmlns:atom=\"http://www.w3.org/2005/Atom\">\n"
	"<channel>\n"
	"  <title>The Daily   Example</title>\n"
	"  <atom:link href=\"https://news.example.com/feed\" rel=\"self\"\n"
	"    type=\"application/rss+xml\"/>\n"
	"  <link>https://news.example.com/</link>\n"
	"  <description>All the news</description>\n"
	"  <language>en-us</language>\n"
	"  <image><title>Logo title</title>\n"
	"    <link>https://news.example.com/logo</link>\n"
	"    <url>https://news.example.com/logo.png</url></image>\n"
	"  <item>\n"
	"    <title>First story &amp; more</title>\n"
	"    <link>https://news.example.com/2024/first</link>\n"
	"    <description>A short teaser.</description>\n"
	"    <content:encoded><![CDATA[<p>The <b>full</b> story "
	"&amp; more.</p>]]></content:encoded>\n"
	"    <author>jane@example.com (Jane Doe)</author>\n"
	"    <pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>\n"
	"    <category>World</category>\n"
	"    <category>Europe</category>\n"
	"    <guid isPermaLink=\"true\">https://news.example.com/?p=1</guid>\n"
	"  </item>\n"
	"  <item>\n"
	"    <title>Second story</title>\n"
	"    <link>https://news.example.com/2024/second</link>\n"
	"    <content:encoded>&lt;p&gt;Escaped &amp;amp; HTML.&lt;/p&gt;"
	"</content:encoded>\n"
	"    <dc:creator>John Roe</dc:creator>\n"
	"    <pubDate>Wed, 11 Jun 2003 09:30:00 +0200</pubDate>\n"
	"  </item>\n"
	"  <item>\n"
	"    <title>Third story</title>\n"
	"    <description>&lt;p&gt;Only a description.&lt;/p&gt;"
	"</description>\n"
	"    <guid>https://news.example.com/2024/third</guid>\n"
	"    <pubDate>Thu, 12 Jun 2003 23:59:59 EST</pubDate>\n"
	"  </item>\n"
	"  <item>\n"
	"    <title>Fourth</title>\n"
	"    <guid isPermaLink=\"false\">a1b2c3-not-a-url</guid>\n"
	"    <description>Text only</description>\n"
	"  </item>\n"
	"</channel>\n"
	"</rss>\n";

static void rss2(void)
{
	struct bs_feed f;
	struct bs_error err;
	OK(parse(rss2_feed, &f, &err), "parsed: %s", err.reason);
	STR_EQ(f.title, "The Daily Example");
	STR_EQ(f.link, "https://news.example.com/");
	STR_EQ(f.lang, "en-us");
	INT_EQ(f.count, 4);
	if (f.count == 4) {
		const struct bs_feed_item *a = &f.items[0];
		STR_EQ(a->title, "First story & more");
		STR_EQ(a->link, "https://news.example.com/2024/first");
		STR_EQ(a->content, "<p>The <b>full</b> story &amp; more.</p>");
		STR_EQ(a->summary, "A short teaser.");
		STR_EQ(a->author, "jane@example.com (Jane Doe)");
		STR_EQ(a->date, "Tue, 10 Jun 2003 04:00:00 GMT");
		STR_EQ(a->category, "World");

		const struct bs_feed_item *b = &f.items[1];
		STR_EQ(b->title, "Second story");
		STR_EQ(b->content, "<p>Escaped &amp; HTML.</p>");
		STR_EQ(b->summary, NULL);
		STR_EQ(b->author, "John Roe");
		STR_EQ(b->date, "Wed, 11 Jun 2003 09:30:00 +0200");
		STR_EQ(b->category, NULL);

		/* description only: the summary, no content */
		const struct bs_feed_item *c = &f.items[2];
		STR_EQ(c->content, NULL);
		STR_EQ(c->summary, "<p>Only a description.</p>");
		STR_EQ(c->link, "https://news.example.com/2024/third");
		STR_EQ(c->date, "Thu, 12 Jun 2003 23:59:59 EST");
		STR_EQ(c->author, NULL);

		const struct bs_feed_item *d = &f.items[3];
		STR_EQ(d->title, "Fourth");
		STR_EQ(d->link, NULL);
		STR_EQ(d->summary, "Text only");
	}
	feed_finish(&f);
	INT_EQ(f.count, 0);
	OK(f.items == NULL && f.title == NULL, "finished");
}

/*
 * A guid is the link only when there is no link: WordPress writes
 * "?p=123" guids (isPermaLink="false" or not), some feeds before <link>.
 */
static void rss2_guid_order(void)
{
	static const char xml[] =
		"<rss version=\"2.0\"><channel><title>T</title>\n"
		"<item><title>A</title>\n"
		"  <guid isPermaLink=\"false\">https://blog.example.com/?p=123"
		"</guid>\n"
		"  <link>https://blog.example.com/2024/05/a-story/</link>\n"
		"</item>\n"
		"<item><title>B</title>\n"
		"  <guid>https://blog.example.com/?p=124</guid>\n"
		"</item>\n"
		"</channel></rss>\n";
	struct bs_feed f;
	struct bs_error err;
	OK(parse(xml, &f, &err), "parsed: %s", err.reason);
	INT_EQ(f.count, 2);
	if (f.count == 2) {
		STR_EQ(f.items[0].link,
			"https://blog.example.com/2024/05/a-story/");
		STR_EQ(f.items[1].link, "https://blog.example.com/?p=124");
	}
	feed_finish(&f);
}

static void rdf(void)
{
	static const char xml[] =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<rdf:RDF\n"
		"  xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
		"  xmlns=\"http://purl.org/rss/1.0/\"\n"
		"  xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
		"<channel rdf:about=\"https://rdf.example.net/\">\n"
		"  <title>RDF Zeitung</title>\n"
		"  <link>https://rdf.example.net/</link>\n"
		"  <description>Nachrichten</description>\n"
		"  <dc:language>de</dc:language>\n"
		"  <items><rdf:Seq>\n"
		"    <rdf:li rdf:resource=\"https://rdf.example.net/1\"/>\n"
		"    <rdf:li rdf:resource=\"https://rdf.example.net/2\"/>\n"
		"  </rdf:Seq></items>\n"
		"</channel>\n"
		"<image rdf:about=\"https://rdf.example.net/logo.png\">\n"
		"  <title>Logo</title>\n"
		"  <url>https://rdf.example.net/logo.png</url>\n"
		"  <link>https://rdf.example.net/</link>\n"
		"</image>\n"
		"<item rdf:about=\"https://rdf.example.net/1\">\n"
		"  <title>Erste Meldung</title>\n"
		"  <link>https://rdf.example.net/1</link>\n"
		"  <description>Eins.</description>\n"
		"  <dc:date>2024-03-01T10:00:00+01:00</dc:date>\n"
		"  <dc:subject>Politik</dc:subject>\n"
		"  <dc:creator>Erika Mustermann</dc:creator>\n"
		"</item>\n"
		"<item rdf:about=\"https://rdf.example.net/2\">\n"
		"  <title>Zweite Meldung</title>\n"
		"  <link>https://rdf.example.net/2</link>\n"
		"  <dc:date>2024-03-02</dc:date>\n"
		"</item>\n"
		"<textinput rdf:about=\"https://rdf.example.net/search\">\n"
		"  <title>Suche</title><name>q</name>\n"
		"  <link>https://rdf.example.net/search</link>\n"
		"</textinput>\n"
		"</rdf:RDF>\n";
	struct bs_feed f;
	struct bs_error err;
	OK(parse(xml, &f, &err), "parsed: %s", err.reason);
	STR_EQ(f.title, "RDF Zeitung");
	STR_EQ(f.link, "https://rdf.example.net/");
	STR_EQ(f.lang, "de");
	INT_EQ(f.count, 2);
	if (f.count == 2) {
		STR_EQ(f.items[0].title, "Erste Meldung");
		STR_EQ(f.items[0].link, "https://rdf.example.net/1");
		STR_EQ(f.items[0].summary, "Eins.");
		STR_EQ(f.items[0].date, "2024-03-01T10:00:00+01:00");
		STR_EQ(f.items[0].category, "Politik");
		STR_EQ(f.items[0].author, "Erika Mustermann");
		STR_EQ(f.items[1].title, "Zweite Meldung");
		STR_EQ(f.items[1].date, "2024-03-02");
		STR_EQ(f.items[1].category, NULL);
	}
	feed_finish(&f);
}

static const char atom_feed[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n"
	"  <title>Example Atom</title>\n"
	"  <link rel=\"self\" href=\"https://example.org/feed.atom\"/>\n"
	"  <id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>\n"
	"  <updated>2024-05-04T10:00:00Z</updated>\n"
	"  <author><name>The Desk</name></author>\n"
	"  <entry>\n"
	"    <title>HTML entry</title>\n"
	"    <link rel=\"self\" href=\"https://example.org/entries/1.atom\"/>\n"
	"    <link rel=\"enclosure\" type=\"audio/mpeg\"\n"
	"      href=\"https://example.org/1.mp3\"/>\n"
	"    <link rel=\"alternate\" type=\"text/html\"\n"
	"      href=\"https://example.org/2024/05/one\"/>\n"
	"    <id>tag:example.org,2024:1</id>\n"
	"    <published>2024-05-01T08:30:00+02:00</published>\n"
	"    <updated>2024-05-02T09:00:00Z</updated>\n"
	"    <author><name>Jane Doe</name><email>jane@example.org</email>"
	"</author>\n"
	"    <category term=\"politics\" label=\"Politics &amp; Power\"/>\n"
	"    <category term=\"europe\"/>\n"
	"    <summary type=\"text\">Less &lt; more &amp; so on</summary>\n"
	"    <content type=\"html\">&lt;p&gt;First &lt;b&gt;entry&lt;/b&gt;."
	"&lt;/p&gt;</content>\n"
	"  </entry>\n"
	"  <entry>\n"
	"    <title type=\"html\">XHTML &lt;em&gt;entry&lt;/em&gt;</title>\n"
	"    <link href=\"https://example.org/2024/05/two\"/>\n"
	"    <id>tag:example.org,2024:2</id>\n"
	"    <updated>2024-05-03T12:00:00Z</updated>\n"
	"    <author><name>John Roe</name></author>\n"
	"    <category term=\"sport\"/>\n"
	"    <content type=\"xhtml\">"
	"<div xmlns=\"http://www.w3.org/1999/xhtml\">"
	"<p>Second <em>entry</em>.</p></div></content>\n"
	"  </entry>\n"
	"  <entry>\n"
	"    <title>Text entry</title>\n"
	"    <link rel=\"alternate\"\n"
	"      href=\"https://example.org/2024/05/three\"/>\n"
	"    <id>tag:example.org,2024:3</id>\n"
	"    <published>2024-05-04T00:00:00Z</published>\n"
	"    <content type=\"text\">Plain &amp; simple &lt;not a tag&gt;"
	"</content>\n"
	"  </entry>\n"
	"  <entry>\n"
	"    <title>Summary only</title>\n"
	"    <link rel=\"alternate\"\n"
	"      href=\"https://example.org/2024/05/four\"/>\n"
	"    <id>https://example.org/?id=4</id>\n"
	"    <updated>2024-05-04T06:00:00Z</updated>\n"
	"    <summary type=\"html\">&lt;p&gt;Only a summary.&lt;/p&gt;"
	"</summary>\n"
	"  </entry>\n"
	"</feed>\n";

static void atom(void)
{
	struct bs_feed f;
	struct bs_error err;
	OK(parse(atom_feed, &f, &err), "parsed: %s", err.reason);
	STR_EQ(f.title, "Example Atom");
	STR_EQ(f.lang, "en-GB");
	INT_EQ(f.count, 4);
	if (f.count == 4) {
		const struct bs_feed_item *a = &f.items[0];
		STR_EQ(a->title, "HTML entry");
		STR_EQ(a->link, "https://example.org/2024/05/one");
		STR_EQ(a->content, "<p>First <b>entry</b>.</p>");
		STR_EQ(a->summary, "Less &lt; more &amp; so on");
		STR_EQ(a->author, "Jane Doe");
		STR_EQ(a->date, "2024-05-01T08:30:00+02:00");
		STR_EQ(a->category, "Politics & Power");

		const struct bs_feed_item *b = &f.items[1];
		STR_EQ(b->title, "XHTML entry");
		STR_EQ(b->link, "https://example.org/2024/05/two");
		OK(b->content && strstr(b->content, "<p>Second <em>entry</em>."
			"</p>") && !strstr(b->content, "<div"),
			"xhtml content: %s", b->content);
		STR_EQ(b->date, "2024-05-03T12:00:00Z");
		STR_EQ(b->author, "John Roe");
		STR_EQ(b->category, "sport");

		const struct bs_feed_item *c = &f.items[2];
		STR_EQ(c->content, "Plain &amp; simple &lt;not a tag&gt;");
		STR_EQ(c->date, "2024-05-04T00:00:00Z");
		STR_EQ(c->author, NULL);
		STR_EQ(c->summary, NULL);

		const struct bs_feed_item *d = &f.items[3];
		STR_EQ(d->content, NULL);
		STR_EQ(d->summary, "<p>Only a summary.</p>");
		STR_EQ(d->link, "https://example.org/2024/05/four");
	}
	feed_finish(&f);
}

/*
 * WordPress and others write <updated> before <published>; the header
 * says published wins whatever the order.
 */
static void atom_updated_first(void)
{
	static const char xml[] =
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>W</title>\n"
		"<entry><title>E</title>\n"
		"  <link rel=\"alternate\"\n"
		"    href=\"https://wp.example.com/e/\"/>\n"
		"  <updated>2024-06-09T18:00:00Z</updated>\n"
		"  <published>2024-06-01T07:00:00Z</published>\n"
		"</entry></feed>\n";
	struct bs_feed f;
	struct bs_error err;
	OK(parse(xml, &f, &err), "parsed: %s", err.reason);
	INT_EQ(f.count, 1);
	if (f.count == 1) {
		STR_EQ(f.items[0].date, "2024-06-01T07:00:00Z");
	}
	feed_finish(&f);
}

/* The feed's own page is its rel="alternate" link, as RSS's <link>. */
static void atom_feed_link(void)
{
	static const char xml[] =
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>L</title>\n"
		"<link rel=\"self\" href=\"https://example.org/feed.atom\"/>\n"
		"<link rel=\"alternate\" type=\"text/html\" "
		"href=\"https://example.org/\"/>\n"
		"<entry><title>E</title><link href=\"https://example.org/e\"/>"
		"</entry></feed>\n";
	struct bs_feed f;
	struct bs_error err;
	OK(parse(xml, &f, &err), "parsed: %s", err.reason);
	STR_EQ(f.link, "https://example.org/");
	INT_EQ(f.count, 1);
	feed_finish(&f);
}

/* The classic: ten entities of ten references each, nine deep. */
static char *billion_laughs(void)
{
	struct bs_buf b = {0};
	buf_puts(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
		"  <!ENTITY lol \"lol\">\n");
	for (int i = 1; i <= 9; i++) {
		buf_printf(&b, "  <!ENTITY lol%d \"", i);
		for (int k = 0; k < 10; k++) {
			if (i == 1) {
				buf_puts(&b, "&lol;");
			} else {
				buf_printf(&b, "&lol%d;", i - 1);
			}
		}
		buf_puts(&b, "\">\n");
	}
	buf_puts(&b, "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title>\n"
		"<item><title>&lol9;</title><description>&lol9;</description>"
		"</item>\n</channel></rss>\n");
	return buf_detach(&b);
}

static void billion_laughs_refused(void)
{
	char *xml = billion_laughs();
	struct bs_feed f;
	struct bs_error err;
	double t0 = now();
	OK(!parse(xml, &f, &err), "refused");
	double took = now() - t0;
	OK(took < QUICK_SECONDS, "took %.2f s", took);
	OK(strstr(err.reason, "entit") != NULL, "reason: %s", err.reason);
	INT_EQ(f.count, 0);
	OK(nowhere_in(&f, "lollol"), "nothing expanded");
	feed_finish(&f);
	free(xml);
}

static void xxe_refused(void)
{
	static const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
		"<rss version=\"2.0\"><channel><title>&xxe;</title>\n"
		"<item><title>&xxe;</title><description>&xxe;</description>"
		"</item></channel></rss>\n";
	struct bs_feed f;
	struct bs_error err;
	double t0 = now();
	OK(!parse(xml, &f, &err), "refused");
	OK(now() - t0 < QUICK_SECONDS, "quick");
	OK(strstr(err.reason, "entit") != NULL, "reason: %s", err.reason);
	OK(strstr(err.reason, "root:") == NULL, "nothing read: %s", err.reason);
	INT_EQ(f.count, 0);
	OK(nowhere_in(&f, "root:"), "nothing read");
	feed_finish(&f);

	/* a parameter entity pulling in a file */
	static const char param[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE rss [\n"
		"  <!ENTITY % ext SYSTEM \"file:///etc/passwd\">\n"
		"  %ext;\n"
		"]>\n"
		"<rss version=\"2.0\"><channel><item><title>x</title></item>"
		"</channel></rss>\n";
	OK(!parse(param, &f, &err), "parameter entity refused");
	OK(strstr(err.reason, "entit") != NULL, "reason: %s", err.reason);
	OK(nowhere_in(&f, "root:"), "nothing read");
	feed_finish(&f);
}

/*
 * The same attacks, their declarations placed where a scan for the first
 * start tag would not look: after a comment holding markup, and in a
 * UTF-16 document (the XML parser reads both).
 */
static void entities_hidden(void)
{
	struct bs_feed f;
	struct bs_error err;
	char *bomb = billion_laughs();
	static const char mark[] = "<!DOCTYPE";
	char *doctype = strstr(bomb, mark);
	struct bs_buf b = {0};
	buf_append(&b, bomb, (size_t)(doctype - bomb));
	buf_puts(&b, "<!-- mirrored from <a href=\"https://x.example/\">x</a> "
		"-->\n");
	buf_puts(&b, doctype);
	char *commented = buf_detach(&b);
	double t0 = now();
	OK(!parse(commented, &f, &err), "comment before DOCTYPE: refused");
	OK(now() - t0 < QUICK_SECONDS, "quick");
	OK(strstr(err.reason, "entit") != NULL, "reason: %s", err.reason);
	OK(nowhere_in(&f, "lollol"), "nothing expanded");
	feed_finish(&f);

	/* UTF-16LE, with a byte order mark */
	buf_putc(&b, '\xff');
	buf_putc(&b, '\xfe');
	for (const char *p = bomb; *p; p++) {
		buf_putc(&b, *p);
		buf_putc(&b, '\0');
	}
	error_clear(&err);
	t0 = now();
	bool ok = feed_parse("utf16.xml", b.data, b.len, &f, &err);
	OK(!ok, "UTF-16 bomb refused");
	OK(now() - t0 < QUICK_SECONDS, "quick");
	OK(strstr(err.reason, "entit") != NULL, "reason: %s", err.reason);
	OK(nowhere_in(&f, "lollol"), "nothing expanded");
	feed_finish(&f);
	buf_finish(&b);

	/*
	 * Attribute values are expanded by libxml2 whatever the options:
	 * entities must never reach the parser.
	 */
	static const char attribute[] =
		"<?xml version=\"1.0\"?>\n<!-- <a> -->\n"
		"<!DOCTYPE feed [\n"
		"  <!ENTITY lol \"lol\">\n"
		"  <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"
		"&lol;&lol;\">\n"
		"  <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"
		"&lol1;&lol1;&lol1;\">\n"
		"]>\n"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>\n"
		"<entry><title>E</title>\n"
		"<link rel=\"alternate\" href=\"&lol2;\"/>"
		"<category term=\"&lol2;\"/></entry></feed>\n";
	OK(!parse(attribute, &f, &err), "entities in attributes: refused");
	OK(strstr(err.reason, "entit") != NULL, "reason: %s", err.reason);
	OK(nowhere_in(&f, "lollol"), "nothing expanded");
	feed_finish(&f);

	static const char xxe[] =
		"<?xml version=\"1.0\"?>\n<!-- <a> -->\n"
		"<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
		"<rss version=\"2.0\"><channel><title>&xxe;</title>\n"
		"<item><title>&xxe;</title><description>&xxe;</description>"
		"</item></channel></rss>\n";
	OK(!parse(xxe, &f, &err), "external entity after a comment: refused");
	OK(strstr(err.reason, "entit") != NULL, "reason: %s", err.reason);
	OK(nowhere_in(&f, "root:"), "nothing read");
	feed_finish(&f);
	free(commented);
	free(bomb);
}

/* "<!ENTITY" as text of an item is no declaration. */
static void entity_text_kept(void)
{
	static const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/"
		"modules/content/\"><channel><title>Security Weekly</title>\n"
		"<item><title>XML bombs explained</title>\n"
		"<link>https://sec.example.com/bombs</link>\n"
		"<content:encoded><![CDATA[<p>An attacker writes "
		"<code><!ENTITY lol \"lol\"></code> in the DOCTYPE.</p>]]>"
		"</content:encoded>\n"
		"<description>Write &lt;!ENTITY x SYSTEM "
		"\"file:///etc/passwd\"&gt; and see.</description>\n"
		"</item></channel></rss>\n";
	struct bs_feed f;
	struct bs_error err;
	OK(parse(xml, &f, &err), "not refused: %s", err.reason);
	INT_EQ(f.count, 1);
	if (f.count == 1) {
		OK(f.items[0].content && strstr(f.items[0].content,
			"<!ENTITY lol \"lol\">"), "content: %s",
			f.items[0].content);
		OK(f.items[0].summary && strstr(f.items[0].summary,
			"<!ENTITY x SYSTEM"), "summary: %s",
			f.items[0].summary);
	}
	feed_finish(&f);
}

/*
 * "&nbsp;" without a DTD is a well-formedness error; it must not be
 * expanded from anywhere, and the items before it are kept.
 */
static void undefined_entity(void)
{
	static const char xml[] =
		"<rss version=\"2.0\"><channel><title>Loose</title>\n"
		"<item><title>Fine</title><link>https://l.example.com/1</link>"
		"<description>All good here, a description long enough to make "
		"the item a few hundred bytes, as items in real feeds are: "
		"a title, a link, a date, a teaser of a sentence or two and "
		"perhaps a category or an author.</description></item>\n"
		"<item><title>Non&nbsp;breaking</title>"
		"<link>https://l.example.com/2</link></item>\n"
		"<item><title>After</title><link>https://l.example.com/3</link>"
		"</item>\n"
		"</channel></rss>\n";
	struct bs_feed f;
	struct bs_error err;
	double t0 = now();
	bool ok = parse(xml, &f, &err);
	OK(now() - t0 < QUICK_SECONDS, "quick");
	OK(ok, "the items before kept: %s", err.reason);
	OK(f.count >= 1, "%zu items", f.count);
	if (f.count >= 1) {
		STR_EQ(f.items[0].title, "Fine");
		STR_EQ(f.items[0].link, "https://l.example.com/1");
	}
	OK(nowhere_in(&f, "&nbsp;"), "not left as markup");
	feed_finish(&f);

	/* in the first item: nothing to keep, refused with a reason */
	static const char first[] =
		"<rss version=\"2.0\"><channel><title>Loose</title>\n"
		"<item><title>Non&nbsp;breaking</title></item>\n"
		"</channel></rss>\n";
	ok = parse(first, &f, &err);
	OK(!ok || f.count == 1, "refused, or the item read");
	OK(ok || error_is_set(&err), "a reason");
	feed_finish(&f);
}

static void not_a_feed(void)
{
	struct bs_feed f;
	struct bs_error err;
	static const char xhtml[] =
		"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/"
		"xhtml\"><head><title>Page</title></head><body><p>x</p></body>"
		"</html>\n";
	OK(!parse(xhtml, &f, &err), "XHTML refused");
	OK(strstr(err.reason, "not") && strstr(err.reason, "feed"),
		"reason: %s", err.reason);
	INT_EQ(f.count, 0);
	feed_finish(&f);

	static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\">"
		"<item/><entry/></svg>";
	OK(!parse(svg, &f, &err), "SVG refused");
	OK(error_is_set(&err), "a reason");
	feed_finish(&f);

	OK(!parse("Just some words, no markup.", &f, &err), "text refused");
	OK(error_is_set(&err), "a reason");
	feed_finish(&f);

	OK(!parse("", &f, &err), "nothing refused");
	OK(error_is_set(&err), "a reason");
	feed_finish(&f);
}

static void malformed(void)
{
	static const char xml[] =
		"<rss version=\"2.0\"><channel><title>Broken</title>\n"
		"<item><title>One</title><link>https://b.example.com/1</link>"
		"</item>\n"
		"<item><title>Two</title><link>https://b.example.com/2</link>"
		"</item>\n"
		"<item><title>Three</titel><link>https://b.example.com/3</link>"
		"</item>\n"
		"<item><title>Four</title></item>\n"
		"</channel></rss>\n";
	struct bs_feed f;
	struct bs_error err;
	OK(parse(xml, &f, &err), "the items before kept: %s", err.reason);
	/* a parser that recovers may keep more */
	OK(f.count >= 2, "%zu items", f.count);
	if (f.count >= 2) {
		STR_EQ(f.items[0].title, "One");
		STR_EQ(f.items[1].title, "Two");
		STR_EQ(f.items[1].link, "https://b.example.com/2");
	}
	STR_EQ(f.title, "Broken");
	feed_finish(&f);

	/* cut in the middle: the file ends inside the third item */
	size_t cut = (size_t)(strstr(xml, "Three") - xml);
	error_clear(&err);
	OK(feed_parse("cut.xml", xml, cut, &f, &err), "truncated: %s",
		err.reason);
	OK(f.count >= 2, "%zu items", f.count);
	feed_finish(&f);

	/*
	 * Longer feeds: every item complete before the error is kept,
	 * wherever the error falls in the parser's chunks of input.
	 */
	static const int words[] = {50, 80, 100, 120, 200};
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		struct bs_buf b = {0};
		buf_puts(&b, "<rss version=\"2.0\"><channel>"
			"<title>Long</title>\n");
		for (int i = 0; i < 3; i++) {
			buf_printf(&b, "<item><title>Item %d</title>"
				"<description>", i);
			for (int k = 0; k < words[w]; k++) {
				buf_puts(&b, "words ");
			}
			buf_puts(&b, "</description></item>\n");
		}
		buf_puts(&b, "<item><title>Bad</titel></item>\n"
			"</channel></rss>\n");
		error_clear(&err);
		OK(feed_parse("long.xml", b.data, b.len, &f, &err), "long: %s",
			err.reason);
		OK(f.count >= 3, "%zu items of 3 before the error (%zu bytes)",
			f.count, b.len);
		if (f.count >= 3) {
			STR_EQ(f.items[2].title, "Item 2");
		}
		feed_finish(&f);
		buf_finish(&b);
	}

	/* no item before the error: refused as malformed, not as "no feed" */
	static const char early[] =
		"<rss version=\"2.0\"><channel><title>Broken<title>\n"
		"<item><title>One</title></item></channel></rss>\n";
	bool ok = parse(early, &f, &err);
	OK(ok || strstr(err.reason, "malformed") != NULL, "reason: %s",
		err.reason);
	feed_finish(&f);
}

/* RSS 0.91 names Netscape's DTD, which is never fetched. */
static void external_dtd(void)
{
	static const char xml[] =
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
		"<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS "
		"0.91//EN\"\n  \"http://my.netscape.com/publish/formats/"
		"rss-0.91.dtd\">\n"
		"<rss version=\"0.91\"><channel>\n"
		"<title>Old \xe9" "cole</title>\n"
		"<link>http://old.example.com/</link><language>fr</language>\n"
		"<item><title>Caf&eacute; du coin</title>"
		"<link>http://old.example.com/1</link>"
		"<description>Un caf\xe9.</description></item>\n"
		"</channel></rss>\n";
	OK(SNIFF(xml), "sniffed");
	struct bs_feed f;
	struct bs_error err;
	double t0 = now();
	OK(parse(xml, &f, &err), "parsed: %s", err.reason);
	OK(now() - t0 < QUICK_SECONDS, "no fetch");
	STR_EQ(f.title, "Old \xc3\xa9" "cole");
	STR_EQ(f.lang, "fr");
	INT_EQ(f.count, 1);
	if (f.count == 1) {
		STR_EQ(f.items[0].link, "http://old.example.com/1");
		STR_EQ(f.items[0].summary, "Un caf\xc3\xa9.");
	}
	feed_finish(&f);
}

static void sniff(void)
{
	OK(SNIFF("<rss version=\"2.0\"><channel/></rss>"), "bare rss");
	OK(SNIFF("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss>"),
		"XML declaration");
	OK(SNIFF("\xef\xbb\xbf<?xml version=\"1.0\"?><feed xmlns=\"http://www."
		"w3.org/2005/Atom\">"), "BOM, declaration, Atom");
	OK(SNIFF("\xef\xbb\xbf<rss version=\"2.0\">"), "BOM, rss");
	OK(SNIFF("\n\n  \t<?xml version=\"1.0\"?>\r\n<?xml-stylesheet "
		"type=\"text/xsl\" href=\"/feed.xsl\"?>\r\n<rss>"),
		"blank lines, style sheet");
	OK(SNIFF("<?xml version=\"1.0\"?>\n<!-- generator=\"WordPress/6.5\" "
		"-->\n<rss version=\"2.0\">"), "comment");
	OK(SNIFF("<?xml version=\"1.0\"?>\n<!-- feed -> mirror, 2 > 1 -->\n"
		"<rss version=\"2.0\">"), "comment holding '>'");
	OK(SNIFF("<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape "
		"Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/"
		"publish/formats/rss-0.91.dtd\">\n<rss version=\"0.91\">"),
		"DOCTYPE");
	OK(SNIFF("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n  <!ENTITY a "
		"\"b\">\n]>\n<rss version=\"2.0\">"),
		"DOCTYPE with an internal subset (refused later, but a feed)");
	OK(SNIFF("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-"
		"ns#\" xmlns=\"http://purl.org/rss/1.0/\">"), "RDF");
	OK(SNIFF("<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\">"),
		"prefixed Atom");

	OK(!SNIFF("<!DOCTYPE html><html><head><title>x</title></head>"),
		"HTML");
	OK(!SNIFF("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/"
		"xhtml\">"), "XHTML");
	OK(!SNIFF("A text that talks about <rss> feeds."), "text");
	OK(!SNIFF("<!-- never closed <rss>"), "unclosed comment");
	OK(!SNIFF("<?xml version=\"1.0\"?>"), "declaration only");
	OK(!feed_sniff("", 0), "empty");
	OK(!SNIFF("\xef\xbb\xbf"), "BOM only");
	OK(!SNIFF("<rs"), "short");
}

static const struct subtest tests[] = {
	{"rss2", rss2},
	{"rss2_guid_order", rss2_guid_order},
	{"rdf", rdf},
	{"atom", atom},
	{"atom_updated_first", atom_updated_first},
	{"atom_feed_link", atom_feed_link},
	{"billion_laughs", billion_laughs_refused},
	{"xxe", xxe_refused},
	{"entities_hidden", entities_hidden},
	{"entity_text_kept", entity_text_kept},
	{"undefined_entity", undefined_entity},
	{"not_a_feed", not_a_feed},
	{"malformed", malformed},
	{"external_dtd", external_dtd},
	{"sniff", sniff},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
