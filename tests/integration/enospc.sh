#!/bin/bash
# Out of disk space: status 4, one line naming the output and the reason,
# the previous edition byte-identical and no temporary file left; with
# space again, the build succeeds. On a 4 MiB tmpfs, so root only.
. "$(dirname "$0")/lib.sh"

export XDG_STATE_HOME="$WORK/state" HOME="$WORK/home"
export TMPDIR="$WORK/tmp"
mkdir "$TMPDIR"

[ "$(id -u)" -eq 0 ] || skip "needs root, to mount a small tmpfs that can fill up"
fs="$WORK/fs"
mkdir "$fs"
mount -t tmpfs -o size=4m tmpfs "$fs" 2> "$WORK/mount.err" \
	|| skip "cannot mount a tmpfs here: $(head -1 "$WORK/mount.err")"
trap 'umount "$fs" 2>/dev/null || umount -l "$fs"; rm -rf "$WORK"' EXIT

out="$fs/edition.epub"
# one page and its picture: the edition takes under 1 MiB of the 4
build() { # TITLE
	"$BROADSHEET" build --no-history --title "$1" -o "$out" \
		"$SRCDIR/samples/northfield-gazette-bridge.html" \
		"$SRCDIR/samples/daily-ledger-rate-decision.html"
}
build "Before" > /dev/null || fail "the first build exited with $?"
old=$(sha256sum < "$out")

# only the edition and the filler in the folder
only_ours() {
	local names
	names=$(cd "$fs" && find . -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | tr '\n' ' ')
	[ "$names" = "edition.epub filler " ] || fail "$1: the folder holds: $names"
}

# full: FREE_KB left free (0: none at all)
fill() {
	rm -f "$fs/filler"
	dd if=/dev/zero of="$fs/filler" bs=4k 2>/dev/null && fail "4 MiB did not fill up"
	[ "$1" -eq 0 ] || truncate -s "-$1K" "$fs/filler"
}

# No space at all, then a little (the edition starts, but does not fit).
for free in 0 200; do
	fill "$free"
	build "After" > "$WORK/stdout" 2> "$WORK/stderr"
	status=$?
	cat "$WORK/stdout" "$WORK/stderr"
	[ "$status" -eq 4 ] || fail "$free KiB free: exit $status, want 4"
	[ "$(wc -l < "$WORK/stderr")" -eq 1 ] \
		|| fail "$free KiB free: want one line on stderr"
	[ ! -s "$WORK/stdout" ] || fail "$free KiB free: a summary was printed"
	grep -qF "$out" "$WORK/stderr" || fail "$free KiB free: the output is not named"
	grep -Eqi 'no space left|ENOSPC|disk full' "$WORK/stderr" \
		|| fail "$free KiB free: the reason (no space) is not given"
	[ "$(sha256sum < "$out")" = "$old" ] \
		|| fail "$free KiB free: the previous edition was changed"
	only_ours "$free KiB free"
done

# Space again: a new edition.
rm "$fs/filler"
build "After" || fail "with space again: exit $?"
[ "$(sha256sum < "$out")" != "$old" ] || fail "the edition was not replaced"
left=$(cd "$fs" && find . -mindepth 1 -maxdepth 1 ! -name edition.epub)
[ -z "$left" ] || fail "temporary files left: $left"
stale=$(cd "$TMPDIR" && find . -mindepth 1 -maxdepth 1 -name 'broadsheet-*')
[ -z "$stale" ] || fail "spool folders left in \$TMPDIR: $stale"
epubcheck "$out"
echo "enospc: status 4 and the old edition intact with 0 and 200 KiB free; built once space was back"
