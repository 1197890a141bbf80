#!/bin/bash
# Feeds (RSS 2.0, RSS 1.0, Atom) and single-file saves (MHTML, a page with
# its pictures inlined as data: URIs), through `extract` and `build`:
# metadata from the feed, bodies cleaned as a page's are, hostile feeds
# (billion laughs, XXE) refused quickly without expansion or file reads,
# a broken MHTML skipped with its reason. Detection is by content: the
# fixtures are also read under names that say nothing.
. "$(dirname "$0")/lib.sh"

data="$SRCDIR/tests/data/inputs"

# extract FILE: JSON lines into $WORK/NAME.json, stderr into NAME.err,
# exit status into $status.
extract() {
	local name
	name=$(basename "$1")
	"$BROADSHEET" extract --format json "$1" > "$WORK/$name.json" \
		2> "$WORK/$name.err"
	status=$?
	cat "$WORK/$name.err"
}

# RSS 2.0: the fourth item has no text; the first has only a summary
extract "$data/harbour-courier.rss"
[ "$status" -eq 1 ] || fail "harbour-courier.rss: exit $status, want 1 (one empty item)"
grep -q "harbour-courier.rss#https://www.harbourcourier.example/business/2026/11/26/harbour-dues-rise: the feed item has no text" \
	"$WORK/harbour-courier.rss.err" || fail "the empty item is not named"

extract "$data/northfield.rdf"
[ "$status" -eq 0 ] || fail "northfield.rdf: exit $status"
extract "$data/circuit-signal.atom"
[ "$status" -eq 0 ] || fail "circuit-signal.atom: exit $status"
extract "$data/rheinbote-faehre.mhtml"
[ "$status" -eq 0 ] || fail "rheinbote-faehre.mhtml: exit $status"

python3 - "$WORK" <<'PY' || fail "feed and MHTML articles"
import json, sys
work = sys.argv[1]
def load(name):
    return [json.loads(l) for l in open(f"{work}/{name}.json")]

def check(a, **want):
    for k, v in want.items():
        got = a[k]
        if k == "published":
            ok = got is not None and got.startswith(v)
        else:
            ok = got == v
        assert ok, f"{a['source']}: {k} is {got!r}, want {v!r}"

rss = load("harbour-courier.rss")
assert len(rss) == 3, len(rss)
ferry, lifeboat, lane = rss
check(ferry, title="Ferry fares are a tax on islanders", byline="Morag Sinclair",
      section="Opinion", site="The Harbour Courier", lang="en-GB",
      published="2026-11-27T07:30:00")
check(lifeboat, byline="Ewan MacLeod", section="News",
      published="2026-11-28T06:15:00",
      url="https://www.harbourcourier.example/news/2026/11/28/lifeboat-rescue-skerry-point",
      description="Four sailors were brought ashore before dawn.")
t = lifeboat["text"]
assert t.startswith("Four sailors were brought ashore at Kellhaven"), t[:80]
assert t.rstrip().endswith("to recruit volunteers for its shore crew."), t[-80:]
for junk in ("trackRead", "Share", "appeared first on", "alert("):
    assert junk not in t, junk
for kept in ("A failed engine and a fouled rudder", "Launched: 02:40",
             "\u201cWe could see" if "\u201c" in t else "\"We could see"):
    assert kept in t, kept
check(lane, title="Council approves new cycle lane on Quay Road & Mill Street",
      byline="Priya Anand", section="Transport", published="2026-11-27T18:05:00")
assert lane["words"] > 80 and "Jean Hollis" in lane["text"]

rdf = load("northfield.rdf")
assert len(rdf) == 2, len(rdf)
check(rdf[0], byline="Tom Okafor", section="Community", lang="en-US",
      site="Northfield Gazette", published="2026-11-28T08:00:00")
assert rdf[0]["text"].startswith("Sixty volunteers"), rdf[0]["text"][:40]
check(rdf[1], section="Opinion", byline=None)

atom = load("circuit-signal.atom")
assert len(atom) == 2, len(atom)
check(atom[0], byline="Noor Haddad", section="Technology", site="Circuit & Signal",
      lang="en", published="2026-11-28T07:45:00",
      description="Five years of security fixes promised for the 1.0 branch.",
      url="https://www.circuitandsignal.example/technology/2026/11/28/router-lts-release")
