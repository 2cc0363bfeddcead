<?xml version="1.0" encoding="UTF-8"?>
<!--
  A revocation done (answer to POST /certificates/{id}/revoke with
  confirm=1): when and why the certificate was revoked, and the way
  back to its details.
  Expects /page/order (one) and /page/certificate with serial (and the
  other child elements of certificate.xsl) and revoked[@at @reason].
  A page-level /page/error (revoke.crl-failed: revoked, but the CRL is
  late) shows on top as everywhere.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:t="urn:smime-activation:i18n"
    exclude-result-prefixes="t">

<xsl:import href="layout.xsl"/>
<xsl:include href="orgdata-common.xsl"/>
<xsl:include href="revoke-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"
    doctype-system="about:legacy-compat"/>

<xsl:variable name="order" select="/page/order[1]"/>
<xsl:variable name="cert" select="/page/certificate[1]"/>
<xsl:variable name="revoked" select="$cert/revoked[1]"/>

<xsl:template name="page-title"><t:t k="revoked.title"/></xsl:template>

<xsl:template name="content">
  <section class="card success-box revoked-box" aria-labelledby="revoked-title">
    <span class="success-mark" aria-hidden="true"><span class="icon i-ok"></span></span>
    <div class="success-body">
      <h1 id="revoked-title"><t:t k="revoked.title"/></h1>
      <p role="status"><t:t k="revoked.text"/></p>
      <xsl:if test="string($order/@number)">
        <p class="muted small">
          <t:t k="order.number"/>
          <xsl:text> </xsl:text>
          <span class="mono"><xsl:value-of select="$order/@number"/></span>
        </p>
      </xsl:if>

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
          <dt><t:t k="revoked.at"/></dt>
          <dd>
            <xsl:call-template name="datetime">
              <xsl:with-param name="value" select="$revoked/@at"/>
            </xsl:call-template>
          </dd>
        </div>
        <div class="fact">
          <dt><t:t k="revoked.reason"/></dt>
          <dd class="break">
            <xsl:choose>
              <xsl:when test="string($revoked/@reason)">
                <xsl:call-template name="revoke-reason">
                  <xsl:with-param name="code" select="$revoked/@reason"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise><t:t k="common.none"/></xsl:otherwise>
            </xsl:choose>
          </dd>
        </div>
      </dl>

      <p class="hint-text revoked-next"><t:t k="revoked.next"/></p>

      <div class="success-actions">
        <a class="btn" href="/"><t:t k="common.dashboard"/></a>
        <a class="btn btn-primary" href="/certificates/{$order/@id}"><t:t k="activation.success.details"/></a>
      </div>
    </div>
  </section>
</xsl:template>

</xsl:stylesheet>
