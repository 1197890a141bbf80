<?xml version="1.0" encoding="UTF-8"?>
<!-- content.opf: the EPUB 3 package document: metadata, manifest, spine
     in reading order (cover, front page, each section then its articles),
     and a guide for EPUB 2 readers and Kindle conversion. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.idpf.org/2007/opf"
    xmlns:dc="http://purl.org/dc/elements/1.1/">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/edition">
    <package version="3.0" unique-identifier="uid" xml:lang="{lang}">
      <metadata>
        <dc:identifier id="uid"><xsl:value-of select="identifier"/></dc:identifier>
        <dc:title><xsl:value-of select="title"/>, <xsl:value-of select="date"/></dc:title>
        <dc:language><xsl:value-of select="lang"/></dc:language>
        <dc:date><xsl:value-of select="date/@iso"/></dc:date>
        <dc:creator>
          <xsl:choose>
            <xsl:when test="publisher"><xsl:value-of select="publisher"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="title"/></xsl:otherwise>
          </xsl:choose>
        </dc:creator>
        <dc:publisher>
          <xsl:choose>
            <xsl:when test="publisher"><xsl:value-of select="publisher"/></xsl:when>
            <xsl:otherwise>broadsheet</xsl:otherwise>
          </xsl:choose>
        </dc:publisher>
        <xsl:for-each select="section/article">
          <dc:source>
            <xsl:choose>
              <xsl:when test="url"><xsl:value-of select="url"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="source"/></xsl:otherwise>
            </xsl:choose>
          </dc:source>
        </xsl:for-each>
        <meta property="dcterms:modified"><xsl:value-of select="modified"/></meta>
        <xsl:if test="cover">
          <!-- EPUB 2 readers and Kindle conversion look for this -->
          <meta name="cover" content="cover-image"/>
        </xsl:if>
      </metadata>
      <manifest>
        <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
        <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
        <item id="css" href="style.css" media-type="text/css"/>
        <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
        <item id="front" href="front.xhtml" media-type="application/xhtml+xml"/>
        <xsl:if test="cover">
          <item id="cover-image" href="{cover/@href}" media-type="{cover/@media-type}" properties="cover-image"/>
        </xsl:if>
        <xsl:for-each select="section">
          <item id="{@id}" href="{@href}" media-type="application/xhtml+xml"/>
          <xsl:for-each select="article">
            <item id="{@id}" href="{@href}" media-type="application/xhtml+xml"/>
          </xsl:for-each>
        </xsl:for-each>
        <xsl:for-each select="images/image">
          <item id="{@id}" href="{@href}" media-type="{@media-type}"/>
        </xsl:for-each>
      </manifest>
      <spine toc="ncx">
        <itemref idref="cover"/>
        <itemref idref="front"/>
        <xsl:for-each select="section">
          <itemref idref="{@id}"/>
          <xsl:for-each select="article">
            <itemref idref="{@id}"/>
          </xsl:for-each>
        </xsl:for-each>
      </spine>
      <guide>
        <reference type="cover" title="Cover" href="cover.xhtml"/>
        <reference type="toc" title="Contents" href="front.xhtml"/>
        <reference type="text" title="Start" href="{section[1]/@href}"/>
      </guide>
    </package>
  </xsl:template>
</xsl:stylesheet>
