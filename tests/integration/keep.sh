#!/bin/bash
# --keep N: after a successful build, only the newest N editions matching
# the output pattern stay ("newest": the date in the name, then the
# modification time); nothing else in the folder is ever removed.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$WORK/state" HOME="$WORK/home"
export TMPDIR="$WORK/tmp"
mkdir "$TMPDIR"
page="$SRCDIR/samples/harbour-courier-ferry-fares.html"

dir="$WORK/eds"
mkdir "$dir"
# Unrelated things: another pattern, other files, folders (one named like
# an edition), a file like the pattern but with no date.
echo "my notes" > "$dir/notes.txt"
echo "an evening edition" > "$dir/2026-01-01-evening.epub"
echo "a draft" > "$dir/draft-morning.epub"
mkdir "$dir/old" "$dir/2025-12-31-morning.epub"
echo "kept" > "$dir/old/2025-12-30-morning.epub"
echo "kept" > "$dir/2025-12-31-morning.epub/inside.txt"
# An old edition that does match the pattern.
"$BROADSHEET" build -q --no-history --date 2020-01-01 -o "$dir/2020-01-01-morning.epub" \
	"$page" || fail "the 2020 edition: exit $?"

# others: everything but the files matching the pattern, with contents.
others() {
	(cd "$dir" && find . -mindepth 1 ! -regex '\./[0-9-]*-morning\.epub' \
		-exec sh -c 'for f; do if [ -d "$f" ]; then echo "$f/"; else echo "$f $(sha256sum < "$f")"; fi; done' sh {} + | sort)
}
# editions DIR: the pattern's files there, sorted.
editions() {
	(cd "$1" && find . -mindepth 1 -maxdepth 1 -type f -name '*.epub' -printf '%f\n' | sort | tr '\n' ' ')
}
before=$(others)

morning() { # DATE
	"$BROADSHEET" build -q --no-history --keep 2 --date "$1" \
		-o "$dir/{date}-morning.epub" "$page" || fail "$1: exit $?"
}
want() { # WHAT...
	local got
	got=$(cd "$dir" && find . -mindepth 1 -maxdepth 1 -type f -regex '\./[0-9-]*-morning\.epub' -printf '%f\n' | sort | tr '\n' ' ')
	[ "$got" = "$* " ] || fail "$label: want $*, got $got"
	[ "$(others)" = "$before" ] || fail "$label: something else in the folder changed"
}
label="first" morning 2026-12-01
label="first" want 2020-01-01-morning.epub 2026-12-01-morning.epub
label="second" morning 2026-12-02
label="second" want 2026-12-01-morning.epub 2026-12-02-morning.epub
label="third" morning 2026-12-03
label="third" want 2026-12-02-morning.epub 2026-12-03-morning.epub
# The date in the name counts before the modification time.
touch -d 2030-01-01 "$dir/2026-12-02-morning.epub"
label="fourth" morning 2026-12-04
label="fourth" want 2026-12-03-morning.epub 2026-12-04-morning.epub

# A build that fails removes nothing.
mkdir "$WORK/empty"
: > "$WORK/empty/blank.html"
expect_status 3 "$BROADSHEET" build -q --no-history --keep 1 --date 2026-12-05 \
	-o "$dir/{date}-morning.epub" "$WORK/empty" 2>/dev/null
label="failed build" want 2026-12-03-morning.epub 2026-12-04-morning.epub

# {yyyy}{mm}{dd}: the same, from its parts.
d3="$WORK/parts"
mkdir "$d3"
"$BROADSHEET" build -q --no-history --keep 1 --date 2026-12-04 \
	-o "$d3/ed-{yyyy}{mm}{dd}.epub" "$page" || fail "parts: exit $?"
touch -d 2030-01-01 "$d3/ed-20261204.epub"
"$BROADSHEET" build -q --no-history --keep 1 --date 2026-12-05 \
	-o "$d3/ed-{yyyy}{mm}{dd}.epub" "$page" || fail "parts: exit $?"
[ "$(editions "$d3")" = "ed-20261205.epub " ] || fail "{yyyy}{mm}{dd}: got $(editions "$d3")"

# Editions of the same date ({title} too): the newest by modification time.
d2="$WORK/titles"
mkdir "$d2"
titled() { # DATE TITLE
	"$BROADSHEET" build -q --no-history --keep 2 --date "$1" --title "$2" \
		-o "$d2/{date}-{title}.epub" "$page" || fail "$1 $2: exit $?"
}
titled 2026-12-01 A
titled 2026-12-02 B
titled 2026-12-02 C
[ "$(editions "$d2")" = "2026-12-02-B.epub 2026-12-02-C.epub " ] \
	|| fail "{title}: want B and C of the 2nd, got $(editions "$d2")"
touch -d 2030-01-01 "$d2/2026-12-02-B.epub"
titled 2026-12-02 D
[ "$(editions "$d2")" = "2026-12-02-B.epub 2026-12-02-D.epub " ] \
	|| fail "{title}: want B (newest file) and D, got $(editions "$d2")"

# From a configuration file.
cat > "$WORK/keep.ini" <<INI
[edition]
output = eds/{date}-morning.epub
input = $page
keep = 1
INI
"$BROADSHEET" build -q --no-history -c "$WORK/keep.ini" --date 2026-12-05 \
	|| fail "keep = 1 in a config: exit $?"
label="keep = 1" want 2026-12-05-morning.epub

# Placeholders in a folder's name cannot be kept: usage error, nothing written.
for o in "$WORK/{yyyy}/{date}-morning.epub" "$WORK/eds-{date}/morning.epub"; do
	"$BROADSHEET" build -q --no-history --keep 2 --date 2026-12-05 -o "$o" \
		"$page" 2> "$WORK/stderr"
	status=$?
	cat "$WORK/stderr"
	[ "$status" -eq 2 ] || fail "--keep with $o: exit $status, want 2"
	[ -s "$WORK/stderr" ] || fail "--keep with $o: no message"
done
[ ! -e "$WORK/2026" ] && [ ! -e "$WORK/eds-2026-12-05" ] \
	|| fail "placeholders in a folder: something was written"

echo "keep: the newest 2 of 5 dated editions kept (by name date, then mtime), unrelated files and folders untouched"
