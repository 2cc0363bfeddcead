<?xml version="1.0" encoding="UTF-8"?>
<!--
  The answer to POST /email/confirm/{token}, without login: the address
  is verified; the activation goes on in the panel.
  Expects /page/mailbox[@address @display] and /page/order[@number
  @product].
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

<xsl:template name="page-title"><t:t k="email.success"/></xsl:template>

<xsl:template name="content">
  <section class="card success-box" aria-labelledby="success-title">
    <span class="success-mark" aria-hidden="true"><span class="icon i-ok"></span></span>
    <div class="success-body" role="status">
      <h1 id="success-title"><t:t k="email.success"/></h1>
      <p>
        <t:t k="email.confirmed.before"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="mailbox"/>
        <xsl:text> </xsl:text>
        <t:t k="email.confirmed.after"/>
      </p>
      <p><t:t k="email.confirmed.close"/></p>
      <xsl:if test="string(/page/order[1]/@number)">
        <p class="muted small">
          <t:t k="order.number"/>
          <xsl:text> </xsl:text>
          <span class="mono"><xsl:value-of select="/page/order[1]/@number"/></span>
        </p>
      </xsl:if>
      <div class="success-actions">
        <a class="btn btn-primary" href="/"><t:t k="email.panel"/></a>
      </div>
    </div>
  </section>
</xsl:template>

</xsl:stylesheet>
