#!/bin/bash
# Hostile-by-accident input: the real pages of the shared corpus dumped as
# text by lynx and w3m, as people save them. Every dump must be read
# without a crash or a sanitizer report: an article (exit 0) or a clean
# "no article" skip (exit 1). How well the articles are found is
# bench/textdump's to measure.
. "$(dirname "$0")/lib.sh"

need_shared
[ -x "$BROADSHEET" ] || fail "no broadsheet binary at '$BROADSHEET'"
command -v lynx >/dev/null && command -v w3m >/dev/null \
	|| skip "lynx and w3m are not installed (apt-get install lynx w3m)"

pages=("$SHARED"/corpus/extraction-dev/html/*.html.gz)
[ -f "${pages[0]}" ] || skip "no pages in $SHARED/corpus/extraction-dev/html"
read_ok=0
for gz in "${pages[@]}"; do
	page="$WORK/$(basename "${gz%.gz}")"
	gzip -dc "$gz" >"$page"
	lynx -dump -force_html -width=80 -assume_charset=utf-8 \
		-display_charset=utf-8 "$page" >"$page.lynx.txt" 2>/dev/null
	w3m -dump -T text/html -I UTF-8 -O UTF-8 -cols 80 "$page" \
		>"$page.w3m.txt" 2>/dev/null
	for dump in "$page.lynx.txt" "$page.w3m.txt"; do
		"$BROADSHEET" extract --format json "$dump" >/dev/null 2>"$WORK/err"
		status=$?
		case $status in
		0) read_ok=$((read_ok + 1)) ;;
		1) ;;
		*) cat "$WORK/err" >&2
		   fail "extract of $(basename "$gz")'s dump $dump exited with $status" ;;
		esac
		if grep -q 'Sanitizer' "$WORK/err"; then
			cat "$WORK/err" >&2
			fail "sanitizer report on $(basename "$gz")'s dump"
		fi
	done
done
echo "corpus-dumps: ${#pages[@]} pages, $((2 * ${#pages[@]})) dumps read, $read_ok with an article"
