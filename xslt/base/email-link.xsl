<?xml version="1.0" encoding="UTF-8"?>
<!--
  A verification link that is refused (GET or POST
  /email/confirm/{token}), without login. /page/@state is "invalid"
  (status 404: unknown or mistyped), "used" or "expired" (status 410);
  for the last two /page/order[@id @number @product] and
  /page/mailbox[@display] say which order and mailbox, and the buttons
  lead on: to the order (used) or to a new link (expired).
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
  <xsl:variable name="order" select="/page/order[1]"/>
  <section class="card error-box link-box">
    <span class="error-mark" aria-hidden="true"><span class="icon i-alert"></span></span>
    <h1><xsl:call-template name="page-title"/></h1>
    <p class="error-text">
      <xsl:choose>
        <xsl:when test="$state = 'used'"><t:t k="email.link.used"/></xsl:when>
        <xsl:when test="$state = 'expired'"><t:t k="email.link.expired"/></xsl:when>
        <xsl:otherwise><t:t k="email.link.invalid"/></xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:if test="$order">
      <dl class="facts-list link-facts">
        <div class="fact">
          <dt><t:t k="email.link.order"/></dt>
          <dd class="mono"><xsl:value-of select="$order/@number"/></dd>
        </div>
        <xsl:if test="string($order/@product)">
          <div class="fact">
            <dt><t:t k="email.link.product"/></dt>
            <dd><xsl:call-template name="product-name"><xsl:with-param name="order" select="$order"/></xsl:call-template></dd>
          </div>
        </xsl:if>
        <xsl:if test="/page/mailbox">
          <div class="fact">
            <dt><t:t k="email.link.mailbox"/></dt>
            <dd class="break"><xsl:value-of select="/page/mailbox/@display"/></dd>
          </div>
        </xsl:if>
      </dl>
      <p class="error-text">
        <xsl:choose>
          <xsl:when test="$state = 'used'"><t:t k="email.link.used.next"/></xsl:when>
          <xsl:otherwise><t:t k="email.link.expired.next"/></xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
    <div class="success-actions">
      <xsl:choose>
        <xsl:when test="$order and $state = 'used'">
          <a class="btn" href="/"><t:t k="email.panel"/></a>
          <a class="btn btn-primary" href="/certificates/{$order/@id}"><t:t k="email.link.order.details"/></a>
        </xsl:when>
        <xsl:when test="$order">
          <a class="btn" href="/"><t:t k="email.panel"/></a>
          <a class="btn btn-primary" href="/email/{$order/@id}"><t:t k="email.link.new"/></a>
        </xsl:when>
        <xsl:otherwise>
          <a class="btn btn-primary" href="/"><t:t k="email.panel"/></a>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </section>
</xsl:template>

</xsl:stylesheet>
