<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared by broadsheet's stylesheets: the head of every XHTML file, the
  words in the edition's language, bylines and dates. Input: edition.xml
  (see src/edition/edition.h for its shape).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:epub="http://www.idpf.org/2007/ops"
    exclude-result-prefixes="epub">

  <xsl:variable name="lang" select="/edition/lang"/>
  <xsl:variable name="l10n" select="document('l10n.xml')/l10n"/>

  <!-- A word in the edition's language, English when there is none. -->
  <xsl:template name="t">
    <xsl:param name="k"/>
    <xsl:variable name="own" select="$l10n/lang[@code = $lang]/s[@k = $k]"/>
    <xsl:choose>
      <xsl:when test="$own"><xsl:value-of select="$own"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$l10n/lang[@code = 'en']/s[@k = $k]"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="head">
    <xsl:param name="title"/>
    <head>
      <meta charset="utf-8"/>
      <title><xsl:value-of select="$title"/></title>
      <link rel="stylesheet" type="text/css" href="style.css"/>
    </head>
  </xsl:template>

  <!-- "By A, B" in the edition's language -->
  <xsl:template name="byline">
    <xsl:param name="article" select="."/>
    <xsl:if test="$article/byline">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'by'"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:value-of select="$article/byline"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="minutes">
    <xsl:param name="article" select="."/>
    <xsl:value-of select="$article/minutes"/>
    <xsl:text> </xsl:text>
    <xsl:call-template name="t"><xsl:with-param name="k" select="'min-read'"/></xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
