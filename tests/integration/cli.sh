#!/bin/bash
# The command line: help, version, usage errors and their exit codes.
. "$(dirname "$0")/lib.sh"

"$BROADSHEET" --help | grep -q '^Usage: broadsheet' || fail "broadsheet --help"
"$BROADSHEET" --version | grep -Eq '^broadsheet [0-9]' || fail "--version"
"$BROADSHEET" build --help | grep -q 'Exit status' || fail "build --help"
"$BROADSHEET" extract --help | grep -q -- '--format' || fail "extract --help"

expect_status 2 "$BROADSHEET" 2>/dev/null
expect_status 2 "$BROADSHEET" frobnicate 2>/dev/null
expect_status 2 "$BROADSHEET" build 2>/dev/null
expect_status 2 "$BROADSHEET" build --frobnicate "$SRCDIR/samples" 2>/dev/null
expect_status 2 "$BROADSHEET" build -o 2>/dev/null
expect_status 2 "$BROADSHEET" build --date 2026-13-45 -o "$WORK/x.epub" "$SRCDIR/samples" 2>/dev/null
expect_status 2 "$BROADSHEET" extract 2>/dev/null
expect_status 2 "$BROADSHEET" extract --format yaml "$SRCDIR/samples" 2>/dev/null
"$BROADSHEET" build 2>&1 | grep -q "Try 'broadsheet build --help'" \
	|| fail "usage errors point at --help"

# Nothing to package: 3, and no file.
mkdir "$WORK/empty"
: > "$WORK/empty/blank.html"
expect_status 3 "$BROADSHEET" build -q -o "$WORK/none.epub" "$WORK/empty" 2>/dev/null
[ ! -e "$WORK/none.epub" ] || fail "an edition was written with nothing in it"

# A missing output folder is made; one that cannot be: 4.
expect_status 0 "$BROADSHEET" build -q -o "$WORK/new/dir/x.epub" \
	"$SRCDIR/samples"
[ -s "$WORK/new/dir/x.epub" ] || fail "no edition in the new folder"
: > "$WORK/a-file"
expect_status 4 "$BROADSHEET" build -q -o "$WORK/a-file/dir/x.epub" \
	"$SRCDIR/samples" 2>/dev/null

# Quiet means nothing at all when all went well.
out=$("$BROADSHEET" build -q -o "$WORK/q.epub" "$SRCDIR/samples" 2>&1)
[ -z "$out" ] || fail "-q printed: $out"
[ -s "$WORK/q.epub" ] || fail "-q wrote no edition"

# The summary line.
"$BROADSHEET" build -o "$WORK/s.epub" "$SRCDIR/samples" \
	| grep -Eq '^.*s\.epub: [0-9]+ sections, [0-9]+ articles, [0-9]+ pictures?, 0 skipped$' \
	|| fail "summary line"

# extract: one JSON object per file and line, with the contract's fields.
"$BROADSHEET" extract "$SRCDIR"/samples/harbour-courier-ferry-fares.html \
	"$SRCDIR"/samples/le-petit-quotidien-accord-tage.html > "$WORK/x.json" \
	|| fail "extract"
python3 - "$WORK/x.json" <<'PY' || fail "extract --format json contract"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) == 2, lines
for line in lines:
    d = json.loads(line)
    for k in ("source", "url", "title", "byline", "authors", "published",
              "section", "site", "lang", "description", "text", "words"):
        assert k in d, k
    assert d["title"] and d["text"] and d["words"] > 100, d["title"]
    assert isinstance(d["authors"], list)
    assert "\n\n" in d["text"]
first = json.loads(lines[0])
assert first["section"] == "Opinion", first["section"]
assert first["lang"].startswith("en")
second = json.loads(lines[1])
assert second["lang"].startswith("fr"), second["lang"]
PY
"$BROADSHEET" extract --format text "$SRCDIR"/samples/harbour-courier-ferry-fares.html \
	| head -1 | grep -q . || fail "extract --format text"
"$BROADSHEET" extract --format html "$SRCDIR"/samples/harbour-courier-ferry-fares.html \
	| grep -q '^<div xmlns="http://www.w3.org/1999/xhtml">' || fail "extract --format html"
expect_status 1 "$BROADSHEET" extract "$WORK/empty/blank.html" 2>/dev/null
echo "cli: ok"
