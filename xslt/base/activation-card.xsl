<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 3, stage 3 with the card method (GET /activation/{id}/card, where
  POST /activation/{id}/method with method=card leads): the steps of
  generating the key pair on a cryptographic card with the card agent
  smime-card, the "Generate key pair" button (the smime-card: link), the
  command to run by hand, and "waiting for the card" while the page
  reloads itself (/page/refresh, a meta refresh: no script). Once the
  agent has sent the request, the same address answers with the summary.
  Expects /page/order (one) and /page/card with @key (rsa2048, rsa3072,
  rsa4096, p256, p384) and @status: "waiting" with @link, @command,
  @code and @expires; or "expired" (no valid link: a button makes a new
  one, POST /activation/{id}/card).
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
      <xsl:if test="string($card/@expires)">
        <div class="fact">
          <dt><t:t k="activation.card.expires"/></dt>
          <dd>
            <xsl:call-template name="datetime">
              <xsl:with-param name="value" select="$card/@expires"/>
            </xsl:call-template>
          </dd>
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

    <xsl:choose>
      <xsl:when test="$card/@status = 'waiting' and string($card/@link)">
        <div class="form-actions card-generate">
          <a class="btn btn-primary" href="{$card/@link}">
            <t:t k="activation.card.button"/>
          </a>
        </div>
        <p class="hint-text"><t:t k="activation.card.command"/></p>
        <pre class="mono break card-command"><xsl:value-of select="$card/@command"/></pre>
        <p class="notice card-waiting" role="status" aria-live="polite">
          <span class="icon i-wait" aria-hidden="true"></span>
          <t:t k="activation.card.waiting"/>
        </p>
        <xsl:call-template name="notice">
          <xsl:with-param name="text"><t:t k="activation.card.note"/></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <form class="form" method="post" action="/activation/{$order/@id}/card">
          <xsl:call-template name="csrf-field"/>
          <p class="notice notice-bad"><t:t k="activation.card.expired"/></p>
          <div class="form-actions">
            <button type="submit" class="btn btn-primary"><t:t k="activation.card.renew"/></button>
          </div>
        </form>
      </xsl:otherwise>
    </xsl:choose>

    <div class="form-actions">
      <a class="btn btn-ghost" href="/activation/{$order/@id}">
        <span class="icon i-back" aria-hidden="true"></span>
        <t:t k="activation.back"/>
      </a>
    </div>
  </section>
</xsl:template>

</xsl:stylesheet>
