<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 3, the success screen (answer to POST /activation/{id}/submit,
  and the card method's page once the certificate is issued): the
  certificate's serial and validity, its downloads, how to make a PFX
  file, and the way to the certificate's details.
  Expects /page/order (one) and /page/certificate with the child
  elements serial, fingerprint, subject, key, not-before and not-after.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="orgdata-common.xsl"/>
<xsl:include href="activation-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="order" select="/page/order[1]"/>
<xsl:variable name="cert" select="/page/certificate[1]"/>

<xsl:template name="page-title"><t:t k="activation.success"/></xsl:template>

<xsl:template name="content">
  <section class="card success-box issued-box" aria-labelledby="success-title">
    <span class="success-mark" aria-hidden="true"><span class="icon i-ok"></span></span>
    <div class="success-body">
      <h1 id="success-title"><t:t k="activation.success"/></h1>
      <p role="status"><t:t k="activation.success.text"/></p>
      <xsl:if test="string($order/@number)">
        <p class="muted small">
          <t:t k="order.number"/>
          <xsl:text> </xsl:text>
          <span class="mono"><xsl:value-of select="$order/@number"/></span>
        </p>
      </xsl:if>

      <xsl:if test="$cert">
        <dl class="facts-list issued-facts">
          <xsl:if test="string($cert/subject)">
            <div class="fact">
              <dt><t:t k="activation.success.subject"/></dt>
              <dd class="break"><xsl:value-of select="$cert/subject"/></dd>
            </div>
          </xsl:if>
          <div class="fact">
            <dt><t:t k="details.serial"/></dt>
            <dd class="mono break"><xsl:value-of select="$cert/serial"/></dd>
          </div>
          <div class="fact">
            <dt><t:t k="activation.success.validity"/></dt>
            <dd>
              <span class="nowrap">
                <xsl:call-template name="datetime">
                  <xsl:with-param name="value" select="$cert/not-before"/>
                </xsl:call-template>
              </span>
              <xsl:text> – </xsl:text>
              <span class="nowrap">
                <xsl:call-template name="datetime">
                  <xsl:with-param name="value" select="$cert/not-after"/>
                </xsl:call-template>
              </span>
            </dd>
          </div>
          <xsl:if test="string($cert/key)">
            <div class="fact">
              <dt><t:t k="activation.summary.key"/></dt>
              <dd><xsl:value-of select="$cert/key"/></dd>
            </div>
          </xsl:if>
          <xsl:if test="string($cert/fingerprint)">
            <div class="fact">
              <dt><t:t k="details.fingerprint"/></dt>
              <dd class="mono break small"><xsl:value-of select="$cert/fingerprint"/></dd>
            </div>
          </xsl:if>
        </dl>

        <h2 class="sub-title"><t:t k="details.downloads"/></h2>
        <xsl:call-template name="downloads">
          <xsl:with-param name="id" select="string($order/@id)"/>
        </xsl:call-template>
      </xsl:if>

      <div class="notice notice-info pfx-note">
        <span class="icon i-info" aria-hidden="true"></span>
        <div>
          <p class="notice-title"><t:t k="activation.success.pfx"/></p>
          <p><t:t k="activation.success.pfx.text"/></p>
          <pre class="code"><code><t:t k="activation.success.pfx.command"/></code></pre>
          <p><t:t k="activation.success.pfx.never"/></p>
        </div>
      </div>

      <div class="success-actions">
        <a class="btn" href="/"><t:t k="common.dashboard"/></a>
        <a class="btn btn-primary" href="/certificates/{$order/@id}"><t:t k="activation.success.details"/></a>
      </div>
    </div>
  </section>
</xsl:template>

</xsl:stylesheet>
