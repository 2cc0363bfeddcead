<?xml version="1.0" encoding="UTF-8"?>
<!--
  A verification link that is refused (GET or POST
  /email/confirm/{token}), without login. /page/@state is "invalid"
  (status 404: unknown or mistyped), "used" or "expired" (status 410).
  Like the error page, but with words about links.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="state" select="string(/page/@state)"/>

<xsl:template name="page-title">
  <xsl:choose>
    <xsl:when test="$state = 'used'"><t:t k="email.link.used.title"/></xsl:when>
    <xsl:when test="$state = 'expired'"><t:t k="email.link.expired.title"/></xsl:when>
    <xsl:otherwise><t:t k="email.link.invalid.title"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="content">
  <section class="card error-box">
    <span class="error-mark" aria-hidden="true"><span class="icon i-alert"></span></span>
    <xsl:if test="string(/page/@status)">
      <p class="error-code">
        <span class="sr-only"><t:t k="error.code"/><xsl:text> </xsl:text></span>
        <xsl:value-of select="/page/@status"/>
      </p>
    </xsl:if>
    <h1><xsl:call-template name="page-title"/></h1>
    <p class="error-text">
      <xsl:choose>
        <xsl:when test="$state = 'used'"><t:t k="email.link.used"/></xsl:when>
        <xsl:when test="$state = 'expired'"><t:t k="email.link.expired"/></xsl:when>
        <xsl:otherwise><t:t k="email.link.invalid"/></xsl:otherwise>
      </xsl:choose>
    </p>
    <a class="btn btn-primary" href="/"><t:t k="email.panel"/></a>
  </section>
</xsl:template>

</xsl:stylesheet>
