/*
 * image: pictures made right for an e-reader. Every fixture is made here,
 * in memory or in a temporary folder: photographs (smooth gradients plus
 * noise, so that they do not read as line art) and charts (a few flat
 * colours) encoded with TurboJPEG, stb_image_write and libwebp, GIFs
 * and PNGs of every kind written by hand, and hostile files with forged
 * headers. Results are decoded back with stb_image to check them.
 */
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nettle/sha2.h>
#include <stb_image.h>
#include <stb_image_write.h>
#include <turbojpeg.h>
#include <webp/encode.h>
#include <webp/types.h>
#include <zlib.h>

#include "image/image.h"
#include "image/png.h"
#include "image/raster.h"
#include "image/unfilter.h"
#include "util/buf.h"

#include "harness.h"
#include "testutil.h"
#include "zstream.h"

/* A small deterministic generator, so that fixtures are the same each run. */
static uint32_t seed = 1;

static unsigned rnd(void)
{
	seed = seed * 1664525u + 1013904223u;
	return seed >> 8;
}

static unsigned char clamp(int v)
{
	return (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/*
 * A photograph-like raster: smooth gradients and a soft blob, plus noise.
 * With 4 channels the alpha is opaque. The caller frees.
 */
static unsigned char *photo(int w, int h, int channels)
{
	seed = 7;
	unsigned char *px = malloc((size_t)w * (size_t)h * (size_t)channels);
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			double dx = (x - w * 0.6) / w, dy = (y - h * 0.4) / h;
			int blob = (int)(60 * exp(-(dx * dx + dy * dy) * 8));
			int v[3] = {
				40 + 150 * x / w + blob,
				60 + 120 * y / h,
				180 - 100 * x / w + blob / 2,
			};
			unsigned char *p = px + ((size_t)y * (size_t)w
				+ (size_t)x) * (size_t)channels;
			for (int k = 0; k < 3 && k < channels; k++) {
				p[k] = clamp(v[k] + (int)(rnd() % 31) - 15);
			}
			if (channels == 1 || channels == 2) {
				p[0] = clamp((v[0] + v[1] + v[2]) / 3
					+ (int)(rnd() % 31) - 15);
			}
			if (channels == 2 || channels == 4) {
				p[channels - 1] = 255;
			}
		}
	}
	return px;
}

/* Paints a w x h rectangle at (x0, y0) of an RGB(A) raster. */
static void paint(unsigned char *px, int width, int channels, int x0, int y0,
	int w, int h, unsigned char r, unsigned char g, unsigned char b)
{
	for (int y = y0; y < y0 + h; y++) {
		for (int x = x0; x < x0 + w; x++) {
			unsigned char *p = px + ((size_t)y * (size_t)width
				+ (size_t)x) * (size_t)channels;
			p[0] = r;
			p[1] = g;
			p[2] = b;
		}
	}
}

/*
 * A chart: white, with a pure red bar, a blue bar and black axes, RGB.
 * The red bar covers (20..120, 50..250) whatever the size (at least
 * 300x300). The caller frees.
 */
static unsigned char *chart(int w, int h)
{
	unsigned char *px = malloc((size_t)w * (size_t)h * 3);
	memset(px, 255, (size_t)w * (size_t)h * 3);
	paint(px, w, 3, 20, 50, 100, 200, 255, 0, 0);
	paint(px, w, 3, 150, 120, 100, 130, 0, 0, 255);
	paint(px, w, 3, 10, h - 12, w - 20, 2, 0, 0, 0);
	paint(px, w, 3, 10, 10, 2, h - 20, 0, 0, 0);
	return px;
}

/* Encoders into a struct bs_buf. */

static void to_buf(void *ctx, void *data, int size)
{
	if (size > 0) {
		buf_append(ctx, data, (size_t)size);
	}
}

static struct bs_buf jpeg(const unsigned char *px, int w, int h,
	int channels, int quality)
{
	struct bs_buf out = {0};
	tjhandle tj = tjInitCompress();
	unsigned char *data = NULL;
	unsigned long size = 0;
	int rc = tjCompress2(tj, px, w, 0, h, channels == 1 ? TJPF_GRAY
		: TJPF_RGB, &data, &size, channels == 1 ? TJSAMP_GRAY
		: TJSAMP_444, quality, 0);
	OK(rc == 0 && data, "tjCompress2: %s", tjGetErrorStr2(tj));
	if (rc == 0 && data) {
		buf_append(&out, data, size);
	}
	tjFree(data);
	tjDestroy(tj);
	return out;
}

static struct bs_buf png(const unsigned char *px, int w, int h, int channels)
{
	struct bs_buf out = {0};
	OK(stbi_write_png_to_func(to_buf, &out, w, h, channels, px,
		w * channels), "stbi_write_png");
	return out;
}

static struct bs_buf bmp(const unsigned char *px, int w, int h, int channels)
{
	struct bs_buf out = {0};
	OK(stbi_write_bmp_to_func(to_buf, &out, w, h, channels, px),
		"stbi_write_bmp");
	return out;
}

static struct bs_buf webp(const unsigned char *px, int w, int h, bool alpha)
{
	struct bs_buf out = {0};
	uint8_t *data = NULL;
	size_t n = alpha ? WebPEncodeRGBA(px, w, h, w * 4, 80, &data)
		: WebPEncodeRGB(px, w, h, w * 3, 80, &data);
	OK(n > 0 && data, "WebPEncode");
	if (n && data) {
		buf_append(&out, data, n);
	}
	WebPFree(data);
	return out;
}

/* LZW codes, 3 bits each, packed LSB first as GIF wants. */
struct bits {
	struct bs_buf *out;
	unsigned acc;
	int n;
};

static void put_code(struct bits *b, unsigned code)
{
	b->acc |= code << b->n;
	b->n += 3;
	while (b->n >= 8) {
		buf_putc(b->out, (char)(b->acc & 0xff));
		b->acc >>= 8;
		b->n -= 8;
	}
}

static void put16le(struct bs_buf *b, int v)
{
	buf_putc(b, (char)(v & 0xff));
	buf_putc(b, (char)(v >> 8 & 0xff));
}

/*
 * A GIF89a of frames w x h frames (a looping animation when more than
 * one), four colours: black, white, red, blue; the first frame is a
 * checkerboard of white and red squares of 8, the others all red. Its LZW
 * data sends a clear code before every two pixels, so that codes stay 3
 * bits wide and the table never grows: the simplest valid coding.
 */
static struct bs_buf gif(int w, int h, int frames)
{
	struct bs_buf out = {0};
	buf_append(&out, "GIF89a", 6);
	put16le(&out, w);
	put16le(&out, h);
	buf_append(&out, "\x91\x00\x00", 3);	/* 4-colour global table */
	buf_append(&out, "\x00\x00\x00\xff\xff\xff\xff\x00\x00\x00\x00\xff",
		12);
	if (frames > 1) {
		buf_append(&out, "\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00",
			19);
	}
	struct bs_buf lzw = {0};
	for (int f = 0; f < frames; f++) {
		/* graphic control: keep the frame, 0.1 s, no transparency */
		buf_append(&out, "\x21\xf9\x04\x04\x0a\x00\x00\x00", 8);
		buf_putc(&out, 0x2c);
		put16le(&out, 0);
		put16le(&out, 0);
		put16le(&out, w);
		put16le(&out, h);
		buf_putc(&out, 0);
		buf_putc(&out, 2);	/* minimum code size */
		buf_reset(&lzw);
		struct bits b = {&lzw, 0, 0};
		int total = w * h;
		for (int i = 0; i < total; i++) {
			if (i % 2 == 0) {
				put_code(&b, 4);	/* clear */
			}
			int x = i % w, y = i / w;
			put_code(&b, f > 0 || (x / 8 + y / 8) % 2 ? 2 : 1);
		}
		put_code(&b, 5);	/* end of information */
		if (b.n) {
			buf_putc(&lzw, (char)(b.acc & 0xff));
		}
		for (size_t i = 0; i < lzw.len; i += 255) {
			size_t n = lzw.len - i < 255 ? lzw.len - i : 255;
			buf_putc(&out, (char)n);
			buf_append(&out, lzw.data + i, n);
		}
		buf_putc(&out, 0);
	}
	buf_finish(&lzw);
	buf_putc(&out, 0x3b);
	return out;
}

/* The bytes of b, as unsigned. */
static const unsigned char *u(const struct bs_buf *b)
{
	return (const unsigned char *)b->data;
}

/* Inserts len bytes at offset at of b. */
static void splice(struct bs_buf *b, size_t at, const void *data, size_t len)
{
	struct bs_buf out = {0};
	buf_append(&out, b->data, at);
	buf_append(&out, data, len);
	buf_append(&out, b->data + at, b->len - at);
	buf_finish(b);
	*b = out;
}

/*
 * An EXIF APP1 segment (big-endian TIFF) with an Orientation tag and, when
 * note is given, an ASCII ImageDescription holding it.
 */
static struct bs_buf exif_app1(int orientation, const char *note)
{
	struct bs_buf t = {0};	/* the TIFF part */
	size_t note_len = note ? strlen(note) + 1 : 0;
	unsigned entries = note ? 2 : 1;
	buf_append(&t, "MM\x00\x2a\x00\x00\x00\x08", 8);
	buf_putc(&t, 0);
	buf_putc(&t, (char)entries);
	if (note) {
		/* 0x010e ImageDescription, ASCII, at the end of the IFD */
		unsigned long off = 8 + 2 + 12 * entries + 4;
		buf_append(&t, "\x01\x0e\x00\x02", 4);
		unsigned char n4[4] = {0, 0, (unsigned char)(note_len >> 8),
			(unsigned char)(note_len & 0xff)};
		buf_append(&t, n4, 4);
		unsigned char o4[4] = {0, 0, (unsigned char)(off >> 8),
			(unsigned char)(off & 0xff)};
		buf_append(&t, o4, 4);
	}
	buf_append(&t, "\x01\x12\x00\x03\x00\x00\x00\x01", 8);
	buf_putc(&t, 0);
	buf_putc(&t, (char)orientation);
	buf_append(&t, "\x00\x00", 2);
	buf_append(&t, "\x00\x00\x00\x00", 4);	/* no next IFD */
	if (note) {
		buf_append(&t, note, note_len);
	}
	struct bs_buf seg = {0};
	size_t len = 2 + 6 + t.len;
	buf_append(&seg, "\xff\xe1", 2);
	buf_putc(&seg, (char)(len >> 8));
	buf_putc(&seg, (char)(len & 0xff));
	buf_append(&seg, "Exif\x00\x00", 6);
	buf_append(&seg, t.data, t.len);
	buf_finish(&t);
	return seg;
}