assert "People put these boxes in a cupboard" in atom[0]["text"]
check(atom[1], title="Why your smart plug still needs an update",
      byline="Callum Reyes", published="2026-11-27T16:20:00")

mh, = load("rheinbote-faehre.mhtml")
check(mh, title="Die F\u00e4hre von Kaub f\u00e4hrt bald elektrisch",
      byline="Katrin W\u00e4ldchen", section="Wirtschaft", site="Rheinbote",
      lang="de", published="2026-11-28T06:30:00",
      url="https://www.rheinbote.example/wirtschaft/2026/11/28/faehre-kaub-elektrisch")
assert mh["text"].startswith("Die Rheinf\u00e4hre zwischen Kaub"), mh["text"][:60]
assert "\u00dcberfahrten pro Tag, nach Monaten" in mh["text"]
assert "Teilen" not in mh["text"] and "Alle Rechte" not in mh["text"]
for name, arts in (("rss", rss), ("rdf", rdf), ("atom", atom), ("mhtml", [mh])):
    print(f"{name}: {len(arts)} article(s): " + "; ".join(
        f"{a['title'][:40]} / {a['byline']} / {a['published']}" for a in arts))
PY

# hostile feeds: a clean skip line, fast, nothing expanded or read
for f in billion-laughs.rss xxe.rss; do
	start=$(date +%s%N)
	extract "$data/$f"
	ms=$((($(date +%s%N) - start) / 1000000))
	[ "$status" -eq 1 ] || fail "$f: exit $status, want 1"
	[ ! -s "$WORK/$f.json" ] || fail "$f: an article came out"
	[ "$(wc -l < "$WORK/$f.err")" -eq 1 ] || fail "$f: want one line on stderr"
	grep -q "^skipped: .*$f: feed declares XML entities" "$WORK/$f.err" \
		|| fail "$f: no clear skip line"
	[ "$ms" -lt 2000 ] || fail "$f took $ms ms"
	echo "$f: refused in $ms ms"
done

# a broken save, and detection by content under names that say nothing
extract "$data/no-boundary.mhtml"
[ "$status" -eq 1 ] && grep -q "no-boundary.mhtml: MHTML .*boundary" \
	"$WORK/no-boundary.mhtml.err" || fail "the MHTML without its boundary is not skipped cleanly"
cp "$data/circuit-signal.atom" "$WORK/feed-saved-as.html"
cp "$data/rheinbote-faehre.mhtml" "$WORK/save.dat"
extract "$WORK/feed-saved-as.html"
[ "$status" -eq 0 ] && [ "$(wc -l < "$WORK/feed-saved-as.html.json")" -eq 2 ] \
	|| fail "a feed named .html is not read as a feed"
extract "$WORK/save.dat"
[ "$status" -eq 0 ] && grep -q '"byline":"Katrin W' "$WORK/save.dat.json" \
	|| fail "an MHTML named .dat is not read as one"

# a feed in UTF-16, its byte order mark first
python3 - "$data/circuit-signal.atom" "$WORK/utf16.atom" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
text = text.replace('encoding="utf-8"', 'encoding="UTF-16"')
open(sys.argv[2], "wb").write(text.encode("utf-16"))
PY
extract "$WORK/utf16.atom"
[ "$status" -eq 0 ] && [ "$(wc -l < "$WORK/utf16.atom.json")" -eq 2 ] \
	&& grep -q '"byline":"Noor Haddad"' "$WORK/utf16.atom.json" \
	|| fail "a UTF-16 feed is not read as one"

# pictures: the MHTML's from its image part, the data: URI page's inline
for f in rheinbote-faehre.mhtml refugio-climatico-datauri.html; do
	out="$WORK/$f.epub"
	"$BROADSHEET" build -q --date 2026-11-28 -o "$out" "$data/$f" \
		|| fail "build of $f"
	epubcheck "$out"
	n=$(unzip_list "$out" | grep -c '^OEBPS/images/[0-9a-f]*\.png$')
	[ "$n" -eq 1 ] || fail "$f: $n pictures packaged, want 1"
	echo "$f: its picture is packaged"
done
