<?xml version="1.0" encoding="UTF-8"?>
<!--
  The error page: /page/@status (the HTTP status) and the message of
  /page/error; without an <error>, the catalogue's message for the
  status. Page-level errors are shown here, not above the content.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="status" select="string(/page/@status)"/>

<xsl:template name="page-title">
  <xsl:call-template name="error-heading"/>
</xsl:template>

<!-- The message is the page's content: no alert above it. -->
<xsl:template name="errors"/>

<xsl:template name="error-heading">
  <xsl:choose>
    <xsl:when test="$status = '400'"><t:t k="error.heading.400"/></xsl:when>
    <xsl:when test="$status = '403'"><t:t k="error.heading.403"/></xsl:when>
    <xsl:when test="$status = '404'"><t:t k="error.heading.404"/></xsl:when>
    <xsl:when test="$status = '405'"><t:t k="error.heading.405"/></xsl:when>
    <xsl:when test="$status = '409'"><t:t k="error.heading.409"/></xsl:when>
    <xsl:when test="$status = '410'"><t:t k="error.heading.410"/></xsl:when>
    <xsl:when test="$status = '413'"><t:t k="error.heading.413"/></xsl:when>
    <xsl:when test="$status = '414'"><t:t k="error.heading.414"/></xsl:when>
    <xsl:when test="$status = '415'"><t:t k="error.heading.415"/></xsl:when>
    <xsl:when test="$status = '422'"><t:t k="error.heading.422"/></xsl:when>
    <xsl:when test="$status = '429'"><t:t k="error.heading.429"/></xsl:when>
    <xsl:when test="$status = '503'"><t:t k="error.heading.503"/></xsl:when>
    <xsl:when test="$status = '500'"><t:t k="error.heading.500"/></xsl:when>
    <xsl:otherwise><t:t k="error.title"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="content">
  <section class="card error-box">
    <span class="error-mark" aria-hidden="true"><span class="icon i-alert"></span></span>
    <p class="error-code">
      <span class="sr-only"><t:t k="error.code"/><xsl:text> </xsl:text></span>
      <xsl:value-of select="$status"/>
    </p>
    <h1><xsl:call-template name="error-heading"/></h1>
    <xsl:choose>
      <xsl:when test="/page/error">
        <xsl:for-each select="/page/error">
          <p class="error-text"><xsl:value-of select="."/></p>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$status = '400'"><p class="error-text"><t:t k="error.400"/></p></xsl:when>
      <xsl:when test="$status = '403'"><p class="error-text"><t:t k="error.403"/></p></xsl:when>
      <xsl:when test="$status = '404'"><p class="error-text"><t:t k="error.404"/></p></xsl:when>
      <xsl:when test="$status = '405'"><p class="error-text"><t:t k="error.405"/></p></xsl:when>
      <xsl:when test="$status = '413'"><p class="error-text"><t:t k="error.413"/></p></xsl:when>
      <xsl:otherwise><p class="error-text"><t:t k="error.500"/></p></xsl:otherwise>
    </xsl:choose>
    <a class="btn btn-primary" href="/"><t:t k="common.dashboard"/></a>
  </section>
</xsl:template>

</xsl:stylesheet>