/* A JPEG comment (COM) segment. */
static struct bs_buf com_segment(const char *text)
{
	struct bs_buf seg = {0};
	size_t len = 2 + strlen(text);
	buf_append(&seg, "\xff\xfe", 2);
	buf_putc(&seg, (char)(len >> 8));
	buf_putc(&seg, (char)(len & 0xff));
	buf_puts(&seg, text);
	return seg;
}

/* A PNG chunk with its CRC. */
static struct bs_buf png_chunk(const char *type, const void *data, size_t len)
{
	struct bs_buf c = {0};
	unsigned char n4[4] = {(unsigned char)(len >> 24),
		(unsigned char)(len >> 16), (unsigned char)(len >> 8),
		(unsigned char)len};
	buf_append(&c, n4, 4);
	buf_append(&c, type, 4);
	buf_append(&c, data, len);
	uLong crc = crc32(0L, Z_NULL, 0);
	crc = crc32(crc, (const Bytef *)c.data + 4, (uInt)(4 + len));
	unsigned char c4[4] = {(unsigned char)(crc >> 24),
		(unsigned char)(crc >> 16), (unsigned char)(crc >> 8),
		(unsigned char)crc};
	buf_append(&c, c4, 4);
	return c;
}

/* The first n bytes of what in (d, len), or NULL. */
static unsigned char *find(const void *d, size_t len, const void *what,
	size_t n)
{
	const unsigned char *p = d;
	for (size_t i = 0; n && d && i + n <= len; i++) {
		if (memcmp(p + i, what, n) == 0) {
			return (unsigned char *)p + i;
		}
	}
	return NULL;
}

static bool contains(const struct bs_buf *b, const char *what)
{
	return find(b->data, b->len, what, strlen(what)) != NULL;
}

static bool has(const char *s, const char *what)
{
	return s && strstr(s, what) != NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static struct bs_image_options defaults(void)
{
	struct bs_image_options o;
	image_options_default(&o);
	return o;
}

/* Prepares bytes; true when kept. img is always the caller's to finish. */
static bool prepare(const struct bs_buf *b, const struct bs_image_options *o,
	struct bs_image *img, struct bs_error *err)
{
	error_clear(err);
	return image_prepare_bytes("fixture", u(b), b->len, o, img, err);
}

/* Checks that bytes are refused with a reason holding want (may be NULL). */
static void refused(const char *what, const struct bs_buf *b,
	const struct bs_image_options *o, const char *want)
{
	struct bs_image img;
	struct bs_error err;
	bool ok = prepare(b, o, &img, &err);
	OK(!ok, "%s: kept (%dx%d %s)", what, img.width, img.height,
		img.media_type ? img.media_type : "");
	OK(!ok || err.reason[0], "%s: a reason", what);
	OK(ok || !want || has(err.reason, want), "%s: reason \"%s\" lacks "
		"\"%s\"", what, err.reason, want);
	image_finish(&img);
}

/* The decoded output: w, h and components, or false. */
static bool info(const struct bs_image *img, int *w, int *h, int *comp)
{
	return img->data.len && stbi_info_from_memory(u(&img->data),
		(int)img->data.len, w, h, comp);
}

/* Decodes the output as RGB (3) or gray (1); the caller frees. */
static unsigned char *pixels(const struct bs_image *img, int want, int *w,
	int *h)
{
	int comp;
	if (!img->data.len) {
		return NULL;
	}
	return stbi_load_from_memory(u(&img->data), (int)img->data.len, w, h,
		&comp, want);
}

/* The RGB pixel (x, y) of the output is about pure red. */
static bool red_at(const unsigned char *rgb, int w, int x, int y)
{
	const unsigned char *p = rgb + ((size_t)y * (size_t)w + (size_t)x) * 3;
	return p[0] > 200 && p[1] < 70 && p[2] < 70;
}

static void hostile(void)
{
	struct bs_image_options o = defaults();
	char *dir = tmp_dir();

	/* a zero-byte file */
	char *empty = tmp_write(dir, "empty.jpg", "", 0);
	struct bs_image img;
	struct bs_error err;
	error_clear(&err);
	OK(!image_prepare(empty, &o, &img, &err), "an empty file kept");
	OK(has(err.reason, "empty"), "reason \"%s\"", err.reason);
	image_finish(&img);
	free(empty);

	/* a JPEG cut at 35%: refused, not shown half gray */
	unsigned char *px = photo(400, 300, 3);
	struct bs_buf j = jpeg(px, 400, 300, 3, 90);
	struct bs_buf cut = {0};
	buf_append(&cut, j.data, j.len * 35 / 100);
	refused("truncated JPEG", &cut, &o, "truncated");
	buf_finish(&cut);

	/* a truncated PNG */
	struct bs_buf p = png(px, 400, 300, 3);
	buf_append(&cut, p.data, p.len * 35 / 100);
	refused("truncated PNG", &cut, &o, NULL);
	buf_reset(&cut);
	buf_append(&cut, p.data, p.len - 20);	/* the IEND and a bit */
	refused("PNG without its end", &cut, &o, NULL);
	buf_finish(&cut);

	/* a PNG whose IHDR says 100000x100000 (CRC recomputed) */
	struct bs_buf big = {0};
	buf_append(&big, p.data, p.len);
	OK(memcmp(big.data + 12, "IHDR", 4) == 0, "IHDR first");
	unsigned char side[4] = {0x00, 0x01, 0x86, 0xa0};	/* 100000 */
	memcpy(big.data + 16, side, 4);
	memcpy(big.data + 20, side, 4);
	uLong crc = crc32(crc32(0L, Z_NULL, 0), (const Bytef *)big.data + 12,
		17);
	unsigned char c4[4] = {(unsigned char)(crc >> 24),
		(unsigned char)(crc >> 16), (unsigned char)(crc >> 8),
		(unsigned char)crc};
	memcpy(big.data + 29, c4, 4);
	double t0 = now();
	refused("PNG of 100000x100000", &big, &o, "limit");
	double spent = now() - t0;
	OK(spent < 0.2, "PNG of 100000x100000 took %.3f s", spent);
	buf_finish(&big);

	/* a JPEG whose SOF says 60000x60000 */
	buf_append(&big, j.data, j.len);
	unsigned char *sof = find(big.data, big.len, "\xff\xc0", 2);
	OK(sof != NULL, "SOF0 in the JPEG");
	if (sof) {
		sof[5] = 0xea;	/* 60000 high, then wide */
		sof[6] = 0x60;
		sof[7] = 0xea;
		sof[8] = 0x60;
		t0 = now();
		refused("JPEG of 60000x60000", &big, &o, "limit");
		spent = now() - t0;
		OK(spent < 0.2, "JPEG of 60000x60000 took %.3f s", spent);
	}
	buf_finish(&big);

	/* a Huffman table of 255 one-bit codes: libjpeg-turbo gives up
	 * through its error exit, and nothing is kept or leaked */
	buf_append(&big, j.data, j.len);
	unsigned char *dht = find(big.data, big.len, "\xff\xc4", 2);
	OK(dht != NULL, "DHT in the JPEG");
	if (dht) {
		dht[5] = 0xff;	/* after the length and the class */
		refused("JPEG with a bogus Huffman table", &big, &o,
			"unreadable");
	}
	buf_finish(&big);

	/* an animation of 1000 frames: its first frame, fast */
	struct bs_buf anim = gif(64, 64, 1000);
	struct bs_image_options fig = o;
	fig.in_figure = true;
	t0 = now();
	bool ok = prepare(&anim, &fig, &img, &err);
	spent = now() - t0;
	OK(spent < 0.5, "1000 frames took %.3f s", spent);
	if (ok) {
		int w, h, comp;
		OK(info(&img, &w, &h, &comp), "the frame decodes");
		INT_EQ(w, 64);
		INT_EQ(h, 64);
		INT_EQ(img.width, 64);
		INT_EQ(img.height, 64);
		/* the first frame: white at the top left, red beside it */
		unsigned char *out = pixels(&img, 3, &w, &h);
		OK(out && w == 64 && out[0] > 240 && out[1] > 240
			&& red_at(out, w, 8, 0), "not the first frame");
		stbi_image_free(out);
	} else {
		OK(err.reason[0], "a reason for the animation");
	}
	image_finish(&img);
	buf_finish(&anim);

	/* random bytes, alone and behind each signature */
	struct bs_buf junk = {0};
	seed = 99;
	for (int i = 0; i < 8192; i++) {
		buf_putc(&junk, (char)(rnd() & 0xff));
	}
	junk.data[0] = 0x13;
	refused("random bytes", &junk, &o, "not a JPEG");
	static const struct {
		const char *name, *sig;
		size_t len;
	} sigs[] = {
		{"JPEG", "\xff\xd8\xff", 3},
		{"PNG", "\x89PNG\r\n\x1a\n", 8},
		{"GIF", "GIF89a", 6},
		{"BMP", "BM", 2},
		{"WebP", "RIFF\x00\x20\x00\x00WEBPVP8 ", 16},
	};
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		memcpy(junk.data, sigs[i].sig, sigs[i].len);
		char what[64];
		snprintf(what, sizeof(what), "random bytes after a %s "
			"signature", sigs[i].name);
		refused(what, &junk, &o, NULL);
	}
	buf_finish(&junk);

	/* text, and an SVG drawing */
	struct bs_buf text = {0};
	buf_puts(&text, "Hello, this is a note and not a picture at all.\n");
	refused("a text file", &text, &o, "not a JPEG");
	buf_reset(&text);
	buf_puts(&text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "
		"xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"200\">"
		"<rect width=\"300\" height=\"200\" fill=\"red\"/></svg>\n");
	refused("an SVG file", &text, &o, "SVG");
	char *svg = tmp_write(dir, "chart.svg", text.data, text.len);
	error_clear(&err);
	OK(!image_prepare(svg, &o, &img, &err), "an SVG file kept");
	OK(has(err.reason, "SVG"), "reason \"%s\"", err.reason);
	image_finish(&img);
	free(svg);
	buf_finish(&text);

	buf_finish(&j);
	buf_finish(&p);
	free(px);
	tmp_remove(dir);
}

