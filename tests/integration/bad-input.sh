#!/bin/bash
# Bad inputs are skipped one line each, the rest is packaged, exit 1.
. "$(dirname "$0")/lib.sh"

in="$WORK/in"
mkdir "$in"
cp "$SRCDIR"/samples/harbour-courier-ferry-fares.html \
	"$SRCDIR"/samples/daily-ledger-minerals-compact.html "$in/"
: > "$in/empty.html"
head -c 4096 /dev/urandom > "$in/binary.html"
printf '\0\0\0garbage' >> "$in/binary.html"
gzip -c "$SRCDIR/samples/circuit-signal-satellite-outage.html" \
	| head -c 900 > "$in/truncated.html.gz"
cat > "$in/no-article.html" <<'HTML'
<!DOCTYPE html>
<html lang="en"><head><title>Menu</title></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/a">A</a></li></ul></nav>
<footer>© 2026</footer></body></html>
HTML

"$BROADSHEET" build -o "$WORK/out.epub" "$in" > "$WORK/stdout" 2> "$WORK/stderr"
status=$?
cat "$WORK/stdout" "$WORK/stderr"
[ "$status" -eq 1 ] || fail "exit status $status, want 1"
[ "$(wc -l < "$WORK/stderr")" -eq 4 ] || fail "want one line per bad input"
grep -q "empty.html: empty file" "$WORK/stderr" || fail "empty file"
grep -q "binary.html: binary data" "$WORK/stderr" || fail "binary file"
grep -q "truncated.html.gz: truncated gzip data; no article before it" "$WORK/stderr" \
	|| fail "truncated gzip"
grep -q "no-article.html: no article text" "$WORK/stderr" || fail "no article"
grep -q "2 articles, .* 4 skipped" "$WORK/stdout" || fail "summary"
epubcheck "$WORK/out.epub"

# Only bad inputs: nothing to package.
rm "$in"/*-*.html
expect_status 3 "$BROADSHEET" build -q -o "$WORK/none.epub" "$in" 2>/dev/null
[ ! -e "$WORK/none.epub" ] || fail "an empty edition was written"

# A missing input is named, the rest still built.
"$BROADSHEET" build -q -o "$WORK/m.epub" "$WORK/missing.html" \
	"$SRCDIR/samples/harbour-courier-ferry-fares.html" 2> "$WORK/err"
[ $? -eq 1 ] || fail "missing input: want exit 1"
grep -q "missing.html: No such file" "$WORK/err" || fail "missing input named"
# A truncated gzip file gives what came before the damage: a page's
# article, a feed's items before it.
page=$(gzip -c "$SRCDIR/samples/harbour-courier-ferry-fares.html" | wc -c)
gzip -c "$SRCDIR/samples/harbour-courier-ferry-fares.html" \
	| head -c $((page * 9 / 10)) > "$WORK/cut-page.html.gz"
feed=$(gzip -c "$SRCDIR/tests/data/inputs/harbour-courier.rss" | wc -c)
gzip -c "$SRCDIR/tests/data/inputs/harbour-courier.rss" \
	| head -c $((feed * 6 / 10)) > "$WORK/cut-feed.rss.gz"
for f in cut-page.html.gz cut-feed.rss.gz; do
	"$BROADSHEET" build -o "$WORK/$f.epub" "$WORK/$f" > "$WORK/out" 2> "$WORK/err"
	status=$?
	cat "$WORK/out" "$WORK/err"
	[ "$status" -eq 1 ] || fail "$f: exit $status, want 1"
	grep -q "$f: truncated gzip data; the [0-9]* articles\? before it \(is\|are\) used" \
		"$WORK/err" || fail "$f: the damage is not named"
	epubcheck "$WORK/$f.epub"
done
# Nothing hangs: a FIFO, and files of 3 GiB (sparse), a page and a web
# archive whose one record says it is that large.
mkdir "$WORK/big"
mkfifo "$WORK/pipe.html"
truncate -s 3G "$WORK/big/huge.html"
{
	printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.example/\r\n'
	printf 'Content-Length: 3221225472\r\n\r\n'
} > "$WORK/big/huge.warc"
truncate -s 3G "$WORK/big/huge.warc"
start=$(date +%s)
timeout 120 "$BROADSHEET" build -o "$WORK/big.epub" "$WORK/big" \
	"$WORK/pipe.html" "$SRCDIR/samples/harbour-courier-ferry-fares.html" > "$WORK/out" 2> "$WORK/err"
status=$?
cat "$WORK/out" "$WORK/err"
[ "$status" -eq 1 ] || fail "huge inputs: exit $status, want 1"
grep -q "pipe.html: not a regular file" "$WORK/err" || fail "the FIFO"
grep -q "huge.html: file too large" "$WORK/err" || fail "the 3 GiB page"
grep -q "huge.warc: .*truncated record" "$WORK/err" || fail "the 3 GiB record"
echo "huge inputs: $(($(date +%s) - start)) s"
echo "bad-input: ok"
