#!/bin/bash
# Runs on the same output folder take turns: a build holds an exclusive
# flock(2) on the folder, a second one waits for it (--wait SECONDS) or
# gives up with status 4. Runs sharing a history database both record.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$WORK/state" HOME="$WORK/home"
export TMPDIR="$WORK/tmp"
mkdir "$TMPDIR"
command -v flock > /dev/null || skip "flock(1) (util-linux) is not installed"

dir="$WORK/out"
mkdir "$dir"
out="$dir/edition.epub"
pages=("$SRCDIR/samples/harbour-courier-ferry-fares.html"
	"$SRCDIR/samples/daily-ledger-minerals-compact.html"
	"$SRCDIR/samples/circuit-signal-satellite-outage.html")

title_of() {
	python3 - "$1" <<'PY'
import sys, zipfile
import xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
opf = ET.fromstring(z.read("OEBPS/content.opf"))
print(opf.find(".//{http://purl.org/dc/elements/1.1/}title").text)
PY
}

ms() { echo $(($(date +%s%N) / 1000000)); }

# Two builds at once on one output (all the samples: long enough to
# overlap): both succeed, one after the other, and what is left is one
# whole edition.
"$BROADSHEET" build -q --no-history --title "First" -o "$out" "$SRCDIR/samples" &
a=$!
"$BROADSHEET" build -q --no-history --title "Second" -o "$out" "$SRCDIR/samples" &
b=$!
wait "$a" || fail "the first of two simultaneous builds exited with $?"
wait "$b" || fail "the second of two simultaneous builds exited with $?"
title=$(title_of "$out") || fail "not a complete EPUB after two simultaneous builds"
case $title in
First | First,* | Second | Second,*) ;;
*) fail "title '$title' is neither build's" ;;
esac
epubcheck "$out"
left=$(cd "$dir" && find . -mindepth 1 ! -name edition.epub)
[ -z "$left" ] || fail "temporary files left: $left"
old=$(sha256sum < "$out")

# hold SECONDS: another process (flock(1)) holds the folder's lock for
# SECONDS; returns once it does.
hold() {
	flock "$dir" sleep "$1" &
	holder=$!
	local i
	for i in $(seq 100); do
		flock -n "$dir" true || return 0
		sleep 0.05
	done
	fail "flock(1) did not take the folder's lock"
}

# Held for 6 s: --wait 1 gives up after about a second, before the
# holder lets go, with status 4 and one line naming the folder; the
# edition there is untouched.
t0=$(ms)
hold 6
"$BROADSHEET" build --no-history --wait 1 --title "Impatient" -o "$out" \
	"${pages[@]}" > "$WORK/stdout" 2> "$WORK/stderr"
status=$?
took=$(($(ms) - t0))
flock -n "$dir" true && fail "--wait 1 returned after the holder let go: it did not give up"
cat "$WORK/stdout" "$WORK/stderr"
[ "$status" -eq 4 ] || fail "--wait 1 on a held folder: exit $status, want 4"
[ "$took" -ge 900 ] || fail "--wait 1 gave up after $took ms, before waiting a second"
[ "$(wc -l < "$WORK/stderr")" -eq 1 ] || fail "--wait 1: want one line on stderr"
grep -qF "another broadsheet run is writing" "$WORK/stderr" \
	|| fail "--wait 1: the message does not say what holds the folder"
grep -qF "$dir" "$WORK/stderr" || fail "--wait 1: the folder is not named"
[ "$(sha256sum < "$out")" = "$old" ] || fail "--wait 1 changed the edition"
left=$(cd "$dir" && find . -mindepth 1 ! -name edition.epub)
[ -z "$left" ] || fail "--wait 1 left files: $left"

# wait = 1 in a configuration file: the same.
printf '[edition]\nwait = 1\n' > "$WORK/wait.ini"
"$BROADSHEET" build -q --no-history -c "$WORK/wait.ini" -o "$out" "${pages[@]}" 2> "$WORK/stderr"
status=$?
[ "$status" -eq 4 ] || fail "wait = 1 in a config, on a held folder: exit $status, want 4"
grep -qF "$dir" "$WORK/stderr" || fail "wait = 1: the folder is not named"

# A build into another folder is not held up meanwhile: it is done while
# the lock is still held.
mkdir "$WORK/elsewhere"
"$BROADSHEET" build -q --no-history --wait 1 -o "$WORK/elsewhere/e.epub" \
	"${pages[@]}" || fail "a build into another folder exited with $? while $dir was held"
flock -n "$dir" true && fail "a build into another folder took until $dir was released"
wait "$holder"

# Held for 4 s: --wait 30 waits for the release, then builds.
t0=$(ms)
hold 4
"$BROADSHEET" build -q --no-history --wait 30 --title "Patient" -o "$out" \
	"${pages[@]}" || fail "--wait 30 on a held folder: exit $?"
took=$(($(ms) - t0))
[ "$took" -ge 3900 ] || fail "--wait 30 finished after $took ms, while the folder was still held"
case $(title_of "$out") in
Patient | Patient,*) ;;
*) fail "--wait 30 did not write its edition" ;;
esac
wait "$holder"

# Four runs into four folders, one history database, all at once: each
# records its edition.
hist="$WORK/history.sqlite"
pids=()
for n in 1 2 3 4; do
	mkdir "$WORK/h$n"
	"$BROADSHEET" build -q --history "$hist" --title "Shared $n" \
		-o "$WORK/h$n/edition.epub" "${pages[@]}" 2> "$WORK/h$n.err" &
	pids+=($!)
done
for n in 1 2 3 4; do
	wait "${pids[n - 1]}" \
		|| fail "run $n sharing the history exited with $?: $(cat "$WORK/h$n.err")"
done
"$BROADSHEET" history --history "$hist" --format json > "$WORK/history.json" \
	|| fail "broadsheet history exited with $?"
python3 - "$WORK/history.json" "$WORK" <<'PY' || fail "the shared history does not hold the four editions"
import json, os, sys
eds = json.load(open(sys.argv[1]))["editions"]
assert all(os.path.isabs(e["path"]) for e in eds), [e["path"] for e in eds]
want = sorted(os.path.realpath(os.path.join(sys.argv[2], "h%d" % n, "edition.epub"))
              for n in (1, 2, 3, 4))
got = sorted(os.path.realpath(e["path"]) for e in eds)
assert got == want, got
for e in eds:
    assert e["articles"] == 3 and len(e["items"]) == 3, e
PY
echo "concurrent: simultaneous builds take turns; --wait 1 gives up with status 4, --wait 30 builds after the release; 4 runs share one history"
