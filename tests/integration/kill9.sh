#!/bin/bash
# A build killed at any moment (SIGKILL: no handler runs) leaves the
# previous edition at the target intact, or the new one complete, never a
# partial file; the next run into the folder removes what the killed run
# left, and nothing stays in $TMPDIR.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$WORK/state" HOME="$WORK/home"
export TMPDIR="$WORK/tmp"
mkdir "$TMPDIR" "$WORK/out"
out="$WORK/out/edition.epub"
kills=${KILL9_RUNS:-50}

# complete FILE TITLE: a whole EPUB (every member's CRC good, mimetype
# first and stored) whose title is TITLE.
complete() {
	python3 - "$1" "$2" <<'PY'
import sys, zipfile
import xml.etree.ElementTree as ET
try:
    z = zipfile.ZipFile(sys.argv[1])
    bad = z.testzip()
    assert bad is None, "damaged member " + bad
    first = z.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == 0, first.filename
    assert z.read("mimetype") == b"application/epub+zip"
    opf = ET.fromstring(z.read("OEBPS/content.opf"))
    title = opf.find(".//{http://purl.org/dc/elements/1.1/}title").text
    # "Run 7, 28 November 2026": the title, then the date
    assert title == sys.argv[2] or title.startswith(sys.argv[2] + ","), \
        (title, sys.argv[2])
except Exception as e:
    print("%s: %s" % (sys.argv[1], e), file=sys.stderr)
    sys.exit(1)
PY
}

build() { # TITLE
	"$BROADSHEET" build -q --no-history --title "$1" -o "$out" "$SRCDIR/samples"
}

# The first edition, and how long a build takes (the second of two: the
# first warms the caches).
build "Run 0" || fail "first build exited with $?"
complete "$out" "Run 0" || fail "the first edition is not complete"
start=$(date +%s%N)
build "Run 0" || fail "second build exited with $?"
duration_us=$((($(date +%s%N) - start) / 1000))
echo "one build: $((duration_us / 1000)) ms"
prev=$(sha256sum < "$out")

# Kills spread from the start to a third past the end of a build, so that
# some land before the rename, some after it, and some after the exit.
span_us=$((duration_us * 4 / 3 + 1000))
before=0 after=0 ended=0
for i in $(seq 1 "$kills"); do
	delay_us=$(((RANDOM * 32768 + RANDOM) % span_us))
	# the binary itself in the background (not a function: a subshell
	# would be killed instead)
	"$BROADSHEET" build -q --no-history --title "Run $i" -o "$out" \
		"$SRCDIR/samples" 2>/dev/null &
	pid=$!
	sleep "$(printf '%d.%06d' $((delay_us / 1000000)) $((delay_us % 1000000)))"
	kill -KILL "$pid" 2>/dev/null
	# (braces: the shell's "Killed" notice goes to /dev/null too)
	{ wait "$pid"; } 2>/dev/null
	status=$?
	[ -f "$out" ] || fail "kill $i (after ${delay_us} us): the target is gone"
	now=$(sha256sum < "$out")
	if [ "$now" = "$prev" ]; then
		# the old edition, whole: the kill came before the rename
		[ "$status" -eq 137 ] \
			|| fail "kill $i: run exited with $status and left the old edition"
		before=$((before + 1))
	else
		complete "$out" "Run $i" \
			|| fail "kill $i (after ${delay_us} us, status $status): the target is neither the old edition nor a complete new one"
		case $status in
		137) after=$((after + 1)) ;;
		0) ended=$((ended + 1)) ;;
		*) fail "kill $i: run exited with $status" ;;
		esac
		prev=$now
	fi
done
[ "$before" -ge $((kills / 5)) ] \
	|| fail "only $before of $kills kills landed before the rename: the test did not exercise a build in progress"

echo "kills: $before before the rename, $after after it, $ended after the run ended"

# The next run removes what killed runs left in the folder: theirs, and
# temporary files planted in their shape.
echo junk > "$WORK/out/.edition.epub.Xk3pQz.epub"
echo junk > "$WORK/out/.edition.epub.Rt7wYb.spool"
echo "mine" > "$WORK/out/notes.txt"
build "Final" || fail "the last build exited with $?"
complete "$out" "Final" || fail "the last edition is not complete"
left=$(cd "$WORK/out" && find . -mindepth 1 -maxdepth 1 -name '.edition.epub.*')
[ -z "$left" ] || fail "temporary files left in the output folder: $left"
[ "$(cat "$WORK/out/notes.txt")" = "mine" ] || fail "notes.txt was touched"
stale=$(cd "$TMPDIR" && find . -mindepth 1 -maxdepth 1 -name 'broadsheet-*')
[ -z "$stale" ] || fail "spool folders left in \$TMPDIR: $stale"
epubcheck "$out"
echo "kill9: $kills kills ($before mid-build, $after after the rename, $ended after the run ended), old edition intact or new complete every time"