static void trackers(void)
{
	struct bs_image_options o = defaults();
	unsigned char *px = photo(300, 500, 4);

	struct bs_buf b = png(px, 1, 1, 4);
	refused("a 1x1 pixel", &b, &o, "1x1");
	buf_finish(&b);
	b = png(px, 2, 500, 4);
	refused("a 2x500 spacer", &b, &o, "2x500");
	buf_finish(&b);
	b = png(px, 500, 3, 4);
	refused("a 500x3 rule", &b, &o, NULL);
	buf_finish(&b);

	/* fully transparent */
	for (size_t i = 0; i < 300 * 300; i++) {
		px[i * 4 + 3] = 0;
	}
	b = png(px, 300, 300, 4);
	refused("a transparent 300x300", &b, &o, "transparent");
	struct bs_image_options fig = o;
	fig.in_figure = true;
	refused("a transparent 300x300 in a figure", &b, &fig, "transparent");
	buf_finish(&b);
	free(px);

	/* an icon: left out of text, kept in a figure */
	px = photo(40, 40, 3);
	b = jpeg(px, 40, 40, 3, 90);
	refused("a 40x40 icon", &b, &o, "icon");
	struct bs_image img;
	struct bs_error err;
	OK(prepare(&b, &fig, &img, &err), "a 40x40 picture in a figure: %s",
		err.reason);
	INT_EQ(img.width, 40);
	INT_EQ(img.height, 40);
	image_finish(&img);
	buf_finish(&b);
	free(px);

	/* the limits: 4 pixels wide is no spacer, 100 on a side no icon */
	px = photo(100, 300, 3);
	b = jpeg(px, 4, 300, 3, 90);
	OK(prepare(&b, &o, &img, &err), "4x300 kept: %s", err.reason);
	image_finish(&img);
	buf_finish(&b);
	b = jpeg(px, 100, 60, 3, 90);
	OK(prepare(&b, &o, &img, &err), "100x60 kept: %s", err.reason);
	image_finish(&img);
	buf_finish(&b);
	free(px);
}

/* Prepares b and checks the output: type, size, decodable. */
static void kept_as(const char *what, const struct bs_buf *b,
	const struct bs_image_options *o, int w, int h, const char *type)
{
	struct bs_image img;
	struct bs_error err;
	bool ok = prepare(b, o, &img, &err);
	OK(ok, "%s refused: %s", what, err.reason);
	if (ok) {
		int dw = 0, dh = 0, comp = 0;
		OK(info(&img, &dw, &dh, &comp), "%s: output decodes", what);
		OK(dw == w && dh == h, "%s: %dx%d, want %dx%d", what, dw, dh,
			w, h);
		OK(img.width == w && img.height == h, "%s: img says %dx%d",
			what, img.width, img.height);
		OK(strcmp(img.media_type, "image/jpeg") == 0
			|| strcmp(img.media_type, "image/png") == 0,
			"%s: %s", what, img.media_type);
		OK(strcmp(img.ext, strcmp(img.media_type, "image/jpeg") == 0
			? "jpg" : "png") == 0, "%s: .%s for %s", what, img.ext,
			img.media_type);
		bool is_jpeg = img.data.len > 3
			&& memcmp(img.data.data, "\xff\xd8\xff", 3) == 0;
		bool is_png = img.data.len > 8
			&& memcmp(img.data.data, "\x89PNG", 4) == 0;
		OK(is_jpeg == (strcmp(img.media_type, "image/jpeg") == 0)
			&& (is_jpeg || is_png), "%s: bytes are %s", what,
			img.media_type);
		OK(!type || strcmp(img.media_type, type) == 0, "%s: %s, want "
			"%s", what, img.media_type, type);
	}
	image_finish(&img);
}

static void formats(void)
{
	struct bs_image_options o = defaults();
	unsigned char *px = photo(400, 300, 3);
	struct bs_buf b = jpeg(px, 400, 300, 3, 90);
	kept_as("JPEG", &b, &o, 400, 300, "image/jpeg");
	buf_finish(&b);
	unsigned char *gray = photo(400, 300, 1);
	b = jpeg(gray, 400, 300, 1, 90);
	kept_as("gray JPEG", &b, &o, 400, 300, "image/jpeg");
	buf_finish(&b);
	free(gray);
	b = png(px, 400, 300, 3);
	kept_as("PNG", &b, &o, 400, 300, NULL);
	buf_finish(&b);
	b = bmp(px, 400, 300, 3);
	kept_as("BMP", &b, &o, 400, 300, "image/jpeg");
	buf_finish(&b);
	b = gif(160, 120, 1);
	kept_as("GIF", &b, &o, 160, 120, "image/png");
	buf_finish(&b);

	/* WebP: EPUB cannot hold it, so JPEG or PNG */
	b = webp(px, 400, 300, false);
	OK(b.len > 12 && memcmp(b.data + 8, "WEBP", 4) == 0, "a WebP");
	kept_as("lossy WebP", &b, &o, 400, 300, "image/jpeg");
	buf_finish(&b);
	free(px);
	px = photo(400, 300, 4);
	for (int y = 0; y < 300; y++) {
		for (int x = 0; x < 400; x++) {
			px[((size_t)y * 400 + (size_t)x) * 4 + 3] =
				(unsigned char)(x < 200 ? 255 : 60 + x / 4);
		}
	}
	b = webp(px, 400, 300, true);
	kept_as("WebP with alpha", &b, &o, 400, 300, "image/png");
	struct bs_image img;
	struct bs_error err;
	if (prepare(&b, &o, &img, &err)) {
		int w, h, comp;
		OK(info(&img, &w, &h, &comp) && comp == 4, "alpha kept: %d "
			"components", comp);
	}
	image_finish(&img);
	buf_finish(&b);
	free(px);
}

static void box(void)
{
	struct bs_image_options o = defaults();
	INT_EQ(o.max_width, 1264);
	INT_EQ(o.max_height, 1680);
	INT_EQ(o.quality, 80);
	OK(!o.grayscale && !o.in_figure, "colour, outside a figure");

	unsigned char *px = photo(3000, 2000, 3);
	struct bs_buf b = jpeg(px, 3000, 2000, 3, 85);
	free(px);
	struct bs_image img;
	struct bs_error err;
	OK(prepare(&b, &o, &img, &err), "3000x2000: %s", err.reason);
	int w = 0, h = 0, comp = 0;
	OK(info(&img, &w, &h, &comp), "decodes");
	INT_EQ(w, 1264);
	OK(h >= 842 && h <= 844, "3000x2000 into %dx%d", w, h);
	INT_EQ(img.width, w);
	INT_EQ(img.height, h);
	STR_EQ(img.media_type, "image/jpeg");
	image_finish(&img);

	/* --image-size 600x800 */
	struct bs_image_options small = o;
	small.max_width = 600;
	small.max_height = 800;
	OK(prepare(&b, &small, &img, &err), "into 600x800: %s", err.reason);
	OK(info(&img, &w, &h, &comp) && w == 600 && h >= 399 && h <= 401,
		"3000x2000 into 600x800: %dx%d", w, h);
	image_finish(&img);
	buf_finish(&b);

	px = photo(1000, 3000, 3);
	b = jpeg(px, 1000, 3000, 3, 85);
	free(px);
	OK(prepare(&b, &o, &img, &err), "1000x3000: %s", err.reason);
	OK(info(&img, &w, &h, &comp), "decodes");
	INT_EQ(h, 1680);
	OK(w >= 559 && w <= 561, "1000x3000 into %dx%d", w, h);
	image_finish(&img);
	OK(prepare(&b, &small, &img, &err), "into 600x800: %s", err.reason);
	OK(info(&img, &w, &h, &comp) && h == 800 && w >= 266 && w <= 268,
		"1000x3000 into 600x800: %dx%d", w, h);
	image_finish(&img);
	buf_finish(&b);

	/* never up */
	px = photo(200, 150, 3);
	b = jpeg(px, 200, 150, 3, 85);
	free(px);
	kept_as("200x150", &b, &o, 200, 150, "image/jpeg");
	struct bs_image_options tiny = o;
	tiny.max_width = 100;
	tiny.max_height = 1000;
	kept_as("200x150 into 100x1000", &b, &tiny, 100, 75, "image/jpeg");
	buf_finish(&b);
}

/*
 * JPEGs are scaled while decoding by the least factor that keeps them
 * at least the size they are shown at; the picture that comes out is
 * the same size, and close to the careful path's pixels.
 */
static void dct_scale(void)
{
	unsigned char *px = photo(2000, 1500, 3);
	struct bs_buf b = jpeg(px, 2000, 1500, 3, 90);
	free(px);
	struct bs_raster r;
	struct bs_error err;
	error_clear(&err);
	OK(decode_at_least(FORMAT_JPEG, u(&b), b.len, 1000, 750, &r, &err),
		"%s", err.reason);
	OK(r.w == 1000 && r.h == 750 && r.channels == 3, "1/2: %dx%d", r.w,
		r.h);
	raster_finish(&r);
	/* one pixel more: 5/8, the next factor up */
	OK(decode_at_least(FORMAT_JPEG, u(&b), b.len, 1001, 750, &r, &err),
		"%s", err.reason);
	OK(r.w == 1250 && r.h == 938, "5/8: %dx%d", r.w, r.h);
	raster_finish(&r);
	OK(decode_at_least(FORMAT_JPEG, u(&b), b.len, 2000, 1500, &r, &err),
		"%s", err.reason);
	OK(r.w == 2000 && r.h == 1500, "whole: %dx%d", r.w, r.h);
	raster_finish(&r);
	OK(decode_at_least(FORMAT_JPEG, u(&b), b.len, 100, 10, &r, &err),
		"%s", err.reason);
	OK(r.w == 250 && r.h == 188, "1/8: %dx%d", r.w, r.h);
	raster_finish(&r);

	/* the prepared picture: the box's size, near the careful one */
	struct bs_image_options o = defaults();
	struct bs_image img;
	OK(prepare(&b, &o, &img, &err), "%s", err.reason);
	int w = 0, h = 0;
	unsigned char *fast = pixels(&img, 3, &w, &h);
	OK(w == 1264 && h == 948, "shown at %dx%d", w, h);
	struct bs_raster ref;
	OK(decode(FORMAT_JPEG, u(&b), b.len, &ref, &err), "%s", err.reason);
	raster_fit(&ref, 1264, 1680);
	OK(ref.w == w && ref.h == h, "careful %dx%d", ref.w, ref.h);
	if (fast && ref.w == w && ref.h == h) {
		double se = 0;
		size_t n = (size_t)w * h * 3;
		for (size_t i = 0; i < n; i++) {
			double d = (double)fast[i] - ref.px[i];
			se += d * d;
		}
		double psnr = 10 * log10(255.0 * 255.0 * (double)n / se);
		OK(psnr > 30, "PSNR against the careful path: %.1f dB", psnr);
	}
	free(fast);
	raster_finish(&ref);
	image_finish(&img);

	/* gray stays one channel; a truncated file is still refused */
	unsigned char *g = photo(800, 600, 1);
	struct bs_buf gb = jpeg(g, 800, 600, 1, 85);
	free(g);
	OK(decode_at_least(FORMAT_JPEG, u(&gb), gb.len, 400, 300, &r, &err),
		"%s", err.reason);
	OK(r.w == 400 && r.channels == 1, "gray %dx%dx%d", r.w, r.h,
		r.channels);
	raster_finish(&r);
	gb.len -= 40;
	error_clear(&err);
	OK(!decode_at_least(FORMAT_JPEG, u(&gb), gb.len, 400, 300, &r, &err),
		"truncated");
	OK(has(err.reason, "truncated"), "%s", err.reason);
	buf_finish(&gb);
	buf_finish(&b);
}

