#!/usr/bin/env python3
"""Checks broadsheet's extraction of the sample pages against the pages
themselves: every paragraph of the article container is in the text (or,
for the author's bio, the note), and no boilerplate block (comments,
related stories, newsletter, cookie banner, share bar, menus, footer) is.

Usage: check_samples.py BROADSHEET SAMPLES_DIR
"""
import html.parser
import json
import re
import subprocess
import sys

BODY_CLASSES = {"story-body", "article__content", "post-body", "entry-content"}
BOILER_WORDS = ("comment", "related", "newsletter", "cookie", "share",
                "most-read", "footer", "nav", "promo", "sidebar", "ad-")
VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "col",
        "area", "base", "embed", "param", "track"}


def words(text):
    return re.findall(r"\w+", text)


class Blocks(html.parser.HTMLParser):
    """Collects the text of article paragraphs and of boilerplate blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, in_body, in_boiler)
        self.paragraphs = []     # text of <p> inside the article container
        self.boiler = []         # text chunks inside boilerplate
        self.current = None
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        cls = (a.get("class") or "") + " " + (a.get("id") or "")
        in_body = bool(self.stack and self.stack[-1][1])
        in_boiler = bool(self.stack and self.stack[-1][2])
        if set(cls.split()) & BODY_CLASSES:
            in_body = True
        if tag in ("nav", "footer", "aside", "form") or any(
                w in cls.lower() for w in BOILER_WORDS):
            in_boiler = True
        if tag in ("script", "style"):
            self.skip += 1
        self.stack.append((tag, in_body, in_boiler))
        if tag in ("p", "li", "h2", "h3", "blockquote", "figcaption", "td"):
            self.current = {"tag": tag, "body": in_body and not in_boiler,
                            "boiler": in_boiler, "text": ""}

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            t = self.stack.pop()
            if t[0] in ("script", "style"):
                self.skip -= 1
            if t[0] == tag:
                break
        if self.current and tag == self.current["tag"]:
            text = " ".join(self.current["text"].split())
            if self.current["body"] and tag == "p" and text:
                self.paragraphs.append(text)
            if self.current["boiler"] and len(words(text)) >= 6:
                self.boiler.append(text)
            self.current = None

    def handle_data(self, data):
        if self.current is not None and not self.skip:
            self.current["text"] += data


def main():
    binary, samples = sys.argv[1], sys.argv[2]
    import glob
    pages = sorted(glob.glob(samples + "/*.html"))
    assert len(pages) >= 10, pages
    failures = 0
    for page in pages:
        out = subprocess.run([binary, "extract", page], capture_output=True,
                             check=True, text=True).stdout
        article = json.loads(out)
        # the author's bio line leaves the body for the note
        got = " ".join(words(article["text"] + " " + (article["note"] or "")))
        parser = Blocks()
        parser.feed(open(page, encoding="utf-8").read())
        assert parser.paragraphs, page + ": no article paragraphs found"
        for p in parser.paragraphs:
            if " ".join(words(p)) not in got:
                print(f"{page}: paragraph missing: {p[:80]}")
                failures += 1
        for b in parser.boiler:
            if " ".join(words(b)) in got:
                print(f"{page}: boilerplate kept: {b[:80]}")
                failures += 1
    print(f"{len(pages)} pages, {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
