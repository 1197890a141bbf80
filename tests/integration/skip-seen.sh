#!/bin/bash
# --skip-seen DAYS and the history database: over three days of
# overlapping pages every story is packaged once; `broadsheet history`
# lists what was built; a bad history database costs status 1, not the
# edition.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$WORK/state" HOME="$WORK/home"
export TMPDIR="$WORK/tmp" SOURCE_DATE_EPOCH=1796515200
mkdir "$TMPDIR"
s="$SRCDIR/samples"

# The stories (letters) and their pages.
A=harbour-courier-ferry-fares.html
B=daily-ledger-minerals-compact.html
C=harbour-courier-seagrass-survey.html
D=northfield-gazette-bridge.html # no canonical URL: only its text tells
E=harbour-courier-port-automation.html
F=circuit-signal-satellite-outage.html
G=daily-ledger-rate-decision.html
H=northfield-gazette-libraries-opinion.html

# day N PAGE...: a folder of the day's pages; NAME=PAGE saves PAGE as NAME.
day() {
	local dir="$WORK/day$1" p
	mkdir "$dir"
	shift
	for p; do
		case $p in
		*=*) cp "$s/${p#*=}" "$dir/${p%%=*}" ;;
		*) cp "$s/$p" "$dir/" ;;
		esac
		local files="$s/$(basename "${p#*=}" .html)_files"
		[ ! -d "$files" ] || cp -r "$files" "$dir/"
	done
}
day 1 "$A" "$B" "$C" "$D"
# B and C again, A and D saved again under other names, E and F new
day 2 "$B" "$C" "$E" "$F" "ferry-fares-saved-again.html=$A" \
	"bridge-saved-twice.html=$D"
day 3 "$C" "$F" "$G" "$H"
# and E again under another address (syndicated): the same text
sed 's/harbourcourier\.example/wire-syndicate.example/g' "$s/$E" \
	> "$WORK/day3/syndicated-port-automation.html"

hist="$WORK/history.sqlite"
# build N ARTICLES SEEN: day N's edition; its summary line must count them.
build() {
	"$BROADSHEET" build --history "$hist" --skip-seen 7 --date "2026-12-0$1" \
		-o "$WORK/day$1.epub" "$WORK/day$1" > "$WORK/stdout" 2> "$WORK/stderr"
	local status=$?
	cat "$WORK/stdout" "$WORK/stderr"
	[ "$status" -eq 0 ] || fail "day $1: exit $status"
	[ ! -s "$WORK/stderr" ] || fail "day $1: stderr is not empty"
	grep -Eq "day$1\.epub: [0-9]+ sections?, $2 articles?, [0-9]+ pictures?, 0 skipped, $3 seen in the last 7 days$" \
		"$WORK/stdout" || fail "day $1: want $2 articles and '$3 seen in the last 7 days'"
}
build 1 4 0
build 2 2 4
build 3 2 3
cp "$WORK/day3.epub" "$WORK/day3-first.epub"

"$BROADSHEET" extract "$s/$A" "$s/$B" "$s/$C" "$s/$D" "$s/$E" "$s/$F" \
	"$s/$G" "$s/$H" > "$WORK/pages.json" || fail "extract"

# check HISTORY_JSON: the history and the EPUBs hold each story once.
check() {
	python3 - "$1" "$WORK" "$WORK/pages.json" <<'PY'
import hashlib, json, os, re, sys, zipfile
import xml.etree.ElementTree as ET

hist, work = json.load(open(sys.argv[1])), sys.argv[2]
pages = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8")]
story = {}
for letter, p in zip("ABCDEFGH", pages):
    story[letter] = p
want = {1: "ABCD", 2: "EF", 3: "GH"}

def source(p):  # what the package's dc:source says
    return p["url"] or os.path.basename(p["source"])

eds = hist["editions"]
assert [e["date"] for e in eds] == ["2026-12-03", "2026-12-02", "2026-12-01"], \
    [e["date"] for e in eds]
seen_urls, seen_fps = [], []
for e in eds:
    n = int(e["date"][-1])
    epub = os.path.join(work, "day%d.epub" % n)
    assert os.path.isabs(e["path"]), e["path"]
    assert os.path.realpath(e["path"]) == os.path.realpath(epub), e["path"]
    assert e["sha256"] == hashlib.sha256(open(epub, "rb").read()).hexdigest(), \
        "day %d: sha256" % n
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT.*", e["built"]), e["built"]
    assert e["title"], e
    items = e["items"]
    assert e["articles"] == len(items) == len(want[n]), (n, e["articles"], len(items))
    for i in items:
        assert re.fullmatch(r"[0-9a-f]{16}", i["fingerprint"]), i
    got = sorted((i["url"] or "", i["title"]) for i in items)
    exp = sorted((story[c]["url"] or "", story[c]["title"]) for c in want[n])
    assert got == exp, ("day %d" % n, got, exp)
    seen_urls += [i["url"] for i in items if i["url"]]
    seen_fps += [i["fingerprint"] for i in items]
    # the package itself: one dc:source per article
    opf = ET.fromstring(zipfile.ZipFile(epub).read("OEBPS/content.opf"))
    srcs = sorted(x.text for x in opf.iter("{http://purl.org/dc/elements/1.1/}source"))
    assert srcs == sorted(source(story[c]) for c in want[n]), ("day %d" % n, srcs)
assert len(seen_urls) == len(set(seen_urls)), "a URL in two editions"
assert len(seen_fps) == len(set(seen_fps)), "a text in two editions"
assert len(seen_fps) == 8
PY
}
"$BROADSHEET" history --history "$hist" --format json > "$WORK/h.json" \
	|| fail "broadsheet history exited with $?"
