<?xml version="1.0" encoding="UTF-8"?>
<!--
  Step 2, the summary (answer to POST /email/{id}): the address as saved,
  what happens next, and POST /email/{id}/submit that sends the link.
  Expects /page/order (one) and /page/mailbox[@address @display]
  (@display differs from @address only for an internationalized domain).
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

<xsl:variable name="id" select="string(/page/order[1]/@id)"/>

<xsl:template name="page-title"><t:t k="email.summary.title"/></xsl:template>

<xsl:template name="content">
  <xsl:call-template name="email-head">
    <xsl:with-param name="title"><t:t k="email.summary.title"/></xsl:with-param>
  </xsl:call-template>

  <xsl:call-template name="email-progress">
    <xsl:with-param name="current" select="2"/>
  </xsl:call-template>

  <section class="card" aria-labelledby="address-title">
    <h2 class="card-title" id="address-title"><t:t k="email.address"/></h2>
    <p class="card-text muted"><t:t k="email.summary.text"/></p>
    <p class="callout">
      <span class="icon i-mail" aria-hidden="true"></span>
      <span class="break"><xsl:call-template name="mailbox"/></span>
    </p>
    <ul class="plain email-next">
      <li>
        <span class="icon i-link" aria-hidden="true"></span>
        <span><t:t k="email.summary.link"/></span>
      </li>
      <li>
        <span class="icon i-certificate" aria-hidden="true"></span>
        <span><t:t k="email.summary.certificate"/></span>
      </li>
    </ul>

    <form class="form" method="post" action="/email/{$id}/submit">
      <xsl:call-template name="csrf-field"/>
      <div class="form-actions">
        <a class="btn btn-ghost" href="/email/{$id}?edit=1">
          <span class="icon i-back" aria-hidden="true"></span>
          <t:t k="email.back"/>
        </a>
        <button type="submit" class="btn btn-primary"><t:t k="email.send"/></button>
      </div>
    </form>
  </section>
</xsl:template>

</xsl:stylesheet>
