#!/bin/bash
# Body extraction on the shared extraction-dev corpus (the public
# article-extraction benchmark's dev third) and metadata on metadata-dev.
. "$(dirname "$0")/lib.sh"
need_shared

python3 "$SHARED/tools/run-extraction" --bin "$BROADSHEET" --jobs 2 \
	--html "$SHARED/corpus/extraction-dev/html" --out "$WORK/pred.json" \
	|| fail "run-extraction"
score=$(python3 "$SHARED/tools/score-extraction" \
	--truth "$SHARED/corpus/extraction-dev/ground-truth.json" \
	--pred "$WORK/pred.json" | tail -1)
echo "extraction-dev: $score"
python3 - "$score" <<'PY' || fail "extraction below the bar"
import sys
f = dict(zip(*[iter(sys.argv[1].split())] * 2))
assert float(f["F1"]) >= 0.90, f
PY
meta=$(python3 "$SHARED/tools/score-metadata" --bin "$BROADSHEET" -j 2 \
	--pages "$SHARED/corpus/metadata-dev" | tail -1)
echo "metadata-dev: $meta"
echo "extraction: ok"
