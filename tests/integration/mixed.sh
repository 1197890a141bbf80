#!/bin/bash
# One edition from every kind of input at once: saved pages, an RSS 2.0,
# an RSS 1.0 and an Atom feed, text dumps, an MHTML save, a page with
# data: pictures, and a web archive captured here with wget. It passes
# epubcheck with no errors and no warnings and holds each story once: a
# feed item whose page is also an input becomes that page (the item's
# details filling its gaps), and a page both archived and saved is kept
# once.
. "$(dirname "$0")/lib.sh"

command -v wget >/dev/null || fail "wget is not installed (apt-get install wget)"

SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT

samples="$SRCDIR/samples"
data="$SRCDIR/tests/data/inputs"
dumps="$SRCDIR/tests/data/textdumps"

# saved pages: the samples but two, which only the archive holds
mkdir "$WORK/pages"
cp -r "$samples"/*.html "$samples"/*_files "$WORK/pages/"
archived="daily-ledger-rate-decision northfield-gazette-bridge"
for p in $archived; do
	rm -r "$WORK/pages/$p.html" "$WORK/pages/${p}_files"
done

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$samples" "$port" \
	>/dev/null 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do
	python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" \
		2>/dev/null && break
	sleep 0.1
done
# the ferry-fares page is saved, archived and in the RSS feed: one article
(cd "$WORK" && wget -q --page-requisites -e robots=off --no-directories \
	-P dl --warc-file=day \
	"http://127.0.0.1:$port/daily-ledger-rate-decision.html" \
	"http://127.0.0.1:$port/northfield-gazette-bridge.html" \
	"http://127.0.0.1:$port/harbour-courier-ferry-fares.html") \
	|| fail "wget could not capture the pages"
kill "$SERVER_PID"
SERVER_PID=

n_dumps=$(ls "$dumps"/*.txt | wc -l)
[ "$n_dumps" -ge 1 ] || fail "no text dumps in $dumps"
# 12 pages, 2 archived, RSS 2 new (1 merged, 1 empty), RDF 1 new (1
# merged), Atom 2, MHTML 1, data: page 1, and the dumps
want=$((12 + 2 + 2 + 1 + 2 + 1 + 1 + n_dumps))

out="$WORK/mixed.epub"
"$BROADSHEET" build -v --title "Everything" --date 2026-11-28 \
	--keep-xml "$WORK/edition.xml" -o "$out" \
	"$data/harbour-courier.rss" "$data/northfield.rdf" \
	"$data/circuit-signal.atom" "$WORK/pages" "$WORK/day.warc.gz" \
	"$data/rheinbote-faehre.mhtml" "$data/refugio-climatico-datauri.html" \
	"$dumps"/*.txt > "$WORK/out" 2> "$WORK/err"
status=$?
cat "$WORK/out" "$WORK/err"
[ "$status" -eq 1 ] || fail "exit $status, want 1 (one empty feed item)"
[ "$(grep -c '^skipped: ' "$WORK/err")" -eq 1 ] \
	&& grep -q '^skipped: .*harbour-dues-rise: the feed item has no text' "$WORK/err" \
	|| fail "want exactly the empty feed item skipped"
epubcheck "$out"

python3 - "$WORK/edition.xml" "$want" <<'PY' || fail "the mixed edition"
import collections, sys
import xml.etree.ElementTree as ET
ed = ET.parse(sys.argv[1]).getroot()
want = int(sys.argv[2])
arts = ed.findall("section/article")
def text(a, tag):
    e = a.find(tag)
    return e.text if e is not None else None
titles = collections.Counter(text(a, "title") for a in arts)
urls = collections.Counter(text(a, "url") for a in arts if text(a, "url"))
dup_t = [t for t, n in titles.items() if n > 1]
dup_u = [u for u, n in urls.items() if n > 1]
assert not dup_t, f"duplicated titles: {dup_t}"
assert not dup_u, f"duplicated URLs: {dup_u}"
assert len(arts) == want, f"{len(arts)} articles, want {want}"

by_title = {text(a, "title"): a for a in arts}
ferry = by_title["Ferry fares are a tax on islanders"]
assert ".rss#" not in text(ferry, "source"), text(ferry, "source")
assert int(text(ferry, "words")) > 300, "the feed's summary, not the page"
libraries, = [a for a in arts if (text(a, "url") or "").endswith(
    "/opinion/2026/11/28/libraries-last-warm-room")]
assert ".rdf" not in text(libraries, "source"), text(libraries, "source")
assert int(text(libraries, "words")) > 300
kinds = collections.Counter()
for a in arts:
    s = text(a, "source")
    kinds["feed item" if ".rss#" in s or ".rdf#" in s or ".atom#" in s
          else "archive" if ".warc.gz#" in s else "text dump" if s.endswith(".txt")
          else "mhtml" if s.endswith(".mhtml") else "page"] += 1
print(f"{len(arts)} articles, none twice: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
assert all(kinds[k] for k in ("feed item", "archive", "text dump", "mhtml", "page")), kinds
PY
merged=$(grep -c 'the same story as' "$WORK/err")
[ "$merged" -ge 2 ] || fail "feed items merged with their pages: $merged, want 2 or more"