check "$WORK/h.json" || fail "the editions do not hold each story once"

# An edition rebuilt at its own path is not hidden by its own record: the
# same articles, the same bytes, and still three editions recorded.
build 3 2 3
cmp -s "$WORK/day3.epub" "$WORK/day3-first.epub" \
	|| fail "day 3 rebuilt at its own path differs"
"$BROADSHEET" history --history "$hist" --format json > "$WORK/h.json" \
	|| fail "broadsheet history exited with $?"
check "$WORK/h.json" || fail "after day 3 was rebuilt"

# -n 1: the newest only; the text listing: newest first, with articles.
"$BROADSHEET" history --history "$hist" --format json -n 1 > "$WORK/h1.json" \
	|| fail "history -n 1"
python3 -c '
import json, sys
eds = json.load(open(sys.argv[1]))["editions"]
assert len(eds) == 1 and eds[0]["date"] == "2026-12-03", eds
' "$WORK/h1.json" || fail "history -n 1 does not give the newest edition alone"
"$BROADSHEET" history --history "$hist" > "$WORK/h.txt" || fail "history --format text"
python3 - "$WORK/h.txt" "$WORK/pages.json" <<'PY' || fail "the text listing"
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
pages = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
at = [text.find("day%d.epub" % n) for n in (3, 2, 1)]
assert -1 not in at and at == sorted(at), "editions not listed newest first: %s" % at
for p in pages:
    assert p["title"] in text, "article not listed: " + p["title"]
PY

# The window: editions dated in the last DAYS days up to the edition's
# date, at another path. (A separate database.)
w="$WORK/window"
mkdir "$w"
hw="$WORK/window.sqlite"
wbuild() { # WANT_STATUS DATE DAYS|- NAME PAGE...
	local want=$1 date=$2 days=$3 name=$4
	shift 4
	local pages=() p
	for p; do pages+=("$s/$p"); done
	"$BROADSHEET" build --history "$hw" ${days:+--skip-seen "$days"} \
		--date "$date" -o "$w/$name" "${pages[@]}" > "$WORK/stdout" 2> "$WORK/stderr"
	local status=$?
	cat "$WORK/stdout" "$WORK/stderr"
	[ "$status" -eq "$want" ] || fail "$name: exit $status, want $want"
}
wbuild 0 2026-12-10 "" old.epub "$A"
wbuild 0 2026-12-20 "" late.epub "$B"
# A was in an edition two days before: left out; B only in a later one
wbuild 0 2026-12-12 7 d12.epub "$A" "$B" "$C"
grep -Eq "d12\.epub: .* 2 articles, .*, 1 seen in the last 7 days$" "$WORK/stdout" \
	|| fail "d12: want A left out (seen 2 days before), B and C kept"
# Five days after A's edition, with --skip-seen 1: A is packaged again
wbuild 0 2026-12-15 1 d15.epub "$A"
grep -Eq "d15\.epub: .* 1 article, " "$WORK/stdout" \
	|| fail "d15: an edition 5 days old hid an article from --skip-seen 1"
# --skip-seen 0: the same day's other editions only (a morning and an
# evening edition): B and C were in d12.epub, D is new
wbuild 0 2026-12-12 0 d12-evening.epub "$B" "$C" "$D"
grep -Eq "d12-evening\.epub: .* 1 article, .*, 2 seen today$" "$WORK/stdout" \
	|| fail "d12-evening: --skip-seen 0 should leave out what the same day's edition carried"
# Every article seen: nothing to package, nothing written
wbuild 3 2026-12-21 7 d21.epub "$B"
[ ! -e "$w/d21.epub" ] || fail "d21: an edition was written with every article seen"

# The default database: $XDG_STATE_HOME/broadsheet/history.sqlite, else
# ~/.local/state/broadsheet/history.sqlite; --no-history records nothing.
"$BROADSHEET" build -q -o "$WORK/x1.epub" "$s/$A" || fail "x1: exit $?"
[ -s "$XDG_STATE_HOME/broadsheet/history.sqlite" ] \
	|| fail "no history at \$XDG_STATE_HOME/broadsheet/history.sqlite"
