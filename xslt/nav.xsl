<?xml version="1.0" encoding="UTF-8"?>
<!-- nav.xhtml: the EPUB 3 navigation document, sections with their
     articles nested under them, and the landmarks. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:epub="http://www.idpf.org/2007/ops">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/edition">
    <xsl:variable name="contents">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'contents'"/></xsl:call-template>
    </xsl:variable>
    <html xml:lang="{lang}" lang="{lang}">
      <xsl:call-template name="head">
        <xsl:with-param name="title" select="$contents"/>
      </xsl:call-template>
      <body>
        <nav epub:type="toc" id="toc">
          <h1><xsl:value-of select="$contents"/></h1>
          <ol>
            <li>
              <a href="front.xhtml">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'in-this-edition'"/></xsl:call-template>
              </a>
            </li>
            <xsl:for-each select="section">
              <li>
                <a href="{@href}"><xsl:value-of select="name"/></a>
                <ol>
                  <xsl:for-each select="article">
                    <li><a href="{@href}"><xsl:value-of select="title"/></a></li>
                  </xsl:for-each>
                </ol>
              </li>
            </xsl:for-each>
          </ol>
        </nav>
        <nav epub:type="landmarks" id="landmarks" hidden="hidden">
          <ol>
            <li>
              <a epub:type="cover" href="cover.xhtml">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'cover'"/></xsl:call-template>
              </a>
            </li>
            <li>
              <a epub:type="toc" href="front.xhtml">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'in-this-edition'"/></xsl:call-template>
              </a>
            </li>
            <li>
              <a epub:type="bodymatter" href="{section[1]/@href}">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'start'"/></xsl:call-template>
              </a>
            </li>
          </ol>
        </nav>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