static void orientation(void)
{
	struct bs_image_options o = defaults();
	/* 300x200, a red square in its top left corner */
	unsigned char *px = photo(300, 200, 3);
	paint(px, 300, 3, 0, 0, 40, 40, 255, 0, 0);
	struct bs_buf plain = jpeg(px, 300, 200, 3, 90);
	free(px);
	INT_EQ(exif_orientation(u(&plain), plain.len), 1);

	struct bs_buf seg = exif_app1(6, NULL);
	struct bs_buf b = {0};
	buf_append(&b, plain.data, plain.len);
	splice(&b, 2, seg.data, seg.len);
	buf_finish(&seg);
	INT_EQ(exif_orientation(u(&b), b.len), 6);
	struct bs_image img;
	struct bs_error err;
	OK(prepare(&b, &o, &img, &err), "orientation 6: %s", err.reason);
	int w = 0, h = 0;
	unsigned char *out = pixels(&img, 3, &w, &h);
	INT_EQ(w, 200);
	INT_EQ(h, 300);
	INT_EQ(img.width, 200);
	INT_EQ(img.height, 300);
	/* turned a quarter clockwise: the top left corner goes top right */
	OK(out && w == 200 && red_at(out, w, 180, 20), "red at top right");
	OK(out && w == 200 && !red_at(out, w, 20, 20), "not at top left");
	OK(!contains(&img.data, "Exif"), "no EXIF left to turn it again");
	stbi_image_free(out);
	image_finish(&img);
	buf_finish(&b);

	seg = exif_app1(3, NULL);
	buf_append(&b, plain.data, plain.len);
	splice(&b, 2, seg.data, seg.len);
	buf_finish(&seg);
	INT_EQ(exif_orientation(u(&b), b.len), 3);
	OK(prepare(&b, &o, &img, &err), "orientation 3: %s", err.reason);
	out = pixels(&img, 3, &w, &h);
	INT_EQ(w, 300);
	INT_EQ(h, 200);
	OK(out && w == 300 && red_at(out, w, 280, 180), "red at bottom right");
	OK(out && w == 300 && !red_at(out, w, 20, 20), "not at top left");
	stbi_image_free(out);
	image_finish(&img);
	buf_finish(&b);

	/* little-endian EXIF, orientation 8: the top left goes bottom left */
	static const unsigned char le[] = {0xff, 0xe1, 0x00, 0x22, 'E', 'x',
		'i', 'f', 0, 0, 'I', 'I', 0x2a, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01,
		3, 0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0};
	buf_append(&b, plain.data, plain.len);
	splice(&b, 2, le, sizeof(le));
	INT_EQ(exif_orientation(u(&b), b.len), 8);
	OK(prepare(&b, &o, &img, &err), "orientation 8: %s", err.reason);
	out = pixels(&img, 3, &w, &h);
	INT_EQ(w, 200);
	INT_EQ(h, 300);
	OK(out && w == 200 && red_at(out, w, 20, 280), "red at bottom left");
	OK(out && w == 200 && !red_at(out, w, 20, 20), "not at top left");
	stbi_image_free(out);
	image_finish(&img);
	buf_finish(&b);

	/* an orientation out of range, or none: as it is */
	seg = exif_app1(9, NULL);
	buf_append(&b, plain.data, plain.len);
	splice(&b, 2, seg.data, seg.len);
	buf_finish(&seg);
	INT_EQ(exif_orientation(u(&b), b.len), 1);
	OK(prepare(&b, &o, &img, &err), "orientation 9: %s", err.reason);
	INT_EQ(img.width, 300);
	INT_EQ(img.height, 200);
	image_finish(&img);
	buf_finish(&b);
	buf_finish(&plain);
}

static void gray(void)
{
	struct bs_image_options o = defaults();
	o.grayscale = true;

	/* a colour photograph: a one-component JPEG */
	unsigned char *px = photo(400, 300, 3);
	struct bs_buf b = jpeg(px, 400, 300, 3, 90);
	free(px);
	struct bs_image img;
	struct bs_error err;
	OK(prepare(&b, &o, &img, &err), "gray photo: %s", err.reason);
	STR_EQ(img.media_type, "image/jpeg");
	int w = 0, h = 0, comp = 0;
	OK(info(&img, &w, &h, &comp), "decodes");
	INT_EQ(comp, 1);
	/* and the frame header says so */
	const unsigned char *sof = img.data.len ? find(img.data.data,
		img.data.len, "\xff\xc0", 2) : NULL;
	OK(sof && sof[9] == 1, "SOF with %d components", sof ? sof[9] : -1);
	image_finish(&img);
	buf_finish(&b);

	/* a chart: a gray PNG, red becomes its luminance */
	px = chart(400, 300);
	b = png(px, 400, 300, 3);
	OK(prepare(&b, &o, &img, &err), "gray chart: %s", err.reason);
	STR_EQ(img.media_type, "image/png");
	OK(info(&img, &w, &h, &comp), "decodes");
	INT_EQ(comp, 1);
	int dw = 0, dh = 0;
	unsigned char *out = pixels(&img, 1, &dw, &dh);
	if (out && dw == 400) {
		int red = out[150 * 400 + 70];
		OK(red >= 117 && red <= 137, "red became %d, want 127 +- 10",
			red);
		INT_EQ(out[280 * 400 + 300], 255);	/* white stays */
	}
	stbi_image_free(out);
	image_finish(&img);
	buf_finish(&b);

	/* the same chart as JPEG input (re-encoded, not kept as it is) */
	b = jpeg(px, 400, 300, 3, 95);
	OK(prepare(&b, &o, &img, &err), "gray chart from JPEG: %s",
		err.reason);
	OK(info(&img, &w, &h, &comp) && comp == 1, "one component: %d",
		comp);
	out = pixels(&img, 1, &dw, &dh);
	if (out && dw == 400) {
		int red = out[150 * 400 + 70];
		OK(red >= 117 && red <= 137, "red became %d, want 127 +- 10",
			red);
	}
	stbi_image_free(out);
	image_finish(&img);
	buf_finish(&b);
	free(px);
}

static void choice(void)
{
	struct bs_image_options o = defaults();
	unsigned char *px = photo(400, 300, 3);
	struct bs_buf b = bmp(px, 400, 300, 3);
	kept_as("photo from BMP", &b, &o, 400, 300, "image/jpeg");
	buf_finish(&b);
	b = png(px, 400, 300, 3);
	kept_as("photo from PNG", &b, &o, 400, 300, "image/jpeg");
	buf_finish(&b);

	/* image_encode() decides the same way */
	struct bs_image img = {0};
	struct bs_error err;
	OK(image_encode(px, 400, 300, 3, &o, &img, &err), "encode");
	STR_EQ(img.media_type, "image/jpeg");
	STR_EQ(img.ext, "jpg");
	image_finish(&img);
	free(px);

	px = chart(400, 300);
	b = bmp(px, 400, 300, 3);
	kept_as("chart from BMP", &b, &o, 400, 300, "image/png");
	buf_finish(&b);
	b = png(px, 400, 300, 3);
	kept_as("chart from PNG", &b, &o, 400, 300, "image/png");
	buf_finish(&b);
	memset(&img, 0, sizeof(img));
	OK(image_encode(px, 400, 300, 3, &o, &img, &err), "encode");
	STR_EQ(img.media_type, "image/png");
	STR_EQ(img.ext, "png");
	image_finish(&img);
	free(px);

	/* a photograph with partial transparency: PNG, alpha kept */
	px = photo(400, 300, 4);
	for (int y = 0; y < 300; y++) {
		for (int x = 0; x < 400; x++) {
			px[((size_t)y * 400 + (size_t)x) * 4 + 3] =
				(unsigned char)(x < 300 ? 255 : 128);
		}
	}
	b = png(px, 400, 300, 4);
	kept_as("partly transparent photo", &b, &o, 400, 300, "image/png");
	buf_finish(&b);
	memset(&img, 0, sizeof(img));
	OK(image_encode(px, 400, 300, 4, &o, &img, &err), "encode");
	STR_EQ(img.media_type, "image/png");
	image_finish(&img);

	/* an opaque photograph with an alpha channel: JPEG */
	for (size_t i = 0; i < 400 * 300; i++) {
		px[i * 4 + 3] = 255;
	}
	b = png(px, 400, 300, 4);
	kept_as("opaque RGBA photo", &b, &o, 400, 300, "image/jpeg");
	buf_finish(&b);
	free(px);

	/* image_encode_jpeg: JPEG whatever the content */
	px = chart(400, 300);
	memset(&img, 0, sizeof(img));
	OK(image_encode_jpeg(px, 400, 300, 3, 80, &img, &err), "encode_jpeg");
	STR_EQ(img.media_type, "image/jpeg");
	int w, h, comp;
	OK(info(&img, &w, &h, &comp) && w == 400 && h == 300, "400x300");
	image_finish(&img);
	free(px);
}

