<?xml version="1.0" encoding="UTF-8"?>
<!-- sNN-aMM.xhtml: the article whose id is $id. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns:epub="http://www.idpf.org/2007/ops"
    exclude-result-prefixes="h">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:param name="id"/>

  <xsl:template match="/edition">
    <xsl:apply-templates select="section/article[@id = $id]"/>
  </xsl:template>

  <xsl:template match="article">
    <html xml:lang="{@lang}" lang="{@lang}">
      <xsl:call-template name="head">
        <xsl:with-param name="title" select="title"/>
      </xsl:call-template>
      <body class="article">
        <article>
          <header>
            <p class="kicker"><xsl:value-of select="../name"/></p>
            <h1 class="headline"><xsl:value-of select="title"/></h1>
            <xsl:if test="standfirst">
              <p class="standfirst"><xsl:value-of select="standfirst"/></p>
            </xsl:if>
            <xsl:if test="byline">
              <p class="byline"><xsl:call-template name="byline"/></p>
            </xsl:if>
            <p class="dateline">
              <xsl:if test="published">
                <time datetime="{published/@iso}"><xsl:value-of select="published"/></time>
                <xsl:if test="site"><xsl:text> · </xsl:text></xsl:if>
              </xsl:if>
              <xsl:if test="site"><span class="site"><xsl:value-of select="site"/></span></xsl:if>
              <xsl:text> · </xsl:text>
              <xsl:call-template name="minutes"/>
            </p>
          </header>
          <xsl:if test="image">
            <figure class="lead-image"><img src="{image/@href}" alt=""/></figure>
          </xsl:if>
          <div class="body">
            <xsl:copy-of select="body/h:div/node()"/>
          </div>
          <xsl:if test="note">
            <p class="note"><xsl:value-of select="note"/></p>
          </xsl:if>
          <xsl:if test="url">
            <footer class="source">
              <p>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'source'"/></xsl:call-template>
                <xsl:text>: </xsl:text>
                <a href="{url}"><xsl:value-of select="url"/></a>
              </p>
            </footer>
          </xsl:if>
        </article>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
