#!/bin/bash
# The edition is the same bytes whatever the number of threads: pages and
# pictures are worked on in parallel, but taken in input order.
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1764316800
# every kind of input: pages with pictures, feeds, MHTML, text dumps
build() {
	local jobs=$1 out=$2
	shift 2
	"$BROADSHEET" build -q --no-history --date 2026-11-28 --jobs "$jobs" \
		-o "$out" "$@" 2>/dev/null
	local status=$?
	[ "$status" -le 1 ] || fail "--jobs $jobs exited with $status"
}
inputs=("$SRCDIR/samples" "$SRCDIR/tests/data/inputs" "$SRCDIR/tests/data/textdumps")
build 1 "$WORK/one.epub" "${inputs[@]}"
build 4 "$WORK/four.epub" "${inputs[@]}"
cmp "$WORK/one.epub" "$WORK/four.epub" || fail "--jobs 1 and --jobs 4 differ (samples)"
count=$(unzip_list "$WORK/one.epub" | grep -c '^OEBPS/s[0-9]*-a[0-9]*\.xhtml$')
[ "$count" -ge 20 ] || fail "only $count articles in the mixed edition"

if [ -d "$SHARED/corpus/edition-bench" ]; then
	build 1 "$WORK/bench1.epub" "$SHARED/corpus/edition-bench"
	build 4 "$WORK/bench4.epub" "$SHARED/corpus/edition-bench"
	cmp "$WORK/bench1.epub" "$WORK/bench4.epub" \
		|| fail "--jobs 1 and --jobs 4 differ (edition-bench)"
	pictures=$(unzip_list "$WORK/bench1.epub" | grep -c '^OEBPS/images/')
	echo "jobs: edition-bench identical with 1 and 4 threads ($pictures pictures)"
else
	echo "jobs: ../shared/ not beside the checkout; edition-bench part not run"
fi
echo "jobs: $count articles of every input kind identical with 1 and 4 threads"
