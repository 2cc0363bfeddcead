<?xml version="1.0" encoding="UTF-8"?>
<!--
  The invited customer's page (GET and POST /partner/invitations/{token},
  no login): who invites, to which order, a button that accepts, and
  once accepted how to log in. /page/@state: open, accepted, used,
  expired or invalid.
  Expects /page/invitation[@login name partner order expires].
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="state" select="string(/page/@state)"/>
<xsl:variable name="inv" select="/page/invitation"/>

<xsl:template name="page-title">
  <xsl:choose>
    <xsl:when test="$state = 'open'"><t:t k="invitation.title"/></xsl:when>
    <xsl:when test="$state = 'accepted'"><t:t k="invitation.accepted.title"/></xsl:when>
    <xsl:when test="$state = 'used'"><t:t k="invitation.used.title"/></xsl:when>
    <xsl:when test="$state = 'expired'"><t:t k="invitation.expired.title"/></xsl:when>
    <xsl:otherwise><t:t k="invitation.invalid.title"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>


<xsl:template name="content">
  <xsl:choose>
    <xsl:when test="$state = 'open' or $state = 'accepted'">
      <section class="card form-card">
        <h1><xsl:call-template name="page-title"/></h1>
        <p class="lead">
          <xsl:value-of select="$inv/@partner"/>
          <xsl:text> </xsl:text>
          <t:t k="invitation.text"/>
        </p>
        <dl class="facts">
          <dt><t:t k="common.order-number"/></dt>
          <dd class="mono"><xsl:value-of select="$inv/@order"/></dd>
          <dt><t:t k="invitation.login"/></dt>
          <dd class="mono"><xsl:value-of select="$inv/@login"/></dd>
        </dl>
        <xsl:choose>
          <xsl:when test="$state = 'open'">
            <form class="form" method="post" action="{/page/@path}">
              <xsl:call-template name="csrf-field"/>
              <div class="form-actions">
                <button type="submit" class="btn btn-primary"><t:t k="invitation.accept"/></button>
              </div>
            </form>
          </xsl:when>
          <xsl:otherwise>
            <div class="notice" role="status">
              <p><t:t k="invitation.accepted.text"/></p>
              <p><t:t k="invitation.accepted.login"/></p>
            </div>
            <a class="btn btn-primary" href="/"><t:t k="invitation.panel"/></a>
          </xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:when>
    <xsl:otherwise>
      <section class="card error-box">
        <span class="error-mark" aria-hidden="true"><span class="icon i-alert"></span></span>
        <h1><xsl:call-template name="page-title"/></h1>
        <p class="error-text">
          <xsl:choose>
            <xsl:when test="$state = 'used'"><t:t k="invitation.used"/></xsl:when>
            <xsl:when test="$state = 'expired'"><t:t k="invitation.expired"/></xsl:when>
            <xsl:otherwise><t:t k="invitation.invalid"/></xsl:otherwise>
          </xsl:choose>
        </p>
        <a class="btn btn-primary" href="/"><t:t k="invitation.panel"/></a>
      </section>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