static void metadata(void)
{
	struct bs_image_options o = defaults();
	static const char *const gps = "GPS 51.50740N 0.12780W BS-MARKER-7731";
	static const char *const comment = "BS-SECRET-COMMENT shot at home";
	unsigned char *px = photo(300, 200, 3);
	/* at quality 95, re-encoding is smaller; at 40, the original is */
	static const int qualities[] = {95, 40};
	for (size_t q = 0; q < 2; q++) {
		struct bs_buf b = jpeg(px, 300, 200, 3, qualities[q]);
		struct bs_buf seg = exif_app1(1, gps);
		struct bs_buf com = com_segment(comment);
		splice(&b, 2, com.data, com.len);
		static const char xmp[] = "\xff\xe1\x00\x43http://ns.adobe.com/"
			"xap/1.0/\0<x:xmpmeta>BS-XMP-MARKER</x:xmpmeta>";
		splice(&b, 2, xmp, sizeof(xmp) - 1);
		static const char iptc[] = "\xff\xed\x00\x1ePhotoshop 3.0\0"
			"BS-IPTC-MARKER";
		splice(&b, 2, iptc, sizeof(iptc) - 1);
		splice(&b, 2, seg.data, seg.len);
		buf_finish(&seg);
		buf_finish(&com);
		OK(contains(&b, "BS-MARKER-7731") && contains(&b, "Exif")
			&& contains(&b, "BS-SECRET-COMMENT"), "the fixture");
		struct bs_image img;
		struct bs_error err;
		OK(prepare(&b, &o, &img, &err), "JPEG q%d: %s", qualities[q],
			err.reason);
		STR_EQ(img.media_type, "image/jpeg");
		OK(!contains(&img.data, "BS-MARKER-7731"), "q%d: GPS kept",
			qualities[q]);
		OK(!contains(&img.data, "Exif"), "q%d: Exif kept",
			qualities[q]);
		OK(!contains(&img.data, "BS-SECRET-COMMENT"), "q%d: comment "
			"kept", qualities[q]);
		OK(!contains(&img.data, "BS-XMP-MARKER"), "q%d: XMP kept",
			qualities[q]);
		OK(!contains(&img.data, "BS-IPTC-MARKER"), "q%d: IPTC kept",
			qualities[q]);
		int w, h, comp;
		OK(info(&img, &w, &h, &comp) && w == 300 && h == 200,
			"q%d: decodes", qualities[q]);
		image_finish(&img);
		buf_finish(&b);
	}
	free(px);

	/* a PNG with text chunks, a chart (PNG out) and a photo (JPEG out) */
	unsigned char *pics[2] = {chart(400, 300), photo(400, 300, 3)};
	for (int i = 0; i < 2; i++) {
		struct bs_buf b = png(pics[i], 400, 300, 3);
		static const char text[] = "Comment\0BS-PNG-TEXT-4411 GPS";
		struct bs_buf c = png_chunk("tEXt", text, sizeof(text) - 1);
		splice(&b, 33, c.data, c.len);	/* after IHDR */
		buf_finish(&c);
		static const char itxt[] = "Author\0\0\0\0\0BS-PNG-ITXT-9921";
		c = png_chunk("iTXt", itxt, sizeof(itxt) - 1);
		splice(&b, 33, c.data, c.len);
		buf_finish(&c);
		OK(contains(&b, "BS-PNG-TEXT-4411"), "the fixture");
		struct bs_image img;
		struct bs_error err;
		OK(prepare(&b, &o, &img, &err), "PNG %d: %s", i, err.reason);
		OK(!contains(&img.data, "BS-PNG-TEXT-4411"), "PNG %d: tEXt "
			"kept", i);
		OK(!contains(&img.data, "BS-PNG-ITXT-9921"), "PNG %d: iTXt "
			"kept", i);
		OK(!contains(&img.data, "tEXt"), "PNG %d: a tEXt chunk", i);
		int w, h, comp;
		OK(info(&img, &w, &h, &comp) && w == 400 && h == 300,
			"PNG %d: decodes", i);
		image_finish(&img);
		buf_finish(&b);
		free(pics[i]);
	}

	/* the stripping itself, on the original's layout */
	px = photo(300, 200, 3);
	struct bs_buf b = jpeg(px, 300, 200, 3, 60);
	free(px);
	struct bs_buf clean = {0};
	buf_append(&clean, b.data, b.len);
	struct bs_buf seg = exif_app1(1, gps);
	splice(&b, 2, seg.data, seg.len);
	buf_finish(&seg);
	struct bs_buf out = {0};
	OK(image_strip_metadata(FORMAT_JPEG, u(&b), b.len, &out), "strip");
	OK(out.len == clean.len && memcmp(out.data, clean.data, clean.len)
		== 0, "the JPEG without its APP1, byte for byte");
	buf_finish(&out);
	buf_finish(&clean);
	buf_finish(&b);
}

static const char b64chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of b, a line break and spaces every wrap characters (0: none). */
static void base64(struct bs_buf *out, const struct bs_buf *b, int wrap)
{
	size_t col = 0;
	for (size_t i = 0; i < b->len; i += 3) {
		unsigned v = (unsigned)u(b)[i] << 16;
		size_t n = b->len - i < 3 ? b->len - i : 3;
		if (n > 1) {
			v |= (unsigned)u(b)[i + 1] << 8;
		}
		if (n > 2) {
			v |= u(b)[i + 2];
		}
		char q[4] = {b64chars[v >> 18 & 63], b64chars[v >> 12 & 63],
			n > 1 ? b64chars[v >> 6 & 63] : '=',
			n > 2 ? b64chars[v & 63] : '='};
		buf_append(out, q, 4);
		col += 4;
		if (wrap && col >= (size_t)wrap) {
			buf_puts(out, "\r\n  ");
			col = 0;
		}
	}
}

static bool same(const struct bs_buf *a, const struct bs_buf *b)
{
	return a->len == b->len && (!a->len || memcmp(a->data, b->data,
		a->len) == 0);
}

static void read_ref(void)
{
	unsigned char *px = chart(300, 300);
	struct bs_buf p = png(px, 300, 300, 3);
	free(px);
	struct bs_buf uri = {0}, got = {0};
	struct bs_error err;

	/* base64 */
	buf_puts(&uri, "data:image/png;base64,");
	base64(&uri, &p, 0);
	error_clear(&err);
	OK(image_read(uri.data, &got, &err), "base64: %s", err.reason);
	OK(same(&got, &p), "base64: %zu bytes, want %zu", got.len, p.len);
	struct bs_image_options o = defaults();
	struct bs_image img;
	OK(image_prepare(uri.data, &o, &img, &err), "prepare base64: %s",
		err.reason);
	image_finish(&img);

	/* base64 with line breaks and spaces */
	buf_reset(&uri);
	buf_puts(&uri, "data:image/png;base64,");
	base64(&uri, &p, 76);
	OK(strchr(uri.data, '\n') != NULL, "the fixture has line breaks");
	error_clear(&err);
	OK(image_read(uri.data, &got, &err), "wrapped base64: %s", err.reason);
	OK(same(&got, &p), "wrapped base64: %zu bytes, want %zu", got.len,
		p.len);

	/* percent-encoded, every byte escaped */
	buf_reset(&uri);
	buf_puts(&uri, "data:image/png,");
	for (size_t i = 0; i < p.len; i++) {
		buf_printf(&uri, "%%%02X", u(&p)[i]);
	}
	error_clear(&err);
	OK(image_read(uri.data, &got, &err), "percent-encoded: %s",
		err.reason);
	OK(same(&got, &p), "percent-encoded PNG: %zu bytes, want %zu", got.len,
		p.len);

	/* percent-encoded text, as SVGs come: read as it is */
	error_clear(&err);
	OK(image_read("data:image/svg+xml,%3Csvg%20width%3D%2210%22%3E"
		"%3C/svg%3E", &got, &err), "percent-encoded text: %s", err.reason);
	STR_EQ(buf_str(&got), "<svg width=\"10\"></svg>");
	error_clear(&err);
	OK(!image_prepare("data:image/svg+xml,%3Csvg%20width%3D%2210%22%3E"
		"%3C/svg%3E", &o, &img, &err), "an SVG data: URI kept");
	OK(has(err.reason, "SVG"), "reason \"%s\"", err.reason);
	image_finish(&img);

	/* not base64 */
	error_clear(&err);
	OK(!image_read("data:image/png;base64,iVBORw0KGgo!!!!AAAA*&^", &got,
		&err), "bad base64 read");
	OK(err.reason[0], "a reason");
	error_clear(&err);
	OK(!image_prepare("data:image/png;base64,iVBORw0KGgo!!!!AAAA", &o,
		&img, &err), "bad base64 prepared");
	OK(err.reason[0], "a reason");
	OK(has(err.file, "data: URI"), "named \"%s\"", err.file);
	image_finish(&img);
	error_clear(&err);
	OK(!image_read("data:image/png;base64", &got, &err), "no comma read");
	OK(err.reason[0], "a reason");

	/* a file over the limit, sparse */
	char *dir = tmp_dir();
	char *path = tmp_path(dir, "huge.jpg");
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	OK(fd >= 0, "open");
	if (fd >= 0) {
		OK(write(fd, "\xff\xd8\xff\xe0", 4) == 4, "write");
		OK(ftruncate(fd, (off_t)IMAGE_MAX_FILE + 1) == 0, "ftruncate");
		close(fd);
	}
	error_clear(&err);
	OK(!image_read(path, &got, &err), "a file over the limit read");
	OK(has(err.reason, "too large"), "reason \"%s\"", err.reason);
	error_clear(&err);
	OK(!image_prepare(path, &o, &img, &err), "a file over the limit kept");
	OK(err.reason[0], "a reason");
	image_finish(&img);
	free(path);

	/* a file at the limit is read; a missing one is not */
	path = tmp_write(dir, "chart.png", p.data, p.len);
	error_clear(&err);
	OK(image_read(path, &got, &err) && same(&got, &p), "a file: %s",
		err.reason);
	free(path);
	path = tmp_path(dir, "missing.png");
	error_clear(&err);
	OK(!image_read(path, &got, &err), "a missing file read");
	OK(err.reason[0], "a reason");
	free(path);

	tmp_remove(dir);
	buf_finish(&uri);
	buf_finish(&got);
	buf_finish(&p);
}

static void digest(void)
{
	unsigned char *px = photo(300, 200, 3);
	struct bs_buf j = jpeg(px, 300, 200, 3, 85);
	free(px);
	unsigned char want[32];
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	sha256_update(&ctx, j.len, u(&j));
	sha256_digest(&ctx, sizeof(want), want);

	char *dir = tmp_dir();
	char *a = tmp_write(dir, "a.jpg", j.data, j.len);
	char *b = tmp_write(dir, "copy of a.jpg", j.data, j.len);
	struct bs_buf uri = {0};
	buf_puts(&uri, "data:image/jpeg;base64,");
	base64(&uri, &j, 0);
	const char *refs[] = {a, b, uri.data};
	struct bs_image_options o = defaults();
	for (size_t i = 0; i < 3; i++) {
		struct bs_image img;
		struct bs_error err;
		error_clear(&err);
		OK(image_prepare(refs[i], &o, &img, &err), "ref %zu: %s", i,
			err.reason);
		OK(memcmp(img.digest, want, 32) == 0, "ref %zu: not the "
			"SHA-256 of the source", i);
		image_finish(&img);
	}

	/* other bytes, another digest */
	px = photo(300, 201, 3);
	struct bs_buf other = jpeg(px, 300, 201, 3, 85);
	free(px);
	struct bs_image img;
	struct bs_error err;
	OK(prepare(&other, &o, &img, &err), "other: %s", err.reason);
	OK(memcmp(img.digest, want, 32) != 0, "another picture, same digest");
	image_finish(&img);

	buf_finish(&other);
	buf_finish(&uri);
	free(a);
	free(b);
	tmp_remove(dir);
	buf_finish(&j);
}

