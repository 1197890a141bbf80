<?xml version="1.0" encoding="UTF-8"?>
<!-- toc.ncx: the same tree as nav.xhtml for EPUB 2 readers and Kindle
     conversion, in spine order (playOrder is edition.xml's @order). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.daisy.org/z3986/2005/ncx/">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/edition">
    <ncx version="2005-1" xml:lang="{lang}">
      <head>
        <meta name="dtb:uid" content="{identifier}"/>
        <meta name="dtb:depth" content="2"/>
        <meta name="dtb:totalPageCount" content="0"/>
        <meta name="dtb:maxPageNumber" content="0"/>
      </head>
      <docTitle><text><xsl:value-of select="title"/></text></docTitle>
      <navMap>
        <navPoint id="nav-cover" playOrder="1">
          <navLabel><text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'cover'"/></xsl:call-template>
          </text></navLabel>
          <content src="cover.xhtml"/>
        </navPoint>
        <navPoint id="nav-front" playOrder="2">
          <navLabel><text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'in-this-edition'"/></xsl:call-template>
          </text></navLabel>
          <content src="front.xhtml"/>
        </navPoint>
        <xsl:for-each select="section">
          <navPoint id="nav-{@id}" playOrder="{@order}">
            <navLabel><text><xsl:value-of select="name"/></text></navLabel>
            <content src="{@href}"/>
            <xsl:for-each select="article">
              <navPoint id="nav-{@id}" playOrder="{@order}">
                <navLabel><text><xsl:value-of select="title"/></text></navLabel>
                <content src="{@href}"/>
              </navPoint>
            </xsl:for-each>
          </navPoint>
        </xsl:for-each>
      </navMap>
    </ncx>
  </xsl:template>
</xsl:stylesheet>
