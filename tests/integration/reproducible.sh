#!/bin/bash
# With SOURCE_DATE_EPOCH set, two builds of the same inputs are
# byte-identical, even from different working folders and output names.
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1764316800
mkdir "$WORK/a" "$WORK/b"
(cd "$WORK/a" && "$BROADSHEET" build -q --date 2026-11-28 -o one.epub \
	"$SRCDIR/samples") || fail "first build"
(cd "$WORK/b" && "$BROADSHEET" build -q --date 2026-11-28 -o two.epub \
	"$SRCDIR/samples") || fail "second build"
cmp "$WORK/a/one.epub" "$WORK/b/two.epub" || fail "builds differ"

# Another time stamps the files differently: the check above is not vacuous.
SOURCE_DATE_EPOCH=1764403200 "$BROADSHEET" build -q --date 2026-11-28 \
	-o "$WORK/three.epub" "$SRCDIR/samples" || fail "third build"
! cmp -s "$WORK/a/one.epub" "$WORK/three.epub" \
	|| fail "SOURCE_DATE_EPOCH has no effect"
echo "reproducible: ok"