/*
 * PNGs made by hand, a reference outside libspng and stb_image: every
 * colour type and bit depth, with and without tRNS, plain and Adam7.
 */

/* Colour types, by their number in IHDR. */
enum { GRAY = 0, RGB = 2, PALETTE = 3, GRAY_ALPHA = 4, RGBA = 6 };

/* The samples a pixel of a colour type has in the file. */
static int png_samples(int color)
{
	return color == RGB ? 3 : color == GRAY_ALPHA ? 2 : color == RGBA ? 4
		: 1;
}

/*
 * What png_by_hand() writes: w x h pixels of png_samples() samples, each
 * below 2^depth (palette indices below plte_n for PALETTE); plte_n RGB
 * entries; tRNS bytes as the chunk holds them (NULL: none).
 */
struct png_spec {
	int w, h, depth, color;
	bool interlaced;
	uint16_t *samples;
	unsigned char plte[256 * 3];
	int plte_n;
	const unsigned char *trns;
	size_t trns_len;
};

static void put_chunk(struct bs_buf *out, const char *type, const void *data,
	size_t len)
{
	struct bs_buf c = png_chunk(type, data, len);
	buf_append(out, c.data, c.len);
	buf_finish(&c);
}

static void put_ihdr(struct bs_buf *out, unsigned long w, unsigned long h,
	int depth, int color, bool interlaced)
{
	unsigned char d[13] = {(unsigned char)(w >> 24),
		(unsigned char)(w >> 16), (unsigned char)(w >> 8),
		(unsigned char)w, (unsigned char)(h >> 24),
		(unsigned char)(h >> 16), (unsigned char)(h >> 8),
		(unsigned char)h, (unsigned char)depth, (unsigned char)color,
		0, 0, interlaced};
	buf_append(out, "\x89PNG\r\n\x1a\n", 8);
	put_chunk(out, "IHDR", d, sizeof(d));
}

/* Adam7's passes: first column and row, then steps across and down. */
static const int adam7[7][4] = {
	{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
	{0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2},
};

/* Row y of s from column x0 every dx, packed. */
static void pack_row(struct bs_buf *row, const struct png_spec *s, int y,
	int x0, int dx)
{
	int spp = png_samples(s->color);
	unsigned acc = 0;
	int bits = 0;
	for (int x = x0; x < s->w; x += dx) {
		const uint16_t *v = s->samples + ((size_t)y * (size_t)s->w
			+ (size_t)x) * (size_t)spp;
		for (int k = 0; k < spp; k++) {
			if (s->depth == 16) {
				buf_putc(row, (char)(v[k] >> 8));
				buf_putc(row, (char)(v[k] & 0xff));
				continue;
			}
			acc = acc << s->depth | v[k];
			bits += s->depth;
			if (bits == 8) {
				buf_putc(row, (char)acc);
				acc = 0;
				bits = 0;
			}
		}
	}
	if (bits) {
		buf_putc(row, (char)(acc << (8 - bits)));
	}
}

/* PNG's Paeth predictor, as the specification writes it. */
static int paeth_of(int a, int b, int c)
{
	int p = a + b - c;
	int pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
	if (pa <= pb && pa <= pc) {
		return a;
	}
	return pb <= pc ? b : c;
}

/*
 * Appends row (its bytes; prev the row above, empty for a pass's first)
 * to raw under filter (0 to 4) with its filter byte; bpp the bytes of a
 * pixel, at least 1.
 */
static void put_filtered(struct bs_buf *raw, const struct bs_buf *row,
	const struct bs_buf *prev, int filter, size_t bpp)
{
	const unsigned char *x = u(row), *up = u(prev);
	buf_putc(raw, (char)filter);
	for (size_t i = 0; i < row->len; i++) {
		int a = i >= bpp ? x[i - bpp] : 0;
		int b = prev->len ? up[i] : 0;
		int c = i >= bpp && prev->len ? up[i - bpp] : 0;
		int guess = filter == 1 ? a : filter == 2 ? b
			: filter == 3 ? (a + b) / 2
			: filter == 4 ? paeth_of(a, b, c) : 0;
		buf_putc(raw, (char)(x[i] - guess));
	}
}

/* The PNG of s, in Adam7's passes when interlaced. */
static struct bs_buf png_by_hand(const struct png_spec *s)
{
	struct bs_buf raw = {0};
	for (int p = 0; p < (s->interlaced ? 7 : 1); p++) {
		const int *a = adam7[p];
		int x0 = s->interlaced ? a[0] : 0;
		int y0 = s->interlaced ? a[1] : 0;
		int dx = s->interlaced ? a[2] : 1;
		int dy = s->interlaced ? a[3] : 1;
		if (x0 >= s->w) {
			continue;	/* an empty pass has no rows at all */
		}
		/* every filter in turn, down each pass */
		size_t bpp = (size_t)(s->depth * png_samples(s->color)
			+ 7) / 8;
		struct bs_buf row = {0}, prev = {0};
		for (int y = y0; y < s->h; y += dy) {
			buf_reset(&row);
			pack_row(&row, s, y, x0, dx);
			put_filtered(&raw, &row, &prev, y % 5, bpp);
			struct bs_buf t = prev;
			prev = row;
			row = t;
		}
		buf_finish(&row);
		buf_finish(&prev);
	}
	struct bs_buf out = {0}, z = {0};
	put_ihdr(&out, (unsigned long)s->w, (unsigned long)s->h, s->depth,
		s->color, s->interlaced);
	if (s->color == PALETTE) {
		put_chunk(&out, "PLTE", s->plte, (size_t)s->plte_n * 3);
	}
	if (s->trns) {
		put_chunk(&out, "tRNS", s->trns, s->trns_len);
	}
	compress_to(raw.data, raw.len, MAX_WBITS, &z);
	/* in three IDAT chunks, the last two perhaps empty */
	size_t third = z.len / 3;
	put_chunk(&out, "IDAT", z.data, third);
	put_chunk(&out, "IDAT", z.data + third, third);
	put_chunk(&out, "IDAT", z.data + 2 * third, z.len - 2 * third);
	put_chunk(&out, "IEND", "", 0);
	buf_finish(&z);
	buf_finish(&raw);
	return out;
}

/*
 * The pixels of s as stb_image gives them, worked out from the
 * specification: into *channels. The caller frees.
 */
static unsigned char *as_stb(const struct png_spec *s, int *channels)
{
	int spp = png_samples(s->color);
	bool trns = s->trns != NULL;
	int out = s->color == PALETTE ? (trns ? 4 : 3) : spp + trns;
	size_t n = (size_t)s->w * (size_t)s->h;
	unsigned char *px = malloc(n * (size_t)out);
	for (size_t i = 0; i < n; i++) {
		const uint16_t *v = s->samples + i * (size_t)spp;
		unsigned char *o = px + i * (size_t)out;
		if (s->color == PALETTE) {
			memcpy(o, s->plte + 3 * v[0], 3);
			if (trns) {
				o[3] = v[0] < s->trns_len ? s->trns[v[0]] : 255;
			}
			continue;
		}
		bool clear = trns;
		for (int k = 0; k < spp; k++) {
			/* 16 bits: the high byte; under 8: scaled to 0..255 */
			o[k] = (unsigned char)(s->depth == 16 ? v[k] >> 8
				: v[k] * 255 / ((1 << s->depth) - 1));
			clear = clear && v[k] == (s->trns[2 * k] << 8
				| s->trns[2 * k + 1]);
		}
		if (trns) {
			o[spp] = clear ? 0 : 255;
		}
	}
	*channels = out;
	return px;
}

/*
 * A zlib stream of mib MiB of zeros in a few kB: one MiB deflated and
 * fully flushed (its blocks then stand alone), repeated, and a last empty
 * block with the checksum of it all.
 */
static struct bs_buf zero_bomb(int mib)
{
	static const unsigned char zeros[1 << 20];
	struct bs_buf once = {0}, end = {0}, out = {0};
	z_stream z;
	memset(&z, 0, sizeof(z));
	OK(deflateInit(&z, 9) == Z_OK, "deflateInit");
	unsigned char chunk[16384];
	z.next_in = (Bytef *)zeros;
	z.avail_in = sizeof(zeros);
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		OK(deflate(&z, Z_FULL_FLUSH) == Z_OK, "deflate");
		buf_append(&once, chunk, sizeof(chunk) - z.avail_out);
	} while (z.avail_out == 0);
	z.next_out = chunk;
	z.avail_out = sizeof(chunk);
	OK(deflate(&z, Z_FINISH) == Z_STREAM_END, "deflate to the end");
	buf_append(&end, chunk, sizeof(chunk) - z.avail_out);
	deflateEnd(&z);
	uLong one = adler32(adler32(0L, Z_NULL, 0), zeros, sizeof(zeros));
	uLong sum = one;
	buf_append(&out, once.data, once.len);
	for (int i = 1; i < mib; i++) {
		/* without the stream's 2-byte header */
		buf_append(&out, once.data + 2, once.len - 2);
		sum = adler32_combine(sum, one, sizeof(zeros));
	}
	unsigned char a4[4] = {(unsigned char)(sum >> 24),
		(unsigned char)(sum >> 16), (unsigned char)(sum >> 8),
		(unsigned char)sum};
	buf_append(&out, end.data, end.len - 4);
	buf_append(&out, a4, 4);
	buf_finish(&once);
	buf_finish(&end);
	return out;
}

/* A test picture of every kind: colour type, bit depth, tRNS. */
static const struct {
	int color, depth;
	bool trns;
} png_kinds[] = {
	{GRAY, 1, false}, {GRAY, 2, false}, {GRAY, 4, false},
	{GRAY, 8, false}, {GRAY, 16, false},
	{GRAY, 1, true}, {GRAY, 4, true}, {GRAY, 8, true}, {GRAY, 16, true},
	{GRAY_ALPHA, 8, false}, {GRAY_ALPHA, 16, false},
	{RGB, 8, false}, {RGB, 16, false}, {RGB, 8, true}, {RGB, 16, true},
	{RGBA, 8, false}, {RGBA, 16, false},
	{PALETTE, 1, false}, {PALETTE, 2, false}, {PALETTE, 4, false},
	{PALETTE, 8, false}, {PALETTE, 2, true}, {PALETTE, 8, true},
};

/*
 * Fills s with random samples of its kind, a palette, and a tRNS (into
 * trns) that pixels 0 and 2 match and pixel 1 misses by one (for 16 bits,
 * in the low byte: stb_image compares all 16).
 */
