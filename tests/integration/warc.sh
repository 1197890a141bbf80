#!/bin/bash
# Web archives, made here: samples/ served on 127.0.0.1 by python3 -m
# http.server and captured with wget --warc-file --page-requisites, gzip
# per record and plain. The edition built from the archive alone has every
# sample article and its pictures, offline. A second capture, from
# serve.py, holds the shapes an archive must undo (gzip and chunked
# bodies, a redirect to a page, pictures reached by a redirect, a charset
# named only in the HTTP header): the articles read from it are the ones
# read from the files themselves. A truncated archive gives its records
# before the damage and names it.
. "$(dirname "$0")/lib.sh"

command -v wget >/dev/null || fail "wget is not installed (apt-get install wget)"

SERVER_PID=
stop_server() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
	wait 2>/dev/null
	SERVER_PID=
}
trap 'stop_server; rm -rf "$WORK"' EXIT

# wait_for PORT: until the server answers.
wait_for() {
	for _ in $(seq 100); do
		python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" \
			2>/dev/null && return 0
		sleep 0.1
	done
	fail "the local server on port $1 did not start"
}

samples="$SRCDIR/samples"
pages=$(cd "$samples" && ls *.html)
n_pages=$(echo "$pages" | wc -l)

# --- the day, captured from python3 -m http.server ---
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$samples" "$port" \
	>/dev/null 2>&1 &
SERVER_PID=$!
wait_for "$port"
urls=$(for p in $pages; do echo "http://127.0.0.1:$port/$p"; done)
(cd "$WORK" && wget -q --page-requisites -e robots=off --no-directories \
	-P dl --warc-file=day $urls \
	&& wget -q --page-requisites -e robots=off --no-directories \
	-P dl-plain --no-warc-compression --warc-file=day-plain $urls) \
	|| fail "wget could not capture the samples"
stop_server
[ -s "$WORK/day.warc.gz" ] && [ -s "$WORK/day-plain.warc" ] \
	|| fail "wget wrote no archive"
rm -rf "$WORK/dl" "$WORK/dl-plain"

for archive in day.warc.gz day-plain.warc; do
	out="$WORK/${archive%%.*}.epub"
	"$BROADSHEET" build -v --title "Archived" --date 2026-11-28 \
		--keep-xml "$WORK/$archive.xml" -o "$out" "$WORK/$archive" \
		> "$WORK/build.out" 2> "$WORK/build.err"
	status=$?
	cat "$WORK/build.out"
	[ "$status" -eq 0 ] || { cat "$WORK/build.err"; fail "build of $archive exited with $status"; }
	epubcheck "$out"
	python3 - "$WORK/$archive.xml" "$out" "$n_pages" <<'PY' || fail "$archive: articles and pictures"
import sys, zipfile
import xml.etree.ElementTree as ET
xml, epub, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
ed = ET.parse(xml).getroot()
arts = ed.findall("section/article")
assert len(arts) == n, f"{len(arts)} articles, want {n}"
def body_imgs(a):
    return a.findall(".//{http://www.w3.org/1999/xhtml}img")
with_pics = {a.find("source").text.rsplit("/", 1)[-1]: len(body_imgs(a))
             for a in arts}
for page in ("daily-ledger-rate-decision.html", "northfield-gazette-bridge.html"):
    assert with_pics.get(page) == 1, (page, with_pics.get(page))
names = zipfile.ZipFile(epub).namelist()
pics = [x for x in names if x.startswith("OEBPS/images/") and "cover" not in x]
assert len(pics) == 2, pics
print(f"{xml}: {len(arts)} articles, pictures in "
      f"{sum(1 for v in with_pics.values() if v)} of them, {len(pics)} packaged")
PY
done

# --- the shapes, captured from serve.py ---
python3 "$SRCDIR/tests/integration/serve.py" "$samples" > "$WORK/port" 2>/dev/null &
SERVER_PID=$!
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
port=$(head -1 "$WORK/port")
wait_for "$port"
base="http://127.0.0.1:$port"
(cd "$WORK" && wget -q --page-requisites -e robots=off --no-directories \
	-P dl --warc-file=shapes \
	"$base/gzip/harbour-courier-ferry-fares.html" \
	"$base/chunked/harbour-courier-mackerel-talks.html" \
	"$base/moved/circuit-signal-satellite-outage.html" \
	"$base/via/northfield-gazette-bridge.html" \
	"$base/latin1/le-petit-quotidien-accord-tage.html" \
	"$base/no-such-page.html")
