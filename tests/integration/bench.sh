#!/bin/bash
# An edition of every page of the shared edition-bench corpus passes
# epubcheck.
. "$(dirname "$0")/lib.sh"
need_shared

out="$WORK/bench.epub"
"$BROADSHEET" build -o "$out" "$SHARED/corpus/edition-bench/pages" \
	> "$WORK/summary" 2> "$WORK/stderr"
status=$?
cat "$WORK/summary" "$WORK/stderr"
[ "$status" -le 1 ] || fail "build exited with $status"
grep -q ' 61 articles' "$WORK/summary" || fail "not all 61 pages packaged"
epubcheck "$out"
echo "bench: ok"
