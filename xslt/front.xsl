<?xml version="1.0" encoding="UTF-8"?>
<!-- front.xhtml: "In this edition", every section with its headlines,
     bylines, reading time and first sentence or description. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:epub="http://www.idpf.org/2007/ops">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/edition">
    <xsl:variable name="heading">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'in-this-edition'"/></xsl:call-template>
    </xsl:variable>
    <html xml:lang="{lang}" lang="{lang}">
      <xsl:call-template name="head">
        <xsl:with-param name="title" select="$heading"/>
      </xsl:call-template>
      <body class="front">
        <section class="front-page">
          <p class="front-masthead"><xsl:value-of select="title"/></p>
          <p class="front-date"><xsl:value-of select="date-long"/></p>
          <h1><xsl:value-of select="$heading"/></h1>
          <xsl:for-each select="section">
            <h2 class="front-section"><a href="{@href}"><xsl:value-of select="name"/></a></h2>
            <ul class="front-articles">
              <xsl:for-each select="article">
                <li>
                  <p class="front-headline"><a href="{@href}"><xsl:value-of select="title"/></a></p>
                  <p class="front-meta">
                    <xsl:if test="byline">
                      <xsl:call-template name="byline"/>
                      <xsl:text> · </xsl:text>
                    </xsl:if>
                    <xsl:call-template name="minutes"/>
                  </p>
                  <xsl:if test="summary">
                    <p class="front-summary"><xsl:value-of select="summary"/></p>
                  </xsl:if>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:for-each>
        </section>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
