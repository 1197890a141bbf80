<?xml version="1.0" encoding="UTF-8"?>
<!-- sNN.xhtml: the opener of the section whose id is $id. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:epub="http://www.idpf.org/2007/ops">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:param name="id"/>

  <xsl:template match="/edition">
    <xsl:apply-templates select="section[@id = $id]"/>
  </xsl:template>

  <xsl:template match="section">
    <html xml:lang="{$lang}" lang="{$lang}">
      <xsl:call-template name="head">
        <xsl:with-param name="title" select="name"/>
      </xsl:call-template>
      <body class="section-opener">
        <section>
          <h1 class="section-name"><xsl:value-of select="name"/></h1>
          <p class="section-count">
            <xsl:value-of select="count(article)"/>
            <xsl:text> </xsl:text>
            <xsl:call-template name="t">
              <xsl:with-param name="k">
                <xsl:choose>
                  <xsl:when test="count(article) = 1">article</xsl:when>
                  <xsl:otherwise>articles</xsl:otherwise>
                </xsl:choose>
              </xsl:with-param>
            </xsl:call-template>
          </p>
          <ol class="section-articles">
            <xsl:for-each select="article">
              <li>
                <p class="section-headline"><a href="{@href}"><xsl:value-of select="title"/></a></p>
                <xsl:if test="byline">
                  <p class="section-byline"><xsl:call-template name="byline"/></p>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ol>
        </section>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
