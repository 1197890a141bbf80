<?xml version="1.0" encoding="UTF-8"?>
<!-- cover.xhtml: the edition's front cover. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:epub="http://www.idpf.org/2007/ops">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/edition">
    <html xml:lang="{lang}" lang="{lang}">
      <xsl:call-template name="head">
        <xsl:with-param name="title">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'cover'"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <body class="cover">
        <xsl:choose>
          <xsl:when test="cover">
            <section epub:type="cover" class="cover-picture">
              <img src="{cover/@href}" alt="{title}, {date-long}"/>
            </section>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="text-cover"/>
          </xsl:otherwise>
        </xsl:choose>
      </body>
    </html>
  </xsl:template>

  <!-- Without a cover picture: the same front page as text. -->
  <xsl:template name="text-cover">
        <section epub:type="cover" class="cover-page">
          <p class="masthead"><xsl:value-of select="title"/></p>
          <p class="cover-date"><xsl:value-of select="date-long"/></p>
          <ul class="cover-leads">
            <xsl:for-each select="section[position() &lt;= 6]">
              <li>
                <span class="cover-section"><xsl:value-of select="name"/></span>
                <xsl:text> </xsl:text>
                <span class="cover-headline"><xsl:value-of select="article[1]/title"/></span>
              </li>
            </xsl:for-each>
          </ul>
        </section>
  </xsl:template>
</xsl:stylesheet>
