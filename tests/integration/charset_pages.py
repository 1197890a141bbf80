#!/usr/bin/env python3
"""Writes news pages in many charsets into the folder given, and
expected.json: for each file, the title and a sentence of the body as
they must come out (UTF-8), whatever the page's bytes. Some pages declare
their charset, some do not, one lies."""
import json
import os
import sys

out = sys.argv[1]

ARTICLES = {
    "en": ("Harbour board \u201cpauses\u201d the \u20ac4m crane deal",
           ["The harbour board said on Friday that it had paused the "
            "\u20ac4m purchase of two cranes \u2014 a decision the dock "
            "workers\u2019 union called \u201clong overdue\u201d.",
            "The board\u2019s chair, Ren\u00e9e Dubois, said the caf\u00e9 "
            "owners on the quay had also asked for a delay until the "
            "summer season is over.",
            "A new tender will be published in March, with a decision "
            "expected before the end of the financial year."]),
    "fr": ("La mairie r\u00e9nove l'\u00e9cole du quartier des "
           "\u00c9cluses",
           ["Les travaux de r\u00e9novation de l'\u00e9cole "
            "\u00e9l\u00e9mentaire des \u00c9cluses commenceront \u00e0 "
            "la rentr\u00e9e de f\u00e9vrier, a annonc\u00e9 la mairie "
            "jeudi soir.",
            "Le chantier, estim\u00e9 \u00e0 2,3 millions d'euros, "
            "pr\u00e9voit l'isolation des fa\u00e7ades et un "
            "pr\u00e9au neuf pour les \u00e9l\u00e8ves.",
            "Les parents d'\u00e9l\u00e8ves ont salu\u00e9 la "
            "d\u00e9cision, tout en demandant que les cours ne soient "
            "pas d\u00e9plac\u00e9s trop loin pendant les travaux."]),
    "pl": ("\u0141\u00f3d\u017a: nowa linia tramwajowa po\u0142\u0105czy "
           "dworzec z osiedlem",
           ["Radni \u0141odzi zdecydowali w czwartek o budowie nowej "
            "linii tramwajowej, kt\u00f3ra po\u0142\u0105czy dworzec z "
            "osiedlem na p\u00f3\u0142nocy miasta.",
            "Budowa ma si\u0119 rozpocz\u0105\u0107 wiosn\u0105 i "
            "potrwa\u0107 oko\u0142o dw\u00f3ch lat. Koszt "
            "oszacowano na 480 milion\u00f3w z\u0142otych.",
            "Mieszka\u0144cy osiedla od lat skar\u017c\u0105 si\u0119 "
            "na zat\u0142oczone autobusy i d\u0142ugie dojazdy do "
            "centrum."]),
    "el": ("\u039d\u03ad\u03bf \u03bb\u03b9\u03bc\u03ac\u03bd\u03b9 "
           "\u03c3\u03c4\u03b7 \u039d\u03ac\u03be\u03bf",
           ["\u03a4\u03bf \u03b4\u03b7\u03bc\u03bf\u03c4\u03b9\u03ba\u03cc "
            "\u03c3\u03c5\u03bc\u03b2\u03bf\u03cd\u03bb\u03b9\u03bf "
            "\u03b5\u03bd\u03ad\u03ba\u03c1\u03b9\u03bd\u03b5 "
            "\u03c4\u03b7\u03bd \u03b5\u03c0\u03ad\u03ba\u03c4\u03b1\u03c3\u03b7 "
            "\u03c4\u03bf\u03c5 \u03bb\u03b9\u03bc\u03b1\u03bd\u03b9\u03bf\u03cd "
            "\u03c4\u03b7\u03bd \u03a0\u03ad\u03bc\u03c0\u03c4\u03b7.",
            "\u03a4\u03b1 \u03ad\u03c1\u03b3\u03b1 \u03b8\u03b1 "
            "\u03be\u03b5\u03ba\u03b9\u03bd\u03ae\u03c3\u03bf\u03c5\u03bd "
            "\u03c4\u03bf\u03bd \u039c\u03ac\u03c1\u03c4\u03b9\u03bf "
            "\u03ba\u03b1\u03b9 \u03b8\u03b1 \u03b4\u03b9\u03b1\u03c1\u03ba\u03ad\u03c3\u03bf\u03c5\u03bd "
            "\u03b4\u03cd\u03bf \u03c7\u03c1\u03cc\u03bd\u03b9\u03b1.",
            "\u039f\u03b9 \u03c8\u03b1\u03c1\u03ac\u03b4\u03b5\u03c2 "
            "\u03c4\u03bf\u03c5 \u03bd\u03b7\u03c3\u03b9\u03bf\u03cd "
            "\u03c7\u03b1\u03b9\u03c1\u03ad\u03c4\u03b7\u03c3\u03b1\u03bd "
            "\u03c4\u03b7\u03bd \u03b1\u03c0\u03cc\u03c6\u03b1\u03c3\u03b7."]),
    "ru": ("\u0412 \u041a\u0430\u0437\u0430\u043d\u0438 "
           "\u043e\u0442\u043a\u0440\u044b\u043b\u0438 "
           "\u043d\u043e\u0432\u044b\u0439 \u043c\u043e\u0441\u0442",
           ["\u041d\u043e\u0432\u044b\u0439 \u043c\u043e\u0441\u0442 "
            "\u0447\u0435\u0440\u0435\u0437 \u041a\u0430\u0437\u0430\u043d\u043a\u0443 "
            "\u043e\u0442\u043a\u0440\u044b\u043b\u0438 \u0434\u043b\u044f "
            "\u0434\u0432\u0438\u0436\u0435\u043d\u0438\u044f \u0432 "
            "\u0441\u0443\u0431\u0431\u043e\u0442\u0443 \u0443\u0442\u0440\u043e\u043c.",
            "\u0421\u0442\u0440\u043e\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e "
            "\u0437\u0430\u043d\u044f\u043b\u043e \u0442\u0440\u0438 "
            "\u0433\u043e\u0434\u0430 \u0438 \u043e\u0431\u043e\u0448\u043b\u043e\u0441\u044c "
            "\u0432 \u0434\u0432\u0430 \u043c\u0438\u043b\u043b\u0438\u0430\u0440\u0434\u0430 "
            "\u0440\u0443\u0431\u043b\u0435\u0439.",
            "\u0416\u0438\u0442\u0435\u043b\u0438 "
            "\u0440\u0430\u0439\u043e\u043d\u0430 \u0436\u0434\u0430\u043b\u0438 "
            "\u044d\u0442\u043e\u0433\u043e \u0434\u043d\u044f "
            "\u043c\u043d\u043e\u0433\u043e \u043b\u0435\u0442."]),
    "ko": ("\ubd80\uc0b0\ud56d\uc5d0 \uc0c8 \uc5ec\uac1d\uc120 "
           "\ud130\ubbf8\ub110 \ubb38 \uc5f4\uc5b4",
           ["\ubd80\uc0b0\ud56d\ub9cc\uacf5\uc0ac\ub294 \ud1a0\uc694\uc77c "
            "\uc0c8 \uad6d\uc81c\uc5ec\uac1d\uc120 \ud130\ubbf8\ub110\uc744 "
            "\uac1c\uc7a5\ud588\ub2e4\uace0 \ubc1d\ud614\ub2e4.",
            "\uc0c8 \ud130\ubbf8\ub110\uc740 \ud558\ub8e8\uc5d0 \ucd5c\ub300 "
            "\uc77c\ub9cc \uba85\uc758 \uc5ec\ud589\uac1d\uc744 "
            "\ucc98\ub9ac\ud560 \uc218 \uc788\ub2e4.",
            "\uc2dc\ubbfc\ub4e4\uc740 \uad50\ud1b5\uc774 \ub354 "
            "\ud3b8\ub9ac\ud574\uc9c8 \uac83\uc73c\ub85c "
            "\uae30\ub300\ud558\uace0 \uc788\ub2e4."]),
    "ja": ("\u5927\u962a\u3067\u65b0\u3057\u3044\u56f3\u66f8\u9928\u304c"
           "\u958b\u9928",
           ["\u5927\u962a\u5e02\u306f\u571f\u66dc\u65e5\u3001\u99c5\u524d"
            "\u306b\u65b0\u3057\u3044\u5e02\u7acb\u56f3\u66f8\u9928\u3092"
            "\u958b\u9928\u3057\u305f\u3068\u767a\u8868\u3057\u305f\u3002",
            "\u8535\u66f8\u306f\u7d04\u4e8c\u5341\u4e07\u518a\u3067\u3001"
            "\u591c\u4e5d\u6642\u307e\u3067\u5229\u7528\u3067\u304d\u308b"
            "\u3002",
            "\u5e02\u6c11\u304b\u3089\u306f\u300c\u4ed5\u4e8b\u5e30\u308a"
            "\u306b\u5bc4\u308c\u3066\u4fbf\u5229\u3060\u300d\u3068\u3044"
            "\u3046\u58f0\u304c\u4e0a\u304c\u3063\u305f\u3002"]),
    "zh": ("\u676d\u5dde\u65b0\u5730\u94c1\u7ebf\u8def\u4eca\u65e5"
           "\u5f00\u901a",
           ["\u676d\u5dde\u5730\u94c1\u65b0\u7ebf\u8def\u5468\u516d\u6b63"
            "\u5f0f\u5f00\u901a\u8fd0\u8425\uff0c\u5168\u957f\u4e09\u5341"
            "\u516c\u91cc\u3002",
            "\u65b0\u7ebf\u8def\u8fde\u63a5\u706b\u8f66\u4e1c\u7ad9\u548c"
            "\u673a\u573a\uff0c\u7968\u4ef7\u4e3a\u4e94\u5143\u81f3\u5341"
            "\u5143\u3002",
            "\u5e02\u6c11\u8868\u793a\uff0c\u4e0a\u73ed\u65f6\u95f4\u5c06"
            "\u5927\u5927\u7f29\u77ed\u3002"]),
}

