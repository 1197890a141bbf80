#!/bin/bash
# -q prints nothing when all went well. Quality warnings (a very short
# body, a date in the future, a byline that is a date, a picture not
# found) are one line each naming the page; the status stays 0, or 1 with
# --strict, and the edition is written either way.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$WORK/state" HOME="$WORK/home"
export TMPDIR="$WORK/tmp"
mkdir "$TMPDIR"
s="$SRCDIR/samples"

# Clean pages: not a word.
out=$("$BROADSHEET" build -q --no-history -o "$WORK/clean.epub" "$s" 2>&1)
status=$?
[ "$status" -eq 0 ] || fail "-q on the samples: exit $status"
[ -z "$out" ] || fail "-q on the samples printed: $out"
[ -s "$WORK/clean.epub" ] || fail "-q on the samples wrote nothing"
out=$("$BROADSHEET" build -q --strict --no-history -o "$WORK/clean.epub" "$s" 2>&1)
status=$?
[ "$status" -eq 0 ] || fail "-q --strict on the samples: exit $status (a warning?): $out"
[ -z "$out" ] || fail "-q --strict on the samples printed: $out"

# Pages made to warn, each about one thing.
in="$WORK/in"
mkdir "$in"
# page FILE BYLINE PUBLISHED EXTRA: a page of the Vale Herald, its body on stdin.
page() {
	{
		cat <<HTML
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>${1%.html} story - The Vale Herald</title>
<meta name="author" content="$2">
<meta property="og:site_name" content="The Vale Herald">
<meta property="article:published_time" content="$3">
<meta property="article:section" content="Local">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article>
<h1>${1%.html} story</h1>
<p class="byline">By <a rel="author" href="/staff">$2</a></p>
<div class="story-body">
$4
HTML
		cat
		echo '</div></article><footer>The Vale Herald, 1 Mill Road</footer></body></html>'
	} > "$in/$1"
}
future_year=$(($(date +%Y) + 3))
page short.html "Jane Porter" 2026-11-27T09:00:00Z "" <<'HTML'
<p>The council voted on Thursday to build a protected cycle lane along Mill Road, with work due to start in the spring.</p>
<p>Residents had asked for it for years.</p>
HTML
page future.html "Tom Reyes" "$future_year-05-01T09:00:00Z" "" <<'HTML'
<p>The Vale's oldest bakery will close its doors at the end of the month after one hundred and twelve years, its owners said on Wednesday, blaming the price of flour and of heating the ovens.</p>
<p>The shop on Station Street has been run by the same family since it opened. Its current owner, the founder's great-granddaughter, said she had tried everything to keep it going, from a night shift to a delivery round.</p>
<p>Customers queued around the corner on Saturday morning to buy the last of the plaited loaves the bakery is known for. Several said they had bought their bread there every week for decades.</p>
<p>The building's landlord said he hoped another baker would take the lease, and that the ovens, which date from the nineteen-thirties, would stay where they are.</p>
HTML
page byline.html "27 November 2026" 2026-11-27T10:00:00Z "" <<'HTML'
<p>Swimmers will be able to use the Vale's open-air lido all year round from next spring, after the town council agreed to fund a heat pump that will warm the water to twenty-four degrees.</p>
<p>The lido, built in nineteen thirty-six, has opened only from May to September for most of its history. A campaign by regular swimmers gathered more than four thousand signatures in favour of winter opening.</p>
<p>The heat pump will draw warmth from the river that runs beside the pool. Council engineers said it would cost less to run than the gas boiler it replaces, which has been broken since last winter.</p>
<p>Winter sessions will be shorter, and the changing rooms will be heated for the first time. Season tickets will go on sale in February.</p>
HTML
page missing.html "Ruth Okafor" 2026-11-27T11:00:00Z \
	'<figure><img src="missing_files/photo.jpg" alt="The new footbridge" width="1200" height="800"><figcaption>The new footbridge over the Vale.</figcaption></figure>' <<'HTML'
<p>A new footbridge over the river Vale opened on Friday, linking the railway station to the market square and cutting the walk between them from twenty minutes to five.</p>
<p>The bridge, made of weathering steel and oak, was lifted into place by crane in September. It is wide enough for bicycles and has a gentle slope for wheelchairs and pushchairs at both ends.</p>
<p>Market traders said they hoped it would bring more people from the trains to their stalls. The first to cross was a ninety-year-old resident who had campaigned for a bridge at that spot since the nineteen-seventies.</p>
<p>The old ferry, which carried passengers across the river for a small fare, will keep running on summer weekends as an attraction.</p>
HTML
cp "$s/harbour-courier-ferry-fares.html" "$in/"
words=$("$BROADSHEET" extract "$in/short.html" | python3 -c 'import json, sys; print(json.load(sys.stdin)["words"])')
[ "$words" -lt 50 ] || fail "short.html has $words words: not short"

