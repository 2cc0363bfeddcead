<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 3, stage 3 with the card method: how to generate the key pair on
  a cryptographic card with the card agent (answer to POST
  /activation/{id}/method with method=card). The agent sends the CSR by
  itself; this page only explains, with Back.
  Expects /page/order (one) and /page/card[@key] (rsa2048, rsa3072,
  rsa4096, p256, p384); /page/card/@code, the one-time code the agent
  asks for, is shown when the handler gives it.
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
<xsl:variable name="card" select="/page/card[1]"/>

<xsl:template name="page-title"><t:t k="activation.card.title"/></xsl:template>

<xsl:template name="content">
  <xsl:call-template name="activation-head">
    <xsl:with-param name="title"><t:t k="activation.card.title"/></xsl:with-param>
  </xsl:call-template>

  <xsl:call-template name="activation-progress">
    <xsl:with-param name="current" select="3"/>
  </xsl:call-template>

  <section class="card">
    <p class="card-lead"><t:t k="activation.card.intro"/></p>

    <dl class="facts-list card-facts">
      <div class="fact">
        <dt><t:t k="activation.method.key"/></dt>
        <dd class="strong">
          <xsl:call-template name="key-name">
            <xsl:with-param name="key" select="string($card/@key)"/>
          </xsl:call-template>
        </dd>
      </div>
      <xsl:if test="string($card/@code)">
        <div class="fact">
          <dt><t:t k="activation.card.code"/></dt>
          <dd class="mono break strong"><xsl:value-of select="$card/@code"/></dd>
        </div>
      </xsl:if>
    </dl>

    <ol class="howto-steps">
      <li><t:t k="activation.card.step.1"/></li>
      <li><t:t k="activation.card.step.2"/></li>
      <li><t:t k="activation.card.step.3"/></li>
      <li><t:t k="activation.card.step.4"/></li>
      <li><t:t k="activation.card.step.5"/></li>
      <li><t:t k="activation.card.step.6"/></li>
      <li><t:t k="activation.card.step.7"/></li>
      <li><t:t k="activation.card.step.8"/></li>
    </ol>

    <xsl:call-template name="notice">
      <xsl:with-param name="text"><t:t k="activation.card.note"/></xsl:with-param>
    </xsl:call-template>

    <div class="form-actions">
      <a class="btn btn-ghost" href="/activation/{$order/@id}">
        <span class="icon i-back" aria-hidden="true"></span>
        <t:t k="activation.back"/>
      </a>
    </div>
  </section>
</xsl:template>

</xsl:stylesheet>
