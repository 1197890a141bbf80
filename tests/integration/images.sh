#!/bin/bash
# The image stage on edition-bench (41 pictures of 2000-3000 px, a
# tracking pixel, a truncated JPEG): every packaged picture fits the box,
# no tracker or broken file is packaged, the truncated JPEG is named, the
# edition passes epubcheck; sizes against the source pictures, in colour
# and in gray. Also the cover, declared the ways readers look for it.
. "$(dirname "$0")/lib.sh"
need_shared

pages="$SHARED/corpus/edition-bench/pages"
for mode in colour gray; do
	flag=
	[ "$mode" = gray ] && flag=--grayscale
	out="$WORK/$mode.epub"
	"$BROADSHEET" build $flag -o "$out" "$pages" > "$WORK/$mode.out" \
		2> "$WORK/$mode.err"
	status=$?
	cat "$WORK/$mode.out" "$WORK/$mode.err"
	[ "$status" -eq 0 ] || fail "$mode build exited with $status"
	grep -q '7f93c1944a41.*_files/photo2.jpg: truncated JPEG' "$WORK/$mode.err" \
		|| fail "the truncated JPEG is not reported"
	epubcheck "$out"
	python3 - "$out" "$pages" "$mode" <<'PY' || fail "$mode pictures"
import glob, os, struct, sys, zipfile
epub, pages, mode = sys.argv[1:]

def size(data):
    """Width, height and components of a JPEG or PNG."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        w, h = struct.unpack(">II", data[16:24])
        colour = data[25]
        return w, h, {0: 1, 2: 3, 3: 3, 4: 2, 6: 4}[colour]
    assert data[:2] == b"\xff\xd8", "neither JPEG nor PNG"
    i = 2
    while i < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xc0 <= marker <= 0xcf and marker not in (0xc4, 0xc8, 0xcc):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h, data[i + 9]
        i += 2 + length
    raise AssertionError("no SOF")

z = zipfile.ZipFile(epub)
pictures = [n for n in z.namelist() if n.startswith("OEBPS/images/")]
assert "OEBPS/images/cover.jpg" in pictures
total = 0
for name in pictures:
    data = z.read(name)
    total += len(data)
    w, h, comps = size(data)
    assert w <= 1264 and h <= 1680, (name, w, h)
    assert w > 3 and h > 3, ("tracker packaged", name)
    if mode == "gray":
        assert comps in (1, 2), (name, comps)
    assert b"Exif" not in data[:4096], ("EXIF left in", name)
source = sum(os.path.getsize(f) for f in glob.glob(pages + "/*_files/*"))
print("%s: %d pictures (cover included), %.2f MB in the EPUB's images, "
      "EPUB %.2f MB, source pictures %.2f MB (%.0f%%)" % (
          mode, len(pictures), total / 1e6, os.path.getsize(epub) / 1e6,
          source / 1e6, 100.0 * os.path.getsize(epub) / source))
PY
done
[ "$(stat -c %s "$WORK/gray.epub")" -lt "$(stat -c %s "$WORK/colour.epub")" ] \
	|| fail "gray is not smaller"

# the cover: first in the spine, cover-image, <meta name="cover">
python3 - "$WORK/colour.epub" <<'PY' || fail "cover declarations"
import sys, zipfile
import xml.etree.ElementTree as ET
ns = {"o": "http://www.idpf.org/2007/opf"}
opf = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read("OEBPS/content.opf"))
items = {i.get("id"): i for i in opf.findall("o:manifest/o:item", ns)}
cover = [i for i in items.values() if "cover-image" in (i.get("properties") or "")]
assert len(cover) == 1 and cover[0].get("href") == "images/cover.jpg"
meta = opf.find("o:metadata/o:meta[@name='cover']", ns)
assert meta is not None and meta.get("content") == cover[0].get("id")
first = opf.find("o:spine/o:itemref", ns).get("idref")
assert items[first].get("href") == "cover.xhtml"
PY
echo "images: ok"
