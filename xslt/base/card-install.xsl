<?xml version="1.0" encoding="UTF-8"?>
<!--
  "Install on card" (answer to POST /certificates/{id}/card from the
  details view): the link that starts the card agent smime-card, which
  writes the certificate on the card next to its key, and the command
  to run by hand.
  Expects /page/order (one), /page/certificate (serial, subject, …) and
  /page/card with @link, @command, @expires (purpose "install").
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

<xsl:template name="page-title"><t:t k="card.install.title"/></xsl:template>

<xsl:template name="content">
  <section class="card">
    <h1 class="card-title"><t:t k="card.install.title"/></h1>
    <p class="card-lead"><t:t k="card.install.intro"/></p>
    <dl class="facts-list card-facts">
      <div class="fact">
        <dt><t:t k="order.number"/></dt>
        <dd class="mono"><xsl:value-of select="$order/@number"/></dd>
      </div>
      <div class="fact">
        <dt><t:t k="details.serial"/></dt>
        <dd class="mono break"><xsl:value-of select="/page/certificate/serial"/></dd>
      </div>
      <div class="fact">
        <dt><t:t k="activation.card.expires"/></dt>
        <dd>
          <xsl:call-template name="datetime">
            <xsl:with-param name="value" select="$card/@expires"/>
          </xsl:call-template>
        </dd>
      </div>
    </dl>
    <div class="form-actions card-generate">
      <a class="btn btn-primary" href="{$card/@link}">
        <t:t k="card.install.button"/>
      </a>
    </div>
    <p class="hint-text"><t:t k="activation.card.command"/></p>
    <pre class="mono break card-command"><xsl:value-of select="$card/@command"/></pre>
    <div class="form-actions">
      <a class="btn btn-ghost" href="/certificates/{$order/@id}">
        <span class="icon i-back" aria-hidden="true"></span>
        <t:t k="activation.back"/>
      </a>
    </div>
  </section>
</xsl:template>

</xsl:stylesheet>
