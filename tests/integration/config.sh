#!/bin/bash
# --config FILE: samples/broadsheet.ini builds the sample edition; the
# command line overrides the file; placeholders, relative and ~/ paths;
# [section] and [drop] rules; every configuration error is status 2 and
# one line naming the file, the line and the key.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$WORK/state" HOME="$WORK/home"
export TMPDIR="$WORK/tmp"
mkdir "$TMPDIR" "$HOME"
s="$SRCDIR/samples"
touch "$WORK/stamp"

# xml_sections EDITION.XML: "Section: source source..." per section, in order.
xml_sections() {
	python3 - "$1" <<'PY'
import os, sys
import xml.etree.ElementTree as ET
for sec in ET.parse(sys.argv[1]).getroot().findall("section"):
    print(sec.find("name").text + ": " + " ".join(
        os.path.basename(a.find("source").text) for a in sec.findall("article")))
PY
}

# xml_title EDITION.XML: the edition's title.
xml_title() {
	python3 -c 'import sys, xml.etree.ElementTree as ET
print(ET.parse(sys.argv[1]).getroot().find("title").text)' "$1"
}

# opf_meta EPUB NAME: the dc:NAME values of the package.
opf_meta() {
	python3 - "$1" "$2" <<'PY'
import sys, zipfile
import xml.etree.ElementTree as ET
opf = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read("OEBPS/content.opf"))
for e in opf.iter("{http://purl.org/dc/elements/1.1/}" + sys.argv[2]):
    print(e.text)
PY
}

# run WANT CMD...: runs CMD with stdout and stderr in $WORK/stdout and
# $WORK/stderr (and shown), fails unless it exits with WANT.
run() {
	local want=$1 status
	shift
	"$@" > "$WORK/stdout" 2> "$WORK/stderr"
	status=$?
	cat "$WORK/stdout" "$WORK/stderr"
	[ "$status" -eq "$want" ] || fail "'$*' exited with $status, want $want"
}

# The sample configuration, its output redirected.
run 0 "$BROADSHEET" build --config "$s/broadsheet.ini" --date 2026-12-05 \
	-o "$WORK/sample.epub" --keep-xml "$WORK/sample.xml"
grep -Eq '^.*sample\.epub: [0-9]+ sections, 14 articles, 2 pictures, 0 skipped, 0 seen in the last 7 days$' \
	"$WORK/stdout" || fail "sample config: summary line"
[ ! -s "$WORK/stderr" ] || fail "sample config: stderr is not empty"
epubcheck "$WORK/sample.epub"
[ "$(xml_title "$WORK/sample.xml")" = "The Morning Edition" ] \
	|| fail "sample config: title $(xml_title "$WORK/sample.xml")"
[ "$(opf_meta "$WORK/sample.epub" publisher)" = "Broadsheet Samples" ] \
	|| fail "sample config: publisher"
[ "$(opf_meta "$WORK/sample.epub" language)" = "en" ] || fail "sample config: lang"
grep -q '<issue>No\. 12</issue>' "$WORK/sample.xml" || fail "sample config: issue"
xml_sections "$WORK/sample.xml" > "$WORK/sections"
cat "$WORK/sections"
python3 - "$WORK/sections" <<'PY' || fail "sample config: sections"
import sys
secs = {}
order = []
for line in open(sys.argv[1], encoding="utf-8"):
    name, _, srcs = line.rstrip("\n").partition(": ")
    order.append(name)
    secs[name] = srcs.split()
assert order[:3] == ["Opinion", "World", "Business"], order
assert sorted(secs["Opinion"]) == ["daily-ledger-pension-opinion.html",
    "harbour-courier-ferry-fares.html", "northfield-gazette-libraries-opinion.html"], secs
# [section "World"] match = category:Monde
assert "Monde" not in secs, order
assert "le-petit-quotidien-accord-tage.html" in secs["World"], secs["World"]
PY
stray=$(find "$s" -newer "$WORK/stamp")
[ -z "$stray" ] || fail "building the sample config wrote into samples/: $stray"
[ -s "$XDG_STATE_HOME/broadsheet/history.sqlite" ] \
	|| fail "sample config: the edition was not recorded in the default history"

# The command line wins: the title, and inputs replace the file's.
run 0 env XDG_STATE_HOME="$WORK/state-2" "$BROADSHEET" build -c "$s/broadsheet.ini" \
	--date 2026-12-05 --title "Override" -o "$WORK/override.epub" \
	--keep-xml "$WORK/override.xml" "$s/harbour-courier-ferry-fares.html"
grep -Eq 'override\.epub: 1 section, 1 article, ' "$WORK/stdout" \
	|| fail "inputs on the command line do not replace the file's"
