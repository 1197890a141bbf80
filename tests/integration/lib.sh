# Shared by the integration tests: sourced, not run.
# Environment (set by tests/meson.build): BROADSHEET, SRCDIR, SHARED,
# TESTS_TMPDIR.

set -u

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

# A fresh folder for this test, removed at exit.
WORK=$(mktemp -d "${TESTS_TMPDIR:-/tmp}/bs-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Builds record their history here, never in the tester's home.
export XDG_STATE_HOME="$WORK/state"

# The shared corpus beside the checkout, or skip.
need_shared() {
	[ -d "$SHARED/corpus" ] || skip "../shared/ is not beside the checkout ($SHARED); corpus tests need it"
}

EPUBCHECK_JAR=${EPUBCHECK_JAR:-/usr/share/java/epubcheck.jar}

# epubcheck FILE: passes only with 0 fatals, 0 errors and 0 warnings.
epubcheck() {
	[ -f "$EPUBCHECK_JAR" ] || fail "epubcheck is not installed ($EPUBCHECK_JAR); apt-get install epubcheck"
	local out
	# the quick JIT and the serial collector: half the CPU time of a
	# short run, the same verdict
	out=$(java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$EPUBCHECK_JAR" \
		"$1" 2>&1)
	if ! grep -q 'No errors or warnings detected' <<<"$out"; then
		echo "$out" | grep -E '^(FATAL|ERROR|WARNING)|^Messages' | head -20 >&2
		fail "epubcheck reports problems in $1"
	fi
	echo "epubcheck: $1: no errors or warnings"
}

# expect_status WANT CMD...: runs CMD, fails unless it exits with WANT.
expect_status() {
	local want=$1 got
	shift
	"$@"
	got=$?
	[ "$got" -eq "$want" ] || fail "'$*' exited with $got, want $want"
}

# unzip_list EPUB: the entry names, in archive order.
unzip_list() {
	python3 - "$1" <<'PY'
import sys, zipfile
for info in zipfile.ZipFile(sys.argv[1]).infolist():
    print(info.filename)
PY
}
