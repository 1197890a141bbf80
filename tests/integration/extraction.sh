#!/bin/bash
# Extraction quality on the shared corpus, against issue 3's targets: the
# article body on extraction-dev (the public article-extraction
# benchmark's dev third) and the metadata on metadata-dev.
. "$(dirname "$0")/lib.sh"
need_shared

python3 "$SHARED/tools/run-extraction" --bin "$BROADSHEET" --jobs 2 \
	--html "$SHARED/corpus/extraction-dev/html" --out "$WORK/pred.json" \
	> /dev/null || fail "run-extraction"
python3 "$SHARED/tools/score-extraction" --json --per-item \
	--truth "$SHARED/corpus/extraction-dev/ground-truth.json" \
	--pred "$WORK/pred.json" > "$WORK/body.json" || fail "score-extraction"
python3 "$SHARED/tools/score-metadata" --json -j 2 --bin "$BROADSHEET" \
	--pages "$SHARED/corpus/metadata-dev" > "$WORK/meta.json" \
	|| fail "score-metadata"

python3 - "$WORK/body.json" "$WORK/meta.json" <<'PY' || fail "below the targets"
import json, sys
body = json.load(open(sys.argv[1]))
meta = json.load(open(sys.argv[2]))
low = [p["id"][:12] for p in body["per_item"] if p["f1"] < 0.5]
print("extraction-dev: F1 %.3f precision %.3f recall %.3f, pages below 0.5: %d"
      % (body["f1"], body["precision"], body["recall"], len(low)))
m = {k: (v["value"] if isinstance(v, dict) else v) for k, v in meta.items()
     if k in ("title", "title_lenient", "byline", "lang", "site", "published",
              "body_f1", "body_precision")}
print("metadata-dev: " + " ".join("%s %.2f" % kv for kv in sorted(m.items())))
targets = [
    (body["f1"], 0.97, "body F1"), (body["precision"], 0.95, "body precision"),
    (body["recall"], 0.95, "body recall"), (-len(low), 0, "pages below 0.5"),
    (m["title_lenient"], 0.95, "lenient title"), (m["byline"], 0.75, "byline"),
    (m["published"], 0.92, "published"), (m["lang"], 0.98, "lang"),
    (m["site"], 0.85, "site"), (m["body_f1"], 0.93, "metadata body F1"),
    (m["body_precision"], 0.90, "metadata body precision"),
]
missed = [name for got, want, name in targets if got < want - 1e-9]
assert not missed, missed
PY
echo "extraction: ok"