# file name: (language, charset of the bytes, what the page declares)
PAGES = {
    "windows-1252.html": ("en", "cp1252", "windows-1252"),
    "iso-8859-1.html": ("fr", "latin-1", "iso-8859-1"),
    "iso-8859-1-c1.html": ("en", "cp1252", "iso-8859-1"),
    "iso-8859-2.html": ("pl", "iso-8859-2", "iso-8859-2"),
    "iso-8859-5.html": ("ru", "iso-8859-5", "iso-8859-5"),
    "iso-8859-7.html": ("el", "iso-8859-7", "iso-8859-7"),
    "koi8-r.html": ("ru", "koi8-r", "koi8-r"),
    "euc-kr.html": ("ko", "euc-kr", "euc-kr"),
    "shift_jis.html": ("ja", "shift_jis", "shift_jis"),
    "euc-jp.html": ("ja", "euc-jp", "euc-jp"),
    "gb18030.html": ("zh", "gb18030", "gb18030"),
    "gb2312-declared.html": ("zh", "gbk", "gb2312"),
    "utf-16le.html": ("fr", "utf-16", None),
    "utf-16be.html": ("ko", "utf-16-be", None),
    "undeclared-utf-8.html": ("pl", "utf-8", None),
    "undeclared-windows-1252.html": ("fr", "cp1252", None),
    "lying-utf-8.html": ("en", "cp1252", "utf-8"),
    "lying-latin-1.html": ("pl", "utf-8", "iso-8859-1"),
}


def page(lang, declared):
    title, paras = ARTICLES[lang]
    meta = f'<meta charset="{declared}">' if declared else ""
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head>{meta}'
            f"<title>{title}</title></head>\n<body><article><h1>{title}</h1>\n"
            f"{body}\n</article></body></html>\n")


expected = {}
for name, (lang, charset, declared) in PAGES.items():
    html = page(lang, declared)
    data = html.encode(charset)
    if charset == "utf-16-be":
        data = b"\xfe\xff" + data
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    title, paras = ARTICLES[lang]
    expected[name] = {"title": title, "sentence": paras[1], "charset": charset}
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f, ensure_ascii=False, indent=1)
