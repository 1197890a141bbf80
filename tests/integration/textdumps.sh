#!/bin/bash
# Plain-text page dumps (lynx -dump, w3m -dump, a browser's "Save as
# Text") through `broadsheet extract`: headline, byline, dates, section,
# where the body starts and ends, the bio note, and no menus or
# boilerplate, against tests/data/textdumps/NAME.expected.
. "$(dirname "$0")/lib.sh"

[ -x "$BROADSHEET" ] || fail "no broadsheet binary at '$BROADSHEET'"
python3 "$SRCDIR/tests/integration/check_textdump.py" "$BROADSHEET" \
	"$SRCDIR/tests/data/textdumps" || fail "text dumps extracted wrongly (see above)"
echo "textdumps: ok"
