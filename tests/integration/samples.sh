#!/bin/bash
# The samples edition: built cleanly, valid, well structured, and its
# articles extracted whole and without boilerplate.
. "$(dirname "$0")/lib.sh"

out="$WORK/samples.epub"
"$BROADSHEET" build -q --title "The Morning Edition" --date 2026-11-28 \
	--sections "Opinion,World,Business" --keep-xml "$WORK/edition.xml" \
	-o "$out" "$SRCDIR/samples" || fail "build of samples/ exited with $?"
epubcheck "$out"

python3 - "$out" "$WORK/edition.xml" <<'PY' || fail "package structure"
import re, sys, zipfile
import xml.etree.ElementTree as ET

z = zipfile.ZipFile(sys.argv[1])
names = [i.filename for i in z.infolist()]
assert names[0] == "mimetype" and z.infolist()[0].compress_type == 0
assert z.read("mimetype") == b"application/epub+zip"

ns = {"o": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "n": "http://www.daisy.org/z3986/2005/ncx/", "h": "http://www.w3.org/1999/xhtml"}
opf = ET.fromstring(z.read("OEBPS/content.opf"))
lang = opf.find("o:metadata/dc:language", ns).text
assert re.fullmatch(r"[a-z]{2,3}", lang), lang
assert opf.find("o:metadata/dc:identifier", ns).text.startswith("urn:uuid:")
assert opf.find("o:metadata/dc:date", ns).text == "2026-11-28"
sources = opf.findall("o:metadata/dc:source", ns)
spine = [i.get("idref") for i in opf.findall("o:spine/o:itemref", ns)]
manifest = {i.get("id"): i.get("href") for i in opf.findall("o:manifest/o:item", ns)}
spine_files = [manifest[i] for i in spine]
assert spine_files[:2] == ["cover.xhtml", "front.xhtml"], spine_files[:3]

# sections in the requested order, then by appearance
edition = ET.parse(sys.argv[2]).getroot()
sections = [s.find("name").text for s in edition.findall("section")]
assert sections[:3] == ["Opinion", "World", "Business"], sections
articles = edition.findall("section/article")
assert len(articles) == len(sources) >= 10, (len(articles), len(sources))

# NCX: the same order as the spine, sections with their articles nested
ncx = ET.fromstring(z.read("OEBPS/toc.ncx"))
points = ncx.findall(".//n:navPoint", ns)
order = [p.find("n:content", ns).get("src") for p in
         sorted(points, key=lambda p: int(p.get("playOrder")))]
assert order == spine_files, (order, spine_files)
top = ncx.findall("n:navMap/n:navPoint", ns)
assert len(top) == 2 + len(sections)
assert all(len(p.findall("n:navPoint", ns)) > 0 for p in top[2:])
assert ncx.find("n:head/n:meta[@name='dtb:uid']", ns).get("content") == \
    opf.find("o:metadata/dc:identifier", ns).text

# nav.xhtml: nested section -> articles, and landmarks
nav = ET.fromstring(z.read("OEBPS/nav.xhtml"))
toc = nav.find(".//h:nav[@id='toc']/h:ol", ns)
nested = [li for li in toc.findall("h:li", ns) if li.find("h:ol", ns) is not None]
assert len(nested) == len(sections)

# Kindle-safe XHTML: XML declaration naming UTF-8, every img with a src,
# no link into a body id, pictures packaged
images = 0
for name in names:
    if not name.endswith(".xhtml"):
        continue
    data = z.read(name)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'), name
    doc = ET.fromstring(data)
    body = doc.find("h:body", ns)
    assert body.get("id") is None
    for img in doc.iter("{http://www.w3.org/1999/xhtml}img"):
        assert img.get("src"), name
        assert ("OEBPS/" + img.get("src")) in names, img.get("src")
        images += 1
assert images >= 2, images
PY

python3 "$(dirname "$0")/check_samples.py" "$BROADSHEET" "$SRCDIR/samples" \
	|| fail "sample articles not extracted whole and clean"
echo "samples: ok"