"$BROADSHEET" history --format json > "$WORK/d.json" || fail "history (default)"
python3 -c '
import json, os, sys
eds = json.load(open(sys.argv[1]))["editions"]
assert [os.path.basename(e["path"]) for e in eds] == ["x1.epub"], eds
' "$WORK/d.json" || fail "history without --history does not read the default database"
XDG_STATE_HOME= "$BROADSHEET" build -q -o "$WORK/x2.epub" "$s/$A" || fail "x2: exit $?"
[ -s "$HOME/.local/state/broadsheet/history.sqlite" ] \
	|| fail "XDG_STATE_HOME empty: no history at ~/.local/state/broadsheet/history.sqlite"
XDG_STATE_HOME="$WORK/state2" "$BROADSHEET" build -q --no-history \
	-o "$WORK/x3.epub" "$s/$A" || fail "x3: exit $?"
[ -s "$WORK/x3.epub" ] || fail "x3: --no-history wrote no edition"
[ ! -e "$WORK/state2" ] || fail "--no-history created $(find "$WORK/state2")"

# No database yet: listed as such, status 0, and not created.
none="$WORK/none/history.sqlite"
out=$("$BROADSHEET" history --history "$none") || fail "history of a missing database: exit $?"
[ "$out" = "no editions recorded yet ($none)" ] || fail "history of a missing database: $out"
out=$("$BROADSHEET" history --history "$none" --format json) \
	|| fail "history --format json of a missing database: exit $?"
python3 -c 'import json, sys; assert json.loads(sys.argv[1]) == {"editions": []}' "$out" \
	|| fail "history --format json of a missing database: $out"
[ ! -e "$none" ] && [ ! -e "$WORK/none" ] || fail "listing a missing database created it"

# A history that is not a database: the edition is written, status 1, one
# line naming the file; the file stays as it was, with nothing beside it.
bad="$WORK/bad.sqlite"
head -c 8192 /dev/urandom > "$bad"
before=$(sha256sum < "$bad")
for days in "" 7; do
	rm -f "$WORK/c.epub"
	"$BROADSHEET" build -q --history "$bad" ${days:+--skip-seen "$days"} \
		-o "$WORK/c.epub" "$s/$A" "$s/$B" > "$WORK/stdout" 2> "$WORK/stderr"
	status=$?
	cat "$WORK/stdout" "$WORK/stderr"
	[ "$status" -eq 1 ] || fail "bad history${days:+ and --skip-seen}: exit $status, want 1"
	[ "$(wc -l < "$WORK/stderr")" -eq 1 ] \
		|| fail "bad history${days:+ and --skip-seen}: want one line on stderr"
	grep -qF "$bad" "$WORK/stderr" || fail "bad history: the file is not named"
	python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
assert len([n for n in z.namelist() if n.startswith("OEBPS/s") and "-a" in n]) == 2
' "$WORK/c.epub" || fail "bad history${days:+ and --skip-seen}: the edition is not whole"
	[ "$(sha256sum < "$bad")" = "$before" ] || fail "the bad history file was changed"
	extra=$(find "$WORK" -maxdepth 1 -name 'bad.sqlite?*')
	[ -z "$extra" ] || fail "files left beside the bad history: $extra"
done
epubcheck "$WORK/c.epub"
"$BROADSHEET" history --history "$bad" > /dev/null 2> "$WORK/stderr"
status=$?
[ "$status" -eq 1 ] || fail "history of a bad database: exit $status, want 1"
grep -qF "$bad" "$WORK/stderr" || fail "history of a bad database: the file is not named"

# A history that cannot be written (its folder would be a file): the same.
: > "$WORK/afile"
"$BROADSHEET" build -q --history "$WORK/afile/history.sqlite" \
	-o "$WORK/u.epub" "$s/$A" > "$WORK/stdout" 2> "$WORK/stderr"
status=$?
cat "$WORK/stdout" "$WORK/stderr"
[ "$status" -eq 1 ] || fail "unwritable history: exit $status, want 1"
[ "$(wc -l < "$WORK/stderr")" -eq 1 ] || fail "unwritable history: want one line on stderr"
grep -qF "$WORK/afile/history.sqlite" "$WORK/stderr" \
	|| fail "unwritable history: the file is not named"
[ -s "$WORK/u.epub" ] || fail "unwritable history: no edition"
[ ! -s "$WORK/afile" ] || fail "unwritable history: $WORK/afile was written"

echo "skip-seen: 3 days, 8 stories, each in one edition (4 + 2 + 2, 0/4/3 seen); window, default database and bad databases ok"