stop_server
[ -s "$WORK/shapes.warc.gz" ] || fail "wget wrote no archive of the shapes"
python3 - "$WORK/shapes.warc.gz" <<'PY' || fail "the capture lacks a shape it should hold"
import gzip, sys
data = gzip.open(sys.argv[1]).read()
for needle in (b"Content-Encoding: gzip", b"Transfer-Encoding: chunked",
               b"HTTP/1.1 301", b"HTTP/1.1 404", b"charset=ISO-8859-1",
               b"/moved/northfield-gazette-bridge_files/photo1.jpg"):
    assert needle in data, needle
PY
"$BROADSHEET" extract --format json "$WORK/shapes.warc.gz" > "$WORK/shapes.json" \
	2> "$WORK/shapes.err"
status=$?
cat "$WORK/shapes.err"
[ "$status" -eq 0 ] || fail "extract of the shapes archive exited with $status"
for p in harbour-courier-ferry-fares harbour-courier-mackerel-talks \
		circuit-signal-satellite-outage northfield-gazette-bridge \
		le-petit-quotidien-accord-tage; do
	"$BROADSHEET" extract --format json "$samples/$p.html" >> "$WORK/files.json" \
		|| fail "extract of samples/$p.html"
done
python3 - "$WORK/shapes.json" "$WORK/files.json" <<'PY' || fail "archived articles differ from the files"
import json, sys
archived = [json.loads(l) for l in open(sys.argv[1])]
files = {json.loads(l)["title"]: json.loads(l) for l in open(sys.argv[2])}
assert len(archived) == 5, f"{len(archived)} articles from the archive, want 5"
for a in archived:
    f = files.get(a["title"])
    assert f, f"no file article titled {a['title']!r} (charset or page wrong?)"
    for key in ("text", "byline", "published", "section", "url", "site", "lang"):
        # a page without its own address has the archive's
        if key == "url" and f[key] is None:
            assert a[key] == a["source"].split("#", 1)[1], a[key]
            continue
        assert a[key] == f[key], (a["source"], key, a[key], f[key])
    assert "\ufffd" not in a["text"], a["source"]
    print(f"{a['source'].split('#', 1)[1]}: same as the file ({a['words']} words)")
PY
"$BROADSHEET" build -q --date 2026-11-28 -o "$WORK/shapes.epub" \
	"$WORK/shapes.warc.gz" || fail "build of the shapes archive"
epubcheck "$WORK/shapes.epub"
unzip_list "$WORK/shapes.epub" | grep -q '^OEBPS/images/[0-9a-f]*\.jpg$' \
	|| fail "the picture reached through a redirect is not packaged"

# --- a truncated archive: the records before the damage ---
size=$(stat -c %s "$WORK/day.warc.gz")
head -c $((size * 6 / 10)) "$WORK/day.warc.gz" > "$WORK/cut.warc.gz"
"$BROADSHEET" build --date 2026-11-28 -o "$WORK/cut.epub" "$WORK/cut.warc.gz" \
	> "$WORK/cut.out" 2> "$WORK/cut.err"
status=$?
cat "$WORK/cut.out" "$WORK/cut.err"
[ "$status" -eq 1 ] || fail "truncated archive: exit $status, want 1"
grep -q "cut.warc.gz: truncated gzip data after [0-9]* records; the [0-9]* articles before it are used" \
	"$WORK/cut.err" || fail "the damage is not named"
epubcheck "$WORK/cut.epub"
got=$(sed -n 's/.*, \([0-9]*\) articles\?,.*/\1/p' "$WORK/cut.out")
[ "${got:-0}" -ge 3 ] && [ "$got" -lt "$n_pages" ] \
	|| fail "truncated archive gave ${got:-no} articles"
echo "truncated archive: $got of $n_pages articles"
