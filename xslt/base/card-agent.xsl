<?xml version="1.0" encoding="UTF-8"?>
<!--
  The card agent's protocol (/activation/card/{code}, no login): its
  answers are meant for smime-card, which asks for the document itself
  (Accept: application/xml); a browser that opens the address gets this
  page, which says what the link is for and how to use it.
  Expects one of /page/card (@purpose enroll or install, @order, @key,
  @expires), /page/accepted (text, @order, @key), /page/certificate
  (@order, @serial, cert, ca: PEM), /page/refusal (@code, text).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="activation-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:template name="page-title"><t:t k="card.agent.title"/></xsl:template>

<xsl:template name="content">
  <section class="card">
    <h1 class="card-title"><t:t k="card.agent.title"/></h1>
    <xsl:choose>
      <xsl:when test="/page/refusal">
        <p class="notice notice-bad" role="alert">
          <xsl:value-of select="/page/refusal"/>
        </p>
      </xsl:when>
      <xsl:when test="/page/accepted">
        <p role="status"><xsl:value-of select="/page/accepted"/></p>
      </xsl:when>
      <xsl:when test="/page/certificate">
        <p role="status"><t:t k="card.agent.certificate"/></p>
      </xsl:when>
      <xsl:otherwise>
        <p><t:t k="card.agent.intro"/></p>
        <dl class="facts-list">
          <div class="fact">
            <dt><t:t k="order.number"/></dt>
            <dd class="mono"><xsl:value-of select="/page/card/@order"/></dd>
          </div>
          <div class="fact">
            <dt><t:t k="activation.method.key"/></dt>
            <dd>
              <xsl:call-template name="key-name">
                <xsl:with-param name="key" select="string(/page/card/@key)"/>
              </xsl:call-template>
            </dd>
          </div>
        </dl>
      </xsl:otherwise>
    </xsl:choose>
  </section>
</xsl:template>

</xsl:stylesheet>
