#!/usr/bin/env python3
"""Checks broadsheet's extraction of plain-text page dumps (lynx -dump,
w3m -dump, a browser's "Save as Text") against NAME.expected beside each
NAME.txt: a JSON object with

  title       the headline, exactly
  byline      authors joined by ", ", exactly (null: none found)
  published   a prefix of the ISO date found (null: none found)
  section     the section, ignoring case (null: none found)
  body_start  what the body text starts with
  body_end    what the body text ends with
  note        the author's bio taken out of the body (null: none)

and, optionally, modified (a prefix, like published); description, site,
url and lang, exactly (null: none found); contains (texts the body must
hold) and absent (texts it must not: menus, boilerplate, link markers).
Texts are compared with white space collapsed.

Prints one line per dump; exits 1 when any field of any dump is wrong.

Usage: check_textdump.py BROADSHEET DIR
"""
import json
import os
import subprocess
import sys


def norm(s):
    return " ".join(s.split()) if isinstance(s, str) else s


def problems(got, want):
    """The fields of got (broadsheet's JSON) that disagree with want."""
    text = norm(got.get("text") or "")
    found = []

    def check(field, ok, value):
        if not ok:
            found.append("%s is %s, want %s" % (field, json.dumps(
                value, ensure_ascii=False), json.dumps(
                want.get(field), ensure_ascii=False)))

    for field in ("title", "byline", "note"):
        check(field, norm(got.get(field)) == norm(want[field]), got.get(field))
    for field in ("description", "site", "url", "lang"):
        if field in want:
            check(field, norm(got.get(field)) == norm(want[field]),
                  got.get(field))
    for field in ("published", "modified"):
        if field not in want:
            continue
        value, prefix = got.get(field), want[field]
        check(field, value.startswith(prefix) if value and prefix
              else value == prefix, value)
    section, expected = got.get("section"), want["section"]
    check("section", (section or "").lower() == (expected or "").lower()
          and (section is None) == (expected is None), section)
    check("body_start", text.startswith(norm(want["body_start"])),
          text[:80] + "...")
    check("body_end", text.endswith(norm(want["body_end"])),
          "..." + text[-80:])
    note = norm(got.get("note"))
    if note and note in text:
        found.append("the note is also in the body")
    if got.get("words", 0) < 150:
        found.append("only %d words" % got.get("words", 0))
    for part in want.get("contains", []):
        if norm(part) not in text:
            found.append("body lacks %s" % json.dumps(part, ensure_ascii=False))
    for part in want.get("absent", []):
        if norm(part) in text:
            found.append("body holds %s" % json.dumps(part, ensure_ascii=False))
    return found


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    broadsheet, folder = sys.argv[1:]
    names = sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".txt"))
    if not names:
        sys.exit("no dumps in %s" % folder)
    failed = 0
    for name in names:
        dump = os.path.join(folder, name + ".txt")
        try:
            with open(os.path.join(folder, name + ".expected"),
                      encoding="utf-8") as f:
                want = json.load(f)
        except (OSError, ValueError) as e:
            print("FAIL %s: cannot read its .expected: %s" % (dump, e))
            failed += 1
            continue
        run = subprocess.run([broadsheet, "extract", "--format", "json", dump],
                             capture_output=True, text=True)
        if run.returncode != 0 or not run.stdout.strip():
            print("FAIL %s: broadsheet exited with %d: %s" % (
                dump, run.returncode, run.stderr.strip()))
            failed += 1
            continue
        found = problems(json.loads(run.stdout), want)
        if found:
            failed += 1
            for p in found:
                print("FAIL %s: %s" % (dump, p))
        else:
            print("ok %s" % dump)
    if failed:
        print("%d of %d dumps wrong" % (failed, len(names)))
        sys.exit(1)


if __name__ == "__main__":
    main()
