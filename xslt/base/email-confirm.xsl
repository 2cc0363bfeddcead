<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page of a verification link (GET /email/confirm/{token}), without
  login: the address, the order it is for, and one button that POSTs to
  the same address. Link scanners only GET, so nothing changes before
  the button is pressed.
  Expects /page/@path (the link's path), /page/csrf,
  /page/mailbox[@address @display] and /page/order[@number @product]
  (no @id: the page shows nothing of the account).
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

<xsl:variable name="order" select="/page/order[1]"/>

<xsl:template name="page-title"><t:t k="email.confirm.title"/></xsl:template>

<xsl:template name="content">
  <section class="card success-box confirm-box" aria-labelledby="confirm-title">
    <span class="success-mark" aria-hidden="true"><span class="icon i-mail"></span></span>
    <div class="success-body">
      <p class="eyebrow"><t:t k="step.email"/></p>
      <h1 id="confirm-title"><t:t k="email.confirm.title"/></h1>
      <p>
        <t:t k="email.confirm.text"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="mailbox"/>
        <xsl:text>.</xsl:text>
      </p>
      <xsl:if test="string($order/@number)">
        <p>
          <t:t k="email.confirm.order"/>
          <xsl:text> </xsl:text>
          <span class="mono nowrap"><xsl:value-of select="$order/@number"/></span>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:if>
      <xsl:if test="string($order/@product)">
        <p class="muted small">
          <t:t k="common.product"/>
          <xsl:text>: </xsl:text>
          <xsl:call-template name="product-name"><xsl:with-param name="order" select="$order"/></xsl:call-template>
        </p>
      </xsl:if>
      <form method="post">
        <xsl:if test="starts-with(/page/@path, '/')">
          <xsl:attribute name="action"><xsl:value-of select="/page/@path"/></xsl:attribute>
        </xsl:if>
        <xsl:call-template name="csrf-field"/>
        <div class="success-actions">
          <button type="submit" class="btn btn-primary" aria-describedby="confirm-note">
            <span class="icon i-ok" aria-hidden="true"></span>
            <t:t k="email.confirm.button"/>
          </button>
        </div>
      </form>
      <p class="hint-text confirm-note" id="confirm-note"><t:t k="email.confirm.note"/></p>
    </div>
  </section>
</xsl:template>

</xsl:stylesheet>