static void png_fill(struct png_spec *s, bool with_trns, unsigned char *trns)
{
	int spp = png_samples(s->color);
	size_t n = (size_t)s->w * (size_t)s->h * (size_t)spp;
	s->plte_n = s->color == PALETTE ? (s->depth == 8 ? 200
		: 1 << s->depth) : 0;
	unsigned limit = s->color == PALETTE ? (unsigned)s->plte_n
		: 1u << s->depth;
	s->samples = malloc(n * sizeof(*s->samples));
	for (size_t i = 0; i < n; i++) {
		s->samples[i] = (uint16_t)(rnd() % limit);
	}
	for (int i = 0; i < s->plte_n * 3; i++) {
		s->plte[i] = (unsigned char)rnd();
	}
	s->trns = NULL;
	if (!with_trns) {
		return;
	}
	s->trns = trns;
	if (s->color == PALETTE) {
		s->trns_len = (size_t)s->plte_n / 2;
		for (size_t i = 0; i < s->trns_len; i++) {
			trns[i] = (unsigned char)rnd();
		}
		return;
	}
	uint16_t *v = s->samples;
	memcpy(v + 2 * spp, v, (size_t)spp * sizeof(*v));
	memcpy(v + spp, v, (size_t)spp * sizeof(*v));
	v[spp] ^= 1;
	s->trns_len = 2 * (size_t)spp;
	for (int k = 0; k < spp; k++) {
		trns[2 * k] = (unsigned char)(v[k] >> 8);
		trns[2 * k + 1] = (unsigned char)(v[k] & 0xff);
	}
}

/* Decodes a w x h picture of png_kinds[i] and checks every pixel. */
static void read_kind(size_t i, int w, int h, bool interlaced)
{
	struct png_spec s = {
		.w = w,
		.h = h,
		.depth = png_kinds[i].depth,
		.color = png_kinds[i].color,
		.interlaced = interlaced,
	};
	unsigned char trns[256];
	png_fill(&s, png_kinds[i].trns, trns);
	char what[64];
	snprintf(what, sizeof(what), "type %d, %d-bit%s, %dx%d%s", s.color,
		s.depth, s.trns ? ", tRNS" : "", w, h,
		interlaced ? ", Adam7" : "");
	struct bs_buf b = png_by_hand(&s);
	int c;
	unsigned char *want = as_stb(&s, &c);
	size_t size = (size_t)w * (size_t)h * (size_t)c;
	struct bs_raster r;
	struct bs_error err;
	error_clear(&err);
	OK(decode(FORMAT_PNG, u(&b), b.len, &r, &err), "%s: %s", what,
		err.reason);
	OK(r.w == w && r.h == h && r.channels == c, "%s: %dx%dx%d, want %d "
		"channels", what, r.w, r.h, r.channels, c);
	OK(r.px && r.channels == c && memcmp(r.px, want, size) == 0,
		"%s: pixels", what);
	if (s.trns && s.color != PALETTE && r.px && r.channels == c) {
		OK(r.px[c - 1] == 0 && r.px[2 * c - 1] == 255
			&& r.px[3 * c - 1] == 0, "%s: tRNS alpha", what);
	}
	/* and stb_image, which PNGs went through before */
	int sw, sh, sc;
	unsigned char *stb = stbi_load_from_memory(u(&b), (int)b.len, &sw,
		&sh, &sc, 0);
	OK(stb && sc == c && memcmp(stb, want, size) == 0, "%s: stb_image "
		"differs", what);
	stbi_image_free(stb);
	raster_finish(&r);
	free(want);
	free(s.samples);
	buf_finish(&b);
}

/*
 * A row of random bytes below range under filter, with a row above (or
 * none, first) and bpp bytes a pixel: unfilter_row() gives it back.
 */
static void unfilter_case(int filter, size_t bpp, unsigned range, bool first)
{
	size_t len = 40 * bpp;
	struct bs_buf above = {0}, row = {0}, raw = {0}, none = {0};
	for (size_t i = 0; i < len; i++) {
		buf_putc(&above, (char)(first ? 0 : rnd() % range));
		buf_putc(&row, (char)(rnd() % range));
	}
	put_filtered(&raw, &row, first ? &none : &above, filter, bpp);
	unsigned char *back = (unsigned char *)raw.data + 1;
	OK(unfilter_row(filter, back, u(&above), len, bpp)
		&& memcmp(back, row.data, len) == 0, "filter %d, %zu bytes "
		"a pixel, bytes below %u%s", filter, bpp, range,
		first ? ", first row" : "");
	buf_finish(&above);
	buf_finish(&row);
	buf_finish(&raw);
}

/*
 * unfilter_row() against put_filtered() for every filter and pixel size,
 * on bytes of any value and on bytes 0 to 3, where Paeth's distances tie
 * often and its order of preference shows.
 */
static void png_unfilter(void)
{
	static const size_t sizes[] = {1, 2, 3, 4, 6, 8};
	seed = 5;
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		for (int filter = 0; filter < 5; filter++) {
			unfilter_case(filter, sizes[k], 256, false);
			unfilter_case(filter, sizes[k], 4, false);
			unfilter_case(filter, sizes[k], 256, true);
		}
	}
	unsigned char row[8] = {1, 2, 3, 4, 5, 6, 7, 8}, above[8] = {0};
	OK(!unfilter_row(5, row, above, 8, 4) && row[0] == 1 && row[7] == 8,
		"filter 5 refused, the row untouched");
}

static void png_read(void)
{
	seed = 11;
	for (size_t i = 0; i < sizeof(png_kinds) / sizeof(png_kinds[0]); i++) {
		/* 5x3 leaves some Adam7 passes empty */
		read_kind(i, 13, 11, false);
		read_kind(i, 13, 11, true);
		read_kind(i, 5, 3, false);
		read_kind(i, 5, 3, true);
	}
}

/* Encodes px with png_encode() and checks it decodes to px again. */
static void round_trip(const char *what, const unsigned char *px, int w,
	int h, int channels)
{
	static const unsigned char types[4] = {GRAY, GRAY_ALPHA, RGB, RGBA};
	struct bs_buf out = {0};
	struct bs_error err;
	error_clear(&err);
	buf_append(&out, "kept", 4);
	OK(png_encode(px, w, h, channels, &out, &err), "%s: %s", what,
		err.reason);
	OK(out.len > 33 && memcmp(out.data, "kept\x89PNG", 8) == 0,
		"%s: appended", what);
	if (out.len > 33) {
		const unsigned char *ihdr = u(&out) + 4 + 16;
		OK(ihdr[8] == 8 && ihdr[9] == types[channels - 1]
			&& ihdr[12] == 0, "%s: depth %d, type %d, interlace %d",
			what, ihdr[8], ihdr[9], ihdr[12]);
	}
	size_t size = (size_t)w * (size_t)h * (size_t)channels;
	int dw, dh, c;
	unsigned char *stb = out.len > 4 ? stbi_load_from_memory(u(&out) + 4,
		(int)out.len - 4, &dw, &dh, &c, 0) : NULL;
	OK(stb && dw == w && dh == h && c == channels && memcmp(stb, px,
		size) == 0, "%s: stb_image reads other pixels", what);
	stbi_image_free(stb);
	struct bs_raster r;
	OK(out.len > 4 && decode(FORMAT_PNG, u(&out) + 4, out.len - 4, &r,
		&err), "%s: decode: %s", what, err.reason);
	OK(r.px && r.channels == channels && memcmp(r.px, px, size) == 0,
		"%s: decode() reads other pixels", what);
	raster_finish(&r);
	buf_finish(&out);
}

/* The length of a PNG of px as stb_image_write makes it. */
static size_t stb_png_len(const unsigned char *px, int w, int h, int c)
{
	struct bs_buf b = png(px, w, h, c);
	size_t n = b.len;
	buf_finish(&b);
	return n;
}

static void png_write(void)
{
	/* every channel count, photographs and noise, odd sizes */
	for (int c = 1; c <= 4; c++) {
		unsigned char *px = photo(301, 203, c);
		char what[32];
		snprintf(what, sizeof(what), "photo, %d channels", c);
		round_trip(what, px, 301, 203, c);
		free(px);
		seed = (uint32_t)c;
		size_t n = 7 * 5 * (size_t)c;
		px = malloc(n);
		for (size_t i = 0; i < n; i++) {
			px[i] = (unsigned char)rnd();
		}
		snprintf(what, sizeof(what), "noise, %d channels", c);
		round_trip(what, px, 7, 5, c);
		free(px);
	}

	/* through image_encode(): a chart and a cut-out photograph, PNG,
	 * lossless, and smaller than stb_image_write made them */
	struct bs_image_options o = defaults();
	unsigned char *px = chart(400, 300);
	struct bs_image img = {0};
	struct bs_error err;
	OK(image_encode(px, 400, 300, 3, &o, &img, &err), "chart: %s",
		err.reason);
	STR_EQ(img.media_type, "image/png");
	int w, h;
	unsigned char *out = pixels(&img, 3, &w, &h);
	OK(out && w == 400 && h == 300 && memcmp(out, px, 400 * 300 * 3) == 0,
		"chart: pixels changed");
	size_t stb = stb_png_len(px, 400, 300, 3);
	OK(img.data.len < stb, "chart: %zu bytes, stb_image_write %zu",
		img.data.len, stb);
	stbi_image_free(out);
	image_finish(&img);
	free(px);

	px = photo(400, 300, 4);
	for (int y = 0; y < 300; y++) {
		for (int x = 0; x < 400; x++) {
			int d = abs(x - 200) + abs(y - 150);
			px[((size_t)y * 400 + (size_t)x) * 4 + 3] =
				(unsigned char)(d < 150 ? 255 : d > 250 ? 0
				: 255 - (d - 150) * 255 / 100);
		}
	}
	memset(&img, 0, sizeof(img));
	OK(image_encode(px, 400, 300, 4, &o, &img, &err), "cut-out: %s",
		err.reason);
	STR_EQ(img.media_type, "image/png");
	out = pixels(&img, 4, &w, &h);
	OK(out && w == 400 && h == 300 && memcmp(out, px, 400 * 300 * 4) == 0,
		"cut-out: pixels changed");
	stb = stb_png_len(px, 400, 300, 4);
	OK(img.data.len < stb, "cut-out: %zu bytes, stb_image_write %zu",
		img.data.len, stb);
	stbi_image_free(out);
	image_finish(&img);
	free(px);
}

