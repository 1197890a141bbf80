"""Prints the table of contents calibre reads from an e-book, indented by
depth. Run with calibre-debug: calibre-debug calibre_toc.py BOOK"""
import sys
from calibre.ebooks.oeb.polish.container import get_container
from calibre.ebooks.oeb.polish.toc import get_toc
c = get_container(sys.argv[1], tweak_mode=True)
toc = get_toc(c)
def walk(node, depth):
    for child in node:
        print("  " * depth + (child.title or ""))
        walk(child, depth + 1)
walk(toc, 0)
