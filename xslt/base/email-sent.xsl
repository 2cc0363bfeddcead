<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 2, the success screen (answer to POST /email/{id}/submit or
  /resend): the address is saved and a link is on its way.
  /page/@outcome is "sent" (the first link) or "resent" (another one).
  Expects /page/order (one), /page/mailbox[@address @display] and
  optional /page/validation[@sent @expires] (the link just sent).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="orgdata-common.xsl"/>
<xsl:include href="email-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="resent" select="/page/@outcome = 'resent'"/>

<xsl:template name="page-title">
  <xsl:choose>
    <xsl:when test="$resent"><t:t k="email.resent.title"/></xsl:when>
    <xsl:otherwise><t:t k="email.success"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template name="content">
  <section class="card success-box" aria-labelledby="success-title">
    <span class="success-mark" aria-hidden="true">
      <span>
        <xsl:attribute name="class">
          <xsl:choose>
            <xsl:when test="$resent">icon i-mail</xsl:when>
            <xsl:otherwise>icon i-ok</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </span>
    </span>
    <div class="success-body">
      <h1 id="success-title"><xsl:call-template name="page-title"/></h1>
      <p>
        <xsl:if test="not($resent)">
          <t:t k="email.sent.saved"/>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:call-template name="link-sent">
          <xsl:with-param name="to">
            <xsl:choose>
              <xsl:when test="$resent"><t:t k="email.resent.to"/></xsl:when>
              <xsl:otherwise><t:t k="email.sent.to"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="dates" select="false()"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
        <t:t k="email.sent.open"/>
      </p>
      <xsl:if test="string(/page/order[1]/@number)">
        <p class="muted small">
          <t:t k="order.number"/>
          <xsl:text> </xsl:text>
          <span class="mono"><xsl:value-of select="/page/order[1]/@number"/></span>
        </p>
      </xsl:if>
      <div class="resend">
        <p class="resend-title"><t:t k="email.resend.question"/></p>
        <xsl:call-template name="resend-hint"/>
      </div>
      <div class="success-actions">
        <xsl:call-template name="resend-form"/>
        <a class="btn btn-primary" href="/"><t:t k="common.dashboard"/></a>
      </div>
    </div>
  </section>
</xsl:template>

</xsl:stylesheet>