/* Checks that decode() refuses b at once with a one-line reason. */
static void png_refused(const char *what, const struct bs_buf *b,
	const char *want)
{
	struct bs_raster r;
	struct bs_error err;
	error_clear(&err);
	double t0 = now();
	bool ok = decode(FORMAT_PNG, u(b), b->len, &r, &err);
	double spent = now() - t0;
	OK(!ok, "%s: decoded (%dx%d)", what, r.w, r.h);
	OK(!ok || !r.px, "%s: pixels left", what);
	OK(ok || (has(err.reason, "PNG") && !strchr(err.reason, '\n')),
		"%s: reason \"%s\"", what, err.reason);
	OK(ok || !want || has(err.reason, want), "%s: reason \"%s\" lacks "
		"\"%s\"", what, err.reason, want);
	OK(spent < 0.2, "%s took %.3f s", what, spent);
	if (ok) {
		raster_finish(&r);
	}
}

/* b with the 4 bytes at offset at set to v, big-endian. */
static void poke32(struct bs_buf *b, size_t at, unsigned long v)
{
	unsigned char v4[4] = {(unsigned char)(v >> 24),
		(unsigned char)(v >> 16), (unsigned char)(v >> 8),
		(unsigned char)v};
	memcpy(b->data + at, v4, 4);
}

/*
 * The PNG p (120 pixels wide, of kind) cut short, with bad CRCs, and with
 * a bad CRC on an ancillary chunk, which is dropped and the picture kept.
 */
static void png_damaged(const char *kind, const struct bs_buf *p)
{
	struct bs_buf b = {0};
	char what[64];
	/* cut anywhere, even just before IEND */
	for (int i = 1; i < 8; i++) {
		buf_reset(&b);
		buf_append(&b, p->data, p->len * (size_t)i / 8);
		snprintf(what, sizeof(what), "%s cut at %d/8", kind, i);
		png_refused(what, &b, NULL);
	}
	buf_reset(&b);
	buf_append(&b, p->data, p->len - 12);
	snprintf(what, sizeof(what), "%s without IEND", kind);
	png_refused(what, &b, "truncated");
	put_chunk(&b, "tEXt", "Comment\0hello", 13);
	snprintf(what, sizeof(what), "%s, a tEXt, no IEND", kind);
	png_refused(what, &b, "truncated");

	/* a bad CRC on IHDR, on IDAT, or a byte changed inside IDAT */
	buf_reset(&b);
	buf_append(&b, p->data, p->len);
	b.data[32] ^= 1;
	snprintf(what, sizeof(what), "%s, IHDR CRC", kind);
	png_refused(what, &b, "checksum");
	buf_reset(&b);
	buf_append(&b, p->data, p->len);
	b.data[p->len - 13] ^= 1;
	snprintf(what, sizeof(what), "%s, IDAT CRC", kind);
	png_refused(what, &b, "checksum");
	buf_reset(&b);
	buf_append(&b, p->data, p->len);
	b.data[p->len / 2] ^= 0x10;
	snprintf(what, sizeof(what), "%s, IDAT damaged", kind);
	png_refused(what, &b, NULL);

	buf_reset(&b);
	buf_append(&b, p->data, p->len);
	struct bs_buf c = png_chunk("tEXt", "Comment\0hello", 13);
	c.data[c.len - 1] ^= 1;
	splice(&b, 33, c.data, c.len);
	buf_finish(&c);
	struct bs_raster r;
	struct bs_error err;
	error_clear(&err);
	OK(decode(FORMAT_PNG, u(&b), b.len, &r, &err) && r.w == 120,
		"%s, bad tEXt CRC: %s", kind, err.reason);
	raster_finish(&r);
	buf_finish(&b);
}

/*
 * A 16-bit RGBA PNG of 120x80 whose zlib stream holds rows (filter bytes
 * and samples), less its last cut bytes, its last apart bytes in an IDAT
 * chunk of their own; with the last byte of its checksum changed when
 * bad_sum.
 */
static struct bs_buf deep_png(const struct bs_buf *rows, size_t cut,
	size_t apart, bool bad_sum)
{
	struct bs_buf out = {0}, z = {0};
	put_ihdr(&out, 120, 80, 16, RGBA, false);
	compress_to(rows->data, rows->len, MAX_WBITS, &z);
	z.data[z.len - 1] ^= (char)bad_sum;
	z.len -= cut;
	put_chunk(&out, "IDAT", z.data, z.len - apart);
	if (apart) {
		put_chunk(&out, "IDAT", z.data + z.len - apart, apart);
	}
	put_chunk(&out, "IEND", "", 0);
	buf_finish(&z);
	return out;
}

/* Decodes b, a 120x80 RGBA picture. */
static void png_read_ok(const char *what, const struct bs_buf *b)
{
	struct bs_raster r;
	struct bs_error err;
	error_clear(&err);
	OK(decode(FORMAT_PNG, u(b), b->len, &r, &err) && r.w == 120
		&& r.h == 80 && r.channels == 4, "%s: %s", what, err.reason);
	raster_finish(&r);
}

/* 16-bit pictures, which png.c decodes without libspng: their streams. */
static void png_deep_hostile(void)
{
	enum { ROW = 1 + 120 * 8 };
	struct bs_buf rows = {0};
	seed = 3;
	for (int y = 0; y < 80; y++) {
		buf_putc(&rows, (char)(y % 5));
		for (int x = 1; x < ROW; x++) {
			buf_putc(&rows, (char)rnd());
		}
	}
	struct bs_buf p = deep_png(&rows, 0, 0, false);
	png_read_ok("16-bit PNG", &p);
	png_damaged("16-bit PNG", &p);
	buf_finish(&p);

	/* the stream's checksum wrong, with the last row or after it; and
	 * missing, which libspng let by */
	p = deep_png(&rows, 0, 0, true);
	png_refused("16-bit PNG, zlib checksum", &p, "stream");
	buf_finish(&p);
	p = deep_png(&rows, 0, 4, true);
	png_refused("16-bit PNG, zlib checksum apart", &p, "stream");
	buf_finish(&p);
	p = deep_png(&rows, 0, 4, false);
	png_read_ok("16-bit PNG, checksum apart", &p);
	buf_finish(&p);
	p = deep_png(&rows, 4, 0, false);
	png_read_ok("16-bit PNG, no zlib checksum", &p);
	buf_finish(&p);

	/* a filter type past 4 */
	rows.data[40 * ROW] = 5;
	p = deep_png(&rows, 0, 0, false);
	png_refused("16-bit PNG, filter 5", &p, "filter");
	buf_finish(&p);
	rows.data[40 * ROW] = 0;

	/* a stream a byte short of the last row, or over it (the rest is
	 * not read) */
	rows.len--;
	p = deep_png(&rows, 0, 0, false);
	png_refused("16-bit PNG, a byte short", &p, "too short");
	buf_finish(&p);
	buf_append(&rows, "\0\0\0\0\0", 5);
	p = deep_png(&rows, 0, 0, false);
	png_read_ok("16-bit PNG, 4 bytes over", &p);
	buf_finish(&p);
	buf_finish(&rows);
}

static void png_hostile(void)
{
	unsigned char *px = photo(120, 80, 3);
	struct bs_buf p = png(px, 120, 80, 3);
	free(px);
	struct bs_buf b = {0};
	png_damaged("PNG", &p);
	struct bs_raster r;
	struct bs_error err;

	/* huge headers, CRC right: over a side, over the pixels */
	buf_reset(&b);
	buf_append(&b, p.data, p.len);
	poke32(&b, 16, 100000);
	poke32(&b, 20, 100000);
	poke32(&b, 29, crc32(crc32(0L, Z_NULL, 0), u(&b) + 12, 17));
	png_refused("100000x100000", &b, "limit");
	poke32(&b, 16, 20000);
	poke32(&b, 20, 20000);
	poke32(&b, 29, crc32(crc32(0L, Z_NULL, 0), u(&b) + 12, 17));
	png_refused("20000x20000", &b, "over the limit");

	/* a zlib bomb: 64 MiB of IDAT data for 100x100 pixels (30 kB) */
	struct bs_buf bomb = zero_bomb(64);
	OK(bomb.len < 100000, "the bomb is %zu bytes", bomb.len);
	buf_reset(&b);
	put_ihdr(&b, 100, 100, 8, RGB, false);
	put_chunk(&b, "IDAT", bomb.data, bomb.len);
	put_chunk(&b, "IEND", "", 0);
	png_refused("zlib bomb", &b, "zlib bomb");
	struct bs_image_options fig = defaults();
	fig.in_figure = true;
	refused("zlib bomb, prepared", &b, &fig, "zlib bomb");

	/* the same stream under a header big enough to hold its length:
	 * only the 4 MB the header calls for are inflated, the rest is
	 * never read */
	buf_reset(&b);
	put_ihdr(&b, 2000, 2000, 8, GRAY, false);
	put_chunk(&b, "IDAT", bomb.data, bomb.len);
	put_chunk(&b, "IEND", "", 0);
	error_clear(&err);
	double t0 = now();
	bool ok = decode(FORMAT_PNG, u(&b), b.len, &r, &err);
	double spent = now() - t0;
	OK(ok && r.w == 2000 && r.channels == 1 && r.px[0] == 0
		&& r.px[2000 * 2000 - 1] == 0, "2000x2000 of zeros: %s",
		err.reason);
	OK(spent < 0.2, "2000x2000 of zeros took %.3f s", spent);
	raster_finish(&r);

	/* a metadata bomb: a zTXt of 64 MiB */
	buf_reset(&b);
	buf_append(&b, p.data, 33);	/* signature and IHDR */
	struct bs_buf ztxt = {0};
	buf_append(&ztxt, "Comment\0\0", 9);
	buf_append(&ztxt, bomb.data, bomb.len);
	put_chunk(&b, "zTXt", ztxt.data, ztxt.len);
	buf_append(&b, p.data + 33, p.len - 33);
	png_refused("zTXt bomb", &b, "limits");
	buf_finish(&ztxt);

	buf_finish(&bomb);
	buf_finish(&b);
	buf_finish(&p);
}

static const struct subtest tests[] = {
	{"hostile", hostile},
	{"trackers", trackers},
	{"formats", formats},
	{"box", box},
	{"dct_scale", dct_scale},
	{"orientation", orientation},
	{"gray", gray},
	{"choice", choice},
	{"metadata", metadata},
	{"read", read_ref},
	{"digest", digest},
	{"png_read", png_read},
	{"png_unfilter", png_unfilter},
	{"png_write", png_write},
	{"png_hostile", png_hostile},
	{"png_deep_hostile", png_deep_hostile},
	{NULL, NULL},
};

int main(int argc, char **argv)
{
	return run(argc, argv, tests);
}
