#!/bin/bash
# Pages in windows-1252, ISO-8859-1/2/5/7, KOI8-R, EUC-KR, Shift_JIS,
# EUC-JP, GB18030, UTF-16 (both byte orders), declared and not, and pages
# that lie about their charset: every headline and body comes out as the
# right UTF-8 text, with no U+FFFD. Also a Shift_JIS page gzip-compressed,
# and every declared page without its declaration (uchardet's guess).
. "$(dirname "$0")/lib.sh"

python3 "$SRCDIR/tests/integration/charset_pages.py" "$WORK" \
	|| fail "cannot write the charset pages"
gzip -c "$WORK/shift_jis.html" > "$WORK/shift_jis-gzipped.html.gz"
# every page again with its declaration taken out: the charset is guessed
python3 - "$WORK" <<'PY'
import json, os, re, sys
work = sys.argv[1]
path = os.path.join(work, "expected.json")
e = json.load(open(path))
e["shift_jis-gzipped.html.gz"] = e["shift_jis.html"]
for name in [n for n in e if n.endswith(".html")]:
    data = open(os.path.join(work, name), "rb").read()
    bare = re.sub(rb'<meta charset="[^"]*">', b"", data)
    if bare != data:
        open(os.path.join(work, "no-meta-" + name), "wb").write(bare)
        e["no-meta-" + name] = e[name]
json.dump(e, open(path, "w"), ensure_ascii=False)
PY
"$BROADSHEET" extract --format json "$WORK"/*.html "$WORK"/*.html.gz \
	> "$WORK/out.json" || fail "extract exited with $?"
python3 - "$WORK/expected.json" "$WORK/out.json" <<'PY' || fail "charsets"
import json, os, sys
expected = json.load(open(sys.argv[1]))
got = {os.path.basename(a["source"]): a
       for a in map(json.loads, open(sys.argv[2]))}
bad = 0
for name, want in sorted(expected.items()):
    a = got.get(name)
    problems = []
    if a is None:
        problems.append("no article")
    else:
        if a["title"] != want["title"]:
            problems.append(f"title {a['title']!r}")
        if want["sentence"] not in a["text"]:
            problems.append(f"text {a['text'][:60]!r}")
        if "\ufffd" in a["text"] + a["title"]:
            problems.append("U+FFFD in the text")
    print(f"{name:30} {want['charset']:10} {'ok' if not problems else '; '.join(problems)}")
    bad += bool(problems)
sys.exit(bad)
PY