[ "$(xml_title "$WORK/override.xml")" = "Override" ] \
	|| fail "--title does not override the file's title"

# Rules, relative paths (from the file's folder, whatever the working
# folder), placeholders in the output, an inline comment.
r="$WORK/rules"
mkdir -p "$r/pages" "$r/out"
cp -r "$s"/*.html "$s"/*_files "$r/pages/"
cat > "$r/edition.ini" <<'INI'
; rules: drop first, then the [section] blocks in order, first match wins
[edition]
title = Rules Edition      # the rest of the line is a comment
input = pages/
output = out/{date}-{title}.epub
history = state/history.sqlite

[images]
enabled = no

[drop]
match = url:*mackerel*
match = url:libraries-last-warm-room

[section "Comment"]
match = url:/OPINION/

[section "Ledger"]
match = site:The Daily Ledger

[section "Tech"]
match = site:circuitandsignal.example

[section "Files"]
# the file's name; this page has a URL, so it is not matched
match = url:harbour-courier-port-automation

[section "Nature"]
match = category:sci*

[section "Local"]
# no URL: its file's path is matched
match = url:gazette-bridge
INI
(cd / && run 0 "$BROADSHEET" build -v -c "$r/edition.ini" --date 2026-12-05 \
	--keep-xml "$WORK/rules.xml") || exit 1
ed="$r/out/2026-12-05-Rules-Edition.epub"
[ -s "$ed" ] || fail "rules: no $ed (is the inline comment after the title stripped?): $(ls "$r/out")"
[ -s "$r/state/history.sqlite" ] || fail "rules: history = state/history.sqlite not read from the file's folder"
# the two dropped articles are counted
grep -Eq '2026-12-05-Rules-Edition\.epub: 7 sections, 12 articles, 0 pictures, 0 skipped, 2 dropped' \
	"$WORK/stdout" || fail "rules: summary line (12 articles, 2 dropped)"
grep -q 'harbour-courier-mackerel-talks\.html' "$WORK/stderr" \
	|| fail "rules: -v does not name the dropped mackerel-talks page"
grep -q 'northfield-gazette-libraries-opinion\.html' "$WORK/stderr" \
	|| fail "rules: -v does not name the dropped libraries page"
xml_sections "$WORK/rules.xml" > "$WORK/sections"
cat > "$WORK/want" <<'TXT'
Comment: daily-ledger-pension-opinion.html harbour-courier-ferry-fares.html
Ledger: daily-ledger-minerals-compact.html daily-ledger-rate-decision.html
Tech: circuit-signal-ai-planning-tool.html circuit-signal-memory-safe-firmware.html circuit-signal-satellite-outage.html
Nature: harbour-courier-seagrass-survey.html
Local: northfield-gazette-bridge.html
Business: harbour-courier-port-automation.html northfield-gazette-grain-cooperative.html
Monde: le-petit-quotidien-accord-tage.html
TXT
diff "$WORK/want" "$WORK/sections" || fail "rules: sections (want - got +)"

# sections = ...: that order first.
sed 's/^input = pages\//input = pages\/\nsections = Local, Comment/' "$r/edition.ini" > "$r/ordered.ini"
run 0 "$BROADSHEET" build -q -c "$r/ordered.ini" --date 2026-12-05 \
	-o "$WORK/ordered.epub" --keep-xml "$WORK/ordered.xml"
xml_sections "$WORK/ordered.xml" | cut -d: -f1 | head -2 | tr '\n' ' ' > "$WORK/order"
[ "$(cat "$WORK/order")" = "Local Comment " ] || fail "sections = Local, Comment gave $(cat "$WORK/order")"

# Placeholders: {yyyy}{mm}{dd} and {title} with a slash and spaces in -o;
# ~/ and {date} in the file's input and output.
mkdir "$WORK/ph"
run 0 "$BROADSHEET" build --no-history --date 2026-12-05 --title "The Late/Night Edition" \
	-o "$WORK/ph/{yyyy}{mm}{dd}-{title}.epub" "$s/harbour-courier-ferry-fares.html"
[ -s "$WORK/ph/20261205-The-Late-Night-Edition.epub" ] \
	|| fail "-o placeholders: got $(ls "$WORK/ph")"
# {date} without --date: today
today=$(date +%F)
run 0 "$BROADSHEET" build --no-history -o "$WORK/ph/{date}.epub" "$s/harbour-courier-ferry-fares.html"
[ -s "$WORK/ph/$today.epub" ] || fail "-o {date} without --date: want $today.epub, got $(ls "$WORK/ph")"
mkdir -p "$HOME/news/2026-12-05" "$HOME/eds"
cp "$s/harbour-courier-ferry-fares.html" "$s/daily-ledger-minerals-compact.html" "$HOME/news/2026-12-05/"
cp "$s/harbour-courier-seagrass-survey.html" "$HOME/news/"
cat > "$WORK/home.ini" <<'INI'
[edition]
input = ~/news/{date}/
output = ~/eds/{date}.epub
INI
run 0 "$BROADSHEET" build --no-history -c "$WORK/home.ini" --date 2026-12-05
[ -s "$HOME/eds/2026-12-05.epub" ] || fail "~/ and {date} in the config: no ~/eds/2026-12-05.epub"
grep -Eq '2026-12-05\.epub: 2 sections, 2 articles, ' "$WORK/stdout" \
	|| fail "~/news/{date}/ as input: want the 2 pages of that day"

# Other paths in the file are read from its folder too: css.
mkdir -p "$WORK/cfgcss/style"
echo 'body { color: black; } /* mine */' > "$WORK/cfgcss/style/my.css"
printf '[edition]\ncss = style/my.css\n' > "$WORK/cfgcss/css.ini"
(cd / && run 0 "$BROADSHEET" build -q --no-history -c "$WORK/cfgcss/css.ini" \
	-o "$WORK/css.epub" "$s/harbour-courier-ferry-fares.html") || exit 1
