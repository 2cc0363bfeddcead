<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 1, the success screen (answer to POST /data/{id}/submit).
  /page/@outcome is "submitted" (the data went to verification) or
  "verified" (verified data was reused: the step is verified at once).
  Expects /page/order (one).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:template name="page-title"><t:t k="orgdata.success"/></xsl:template>

<xsl:template name="content">
  <section class="card success-box" aria-labelledby="success-title">
    <span class="success-mark" aria-hidden="true"><span class="icon i-ok"></span></span>
    <div class="success-body">
      <h1 id="success-title"><t:t k="orgdata.success"/></h1>
      <p>
        <xsl:choose>
          <xsl:when test="/page/@outcome = 'verified'"><t:t k="orgdata.success.verified"/></xsl:when>
          <xsl:otherwise><t:t k="orgdata.success.submitted"/></xsl:otherwise>
        </xsl:choose>
      </p>
      <xsl:if test="string(/page/order[1]/@number)">
        <p class="muted small">
          <t:t k="order.number"/>
          <xsl:text> </xsl:text>
          <span class="mono"><xsl:value-of select="/page/order[1]/@number"/></span>
        </p>
      </xsl:if>
      <div class="success-actions">
        <xsl:for-each select="/page/order[1][/page/@outcome = 'verified' and step[@name = 'email']/@status = 'awaiting']">
          <a class="btn" href="/email/{@id}"><t:t k="step.email.action"/></a>
        </xsl:for-each>
        <a class="btn btn-primary" href="/"><t:t k="common.dashboard"/></a>
      </div>
    </div>
  </section>
</xsl:template>

</xsl:stylesheet>
