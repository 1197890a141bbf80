#!/bin/bash
# Kindle conversion: calibre's ebook-convert turns the samples edition into
# AZW3 without errors, and the AZW3's contents list has the sections with
# their articles nested under them. Skips without calibre (Debian package
# calibre; not installed by .ci/run, it is large).
. "$(dirname "$0")/lib.sh"
command -v ebook-convert >/dev/null && command -v calibre-debug >/dev/null \
	|| skip "calibre is not installed (apt-get install calibre)"

"$BROADSHEET" build -q --date 2026-11-28 -o "$WORK/e.epub" "$SRCDIR/samples" \
	|| fail "build"
HOME="$WORK" ebook-convert "$WORK/e.epub" "$WORK/e.azw3" > "$WORK/log" 2>&1 \
	|| { cat "$WORK/log"; fail "ebook-convert exited with $?"; }
! grep -Eq '^(ERROR|Traceback)' "$WORK/log" || { cat "$WORK/log"; fail "conversion errors"; }
HOME="$WORK" calibre-debug "$(dirname "$0")/calibre_toc.py" "$WORK/e.azw3" \
	> "$WORK/toc" 2>/dev/null || fail "calibre cannot read the AZW3's contents"
cat "$WORK/toc"
python3 - "$WORK/toc" "$WORK/e.epub" <<'PY' || fail "AZW3 contents list"
import sys, zipfile
import xml.etree.ElementTree as ET
toc = open(sys.argv[1], encoding="utf-8").read().splitlines()
sections = [l for l in toc if l and not l.startswith(" ")]
nested = [l for l in toc if l.startswith("  ")]
ncx = ET.fromstring(zipfile.ZipFile(sys.argv[2]).read("OEBPS/toc.ncx"))
n = "{http://www.daisy.org/z3986/2005/ncx/}"
want = ncx.findall(f"{n}navMap/{n}navPoint/{n}navPoint")
assert len(nested) == len(want), (len(nested), len(want))
assert len(sections) >= 3, sections
PY
echo "kindle: ok"
