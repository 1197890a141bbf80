#!/bin/bash
# --xslt replaces stylesheets one by one, --css the style sheet,
# --keep-xml shows the edition.xml they read.
. "$(dirname "$0")/lib.sh"

mkdir "$WORK/xslt"
cat > "$WORK/xslt/article.xsl" <<XSL
<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:h="http://www.w3.org/1999/xhtml" exclude-result-prefixes="h">
  <xsl:import href="$SRCDIR/xslt/article.xsl"/>
  <xsl:template match="article">
    <html xml:lang="{@lang}" lang="{@lang}">
      <head><title><xsl:value-of select="title"/></title>
        <link rel="stylesheet" type="text/css" href="style.css"/></head>
      <body><h1 class="my-own-headline"><xsl:value-of select="title"/></h1>
        <xsl:copy-of select="body/h:div/node()"/></body>
    </html>
  </xsl:template>
</xsl:stylesheet>
XSL
echo 'body { font-family: serif; } /* my own css */' > "$WORK/my.css"
"$BROADSHEET" build -q --xslt "$WORK/xslt" --css "$WORK/my.css" \
	--keep-xml "$WORK/edition.xml" -o "$WORK/r.epub" "$SRCDIR/samples" \
	|| fail "restyled build"
epubcheck "$WORK/r.epub"
unzip -p "$WORK/r.epub" OEBPS/s01-a01.xhtml | grep -q 'my-own-headline' \
	|| fail "the user's article.xsl was not used"
unzip -p "$WORK/r.epub" OEBPS/front.xhtml | grep -q 'front-page' \
	|| fail "the default front.xsl was not kept"
unzip -p "$WORK/r.epub" OEBPS/style.css | grep -q 'my own css' \
	|| fail "--css was not used"
python3 -c "
import sys, xml.etree.ElementTree as ET
e = ET.parse(sys.argv[1]).getroot()
assert e.tag == 'edition' and e.findall('section/article/body')
" "$WORK/edition.xml" || fail "--keep-xml"

# A stylesheet that does not compile is a usage error naming the file.
echo '<xsl:stylesheet version="1.0"' > "$WORK/xslt/nav.xsl"
"$BROADSHEET" build -q --xslt "$WORK/xslt" -o "$WORK/bad.epub" \
	"$SRCDIR/samples" 2> "$WORK/err"
[ $? -eq 2 ] || fail "broken stylesheet: want exit 2"
grep -q "nav.xsl" "$WORK/err" || fail "broken stylesheet not named"
[ ! -e "$WORK/bad.epub" ] || fail "an edition was written"
echo "restyle: ok"