# check STDERR: the four warnings, one line each, and nothing else.
check() {
	[ "$(wc -l < "$1")" -eq 4 ] || fail "want 4 lines on stderr (one per warning)"
	[ "$(grep -c '^warning: ' "$1")" -eq 4 ] || fail "want 4 lines starting 'warning: '"
	grep -Eq "^warning: [^ ]*short\.html: body has only $words words; kept$" "$1" \
		|| fail "short body: want 'warning: .../short.html: body has only $words words; kept'"
	grep -E "^warning: [^ ]*future\.html: .+; .+" "$1" | grep -Ei "future|$future_year" | grep -qi "kept" \
		|| fail "date in the future: want a line naming future.html, the date or 'future', and 'kept'"
	grep -E "^warning: [^ ]*byline\.html: .+; .+" "$1" | grep -i "byline" | grep -qi "left out" \
		|| fail "date as byline: want a line naming byline.html, 'byline' and 'left out'"
	grep -E "^warning: [^ ]*missing\.html: .+; .+" "$1" | grep -Eqi "picture|image|photo\.jpg" \
		|| fail "picture not found: want a line naming missing.html and the picture"
	! grep -q "ferry-fares" "$1" || fail "a warning about a clean page"
}

"$BROADSHEET" build --no-history -o "$WORK/warn.epub" --keep-xml "$WORK/warn.xml" \
	"$in" > "$WORK/stdout" 2> "$WORK/stderr"
status=$?
cat "$WORK/stdout" "$WORK/stderr"
[ "$status" -eq 0 ] || fail "warnings: exit $status, want 0"
check "$WORK/stderr"
grep -Eq 'warn\.epub: [0-9]+ sections?, 5 articles, 0 pictures, 0 skipped$' "$WORK/stdout" \
	|| fail "warnings: want all 5 articles kept, no picture"
python3 - "$WORK/warn.xml" <<'PY' || fail "what was done"
import os, sys
import xml.etree.ElementTree as ET
arts = {os.path.basename(a.find("source").text): a
        for a in ET.parse(sys.argv[1]).getroot().iter("article")}
assert sorted(arts) == ["byline.html", "future.html", "harbour-courier-ferry-fares.html",
                        "missing.html", "short.html"], sorted(arts)
b = arts["byline.html"]
assert b.find("byline") is None and b.find("author") is None, "the date byline was kept"
assert arts["future.html"].find("published") is not None, "the future date was not kept"
assert arts["missing.html"].find(".//{http://www.w3.org/1999/xhtml}img") is None
PY

# --strict: status 1, the same warnings, the edition written and valid.
rm -f "$WORK/warn.epub"
"$BROADSHEET" build --strict --no-history -o "$WORK/warn.epub" "$in" \
	> "$WORK/stdout" 2> "$WORK/stderr"
status=$?
cat "$WORK/stdout" "$WORK/stderr"
[ "$status" -eq 1 ] || fail "--strict with warnings: exit $status, want 1"
check "$WORK/stderr"
epubcheck "$WORK/warn.epub"

# strict = yes in a configuration file: the same.
printf '[edition]\nstrict = yes\n' > "$WORK/strict.ini"
rm -f "$WORK/warn.epub"
"$BROADSHEET" build -q -c "$WORK/strict.ini" --no-history -o "$WORK/warn.epub" "$in" \
	> /dev/null 2> "$WORK/stderr"
status=$?
[ "$status" -eq 1 ] || fail "strict = yes with warnings: exit $status, want 1"
check "$WORK/stderr"
[ -s "$WORK/warn.epub" ] || fail "strict = yes: no edition"

# -q when something went wrong (an input skipped): it is said, status 1.
: > "$WORK/empty.html"
"$BROADSHEET" build -q --no-history -o "$WORK/skip.epub" "$s/harbour-courier-ferry-fares.html" \
	"$WORK/empty.html" > "$WORK/stdout" 2> "$WORK/stderr"
status=$?
[ "$status" -eq 1 ] || fail "-q with a skipped input: exit $status, want 1"
grep -q "empty.html" "$WORK/stderr" || fail "-q with a skipped input: the input is not named"

echo "quiet: -q silent on a clean build; 4 quality warnings one line each, status 0, 1 with --strict (edition written)"
