#!/bin/bash
# An existing edition is replaced only by a complete new one; failures
# leave it and no temporary files behind.
. "$(dirname "$0")/lib.sh"

out="$WORK/edition.epub"
echo "the previous edition" > "$out"
before=$(sha256sum < "$out")

# Nothing to package: the old file stays.
mkdir "$WORK/empty"
: > "$WORK/empty/x.html"
"$BROADSHEET" build -q -o "$out" "$WORK/empty" 2>/dev/null
[ "$(sha256sum < "$out")" = "$before" ] || fail "old edition damaged"

# A stylesheet that breaks the build: the old file stays.
mkdir "$WORK/xslt"
echo '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:message terminate="yes">no</xsl:message></xsl:template></xsl:stylesheet>' \
	> "$WORK/xslt/article.xsl"
"$BROADSHEET" build -q --xslt "$WORK/xslt" -o "$out" "$SRCDIR/samples" 2>/dev/null
[ $? -ne 0 ] || fail "a failing stylesheet did not fail the build"
[ "$(sha256sum < "$out")" = "$before" ] || fail "old edition damaged"

# A good build replaces it.
"$BROADSHEET" build -q -o "$out" "$SRCDIR/samples" || fail "build"
[ "$(sha256sum < "$out")" != "$before" ] || fail "edition not replaced"
epubcheck "$out"
leftovers=$(find "$WORK" -maxdepth 1 -name '.edition.epub.*')
[ -z "$leftovers" ] || fail "temporary files left: $leftovers"
echo "atomic: ok"