python3 -c 'import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).read("OEBPS/style.css") != open(sys.argv[2], "rb").read())' \
	"$WORK/css.epub" "$WORK/cfgcss/style/my.css" || fail "css = style/my.css: not the package's style sheet"

# Booleans: true/false, yes/no, on/off, 1/0.
for v in true yes on 1 false no off 0; do
	printf '[edition]\ntitle = Booleans\n[images]\nenabled = %s\n' "$v" > "$WORK/bool.ini"
	run 0 "$BROADSHEET" build --no-history -c "$WORK/bool.ini" -o "$WORK/bool.epub" \
		"$s/daily-ledger-rate-decision.html"
	case $v in
	true | yes | on | 1) want="1 picture," ;;
	*) want="0 pictures," ;;
	esac
	grep -q "$want" "$WORK/stdout" || fail "enabled = $v: want $want"
done

# Errors: status 2, one line "broadsheet build: FILE:LINE: ..." naming
# the key, and no edition.
mkdir "$WORK/errs"
# bad NAME LINE KEY: the config is on stdin.
bad() {
	local f="$WORK/errs/$1.ini"
	cat > "$f"
	rm -f "$WORK/e.epub"
	"$BROADSHEET" build --no-history -c "$f" -o "$WORK/e.epub" \
		"$s/harbour-courier-ferry-fares.html" > "$WORK/stdout" 2> "$WORK/stderr"
	local status=$?
	cat "$WORK/stdout" "$WORK/stderr"
	[ "$status" -eq 2 ] || fail "$1: exit $status, want 2"
	[ ! -e "$WORK/e.epub" ] || fail "$1: an edition was written"
	head -1 "$WORK/stderr" | grep -qF "broadsheet build: $f:$2: " \
		|| fail "$1: the first line does not start 'broadsheet build: $f:$2: '"
	head -1 "$WORK/stderr" | grep -qF -- "$3" || fail "$1: the message does not name '$3'"
	# at most a pointer to --help after it
	[ "$(sed 1d "$WORK/stderr" | grep -vc -- '--help')" -eq 0 ] \
		|| fail "$1: more than one line of message"
}
bad outside 1 title <<'INI'
title = Loose
[edition]
publisher = Nobody
INI
bad header 4 editon <<'INI'
[edition]
title = Typo

[editon]
lang = en
INI
bad key 3 colour <<'INI'
[edition]
title = Colours
colour = blue
INI
bad quality 5 jpeg-quality <<'INI'
# comment
[edition]
title = Quality
[images]
jpeg-quality = 500
INI
bad size 3 size <<'INI'
[images]
grayscale = yes
size = big
INI
bad strict 4 strict <<'INI'
[edition]
title = Strict
; comment
strict = maybe
INI
bad keep 2 keep <<'INI'
[edition]
keep = -1
INI
bad prefix 5 match <<'INI'
[edition]
title = Prefix

[section "World"]
match = host:www.dailyledger.example
INI
bad empty 3 match <<'INI'
[section "World"]
match = site:The Daily Ledger
match = url:
INI
bad bare 2 match <<'INI'
[drop]
match = /live/
INI

# A missing configuration file is named.
run 2 "$BROADSHEET" build -c "$WORK/no-such.ini" -o "$WORK/e.epub" "$s/harbour-courier-ferry-fares.html"
grep -qF "$WORK/no-such.ini" "$WORK/stderr" || fail "a missing config file is not named"
[ ! -e "$WORK/e.epub" ] || fail "missing config: an edition was written"

echo "config: sample config builds (epubcheck), overrides, rules, placeholders, booleans and 11 errors ok"
